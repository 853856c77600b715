"""Mini projects: a folder with mkdocs.yml (the one template, bench/mkdocs_template.py),
Russian pages in docs/, and what a test adds (the miniature Argos packages in models/,
catalogs in given states, the project's hooks and overrides for a site that builds like
the real one). A project is a source folder; what ``mkdocs build`` makes of it is a
:class:`~tests.support.site.Built` site."""

from __future__ import annotations

import re
import shutil
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Protocol

import polib
import pytest

from bench.mkdocs_template import mkdocs_yml
from diptych.segment import segment_file

from . import repo
from .catalogs import Entries, write_catalog
from .cli import Run, run_diptych
from .pages import CATALOG, CATALOGS, PAGES

# Per language, per page (relative to docs/): the entries of its catalog.
Catalogs = Mapping[str, Mapping[str, Entries]]


def write_pages(root: Path, pages: Mapping[str, str | bytes]) -> None:
    """Pages (path relative to docs/ → text, written as given, or bytes)."""
    for rel, text in pages.items():
        path = root / "docs" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8", newline="")


def write_project(
    root: Path,
    pages: Mapping[str, str | bytes],
    *,
    targets: Sequence[str] = ("en", "de"),
    site_name: str = "Test",
    extensions: bool = False,
    site: bool = False,
    models: bool = False,
    catalogs: Catalogs | None = None,
) -> Path:
    """A mini project in ``root`` (made if need be): Russian ``pages``, ``targets``.

    ``extensions``: the site's Markdown extensions; ``site``: a project that builds like
    the project's own (its hooks and overrides, Material, search); ``models``: the
    miniature Argos packages in models/; ``catalogs``: catalogs with exactly these
    entries (units not listed have none)."""
    root.mkdir(parents=True, exist_ok=True)
    hooks = repo.hooks() if site else ()
    config = mkdocs_yml(targets, site_name=site_name, extensions=extensions, hooks=hooks)
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    if site:
        _copy_site_files(root)
    write_pages(root, pages)
    if models:
        (root / "models").mkdir(exist_ok=True)
        for file in repo.FIXTURE_MODELS.glob("*.argosmodel"):
            shutil.copy(file, root / "models" / file.name)
    for lang, by_page in (catalogs or {}).items():
        for rel, entries in by_page.items():
            write_catalog(root, lang, rel, entries, only_listed=True)
    return root


def write_repo_project(root: Path, pages: Mapping[str, str | bytes], *, nav: bool = False) -> Path:
    """A mini project with the project's own mkdocs.yml (without its nav, which names
    pages the mini project lacks, unless ``nav``), hooks and overrides: its pages build
    exactly as the project's site builds them."""
    root.mkdir(parents=True, exist_ok=True)
    config = repo.CONFIG.read_text(encoding="utf-8") if nav else repo.config_without_nav()
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    _copy_site_files(root)
    write_pages(root, pages)
    return root


def _copy_site_files(root: Path) -> None:
    """The project's hooks and overrides, which its mkdocs.yml names."""
    ignore = shutil.ignore_patterns("__pycache__")
    shutil.copytree(repo.REPO / "hooks", root / "hooks", ignore=ignore, dirs_exist_ok=True)
    shutil.copytree(repo.REPO / "overrides", root / "overrides", dirs_exist_ok=True)


def write_mini_project(
    root: Path,
    pages: Mapping[str, str] = PAGES,
    catalogs: Catalogs = CATALOGS,
    targets: Sequence[str] = ("en", "ar"),
) -> Path:
    """The site tests' mini project (tests/support/pages.py): ru, en, ar, Cyrillic file
    names, a statement in every state; it builds like the project's own site."""
    return write_project(
        root, pages, targets=targets, site_name="Мини", site=True, catalogs=catalogs
    )


class Project:
    """A mini project of the command-line tests, with what those tests do to it: write
    and edit its files as a contributor would, and run the real ``diptych`` on it."""

    def __init__(self, root: Path, capsys: pytest.CaptureFixture[str]) -> None:
        self.root = root
        self.capsys = capsys

    def path(self, rel: str) -> Path:
        return self.root / rel

    def write(self, rel: str, text: str) -> Path:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    def read(self, rel: str) -> str:
        return (self.root / rel).read_text(encoding="utf-8")

    def units(self, page: str = "page.md") -> list[str]:
        return [unit.text for unit in segment_file(self.root / "docs" / page).units]

    def catalog(
        self,
        lang: str = "en",
        page: str = "page.md",
        reviewed: Mapping[str, str] | None = None,
        machine: Mapping[str, str] | None = None,
    ) -> Path:
        """The catalog of ``page``: these units reviewed, those machine, the rest missing."""
        entries: dict[str, tuple[str, str]] = {}
        for situation, texts in (("machine", machine), ("reviewed", reviewed)):
            entries |= {unit: (text, situation) for unit, text in (texts or {}).items()}
        return write_catalog(self.root, lang, page, entries, engine="test engine 1.0 (ru→en)")

    def edit(self, rel: str, old: str, new: str, count: int = 1) -> None:
        """Change a catalog's text the way a contributor's editor would."""
        text = self.read(rel)
        assert text.count(old) >= count, f"{old!r} not in {rel}"
        self.write(rel, text.replace(old, new, count))

    def po(self, rel: str = CATALOG) -> polib.POFile:
        return polib.pofile(str(self.root / rel), wrapwidth=0)

    def line_of(self, needle: str, rel: str = CATALOG) -> int:
        """The line of the msgid whose text starts with ``needle``."""
        for number, line in enumerate(self.read(rel).splitlines(), start=1):
            if re.match(r'(#~ )?msgid "' + re.escape(needle), line):
                return number
        raise AssertionError(f"no msgid starting {needle!r} in {rel}")

    def diptych(self, *args: str) -> Run:
        return run_diptych(self.capsys, self.root, *args)

    def check(self, *args: str) -> Run:
        return self.diptych("check", *args)


class MakeProject(Protocol):
    """The ``make_project`` fixture: a mini project under the test's tmp_path."""

    def __call__(
        self,
        pages: Mapping[str, str | bytes],
        *,
        targets: Sequence[str] = ("en", "de"),
        models: bool = False,
    ) -> Path: ...


class MakeCorpusProject(Protocol):
    """The ``make_corpus_project`` fixture (tests/bench/): generated pages, as the
    benchmarks make them."""

    def __call__(
        self, pages: int = 12, name: str = "project", targets: Sequence[str] = ("en", "de")
    ) -> Path: ...
