"""What one site build reads, once: the project, its pages, their views per language.

Hooks are thin: they ask the build's :class:`Site` for a page's view in a language, and for
the lists that pages embed. One ``Site`` serves one ``mkdocs build`` (every language of
it) and remembers what it has read: the page list, each page's view per language, the
statements per language. It is held by the build's state (:mod:`diptych.site.state`),
which ends with the build, so ``mkdocs serve`` rebuilds read the edited files again.
Nothing is cached at module level.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

import yaml
from mkdocs.exceptions import PluginError

from ..config import Project, load_project
from ..dates import iso_date
from ..errors import DiptychError, SourceError
from ..judge import Judge
from ..languages import Language
from ..renderer import Renderer
from ..segment import Page, segment_file
from .links import translated_url
from .listing import Entry
from .metadata import og_locales
from .views import PageView, build_view, source_field

STATEMENTS_DIR = "statements"
_P = ParamSpec("_P")
_R = TypeVar("_R")


def plugin_errors(function: Callable[_P, _R]) -> Callable[_P, _R]:
    """What the hooks call: a problem of the project (a page, catalog or glossary, named
    with its line, and what to do) fails the build as MkDocs' PluginError with the words
    ``diptych`` uses on the command line, never a traceback. (A method of a Site names
    files relative to the project, as the command line does.)"""

    @functools.wraps(function)
    def call(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        try:
            return function(*args, **kwargs)
        except DiptychError as exc:
            if args and isinstance(args[0], Site) and exc.path is not None:
                exc.path = args[0].project.relative(exc.path)
            raise PluginError(str(exc)) from None

    return call


@plugin_errors
def load_site_project(config: Any) -> Project:
    """The Diptych project of a MkDocs config (its mkdocs.yml and folders)."""
    path = Path(config.config_file_path).resolve()
    return load_project(path.parent, path.name)


@dataclass(frozen=True)
class Site:
    """The project as one build sees it: every file is read once, when first needed."""

    project: Project
    # The site's Markdown renderer (it remembers conversions for the build) and the judge
    # of every translation, on that renderer.
    renderer: Renderer
    # What this build has read so far (mutable contents of a frozen object: the next
    # build makes a new Site).
    _rel_paths: list[tuple[str, ...]] = field(default_factory=list, compare=False, repr=False)
    _page_set: set[str] = field(default_factory=set, compare=False, repr=False)
    _pages: dict[str, Page] = field(default_factory=dict, compare=False, repr=False)
    _views: dict[tuple[str, str], PageView] = field(default_factory=dict, compare=False, repr=False)
    _statements: dict[str, list[Entry]] = field(default_factory=dict, compare=False, repr=False)

    @functools.cached_property
    def judge(self) -> Judge:
        """The build's one judge (it remembers what it has read, for this build)."""
        return Judge(self.renderer)

    @property
    def source(self) -> Language:
        return self.project.source

    @plugin_errors
    def language(self, code: str) -> Language:
        if code == self.source.code:
            return self.source
        return self.project.target(code)

    def is_target(self, code: str) -> bool:
        return any(t.code == code for t in self.project.targets)

    @plugin_errors
    def rel_paths(self) -> list[str]:
        """Every source page, relative to docs/ (the folder is walked once per build)."""
        if not self._rel_paths:
            docs = self.project.docs_dir
            self._rel_paths.append(
                tuple(p.relative_to(docs).as_posix() for p in self.project.pages())
            )
        return list(self._rel_paths[0])

    @plugin_errors
    def has_page(self, rel_path: str) -> bool:
        """Whether ``rel_path`` is a source page (what :meth:`rel_paths` lists)."""
        if not self._page_set:
            self._page_set.update(self.rel_paths())
        return rel_path in self._page_set

    @plugin_errors
    def view(self, rel_path: str, lang: str) -> PageView:
        """The page ``rel_path`` as a reader of ``lang`` sees it (built once per build)."""
        key = (rel_path, lang)
        view = self._views.get(key)
        if view is None:
            page_path = self.project.docs_dir / rel_path
            catalog_path = self.project.catalog_path(page_path, lang)
            catalog_rel = self.project.relative(catalog_path).as_posix()
            resolved = page_path.resolve()
            page = self._pages.get(rel_path)
            if page is None:
                page = self._pages[rel_path] = _segment(self.project, resolved)
            view = build_view(
                rel_path,
                catalog_path,
                catalog_rel,
                self.language(lang),
                self.source,
                self.judge,
                page,
                self.project.pseudo_preview,
            )
            self._views[key] = view
        return view

    @plugin_errors
    def source_sanitizer(self, rel_path: str) -> tuple[Callable[[str], str], list[str]]:
        """For a source page as published: the sanitizer that keeps what its rendering
        holds less anything active, and a warning (``docs/...:line: ...``) for each piece
        of active content it removes."""
        view = self.view(rel_path, self.project.targets[0].code)
        shown = self.project.relative(self.project.docs_dir / rel_path).as_posix()
        found = self.judge.source_page(view.page)
        return view.sanitize, [f"{shown}:{line}: {what}" for line, what in found]

    def views(self, lang: str) -> list[PageView]:
        return [self.view(rel, lang) for rel in self.rel_paths()]

    @functools.cached_property
    def og_locales(self) -> dict[str, str | None]:
        """The Open Graph locale of each language of the site (looked up once)."""
        return og_locales([self.source.code, *(t.code for t in self.project.targets)])

    def statement_dates(self, lang: str) -> dict[str, dt.date | None]:
        """Each statement's date, by its page (relative to docs/)."""
        return {entry.rel_path: entry.date for entry in self.statements(lang)}

    @plugin_errors
    def statements(self, lang: str) -> list[Entry]:
        """The statement pages with their front matter as a reader of ``lang`` sees it."""
        if lang not in self._statements:
            self._statements[lang] = self._read_statements(lang)
        return list(self._statements[lang])

    def _read_statements(self, lang: str) -> list[Entry]:
        entries = []
        for rel in self.rel_paths():
            if not rel.startswith(STATEMENTS_DIR + "/") or rel.endswith(("index.md", "README.md")):
                continue
            if lang == self.source.code:
                page = _segment(self.project, self.project.docs_dir / rel)
                name = source_field(page, "title")
                lead = source_field(page, "description")
                title = (rel if name is None else name, True)
                description = None if lead is None else (lead, True)
            else:
                view = self.view(rel, lang)
                title = view.field("title") or (rel, False)
                description = view.field("description")
            entries.append(
                Entry(
                    rel_path=rel,
                    date=iso_date(_front_matter(self.project.docs_dir / rel).get("date")),
                    title=title,
                    description=description,
                    href=translated_url(rel, lang, self.source.code),
                )
            )
        return entries


def _segment(project: Project, path: Path) -> Page:
    """A source page's units; a page that cannot be read is a SourceError naming it."""
    try:
        return segment_file(path)
    except OSError as exc:
        raise SourceError(
            f"cannot read the page: {exc.strerror or exc}",
            path=project.relative(path),
            hint="check that the file exists and may be read (its permissions)",
        ) from None


def _front_matter(path: Path) -> dict[str, Any]:
    """The page's front matter, for its date (the segmenter has read it before, and
    reported what is wrong with it)."""
    text = path.read_text(encoding="utf-8-sig")
    if not text.startswith("---"):
        return {}
    end = text.find("\n---", 3)
    if end < 0:
        return {}
    try:
        data = yaml.safe_load(text[3:end])
    except (yaml.YAMLError, ValueError):  # ValueError: a date such as 2022-02-30
        return {}
    return data if isinstance(data, dict) else {}


__all__ = ["STATEMENTS_DIR", "Site", "load_site_project", "plugin_errors"]
