"""Search per language: each language's pages search only that language's index, with its
own lunr stemmer, stop words and word separator (see :mod:`diptych.site.search`).

After each build, and so last after mkdocs-static-i18n (at -100) has written every
language's entries into ``search/search_index.json``, the index is split by language into
``search/search_index.json`` (source) and ``<lang>/search/search_index.json``; every page
and error page of a target language gets that folder as Material's ``base``, and every
page runs our search worker (``diptych-search.js``, stemmed queries) in place of Material's.
"""

from __future__ import annotations

import importlib.util
import json
import logging
from pathlib import Path
from typing import Any

from mkdocs.plugins import event_priority
from mkdocs.utils import write_file

from diptych.site import search
from diptych.site.order import priority
from diptych.site.state import current_build

log = logging.getLogger("mkdocs.diptych")

# Keys of Material's language partials (partials/languages/<lang>.html) used here.
MATERIAL_KEYS = ("lang", "separator")


@event_priority(priority("search_languages", "on_post_page"))
def on_post_page(output: str, page: Any, config: Any) -> str:
    return _page_config(output, config)


@event_priority(priority("search_languages", "on_post_template"))
def on_post_template(output_content: str, template_name: str, config: Any) -> str:
    """Error pages (404.html) have Material's ``__config`` too (hooks/not_found.py then
    writes a target language's to its folder)."""
    if not template_name.endswith(".html"):
        return output_content
    return _page_config(output_content, config)


def _page_config(output: str, config: Any) -> str:
    build = current_build(config)
    lang = build.lang
    return search.with_page_config(output, lang if build.site.is_target(lang) else None)


@event_priority(priority("search_languages", "on_post_build"))
def on_post_build(config: Any) -> None:
    """Between mkdocs-static-i18n's merge and the end of the build's shared state
    (hooks/translated_pages.py; diptych.site.order)."""
    plugin = config.plugins.get("material/search") or config.plugins.get("search")
    site_dir = Path(config.site_dir)
    path = site_dir / search.INDEX
    if plugin is None or not path.is_file():
        return
    build = current_build(config)
    site = build.site
    if build.lang.split("-")[0] == "zh" and not importlib.util.find_spec("jieba"):
        log.warning(
            "Chinese search needs jieba (Material's search plugin splits Chinese text into "
            "words with it; without it a query for a word finds nothing): install it with "
            "`pip install jieba==0.42.1` (see requirements.txt)"
        )
    source = site.source.code
    targets = [t.code for t in site.project.targets]
    index = json.loads(path.read_text(encoding="utf-8"))
    env = config.theme.get_env()
    partial = env.get_template("partials/language.html")
    for lang, docs in search.by_language(index["docs"], source, targets).items():
        module = partial.make_module({"config": {"theme": {"language": lang}}})
        material = {key: str(module.t(f"search.config.{key}")) for key in MATERIAL_KEYS}
        lunr = search.settings(lang, plugin.config.lang or [], plugin.config.pipeline, material)
        text = search.index_json({**index["config"], **lunr}, docs)
        write_file(text.encode("utf-8"), str(site_dir / search.index_path(lang, source)))
