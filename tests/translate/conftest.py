"""Fixtures of the translation tests: a mini project under tmp_path and the real command
line run on it (tests/support/)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import pytest

from tests.support.cli import Diptych, Run, run_diptych
from tests.support.project import MakeProject, write_project


@pytest.fixture
def make_project(tmp_path: Path) -> MakeProject:
    """Write mkdocs.yml and pages (path → text) into one folder; return the folder. A
    second call in a test rewrites the same project."""

    def make(
        pages: Mapping[str, str | bytes],
        *,
        targets: Sequence[str] = ("en", "de"),
        models: bool = False,
    ) -> Path:
        return write_project(tmp_path / "project", pages, targets=targets, models=models)

    return make


@pytest.fixture
def diptych(capsys: pytest.CaptureFixture[str]) -> Diptych:
    """Run the real command line in-process; return (exit code, stdout, stderr)."""

    def run(root: Path, *args: str) -> Run:
        return run_diptych(capsys, root, *args)

    return run
