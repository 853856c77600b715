"""D1xx: catalog files: syntax, headers, duplicate and orphaned entries, msgfmt's checks."""

from __future__ import annotations

import re
from collections.abc import Iterator

import polib

from ..catalog import file_lines, is_unit_entry, msgid_lines, parse, persons_words, syntax
from .base import CatalogInfo, Finding

_PLURAL_FORMS = re.compile(r"^\s*nplurals\s*=\s*([1-9]\d*)\s*;\s*plural\s*=\s*([^;]+?)\s*;?\s*$")
_CHARSET = re.compile(r"charset\s*=\s*utf-?8\s*$", re.I)


def read(info: CatalogInfo) -> Iterator[Finding]:
    """Parse the catalog into ``info.po`` (left None if it cannot be parsed: D101)."""
    try:
        raw = info.path.read_bytes()
    except OSError as exc:
        yield Finding("D101", info.path, 1, f"cannot read the catalog: {exc.strerror}")
        return
    try:
        info.text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        yield Finding("D101", info.path, line, "not valid UTF-8: save the catalog as UTF-8")
        return
    errors = list(syntax(info.text))
    for line, message in errors:
        yield Finding("D101", info.path, line, f"PO syntax error: {message}")
    if errors:
        return
    try:
        po = parse(info.text)
    except (OSError, ValueError, IndexError, KeyError) as exc:
        message = str(exc)
        match = re.search(r"line (\d+)", message)
        line = int(match.group(1)) if match else 1
        message = re.sub(r"\s*\(line \d+\)", "", message)
        yield Finding("D101", info.path, line, f"PO syntax error: {message}")
        return
    info.po = po
    info.lines = msgid_lines(info.text, po)


def _header_line(info: CatalogInfo, field: str) -> int:
    """The line of a header field (in the first entry, the one with msgid "")."""
    entries = 0
    for number, line in enumerate(file_lines(info.text), start=1):
        if line.startswith("msgid"):
            entries += 1
            if entries > 1:
                break
        if line.startswith(f'"{field}:'):
            return number
    return 1


def headers(info: CatalogInfo) -> Iterator[Finding]:
    assert info.po is not None
    meta = info.po.metadata
    language = meta.get("Language", "").strip()
    expected = info.lang.code if info.lang else None
    if not language:
        hint = f': add "Language: {expected}\\n"' if expected else ""
        yield Finding("D102", info.path, 1, f"no Language header{hint}")
    elif expected and language != expected:
        message = f"Language is {language!r}, but the catalog is in translations/{expected}/"
        yield Finding("D102", info.path, _header_line(info, "Language"), message)
    plural = meta.get("Plural-Forms", "")
    if not plural:
        yield Finding("D103", info.path, 1, "no Plural-Forms header")
    elif not _PLURAL_FORMS.match(plural):
        message = f"malformed Plural-Forms {plural!r}: expected 'nplurals=N; plural=EXPR;'"
        yield Finding("D103", info.path, _header_line(info, "Plural-Forms"), message)
    content_type = meta.get("Content-Type", "")
    if not _CHARSET.search(content_type):
        shown = f" (Content-Type is {content_type!r})" if content_type else ""
        yield Finding(
            "D104",
            info.path,
            _header_line(info, "Content-Type") if content_type else 1,
            f"the catalog must declare charset=UTF-8{shown}",
        )


def entries(info: CatalogInfo) -> Iterator[Finding]:
    """Duplicates, entries that are no unit of the page, msgfmt's line-break check."""
    assert info.po is not None
    seen: dict[tuple[str | None, str], int] = {}
    units = info.page.units if info.page and info.page.page else None
    for entry in info.po:
        line = info.line_of(entry)
        if not entry.obsolete:
            key = (entry.msgctxt, entry.msgid)
            if key in seen:
                yield Finding(
                    "D105",
                    info.path,
                    line,
                    f"duplicate of the entry at line {seen[key]}: keep one of them",
                )
            else:
                seen[key] = line
            if units is not None and entry.msgid not in units and is_unit_entry(entry):
                orphan = _orphan(info, entry, line)
                if orphan:
                    yield Finding("D106", info.path, line, orphan)
        if entry.msgstr:
            for end, where in ((str.startswith, "begin"), (str.endswith, "end")):
                if end(entry.msgid, "\n") != end(entry.msgstr, "\n"):
                    yield Finding(
                        "D108",
                        info.path,
                        line,
                        f"msgid and msgstr must both {where} with a line break, or neither",
                    )


def _orphan(info: CatalogInfo, entry: polib.POEntry, line: int) -> str | None:
    """What to say of a live entry that is no unit of its page (None: nothing, the unit it
    belonged to changed and is reported stale, D401). Never "delete": the entry may hold a
    person's words, which `diptych translate` keeps."""
    page = info.page.rel if info.page else "its page"
    joined = info.joined
    if joined is not None and any(r.line == line for r in joined.records.values()):
        return None
    if persons_words(entry):
        return (
            f"msgid is no unit of {page} (the page changed, or the msgid was edited): "
            "`diptych translate` keeps this translation as an obsolete entry; to use it "
            "for a unit, the msgid must be the unit's Russian text exactly"
        )
    return (
        f"msgid is no unit of {page} (the page changed): `diptych translate` removes "
        "this machine output"
    )
