"""Property tests of the judge (issue 9): whatever translations a catalog holds, the page
the site publishes gains nothing its source lacks, and ``diptych check`` flags exactly the
translations the build refuses.

Source pages are fixed Russian pages with tables, lists, block quotes, a raw HTML block,
admonitions, footnotes, headings with ``{#id}`` attribute lists, emphasis, inline and
reference-style links, and code spans whose text is HTML (``<img src=x onerror=...>``).
Translations of a random subset of their units are drawn from a grammar of fragments an
attacker would try: backticks (single, double, unbalanced), brackets and parentheses,
braces and attribute lists (closed, unclosed, ``{: onclick=... }``), newlines with
indented continuation lines, link reference definitions, entities, raw tags and comments,
table pipes, emphasis runs, ``javascript:``/``data:``/foreign-host links and autolinks,
and characters YAML or a line splitter reads differently (DEL, NEL, LINE SEPARATOR);
some translations are the source unit with fragments spliced into it, so that its own
code spans, links and references are taken apart.

Everything renders with the project's own mkdocs.yml (Python-Markdown as the site runs
it) and is read with the browser-grade parser of :mod:`diptych.inventory`; nothing is a
mock. The examples are derandomized: the same ones every run. By default property 1 runs
2,000 examples and property 2 (which writes files and runs the whole checker) 200, about
a minute together on two cores; ``DIPTYCH_PROPERTY_EXAMPLES=N`` is the long mode: N
examples of property 1 and N/10 (at least 200) of property 2, for example
``DIPTYCH_PROPERTY_EXAMPLES=50000 pytest tests/check/test_judge_property.py``.

The explicit ``@example`` cases are counterexamples these properties found; each names the
code it shows to be wrong.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from diptych import catalog
from diptych.check.runner import run
from diptych.config import load_project
from diptych.errors import CatalogError
from diptych.inventory import Inventory, Item
from diptych.judge import Judge, body, cell_markdown, reference_definitions
from diptych.languages import LANGUAGES
from diptych.page_catalog import fallback_markup
from diptych.renderer import Renderer
from diptych.segment import Page, Unit, segment, segment_file
from tests.support.repo import REPO, config_without_nav

# One judge for the module, as one build or one `diptych check` has one: its renderer
# remembers conversions, which makes the thousands of examples affordable.
JUDGE = Judge(Renderer.for_config_file(REPO / "mkdocs.yml"))
RU, EN = LANGUAGES["ru"], LANGUAGES["en"]

EXAMPLES = int(os.environ.get("DIPTYCH_PROPERTY_EXAMPLES", "2000"))
# Property 2 writes a project and runs the whole checker per example: fewer by default.
CHECK_EXAMPLES = max(200, EXAMPLES // 10)

CODE = "`<img src=x onerror=alert(1)>`"

PAGES = (
    f"""\
---
title: Проверка свойств
description: Страница для проверки.
---

# Заголовок страницы {{#top}}

