#!/usr/bin/env python3
"""How glossary terms are found in Russian text: stems alone, or stems confirmed by
pymorphy3's lemmas (what :mod:`diptych.glossary` does) -- right and wrong finds, and cost.

    .venv/bin/python bench/glossary.py            # 300 generated pages
    .venv/bin/python bench/glossary.py --pages 30

**Right and wrong.** A labelled list of phrases: inflected forms of glossary terms (each
must be found) and words that share a term's stem but are other words (the adjective
``Казахстанская``, ``Алматинской``, ``Договорились``: none may be). Machine translation
masks what is found and writes the term's target there, so a wrong find puts a noun
where the source has an adjective or a verb.

**Cost.** D303 as ``diptych check`` runs it: every term of a glossary against every
unit of generated pages (:mod:`benchlib`'s seeded corpus, which uses ``ОДКБ``,
``Казахстан``…), timed with both matchers in one process, best of three; the dictionary's
loading is timed apart (it happens once per run, and only if a candidate needs it).

The last line is JSON.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import benchlib  # noqa: E402

from diptych.glossary import Lemmas, find, load, violations  # noqa: E402
from diptych.languages import LANGUAGES  # noqa: E402
from diptych.segment import segment_file  # noqa: E402

TERMS = """source,target,note
ОДКБ,CSTO,
Казахстан,Kazakhstan,
Алматы,Almaty,
Токаев,Tokayev,
Республика Казахстан,Republic of Kazakhstan,
Министерство иностранных дел,Ministry of Foreign Affairs,
Совет Безопасности,Security Council,
Вооружённые силы,Armed Forces,
миротворческие силы,peacekeeping forces,
Договор,Treaty,
Организация,Organization,
"""

# (text, the term's source or None): None means no term may be found.
CASES = [
    ("ОДКБ", "ОДКБ"),
    ("ОДКБ-шных миротворцев", "ОДКБ"),
    ("в Казахстане", "Казахстан"),
    ("Казахстана", "Казахстан"),
    ("Казахстану", "Казахстан"),
    ("Казахстаном", "Казахстан"),
    ("в Алматы", "Алматы"),
    ("Токаева", "Токаев"),
    ("Токаеву", "Токаев"),
    ("Токаевым", "Токаев"),
    ("о Токаеве", "Токаев"),
    ("Республики Казахстан", "Республика Казахстан"),
    ("Республикой Казахстан", "Республика Казахстан"),
    ("Министерства иностранных дел", "Министерство иностранных дел"),
    ("Министерством иностранных дел", "Министерство иностранных дел"),
    ("Совета Безопасности", "Совет Безопасности"),
    ("Советом Безопасности", "Совет Безопасности"),
    ("Вооружёнными силами", "Вооружённые силы"),
    ("Вооруженных сил", "Вооружённые силы"),
    ("миротворческих сил", "миротворческие силы"),
    ("миротворческими силами", "миротворческие силы"),
    ("Договора", "Договор"),
    ("Договором", "Договор"),
    ("Организации", "Организация"),
    ("Организацией", "Организация"),
    ("Казахстанская сторона", None),
    ("Казахстанской делегации", None),
    ("Казахстанцы", None),
    ("Алматинской области", None),
    ("Алматинская", None),
    ("Токаевские реформы", None),
    ("Договорились о встрече", None),
    ("Договорённость достигнута", None),
    ("Договорной процесс", None),
    ("Организатор встречи", None),
    ("Организованная группа", None),
    ("Советской Безопасности", None),
    ("Совещание Безопасности", None),
]


def score(glossary_path: Path, lemmas: Lemmas | None) -> dict[str, object]:
    glossary = load(glossary_path, LANGUAGES["en"], "ru" if lemmas else "xx", lemmas)
    right = wrong = missed = 0
    mistakes = []
    for text, expected in CASES:
        found = {f.term.source for f in find(glossary, text)}
        if expected is not None and expected in found:
            right += 1
        elif expected is not None:
            missed += 1
            mistakes.append(f"missed {expected!r} in {text!r}")
        if found - {expected}:
            wrong += 1
            mistakes.append(f"wrongly found {sorted(found - {expected})} in {text!r}")
    positives = sum(expected is not None for _, expected in CASES)
    return {
        "found": right,
        "of": positives,
        "wrong": wrong,
        "negatives": len(CASES) - positives,
        "mistakes": mistakes,
    }


def timing(glossary_path: Path, units: list[str], lemmas: Lemmas | None) -> float:
    glossary = load(glossary_path, LANGUAGES["en"], "ru" if lemmas else "xx", lemmas)
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        for unit in units:
            violations(glossary, unit, "")
        best = min(best, time.perf_counter() - started)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--pages", type=int, default=300)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        glossary_path = folder / "ru-en.csv"
        glossary_path.write_text(TERMS, encoding="utf-8")
        pages = benchlib.write_pages(folder / "docs", args.pages)
        units = [unit.text for page in pages for unit in segment_file(page).units]
        stems = score(glossary_path, None)
        lemmas = Lemmas()
        started = time.perf_counter()
        lemmas.of("договор")
        load_s = time.perf_counter() - started
        both = score(glossary_path, lemmas)
        stems_s = timing(glossary_path, units, None)
        both_s = timing(glossary_path, units, lemmas)
    print(f"{len(CASES)} labelled phrases, {len(units)} units of {args.pages} pages")
    print(f"{'matcher':<22} {'found':>9} {'wrong':>9} {'D303 s':>8} {'µs/unit':>8}")
    for name, result, seconds in (("stems", stems, stems_s), ("stems + pymorphy3", both, both_s)):
        print(
            f"{name:<22} {result['found']:>4}/{result['of']:<4} "
            f"{result['wrong']:>4}/{result['negatives']:<4} {seconds:>8.3f} "
            f"{seconds / len(units) * 1e6:>8.1f}"
        )
        for mistake in result["mistakes"]:  # type: ignore[attr-defined]
            print(f"    {name}: {mistake}")
    print(f"pymorphy3 dictionaries loaded in {load_s:.2f} s (once per run, when first needed)")
    print(
        json.dumps(
            {
                "units": len(units),
                "stems": {**stems, "seconds": round(stems_s, 4)},
                "lemmas": {**both, "seconds": round(both_s, 4), "load_s": round(load_s, 3)},
            },
            ensure_ascii=False,
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
