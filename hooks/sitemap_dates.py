"""The sitemap's ``<lastmod>``: when each page last changed, not when the site was built.

MkDocs sets every page's ``update_date`` to the build date, and the sitemap (MkDocs' own
template and mkdocs-static-i18n's, which lists every language's pages with their
alternates) writes it as ``<lastmod>``. Once a build language's pages are read and
before the sitemap is written (``on_env``), this hook sets ``update_date`` of each page
to its own date (:mod:`diptych.site.lastmod`): a statement's front-matter date or the
last commit of its file, and for a page rendered from a catalog the later of that and the
catalog's last commit.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.plugins import event_priority
from mkdocs.utils.meta import get_data

from diptych.dates import iso_date
from diptych.site.lastmod import last_commits, page_date
from diptych.site.order import priority
from diptych.site.state import current_build


@event_priority(priority("sitemap_dates", "on_env"))
def on_env(env: Any, config: Any, files: Any) -> Any:
    build = current_build(config)
    project = build.site.project
    lang = build.lang
    translated = build.site.is_target(lang)
    # (page, the file it is made from, the source page it renders, or None)
    pages: list[tuple[Any, Path, str | None]] = []
    dates: dict[str, Any] = {}  # source page -> its front matter's date, from page.meta
    for file in files.documentation_pages():
        if file.page is None:
            continue
        facts = build.facts(file)
        rel = facts.rel_path if facts else None
        if rel is not None:
            pages.append((file.page, project.docs_dir / rel, rel))
        elif file.abs_src_path:
            pages.append((file.page, Path(file.abs_src_path), None))
        else:
            continue  # made by a plugin from no file of docs/: left as MkDocs dates it
        if build.pair_of(file) is None:
            dates[rel or file.src_uri] = iso_date(file.page.meta.get("date"))
    folders = [project.docs_dir] + ([project.translations_dir / lang] if translated else [])
    commits = last_commits(folders)
    for page, own, rel in pages:
        key = rel or page.file.src_uri
        date = dates[key] if key in dates else _front_matter_date(own)
        catalog = project.catalog_path(own, lang) if translated and rel is not None else None
        day = page_date(own, commits, date, catalog)
        if day is not None:
            page.update_date = day.isoformat()
    return env


def _front_matter_date(path: Path) -> Any:
    """The date of a source page that no page of this build has read (a side-by-side view
    whose page has a hand-written translation)."""
    try:
        return iso_date(get_data(path.read_text(encoding="utf-8-sig"))[1].get("date"))
    except OSError:
        return None
