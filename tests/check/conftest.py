"""Fixtures of the command-line tests: the sample page (tests/support/pages.py) in a mini
project with a glossary, and the real ``diptych`` run on it (tests/support/project.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.pages import ENGLISH, OTHER, PAGE
from tests.support.project import Project, write_project


@pytest.fixture
def project(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> Project:
    """page.md and other.md (ru; en, zh, ar targets), the glossary ОДКБ → CSTO; no
    catalog yet. The working folder is the project's, as for a contributor."""
    root = tmp_path / "project"
    write_project(root, {"page.md": PAGE, "other.md": OTHER}, targets=("en", "zh", "ar"))
    made = Project(root, capsys)
    made.write("glossary/ru-en.csv", "source,target,note\nОДКБ,CSTO,\n")
    monkeypatch.chdir(root)
    return made


@pytest.fixture
def reviewed_project(project: Project) -> Project:
    """Every unit of page.md reviewed in English; nothing else translated."""
    project.catalog("en", reviewed=ENGLISH)
    return project
