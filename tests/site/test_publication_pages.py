"""The site as a publication: a 404 page in every language and the root one in the source
language, the way back from a statement to the statements list, no INFO line for the
statements left out of the nav on purpose, and page titles that name the site once.

One real build (``--strict``) of a mini site with the project's own mkdocs.yml (its five
languages, nav, ``not_in_nav``, hooks and theme overrides), served as GitHub Pages serves
a project site: under ``/diptych/``, the root ``404.html`` for every missing address.
"""

from __future__ import annotations

import functools
import http.server
import json
import re
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from diptych.site.titles import document_title
from tests.support.catalogs import write_catalog
from tests.support.external import axe, describe, vnu
from tests.support.html import Element, body, find_all, parse
from tests.support.pages import CATALOGS, FIRST, PAGES, SECOND
from tests.support.project import write_repo_project
from tests.support.site import Built, build

LANGS = ("ru", "en", "de", "zh", "ar")
BASE = "/diptych/"  # the path of the project's site_url: error pages link from there
LIST = "statements/index.md"
ATTACK = "statements/2023-06-01-атака.md"
ATTACK_TITLE = "<img src=x onerror=alert(1)> Diptych"
ATTACK_EN = "Diptych </title><script>alert(2)</script>"

SITE_PAGES = {
    **PAGES,
    "index.md": """\
---
title: Diptych — заявления и переводы
---

# Главная страница

Добро пожаловать на тестовый сайт.
""",
    LIST: """\
---
title: Заявления
---

# Заявления

<!-- diptych:statements -->
""",
    ATTACK: f"""\
---
title: '{ATTACK_TITLE}'
date: 2023-06-01
---

Абзац заявления.
""",
}

SITE_CATALOGS = {
    **CATALOGS,
    "en": {
        **CATALOGS["en"],
        "index.md": {
            "Diptych — заявления и переводы": ("Diptych — statements and translations", "reviewed")
        },
        LIST: {"Заявления": ("Statements", "reviewed")},
        ATTACK: {ATTACK_TITLE: (ATTACK_EN, "reviewed")},
    },
    "ar": {
        **CATALOGS["ar"],
        "index.md": {
            "Diptych — заявления и переводы": ("Diptych — البيانات والترجمات", "reviewed")
        },
        LIST: {"Заявления": ("البيانات", "reviewed")},
    },
}

# What each language's 404 page says, and its home (relative to BASE).
NOT_FOUND = {
    "ru": (
        "Страница не найдена",
        "По этому адресу страницы нет. Возможно, её перенесли или переименовали.",
        "Перейти на главную страницу",
    ),
    "en": (
        "Page not found",
        "There is no page at this address. It may have moved or been renamed.",
        "Go to the home page",
    ),
    "de": (
        "Seite nicht gefunden",
        "Unter dieser Adresse gibt es keine Seite. Sie ist vielleicht umgezogen.",
        "Zur Startseite",
    ),
    "zh": ("找不到页面", "此地址没有页面。页面可能已被移动或重命名。", "前往首页"),
    "ar": (
        "الصفحة غير موجودة",
        "لا توجد صفحة على هذا العنوان. ربما نُقلت أو تغيّر اسمها.",
        "الانتقال إلى الصفحة الرئيسية",
    ),
}
HOMES = {lang: ("" if lang == "ru" else f"{lang}/") for lang in LANGS}


def not_found_path(lang: str) -> str:
    return "404.html" if lang == "ru" else f"{lang}/404.html"


def url_of(lang: str, rel: str) -> str:
    stem = rel[: -len("index.md")] if rel.endswith("index.md") else rel[:-3] + "/"
    return stem if lang == "ru" else f"{lang}/{stem}"


def text(element: Element) -> str:
    return " ".join(element.all_text().split())


