"""Everything the hooks rely on in mkdocs-static-i18n, in one place.

The plugin builds one language at a time (the source language first, the others nested in
its ``on_post_build``) and keeps its facts on its own objects. The hooks read three of
them and write none:

* the language being built: the plugin's ``current_language``;
* which files of a target language's build are the source language's pages standing in
  for missing translations: the ``locale`` the plugin gives each file it arranges;
* the sitemap's pages: the plugin's ``on_template_context`` gives its ``sitemap.xml``
  template ``i18n_alternates``, each language's pages with their versions in the other
  languages (``file.page``, ``file.url``, ``file.alternates``).

Side-by-side pages are not the plugin's, so the sitemap would leave them out: the hooks
hand its template a copy of ``i18n_alternates`` with them added (:func:`with_pages`),
each a :class:`SitemapPage` that the template reads as it reads the plugin's files.
``tests/site/test_i18n_contract.py`` runs the plugin and its template and fails when any
of this changes shape.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File
from mkdocs.structure.pages import Page

# The plugin's name in mkdocs.yml, the template it renders the sitemap with, and the
# template variable that holds the sitemap's pages.
PLUGIN = "i18n"
SITEMAP = "sitemap.xml"
ALTERNATES = "i18n_alternates"


def building_language(config: MkDocsConfig) -> str | None:
    """The language the plugin is building now (None without the plugin)."""
    plugin = config.plugins.get(PLUGIN)
    code = getattr(plugin, "current_language", None) if plugin is not None else None
    return str(code) if code else None


def file_locale(file: File) -> str | None:
    """The language the plugin took a file to be in (None: not one it arranged, such as
    a page a hook made)."""
    locale = getattr(file, "locale", None)
    return str(locale) if locale is not None else None


@dataclass(frozen=True)
class Alternate:
    """A version of a page in another language, as the sitemap template reads the
    plugin's: its URL (relative to ``site_url``); no page object of this build."""

    url: str
    page: None = None


@dataclass(frozen=True)
class SitemapPage:
    """A page of ours in the sitemap, read by the template as one of the plugin's files."""

    file: File
    alternates: Mapping[str, Alternate]

    @property
    def page(self) -> Page | None:
        """Made by MkDocs after the files are arranged; read when the sitemap is written."""
        return self.file.page

    @property
    def url(self) -> str:
        return str(self.file.url)


def with_pages(
    context: dict[str, Any], template_name: str, pages: Mapping[str, Sequence[SitemapPage]]
) -> dict[str, Any]:
    """The sitemap template's context with ``pages`` (by language) after the plugin's own
    pages of each language; the plugin's mapping itself is left as it is."""
    alternates = context.get(ALTERNATES)
    if template_name != SITEMAP or not isinstance(alternates, Mapping):
        return context
    merged: dict[str, list[Any]] = {lang: list(files) for lang, files in alternates.items()}
    for lang, extra in pages.items():
        merged.setdefault(lang, []).extend(extra)
    context[ALTERNATES] = merged
    return context
