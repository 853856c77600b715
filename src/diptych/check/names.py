"""D504: a page's file name that cannot be its address or its title.

MkDocs makes a page's address from its path under ``docs/`` and, when the page has no
``title`` in its front matter and no heading, its title from the file name; folder names
become the titles of navigation sections. Material writes those titles into the HTML as
they are, so a name with ``<``, ``>`` or quotes is markup on every page of every language
(``docs/<img src=x onerror=alert(1)>.md``). Control characters and bidirectional controls
are invisible in a diff and in a terminal. Such a name is refused twice, with the same
words: by ``diptych check`` (this module) and by the site build (``hooks/titles.py``).
"""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

from .base import Finding

# HTML's special characters (no '&': "q&a.md" is a fine name and shows as text), C0 and
# C1 controls, DEL, and the bidirectional embeddings, overrides and isolates of D503.
UNSAFE = re.compile("[<>\"'`\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

HINT = "rename the file or folder (letters, digits, spaces, '-', '_' and '.' are safe)"


def printable(rel: str) -> str:
    """``rel`` as a message can show it: invisible characters written as ``<U+XXXX>``."""
    return "".join(c if c.isprintable() else f"<U+{ord(c):04X}>" for c in rel)


def problem(rel: str) -> str | None:
    """What is wrong with a page's path under docs/ (POSIX), or None if nothing is."""
    found = sorted(set(UNSAFE.findall(rel)))
    if not found:
        return None
    chars = " ".join(c if c.isprintable() else f"U+{ord(c):04X}" for c in found)
    return (
        f"the name contains {chars}, which would reach every page's HTML as markup or "
        "invisible text (MkDocs makes page and section titles from file and folder names)"
    )


def message(docs_name: str, rel: str) -> str | None:
    """The build's error for a page, naming the file and what to do."""
    found = problem(rel)
    if found is None:
        return None
    return f"{docs_name}/{printable(rel)}: {found}: {HINT}"


def page(path: Path, docs_dir: Path) -> list[Finding]:
    """D504 for a source page whose path under ``docs_dir`` is not a safe name (the
    name as MkDocs sees it: a symbolic link's own name, not its target's)."""
    for here, docs in (
        (path.absolute(), docs_dir.absolute()),
        (path.resolve(), docs_dir.resolve()),
    ):
        if here.is_relative_to(docs):
            found = problem(PurePosixPath(here.relative_to(docs)).as_posix())
            return [Finding("D504", path, 1, f"{found}: {HINT}")] if found else []
    return []
