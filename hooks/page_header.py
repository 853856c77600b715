"""Dated pages (statements) get a header: title, date in the reader's language, lead.

A title or description that has no translation yet is shown in Russian, marked lang="ru".
"""

from __future__ import annotations

from typing import Any

from mkdocs.plugins import event_priority

from diptych.site.build import current_language, site_for
from diptych.site.page_parts import article_head


@event_priority(10)
def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    if getattr(page.file, "diptych_pair", None) is not None:
        return html
    lang = current_language(config)
    rel = getattr(page.file, "diptych_translation", None)
    view = site_for(config).view(rel, lang) if rel else None
    return article_head(dict(page.meta), lang, view, html) + html
