"""A real mini site (ru, en, ar; Cyrillic file names; every translation state), built with
``mkdocs build --strict``, checked on its HTML."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

from diptych.suggestions.form import form_url
from tests.support.html import body, element_with_text, find_all, parse
from tests.support.pages import FIRST, SECOND
from tests.support.site import REPO_URL, SITE_URL, Built

FIRST_URL = "statements/2023-03-01-первое-заявление/"
SECOND_URL = "statements/2023-05-09-второе-заявление/"


def q(url: str) -> str:
    return quote(url)


def msgstr_line(path: Path, msgid: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    start = lines.index(f'msgid "{msgid}"')
    return next(n for n in range(start, len(lines)) if lines[n].startswith("msgstr")) + 1


def test_every_language_builds_every_page(mini_built: Built) -> None:
    for prefix in ("", "en/", "ar/"):
        for url in ("", FIRST_URL, SECOND_URL, "о-проекте/", "dashboard/"):
            assert (mini_built.site / prefix / url / "index.html").is_file(), prefix + url
    for prefix in ("en/", "ar/"):
        for url in ("", FIRST_URL, SECOND_URL, "о-проекте/", "dashboard/"):
            assert (mini_built.site / prefix / "side-by-side" / url / "index.html").is_file()
    assert not (mini_built.site / "side-by-side").exists()  # no pair view of Russian with itself


def test_html_lang_and_direction(mini_built: Built) -> None:
    for prefix, lang, direction in (("", "ru", "ltr"), ("en/", "en", "ltr"), ("ar/", "ar", "rtl")):
        html = mini_built.page(prefix + FIRST_URL)
        root = parse(html)
        assert find_all(root, "html")[0].attrs["lang"] == lang
        assert body(root).attrs["dir"] == direction


def test_translated_text_replaces_the_russian(mini_built: Built) -> None:
    html = mini_built.page("en/" + FIRST_URL)
    assert "A reviewed paragraph about peace." in html
    assert "Проверенный абзац о мире." not in html
    assert "<title>First statement - Мини</title>" in html
    assert "A machine paragraph about the weather." in html  # machine text is published
    assert "A stale paragraph about the sea." in html  # stale: its new machine text


def test_missing_unit_is_russian_marked_lang_ru(mini_built: Built) -> None:
    root = parse(mini_built.page("en/" + FIRST_URL))
    for text in ("Пропущенный абзац о горах.", "Пункт списка о полях"):
        element = element_with_text(root, text)
        assert element.inherited("lang") == "ru", text
    # In a right-to-left page the Russian block also says it runs left to right.
    root = parse(mini_built.page("ar/" + FIRST_URL))
    element = element_with_text(root, "Машинный абзац о погоде.")
    assert element.attrs["lang"] == "ru"
    assert element.attrs["dir"] == "ltr"
    assert element_with_text(root, "البيان الأول").inherited("lang") == "ar"


def test_untranslated_title_is_marked(mini_built: Built) -> None:
    root = parse(mini_built.page("ar/" + SECOND_URL))
    h1 = find_all(root, "h1")
    assert len(h1) == 1
    assert h1[0].all_text() == "Второе заявление"
    assert find_all(h1[0], "span")[0].attrs == {"lang": "ru", "dir": "ltr"}


def test_markup_error_entry_is_never_shown(mini_built: Built) -> None:
    for path in mini_built.site.rglob("*.html"):
        assert "BROKEN" not in path.read_text(encoding="utf-8"), path
    root = parse(mini_built.page("en/" + FIRST_URL))
    assert (
        element_with_text(root, "Абзац со сломанной разметкой о реках.").inherited("lang") == "ru"
    )


def test_hreflang_alternates_on_every_page(mini_built: Built) -> None:
    """Every page links its versions with hreflang (the switcher); no link rel=alternate in
    its head but its language's Atom feed, which lies at the site's root: Material fetches
    the sitemap.xml beside each alternate's address."""
    for path in mini_built.site.rglob("index.html"):
        if path.parent == mini_built.site / "search":
            continue
        root = parse(path.read_text(encoding="utf-8"))
        lang = find_all(root, "html")[0].attrs["lang"]
        alternates = [
            (link.attrs["type"], urlsplit(link.attrs["href"]).path.rsplit("/", 1)[-1])
            for link in find_all(root, "link", rel="alternate")
        ]
        feed = "feed.xml" if lang == "ru" else f"feed.{lang}.xml"
        assert alternates == [("application/atom+xml", feed)], path
        langs = {a.attrs["hreflang"] for a in find_all(root, "a", cls="md-select__link")}
        assert langs == {"ru", "en", "ar"}, path


