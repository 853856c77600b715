"""Mini sites under tmp_path, and the miniature Argos packages built by tools/."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from translatefixtures import FIXTURE_MODELS

from diptych.cli import main

MKDOCS_YML = """\
site_name: Test
plugins:
  - i18n:
      docs_structure: suffix
      languages:
        - locale: ru
          default: true
          name: Русский
{targets}
"""

Site = Callable[..., Path]


@pytest.fixture
def make_site(tmp_path: Path) -> Site:
    """Write mkdocs.yml and pages (path → text) into a fresh folder; return the folder."""

    def make(
        pages: dict[str, str | bytes],
        languages: tuple[str, ...] = ("en", "de"),
        models: bool = False,
    ) -> Path:
        root = tmp_path / "site"
        root.mkdir(exist_ok=True)
        targets = "\n".join(
            f"        - locale: {code}\n          name: {code}" for code in languages
        )
        (root / "mkdocs.yml").write_text(MKDOCS_YML.format(targets=targets), encoding="utf-8")
        for rel, text in pages.items():
            path = root / "docs" / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(text, bytes):
                path.write_bytes(text)
            else:
                path.write_text(text, encoding="utf-8", newline="")
        if models:
            (root / "models").mkdir(exist_ok=True)
            for file in FIXTURE_MODELS.glob("*.argosmodel"):
                shutil.copy(file, root / "models" / file.name)
        return root

    return make


@pytest.fixture
def diptych(capsys: pytest.CaptureFixture[str]) -> Callable[..., tuple[int, str, str]]:
    """Run the real command line in-process; return (exit code, stdout, stderr)."""

    def run(root: Path, *args: str) -> tuple[int, str, str]:
        code = main(["-C", str(root), *args])
        out, err = capsys.readouterr()
        return code, out, err

    return run
