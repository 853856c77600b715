"""Engines keep to their own project: no import-time effects, nothing process-wide.

Each check runs in a fresh interpreter (a spawned process), because what a module does
when it is imported, and what a library fixes once per process, can only be seen in a
process where neither has happened yet. Translation goes through the real
argostranslate tokenizer and CTranslate2, with the miniature packages.
"""

from __future__ import annotations

import importlib
import multiprocessing
import os
import pkgutil
import shutil
import sys
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from tests.support.repo import FIXTURE_MODELS, RU_EN

GERMAN = FIXTURE_MODELS / "translate-en_de-test.argosmodel"


def in_a_fresh_process(function: Callable[..., Any], *args: Any) -> Any:
    spawn = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(1, mp_context=spawn) as pool:
        return pool.submit(function, *args).result(timeout=300)


def _import_every_engine_module() -> dict[str, Any]:
    before = dict(os.environ)
    import diptych.engines

    names = [f"diptych.engines.{m.name}" for m in pkgutil.iter_modules(diptych.engines.__path__)]
    for name in names:
        importlib.import_module(name)
    return {
        "modules": names,
        "environment": dict(os.environ) == before,
        "argostranslate": sorted(m for m in sys.modules if m.startswith("argostranslate")),
    }


def test_importing_the_engines_changes_nothing() -> None:
    found = in_a_fresh_process(_import_every_engine_module)
    assert "diptych.engines.argos" in found["modules"]
    assert "diptych.engines.packages" in found["modules"]
    assert found["environment"]
    assert found["argostranslate"] == []


def _two_engines(projects: list[tuple[Path, Path]], home: Path) -> dict[str, Any]:
    """Two engines, one per project (models folder, state folder), each translating with
    its own package; what changed in the process and in the folders."""
    os.environ["HOME"] = str(home)
    before = dict(os.environ)
    from diptych.engines.argos import ArgosEngine, Decoding

    exact = Decoding(compute_type="float32", threads=1)
    (russian_models, russian_state), (german_models, german_state) = projects
    russian = ArgosEngine(russian_models, russian_state, exact)
    german = ArgosEngine(german_models, german_state, exact)
    return {
        "ru→en": russian.translator("ru", "en").translate(["Казахстан."]),
        "en→de": german.translator("en", "de").translate(["Kazakhstan."]),
        "pairs": [
            sorted(f"{p.from_code}→{p.to_code}" for p in engine.packages)
            for engine in (russian, german)
        ],
        "changed": sorted(
            key
            for key in before.keys() | os.environ.keys()
            if before.get(key) != os.environ.get(key)
        ),
        "argostranslate": sorted(m for m in sys.modules if m.startswith("argostranslate")),
        "home": home.exists(),
    }


def test_two_engines_for_two_projects_in_one_process(tmp_path: Path) -> None:
    """Fails if loading a model changes the process's environment or imports
    argostranslate's settings (folders fixed by the first project for every later one)."""
    projects = []
    for name, package in (("russian", RU_EN), ("german", GERMAN)):
        models, state = tmp_path / name / "models", tmp_path / name / ".diptych"
        models.mkdir(parents=True)
        shutil.copy(package, models / package.name)
        projects.append((models, state))
    found = in_a_fresh_process(_two_engines, projects, tmp_path / "home")
    assert found["ru→en"] == ["Kazakhstan."]
    assert found["en→de"] == ["KAZAKHSTAN."]
    assert found["pairs"] == [["ru→en"], ["en→de"]]
    assert found["changed"] == []
    assert found["argostranslate"] == ["argostranslate", "argostranslate.tokenizer"]
    assert found["home"] is False
    # Each state folder holds its own project's unpacked package, and nothing else.
    for (_, state), package in zip(projects, (RU_EN, GERMAN), strict=True):
        assert [p.name for p in state.iterdir()] == ["packages"]
        (unpacked,) = (state / "packages").iterdir()
        assert unpacked.name.startswith(package.stem)
