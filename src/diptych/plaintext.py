"""The words of a unit, as the check and the glossary read them: text, link text and alt
text, without code, URLs, HTML, math or footnote references.

Read with the project's Markdown parser (:func:`diptych.segment.markdown_parser`) with
link validation off, so that a ``javascript:`` link is read as the link it is (D2xx
compares link targets whatever their scheme; safety is the judge's).
"""

from __future__ import annotations

import re
from typing import Any

from markdown_it import MarkdownIt

from .segment import markdown_parser


class _EveryLink(MarkdownIt):
    """A parser that keeps every link: markdown-it-py turns a link whose URL it deems
    unsafe (``javascript:``, ``data:``…) into text, and the place it leaves for a
    different judgement is this method (there is no option for it)."""

    def validateLink(self, url: str) -> bool:
        return True


def link_parser() -> MarkdownIt:
    """The project's parser with link validation off, so that ``javascript:`` links stay
    links: parity rules compare link targets, whatever their scheme (safety is the judge's,
    :mod:`diptych.judge`)."""
    return markdown_parser(_EveryLink)


_FOOTNOTE_REF = re.compile(r"\[\^[^\]\s]+\]")
_PLACEHOLDER = re.compile(r"\{\d+\}")


def plain_text(
    markdown: str, env: dict[str, Any] | None = None, md: MarkdownIt | None = None
) -> str:
    """The words of a unit: text, link text and image alt text, without code, URLs, HTML,
    math or footnote references; separate pieces on separate lines."""
    tokens = (md or link_parser()).parseInline(markdown, dict(env or {}))
    pieces: list[str] = []

    def visit(children: list[Any]) -> None:
        for token in children:
            if token.type == "text":
                pieces.append(token.content)
            elif token.type in ("softbreak", "hardbreak"):
                pieces.append("\n")
            elif token.type == "image":
                visit(token.children or [])
            elif token.type in ("code_inline", "html_inline", "math_inline"):
                pieces.append("\n")

    visit(tokens[0].children or [] if tokens else [])
    text = "".join(pieces)
    return _PLACEHOLDER.sub(" ", _FOOTNOTE_REF.sub(" ", text))
