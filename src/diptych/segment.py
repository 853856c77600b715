"""Pages into translation units, and translations back into pages.

A page is parsed with markdown-it-py (configured like the site: tables, footnotes,
admonitions, front matter, math). Every unit remembers the exact slice of the source it
came from, so rendering a page with an identity translation reproduces it byte for byte,
and a translation is put back into the same container (list item, quote, admonition,
footnote, table cell, front-matter field) with the container's own line prefixes.

Code, raw HTML, math, heading ids and attribute lists are never part of a unit; inline
markup inside a unit is the business of :mod:`diptych.protect`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from markdown_it import MarkdownIt
from markdown_it.common.html_blocks import block_names
from markdown_it.token import Token
from mdit_py_plugins.admon import admon_plugin
from mdit_py_plugins.dollarmath import dollarmath_plugin
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from .errors import SourceError

# Front-matter fields that readers see (page title, meta description).
FRONT_MATTER_FIELDS = ("title", "description")

_NEWLINE = re.compile(r"\r\n|\r|\n")
# Python-Markdown attribute list at the end of a heading or paragraph: "{ #id .class k=v }"
_TRAILING_ATTRS = re.compile(r"[ \t]*\{:?[ \t]*(?:[#.][\w-]|[\w-]+=)[^{}\n]*\}[ \t]*$")
_ONLY_ATTRS = re.compile(r"^[ \t]*\{:?[ \t]*(?:[#.][\w-]|[\w-]+=)[^{}\n]*\}[ \t]*$")
_LETTER = re.compile(r"[^\W\d_]")
# Line starts that would begin a new block (CommonMark, GFM tables, the site's plugins) and
# so must be escaped where a translation puts them at the start of a line. On a paragraph's
# first line any ordered-list number starts a list; later, only "1." interrupts a paragraph.
_HTML_BLOCK = "|".join(sorted(block_names, key=len, reverse=True))
_INTERRUPTS = (
    r"#{1,6}(?:[ \t]|$)|>|[-+*][ \t]+\S|(?:`{3,}|~{3,})|\$\$|(?:!!!|\?\?\?)[ +]"
    r"|(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,}|=+[ \t]*)$"
    r"|[|: \t]*-[-|: \t]*$|\[\^[^\]]+\]:"
    rf"|<(?:script|pre|style|textarea|!--|\?|![A-Za-z]|!\[CDATA\[|/?(?:{_HTML_BLOCK})(?:[\s/>]|$))"
)
_FIRST_LINE_START = re.compile(rf"^(?:{_INTERRUPTS}|\d{{1,9}}[.)](?:[ \t]|$))", re.IGNORECASE)
_LINE_START = re.compile(rf"^(?:{_INTERRUPTS}|1[.)][ \t]+\S)", re.IGNORECASE)


# markdown-it's guard against deep input (its option maxNesting; 20 in the CommonMark preset
# used here): block quotes and list items opened that deep get no content, and inline
# markup no further markup, silently. A page that reaches it is refused instead (see
# _too_deep), which also keeps such pages away from Python-Markdown, whose recursion
# they would exhaust.
MAX_NESTING = 20


def markdown_parser(cls: type[MarkdownIt] = MarkdownIt) -> MarkdownIt:
    """The Markdown dialect of the site, as far as translation units are concerned."""
    md = cls("commonmark", {"html": True, "maxNesting": MAX_NESTING})
    md.enable(["table", "strikethrough"])
    md.use(front_matter_plugin).use(footnote_plugin).use(admon_plugin)
    md.use(dollarmath_plugin, allow_space=False, allow_digits=False, double_inline=True)
    return md


@dataclass(frozen=True)
class Unit:
    """One translatable piece of a page: its source Markdown is the catalog's msgid."""

    kind: str  # heading | paragraph | cell | admonition-title | front-matter:<field>
    text: str
    line: int  # 1-based line of the page where it starts


@dataclass(frozen=True)
class Slot:
    """Where a unit sits in the page text, and how a translation is written back there."""

    unit: Unit
    start: int
    end: int
    form: str  # block | line | cell | yaml
    # Source prefixes of the unit's continuation lines, then one for any further lines.
    prefixes: tuple[str, ...] = ()
    extra_prefix: str = ""


