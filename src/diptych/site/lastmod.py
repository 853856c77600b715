"""When a page of the site last changed, for the sitemap's ``<lastmod>``.

MkDocs dates every page by the build (``Page.update_date``, which its ``sitemap.xml``
template and mkdocs-static-i18n's write as ``<lastmod>``), so a search engine is told that
every page in every language changed with every build. A page's own date is:

* a statement's ``date`` (front matter, :func:`diptych.dates.iso_date`), the day it was
  made; else the committer date of the last commit that changed the file the page is made
  from (``git log -1 --format=%cI -- FILE``); else, for a file no commit has (not in a
  git checkout, or not committed yet), its modification time;
* for a page rendered from a catalog (a translated page, a side-by-side view), the later
  of that and the catalog's own date: a translation reviewed today changed the page today.

One ``git log`` per build language reads the last commit of every file at once; a page
never waits for a git call of its own. A shallow clone (depth 1) has one commit, so every
file's last commit is that one: the deploy job needs the history for true dates.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from collections.abc import Iterable
from pathlib import Path


def _git(cwd: Path, *args: str) -> bytes | None:
    """git's output, or None where git cannot answer (no checkout, no git)."""
    try:
        done = subprocess.run(
            ["git", "-c", "log.showSignature=false", "--literal-pathspecs", *args],
            cwd=cwd,
            capture_output=True,
            check=False,
        )
    except OSError:
        return None
    return done.stdout if done.returncode == 0 else None


def last_commits(folders: Iterable[Path]) -> dict[Path, dt.date]:
    """The committer date (the committer's own calendar day, as ``%cI`` gives it) of the
    last commit that changed each file under ``folders``, by resolved path; empty where
    the folders are in no git checkout. Files are named as of each commit (a file renamed
    since has its new name from the rename on)."""
    existing = [folder.resolve() for folder in folders if folder.is_dir()]
    if not existing:
        return {}
    top_out = _git(existing[0], "rev-parse", "--show-toplevel")
    if not top_out:
        return {}
    top = Path(os.fsdecode(top_out.strip())).resolve()
    specs = [os.path.relpath(folder, top) for folder in existing if folder.is_relative_to(top)]
    if not specs:
        return {}
    out = _git(top, "log", "-z", "--name-only", "--format=%cI", "--", *specs)
    if not out:
        return {}
    # -z: "DATE\0\nNAME\0NAME\0DATE\0\nNAME\0...": a date is the token before a "\n"
    # (a merge, which lists no names, is a token followed by the next date; skipped).
    tokens = out.split(b"\0")
    found: dict[Path, dt.date] = {}
    day: dt.date | None = None
    for index, token in enumerate(tokens):
        following = tokens[index + 1] if index + 1 < len(tokens) else b""
        if following.startswith(b"\n"):
            try:
                day = dt.date.fromisoformat(token[:10].decode("ascii"))
            except (UnicodeDecodeError, ValueError):
                day = None
            continue
        name = token.removeprefix(b"\n")
        if day is None or not name:
            continue
        found.setdefault(top / os.fsdecode(name), day)
    return found


def changed(path: Path, commits: dict[Path, dt.date]) -> dt.date | None:
    """The day ``path`` last changed: its last commit, else its modification time (UTC),
    else None (no such file)."""
    resolved = path.resolve()
    if resolved in commits:
        return commits[resolved]
    try:
        mtime = resolved.stat().st_mtime
    except OSError:
        return None
    return dt.datetime.fromtimestamp(mtime, dt.UTC).date()


def page_date(
    own: Path,
    commits: dict[Path, dt.date],
    date: dt.date | None = None,
    catalog: Path | None = None,
) -> dt.date | None:
    """The ``<lastmod>`` of a page made from ``own`` (and rendered from ``catalog``, if
    given and present), ``date`` being its front matter's date: see the module."""
    base = date or changed(own, commits)
    translated = changed(catalog, commits) if catalog is not None else None
    dates = [d for d in (base, translated) if d is not None]
    return max(dates) if dates else None
