"""The fast gate's preview (tools/ci/preview.py) on the built mini site: the pages a
pull request's catalogs change, in their language and side by side, with the assets, and
a summary naming them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.support.pages import FIRST
from tests.support.repo import REPO
from tests.support.site import Built

TOOL = REPO / "tools" / "ci" / "preview.py"
FIRST_DIR = FIRST.removesuffix(".md")


def test_the_changed_pages_and_nothing_else(mini_built: Built, tmp_path: Path) -> None:
    out = tmp_path / "preview"
    changed = [f"translations/en/{FIRST_DIR}.po", "glossary/ru-en.csv", "docs/index.md"]
    done = subprocess.run(
        [sys.executable, str(TOOL), "--site", str(mini_built.site), "--out", str(out), *changed],
        capture_output=True,
        text=True,
        check=True,
    )
    pages = [f"en/{FIRST_DIR}/index.html", f"en/side-by-side/{FIRST_DIR}/index.html"]
    assert done.stdout.splitlines() == [
        "### Pages this pull request changes (2)",
        "",
        *(f"- `{page}`" for page in pages),
    ]
    files = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.html"))
    assert files == sorted([*pages, "index.html"])
    for page in pages:
        assert (out / page).read_bytes() == (mini_built.site / page).read_bytes()
    assert (out / "assets" / "diptych" / "diptych.css").is_file()
    index = (out / "index.html").read_text(encoding="utf-8")
    assert all(f'<a href="{page}">' in index for page in pages)


def test_a_glossary_change_alone_builds_no_page(mini_built: Built, tmp_path: Path) -> None:
    out = tmp_path / "preview"
    done = subprocess.run(
        [sys.executable, str(TOOL), "--site", str(mini_built.site), "--out", str(out),
         "glossary/ru-en.csv"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert done.stdout.splitlines() == [
        "### Pages this pull request changes (0)",
        "",
        "No built page changes (only the glossary or other files).",
    ]
    assert [p.name for p in out.iterdir()] == ["index.html"]