@dataclass(frozen=True)
class Page:
    path: Path
    text: str  # as read, BOM and line endings included
    newline: str
    slots: tuple[Slot, ...]
    # The page's link reference definitions, so that "[text][ref]" in a unit is markup.
    references: dict[str, Any] = field(default_factory=dict)

    @property
    def units(self) -> list[Unit]:
        """Units in page order, each distinct source text once."""
        seen: set[str] = set()
        out: list[Unit] = []
        for slot in self.slots:
            if slot.unit.text not in seen:
                seen.add(slot.unit.text)
                out.append(slot.unit)
        return out

    def render(self, translate: Callable[[Unit], str | None]) -> str:
        """The page with each unit replaced by ``translate(unit)`` (None keeps the source)."""
        parts: list[str] = []
        cursor = 0
        for slot in self.slots:
            parts.append(self.text[cursor : slot.start])
            translation = translate(slot.unit)
            if translation is None or translation == slot.unit.text:
                parts.append(self.text[slot.start : slot.end])
            else:
                parts.append(_format(slot, translation, self.newline))
            cursor = slot.end
        parts.append(self.text[cursor:])
        return "".join(parts)


def _format(slot: Slot, translation: str, newline: str) -> str:
    # Leading space would make an indented code block; trailing "  " is a hard break.
    lines = [line.lstrip() for line in _NEWLINE.split(translation.strip())]
    lines = [line for line in lines if line.strip()]
    if slot.form != "block":
        line = " ".join(line.strip() for line in lines)
        if slot.form == "yaml":
            return _yaml_scalar(line)
        return re.sub(r"(?<!\\)\|", r"\\|", line) if slot.form == "cell" else line
    out = []
    for i, line in enumerate(lines):
        if (_FIRST_LINE_START if i == 0 else _LINE_START).match(line):
            line = "\\" + line
        if i == 0:
            out.append(line)
        else:
            prefix = slot.prefixes[i - 1] if i - 1 < len(slot.prefixes) else slot.extra_prefix
            out.append(newline + prefix + line)
    return "".join(out)


# What a plain YAML scalar may be written as here: it starts with a letter and holds
# letters, digits, spaces and punctuation that YAML gives no meaning inside a scalar.
_PLAIN_YAML = re.compile(r"[^\W\d_][\w .,;!?()«»„“”’—–-]*(?<! )")
_YAML_WORDS = frozenset({"y", "n", "yes", "no", "on", "off", "true", "false", "null"})


def _yaml_scalar(value: str) -> str:
    """A plain YAML scalar where it surely reads back as the same string (words, digits,
    spaces and sentence punctuation, not a YAML keyword), else a quoted one."""
    if _PLAIN_YAML.fullmatch(value) and value.lower() not in _YAML_WORDS:
        return value
    return yaml_string(value)


def yaml_string(text: str) -> str:
    """``text`` as a YAML double-quoted scalar that reads back exactly as ``text`` (a lone
    surrogate as U+FFFD): ASCII only, every other character escaped. JSON is not enough:
    YAML refuses DEL and C1 controls written as they are, reads U+0085 as a line break
    and does not join JSON's surrogate pairs, and MkDocs then drops the whole front
    matter."""
    out = []
    for char in text:
        code = ord(char)
        if char in '"\\':
            out.append("\\" + char)
        elif 0x20 <= code < 0x7F:
            out.append(char)
        elif code <= 0xFF:
            out.append(f"\\x{code:02x}")
        elif 0xD800 <= code <= 0xDFFF:
            out.append("\\ufffd")  # a lone surrogate: no YAML, HTML or UTF-8 can hold it
        elif code <= 0xFFFF:
            out.append(f"\\u{code:04x}")
        else:
            out.append(f"\\U{code:08x}")
    return '"' + "".join(out) + '"'


def _continuation(prefix: str) -> str:
    """The prefix for an added line: keep quote markers, blank out list and footnote markers."""
    return "".join(ch if ch in "> \t" else " " for ch in prefix)


def _translatable(text: str) -> bool:
    return bool(_LETTER.search(text))


class _Lines:
    """The page's lines with their offsets; markdown-it counts lines the same way."""

    def __init__(self, text: str) -> None:
        self.starts: list[int] = []
        self.bodies: list[str] = []
        pos = 0
        for match in _NEWLINE.finditer(text):
            self.starts.append(pos)
            self.bodies.append(text[pos : match.start()])
            pos = match.end()
        self.starts.append(pos)
        self.bodies.append(text[pos:])


def read_page(path: Path) -> str:
    """The page's text; invalid UTF-8 is an error naming the line, never a silent repair."""
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise SourceError(
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})",
            path=path,
            line=line,
            hint="save the file as UTF-8",
        ) from None
    for char, name in (("\x00", "a NUL character (U+0000)"), ("\x04", "an EOT character (U+0004)")):
        at = text.find(char)
        if at >= 0:
            raise SourceError(
                f"{name}, which no gettext catalog can hold",
                path=path,
                line=text.count("\n", 0, at) + 1,
                hint="remove it (most editors do not show it)",
            )
    return text


def segment_file(path: Path) -> Page:
    return segment(read_page(path), path)


