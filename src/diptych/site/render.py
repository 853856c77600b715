"""Markdown to HTML for single units, as the site renders Markdown, with links that work
from the side-by-side page (which lives at another URL than the page it shows)."""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

import markdown

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
        + "\n".join(f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in meta.items())
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
    config: Any,
    view: PageView,
    page_url: str,
    files: Any,
    converted: dict[tuple[str, str], str] | None = None,
) -> Callable[[str], str]:
    """A function from a unit's Markdown to HTML with the site's Markdown extensions and
    the page's link reference definitions.

    ``converted``, if given, remembers conversions (before links are made relative to the
    page) by Markdown configuration and input: a conversion depends on nothing else, and a
    Russian unit is shown on the side-by-side page of every language."""
    extensions = list(config.markdown_extensions)
    extension_configs = dict(config.mdx_configs)
    setup = repr((extensions, extension_configs))
    made: list[markdown.Markdown] = []
    references = view.page.references.get("references", {})
    defs = "\n".join(f"[{label}]: <{ref.get('href', '')}>" for label, ref in references.items())

    def resolve(path: str) -> str | None:
        file = files.get_file_from_path(path)
        return None if file is None else str(file.url)

    def convert(source: str) -> str:
        if not made:
            made.append(
                markdown.Markdown(extensions=extensions, extension_configs=extension_configs)
            )
        md = made[0]
        md.reset()
        return md.convert(source)

    def render(text: str) -> str:
        source = text + ("\n\n" + defs if defs else "")
        if converted is None:
            out = convert(source)
        elif (setup, source) in converted:
            out = converted[setup, source]
        else:
            out = converted[setup, source] = convert(source)
        return rewrite_links(out, view.rel_path, page_url, resolve)

    return render
