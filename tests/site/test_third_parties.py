"""No third-party requests: no web fonts, nothing fetched from another host by any built
page, stylesheet or script of ours, and a page from docs/ that would embed something remote
fails the strict build."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from mkdocs.config import load_config
from sitefixtures import PAGES, REPO, Built, build, make_site

from diptych.site.remote import remote_requests

REMOTE_CSS = re.compile(r"url\(\s*['\"]?(?:https?:)?//|@import\s+(?:url\()?['\"]?(?:https?:)?//")


def test_material_web_fonts_are_off() -> None:
    config = load_config(str(REPO / "mkdocs.yml"))
    assert config.theme["font"] is False


def test_no_page_stylesheet_or_script_of_the_site_fetches_elsewhere(repo_site: Built) -> None:
    pages = sorted(repo_site.site.rglob("*.html"))
    assert len(pages) > 20
    for path in pages:
        html = path.read_text(encoding="utf-8")
        assert remote_requests(html) == [], path
        assert "fonts.googleapis.com" not in html and "fonts.gstatic.com" not in html
        assert 'data-md-component="source"' not in html  # would ask api.github.com
    sheets = sorted(repo_site.site.rglob("*.css"))
    assert sheets
    for path in sheets:
        assert not REMOTE_CSS.search(path.read_text(encoding="utf-8")), path
    ours = (repo_site.site / "assets" / "diptych" / "diptych.js").read_text(encoding="utf-8")
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
    root = make_site(tmp_path / "сайт", pages, {})
    built = build(root)
    assert built.returncode != 0
    assert (
        "о-проекте.md: a request to another host: <img src='https://tiles.example.net/map.png'>"
        in built.log
    )


TRICKY = [
    '<img src="//evil.example/a.png">',
    '<img src="/\t/evil.example/a.png">',
    '<img src="&#47;&#47;evil.example/a.png">',
    '<img src="https&colon;//evil.example/a.png">',
    '<IMG SRC="HTTPS://evil.example/a.png">',
    '<img srcset="a.png 1x, //evil.example/b.png 2x">',
    '<div style="background: URL(//evil.example/x.png)">x</div>',
    '<div style="background: url(&quot;//evil.example/x.png&quot;)">x</div>',
    '<pre class="mermaid">graph TD</pre>',
    '<pre class="&#109;ermaid">graph TD</pre>',
    '<link rel="stylesheet" href="https://evil.example/x.css">',
    '<link rel="canonical" href="https://evil.example/" rel="stylesheet">',
    '<link rel="stylesheet" x="><link rel="canonical" href="https://evil.example/x.css">',
    '<link <a href="https://evil.example/x.css">',
    '<form action="https://evil.example/post"><input name="q"></form>',
    '<a href="https://example.org/">a link is not a request</a>',
    "<script>var s = '<img src=\"//evil.example/in-script.png\">';</script>",
    '<!-- <img src="//evil.example/in-comment.png"> -->',
    '<p title="<img src=//evil.example/in-attr.png>">x</p>',
    '<p title = "a>b" src="//evil.example/after-gt.png">x</p>',
    '<svg><image href="x" src="//evil.example/svg.png"/></svg>',
    '<span/src="//evil.example/slash.png">x</span>',
    '<video poster="//evil.example/p.png"></video><object data="//evil.example/o"></object>',
]


@pytest.mark.parametrize("snippet", TRICKY)
def test_passing_over_plain_tags_finds_what_a_full_parse_finds(
    snippet: str, repo_site: Built
) -> None:
    """Tags whose text cannot name another host are passed over unparsed; the findings must
    be those of the parser reading every tag, wherever in a real page the markup sits."""
    from html.parser import HTMLParser

    from diptych.site import remote

    class FullScan(remote._Scan):
        parse_starttag = HTMLParser.parse_starttag

    def full(page: str) -> list[str]:
        scan = FullScan()
        scan.feed(page)
        scan.close()
        return scan.found

    page = (repo_site.site / "index.html").read_text(encoding="utf-8")
    cut = page.index("<article")
    for html in (snippet, page[:cut] + snippet + page[cut:], page + snippet[: len(snippet) // 2]):
        assert remote_requests(html) == full(html), html[-300:]


def test_most_tricky_snippets_are_requests() -> None:
    assert sum(bool(remote_requests(snippet)) for snippet in TRICKY) >= 15
