"""One search index per language: what a reader's query searches.

Material's search plugin writes ``search/search_index.json`` after each build, and its
script loads the index beside ``base`` (the site's root) from the page's ``__config``.
mkdocs-static-i18n builds the languages one after another into one site folder and, after
the last, writes every language's entries into that one file. So every page searched every
language, with one set of lunr settings for all.

Here the index is split by language: the source language's pages keep
``search/search_index.json``, each target language's go to ``<lang>/search/search_index.json``
with their locations relative to ``<lang>/``, and a target language's pages get that folder
as their ``base``, so Material's script loads their language's index and resolves each
result's link against it. Each index carries its language's lunr settings (:func:`settings`).
Every page's ``__config`` names our search worker, ``diptych-search.js``
(overrides/assets/javascripts/workers/), which loads Material's and stems queries (its
comment says why Material's alone cannot find "Казахстан" for "Казахстана").
"""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Sequence
from typing import Any
from urllib.parse import urlencode

from jinja2.utils import htmlsafe_json_dumps

INDEX = "search/search_index.json"
# overrides/assets/javascripts/workers/: Material's worker with stemmed queries.
WORKER = "diptych-search.js"

# Material's configuration of its script, a JSON object in every page it renders.
_CONFIG = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)


def index_path(lang: str, source: str) -> str:
    """Where the index of ``lang``'s pages is written, relative to the site folder."""
    return INDEX if lang == source else f"{lang}/{INDEX}"


def by_language(
    docs: Sequence[dict[str, Any]], source: str, targets: Sequence[str]
) -> dict[str, list[dict[str, Any]]]:
    """The entries of an index, by the language of their page (a target language's pages
    are under ``<lang>/``; the source language's are the rest), each location relative to
    its language's root. Languages without entries are left out."""
    prefixes = {lang: f"{lang}/" for lang in targets}
    found: dict[str, list[dict[str, Any]]] = {}
    for doc in docs:
        location = str(doc["location"])
        lang = next((t for t, p in prefixes.items() if location.startswith(p)), source)
        if lang != source:
            doc = {**doc, "location": location[len(prefixes[lang]) :]}
        found.setdefault(lang, []).append(doc)
    return found


def settings(
    lang: str, stemmed: Sequence[str], pipeline: Sequence[str], material: dict[str, str]
) -> dict[str, Any]:
    """The lunr settings of ``lang``'s index: its own stemmer and stop words where lunr has
    them (``stemmed``, the search plugin's ``lang`` in mkdocs.yml), else Material's choice
    for the language; the pipeline of mkdocs.yml; Material's word separator for the
    language (``material``: its language partial's ``search.config.*`` values; the
    Chinese one splits at the zero-width spaces that Material's plugin puts between the
    words jieba finds)."""
    return {
        "lang": [lang] if lang in stemmed else [material["lang"]],
        "separator": material["separator"],
        "pipeline": list(pipeline),
    }


def index_json(config: dict[str, Any], docs: list[dict[str, Any]]) -> str:
    """An index as Material's plugin writes it."""
    return json.dumps({"config": config, "docs": docs}, separators=(",", ":"), default=str)


def language_base(base: str, lang: str) -> str:
    """Material's ``base`` for a page of a target language: that language's root (``..``
    -> ``../en/``; an error page's absolute ``/site/`` -> ``/site/en/``)."""
    return posixpath.join(base or ".", lang, "")


def worker_url(material: str) -> str:
    """Our search worker (beside Material's, which it loads, named in its query)."""
    folder, name = posixpath.split(material)
    return posixpath.join(folder, WORKER) + "?" + urlencode({"material": name})


def with_page_config(page_html: str, lang: str | None) -> str:
    """A page whose ``__config`` loads our search worker and, for a page of target
    language ``lang`` (None: the source language), is based on that language's root. A
    page without Material's ``__config`` is returned as it is."""
    match = _CONFIG.search(page_html)
    if match is None:
        return page_html
    data = json.loads(match.group(2))
    if isinstance(data.get("search"), str) and WORKER not in data["search"]:
        data["search"] = worker_url(data["search"])
    if lang is not None:
        data["base"] = language_base(str(data.get("base", ".")), lang)
    # As Material writes it (Jinja's tojson): <, >, & and ' escaped, so no text in it can
    # end the script element.
    text = str(htmlsafe_json_dumps(data, sort_keys=True))
    return page_html[: match.start(2)] + text + page_html[match.end(2) :]
