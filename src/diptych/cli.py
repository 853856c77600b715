"""The `diptych` command line: argument parsing, and errors turned into clean messages.

Library code raises :class:`~diptych.errors.DiptychError`; only here does an error become
a message on stderr and an exit status (1 for problems found, 2 for unusable input).
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from types import ModuleType

from . import __version__
from .commands import NAMES
from .errors import DiptychError


def _commands() -> dict[str, ModuleType]:
    found = {}
    for name in NAMES:
        try:
            found[name] = importlib.import_module(f"diptych.commands.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"diptych.commands.{name}":
                raise
    return found


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="diptych",
        description="Translate Russian Markdown offline into reviewable gettext catalogs.",
    )
    parser.add_argument("--version", action="version", version=f"diptych {__version__}")
    parser.add_argument(
        "-C", "--project", default=".", metavar="DIR", help="the site's folder (with mkdocs.yml)"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name, module in _commands().items():
        command = sub.add_parser(name, help=module.help, description=module.help)
        module.add_arguments(command)
        command.set_defaults(run=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.run(args))
    except DiptychError as exc:
        print(f"diptych: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("diptych: interrupted; catalogs already written are complete", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
