#!/usr/bin/env python3
"""What a ``diptych translate`` killed halfway keeps.

    .venv/bin/python bench/kill.py                     # the test models: en, de via en
    .venv/bin/python bench/kill.py --engine pseudo --languages "en de fr es it"
    .venv/bin/python bench/kill.py --src /tmp/old/src --at 2.5   # another Diptych, at 2.5 s

Makes a mini project (generated Russian pages from benchlib's corpus, one catalog per
page and language), starts the real command line as a subprocess and SIGKILLs it as soon
as every catalog of the first language is on disk (``--at``: after that many seconds
instead), then counts what the killed run left: catalogs and translated units per
language, whether every catalog parses, temp files left behind. An uninterrupted run then
finishes the project; what it had to translate is what the kill cost, and the totals are
what a whole run makes.

``--src`` runs the Diptych in another source folder (``git archive HEAD src | tar -x -C
/tmp/old`` gives an older one), to compare with a version that saves at the end.
The last line of the output is JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import benchlib  # noqa: E402

MODELS = benchlib.ROOT / "tests" / "fixtures" / "models"
SRC = benchlib.ROOT / "src"


def make_project(root: Path, pages: int, languages: list[str]) -> None:
    root.mkdir(parents=True)
    yml = benchlib.mkdocs_yml("Diptych kill benchmark", languages)
    (root / "mkdocs.yml").write_text(yml, encoding="utf-8")
    short = benchlib.CorpusSpec(page_blocks=(2, 4))  # the test models decode slowly
    benchlib.write_pages(root / "docs", pages, short, include_project_docs=False)


def command(root: Path, args: argparse.Namespace) -> list[str]:
    engine = ["--engine", "pseudo"] if args.engine == "pseudo" else ["--models", str(args.models)]
    return [sys.executable, "-m", "diptych.cli", "-C", str(root), "translate", "-q", *engine]


def environment(src: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(src), env.get("PYTHONPATH")]))
    return env


def on_disk(root: Path, languages: list[str]) -> dict[str, Any]:
    """Catalogs and translated units per language; catalogs that do not parse; temp files."""
    import polib

    found: dict[str, Any] = {}
    broken = []
    for code in languages:
        catalogs = units = translated = 0
        for path in sorted((root / "translations" / code).rglob("*.po")):
            try:
                po = polib.pofile(str(path), wrapwidth=0)
            except (OSError, ValueError):
                broken.append(path.relative_to(root).as_posix())
                continue
            catalogs += 1
            live = [e for e in po if not e.obsolete]
            units += len(live)
            translated += sum(bool(e.msgstr) for e in live)
        found[code] = {"catalogs": catalogs, "units": units, "translated": translated}
    temp = [p.relative_to(root).as_posix() for p in root.rglob("*.tmp")]
    return {"languages": found, "unreadable": broken, "temp_files": temp}


def kill_run(root: Path, args: argparse.Namespace, languages: list[str]) -> dict[str, Any]:
    """Start the run; SIGKILL it when the first language's catalogs are all there."""
    first = root / "translations" / languages[0]
    started = time.perf_counter()
    run = subprocess.Popen(
        command(root, args),
        env=environment(args.src),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    killed_at = None
    while run.poll() is None:
        elapsed = time.perf_counter() - started
        if args.at is not None:
            due = elapsed >= args.at
        else:
            due = first.is_dir() and sum(1 for _ in first.rglob("*.po")) >= args.pages
        if due:
            os.kill(run.pid, signal.SIGKILL)
            killed_at = elapsed
            break
        time.sleep(0.002)
    out, err = run.communicate()
    return {
        "killed_at_s": None if killed_at is None else round(killed_at, 3),
        "finished_first": killed_at is None,
        "returncode": run.returncode,
        "stderr": err.decode("utf-8", "replace").strip()[-400:],
        "stdout": out.decode("utf-8", "replace").strip()[-400:],
    }


def resume(root: Path, args: argparse.Namespace) -> dict[str, Any]:
    """Finish the project with an uninterrupted run; what it translated, it had to redo."""
    started = time.perf_counter()
    done = subprocess.run(
        command(root, args), env=environment(args.src), capture_output=True, text=True
    )
    redone = {
        match.group(1): int(match.group(2))
        for match in re.finditer(r"^(\w+): (\d+) units", done.stdout, re.M)
    }
    return {
        "returncode": done.returncode,
        "seconds": round(time.perf_counter() - started, 3),
        "units_translated": redone,
        "said": done.stdout.strip().splitlines()[-1:] or done.stderr.strip().splitlines()[-1:],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=12)
    parser.add_argument("--languages", default="en de", help="target languages, in order")
    parser.add_argument("--engine", choices=("argos", "pseudo"), default="argos")
    parser.add_argument("--models", type=Path, default=MODELS, help="folder of .argosmodel files")
    parser.add_argument("--src", type=Path, default=SRC, help="the Diptych to run (its src/)")
    parser.add_argument("--at", type=float, help="kill after this many seconds instead")
    parser.add_argument("--work", type=Path, help="where to make the project (default: a temp dir)")
    args = parser.parse_args(argv)
    args.models, args.src = args.models.resolve(), args.src.resolve()
    languages = args.languages.split()
    work = args.work or Path(tempfile.mkdtemp(prefix="diptych-kill-"))
    root = work / "site"
    make_project(root, args.pages, languages)

    killed = kill_run(root, args, languages)
    kept = on_disk(root, languages)
    finished = resume(root, args)
    total = on_disk(root, languages)

    print(
        f"{args.pages} pages × {len(languages)} languages ({' '.join(languages)}), "
        f"engine {args.engine}, Diptych from {args.src}"
    )
    if killed["finished_first"]:
        print(f"the run finished before the kill (exit {killed['returncode']})")
    else:
        print(f"SIGKILL at {killed['killed_at_s']} s")
    rows = [("language", "catalogs kept", "units kept", "redone by the next run")]
    for code in languages:
        k, t = kept["languages"][code], total["languages"][code]
        rows.append(
            (
                code,
                f"{k['catalogs']} of {t['catalogs']}",
                f"{k['translated']} of {t['translated']}",
                str(finished["units_translated"].get(code, 0)),
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    for row in rows:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)))
    print(
        f"unreadable catalogs: {len(kept['unreadable'])}; "
        f"temp files left: {len(kept['temp_files'])}"
    )
    figures = {
        "pages": args.pages,
        "languages": languages,
        "engine": args.engine,
        "src": str(args.src),
        "kill": killed,
        "kept": kept,
        "resume": finished,
        "whole_run": total,
    }
    print(json.dumps(figures, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
