"""diptych status [--json]: per language and page, what is reviewed, machine, stale, missing."""

from __future__ import annotations

import argparse
import json
import sys

from rich.console import Console
from rich.table import Table

from ..catalog import State
from ..config import load_project
from ..errors import DiptychError
from ..status import collect

help = "show per language and page how many units are reviewed, machine, stale, missing"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="machine-readable output")


def run(args: argparse.Namespace) -> int:
    project = load_project(args.project)
    status = collect(project)
    if args.json:
        print(json.dumps(status.as_dict(), ensure_ascii=False, indent=2, sort_keys=True))
        return _report(status.problems)
    table = Table(title="Translation status")
    table.add_column("lang")
    table.add_column("page")
    for state in State:
        table.add_column(state.value, justify="right")
    for row in status.rows:
        table.add_row(row.lang, row.page, *(str(row.counts[state]) for state in State))
    for lang, totals in status.totals().items():
        table.add_row(lang, "[b]all pages[/b]", *(f"[b]{totals[state]}[/b]" for state in State))
    console = Console(highlight=False)
    if not console.is_terminal:  # a log or a pipe: the whole table, however wide
        wide = console.options.update_width(10_000)
        console.width = max(console.width, console.measure(table, options=wide).maximum)
    console.print(table)
    return _report(status.problems)


def _report(problems: list[DiptychError]) -> int:
    """Pages left out of the counts: one error each on stderr, and exit status 1."""
    for problem in problems:
        print(f"diptych: error: {problem}", file=sys.stderr)
    return 1 if problems else 0
