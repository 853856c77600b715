"""What in a built page would make a reader's browser ask another host.

The site promises no third-party requests. docs/ is untrusted input, and a page that
embeds a remote image, frame or stylesheet, or a ``<pre class="mermaid">`` block (which
Material answers by loading mermaid from unpkg.com), would break that promise for every
reader. Plain links (``<a href>``) are not requests and are allowed.

Pages are read with Lexbor (through selectolax), which parses HTML as the WHATWG standard
and browsers do (raw text in ``<script>``, comments, duplicate attributes: the first wins,
character references in attribute values, foreign content in ``<svg>``), the same parser
the judge reads translations with (:mod:`diptych.inventory`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

# Attributes whose URL the browser fetches by itself, on any element and on some.
_FETCHED = ("src", "srcset", "poster", "data", "background")
_FETCHED_BY = {
    "link": ("href", "imagesrcset"),
    "form": ("action",),
    # SVG elements that load what they name.
    "image": ("href", "xlink:href"),
    "use": ("href", "xlink:href"),
    "feimage": ("href", "xlink:href"),
}
_CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)", re.I)
# Links that name an address without fetching it.
_LINK_RELS_NOT_FETCHED = {"canonical", "alternate", "author", "license", "help", "me"}
# Every element that may hold one of the above (a superset: each is then looked into).
_SELECTOR = ",".join(
    [f"[{name}]" for name in (*_FETCHED, "style")]
    + ["link", "form", "image", "use", "feImage", "pre.mermaid"]
)


def _remote(url: str) -> bool:
    parts = urlsplit(url.strip())
    return bool(parts.netloc) or parts.scheme not in ("", "data", "blob")


def _urls(name: str, value: str) -> list[str]:
    """The URLs of an attribute: a srcset names one per comma-separated candidate."""
    if not name.endswith("srcset"):
        return [value]
    return [candidate.split()[0] for candidate in value.split(",") if candidate.split()]


def _candidates(html: str) -> Iterator[LexborNode]:
    """The elements :data:`_SELECTOR` matches, each once, in document order."""
    seen: set[int] = set()
    for node in LexborHTMLParser(html).css(_SELECTOR):
        if node.mem_id not in seen:
            seen.add(node.mem_id)
            yield node


def _requests(node: LexborNode) -> Iterator[str]:
    tag = (node.tag or "").lower()
    values = {name.lower(): value or "" for name, value in node.attributes.items()}
    if tag == "pre" and "mermaid" in values.get("class", "").split():
        yield '<pre class="mermaid"> (Material loads mermaid from unpkg.com)'
    if tag == "link" and set(values.get("rel", "").split()) <= _LINK_RELS_NOT_FETCHED:
        return
    for name in _FETCHED + _FETCHED_BY.get(tag, ()):
        value = values.get(name, "")
        if value and any(_remote(url) for url in _urls(name, value)):
            yield f"<{tag} {name}={value!r}>"
    for url in _CSS_URL.findall(values.get("style", "")):
        if _remote(url):
            yield f"<{tag} style=...url({url})>"


def remote_requests(page_html: str) -> list[str]:
    """Each element of the page that the browser would fetch from another host."""
    return [found for node in _candidates(page_html) for found in _requests(node)]
