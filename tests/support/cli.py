"""The real ``diptych`` command line, run in-process on a mini project."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple, Protocol

import pytest

from diptych.cli import main


class Run(NamedTuple):
    """What a command did: its exit code and what it wrote (``code, out, err = run``)."""

    code: int
    out: str
    err: str

    @property
    def lines(self) -> list[str]:
        """Standard output, a line each (``diptych check`` writes one problem a line)."""
        return self.out.splitlines()


def run_diptych(capsys: pytest.CaptureFixture[str], root: Path, *args: str) -> Run:
    """``diptych -C root ARGS``; what was written before it is not part of its output."""
    capsys.readouterr()
    code = main(["-C", str(root), *args])
    out, err = capsys.readouterr()
    return Run(code, out, err)


class Diptych(Protocol):
    """The ``diptych`` fixture: :func:`run_diptych` with the test's capture."""

    def __call__(self, root: Path, *args: str) -> Run: ...
