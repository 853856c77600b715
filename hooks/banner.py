"""The translation notice on each page: counts of unreviewed units, the legend of the marks
of machine output and the way to the side-by-side view (translated pages), or to the
side-by-side views (source pages)."""

from __future__ import annotations

from typing import Any

from mkdocs.utils import get_relative_url

from diptych.site.build import current_language, site_for
from diptych.site.links import pair_url
from diptych.site.page_parts import after_heading, pair_links, translation_note
from diptych.site.pair import banner


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    if getattr(page.file, "diptych_pair", None) is not None:
        return html
    site = site_for(config)
    lang = current_language(config)
    rel = getattr(page.file, "diptych_translation", None)
    if rel is not None:
        view = site.view(rel, lang)
        href = get_relative_url(pair_url(rel, lang), page.url)
        note = banner(view, href, legend=True)  # with what the page's marks mean
        return after_heading(html, translation_note(view, href, note))
    if lang == site.source.code and site.has_page(page.file.src_uri):
        links = [
            (t.code, t.name, get_relative_url(pair_url(page.file.src_uri, t.code), page.url))
            for t in site.project.targets
        ]
        return after_heading(html, pair_links(lang, links))
    return html
