"""D2xx: a translation carries its source's markup.

Inline code, raw HTML, math, emphasis and footnote references are compared as multisets
with :func:`diptych.protect.signature` (the same view of markup that machine translation
restores); link and image targets are read with the page's link reference definitions,
so that ``[text][label]`` counts as the link it is.
"""

from __future__ import annotations

import re
import urllib.parse
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markdown_it import MarkdownIt

from ..plaintext import link_parser
from ..protect import inline_parser, signature
from .base import PageInfo

_PLACEHOLDER = re.compile(r"\{\d+\}")
# Python-Markdown's attribute list ({: #id .class key=value }), inline or at a block's end,
# outside code spans (Python-Markdown's BACKTICK_RE).
_ATTR_LIST = re.compile(r"\{:?[ \t]*([^}\n \t][^}\n]*?)[ \t]*\}")
_ATTR_TOKEN = re.compile(r"""([^\s=}]+)\s*=\s*("[^"]*"|'[^']*'|[^\s}]*)|([#.][^\s}]+)""")
_BACKTICKS = re.compile(r"(?:(?<!\\)((?:\\{2})+)(?=`+)|(?<!\\)(`+)(.+?)(?<!`)\2(?!`))", re.S)


@dataclass(frozen=True)
class Parsers:
    """The parsers the parity rules read with, made once per check (a parser costs more
    to make than a unit costs to read)."""

    links: MarkdownIt
    inline: MarkdownIt

    @classmethod
    def make(cls) -> Parsers:
        return cls(link_parser(), inline_parser())


def attribute_lists(markdown: str) -> list[str]:
    """Python-Markdown attribute lists (``{#id}``, ``{: .class key=value}``) in a text."""
    plain = _BACKTICKS.sub(lambda m: "" if m.group(1) else " ", markdown)
    return [
        match.group(0) for match in _ATTR_LIST.finditer(plain) if _ATTR_TOKEN.search(match.group(1))
    ]


def _short(text: str, limit: int = 50) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _code(text: str) -> str:
    fence = "``" if "`" in text else "`"
    return f"{fence}{_short(text)}{fence}"


def _targets(text: str, env: dict[str, Any], md: MarkdownIt) -> tuple[Counter[str], Counter[str]]:
    links: Counter[str] = Counter()
    images: Counter[str] = Counter()
    tokens = md.parseInline(text, dict(env))

    def visit(children: list[Any]) -> None:
        for token in children:
            if token.type == "link_open":
                links[str(token.attrs.get("href", ""))] += 1
            elif token.type == "image":
                images[str(token.attrs.get("src", ""))] += 1
                visit(token.children or [])

    visit(tokens[0].children or [] if tokens else [])
    return links, images


def _stray_markers(text: str, md: MarkdownIt) -> Counter[str]:
    """Emphasis markers left as literal text (an unclosed * or ~~ shows as is)."""
    counts: Counter[str] = Counter()
    tokens = md.parseInline(text, {})
    for token in tokens[0].children or [] if tokens else []:
        if token.type == "text":
            counts["~~"] += token.content.count("~~")
            counts["*"] += token.content.count("*")
            counts["_"] += len(re.findall(r"(?<![\w\\])_|_(?!\w)", token.content))
    return counts


def _internal(href: str) -> tuple[str, str] | None:
    """(path, fragment) of a link within this site, or None for an external link."""
    parts = urllib.parse.urlsplit(href)
    if parts.scheme or parts.netloc or parts.query:
        return None
    path = urllib.parse.unquote(parts.path)
    if path and not path.endswith(".md"):
        return None
    return path, parts.fragment


def same_page(source: str, translated: str, lang: str) -> bool:
    """Whether a translated link target may stand in for the source's: the same page of
    this site, or its variant in the translated language, anchors free."""
    a, b = _internal(source), _internal(translated)
    if a is None or b is None:
        return False
    if a[0] == b[0]:
        return True
    return bool(a[0]) and b[0] == a[0][: -len(".md")] + f".{lang}.md"


