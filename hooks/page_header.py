"""Dated pages (statements) get a header: title, date in the reader's language, lead.

A title or description that has no translation yet is shown in Russian, marked lang="ru".
Every statement (a page under docs/statements/ other than the list itself) starts with
the way back to the statements list in the reader's language.
"""

from __future__ import annotations

from typing import Any

from mkdocs.plugins import event_priority
from mkdocs.utils import get_relative_url

from diptych.site.build import STATEMENTS_DIR, Site
from diptych.site.links import translated_url
from diptych.site.order import priority
from diptych.site.page_parts import article_head, back_link
from diptych.site.state import current_build

STATEMENTS_LIST = f"{STATEMENTS_DIR}/index.md"


@event_priority(priority("page_header", "on_page_content"))
def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    build = current_build(config)
    if build.pair_of(page.file) is not None:
        return html
    site, lang = build.site, build.lang
    rel = build.translation_of(page.file)
    view = site.view(rel, lang) if rel else None
    head = article_head(dict(page.meta), lang, view, html)
    return statements_link(site, page, config, lang) + head + html


def statements_link(site: Site, page: Any, config: Any, lang: str) -> str:
    """On a statement (a page whose URL lies in the list's folder, in this language,
    other than the list itself): the way back to the list."""
    if not site.has_page(STATEMENTS_LIST):
        return ""
    folder = translated_url(STATEMENTS_LIST, lang, site.source.code)  # "en/statements/"
    listing = folder if config.use_directory_urls else folder + "index.html"
    if page.url in (folder, listing) or not page.url.startswith(folder):
        return ""
    return back_link(site.language(lang), get_relative_url(listing, page.url))
