"""Side-by-side views: one generated page per translated page, original beside translation.

In each target-language build this hook adds ``<lang>/side-by-side/<page>/`` for every
page (kept out of the navigation and the search index) and fills its body with the
rows made by :func:`diptych.site.pair.side_by_side`. The build's state remembers which
page each one shows (:class:`diptych.site.state.FileFacts`).
"""

from __future__ import annotations

from typing import Any

from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, InclusionLevel
from mkdocs.utils import get_relative_url

from diptych.site.links import pair_dest_uri, pair_src_uri, translated_url
from diptych.site.order import priority
from diptych.site.pair import EditLinks, side_by_side
from diptych.site.render import markdown_renderer, stub_markdown
from diptych.site.state import BuildState, FileFacts, Role, current_build


@event_priority(priority("side_by_side", "on_files"))
def on_files(files: Any, config: Any) -> Any:
    build = current_build(config)
    if build.site.is_target(build.lang):
        for rel in build.site.rel_paths():
            files.append(pair_file(build, rel, config))
    return files


def pair_file(build: BuildState, rel: str, config: Any) -> File:
    """The side-by-side page of ``rel`` in the language being built (its body is made in
    ``on_page_content``), known to the build's state as such."""
    lang = build.lang
    file = File.generated(
        config,
        pair_src_uri(rel),
        content=stub_markdown(build.site.view(rel, lang)),
        inclusion=InclusionLevel.NOT_IN_NAV,
    )
    file.dest_uri = pair_dest_uri(rel, lang)
    file.edit_uri = None
    build.add(file, FileFacts(rel, Role.SIDE_BY_SIDE))
    return file


@event_priority(priority("side_by_side", "on_page_content"))
def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    build = current_build(config)
    rel = build.pair_of(page.file)
    if rel is None:
        return html
    site = build.site
    view = site.view(rel, build.lang)
    links = EditLinks(config.repo_url, config.edit_uri, site.project.docs_dir.name)
    back = get_relative_url(translated_url(rel, view.lang.code, site.source.code), page.url)
    render = markdown_renderer(site.renderer, view, page.url, files)
    return side_by_side(view, render, links, translation_href=back)
