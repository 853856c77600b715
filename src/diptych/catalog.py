"""Gettext catalogs: one per page per language, and the states of their entries.

msgid is a unit's source Markdown, msgstr its translation. States:

* missing  -- empty msgstr (the site shows the Russian text);
* machine  -- ``fuzzy`` plus an extracted comment naming the engine, packages and pivot;
* reviewed -- no ``fuzzy`` flag: a person cleared it;
* stale    -- ``fuzzy`` with a previous msgid (``#|``): the source changed after review; the
  reviewed text is kept as an obsolete entry (``#~``) and machine output, if any, stands in.

No command overwrites or drops a reviewed translation: merging moves it to an obsolete
entry at worst. Files are written atomically and only when their bytes change, and entries
follow the page's order with no line numbers or dates, so diffs stay minimal.
"""

from __future__ import annotations

import difflib
import os
import re
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

import polib

from .errors import CatalogError
from .languages import Language, plural_forms

FUZZY = "fuzzy"
# Machine output whose markup could not be restored: kept for the reviewer, never published.
BROKEN = "markup-error"
MACHINE_PREFIX = "machine translation:"
PROBLEM_PREFIX = "markup problem:"
# Minimum similarity for a changed unit to inherit the review state of the one it replaced.
SIMILARITY = 0.5


class State(StrEnum):
    MISSING = "missing"
    MACHINE = "machine"
    REVIEWED = "reviewed"
    STALE = "stale"


def state_of(entry: polib.POEntry) -> State:
    if FUZZY not in entry.flags and entry.msgstr:
        return State.REVIEWED
    if entry.previous_msgid:
        return State.STALE
    return State.MACHINE if entry.msgstr else State.MISSING


def publishable(entry: polib.POEntry) -> str | None:
    """The text the site may show for an entry, or None to fall back to the source."""
    if not entry.msgstr or BROKEN in entry.flags:
        return None
    return str(entry.msgstr)


def needs_translation(entry: polib.POEntry) -> bool:
    return not entry.msgstr


def _line_of(path: Path, needle: str) -> int | None:
    try:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if needle in line:
                return number
    except (OSError, UnicodeDecodeError):
        return None
    return None


_PO_LINE = re.compile(
    r'(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)[ \t]+)?"(?:[^"\\]|\\.)*"'
)


def _lint(text: str) -> tuple[int, str] | None:
    """The first line that is not PO syntax: polib quietly accepts some broken lines."""
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if stripped and not stripped.startswith("#") and not _PO_LINE.fullmatch(stripped):
            return number, "not PO syntax (a keyword and a quoted string, or a quoted string)"
    return None


def _second_line_of(path: Path, msgid_start: str) -> int | None:
    """The line of a duplicate's second msgid (where a reader has to look)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    hits = [n for n, line in enumerate(lines, 1) if line.startswith(f'msgid "{msgid_start}')]
    return hits[1] if len(hits) > 1 else (hits[0] if hits else None)


def load(path: Path, lang: Language | None = None) -> polib.POFile:
    """Parse a catalog; any problem is a CatalogError naming file and line."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise CatalogError(f"cannot read catalog: {exc.strerror}", path=path) from None
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CatalogError(
            "catalog is not valid UTF-8",
            path=path,
            line=raw[: exc.start].count(b"\n") + 1,
            hint="catalogs must be saved as UTF-8",
        ) from None
    bad = _lint(raw.decode("utf-8"))
    if bad is not None:
        raise CatalogError(
            f"broken catalog: {bad[1]}",
            path=path,
            line=bad[0],
            hint="fix the file by hand (or `git checkout` it); no other catalog was touched",
        )
    try:
        po = polib.pofile(str(path), encoding="utf-8", check_for_duplicates=True, wrapwidth=0)
    except (OSError, ValueError) as exc:
        message = str(exc)
        match = re.search(r"line (\d+)", message)
        line = int(match.group(1)) if match else None
        duplicate = re.match(r'Entry "(.*)" already exists', message, re.S)
        if duplicate:
            line = _second_line_of(path, duplicate.group(1).split("\n")[0][:40])
            message = "duplicate entry: the same msgid appears twice"
        message = re.sub(r" in po file .*? \(line \d+\)", "", message)
        raise CatalogError(
            f"broken catalog: {message}",
            path=path,
            line=line,
            hint="fix the file by hand (or `git checkout` it); no other catalog was touched",
        ) from None
    if lang is not None:
        declared = po.metadata.get("Language")
        if declared and declared != lang.code:
            raise CatalogError(
                f"catalog declares Language: {declared}, but its folder is {lang.code}",
                path=path,
                line=_line_of(path, '"Language:'),
                hint=f"set the header to Language: {lang.code} or move the file",
            )
    return po


