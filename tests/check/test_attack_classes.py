"""Catalog-only attacks of issue 9, classes 1-5: the gate and the build agree with the browser.

Each class is a place where the gate (``diptych check``) and the build's refusal once read a
translation differently from Python-Markdown, which renders the site:

1. a link reference definition on an indented continuation line of a translation (the
   write-back strips the indent, so Python-Markdown sees a definition);
2. an unclosed or odd attribute list on a heading translation, which runs into the
   heading's own ``{#id}`` and puts attributes on ``<h1>``/``<h2>``;
3. an attribute list glued to inline markup (``*word*{ onclick=... }``);
4. an unbalanced backtick in one table cell that pairs with a backtick of the source's code
   span in another cell, turning code text into live HTML;
5. a paragraph inside a raw HTML block, where Python-Markdown does not process Markdown, so
   a code span of the translation is raw HTML.

Two real mini sites are built from the same page with the project's own mkdocs.yml (less
its nav), hooks and theme overrides: a CLEAN one, whose English (reviewed) and German
(fuzzy, machine) catalogs translate every unit harmlessly, and an ATTACKED one where the
units named in ``ATTACKS`` carry the payloads instead, each variant once as a reviewed
English entry and once as a fuzzy German one. The tests require that

* no built page of the attacked site has a script element, ``on*`` attribute, unsafe URL,
  frame, object, embed, form, base or meta refresh that the clean site's page lacks;
* no payload marker reaches any output file;
* ``diptych check`` names exactly the attacked entries with D501 at their msgid lines, and
  nothing on the clean catalogs;
* the build logs one "translation not published" warning per attacked entry naming
  ``catalog:line``, and ``mkdocs build --strict`` fails on the attacked site (and passes on
  the clean one).
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

import polib
import pytest

from diptych import catalog
from diptych.languages import LANGUAGES
from diptych.segment import segment, segment_file
from tests.support.project import write_repo_project

CODE = "`<img src=x onerror=print(1)>` пример"

PAGE = f"""\
---
title: Проверка
description: Страница для проверки.
---

# Заголовок страницы {{#top}}

Вводный абзац.

## Первый раздел {{#one}}

Первый абзац.

Второй абзац.

Третий абзац.

Четвёртый абзац.

Пятый абзац.

Шестой абзац.

## Второй раздел {{#two}}

### Третий раздел {{#three}}

