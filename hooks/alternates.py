"""hreflang alternates in the sitemap and a language switcher that stays on the same page,
the side-by-side views included.

mkdocs-static-i18n knows each page's versions (``file.alternates``) and writes them into
the switcher (``<a hreflang>`` on every page) and the sitemap. Side-by-side pages are not
the plugin's: their versions are the other languages' side-by-side pages (and the Russian
original), added here to the switcher and the plugin's sitemap.

No ``<link rel="alternate" hreflang>`` goes into the page head: Material's script fetches
``sitemap.xml`` beside every such link (mkdocs-material#6582), which for a page's own
versions means a 404 per language on every page view, or, with absolute addresses, a
request to the host in ``site_url`` from a mirror. The sitemap carries the same
alternates for search engines.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from mkdocs.plugins import event_priority

from diptych.site.build import current_language, site_for
from diptych.site.links import pair_url, translated_url
from diptych.site.strings import native_name


@event_priority(-220)
def on_files(files: Any, config: Any) -> Any:
    plugin = config.plugins.get("i18n")
    site = site_for(config)
    lang = current_language(config)
    if plugin is None or not site.is_target(lang):
        return files
    pairs = [f for f in files if getattr(f, "diptych_pair", None) is not None]
    for file in pairs:
        file.alternates = {
            t.code: SimpleNamespace(url=pair_url(file.diptych_pair, t.code), page=None)
            for t in site.project.targets
        }
    plugin.i18n_files_per_language.setdefault(lang, []).extend(pairs)
    return files


@event_priority(0)
def on_page_context(context: Any, page: Any, config: Any, nav: Any) -> Any:
    rel = getattr(page.file, "diptych_pair", None)
    if rel is None:
        return context  # the plugin has set the switcher to this page's versions
    site = site_for(config)
    source = site.source.code
    versions = [(source, translated_url(rel, source, source))] + [
        (t.code, pair_url(rel, t.code)) for t in site.project.targets
    ]
    # Set as an attribute, as mkdocs-static-i18n does: the template reads that first.
    config.extra.alternate = [
        {"name": native_name(code), "link": url, "lang": code} for code, url in versions
    ]
    return context
