"""One source page joined with its catalog for one language: the one place that does it.

``translate``, ``status``, ``check``, ``review`` and the site all ask a
:class:`PageCatalog` what a unit's state is, what a reader may see of it, whether the
judge lets it be published, and where a person finds it in the catalog file. None of them
joins pages and catalogs on its own, so they cannot disagree.

The join is the merge a run of ``diptych translate`` would make (:func:`diptych.catalog.
merge`), done in memory: a reviewed unit whose Russian text was edited is *stale* for
every tool at once, whether or not ``translate`` has run since, because the old entry is
matched to the new unit the same way. What a reader may see is then put before the judge
(:mod:`diptych.judge`) as the page will be published; a translation it refuses is
*withheld*.
"""

from __future__ import annotations

import bisect
import copy
import functools
import html
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypedDict, Unpack

import polib

from . import catalog
from .catalog import State
from .inventory import Inventory
from .judge import Judge
from .languages import Language
from .segment import Page, Unit
from .ui import ui

# Units whose place on the page can hold markup (front matter and admonition titles
# cannot): the site marks them when they are shown in Russian or as machine output.
MARKUP_KINDS = ("paragraph", "heading", "cell")


def _fallback(unit: Unit, source: Language, lang: Language) -> str | None:
    return fallback_markup(unit, source, lang)


def fallback_markup(unit: Unit, source: Language, lang: Language) -> str | None:
    """The source unit as a page in ``lang`` shows it: wrapped to mark its language, where
    the unit's place allows markup (None: as it is)."""
    if unit.kind not in MARKUP_KINDS:
        return None  # front matter and admonition titles cannot hold markup
    direction = f" dir={source.dir}" if source.rtl != lang.rtl else ""
    return f'<span lang={source.code}{direction} class="dp-untranslated">{unit.text}</span>'


def machine_mark(state: State, entry: polib.POEntry | None) -> str | None:
    """Whether text shown for a unit is an engine's output, and which: ``"machine"``
    (machine translation, or pseudo-localised text in a layout preview), ``"stale"`` (a
    machine stand-in for a unit whose source changed after review), None (a person's
    words: reviewed or edited)."""
    if state is State.STALE:
        return "stale"
    if state is State.MACHINE or (entry is not None and catalog.is_pseudo(entry)):
        return "machine"
    return None


def marked_markup(unit: Unit, text: str, mark: str | None, lang: Language) -> str:
    """A translation as the page in ``lang`` shows it: machine output (``mark``, see
    :func:`machine_mark`) starts with the site's mark, an empty element that screen
    readers announce by its label and CSS draws (``.dp-mark``), where the unit's place
    allows markup. It wraps nothing, so nothing in the translation can close it or leave
    it early; the judge renders the page with it (:data:`diptych.judge.MARK`)."""
    if mark is None or unit.kind not in MARKUP_KINDS:
        return text
    label = html.escape(ui(lang.code, "mark." + mark), quote=True)
    return (
        f'<span class="dp-mark dp-mark--{mark}" role="img" aria-label="{label}"></span>'
        + text.lstrip()
    )


