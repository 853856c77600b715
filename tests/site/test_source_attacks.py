"""Source pages are untrusted too: what a page in docs/ says about itself, its file name
and its reference definitions never become live markup on the site, in any language.

Real builds of mini sites with the project's own mkdocs.yml (without its nav), hooks and
theme overrides:

* front matter whose title, description and other fields Material shows are HTML after
  YAML decoding (``"\\x3cscript\\x3e"``, or plainly ``'<b onmouseover=...>'``): shown as
  text in ``<title>``, ``<meta>``, the header, the navigation, the statements list, the
  dashboard, the article header, the side-by-side page and the search index, in the source
  language, in machine-translated languages (pseudo catalogs) and in a language with no
  catalog (Russian shown);
* a file name with ``<``, ``>`` or quotes: ``diptych check`` reports D504 and the build
  fails with a message naming the file;
* link reference definitions hidden in list items and block quotes by deep indents, which
  Python-Markdown (the site's renderer) reads as definitions: D502 names the page and line,
  and the site has no ``javascript:`` link.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polib
import pytest

from tests.support.html import Element, find_all, parse
from tests.support.repo import REPO
from tests.support.site import Built

SITE_NAME = "Diptych"
LANGS = ("ru", "en", "de", "zh", "ar")
TRANSLATED = ("en", "de", "ar")  # pseudo-translated; zh has no catalogs: Russian shown
TARGETS = (*TRANSLATED, "zh")

ESCAPES = "statements/escapes.md"
PLAIN = "statements/plain.md"
BREAKOUT = "breakout.md"
CONTROLS = "controls.md"

# Each field as the page's YAML writes it, and as YAML decodes it.
ESCAPED_TITLE = "<script>alert(1)</script>"
ESCAPED_DESCRIPTION = "<img src=x onerror=alert(2)>"
PLAIN_TITLE = "<b onmouseover=alert(3)>x</b>"
PLAIN_DESCRIPTION = '"><svg onload=alert(4)>'
BREAKOUT_TITLE = "</title><script>alert(5)</script>"
BREAKOUT_DESCRIPTION = '" onmouseover="alert(6)'
SUBTITLE = "<img src=x onerror=alert(7)>"
STATUS = 'new" onmouseover="alert(8)'
TAG = "<img src=x onerror=alert(9)>"
CONTROLS_TITLE = "Управляющие\x7f символы \U0001f600 <script>alert(10)</script>"

PAGES = {
    "index.md": """\
---
title: Главная
---

# Главная страница

Текст главной страницы.

<!-- diptych:statements -->
""",
    "dashboard.md": """\
# Панель

<!-- diptych:dashboard -->
""",
    ESCAPES: """\
---
title: "\\x3cscript\\x3ealert(1)\\x3c/script\\x3e"
description: "\\x3cimg src=x onerror=alert(2)\\x3e"
date: 2024-01-02
---

Первый абзац заявления.
""",
    PLAIN: """\
---
title: '<b onmouseover=alert(3)>x</b>'
description: '"><svg onload=alert(4)>'
date: 2024-02-03
---

Второй абзац заявления.
""",
    BREAKOUT: """\
---
title: '</title><script>alert(5)</script>'
description: '" onmouseover="alert(6)'
subtitle: '<img src=x onerror=alert(7)>'
status: 'new" onmouseover="alert(8)'
tags: ['<img src=x onerror=alert(9)>']
---

Третий абзац.
""",
    CONTROLS: """\
---
title: "Управляющие\\x7f символы \\U0001F600 \\x3cscript\\x3ealert(10)\\x3c/script\\x3e"
---

Четвёртый абзац.
""",
}

# What a payload runs as, pseudo-localised or not.
RUNS = re.compile(r"alert\(|åléŕt\(")


def _mkdocs_yml() -> str:
    """The project's mkdocs.yml without its nav: every page of the mini site is listed."""
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    head, nav, _ = text.partition("\nnav:\n")
    assert nav, "mkdocs.yml has no nav section any more: update this test"
    return head + "\n"


