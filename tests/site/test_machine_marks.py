"""Machine output is marked on the reading page itself: each machine or stale passage
starts with the site's mark (a ring or square drawn with borders, named for screen readers)
and has a thin line on its inline-start side; the banner explains the marks. Built with the
real MkDocs, judged by the real judge, looked at in Debian's Chromium at desktop and phone
widths, in Arabic and in print. A catalog cannot forge a mark, hide one, or escape one.
"""

from __future__ import annotations

import base64
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import polib
import pytest

from diptych import catalog
from diptych.catalog import State
from diptych.inventory import Inventory
from diptych.judge import MARK, Judge, body
from diptych.languages import LANGUAGES
from diptych.page_catalog import machine_mark, marked_markup
from diptych.renderer import Renderer
from diptych.segment import segment
from diptych.site.views import build_view
from tests.support.catalogs import write_catalog
from tests.support.html import element_with_text, find_all, parse
from tests.support.pages import PAGES
from tests.support.project import write_mini_project, write_pages
from tests.support.site import Built, build, serve

PAGE = "marks.md"
URL = "marks/"
SOURCE = """\
---
title: Отметки
---

# Отметки машинного перевода

Проверенный абзац о мире.

Машинный абзац о погоде.

Устаревший абзац о море.

Исправленный абзац о реках.

Пропущенный абзац о горах.

Абзац с поддельной отметкой.

Абзац с подменой для экранного диктора.

Абзац, закрывающий отметку.

## Машинный подзаголовок

| Столбец | Значение |
| --- | --- |
| Ячейка | Машинная ячейка |

- Машинный пункт списка
"""
FORGED = (
    '<span class="dp-mark dp-mark--machine" role="img" aria-label="machine translation">'
    "</span>A paragraph with a forged mark."
)
SMUGGLED = '<span role="img" aria-label="A reviewed paragraph.">A machine paragraph.</span>'
# Per language: source unit -> (translation, state). "edited": a person changed the
# engine's text and left it fuzzy.
ROWS: dict[str, dict[str, tuple[str, str]]] = {
    "en": {
        "Отметки": ("Marks", "machine"),
        "Отметки машинного перевода": ("Marks of machine translation", "reviewed"),
        "Проверенный абзац о мире.": ("A reviewed paragraph about peace.", "reviewed"),
        "Машинный абзац о погоде.": ("A machine paragraph about the weather.", "machine"),
        "Устаревший абзац о море.": ("A stale paragraph about the sea.", "stale"),
        "Исправленный абзац о реках.": ("An edited paragraph about rivers.", "edited"),
        "Абзац с поддельной отметкой.": (FORGED, "reviewed"),
        "Абзац с подменой для экранного диктора.": (SMUGGLED, "machine"),
        "Абзац, закрывающий отметку.": ("Closes</span> the mark, or tries to.", "machine"),
        "Машинный подзаголовок": ("A machine subheading", "machine"),
        "Машинная ячейка": ("A machine cell", "machine"),
        "Машинный пункт списка": ("A machine list item", "machine"),
    },
    "ar": {
        "Отметки": ("علامات", "machine"),
        "Отметки машинного перевода": ("علامات الترجمة الآلية", "reviewed"),
        "Проверенный абзац о мире.": ("فقرة مراجعة عن السلام.", "reviewed"),
        "Машинный абзац о погоде.": ("فقرة آلية عن الطقس.", "machine"),
        "Устаревший абзац о море.": ("فقرة قديمة عن البحر.", "stale"),
    },
}
EN = ROWS["en"]
MACHINE_TEXT = EN["Машинный абзац о погоде."][0]
STALE_TEXT = EN["Устаревший абзац о море."][0]
REVIEWED_TEXT = EN["Проверенный абзац о мире."][0]
EDITED_TEXT = EN["Исправленный абзац о реках."][0]
AR_MACHINE = ROWS["ar"]["Машинный абзац о погоде."][0]
AR_STALE = ROWS["ar"]["Устаревший абзац о море."][0]
AR_REVIEWED = ROWS["ar"]["Проверенный абзац о мире."][0]


