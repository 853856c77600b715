"""Open Graph metadata for every page (see diptych.site.metadata; main.html writes it)."""

from __future__ import annotations

from typing import Any

from mkdocs.plugins import event_priority

from diptych.site.metadata import open_graph
from diptych.site.order import priority
from diptych.site.state import current_build


@event_priority(priority("metadata", "on_page_context"))
def on_page_context(context: Any, page: Any, config: Any, nav: Any) -> Any:
    build = current_build(config)
    site, lang = build.site, build.lang
    published = site.statement_dates(lang).get(build.source_page(page.file))
    context["diptych_og"] = open_graph(lang, site.og_locales, page.canonical_url, published)
    return context
