"""The dashboard (site/listing.py ``dashboard_html``, hooks/lists.py) and the colour schemes
(theme.palette in mkdocs.yml, overrides/partials/palette.html, hooks/palette.py, the
scheme rules of diptych.css).

A mini project whose catalogs hold every state (those of the mini site, and a page with
one unit in each situation of tests/site/test_state_matrix.py, in English and Arabic) is
built with the repository's palette. Its dashboard must say what ``diptych status
--json`` says, page by page and in total, link every page to its side-by-side view, read
as a table at 1400 and 390 px and in Arabic, and pass the Nu Html Checker; in Chromium,
the site follows the reader's colour scheme, and the side-by-side view, a reading page
with marks and the dashboard pass axe (colour contrast included) in both schemes.
"""

from __future__ import annotations

import json
import posixpath
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

import pytest
from mkdocs.utils.yaml import yaml_load

from diptych.site.listing import share
from tests.support.catalogs import write_catalog
from tests.support.external import axe, describe, vnu
from tests.support.html import Element, find_all, parse
from tests.support.pages import CATALOGS, FIRST, PAGES, SITUATIONS, situations
from tests.support.project import write_mini_project
from tests.support.repo import REPO
from tests.support.site import Built, build, serve

MATRIX = "матрица.md"
MATRIX_URL = "матрица/"
# A page with nothing to translate: neither status nor the dashboard lists it.
EMPTY = "пусто.md"
# One unit in each situation that makes a state (see test_state_matrix.py).
ROWS = SITUATIONS[:9]
STATES = ["reviewed", "edited", "machine", "stale", "withheld", "missing"]
LANGS = ("ru", "en", "ar")
TARGETS = ("en", "ar")
DARK_TO_LIGHT = {"ru": "Включить светлую тему", "en": "Switch to light mode"}
TOGGLE_NAMES = {
    "ru": ["Включить тёмную тему", "Включить светлую тему"],
    "en": ["Switch to dark mode", "Switch to light mode"],
    "ar": ["التبديل إلى الوضع الداكن", "التبديل إلى الوضع الفاتح"],
}


def _matrix_catalog(root: Path, lang: str) -> None:
    """The catalog of the situations, written as Diptych and a person would; the machine
    row's score puts it in the list of the weakest (checked below)."""
    write_catalog(root, lang, MATRIX, situations(ROWS), scores={ROWS[1][0]: -0.7})


def _palette(config: Path) -> Any:
    with config.open(encoding="utf-8") as file:
        return yaml_load(file)["theme"]["palette"]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    root = tmp_path_factory.mktemp("dashboard") / "сайт"
    page = "".join(f"{text}\n\n" for text, _, _ in ROWS)
    write_mini_project(root, {**PAGES, MATRIX: page, EMPTY: ""}, CATALOGS)
    for lang in TARGETS:
        _matrix_catalog(root, lang)
    # The project's palette and its hook, as the mini project's mkdocs.yml has them.
    assert _palette(root / "mkdocs.yml") == _palette(REPO / "mkdocs.yml")
    assert "  - hooks/palette.py\n" in (root / "mkdocs.yml").read_text(encoding="utf-8")
    # Not --strict: the unsafe row is withheld with a warning, as it must be.
    built = build(root, strict=False)
    assert built.returncode == 0, built.log
    return built


@pytest.fixture(scope="module")
def status(built: Built) -> dict[str, Any]:
    """What the real command says."""
    done = subprocess.run(
        [sys.executable, "-m", "diptych.cli", "status", "--json"],
        cwd=built.root,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, Any] = json.loads(done.stdout)
    return result


@pytest.fixture(scope="module")
def served(built: Built) -> Iterator[str]:
    yield from serve(built.site)


def dashboard_url(lang: str) -> str:
    return "dashboard/" if lang == "ru" else f"{lang}/dashboard/"


def _counts(cells: list[Element]) -> dict[str, int]:
    return {td.attrs["data-state"]: int(td.attrs["data-count"]) for td in cells}


