"""Reading built pages: a small element tree over the standard library's HTML parser,
with the look-ups the site tests make (by tag, class, attribute, text)."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    parent: Element | None = None
    children: list[Element] = field(default_factory=list)
    text: list[str] = field(default_factory=list)  # own text only
    content: list[Element | str] = field(default_factory=list)  # text and children in order

    def all_text(self) -> str:
        return "".join(c if isinstance(c, str) else c.all_text() for c in self.content)

    def inherited(self, name: str) -> str | None:
        node: Element | None = self
        while node is not None:
            if name in node.attrs:
                return node.attrs[name]
            node = node.parent
        return None

    def iter(self) -> list[Element]:
        out = [self]
        for child in self.children:
            out.extend(child.iter())
        return out

    def classes(self) -> list[str]:
        return self.attrs.get("class", "").split()


class _Tree(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#root", {})
        self.current = self.root

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {k: v or "" for k, v in attrs}, self.current)
        self.current.children.append(element)
        self.current.content.append(element)
        if tag not in VOID:
            self.current = element

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {k: v or "" for k, v in attrs}, self.current)
        self.current.children.append(element)
        self.current.content.append(element)

    def handle_endtag(self, tag: str) -> None:
        node: Element | None = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.current = node.parent

    def handle_data(self, data: str) -> None:
        self.current.text.append(data)
        self.current.content.append(data)


def parse(html: str) -> Element:
    tree = _Tree()
    tree.feed(html)
    tree.close()
    return tree.root


def find_all(
    root: Element, tag: str | None = None, cls: str | None = None, **attrs: str
) -> list[Element]:
    out = []
    for node in root.iter():
        if tag and node.tag != tag:
            continue
        if cls and cls not in node.classes():
            continue
        if any(node.attrs.get(k.replace("_", "-")) != v for k, v in attrs.items()):
            continue
        out.append(node)
    return out


def element_with_text(root: Element, text: str) -> Element:
    """The innermost element whose own text contains ``text``."""
    found = [node for node in root.iter() if text in "".join(node.text)]
    assert found, f"text not on the page: {text!r}"
    return found[-1]


def body(root: Element) -> Element:
    return find_all(root, "body")[0]