def _make(root: Path, pages: dict[str, str]) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text(_mkdocs_yml(), encoding="utf-8")
    shutil.copytree(REPO / "hooks", root / "hooks", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(REPO / "overrides", root / "overrides")
    for rel, text in pages.items():
        path = root / "docs" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def _build(root: Path) -> Built:
    """``mkdocs build --no-strict`` (the project's mkdocs.yml says strict: true): every
    page is written, warnings or not, for the tests to look at."""
    command = [sys.executable, "-m", "mkdocs", "build", "--no-strict", "-d", str(root / "site")]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SITE_URL", None)
    env.pop("REPO_URL", None)
    done = subprocess.run(
        command, cwd=root, env=env, capture_output=True, text=True, timeout=600, check=False
    )
    return Built(root, root / "site", done.stdout + done.stderr, done.returncode)


def _diptych(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "diptych.cli", *args],
        cwd=root,
        env={**os.environ, "NO_COLOR": "1"},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@dataclass
class Attacked:
    built: Built

    def page(self, lang: str, rel: str, *, pair: bool = False) -> Element:
        url = rel[:-3] + "/" if not rel.endswith("index.md") else rel[: -len("index.md")]
        url = ("side-by-side/" + url) if pair else url
        url = url if lang == "ru" else f"{lang}/{url}"
        return parse(self.built.page(url))

    def shown(self, lang: str, rel: str, source: str) -> set[str]:
        """What a page's front-matter field may read as in ``lang``: its Russian text, or
        the catalog's translation of it (if the build publishes it)."""
        shown = {source}
        po_path = self.built.root / "translations" / lang / (rel[:-3] + ".po")
        if lang != "ru" and po_path.is_file():
            entry = polib.pofile(str(po_path)).find(source)
            if entry is not None and entry.msgstr:
                shown.add(entry.msgstr)
        return shown


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Attacked:
    root = _make(tmp_path_factory.mktemp("source-attacks"), PAGES)
    for lang in TRANSLATED:
        done = _diptych(root, "translate", "--engine", "pseudo", "--to", lang, "-q")
        assert done.returncode == 0, done.stdout + done.stderr
    built = _build(root)
    assert built.returncode == 0, built.log
    return Attacked(built)


def _text(element: Element) -> str:
    return " ".join(element.all_text().split())


def _active(root: Element) -> list[str]:
    """Event handlers anywhere, and scripts or elements that a payload made."""
    found = []
    for node in root.iter():
        found += [f"<{node.tag} {name}>" for name in node.attrs if name.lower().startswith("on")]
        if node.tag == "script" and RUNS.search(node.all_text()):
            found.append(f"<script>{node.all_text()[:40]}")
        if node.tag in ("img", "svg", "b", "i") and node.parent and node.parent.tag == "title":
            found.append(f"<{node.tag}> in <title>")
    return found


# -- everything, everywhere ------------------------------------------------------------


def test_no_payload_is_live_anywhere(built: Attacked) -> None:
    """Every built page, the search index and the sitemap: no event handler, no script
    that a payload made, in any language. Fails if any one of the escapes the tests below
    name is undone (hooks/titles.py's on_env, its TEXT_FIELDS or tags, listing.py,
    page_parts.py, pair.py's heading or front-matter rows)."""
    outputs = sorted(built.built.site.rglob("*"))
    pages = [p for p in outputs if p.suffix == ".html"]
    assert len({p.relative_to(built.built.site).parts[0] for p in pages}) > len(LANGS)
    for path in pages:
        assert _active(parse(path.read_text(encoding="utf-8"))) == [], path
    for path in (p for p in outputs if p.name == "search_index.json"):
        for doc in json.loads(path.read_text(encoding="utf-8"))["docs"]:
            for value in [doc["title"], doc["text"], *doc.get("tags", [])]:
                assert _active(parse(value)) == [], (path, doc["location"], value)
    for path in (p for p in outputs if p.name == "sitemap.xml"):
        text = path.read_text(encoding="utf-8")
        ET.fromstring(text)
        assert not RUNS.search(text), path


# -- the theme -------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(
    ("rel", "title", "description"),
    [
        (ESCAPES, ESCAPED_TITLE, ESCAPED_DESCRIPTION),
        (PLAIN, PLAIN_TITLE, PLAIN_DESCRIPTION),
        (BREAKOUT, BREAKOUT_TITLE, BREAKOUT_DESCRIPTION),
    ],
)
def test_title_and_description_in_the_head(
    built: Attacked, lang: str, rel: str, title: str, description: str
) -> None:
    """<title> and <meta name=description> hold the decoded text exactly, escaped once.
    Fails if overrides/main.html escapes page.meta.title or .description without
    ``striptags`` first (they are HTML text by then: '&lt;' would show), or if
    hooks/titles.py's on_env does not escape them (main.html's striptags then eats
    '<b ...>' and the text is lost; without striptags either, '</title><script>' would
    end the title and run)."""
    root = built.page(lang, rel)
    titles = find_all(root, "title")
    assert len(titles) == 1 and not titles[0].children, rel
    assert {_text(titles[0])} <= {f"{t} - {SITE_NAME}" for t in built.shown(lang, rel, title)}
    meta = [m.attrs["content"] for m in find_all(root, "meta", name="description")]
    assert len(meta) == 1 and meta[0] in built.shown(lang, rel, description)


