"""A page's footnotes, for a unit shown on its own (the side-by-side view, and the judge,
which judges a unit as that view shows it).

Python-Markdown's footnotes extension, which the site enables, makes ``[^label]`` a link
only where the document defines ``label``, and numbers footnotes in the order they are
defined. A unit rendered alone holds no definitions, so its references would show as
typed. :func:`stub_definitions` gives it the page's footnotes, empty and in the page's
order: its references then render as on the page, with the page's numbers (the empty
list of footnotes Python-Markdown appends is the view's to drop). :attr:`Footnote.line`
says where a footnote's text starts, so that the view can link a reference to the row
of its definition.

The page is read with the segmenter's parser (markdown-it, configured like the site), as
the units themselves are.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from .segment import Page, markdown_parser


@dataclass(frozen=True)
class Footnote:
    label: str
    number: int  # as the page numbers it: its place in definition order
    # 1-based line of the page where its first paragraph (a unit of its own) starts;
    # None where it has none (no text, or never referenced: markdown-it drops those).
    line: int | None


def footnotes(page: Page) -> tuple[Footnote, ...]:
    """The footnotes ``page`` defines, in the order it defines them."""
    text = page.text.removeprefix("\ufeff")
    if "[^" not in text:
        return ()
    env: dict[str, Any] = {}
    tokens = markdown_parser().parse(text, env)
    refs = env.get("footnotes", {}).get("refs", {})
    labels = [key[1:] for key in refs if key.startswith(":")]
    first: dict[str, int] = {}
    for token, following in pairwise(tokens):
        label = token.meta.get("label") if token.type == "footnote_open" else None
        if label is not None and following.type == "paragraph_open" and following.map:
            first.setdefault(label, following.map[0] + 1)
    return tuple(
        Footnote(label, number, first.get(label)) for number, label in enumerate(labels, 1)
    )


def stub_definitions(page: Page) -> str:
    """Empty definitions of the page's footnotes, in its order ('' if it has none)."""
    return "\n".join(f"[^{note.label}]:" for note in footnotes(page))
