"""What changed in a Russian unit since its translation was reviewed: a word-level diff.

A unit is *stale* when its Russian source changed after a person reviewed its translation
(:mod:`diptych.catalog`); the reviewer then needs the old source, the new one and what a
person wrote for the old one. :func:`word_diff` compares two texts word by word: both are
cut into words and punctuation by razdel (the splitter the pipeline already uses for
Russian), with the text between tokens (spaces, line breaks) kept as tokens of its own, so
that the segments put back together give each text exactly, byte for byte.
:func:`stale_change` reads a unit's change from the page's model
(:class:`diptych.page_catalog.Record`, the one owner of a unit's state); the site and
``diptych review`` both show it from there.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import NamedTuple

import razdel

from .catalog import State
from .page_catalog import Record


class Op(StrEnum):
    EQUAL = "equal"
    DELETED = "deleted"
    INSERTED = "inserted"


class Segment(NamedTuple):
    op: Op
    text: str


def tokens(text: str) -> list[str]:
    """``text`` as razdel's tokens with what lies between them (spaces, line breaks) as
    tokens of their own: ``"".join(tokens(text)) == text``."""
    out: list[str] = []
    end = 0
    for token in razdel.tokenize(text):
        if token.start > end:
            out.append(text[end : token.start])
        if token.stop > max(token.start, end):
            out.append(text[max(token.start, end) : token.stop])
        end = max(end, token.stop)
    if end < len(text):
        out.append(text[end:])
    return out


def word_diff(old: str, new: str) -> tuple[Segment, ...]:
    """The change from ``old`` to ``new``, word by word: equal, deleted and inserted
    segments in reading order (a deletion before the insertion that replaces it). Joining
    the equal and deleted segments gives ``old``; the equal and inserted ones, ``new``."""
    a, b = tokens(old), tokens(new)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    raw: list[Segment] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            raw.append(Segment(Op.EQUAL, "".join(a[i1:i2])))
            continue
        if i2 > i1:
            raw.append(Segment(Op.DELETED, "".join(a[i1:i2])))
        if j2 > j1:
            raw.append(Segment(Op.INSERTED, "".join(b[j1:j2])))
    return _tidy(raw)


def _tidy(raw: Sequence[Segment]) -> tuple[Segment, ...]:
    """Reading order: a space alone between two changes joins them (``[-a b-]{+x y+}``, not
    ``[-a-]{+x+} [-b-]{+y+}``), and each run of changes is one deletion, then one
    insertion."""
    runs: list[list[Segment]] = []  # alternately changes and equal text
    for index, segment in enumerate(raw):
        between = (
            segment.op is Op.EQUAL
            and not segment.text.strip()
            and 0 < index < len(raw) - 1
            and raw[index - 1].op is not Op.EQUAL
            and raw[index + 1].op is not Op.EQUAL
        )
        if between:
            parts = [Segment(Op.DELETED, segment.text), Segment(Op.INSERTED, segment.text)]
        else:
            parts = [segment]
        for part in parts:
            changed = part.op is not Op.EQUAL
            if runs and (runs[-1][0].op is not Op.EQUAL) == changed:
                runs[-1].append(part)
            else:
                runs.append([part])
    out: list[Segment] = []
    for run in runs:
        if run[0].op is Op.EQUAL:
            out.append(Segment(Op.EQUAL, "".join(s.text for s in run)))
            continue
        for op in (Op.DELETED, Op.INSERTED):
            text = "".join(s.text for s in run if s.op is op)
            if text:
                out.append(Segment(op, text))
    return tuple(out)


def old_text(segments: Iterable[Segment]) -> str:
    return "".join(s.text for s in segments if s.op is not Op.INSERTED)


def new_text(segments: Iterable[Segment]) -> str:
    return "".join(s.text for s in segments if s.op is not Op.DELETED)


def plain(segments: Iterable[Segment]) -> str:
    """The diff as text, the way ``git diff --word-diff`` writes it: ``[-old-]{+new+}``."""
    marks = {Op.EQUAL: ("", ""), Op.DELETED: ("[-", "-]"), Op.INSERTED: ("{+", "+}")}
    return "".join(marks[s.op][0] + s.text + marks[s.op][1] for s in segments)


@dataclass(frozen=True)
class Change:
    """A stale unit's change: the Russian it had when reviewed, the Russian it has now,
    and the translation a person wrote for the old one (None if the catalog kept none)."""

    old: str
    new: str
    previous: str | None

    @property
    def segments(self) -> tuple[Segment, ...]:
        return word_diff(self.old, self.new)


def stale_change(record: Record) -> Change | None:
    """The change of a stale unit, as the page's model records it (None: not stale)."""
    entry = record.entry
    if record.state is not State.STALE or entry is None or not entry.previous_msgid:
        return None
    kept = record.kept
    previous = str(kept.msgstr) if kept is not None and kept.msgstr else None
    return Change(str(entry.previous_msgid), record.unit.text, previous)
