"""Dated pages (statements) get a header: title, date in the reader's language, lead.

A title or description that has no translation yet is shown in Russian, marked lang="ru".
Every statement (a page under docs/statements/ other than the list itself) starts with
the way back to the statements list in the reader's language.
"""

from __future__ import annotations

from typing import Any

from mkdocs.plugins import event_priority
from mkdocs.utils import get_relative_url

from diptych.site.build import STATEMENTS_DIR, current_language, site_for
from diptych.site.links import translated_url
from diptych.site.page_parts import article_head, back_link

STATEMENTS_LIST = f"{STATEMENTS_DIR}/index.md"


@event_priority(10)
def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    if getattr(page.file, "diptych_pair", None) is not None:
        return html
    site = site_for(config)
    lang = current_language(config)
    rel = getattr(page.file, "diptych_translation", None)
    view = site.view(rel, lang) if rel else None
    head = article_head(dict(page.meta), lang, view, html)
    return statements_link(page, config, lang) + head + html


def statements_link(page: Any, config: Any, lang: str) -> str:
    """On a statement (a page whose URL lies in the list's folder, in this language,
    other than the list itself): the way back to the list."""
    site = site_for(config)
    if not site.has_page(STATEMENTS_LIST):
        return ""
    folder = translated_url(STATEMENTS_LIST, lang, site.source.code)  # "en/statements/"
    listing = folder if config.use_directory_urls else folder + "index.html"
    if page.url in (folder, listing) or not page.url.startswith(folder):
        return ""
    return back_link(site.language(lang), get_relative_url(listing, page.url))