def _state_cells(row: Element) -> list[Element]:
    return [td for td in find_all(row, "td") if "data-state" in td.attrs]


def _sections(built: Built, lang: str) -> dict[str, Element]:
    root = parse(built.page(dashboard_url(lang)))
    return {s.attrs["data-lang"]: s for s in find_all(root, "section", cls="dp-dash")}


# -- the numbers ---------------------------------------------------------------------------


def test_the_project_is_in_every_state(status: dict[str, Any]) -> None:
    """The fixture is what the other tests need: every state on the matrix page, in both
    languages (and the mini site's pages besides)."""
    for lang in TARGETS:
        counts = status["languages"][lang]["pages"][MATRIX]
        assert counts == {
            "missing": 2,
            "machine": 1,
            "edited": 1,
            "reviewed": 1,
            "stale": 2,
            "withheld": 2,
            "copied": 0,
        }
    assert set(status["languages"]["en"]["pages"]) == {*PAGES, MATRIX}


def _shown(counts: dict[str, int], language: dict[str, Any]) -> dict[str, int]:
    """A page's counts as a language's table shows them: ``copied`` only where the
    language has a copied unit (site.listing.shown_states)."""
    return {s: n for s, n in counts.items() if s != "copied" or language["total"]["copied"]}


@pytest.mark.parametrize("lang", LANGS)
def test_numbers_equal_status_json(built: Built, status: dict[str, Any], lang: str) -> None:
    """Per language and page, each state's count (and the units, their sum) is what
    ``diptych status --json`` says; so are the totals row and the figures by the bar."""
    sections = _sections(built, lang)
    assert sorted(sections) == sorted(status["languages"])
    for code, section in sections.items():
        language = status["languages"][code]
        expected = {
            "pages": {page: _shown(n, language) for page, n in language["pages"].items()},
            "total": _shown(language["total"], language),
        }
        pages = {
            row.attrs["data-page"]: _counts(_state_cells(row))
            for row in find_all(find_all(section, "tbody")[0], "tr")
        }
        assert pages == expected["pages"]
        for row in find_all(find_all(section, "tbody")[0], "tr"):
            shown = [td.children[0].all_text() for td in _state_cells(row)]
            assert shown == [str(expected["pages"][row.attrs["data-page"]][s]) for s in STATES]
            units = find_all(row, "td", cls="dp-cell--total")[0]
            assert units.all_text() == str(sum(expected["pages"][row.attrs["data-page"]].values()))
        totals = _state_cells(find_all(section, "tfoot")[0])
        assert _counts(totals) == expected["total"]
        figures = find_all(section, "li", cls="dp-figure")
        assert {li.attrs["data-state"]: int(li.attrs["data-count"]) for li in figures} == (
            expected["total"]
        )


def test_shares_in_words(built: Built) -> None:
    """The matrix page (9 units) in English and Russian: each state's share beside its
    count, as each language writes a percentage; a state with none shows its 0 alone."""
    en = find_all(_sections(built, "en")["en"], "tr", data_page=MATRIX)[0]
    shares = {
        td.attrs["data-state"]: [c.all_text() for c in td.children] for td in _state_cells(en)
    }
    assert shares == {
        "reviewed": ["1", "11%"],
        "edited": ["1", "11%"],
        "machine": ["1", "11%"],
        "stale": ["2", "22%"],
        "withheld": ["2", "22%"],
        "missing": ["2", "22%"],
    }
    ru = find_all(_sections(built, "ru")["ar"], "tr", data_page=MATRIX)[0]
    assert [td.children[1].all_text() for td in _state_cells(ru)] == ["11\xa0%"] * 3 + [
        "22\xa0%"
    ] * 3
    edited = find_all(_sections(built, "en")["en"], "tr", data_page=FIRST)[0]
    assert [c.all_text() for c in _state_cells(edited)[1].children] == ["0"]
    # The figures by the bar, for the whole language: words, share, count.
    figures = find_all(_sections(built, "en")["ar"], "li", cls="dp-figure")
    assert [" ".join(li.all_text().split()) for li in figures] == [
        "Reviewed 6% (2)",
        "Edited 3% (1)",
        "Machine 3% (1)",
        "Stale 6% (2)",
        "Withheld 6% (2)",
        "Missing 74% (23)",
    ]
    bar = find_all(en, "span", cls="dp-bar")[0]
    assert bar.attrs["aria-hidden"] == "true"
    assert [part.attrs["style"] for part in bar.children] == [
        "flex-grow: 1",
        "flex-grow: 1",
        "flex-grow: 1",
        "flex-grow: 2",
        "flex-grow: 2",
        "flex-grow: 2",
    ]


