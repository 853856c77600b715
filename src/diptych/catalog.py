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
  restored or whose decoding ran away (flag ``markup-error``), or (decided with the page,
  see :mod:`diptych.page_catalog`) a translation the judge refuses;
* copied   -- nothing to translate (no letter of the source language: a path, a number,
  a product name, an include directive): the source as it is, no ``fuzzy``, and
  ``#. copied: ...``. Needs no review; a person's change to it is theirs (reviewed).

Machine text may carry the model's confidence, ``#. machine score: -0.42`` (the mean
log-probability per token: :func:`score_of`), so that reviewers can start with the weakest.

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
# Engine output withheld because its decoding ran away (see diptych.engines.runaway).
DECODING_PREFIX = "decoding problem:"
# The model's confidence in the machine text (see score_of).
SCORE_PREFIX = "machine score:"
# A unit with nothing to translate, copied from the source (see is_copied).
COPIED_PREFIX = "copied:"
# How runs stored such a copy before it had a state of its own: as machine output.
LEGACY_COPIED = f"{MACHINE_PREFIX} nothing to translate: the unit is markup, numbers or names only"
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
    COPIED = "copied"


# States whose text a person wrote or approved: no run may overwrite or drop it.
PERSONS = frozenset({State.EDITED, State.REVIEWED})
# States that await no review: a person's approval, or nothing to translate.
SETTLED = frozenset({State.REVIEWED, State.COPIED})


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
    Once a person changes it or clears ``fuzzy``, the text is theirs."""
    return (
        FUZZY in entry.flags
        and any(line.startswith(PSEUDO_PREFIX) for line in (entry.comment or "").splitlines())
        and not is_edited(entry)
    )


def is_edited(entry: polib.POEntry) -> bool:
    """Text that is not what an engine wrote: its fingerprint does not match, or no engine
    claims it (a fuzzy entry a person typed, in Poedit say)."""
    if not entry.msgstr:
        return False
    recorded = _notes(entry, FINGERPRINT_PREFIX)
    if recorded:
        return recorded[-1] != fingerprint(str(entry.msgstr))
    return not _notes(entry, MACHINE_PREFIX)


def persons_words(entry: polib.POEntry) -> bool:
    """Whether the entry holds text a person wrote or approved (never to be lost)."""
    if not entry.msgstr and not any(entry.msgstr_plural.values()):
        return False
    if is_copied(entry):
        return False
    return FUZZY not in entry.flags or is_edited(entry) or not is_unit_entry(entry)


def is_copied(entry: polib.POEntry) -> bool:
    """A unit with nothing to translate, its source copied by a run (``#. copied:``, no
    ``fuzzy``; or as older runs stored it, machine output with :data:`LEGACY_COPIED`) and
    still exactly the source: once a person changes the text, it is theirs."""
    if entry.msgstr != entry.msgid or entry.previous_msgid or BROKEN in entry.flags:
        return False
    if not is_unit_entry(entry):
        return False
    lines = (entry.comment or "").splitlines()
    if FUZZY not in entry.flags:
        return any(line.startswith(COPIED_PREFIX) for line in lines)
    return LEGACY_COPIED in lines and not is_edited(entry)


def is_unit_entry(entry: polib.POEntry) -> bool:
    """An entry of the kind Diptych makes: no context, no plural forms."""
    return entry.msgctxt is None and not entry.msgid_plural


def state_of(entry: polib.POEntry) -> State:
    if not entry.msgstr or is_pseudo(entry):
        return State.STALE if entry.previous_msgid else State.MISSING
    if BROKEN in entry.flags:
        return State.WITHHELD
    if is_copied(entry):
        return State.COPIED
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
    """The problems the engine's output had (why ``markup-error`` withholds it): its
    markup, or its decoding that ran away."""
    return _notes(entry, PROBLEM_PREFIX) + _notes(entry, DECODING_PREFIX)


def runaway_of(entry: polib.POEntry) -> list[str]:
    """Why the engine's decoding of the entry ran away (one of the problems that withhold
    it, :func:`problems_of`)."""
    return _notes(entry, DECODING_PREFIX)


def score_of(entry: polib.POEntry) -> float | None:
    """The model's confidence in the entry's machine text, as the run that wrote it
    recorded it (``#. machine score: -0.421``): the mean log-probability of the output
    tokens, from 0 (certain) down; None where none was recorded (another engine, a
    person's text, older runs). The one reader of that line."""
    found = _notes(entry, SCORE_PREFIX)
    if not found or is_edited(entry):
        return None
    try:
        return float(found[-1].split()[0])
    except (ValueError, IndexError):
        return None


def needs_translation(entry: polib.POEntry, pseudo: bool = False) -> bool:
    """Whether a run translates the entry: it has no text, or (unless the run itself
    pseudo-localises) only pseudo-localised text, which a real engine always replaces."""
    return not entry.msgstr or (is_pseudo(entry) and not pseudo)


def _line_of(text: str, needle: str) -> int | None:
    for number, line in enumerate(file_lines(text), 1):
        if needle in line:
            return number
    return None


# What ends a line of a catalog: "\n" for msgfmt, and "\n", "\r\n" or "\r" for polib
# reading a file (universal newlines; Diptych never writes a raw "\r": polib escapes it).
# Nothing else does: U+2028, U+2029, U+0085, form feed, vertical tab and U+001C..U+001E,
# where ``str.splitlines`` also breaks, are characters of a line, written as they are.
_LINE_END = re.compile(r"\r\n|\r|\n")


def file_lines(text: str) -> list[str]:
    """A catalog's lines as msgfmt and polib (reading a file) see them; never
    ``str.splitlines``, which also breaks inside strings at U+2028, form feed and others."""
    lines = _LINE_END.split(text)
    if lines[-1] == "":
        lines.pop()
    return lines


class _FileText(str):
    """A catalog's text that polib, given the text instead of a path, splits into the
    lines it would read from the file (polib calls ``splitlines`` on the text)."""

    def splitlines(self, keepends: bool = False) -> list[str]:
        if not keepends:
            return file_lines(str(self))
        return [m.group(0) for m in re.finditer(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$", self)]


def parse(text: str, *, check_for_duplicates: bool = False) -> polib.POFile:
    """Parse a catalog's text exactly as polib parses the file (see :func:`file_lines`);
    ``polib.pofile(text)`` would break lines inside strings. polib's exceptions (OSError,
    ValueError) pass through; :func:`syntax` finds what they are about, with the line."""
    return polib.pofile(
        _FileText(text),
        encoding="utf-8",
        wrapwidth=0,
        check_for_duplicates=check_for_duplicates,
    )


_MSGID = re.compile(r"^(?:#~\s*)?msgid\s")
# A PO string: double quotes around characters and the escapes that msgfmt and polib
# both read the same way. Not NUL (msgfmt cuts the text there) nor EOT (U+0004, which
# separates a msgctxt from its msgid in a compiled catalog: msgfmt refuses it).
_STRING = re.compile(r'"(?:[^"\\\x00\x04]|\\[\\"ntrbfv])*"')
# Escapes msgfmt reads as one character and polib as a backslash and a letter: a catalog
# holding them would change meaning when Diptych (polib) rewrites it.
_DISPUTED = "a?'01234567x"
_ESCAPE = re.compile(r"\\(.)")
_KEYWORD = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)[ \t]*(.*)$")


def _string_problem(rest: str) -> str:
    """Why ``rest`` (a line's text from its first quote) is not one PO string."""
    if "\x04" in rest:
        return (
            "an EOT character (U+0004), which gettext reserves (it separates msgctxt from "
            "msgid in a compiled catalog; msgfmt refuses it): remove it"
        )
    for escape in _ESCAPE.finditer(rest):
        letter = escape.group(1)
        if letter in _DISPUTED:
            return (
                f"the escape \\{letter} is read as one character by gettext but as a "
                f"backslash and {letter!r} by polib (and Diptych): write the character "
                "itself, or \\\\ for a backslash"
            )
    if rest.count('"') < 2 or rest.rstrip().endswith('\\"'):
        return "unterminated string: a closing double quote is missing"
    return 'invalid string: write a quote inside as \\" and a backslash as \\\\'


def syntax(text: str) -> Iterator[tuple[int, str]]:
    """PO syntax errors as (line, message), stricter than polib (which skips some) and
    than msgfmt where the two read a file differently. Lines are what they are for both
    (:func:`file_lines`): U+2028 or a form feed inside a string is a character of it."""
    expect: dict[str, str | None] = {"": None, "#~": None}  # what each stream has open
    last: dict[str, int] = {"": 0, "#~": 0}
    for number, line in enumerate(file_lines(text), start=1):
        if "\x00" in line:
            yield (
                number,
                "a NUL character (U+0000), which no catalog can hold (msgfmt cuts the text "
                "there): remove it",
            )
            continue
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
            plural = keyword.startswith("msgstr[")
            if (
                keyword.startswith("msgstr")
                and state != "msgstr"
                and not (plural and state == "msgstr[]")
            ):
                yield number, "msgstr without a msgid before it"
            if keyword == "msgid_plural" and state != "msgstr":
                yield number, "msgid_plural without a msgid before it"
            # What may follow: a msgid (after msgctxt), a msgstr (after msgid and
            # msgid_plural), another msgstr[N] (after msgstr[N]), or a new entry.
            expect[stream] = (
                "msgid"
                if keyword == "msgctxt"
                else "msgstr"
                if keyword in ("msgid", "msgid_plural")
                else "msgstr[]"
                if plural
                else None
            )
            last[stream] = number
            if not rest:
                yield number, f"{keyword} needs a quoted string"
                continue
        string = _STRING.match(rest)
        if not string:
            yield number, _string_problem(rest)
        elif rest[string.end() :].strip():
            yield number, 'text after the closing quote (a quote inside must be written \\")'
        else:
            last[stream] = number
    for stream, state in expect.items():
        if state == "msgstr":
            yield last[stream], "msgid without msgstr"


def msgid_lines(text: str, po: polib.POFile) -> dict[int, int]:
    """The line of each entry's msgid (polib only knows where an entry's comments start)."""
    lines = text.split("\n")
    found: dict[int, int] = {}
    for entry in po:
        start = max((getattr(entry, "linenum", None) or 1) - 1, 0)
        for number in range(start, len(lines)):
            if _MSGID.match(lines[number]):
                found[id(entry)] = number + 1
                break
    return found


def _duplicate(po: polib.POFile) -> tuple[polib.POEntry, polib.POEntry] | None:
    """The first two entries with one msgctxt and msgid, or None. msgfmt (and msgcat)
    refuse such a catalog ("duplicate message definition") even where one or both of
    them are obsolete (``#~``)."""
    seen: dict[tuple[str | None, str], polib.POEntry] = {}
    for entry in po:
        key = (entry.msgctxt, entry.msgid)
        if key in seen:
            return seen[key], entry
        seen[key] = entry
    return None


def _msgid_line(text: str, entry: polib.POEntry) -> int | None:
    """The line of an entry's msgid (polib knows the line its comments start at)."""
    lines = file_lines(text)
    start = max((getattr(entry, "linenum", None) or 1) - 1, 0)
    return next((n + 1 for n in range(start, len(lines)) if _MSGID.match(lines[n])), None)


_REFUSED_HINT = "fix the file by hand (or `git checkout` it); no other catalog was touched"


def load(path: Path, lang: Language | None = None) -> polib.POFile:
    """Parse a catalog; any problem is a CatalogError naming file and line. The bytes are
    read once: what is checked is what is parsed."""
    try:
        raw = path.read_bytes()
    except IsADirectoryError:
        raise CatalogError(
            "a folder where a catalog should be",
            path=path,
            hint="a catalog is one file: move this away (or rename it without .po)",
        ) from None
    except OSError as exc:
        raise CatalogError(
            f"cannot read catalog: {exc.strerror or exc}",
            path=path,
            hint="check that the file exists and may be read (its permissions)",
        ) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CatalogError(
            "catalog is not valid UTF-8",
            path=path,
            line=raw[: exc.start].count(b"\n") + 1,
            hint="catalogs must be saved as UTF-8",
        ) from None
    bad = next(iter(syntax(text)), None)
    if bad is not None:
        raise CatalogError(
            f"broken catalog: PO syntax error: {bad[1]}",
            path=path,
            line=bad[0],
            hint=_REFUSED_HINT,
        )
    try:
        po = parse(text)
    except (OSError, ValueError, IndexError, KeyError) as exc:
        message = str(exc)
        match = re.search(r"line (\d+)", message)
        line = int(match.group(1)) if match else None
        message = re.sub(r" in po file .*? ?\(line \d+\)", "", message)
        raise CatalogError(
            f"broken catalog: {message}", path=path, line=line, hint=_REFUSED_HINT
        ) from None
    duplicate = _duplicate(po)
    if duplicate is not None:
        first, second = duplicate
        obsolete = " (obsolete #~ entries count too)" if first.obsolete or second.obsolete else ""
        raise CatalogError(
            f"broken catalog: duplicate entry: the same msgid appears twice{obsolete}",
            path=path,
            line=_msgid_line(text, second),
            hint=f"keep one of the entries at lines {_msgid_line(text, first)} and "
            f"{_msgid_line(text, second)}, delete the other (msgfmt refuses the catalog "
            "as it is); no other catalog was touched",
        )
    po.fpath = str(path)
    if lang is not None:
        declared = po.metadata.get("Language")
        if declared and declared != lang.code:
            raise CatalogError(
                f"catalog declares Language: {declared}, but its folder is {lang.code}",
                path=path,
                line=_line_of(text, '"Language:'),
                hint=f"set the header to Language: {lang.code} or move the file",
            )
    return po


def _shown_name(page: str) -> str:
    """A page's name as a catalog's header can hold it: characters that would end a line
    or that no one sees written as <U+XXXX> (D504 refuses such names anyway)."""
    shown = "".join(c if c.isprintable() or c == " " else f"<U+{ord(c):04X}>" for c in page)
    return shown.strip()  # a header value's edge spaces do not survive a reading


def new(lang: Language, page: str) -> polib.POFile:
    name = _shown_name(page)
    po = polib.POFile(wrapwidth=0)
    po.header = (
        f"{lang.name} translation of {name}.\n"
        "Maintained by Diptych: edit msgstr, then remove the fuzzy flag to mark it reviewed."
    )
    po.metadata = {
        "Project-Id-Version": name,
        "Language": lang.code,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": plural_forms(lang.code),
        "X-Generator": "Diptych",
    }
    return po


def _texts(entry: polib.POEntry) -> Iterator[str]:
    """Every text of an entry that goes into the file."""
    yield entry.msgid
    yield entry.msgstr
    yield from (entry.msgctxt, entry.msgid_plural, entry.comment, entry.tcomment)
    yield from entry.msgstr_plural.values()
    yield from (entry.previous_msgid, entry.previous_msgctxt, entry.previous_msgid_plural)


# Characters no catalog can hold, and why.
_UNWRITABLE = {
    "\x00": "a NUL character (U+0000), which no catalog can hold (msgfmt cuts the text there)",
    "\x04": "an EOT character (U+0004), which gettext reserves (msgfmt refuses the catalog)",
}


def serialize(po: polib.POFile) -> str:
    """The catalog's text as Diptych writes it: polib's PO, unwrapped, ending in a newline.

    polib escapes backslash, quote, \\n, \\r, \\t, \\v, \\b and \\f; every other character
    is written as it is, which msgfmt and polib reading the file take as it is (U+2028,
    U+0085... see :func:`file_lines`). An obsolete entry's previous msgid (``#~|``) is left
    out: polib never reads it back, so a catalog Diptych writes reads back as written.
    What no catalog can hold is refused before anything is written: NUL or EOT, two
    entries with one msgctxt and msgid, obsolete or not (CatalogError naming the entry),
    or anything else that would make the text fail :func:`syntax`.
    """
    for entry in po:
        for char, name in _UNWRITABLE.items():
            if any(char in text for text in _texts(entry) if text):
                raise CatalogError(
                    f"the entry {entry.msgid[:40]!r} holds {name}; nothing was written",
                    hint="remove the character from the page or the translation",
                )
    duplicate = _duplicate(po)
    if duplicate is not None:
        _, second = duplicate
        context = f" in context {second.msgctxt[:40]!r}" if second.msgctxt is not None else ""
        raise CatalogError(
            f"two entries for {second.msgid[:40]!r}{context} (obsolete ones count too), "
            "which gettext refuses; nothing was written",
            hint="an entry added by hand (with plural forms, say) has the msgid of a unit of "
            "the page: give it a msgctxt; or two obsolete entries hold one msgid: keep one",
        )
    po.wrapwidth = 0
    text = str(po)
    if "#~|" in text:
        text = "\n".join(line for line in file_lines(text) if not line.startswith("#~|"))
    text = text if text.endswith("\n") else text + "\n"
    bad = next(iter(syntax(text)), None)
    if bad is not None:
        raise CatalogError(
            f"this catalog would be written broken ({bad[1]}, line {bad[0]} of the new "
            "text); nothing was written",
            hint="a comment or header holding a line break of its own (\\r) is the likely "
            "cause: remove it; otherwise report this as a bug of Diptych",
        )
    return text


SAVE_ATTEMPTS = 5


def save(po: polib.POFile, path: Path, expected: bytes | None = None) -> bool:
    """Write atomically (temp file + rename), only if the bytes change; True if written.

    ``expected``: the bytes the caller read the catalog from (``b""``: there was no file).
    A file that no longer holds them -- a review saved in Poedit, or a ``git pull``, while
    the caller worked -- is never replaced by ``po``: the caller's new machine text goes
    into the file as it is now, only where that file's entry for the same msgid is still
    missing or untouched machine text (see :class:`_Rebase`), ``po`` becomes the result,
    and that is written. The file is compared once more just before the rename, and the
    merge redone if it changed meanwhile (what is left is the instant between that last
    read and the rename). A new version that cannot be read is left as it is, and a
    CatalogError names it. Without ``expected`` the file is replaced whatever it holds
    (for callers that just read it, like ``diptych review``). A rewritten file keeps its
    permissions.
    """
    data = serialize(po).encode("utf-8")
    base = expected
    rebase: _Rebase | None = None
    for _ in range(SAVE_ATTEMPTS):
        current = _on_disk(path)
        if current == data:
            return False
        if base is not None and current != base:
            if not current:
                base = current  # deleted or emptied meanwhile: nothing there to keep
                continue
            rebase = rebase or _Rebase(po, expected or b"")
            merged = rebase.onto(path, current)
            if merged is not None:  # None: the file changed again while being read
                po.header, po.metadata = merged.header, merged.metadata
                po.metadata_is_fuzzy = merged.metadata_is_fuzzy
                del po[:]
                po.extend(merged)
                data = serialize(po).encode("utf-8")
                base = current
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                os.fchmod(handle.fileno(), _mode_of(path))
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            if base is not None and _on_disk(path) != base:
                Path(tmp).unlink()
                continue  # changed while the temp file was written: merge again
            Path(tmp).replace(path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return True
    raise CatalogError(
        f"catalog changed on disk {SAVE_ATTEMPTS} times while this run was saving it; "
        "this run's translations for it were not saved",
        path=path,
        hint="let the other program finish writing it, then run `diptych translate` again",
    )


def _on_disk(path: Path) -> bytes:
    """The catalog's bytes now (``b""``: there is no file)."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return b""


def _mode_of(path: Path) -> int:
    """The permissions a rewritten catalog keeps (a new one: what the umask allows)."""
    try:
        return path.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0o022)
        os.umask(umask)
        return 0o666 & ~umask


class _Rebase:
    """A run's new machine text, to be carried into a catalog someone changed meanwhile.

    What the run produced is what it changed relative to the catalog it read: entries
    whose text, flags or comments differ from that version's and that hold no person's
    words. :meth:`onto` gives the file as it is now the run's units (:func:`merge`, which
    keeps every person's words) and then that machine text, only into entries that are
    still missing, pseudo-localised or untouched machine text. A person's text (edited,
    reviewed, or any text not fuzzy) wins, and real machine text is not replaced by
    pseudo-localised text.
    """

    def __init__(self, po: polib.POFile, read: bytes) -> None:
        self.units = [e.msgid for e in po if not e.obsolete and is_unit_entry(e)]
        before: dict[str, polib.POEntry] = {}
        if read:
            try:
                old = parse(read.decode("utf-8"))
                before = {e.msgid: e for e in old if not e.obsolete and is_unit_entry(e)}
            except (OSError, ValueError):  # UnicodeDecodeError is a ValueError
                before = {}  # then all of the run's machine text counts as new
        self.produced: dict[str, polib.POEntry] = {}
        for entry in po:
            if entry.obsolete or not is_unit_entry(entry) or not entry.msgstr:
                continue
            if persons_words(entry):
                continue
            old_entry = before.get(entry.msgid)
            if old_entry is None or (old_entry.msgstr, old_entry.flags, old_entry.comment) != (
                entry.msgstr,
                entry.flags,
                entry.comment,
            ):
                self.produced[entry.msgid] = entry

    def onto(self, path: Path, current: bytes) -> polib.POFile | None:
        """The catalog at ``path`` (read as ``current``) with the run's machine text; None
        if the file changed again while it was read."""
        try:
            theirs = load(path)
        except CatalogError as exc:
            raise CatalogError(
                "catalog changed on disk while this run was translating, and its new "
                f"version cannot be read ({exc.message}); this run's translations for it "
                "were not saved",
                path=path,
                line=exc.line,
                hint="fix the file (finish the merge, or save it again), then run "
                "`diptych translate` again",
            ) from None
        if _on_disk(path) != current:
            return None
        merge(theirs, self.units)
        for entry in theirs:
            new = self.produced.get(entry.msgid)
            if new is None or entry.obsolete or not is_unit_entry(entry):
                continue
            if persons_words(entry):
                continue  # a person's words win
            if is_pseudo(new) and entry.msgstr and not is_pseudo(entry):
                continue  # machine text is not replaced by pseudo-localised text
            entry.msgstr = new.msgstr
            kept = [f for f in entry.flags if f not in (FUZZY, BROKEN)]
            entry.flags = [*new.flags, *(f for f in kept if f not in new.flags)]
            entry.comment = new.comment
        return theirs


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


# The extracted comments a run writes, and so replaces.
_RUN_NOTES = (
    MACHINE_PREFIX,
    FINGERPRINT_PREFIX,
    PROBLEM_PREFIX,
    DECODING_PREFIX,
    SCORE_PREFIX,
    COPIED_PREFIX,
)


def _run_notes(entry: polib.POEntry, notes: Sequence[str]) -> None:
    kept = [line for line in (entry.comment or "").splitlines() if not line.startswith(_RUN_NOTES)]
    entry.comment = "\n".join([*kept, *notes])


def set_machine(
    entry: polib.POEntry,
    text: str,
    provenance: str,
    problems: Sequence[str] = (),
    *,
    score: float | None = None,
    decoding: Sequence[str] = (),
) -> None:
    """Store engine output as a machine translation, with its fingerprint (never on a
    reviewed or edited entry); ``score``: the model's confidence (:func:`score_of`);
    ``problems`` (of its markup) and ``decoding`` (of its decoding, which ran away)
    withhold it."""
    if state_of(entry) in PERSONS:
        raise CatalogError(f"refusing to overwrite a person's translation of {entry.msgid[:40]!r}")
    entry.msgstr = text
    flags = [f for f in entry.flags if f not in (FUZZY, BROKEN)]
    entry.flags = [FUZZY, *flags, *([BROKEN] if problems or decoding else [])]
    notes = [f"{MACHINE_PREFIX} {provenance}", f"{FINGERPRINT_PREFIX} {fingerprint(text)}"]
    if score is not None:
        notes.append(f"{SCORE_PREFIX} {score:.3f}")
    notes += [f"{PROBLEM_PREFIX} {problem}" for problem in problems]
    notes += [f"{DECODING_PREFIX} {problem}" for problem in decoding]
    _run_notes(entry, notes)


def set_copied(entry: polib.POEntry, why: str) -> None:
    """Store a unit with nothing to translate as its source, copied (:func:`is_copied`):
    no ``fuzzy``, nothing awaits review. Never on a reviewed or edited entry; a stale
    entry's reviewed text stays where merging put it (an obsolete entry)."""
    if state_of(entry) in PERSONS:
        raise CatalogError(f"refusing to overwrite a person's translation of {entry.msgid[:40]!r}")
    entry.msgstr = entry.msgid
    entry.flags = [f for f in entry.flags if f not in (FUZZY, BROKEN)]
    entry.previous_msgid = None
    entry.previous_msgctxt = None
    _run_notes(entry, [f"{COPIED_PREFIX} {why}"])


def withhold(entry: polib.POEntry, problems: Sequence[str]) -> None:
    """Withhold machine output found wrong after it was stored (it breaks the glossary):
    flag ``markup-error``, text, provenance and fingerprint kept, the problems noted."""
    if state_of(entry) in PERSONS:
        raise CatalogError(f"refusing to flag a person's translation of {entry.msgid[:40]!r}")
    entry.flags = [*entry.flags, *([] if BROKEN in entry.flags else [BROKEN])]
    notes = [f"{PROBLEM_PREFIX} {problem}" for problem in problems]
    entry.comment = "\n".join([*(entry.comment or "").splitlines(), *notes])


def counts(po: polib.POFile) -> dict[State, int]:
    tally = dict.fromkeys(State, 0)
    for entry in po:
        if not entry.obsolete:
            tally[state_of(entry)] += 1
    return tally
