"""The command line: ``python -m tools.testmodels [--naive] [--quick] [--evaluate-only]``."""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import fields
from pathlib import Path

from diptych.errors import DiptychError

from . import recipes
from .build import build
from .evaluate import evaluate, evaluate_naive

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "models"

#: The command line's on/off options.
SWITCHES = {
    "--naive": "build only translate-ru_en-naive: the ru -> en package trained on text "
    "without placeholders or markup (what a published model has seen)",
    "--quick": "train 10x fewer steps (smoke test; the models will be poor)",
    "--evaluate-only": "only evaluate the packages already in --out",
}


def parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m tools.testmodels",
        description="Build the miniature Argos Translate packages used as test fixtures.",
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
    )
    parser.add_argument(
        "--out",
        help="output directory for the .argosmodel files (default: tests/fixtures/models, "
        "with --naive tests/fixtures/models/naive)",
    )
    for flag, text in SWITCHES.items():
        parser.add_argument(flag, action="store_true", help=text)
    for option in fields(recipes.Settings):
        if option.name != "quick":
            parser.add_argument(
                "--" + option.name.replace("_", "-"),
                type=type(option.default),
                default=option.default,
                help=option.metadata["help"],
            )
    parser.add_argument(
        "--only", choices=("ru_en", "en_de"), help="build one package, keep the other"
    )
    return parser


def _recipes(args: argparse.Namespace) -> list[recipes.Recipe]:
    settings = _settings(args)
    if args.naive:
        return [recipes.naive(settings)]
    return [r for r in recipes.cooperative(settings) if args.only in (None, r.name)]


def _settings(args: argparse.Namespace) -> recipes.Settings:
    return recipes.Settings(**{f.name: getattr(args, f.name) for f in fields(recipes.Settings)})


def main(argv: list[str] | None = None) -> int:
    options = parser()
    args = options.parse_args(argv)
    if args.naive and args.only == "en_de":
        options.error("--naive builds the ru_en package only")
    default_out = FIXTURES / "naive" if args.naive else FIXTURES
    out_dir = Path(args.out).resolve() if args.out else default_out
    started = time.time()
    try:
        if not args.evaluate_only:
            build(_recipes(args), _settings(args), out_dir)
        print("evaluating the packages as Diptych loads them ...", flush=True)
        check = evaluate_naive if args.naive else evaluate
        results = check(out_dir, recipes.SEED + 99)
    except DiptychError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(json.dumps(results, ensure_ascii=False, indent=2))
    print(f"total {(time.time() - started) / 60:.1f} min")
    return 0
