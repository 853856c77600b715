"""A run saves each language as soon as it is translated: a failure loses only the work in
flight.

Each test fails with the pipeline of before (``git show 469b2cc:src/diptych/pipeline.py``),
which saved every catalog at the end of the run; what else breaks each one is in its
docstring.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import polib
import pytest

from diptych.commands import translate as translate_command
from diptych.engines.interface import Progress
from diptych.engines.pseudo import PseudoEngine, PseudoTranslator
from tests.support.cli import Diptych
from tests.support.files import catalogs
from tests.support.project import MakeProject
from tests.support.repo import STATEMENT

PAGES = {
    f"стр-{n}.md": f"# Страница {n}\n\nПервый абзац страницы {n}.\n\nВторой абзац.\n"
    for n in range(4)
}


def complete(data: bytes) -> bool:
    po = polib.pofile(data.decode("utf-8"))
    return len(po) > 0 and all(e.msgstr for e in po)


def test_a_model_that_fails_to_load_loses_only_its_language(
    make_project: MakeProject, diptych: Diptych
) -> None:
    """The en→de package is damaged on disk (its model.bin overwritten, as a failed copy
    leaves it): English is translated and saved, German reported with the package and a
    hint, exit 1; once the package is fixed, the next run translates German only.
    Fails if a model's error is not caught per language in ``pipeline._translate_language``
    (the run stops with exit 2, the languages after it untried)."""
    root = make_project(
        {"заявление.md": STATEMENT.read_text(encoding="utf-8")}, targets=("en", "de"), models=True
    )
    assert diptych(root, "models", "list")[0] == 0  # unpacks the packages
    (unpacked,) = (root / ".diptych" / "packages").glob("translate-en_de-test-*")
    model = next(unpacked.glob("*/model/model.bin"))
    model.write_bytes(b"not a model")

    code, out, err = diptych(root, "translate")

    assert code == 1
    assert "cannot load Argos package translate-en_de-test 1.0 on cpu" in err
    assert "hint: re-add the .argosmodel file, or remove it from the models folder" in err
    assert "en: " in out and "de: " not in out
    saved = catalogs(root)
    assert list(saved) == ["en/заявление.po"]  # German left as it was: no catalog
    assert complete(saved["en/заявление.po"])

    shutil.rmtree(unpacked)  # unpacked again from models/ by the next run
    code, out, err = diptych(root, "translate")
    assert (code, err) == (0, "")
    assert "de: " in out and "en: " not in out  # English was not translated again
    after = catalogs(root)
    assert after["en/заявление.po"] == saved["en/заявление.po"]
    assert complete(after["de/заявление.po"])


def test_ctrl_c_keeps_the_languages_already_translated(
    make_project: MakeProject, diptych: Diptych, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C while German is being translated: English (done first) is on disk, with its
    up-to-date stamps, and no temp file is left. Fails if the saving loop in
    ``pipeline.translate`` is moved after the loop that translates every language, or if
    ``uptodate.save()`` is moved out of it (English would be read again)."""

    class Interrupted(PseudoTranslator):
        def translate(
            self, sentences: Sequence[str], progress: Progress | None = None
        ) -> list[str]:
            if self.target == "de":
                raise KeyboardInterrupt
            return super().translate(sentences, progress)

    class Engine(PseudoEngine):
        def translator(self, source: str, target: str) -> PseudoTranslator:
            return Interrupted(source, target)

    root = make_project(PAGES, targets=("en", "de", "fr"))
    with monkeypatch.context() as patch:
        patch.setattr(translate_command, "PseudoEngine", Engine)
        code, _, err = diptych(root, "translate", "--engine", "pseudo")
    assert code == 130
    assert "interrupted; catalogs already written are complete" in err
    saved = catalogs(root)
    assert sorted(saved) == [f"en/стр-{n}.po" for n in range(4)]
    assert all(complete(data) for data in saved.values())
    assert not list(root.rglob("*.tmp"))
    stamps = json.loads((root / ".diptych" / "uptodate.json").read_text(encoding="utf-8"))
    assert sorted(stamps["stamps"]) == [f"en:стр-{n}.md" for n in range(4)]
    code, out, _ = diptych(root, "translate", "--engine", "pseudo")
    assert code == 0 and "en: " not in out
    assert all(catalogs(root)[rel] == data for rel, data in saved.items())


# Runs the real command line in a process of its own, which SIGKILLs itself the moment
# the engine is asked to translate the language given as argv[2].
KILLED = """
import os, signal, sys
from diptych.commands import translate as command
from diptych.engines.pseudo import PseudoEngine, PseudoTranslator
from diptych.cli import main

class Killed(PseudoTranslator):
    def translate(self, sentences, progress=None):
        if self.target == sys.argv[2]:
            os.kill(os.getpid(), signal.SIGKILL)
        return super().translate(sentences, progress)

class Engine(PseudoEngine):
    def translator(self, source, target):
        return Killed(source, target)

command.PseudoEngine = Engine
sys.exit(main(["-C", sys.argv[1], "translate", "--engine", "pseudo", "-q"]))
"""


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_a_killed_run_keeps_every_language_it_finished(
    make_project: MakeProject, diptych: Diptych, tmp_path: Path
) -> None:
    """SIGKILL while the second of three languages is being translated: every catalog of
    the first is on disk, complete and readable, nothing else; the next run translates
    only the other two and ends with the very bytes of a run never interrupted. Fails if
    the saving loop in ``pipeline.translate`` is moved after the loop that translates every
    language (nothing is on disk)."""
    root = make_project(PAGES, targets=("en", "de", "fr"))
    whole = tmp_path / "whole"
    shutil.copytree(root, whole)
    killed = subprocess.run(
        [sys.executable, "-c", KILLED, str(root), "de"],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )
    assert killed.returncode == -9, killed.stderr
    kept = catalogs(root)
    assert sorted(kept) == [f"en/стр-{n}.po" for n in range(4)]
    assert all(complete(data) for data in kept.values())
    assert not list(root.rglob("*.tmp"))

    code, out, _ = diptych(root, "translate", "--engine", "pseudo")
    assert code == 0
    assert "en: " not in out and "de: 12 units" in out and "fr: 12 units" in out
    assert diptych(whole, "translate", "--engine", "pseudo")[0] == 0
    assert catalogs(root) == catalogs(whole)
