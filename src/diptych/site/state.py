"""The state of one ``mkdocs build`` that the hooks share: one object, reached one way.

Every hook asks :func:`current_build` for the :class:`BuildState` of the build under
way. It holds the :class:`~diptych.site.build.Site` (what the build has read: pages,
views, statements), what each page file the hooks render stands for
(:class:`FileFacts`, by language and the file's ``src_uri``: MkDocs' files are left as
MkDocs and mkdocs-static-i18n made them), and the side-by-side pages the sitemap lists.

Lifetime: ``hooks/translated_pages.py`` opens it in ``on_config`` and closes it in
``on_post_build`` (:data:`diptych.site.order.STEPS`). mkdocs-static-i18n builds the other
languages inside the first build's ``on_post_build``, with the same config; each of those
builds opens and closes it too, and only the outermost close drops it. A failed build
drops it in ``on_build_error``. So a second build in the same process (``mkdocs serve``
after an edit, a test) starts from scratch and reads every file again.

Where it is kept: MkDocs loads each hook file once per process and shares it between
configs, so a hook's module cannot hold a build's state, and the state is not glued onto
MkDocs' config. It lives in a :class:`contextvars.ContextVar`, the standard library's
"the one under way" (as :mod:`decimal` keeps its context): set for the length of one
build, in the thread that runs it, and reset when the build ends. It is not a cache:
nothing outlives the build, and a state asked for by another config is refused.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field
from enum import StrEnum

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from ..renderer import Renderer
from .build import Site, load_site_project, plugin_errors
from .i18n import SitemapPage, building_language, file_locale
from .statements import source_rel


class Role(StrEnum):
    """What a page file the hooks render is."""

    # A source page standing in for its translation (mkdocs-static-i18n's fallback),
    # its Markdown rendered from the page's catalog.
    TRANSLATION = "translation"
    # A page the hooks add: the source page beside its translation.
    SIDE_BY_SIDE = "side-by-side"


@dataclass(frozen=True)
class FileFacts:
    """What a page file of one language's build shows."""

    rel_path: str  # the source page, relative to docs/, forward slashes
    role: Role


@dataclass(eq=False)
class BuildState:
    """One build's shared state (every language of it)."""

    config: MkDocsConfig
    site: Site
    _files: dict[tuple[str, str], FileFacts] = field(default_factory=dict, repr=False)
    _sitemap: dict[str, list[SitemapPage]] = field(default_factory=dict, repr=False)
    # Builds under way with this state: the outermost and the languages nested in it.
    _open: int = 0

    @property
    def lang(self) -> str:
        """The language being built (mkdocs-static-i18n builds one at a time)."""
        return building_language(self.config) or self.site.source.code

    def fallback_pages(self, files: Files) -> list[File]:
        """In a target language's build, the source pages that mkdocs-static-i18n gives it
        for the pages with no hand-written translation (none in the source's build)."""
        source = self.site.source.code
        if not self.site.is_target(self.lang):
            return []
        return [f for f in files.documentation_pages() if file_locale(f) == source]

    def add(self, file: File, facts: FileFacts) -> None:
        """Say what a page file of the language being built shows."""
        self._files[(self.lang, file.src_uri)] = facts

    def facts(self, file: File) -> FileFacts | None:
        """What a page file of the language being built shows (None: a file of docs/ as
        it is, a source page or a hand-written translation, or a theme's file)."""
        return self._files.get((self.lang, file.src_uri))

    def translation_of(self, file: File) -> str | None:
        """The source page a translated page is rendered from."""
        facts = self.facts(file)
        return facts.rel_path if facts and facts.role is Role.TRANSLATION else None

    def pair_of(self, file: File) -> str | None:
        """The source page a side-by-side page shows."""
        facts = self.facts(file)
        return facts.rel_path if facts and facts.role is Role.SIDE_BY_SIDE else None

    def source_page(self, file: File) -> str:
        """The source page that any page file of this language's build shows: a
        hand-written ``statements/x.en.md`` shows ``statements/x.md``."""
        facts = self.facts(file)
        return facts.rel_path if facts else source_rel(file.src_uri, self.lang)

    def add_to_sitemap(self, pages: Sequence[SitemapPage]) -> None:
        """Pages of the language being built that the sitemap lists beside the plugin's."""
        self._sitemap.setdefault(self.lang, []).extend(pages)

    @property
    def sitemap_pages(self) -> Mapping[str, Sequence[SitemapPage]]:
        return self._sitemap

    def enter(self) -> None:
        self._open += 1

    def leave(self) -> bool:
        """One build ends; True when it was the outermost."""
        self._open -= 1
        return self._open <= 0


_CURRENT: ContextVar[BuildState | None] = ContextVar("diptych_build", default=None)


@plugin_errors
def open_build(config: MkDocsConfig) -> None:
    """A build, or one language's build nested in it, starts with ``config``."""
    state = _CURRENT.get()
    if state is None or state.config is not config:
        # The first of this build (a state left by another config's build that never
        # ended, interrupted, is not this build's).
        site = Site(load_site_project(config), Renderer.for_mkdocs(config))
        state = BuildState(config, site)
        _CURRENT.set(state)
    state.enter()


def close_build(config: MkDocsConfig) -> None:
    """A build ends: when the outermost one does, its state is dropped."""
    state = _CURRENT.get()
    if state is not None and state.config is config and state.leave():
        _CURRENT.set(None)


def drop_build() -> None:
    """A build failed: the error ends every language's build, the outermost too."""
    _CURRENT.set(None)


def current_build(config: MkDocsConfig) -> BuildState:
    """The state of the build that ``config`` is running."""
    state = _CURRENT.get()
    if state is None or state.config is not config:
        raise PluginError(
            "diptych: no site build is under way with this configuration\n"
            "  hint: list hooks/translated_pages.py (it opens the build's state) in "
            "mkdocs.yml's hooks"
        )
    return state
