"""What a reader of one page in one language gets: each unit's text, state and origin.

A :class:`PageView` joins a source page (segmented) with its catalog for one target
language. For every distinct unit it decides what may be shown:

* the catalog's publishable text (:func:`diptych.catalog.publishable`), if the page's
  judge (:class:`diptych.judge.Judge`) finds that publishing it adds nothing to the
  rendered page that its source lacks and, for front-matter fields, that it is plain text;
* otherwise nothing, and the page shows the Russian unit, marked ``lang="ru"``.

Refusing a translation for safety logs a warning naming the catalog file and line. The
build never runs a model; it only reads ``docs/`` and ``translations/``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

import polib

from .. import catalog
from ..catalog import State
from ..inventory import Inventory
from ..judge import Judge
from ..languages import Language
from ..segment import Page, Slot, Unit, segment_file

log = logging.getLogger("mkdocs.diptych")


@dataclass(frozen=True)
class UnitView:
    unit: Unit
    state: State
    text: str | None  # the translation to show; None: show the Russian unit
    entry_line: int | None = None  # line of the entry's msgstr in its catalog
    withheld: str | None = None  # why a translation that exists is not shown

    @property
    def shown_state(self) -> str:
        """The state a reader is told about (withheld texts are said to be withheld)."""
        return self.withheld or self.state.value


@dataclass
class PageView:
    rel_path: str  # the source page, relative to docs/, with forward slashes
    page: Page
    lang: Language
    source: Language
    catalog_path: Path
    catalog_rel: str  # the catalog relative to the project root, forward slashes
    units: dict[str, UnitView] = field(default_factory=dict)
    # What the rendered translation may hold (see diptych.judge.Verdict.allowed).
    allowed: Inventory = field(default_factory=lambda: Inventory(frozenset()))

    def view(self, unit: Unit) -> UnitView:
        return self.units[unit.text]

    @property
    def slots(self) -> tuple[Slot, ...]:
        return self.page.slots

    def counts(self) -> dict[State, int]:
        """States of the page's distinct units (what the banner and dashboard count)."""
        tally = dict.fromkeys(State, 0)
        for view in self.units.values():
            tally[view.state] += 1
        return tally

    @property
    def unreviewed(self) -> int:
        counts = self.counts()
        return sum(n for state, n in counts.items() if state is not State.REVIEWED)

    def field(self, name: str) -> tuple[str, bool] | None:
        """A front-matter field as shown: (text, translated?) or None if the page has none."""
        for unit in self.page.units:
            if unit.kind == f"front-matter:{name}":
                view = self.view(unit)
                return (view.text, True) if view.text is not None else (unit.text, False)
        return None

    def markdown(self) -> str:
        """The page in the target language, as Markdown: the source with every publishable
        translation put in its place and every other unit kept in Russian, wrapped in a
        ``<span lang="ru">`` so that the reader's browser (and screen reader) knows."""

        def translate(unit: Unit) -> str | None:
            text = self.view(unit).text
            if text is not None:
                return text
            return fallback_markup(unit, self.source, self.lang)

        return self.page.render(translate)


def fallback_markup(unit: Unit, source: Language, lang: Language) -> str | None:
    """The source unit wrapped to mark its language, where the unit's place allows it."""
    if unit.kind not in ("paragraph", "heading", "cell"):
        return None  # front matter and admonition titles cannot hold markup
    direction = f" dir={source.dir}" if source.rtl != lang.rtl else ""
    return f'<span lang={source.code}{direction} class="dp-untranslated">{unit.text}</span>'


def _msgstr_line(path: Path, lines: list[str] | None, entry: polib.POEntry) -> int | None:
    if lines is None or not entry.linenum:
        return None
    for number in range(entry.linenum, len(lines) + 1):
        if lines[number - 1].startswith("msgstr"):
            return number
    return int(entry.linenum)


def build_view(
    page_path: Path,
    rel_path: str,
    catalog_path: Path,
    catalog_rel: str,
    lang: Language,
    source: Language,
    judge: Judge,
    page: Page | None = None,
) -> PageView:
    """Join a source page with its catalog for ``lang`` (a missing catalog: all missing).
    ``page`` is the page at ``page_path`` already segmented (read and segmented if None).
    Every publishable translation is put before ``judge`` as the page will be published;
    what it refuses is withheld, with a warning naming the catalog line."""
    if page is None:
        page = segment_file(page_path)
    view = PageView(rel_path, page, lang, source, catalog_path, catalog_rel)
    entries: dict[str, polib.POEntry] = {}
    lines: list[str] | None = None
    if catalog_path.is_file():
        po = catalog.load(catalog_path, lang)
        entries = {e.msgid: e for e in po if not e.obsolete}
        lines = catalog_path.read_text(encoding="utf-8").splitlines()
    candidates: dict[str, str] = {}
    for unit in page.units:
        entry = entries.get(unit.text)
        text = catalog.publishable(entry) if entry is not None else None
        if text is not None:
            candidates[unit.text] = text
    verdict = judge.page(page, candidates, lambda unit: fallback_markup(unit, source, lang))
    refused = verdict.refused
    view.allowed = verdict.allowed
    for unit in page.units:
        entry = entries.get(unit.text)
        if entry is None:
            view.units[unit.text] = UnitView(unit, State.MISSING, None)
            continue
        line = _msgstr_line(catalog_path, lines, entry)
        text = candidates.get(unit.text)
        withheld = "withheld" if text is None and entry.msgstr else None
        if unit.text in refused:
            log.warning(
                "%s:%s: translation not published, it would add what its source does not have: %s",
                catalog_rel,
                line or entry.linenum,
                "; ".join(refused[unit.text]),
            )
            text, withheld = None, "unsafe"
        view.units[unit.text] = UnitView(unit, catalog.state_of(entry), text, line, withheld)
    return view
