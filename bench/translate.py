#!/usr/bin/env python3
"""Diptych's batched translation against argostranslate's own ``translate()``, side by side.

    .venv/bin/python bench/translate.py            # 10, 100 and 1,000 pages (long)
    .venv/bin/python bench/translate.py --quick    # a few pages, within a minute
    .venv/bin/python bench/translate.py --diptych-only --pages 10,300  # peak RSS, no argos

Both sides translate the same units (the translation units of the same Russian pages) with
the same Argos package, in fresh processes of their own, one after the other:

(a) **argos**: argostranslate's ``PackageTranslation`` for the package, wrapped in its
    ``CachedTranslation`` exactly as ``argostranslate.translate.get_translation_from_codes``
    does, called with ``translate(unit)`` once per unit, as a script using argostranslate
    would. Two things are replaced, and only these two:
    * the sentencizer: argostranslate's splitters (MiniSBD, Stanza, spaCy) download models
      at run time, impossible offline; it gets razdel, the splitter Diptych uses for
      Russian, behind argostranslate's own ``ISentenceBoundaryDetectionModel`` interface;
    * the CTranslate2 translator is created up front with argostranslate's own settings
      (device, threads, compute type from ``argostranslate.settings``) and wrapped so that
      every ``translate_batch`` call also gets ``max_decoding_length=L``. argostranslate
      passes none (CTranslate2's default is 256), and the package's random weights never
      emit an end-of-sentence token, so without an equal limit each side would decode a
      different number of tokens. Everything else argostranslate passes (beam 4,
      length_penalty 0.2, batches of 32 tokens, replace_unknowns, scores) is untouched.
(b) **diptych**: the real pipeline, ``diptych.pipeline.translate`` on a temporary project
    folder (mkdocs.yml, docs/, models/ with the .argosmodel), exactly what
    ``diptych translate`` runs, with ``Decoding(beam_size=4, length_penalty=0.2,
    max_decoding_length=L, limit_ratio=None)`` (one limit for every batch, as argos;
    Diptych's own limit follows each batch's input length); it is called through the
    Python API only because the command line has no option for the decoding limit.

Timing: each side is timed inside its own process from just before the model is loaded
to the last unit translated (diptych: until every catalog is written), so model loading
is included on both sides and interpreter start-up and imports on neither; no warm-up
on either side. The argos side is *not* charged for reading and segmenting the pages
(done before its clock starts); the diptych side is. Peak RSS is each process's
ru_maxrss. The no-op re-run is the real command line, ``diptych translate -q``, run again
on the finished project: wall-clock time of the whole process, start-up included.

As a check that the settings really are equal, the units without inline markup (where
both sides send exactly the same sentences) are compared: the share of identical
translations is printed.

``--diptych-only`` runs the diptych side alone (no argos side, no no-op re-run) and prints
one JSON line per page count (seconds, sentences, peak RSS): how memory grows with the
size of a run (docs-dev/performance.md, "Memory").

The last line of the output is JSON:
``{"units", "sentences", "argos_s", "diptych_s", "speedup", "noop_rerun_s", "peak_rss_mb"}``
for the largest page count, followed in the same object by the per-size runs.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import math
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import benchlib  # noqa: E402
import sides  # noqa: E402

PYTHON = sys.executable

# --------------------------------------------------------------------------------------
# The project both sides read
# --------------------------------------------------------------------------------------


def make_project(folder: Path, pages: int, package: Path) -> None:
    folder.mkdir(parents=True)
    (folder / "mkdocs.yml").write_text(benchlib.mkdocs_yml("Diptych benchmark"), encoding="utf-8")
    benchlib.write_pages(folder / "docs", pages)
    (folder / "models").mkdir()
    shutil.copyfile(package, folder / "models" / package.name)


def run_noop(project_dir: Path) -> dict[str, Any]:
    """The real command line again on an up-to-date project: must do nothing, fast."""
    diptych = Path(PYTHON).with_name("diptych")
    catalogs = sorted((project_dir / "translations").rglob("*.po"))
    before = {p: p.stat().st_mtime_ns for p in catalogs}
    started = time.perf_counter()
    done = subprocess.run(
        [str(diptych), "translate", "-q"], cwd=project_dir, capture_output=True, text=True
    )
    seconds = time.perf_counter() - started
    assert done.returncode == 0, done.stderr
    touched = sum(p.stat().st_mtime_ns != before[p] for p in catalogs)
    return {
        "seconds": seconds,
        "catalogs": len(catalogs),
        "touched": touched,
        "said": done.stdout.strip().splitlines()[-1],
    }


def noop_at_scale(pages: int, package: Path, work: Path) -> dict[str, Any]:
    """The no-op re-run on a large project whose catalogs are complete.

    The catalogs come from ``--engine pseudo`` (seconds instead of hours), relabelled as
    an engine's output (pseudo-localised text is otherwise replaced by the next real run);
    the re-run is the default command with the Argos package in models/, as after a real
    run: a no-op run never reaches the engine.
    """
    project_dir = work / f"noop-{pages}"
    make_project(project_dir, pages, package)
    diptych = Path(PYTHON).with_name("diptych")
    subprocess.run(
        [str(diptych), "translate", "--engine", "pseudo", "-q"],
        cwd=project_dir,
        check=True,
        capture_output=True,
    )
    for path in (project_dir / "translations").rglob("*.po"):
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("translation: pseudo ", "translation: bench "), "utf-8")
    runs = [run_noop(project_dir) for _ in range(3)]
    best = min(runs, key=lambda r: float(r["seconds"]))
    return {"pages": pages, **best, "all_seconds": [round(r["seconds"], 3) for r in runs]}


# --------------------------------------------------------------------------------------
# Orchestration
# --------------------------------------------------------------------------------------


def _child(mode: str, *args: str) -> dict[str, Any]:
    """Run one side in a fresh process; its last output line is its JSON."""
    done = subprocess.run(
        [PYTHON, __file__, f"--child={mode}", *args], capture_output=True, text=True
    )
    if done.returncode != 0:
        sys.exit(f"{mode} side failed:\n{done.stderr[-4000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def same_decoding(argos: dict[str, Any], diptych: dict[str, Any]) -> dict[str, object]:
    """The one set of decoding settings both sides used; stops the benchmark otherwise."""
    if len(argos["decoding"]) != 1 or argos["decoding"] != diptych["decoding"]:
        sys.exit(
            f"decoding settings differ: argos {argos['decoding']}, diptych {diptych['decoding']}"
        )
    return argos["decoding"][0]  # type: ignore[no-any-return]


def measure(
    pages: int, package: Path, limit: int, beam: int, argos_pages: int, work: Path
) -> dict[str, Any]:
    project_dir = work / f"project-{pages}"
    make_project(project_dir, pages, package)
    common = [str(project_dir), str(limit), str(beam)]
    load_before = os.getloadavg()[0]
    diptych = _child("diptych", *common)
    noop = run_noop(project_dir)
    argos_out = work / f"argos-{pages}.json"
    every = math.ceil(pages / argos_pages)
    argos = _child("argos", *common, str(every), str(argos_out))
    decoding = same_decoding(argos, diptych)
    # argostranslate translates unit by unit, so its time is linear in the sentences it
    # decodes; a sample of pages is scaled up by the sentence counts (razdel on both).
    scale = argos["all_sentences_split"] / argos["sentences_split"]
    argos_s = float(argos["seconds"]) * scale
    # CPU seconds (all threads) are less exposed than wall time to other processes on a
    # shared machine; scaled like the wall time.
    argos_cpu = float(argos["cpu_seconds"]) * scale
    check = sides.agreement(project_dir, json.loads(argos_out.read_text(encoding="utf-8")))
    return {
        "pages": pages,
        "units": diptych["units"],
        "sentences": diptych["sentences"],
        "argos_s": round(argos_s, 3),
        "argos_sampled": every > 1,
        "diptych_s": round(float(diptych["seconds"]), 3),
        "speedup": round(argos_s / float(diptych["seconds"]), 2),
        "cpu_ratio": round(argos_cpu / float(diptych["cpu_seconds"]), 2),
        "noop_rerun_s": round(float(noop["seconds"]), 3),
        "peak_rss_mb": round(float(diptych["peak_rss_mb"]), 1),
        "decoding": decoding,
        "argos": argos,
        "diptych": diptych,
        "noop": noop,
        "agreement": check,
        "load_average_1min": [round(load_before, 2), round(os.getloadavg()[0], 2)],
    }


def table(rows: list[dict[str, Any]]) -> str:
    head = (
        f"{'pages':>6} {'units':>7} {'sentences':>9} {'argos s':>9} {'diptych s':>9} "
        f"{'speedup':>7} {'CPU ratio':>9} {'argos sent/s':>12} {'diptych sent/s':>14} "
        f"{'no-op s':>7} "
        f"{'peak MB':>7} {'same':>9}"
    )
    lines = [head, "-" * len(head)]
    for r in rows:
        a, d, c = r["argos"], r["diptych"], r["agreement"]
        mark = "*" if r["argos_sampled"] else " "
        lines.append(
            f"{r['pages']:>6} {r['units']:>7} {r['sentences']:>9} {r['argos_s']:>8.1f}{mark} "
            f"{r['diptych_s']:>9.1f} {r['speedup']:>6.1f}x {r['cpu_ratio']:>8.1f}x "
            f"{a['sentences_split'] / a['seconds']:>12.2f} "
            f"{d['sentences'] / r['diptych_s']:>14.2f} "
            f"{r['noop_rerun_s']:>7.2f} {r['peak_rss_mb']:>7.0f} "
            f"{c['identical']:>4}/{c['compared_units']:<4}"
        )
    if any(r["argos_sampled"] for r in rows):
        lines.append(
            "* argostranslate timed on an even sample of the pages, scaled by "
            "sentence count (it translates unit by unit, so its time is linear)"
        )
    return "\n".join(lines)


def plot(rows: list[dict[str, Any]], out: Path, title: str) -> None:
    """Throughput of both sides against the number of pages, one SVG."""
    series = [
        (
            "argostranslate translate(), unit by unit",
            lambda r: r["argos"]["sentences_split"] / r["argos"]["seconds"],
        ),
        ("diptych translate, batched", lambda r: r["diptych"]["sentences"] / r["diptych_s"]),
    ]
    benchlib.pages_plot(
        out,
        title,
        rows,
        series,
        xlabel="pages in the run",
        ylabel="sentences per second",
        log_x=True,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="a few pages, within a minute")
    parser.add_argument("--pages", default="10,100,1000", help="comma-separated page counts")
    parser.add_argument(
        "--argos-pages",
        type=int,
        default=30,
        metavar="N",
        help="time argostranslate on an even sample of at most N pages",
    )
    parser.add_argument(
        "--cache",
        type=Path,
        default=benchlib.DEFAULT_CACHE,
        help="where the benchmark package is built once (outside the repo)",
    )
    parser.add_argument(
        "--max-decoding-length",
        type=int,
        default=48,
        metavar="L",
        help="decoding limit for both sides (random weights decode to it)",
    )
    parser.add_argument("--beam-size", type=int, default=4)
    parser.add_argument(
        "--noop-pages",
        type=int,
        default=1000,
        metavar="N",
        help="also time the no-op re-run on N complete pages (0: not; --quick: not)",
    )
    parser.add_argument(
        "--diptych-only",
        action="store_true",
        help="only the diptych side: seconds, sentences and peak RSS per page count",
    )
    parser.add_argument("--save", type=Path, help="write the full results as JSON here")
    parser.add_argument("--plot", type=Path, help="draw the throughput plot (SVG) here")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("rest", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.child:
        sides.child_main(args.child, args.rest)
        return 0

    if args.quick:
        args.noop_pages = 0
    sizes = [3] if args.quick else [int(n) for n in args.pages.split(",")]
    t0 = time.perf_counter()
    package = benchlib.build_package(args.cache)
    spec = benchlib.ModelSpec()
    print(
        f"package: {package} ({package.stat().st_size / 1e6:.0f} MB; built/loaded in "
        f"{time.perf_counter() - t0:.0f} s): {spec.encoder_layers}+{spec.decoder_layers} "
        f"layers, d_model {spec.d_model}, {spec.heads} heads, FFN {spec.ffn}, "
        f"vocabulary {spec.vocab}, {spec.quantization}, random weights"
    )
    print(
        f"machine: {os.cpu_count()} CPUs, {platform.processor() or platform.machine()}, "
        f"load average {os.getloadavg()[0]:.2f}",
        flush=True,
    )
    if args.diptych_only:
        with tempfile.TemporaryDirectory(prefix="diptych-bench-") as tmp:
            for pages in sizes:
                project_dir = Path(tmp) / f"project-{pages}"
                make_project(project_dir, pages, package)
                common = [str(project_dir), str(args.max_decoding_length), str(args.beam_size)]
                d = _child("diptych", *common)
                keys = ("seconds", "cpu_seconds", "units", "sentences", "calls", "peak_rss_mb")
                print(json.dumps({"pages": pages, **{k: d[k] for k in keys}}), flush=True)
        return 0
    rows = []
    with tempfile.TemporaryDirectory(prefix="diptych-bench-") as tmp:
        for pages in sizes:
            row = measure(
                pages,
                package,
                args.max_decoding_length,
                args.beam_size,
                args.argos_pages,
                Path(tmp),
            )
            rows.append(row)
            a, d = row["argos"], row["diptych"]
            print(f"  {pages} pages: decoding on both sides {row['decoding']}")
            print(
                f"    argos:   {a['made_with']}, {a['compute_type']}, {a['calls']} calls, "
                f"{a['batching']}; {a['units']} of {a['all_units']} units, "
                f"{a['sentences']} sentences, {a['input_tokens']} tokens in, "
                f"{a['output_tokens']} out, {a['seconds']:.1f} s, "
                f"peak RSS {a['peak_rss_mb']:.0f} MB"
            )
            print(
                f"    diptych: {d['made_with']}, {d['compute_type']}, {d['calls']} calls, "
                f"{d['batching']}; {d['units']} units, {d['sentences']} sentences, "
                f"{d['input_tokens']} tokens in, {d['output_tokens']} out, "
                f"{d['seconds']:.1f} s, peak RSS {d['peak_rss_mb']:.0f} MB"
            )
            print(
                f"    no-op re-run: {row['noop']}; load average {row['load_average_1min']}",
                flush=True,
            )
        scale = noop_at_scale(args.noop_pages, package, Path(tmp)) if args.noop_pages else None
    print()
    print(table(rows))
    if scale is not None:
        print(
            f"no-op re-run on {scale['pages']} pages ({scale['catalogs']} catalogs, complete): "
            f"{scale['seconds']:.2f} s (best of {scale['all_seconds']}), "
            f"{scale['touched']} catalogs touched; said {scale['said']!r}"
        )
    if args.plot:
        plot(
            rows,
            args.plot,
            f"{spec.encoder_layers}+{spec.decoder_layers}-layer "
            f"Transformer, int8, beam {args.beam_size}, {os.cpu_count()} CPU cores",
        )
    last = rows[-1]
    if scale is not None and scale["pages"] > last["pages"]:
        last = {**last, "noop_rerun_s": round(float(scale["seconds"]), 3)}
    summary = {
        key: last[key]
        for key in (
            "units",
            "sentences",
            "argos_s",
            "diptych_s",
            "speedup",
            "noop_rerun_s",
            "peak_rss_mb",
        )
    }
    if args.save:
        full = {
            **summary,
            "max_decoding_length": args.max_decoding_length,
            "beam_size": args.beam_size,
            "model": dataclasses.asdict(spec),
            "runs": rows,
        }
        args.save.parent.mkdir(parents=True, exist_ok=True)
        args.save.write_text(json.dumps(full, indent=2, ensure_ascii=False) + "\n")
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