@pytest.mark.parametrize("lang", LANGS)
def test_header_and_navigation_show_titles_as_text(built: Attacked, lang: str) -> None:
    """Material writes page.meta.title into the header and page.title into the
    navigation as HTML. Fails if hooks/titles.py's on_env does not escape front-matter
    titles (or the hook is missing from mkdocs.yml)."""
    home = built.page(lang, "index.md")
    nav = [
        " ".join("".join(span.text).split())
        for link in find_all(home, "a", cls="md-nav__link")
        for span in find_all(link, "span", cls="md-ellipsis")
    ]
    for rel, title in ((ESCAPES, ESCAPED_TITLE), (PLAIN, PLAIN_TITLE), (BREAKOUT, BREAKOUT_TITLE)):
        shown = built.shown(lang, rel, title)
        topic = find_all(
            built.page(lang, rel), "div", cls="md-header__topic", data_md_component="header-topic"
        )
        assert len(topic) == 1 and not find_all(topic[0], "span")[0].children, rel
        assert _text(topic[0]) in shown, rel
        assert [t for t in nav if t in shown], (rel, nav)


def _search_docs(built: Attacked, lang: str) -> list[dict[str, Any]]:
    """The entries of ``lang``'s search index (hooks/search_languages.py: one per
    language, locations relative to the language's root)."""
    folder = built.built.site if lang == "ru" else built.built.site / lang
    index = json.loads((folder / "search" / "search_index.json").read_text("utf-8"))
    return list(index["docs"])


@pytest.mark.parametrize("lang", LANGS)
def test_subtitle_status_and_tags(built: Attacked, lang: str) -> None:
    """Other front-matter fields Material writes as HTML: the navigation's subtitle and
    status (a class name) and the search index's tags. Fails if hooks/titles.py leaves
    ``subtitle`` or ``status`` out of TEXT_FIELDS, or does not escape ``tags`` (the
    search script inserts tags as HTML too)."""
    root = built.page(lang, BREAKOUT)
    subtitles = {_text(s) for s in find_all(root, "small") if s.parent and s.parent.tag == "span"}
    assert SUBTITLE in subtitles
    classes = [s.attrs["class"] for s in find_all(root, "span", cls="md-status")]
    assert classes and set(classes) == {f"md-status md-status--{STATUS}"}, classes
    docs = [d for d in _search_docs(built, lang) if d["location"] == "breakout/"]
    assert docs and all(d["tags"] == [html.escape(TAG)] for d in docs), docs


