"""Lists that pages ask for with a marker comment: statements by date, the dashboard."""

from __future__ import annotations

from dataclasses import replace as replace_field
from pathlib import Path
from typing import Any

from mkdocs.plugins import event_priority
from mkdocs.utils import get_relative_url

from diptych.site.links import pair_url
from diptych.site.listing import MARKER, dashboard_html, marker_options, statements_html
from diptych.site.order import priority
from diptych.site.state import current_build
from diptych.site.views import PageView, source_field


@event_priority(priority("lists", "on_page_content"))
def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    if "diptych:" not in html:
        return html
    build = current_build(config)
    site, lang = build.site, build.lang

    def title(view: PageView) -> tuple[str, str]:
        if lang != site.source.code:
            shown = site.view(view.rel_path, lang).field("title")
            if shown and shown[1]:
                return shown[0], lang
        text = source_field(view.page, "title")
        return (view.rel_path, "") if text is None else (text, site.source.code)

    def pair_href(view: PageView) -> str:
        """The page's side-by-side view in the language of the dashboard's section."""
        return get_relative_url(pair_url(view.rel_path, view.lang.code), page.url)

    def replace(match: Any) -> str:
        source = page.file.content_string
        line = source.count("\n", 0, max(source.find(match.group(0)), 0)) + 1
        where = f"{Path(config.docs_dir).name}/{page.file.src_uri}:{line}"
        options = marker_options(match.group(2), where, match.group(1))
        if match.group(1) == "dashboard":
            views = {t.code: site.views(t.code) for t in site.project.targets}
            return dashboard_html(views, lang, title, pair_href)
        entries = [
            replace_field(entry, href=get_relative_url(entry.href, page.url))
            for entry in site.statements(lang)
        ]
        limit = int(options["limit"]) if "limit" in options else None
        return statements_html(entries, lang, site.source.code, limit)

    return MARKER.sub(replace, html)