def test_sitemap_lists_alternates(mini_built: Built) -> None:
    sitemap = (mini_built.site / "sitemap.xml").read_text(encoding="utf-8")
    block = re.search(
        rf"<url>\s*<loc>{re.escape(SITE_URL + 'en/' + q(FIRST_URL))}</loc>.*?</url>", sitemap, re.S
    )
    assert block, sitemap[:2000]
    for lang, prefix in (("ru", ""), ("en", "en/"), ("ar", "ar/")):
        link = f'hreflang="{lang}" href="{SITE_URL}{prefix}{q(FIRST_URL)}"'
        assert link in block.group(0)
    pair = re.search(
        rf"<url>\s*<loc>{re.escape(SITE_URL + 'ar/side-by-side/' + q(FIRST_URL))}</loc>.*?</url>",
        sitemap,
        re.S,
    )
    assert pair, sitemap[:2000]
    for lang in ("en", "ar"):
        link = f'hreflang="{lang}" href="{SITE_URL}{lang}/side-by-side/{q(FIRST_URL)}"'
        assert link in pair.group(0)


def test_language_switcher_stays_on_the_page(mini_built: Built) -> None:
    root = parse(mini_built.page("en/" + FIRST_URL))
    links = {
        a.attrs["hreflang"]: a.attrs["href"] for a in find_all(root, "a", cls="md-select__link")
    }
    assert links == {
        "ru": "../../../" + q(FIRST_URL),
        "en": "./",
        "ar": "../../../ar/" + q(FIRST_URL),
    }
    root = parse(mini_built.page("ar/side-by-side/" + FIRST_URL))
    links = {
        a.attrs["hreflang"]: a.attrs["href"] for a in find_all(root, "a", cls="md-select__link")
    }
    assert links["en"] == "../../../../en/side-by-side/" + q(FIRST_URL)
    assert links["ru"] == "../../../../" + q(FIRST_URL)


def test_banner_counts(mini_built: Built) -> None:
    root = parse(mini_built.page("en/" + FIRST_URL))
    banner = find_all(root, "aside", cls="dp-banner")
    assert len(banner) == 1
    counts = {
        span.classes()[1].removeprefix("dp-count--"): int(span.attrs["data-count"])
        for span in find_all(banner[0], "span", cls="dp-count")
    }
    # The machine output with broken markup is withheld, as status and check say too.
    assert counts == {"reviewed": 3, "machine": 2, "stale": 1, "withheld": 1, "missing": 2}
    assert find_all(banner[0], "p")[0].all_text() == (  # then the marks' legend
        "This translation is not fully reviewed: 3 reviewed, 2 machine-translated, 1 stale, "
        "1 withheld (shown in Russian), 2 not yet translated (shown in Russian). "
        "Compare with the original side by side"
    )
    # A fully reviewed page has no banner.
    assert not find_all(parse(mini_built.page("en/" + SECOND_URL)), "aside", cls="dp-banner")


