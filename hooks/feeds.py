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

from mkdocs.plugins import event_priority
from mkdocs.utils import get_relative_url

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
from diptych.site.order import priority
from diptych.site.state import current_build
from diptych.site.statements import INDEX, newest_first
from diptych.ui import ui

log = logging.getLogger("mkdocs.diptych")


@event_priority(priority("feeds", "on_post_build"))
def on_post_build(config: Any) -> None:
    """Runs before mkdocs-static-i18n builds the next language and before the build's
    shared state is closed (diptych.site.order)."""
    if not config.site_url:
        return
    build = current_build(config)
    site, lang = build.site, build.lang
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
    lang = current_build(config).lang
    return {"href": href, "lang": lang, "title": ui(lang, "feed.title", site=config.site_name)}


def own_feed(config: Any) -> str:
    """The path of the feed of the language being built, from the site's root."""
    build = current_build(config)
    return feed_path(build.lang, build.site.source.code)


@event_priority(priority("feeds", "on_page_context"))
def on_page_context(context: Any, page: Any, config: Any, nav: Any) -> Any:
    if config.site_url:
        href = get_relative_url(own_feed(config), page.url)
        context["diptych_feed"] = head_link(config, href)
    return context


@event_priority(priority("feeds", "on_template_context"))
def on_template_context(context: Any, template_name: str, config: Any) -> Any:
    """The error page links the feed too, by an absolute path (it is served at any depth),
    as MkDocs links everything on it (``base_url``)."""
    if template_name == "404.html" and config.site_url:
        href = context["base_url"].rstrip("/") + "/" + own_feed(config)
        context["diptych_feed"] = head_link(config, href)
    return context


@event_priority(priority("feeds", "on_page_content"))
def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    """The statements page (in every language, not its side-by-side view) links the feed."""
    if not config.site_url:
        return html
    build = current_build(config)
    if build.pair_of(page.file) is not None or build.source_page(page.file) != INDEX:
        return html
    href = get_relative_url(own_feed(config), page.url)
    return html + link_html(href, build.lang)