def segment(text: str, path: Path | str = "<page>") -> Page:
    """Split a page into units with their slots (see the module docstring)."""
    path = Path(path)
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    body = text[len(bom) :]
    crlf = body.count("\r\n")
    newline = "\r\n" if crlf and crlf * 2 >= body.count("\n") else "\n"
    lines = _Lines(body)
    env: dict[str, Any] = {}
    tokens = markdown_parser().parse(body, env)
    deep = _too_deep(tokens, MAX_NESTING)
    if deep is not None:
        raise SourceError(
            f"nested too deeply: block quotes, lists or inline markup at least {deep[1]} "
            f"levels deep, where at most {MAX_NESTING - 1} can be read (the Markdown parser, "
            f"markdown-it, stops at maxNesting = {MAX_NESTING} and drops what is deeper)",
            path=path,
            line=deep[0],
            hint="flatten the nesting: each block quote, emphasis or link counts one level, "
            "each list two (the list and its item)",
        )
    slots = sorted(_slots(tokens, lines, path), key=lambda s: s.start)
    offset = len(bom)
    shifted = tuple(
        Slot(s.unit, s.start + offset, s.end + offset, s.form, s.prefixes, s.extra_prefix)
        for s in slots
    )
    references = {"references": env.get("references", {})}
    return Page(path=path, text=text, newline=newline, slots=shifted, references=references)


def _too_deep(tokens: list[Token], limit: int) -> tuple[int, int] | None:
    """(line, depth) of the first place nested ``limit`` levels deep, or None.

    Depth is what markdown-it counts against its maxNesting. A block quote or list item
    opened at depth ``limit - 1`` has its content parsed at ``limit``, which markdown-it
    skips: the opening token is then followed at once by its closing one. Within a
    paragraph, emphasis is paired after markdown-it's check, so inline depth is counted
    from the tokens (a run of 3,000 ``*`` nests 1,500 levels) and held to the same limit."""
    for i, token in enumerate(tokens):
        if (
            token.nesting == 1
            and token.level + 1 >= limit
            and i + 1 < len(tokens)
            and tokens[i + 1].nesting == -1
        ):
            return (token.map[0] + 1 if token.map else 1), token.level + 1
        if token.type != "inline" or not token.children:
            continue
        depth = deepest = 0
        for child in token.children:
            depth += child.nesting
            deepest = max(deepest, depth)
        if deepest >= limit:
            return (token.map[0] + 1 if token.map else 1), deepest
    return None


def _slots(tokens: list[Token], lines: _Lines, path: Path) -> Iterator[Slot]:
    for i, token in enumerate(tokens):
        if token.map is None:
            continue
        if token.type == "front_matter":
            yield from _front_matter_slots(token, lines, path)
        elif token.type == "tr_open":
            yield from _row_slots(tokens, i, lines)
        elif token.type == "inline":
            parent = tokens[i - 1].type if i else ""
            slot = None  # table cells are handled per row, from tr_open
            if parent == "heading_open":
                slot = _heading_slot(token, tokens[i - 1], lines)
            elif parent == "paragraph_open":
                slot = _paragraph_slot(token, lines)
            elif parent == "admonition_title_open":
                slot = _admonition_title_slot(token, lines)
            if slot is not None:
                yield slot


def _paragraph_slot(token: Token, lines: _Lines) -> Slot | None:
    assert token.map is not None
    first, last = token.map[0], token.map[1] - 1
    content = token.content.split("\n")
    if len(content) != last - first + 1:
        return None
    # A last line that is only an attribute list belongs to the block, not to the text.
    while content and _ONLY_ATTRS.match(content[-1]) and len(content) > 1:
        content.pop()
        last -= 1
    starts: list[int] = []
    for n, (line_no, piece) in enumerate(zip(range(first, last + 1), content, strict=True)):
        body = lines.bodies[line_no]
        visible = body.rstrip() if n == len(content) - 1 else body
        if not piece or not visible.endswith(piece):
            return None  # tabs expanded or similar: keep the paragraph as it is
        starts.append(lines.starts[line_no] + len(visible) - len(piece))
    end = starts[-1] + len(content[-1])
    text = "\n".join(content)
    trailing = _TRAILING_ATTRS.search(text)
    if trailing:
        end -= len(trailing.group(0))
        text = text[: trailing.start()]
    if not _translatable(text):
        return None
    prefixes = tuple(
        lines.bodies[first + k][: starts[k] - lines.starts[first + k]]
        for k in range(1, len(starts))
    )
    first_prefix = lines.bodies[first][: starts[0] - lines.starts[first]]
    extra = prefixes[-1] if prefixes else _continuation(first_prefix)
    unit = Unit("paragraph", text, first + 1)
    return Slot(unit, starts[0], end, "block", prefixes, extra)


