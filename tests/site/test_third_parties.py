"""No third-party requests: no web fonts, nothing fetched from another host by any built
page, stylesheet or script of ours, and a page from docs/ that would embed something remote
fails the strict build."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from mkdocs.config import load_config

from diptych.site.remote import remote_requests
from tests.support.pages import PAGES
from tests.support.project import write_mini_project
from tests.support.repo import REPO
from tests.support.site import Built, build

MERMAID = '<pre class="mermaid"> (Material loads mermaid from unpkg.com)'
REMOTE_CSS = re.compile(r"url\(\s*['\"]?(?:https?:)?//|@import\s+(?:url\()?['\"]?(?:https?:)?//")


def test_material_web_fonts_are_off() -> None:
    config = load_config(str(REPO / "mkdocs.yml"))
    assert config.theme["font"] is False


def test_no_page_stylesheet_or_script_of_the_site_fetches_elsewhere(repo_built: Built) -> None:
    pages = sorted(repo_built.site.rglob("*.html"))
    assert len(pages) > 20
    for path in pages:
        html = path.read_text(encoding="utf-8")
        assert remote_requests(html) == [], path
        assert "fonts.googleapis.com" not in html and "fonts.gstatic.com" not in html
        assert 'data-md-component="source"' not in html  # would ask api.github.com
    sheets = sorted(repo_built.site.rglob("*.css"))
    assert sheets
    for path in sheets:
        assert not REMOTE_CSS.search(path.read_text(encoding="utf-8")), path
    ours = (repo_built.site / "assets" / "diptych" / "diptych.js").read_text(encoding="utf-8")
    assert not re.search(r"https?:|fetch\(|XMLHttpRequest|//[a-z]", ours)


@pytest.mark.parametrize(
    ("html", "found"),
    [
        ('<img src="https://e.org/a.png" alt="">', ["<img src='https://e.org/a.png'>"]),
        ('<img src="a.png" srcset="a.png 1x, //e.org/b.png 2x">', 1),
        ('<link rel="stylesheet" href="https://cdn.e.org/a.css">', 1),
        ('<link rel="preload" href="//cdn.e.org/f.woff2" as="font">', 1),
        ("<iframe src='https://e.org/'></iframe>", 1),
        ("<div style=\"background: url('https://e.org/x.png')\"></div>", 1),
        ('<pre class="mermaid">graph TD</pre>', 1),
        ('<video poster="http://e.org/p.jpg"></video>', 1),
        ('<a href="https://e.org/">a link is not a request</a>', 0),
        ('<link rel="canonical" href="https://e.org/">', 0),
        ('<img src="../assets/a.png" alt=""><img src="data:image/png;base64,AA" alt="">', 0),
        ('<script src="../assets/diptych/diptych.js"></script>', 0),
    ],
)
def test_remote_requests(html: str, found: list[str] | int) -> None:
    got = remote_requests(html)
    assert got == found if isinstance(found, list) else len(got) == found


def test_a_page_embedding_a_remote_image_fails_the_strict_build(tmp_path: Path) -> None:
    pages = {
        "index.md": PAGES["index.md"],
        "о-проекте.md": "# О проекте\n\n![Карта](https://tiles.example.net/map.png)\n",
    }
    root = write_mini_project(tmp_path / "сайт", pages, {})
    built = build(root)
    assert built.returncode != 0
    assert (
        "о-проекте.md: a request to another host: <img src='https://tiles.example.net/map.png'>"
        in built.log
    )


# Markup that parsers read differently, each with what a browser's parser makes of it (the
# WHATWG rules: raw text in <script>, comments, character references in values, the first
# of two equal attributes, a '/' between attributes, foreign content in <svg>). Elements
# that carry a fetching attribute are reported even where the browser ignores it there
# (``<p src>``): reporting more is safe, reporting less is not. An attribute named twice is
# read once (the first), as the DOM has it; see DUPLICATES for why that is enough.
TRICKY = [
    ('<img src="//evil.example/a.png">', ["<img src='//evil.example/a.png'>"]),
    ('<img src="/\t/evil.example/a.png">', ["<img src='/\\t/evil.example/a.png'>"]),
    ('<img src="&#47;&#47;evil.example/a.png">', ["<img src='//evil.example/a.png'>"]),
    ('<img src="https&colon;//evil.example/a.png">', ["<img src='https://evil.example/a.png'>"]),
    ('<IMG SRC="HTTPS://evil.example/a.png">', ["<img src='HTTPS://evil.example/a.png'>"]),
    (
        '<img srcset="a.png 1x, //evil.example/b.png 2x">',
        ["<img srcset='a.png 1x, //evil.example/b.png 2x'>"],
    ),
    (
        '<div style="background: URL(//evil.example/x.png)">x</div>',
        ["<div style=...url(//evil.example/x.png)>"],
    ),
    (
        '<div style="background: url(&quot;//evil.example/x.png&quot;)">x</div>',
        ["<div style=...url(//evil.example/x.png)>"],
    ),
    ('<pre class="mermaid">graph TD</pre>', [MERMAID]),
    ('<pre class="&#109;ermaid">graph TD</pre>', [MERMAID]),
    (
        '<link rel="stylesheet" href="https://evil.example/x.css">',
        ["<link href='https://evil.example/x.css'>"],
    ),
    (
        '<link rel="stylesheet" x="><link rel="canonical" href="https://evil.example/x.css">',
        ["<link href='https://evil.example/x.css'>"],
    ),
    ('<link <a href="https://evil.example/x.css">', []),
    (
        '<link rel="preload" as="image" imagesrcset="//evil.example/i.png 2x">',
        ["<link imagesrcset='//evil.example/i.png 2x'>"],
    ),
    (
        '<form action="https://evil.example/post"><input name="q"></form>',
        ["<form action='https://evil.example/post'>"],
    ),
    ('<a href="https://example.org/">a link is not a request</a>', []),
    ("<script>var s = '<img src=\"//evil.example/in-script.png\">';</script>", []),
    ('<!-- <img src="//evil.example/in-comment.png"> -->', []),
    ('<p title="<img src=//evil.example/in-attr.png>">x</p>', []),
    (
        '<p title = "a>b" src="//evil.example/after-gt.png">x</p>',
        ["<p src='//evil.example/after-gt.png'>"],
    ),
    (
        '<svg><image href="//evil.example/svg.png"/></svg>',
        ["<image href='//evil.example/svg.png'>"],
    ),
    (
        '<svg><use xlink:href="https://evil.example/s.svg#a"/></svg>',
        ["<use xlink:href='https://evil.example/s.svg#a'>"],
    ),
    ('<span/src="//evil.example/slash.png">x</span>', ["<span src='//evil.example/slash.png'>"]),
    (
        '<video poster="//evil.example/p.png"></video><object data="//evil.example/o"></object>',
        ["<video poster='//evil.example/p.png'>", "<object data='//evil.example/o'>"],
    ),
]


@pytest.mark.parametrize(("snippet", "found"), TRICKY)
def test_tricky_markup_is_read_as_a_browser_reads_it(
    snippet: str, found: list[str], repo_built: Built
) -> None:
    """Alone, inside a real page's article, and cut off at the end of a real page."""
    page = (repo_built.site / "index.html").read_text(encoding="utf-8")
    cut = page.index("<article")
    assert remote_requests(snippet) == found
    assert remote_requests(page[:cut] + snippet + page[cut:]) == found