def test_side_by_side_rows_states_and_links(mini_built: Built) -> None:
    catalog_path = mini_built.root / "translations" / "en" / FIRST.replace(".md", ".po")
    root = parse(mini_built.page("en/side-by-side/" + FIRST_URL))
    rows = [r for r in find_all(root, "div", cls="dp-row") if "dp-row--head" not in r.classes()]
    assert [r.attrs["data-state"] for r in rows] == [
        "reviewed",
        "machine",
        "reviewed",
        "machine",
        "stale",
        "missing",
        "withheld",
        "reviewed",
        "missing",
    ]
    by_source = {find_all(r, "div", cls="dp-src")[0].all_text(): r for r in rows}
    row = by_source["Проверенный абзац о мире."]
    src, tgt = find_all(row, "div", cls="dp-src")[0], find_all(row, "div", cls="dp-tgt")[0]
    assert (src.attrs["lang"], src.attrs["dir"]) == ("ru", "ltr")
    assert (tgt.attrs["lang"], tgt.attrs["dir"]) == ("en", "ltr")
    assert tgt.all_text() == "A reviewed paragraph about peace."
    assert find_all(row, "span", cls="dp-state")[0].all_text() == "reviewed"
    # "Suggest a fix" opens the issue form, filled in; the PO route stays beside it.
    link = find_all(row, "a", cls="dp-suggest")[0]
    assert link.attrs["href"] == form_url(
        REPO_URL, "en", FIRST, "Проверенный абзац о мире.", "A reviewed paragraph about peace."
    )
    line = msgstr_line(catalog_path, "Проверенный абзац о мире.")
    expected = f"{REPO_URL}/edit/main/translations/en/{q(FIRST.replace('.md', '.po'))}#L{line}"
    assert find_all(row, "a", cls="dp-edit-po")[0].attrs["href"] == expected
    stale = by_source["Устаревший абзац о море."]
    assert find_all(stale, "span", cls="dp-state--stale")[0].all_text() == (
        "stale: the original changed after review"
    )
    missing = by_source["Пропущенный абзац о горах."]
    tgt = find_all(missing, "div", cls="dp-tgt")[0]
    assert (tgt.attrs["lang"], tgt.all_text()) == ("ru", "Пропущенный абзац о горах.")
    assert find_all(missing, "a", cls="dp-suggest")  # the entry exists: it can be filled in
    absent = by_source["Пункт списка о полях"]
    assert not find_all(absent, "a", cls="dp-suggest")  # no entry to open yet


def test_side_by_side_arabic_directions(mini_built: Built) -> None:
    root = parse(mini_built.page("ar/side-by-side/" + FIRST_URL))
    rows = [r for r in find_all(root, "div", cls="dp-row") if "dp-row--head" not in r.classes()]
    title = rows[0]
    tgt = find_all(title, "div", cls="dp-tgt")[0]
    assert (tgt.attrs["lang"], tgt.attrs["dir"], tgt.all_text()) == ("ar", "rtl", "البيان الأول")
    other = find_all(rows[2], "div", cls="dp-tgt")[0]
    assert (other.attrs["lang"], other.attrs["dir"]) == ("ru", "ltr")


def test_links_inside_units_work_from_the_side_by_side_page(mini_built: Built) -> None:
    root = parse(mini_built.page("en/side-by-side/" + SECOND_URL))
    hrefs = [a.attrs["href"] for a in find_all(root, "a") if a.all_text() in ("link", "ссылкой")]
    assert hrefs == [f"../../../{q('о-проекте')}/", f"../../../{q('о-проекте')}/"]
    target = mini_built.site / "en" / "side-by-side" / "statements" / "x"
    assert (target.parent.parent.parent / "о-проекте" / "index.html").is_file()


def test_meta_description_is_escaped(mini_built: Built) -> None:
    html = mini_built.page("en/" + FIRST_URL)
    assert '<meta name="description" content="A short description, said &#34;first&#34;.">' in html


