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
