"""A 404 page per language, and the root one in the source language.

MkDocs renders the theme's ``404.html`` once per build into ``site_dir/404.html``, with
absolute links (from ``site_url``) so that it works at any depth. mkdocs-static-i18n runs
one build per language into the same ``site_dir`` (the source language first, the others
from its ``on_post_build``) and does nothing about ``404.html``: each language overwrote
the one before, and the root page, which GitHub Pages serves for every missing address,
was the last language's (Arabic, right to left).

Here each target language's 404 is written to ``<lang>/404.html`` instead, and the root
file is left as the source-language build wrote it. ``overrides/404.html`` places the
content made by :func:`diptych.site.page_parts.not_found_body`: on a language's page its
own home; on the root page every language's home, each named in its own language.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from markupsafe import Markup
from mkdocs.plugins import event_priority
from mkdocs.utils import write_file

from diptych.site.links import translated_url
from diptych.site.order import priority
from diptych.site.page_parts import not_found_body
from diptych.site.state import current_build
from diptych.ui import native_name, ui

TEMPLATE = "404.html"


@event_priority(priority("not_found", "on_template_context"))
def on_template_context(context: Any, template_name: str, config: Any) -> Any:
    if template_name != TEMPLATE:
        return context
    build = current_build(config)
    site = build.site
    lang = site.language(build.lang)
    base = context["base_url"]  # MkDocs' absolute base of error pages ("/diptych/")
    source = site.source.code
    homes = [
        (language, base + translated_url("index.md", language.code, source))
        for language in (site.source, *site.project.targets)
    ]
    shown = homes if lang == site.source else [home for home in homes if home[0] == lang]
    context["diptych_404"] = {
        "title": ui(lang.code, "notfound.title"),
        "content": Markup(not_found_body(lang, shown)),
    }
    # The language switcher leads to each language's home (the page exists in none);
    # set as an attribute, as mkdocs-static-i18n and hooks/alternates.py set it on pages.
    config.extra.alternate = [
        {"name": native_name(language.code, language.name), "link": href, "lang": language.code}
        for language, href in homes
    ]
    return context


@event_priority(priority("not_found", "on_post_template"))
def on_post_template(output: str, template_name: str, config: Any) -> str:
    """After every other hook's changes: a target language's page goes to its folder, and
    MkDocs rewrites the root page the source-language build left (itself if it left none)."""
    if template_name != TEMPLATE:
        return output
    build = current_build(config)
    lang = build.lang
    if lang == build.site.source.code:
        return output
    site_dir = Path(config.site_dir)
    write_file(output.encode("utf-8"), str(site_dir / lang / TEMPLATE))
    root = site_dir / TEMPLATE
    return root.read_text(encoding="utf-8") if root.is_file() else output