def article(root: Element) -> Element:
    found = find_all(root, "article", cls="md-content__inner")
    assert len(found) == 1
    return found[0]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The mini site with the project's mkdocs.yml, its nav (index, statements list,
    dashboard) leaving out the statements and, unintended, о-проекте.md."""
    root = write_repo_project(tmp_path_factory.mktemp("publication") / "сайт", SITE_PAGES, nav=True)
    for lang, by_page in SITE_CATALOGS.items():
        for rel, entries in by_page.items():
            write_catalog(root, lang, rel, entries, only_listed=True)
    built = build(root)
    assert built.returncode == 0, built.log
    return built


class _GitHubPages(http.server.SimpleHTTPRequestHandler):
    """The site under BASE; a missing address answers 404 with the root 404.html."""

    def __init__(self, *args: Any, site: Path, **kwargs: Any) -> None:
        self.site = site
        super().__init__(*args, **kwargs)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        if code != 404:
            super().send_error(code, message, explain)
            return
        page = (self.site / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(page)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(page)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def pages_served(built: Built, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    top = tmp_path_factory.mktemp("pages")
    (top / BASE.strip("/")).symlink_to(built.site, target_is_directory=True)
    handler = functools.partial(_GitHubPages, directory=str(top), site=built.site)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{BASE}"
    finally:
        server.shutdown()
        server.server_close()


# -- 404 pages, as built ----------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS[1:])
def test_each_language_has_its_404(built: Built, lang: str) -> None:
    """<lang>/404.html: in its language and direction, Material's interface too, its own
    home linked, the switcher leading to every home. Fails without hooks/not_found.py
    (no such file), without overrides/404.html (Material's English "404 - Not found"),
    or if the hook writes the wrong language's page there."""
    root = parse(built.page(not_found_path(lang)))
    html = find_all(root, "html")[0]
    assert html.attrs["lang"] == lang
    assert body(root).attrs["dir"] == ("rtl" if lang == "ar" else "ltr")
    title, words, home = NOT_FOUND[lang]
    assert text(find_all(root, "title")[0]) == f"{title} - Diptych"
    content = article(root)
    assert [text(h) for h in find_all(content, "h1")] == [title]
    assert [text(p) for p in find_all(content, "p")] == [words, home]
    links = [(a.attrs, text(a)) for a in find_all(content, "a")]
    assert links == [({"href": BASE + HOMES[lang]}, home)]
    switcher = [
        (a.attrs["href"], a.attrs["hreflang"]) for a in find_all(root, "a", cls="md-select__link")
    ]
    assert switcher == [(BASE + HOMES[code], code) for code in LANGS]


def test_root_404_is_russian_and_leads_to_every_home(built: Built) -> None:
    """The root 404.html (what GitHub Pages serves for every missing address): Russian,
    left to right, a link to each language's home named in that language. Fails if any
    language's build overwrites it (mkdocs-static-i18n builds Arabic last: it was the
    Arabic page) or if a link loses its hreflang, lang or dir."""
    root = parse(built.page("404.html"))
    assert find_all(root, "html")[0].attrs["lang"] == "ru"
    assert body(root).attrs["dir"] == "ltr"
    title, words, _ = NOT_FOUND["ru"]
    assert text(find_all(root, "title")[0]) == f"{title} - Diptych"
    content = article(root)
    assert [text(h) for h in find_all(content, "h1")] == [title]
    assert [text(p) for p in find_all(content, "p")] == [words]
    links = [(a.attrs, text(a)) for a in find_all(content, "a")]
    assert links == [
        ({"href": "/diptych/", "hreflang": "ru", "lang": "ru"}, "Главная страница (Русский)"),
        ({"href": "/diptych/en/", "hreflang": "en", "lang": "en"}, "Home page (English)"),
        ({"href": "/diptych/de/", "hreflang": "de", "lang": "de"}, "Startseite (Deutsch)"),
        ({"href": "/diptych/zh/", "hreflang": "zh", "lang": "zh"}, "首页（中文）"),
        (
            {"href": "/diptych/ar/", "hreflang": "ar", "lang": "ar", "dir": "rtl"},
            "الصفحة الرئيسية (العربية)",
        ),
    ]


# -- 404 pages in Chromium --------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_404_renders_in_its_direction(page_factory: Any, pages_served: str, lang: str) -> None:
    """Each language's 404 page, opened at its address: styled (every stylesheet and
    script found at its absolute address: no console error), the heading's text set
    from the right edge in Arabic and from the left elsewhere."""
    page = page_factory()
    missing: list[str] = []

    def record(response: Any) -> None:
        if response.status >= 400:
            missing.append(response.url)

    page.on("response", record)
    response = page.goto(pages_served + not_found_path(lang))
    assert response.status == 200
    page.wait_for_load_state("load")
    sides = page.evaluate(
        """() => {
            const h1 = document.querySelector('article h1');
            const range = document.createRange();
            range.selectNodeContents(h1);
            const text = range.getBoundingClientRect(), box = h1.getBoundingClientRect();
            return {
                lang: document.documentElement.lang,
                direction: getComputedStyle(h1).direction,
                left: Math.round(text.left - box.left),
                right: Math.round(box.right - text.right),
                header: getComputedStyle(document.querySelector('.md-header')).position,
            };
        }"""
    )
    rtl = lang == "ar"
    assert sides["lang"] == lang
    assert sides["direction"] == ("rtl" if rtl else "ltr")
    assert sides["header"] == "sticky"  # Material's stylesheet applies
    assert (sides["right"] if rtl else sides["left"]) == 0
    assert (sides["left"] if rtl else sides["right"]) > 100
    assert (page.errors, missing, page.foreign) == ([], [], [])


def test_a_missing_address_gets_the_russian_404_with_a_way_to_each_home(
    page_factory: Any, pages_served: str
) -> None:
    """Served as GitHub Pages serves it: a missing address deep in the English site gets
    the root page (status 404), whose absolute links work from there: the English one
    leads to the English home."""
    page = page_factory()
    response = page.goto(pages_served + "en/statements/no-such-page/")
    assert response.status == 404
    assert page.evaluate("document.documentElement.lang") == "ru"
    assert page.locator("article h1").inner_text() == NOT_FOUND["ru"][0]
    page.locator("article a[hreflang=en]").click()
    page.wait_for_load_state("load")
    assert page.url == pages_served + "en/"
    assert page.evaluate("document.documentElement.lang") == "en"
    assert page.foreign == []


@pytest.mark.parametrize("lang", ["ru", "en", "ar"])
def test_no_serious_accessibility_violation_on_404(
    page_factory: Any, pages_served: str, lang: str
) -> None:
    page = page_factory()
    page.goto(pages_served + not_found_path(lang))
    page.wait_for_load_state("load")
    found = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]]) for v in axe(page)]
    assert found == [], json.dumps(found)


