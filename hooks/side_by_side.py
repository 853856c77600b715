"""Side-by-side views: one generated page per translated page, original beside translation.

In each target-language build this hook adds ``<lang>/side-by-side/<page>/`` for every
page (kept out of the navigation and the search index) and fills its body with the
rows made by :func:`diptych.site.pair.side_by_side`.
"""

from __future__ import annotations

from typing import Any

from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, InclusionLevel
from mkdocs.utils import get_relative_url

from diptych.site.build import current_language, site_for
from diptych.site.links import pair_dest_uri, pair_src_uri, translated_url
from diptych.site.pair import EditLinks, side_by_side
from diptych.site.render import markdown_renderer, stub_markdown


@event_priority(-210)
def on_files(files: Any, config: Any) -> Any:
    lang = current_language(config)
    site = site_for(config)
    if not site.is_target(lang):
        return files
    for rel in site.rel_paths():
        view = site.view(rel, lang)
        file = File.generated(
            config,
            pair_src_uri(rel),
            content=stub_markdown(view),
            inclusion=InclusionLevel.NOT_IN_NAV,
        )
        file.dest_uri = pair_dest_uri(rel, lang)
        file.edit_uri = None
        # Marks read by the other hooks: which page this shows, in which language.
        setattr(file, "diptych_pair", rel)  # noqa: B010
        setattr(file, "diptych_lang", lang)  # noqa: B010
        files.append(file)
    return files


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    rel = getattr(page.file, "diptych_pair", None)
    if rel is None:
        return html
    site = site_for(config)
    view = site.view(rel, page.file.diptych_lang)
    links = EditLinks(config.repo_url, config.edit_uri, site.project.docs_dir.name)
    back = get_relative_url(translated_url(rel, view.lang.code, site.source.code), page.url)
    render = markdown_renderer(site.renderer, view, page.url, files)
    return side_by_side(view, render, links, translation_href=back)
