"""Inline markup out of the translator's way, and back.

Before a unit goes to an engine, every run of inline markup (emphasis markers, link
syntax and targets, inline code, raw HTML, footnote references, math, escapes) becomes a
numbered placeholder ``{N}``; only words reach the model. After translation the
placeholders are replaced by the original markup. Engines are imperfect, so the result is
checked: harmless damage is repaired (spacing or full-width braces inside a placeholder,
invented numbers, a placeholder repeated), anything else is reported so that the unit is
flagged for review instead of being published with broken markup.

Braces are used because Argos' detokeniser turns underscores into spaces.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.helpers import parseLinkDestination, parseLinkTitle
from markdown_it.token import Token

from .segment import markdown_parser

PLACEHOLDER = re.compile(r"\{(\d+)\}")
# What engines make of a placeholder: spaces inside, full-width braces.
_DAMAGED = re.compile(r"[{｛]\s*(\d+)\s*[}｝]")
# Text that merely looks like markup to a model, kept out of its reach as well.
# (placeholder look-alikes, footnote references, task-list boxes)
_LITERAL = re.compile(r"[{｛]\s*\d+\s*[}｝]|\[\^[^\]\s]+\]|\[[ xX]\](?=\s)")


def inline_parser() -> MarkdownIt:
    md = markdown_parser()
    md.disable("text_join")  # keep escapes and entities as their own tokens
    return md


@dataclass(frozen=True)
class Protected:
    """A unit's text with markup replaced by placeholders."""

    source: str
    masked: str
    markup: dict[int, str] = field(default_factory=dict)

    @property
    def has_words(self) -> bool:
        return bool(re.search(r"[^\W\d_]", PLACEHOLDER.sub("", self.masked)))


@dataclass(frozen=True)
class Restored:
    text: str
    repairs: tuple[str, ...] = ()
    problems: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problems


class _Walker:
    """Finds each inline token's exact source span by walking the source alongside."""

    def __init__(self, src: str) -> None:
        self.src = src
        self.pos = 0
        self.spans: list[tuple[int, int, bool]] = []  # start, end, is_text

    def _mark(self, start: int, end: int, is_text: bool) -> None:
        if end > start:
            chunk = self.src[start:end]
            blank = not chunk.strip() and "\n" not in chunk
            self.spans.append((start, end, is_text or blank))
        self.pos = max(self.pos, end)

    def finish(self) -> None:
        self._mark(self.pos, len(self.src), False)

    def _find(self, needle: str) -> int:
        at = self.src.find(needle, self.pos)
        return at if at >= 0 else self.pos

    def _link_tail(self) -> None:
        """From a label's closing bracket past the destination, title or reference label."""
        src, start = self.src, self._find("]")
        pos = start + 1
        if src.startswith("(", pos):
            pos += 1
            while pos < len(src) and src[pos] in " \t\n":
                pos += 1
            dest = parseLinkDestination(src, pos, len(src))
            if dest.ok:
                pos = dest.pos
            while pos < len(src) and src[pos] in " \t\n":
                pos += 1
            title = parseLinkTitle(src, pos, len(src))
            if title.ok:
                pos = title.pos
            close = src.find(")", pos)
            pos = close + 1 if close >= 0 else pos
        elif src.startswith("[", pos):
            close = src.find("]", pos)
            pos = close + 1 if close >= 0 else pos
        self._mark(self.pos, pos, False)

    def walk(self, tokens: list[Token]) -> None:
        skip_autolink = False
        for token in tokens:
            kind = token.type
            if skip_autolink:
                if kind == "link_close":
                    skip_autolink = False
                    self._mark(self.pos, self._find(">") + 1, False)
                continue
            if kind == "text":
                at = self._find(token.content)
                self._mark(self.pos, at, False)
                self._mark(at, at + len(token.content), True)
            elif kind == "text_special":
                at = self._find(token.markup)
                self._mark(at, at + len(token.markup), False)
            elif kind in ("softbreak", "hardbreak"):  # from self.pos: a hard break's backslash
                at = self._find("\n")
                end = at + 1
                while end < len(self.src) and self.src[end] in " \t":
                    end += 1
                self._mark(self.pos, end, False)
            elif kind == "code_inline":
                at = self._find(token.markup)
                close = self.src.find(token.markup, at + len(token.markup))
                self._mark(at, close + len(token.markup) if close >= 0 else at, False)
            elif kind == "link_open" and token.markup in ("autolink", "linkify"):
                skip_autolink = True
                self._mark(self.pos, self._find("<") + 1, False)
            elif kind == "link_open":
                self._mark(self.pos, self._find("[") + 1, False)
            elif kind == "link_close":
                self._link_tail()
            elif kind == "image":
                self._mark(self.pos, self._find("![") + 2, False)
                self.walk(token.children or [])
                self._link_tail()
            elif kind in ("html_inline", "math_inline", "math_inline_double"):
                needle = token.content if kind == "html_inline" else token.markup + token.content
                at = self._find(needle)
                end = at + len(needle) + (0 if kind == "html_inline" else len(token.markup))
                self._mark(self.pos, end, False)
            elif token.markup:  # emphasis, strong, strikethrough, footnote refs
                at = self._find(token.markup)
                self._mark(self.pos, at + len(token.markup), False)


