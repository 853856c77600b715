"""Markdown to HTML for single units, as the site renders Markdown, with links that work
from the side-by-side page (which lives at another URL than the page it shows)."""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from ..judge import cell_markdown, reference_definitions
from ..renderer import Renderer
from ..segment import yaml_string
from .strings import ui
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


def markdown_renderer(
    renderer: Renderer,
    view: PageView,
    page_url: str,
    files: Any,
) -> Callable[[str], str]:
    """A function from a unit's Markdown to HTML as the side-by-side view shows it: the
    site's renderer, with the page's link reference definitions (exactly what the judge
    rendered, :func:`diptych.judge.cell_markdown`), links made to work from ``page_url``."""
    definitions = reference_definitions(view.page)

    def resolve(path: str) -> str | None:
        file = files.get_file_from_path(path)
        return None if file is None else str(file.url)

    def render(text: str) -> str:
        out = renderer.html(cell_markdown(text, definitions))
        return rewrite_links(out, view.rel_path, page_url, resolve)

    return render
