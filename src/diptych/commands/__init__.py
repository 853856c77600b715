"""Subcommands of the `diptych` command line, one module each.

Each module has ``help`` (one line), ``add_arguments(parser)`` and ``run(args) -> int``.
"""

NAMES = ("translate", "status", "models", "check", "review", "suggest")
