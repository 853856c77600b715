"""What a piece of rendered HTML contains, as a browser reads it: elements, attributes,
classes and the places its URLs lead.

The site's safety rests on one comparison: the HTML of a translation may hold nothing that
the HTML of its source lacks (:meth:`Inventory.gains`). HTML is read with Lexbor (through
selectolax), a parser that follows the WHATWG HTML standard as browsers do, so that what
is counted here is what a reader's browser would build: ``<img/src=x/onerror=...>``,
entities in attribute values and unclosed tags are read the browser's way, not a
tokenizer's.

An :class:`Inventory` also configures the last line of defence,
:meth:`Inventory.sanitizer`: an allowlist sanitizer (nh3, the Ammonia crate) that keeps
exactly the elements, attributes, classes and URL schemes of the inventory and drops the
rest.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

import nh3
from selectolax.lexbor import LexborHTMLParser

# Attributes whose value is a URL (or a list of them) that a browser may load or follow.
URL_ATTRIBUTES = frozenset(
    {
        "action",
        "archive",
        "background",
        "cite",
        "codebase",
        "data",
        "formaction",
        "href",
        "icon",
        "longdesc",
        "manifest",
        "ping",
        "poster",
        "profile",
        "src",
        "srcset",
        "usemap",
        "xlink:href",
    }
)
# Elements that run code, load other documents, submit data or restyle the page: a source
# page that has one is reported (D502); a translation can never add one, like any element.
ACTIVE_ELEMENTS = frozenset(
    {
        "applet",
        "base",
        "button",
        "embed",
        "form",
        "frame",
        "frameset",
        "iframe",
        "input",
        "link",
        "math",
        "meta",
        "noscript",
        "object",
        "portal",
        "script",
        "select",
        "style",
        "svg",
        "template",
        "textarea",
    }
)
UNSAFE_SCHEMES = frozenset({"javascript", "vbscript", "livescript", "data"})

# Elements the parser makes around any fragment; not part of what a page holds.
_DOCUMENT = frozenset({"html", "head", "body", "-text", "-doctype"})
# What a browser removes from a URL before reading its scheme (WHATWG URL: leading and
# trailing C0 controls and spaces; tabs and newlines anywhere).
_URL_EDGES = "".join(chr(c) for c in range(0x21))
_URL_INSIDE = re.compile(r"[\t\n\r]")
_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.\-]*):")
# The one style Python-Markdown writes itself (table column alignment); any other style
# can cover the page (position: fixed) and counts as active.
_ALIGNMENT = re.compile(r"\s*text-align:\s*(?:left|right|center)\s*;?\s*", re.I)
ALIGNMENT = "style=text-align"


@dataclass(frozen=True, order=True)
class Item:
    """One thing a piece of HTML holds: ``("element", tag)``, ``("attribute", tag, name)``,
    ``("class", tag, name)``, ``("url", scheme, host)`` or ``("comment", "")`` (a comment
    hides what follows it when a translation leaves it open), or ``("unrenderable", "")``
    for Markdown the renderer refused."""

    kind: str
    first: str
    second: str = ""

    def describe(self) -> str:
        if self.kind == "element":
            return f"the element <{self.first}>"
        if self.kind == "attribute":
            return f"the attribute {self.second}= on <{self.first}>"
        if self.kind == "class":
            return f'the class "{self.second}" on <{self.first}>'
        if self.kind == "comment":
            return "an HTML comment"
        if self.kind == "unrenderable":
            return "Markdown nested too deeply to render"
        if self.first and self.second:
            return f"a {self.first}: URL to {self.second}"
        if self.first:
            return f"a {self.first}: URL"
        return f"a URL to {self.second}"

    @property
    def active(self) -> bool:
        """Runs code or reaches elsewhere by itself (what a source page may not have)."""
        if self.kind == "element":
            return self.first in ACTIVE_ELEMENTS
        if self.kind == "attribute":
            return self.second.startswith("on") or self.second in ("style", "srcdoc")
        if self.kind == "url":
            return self.first in UNSAFE_SCHEMES
        return self.kind == "unrenderable"


_KINDS = ("unrenderable", "element", "attribute", "class", "url", "comment")


def _reading_order(item: Item) -> tuple[int, str, str]:
    return (_KINDS.index(item.kind), item.first, item.second)


UNRENDERABLE = Item("unrenderable", "")


def url_item(url: str) -> Item:
    """Where a URL leads, as a browser reads it: its scheme, and its host if it has one."""
    text = _URL_INSIDE.sub("", url.strip(_URL_EDGES)).replace("\\", "/")
    match = _SCHEME.match(text)
    scheme = match.group(1).lower() if match else ""
    host = ""
    if scheme in ("", "http", "https", "ftp", "ws", "wss", "file"):
        try:
            host = (urlsplit(text).hostname or "").lower()
        except ValueError:
            host = "?"
    return Item("url", scheme, host)


def _urls(name: str, value: str) -> Iterator[str]:
    if name == "srcset":
        for candidate in value.split(","):
            parts = candidate.split()
            if parts:
                yield parts[0]
    else:
        yield value


def items(html: str) -> Iterator[Item]:
    """Everything ``html`` holds, once per occurrence, in document order."""
    tree = LexborHTMLParser(html)
    root = tree.root
    if root is None:
        return
    for node in root.traverse(include_text=False):
        tag = (node.tag or "").lower()
        if tag in _DOCUMENT:
            continue
        if tag == "-comment":
            yield Item("comment", "")
            continue
        yield Item("element", tag)
        for raw_name, raw_value in node.attributes.items():
            name = raw_name.lower()
            value = raw_value or ""
            if name == "style" and _ALIGNMENT.fullmatch(value):
                name = ALIGNMENT
            yield Item("attribute", tag, name)
            if name == "class":
                for token in value.split():
                    yield Item("class", tag, token)
            if name in URL_ATTRIBUTES:
                for url in _urls(name, value):
                    yield url_item(url)


@dataclass(frozen=True)
class Inventory:
    """The set of :class:`Item` one piece of HTML (or several, joined) holds."""

    items: frozenset[Item]

    @classmethod
    def of(cls, *htmls: str) -> Inventory:
        found: set[Item] = set()
        for html in htmls:
            found.update(items(html))
        return cls(frozenset(found))

    def __or__(self, other: Inventory) -> Inventory:
        return Inventory(self.items | other.items)

    def gains(self, other: Inventory) -> list[Item]:
        """What ``other`` holds and this inventory does not, sorted."""
        return sorted(other.items - self.items, key=_reading_order)

    def without_active(self) -> Inventory:
        """This inventory less what runs code or reaches elsewhere by itself: what any page
        of the site may hold, whatever its source page has (D502 reports the rest)."""
        return Inventory(frozenset(item for item in self.items if not item.active))

    def active(self) -> list[Item]:
        return sorted((item for item in self.items if item.active), key=_reading_order)

    def sanitizer(self) -> Callable[[str], str]:
        """An allowlist sanitizer that keeps what this inventory holds and drops the rest."""
        tags = {i.first for i in self.items if i.kind == "element"} - {"script", "style"}
        classes: dict[str, set[str]] = {}
        attributes: dict[str, set[str]] = {}
        for item in self.items:
            if item.kind == "class":
                classes.setdefault(item.first, set()).add(item.second)
            elif item.kind == "attribute" and item.second != "class":
                attributes.setdefault(item.first, set()).add(item.second)
        schemes = {i.first for i in self.items if i.kind == "url" and i.first}
        comments = Item("comment", "") not in self.items
        styles: set[str] | None = None
        for name in attributes.values():
            if ALIGNMENT in name:
                name.discard(ALIGNMENT)
                if "style" not in name:
                    name.add("style")
                    styles = {"text-align"}

        def clean(html: str) -> str:
            return str(
                nh3.clean(
                    html,
                    tags=tags,
                    attributes=attributes,
                    allowed_classes=classes,
                    url_schemes=schemes,
                    link_rel=None,
                    strip_comments=comments,
                    filter_style_properties=styles,
                )
            )

        return clean


def describe(found: Iterable[Item]) -> list[str]:
    return [item.describe() for item in found]
