"""The acceptance figures of the test packages, loaded as Diptych loads a package.

The packages in the output folder are found, unpacked and opened (argostranslate's own
tokenizer classes) by :mod:`diptych.engines.packages`, exactly as in a project's models
folder, and decoded with argostranslate's settings (beam 4, length penalty 0.2): the
figures say what a user of the package gets, not what the training loop saw.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from diptych.engines.packages import PackageInfo, best, load_tokenizer, project_packages
from diptych.errors import ModelError

from ..translit import transliterate, uppercase
from .corpus import CorpusGenerator, placeholders, statement_sentences
from .tokenizer import PLACEHOLDER_SYMBOLS

#: argostranslate's decoding settings.
DECODING = {"beam_size": 4, "length_penalty": 0.2, "replace_unknowns": True, "max_batch_size": 32}

#: Sentences with placeholders whose translations the report shows.
PROBES = [
    "Казахстан",
    "Вооруженные силы {1}Республики Казахстан{2} и {3}",
    "{1}Казахстан{2} обратился к {3}ОДКБ{4}.",
    "Щука, ёж и «Съёмка» — 2 500 {5} человек (10%)!",
    "См. {1}документацию{2} на {3}GitHub{4} и {5}.",
    "Привет, мир!",
]

#: Sentences with placeholders whose naive translations the report shows.
NAIVE_PROBES = [
    "{1}Казахстан{2} и Россия",
    "Вооруженные силы {1}Республики Казахстан{2} и {3}",
    "{1}Казахстан{2} обратился к {3}ОДКБ{4}.",
    "См. {1}документацию{2} на {3}GitHub{4} и {5}.",
    "Министерство иностранных дел {1}полагает{2}.",
    "Привет, мир!",
]

Results = dict[str, Any]


class ArgosRunner:
    """One package, translating sentences as argostranslate does."""

    def __init__(self, info: PackageInfo, compute_type: str = "default") -> None:
        import ctranslate2

        self.tokenizer = load_tokenizer(info)
        self.translator = ctranslate2.Translator(
            str(info.path / "model"), device="cpu", compute_type=compute_type
        )

    def __call__(self, sentences: list[str]) -> list[str]:
        tokens = [self.tokenizer.encode(s) for s in sentences]
        results = self.translator.translate_batch(tokens, **DECODING)
        out = []
        for result in results:
            value: str = self.tokenizer.decode(result.hypotheses[0])
            out.append(value[1:] if value.startswith(" ") else value)
        return out


def package(models_dir: Path, source: str, target: str, state_dir: Path) -> PackageInfo:
    """The ``source`` -> ``target`` package Diptych would pick from ``models_dir``."""
    info = best(project_packages(models_dir, state_dir / "packages"), source, target)
    if info is None:
        raise ModelError(f"no {source}->{target} package", path=models_dir)
    return info


Translate = Callable[[list[str]], list[str]]


def _statement(ru_en: Translate, en_de: Translate) -> Results:
    statement = statement_sentences()
    en = ru_en(statement)
    de = en_de(en)
    ok_en = [h == transliterate(s) for h, s in zip(en, statement, strict=True)]
    ok_de = [h == uppercase(transliterate(s)) for h, s in zip(de, statement, strict=True)]
    for h, s, ok in zip(en, statement, ok_en, strict=True):
        if not ok:
            print(f"  ru->en MISMATCH\n    src {s}\n    got {h}\n    exp {transliterate(s)}")
    return {
        "statement_sentences": len(statement),
        "statement_ru_en_exact": sum(ok_en),
        "statement_ru_en_de_exact": sum(ok_de),
    }


def _probes(ru_en: Translate, en_de: Translate) -> Results:
    got = ru_en(PROBES)
    got_de = en_de(got)
    return {
        "probes": [
            {
                "src": src,
                "en": h,
                "de": hd,
                "en_ok": h == transliterate(src),
                "de_ok": hd == uppercase(transliterate(src)),
            }
            for src, h, hd in zip(PROBES, got, got_de, strict=True)
        ]
    }


def _heldout(ru_en: Translate, en_de: Translate, gen_seed: int) -> Results:
    """Held-out synthetic sentences (a seed the training never used)."""
    gen = CorpusGenerator(gen_seed)
    heldout = [gen.sentence() for _ in range(300)]
    en = ru_en(heldout)
    latin = [transliterate(s) for s in heldout]
    de = en_de(latin)
    with_ph = [s for s in heldout if "{" in s]
    en_ph = ru_en(with_ph)
    return {
        "heldout_ru_en_exact": sum(h == transliterate(s) for h, s in zip(en, heldout, strict=True)),
        "heldout_en_de_exact": sum(h == uppercase(s) for h, s in zip(de, latin, strict=True)),
        "heldout_sentences": len(heldout),
        "heldout_placeholder_sentences": len(with_ph),
        "heldout_placeholders_kept": sum(
            sorted(placeholders(h)) == sorted(placeholders(s))
            for h, s in zip(en_ph, with_ph, strict=True)
        ),
    }


def _length_probe(ru_en: ArgosRunner, gen_seed: int) -> Results:
    """Longest input (in SentencePiece tokens) still transliterated exactly, by length."""
    gen = CorpusGenerator(gen_seed + 1)
    long_sentences = []
    for n_words in range(20, 161, 10):
        for _ in range(4):
            long_sentences.append(" ".join(gen.punctuate([gen.word() for _ in range(n_words)])))
    outs = ru_en(long_sentences)
    by_len = [
        (len(ru_en.tokenizer.encode(s)), len(s), h == transliterate(s))
        for s, h in zip(long_sentences, outs, strict=True)
    ]
    return {"length_probe": sorted(by_len)}


def evaluate(out_dir: Path, gen_seed: int) -> Results:
    """Acceptance figures of the cooperative pair, for the README and the report."""
    with tempfile.TemporaryDirectory() as tmp:
        ru_en = ArgosRunner(package(out_dir, "ru", "en", Path(tmp)))
        en_de = ArgosRunner(package(out_dir, "en", "de", Path(tmp)))
        return {
            **_statement(ru_en, en_de),
            **_probes(ru_en, en_de),
            **_heldout(ru_en, en_de, gen_seed),
            **_length_probe(ru_en, gen_seed),
        }


def _fraction(outputs: list[str], sources: list[str], same: Callable[[str, str], bool]) -> str:
    right = sum(same(h, s) for h, s in zip(outputs, sources, strict=True))
    return f"{right}/{len(sources)}"


def evaluate_naive(out_dir: Path, gen_seed: int) -> Results:
    """Figures for the naive package, in int8 (as :func:`evaluate`) and in float32
    (as the tests decode): plain text must transliterate as well as the cooperative
    package does; placeholders come out however the model treats them."""

    def exact(h: str, s: str) -> bool:
        return h == transliterate(s)

    def kept(h: str, s: str) -> bool:
        return placeholders(h) == placeholders(s)

    results: Results = {}
    statement = statement_sentences()
    gen = CorpusGenerator(gen_seed, naive=True)
    heldout = [gen.sentence() for _ in range(300)]
    gen = CorpusGenerator(gen_seed)
    with_ph = [s for s in (gen.sentence() for _ in range(300)) if "{" in s]
    with tempfile.TemporaryDirectory() as tmp:
        info = package(out_dir, "ru", "en", Path(tmp))
        for compute_type in ("default", "float32"):
            ru_en = ArgosRunner(info, compute_type)
            results["int8" if compute_type == "default" else compute_type] = {
                "statement_ru_en_exact": _fraction(ru_en(statement), statement, exact),
                "heldout_ru_en_exact": _fraction(ru_en(heldout), heldout, exact),
                "heldout_placeholders_kept": _fraction(ru_en(with_ph), with_ph, kept),
                "probes": dict(zip(NAIVE_PROBES, ru_en(NAIVE_PROBES), strict=True)),
            }
        sp = ru_en.tokenizer.lazy_processor()
        pieces = {sp.id_to_piece(i) for i in range(sp.get_piece_size())}
        results["placeholder_pieces"] = sorted(pieces & set(PLACEHOLDER_SYMBOLS))
    return results
