"""Renamed and moved pages: their catalogs follow them, so reviewed translations do too.

When a page is renamed or moved in ``docs/``, its catalogs stay at the old path, with no
page (D107), and the page at its new path has none. ``diptych translate`` looks for that
pattern before it merges: a catalog with no page is matched to a page with no catalog in
the same language whose units hold most of the catalog's texts, and moved there. What the
page changed on the way is then merged as for any edit (changed units are stale, gone ones
kept as obsolete entries), so nothing a person wrote is lost.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from . import catalog
from .config import Project
from .errors import DiptychError
from .languages import Language
from .segment import segment_file

# Share of a catalog's texts that a page must have as units to be taken for its new place.
MATCH = 0.5


@dataclass(frozen=True)
class Move:
    lang: Language
    old: Path  # the catalog with no page
    new: Path  # where the page's catalog belongs now
    page: str  # the page, relative to docs/

    def describe(self, project: Project) -> str:
        old, new = project.relative(self.old).as_posix(), project.relative(self.new).as_posix()
        return f"moved {old} to {new}: its page is now docs/{self.page}"


def find(project: Project, languages: Sequence[Language]) -> list[Move]:
    """Catalogs whose page is gone, each matched to the page it moved to (if any)."""
    docs = project.docs_dir.resolve()
    translations = project.translations_dir.resolve()
    pages = {p.resolve().relative_to(docs).as_posix(): p for p in project.pages()}
    units: dict[str, set[str]] = {}
    moves: list[Move] = []
    for lang in languages:
        folder = project.translations_dir / lang.code
        if not folder.is_dir():
            continue
        wanted = {
            project.catalog_path(page, lang.code).resolve(): rel for rel, page in pages.items()
        }
        homeless = [rel for path, rel in wanted.items() if not path.exists()]
        if not homeless:
            continue  # no page to move to: no orphan is read
        # A link is never a catalog to move: its text may come from outside the project.
        orphans = [
            p
            for p in sorted(folder.rglob("*.po"))
            if p.is_file()
            and not p.is_symlink()
            and p.resolve().is_relative_to(translations)
            and p.resolve() not in wanted
        ]
        taken: set[str] = set()
        for orphan in orphans:
            try:
                po = catalog.load(orphan, lang)
            except DiptychError:
                continue  # check reports it; a run leaves it alone
            texts = {e.msgid for e in po if not e.obsolete and catalog.is_unit_entry(e)}
            if not texts:
                continue
            best, score = None, MATCH
            for rel in homeless:
                if rel in taken:
                    continue
                if rel not in units:
                    try:
                        units[rel] = {u.text for u in segment_file(pages[rel]).units}
                    except DiptychError:
                        units[rel] = set()
                share = len(texts & units[rel]) / len(texts)
                if share >= score:
                    best, score = rel, share
            if best is not None:
                taken.add(best)
                moves.append(Move(lang, orphan, project.catalog_path(pages[best], lang.code), best))
    return moves


def apply(moves: Sequence[Move]) -> None:
    """Move each catalog to its page's new path, saying so in its header."""
    for move in moves:
        po = catalog.load(move.old, move.lang)
        po.header = catalog.new(move.lang, move.page).header
        po.metadata["Project-Id-Version"] = move.page
        catalog.save(po, move.new)
        move.old.unlink()
