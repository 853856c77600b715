"""D501-D503: nothing a translation or a page puts on the site may run code or lead
readers elsewhere. D501 and D502 are the verdicts of :class:`diptych.judge.Judge`, which
the site build and ``diptych review`` ask too."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import polib

from ..catalog import is_unit_entry, publishable
from ..judge import Judge
from ..segment import Page
from .base import CatalogInfo, Finding


def verdicts(info: CatalogInfo, judge: Judge) -> Iterator[tuple[polib.POEntry, list[str]]]:
    """Each entry with a translation, fuzzy and obsolete ones included, with what publishing
    it would add (empty: nothing). An entry of a unit of the page has the verdict of the
    page's model (:class:`~diptych.page_catalog.PageCatalog`: judged in the rendered page,
    as the site publishes it); any other (an obsolete entry comes back with its unit) is
    judged alone."""
    assert info.po is not None
    joined = info.joined
    records = joined.records if joined is not None else {}
    page = joined.page if joined is not None else (info.page.page if info.page else None)
    for entry in info.po:
        if not entry.msgstr:
            continue
        record = records.get(entry.msgid)
        live = not entry.obsolete and is_unit_entry(entry) and publishable(entry) is not None
        if live and record is not None and record.entry is not None:
            yield entry, list(record.problems) if record.unsafe else []
            continue
        yield entry, judge.entry(page, entry.msgid, entry.msgstr)


def catalog(info: CatalogInfo, judge: Judge) -> Iterator[Finding]:
    """D501 for each translation the site would refuse to publish."""
    for entry, problems in verdicts(info, judge):
        for description in problems:
            yield info.finding("D501", entry, f"publishing the translation would add {description}")


# Embeddings, overrides and isolates: they change display order and are invisible.
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def bidi_controls(info: CatalogInfo) -> Iterator[Finding]:
    """D503 on live entries whose translation has bidi controls its source does not."""
    assert info.po is not None
    for entry in info.po:
        if entry.obsolete or not entry.msgstr:
            continue
        added = sorted(set(BIDI_CONTROLS.findall(entry.msgstr)) - set(entry.msgid))
        if added:
            names = ", ".join(f"U+{ord(ch):04X}" for ch in added)
            message = f"the translation adds bidirectional control characters {names}"
            yield info.finding("D503", entry, message)


def page(path: Path, page: Page, judge: Judge) -> Iterator[Finding]:
    """Active content in a source page as the site renders it, each at the first line
    where it shows."""
    for line, description in judge.source_page(page):
        yield Finding("D502", path, line, f"the page contains {description}")
