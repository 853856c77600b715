"""What the rule families share: findings, and the catalogs and pages they look at."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polib

from ..catalog import FUZZY
from ..languages import Language
from ..page_catalog import PageCatalog
from ..segment import Page

# A translator comment that waives allowable rules for one entry: "# diptych: allow D301".
ALLOW = re.compile(r"^diptych:\s*allow\s+(.+)$", re.I | re.M)


@dataclass(frozen=True)
class Finding:
    """One problem, as a rule reports it; the runner decides its severity."""

    code: str
    path: Path
    line: int
    message: str
    # Reported on an entry that is still fuzzy (machine or stale output).
    fuzzy: bool = False
    # Codes the entry's translator comment waives.
    allowed: frozenset[str] = frozenset()


@dataclass
class PageInfo:
    """A source page, segmented (``page`` is None if it could not be read)."""

    path: Path
    rel: str  # relative to docs/, POSIX
    page: Page | None

    @property
    def units(self) -> set[str]:
        return {unit.text for unit in self.page.units} if self.page else set()

    @property
    def references(self) -> dict[str, Any]:
        return self.page.references if self.page else {}


@dataclass
class CatalogInfo:
    """A catalog as read from disk, with the line of each entry's msgid."""

    path: Path
    lang: Language | None
    page: PageInfo | None
    po: polib.POFile | None = None
    text: str = ""
    lines: dict[int, int] = field(default_factory=dict)  # id(entry) -> msgid line
    # The catalog joined with its page (None: no page, no language, or not readable).
    joined: PageCatalog | None = None

    def line_of(self, entry: polib.POEntry) -> int:
        return self.lines.get(id(entry), getattr(entry, "linenum", None) or 1)

    def finding(self, code: str, entry: polib.POEntry, message: str) -> Finding:
        """A finding on one entry: at its msgid's line, a warning while it is fuzzy."""
        return Finding(code, self.path, self.line_of(entry), message, fuzzy=is_fuzzy(entry))


def is_fuzzy(entry: polib.POEntry) -> bool:
    return FUZZY in entry.flags


def allowed_codes(entry: polib.POEntry) -> frozenset[str]:
    codes: set[str] = set()
    for match in ALLOW.finditer(entry.tcomment or ""):
        codes.update(code.upper() for code in re.findall(r"[A-Za-z]\d{3}", match.group(1)))
    return frozenset(codes)