def _page_exists(href: str, page: PageInfo, docs: Path, lang: str) -> bool:
    target = _internal(href)
    if target is None or not target[0]:
        return True
    path = target[0]
    if path.endswith(f".{lang}.md"):
        path = path[: -len(f".{lang}.md")] + ".md"
    base = docs if path.startswith("/") else (docs / page.rel).parent
    return (base / path.lstrip("/")).is_file()


def _compare(source: Counter[Any], translated: Counter[Any]) -> tuple[list[Any], list[Any]]:
    missing = list((source - translated).elements())
    extra = list((translated - source).elements())
    return missing, extra


def _report(
    code: str, what: str, missing: list[str], extra: list[str], show: Any = _code
) -> Iterator[tuple[str, str]]:
    while missing and extra:
        yield code, f"{what} {show(missing.pop(0))} became {show(extra.pop(0))}"
    for item in missing:
        yield code, f"{what} {show(item)} of the source is missing"
    for item in extra:
        yield code, f"{what} {show(item)} is not in the source"


def parity(
    msgid: str,
    msgstr: str,
    lang: str,
    page: PageInfo | None,
    docs: Path,
    parsers: Parsers | None = None,
) -> Iterator[tuple[str, str]]:
    """(code, message) for every markup difference between a unit and its translation."""
    env = page.references if page else {}
    parsers = parsers or Parsers.make()
    src, dst = signature(msgid, parsers.inline), signature(msgstr, parsers.inline)

    def kinds(counts: Counter[tuple[str, str]], *names: str) -> Counter[str]:
        out: Counter[str] = Counter()
        for (kind, content), n in counts.items():
            if kind in names:
                out[content] += n
        return out

    yield from _report(
        "D201", "inline code", *_compare(kinds(src, "code_inline"), kinds(dst, "code_inline"))
    )

    src_links, src_images = _targets(msgid, env, parsers.links)
    dst_links, dst_images = _targets(msgstr, env, parsers.links)
    missing, extra = _compare(src_links, dst_links)
    for href in list(missing):
        for other in extra:
            if same_page(href, other, lang):
                missing.remove(href)
                extra.remove(other)
                if page is not None and not _page_exists(other, page, docs, lang):
                    yield "D210", f"link to {other}: no such page in {docs.name}/"
                break
    yield from _report("D202", "link target", missing, extra, show=lambda h: f"<{_short(h)}>")
    missing, extra = _compare(src_images, dst_images)
    yield from _report("D203", "image", missing, extra, show=lambda h: f"<{_short(h)}>")

    missing, extra = _compare(kinds(src, "footnote_ref"), kinds(dst, "footnote_ref"))
    yield from _report("D204", "footnote reference", missing, extra, show=str)

    names = {"em_open": "*emphasis*", "strong_open": "**strong**", "s_open": "~~struck~~"}
    for kind, label in names.items():
        a, b = src[(kind, "")], dst[(kind, "")]
        if a != b:
            yield "D205", f"{label} spans: {a} in the source, {b} in the translation"
    stray_src, stray_dst = (
        _stray_markers(msgid, parsers.inline),
        _stray_markers(msgstr, parsers.inline),
    )
    for marker in ("*", "~~", "_"):
        if stray_dst[marker] > stray_src[marker]:
            yield "D205", f"stray {marker} in the translation: an emphasis marker is not closed"

    missing, extra = _compare(Counter(attribute_lists(msgid)), Counter(attribute_lists(msgstr)))
    yield from _report("D206", "attribute list", missing, extra, show=str)

    # Added HTML is D501's business; here: the source's HTML must still be there.
    missing, _ = _compare(kinds(src, "html_inline"), kinds(dst, "html_inline"))
    for html in missing:
        yield "D207", f"inline HTML {_code(html)} of the source is missing or changed"

    math = ("math_inline", "math_inline_double")
    yield from _report("D208", "math", *_compare(kinds(src, *math), kinds(dst, *math)))

    left = Counter(_PLACEHOLDER.findall(msgstr)) - Counter(_PLACEHOLDER.findall(msgid))
    for placeholder in left.elements():
        yield "D209", f"placeholder {placeholder} left in the translation: put the markup back"
