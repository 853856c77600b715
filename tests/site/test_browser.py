"""The site in a real browser (Debian's Chromium driven by Playwright), served from a mini
site built under tmp_path: switcher, side-by-side layout at desktop and phone widths, the
toggle, highlighting, Arabic mirroring, reading without JavaScript. Every page visited
must log no console error and ask no host but 127.0.0.1."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import pytest

FIRST = "statements/2023-03-01-первое-заявление/"
SECOND = "statements/2023-05-09-второе-заявление/"
HIGHLIGHT = "rgba(255, 213, 79, 0.28)"
NONE = "rgba(0, 0, 0, 0)"

# A unit whose translation is much longer than its original, and one the other way round:
# the rows below them must still start level.
STATEMENT = "statements/2022-01-08-zayavlenie-mid/"


def nth_row(n: int) -> str:
    """The n-th pair of a side-by-side page (rows are named by their unit, not numbered)."""
    return f".dp-pairs > .dp-row:nth-child({n + 1})"


def open_page(page: Any, base: str, url: str) -> Any:
    response = page.goto(base + quote(url))
    assert response is not None and response.status == 200, url
    page.wait_for_load_state("load")
    return page


def clean(page: Any) -> None:
    assert page.errors == [], page.errors
    assert page.foreign == [], page.foreign


def boxes(page: Any) -> list[dict[str, dict[str, float]]]:
    """Per unit row: the boxes of its original and translation cells."""
    result: list[dict[str, dict[str, float]]] = page.eval_on_selector_all(
        ".dp-row:not(.dp-row--head)",
        """rows => rows.map(row => {
            const box = el => { const r = el.getBoundingClientRect();
                return {x: r.x, y: r.y, right: r.right, bottom: r.bottom, height: r.height}; };
            return {row: box(row), src: box(row.querySelector('.dp-src')),
                    tgt: box(row.querySelector('.dp-tgt'))};
        })""",
    )
    assert result
    return result


def background(page: Any, selector: str) -> str:
    value: str = page.eval_on_selector(selector, "el => getComputedStyle(el).backgroundColor")
    return value


def test_language_switcher_keeps_the_page(page_factory: Any, mini_served: str) -> None:
    page = open_page(page_factory(), mini_served, "en/" + FIRST)
    assert page.locator("h1").first.inner_text() == "First statement"
    page.locator(".md-header .md-select > button").hover()
    page.locator('.md-select__link[hreflang="ar"]').click()
    page.wait_for_load_state("load")
    assert page.url == mini_served + quote("ar/" + FIRST)
    assert page.locator("html").get_attribute("lang") == "ar"
    page.locator(".md-header .md-select > button").hover()
    page.locator('.md-select__link[hreflang="ru"]').click()
    page.wait_for_load_state("load")
    assert page.url == mini_served + quote(FIRST)
    assert page.locator("h1").first.inner_text() == "Первое заявление"
    clean(page)


def test_language_switcher_keeps_the_side_by_side_view(page_factory: Any, mini_served: str) -> None:
    page = open_page(page_factory(), mini_served, "en/side-by-side/" + FIRST)
    page.locator(".md-header .md-select > button").hover()
    page.locator('.md-select__link[hreflang="ar"]').click()
    page.wait_for_load_state("load")
    assert page.url == mini_served + quote("ar/side-by-side/" + FIRST)
    assert page.locator(f"{nth_row(1)} .dp-tgt").inner_text() == "البيان الأول"
    clean(page)


@pytest.mark.parametrize("base", ["mini", "repo"])
def test_rows_start_level_at_desktop_width(
    page_factory: Any, mini_served: str, repo_served: str, base: str
) -> None:
    if base == "mini":
        page = open_page(page_factory(1400, 900), mini_served, "en/side-by-side/" + FIRST)
    else:
        page = open_page(page_factory(1400, 900), repo_served, "de/side-by-side/" + STATEMENT)
    rows = boxes(page)
    for n, row in enumerate(rows):
        src, tgt = row["src"], row["tgt"]
        assert abs(src["y"] - tgt["y"]) <= 2, (n, src, tgt)
        assert src["right"] <= tgt["x"], (n, src, tgt)  # side by side, original on the left
        assert src["height"] > 0 and tgt["height"] > 0
        if n + 1 < len(rows):  # the next row begins below the longer side
            assert rows[n + 1]["row"]["y"] >= max(src["bottom"], tgt["bottom"]) - 0.5
    if base == "repo":  # a real statement: some rows are uneven, and still level
        assert any(abs(r["src"]["height"] - r["tgt"]["height"]) > 10 for r in rows)
    clean(page)


def test_pairs_stack_on_a_phone(page_factory: Any, mini_served: str) -> None:
    page = open_page(page_factory(390, 844), mini_served, "en/side-by-side/" + FIRST)
    assert not page.locator(".dp-row--head").is_visible()
    for n, row in enumerate(boxes(page)):
        src, tgt = row["src"], row["tgt"]
        assert tgt["y"] >= src["bottom"] - 0.5, (n, src, tgt)  # translation below original
        assert abs(src["x"] - tgt["x"]) <= 2, (n, src, tgt)
        assert src["right"] <= 390 and tgt["right"] <= 390
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390  # nothing squeezed out sideways
    clean(page)


def test_arabic_columns_are_mirrored(page_factory: Any, mini_served: str) -> None:
    page = open_page(page_factory(1400, 900), mini_served, "ar/side-by-side/" + FIRST)
    rows = boxes(page)
    for n, row in enumerate(rows):
        src, tgt = row["src"], row["tgt"]
        assert abs(src["y"] - tgt["y"]) <= 2, (n, src, tgt)
        assert tgt["right"] <= src["x"], (n, src, tgt)  # original on the right
    assert page.locator(f"{nth_row(1)} .dp-src").get_attribute("dir") == "ltr"
    assert page.locator(f"{nth_row(1)} .dp-tgt").get_attribute("dir") == "rtl"
    clean(page)


def test_toggle_switches_and_is_remembered(page_factory: Any, mini_served: str) -> None:
    page = open_page(page_factory(), mini_served, "en/side-by-side/" + FIRST)
    toggle = page.locator(".dp-toggle")
    assert toggle.is_visible()
    src, tgt = page.locator(f"{nth_row(3)} .dp-src"), page.locator(f"{nth_row(3)} .dp-tgt")
    assert src.is_visible() and tgt.is_visible()

    toggle.get_by_role("button", name="Translation").click()
    assert not src.is_visible() and tgt.is_visible()
    assert toggle.get_by_role("button", name="Translation").get_attribute("aria-pressed") == "true"
    assert toggle.get_by_role("button", name="Both").get_attribute("aria-pressed") == "false"

    open_page(page, mini_served, "en/side-by-side/" + SECOND)  # another page: still translation
    assert page.locator(".dp-pairs").get_attribute("data-dp-view") == "translation"
    assert not page.locator(f"{nth_row(2)} .dp-src").is_visible()
    assert page.locator(f"{nth_row(2)} .dp-tgt").is_visible()
    assert page.evaluate("localStorage.getItem('diptych.view')") == "translation"

    page.get_by_role("button", name="Original").click()
    assert page.locator(f"{nth_row(2)} .dp-src").is_visible()
    assert not page.locator(f"{nth_row(2)} .dp-tgt").is_visible()
    assert not page.locator(f"{nth_row(2)} .dp-meta").is_visible()

    open_page(page, mini_served, "ar/side-by-side/" + FIRST)  # and in another language
    assert page.locator(".dp-pairs").get_attribute("data-dp-view") == "original"
    assert not page.locator(f"{nth_row(1)} .dp-tgt").is_visible()

    page.locator('.dp-toggle__button[data-dp-view="both"]').click()
    assert (
        page.locator(f"{nth_row(1)} .dp-src").is_visible()
        and page.locator(f"{nth_row(1)} .dp-tgt").is_visible()
    )
    clean(page)


def test_pointer_highlights_the_counterpart(page_factory: Any, mini_served: str) -> None:
    page = open_page(page_factory(), mini_served, "en/side-by-side/" + FIRST)
    assert background(page, f"{nth_row(3)} .dp-tgt") == NONE
    page.locator(f"{nth_row(3)} .dp-src").hover()
    assert background(page, f"{nth_row(3)} .dp-tgt") == HIGHLIGHT
    assert background(page, f"{nth_row(4)} .dp-tgt") == NONE
    page.locator(f"{nth_row(4)} .dp-tgt").hover()
    assert background(page, f"{nth_row(4)} .dp-src") == HIGHLIGHT
    assert background(page, f"{nth_row(3)} .dp-tgt") == NONE
    clean(page)


def test_keyboard_focus_highlights_the_counterpart(page_factory: Any, mini_served: str) -> None:
    page = open_page(page_factory(), mini_served, "en/side-by-side/" + FIRST)
    page.mouse.move(0, 0)
    page.locator(f"{nth_row(3)} .dp-src").focus()
    assert background(page, f"{nth_row(3)} .dp-tgt") == HIGHLIGHT
    page.keyboard.press("Tab")  # to the translation of the same unit
    assert page.evaluate("document.activeElement.classList.contains('dp-tgt')")
    assert page.evaluate(
        f"document.activeElement.closest('.dp-row') === document.querySelector('{nth_row(3)}')"
    )
    assert background(page, f"{nth_row(3)} .dp-src") == HIGHLIGHT
    page.keyboard.press("Tab")  # to its permalink: the pair stays marked
    assert page.evaluate("document.activeElement.classList.contains('dp-permalink')")
    assert background(page, f"{nth_row(3)} .dp-src") == HIGHLIGHT
    assert background(page, f"{nth_row(3)} .dp-tgt") == HIGHLIGHT
    page.keyboard.press("Tab")  # to its "suggest a fix" link: the pair stays marked
    assert page.evaluate("document.activeElement.classList.contains('dp-suggest')")
    assert background(page, f"{nth_row(3)} .dp-src") == HIGHLIGHT
    assert background(page, f"{nth_row(3)} .dp-tgt") == HIGHLIGHT
    assert background(page, f"{nth_row(4)} .dp-src") == NONE
    clean(page)


def test_reading_works_without_javascript(browser: Any, mini_served: str) -> None:
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 1400, "height": 900}
    )
    try:
        page = context.new_page()
        page.goto(mini_served + quote("en/" + FIRST))
        assert page.locator("h1").first.inner_text() == "First statement"
        assert page.get_by_text("A reviewed paragraph about peace.").is_visible()
        page.goto(mini_served + quote("en/side-by-side/" + FIRST))
        assert not page.locator(".dp-toggle").is_visible()  # nothing that needs a script
        for row in boxes(page):
            assert row["src"]["height"] > 0 and row["tgt"]["height"] > 0
            assert abs(row["src"]["y"] - row["tgt"]["y"]) <= 2
        assert page.get_by_text("A machine paragraph about the weather.").is_visible()
    finally:
        context.close()


def test_the_whole_site_asks_no_other_host(page_factory: Any, repo_served: str) -> None:
    page = page_factory()
    for url in ("", "en/", "ar/" + STATEMENT, "zh/side-by-side/" + STATEMENT, "de/dashboard/"):
        open_page(page, repo_served, url)
        page.wait_for_load_state("networkidle")
    clean(page)
