"""diptych translate [--to LANG ...] [--engine argos|pseudo] [PATH ...]"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from ..config import load_project
from ..engines.argos import ArgosEngine, Decoding
from ..engines.interface import Engine
from ..engines.pseudo import PseudoEngine
from ..languages import Language
from ..pipeline import Hooks, Report, Shard, translate

help = "machine-translate missing and stale units into every target language"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="pages or folders")
    parser.add_argument("--to", action="append", metavar="LANG", help="only this language")
    parser.add_argument("--engine", choices=("argos", "pseudo"), default="argos")
    parser.add_argument("--models", type=Path, metavar="DIR", help="folder of .argosmodel files")
    parser.add_argument("--device", choices=("cpu", "cuda"), default="cpu")
    parser.add_argument("--shard", type=Shard.parse, metavar="K/N", help="only pages of shard K")
    parser.add_argument("--beam-size", type=int, default=Decoding.beam_size)
    parser.add_argument(
        "--skip-missing-models",
        action="store_true",
        help="leave languages without a model untranslated instead of failing",
    )
    parser.add_argument(
        "--refresh",
        action="store_true",
        help="translate machine text again (after installing a better model); edited and "
        "reviewed text is never touched",
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress bar")


class _Bar(Hooks):
    def __init__(self, progress: Progress) -> None:
        self.progress = progress
        self.task = progress.add_task("translating", total=0)

    def start(self, total: int) -> None:
        self.progress.update(self.task, total=total)

    def language(self, lang: Language, sentences: int) -> None:
        self.progress.update(self.task, description=f"→ {lang.code}")

    def advance(self, n: int) -> None:
        self.progress.advance(self.task, n)


def _summary(report: Report, console: Console) -> None:
    for code, stats in report.languages.items():
        if stats.skipped:
            console.print(f"{code}: skipped ({stats.skipped})")
        elif stats.units:
            flagged = f", {stats.flagged} flagged for review" if stats.flagged else ""
            console.print(
                f"{code}: {stats.units} units ({stats.sentences} sentences) translated "
                f"in {stats.seconds:.1f} s{flagged}"
            )
    for moved in report.moved:
        console.print(moved)
    for warning in report.warnings:
        console.print(f"warning: {warning}")
    console.print(
        f"{len(report.written)} catalog(s) written in {report.seconds:.1f} s"
        if report.written
        else f"catalogs up to date ({report.seconds:.2f} s)"
    )


def run(args: argparse.Namespace) -> int:
    project = load_project(args.project)
    languages = [project.target(code) for code in args.to] if args.to else None
    engine: Engine
    if args.engine == "pseudo":
        engine = PseudoEngine()
    else:
        models = args.models.resolve() if args.models else project.models_dir
        decoding = Decoding(beam_size=args.beam_size, device=args.device)
        engine = ArgosEngine(models, project.state_dir, decoding)
    err = Console(stderr=True)
    show = not args.quiet and err.is_terminal
    progress = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("sentences"),
        TimeElapsedColumn(),
        console=err,
        disable=not show,
        transient=True,
    )
    with progress:
        report = translate(
            project,
            engine,
            languages,
            args.paths,
            shard=args.shard,
            skip_missing_models=args.skip_missing_models,
            hooks=_Bar(progress),
            refresh=args.refresh,
        )
    _summary(report, Console(file=sys.stdout, highlight=False, soft_wrap=True))
    for problem in report.problems:
        print(f"diptych: error: {problem}", file=sys.stderr)
    return 0 if report.ok else 1