def new(lang: Language, page: str) -> polib.POFile:
    po = polib.POFile(wrapwidth=0)
    po.header = (
        f"{lang.name} translation of {page}.\n"
        "Maintained by Diptych: edit msgstr, then remove the fuzzy flag to mark it reviewed."
    )
    po.metadata = {
        "Project-Id-Version": page,
        "Language": lang.code,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": plural_forms(lang.code),
        "X-Generator": "Diptych",
    }
    return po


def serialize(po: polib.POFile) -> str:
    po.wrapwidth = 0
    return str(po) if str(po).endswith("\n") else str(po) + "\n"


def save(po: polib.POFile, path: Path) -> bool:
    """Write atomically (temp file + rename), only if the bytes change; True if written."""
    data = serialize(po).encode("utf-8")
    try:
        if path.read_bytes() == data:
            return False
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True


@dataclass
class Merge:
    """What merging a page's units into its catalog changed."""

    pending: list[polib.POEntry] = field(default_factory=list)
    stale: list[polib.POEntry] = field(default_factory=list)
    obsoleted: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)


def _pair(old: Sequence[polib.POEntry], new: Sequence[str]) -> dict[str, polib.POEntry]:
    """Pair changed units with the entries they replaced: by position where the page's
    sequence of units lines up, by similarity otherwise."""
    pairs: dict[str, polib.POEntry] = {}
    matcher = difflib.SequenceMatcher(a=[e.msgid for e in old], b=list(new), autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "replace":
            continue
        candidates = list(old[i1:i2])
        for text in new[j1:j2]:
            best, score = None, SIMILARITY
            for entry in candidates:
                ratio = difflib.SequenceMatcher(a=entry.msgid, b=text, autojunk=False).ratio()
                if ratio >= score:
                    best, score = entry, ratio
            if best is not None:
                pairs[text] = best
                candidates.remove(best)
    return pairs


def merge(po: polib.POFile, units: Iterable[str]) -> Merge:
    """Make the catalog's live entries exactly ``units``, in order, keeping every review."""
    texts = list(dict.fromkeys(units))
    live = {e.msgid: e for e in po if not e.obsolete}
    obsolete = {e.msgid: e for e in po if e.obsolete}
    gone = [e for e in po if not e.obsolete and e.msgid not in set(texts)]
    pairs = _pair(gone, [t for t in texts if t not in live and t not in obsolete])
    result = Merge()
    entries: list[polib.POEntry] = []
    for text in texts:
        entry = live.get(text)
        if entry is None and text in obsolete:
            entry = obsolete.pop(text)  # the source came back: so does its review
            entry.obsolete = False
        if entry is None:
            entry = polib.POEntry(msgid=text, msgstr="")
            old = pairs.get(text)
            if old is not None and state_of(old) in (State.REVIEWED, State.STALE):
                entry.previous_msgid = old.previous_msgid or old.msgid
                entry.flags = [FUZZY]
                entry.tcomment = old.tcomment
                result.stale.append(entry)
        entries.append(entry)
        if needs_translation(entry):
            result.pending.append(entry)
    for entry in gone:
        if state_of(entry) is State.REVIEWED and entry.msgid not in obsolete:
            entry.obsolete = True
            obsolete[entry.msgid] = entry
            result.obsoleted.append(entry.msgid)
        elif state_of(entry) is not State.REVIEWED:
            result.dropped.append(entry.msgid)
    del po[:]
    po.extend(entries)
    po.extend(obsolete.values())
    return result


def set_machine(
    entry: polib.POEntry, text: str, provenance: str, problems: Sequence[str] = ()
) -> None:
    """Store engine output as a machine translation (never called on reviewed entries)."""
    if state_of(entry) is State.REVIEWED:
        raise CatalogError(f"refusing to overwrite a reviewed translation of {entry.msgid[:40]!r}")
    entry.msgstr = text
    flags = [f for f in entry.flags if f not in (FUZZY, BROKEN)]
    entry.flags = [FUZZY, *flags, *([BROKEN] if problems else [])]
    notes = [f"{MACHINE_PREFIX} {provenance}"]
    notes += [f"{PROBLEM_PREFIX} {problem}" for problem in problems]
    kept = [
        line
        for line in (entry.comment or "").splitlines()
        if not line.startswith((MACHINE_PREFIX, PROBLEM_PREFIX))
    ]
    entry.comment = "\n".join([*kept, *notes])


def counts(po: polib.POFile) -> dict[State, int]:
    tally = dict.fromkeys(State, 0)
    for entry in po:
        if not entry.obsolete:
            tally[state_of(entry)] += 1
    return tally
