"""Reviewers start with the weakest: each machine unit records how sure the model was, and
``diptych review --worst-first`` lists the weakest first, across catalogs.

The score a run records is checked against CTranslate2's own scoring of the same output
(``score_batch``, a second forward pass: no formula shared with the engine); the listing
is checked on catalogs with known scores, through the real command line.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import ctranslate2
import polib
import pytest
import sentencepiece

from diptych import catalog
from diptych.config import load_project
from diptych.engines.argos import ArgosEngine, Decoding
from diptych.languages import LANGUAGES
from diptych.pipeline import translate
from tests.support.pages import CATALOG
from tests.support.project import Project, write_project
from tests.support.repo import RU_EN

SENTENCES = ["Казахстан полон решимости.", "Привет, мир!", "Щука."]


def _expected(root: Path, sentences: list[str]) -> float:
    """The mean log-probability per token (end of sentence included) of the model's
    translation of ``sentences`` taken together, as CTranslate2 scores it."""
    with zipfile.ZipFile(RU_EN) as package:
        package.extractall(root / "unpacked")
    folder = root / "unpacked" / "translate-ru_en-test"
    tokenizer = sentencepiece.SentencePieceProcessor(model_file=str(folder / "sentencepiece.model"))
    model = ctranslate2.Translator(str(folder / "model"), compute_type="float32")
    source = [tokenizer.encode(s, out_type=str) for s in sentences]
    found = model.translate_batch(source, beam_size=4, length_penalty=0.2, replace_unknowns=True)
    scored = model.score_batch(source, [r.hypotheses[0] for r in found])
    log_probs: list[float] = [p for result in scored for p in result.log_probs]
    return sum(log_probs) / len(log_probs)


def test_the_recorded_score_is_the_models_mean_log_probability(tmp_path: Path) -> None:
    """Each machine unit's ``#. machine score:`` is the mean log-probability per token of
    its output, over all its sentences (to 3 decimals). Fails if the engine recovers the
    log-probability wrongly from CTranslate2's length-penalised score, if the unit's score
    is a sum or a mean of means, or if no score is recorded."""
    page = f"{SENTENCES[0]}\n\n{SENTENCES[1]} {SENTENCES[2]}\n"
    root = write_project(tmp_path / "project", {"стр.md": page}, targets=("en",), models=True)
    project = load_project(root)
    engine = ArgosEngine(project.models_dir, project.state_dir, Decoding(compute_type="float32"))
    assert translate(project, engine).ok
    po = polib.pofile(str(root / "translations" / "en" / "стр.po"), wrapwidth=0)
    scores = {e.msgid: catalog.score_of(e) for e in po}
    expected = {
        SENTENCES[0]: _expected(root, SENTENCES[:1]),
        f"{SENTENCES[1]} {SENTENCES[2]}": _expected(root, SENTENCES[1:]),
    }
    assert scores.keys() == expected.keys()
    for msgid, score in scores.items():
        assert score == pytest.approx(expected[msgid], abs=0.0006), msgid
    assert all(f"machine score: {scores[e.msgid]:.3f}" in e.comment for e in po)


# -- the listing ---------------------------------------------------------------------------

OTHER = "translations/en/other.po"
SCORES = {
    # page.po
    "Заявление о ситуации": -0.2,
    "Это утверждение требует сноски[^1].": -1.5,
    "О ситуации в Казахстане.": None,  # machine text from before scores were recorded
    # other.po
    "Итоги": -0.9,
    "Текст.": -3.0,
}


def _scored(project: Project) -> None:
    """page.po and other.po with machine text whose scores are :data:`SCORES`; page.po also
    has a reviewed unit and an edited one (a person's fix, left fuzzy)."""
    for page, rel in (("page.md", CATALOG), ("other.md", OTHER)):
        po = catalog.new(LANGUAGES["en"], page)
        catalog.merge(po, project.units(page))
        for entry in po:
            if entry.msgid in SCORES:
                text = f"EN {entry.msgid}"
                catalog.set_machine(entry, text, "test engine", score=SCORES[entry.msgid])
            elif entry.msgid == "Заявление МИД":
                entry.msgstr = "Statement by the MFA"
            elif entry.msgid == "Источник: МИД Казахстана.":
                catalog.set_machine(entry, "Source: MFA.", "test engine", score=-9.0)
                entry.msgstr = "Source: the MFA of Kazakhstan."  # edited: its score is gone
        catalog.save(po, project.path(rel))


def _headers(lines: list[str]) -> list[str]:
    return [line for line in lines if not line.startswith(" ")]


def test_worst_first_across_catalogs(project: Project) -> None:
    """The machine units of both catalogs, the lowest score first; then what awaits review
    without a score (the older machine text, the edit), in catalog order. Fails if the
    listing keeps catalog order, sorts each catalog alone, or ranks an edited entry by the
    score of the machine text it replaced."""
    _scored(project)
    run = project.diptych("review", "--worst-first", CATALOG, OTHER)
    assert run.code == 0, run.err
    line = project.line_of
    assert _headers(run.lines) == [
        f"{OTHER}:{line('Текст.', OTHER)}: machine, model score -3.000",
        f"{CATALOG}:{line('Это утверждение')}: machine, model score -1.500",
        f"{OTHER}:{line('Итоги', OTHER)}: machine, model score -0.900",
        f"{CATALOG}:{line('Заявление о ситуации')}: machine, model score -0.200",
        f"{CATALOG}:{line('О ситуации')}: machine",
        f"{CATALOG}:{line('Источник')}: edited",
    ]
    assert run.lines[:3] == [
        f"{OTHER}:{line('Текст.', OTHER)}: machine, model score -3.000",
        "    source:      Текст.",
        "    translation: EN Текст.",
    ]


def test_the_plain_listing_shows_scores_in_catalog_order(project: Project) -> None:
    _scored(project)
    run = project.diptych("review", CATALOG, OTHER)
    line = project.line_of
    assert _headers(run.lines) == [
        f"{CATALOG}:{line('О ситуации')}: machine",
        f"{CATALOG}:{line('Заявление о ситуации')}: machine, model score -0.200",
        f"{CATALOG}:{line('Это утверждение')}: machine, model score -1.500",
        f"{CATALOG}:{line('Источник')}: edited",
        f"{OTHER}:{line('Итоги', OTHER)}: machine, model score -0.900",
        f"{OTHER}:{line('Текст.', OTHER)}: machine, model score -3.000",
    ]


def test_worst_first_needs_a_listing(project: Project) -> None:
    _scored(project)
    run = project.diptych("review", "--worst-first", f"{CATALOG}:{project.line_of('Итоги', OTHER)}")
    assert run.code == 2
    assert "--worst-first orders a listing" in run.err
