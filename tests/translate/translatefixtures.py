"""Paths the translation tests share: the miniature Argos packages and the first statement."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).parents[2]
FIXTURE_MODELS = ROOT / "tests" / "fixtures" / "models"
STATEMENT = ROOT / "docs" / "statements" / "2022-01-08-zayavlenie-mid.md"