def test_statements_listed_by_date_in_the_readers_language(mini_built: Built) -> None:
    root = parse(mini_built.page("en/"))
    items = find_all(root, "li", cls="dp-statement")
    assert [i.all_text() for i in items] == [
        "9 May 2023Second statement",
        '1 March 2023First statementA short description, said "first".',
    ]
    assert find_all(items[0], "a")[0].attrs["href"] == q(SECOND_URL)
    assert find_all(items[0], "time")[0].attrs["datetime"] == "2023-05-09"
    root = parse(mini_built.page("ar/"))
    titles = find_all(root, "p", cls="dp-statement__title")
    assert titles[0].all_text() == "Второе заявление"
    assert find_all(titles[0], "span")[0].attrs["lang"] == "ru"
    assert titles[1].all_text() == "البيان الأول"


def test_dashboard_counts(mini_built: Built) -> None:
    root = parse(mini_built.page("dashboard/"))
    row = find_all(root, "tr", data_page=FIRST, data_lang="en")[0]
    numbers = [int(td.attrs["data-count"]) for td in find_all(row, "td")]
    # reviewed, edited, machine, stale, withheld, missing, and the page's units
    assert numbers == [3, 0, 2, 1, 1, 2, 9]
    row = find_all(root, "tr", data_page=FIRST, data_lang="ar")[0]
    assert [int(td.attrs["data-count"]) for td in find_all(row, "td")] == [1, 0, 0, 0, 0, 8, 9]


def test_no_request_to_another_host(mini_built: Built) -> None:
    """Nothing is loaded from elsewhere; links elsewhere are only plain links to the
    repository (GitHub edit links) and hreflang/canonical addresses of the site itself."""
    site_host = urlsplit(SITE_URL).netloc
    repo_host = urlsplit(REPO_URL).netloc
    for path in mini_built.site.rglob("*.html"):
        for node in parse(path.read_text(encoding="utf-8")).iter():
            for name in ("src", "href", "srcset", "data", "poster", "action"):
                value = node.attrs.get(name)
                if not value:
                    continue
                host = urlsplit(value).netloc
                if not host:
                    continue
                if node.tag == "a" and host == repo_host:
                    continue
                if node.tag == "link" and node.attrs.get("rel") == "canonical":
                    assert host == site_host, (path, value)
                    continue
                raise AssertionError(f"{path}: <{node.tag} {name}={value}> reaches {host}")
    for path in mini_built.site.rglob("*.css"):
        if "diptych" in path.parts or "stylesheets" in path.parts:
            assert "@import url(http" not in path.read_text(encoding="utf-8")


def test_search_indexes_one_per_language_with_russian_stemming(mini_built: Built) -> None:
    """Each language's pages search only that language's index (hooks/search_languages.py),
    whose locations are relative to that language's home; side-by-side views are not
    indexed. Units without a translation show (and are found) in Russian."""
    found = {}
    for lang in ("ru", "en", "ar"):
        folder = mini_built.site if lang == "ru" else mini_built.site / lang
        index = json.loads((folder / "search" / "search_index.json").read_text("utf-8"))
        pages = [doc for doc in index["docs"] if "#" not in doc["location"]]
        found[lang] = (
            index["config"]["lang"],
            index["config"]["pipeline"],
            [(unquote(doc["location"]), doc["title"]) for doc in pages],
        )
    pages = ["", "dashboard/", "о-проекте/", FIRST[:-3] + "/", SECOND[:-3] + "/"]
    stemmed = ["stemmer", "stopWordFilter"]
    titles = {
        "ru": ["Главная страница", "Переводы", "О проекте", "Первое заявление", "Второе заявление"],
        "en": ["Home page", "Переводы", "О проекте", "First statement", "Second statement"],
        "ar": ["Главная страница", "Переводы", "О проекте", "البيان الأول", "Второе заявление"],
    }
    assert found == {
        lang: ([lang], stemmed, list(zip(pages, names, strict=True)))
        for lang, names in titles.items()
    }
    lunr = mini_built.site / "assets" / "javascripts" / "lunr" / "min"
    assert (lunr / "lunr.ru.min.js").is_file()
