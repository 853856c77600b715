#!/usr/bin/env python3
"""Input built to be slow or deep: how long `status`, `check` and `translate` take on it.

    .venv/bin/python bench/adversarial.py              # every case
    .venv/bin/python bench/adversarial.py --case table # one case (repeatable option)

Each case is a mini project in a temporary folder: ``mkdocs.yml`` (Russian, English),
``docs/ok.md`` (an ordinary page) and ``docs/bad.md`` (the adversarial input), and for the
glossary case ``glossary/ru-en.csv`` with one adversarial row. The real command line is
run in a fresh process, in this order, each timed from start to exit (interpreter start-up
included, about half a second):

1. ``diptych translate --engine pseudo`` (writes the catalogs the next two read);
2. ``diptych status``;
3. ``diptych check`` (for the glossary case, after every entry has been marked reviewed,
   since the glossary rule D303 applies to reviewed entries only).

A command that outlives ``--timeout`` is killed and shown as ``>N``. For each case the
table gives the seconds and exit status per command, then the first line of what the
commands said about ``bad.md`` (the error the user sees). The last line of the output is
JSON: ``{case: {command: {"seconds", "exit", "timed_out"}}}``.

The cases (issue 9, "adversarial size"):

* ``emphasis``: ``"*" * 3000 + "x" + "*" * 3000`` (1,500 nested emphasis levels);
* ``list``: ``"- " * 10000``, which CommonMark reads as one thematic break;
* ``list-text``: ``"- " * 10000 + "Текст"``, 10,000 nested lists;
* ``quote``: ``"> " * 5000 + "x"``, 5,000 nested block quotes;
* ``glossary``: a page with a 3,000-letter word and the glossary row
  ``а*а*а*а*а*б,x,`` (each ``*`` became a backtracking ``\\w*``);
* ``table``: a 150 × 150 table (22,650 cells, one unit each).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import benchlib

PYTHON = sys.executable
DIPTYCH = str(Path(PYTHON).with_name("diptych"))
COMMANDS = (("translate", "--engine", "pseudo"), ("status",), ("check",))

OK_PAGE = "# Обычная страница\n\nОбычный абзац текста.\n"


def table_page(size: int) -> str:
    head = "| " + " | ".join(f"Заголовок {c}" for c in range(size)) + " |\n"
    rule = "|" + "|".join("---" for _ in range(size)) + "|\n"
    rows = "".join(
        "| " + " | ".join(f"Ячейка {r}.{c}" for c in range(size)) + " |\n" for r in range(size)
    )
    return head + rule + rows


CASES: dict[str, Callable[[], dict[str, str]]] = {
    "emphasis": lambda: {"docs/bad.md": "*" * 3000 + "x" + "*" * 3000 + "\n"},
    "list": lambda: {"docs/bad.md": "- " * 10000 + "\n"},
    "list-text": lambda: {"docs/bad.md": "- " * 10000 + "Текст\n"},
    "quote": lambda: {"docs/bad.md": "> " * 5000 + "x\n"},
    "glossary": lambda: {
        "docs/bad.md": "Слово " + "а" * 3000 + " в абзаце.\n",
        "glossary/ru-en.csv": "source,target,note\nа*а*а*а*а*б,x,\n",
    },
    "table": lambda: {"docs/bad.md": table_page(150)},
}


def make_project(folder: Path, files: dict[str, str]) -> None:
    folder.mkdir(parents=True)
    (folder / "mkdocs.yml").write_text(
        benchlib.mkdocs_yml("Diptych adversarial benchmark"), encoding="utf-8"
    )
    (folder / "docs").mkdir()
    (folder / "docs" / "ok.md").write_text(OK_PAGE, encoding="utf-8")
    for rel, text in files.items():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def mark_reviewed(folder: Path) -> int:
    """Give every entry a reviewed translation (a person's text, no ``fuzzy``, no machine
    notes), as a reviewer would; pseudo-localised text does not count as a translation."""
    import polib

    marked = 0
    for path in sorted((folder / "translations").rglob("*.po")):
        po = polib.pofile(str(path), wrapwidth=0)
        for entry in po:
            entry.msgstr = "A reviewer's translation."
            entry.flags = []
            entry.comment = ""
            marked += 1
        po.save(str(path))
    return marked


def run(folder: Path, args: tuple[str, ...], timeout: float) -> dict[str, Any]:
    started = time.perf_counter()
    try:
        done = subprocess.run(
            [DIPTYCH, *args], cwd=folder, capture_output=True, text=True, timeout=timeout
        )
    except subprocess.TimeoutExpired:
        return {"seconds": timeout, "exit": None, "timed_out": True, "said": ""}
    seconds = time.perf_counter() - started
    said = next(
        (
            line.strip()
            for line in (done.stderr + done.stdout).splitlines()
            if ("bad.md" in line and not line.startswith("│")) or "Error" in line
        ),
        "",
    )
    return {"seconds": seconds, "exit": done.returncode, "timed_out": False, "said": said}


def measure(case: str, work: Path, timeout: float) -> dict[str, dict[str, Any]]:
    folder = work / case
    make_project(folder, CASES[case]())
    results: dict[str, dict[str, Any]] = {}
    for args in COMMANDS:
        if args[0] == "check" and case == "glossary":
            mark_reviewed(folder)
        results[args[0]] = run(folder, args, timeout)
        shown = results[args[0]]
        figure = f">{timeout:.0f}" if shown["timed_out"] else f"{shown['seconds']:.1f}"
        print(f"  {case:<10} {args[0]:<9} {figure:>6} s  exit {shown['exit']}", flush=True)
    return results


def table(rows: dict[str, dict[str, dict[str, Any]]], timeout: float) -> str:
    names = [args[0] for args in COMMANDS]
    head = f"{'case':<10} " + " ".join(f"{name + ' s (exit)':>18}" for name in names)
    lines = [head, "-" * len(head)]
    for case, results in rows.items():
        cells = []
        for name in names:
            r = results[name]
            figure = f">{timeout:.0f}" if r["timed_out"] else f"{r['seconds']:.2f}"
            cells.append(f"{figure + ' (' + str(r['exit']) + ')':>18}")
        lines.append(f"{case:<10} " + " ".join(cells))
    lines.append("")
    for case, results in rows.items():
        said = dict.fromkeys(r["said"] for r in results.values() if r["said"])
        for line in said:
            lines.append(f"{case}: {line[:150]}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument(
        "--case", action="append", choices=sorted(CASES), help="run only this case (repeatable)"
    )
    parser.add_argument(
        "--timeout", type=float, default=300, help="seconds before a command is killed"
    )
    args = parser.parse_args(argv)
    cases = args.case or list(CASES)
    print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f}", flush=True)
    rows = {}
    with tempfile.TemporaryDirectory(prefix="diptych-adversarial-") as tmp:
        for case in cases:
            rows[case] = measure(case, Path(tmp), args.timeout)
    print()
    print(table(rows, args.timeout))
    summary = {
        case: {name: {k: r[k] for k in ("seconds", "exit", "timed_out")} for name, r in res.items()}
        for case, res in rows.items()
    }
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
