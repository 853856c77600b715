"""Markdown to HTML for single units, as the site renders Markdown, with links that work
from the side-by-side page (which lives at another URL than the page it shows), footnote
references included: each leads to the row of its footnote's text."""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser

from ..judge import cell_markdown, reference_definitions
from ..renderer import Renderer
from ..segment import yaml_string
from ..ui import ui
from .pair import footnote_rows
from .views import PageView

_URL_ATTR = re.compile(r'(\s(?:href|src)=")([^"]*)(")')


def stub_markdown(view: PageView) -> str:
    """The generated page's own Markdown: only front matter; the hook fills the body."""
    title = view.field("title")
    name = title[0] if title else view.rel_path
    meta = {
        "title": ui(view.lang.code, "pair.title", title=name),
        "search": {"exclude": True},
        "hide": ["toc"],
    }
    if description := view.field("description"):
        meta["description"] = description[0]
    return (
        "---\n"
        + "\n".join(
            f"{k}: {yaml_string(v) if isinstance(v, str) else json.dumps(v)}"
            for k, v in meta.items()
        )
        + "\n---\n"
    )


def rewrite_links(
    html: str,
    source_rel: str,
    page_url: str,
    resolve: Callable[[str], str | None],
) -> str:
    """Make relative links and image sources in a unit's HTML point where they did from
    the source page. ``resolve`` maps a docs-relative path to its site URL (or None)."""
    from mkdocs.utils import get_relative_url

    def fix(match: re.Match[str]) -> str:
        value = match.group(2)
        parts = urlsplit(value)
        if parts.scheme or parts.netloc or value.startswith(("#", "/")) or not parts.path:
            return match.group(0)
        target = posixpath.normpath(posixpath.join(posixpath.dirname(source_rel), parts.path))
        url = resolve(target)
        if url is None:
            return match.group(0)
        new = get_relative_url(url, page_url)
        if parts.fragment:
            new += "#" + parts.fragment
        return match.group(1) + new + match.group(3)

    return _URL_ATTR.sub(fix, html)


def footnote_links(html: str, targets: Mapping[str, str]) -> str:
    """A unit's HTML, rendered with the page's (empty) footnote definitions, as the view
    shows it: without the list of footnotes Python-Markdown appends (the footnotes are
    rows of their own), each reference's link leading to ``targets[href]`` (its
    footnote's row) or, where that has none, its number left unlinked, and without the
    references' ids (both columns hold the same references)."""
    if "footnote" not in html:
        return html
    tree = LexborHTMLParser(html)
    for node in tree.css("div.footnote"):
        node.decompose()
    for link in tree.css("a.footnote-ref"):
        sup = link.parent
        if sup is not None and sup.tag == "sup" and "id" in sup.attributes:
            del sup.attrs["id"]
        target = targets.get(link.attributes.get("href") or "")
        if target is None:
            link.unwrap()
        else:
            link.attrs["href"] = target
    body = tree.body
    return (body.inner_html or "") if body is not None else ""


def markdown_renderer(
    renderer: Renderer,
    view: PageView,
    page_url: str,
    files: Any,
) -> Callable[[str], str]:
    """A function from a unit's Markdown to HTML as the side-by-side view shows it: the
    site's renderer, with the page's link reference and footnote definitions (exactly
    what the judge rendered, :func:`diptych.judge.cell_markdown`), links made to work
    from ``page_url``, footnote references leading to their footnotes' rows."""
    definitions = reference_definitions(view.page)
    # Python-Markdown links a reference to "#fn" + SEPARATOR + label.
    separator = renderer.configs.get("footnotes", {}).get("SEPARATOR", ":")
    targets = {f"#fn{separator}{note.label}": f"#{note.row}" for note in footnote_rows(view)}

    def resolve(path: str) -> str | None:
        file = files.get_file_from_path(path)
        return None if file is None else str(file.url)

    def render(text: str) -> str:
        out = renderer.html(cell_markdown(text, definitions))
        return footnote_links(rewrite_links(out, view.rel_path, page_url, resolve), targets)

    return render