@pytest.mark.parametrize("lang", LANGS)
def test_search_index_titles_are_html_text(built: Attacked, lang: str) -> None:
    """Material's search script inserts each result's title as HTML: the index holds the
    title escaped, exactly once. Fails if hooks/titles.py does not escape ``title``
    (Material's search plugin copies page.meta.title into the index as it is)."""
    docs = _search_docs(built, lang)
    for rel, title in ((ESCAPES, ESCAPED_TITLE), (PLAIN, PLAIN_TITLE), (BREAKOUT, BREAKOUT_TITLE)):
        location = rel[:-3] + "/"
        titles = [d["title"] for d in docs if d["location"] == location]
        assert titles, location
        for value in titles:
            assert not parse(value).children, value  # text only, no element
            assert html.unescape(value) in built.shown(lang, rel, title), value


# -- the project's own HTML --------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_statements_list_and_dashboard(built: Attacked, lang: str) -> None:
    """The statements list (hooks/lists.py, site/listing.py) shows titles and leads as
    text; the dashboard shows page titles as text. Fails if listing.py's ``_text`` or
    ``_titled`` stops escaping."""
    items = find_all(built.page(lang, "index.md"), "li", cls="dp-statement")
    texts = [_text(i) for i in items]
    for rel, title, description in (
        (ESCAPES, ESCAPED_TITLE, ESCAPED_DESCRIPTION),
        (PLAIN, PLAIN_TITLE, PLAIN_DESCRIPTION),
    ):
        assert any(
            t in text and d in text
            for text in texts
            for t in built.shown(lang, rel, title)
            for d in built.shown(lang, rel, description)
        ), (rel, texts)
    rows = find_all(built.page(lang, "dashboard.md"), "tr")
    names = {_text(r.children[0]) for r in rows if r.attrs.get("data-page") == ESCAPES}
    assert names and names <= {
        t for code in LANGS for t in built.shown(code, ESCAPES, ESCAPED_TITLE)
    }


@pytest.mark.parametrize("lang", LANGS)
def test_article_header(built: Attacked, lang: str) -> None:
    """A dated page's header (hooks/page_header.py, site/page_parts.py): title and lead
    as text. Fails if page_parts' ``_marked`` stops escaping."""
    for rel, title, description in (
        (ESCAPES, ESCAPED_TITLE, ESCAPED_DESCRIPTION),
        (PLAIN, PLAIN_TITLE, PLAIN_DESCRIPTION),
    ):
        head = find_all(built.page(lang, rel), "header", cls="dp-article-head")
        assert len(head) == 1, rel
        assert _text(find_all(head[0], "h1")[0]) in built.shown(lang, rel, title)
        assert _text(find_all(head[0], "p", cls="dp-lead")[0]) in built.shown(
            lang, rel, description
        )


@pytest.mark.parametrize("lang", TARGETS)
def test_side_by_side_heading_and_front_matter_rows(built: Attacked, lang: str) -> None:
    """The side-by-side page (site/pair.py): its heading, and the rows of the title and
    description, which are text after YAML decoding, not Markdown. Fails if pair.py
    renders front-matter units with the Markdown renderer (the Russian column then holds
    a live <script>/<img onerror>), or stops escaping the heading."""
    for rel, title, description in (
        (ESCAPES, ESCAPED_TITLE, ESCAPED_DESCRIPTION),
        (PLAIN, PLAIN_TITLE, PLAIN_DESCRIPTION),
    ):
        root = built.page(lang, rel, pair=True)
        heading = find_all(root, "h1", cls="dp-pair-title")
        assert len(heading) == 1
        assert _text(heading[0].children[0]) in built.shown(lang, rel, title)
        for field, text in (("title", title), ("description", description)):
            row = find_all(root, "div", cls=f"dp-kind-front-matter-{field}")
            assert len(row) == 1, (rel, field)
            source = find_all(row[0], "div", cls="dp-src")[0]
            target = find_all(row[0], "div", cls="dp-tgt")[0]
            assert not source.children and not target.children, (rel, field)
            assert _text(source) == text
            assert _text(target) in built.shown(lang, rel, text)