def _catalog(root: Path, lang: str, rows: dict[str, tuple[str, str]]) -> None:
    """The catalog of ``lang``, written as Diptych and a person would."""
    entries = {unit: (text, state, "Старый абзац о море.") for unit, (text, state) in rows.items()}
    write_catalog(root, lang, PAGE, entries)


@pytest.fixture(scope="module")
def marked(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The mini site with the page of marks, built as CI builds it (not strict: the two
    hostile translations are withheld with a warning, which is the point)."""
    root = write_mini_project(
        tmp_path_factory.mktemp("marks") / "сайт", {**PAGES, PAGE: SOURCE}, {}
    )
    for lang, rows in ROWS.items():
        _catalog(root, lang, rows)
    built = build(root, strict=False)
    assert built.returncode == 0, built.log
    return built


@pytest.fixture(scope="module")
def marked_served(marked: Built) -> Iterator[str]:
    yield from serve(marked.site)


def _article(html: str) -> Any:
    return find_all(parse(html), "article")[0]


def _marks(root: Any) -> list[Any]:
    """The marks in the text (the legend's samples are hidden from screen readers)."""
    return [m for m in find_all(root, "span", cls="dp-mark") if m.attrs.get("role") == "img"]


# -- the built HTML ---------------------------------------------------------------------


def test_machine_and_stale_units_are_marked_and_nothing_else(marked: Built) -> None:
    article = _article(marked.page("en/" + URL))
    marks = _marks(article)
    # Every mark starts the block of a machine or stale unit: paragraph, heading, cell,
    # list item; the label says which.
    found = [(m.parent.tag, m.parent.all_text().strip(), m.attrs["aria-label"]) for m in marks]
    assert found == [
        ("p", MACHINE_TEXT, "machine translation"),
        ("p", STALE_TEXT, "machine translation; the original changed after review"),
        ("p", "Closes the mark, or tries to.", "machine translation"),
        ("h2", "A machine subheading¶", "machine translation"),
        ("td", "A machine cell", "machine translation"),
        ("li", "A machine list item", "machine translation"),
    ]
    for mark in marks:
        assert mark.parent.content[0] is mark  # first in its block
        assert mark.children == [] and mark.all_text() == ""  # names, holds no text
        assert mark.classes() in (["dp-mark", "dp-mark--machine"], ["dp-mark", "dp-mark--stale"])
    # A person's words (reviewed, edited) and Russian are never marked.
    for text in (REVIEWED_TEXT, EDITED_TEXT, "Пропущенный абзац о горах."):
        block = element_with_text(article, text)
        assert not find_all(block, "span", cls="dp-mark"), text


def test_the_mark_changes_no_heading_anchor_or_contents_entry(marked: Built) -> None:
    """The mark holds no text, so the heading's id and its entry in the table of contents
    are the translation's words alone."""
    root = parse(marked.page("en/" + URL))
    heading = find_all(root, "h2", id="a-machine-subheading")
    assert heading and _marks(heading[0])
    toc = [a.all_text().strip() for a in find_all(root, "a", cls="md-nav__link")]
    assert "A machine subheading" in toc


def test_the_banner_explains_the_marks_the_page_shows(marked: Built) -> None:
    banner = find_all(parse(marked.page("en/" + URL)), "aside", cls="dp-banner")[0]
    legend = find_all(banner, "p", cls="dp-legend")[0]
    items = find_all(legend, "span", cls="dp-legend__item")
    assert [i.all_text() for i in items] == [
        "machine translation",
        "machine translation; the original changed after review",
    ]
    samples = find_all(legend, "span", cls="dp-mark")
    assert [s.attrs.get("aria-hidden") for s in samples] == ["true", "true"]
    assert [s.classes()[1] for s in samples] == ["dp-mark--machine", "dp-mark--stale"]
    # A page without marks has no legend (its banner counts units shown in Russian), nor
    # does the side-by-side view (each row says its state).
    assert not find_all(parse(marked.page("en/")), "p", cls="dp-legend")
    assert not find_all(parse(marked.page("en/side-by-side/" + URL)), "p", cls="dp-legend")


def test_arabic_marks_are_labelled_in_arabic(marked: Built) -> None:
    root = parse(marked.page("ar/" + URL))
    assert find_all(root, "body")[0].attrs["dir"] == "rtl"
    labels = [m.attrs["aria-label"] for m in _marks(_article(marked.page("ar/" + URL)))]
    assert labels == ["ترجمة آلية", "ترجمة آلية؛ تغيّر الأصل بعد المراجعة"]


def test_a_translation_cannot_forge_or_smuggle_a_mark(marked: Built) -> None:
    """A reviewed translation dressed as machine output, and a machine one that tells
    screen readers other words (role="img" names replace the text they hold), would add
    what only the site may put on a page: both are withheld, the Russian unit shown, the
    build warns (so --strict fails)."""
    article = _article(marked.page("en/" + URL))
    for source in ("Абзац с поддельной отметкой.", "Абзац с подменой для экранного диктора."):
        block = element_with_text(article, source)
        assert block.inherited("lang") == "ru", source
        assert not find_all(block.parent or block, "span", cls="dp-mark")
    html = marked.page("en/" + URL)
    assert "forged mark" not in html and 'aria-label="A reviewed paragraph."' not in html
    assert "the attribute aria-label= on <span>" in marked.log
    assert 'the class "dp-mark" on <span>' in marked.log


def test_a_translation_cannot_close_its_mark(marked: Built) -> None:
    """The mark wraps nothing: a stray </span> in machine text ends nothing, and the whole
    passage stays in the marked block."""
    block = element_with_text(_article(marked.page("en/" + URL)), "the mark, or tries to.")
    assert block.tag == "p"
    assert _marks(block) and block.all_text() == "Closes the mark, or tries to."


# -- the one renderer: the judge renders the marks the site publishes -------------------


def test_the_judge_knows_every_mark_the_site_writes() -> None:
    renderer = Renderer([], {})
    page = segment("Абзац.\n\n## Заголовок\n\n| А |\n| - |\n| Б |\n")
    plain = MARK | Inventory.of(renderer.html("Text"))
    for unit in page.units:
        for lang in ("en", "ar", "zh"):
            for mark in ("machine", "stale"):
                html = renderer.html(marked_markup(unit, "Text", mark, LANGUAGES[lang]))
                assert f'<span class="dp-mark dp-mark--{mark}" role="img"' in html
                assert not plain.gains(Inventory.of(html)), (unit, lang, mark)


def test_the_judge_renders_candidates_as_the_site_presents_them() -> None:
    """Marks belong to the page, never to a translation: the page may hold them, a
    translation judged on its own may not, and what ``present`` adds is judged."""
    judge = Judge(Renderer([], {}))
    page = segment("Первый абзац.\n\nВторой абзац.\n")
    texts = {"Первый абзац.": "First.", "Второй абзац.": "Second."}

    def mark(unit: Any, text: str) -> str:
        return marked_markup(unit, text, "machine", LANGUAGES["en"])

    verdict = judge.page(page, texts, present=mark)
    assert verdict.refused == {}
    assert not verdict.allowed.gains(MARK)  # the sanitizer keeps the marks
    forged = {
        **texts,
        "Второй абзац.": marked_markup(page.units[1], "S.", "machine", LANGUAGES["en"]),
    }
    assert "Второй абзац." in judge.page(page, forged, present=mark).refused
    bold = judge.page(page, texts, present=lambda unit, text: f"<b>{text}</b>")
    assert set(bold.refused) == set(texts)


def test_the_judge_rendered_the_page_the_site_publishes(tmp_path: Path) -> None:
    """The Markdown a reading page is made of, marks included, is the Markdown the judge
    rendered when it passed the page's translations (not the page without marks)."""
    write_pages(tmp_path, {PAGE: SOURCE})
    _catalog(tmp_path, "en", EN)
    judge = Judge(Renderer(["tables", "toc"], {}))
    path = tmp_path / "translations" / "en" / "marks.po"
    view = build_view(
        PAGE,
        path,
        "translations/en/marks.po",
        LANGUAGES["en"],
        LANGUAGES["ru"],
        judge,
        segment(SOURCE),
    )
    published = view.markdown()
    assert published.count('class="dp-mark dp-mark--') == 6
    assert body(published) in judge._inventories


@pytest.mark.parametrize(
    ("situation", "state", "expected"),
    [
        ("machine", State.MACHINE, "machine"),
        ("stale", State.STALE, "stale"),
        ("pseudo", State.MISSING, "machine"),  # shown only in a layout preview
        ("edited", State.EDITED, None),  # a person's words, not yet reviewed
        ("reviewed", State.REVIEWED, None),
    ],
)
def test_which_states_are_machine_output(
    situation: str, state: State, expected: str | None
) -> None:
    entry = polib.POEntry(msgid="Абзац.", msgstr="")
    if situation == "reviewed":
        entry.msgstr = "Text."
    else:
        engine = "pseudo ru→en (pseudo-localisation)" if situation == "pseudo" else "test engine"
        catalog.set_machine(entry, "Text.", engine)
    if situation == "edited":
        entry.msgstr = "A person's text."
    if situation == "stale":
        entry.previous_msgid = "Старый абзац."
    assert catalog.state_of(entry) is state
    assert machine_mark(state, entry) == expected


# -- in Chromium ------------------------------------------------------------------------


def _open(page: Any, base: str, url: str) -> Any:
    response = page.goto(base + quote(url))
    assert response is not None and response.status == 200, url
    page.wait_for_load_state("load")
    return page


def _box(locator: Any) -> dict[str, float]:
    box: dict[str, float] = locator.evaluate(
        "el => { const r = el.getBoundingClientRect();"
        " return {x: r.x, y: r.y, right: r.right, bottom: r.bottom,"
        " width: r.width, height: r.height}; }"
    )
    return box


def _style(locator: Any, *names: str) -> list[str]:
    values: list[str] = locator.evaluate(
        "(el, names) => names.map(n => getComputedStyle(el).getPropertyValue(n))", list(names)
    )
    return values


def _ink(page: Any, clip: dict[str, float]) -> int:
    """Pixels of a screenshot region that are not (nearly) white: what was painted there."""
    png = page.screenshot(clip=clip, full_page=True)
    data = base64.b64encode(png).decode()
    count: int = page.evaluate(
        """async data => {
            const img = new Image();
            img.src = 'data:image/png;base64,' + data;
            await img.decode();
            const canvas = document.createElement('canvas');
            canvas.width = img.width; canvas.height = img.height;
            const ctx = canvas.getContext('2d');
            ctx.drawImage(img, 0, 0);
            const px = ctx.getImageData(0, 0, img.width, img.height).data;
            let n = 0;
            for (let i = 0; i < px.length; i += 4)
                if (px[i] + px[i + 1] + px[i + 2] < 600) n++;
            return n;
        }""",
        data,
    )
    return count


def _scroll_box(page: Any, locator: Any) -> dict[str, float]:
    """The element's box in page coordinates (for a full-page screenshot clip)."""
    box = _box(locator)
    scroll = page.evaluate("[window.scrollX, window.scrollY]")
    return {**box, "x": box["x"] + scroll[0], "y": box["y"] + scroll[1]}


def _passage(page: Any, text: str) -> Any:
    return page.locator("article p", has_text=text)


def _assert_marked(page: Any, text: str, line: str, *, rtl: bool, width: int) -> None:
    """The passage has its mark at its inline start and a line on that side, both painted
    and on the screen."""
    passage = _passage(page, text)
    mark = passage.locator(":scope > .dp-mark")
    assert mark.count() == 1 and mark.is_visible(), text
    m, p = _scroll_box(page, mark), _scroll_box(page, passage)
    assert m["width"] >= 5 and m["height"] >= 5, (text, m)
    assert m["x"] >= 0 and m["x"] + m["width"] <= width, (text, m)
    if rtl:  # at the right, where an Arabic line starts
        assert m["x"] > p["x"] + p["width"] / 2, (text, m, p)
    else:
        assert m["x"] < p["x"] + p["width"] / 2, (text, m, p)
    start, end = ("right", "left") if rtl else ("left", "right")
    assert _style(passage, f"border-{start}-style", f"border-{end}-style") == [line, "none"]
    assert _ink(page, {k: m[k] for k in ("x", "y", "width", "height")}) >= 6, text
    edge = p["x"] + p["width"] - 2 if rtl else p["x"]
    strip = {"x": edge, "y": p["y"], "width": 2, "height": p["height"]}
    assert _ink(page, strip) >= p["height"] / 4, (text, "no line on the inline-start side")


def _assert_unmarked(page: Any, text: str) -> None:
    passage = _passage(page, text)
    assert passage.locator(".dp-mark").count() == 0
    assert _style(passage, "border-left-style", "border-right-style") == ["none", "none"]


@pytest.mark.parametrize("width", [1400, 390])
def test_marks_are_visible_at_desktop_and_phone_widths(
    page_factory: Any, marked_served: str, width: int
) -> None:
    page = _open(page_factory(width, 900), marked_served, "en/" + URL)
    _assert_marked(page, MACHINE_TEXT, "dotted", rtl=False, width=width)
    _assert_marked(page, STALE_TEXT, "dashed", rtl=False, width=width)
    _assert_unmarked(page, REVIEWED_TEXT)
    _assert_unmarked(page, EDITED_TEXT)
    for where in ("article h2", "article td", "article li"):
        assert page.locator(f"{where} > .dp-mark").is_visible(), where
    legend = page.locator(".dp-banner .dp-legend")
    assert legend.is_visible()
    assert _box(legend)["right"] <= width
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert page.errors == [] and page.foreign == []


@pytest.mark.parametrize("width", [1400, 390])
def test_marks_mirror_in_arabic(page_factory: Any, marked_served: str, width: int) -> None:
    """On an Arabic page the mark and the line sit at the right, where its lines start."""
    page = _open(page_factory(width, 900), marked_served, "ar/" + URL)
    assert page.locator("body").get_attribute("dir") == "rtl"
    _assert_marked(page, AR_MACHINE, "dotted", rtl=True, width=width)
    _assert_marked(page, AR_STALE, "dashed", rtl=True, width=width)
    _assert_unmarked(page, AR_REVIEWED)
    assert page.get_by_role("img", name="ترجمة آلية", exact=True).count() == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert page.errors == [] and page.foreign == []


@pytest.mark.parametrize(
    ("lang", "machine", "stale", "reviewed"),
    [
        ("en", MACHINE_TEXT, STALE_TEXT, REVIEWED_TEXT),
        ("ar", AR_MACHINE, AR_STALE, AR_REVIEWED),
    ],
    ids=["en", "ar"],
)
def test_marks_print(
    page_factory: Any, marked_served: str, lang: str, machine: str, stale: str, reviewed: str
) -> None:
    """With the print stylesheet (colour printing off or on: the marks are borders, told
    apart by shape and line), the marks and the legend are still there."""
    page = _open(page_factory(800, 1100), marked_served, f"{lang}/" + URL)
    page.emulate_media(media="print")
    assert page.evaluate("matchMedia('print').matches")
    rtl = lang == "ar"
    _assert_marked(page, machine, "dotted", rtl=rtl, width=800)
    _assert_marked(page, stale, "dashed", rtl=rtl, width=800)
    _assert_unmarked(page, reviewed)
    assert page.locator(".dp-banner .dp-legend").is_visible()
    assert page.pdf(format="A4")[:5] == b"%PDF-"  # the page prints at all


def test_screen_readers_hear_each_mark_once(page_factory: Any, marked_served: str) -> None:
    """In the accessibility tree each marked passage starts with its mark's name; the
    legend's samples are not announced (its words are)."""
    page = _open(page_factory(), marked_served, "en/" + URL)
    snapshot = _passage(page, MACHINE_TEXT).aria_snapshot()
    assert snapshot.splitlines()[:2] == [
        "- paragraph:",
        '  - img "machine translation"',
    ], snapshot
    stale = _passage(page, STALE_TEXT).aria_snapshot()
    assert 'img "machine translation; the original changed after review"' in stale
    heading = page.get_by_role("heading", name="machine translation A machine subheading")
    assert heading.count() == 1
    machine = page.get_by_role("img", name="machine translation", exact=True)
    assert machine.count() == 5  # paragraph x2 (one closes nothing), heading, cell, item
    legend = page.locator(".dp-legend").aria_snapshot()
    assert "img" not in legend and "machine translation" in legend
    assert page.errors == [] and page.foreign == []