@dataclass(frozen=True)
class Record:
    """What every tool knows about one unit of a page in one language."""

    unit: Unit
    state: State
    # What a reader may see; None: the Russian unit.
    text: str | None
    # The unit's entry in the merged catalog (None: the catalog has none yet).
    entry: polib.POEntry | None
    # Where a person finds the unit in the catalog file: its msgid line (for a unit made
    # stale by an edit of the page that no run has merged yet, the old entry's line).
    line: int | None
    # Why a translation that exists may not be published (the judge's words, or the
    # markup problem the engine's output had).
    problems: tuple[str, ...] = ()
    # Stale: the entry holding the words a person wrote for the old source.
    kept: polib.POEntry | None = None
    # Withheld by the judge (unsafe markup), not for a markup problem of the engine's.
    unsafe: bool = False
    # The line of the msgstr to edit (where "suggest a fix" opens the file).
    edit_line: int | None = None

    @property
    def shown_state(self) -> str:
        """The state as the side-by-side view labels it."""
        return "unsafe" if self.unsafe else self.state.value

    @property
    def mark(self) -> str | None:
        """How the reading page marks the text shown as machine output (see
        :func:`machine_mark`); None where a person's words or the Russian unit show."""
        return machine_mark(self.state, self.entry) if self.text is not None else None

    @property
    def score(self) -> float | None:
        """How sure the model was of the machine text awaiting review (machine, or standing
        in for a stale unit): the score its run recorded (:func:`diptych.catalog.score_of`,
        the lower the weaker); None for any other unit or where none was recorded."""
        if self.entry is None or self.state not in (State.MACHINE, State.STALE):
            return None
        return catalog.score_of(self.entry)


class Showing(TypedDict, total=False):
    """How a joined catalog is shown (see :meth:`PageCatalog.open`)."""

    judge: Judge | None
    source: Language | None
    pseudo: bool


