"""Gettext catalogs: one per page per language, and the state of each entry.

msgid is a unit's source Markdown, msgstr its translation. States (:func:`state_of`):

* missing  -- empty msgstr, or pseudo-localised text (the site shows the Russian text);
* machine  -- ``fuzzy`` plus extracted comments naming the engine, packages and pivot
  (``#. machine translation: ...``) and a fingerprint of the text the engine wrote
  (``#. machine text: sha256:...``);
* edited   -- ``fuzzy``, but the text is no longer what the engine wrote: a person changed
  it and has not cleared the flag. Awaits review; no run overwrites it;
* reviewed -- no ``fuzzy`` flag: a person cleared it;
* stale    -- ``fuzzy`` with a previous msgid (``#|``): the source changed after review; the
  reviewed text is kept as an obsolete entry (``#~``) and machine output, if any, stands in;
* withheld -- text that may not be published: machine output whose markup could not be
  restored (flag ``markup-error``), or (decided with the page, see
  :mod:`diptych.page_catalog`) a translation the judge refuses.

No command overwrites or drops a reviewed or edited translation: merging moves it to an
obsolete entry at worst. Entries Diptych does not make (with ``msgctxt`` or plural forms)
are kept as they are. Files are written atomically and only when their bytes change, and
entries follow the page's order with no line numbers or dates, so diffs stay minimal.
"""

from __future__ import annotations

import difflib
import hashlib
import os
import re
import tempfile
from collections.abc import Iterable, Iterator, Sequence
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
FINGERPRINT_PREFIX = "machine text:"
PROBLEM_PREFIX = "markup problem:"
# Provenance of pseudo-localised text: never published, always replaced by a real engine.
PSEUDO_PREFIX = f"{MACHINE_PREFIX} pseudo "
# Minimum similarity for a changed unit to inherit the review state of the one it replaced.
SIMILARITY = 0.5


class State(StrEnum):
    MISSING = "missing"
    MACHINE = "machine"
    EDITED = "edited"
    REVIEWED = "reviewed"
    STALE = "stale"
    WITHHELD = "withheld"


# States whose text a person wrote or approved: no run may overwrite or drop it.
PERSONS = frozenset({State.EDITED, State.REVIEWED})


def fingerprint(text: str) -> str:
    """What the engine wrote, as the catalog remembers it (to tell a person's edit)."""
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _notes(entry: polib.POEntry, prefix: str) -> list[str]:
    return [
        line[len(prefix) :].strip()
        for line in (entry.comment or "").splitlines()
        if line.startswith(prefix)
    ]


def is_pseudo(entry: polib.POEntry) -> bool:
    """Pseudo-localised text (``--engine pseudo``): a test of layout, not a translation.
    Once a person clears ``fuzzy``, the text is theirs."""
    return FUZZY in entry.flags and any(
        line.startswith(PSEUDO_PREFIX) for line in (entry.comment or "").splitlines()
    )


def is_edited(entry: polib.POEntry) -> bool:
    """Text that is not what an engine wrote: its fingerprint does not match, or no engine
    claims it (a fuzzy entry a person typed, in Poedit say)."""
    if not entry.msgstr or is_pseudo(entry):
        return False
    recorded = _notes(entry, FINGERPRINT_PREFIX)
    if recorded:
        return recorded[-1] != fingerprint(str(entry.msgstr))
    return not _notes(entry, MACHINE_PREFIX)


def persons_words(entry: polib.POEntry) -> bool:
    """Whether the entry holds text a person wrote or approved (never to be lost)."""
    if not entry.msgstr and not any(entry.msgstr_plural.values()):
        return False
    return FUZZY not in entry.flags or is_edited(entry) or not is_unit_entry(entry)


def is_unit_entry(entry: polib.POEntry) -> bool:
    """An entry of the kind Diptych makes: no context, no plural forms."""
    return entry.msgctxt is None and not entry.msgid_plural


def state_of(entry: polib.POEntry) -> State:
    if not entry.msgstr or is_pseudo(entry):
        return State.STALE if entry.previous_msgid else State.MISSING
    if BROKEN in entry.flags:
        return State.WITHHELD
    if FUZZY not in entry.flags:
        return State.REVIEWED
    if entry.previous_msgid:
        return State.STALE
    return State.EDITED if is_edited(entry) else State.MACHINE


