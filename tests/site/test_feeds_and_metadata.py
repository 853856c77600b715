"""The statements' Atom feeds and each page's Open Graph metadata (hooks/feeds.py,
hooks/metadata.py, overrides/main.html), on a real mini site built with
``mkdocs build --strict`` and read with feedparser, the HTML parser of tests/support/html.py, the Nu
Html Checker and Chromium."""

from __future__ import annotations

import copy
import datetime as dt
import posixpath
from pathlib import Path
from typing import Any
from urllib.parse import quote, urljoin

import feedparser
import pytest

from diptych.site.feeds import Feed, Item, atom
from diptych.site.metadata import og_locale
from diptych.ui import ui
from tests.support.external import describe, vnu
from tests.support.html import Element, find_all, parse
from tests.support.pages import CATALOGS, FIRST, PAGES, SECOND
from tests.support.project import write_mini_project
from tests.support.site import SITE_URL, Built, build, serve

SITE_NAME = "Мини"
LIST = "statements/index.md"
THIRD = "statements/2023-06-01-третье.md"
LANGS = ("ru", "en", "ar")
FEEDS = {"ru": "feed.xml", "en": "feed.en.xml", "ar": "feed.ar.xml"}

# A source title with quotes and markup, and a translation that keeps the markup (so the
# judge publishes it) and adds quotes: both must stay text in og:title and in the feed.
THIRD_TITLE = 'Третье "заявление" <b>жирно</b>'
THIRD_TITLE_EN = 'Third "statement" <b>bold</b>'
THIRD_DESCRIPTION_EN = "Say \"hi\" — it's 'quoted'"

FEED_PAGES = {
    **PAGES,
    LIST: """\
---
title: Заявления
description: Все заявления.
---

# Заявления

<!-- diptych:statements -->
""",
    THIRD: f"""\
---
title: '{THIRD_TITLE}'
description: Описание третьего.
date: 2023-06-01
---

Текст третьего заявления.
""",
}
FEED_CATALOGS = copy.deepcopy(CATALOGS)
FEED_CATALOGS["en"][THIRD] = {
    THIRD_TITLE: (THIRD_TITLE_EN, "reviewed"),
    "Описание третьего.": (THIRD_DESCRIPTION_EN, "reviewed"),
}
# A statement whose one unreviewed unit is stale: a reader sees machine output.
FEED_CATALOGS["ar"][SECOND] = {
    "Второе заявление": ("البيان الثاني", "reviewed"),
    "Единственный абзац второго заявления со [ссылкой](../о-проекте.md).": (
        "الفقرة الوحيدة من البيان الثاني مع [رابط](../о-проекте.md).",
        "stale",
    ),
}


def make(root: Path, pages: dict[str, str]) -> Path:
    """The mini project with these pages; it runs the project's hooks, the feed and
    metadata hooks among them."""
    return write_mini_project(root, pages, FEED_CATALOGS)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    built = build(make(tmp_path_factory.mktemp("feeds") / "сайт", FEED_PAGES))
    assert built.returncode == 0, built.log
    return built


@pytest.fixture(scope="module")
def served(built: Built) -> Any:
    yield from serve(built.site)


def url_of(lang: str, rel: str) -> str:
    """A page's site-relative URL, as MkDocs writes it (percent-encoded)."""
    stem = rel[: -len("index.md")] if rel.endswith("index.md") else rel[:-3] + "/"
    return quote(stem if lang == "ru" else f"{lang}/{stem}")


def page(built: Built, lang: str, rel: str) -> Element:
    folder = rel[: -len("index.md")] if rel.endswith("index.md") else rel[:-3] + "/"
    return parse(built.page(folder if lang == "ru" else f"{lang}/{folder}"))