def protect(
    text: str, env: dict[str, Any] | None = None, md: MarkdownIt | None = None
) -> Protected:
    """Mask a unit's inline markup (``env`` carries the page's link reference definitions)."""
    md = md or inline_parser()
    tokens = md.parseInline(text, dict(env or {}))
    children = tokens[0].children or [] if tokens else []
    walker = _Walker(text)
    walker.walk(children)
    walker.finish()
    pieces: list[tuple[str, bool]] = []  # (source text, is_text)
    for start, end, is_text in walker.spans:
        chunk = text[start:end]
        if not is_text:
            pieces.append((chunk, False))
            continue
        cursor = 0
        for match in _LITERAL.finditer(chunk):
            pieces.append((chunk[cursor : match.start()], True))
            pieces.append((match.group(0), False))
            cursor = match.end()
        pieces.append((chunk[cursor:], True))
    masked: list[str] = []
    markup: dict[int, str] = {}
    run = ""
    for chunk, is_text in [*pieces, ("", True)]:
        if not is_text:
            run += chunk
            continue
        if run:
            if re.fullmatch(r"\n[ \t]*", run):
                masked.append(" ")  # a soft line break is a space to the translator
            else:
                markup[len(markup) + 1] = run
                masked.append(f"{{{len(markup)}}}")
            run = ""
        masked.append(chunk)
    return Protected(text, "".join(masked), markup)


def restore(protected: Protected, translated: str, md: MarkdownIt | None = None) -> Restored:
    """Put the markup back into a translation of ``protected.masked`` and check it."""
    repairs: list[str] = []
    problems: list[str] = []
    fixed = _DAMAGED.sub(lambda m: f"{{{m.group(1)}}}", translated)
    if fixed != translated:
        repairs.append("normalised damaged placeholders")
    seen: Counter[int] = Counter()

    def put_back(match: re.Match[str]) -> str:
        number = int(match.group(1))
        if number not in protected.markup:
            repairs.append(f"dropped invented placeholder {{{number}}}")
            return ""
        seen[number] += 1
        if seen[number] > 1:
            repairs.append(f"dropped repeated placeholder {{{number}}}")
            return ""
        return protected.markup[number]

    text = PLACEHOLDER.sub(put_back, fixed)
    if repairs:  # dropping placeholders leaves double and trailing spaces behind
        text = re.sub(r"[ \t]{2,}(?!\n)", " ", text).strip(" ")
    for number, chunk in protected.markup.items():
        if not seen[number]:
            problems.append(f"lost placeholder {{{number}}} ({chunk.strip()!r})")
    if not problems and signature(text, md) != signature(protected.source, md):
        problems.append("markup differs from the source after restoring placeholders")
    return Restored(text, tuple(repairs), tuple(problems))


def signature(text: str, md: MarkdownIt | None = None) -> Counter[tuple[str, str]]:
    """What a translation must keep of its source's inline markup, as a multiset."""
    md = md or inline_parser()
    counts: Counter[tuple[str, str]] = Counter()
    tokens = md.parseInline(text, {})

    def visit(children: list[Token]) -> None:
        for token in children:
            if token.type in ("code_inline", "html_inline", "math_inline", "math_inline_double"):
                counts[(token.type, token.content)] += 1
            elif token.type == "link_open":
                counts[("link", str(token.attrs.get("href", "")))] += 1
            elif token.type == "image":
                counts[("image", str(token.attrs.get("src", "")))] += 1
            elif token.type in ("em_open", "strong_open", "s_open"):
                counts[(token.type, "")] += 1
            elif token.type == "text":
                for ref in re.findall(r"\[\^[^\]\s]+\]", token.content):
                    counts[("footnote_ref", ref)] += 1
            if token.children and token.type != "image":
                visit(token.children)

    visit(tokens[0].children or [] if tokens else [])
    return counts
