"""State of one site build that the hooks share: the project, and page views per language.

Hooks are thin: they ask this module for a page's view in a language, and for the lists
that pages embed. Views are cached by the modification times of the page and its catalog,
so ``mkdocs serve`` picks up edits and a build reads each file once per language.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..config import Project, load_project
from ..languages import Language
from .links import page_url, translated_url
from .listing import Entry, parse_date
from .views import PageView, build_view

STATEMENTS_DIR = "statements"


@functools.lru_cache(maxsize=8)
def _project(config_file: str) -> Project:
    path = Path(config_file)
    return load_project(path.parent, path.name)


def project_for(config: Any) -> Project:
    """The Diptych project of a MkDocs config (its mkdocs.yml and folders)."""
    return _project(str(Path(config.config_file_path).resolve()))


def current_language(config: Any) -> str:
    """The language MkDocs is building now (mkdocs-static-i18n builds one at a time)."""
    plugin = config.plugins.get("i18n")
    code = getattr(plugin, "current_language", None) if plugin is not None else None
    if code:
        return str(code)
    return project_for(config).source.code


def _mtime(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return -1


@functools.lru_cache(maxsize=4096)
def _view(
    page_path: Path,
    rel: str,
    catalog_path: Path,
    catalog_rel: str,
    lang: Language,
    source: Language,
    page_mtime: int,
    catalog_mtime: int,
) -> PageView:
    return build_view(page_path, rel, catalog_path, catalog_rel, lang, source)


@dataclass(frozen=True)
class Site:
    project: Project

    @property
    def source(self) -> Language:
        return self.project.source

    def language(self, code: str) -> Language:
        if code == self.source.code:
            return self.source
        return self.project.target(code)

    def is_target(self, code: str) -> bool:
        return any(t.code == code for t in self.project.targets)

    def rel_paths(self) -> list[str]:
        docs = self.project.docs_dir
        return [p.relative_to(docs).as_posix() for p in self.project.pages()]

    def view(self, rel_path: str, lang: str) -> PageView:
        page_path = self.project.docs_dir / rel_path
        catalog_path = self.project.catalog_path(page_path, lang)
        catalog_rel = self.project.relative(catalog_path).as_posix()
        return _view(
            page_path.resolve(),
            rel_path,
            catalog_path,
            catalog_rel,
            self.language(lang),
            self.source,
            _mtime(page_path),
            _mtime(catalog_path),
        )

    def views(self, lang: str) -> list[PageView]:
        return [self.view(rel, lang) for rel in self.rel_paths()]

    def statements(self, lang: str) -> list[Entry]:
        """The statement pages with their front matter as a reader of ``lang`` sees it."""
        from ..segment import segment_file

        entries = []
        for rel in self.rel_paths():
            if not rel.startswith(STATEMENTS_DIR + "/") or rel.endswith(("index.md", "README.md")):
                continue
            if lang == self.source.code:
                page = segment_file(self.project.docs_dir / rel)
                fields = {
                    u.kind.split(":", 1)[1]: u.text
                    for u in page.units
                    if u.kind.startswith("front-matter:")
                }
                title = (fields.get("title", rel), True)
                description = (fields["description"], True) if "description" in fields else None
            else:
                view = self.view(rel, lang)
                title = view.field("title") or (rel, False)
                description = view.field("description")
            entries.append(
                Entry(
                    rel_path=rel,
                    date=parse_date(_front_matter(self.project.docs_dir / rel).get("date")),
                    title=title,
                    description=description,
                    href=translated_url(rel, lang, self.source.code),
                )
            )
        return entries


def _front_matter(path: Path) -> dict[str, Any]:
    import yaml

    text = path.read_text(encoding="utf-8-sig")
    if not text.startswith("---"):
        return {}
    end = text.find("\n---", 3)
    if end < 0:
        return {}
    try:
        data = yaml.safe_load(text[3:end])
    except yaml.YAMLError:
        return {}
    return data if isinstance(data, dict) else {}


def site_for(config: Any) -> Site:
    return Site(project_for(config))


__all__ = ["Site", "current_language", "page_url", "project_for", "site_for"]