@pytest.mark.parametrize("lang", TARGETS)
def test_side_by_side_page_keeps_its_front_matter(built: Attacked, lang: str) -> None:
    """The side-by-side page's generated front matter (site/render.py stub_markdown)
    reads back with every character of the title: DEL, an emoji, '<script>'. Fails if
    stub_markdown writes JSON with ensure_ascii=False again (YAML refuses DEL, MkDocs
    drops the whole front matter, and the page loses its title and enters the search
    index), or if hooks/titles.py does not escape the title (main.html's striptags eats
    the '<script>' part)."""
    root = built.page(lang, CONTROLS, pair=True)
    shown = built.shown(lang, CONTROLS, CONTROLS_TITLE)
    titles = [_text(t) for t in find_all(root, "title")]
    assert len(titles) == 1
    assert any(titles[0].startswith(" ".join(t.split())) for t in shown), titles
    assert not [d for d in _search_docs(built, lang) if "side-by-side/" in d["location"]]


# -- file names --------------------------------------------------------------------------

UNSAFE_NAMES = [
    "<img src=x onerror=alert(1)>.md",
    'x" onmouseover="alert(2).md',
    "it's.md",
    "<b>/page.md",
    "bidi\u202eevil.md",
]
PAGE = "# Заголовок\n\nТекст.\n"


@pytest.mark.parametrize("name", UNSAFE_NAMES)
def test_unsafe_file_name_fails_the_build(tmp_path: Path, name: str) -> None:
    """A page named with markup fails the build with one clean message naming the file
    and saying to rename it. Fails if hooks/titles.py's on_files is removed (the build
    then succeeds, with the name as markup in every page's navigation)."""
    root = _make(tmp_path / "site", {"index.md": PAGE, "ok & fine.md": PAGE, name: PAGE})
    built = _build(root)
    assert built.returncode != 0, built.log
    shown = "".join(c if c.isprintable() else f"<U+{ord(c):04X}>" for c in name)
    errors = [line for line in built.log.splitlines() if line.startswith("ERROR")]
    assert len(errors) == 1, built.log
    assert f"docs/{shown}: the name contains" in errors[0]
    assert "rename the file or folder" in errors[0]
    assert "ok & fine" not in built.log
    assert "Traceback" not in built.log


@pytest.mark.parametrize("name", UNSAFE_NAMES)
def test_unsafe_file_name_is_d504(tmp_path: Path, name: str) -> None:
    """``diptych check`` reports D504 on the page, and nothing on a name with '&' or
    spaces. Fails if Checker.check_page does not call diptych.check.names."""
    root = _make(tmp_path / "site", {"index.md": PAGE, "ok & fine.md": PAGE, name: PAGE})
    done = _diptych(root, "check", "docs")
    assert done.returncode == 1, done.stdout + done.stderr
    flagged = [line for line in done.stdout.splitlines() if ": D504: " in line]
    assert len(flagged) == 1, done.stdout
    assert flagged[0].startswith(f"docs/{name}:1: D504: the name contains"), flagged
    assert "rename the file or folder" in flagged[0]


# -- reference definitions hidden by indentation ----------------------------------------

# Each page: the definition (line DEF) that Python-Markdown reads after stripping a list
# item's or block quote's indent, and the link that uses it (line LINK).
HIDDEN = {
    "list-item": ("- пункт\n\n      [x]: javascript:alert(4)\n\n  [ссылка][x]\n", 5, 7),
    "list-item-tab": ("- пункт\n\n\t[x]: javascript:alert(4)\n\n[ссылка][x]\n", 5, 7),
    "ordered-item": ("1. пункт\n\n       [x]: javascript:alert(4)\n\n[ссылка][x]\n", 5, 7),
    "nested-list": (
        "- пункт\n    - вложенный\n\n          [x]: javascript:alert(4)\n\n[ссылка][x]\n",
        6,
        8,
    ),
    "block-quote": ("> цитата\n> [x]: javascript:alert(5)\n\n[ссылка][x]\n", 4, 6),
    "block-quote-lazy": ("> цитата\n   [x]: javascript:alert(5)\n\n[ссылка][x]\n", 4, 6),
    "list-in-quote": ("> - пункт\n>\n>       [x]: javascript:alert(5)\n\n[ссылка][x]\n", 5, 7),
    "nested-list-in-quote": (
        "> - пункт\n>     - вложенный\n>\n>           [x]: javascript:alert(5)\n\n[ссылка][x]\n",
        6,
        8,
    ),
    "list-in-nested-quote": (
        "> > - пункт\n> >\n> >       [x]: javascript:alert(5)\n\n[ссылка][x]\n",
        5,
        7,
    ),
    "quote-in-list": (
        "- пункт\n\n    > цитата\n    >\n    >   [x]: javascript:alert(5)\n\n[ссылка][x]\n",
        7,
        9,
    ),
}


