"""Inputs that crashed Diptych give one clean message instead, naming the file (and line,
where there is one) and what to do, in every tool that meets them: ``diptych translate``,
``status`` and ``check`` (exit 2 for a page or catalog that cannot be used at all) and
``mkdocs build`` (MkDocs' PluginError: the build fails with the same words, and no
traceback). A catalog that cannot be written (a full disk) leaves no temp file, and a
rewritten catalog keeps its file mode.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import stat
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from diptych import catalog
from diptych.cli import main
from diptych.languages import LANGUAGES
from tests.support.cli import run_diptych
from tests.support.pages import ABOUT, FIRST
from tests.support.pages import SECOND as SECOND_PAGE
from tests.support.project import write_mini_project
from tests.support.site import Built, build

ABOUT_PO = "translations/en/" + ABOUT.removesuffix(".md") + ".po"
SECOND = "docs/" + SECOND_PAGE


def _project(tmp_path: Path) -> Path:
    """The site tests' mini project: three languages, hooks, catalogs in every state."""
    return write_mini_project(tmp_path / "сайт")


def _cli(capsys: pytest.CaptureFixture[str], root: Path, *args: str) -> tuple[int, str]:
    run = run_diptych(capsys, root, *args)
    return run.code, run.err


def _every_tool(capsys: pytest.CaptureFixture[str], root: Path, message: str, hint: str) -> None:
    """``translate``, ``status`` and ``check`` stop with the message and hint, exit 2;
    ``mkdocs build`` fails with the same message, and no traceback."""
    expected = f"diptych: error: {message}\n  hint: {hint}\n"
    for args in (("translate", "--engine", "pseudo", "-q"), ("status",), ("check",)):
        assert _cli(capsys, root, *args) == (2, expected), args
    built = build(root)
    assert built.returncode == 1
    assert "Traceback" not in built.log
    assert f"{message}\n  hint: {hint}" in built.log, built.log


def test_page_linked_from_outside_docs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Before: ValueError ("is not in the subpath of") from every tool. Fails when
    ``Project.pages`` returns a page that leads outside docs/ (or ``catalog_path`` stops
    saying why it is refused)."""
    root = _project(tmp_path)
    outside = tmp_path / "outside.md"
    outside.write_text("# Снаружи\n\nТекст снаружи.\n", encoding="utf-8")
    (root / "docs" / "link.md").symlink_to(outside)
    _every_tool(
        capsys,
        root,
        f"docs/link.md: a symbolic link to {outside}, outside docs/",
        "Diptych reads and writes pages only inside docs/: copy the file into docs/ "
        "instead of linking to it, or remove the link",
    )


def test_catalog_linked_from_outside_translations(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Before: ``check`` crashed (ValueError), ``status`` and the build read the outside
    file, ``translate`` replaced the link. Fails when ``Project.catalog_path`` follows a
    link out of translations/."""
    root = _project(tmp_path)
    outside = tmp_path / "outside.po"
    outside.write_text(catalog.serialize(catalog.new(LANGUAGES["en"], "x.md")))
    (root / ABOUT_PO).symlink_to(outside)
    _every_tool(
        capsys,
        root,
        f"{ABOUT_PO}: a symbolic link to {outside}, outside translations/",
        "Diptych reads and writes catalogs only inside translations/: put the file in "
        "translations/ instead of linking to it, or remove the link",
    )
    assert (root / ABOUT_PO).is_symlink()


def test_catalog_that_is_a_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Before: ``status`` stopped with "Is a directory", ``check``, the dashboard and the
    site took the page for untranslated. Fails when ``Project.catalog_path`` accepts a
    folder."""
    root = _project(tmp_path)
    (root / ABOUT_PO).mkdir()
    _every_tool(
        capsys,
        root,
        f"{ABOUT_PO}: a folder where a catalog should be",
        "a catalog is one file: move this away (or rename it without .po)",
    )


def _bad_limit(tmp_path: Path) -> Built:
    root = _project(tmp_path)
    index = root / "docs" / "index.md"
    index.write_text(
        index.read_text(encoding="utf-8").replace(
            "<!-- diptych:statements -->", "<!-- diptych:statements limit=abc -->"
        ),
        encoding="utf-8",
    )
    return build(root)


def test_statements_marker_with_a_bad_limit(tmp_path: Path) -> None:
    """Before: ``ValueError: invalid literal for int()`` from hooks/lists.py. Fails when
    ``listing.marker_options`` accepts a limit that is not a whole number from 1."""
    built = _bad_limit(tmp_path)
    assert built.returncode == 1
    assert "Traceback" not in built.log
    assert "Error reading page 'index.md'" in built.log
    assert (
        "diptych:statements marker: limit='abc' is not a whole number from 1: write "
        "limit=3 to list the three newest statements, or leave the option out" in built.log
    )


def test_statements_marker_error_names_page_and_line(tmp_path: Path) -> None:
    """The marker's page and line in the message (MkDocs names the page, not the line).
    Fails while hooks/lists.py calls ``marker_options`` without ``where``."""
    built = _bad_limit(tmp_path)
    assert built.returncode == 1
    assert "docs/index.md:9: diptych:statements marker: limit='abc'" in built.log, built.log


def test_impossible_date_in_front_matter(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Before: ``ValueError: day is out of range for month`` (PyYAML makes a date of
    ``date: 2022-02-30``) from every tool. A page problem: ``translate`` and ``status``
    report it and do the rest (exit 1), ``check`` reports D109. Fails while the segmenter
    lets PyYAML's ValueError through."""
    root = _project(tmp_path)
    page = root / SECOND
    page.write_text(
        page.read_text(encoding="utf-8").replace("date: 2023-05-09", "date: 2022-02-30"),
        encoding="utf-8",
    )
    message = f"{SECOND}:3: broken front matter: day is out of range for month"
    hint = "write a real date as YYYY-MM-DD (or quote the value to keep it as text)"
    for args in (("translate", "--engine", "pseudo", "-q"), ("status",)):
        assert _cli(capsys, root, *args) == (1, f"diptych: error: {message}\n  hint: {hint}\n")
    code = main(["-C", str(root), "check"])
    assert code == 1
    assert f"{SECOND}:3: D109: broken front matter: day is out of range" in capsys.readouterr().out
    built = build(root)
    assert built.returncode == 1
    assert "Traceback" not in built.log
    assert f"{message}\n  hint: {hint}" in built.log, built.log