def _heading_slot(token: Token, opener: Token, lines: _Lines) -> Slot | None:
    assert token.map is not None
    line_no = token.map[0]
    body = lines.bodies[line_no]
    text = token.content
    if "\n" in text:  # multi-line setext heading: keep it as it is
        return None
    skip = (
        len(body) - len(body.lstrip(" ")) + (len(opener.markup) if opener.markup[0] == "#" else 0)
    )
    at = body.find(text, skip)
    if at < 0 or not text:
        return None
    trailing = _TRAILING_ATTRS.search(text)
    if trailing:
        text = text[: trailing.start()]
    if not _translatable(text):
        return None
    start = lines.starts[line_no] + at
    return Slot(Unit("heading", text, line_no + 1), start, start + len(text), "line")


def _admonition_title_slot(token: Token, lines: _Lines) -> Slot | None:
    assert token.map is not None
    line_no = token.map[0]
    body = lines.bodies[line_no]
    quoted = f'"{token.content}"'
    at = body.find(quoted)
    if at < 0 or not _translatable(token.content):
        return None
    start = lines.starts[line_no] + at + 1
    return Slot(
        Unit("admonition-title", token.content, line_no + 1),
        start,
        start + len(token.content),
        "line",
    )


def _row_slots(tokens: list[Token], index: int, lines: _Lines) -> Iterator[Slot]:
    """Cells of one table row, found by splitting the row at unescaped pipes."""
    row = tokens[index]
    assert row.map is not None
    line_no = row.map[0]
    cells = 0
    for at in range(index + 1, len(tokens)):  # an index, not a slice: no copy per row
        if tokens[at].type == "tr_close":
            break
        cells += tokens[at].type in ("th_open", "td_open")
    body = lines.bodies[line_no]
    bounds = [m.start() for m in re.finditer(r"(?<!\\)\|", body)]
    stripped = body.strip()
    if stripped.startswith("|"):
        bounds = bounds[1:]
        lead = body.index("|") + 1
    else:
        lead = 0
    pieces: list[tuple[int, int]] = []
    for bound in bounds:
        pieces.append((lead, bound))
        lead = bound + 1
    if not stripped.endswith("|") or stripped.endswith("\\|"):
        pieces.append((lead, len(body)))
    if len(pieces) != cells:
        return
    for a, b in pieces:
        raw = body[a:b]
        text = raw.strip()
        if not _translatable(text):
            continue
        start = lines.starts[line_no] + a + (len(raw) - len(raw.lstrip()))
        yield Slot(Unit("cell", text, line_no + 1), start, start + len(text), "cell")


def _line_yaml_refuses(token: Token) -> int:
    """The page line of the first front-matter line that PyYAML cannot make a value of."""
    assert token.map is not None
    for number, line in enumerate(token.content.split("\n")):
        try:
            yaml.safe_load(line)
        except ValueError:
            return token.map[0] + 2 + number
        except yaml.YAMLError:
            continue
    return token.map[0] + 1


def _front_matter_slots(token: Token, lines: _Lines, path: Path) -> Iterator[Slot]:
    assert token.map is not None
    try:
        data = yaml.safe_load(token.content)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise SourceError(
            f"broken front matter: {getattr(exc, 'problem', None) or exc}",
            path=path,
            line=token.map[0] + 2 + (mark.line if mark else 0),
            hint="fix the YAML between the --- lines (quote values that contain ': ')",
        ) from None
    except ValueError as exc:  # a date PyYAML reads but cannot make: date: 2022-02-30
        raise SourceError(
            f"broken front matter: {exc}",
            path=path,
            line=_line_yaml_refuses(token),
            hint="write a real date as YYYY-MM-DD (or quote the value to keep it as text)",
        ) from None
    if data is None:
        return
    if not isinstance(data, dict):
        raise SourceError(
            "front matter must be a mapping of fields (title: ..., date: ...)",
            path=path,
            line=token.map[0] + 1,
        )
    for line_no in range(token.map[0] + 1, token.map[1] - 1):
        body = lines.bodies[line_no]
        match = re.match(r"^([A-Za-z_][\w-]*):[ \t]+(\S.*?)[ \t]*$", body)
        if not match or match.group(1) not in FRONT_MATTER_FIELDS:
            continue
        value = data.get(match.group(1))
        raw = match.group(2)
        if not isinstance(value, str) or raw[:1] in "|>" or not _translatable(value):
            continue
        start = lines.starts[line_no] + match.start(2)
        unit = Unit(f"front-matter:{match.group(1)}", value, line_no + 1)
        yield Slot(unit, start, start + len(raw), "yaml")
