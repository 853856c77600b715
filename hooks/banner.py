"""The translation notice on each page: counts of unreviewed units, the legend of the marks
of machine output and the way to the side-by-side view (translated pages), or to the
side-by-side views (source pages)."""

from __future__ import annotations

from typing import Any

from mkdocs.plugins import event_priority
from mkdocs.utils import get_relative_url

from diptych.site.links import pair_url
from diptych.site.order import priority
from diptych.site.page_parts import after_heading, pair_links, translation_note
from diptych.site.pair import banner
from diptych.site.state import current_build


@event_priority(priority("banner", "on_page_content"))
def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    """A translated page gets the notice, a source page the links; any other page (a
    side-by-side view, a hand-written translation) nothing."""
    build = current_build(config)
    site, lang = build.site, build.lang
    rel = build.translation_of(page.file)
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
