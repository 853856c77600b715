"""Atom feeds of the statements, one per language (see diptych.site.feeds).

After each language's build its feed is written at the root of the site (``feed.xml``,
``feed.<lang>.xml``); every page's head links its language's feed and the statements
page links it visibly. A site without ``site_url`` has no feeds: Atom needs absolute
addresses. A statement without a valid ``date`` is left out of the feeds, with a warning
naming the page and line (so a strict build fails).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from mkdocs.utils import get_relative_url

from diptych.site.build import current_language, site_for
from diptych.site.feeds import (
    Feed,
    Item,
    absolute,
    atom,
    feed_path,
    link_html,
    translation_state,
    undated_problem,
)
from diptych.site.links import translated_url
from diptych.site.statements import INDEX, newest_first, source_rel
from diptych.site.strings import ui

log = logging.getLogger("mkdocs.diptych")


def on_post_build(config: Any) -> None:
    """Runs before mkdocs-static-i18n builds the next language (-100) and before the
    build's shared state is dropped (-200)."""
    if not config.site_url:
        return
    site = site_for(config)
    lang = current_language(config)
    source = site.source.code
    entries = newest_first(site.statements(lang))
    if lang == source:
        for entry in entries:
            if entry.date is None:
                log.warning("%s", undated_problem(site.project, entry.rel_path))
    items = [
        Item(
            url=absolute(config.site_url, entry.href),
            date=entry.date,
            title=entry.title[0],
            summary=entry.description[0] if entry.description else None,
            state=None if lang == source else translation_state(site.view(entry.rel_path, lang)),
        )
        for entry in entries
        if entry.date is not None
    ]
    home = INDEX if site.has_page(INDEX) else "index.md"
    path = feed_path(lang, source)
    feed = Feed(
        lang=lang,
        title=ui(lang, "feed.title", site=config.site_name),
        page_url=absolute(config.site_url, translated_url(home, lang, source)),
        feed_url=absolute(config.site_url, path),
        author=config.site_author or config.site_name,
    )
    Path(config.site_dir, path).write_text(atom(feed, items), encoding="utf-8")


def head_link(config: Any, href: str) -> dict[str, str]:
    """What main.html writes into the head: the feed of the language being built."""
    lang = current_language(config)
    return {"href": href, "lang": lang, "title": ui(lang, "feed.title", site=config.site_name)}


def on_page_context(context: Any, page: Any, config: Any, nav: Any) -> Any:
    if config.site_url:
        path = feed_path(current_language(config), site_for(config).source.code)
        context["diptych_feed"] = head_link(config, get_relative_url(path, page.url))
    return context


def on_template_context(context: Any, template_name: str, config: Any) -> Any:
    """The error page links the feed too, by an absolute path (it is served at any depth),
    as MkDocs links everything on it (``base_url``)."""
    if template_name == "404.html" and config.site_url:
        path = feed_path(current_language(config), site_for(config).source.code)
        context["diptych_feed"] = head_link(config, context["base_url"].rstrip("/") + "/" + path)
    return context


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    """The statements page (in every language, not its side-by-side view) links the feed."""
    if not config.site_url or getattr(page.file, "diptych_pair", None) is not None:
        return html
    lang = current_language(config)
    rel = getattr(page.file, "diptych_translation", None) or source_rel(page.file.src_uri, lang)
    if rel != INDEX:
        return html
    path = feed_path(lang, site_for(config).source.code)
    return html + link_html(get_relative_url(path, page.url), lang)