def publishable(entry: polib.POEntry, pseudo: bool = False) -> str | None:
    """The text the site may show for an entry, or None to fall back to the source.
    Pseudo-localised text only where ``pseudo`` asks for a layout preview."""
    if not entry.msgstr or BROKEN in entry.flags:
        return None
    if is_pseudo(entry) and not pseudo:
        return None
    return str(entry.msgstr)


def problems_of(entry: polib.POEntry) -> list[str]:
    """The markup problems the engine's output had (why ``markup-error`` withholds it)."""
    return _notes(entry, PROBLEM_PREFIX)


def needs_translation(entry: polib.POEntry, pseudo: bool = False) -> bool:
    """Whether a run translates the entry: it has no text, or (unless the run itself
    pseudo-localises) only pseudo-localised text, which a real engine always replaces."""
    return not entry.msgstr or (is_pseudo(entry) and not pseudo)


def _line_of(path: Path, needle: str) -> int | None:
    try:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if needle in line:
                return number
    except (OSError, UnicodeDecodeError):
        return None
    return None


_MSGID = re.compile(r"^(?:#~\s*)?msgid\s")
# A PO string: double quotes around characters and C escapes (as msgfmt reads them).
_STRING = re.compile(r'"(?:[^"\\]|\\(?:[\\"ntrabfv?\']|[0-7]{1,3}|x[0-9A-Fa-f]+))*"')
_KEYWORD = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)[ \t]*(.*)$")


def syntax(text: str) -> Iterator[tuple[int, str]]:
    """PO syntax errors as (line, message), stricter than polib (which skips some)."""
    expect: dict[str, str | None] = {"": None, "#~": None}  # what each stream has open
    last: dict[str, int] = {"": 0, "#~": 0}
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped:
            continue
        stream = ""
        if stripped.startswith("#~"):
            stream, stripped = "#~", stripped[2:].strip()
            if not stripped:
                continue
        elif stripped.startswith("#"):
            continue  # comments, flags, references, previous msgid (#|)
        if stripped.startswith('"'):
            if expect[stream] is None and last[stream] == 0:
                yield number, "a quoted string outside any msgid/msgstr"
            rest = stripped
        else:
            match = _KEYWORD.match(stripped)
            if not match:
                yield number, f"unknown keyword {stripped.split()[0]!r}"
                continue
            keyword, rest = match.group(1), match.group(2)
            state = expect[stream]
            if keyword in ("msgctxt", "msgid") and state == "msgstr":
                yield last[stream], "msgid without msgstr"
            if keyword.startswith("msgstr") and state != "msgstr":
                yield number, "msgstr without a msgid before it"
            if keyword == "msgid_plural" and state != "msgstr":
                yield number, "msgid_plural without a msgid before it"
            expect[stream] = (
                "msgid"
                if keyword == "msgctxt"
                else ("msgstr" if keyword in ("msgid", "msgid_plural") else None)
            )
            last[stream] = number
            if not rest:
                yield number, f"{keyword} needs a quoted string"
                continue
        string = _STRING.match(rest)
        if not string:
            if rest.count('"') < 2 or rest.rstrip().endswith('\\"'):
                yield number, "unterminated string: a closing double quote is missing"
            else:
                yield number, 'invalid string: write a quote inside as \\" and a backslash as \\\\'
        elif rest[string.end() :].strip():
            yield number, 'text after the closing quote (a quote inside must be written \\")'
        else:
            last[stream] = number
    for stream, state in expect.items():
        if state == "msgstr":
            yield last[stream], "msgid without msgstr"


