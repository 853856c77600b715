#!/usr/bin/env python3
"""The fast gate's preview: copy the built pages a pull request changed, with the site's
assets, into one folder to upload as an artifact, and print a Markdown summary of them.

Usage: preview.py --site DIR --out DIR FILE...

FILE: the files the pull request changed (``git diff --name-only``). A catalog
``translations/<lang>/<page>.po`` changes the page in that language and its side-by-side
view; other files change no page by themselves. The folder opens without a server: each
page is copied where the site has it, and ``index.html`` lists them.
"""

from __future__ import annotations

import argparse
import html
import shutil
import sys
from pathlib import Path, PurePosixPath

from diptych.site.links import page_path, pair_dest_uri


def pages_of(changed: list[str]) -> list[tuple[str, str]]:
    """(language, page relative to docs/) for every catalog among ``changed``."""
    found = []
    for name in changed:
        path = PurePosixPath(name)
        if len(path.parts) >= 3 and path.parts[0] == "translations" and path.suffix == ".po":
            found.append(
                (path.parts[1], PurePosixPath(*path.parts[2:]).with_suffix(".md").as_posix())
            )
    return sorted(set(found))


def copy(site: Path, out: Path, changed: list[str]) -> list[str]:
    """Copy the changed pages (and assets/) from ``site`` to ``out``; returns their paths."""
    copied = []
    for lang, page in pages_of(changed):
        for rel in (f"{lang}/{page_path(page)}index.html", pair_dest_uri(page, lang)):
            if (site / rel).is_file():
                (out / rel).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(site / rel, out / rel)
                copied.append(rel)
    if copied and (site / "assets").is_dir():
        shutil.copytree(site / "assets", out / "assets", dirs_exist_ok=True)
    items = "".join(f'<li><a href="{html.escape(r)}">{html.escape(r)}</a></li>' for r in copied)
    out.mkdir(parents=True, exist_ok=True)
    (out / "index.html").write_text(
        f'<!doctype html><meta charset="utf-8"><title>Preview</title><ul>{items}</ul>\n',
        encoding="utf-8",
    )
    return copied


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("changed", nargs="*")
    args = parser.parse_args()
    copied = copy(args.site, args.out, args.changed)
    print(f"### Pages this pull request changes ({len(copied)})\n")
    for rel in copied:
        print(f"- `{rel}`")
    if not copied:
        print("No built page changes (only the glossary or other files).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
