"""D501-D503: no markup that could run code or lead readers elsewhere (see diptych.safety)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from ..safety import active_content, injected_markup
from .base import CatalogInfo, Finding, is_fuzzy


def catalog(info: CatalogInfo) -> Iterator[Finding]:
    """Every entry with a translation, fuzzy and obsolete ones included: a fuzzy msgstr is
    published (labelled as machine output) and an obsolete one comes back with its unit."""
    assert info.po is not None
    env = info.page.references if info.page else {}
    for entry in info.po:
        if not entry.msgstr:
            continue
        for description in injected_markup(entry.msgid, entry.msgstr, env):
            yield Finding(
                "D501",
                info.path,
                info.line_of(entry),
                f"the translation adds {description}",
                fuzzy=is_fuzzy(entry),
            )


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
            yield Finding(
                "D503",
                info.path,
                info.line_of(entry),
                f"the translation adds bidirectional control characters {names}",
                fuzzy=is_fuzzy(entry),
            )


def page(path: Path, text: str) -> Iterator[Finding]:
    """Active content in a source page, each at the first line where it shows."""
    lines = text.splitlines()
    for description in dict.fromkeys(active_content(_without_code_blocks(text))):
        line = next(
            (n for n, body in enumerate(lines, 1) if description in active_content(body)), 1
        )
        yield Finding("D502", path, line, f"the page contains {description}")


def _without_code_blocks(text: str) -> str:
    """The page with fenced and indented code blanked (code shows markup, it does not run)."""
    from ..segment import markdown_parser

    lines = text.splitlines(keepends=True)
    for token in markdown_parser().parse(text):
        if token.type in ("fence", "code_block") and token.map:
            for number in range(token.map[0], token.map[1]):
                lines[number] = "\n"
    return "".join(lines)