def msgid_lines(text: str, po: polib.POFile) -> dict[int, int]:
    """The line of each entry's msgid (polib only knows where an entry's comments start)."""
    lines = text.splitlines()
    found: dict[int, int] = {}
    for entry in po:
        start = max((getattr(entry, "linenum", None) or 1) - 1, 0)
        for number in range(start, len(lines)):
            if _MSGID.match(lines[number]):
                found[id(entry)] = number + 1
                break
    return found


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
    bad = next(iter(syntax(raw.decode("utf-8"))), None)
    if bad is not None:
        raise CatalogError(
            f"broken catalog: PO syntax error: {bad[1]}",
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


def merge(po: polib.POFile, units: Iterable[str], pseudo: bool = False) -> Merge:
    """Make the catalog's live unit entries exactly ``units``, in order, keeping every word
    a person wrote: a reviewed or edited entry whose unit is gone becomes obsolete (beside
    any obsolete entry with the same msgid), one whose unit changed makes the new unit
    stale. Entries with ``msgctxt`` or plural forms are no units and stay as they are.
    ``pseudo``: the run pseudo-localises, so pseudo-localised text is not pending."""
    texts = list(dict.fromkeys(units))
    wanted = set(texts)
    foreign = [e for e in po if not is_unit_entry(e)]
    live: dict[str, polib.POEntry] = {}
    gone: list[polib.POEntry] = []
    for entry in po:
        if entry.obsolete or not is_unit_entry(entry):
            continue
        if entry.msgid in wanted and entry.msgid not in live:
            live[entry.msgid] = entry
        else:
            gone.append(entry)
    obsolete = [e for e in po if e.obsolete and is_unit_entry(e)]
    kept_ids = {e.msgid for e in obsolete}
    pairs = _pair(gone, [t for t in texts if t not in live and t not in kept_ids])
    result = Merge()
    entries: list[polib.POEntry] = []
    for text in texts:
        entry = live.get(text)
        if entry is None:
            entry = _revive(obsolete, text)  # the source came back: so does its review
        if entry is None:
            entry = polib.POEntry(msgid=text, msgstr="")
            old = pairs.get(text)
            if old is not None and (persons_words(old) or state_of(old) is State.STALE):
                entry.previous_msgid = old.previous_msgid or old.msgid
                entry.flags = [FUZZY]
                entry.tcomment = old.tcomment
                result.stale.append(entry)
        entries.append(entry)
        if needs_translation(entry, pseudo):
            result.pending.append(entry)
    for entry in gone:
        if persons_words(entry):
            entry.obsolete = True
            obsolete.append(entry)
            result.obsoleted.append(entry.msgid)
        else:
            result.dropped.append(entry.msgid)
    del po[:]
    po.extend(entries)
    po.extend(e for e in foreign if not e.obsolete)
    po.extend(obsolete)
    po.extend(e for e in foreign if e.obsolete)
    return result


def _revive(obsolete: list[polib.POEntry], text: str) -> polib.POEntry | None:
    """Take back the obsolete entry for ``text`` (a person's words first), if there is one."""
    candidates = [e for e in obsolete if e.msgid == text]
    if not candidates:
        return None
    best = next((e for e in candidates if persons_words(e)), candidates[0])
    obsolete.remove(best)
    best.obsolete = False
    return best


def set_machine(
    entry: polib.POEntry, text: str, provenance: str, problems: Sequence[str] = ()
) -> None:
    """Store engine output as a machine translation, with its fingerprint (never on a
    reviewed or edited entry)."""
    if state_of(entry) in PERSONS:
        raise CatalogError(f"refusing to overwrite a person's translation of {entry.msgid[:40]!r}")
    entry.msgstr = text
    flags = [f for f in entry.flags if f not in (FUZZY, BROKEN)]
    entry.flags = [FUZZY, *flags, *([BROKEN] if problems else [])]
    notes = [f"{MACHINE_PREFIX} {provenance}", f"{FINGERPRINT_PREFIX} {fingerprint(text)}"]
    notes += [f"{PROBLEM_PREFIX} {problem}" for problem in problems]
    kept = [
        line
        for line in (entry.comment or "").splitlines()
        if not line.startswith((MACHINE_PREFIX, FINGERPRINT_PREFIX, PROBLEM_PREFIX))
    ]
    entry.comment = "\n".join([*kept, *notes])


def counts(po: polib.POFile) -> dict[State, int]:
    tally = dict.fromkeys(State, 0)
    for entry in po:
        if not entry.obsolete:
            tally[state_of(entry)] += 1
    return tally