def test_share_rounds_but_never_hides_a_state() -> None:
    assert [share(n, 1000) for n in (0, 1, 4, 5, 994, 995, 999, 1000)] == [
        0,
        1,
        1,
        1,
        99,
        99,
        99,
        100,
    ]
    assert [share(n, 8) for n in (1, 3, 4)] == [13, 38, 50]  # half up
    assert share(0, 0) == 0


@pytest.mark.parametrize("lang", LANGS)
def test_pages_link_to_their_side_by_side_view(built: Built, lang: str) -> None:
    """Every row of a language's table opens that page's side-by-side view in that
    language: a page the build wrote."""
    for code, section in _sections(built, lang).items():
        for row in find_all(find_all(section, "tbody")[0], "tr"):
            link = find_all(row, "a")[0]
            assert link.attrs["hreflang"] == code
            target = posixpath.normpath(posixpath.join(dashboard_url(lang), link.attrs["href"]))
            rel = row.attrs["data-page"]
            stem = rel.removesuffix(".md").removesuffix("index").rstrip("/")
            assert unquote(target) == posixpath.normpath(f"{code}/side-by-side/{stem}")
            assert (built.site / unquote(target) / "index.html").is_file()


def test_a_real_table(built: Built) -> None:
    """Column headings are cells of their own, in the reader's language; every page row is
    headed by its title; the totals are a footer row."""
    for lang, words in (
        ("en", ["Page", "Reviewed", "Edited", "Machine", "Stale", "Withheld", "Missing", "Units"]),
        ("ar", ["الصفحة", "تمت مراجعتها", "معدَّلة", "آلية", "قديمة", "محجوبة", "ناقصة", "المقاطع"]),
    ):
        section = _sections(built, lang)["en"]
        table = find_all(section, "table")[0]
        heads = find_all(find_all(table, "thead")[0], "th")
        assert [th.all_text() for th in heads] == words
        assert {th.attrs["scope"] for th in heads} == {"col"}
        for row in find_all(table, "tr")[1:]:
            assert row.children[0].tag == "th" and row.children[0].attrs["scope"] == "row"
        assert table.attrs["aria-labelledby"] == find_all(section, "h2")[0].attrs["id"]
    footer = find_all(find_all(_sections(built, "en")["en"], "tfoot")[0], "th")[0]
    assert footer.all_text() == "All pages"


def test_the_dashboards_are_valid_html(built: Built) -> None:
    pages = [str(built.site / dashboard_url(lang) / "index.html") for lang in LANGS]
    messages = vnu(pages)
    assert messages == [], describe(messages)


def test_the_toggle_is_named_in_the_readers_language(built: Built) -> None:
    for lang in LANGS:
        root = parse(built.page(dashboard_url(lang)))
        form = find_all(root, "form", data_md_component="palette")[0]
        inputs = find_all(form, "input")
        assert [i.attrs["aria-label"] for i in inputs] == TOGGLE_NAMES[lang]
        assert [i.attrs["data-md-color-media"] for i in inputs] == [
            "(prefers-color-scheme: light)",
            "(prefers-color-scheme: dark)",
        ]
        assert [label.attrs["title"] for label in find_all(form, "label")] == TOGGLE_NAMES[lang]


