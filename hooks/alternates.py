"""hreflang alternates in the sitemap and a language switcher that stays on the same page,
the side-by-side views included.

mkdocs-static-i18n knows each page's versions and writes them into the switcher
(``<a hreflang>`` on every page) and the sitemap. Side-by-side pages are not the plugin's:
their versions are the other languages' side-by-side pages (and the Russian original),
added here to the switcher and, without writing into the plugin, to the sitemap's pages
(:mod:`diptych.site.i18n`, what the hooks rely on in the plugin).

No ``<link rel="alternate" hreflang>`` goes into the page head: Material's script fetches
``sitemap.xml`` beside every such link (mkdocs-material#6582), which for a page's own
versions means a 404 per language on every page view, or, with absolute addresses, a
request to the host in ``site_url`` from a mirror. The sitemap carries the same
alternates for search engines.
"""

from __future__ import annotations

from typing import Any

from mkdocs.plugins import event_priority

from diptych.site import i18n
from diptych.site.links import pair_url, translated_url
from diptych.site.order import priority
from diptych.site.state import current_build
from diptych.ui import native_name


@event_priority(priority("alternates", "on_files"))
def on_files(files: Any, config: Any) -> Any:
    build = current_build(config)
    site = build.site
    if config.plugins.get(i18n.PLUGIN) is None or not site.is_target(build.lang):
        return files
    pages = []
    for file in files:
        rel = build.pair_of(file)
        if rel is not None:
            versions = {t.code: i18n.Alternate(pair_url(rel, t.code)) for t in site.project.targets}
            pages.append(i18n.SitemapPage(file, versions))
    build.add_to_sitemap(pages)
    return files


@event_priority(priority("alternates", "on_template_context"))
def on_template_context(context: Any, template_name: str, config: Any) -> Any:
    return i18n.with_pages(context, template_name, current_build(config).sitemap_pages)


@event_priority(priority("alternates", "on_page_context"))
def on_page_context(context: Any, page: Any, config: Any, nav: Any) -> Any:
    build = current_build(config)
    rel = build.pair_of(page.file)
    if rel is None:
        return context  # the plugin has set the switcher to this page's versions
    site = build.site
    source = site.source.code
    versions = [(source, translated_url(rel, source, source))] + [
        (t.code, pair_url(rel, t.code)) for t in site.project.targets
    ]
    # Set as an attribute, as mkdocs-static-i18n does: the template reads that first.
    config.extra.alternate = [
        {"name": native_name(code), "link": url, "lang": code} for code, url in versions
    ]
    return context
