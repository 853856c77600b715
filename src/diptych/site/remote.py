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
