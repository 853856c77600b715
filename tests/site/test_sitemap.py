"""The sitemap's <lastmod>: a statement's front-matter date, else the last commit of the
page's file, and for a page rendered from a catalog the later of that and the catalog's
last commit; never the build date. A real mini site in a real git repository whose
commits have fixed dates, built with ``mkdocs build --strict``."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import quote

import pytest

from diptych.site.lastmod import changed, last_commits, page_date
from tests.support.pages import ABOUT, CATALOGS, FIRST, PAGES, SECOND
from tests.support.project import write_mini_project
from tests.support.repo import REPO
from tests.support.site import SITE_URL, build

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
HOOK = "hooks/sitemap_dates.py"
# A statement whose date the site cannot read (D110), written to break out of <lastmod>.
HOSTILE = "statements/hostile.md"
NEW = "новая.md"

COMMITS = {  # committer date -> what the commit changes
    "2023-01-10T12:00:00+00:00": "every file",
    "2023-06-15T09:30:00+03:00": f"docs/{ABOUT}",
    # The committer's own day, although it is already 1 March in UTC.
    "2024-02-29T23:59:59-08:00": f"translations/en/{FIRST[:-3]}.po",
}


def git(root: Path, *args: str, date: str | None = None) -> None:
    env = {
        **os.environ,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.org",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.org",
    }
    if date:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = date
    subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)


def lastmods(sitemap: Path) -> dict[str, str | None]:
    root = ET.parse(sitemap).getroot()
    found: dict[str, str | None] = {}
    for url in root.iter(f"{SITEMAP}url"):
        loc, lastmod = url.find(f"{SITEMAP}loc"), url.find(f"{SITEMAP}lastmod")
        assert loc is not None and loc.text
        found[loc.text] = lastmod.text if lastmod is not None else None
    return found


def url(path: str) -> str:
    """A page's address as the sitemap writes it (its path percent-encoded)."""
    return SITE_URL + quote(path)


