#!/usr/bin/env python3
"""What the translation memory costs a run: reading the reviewed units of a large project
and looking up every waiting unit (:mod:`diptych.memory`).

    .venv/bin/python bench/memory.py                 # 1,000 reviewed pages, 100 new ones
    .venv/bin/python bench/memory.py --pages 100 --new 10

The project: ``--pages`` generated pages (:mod:`benchlib`'s seeded corpus) with English
catalogs in which every other unit is reviewed, all up to date (so a run does not open
them: the memory scans them); then ``--new`` pages, each with one paragraph copied from
an old page (an identical unit), one copied with a word changed (a close one) and the
rest new. Planned as ``diptych translate`` plans them (``pipeline._windows``: windows of
pages, one memory each, as a run reads it), and timed, in this process, best of three:
every window's first lookup (scan every catalog, parse those that could answer, search
similar sources), then a lookup for every waiting unit; beside it, parsing every catalog
with polib (what the memory would cost without the scan). A waiting unit costs the model
far more: bench/translate.py measures about 8 sentences per second for a published-size
model on 2 cores.

The last line is JSON.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import benchlib  # noqa: E402
import polib  # noqa: E402

from diptych import catalog  # noqa: E402
from diptych.config import load_project  # noqa: E402
from diptych.engines.pseudo import PseudoEngine  # noqa: E402
from diptych.languages import LANGUAGES  # noqa: E402
from diptych.memory import Memory  # noqa: E402
from diptych.pipeline import UpToDate, _windows, translate  # noqa: E402

EN = LANGUAGES["en"]


def review_half(translations: Path) -> None:
    """Every other unit of every catalog becomes reviewed (a person's text, no fuzzy)."""
    for path in sorted(translations.rglob("*.po")):
        po = catalog.load(path, EN)
        for number, entry in enumerate(e for e in po if e.msgid):
            if number % 2 == 0:
                entry.msgstr = f"Reviewed {number}: {entry.msgid[:40]}"
                entry.flags = []
                entry.comment = ""
        catalog.save(po, path)


def new_pages(docs: Path, count: int) -> None:
    for number in range(count):
        old = (docs / "archive" / f"{number // 50:03d}" / f"page-{number:05d}.md").read_text(
            encoding="utf-8"
        )
        paragraphs = [p for p in old.split("\n\n") if re.match(r"[А-Я]", p) and len(p) > 80]
        fresh = benchlib.Corpus(benchlib.CorpusSpec(seed=1000 + number)).page(number)
        same, close = paragraphs[0], re.sub(r"\b(\w+)\.$", r"\1 и другое.", paragraphs[1])
        (docs / "new").mkdir(exist_ok=True)
        (docs / "new" / f"new-{number:04d}.md").write_text(
            f"{same}\n\n{close}\n\n{fresh}", encoding="utf-8"
        )


def best_of(runs: int, work: object) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(runs):
        started = time.perf_counter()
        result = work()  # type: ignore[operator]
        best = min(best, time.perf_counter() - started)
    return best, result


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--new", type=int, default=100)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "mkdocs.yml").write_text(benchlib.mkdocs_yml("memory"), encoding="utf-8")
        benchlib.write_pages(root / "docs", args.pages, include_project_docs=False)
        project = load_project(root)
        translate(project, PseudoEngine(), [EN])
        review_half(project.translations_dir)
        translate(project, PseudoEngine(), [EN])  # stamps the reviewed catalogs
        new_pages(project.docs_dir, args.new)
        windows = list(_windows(project, [EN], (), None, None, UpToDate(project)))
        waiting = [[e for job in jobs for e in job.pending] for jobs in windows]
        pages = sum(len(jobs) for jobs in windows)
        catalogs = sorted(project.translations_dir.rglob("*.po"))
        reviewed = sum(
            catalog.state_of(e) is catalog.State.REVIEWED
            for path in catalogs
            for e in polib.pofile(str(path))
        )

        def first_lookups() -> list[Memory]:
            memories = [Memory(project, jobs) for jobs in windows]
            for memory in memories:
                memory.recall(EN, "")
            return memories

        load_s, memories = best_of(3, first_lookups)
        assert isinstance(memories, list)
        by_window = list(zip(memories, waiting, strict=True))

        def lookups() -> tuple[int, int]:
            exact = sum(bool(m.recall(EN, e.msgid)) for m, units in by_window for e in units)
            close = sum(bool(m.similar(EN, e.msgid)) for m, units in by_window for e in units)
            return exact, close

        lookup_s, (exact, close) = best_of(3, lookups)  # type: ignore[misc]
        parse_s, _ = best_of(1, lambda: [catalog.load(p, EN) for p in catalogs])
    print(
        f"{len(catalogs)} catalogs ({reviewed} reviewed units), {pages} new pages "
        f"({len(windows)} window{'s' * (len(windows) != 1)}), {sum(map(len, waiting))} "
        f"waiting units: {exact} identical to a reviewed one, {close} close"
    )
    print(f"memory read (first lookup):  {load_s:.2f} s")
    print(f"every waiting unit looked up: {lookup_s:.3f} s")
    print(f"parsing every catalog instead of scanning: {parse_s:.2f} s")
    print(
        json.dumps(
            {
                "catalogs": len(catalogs),
                "reviewed_units": reviewed,
                "waiting_units": sum(map(len, waiting)),
                "identical": exact,
                "close": close,
                "load_s": round(load_s, 3),
                "lookups_s": round(lookup_s, 4),
                "parse_all_s": round(parse_s, 3),
            }
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
