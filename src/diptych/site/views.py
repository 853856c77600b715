"""What a reader of one page in one language gets: each unit's text, state and origin.

A :class:`PageView` joins a source page (segmented) with its catalog for one target
language. For every distinct unit it decides what may be shown:

* the catalog's publishable text (:func:`diptych.catalog.publishable`), if the page's
  judge (:class:`diptych.judge.Judge`) finds that publishing it adds nothing to the
  rendered page that its source lacks and, for front-matter fields, that it is plain text;
* otherwise nothing, and the page shows the Russian unit, marked ``lang="ru"``.

On the reading page, machine output (machine and stale units, see
:func:`diptych.page_catalog.machine_mark`) starts with the site's mark
(:func:`diptych.page_catalog.marked_markup`), which the judge renders too.

Refusing a translation for safety logs a warning naming the catalog file and line. The
build never runs a model; it only reads ``docs/`` and ``translations/``.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..catalog import SETTLED, State
from ..inventory import Inventory
from ..judge import Judge
from ..languages import Language
from ..page_catalog import MARKUP_KINDS, PageCatalog, Record, fallback_markup, marked_markup
from ..segment import Page, Slot, Unit

log = logging.getLogger("mkdocs.diptych")


@dataclass
class PageView:
    rel_path: str  # the source page, relative to docs/, with forward slashes
    lang: Language
    source: Language
    joined: PageCatalog  # the page and its catalog: every unit's state, text and line

    @property
    def page(self) -> Page:
        return self.joined.page

    @property
    def catalog_rel(self) -> str:
        """The catalog relative to the project root, forward slashes."""
        return self.joined.shown

    @property
    def allowed(self) -> Inventory:
        """What the rendered translation may hold (see diptych.judge.Verdict.allowed)."""
        return self.joined.allowed

    @functools.cached_property
    def sanitize(self) -> Callable[[str], str]:
        """The last line of defence for this page's HTML: it keeps what the source page's
        rendering holds, less anything active (which D502 reports in the source)."""
        return self.allowed.without_active().sanitizer()

    def view(self, unit: Unit) -> Record:
        return self.joined.record(unit)

    @property
    def slots(self) -> tuple[Slot, ...]:
        return self.page.slots

    def counts(self) -> dict[State, int]:
        """States of the page's distinct units (what the banner and dashboard count)."""
        return self.joined.counts()

    @property
    def unreviewed(self) -> int:
        counts = self.counts()
        return sum(n for state, n in counts.items() if state not in SETTLED)

    def field(self, name: str) -> tuple[str, bool] | None:
        """A front-matter field as shown: (text, translated?) or None if the page has none."""
        unit = front_matter_unit(self.page, name)
        if unit is None:
            return None
        view = self.view(unit)
        return (view.text, True) if view.text is not None else (unit.text, False)

    @property
    def marks(self) -> set[str]:
        """The marks of machine output the reading page shows ("machine", "stale")."""
        return {
            mark
            for slot in self.slots
            if slot.unit.kind in MARKUP_KINDS and (mark := self.view(slot.unit).mark)
        }

    def markdown(self) -> str:
        """The page in the target language, as Markdown: the source with every publishable
        translation put in its place (machine output with its mark) and every other unit
        kept in Russian, wrapped in a ``<span lang="ru">`` so that the reader's browser
        (and screen reader) knows."""

        def translate(unit: Unit) -> str | None:
            record = self.view(unit)
            if record.text is not None:
                return marked_markup(unit, record.text, record.mark, self.lang)
            return fallback_markup(unit, self.source, self.lang)

        return self.page.render(translate)


def front_matter_unit(page: Page, name: str) -> Unit | None:
    """The unit of a front-matter field (``title``, ``description``) of a source page:
    the one reading of a page's title and lead for the views, the statements list and
    the feeds, as the segmenter read them (and as their catalogs translate them)."""
    kind = f"front-matter:{name}"
    return next((unit for unit in page.units if unit.kind == kind), None)


def source_field(page: Page, name: str) -> str | None:
    """A front-matter field's text in the source language (None: the page has none)."""
    unit = front_matter_unit(page, name)
    return unit.text if unit is not None else None


def build_view(
    rel_path: str,
    catalog_path: Path,
    catalog_rel: str,
    lang: Language,
    source: Language,
    judge: Judge,
    page: Page,
    pseudo: bool = False,
) -> PageView:
    """Join a source page with its catalog for ``lang`` (a missing catalog: all missing)
    and judge what a reader may see as the page will be published; what the judge refuses
    is withheld, with a warning naming the catalog line."""
    joined = PageCatalog.open(
        page,
        rel_path,
        catalog_path,
        catalog_rel,
        lang,
        judge=judge,
        source=source,
        pseudo=pseudo,
    )
    for record in joined.records.values():
        if record.unsafe:
            log.warning(
                "%s:%s: translation not published, it would add what its source does not have: %s",
                catalog_rel,
                record.line or 1,
                "; ".join(record.problems),
            )
    return PageView(rel_path, lang, source, joined)