@pytest.fixture(scope="module")
def dated_sitemap(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pages = {
        **PAGES,
        HOSTILE: '---\ntitle: Враждебная дата\ndate: "14.03.2022</lastmod><x>"\n---\n\nТекст.\n',
    }
    # The mini project runs the project's hooks, this one among them.
    root = write_mini_project(tmp_path_factory.mktemp("sitemap") / "сайт", pages, CATALOGS)
    git(root, "init", "--quiet")
    (first, _), (second, about), (third, catalog) = COMMITS.items()
    git(root, "add", "--all")
    git(root, "commit", "--quiet", "--message", "site", date=first)
    with (root / about).open("a", encoding="utf-8") as f:
        f.write("\nНовый абзац.\n")
    git(root, "commit", "--quiet", "--all", "--message", "about", date=second)
    text = (root / catalog).read_text(encoding="utf-8")
    new = text.replace('"A reviewed paragraph about peace."', '"A reviewed paragraph on peace."')
    assert new != text
    (root / catalog).write_text(new, encoding="utf-8")
    git(root, "commit", "--quiet", "--all", "--message", "review", date=third)
    # A page no commit has yet: dated by its file.
    new_page = root / "docs" / NEW
    new_page.write_text("# Новая страница\n\nТекст.\n", encoding="utf-8")
    moment = dt.datetime(2025, 1, 2, 3, 4, 5, tzinfo=dt.UTC).timestamp()
    os.utime(new_page, (moment, moment))
    # The hostile date fails the strict build (the feeds leave it out and say so); the
    # sitemap is looked at as a non-strict build writes it.
    built = build(root, strict=False)
    assert built.returncode == 0, built.log
    assert "docs/statements/hostile.md:3: its date is not a date" in built.log
    return built.site / "sitemap.xml"


def test_each_page_in_each_language_has_its_own_date(dated_sitemap: Path) -> None:
    first, second = FIRST[:-3] + "/", SECOND[:-3] + "/"
    about, hostile, new = ABOUT[:-3] + "/", HOSTILE[:-3] + "/", NEW[:-3] + "/"
    expected = {
        # Russian: the statements' front-matter dates, else the file's last commit.
        url(""): "2023-01-10",
        url(first): "2023-03-01",
        url(second): "2023-05-09",
        url(hostile): "2023-01-10",  # no date the site can read: its commit
        url(about): "2023-06-15",
        url("dashboard/"): "2023-01-10",
        url(new): "2025-01-02",  # not committed: its modification time
        # English: the later of that and the catalog's last commit; the first
        # statement's catalog was reviewed on 29 February 2024.
        url("en/"): "2023-01-10",
        url("en/" + first): "2024-02-29",
        url("en/" + second): "2023-05-09",
        url("en/" + hostile): "2023-01-10",
        url("en/" + about): "2023-06-15",
        url("en/dashboard/"): "2023-01-10",
        url("en/" + new): "2025-01-02",
        url("en/side-by-side/"): "2023-01-10",
        url("en/side-by-side/" + first): "2024-02-29",
        url("en/side-by-side/" + second): "2023-05-09",
        url("en/side-by-side/" + hostile): "2023-01-10",
        url("en/side-by-side/" + about): "2023-06-15",
        url("en/side-by-side/dashboard/"): "2023-01-10",
        url("en/side-by-side/" + new): "2025-01-02",
        # Arabic: only the first statement has a catalog, older than its date.
        url("ar/"): "2023-01-10",
        url("ar/" + first): "2023-03-01",
        url("ar/" + second): "2023-05-09",
        url("ar/" + hostile): "2023-01-10",
        url("ar/" + about): "2023-06-15",
        url("ar/dashboard/"): "2023-01-10",
        url("ar/" + new): "2025-01-02",
        url("ar/side-by-side/"): "2023-01-10",
        url("ar/side-by-side/" + first): "2023-03-01",
        url("ar/side-by-side/" + second): "2023-05-09",
        url("ar/side-by-side/" + hostile): "2023-01-10",
        url("ar/side-by-side/" + about): "2023-06-15",
        url("ar/side-by-side/dashboard/"): "2023-01-10",
        url("ar/side-by-side/" + new): "2025-01-02",
    }
    assert lastmods(dated_sitemap) == expected


def test_the_hostile_date_stays_out_of_the_sitemap(dated_sitemap: Path) -> None:
    text = dated_sitemap.read_text(encoding="utf-8")
    assert "<x>" not in text and "14.03.2022" not in text
    assert re.findall(r"<lastmod>([^<]*)</lastmod>", text) == re.findall(
        r"<lastmod>(\d{4}-\d{2}-\d{2})</lastmod>", text
    )


def test_the_project_runs_the_hook() -> None:
    hooks = re.search(r"^hooks:\n((?:  - .*\n)+)", (REPO / "mkdocs.yml").read_text("utf-8"), re.M)
    assert hooks and f"  - {HOOK}\n" in hooks.group(1)


def test_outside_a_git_checkout_files_are_dated_by_their_modification_time(
    tmp_path: Path,
) -> None:
    page, catalog = tmp_path / "docs" / "page.md", tmp_path / "translations" / "en" / "page.po"
    for path, day in ((page, dt.date(2021, 5, 6)), (catalog, dt.date(2022, 7, 8))):
        path.parent.mkdir(parents=True)
        path.write_text("x", encoding="utf-8")
        moment = dt.datetime(day.year, day.month, day.day, 12, tzinfo=dt.UTC)
        os.utime(path, (moment.timestamp(), moment.timestamp()))
    commits = last_commits([tmp_path / "docs", tmp_path / "translations" / "en"])
    assert commits == {}
    assert changed(page, commits) == dt.date(2021, 5, 6)
    assert page_date(page, commits) == dt.date(2021, 5, 6)
    assert page_date(page, commits, catalog=catalog) == dt.date(2022, 7, 8)
    assert page_date(page, commits, dt.date(2023, 1, 1), catalog) == dt.date(2023, 1, 1)
    assert page_date(page, commits, catalog=tmp_path / "none.po") == dt.date(2021, 5, 6)
