"""``--device cuda``: runs on a GPU where CTranslate2 sees one, and says so where none is."""

from __future__ import annotations

import shutil

import ctranslate2
import pytest

from diptych.cli import main
from tests.support.project import MakeCorpusProject
from tests.support.repo import RU_EN


def test_cuda_runs_on_a_gpu_or_says_what_to_do(
    make_corpus_project: MakeCorpusProject, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_corpus_project(2, targets=("en",))
    (root / "models").mkdir()
    shutil.copy(RU_EN, root / "models")
    code = main(["-C", str(root), "translate", "--device", "cuda", "-q"])
    err = capsys.readouterr().err
    if ctranslate2.get_cuda_device_count() > 0:
        assert (code, err) == (0, "")
        assert sorted(p.name for p in (root / "translations" / "en").rglob("*.po"))
    else:
        assert code != 0
        assert "cannot load Argos package translate-ru_en-test 1.0 on cuda:" in err
        assert "hint: check the GPU and its driver (nvidia-smi), or use --device cpu" in err
        assert not (root / "translations" / "en").exists()
