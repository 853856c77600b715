"""Page titles are text: what a source page says about itself reaches the HTML escaped.

Material writes a page's title into the header, the navigation and the search index (whose
titles its script inserts as HTML) as it is, because MkDocs' own titles, made from a
page's first heading, are HTML already. Front-matter fields are plain text after YAML
decoding (``title: "\\x3cscript\\x3e"`` is ``<script>``), so after every page has been
read and rendered, and before any template runs, they are escaped into HTML text here.
The templates of ``overrides/`` that write them into attributes and ``<title>`` strip
and escape again, which is right for HTML text and safe for text that was never escaped.

Titles MkDocs makes from file and folder names are not escaped by anyone: a page whose
name has ``<``, ``>`` or quotes fails the build here, as it fails ``diptych check``
(D504, :mod:`diptych.check.names`).
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from diptych.check.names import message
from diptych.site.order import priority
from diptych.site.titles import document_title

# Front-matter fields Material writes into pages or the search index: page title, nav
# subtitle, status (a class name and tooltip), description and author (<meta>).
TEXT_FIELDS = ("title", "subtitle", "description", "author", "status")


@event_priority(priority("titles", "on_files"))
def on_files(files: Any, config: Any) -> Any:
    """Before any other hook or plugin arranges the files: refuse unsafe page names."""
    docs = Path(config.docs_dir).name
    problems = [
        found
        for file in files.documentation_pages()
        if (found := message(docs, file.src_uri)) is not None
    ]
    if problems:
        raise PluginError("\n".join(problems))
    return files


def as_html(meta: dict[str, Any]) -> None:
    """Front-matter text fields (and tags) of one page, escaped in place."""
    for field in TEXT_FIELDS:
        value = meta.get(field)
        if value is not None:
            meta[field] = html.escape(str(value), quote=True)
    tags = meta.get("tags")
    if isinstance(tags, list):
        meta["tags"] = [html.escape(t, quote=True) if isinstance(t, str) else t for t in tags]


@event_priority(priority("titles", "on_env"))
def on_env(env: Any, config: Any, files: Any) -> Any:
    """Every page of this build has been rendered (the other hooks have read its front
    matter as text) and no template has run yet. The templates get ``document_title``:
    the ``<title>`` text, with the site's name once (``diptych.site.titles``)."""
    env.filters["document_title"] = document_title
    for file in files.documentation_pages():
        page = getattr(file, "page", None)
        if page is not None and isinstance(page.meta, dict):
            as_html(page.meta)
    return env
