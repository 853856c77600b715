"""A malicious catalog cannot put anything executable into the built site.

A real MkDocs build, with the project's own mkdocs.yml, hooks and theme overrides, of a
page whose English catalog marks as *reviewed* translations that try every way in: script,
event handlers, javascript:/data:/vbscript: URLs (plain, entity-encoded, autolinks,
reference definitions), iframes, forms, objects, styles, meta refresh, attribute lists.
The gate (`diptych check`) must name each one, and the built HTML must hold none of them.
"""

from __future__ import annotations

import html
import os
import re
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest

from diptych import catalog
from diptych.languages import LANGUAGES
from diptych.segment import segment_file
from tests.support.project import write_repo_project

PAGE = """\
---
title: Заявление
description: Краткое описание.
---

# Заголовок

Первый абзац.

Второй абзац.

Третий абзац.

Четвёртый абзац.

Пятый абзац.

Шестой абзац.

Седьмой абзац.

Восьмой абзац.

Девятый абзац.

Десятый абзац.

Одиннадцатый абзац.

Двенадцатый абзац.

Тринадцатый абзац.

Четырнадцатый абзац.

Пятнадцатый абзац.

Шестнадцатый абзац.
"""

# Every payload carries a marker ("alert(", "evil.example", "msgbox") that must not reach
# the site in any form, since a refused translation falls back to the Russian text.
ATTACKS = {
    "Заявление": '"><script>alert(1)</script>',
    "Заголовок": "Heading <script>alert(3)</script>",
    "Первый абзац.": "[First](javascript:alert(4)) paragraph.",
    "Второй абзац.": "[Second](jav&#x61;script:alert(5)) paragraph.",
    "Третий абзац.": "Third <img src=x onerror=alert(6)> paragraph.",
    "Четвёртый абзац.": 'Fourth <iframe src="https://evil.example/"></iframe> paragraph.',
    "Пятый абзац.": (
        'Fifth <form action="https://evil.example/"><input name=p><button>Go</button></form>'
    ),
    "Шестой абзац.": "[Sixth](data:text/html;base64,PHNjcmlwdD5hbGVydCg3KTwvc2NyaXB0Pg==)",
    "Седьмой абзац.": "![Seventh](data:image/svg+xml;utf8,<svg onload=alert(8)>)",
    "Восьмой абзац.": "[Eighth](vbscript:msgbox(9)) paragraph.",
    "Девятый абзац.": 'Ninth paragraph.\n{: onclick="alert(10)" }',
    "Десятый абзац.": "Tenth [paragraph][evil].\n\n[evil]: javascript:alert(11)",
    "Одиннадцатый абзац.": "Eleventh <javascript:alert(12)> paragraph.",
    "Двенадцатый абзац.": '<a href="javascript:alert(13)">Twelfth</a> paragraph.',
    "Тринадцатый абзац.": "<svg><script>alert(14)</script></svg> Thirteenth.",
    "Четырнадцатый абзац.": '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
    "Пятнадцатый абзац.": "<style>body{background:url(https://evil.example/x)}</style> 15th.",
    "Шестнадцатый абзац.": '<object data="https://evil.example/x.swf"></object> Sixteenth.',
}
# Plain text a translation may have, which the site must show as text: quotes that try to
# end the attribute the description is written into.
QUOTES = {"Краткое описание.": '" onmouseover="confirm(2)'}
MARKERS = ("alert(", "evil.example", "msgbox", "PHNjcmlwd")
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "poster", "xlink:href", "srcdoc"}
UNSAFE_SCHEMES = ("javascript:", "data:", "vbscript:")
ACTIVE_TAGS = ("script", "iframe", "frame", "object", "embed", "form", "base", "style", "meta")


@dataclass
class Element:
    tag: str
    attrs: list[tuple[str, str]]
    text: str = ""


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self._open: Element | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, [(name, value or "") for name, value in attrs])
        self.elements.append(element)
        self._open = element if tag in ("script", "style") else None

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._open.text += data

    def handle_endtag(self, tag: str) -> None:
        self._open = None


def elements(page: str) -> list[Element]:
    parser = _Collect()
    parser.feed(page)
    parser.close()
    return parser.elements


def _scheme(url: str) -> str:
    """The URL as a browser reads its scheme: entities decoded, controls and spaces gone."""
    text = html.unescape(url)
    return re.sub(r"[\x00-\x20]", "", text).lower()


def executable(page: str) -> list[str]:
    """What in ``page`` could run code or send the reader elsewhere unasked."""
    found = []
    for element in elements(page):
        for name, value in element.attrs:
            if name.lower().startswith("on"):
                found.append(f"<{element.tag} {name}=...>")
            if name.lower() in URL_ATTRIBUTES and _scheme(value).startswith(UNSAFE_SCHEMES):
                found.append(f"<{element.tag} {name}={value[:30]}>")
        if element.tag == "script":
            src = dict(element.attrs).get("src", "")
            if src and (":" in src or src.startswith("//")):
                found.append(f"<script src={src}>")
    return found


