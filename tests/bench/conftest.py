"""Small projects of generated Russian pages, and the benchmark's modules on the path."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest

BENCH = Path(__file__).parents[2] / "bench"
# Appended, not prepended: bench/translate.py must not shadow translate-toolkit's package.
sys.path.append(str(BENCH))

import benchlib  # noqa: E402

MKDOCS_YML = """\
site_name: Test
plugins:
  - i18n:
      docs_structure: suffix
      languages:
        - locale: ru
          default: true
          name: Русский
{targets}"""

Project = Callable[..., Path]


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """A site with ``pages`` pages: the project's own docs, then generated ones."""

    def make(pages: int = 12, name: str = "site", languages: str = "en de") -> Path:
        root = tmp_path / name
        root.mkdir()
        targets = "".join(
            f"        - locale: {c}\n          name: {c}\n" for c in languages.split()
        )
        (root / "mkdocs.yml").write_text(MKDOCS_YML.format(targets=targets), encoding="utf-8")
        small = benchlib.CorpusSpec(page_blocks=(2, 4))  # short pages: fast tests
        benchlib.write_pages(root / "docs", pages, small)
        return root

    return make


def snapshot(root: Path) -> dict[str, tuple[bytes, int]]:
    """Every file under ``root``: relative path → (bytes, modification time)."""
    return {
        p.relative_to(root).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def catalogs(root: Path) -> dict[str, bytes]:
    """The catalogs under ``root``/translations: relative path → bytes."""
    base = root / "translations"
    return {p.relative_to(base).as_posix(): p.read_bytes() for p in sorted(base.rglob("*.po"))}
