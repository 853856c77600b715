"""Fixtures of the benchmark tests: projects of generated Russian pages, as the benchmarks
make them (bench/benchlib.py)."""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from pathlib import Path

import pytest

from tests.support.project import MakeCorpusProject, write_project
from tests.support.repo import REPO


@pytest.fixture
def make_corpus_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> MakeCorpusProject:
    """A project in tmp_path/``name`` with ``pages`` short pages of the benchmarks'
    seeded corpus."""
    # benchlib imports its neighbours as a benchmark script does (bench/ first on the
    # path): for this test only, as bench/translate.py would hide translate-toolkit.
    monkeypatch.syspath_prepend(str(REPO / "bench"))
    benchlib = importlib.import_module("benchlib")

    def make(pages: int = 12, name: str = "project", targets: Sequence[str] = ("en", "de")) -> Path:
        root = write_project(tmp_path / name, {}, targets=targets)
        small = benchlib.CorpusSpec(page_blocks=(2, 4))  # short pages: fast tests
        benchlib.write_pages(root / "docs", pages, small)
        return root

    return make
