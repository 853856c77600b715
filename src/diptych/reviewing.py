"""What a reviewer does to one entry, as a library: open a catalog with its page, ask which
errors an entry would have once reviewed, and mark it reviewed.

``diptych review`` and ``diptych suggest`` (a volunteer's fix sent through an issue form)
both go through here, so a translation reaches ``reviewed`` by one set of rules: every rule
of ``diptych check`` that is an error for a reviewed entry, with its markup judged in its
page among the catalog's other translations exactly as the site would publish it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import polib

from . import catalog
from .catalog import BROKEN, COPIED_PREFIX, FUZZY, State, msgid_lines, state_of
from .check import injection
from .check.base import CatalogInfo, Finding
from .check.rules import Severity
from .check.runner import Checker


@dataclass
class Opened:
    """A catalog read for review, joined with its page (``info.joined``)."""

    info: CatalogInfo

    @property
    def po(self) -> polib.POFile:
        assert self.info.po is not None
        return self.info.po

    def line_of(self, entry: polib.POEntry) -> int:
        return self.info.line_of(entry)

    @property
    def belongs(self) -> bool:
        """The catalog belongs to a page of the site in one of its target languages."""
        return self.info.lang is not None and self.info.page is not None


def open_catalog(checker: Checker, path: Path) -> Opened:
    """Read the catalog at ``path`` (a CatalogError if it cannot be read) and join it with
    its page, as every tool does (:class:`diptych.page_catalog.PageCatalog`)."""
    lang, page = checker.locate(path)
    po = catalog.load(path, lang)
    text = path.read_text(encoding="utf-8")
    info = CatalogInfo(path, lang, page, po, text, msgid_lines(text, po))
    checker.join(info)
    return Opened(info)


def problems(checker: Checker, opened: Opened, entry: polib.POEntry) -> list[Finding]:
    """Errors the entry would have once reviewed (fuzzy cleared), as ``check`` would report
    them: its markup judged in its page with the catalog's other translations, as the site
    would publish it, and every other rule on the entry alone."""
    info = opened.info
    assert info.po is not None and info.lang is not None
    trial = polib.POEntry(msgid=entry.msgid, msgstr=entry.msgstr, tcomment=entry.tcomment)
    solo = polib.POFile(wrapwidth=0)
    solo.append(trial)
    probe = CatalogInfo(info.path, info.lang, info.page, solo, info.text, {id(trial): 1})
    page = polib.POFile(wrapwidth=0)
    for other in info.po:
        if other is not entry and not other.obsolete:
            page.append(other)
    page.append(trial)
    in_page = CatalogInfo(info.path, info.lang, info.page, page, info.text)
    refused = [
        Finding("D501", info.path, 1, f"publishing the translation would add {description}")
        for judged, found in injection.verdicts(in_page, checker.judge)
        if judged is trial
        for description in found
    ]
    findings = [
        *checker.content(probe, info.lang),
        *refused,
        *injection.bidi_controls(probe),
    ]
    return [f for f in findings if checker.severity(f) is Severity.ERROR]


def mark_reviewed(entry: polib.POEntry) -> State:
    """Clear ``fuzzy`` (and the markup-error flag, the previous msgid, and the note of a
    copied unit): the entry is a person's reviewed translation. Returns the state it had."""
    was = state_of(entry)
    if was is State.COPIED:
        entry.comment = "\n".join(
            line for line in entry.comment.splitlines() if not line.startswith(COPIED_PREFIX)
        )
    entry.flags = [f for f in entry.flags if f not in (FUZZY, BROKEN)]
    entry.previous_msgid = None
    entry.previous_msgctxt = None
    return was
