"""hreflang alternates on every page and in the sitemap, and a language switcher that
stays on the same page, the side-by-side views included.

mkdocs-static-i18n knows each page's versions (``file.alternates``); this hook turns them
into ``diptych_alternates`` for the template (absolute URLs when ``site_url`` is set, plus
``x-default`` pointing at the Russian original). Side-by-side pages are not the plugin's:
their alternates are the other languages' side-by-side pages, added here to the template,
the switcher and the plugin's sitemap.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from mkdocs.plugins import event_priority
from mkdocs.utils import get_relative_url

from diptych.site.build import current_language, site_for
from diptych.site.links import absolute, pair_url, translated_url
from diptych.site.strings import native_name


def _href(config: Any, url: str, page_url: str) -> str:
    return absolute(config.site_url, url) if config.site_url else get_relative_url(url, page_url)


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
    site = site_for(config)
    source = site.source.code
    rel = getattr(page.file, "diptych_pair", None)
    alternates: list[dict[str, str]] = []
    if rel is not None:
        versions = [(source, translated_url(rel, source, source))] + [
            (t.code, pair_url(rel, t.code)) for t in site.project.targets
        ]
        # Set as an attribute, as mkdocs-static-i18n does: the template reads that first.
        config.extra.alternate = [
            {"name": native_name(code), "link": url, "lang": code} for code, url in versions
        ]
        alternates = [
            {"lang": code, "href": _href(config, url, page.url)}
            for code, url in versions
            if code != source
        ]
    elif hasattr(page.file, "alternates"):
        for code, file in sorted(page.file.alternates.items()):
            alternates.append({"lang": code, "href": _href(config, file.url, page.url)})
        default = page.file.alternates.get(source)
        if default is not None:
            alternates.append({"lang": "x-default", "href": _href(config, default.url, page.url)})
    context["diptych_alternates"] = alternates
    return context