def test_publication_pages_are_valid_html(built: Built) -> None:
    """The Nu Html Checker on the 404 pages and statements with their way back. (Not
    FIRST: Material's table of contents on a page outside the nav has a label for a
    control that only the nav has, an error that is not this feature's.)"""
    paths = [built.site / not_found_path(lang) for lang in LANGS]
    paths += [
        built.site / url_of(lang, rel) / "index.html" for lang in LANGS for rel in (SECOND, ATTACK)
    ]
    assert all(p.is_file() for p in paths)
    messages = vnu([str(p) for p in paths])
    assert messages == [], describe(messages)


# -- the way back to the statements list -------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "words", "arrow"),
    [
        ("ru", "Все заявления", "←"),
        ("en", "All statements", "←"),
        ("de", "Alle Erklärungen", "←"),
        ("zh", "全部声明", "←"),
        ("ar", "جميع البيانات", "→"),
    ],
)
def test_every_statement_leads_back_to_the_list(
    built: Built, lang: str, words: str, arrow: str
) -> None:
    """Above each statement, in each language: one link to that language's list, the
    arrow hidden from screen readers and the line from the search index. Not on the list
    itself, nor on other pages. Fails without the link in hooks/page_header.py, or if it
    points at another language's list."""
    for rel in (FIRST, SECOND, ATTACK):
        url = url_of(lang, rel)
        content = article(parse(built.page(url)))
        back = find_all(content, "p", cls="dp-back")
        assert len(back) == 1, url
        assert back[0].attrs == {"class": "dp-back", "data-search-exclude": ""}
        assert [c.tag for c in content.children[:2]] == ["p", "header"]  # above the title
        assert content.children[0] is back[0]
        [link] = find_all(back[0], "a")
        assert link.attrs == {"href": "../"}
        [hidden] = find_all(link, "span")
        assert hidden.attrs == {"aria-hidden": "true"} and text(hidden) == arrow
        assert text(link) == f"{arrow} {words}"
    for rel in ("index.md", LIST, "dashboard.md", "о-проекте.md"):
        assert find_all(parse(built.page(url_of(lang, rel))), "p", cls="dp-back") == [], rel


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_back_link_leads_to_the_list(page_factory: Any, pages_served: str, lang: str) -> None:
    """In Chromium: the link sits at the line's inline start (right in Arabic) and opens
    the statements list in the same language."""
    page = page_factory()
    page.goto(pages_served + quote(url_of(lang, FIRST)))
    link = page.locator(".dp-back a")
    line = page.locator(".dp-back").bounding_box()
    box = link.bounding_box()
    if lang == "ar":
        assert abs((line["x"] + line["width"]) - (box["x"] + box["width"])) < 1
    else:
        assert abs(line["x"] - box["x"]) < 1
    link.click()
    page.wait_for_load_state("load")
    assert page.url == pages_served + url_of(lang, LIST)
    assert page.evaluate("document.documentElement.lang") == lang
    assert page.errors == [] and page.foreign == []