@dataclass
class PageCatalog:
    page: Page
    lang: Language
    path: Path  # the catalog file (it may not exist yet)
    shown: str  # the catalog as messages name it (relative to the project root)
    po: polib.POFile  # the catalog as a run would leave it: merged with the page's units
    file: polib.POFile | None  # the catalog as read (None: there is no file)
    text: str  # the file's text ("" if none)
    lines: dict[int, int]  # id(entry of `file`) -> its msgid line
    merge: catalog.Merge
    records: dict[str, Record] = field(default_factory=dict)
    # What the published translation may hold (see diptych.judge.Verdict.allowed).
    allowed: Inventory = field(default_factory=lambda: Inventory(frozenset()))
    _msgstr_lines: list[int] = field(default_factory=list, repr=False)

    @classmethod
    def open(
        cls, page: Page, rel: str, path: Path, shown: str, lang: Language, **how: Unpack[Showing]
    ) -> PageCatalog:
        """Join ``page`` (``rel``: its path relative to docs/) with the catalog at
        ``path``. With a ``judge``, what a reader may see is judged as the page will be
        published, the units shown in Russian wrapped as the site wraps them (with
        ``source``, the source language: :func:`fallback_markup`) and machine output
        marked as the site marks it (:func:`marked_markup`); ``pseudo`` lets
        pseudo-localised text be shown (a layout preview).
        A catalog that cannot be read raises :class:`~diptych.errors.CatalogError`."""
        if path.is_file():
            file = catalog.load(path, lang)
            text = path.read_text(encoding="utf-8")
        else:
            file, text = None, ""
        return cls.join(page, rel, path, shown, lang, file, text, **how)

    @classmethod
    def join(
        cls,
        page: Page,
        rel: str,
        path: Path,
        shown: str,
        lang: Language,
        file: polib.POFile | None,
        text: str,
        *,
        judge: Judge | None = None,
        source: Language | None = None,
        pseudo: bool = False,
    ) -> PageCatalog:
        """As :meth:`open`, for a catalog already parsed (``file``, from ``text``; None:
        no catalog). ``file`` is read, never changed."""
        if file is not None:
            lines = catalog.msgid_lines(text, file)
            po = copy.deepcopy(file)  # merged below; `file` stays as read
        else:
            lines = {}
            po = catalog.new(lang, rel)
        merged = catalog.merge(po, [unit.text for unit in page.units])
        joined = cls(page, lang, path, shown, po, file, text, lines, merged)
        fallback = None
        if source is not None:
            fallback = functools.partial(_fallback, source=source, lang=lang)
        joined._derive(judge, fallback, pseudo)
        return joined

    # -- the join --------------------------------------------------------------------

    def _file_entries(self) -> dict[str, polib.POEntry]:
        if self.file is None:
            return {}
        return {e.msgid: e for e in self.file if not e.obsolete and catalog.is_unit_entry(e)}

    def _derive(
        self,
        judge: Judge | None,
        fallback: Callable[[Unit], str | None] | None,
        pseudo: bool,
    ) -> None:
        in_file = self._file_entries()
        merged = {e.msgid: e for e in self.po if not e.obsolete and catalog.is_unit_entry(e)}
        kept = {e.msgid: e for e in self.po if e.obsolete and catalog.persons_words(e)}
        candidates: dict[str, str] = {}
        marks: dict[str, str | None] = {}
        for unit in self.page.units:
            entry = merged.get(unit.text)
            if entry is not None:
                text = catalog.publishable(entry, pseudo)
                if text is not None:
                    candidates[unit.text] = text
                    marks[unit.text] = machine_mark(catalog.state_of(entry), entry)
        refused: dict[str, list[str]] = {}
        if judge is not None:

            def marked(unit: Unit, text: str) -> str:
                return marked_markup(unit, text, marks.get(unit.text), self.lang)

            # The page as the site publishes it (with ``source``): machine output marked.
            verdict = judge.page(
                self.page,
                candidates,
                fallback or (lambda unit: None),
                present=marked if fallback is not None else None,
            )
            refused, self.allowed = verdict.refused, verdict.allowed
        for unit in self.page.units:
            entry = merged.get(unit.text)
            if entry is None:
                self.records[unit.text] = Record(unit, State.MISSING, None, None, None)
                continue
            state = catalog.state_of(entry)
            source = in_file.get(unit.text)
            old = None
            if source is None and entry.previous_msgid:
                source = in_file.get(entry.previous_msgid)
                old = kept.get(entry.previous_msgid)
            elif state is State.STALE and entry.previous_msgid:
                old = kept.get(entry.previous_msgid)
            line = self.lines.get(id(source)) if source is not None else None
            text = candidates.get(unit.text)
            problems: tuple[str, ...] = ()
            unsafe = unit.text in refused
            if unsafe:
                text, state, problems = None, State.WITHHELD, tuple(refused[unit.text])
            elif state is State.WITHHELD:
                problems = tuple(catalog.problems_of(entry))
            self.records[unit.text] = Record(
                unit, state, text, entry, line, problems, old, unsafe, self._msgstr_line(line)
            )

    def _msgstr_line(self, line: int | None) -> int | None:
        """The first msgstr line at or after ``line`` (one search per unit: linear)."""
        if line is None:
            return None
        if not self._msgstr_lines:
            self._msgstr_lines.extend(
                n for n, row in enumerate(self.text.split("\n"), 1) if row.startswith("msgstr")
            )
        found = bisect.bisect_left(self._msgstr_lines, line)
        return self._msgstr_lines[found] if found < len(self._msgstr_lines) else line

    # -- questions every tool asks ---------------------------------------------------

    def record(self, unit: Unit) -> Record:
        return self.records[unit.text]

    def counts(self) -> dict[State, int]:
        """States of the page's distinct units."""
        tally = dict.fromkeys(State, 0)
        for record in self.records.values():
            tally[record.state] += 1
        return tally

    def entry_at(self, line: int) -> polib.POEntry | None:
        """The live entry of the catalog file at ``line`` (see :func:`entry_at`)."""
        return entry_at(self.file, self.text, line) if self.file is not None else None


def entry_at(file: polib.POFile, text: str, line: int) -> polib.POEntry | None:
    """The live entry that ``line`` of the catalog belongs to (one of its comment, flag,
    msgid or msgstr lines), or None: a blank line, the header, an obsolete entry, or a
    line past the end."""
    rows = text.split("\n")
    if not 1 <= line <= len(rows) or not rows[line - 1].strip():
        return None
    found: polib.POEntry | None = None
    for entry in sorted(file, key=lambda e: e.linenum or 0):
        if (entry.linenum or 0) <= line:
            found = entry
    if found is None or found.obsolete:
        return None
    return found
