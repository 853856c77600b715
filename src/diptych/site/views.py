"""What a reader of one page in one language gets: each unit's text, state and origin.

A :class:`PageView` joins a source page (segmented) with its catalog for one target
language. For every distinct unit it decides what may be shown:

* the catalog's publishable text (:func:`diptych.catalog.publishable`), if it passes the
  safety check (:func:`diptych.safety.injected_markup`) and, for front-matter fields, is
  plain text (titles and descriptions end up in HTML attributes and ``<title>``);
* otherwise nothing, and the page shows the Russian unit, marked ``lang="ru"``.

Refusing a translation for safety logs a warning naming the catalog file and line. The
build never runs a model; it only reads ``docs/`` and ``translations/``.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import polib

from .. import catalog
from ..catalog import State
from ..languages import Language
from ..safety import injected_markup
from ..segment import Page, Slot, Unit, segment_file

log = logging.getLogger("mkdocs.diptych")

# Characters a front-matter translation may not have: titles and descriptions are shown by
# the theme without escaping in places (<title>, nav), so they must be plain text.
_NOT_IN_FIELDS = ("<", ">", "&")


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


def check_translation(unit: Unit, text: str, references: dict[str, object]) -> list[str]:
    """Problems that forbid showing ``text`` as the translation of ``unit`` (empty: fine)."""
    problems = list(injected_markup(unit.text, text, references))
    if unit.kind.startswith("front-matter:"):
        bad = sorted({ch for ch in text if ch in _NOT_IN_FIELDS and ch not in unit.text})
        if bad:
            problems.append(
                "front-matter field with markup characters " + " ".join(html.escape(b) for b in bad)
            )
    return problems


def build_view(
    page_path: Path,
    rel_path: str,
    catalog_path: Path,
    catalog_rel: str,
    lang: Language,
    source: Language,
    page: Page | None = None,
) -> PageView:
    """Join a source page with its catalog for ``lang`` (a missing catalog: all missing).
    ``page`` is the page at ``page_path`` already segmented (read and segmented if None)."""
    if page is None:
        page = segment_file(page_path)
    view = PageView(rel_path, page, lang, source, catalog_path, catalog_rel)
    entries: dict[str, polib.POEntry] = {}
    lines: list[str] | None = None
    if catalog_path.is_file():
        po = catalog.load(catalog_path, lang)
        entries = {e.msgid: e for e in po if not e.obsolete}
        lines = catalog_path.read_text(encoding="utf-8").splitlines()
    for unit in page.units:
        entry = entries.get(unit.text)
        if entry is None:
            view.units[unit.text] = UnitView(unit, State.MISSING, None)
            continue
        state = catalog.state_of(entry)
        line = _msgstr_line(catalog_path, lines, entry)
        text = catalog.publishable(entry)
        withheld = None
        if text is None and entry.msgstr:
            withheld = "withheld"
        elif text is not None:
            problems = check_translation(unit, text, page.references)
            if problems:
                log.warning(
                    "%s:%s: translation not published, it adds markup its source does not have: %s",
                    catalog_rel,
                    line or entry.linenum,
                    "; ".join(problems),
                )
                text, withheld = None, "unsafe"
        view.units[unit.text] = UnitView(unit, state, text, line, withheld)
    return view


def total_counts(views: Iterable[PageView]) -> dict[State, int]:
    tally = dict.fromkeys(State, 0)
    for view in views:
        for state, n in view.counts().items():
            tally[state] += n
    return tally
