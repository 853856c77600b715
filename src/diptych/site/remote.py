"""What in a built page would make a reader's browser ask another host.

The site promises no third-party requests. docs/ is untrusted input, and a page that
embeds a remote image, frame or stylesheet, or a ``<pre class="mermaid">`` block (which
Material answers by loading mermaid from unpkg.com), would break that promise for every
reader. Plain links (``<a href>``) are not requests and are allowed.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

# Attributes whose URL the browser fetches by itself, on any element and on some.
_FETCHED = ("src", "srcset", "poster", "data", "background")
_FETCHED_BY = {"link": ("href",), "form": ("action",)}
_CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)", re.I)
# Links that name an address without fetching it.
_LINK_RELS_NOT_FETCHED = {"canonical", "alternate", "author", "license", "help", "me"}
# What a start tag's text must hold for any of its attributes to name another host or a
# mermaid block: a URL is remote only with a scheme (':') or a host ('//', tabs and line
# breaks between the slashes being dropped by urlsplit), and a character reference ('&')
# may spell any of these. A tag without any of them is not looked into.
_MAYBE_REMOTE = re.compile(r"[:&]|/[\t\n\r]*/|mermaid")
_TAG_NAME = re.compile(r"<([a-zA-Z][^\t\n\r\f />\x00]*)")
# Elements whose start tag does not change how the parser reads what follows (no raw-text
# content like <script>, no foreign content like <svg>): only these may be skipped.
_PLAIN_ELEMENTS = frozenset(
    [
        "a",
        "abbr",
        "article",
        "aside",
        "b",
        "blockquote",
        "br",
        "button",
        "code",
        "dd",
        "details",
        "div",
        "dl",
        "dt",
        "em",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "i",
        "img",
        "input",
        "label",
        "li",
        "link",
        "main",
        "meta",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "small",
        "span",
        "strong",
        "sub",
        "summary",
        "sup",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "time",
        "tr",
        "ul",
    ]
)


def _remote(url: str) -> bool:
    parts = urlsplit(url.strip())
    return bool(parts.netloc) or parts.scheme not in ("", "data", "blob")


def _urls(name: str, value: str) -> list[str]:
    """The URLs of an attribute: a srcset names one per comma-separated candidate."""
    if name != "srcset":
        return [value]
    return [candidate.split()[0] for candidate in value.split(",") if candidate.split()]


class _Scan(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def parse_starttag(self, i: int) -> int:
        # The parser's own tag boundaries; a plain element whose text cannot name another
        # host is passed over without splitting and decoding its attributes.
        end = self.check_for_whole_start_tag(i)
        if end < 0:
            return end
        raw = self.rawdata[i:end]
        if _MAYBE_REMOTE.search(raw) is None:
            name = _TAG_NAME.match(raw)
            if name is not None and name.group(1).lower() in _PLAIN_ELEMENTS:
                return end
        return int(super().parse_starttag(i))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag == "pre" and "mermaid" in values.get("class", "").split():
            self.found.append('<pre class="mermaid"> (Material loads mermaid from unpkg.com)')
        if tag == "link" and set(values.get("rel", "").split()) <= _LINK_RELS_NOT_FETCHED:
            return
        for name in _FETCHED + _FETCHED_BY.get(tag, ()):
            value = values.get(name, "")
            if value and any(_remote(url) for url in _urls(name, value)):
                self.found.append(f"<{tag} {name}={value!r}>")
        for url in _CSS_URL.findall(values.get("style", "")):
            if _remote(url):
                self.found.append(f"<{tag} style=...url({url})>")


def remote_requests(page_html: str) -> list[str]:
    """Each element of the page that the browser would fetch from another host."""
    scan = _Scan()
    scan.feed(page_html)
    scan.close()
    return scan.found
