"""Runaway decoding: each batch's decoding limit follows its longest input, and an output
that reaches it or repeats itself is flagged for review, never published.

Real CTranslate2 on the miniature packages, in float32 (exact outputs, see
test_argos_engine.py). The ru→en package, which transliterates, loops on a run of single
letters: ``щ щ щ щ щ щ щ щ щ щ`` decodes until any limit stops it, and
``о о о о о о о о о о`` (ten) stops by itself after thirteen ``o``.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import polib
import pytest

from diptych import catalog
from diptych.catalog import State
from diptych.config import load_project
from diptych.engines import runaway
from diptych.engines.argos import ArgosEngine, Decoding
from diptych.engines.interface import outputs
from diptych.page_catalog import PageCatalog
from diptych.pipeline import translate
from diptych.segment import segment_file
from tests.support.project import write_project
from tests.support.repo import FIXTURE_MODELS

EXACT = Decoding(compute_type="float32")
LOOPS = "щ щ щ щ щ щ щ щ щ щ"  # 20 tokens: the longest input of its batch
REPEATS = "о о о о о о о о о о"
PAGE = f"Казахстан полон решимости.\n\n{LOOPS}\n\n{REPEATS}\n"
LIMIT = (
    "the output reached the decoding limit (50 tokens for this batch) and was cut off: the "
    "model likely looped; check the whole translation"
)
REPEAT = (
    "the output repeats itself (13 times in a row, more than the source): the model likely "
    "looped; check the translation"
)


def _entries(root: Path, lang: str) -> dict[str, polib.POEntry]:
    path = root / "translations" / lang / "стр.po"
    return {e.msgid: e for e in polib.pofile(str(path), wrapwidth=0)}


def _models(folder: Path) -> Path:
    """A models folder with the two test packages (not the naive one: also ru→en)."""
    folder.mkdir()
    for package in FIXTURE_MODELS.glob("translate-*-test.argosmodel"):
        (folder / package.name).write_bytes(package.read_bytes())
    return folder


def _cli(root: Path, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "diptych.cli", *args], cwd=root, capture_output=True, text=True
    )
    return done.stdout


@pytest.fixture(scope="module")
def looped(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The page translated into English and, through the English pivot, German."""
    root = write_project(tmp_path_factory.mktemp("runaway"), {"стр.md": PAGE})
    _models(root / "models")
    project = load_project(root)
    report = translate(project, ArgosEngine(project.models_dir, project.state_dir, EXACT))
    assert report.ok, report.problems
    assert [report.languages[lang].flagged for lang in ("en", "de")] == [2, 2]
    return root


def test_runaway_outputs_are_withheld_with_the_reason(looped: Path) -> None:
    """The looping output (cut at 2 x 20 + 10 = 50 tokens, the batch's limit) and the
    repeating one are stored for the reviewer, flagged ``markup-error`` with the reason;
    the sound sentence is plain machine output. In German the reason names the English
    leg. Fails if the limit stops being the batch's (256: the comment's figure changes),
    if the repetition goes unnoticed, or if a flagged output is published."""
    for lang, leg in (("en", ""), ("de", "en leg: ")):
        found = _entries(looped, lang)
        assert {k: (e.flags, catalog.runaway_of(e)) for k, e in found.items()} == {
            "Казахстан полон решимости.": (["fuzzy"], []),
            LOOPS: (["fuzzy", "markup-error"], [leg + LIMIT]),
            REPEATS: (["fuzzy", "markup-error"], [leg + REPEAT]),
        }
    english = _entries(looped, "en")
    assert english["Казахстан полон решимости."].msgstr == "Kazakhstan polon reshimosti."
    assert english[REPEATS].msgstr == "o o o o o o o o o o o o o"


def test_every_tool_withholds_them(looped: Path) -> None:
    """status counts them withheld, check reports D404 with the reason, and the page's
    model (what the site shows) gives the Russian unit for them."""
    totals = json.loads(_cli(looped, "status", "--json"))["languages"]["en"]["total"]
    assert {k: n for k, n in totals.items() if n} == {"machine": 1, "withheld": 2}
    check = _cli(looped, "check", "translations/en/стр.po").splitlines()
    assert [line.split(": ", 1)[1] for line in check if ": D404: " in line] == [
        f"D404: warning: machine output whose decoding ran away (flag markup-error), not "
        f"published: {problem}, then remove markup-error and fuzzy"
        for problem in (LIMIT, REPEAT)
    ]
    project = load_project(looped)
    page = segment_file(looped / "docs" / "стр.md")
    path = looped / "translations" / "en" / "стр.po"
    joined = PageCatalog.open(page, "стр.md", path, "", project.target("en"))
    assert [(r.state, r.text) for r in joined.records.values()] == [
        (State.MACHINE, "Kazakhstan polon reshimosti."),
        (State.WITHHELD, None),
        (State.WITHHELD, None),
    ]


SHORT = "Привет, мир!"  # 9 tokens in, 9 out before the end of the sentence
LONG = "ы ы ы ы ы ы ы ы ы ы ы ы ы ы ы ы ы ы ы ы"  # 40 tokens


@pytest.mark.parametrize(
    ("batch_tokens", "short_problem"),
    [
        (0, None),  # one batch: the limit is 1 x 40, room enough for the short sentence
        (1, "the output reached the decoding limit (9 tokens for this batch)"),
    ],
)
def test_the_limit_is_each_batchs(
    tmp_path: Path, batch_tokens: int, short_problem: str | None
) -> None:
    """The ratio set low through the settings (one output token per input token, nothing
    added): in a batch with a longer sentence the short one has room; in a batch of its
    own its limit is its own length, which its translation needs plus the end of the
    sentence, so it is cut and flagged. Fails if the limit is not computed per batch."""
    decoding = Decoding(
        compute_type="float32", limit_ratio=1.0, limit_extra=0, batch_tokens=batch_tokens
    )
    engine = ArgosEngine(_models(tmp_path / "models"), tmp_path / "state", decoding)
    found = outputs(engine.translator("ru", "en"), [SHORT, LONG])
    assert found[0].text == "Privet, mir!"
    assert (found[0].problem or "")[:63] == (short_problem or "")
    assert found[1].problem == (
        "the output reached the decoding limit (40 tokens for this batch) and was cut off: "
        "the model likely looped; check the whole translation"
    )


def test_a_fixed_limit_is_still_there(tmp_path: Path) -> None:
    """``limit_ratio=None`` decodes as argostranslate does (one limit for every batch):
    the benchmark's equal-settings comparison relies on it."""
    assert Decoding(limit_ratio=None, max_decoding_length=48).limit(3) == 48
    assert Decoding().limit(3) == 16  # 2 x 3 + 10
    assert Decoding().limit(200) == 256  # never above max_decoding_length


@pytest.mark.parametrize(
    ("source", "output", "found"),
    [
        (["▁a", "▁b"], ["▁the"] * 4, 4),
        (["▁a", "▁b"], ["▁the"] * 3, None),  # three times is language, four a loop
        (["▁да", ","] * 4, ["▁yes", ","] * 4, None),  # the source repeats as much
        (["▁да", ","] * 3, ["▁yes", ","] * 5, 5),
        (["▁x"], ["▁a", "▁b", "▁c"] * 4 + ["."], 4),
        (["▁x"], ["▁a", "▁b", "▁a", "▁c", "▁a", "▁b"], None),
    ],
)
def test_a_loop_is_an_ngram_repeated_more_than_in_its_source(
    source: list[str], output: list[str], found: int | None
) -> None:
    assert runaway.loop(source, output) == found