Абзац один с *выделением*, [ссылкой](https://example.org/) и `кодом`.

Абзац два с *выделением*, [ссылкой](https://example.org/) и `кодом`.

Абзац три с *выделением*, [ссылкой](https://example.org/) и `кодом`.

Абзац четыре с *выделением*, [ссылкой](https://example.org/) и `кодом`.

Абзац пять с *выделением*, [ссылкой](https://example.org/) и `кодом`.

Абзац шесть с *выделением*, [ссылкой](https://example.org/) и `кодом`.

## Четвёртый раздел {{#four}}

| Столбец один | Столбец два | Столбец три |
|---|---|---|
| Альфа | Бета | {CODE} |
| Гамма | {CODE} | Дельта |
| Эпсилон | Дзета | {CODE} |
| Эта | Тета | {CODE} |

## Пятый раздел {{#five}}

<div class="box">

Первый абзац внутри блока.

Второй абзац внутри блока.

Третий абзац внутри блока с `кодом`.

Четвёртый абзац внутри блока.

Пятый абзац внутри блока.

</div>

- Пункт списка с *выделением*.
- Второй пункт списка.

> Цитата с *выделением*.

!!! note "Заметка"

    Текст заметки.

Абзац со сноской[^1].

[^1]: Текст сноски.
"""

INLINE = "с *выделением*, [ссылкой](https://example.org/) и `кодом`."

# (kind, source text) of every unit of PAGE, in page order.
UNITS = [
    ("front-matter:title", "Проверка"),
    ("front-matter:description", "Страница для проверки."),
    ("heading", "Заголовок страницы"),
    ("paragraph", "Вводный абзац."),
    ("heading", "Первый раздел"),
    *[
        ("paragraph", f"{n} абзац.")
        for n in ("Первый", "Второй", "Третий", "Четвёртый", "Пятый", "Шестой")
    ],
    ("heading", "Второй раздел"),
    ("heading", "Третий раздел"),
    *[
        ("paragraph", f"Абзац {n} {INLINE}")
        for n in ("один", "два", "три", "четыре", "пять", "шесть")
    ],
    ("heading", "Четвёртый раздел"),
    ("cell", "Столбец один"),
    ("cell", "Столбец два"),
    ("cell", "Столбец три"),
    ("cell", "Альфа"),
    ("cell", "Бета"),
    ("cell", CODE),
    ("cell", "Гамма"),
    ("cell", "Дельта"),
    ("cell", "Эпсилон"),
    ("cell", "Дзета"),
    ("cell", "Эта"),
    ("cell", "Тета"),
    ("heading", "Пятый раздел"),
    ("paragraph", "Первый абзац внутри блока."),
    ("paragraph", "Второй абзац внутри блока."),
    ("paragraph", "Третий абзац внутри блока с `кодом`."),
    ("paragraph", "Четвёртый абзац внутри блока."),
    ("paragraph", "Пятый абзац внутри блока."),
    ("paragraph", "Пункт списка с *выделением*."),
    ("paragraph", "Второй пункт списка."),
    ("paragraph", "Цитата с *выделением*."),
    ("admonition-title", "Заметка"),
    ("paragraph", "Текст заметки."),
    ("paragraph", "Абзац со сноской[^1]."),
    ("paragraph", "Текст сноски."),
]
_INLINE_EN = "with *emphasis*, a [link](https://example.org/) and `кодом`."

# A harmless translation of every unit: the clean site, and every unit the attacked site
# does not attack.
CLEAN = {
    "Проверка": "Check",
    "Страница для проверки.": "A page for checking.",
    "Заголовок страницы": "Page heading",
    "Вводный абзац.": "Introductory paragraph.",
    "Первый раздел": "First section",
    "Первый абзац.": "First paragraph.",
    "Второй абзац.": "Second paragraph.",
    "Третий абзац.": "Third paragraph.",
    "Четвёртый абзац.": "Fourth paragraph.",
    "Пятый абзац.": "Fifth paragraph.",
    "Шестой абзац.": "Sixth paragraph.",
    "Второй раздел": "Second section",
    "Третий раздел": "Third section",
    f"Абзац один {INLINE}": f"Paragraph one {_INLINE_EN}",
    f"Абзац два {INLINE}": f"Paragraph two {_INLINE_EN}",
    f"Абзац три {INLINE}": f"Paragraph three {_INLINE_EN}",
    f"Абзац четыре {INLINE}": f"Paragraph four {_INLINE_EN}",
    f"Абзац пять {INLINE}": f"Paragraph five {_INLINE_EN}",
    f"Абзац шесть {INLINE}": f"Paragraph six {_INLINE_EN}",
    "Четвёртый раздел": "Fourth section",
    "Столбец один": "Column one",
    "Столбец два": "Column two",
    "Столбец три": "Column three",
    "Альфа": "Alpha",
    "Бета": "Beta",
    CODE: "`<img src=x onerror=print(1)>` example",
    "Гамма": "Gamma",
    "Дельта": "Delta",
    "Эпсилон": "Epsilon",
    "Дзета": "Zeta",
    "Эта": "Eta",
    "Тета": "Theta",
    "Пятый раздел": "Fifth section",
    "Первый абзац внутри блока.": "First paragraph inside the box.",
    "Второй абзац внутри блока.": "Second paragraph inside the box.",
    "Третий абзац внутри блока с `кодом`.": "Third paragraph inside the box with `кодом`.",
    "Четвёртый абзац внутри блока.": "Fourth paragraph inside the box.",
    "Пятый абзац внутри блока.": "Fifth paragraph inside the box.",
    "Пункт списка с *выделением*.": "List item with *emphasis*.",
    "Второй пункт списка.": "Second list item.",
    "Цитата с *выделением*.": "Quote with *emphasis*.",
    "Заметка": "Note",
    "Текст заметки.": "Text of the note.",
    "Абзац со сноской[^1].": "Paragraph with a footnote[^1].",
    "Текст сноски.": "Text of the footnote.",
}


@dataclass(frozen=True)
class Attack:
    klass: int  # the class of issue 9
    name: str
    unit: str  # the source unit whose translation carries the payload
    payload: str


def _inline(n: str) -> str:
    return f"Абзац {n} {INLINE}"


ATTACKS = [
    # 1. A reference definition on an indented continuation line.
    Attack(
        1, "javascript: 4 spaces", "Первый абзац.", "[Read][xa]\n    [xa]: javascript:alert(101)"
    ),
    Attack(1, "data: 4 spaces", "Второй абзац.", "[Read][xb]\n    [xb]: data:text/html,alert(102)"),
    Attack(1, "foreign host", "Третий абзац.", "[Read][xc]\n    [xc]: https://evil.example/103"),
    Attack(1, "5 spaces", "Четвёртый абзац.", "[Read][xd]\n     [xd]: javascript:alert(104)"),
    Attack(1, "8 spaces", "Пятый абзац.", "[Read][xe]\n        [xe]: javascript:alert(105)"),
    Attack(1, "tab", "Шестой абзац.", "[Read][xf]\n\t[xf]: javascript:alert(106)"),
    Attack(
        1,
        "list item",
        "Второй пункт списка.",
        "Second [item][xg].\n    [xg]: javascript:alert(107)",
    ),
    Attack(
        1,
        "block quote, vbscript:",
        "Цитата с *выделением*.",
        "Quote with *emphasis*, [read][xh].\n    [xh]: vbscript:msgbox(108)",
    ),
    Attack(
        1,
        "admonition",
        "Текст заметки.",
        "Text [of][xi] the note.\n    [xi]: javascript:alert(109)",
    ),
    Attack(
        1,
        "footnote, title",
        "Текст сноски.",
        '[Source][xj].\n    [xj]: javascript:alert(110) "Source"',
    ),
    # 2. An unclosed or odd attribute list on a heading that has its own {#id}.
    Attack(2, "unclosed {", "Заголовок страницы", "Page heading { onclick=alert(201)"),
    Attack(
        2,
        "unclosed {: with style",
        "Первый раздел",
        "First section {: onmouseover=alert(202) style=position:fixed;inset:0",
    ),
    Attack(
        2,
        "class and tabindex",
        "Третий раздел",
        "Third section {: .x onfocus=alert(203) tabindex=1",
    ),
    Attack(2, "quoted values", "Второй раздел", 'Second section { title="x" onclick="alert(204)"'),
    Attack(2, "upper case", "Четвёртый раздел", "Fourth section {: ONCLICK=alert(205)"),
    # 3. An attribute list glued to inline markup.
    Attack(
        3,
        "emphasis",
        _inline("один"),
        "Paragraph one with *emphasis*{ onclick=alert(301) }, a [link](https://example.org/) "
        "and `кодом`.",
    ),
    Attack(
        3,
        "link",
        _inline("два"),
        "Paragraph two with *emphasis*, a [link](https://example.org/){ onmouseover=alert(302) } "
        "and `кодом`.",
    ),
    Attack(
        3,
        "code span",
        _inline("три"),
        "Paragraph three with *emphasis*, a [link](https://example.org/) "
        "and `кодом`{: onclick=alert(303) }.",
    ),
    Attack(
        3,
        "brace inside quotes",
        _inline("четыре"),
        'Paragraph four with *emphasis*{ title="}" onclick=alert(304) }, '
        "a [link](https://example.org/) and `кодом`.",
    ),
    Attack(
        3,
        "href override",
        _inline("пять"),
        "Paragraph five with *emphasis*, a [link](https://example.org/)"
        "{ href=javascript:alert(305) } and `кодом`.",
    ),
    Attack(
        3,
        "style with a foreign url",
        _inline("шесть"),
        "Paragraph six with *emphasis*{ style=background:url(https://evil.example/306) }, "
        "a [link](https://example.org/) and `кодом`.",
    ),
    # 4. An unbalanced backtick in a cell pairing with the source's code span in another.
    Attack(4, "two cells before the code", "Альфа", "Alpha ` alert(401)"),
    Attack(4, "next to the code", "Гамма", "Gamma ` alert(402)"),
    Attack(4, "right before the code", "Дзета", "Zeta ` alert(403)"),
    Attack(4, "leading backtick", "Тета", "` Theta alert(404)"),
    # 5. A translated paragraph inside a raw HTML block.
    Attack(
        5, "img", "Первый абзац внутри блока.", "First `<img src=x onerror=alert(501)>` inside."
    ),
    Attack(
        5,
        "script, double backticks",
        "Второй абзац внутри блока.",
        "Second ``<script>alert(502)</script>``.",
    ),
    Attack(
        5,
        "javascript: link",
        "Третий абзац внутри блока с `кодом`.",
        'Third with `<a href="javascript:alert(503)">code</a>`.',
    ),
    Attack(
        5,
        "iframe",
        "Четвёртый абзац внутри блока.",
        'Fourth `<iframe src="https://evil.example/504"></iframe>` inside.',
    ),
    Attack(
        5,
        "closing the block",
        "Пятый абзац внутри блока.",
        "Fifth `</div><img src=x onerror=alert(505)>` inside.",
    ),
]
ATTACKED = {attack.unit: attack for attack in ATTACKS}
# Every payload carries one of these; none may reach the site in any form (a refused
# translation falls back to the Russian unit).
MARKERS = ("alert(", "evil.example", "msgbox")
# The reviewed catalog and the fuzzy (machine) one: every attack is in both.
LANGS = {"en": False, "de": True}
CATALOGS = tuple(f"translations/{lang}/index.po" for lang in LANGS)

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "poster", "xlink:href", "srcdoc"}
UNSAFE_SCHEMES = ("javascript:", "data:", "vbscript:")
ACTIVE_TAGS = ("script", "iframe", "frame", "frameset", "object", "embed", "form", "base")


@dataclass
class Element:
    tag: str
    attrs: list[tuple[str, str]]


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append(Element(tag, [(name, value or "") for name, value in attrs]))


def elements(page: str) -> list[Element]:
    parser = _Collect()
    parser.feed(page)
    parser.close()
    return parser.elements


def _scheme(url: str) -> str:
    """The URL as a browser reads its scheme: entities decoded, controls and spaces gone."""
    return re.sub(r"[\x00-\x20]", "", html.unescape(url)).lower()


def dangers(page: str) -> Counter[str]:
    """What in ``page`` could run code, frame, submit or redirect: a multiset."""
    found: Counter[str] = Counter()
    for element in elements(page):
        if element.tag in ACTIVE_TAGS:
            found[f"<{element.tag}>"] += 1
        attrs = dict(element.attrs)
        if element.tag == "meta" and attrs.get("http-equiv", "").lower() == "refresh":
            found["<meta http-equiv=refresh>"] += 1
        for name, value in element.attrs:
            if name.lower().startswith("on"):
                found[f"<{element.tag} {name.lower()}={value}>"] += 1
            if name.lower() in URL_ATTRIBUTES and _scheme(value).startswith(UNSAFE_SCHEMES):
                found[f"<{element.tag} {name.lower()}={_scheme(value)}>"] += 1
    return found


def test_the_detector_can_fail() -> None:
    """Guards the other tests' detector: fails if ``dangers`` stops seeing a handler, an
    entity-encoded javascript: URL, a meta refresh or a frame (the site tests would then
    pass on a site that has them)."""
    page = (
        '<a href=" JaVa&#x53;cript:x">a</a><img src=x onerror=y><h2 ONCLICK="z">h</h2>'
        '<meta http-equiv="Refresh" content="0"><meta charset="utf-8"><iframe></iframe>'
    )
    assert dangers(page) == Counter(
        {
            "<a href=javascript:x>": 1,
            "<img onerror=y>": 1,
            "<h2 onclick=z>": 1,
            "<meta http-equiv=refresh>": 1,
            "<iframe>": 1,
        }
    )


def _write_site(root: Path, translations: dict[str, str]) -> None:
    write_repo_project(root, {"index.md": PAGE})
    page = root / "docs" / "index.md"
    units = [unit.text for unit in segment_file(page).units]
    for lang, fuzzy in LANGS.items():
        po = catalog.new(LANGUAGES[lang], "index.md")
        catalog.merge(po, units)
        for entry in po:
            if fuzzy:  # machine output: fuzzy, with the provenance comment
                catalog.set_machine(
                    entry, translations[entry.msgid], f"test engine 1.0 (ru→{lang})"
                )
            else:  # reviewed: no fuzzy flag
                entry.msgstr = translations[entry.msgid]
        catalog.save(po, root / "translations" / lang / "index.po")


def _mkdocs(root: Path, strict: bool, out: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SITE_URL", None)
    env.pop("REPO_URL", None)
    flag = "--strict" if strict else "--no-strict"
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", flag, "-d", str(root / out)],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


@dataclass
class Built:
    root: Path
    log: str
    returncode: int

    @property
    def site(self) -> Path:
        return self.root / "site"


@dataclass
class Sites:
    clean: Built
    attacked: Built


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Sites:
    """The clean site built with --strict (it must pass), the attacked one without."""
    built = {}
    for name, strict in (("clean", True), ("attacked", False)):
        root = tmp_path_factory.mktemp(name)
        translations = dict(CLEAN)
        if name == "attacked":
            translations.update({a.unit: a.payload for a in ATTACKS})
        _write_site(root, translations)
        done = _mkdocs(root, strict, "site")
        built[name] = Built(root, done.stdout + done.stderr, done.returncode)
    assert built["clean"].returncode == 0, built["clean"].log
    assert built["attacked"].returncode == 0, built["attacked"].log
    return Sites(**built)


@pytest.fixture(scope="module")
def strict_attacked(sites: Sites) -> subprocess.CompletedProcess[str]:
    return _mkdocs(sites.attacked.root, True, "site-strict")


def _entry_lines(root: Path, rel: str) -> dict[str, tuple[int, int]]:
    """msgid -> (line of its msgid, line of its msgstr) in the catalog as written."""
    lines = (root / rel).read_text(encoding="utf-8").splitlines()
    po = polib.pofile(str(root / rel), wrapwidth=0)
    out: dict[str, tuple[int, int]] = {}
    for entry in po:
        if entry.obsolete:
            continue
        wanted = f'msgid "{polib.escape(entry.msgid)}"'
        msgid = lines.index(wanted) + 1
        msgstr = next(n for n in range(msgid, len(lines) + 1) if lines[n - 1].startswith("msgstr"))
        out[entry.msgid] = (msgid, msgstr)
    return out


def _check(root: Path) -> tuple[int, str]:
    done = subprocess.run(
        [sys.executable, "-m", "diptych.cli", "check", *CATALOGS],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    return done.returncode, done.stdout + done.stderr


_D501 = re.compile(r"^(?P<path>\S+?):(?P<line>\d+): D501: ", re.M)


def _flagged(output: str) -> set[tuple[str, int]]:
    return {(m["path"], int(m["line"])) for m in _D501.finditer(output)}


def test_the_page_has_the_units_the_attacks_need() -> None:
    """Fails if the segmenter stops making a unit of something an attack needs (the heading
    text without its {#id}, each table cell, the paragraphs inside the raw <div>), so that
    an attack would no longer be where it claims to be."""
    page = segment(PAGE, "index.md")
    assert [(u.kind, u.text) for u in page.units] == UNITS
    assert set(CLEAN) == {text for _, text in UNITS}
    assert set(ATTACKED) <= set(CLEAN)
    assert len(ATTACKED) == len(ATTACKS), "one attack per unit"
    assert {a.klass for a in ATTACKS} == {1, 2, 3, 4, 5}
    for attack in ATTACKS:
        assert any(marker in attack.payload for marker in MARKERS), attack.name


def _pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_the_clean_site_is_clean(sites: Sites) -> None:
    """Guards the fixture: English entries are reviewed and German ones machine output
    (fuzzy, with the provenance comment) in both sites; the clean build passed --strict
    and published every harmless translation. Fails if the build starts refusing (or the
    check starts flagging) harmless translations: a false alarm would make the other
    tests meaningless."""
    assert "translation not published" not in sites.clean.log
    for rel, fuzzy in zip(CATALOGS, LANGS.values(), strict=True):
        for root in (sites.clean.root, sites.attacked.root):
            po = polib.pofile(str(root / rel), wrapwidth=0)
            assert len(po) == len(UNITS)
            for entry in po:
                assert (catalog.FUZZY in entry.flags) is fuzzy, (rel, entry.msgid)
                assert entry.comment.startswith(catalog.MACHINE_PREFIX) is fuzzy
    code, output = _check(sites.clean.root)
    assert _flagged(output) == set(), output
    assert code == 0, output
    english = (sites.clean.site / "en" / "index.html").read_text(encoding="utf-8")
    for text in ("Paragraph one with", "Third section", "Alpha", "Fifth paragraph inside"):
        assert text in english
    for path in _pages(sites.clean.site):
        found = dangers(path.read_text(encoding="utf-8"))
        # The theme's own scripts and search form are all there is.
        assert {key for key in found if key.strip("<>") not in ACTIVE_TAGS} == set(), path


_NUMBER = re.compile(r"(?:alert|msgbox)\((\d+)\)|evil\.example/(\d+)")


def _number(attack: Attack) -> str:
    match = _NUMBER.search(attack.payload)
    assert match, attack
    return match.group(1) or match.group(2)


def _who(text: str) -> list[str]:
    """The attacks whose numbered payload shows in ``text`` (for failure messages)."""
    found = {a or b for a, b in _NUMBER.findall(text)}
    return [f"class {a.klass}: {a.name}" for a in ATTACKS if _number(a) in found]


def test_no_page_gains_anything_executable(sites: Sites) -> None:
    """Every page of the attacked site (each language, each side-by-side page) has exactly
    the script/frame/object/embed/form/base/meta-refresh elements, on* attributes and
    javascript:/data:/vbscript: URLs of the same page of the clean site, i.e. none from a
    catalog. Fails if the build publishes any attack of the five classes: a safety check
    that reads Markdown differently from Python-Markdown, a refusal that renders units one
    by one instead of in their page, or a sanitizer that lets on* or unsafe URLs through."""
    attacked = _pages(sites.attacked.site)
    clean = _pages(sites.clean.site)
    rel = [p.relative_to(sites.attacked.site) for p in attacked]
    assert rel == [p.relative_to(sites.clean.site) for p in clean]
    side_by_side = [p for p in rel if len(p.parts) > 2 and p.parts[0] in LANGS]
    assert {p.parts[0] for p in side_by_side} == set(LANGS), "no side-by-side page was built"
    gained = {}
    for path in rel:
        text = (sites.attacked.site / path).read_text(encoding="utf-8")
        before = dangers((sites.clean.site / path).read_text(encoding="utf-8"))
        after = dangers(text)
        if after != before:
            gained[path.as_posix()] = (sorted((after - before).elements()), _who(text))
    assert gained == {}


def test_no_marker_reaches_any_output(sites: Sites) -> None:
    """No payload marker (alert(, evil.example, msgbox) is in any .html/.json/.xml output of
    the attacked site more often than in the clean site's same file (where it is never).
    Fails if any attacked translation is published, even as harmless-looking text: a
    refused translation must fall back to the Russian unit everywhere, search index and
    sitemap included."""
    outputs = sorted(
        p.relative_to(sites.attacked.site)
        for p in sites.attacked.site.rglob("*")
        if p.suffix in (".html", ".json", ".xml")
    )
    assert any(p.name == "search_index.json" for p in outputs)
    leaks = {}
    for path in outputs:
        text = (sites.attacked.site / path).read_text(encoding="utf-8")
        clean_file = sites.clean.site / path
        clean = clean_file.read_text(encoding="utf-8") if clean_file.is_file() else ""
        more = [m for m in MARKERS if text.count(m) > clean.count(m)]
        if more:
            leaks[path.as_posix()] = _who(text)
    assert leaks == {}


def test_check_names_every_attacked_entry(sites: Sites) -> None:
    """`diptych check` on the attacked catalogs exits 1 and reports D501 at exactly the
    msgid lines of the attacked entries, reviewed (en) and fuzzy (de) alike, and at no
    other entry. Fails if the check judges a translation by another reading than the
    site's renderer (e.g. markdown-it, or a regex backstop) and misses a class, if it
    judges units out of their page context (classes 2, 4, 5 only show in the page), if it
    skips fuzzy entries, or if it flags a harmless neighbour of an attack instead."""
    code, output = _check(sites.attacked.root)
    expected = set()
    names = {}
    for rel in CATALOGS:
        lines = _entry_lines(sites.attacked.root, rel)
        for attack in ATTACKS:
            line = lines[attack.unit][0]
            expected.add((rel, line))
            names[(rel, line)] = f"{rel}: class {attack.klass}: {attack.name}"
    assert len(expected) == len(ATTACKS) * len(LANGS)
    flagged = _flagged(output)
    missed = sorted(names[key] for key in expected - flagged)
    assert (missed, sorted(flagged - expected)) == ([], []), output
    assert code == 1


_NOT_PUBLISHED = re.compile(r"(translations/\w+/index\.po):(\d+): translation not published")


def test_the_build_refuses_every_attacked_entry(sites: Sites) -> None:
    """The attacked build logs exactly one "translation not published" warning per attacked
    entry, naming `translations/<lang>/index.po:LINE` with LINE the line of the entry's
    msgid (the line `diptych check` names too). Fails if the build publishes an attack,
    refuses a harmless neighbour instead of the unit responsible, or stops saying where the
    entry is."""
    logged = [(m[1], int(m[2])) for m in _NOT_PUBLISHED.finditer(sites.attacked.log)]
    named: list[str] = []
    unknown: list[tuple[str, int]] = []
    for rel, line in logged:
        lines = _entry_lines(sites.attacked.root, rel)
        hit = [msgid for msgid, (at, _) in lines.items() if line == at]
        if len(hit) == 1 and hit[0] in ATTACKED:
            attack = ATTACKED[hit[0]]
            named.append(f"{rel}: class {attack.klass}: {attack.name}")
        else:
            unknown.append((rel, line))
    expected = sorted(
        f"{rel}: class {attack.klass}: {attack.name}" for rel in CATALOGS for attack in ATTACKS
    )
    missing = sorted((Counter(expected) - Counter(named)).elements())
    repeated = sorted((Counter(named) - Counter(expected)).elements())
    assert (missing, repeated, unknown) == ([], [], []), sites.attacked.log


def test_strict_build_fails_on_the_attacked_site(
    sites: Sites, strict_attacked: subprocess.CompletedProcess[str]
) -> None:
    """`mkdocs build --strict` fails on the attacked site (the clean one passed it in the
    fixture). Fails if refusing a translation stops being a warning (e.g. it is logged at
    info level, or not at all because the attack was published)."""
    log = strict_attacked.stdout + strict_attacked.stderr
    assert strict_attacked.returncode != 0, log
    assert "translation not published" in log
