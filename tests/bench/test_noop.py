"""A re-run with nothing new must write nothing and load no model: the benchmark's no-op
figure is only meaningful if that holds."""

from __future__ import annotations

import shutil

from bench.sides import recording
from diptych.cli import main
from diptych.config import load_project
from diptych.engines.argos import ArgosEngine
from diptych.pipeline import translate
from tests.support.files import snapshot
from tests.support.project import MakeCorpusProject
from tests.support.repo import RU_EN


def test_a_noop_run_writes_nothing_and_loads_no_model(
    make_corpus_project: MakeCorpusProject,
) -> None:
    root = make_corpus_project(15)
    (root / "models").mkdir()
    shutil.copy(RU_EN, root / "models")
    assert main(["-C", str(root), "translate", "--engine", "pseudo", "-q"]) == 0
    loaded = load_project(root)
    engine = ArgosEngine(loaded.models_dir, loaded.state_dir)
    assert [p.from_code + p.to_code for p in engine.packages] == ["ruen"]  # a model is there
    before = snapshot(root)
    with recording() as models:
        report = translate(loaded, engine)
    assert models == []  # no ctranslate2.Translator was made
    assert (report.ok, report.written, report.warnings) == (True, [], [])
    assert {code: stats.units for code, stats in report.languages.items()} == {"en": 0, "de": 0}
    assert snapshot(root) == before  # no file written, not even the state file


def test_an_edited_page_is_read_again(make_corpus_project: MakeCorpusProject) -> None:
    root = make_corpus_project(6)
    assert main(["-C", str(root), "translate", "--engine", "pseudo", "-q"]) == 0
    page = root / "docs" / "archive" / "000" / "page-00000.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nНовый абзац.\n", encoding="utf-8")
    before = snapshot(root / "translations")
    assert main(["-C", str(root), "translate", "--engine", "pseudo", "-q"]) == 0
    changed = {
        rel for rel, (data, _) in snapshot(root / "translations").items() if before[rel][0] != data
    }
    assert changed == {"en/archive/000/page-00000.po", "de/archive/000/page-00000.po"}