def active_tags(page: str) -> Counter[str]:
    return Counter(e.tag for e in elements(page) if e.tag in ACTIVE_TAGS)


def test_the_detectors_can_fail() -> None:
    page = (
        '<a href=" JaVa&#x53;cript:x">a</a><img src=x onerror=y>'
        '<script src="https://evil.example/x.js"></script><form action="data:,x"></form>'
    )
    assert executable(page) == [
        "<a href= JaVaScript:x>",
        "<img onerror=...>",
        "<script src=https://evil.example/x.js>",
        "<form action=data:,x>",
    ]
    assert active_tags(page) == Counter({"script": 1, "form": 1})


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    root = tmp_path_factory.mktemp("malicious")
    write_repo_project(root, {"index.md": PAGE})
    page = root / "docs" / "index.md"
    po = catalog.new(LANGUAGES["en"], "index.md")
    units = [unit.text for unit in segment_file(page).units]
    assert sorted(units) == sorted({**ATTACKS, **QUOTES})
    catalog.merge(po, units)
    for entry in po:
        entry.msgstr = {**ATTACKS, **QUOTES}[entry.msgid]  # reviewed: no fuzzy flag
    catalog.save(po, root / "translations" / "en" / "index.po")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SITE_URL", None)
    env.pop("REPO_URL", None)
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--no-strict", "-d", str(root / "site")],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return root, done.stdout + done.stderr


def _pages(root: Path) -> list[Path]:
    return sorted((root / "site").rglob("*.html"))


def test_the_gate_names_every_attack(built: tuple[Path, str]) -> None:
    root, _ = built
    done = subprocess.run(
        [sys.executable, "-m", "diptych.cli", "check", "translations/en/index.po"],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    text = (root / "translations" / "en" / "index.po").read_text(encoding="utf-8").splitlines()
    flagged = {int(line.split(":")[1]) for line in done.stdout.splitlines() if ": D501: " in line}
    msgids = {
        n for n, line in enumerate(text, 1) if line.startswith('msgid "') and line[7:-1] in ATTACKS
    }
    assert len(msgids) == len(ATTACKS)
    assert flagged == msgids


def test_the_build_refuses_every_attack(built: tuple[Path, str]) -> None:
    _, log = built
    assert log.count("translation not published") == len(ATTACKS), log


def test_no_marker_reaches_the_site(built: tuple[Path, str]) -> None:
    root, _ = built
    outputs = [p for p in (root / "site").rglob("*") if p.suffix in (".html", ".json", ".xml")]
    assert any(p.name == "search_index.json" for p in outputs)
    for path in outputs:
        text = path.read_text(encoding="utf-8")
        assert not [m for m in MARKERS if m in text], path


def test_quotes_stay_text(built: tuple[Path, str]) -> None:
    root, _ = built
    page = (root / "site" / "en" / "index.html").read_text(encoding="utf-8")
    meta = [dict(e.attrs) for e in elements(page) if e.tag == "meta"]
    assert {"name": "description", "content": QUOTES["Краткое описание."]} in meta


def test_nothing_executable_in_any_page(built: tuple[Path, str]) -> None:
    root, _ = built
    pages = _pages(root)
    assert (root / "site" / "en" / "index.html") in pages
    for path in pages:
        assert executable(path.read_text(encoding="utf-8")) == [], path


def test_translated_pages_have_the_source_pages_active_tags(built: tuple[Path, str]) -> None:
    """Script, form, style... elements come from the theme alone: the English pages have
    exactly as many as the Russian ones, which no catalog touches."""
    root, _ = built
    site = root / "site"
    pairs = [("index.html", "en/index.html")]
    pairs += [
        (p.relative_to(site / "en").as_posix(), p.relative_to(site).as_posix())
        for p in (site / "en").rglob("*.html")
        if (site / p.relative_to(site / "en")).is_file() and p.name == "index.html"
    ]
    for russian, english in dict.fromkeys(pairs):
        source = active_tags((site / russian).read_text(encoding="utf-8"))
        translated = active_tags((site / english).read_text(encoding="utf-8"))
        assert translated == source, english
    side_by_side = [p for p in (site / "en").rglob("*.html") if p.parent != site / "en"]
    assert side_by_side, "no side-by-side page was built"
    for path in side_by_side:
        tags = active_tags(path.read_text(encoding="utf-8"))
        assert tags == active_tags((site / "en" / "index.html").read_text(encoding="utf-8"))
