"""Translated pages: each target language's page is rendered from the source and its catalog.

mkdocs-static-i18n (suffix structure) gives every target-language build the Russian file
as a fallback for each page that has no hand-written ``page.<lang>.md``. After it has
arranged the files (it runs at priority -100), this hook replaces the content of those
fallback files with the page rendered from its catalog, so the language switcher, hreflang
and the sitemap treat it as the page in that language. Hand-written localized files win.

It also opens and closes the build's shared state (:class:`diptych.site.state.BuildState`,
which every hook asks for views): one for the whole build, every language included, dropped
when the outermost build ends (after mkdocs-static-i18n has built the other languages) or
fails. Priorities: :data:`diptych.site.order.STEPS`.
"""

from __future__ import annotations

import logging
from typing import Any

from mkdocs.plugins import event_priority

from diptych.inventory import Inventory, describe
from diptych.judge import newlines
from diptych.site.order import priority
from diptych.site.state import FileFacts, Role, close_build, current_build, drop_build, open_build

log = logging.getLogger("mkdocs.diptych")


@event_priority(priority("translated_pages", "on_config"))
def on_config(config: Any) -> Any:
    open_build(config)
    return config


@event_priority(priority("translated_pages", "on_post_build"))
def on_post_build(config: Any) -> None:
    close_build(config)


@event_priority(priority("translated_pages", "on_build_error"))
def on_build_error(error: Exception) -> None:
    drop_build()


@event_priority(priority("translated_pages", "on_files"))
def on_files(files: Any, config: Any) -> Any:
    build = current_build(config)
    for file in build.fallback_pages(files):
        view = build.site.view(file.src_uri, build.lang)
        file.content_string = newlines(view.markdown())
        build.add(file, FileFacts(file.src_uri, Role.TRANSLATION))
    return files


@event_priority(priority("translated_pages", "on_page_content"))
def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    """The last line of defence, before any other hook adds to the page: a page keeps
    only what its source page's rendering holds, less anything active (script, handlers,
    unsafe URLs...). The judge has already withheld every translation that would add
    anything, so this finds nothing in a translation; if it does, or if the source page
    itself holds active content (D502), the build says so (a strict build fails) and it
    is removed, in every language."""
    build = current_build(config)
    site, lang = build.site, build.lang
    rel = build.translation_of(page.file)
    if rel is None:
        if lang != site.source.code or not site.has_page(page.file.src_uri):
            return html
        sanitize, active = site.source_sanitizer(page.file.src_uri)
        for found in active:
            log.warning("%s: removed from the site in every language (D502)", found)
        return sanitize(html)
    view = site.view(rel, lang)
    gained = view.allowed.gains(Inventory.of(html))
    if gained:
        log.warning(
            "%s: the rendered %s page gains what its source lacks, removed: %s",
            view.catalog_rel,
            view.lang.code,
            "; ".join(describe(gained)),
        )
    return view.sanitize(html)