@pytest.mark.parametrize(("snippet", "found"), TRICKY)
def test_whatever_chromium_fetches_from_another_host_is_found(
    snippet: str, found: list[str], page_factory: Any
) -> None:
    """The browser is the judge: each snippet served as a page from 127.0.0.1; any request
    Chromium makes to another host must be among the findings."""
    page = page_factory()
    body = f"<!doctype html><html lang=en><title>t</title><body>{snippet}</body></html>"
    page.route(
        "http://127.0.0.1:9/snippet.html",
        lambda route: route.fulfill(body=body, content_type="text/html; charset=utf-8"),
    )
    page.goto("http://127.0.0.1:9/snippet.html", wait_until="load")
    page.wait_for_timeout(50)
    hosts = {urlsplit(url).hostname for url in page.foreign}
    assert hosts <= ({"evil.example"} if found else set()), page.foreign


# A browser's DOM keeps the first of two equal attributes, but Chromium's preload scanner
# fetches by the last: these would make Chromium ask evil.example although the DOM, and
# so remote_requests, see only a local or non-fetching link.
DUPLICATES = (
    '<img src="a.png" src="//evil.example/x.png" alt=""> '
    '<link rel="canonical" href="https://evil.example/" rel="stylesheet">'
)


def test_attributes_named_twice_never_reach_a_page(tmp_path: Path, page_factory: Any) -> None:
    """Every page's content is rewritten from its DOM by the sanitizer (nh3), so an attribute
    named twice in docs/ reaches the site once, as the DOM reads it; the built page then
    asks no other host, in Chromium either."""
    pages = {"index.md": PAGES["index.md"], "о-проекте.md": f"# О проекте\n\nТекст {DUPLICATES}.\n"}
    root = write_mini_project(tmp_path / "сайт", pages, {})
    built = build(root, strict=False)
    assert built.returncode == 0, built.log
    html = (built.site / "о-проекте" / "index.html").read_text(encoding="utf-8")
    assert '<img src="a.png" alt="">' in html
    assert "evil.example" not in html
    assert remote_requests(html) == []
    page = page_factory()
    page.route(
        "http://127.0.0.1:9/page.html",
        lambda route: route.fulfill(body=html, content_type="text/html; charset=utf-8"),
    )
    page.goto("http://127.0.0.1:9/page.html", wait_until="load")
    page.wait_for_timeout(50)
    assert page.foreign == []
