"""Counting states across catalogs: for `diptych status`, the dashboard and the gate."""

from __future__ import annotations

from dataclasses import dataclass, field

from . import catalog
from .catalog import State
from .config import Project
from .segment import segment_file


@dataclass(frozen=True)
class Row:
    lang: str
    page: str  # relative to docs/
    counts: dict[State, int]


@dataclass
class Status:
    rows: list[Row] = field(default_factory=list)

    def totals(self) -> dict[str, dict[State, int]]:
        out: dict[str, dict[State, int]] = {}
        for row in self.rows:
            total = out.setdefault(row.lang, dict.fromkeys(State, 0))
            for state, n in row.counts.items():
                total[state] += n
        return out

    def as_dict(self) -> dict[str, object]:
        return {
            "languages": {
                lang: {
                    "total": {s.value: n for s, n in totals.items()},
                    "pages": {
                        row.page: {s.value: n for s, n in row.counts.items()}
                        for row in self.rows
                        if row.lang == lang
                    },
                }
                for lang, totals in self.totals().items()
            }
        }


def collect(project: Project) -> Status:
    """States of every page in every language; a page without a catalog is all missing."""
    status = Status()
    pages = [(page, segment_file(page)) for page in project.pages()]
    for lang in project.targets:
        for path, page in pages:
            if not page.units:
                continue
            rel = path.resolve().relative_to(project.docs_dir.resolve()).as_posix()
            po_path = project.catalog_path(path, lang.code)
            po = catalog.load(po_path, lang) if po_path.exists() else catalog.new(lang, rel)
            catalog.merge(po, [unit.text for unit in page.units])  # in memory: as a run would
            status.rows.append(Row(lang.code, rel, catalog.counts(po)))
    return status
