"""Open Graph metadata for every page (see diptych.site.metadata; main.html writes it)."""

from __future__ import annotations

from typing import Any

from diptych.site.build import current_language, site_for
from diptych.site.metadata import open_graph
from diptych.site.statements import source_rel


def on_page_context(context: Any, page: Any, config: Any, nav: Any) -> Any:
    site = site_for(config)
    lang = current_language(config)
    rel = (
        getattr(page.file, "diptych_pair", None)
        or getattr(page.file, "diptych_translation", None)
        or source_rel(page.file.src_uri, lang)
    )
    published = site.statement_dates(lang).get(rel)
    context["diptych_og"] = open_graph(lang, site.og_locales, page.canonical_url, published)
    return context