def _hidden_pages() -> dict[str, str]:
    pages = {"index.md": PAGE}
    for name, (body, _, _) in HIDDEN.items():
        pages[f"{name}.md"] = f"# Заголовок\n\n{body}"
    return pages


@pytest.fixture(scope="module")
def hidden_built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    root = _make(tmp_path_factory.mktemp("hidden-references"), _hidden_pages())
    done = _diptych(root, "translate", "--engine", "pseudo", "--to", "en", "-q")
    assert done.returncode == 0, done.stdout + done.stderr
    built = _build(root)
    assert built.returncode == 0, built.log
    return built


def test_the_hidden_definitions_are_real() -> None:
    """The pages are what they claim: Python-Markdown, the site's renderer, makes a
    javascript: link of each, at the lines the D502 test expects. Fails only if the
    fixture or Python-Markdown changes (the other two tests would then prove nothing)."""
    import markdown
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_constructor("!ENV", lambda loader, node: None)
    # The heading ids' slugify function (a python tag) changes no link: left out.
    Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
    config = yaml.load(_mkdocs_yml(), Loader=Loader)
    extensions = [
        next(iter(e)) if isinstance(e, dict) else e for e in config["markdown_extensions"]
    ]
    settings = {
        k: {key: value for key, value in v.items() if value is not None}
        for e in config["markdown_extensions"]
        if isinstance(e, dict)
        for k, v in e.items()
    }
    for name, (_, definition, link) in HIDDEN.items():
        page = _hidden_pages()[f"{name}.md"]
        lines = page.splitlines()
        assert "javascript:" in lines[definition - 1] and "[ссылка][x]" in lines[link - 1]
        out = markdown.markdown(page, extensions=extensions, extension_configs=settings)
        assert 'href="javascript:alert' in out, name


@pytest.mark.parametrize("name", sorted(HIDDEN))
def test_hidden_definition_is_d502(hidden_built: Built, name: str) -> None:
    """``diptych check`` reports D502 on the page, at the definition's line or the
    link's. Fails while D502 judges the page with markdown-it-py (CommonMark), which reads
    these definitions as indented code, instead of the HTML Python-Markdown renders."""
    _, definition, link = HIDDEN[name]
    done = _diptych(hidden_built.root, "check", f"docs/{name}.md")
    flagged = [line for line in done.stdout.splitlines() if ": D502: " in line]
    assert done.returncode == 1, done.stdout + done.stderr
    assert flagged, done.stdout
    assert {line.split(":")[1] for line in flagged} <= {str(definition), str(link)}, flagged
    assert all(line.startswith(f"docs/{name}.md:") for line in flagged), flagged


@pytest.mark.parametrize("name", sorted(HIDDEN))
def test_hidden_definition_is_not_published(hidden_built: Built, name: str) -> None:
    """No page of the site, in any language, side-by-side views included, has the
    javascript: link. Fails while the build publishes source pages as Python-Markdown
    renders them without judging their links."""
    found = []
    pages = 0
    for path in sorted(hidden_built.site.rglob("*.html")):
        parts = path.relative_to(hidden_built.site).parts
        if name not in parts:
            continue
        pages += 1
        for node in parse(path.read_text(encoding="utf-8")).iter():
            for attr, value in node.attrs.items():
                if (
                    re.sub(r"[\x00-\x20]", "", html.unescape(value))
                    .lower()
                    .startswith("javascript:")
                ):
                    found.append(f"{'/'.join(parts)}: <{node.tag} {attr}={value}>")
    assert pages == 1 + 2 * (len(LANGS) - 1)  # the page, translated and side by side
    assert found == []