# -- in Chromium ---------------------------------------------------------------------------

# The WCAG contrast of two CSS colours, and the colour an element is painted on.
CONTRAST_JS = """
const rgb = c => c.match(/[\\d.]+/g).map(Number);
const lum = c => {
  const [r, g, b] = rgb(c).slice(0, 3).map(v => {
    v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};
const ground = el => {
  for (let node = el; node; node = node.parentElement) {
    const c = getComputedStyle(node).backgroundColor;
    if (rgb(c).length < 4 || rgb(c)[3] === 1) return c;
  }
  return getComputedStyle(document.documentElement).backgroundColor;
};
const contrast = (a, b) => {
  const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
};
"""


def _open(page: Any, base: str, url: str) -> Any:
    response = page.goto(base + quote(url))
    assert response is not None and response.status == 200, url
    page.wait_for_load_state("load")
    return page


def _page(browser: Any, width: int, scheme: str, script: bool = True) -> tuple[Any, Any]:
    context = browser.new_context(
        viewport={"width": width, "height": 900}, color_scheme=scheme, java_script_enabled=script
    )
    page = context.new_page()
    page.foreign, page.errors = [], []

    def route(route: Any) -> None:
        if route.request.url.startswith(("http://127.0.0.1", "data:", "blob:")):
            route.continue_()
        else:
            page.foreign.append(route.request.url)
            route.abort()

    page.route("**/*", route)
    page.on("console", lambda m: m.type == "error" and page.errors.append(m.text))
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    return context, page


def _no_page_overflow(page: Any) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], width


def _heading_gaps(page: Any) -> list[float]:
    """Between each two neighbouring column headings of the first table: the room
    between their words (px), in reading order (an Arabic table reads right to left)."""
    gaps: list[float] = page.eval_on_selector(
        "table.dp-dashboard thead tr",
        """row => {
            const rtl = getComputedStyle(row).direction === 'rtl';
            const boxes = [...row.children].map(th => {
                const range = document.createRange(); range.selectNodeContents(th);
                return range.getBoundingClientRect();
            });
            return boxes.slice(1).map((box, i) => rtl
                ? boxes[i].left - box.right : box.left - boxes[i].right);
        }""",
    )
    return gaps


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1400, 390])
@pytest.mark.parametrize("lang", ["en", "ar"])
def test_dashboard_in_chromium(
    browser: Any, served: str, lang: str, width: int, scheme: str
) -> None:
    """The page never scrolls sideways (at 390 px the table scrolls inside it), column
    headings keep at least 8 px between their words, the bar starts at the inline start
    (the right in Arabic), and axe finds no serious violation, colour contrast included."""
    context, page = _page(browser, width, scheme)
    try:
        _open(page, served, dashboard_url(lang))
        expected = "slate" if scheme == "dark" else "default"
        assert page.evaluate("document.body.dataset.mdColorScheme") == expected
        _no_page_overflow(page)
        assert min(_heading_gaps(page)) >= 8
        ends = page.eval_on_selector(
            ".dp-progress .dp-bar",
            """bar => { const b = bar.getBoundingClientRect();
                const p = bar.firstElementChild.getBoundingClientRect();
                return [b.left, b.right, p.left, p.right]; }""",
        )
        start = ends[1] - ends[3] if lang == "ar" else ends[2] - ends[0]
        assert start <= 1.5, ends  # the reviewed part first, at the inline start
        table = page.eval_on_selector(".dp-dash__scroll", "el => [el.scrollWidth, el.clientWidth]")
        if width == 1400:
            assert table[0] <= table[1], table  # the whole table in view
        found = [(v["id"], [n["target"] for n in v["nodes"]]) for v in axe(page)]
        assert found == [], json.dumps(found)
        assert page.errors == [] and page.foreign == []
    finally:
        context.close()