Вводный абзац с *выделением*, **жирным** и [ссылкой](https://example.org/).

См. [справку][spravka] и {CODE} в коде.

[spravka]: https://example.org/help "Справка"

| Столбец | Значение | Код |
|---|---|---|
| Альфа | Бета | {CODE} |
| Гамма | `<b>жирный</b>` | Дельта |

- Пункт списка с *выделением*.
- Второй пункт
  с продолжением.

> Цитата с **жирным**.
> Вторая строка цитаты.

<div class="box">

Абзац внутри блока.

</div>

!!! note "Заметка"

    Текст заметки с `кодом`.

## Раздел со сноской {{#notes}}

Абзац со сноской[^1].

[^1]: Текст сноски.
""",
    f"""\
---
title: Таблицы и ссылки
---

# Таблицы {{#tables .wide}}

| Имя | Код | Примечание |
|---|---|---|
| Первый | {CODE} | Обычный текст |
| `<script>alert(1)</script>` | Второй | [ссылка][ref] |
| Третий | *курсив* | `код` |

Текст со ссылкой на [документ][ref], на [другой][other] и сноской[^note].

[ref]: https://example.org/doc
[other]: ../other.md#section "Другой документ"

### Подраздел {{: #sub }}

Абзац с `` `двойными` `` обратными кавычками, {CODE} и &laquo;кавычками&raquo;.

[^note]: Сноска с **жирным** текстом.

    Второй абзац сноски.
""",
    f"""\
---
title: Списки
description: "Списки, цитаты и блоки."
---

# Списки и цитаты {{#lists}}

1. Первый пункт с [ссылкой](https://example.org/a).
2. Второй пункт с `<b>кодом</b>`.
    - Вложенный пункт с {CODE}.

> Цитата первая.
>
> > Вложенная цитата с *курсивом*.

<div class="note">

Абзац в блоке с *звёздочками*.

Второй абзац в блоке.

</div>

!!! warning "Внимание: важно"

    Текст предупреждения.

    - Пункт в предупреждении.

Последний абзац с <https://example.org/auto> и {CODE}.
""",
)
SEGMENTED = tuple(segment(text, "index.md") for text in PAGES)

# The grammar of a translation: fragments an attacker would try, by class, and words. Each
# class is equally likely, however many fragments it has.
FRAGMENTS = {
    "backticks": ("`", "``", "` `", "```", CODE),
    "brackets": (
        "[",
        "]",
        "(",
        ")",
        "[x]",
        "[x][]",
        "[a][spravka]",
        "[a][ref]",
        "![i](x.png)",
        "[^1]",
        "[^note]",
    ),
    "braces": (
        "{",
        "}",
        "{: onclick=alert(1) }",
        "{ #x .y }",
        "{ onclick=alert(1)",
        "{: onmouseover=alert(1) style=position:fixed",
        "{:",
        "{#top}",
        "{: .dp-untranslated }",
    ),
    "continuation lines": (
        "\n",
        "\n\n",
        "\n  ",
        "\n    ",
        "\n        ",
        "\n\t",
        "\n    [x]: javascript:alert(1)",
    ),
    "reference definitions": (
        "[x]: javascript:alert(1)",
        "[spravka]: javascript:alert(1)",
        "[ref]: https://evil.example/",
        "[^1]: x",
    ),
    "entities": ("&#x61;", "&colon;", "&lt;", "&#60;", "&amp;", "&#"),
    "raw tags": (
        "<b>",
        "</b>",
        "<img src=x onerror=alert(1)>",
        "<script>",
        "</script>",
        "<div>",
        "</div>",
        "</p>",
        "<span>",
        "<!--",
        "-->",
        '<a href="javascript:alert(1)">',
        "<",
        ">",
    ),
    "table pipes": ("|", " | ", "\\|"),
    "emphasis runs": ("*", "**", "***", "_", "__", "~~"),
    "links": (
        "[a](javascript:alert(1))",
        "[a](jav&#x61;script:alert(1))",
        "[a](<javascript:alert(1)>)",
        "[a](https://evil.example/)",
        "[a](https://example.org/)",
        "<https://evil.example>",
        "<javascript:alert(1)>",
        "![a](data:image/png,x)",
    ),
    "block starts": ("# ", "- ", "> ", "1. ", "!!! note ", "---"),
    # What YAML, a line splitter or an escape reads differently from the eye.
    "characters": ("\\", '"', "'", ": ", "\x7f", "\x85", "\x9b", "\u2028"),
}
WORDS = st.text(alphabet="abxyzЖЯ ", min_size=1, max_size=5)
PLAIN = st.lists(st.text(alphabet="abxyzЖЯ", min_size=1, max_size=5), min_size=1, max_size=3)
FRAGMENT = st.one_of(WORDS, *(st.sampled_from(kind) for kind in FRAGMENTS.values()))
GENERATED = st.lists(FRAGMENT, min_size=1, max_size=8).map("".join)


@st.composite
def translation(draw: st.DrawFn, source: str) -> str:
    """A plain translation, one from the grammar, or the source with fragments spliced in."""
    mode = draw(st.sampled_from(("plain", "grammar", "spliced")))
    if mode == "plain":
        return " ".join(draw(PLAIN))
    if mode == "grammar":
        return draw(GENERATED)
    text = source
    for piece in draw(st.lists(FRAGMENT, min_size=1, max_size=3)):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + piece + text[at:]
    return text


@st.composite
def cases(draw: st.DrawFn) -> tuple[int, dict[str, str]]:
    """A page of ``PAGES`` (by index) and candidate translations (source text ->
    translation) of a few of its units."""
    index = draw(st.sampled_from(range(len(PAGES))))
    units = SEGMENTED[index].units
    chosen = draw(st.lists(st.sampled_from(range(len(units))), max_size=6, unique=True))
    return index, {units[i].text: draw(translation(units[i].text)) for i in sorted(chosen)}


def fallback(unit: Unit) -> str | None:
    """What the English site shows for a unit it does not translate."""
    return fallback_markup(unit, RU, EN)


def published(page: Page, texts: dict[str, str], refused: dict[str, list[str]]) -> str:
    """The page as the build publishes it: every translation not refused, the fallback for
    the rest (front matter included, as ``PageView.markdown`` writes it)."""

    def shown(unit: Unit) -> str | None:
        text = texts.get(unit.text)
        return text if text is not None and unit.text not in refused else fallback(unit)

    return page.render(shown)


def in_body(page: Page) -> set[str]:
    return {s.unit.text for s in page.slots if not s.unit.kind.startswith("front-matter:")}


def new_active(held: Inventory, source: Inventory) -> list[Item]:
    return [item for item in held.active() if item not in source.items]


def _settings(examples: int) -> settings:
    return settings(
        derandomize=True,
        database=None,
        max_examples=examples,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow],
    )


@_settings(EXAMPLES)
@given(cases())
# Counterexamples found by this test: a front-matter translation with a character YAML
# refuses (DEL, C1 controls) is written back as a JSON string that still holds it, MkDocs
# then cannot read the front matter and renders it as Markdown: a <hr>, a setext <h2>,
# and whatever Markdown the field holds (a javascript: link, say), none of which the judge
# renders, since it judges fields only for "<", ">" and "&".
@example(case=(2, {"Списки, цитаты и блоки.": "\x7f"}))
@example(case=(0, {"Проверка свойств": "\x7f[a](javascript:alert(1))"}))
def test_the_published_page_never_gains(case: tuple[int, dict[str, str]]) -> None:
    """PROPERTY 1, the build never gains: the page the site publishes (every translation
    the judge does not refuse, the Russian fallback markup for the rest) holds no element,
    attribute, class or URL beyond what the judge allows (the source rendering and the
    fallback's own markup), and nothing active (script, ``on*``, ``style``, unsafe URL,
    frame, form...) that the source rendering lacks; each accepted unit rendered alone, as
    the side-by-side view shows it, gains nothing either.

    Fails if ``Judge.page`` stops rendering the page with all candidates together and
    bisecting where it gains: units judged alone miss a backtick in one table cell that
    pairs with another, Markdown that a raw HTML block leaves raw, a heading translation
    ``"a\\n{"`` that the write-back joins onto the heading's own ``{#top}`` (an attribute
    ``_top`` on <h1>), a link split over two lines of a list item (with that change, the
    default examples find one of these). Fails if ``Judge.unit`` stops judging units
    alone: a heading translation ``"\\n    a"`` is a code block in the side-by-side view
    (found likewise). Fails too
    if the baseline or ``Inventory.gains`` is loosened, or if a place the build writes
    translations to (front matter included) is not what the judge renders."""
    page, texts = SEGMENTED[case[0]], case[1]
    verdict = JUDGE.page(page, texts, fallback)
    assert set(verdict.refused) <= set(texts)
    source = JUDGE.inventory(body(page.text))
    markdown = published(page, texts, verdict.refused)
    held = JUDGE.inventory(body(markdown))
    assert verdict.allowed.gains(held) == [], markdown
    assert new_active(held, source) == [], markdown

    definitions = reference_definitions(page)
    accepted = in_body(page) & set(texts) - set(verdict.refused)
    for unit in page.units:
        if unit.text not in accepted:
            continue
        shown = JUDGE.inventory(cell_markdown(texts[unit.text], definitions))
        alone = JUDGE.inventory(cell_markdown(unit.text, definitions))
        assert (verdict.allowed | alone).gains(shown) == [], (unit.text, texts[unit.text])
        assert new_active(shown, source | alone) == [], (unit.text, texts[unit.text])


# -- property 2: `diptych check` flags what the build refuses -----------------------------


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project with the site's mkdocs.yml; each example writes its page and catalog."""
    root = tmp_path_factory.mktemp("property")
    (root / "mkdocs.yml").write_text(config_without_nav(), encoding="utf-8")
    (root / "docs").mkdir()
    return root


def read_back(path: Path) -> tuple[dict[str, str], dict[str, int]]:
    """What the build reads from the catalog: each publishable translation (by msgid), and
    the line of each entry's msgid as an editor counts lines (only at ``\\n``)."""
    lines = path.read_text(encoding="utf-8").split("\n")
    starts = [n for n, line in enumerate(lines, start=1) if line.startswith("msgid ")]
    entries = list(catalog.load(path, EN))
    assert len(starts) == len(entries) + 1  # the header first
    texts = {e.msgid: text for e in entries if (text := catalog.publishable(e)) is not None}
    return texts, {e.msgid: line for e, line in zip(entries, starts[1:], strict=True)}


@_settings(CHECK_EXAMPLES)
@given(case=cases())
# Counterexamples found by longer runs: an incomplete character reference "&#" throws
# Python-Markdown's raw-HTML extractor off by a few characters, so that code text of the
# source (`<img src=x onerror=...>`, `<b>жирный</b>`) comes out as live HTML, or does not,
# depending on the markup around the units shown in Russian. The check judges the page
# without the fallback markup the build puts there: in the first, the build withholds the
# cell's translation and the check passes it; in the second, the check reports D501 on
# the second entry, which the build publishes. In the third, a NEL in one translation
# (which polib writes as a break between two quoted strings, and which str.splitlines()
# counts as a line) puts the D501 of a later entry one line below its msgid.
@example(case=(1, {"Первый": "&#x61;&#"}))
@example(case=(0, {"Проверка свойств": "a\x85b", "Заголовок страницы": "<b>"}))
@example(
    case=(
        0,
        {
            "Вводный абзац с *выделением*, **жирным** и [ссылкой](https://example.org/).": "&#",
            f"См. [справку][spravka] и {CODE} в коде.": "&#x61;",
        },
    )
)
def test_check_flags_exactly_what_the_build_refuses(
    root: Path, case: tuple[int, dict[str, str]]
) -> None:
    """PROPERTY 2, check agrees with the build: with the translations written as reviewed
    entries of a real catalog next to the page in a project with the site's mkdocs.yml,
    the lines where ``diptych check`` (run in-process) reports D501 are exactly the msgid
    lines of the entries the build refuses: the judge asked about the catalog's
    translations with the fallback markup the site puts around the units it shows in
    Russian (as ``site.views.build_view`` asks it). A catalog that cannot be read must be
    a check error.

    Fails if the check judges otherwise than the build: entries alone instead of together
    in their page (a backtick in one table cell that pairs with another), the page without
    the fallback markup, front-matter fields as body Markdown, or D501 reported on another
    line than the entry's msgid."""
    page, texts = SEGMENTED[case[0]], case[1]
    project = load_project(root)
    page_path = root / "docs" / "index.md"
    page_path.write_text(page.text, encoding="utf-8", newline="")
    po = catalog.new(EN, "index.md")
    catalog.merge(po, [unit.text for unit in segment_file(page_path).units])
    for entry in po:
        if entry.msgid in texts:
            entry.msgstr = texts[entry.msgid]  # reviewed: no fuzzy flag
    po_path = root / "translations" / "en" / "index.po"
    catalog.save(po, po_path)

    result = run(project, [str(po_path)], cwd=root)
    flagged = {p.line for p in result.problems if p.code == "D501"}
    try:
        candidates, lines = read_back(po_path)
    except CatalogError:
        # A catalog that cannot be read is not published at all: the check must fail on it.
        assert result.errors, "the catalog cannot be read, and the check passes it"
        return
    # The build's verdict: the judge asked as build_view asks it, fallback markup included.
    refused = JUDGE.page(page, candidates, fallback).refused
    assert flagged == {lines[text] for text in refused}, [
        (p.line, p.message) for p in result.problems if p.code == "D501"
    ]
