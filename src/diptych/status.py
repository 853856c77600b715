"""Counting states across catalogs: for `diptych status`, the dashboard and the gate."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .catalog import State
from .config import Project
from .errors import DiptychError, SourceError
from .judge import Judge
from .page_catalog import PageCatalog
from .renderer import Renderer
from .segment import Page, segment_file


@dataclass(frozen=True)
class Row:
    lang: str
    page: str  # relative to docs/
    counts: dict[State, int]


@dataclass
class Status:
    rows: list[Row] = field(default_factory=list)
    # Pages that could not be read or segmented: left out of the counts, reported.
    problems: list[DiptychError] = field(default_factory=list)

    def add(self, lang: str, rel: str, joined: PageCatalog) -> None:
        """Count a page in one language, as ``status`` and the site's dashboard both do:
        every distinct unit by the state its model gives it; a page with no units is not
        listed."""
        if joined.page.units:
            self.rows.append(Row(lang, rel, joined.counts()))

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
    """States of every page in every language, as the page's model says them
    (:class:`~diptych.page_catalog.PageCatalog`, with the site's judge: the same states as
    ``check`` and the site). A page without a catalog is all missing; a page or catalog
    that cannot be read is left out and recorded in ``problems``."""
    status = Status()
    judge = Judge(Renderer.for_config_file(project.config_file))
    pages: list[tuple[Path, Page]] = []
    for path in project.pages():
        try:
            pages.append((path, segment_file(path)))
        except SourceError as exc:
            exc.path = project.relative(path)
            status.problems.append(exc)
    docs = project.docs_dir.resolve()
    for lang in project.targets:
        for path, page in pages:
            if not page.units:
                continue
            rel = path.resolve().relative_to(docs).as_posix()
            po_path = project.catalog_path(path, lang.code)
            shown = project.relative(po_path).as_posix()
            try:
                joined = PageCatalog.open(
                    page, rel, po_path, shown, lang, judge=judge, source=project.source
                )
            except DiptychError as exc:
                exc.path = exc.path and project.relative(exc.path)
                status.problems.append(exc)
                continue
            status.add(lang.code, rel, joined)
    return status