# -- writing -------------------------------------------------------------------------


@contextlib.contextmanager
def _full_disk(folder: Path) -> Iterator[bool]:
    """``folder`` on a full file system: a tmpfs of one page, filled (needs root and
    mount rights); False where it cannot be mounted."""
    folder.mkdir(parents=True, exist_ok=True)
    mounted = (
        shutil.which("mount") is not None
        and subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=4k", "tmpfs", str(folder)],
            capture_output=True,
            check=False,
        ).returncode
        == 0
    )
    try:
        if mounted:
            with contextlib.suppress(OSError), (folder / ".fill").open("wb") as handle:
                handle.write(b"\0" * 65536)
        yield mounted
    finally:
        if mounted:
            subprocess.run(["umount", str(folder)], check=False)


def _no_temp_files(folder: Path) -> None:
    assert [p.name for p in folder.rglob("*.tmp")] == []


def test_full_disk_on_a_real_file_system(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A tmpfs of one page, full: ``translate`` reports each catalog it cannot write
    (exit 1), leaves no temp file, and other languages' catalogs are written. Skipped
    where tmpfs cannot be mounted (not root); the next test simulates the same error."""
    root = _project(tmp_path)
    target = root / "translations" / "en" / "statements"
    shutil.rmtree(target)
    with _full_disk(target) as mounted:
        if not mounted:
            pytest.skip("cannot mount a tmpfs here (needs root)")
        code, err = _cli(capsys, root, "translate", "--engine", "pseudo", "-q", "--to", "en")
        _no_temp_files(target)
    assert code == 1
    assert (
        f"diptych: error: translations/en/{FIRST.removesuffix('.md')}.po: "
        "cannot write catalog: No space left on device\n"
        "  hint: free disk space or fix the folder's permissions, then run "
        "`diptych translate` again\n"
    ) in err
    assert (root / "translations" / "en" / "dashboard.po").is_file()


def test_full_disk_simulated(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same error where no tmpfs can be mounted: ``os.fsync`` fails with ENOSPC.
    Fails when ``catalog.save`` leaves its temp file behind or the error escapes as a
    traceback."""
    root = _project(tmp_path)
    before = (root / ABOUT_PO.replace("о-проекте", "index")).read_bytes()

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    code, err = _cli(capsys, root, "translate", "--engine", "pseudo", "-q", "--to", "en")
    assert code == 1
    assert "cannot write catalog: No space left on device" in err
    assert "Traceback" not in err
    _no_temp_files(root / "translations")
    assert (root / ABOUT_PO.replace("о-проекте", "index")).read_bytes() == before


def test_rewritten_catalog_keeps_its_mode_and_a_new_one_follows_the_umask(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Fails when ``catalog.save`` leaves the temp file's mode (0600, from mkstemp):
    a group-writable catalog would lose its group's write permission, and a new one would
    be readable by its owner alone."""
    root = _project(tmp_path)
    kept = root / "translations" / "en" / (FIRST.removesuffix(".md") + ".po")
    kept.chmod(0o664)
    before = kept.read_bytes()
    umask = os.umask(0o022)
    try:
        code, err = _cli(capsys, root, "translate", "--engine", "pseudo", "-q", "--to", "en")
    finally:
        os.umask(umask)
    assert (code, err) == (0, "")
    assert kept.read_bytes() != before  # it was rewritten
    assert stat.S_IMODE(kept.stat().st_mode) == 0o664
    made = root / ABOUT_PO
    assert stat.S_IMODE(made.stat().st_mode) == 0o644


def test_temp_files_are_ignored_by_git() -> None:
    """Fails when .gitignore stops ignoring the temp file a save leaves if killed between
    writing and renaming (``.<catalog>.po.<random>.tmp``)."""
    repo = Path(__file__).resolve().parents[2]
    if shutil.which("git") is None or not (repo / ".git").exists():
        pytest.skip("not a git checkout")
    name = "translations/en/statements/.page.po.k3j_x9.tmp"
    done = subprocess.run(
        ["git", "-C", str(repo), "check-ignore", "--no-index", "-q", name], check=False
    )
    assert done.returncode == 0