def read_feed(built: Built, lang: str) -> Any:
    parsed = feedparser.parse((built.site / FEEDS[lang]).read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    return parsed


def entries(parsed: Any) -> list[tuple[str, str, dt.date, str | None, list[tuple[str, str]]]]:
    return [
        (
            e.title,
            e.link,
            dt.date(*e.published_parsed[:3]),
            e.get("summary"),
            [(t.term, t.label) for t in e.get("tags", [])],
        )
        for e in parsed.entries
    ]


def listed(built: Built, lang: str) -> list[tuple[str, str, dt.date, str | None]]:
    """The statements list of the statements page in ``lang``, as readers see it: title,
    absolute link, date, description."""
    base = urljoin(SITE_URL, url_of(lang, LIST))
    out = []
    for item in find_all(page(built, lang, LIST), "li", cls="dp-statement"):
        link = find_all(item, "a")[0]
        description = find_all(item, "p", cls="dp-statement__description")
        out.append(
            (
                link.all_text(),
                urljoin(base, link.attrs["href"]),
                dt.date.fromisoformat(find_all(item, "time")[0].attrs["datetime"]),
                description[0].all_text() if description else None,
            )
        )
    return out


def statement_url(lang: str, rel: str) -> str:
    return SITE_URL + url_of(lang, rel)


# -- the feeds -------------------------------------------------------------------------


def test_english_feed_whole(built: Built) -> None:
    """Newest first, translated titles and summaries, each statement's state as a labelled
    category. Fails if the order, a title, a link, a date, a summary or a state is wrong
    (e.g. titles from the Russian, or translation_state counting stale as reviewed)."""
    parsed = read_feed(built, "en")
    assert parsed.feed.title == f"{SITE_NAME}: statements"
    assert parsed.feed.language == "en"
    assert parsed.feed.id == SITE_URL + "feed.en.xml"
    assert [(link.rel, link.href) for link in parsed.feed.links] == [
        ("alternate", SITE_URL + "en/statements/"),
        ("self", SITE_URL + "feed.en.xml"),
    ]
    assert parsed.feed.updated == "2023-06-01T00:00:00+00:00"
    assert entries(parsed) == [
        (
            THIRD_TITLE_EN,
            statement_url("en", THIRD),
            dt.date(2023, 6, 1),
            THIRD_DESCRIPTION_EN,
            [("unreviewed", "This translation is not fully reviewed")],
        ),
        (
            "Second statement",
            statement_url("en", SECOND),
            dt.date(2023, 5, 9),
            None,
            [("reviewed", "reviewed")],
        ),
        (
            "First statement",
            statement_url("en", FIRST),
            dt.date(2023, 3, 1),
            'A short description, said "first".',
            [("machine", "machine translation")],
        ),
    ]
    assert [e.id for e in parsed.entries] == [e.link for e in parsed.entries]


def test_russian_feed_is_the_original_without_states(built: Built) -> None:
    parsed = read_feed(built, "ru")
    assert parsed.feed.title == f"{SITE_NAME}: заявления"
    assert parsed.feed.language == "ru"
    assert entries(parsed) == [
        (THIRD_TITLE, statement_url("ru", THIRD), dt.date(2023, 6, 1), "Описание третьего.", []),
        ("Второе заявление", statement_url("ru", SECOND), dt.date(2023, 5, 9), None, []),
        (
            "Первое заявление",
            statement_url("ru", FIRST),
            dt.date(2023, 3, 1),
            "Краткое описание первого заявления.",
            [],
        ),
    ]


def test_arabic_feed_shows_russian_where_untranslated(built: Built) -> None:
    """Russian titles and descriptions where the catalog has none; a statement whose one
    unreviewed unit is stale is "machine" (its reader sees the machine stand-in)."""
    unreviewed = [("unreviewed", ui("ar", "banner.title"))]
    assert entries(read_feed(built, "ar")) == [
        (
            THIRD_TITLE,
            statement_url("ar", THIRD),
            dt.date(2023, 6, 1),
            "Описание третьего.",
            unreviewed,
        ),
        (
            "البيان الثاني",
            statement_url("ar", SECOND),
            dt.date(2023, 5, 9),
            None,
            [("machine", ui("ar", "state.machine"))],
        ),
        (
            "البيان الأول",
            statement_url("ar", FIRST),
            dt.date(2023, 3, 1),
            "Краткое описание первого заявления.",
            unreviewed,
        ),
    ]


@pytest.mark.parametrize("lang", LANGS)
def test_feed_equals_the_statements_list(built: Built, lang: str) -> None:
    """Title, link, date and description of every entry, in order, are those of the
    statements list of the same language. Fails if the feed orders, names or links its
    entries otherwise than the list (e.g. a feed sorted oldest first, or by path)."""
    feed = [entry[:4] for entry in entries(read_feed(built, lang))]
    assert len(feed) == 3
    assert feed == listed(built, lang)


def test_feed_text_that_xml_cannot_hold_is_replaced() -> None:
    """A control character in a title (YAML can write one: "\\x01") would make the feed
    unreadable (feedgenerator refuses it): it becomes U+FFFD, and markup stays text."""
    feed = Feed("en", "Feed\x01", "https://example.org/", "https://example.org/f.xml", "A")
    item = Item("https://example.org/x/", dt.date(2024, 1, 2), "a\x01<b>b</b>", "c\x0bd", "machine")
    parsed = feedparser.parse(atom(feed, [item]))
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.feed.title == "Feed\ufffd"
    assert [(e.title, e.summary) for e in parsed.entries] == [("a\ufffd<b>b</b>", "c\ufffdd")]


def test_a_statement_without_a_date_fails_the_strict_build(tmp_path: Path) -> None:
    """Left out of the feeds, with a warning (which fails a strict build) naming the page
    and the line of its date, and what to write."""
    pages = dict(FEED_PAGES)
    pages[THIRD] = FEED_PAGES[THIRD].replace("date: 2023-06-01", "date: soon")
    built = build(make(tmp_path / "сайт", pages), strict=False)
    assert built.returncode == 0, built.log
    warnings = [line for line in built.log.splitlines() if line.startswith("WARNING")]
    assert warnings == [
        f"WARNING -  docs/{THIRD}:4: its date is not a date, so the feeds leave it out: write "
        "the day it was published as date: YYYY-MM-DD"
    ]
    assert [e[0] for e in entries(read_feed(built, "en"))] == [
        "Second statement",
        "First statement",
    ]


# -- links to the feeds ----------------------------------------------------------------


def pages_of(built: Built) -> list[Path]:
    """Every page of the built site but the error page (which links its feed by an
    absolute path: test_error_page_links_the_feed)."""
    return sorted(p for p in built.site.rglob("*.html") if p.name != "404.html")


def test_every_page_links_its_languages_feed_in_the_head(built: Built) -> None:
    """One <link rel=alternate type=application/atom+xml> per page, to the feed of the
    page's language, relative (a mirror links its own feed)."""
    pages = pages_of(built)
    assert len(pages) > 25
    for path in pages:
        root = parse(path.read_text(encoding="utf-8"))
        lang = find_all(root, "html")[0].attrs["lang"]
        head = find_all(root, "head")[0]
        links = find_all(head, "link", rel="alternate", type="application/atom+xml")
        where = path.relative_to(built.site).as_posix()
        assert [(link.attrs["hreflang"], link.attrs["title"]) for link in links] == [
            (lang, ui(lang, "feed.title", site=SITE_NAME))
        ], where
        target = posixpath.normpath(
            posixpath.join(posixpath.dirname(where), links[0].attrs["href"])
        )
        assert target == FEEDS[lang], where
        assert not links[0].attrs["href"].startswith(("/", "http")), where


def test_error_page_links_the_feed(built: Built) -> None:
    root = parse((built.site / "404.html").read_text(encoding="utf-8"))
    lang = find_all(root, "html")[0].attrs["lang"]
    links = find_all(root, "link", rel="alternate", type="application/atom+xml")
    assert [link.attrs["href"] for link in links] == ["/mini/" + FEEDS[lang]]


@pytest.mark.parametrize("lang", LANGS)
def test_statements_page_links_the_feed(built: Built, lang: str) -> None:
    root = page(built, lang, LIST)
    links = [
        (a.attrs["href"], a.attrs["type"], a.attrs["hreflang"], a.all_text())
        for p in find_all(root, "p", cls="dp-feed")
        for a in find_all(p, "a")
    ]
    up = "../" * url_of(lang, LIST).count("/")
    assert links == [(up + FEEDS[lang], "application/atom+xml", lang, ui(lang, "feed.link"))]
    assert find_all(page(built, lang, FIRST), "p", cls="dp-feed") == []


def test_feed_link_costs_no_failed_request(page_factory: Any, served: str) -> None:
    """Material's script fetches sitemap.xml beside every <link rel=alternate>: beside a
    feed in the site's root it finds one. Fails if the feeds move into the language
    folders (en/feed.xml: a 404 for en/sitemap.xml on every page view)."""
    browser_page = page_factory()
    failed: list[str] = []

    def record(response: Any) -> None:
        if response.status >= 400:
            failed.append(f"{response.status} {response.url}")

    browser_page.on("response", record)
    for url in (url_of("en", FIRST), url_of("ar", LIST), ""):
        browser_page.goto(served + url)
        browser_page.wait_for_load_state("networkidle")
    assert failed == []
    assert browser_page.errors == [] and browser_page.foreign == []


# -- Open Graph and canonical ----------------------------------------------------------


def metadata(root: Element) -> dict[str, list[str]]:
    """Every Open Graph (og:, article:) property of a page's head, in order, and its
    canonical link."""
    out: dict[str, list[str]] = {}
    head = find_all(root, "head")[0]
    for meta in find_all(head, "meta"):
        name = meta.attrs.get("property", "")
        if name.startswith(("og:", "article:")):
            out.setdefault(name, []).append(meta.attrs["content"])
    out["canonical"] = [link.attrs["href"] for link in find_all(head, "link", rel="canonical")]
    return out


def test_open_graph_of_a_statement_in_english(built: Built) -> None:
    url = statement_url("en", FIRST)
    assert metadata(page(built, "en", FIRST)) == {
        "og:type": ["article"],
        "og:title": ["First statement"],
        "og:description": ['A short description, said "first".'],
        "og:site_name": [SITE_NAME],
        "og:url": [url],
        "og:locale": ["en_US"],
        "og:locale:alternate": ["ru_RU", "ar_AR"],
        "article:published_time": ["2023-03-01"],
        "canonical": [url],
    }


def test_open_graph_of_a_statement_in_arabic(built: Built) -> None:
    url = statement_url("ar", FIRST)
    assert metadata(page(built, "ar", FIRST)) == {
        "og:type": ["article"],
        "og:title": ["البيان الأول"],
        "og:description": ["Краткое описание первого заявления."],
        "og:site_name": [SITE_NAME],
        "og:url": [url],
        "og:locale": ["ar_AR"],
        "og:locale:alternate": ["ru_RU", "en_US"],
        "article:published_time": ["2023-03-01"],
        "canonical": [url],
    }


@pytest.mark.parametrize(
    ("lang", "title", "locale", "others"),
    [
        ("ru", "Мини-сайт", "ru_RU", ["en_US", "ar_AR"]),
        ("en", "Mini site", "en_US", ["ru_RU", "ar_AR"]),
    ],
)
def test_open_graph_of_the_home(
    built: Built, lang: str, title: str, locale: str, others: list[str]
) -> None:
    """The home is a website, with the site's description (it has none of its own)."""
    url = SITE_URL + ("" if lang == "ru" else f"{lang}/")
    assert metadata(page(built, lang, "index.md")) == {
        "og:type": ["website"],
        "og:title": [title],
        "og:site_name": [SITE_NAME],
        "og:url": [url],
        "og:locale": [locale],
        "og:locale:alternate": others,
        "canonical": [url],
    }


def test_side_by_side_view_is_the_statement_at_its_own_address(built: Built) -> None:
    root = parse(built.page("en/side-by-side/" + FIRST[:-3] + "/"))
    found = metadata(root)
    url = SITE_URL + quote("en/side-by-side/" + FIRST[:-3] + "/")
    assert (found["og:type"], found["og:url"], found["canonical"]) == (["article"], [url], [url])
    assert found["article:published_time"] == ["2023-03-01"]


def test_titles_with_quotes_and_markup_stay_text(built: Built) -> None:
    """A source title and a published translation holding quotes and a <b> element: in
    og:title they are the text, never an element or a broken attribute (the whole head
    is parsed: an unescaped quote would end the attribute early)."""
    for lang, title in (("ru", THIRD_TITLE), ("en", THIRD_TITLE_EN)):
        root = page(built, lang, THIRD)
        assert metadata(root)["og:title"] == [title]
        assert find_all(find_all(root, "head")[0], "b") == []
    raw = built.page("en/" + THIRD[:-3] + "/")
    expected = (
        '<meta property="og:title" content="Third &#34;statement&#34; &lt;b&gt;bold&lt;/b&gt;">'
    )
    assert expected in raw


def test_og_locale() -> None:
    """CLDR's likely territory, Arabic as Open Graph's consumers spell it, a territory
    the code names kept, an unknown language none."""
    codes = ["ru", "en", "de", "zh", "ar", "uk", "pt_BR", "zh-TW", "xx"]
    assert [og_locale(code) for code in codes] == [
        "ru_RU",
        "en_US",
        "de_DE",
        "zh_CN",
        "ar_AR",
        "uk_UA",
        "pt_BR",
        "zh_TW",
        None,
    ]


def test_changed_pages_are_valid_html(built: Built) -> None:
    """The Nu Html Checker on pages with the new head and the feed link."""
    pages = [
        built.site / "index.html",
        built.site / "en" / "index.html",
        built.site / "en" / "statements" / "index.html",
        built.site / "ar" / "statements" / "index.html",
        built.site / "en" / FIRST[:-3] / "index.html",
        built.site / "en" / "side-by-side" / FIRST[:-3] / "index.html",
        built.site / "404.html",
    ]
    messages = vnu([str(p) for p in pages])
    assert messages == [], describe(messages)