# -- the build log ------------------------------------------------------------------------

OMITTED = re.compile(
    r'The following pages exist in the docs directory, but are not included in the "nav" '
    r"configuration:\n((?:  - .*\n?)+)"
)


def test_statements_left_out_of_the_nav_are_not_reported(built: Built) -> None:
    """The statements are left out of the nav on purpose (mkdocs.yml's not_in_nav): no
    INFO line names them, in any language's build. A page left out by mistake is still
    reported, once per language. Fails without not_in_nav (every statement is listed),
    or with `validation: nav: omitted_files` silenced (о-проекте.md is not)."""
    listed = [
        line.removeprefix("  - ")
        for block in OMITTED.findall(built.log)
        for line in block.splitlines()
    ]
    assert listed == ["о-проекте.md"] * len(LANGS), built.log


# -- titles ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "home", "statement"),
    [
        ("ru", "Diptych — заявления и переводы", "Первое заявление - Diptych"),
        ("en", "Diptych — statements and translations", "First statement - Diptych"),
        ("de", "Diptych — заявления и переводы", "Первое заявление - Diptych"),
        ("zh", "Diptych — заявления и переводы", "Первое заявление - Diptych"),
        ("ar", "Diptych — البيانات والترجمات", "البيان الأول - Diptych"),
    ],
)
def test_titles_name_the_site_once(built: Built, lang: str, home: str, statement: str) -> None:
    """<title>, whole: the home page's title already names the site (in every language,
    Russian where there is no catalog), so the site's name is not added again; a
    statement's title is followed by it. Fails if overrides/main.html appends the name
    to every title ("Diptych — ... - Diptych") or to none."""
    for rel, expected in (("index.md", home), (FIRST, statement)):
        titles = find_all(parse(built.page(url_of(lang, rel))), "title")
        assert [text(t) for t in titles] == [expected], rel


@pytest.mark.parametrize("lang", LANGS)
def test_a_hostile_title_naming_the_site_stays_text(built: Built, lang: str) -> None:
    """A title with markup that names the site (so the name is not added again) is text
    in <title>, whole, decoded once, no element made; so is the English catalog's
    "</title><script>", which would end the title if it were not escaped. Fails if
    document_title's result or its input is written unescaped (``| e`` or ``striptags``
    dropped in overrides/main.html, or the front matter not escaped by hooks/titles.py)."""
    [head] = find_all(parse(built.page(url_of(lang, ATTACK))), "head")
    [title] = find_all(head, "title")
    assert title.children == []
    assert text(title) == (ATTACK_EN if lang == "en" else ATTACK_TITLE)
    assert find_all(head, "img") == []
    assert [s for s in find_all(head, "script") if "alert(" in s.all_text()] == []


@pytest.mark.parametrize(
    ("title", "site_name", "expected"),
    [
        ("Diptych — заявления и переводы", "Diptych", "Diptych — заявления и переводы"),
        ("Diptych——声明原文与译文", "Diptych", "Diptych——声明原文与译文"),
        ("О проекте diptych", "Diptych", "О проекте diptych"),
        ("Diptychon", "Diptych", "Diptychon - Diptych"),
        ("Мини-сайт", "Мини", "Мини-сайт - Мини"),
        ("  Первое\n заявление ", "Diptych", "Первое заявление - Diptych"),
        ("", "Diptych", "Diptych"),
        ("Diptych", "D.ptych", "Diptych - D.ptych"),
    ],
)
def test_document_title(title: str, site_name: str, expected: str) -> None:
    """The name is a word of its own in the title (any case), not part of a word or a
    hyphenated compound; it is matched as text, not as a pattern."""
    assert document_title(title, site_name) == expected
