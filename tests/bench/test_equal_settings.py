"""The benchmark's fairness: both sides decode with one and the same set of settings.

Runs both sides of bench/translate.py on a miniature Argos package (the test fixture), so
the very code that produces the published figures is checked, not a copy of it.
"""

from __future__ import annotations

import shutil

import pytest

from bench import sides
from diptych.engines.argos import Decoding
from tests.support.project import MakeCorpusProject
from tests.support.repo import RU_EN


def test_both_sides_decode_with_identical_settings(make_corpus_project: MakeCorpusProject) -> None:
    root = make_corpus_project(3, targets=("en",))
    (root / "models").mkdir()
    shutil.copy(RU_EN, root / "models")
    outputs, argos = sides.argos_translate(root, limit=20, beam=4)
    diptych = sides.diptych_translate(root, limit=20, beam=4)
    assert argos["calls"] == argos["units"] == len(outputs) > 1  # argos: unit by unit
    assert argos["decoding"] == diptych["decoding"]
    decoding = diptych["decoding"]
    assert isinstance(decoding, list)
    (settings,) = decoding
    assert settings == {
        "beam_size": 4,
        "length_penalty": 0.2,
        "max_decoding_length": 20,
        "min_decoding_length": 1,
        "no_repeat_ngram_size": 0,
        "num_hypotheses": 1,
        "repetition_penalty": 1.0,
        "replace_unknowns": True,
        "sampling_topk": 1,
        "target_prefix": None,
    }


def test_settings_differing_in_any_decoding_argument_are_told_apart() -> None:
    base = sides.decoding_of({"beam_size": 4, "length_penalty": 0.2})
    assert base == sides.decoding_of({"length_penalty": 0.2, "beam_size": 4, "num_hypotheses": 1})
    assert base == sides.decoding_of({"beam_size": 4, "length_penalty": 0.2, "asynchronous": True})
    for change in (
        {"beam_size": 5},
        {"max_decoding_length": 48},
        {"replace_unknowns": True},
        {"target_prefix": [["__en__"]]},
    ):
        assert sides.decoding_of({"beam_size": 4, "length_penalty": 0.2, **change}) != base


def test_the_limit_is_added_only_where_none_is_passed() -> None:
    seen: list[dict[str, object]] = []

    class Model:
        compute_type = "int8"

        def translate_batch(self, source: list[list[str]], **kwargs: object) -> list[object]:
            seen.append(kwargs)
            return []

    recorder = sides.Recorder(Model(), {}, limit=48)
    recorder.translate_batch([["▁a"]], beam_size=4)
    recorder.translate_batch([["▁a"]], beam_size=4, max_decoding_length=10)
    assert [kwargs["max_decoding_length"] for kwargs in seen] == [48, 10]


@pytest.mark.parametrize(
    ("decoding", "workers", "batch"),
    [
        (Decoding(threads=1), (1, 1), 1024),
        (Decoding(threads=2), (2, 1), 1024),
        (Decoding(threads=8), (8, 1), 1024),
        (Decoding(threads=16), (8, 2), 1024),
        (Decoding(device="cuda"), (1, 1), 16384),
        (Decoding(threads=2, batch_tokens=500), (2, 1), 500),
    ],
)
def test_workers_and_batches_follow_the_device(
    decoding: Decoding, workers: tuple[int, int], batch: int
) -> None:
    assert decoding.workers() == workers
    assert decoding.tokens_per_batch() == batch
