"""Search per language (hooks/search_languages.py, site/search.py and the search worker
overrides/assets/javascripts/workers/diptych-search.js).

A mini project with the project's own mkdocs.yml (without its nav) in all five languages,
built with --strict: each language's index holds that language's pages and nothing else,
with that language's lunr settings; every page loads its own language's index; in
Chromium, a query typed into a page's search box finds only pages of that page's language,
a Russian inflection finds the page with another form of the word, a Chinese word in the
middle of a sentence finds its page, and catalog text with markup shows as text.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

import material
import pytest
from jinja2.utils import htmlsafe_json_dumps

from diptych.site import search
from tests.support.catalogs import write_catalog
from tests.support.project import write_repo_project
from tests.support.site import Built, build, serve

LANGS = ("ru", "en", "de", "zh", "ar")
TARGETS = LANGS[1:]

KAZAKHSTAN = "kazakhstan.md"
WEATHER = "weather.md"
HOSTILE = "hostile.md"

# The Kazakhstan page says "Казахстан" only: no other form of the word (see the test).
PAGES = {
    "index.md": "---\ntitle: Главная\n---\n\n# Главная страница\n\nДобро пожаловать.\n",
    KAZAKHSTAN: (
        "---\ntitle: Казахстан\n---\n\n# Казахстан\n\n"
        "Казахстан провозгласил независимость в 1991 году.\n"
    ),
    WEATHER: "---\ntitle: Погода\n---\n\n# Погода\n\nСегодня солнечно.\n",
    # A title with an element (a catalog may not translate it so: the build withholds
    # markup in front-matter translations; the English page shows it as it is).
    HOSTILE: (
        "---\ntitle: '<img src=x onerror=\"document.body.dataset.pwned=1\">Враждебная'\n---\n\n"
        "Враждебный абзац.\n"
    ),
}

# Material's script inserts result titles and texts as HTML: the source's title with an
# element, and catalog text whose markup is escaped, as a translator may write it.
HOSTILE_TITLE = '<img src=x onerror="document.body.dataset.pwned=1">Враждебная'
HOSTILE_TEXT = "Hostile &lt;img src=x onerror=\"document.body.dataset.pwned='text'\"&gt; text."
HOSTILE_TEXT_SHOWN = "Hostile <img src=x onerror=\"document.body.dataset.pwned='text'\"> text."

TRANSLATIONS: dict[str, dict[str, dict[str, str]]] = {
    "en": {
        "index.md": {
            "Главная": "Home",
            "Главная страница": "Home page",
            "Добро пожаловать.": "Welcome.",
        },
        KAZAKHSTAN: {
            "Казахстан": "Kazakhstan",
            "Казахстан провозгласил независимость в 1991 году.": (
                "Kazakhstan declared independence in 1991."
            ),
        },
        WEATHER: {"Погода": "Weather", "Сегодня солнечно.": "It is sunny today."},
        HOSTILE: {"Враждебный абзац.": HOSTILE_TEXT},
    },
    "de": {
        "index.md": {
            "Главная": "Start",
            "Главная страница": "Startseite",
            "Добро пожаловать.": "Willkommen.",
        },
        KAZAKHSTAN: {
            "Казахстан": "Kasachstan",
            "Казахстан провозгласил независимость в 1991 году.": (
                "Kasachstan erklärte 1991 seine Unabhängigkeit."
            ),
        },
        WEATHER: {"Погода": "Wetter", "Сегодня солнечно.": "Heute ist es sonnig."},
    },
    # No catalog for the weather page: the Chinese page shows the Russian text, and is
    # still a page of the Chinese site, in its index.
    "zh": {
        "index.md": {"Главная": "首页", "Главная страница": "首页", "Добро пожаловать.": "欢迎。"},
        KAZAKHSTAN: {
            "Казахстан": "哈萨克斯坦",
            "Казахстан провозгласил независимость в 1991 году.": "哈萨克斯坦于1991年宣布独立。",
        },
    },
    "ar": {
        "index.md": {
            "Главная": "الرئيسية",
            "Главная страница": "الصفحة الرئيسية",
            "Добро пожаловать.": "أهلا وسهلا.",
        },
        KAZAKHSTAN: {
            "Казахстан": "كازاخستان",
            "Казахстан провозгласил независимость в 1991 году.": (
                "أعلنت كازاخستان استقلالها في عام 1991."
            ),
        },
        WEATHER: {"Погода": "الطقس", "Сегодня солнечно.": "الجو مشمس اليوم."},
    },
}

# Every page of every language, as each language's index locates it (relative to the
# language's root): the side-by-side views are left out.
LOCATIONS = ["", "hostile/", "kazakhstan/", "weather/"]
SITE_PATH = "/diptych/"  # of the project's default site_url (404 pages use it)
WORKERS = "assets/javascripts/workers"
# Material's search worker (its name has a hash of its content).
MATERIAL_WORKER = next(
    (Path(material.__file__).parent / "templates" / WORKERS).glob("search.*.min.js")
).name


def _prefix(lang: str) -> str:
    return "" if lang == "ru" else f"{lang}/"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    # The project's mkdocs.yml without its nav: every page of the mini site is listed.
    root = write_repo_project(tmp_path_factory.mktemp("search"), PAGES)
    for lang, pages in TRANSLATIONS.items():
        for rel, entries in pages.items():
            reviewed = {k: (v, "reviewed") for k, v in entries.items()}
            write_catalog(root, lang, rel, reviewed, only_listed=True)
    built = build(root)
    assert built.returncode == 0, built.log
    return built


@pytest.fixture(scope="module")
def served(built: Built) -> Iterator[str]:
    yield from serve(built.site)


def _index(built: Built, lang: str) -> dict[str, Any]:
    path = built.site / _prefix(lang) / "search" / "search_index.json"
    index: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return index


def _config_of(html: str) -> dict[str, Any]:
    found = re.search(r'<script id="__config" type="application/json">(.*?)</script>', html, re.S)
    assert found, html[:200]
    data: dict[str, Any] = json.loads(found.group(1))
    return data


def _page_config(path: Path) -> dict[str, Any]:
    return _config_of(path.read_text(encoding="utf-8"))


# -- the built indexes -------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_each_language_has_an_index_of_its_own_pages(built: Built, lang: str) -> None:
    """Fails if the index is left combined (mkdocs-static-i18n's), or if a language's
    pages are written to another's index. The Chinese weather page, shown in Russian, is
    a page of the Chinese site."""
    docs = _index(built, lang)["docs"]
    assert sorted(d["location"] for d in docs) == LOCATIONS
    titles = {d["location"]: d["title"] for d in docs}
    expected = TRANSLATIONS.get(lang, {}).get(KAZAKHSTAN, {}).get("Казахстан", "Казахстан")
    assert titles["kazakhstan/"] == expected


def test_no_other_index_is_written(built: Built) -> None:
    written = sorted(
        p.relative_to(built.site).as_posix() for p in built.site.rglob("search_index*")
    )
    expected = sorted(f"{_prefix(lang)}search/search_index.json" for lang in LANGS)
    assert written == expected


@pytest.mark.parametrize("lang", LANGS)
def test_each_index_has_its_language_settings(built: Built, lang: str) -> None:
    """Its own lunr language, mkdocs.yml's pipeline, Material's separator for the
    language (the Chinese one splits where jieba put zero-width spaces)."""
    config = _index(built, lang)["config"]
    separator = r"[\s\u200b\u3000\-、。，．？！；]+" if lang == "zh" else r"[\s\-]+"
    assert (config["lang"], config["pipeline"], config["separator"]) == (
        [lang],
        ["stemmer", "stopWordFilter"],
        separator,
    )


def test_chinese_is_split_into_words(built: Built) -> None:
    """Material's search plugin splits Chinese with jieba (zero-width spaces); without
    jieba the sentence is one word and no word in its middle is found."""
    docs = {d["location"]: d for d in _index(built, "zh")["docs"]}
    paragraphs = re.findall(r"<p>(.*?)</p>", docs["kazakhstan/"]["text"])
    words = ["", "哈萨克斯坦", "于", "1991", "年", "宣布独立", "。"]  # jieba's
    assert paragraphs[-1].split("\u200b") == words


def test_every_page_loads_its_languages_index(built: Built) -> None:
    """Material's script loads search/search_index.json beside the page's ``base`` and
    resolves results against it: on a page of a target language that is the language's
    root, also on the 404 page of the language (absolute, from site_url). Every page runs
    our worker, which loads Material's. Fails if a target language's page keeps the
    site's root as its base."""
    checked = 0
    for path in sorted(built.site.rglob("*.html")):
        rel = path.relative_to(built.site).as_posix()
        first = rel.split("/", 1)[0]
        lang = first if first in TARGETS and "/" in rel else "ru"
        config = _page_config(path)
        page_url = "http://site/" + rel
        # Error pages' URLs are absolute (site_url's path), as they are served anywhere.
        root = "http://site" + (SITE_PATH if path.name == "404.html" else "/")
        assert urljoin(page_url, config["base"]) == root + _prefix(lang), rel
        worker = urljoin(page_url, config["search"])
        assert worker == f"{root}{WORKERS}/diptych-search.js?material={MATERIAL_WORKER}", rel
        checked += 1
    assert checked > 20
    assert (built.site / WORKERS / MATERIAL_WORKER).is_file()


# -- site/search.py on its own ----------------------------------------------------------


def test_entries_by_language() -> None:
    docs = [
        {"location": "", "title": "Главная"},
        {"location": "en/#x", "title": "Home"},
        {"location": "english/", "title": "A Russian page named english"},
        {"location": "zh/a/", "title": "页"},
    ]
    assert search.by_language(docs, "ru", ["en", "zh"]) == {
        "ru": [docs[0], docs[2]],
        "en": [{"location": "#x", "title": "Home"}],
        "zh": [{"location": "a/", "title": "页"}],
    }


@pytest.mark.parametrize(
    ("base", "lang", "expected"),
    [(".", "en", "./en/"), ("..", "en", "../en/"), ("../..", "ar", "../../ar/"),
     ("/diptych/", "zh", "/diptych/zh/"), ("", "de", "./de/")],
)  # fmt: skip
def test_language_base(base: str, lang: str, expected: str) -> None:
    assert search.language_base(base, lang) == expected


def test_page_config_is_rewritten_as_json_that_cannot_end_its_script() -> None:
    """Material writes ``__config`` with ``<`` escaped (Jinja's tojson). Fails if it is
    written back with plain json.dumps: a string in it holding ``</script>`` would end the
    element and run what follows."""
    config = {
        "base": "..",
        "search": "../assets/javascripts/workers/search.0123abcd.min.js",
        "translations": {"search.result.none": "</script><script>alert(1)</script>"},
    }
    written = htmlsafe_json_dumps(config)
    page = f'<p>a</p><script id="__config" type="application/json">{written}</script>'
    out = search.with_page_config(page, "en")
    assert out.count("</script>") == 1 and "<script>alert" not in out
    assert _config_of(out) == {
        **config,
        "base": "../en/",
        "search": "../assets/javascripts/workers/diptych-search.js?material=search.0123abcd.min.js",
    }
    assert search.with_page_config("<p>no config</p>", "en") == "<p>no config</p>"


# -- in Chromium -------------------------------------------------------------------------


# Material has shown the results of the query: some, or its "no matching documents".
DONE = """() => {
  const none = JSON.parse(document.getElementById("__config").textContent)
    .translations["search.result.none"];
  const meta = document.querySelector(".md-search-result__meta");
  return document.querySelectorAll(".md-search-result__item").length > 0
    || (meta !== null && meta.textContent.trim() === none);
}"""


def _search(page: Any, url: str, query: str) -> list[str]:
    """Types ``query`` into the page's search box; the pages of the results (paths of the
    site, unquoted), in Material's order."""
    page.goto(url)
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(query)
    box.press("End")  # Material reads the box on keyup; typed Cyrillic or Chinese has none
    page.wait_for_function(DONE)
    hrefs = page.eval_on_selector_all(
        "li.md-search-result__item > a", "links => links.map(link => link.href)"
    )
    return [unquote(urlsplit(href).path) for href in hrefs]


@pytest.mark.parametrize("lang", LANGS)
def test_a_query_finds_only_pages_of_the_pages_language(
    served: str, page_factory: Any, lang: str
) -> None:
    """The number is on the Kazakhstan page in every language; before, every language's
    page was found from every page."""
    page = page_factory()
    found = _search(page, served + _prefix(lang), "1991")
    assert found == ["/" + _prefix(lang) + "kazakhstan/"]
    assert page.errors == [] and page.foreign == []


@pytest.mark.parametrize("query", ["Казахстана", "Казахстане", "казахстаном"])
def test_a_russian_inflection_finds_the_other_form(
    built: Built, served: str, page_factory: Any, query: str
) -> None:
    """The page says "Казахстан" only. Fails without stemming (Material's default), or
    with the index stemmed and the query not (Material makes every word a prefix query,
    which lunr does not stem), or without the words kept beside their stems (the Russian
    stemmer makes "казахста" of "Казахстан" and "казахстан" of "Казахстане")."""
    text = " ".join(d["title"] + " " + d["text"] for d in _index(built, "ru")["docs"])
    assert "Казахстан" in text and not re.search(r"[Кк]азахстан[а-я]", text)
    page = page_factory()
    assert _search(page, served, query) == ["/kazakhstan/"]
    assert page.errors == [] and page.foreign == []


def test_a_chinese_word_finds_its_page(served: str, page_factory: Any) -> None:
    """宣布 ("declared") stands in the middle of the sentence 哈萨克斯坦于1991年宣布独立。:
    found only where the text is split into words."""
    page = page_factory()
    assert _search(page, served + "zh/", "宣布") == ["/zh/kazakhstan/"]
    assert page.errors == [] and page.foreign == []


def test_catalog_markup_shows_as_text_in_the_results(served: str, page_factory: Any) -> None:
    """A page's title with an element (docs/ is untrusted too; a catalog's is withheld),
    and a catalog's text with escaped markup: the results show both as text; no element
    is made of them and no handler runs. Fails if
    hooks/titles.py stops escaping titles (Material inserts result titles as HTML)."""
    page = page_factory()
    assert _search(page, served + "en/", "hostile") == ["/en/hostile/"]
    results = page.locator(".md-search-result__list")
    shown = " ".join(results.inner_text().split())
    assert HOSTILE_TITLE in shown and HOSTILE_TEXT_SHOWN in shown, shown
    assert results.locator("img").count() == 0
    page.wait_for_timeout(200)  # an injected image would fail to load by now
    assert page.evaluate("document.body.dataset.pwned") is None
    assert page.errors == [] and page.foreign == []
