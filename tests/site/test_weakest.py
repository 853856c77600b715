"""The dashboard lists each language's weakest machine translations, and counts copied
units in a column of their own where a language has any (site/listing.py).

A mini site, built with the real ``mkdocs build``: a page of twelve machine paragraphs
with known scores and two units with nothing to translate, in English; one scored
paragraph in Arabic.
"""

from __future__ import annotations

import json
import posixpath
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote

import pytest

from diptych.suggestions.form import unit_key
from tests.support.catalogs import write_catalog
from tests.support.external import describe, vnu
from tests.support.html import Element, find_all, parse
from tests.support.pages import CATALOGS, PAGES
from tests.support.project import write_mini_project
from tests.support.site import Built, build

PAGE = "слабые.md"
PARAGRAPHS = [f"Абзац номер {n} о погоде." for n in range(1, 13)]
# Paragraph n's score: the weakest are 7, 3, 11, ... (a order no page order gives).
SCORES = [-0.1 * ((n * 7) % 13) for n in range(1, 13)]
COPIED = ["Python 3.12", "{* ../src/app.py hl[3] *}"]
# A page of a reviewed paragraph and a copied unit: nothing awaits review there.
DONE = "готово.md"


def _catalogs(root: Path) -> None:
    """Machine paragraphs with their scores (English; one in Arabic), copied units, and a
    page of a reviewed paragraph and a copied unit."""
    scores = dict(zip(PARAGRAPHS, SCORES, strict=True))
    machine = {p: (f"Paragraph {n}.", "machine") for n, p in enumerate(PARAGRAPHS, 1)}
    copied = {unit: (unit, "copied") for unit in COPIED}
    write_catalog(root, "en", PAGE, machine | copied, scores=scores)
    write_catalog(root, "ar", PAGE, {PARAGRAPHS[0]: machine[PARAGRAPHS[0]]}, scores=scores)
    done = {"Готовый абзац.": ("A finished paragraph.", "reviewed")}
    write_catalog(root, "en", DONE, done | {"Python 3.12": ("Python 3.12", "copied")})


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    root = tmp_path_factory.mktemp("weakest") / "сайт"
    text = "".join(f"{t}\n\n" for t in [*PARAGRAPHS[:6], *COPIED, *PARAGRAPHS[6:]])
    write_mini_project(
        root, {**PAGES, PAGE: text, DONE: "Готовый абзац.\n\nPython 3.12\n"}, CATALOGS
    )
    _catalogs(root)
    built = build(root, strict=False)
    assert built.returncode == 0, built.log
    return built


def _section(built: Built, reader: str, lang: str) -> Element:
    url = "dashboard/" if reader == "ru" else f"{reader}/dashboard/"
    root = parse(built.page(url))
    (section,) = [
        s for s in find_all(root, "section", cls="dp-dash") if s.attrs["data-lang"] == lang
    ]
    return section


def test_the_weakest_ten_first_each_leading_to_its_row(built: Built) -> None:
    """The ten lowest scores of the English machine units, lowest first, each linking to
    the row of its unit in the English side-by-side view (an element the build wrote).
    Fails if the list is in page order, holds more than ten, or links to no row."""
    section = _section(built, "en", "en")
    (weakest,) = find_all(section, "section", cls="dp-weakest")
    items = find_all(weakest, "li", cls="dp-weakest__item")
    order = sorted(range(12), key=lambda n: SCORES[n])[:10]
    assert [float(li.attrs["data-score"]) for li in items] == [round(SCORES[n], 3) for n in order]
    assert [li.children[0].all_text() for li in items] == [PARAGRAPHS[n] for n in order]
    for li, n in zip(items, order, strict=True):
        link = li.children[0]
        assert link.attrs["hreflang"] == "en"
        target, _, row = unquote(link.attrs["href"]).partition("#")
        assert row == f"u-{unit_key(PARAGRAPHS[n])}"
        page = posixpath.normpath(posixpath.join("en/dashboard/", target))
        assert page == "en/side-by-side/слабые"
        assert f'id="{row}"' in built.page(page)
    assert find_all(weakest, "h3")[0].all_text() == "Weakest machine translations"
    # The first: score -1.2, shown as the geometric mean of the token probabilities.
    assert " ".join(items[0].all_text().split()) == (
        "Абзац номер 11 о погоде. слабые.md model confidence 30%"
    )


def test_each_language_has_its_own_list(built: Built) -> None:
    """Arabic has one scored unit; the Russian reader's dashboard lists the same units in
    Russian words."""
    arabic = find_all(_section(built, "ru", "ar"), "li", cls="dp-weakest__item")
    assert [li.children[0].all_text() for li in arabic] == [PARAGRAPHS[0]]
    assert find_all(_section(built, "ru", "ar"), "h3")[0].all_text() == (
        "Самые слабые машинные переводы"
    )
    assert "уверенность модели 50\xa0%" in arabic[0].all_text()


def test_copied_has_a_column_where_a_language_has_copies(built: Built) -> None:
    """English has two copied units: a column, counted as ``diptych status`` counts them;
    Arabic has none: no column. Fails if the table leaves copied units out (its units
    would not add up) or shows an empty column for every language."""
    done = subprocess.run(
        [sys.executable, "-m", "diptych.cli", "status", "--json"],
        cwd=built.root,
        capture_output=True,
        text=True,
        check=True,
    )
    status = json.loads(done.stdout)["languages"]
    english = _section(built, "en", "en")
    heads = [th.all_text() for th in find_all(find_all(english, "thead")[0], "th")]
    assert heads[:3] == ["Page", "Reviewed", "Copied"]
    (row,) = find_all(english, "tr", data_page=PAGE)
    cells = {
        td.attrs["data-state"]: int(td.attrs["data-count"])
        for td in find_all(row, "td")
        if "data-state" in td.attrs
    }
    assert (
        cells
        == status["en"]["pages"][PAGE]
        == {
            **dict.fromkeys(status["en"]["pages"][PAGE], 0),
            "machine": 12,
            "copied": 2,
        }
    )
    arabic = _section(built, "en", "ar")
    assert "Copied" not in [th.all_text() for th in find_all(arabic, "th")]
    assert status["ar"]["total"]["copied"] == 0


def test_no_banner_where_nothing_awaits_review(built: Built) -> None:
    """A page of reviewed and copied units has no "not fully reviewed" banner; the page of
    machine units has one, counting the copies too. Fails if copies count as unreviewed."""
    assert "dp-banner" not in built.page("en/готово/")
    (banner,) = find_all(parse(built.page("en/слабые/")), "aside", cls="dp-banner")
    counts = {
        span.classes()[1].removeprefix("dp-count--"): span.all_text()
        for span in find_all(banner, "span", cls="dp-count")
    }
    assert counts == {
        "copied": "2 copied (nothing to translate)",
        "machine": "12 machine-translated",
    }


def test_the_dashboards_are_valid_html(built: Built) -> None:
    pages = [str(built.site / url / "index.html") for url in ("dashboard", "en/dashboard")]
    messages = vnu(pages)
    assert messages == [], describe(messages)
