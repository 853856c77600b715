"""diptych check [--strict] [--format text|github] [PATH ...]: the pull-request gate."""

from __future__ import annotations

import argparse
import sys

from ..check import report
from ..check.rules import rule
from ..check.runner import run as run_checks
from ..check.settings import load as load_settings
from ..config import load_project
from ..errors import DiptychError

help = "check pages, catalogs and glossaries: one line per problem, non-zero exit on errors"


PATHS = "pages, catalogs, glossaries or folders to check (default: the whole site)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", metavar="PATH", help=PATHS)
    parser.add_argument(
        "--strict",
        action="store_true",
        help="treat warnings (stale, machine, missing units...) as errors",
    )
    parser.add_argument(
        "--format",
        choices=("text", "github"),
        default="text",
        help="text: path:line: code: message; github: GitHub Actions annotations",
    )
    parser.add_argument("--list-rules", action="store_true", help="list the rules and exit")
    parser.add_argument("--explain", metavar="CODE", help="explain one rule and exit")


def run(args: argparse.Namespace) -> int:
    if args.explain:
        found = rule(args.explain)
        if found is None:
            raise DiptychError(
                f"no rule {args.explain!r}", hint="`diptych check --list-rules` lists them"
            )
        print("\n".join(report.explain(found.code)))
        return 0
    project = load_project(args.project)
    if args.list_rules:
        print("\n".join(report.rules_table(load_settings(project))))
        return 0
    result = run_checks(project, args.paths, strict=args.strict)
    line = report.github_line if args.format == "github" else report.text_line
    for problem in result.problems:
        print(line(problem))
    errors, warnings = len(result.errors), len(result.warnings)
    checked = f"{result.checked['pages']} pages, {result.checked['catalogs']} catalogs"
    hint = "" if args.strict or not warnings else " (--strict makes warnings errors)"
    print(
        f"diptych check: {checked}: {errors} error(s), {warnings} warning(s){hint}",
        file=sys.stderr,
    )
    return 1 if errors else 0
