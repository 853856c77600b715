"""Two runs at once: the second waits for the first, and no catalog is corrupted."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import polib
import pytest
from filelock import FileLock

from diptych.config import load_project
from diptych.engines.pseudo import PseudoEngine
from diptych.errors import LockTimeout
from diptych.pipeline import translate


def test_concurrent_runs_leave_valid_identical_catalogs(make_project: Callable[..., Path]) -> None:
    pages = {
        f"стр-{n:03d}.md": f"# Страница {n}\n\nТекст номер {n}. Ещё предложение.\n"
        for n in range(60)
    }
    root = make_project(pages, targets=("en", "de"))
    command = [
        sys.executable,
        "-m",
        "diptych.cli",
        "-C",
        str(root),
        "translate",
        "--engine",
        "pseudo",
    ]
    runs = [
        subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(3)
    ]
    results = [(*run.communicate(timeout=120), run.returncode) for run in runs]
    assert [code for _, _, code in results] == [0, 0, 0], results
    written = sorted(out.splitlines()[-1].split(" catalog")[0] for out, _, _ in results)
    # Exactly one run did the work; the others found everything up to date.
    assert written[0] == "120"
    assert all(line.startswith("catalogs up to date") for line in written[1:])
    for po_path in (root / "translations").rglob("*.po"):
        po = polib.pofile(str(po_path))
        assert len(po) == 2 and all(e.msgstr.startswith("⟦") for e in po)
    assert not list((root / "translations").rglob("*.tmp"))


def test_a_held_lock_times_out_with_a_clear_message(make_project: Callable[..., Path]) -> None:
    root = make_project({"а.md": "Текст.\n"}, targets=("en",))
    project = load_project(root)
    project.lock_file.parent.mkdir(parents=True)
    with FileLock(str(project.lock_file)), pytest.raises(LockTimeout) as caught:
        translate(project, PseudoEngine(), lock_timeout=0.2)
    assert caught.value.hint == "wait for it to finish; if none is running, delete the lock file"
    assert not (root / "translations" / "en" / "а.po").exists()