@pytest.mark.parametrize("lang", ["ru", "en", "de", "zh", "ar"])
def test_the_projects_dashboard_fits_at_1400(browser: Any, repo_served: str, lang: str) -> None:
    """The project's own dashboard, with its real headings (German ones are long): at
    1400 px every table fits the page without scrolling, its headings apart."""
    context, page = _page(browser, 1400, "light")
    try:
        _open(page, repo_served, dashboard_url(lang))
        widths = page.eval_on_selector_all(
            ".dp-dash__scroll", "els => els.map(el => el.scrollWidth - el.clientWidth)"
        )
        assert widths and set(widths) == {0}, widths
        assert min(_heading_gaps(page)) >= 8
    finally:
        context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(
    ("url_path", "width"),
    [
        pytest.param("en/side-by-side/" + MATRIX_URL, 1400, id="pair-en-1400"),
        pytest.param("en/side-by-side/" + MATRIX_URL, 390, id="pair-en-390"),
        pytest.param("ar/side-by-side/" + FIRST.removesuffix(".md") + "/", 1400, id="pair-ar-1400"),
        pytest.param("en/" + MATRIX_URL, 1400, id="reading-en-1400"),
        pytest.param("en/" + MATRIX_URL, 390, id="reading-en-390"),
    ],
)
def test_schemes_are_legible(
    browser: Any, served: str, url_path: str, width: int, scheme: str
) -> None:
    """The side-by-side view (state badges, fallback, the stale change block, highlight)
    and a reading page with machine and stale marks and the banner, in the scheme the
    reader's system asks for: axe finds no serious violation (colour contrast included),
    and the marks, which axe does not measure, stand out from the page at 3:1 or more."""
    context, page = _page(browser, width, scheme)
    try:
        _open(page, served, url_path)
        expected = "slate" if scheme == "dark" else "default"
        assert page.evaluate("document.body.dataset.mdColorScheme") == expected
        if "side-by-side" in url_path:
            page.locator(".dp-row:not(.dp-row--head) .dp-tgt").first.hover()
        marks = page.eval_on_selector_all(
            ".md-content .dp-mark",
            "(marks) => {"
            + CONTRAST_JS
            + """
                return marks.map(m => contrast(getComputedStyle(m).borderTopColor, ground(m)));
            }""",
        )
        if url_path == "en/" + MATRIX_URL:
            shown = page.eval_on_selector_all(
                "article > p > .dp-mark", "ms => ms.map(m => m.className)"
            )
            assert shown == ["dp-mark dp-mark--machine", "dp-mark dp-mark--stale"]
            assert len(marks) == 4  # and their samples in the banner's legend
        assert all(ratio >= 3 for ratio in marks), marks
        found = [(v["id"], [n["target"] for n in v["nodes"]]) for v in axe(page)]
        assert found == [], json.dumps(found)
        _no_page_overflow(page)
        assert page.errors == [] and page.foreign == []
    finally:
        context.close()


def test_the_toggle_switches_and_without_a_script_the_page_reads_light(
    browser: Any, served: str
) -> None:
    """Dark by the system, light by the toggle; with no script, Material cannot apply the
    dark scheme: the page reads in the light one, its text dark on light."""
    context, page = _page(browser, 1400, "dark")
    try:
        _open(page, served, "en/" + MATRIX_URL)
        assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
        page.locator('label[for="__palette_0"]').click()
        assert page.evaluate("document.body.dataset.mdColorScheme") == "default"
        assert page.errors == [] and page.foreign == []
    finally:
        context.close()
    context, page = _page(browser, 1400, "dark", script=False)
    try:
        _open(page, served, "en/" + MATRIX_URL)
        assert page.evaluate("document.body.dataset.mdColorScheme") == "default"
        ratio = page.eval_on_selector(
            "article p",
            "(p) => {" + CONTRAST_JS + "return contrast(getComputedStyle(p).color, ground(p)); }",
        )
        assert ratio >= 7, ratio
    finally:
        context.close()
