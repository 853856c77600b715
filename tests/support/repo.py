"""The repository's own files that tests read: its root, its mkdocs.yml (whole, without
its nav, or its hooks), the miniature Argos packages and the first statement."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
CONFIG = REPO / "mkdocs.yml"
FIXTURE_MODELS = REPO / "tests" / "fixtures" / "models"
# The ru→en package that transliterates (tools/translit.py), the one most tests load.
RU_EN = FIXTURE_MODELS / "translate-ru_en-test.argosmodel"
STATEMENT = REPO / "docs" / "statements" / "2022-01-08-zayavlenie-mid.md"


def config_without_nav() -> str:
    """The project's mkdocs.yml without its nav, for a mini project whose pages are not
    the project's: the nav would name pages it lacks."""
    text = CONFIG.read_text(encoding="utf-8")
    head, nav, _ = text.partition("\nnav:\n")
    assert nav, "mkdocs.yml has no nav section any more: update this helper"
    return head + "\n"


def hooks() -> list[str]:
    """The hooks the project's mkdocs.yml lists, in its order: a mini site that builds
    like the project's runs exactly these."""
    block = re.search(r"^hooks:\n((?:  - .*\n)+)", CONFIG.read_text(encoding="utf-8"), re.M)
    assert block, "mkdocs.yml has no hooks list any more: update this helper"
    return [line.removeprefix("  - ") for line in block.group(1).splitlines()]
