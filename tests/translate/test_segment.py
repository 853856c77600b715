"""Segmentation: units come out of pages, translations go back in, identity is byte-exact."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from diptych.segment import Unit, segment

CORPUS = sorted((Path(__file__).parent / "corpus").glob("*.md"))


def swapped(text: str) -> str:
    """Swap the case of Russian letters only: labels, URLs and code in Latin must survive."""
    return re.sub(r"[а-яёА-ЯЁ]+", lambda m: m.group(0).swapcase(), text)


def swap(unit: Unit) -> str:
    """A 'translation' that changes every Russian letter and nothing else."""
    return swapped(unit.text)


def variants(text: str) -> dict[str, str]:
    return {"lf": text, "crlf": text.replace("\n", "\r\n"), "bom": "\ufeff" + text}


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
@pytest.mark.parametrize("variant", ["lf", "crlf", "bom"])
def test_corpus_identity_is_byte_exact(path: Path, variant: str) -> None:
    text = variants(path.read_text(encoding="utf-8"))[variant]
    page = segment(text, path)
    assert page.units, "every corpus page has translatable text"
    assert page.render(lambda unit: None) == text
    assert page.render(lambda unit: unit.text) == text


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
@pytest.mark.parametrize("variant", ["lf", "crlf"])
def test_corpus_translation_lands_in_the_same_units(path: Path, variant: str) -> None:
    text = variants(path.read_text(encoding="utf-8"))[variant]
    page = segment(text, path)
    rendered = page.render(swap)
    again = segment(rendered, path)
    assert [u.text for u in again.units] == [swapped(u.text) for u in page.units]
    assert [u.kind for u in again.units] == [u.kind for u in page.units]
    # Line endings of the page are kept.
    assert ("\r\n" in rendered) == (variant == "crlf")


def test_units_of_the_statement_page() -> None:
    path = Path(__file__).parents[2] / "docs" / "statements" / "2022-01-08-zayavlenie-mid.md"
    page = segment(path.read_text(encoding="utf-8"), path)
    kinds = [u.kind for u in page.units]
    assert kinds[:2] == ["front-matter:title", "front-matter:description"]
    assert kinds[2:] == ["paragraph"] * 12
    assert page.units[0].text == "Заявление Министерства иностранных дел Республики Казахстан"
    assert page.units[-1].text.startswith("В этой связи 10 января 2022 года")
    assert page.units[2].line == 7


def test_what_never_reaches_a_translator() -> None:
    text = Path(__file__).parent.joinpath("corpus", "код-и-html.md").read_text(encoding="utf-8")
    units = " ".join(u.text for u in segment(text).units)
    for kept_out in ("не переводить", "тоже код", "Сырой HTML", "E = mc^2"):
        assert kept_out not in units


def test_heading_ids_and_attribute_lists_stay_out() -> None:
    page = segment("# Заголовок { #top .wide }\n\nАбзац.\n{: .lead }\n\nТекст {: .x }\n")
    assert [u.text for u in page.units] == ["Заголовок", "Абзац.", "Текст"]
    out = page.render(lambda u: "Heading" if u.kind == "heading" else "Para.")
    assert out == "# Heading { #top .wide }\n\nPara.\n{: .lead }\n\nPara. {: .x }\n"


def test_translations_keep_their_containers() -> None:
    text = (
        "- пункт\n"
        "  продолжение\n"
        "\n"
        "> цитата[^1]\n"
        "\n"
        "[^1]: сноска\n"
        "\n"
        '!!! note "Заметка"\n'
        "    тело\n"
        "\n"
        "| ячейка | другая |\n"
        "|---|---|\n"
        "| а | б |\n"
    )
    translations = {
        "пункт\nпродолжение": "item\ncontinued\nthird line",
        "цитата[^1]": "quote[^1]\nsecond",
        "сноска": "note\nmore",
        "Заметка": 'Note "quoted"\nwrapped',
        "тело": "body",
        "ячейка": "cell | pipe",
        "а": "a",
    }
    out = segment(text).render(lambda u: translations.get(u.text))
    assert out == (
        "- item\n"
        "  continued\n"
        "  third line\n"
        "\n"
        "> quote[^1]\n"
        "> second\n"
        "\n"
        "[^1]: note\n"
        "      more\n"
        "\n"
        '!!! note "Note "quoted" wrapped"\n'
        "    body\n"
        "\n"
        "| cell \\| pipe | другая |\n"
        "|---|---|\n"
        "| a | б |\n"
    )


def test_front_matter_translation_is_valid_yaml() -> None:
    text = '---\ntitle: "Заголовок: с двоеточием"\ndate: 2022-01-10\n---\n\nТекст.\n'
    page = segment(text)
    assert page.units[0] == Unit("front-matter:title", "Заголовок: с двоеточием", 2)
    out = page.render(lambda u: 'Title: with "quotes"' if u.kind.startswith("front") else None)
    assert out == '---\ntitle: "Title: with \\"quotes\\""\ndate: 2022-01-10\n---\n\nТекст.\n'


def test_a_translation_cannot_start_a_new_block() -> None:
    page = segment("- пункт\n\nабзац\nвторая строка\n")
    out = page.render(lambda u: "# not a heading\n- not a list\n1. nor this")
    assert out == (
        "- \\# not a heading\n  \\- not a list\n  \\1. nor this\n\n"
        "\\# not a heading\n\\- not a list\n\\1. nor this\n"
    )
    assert [s.unit.kind for s in segment(out).slots] == ["paragraph", "paragraph"]


# -- Hypothesis: generated Markdown --------------------------------------------------------

WORD = st.text(alphabet="абвгдеёжзийклмнопрстуфхцчшщыэюяАБВГДabcXYZ", min_size=1, max_size=8)
INLINE_MARK = st.sampled_from(
    ["**{}**", "*{}*", "`{}`", "[{}](https://example.org/a_b)", "~~{}~~", "{}", "{}", "{}"]
)


@st.composite
def inline(draw: st.DrawFn) -> str:
    words = draw(st.lists(WORD, min_size=1, max_size=8))
    pieces = [draw(INLINE_MARK).format(word) for word in words]
    punct = draw(st.sampled_from(["", ".", "!", ",", " 2 500", " {3}", " [^1]", " \\*"]))
    return " ".join(pieces) + punct


@st.composite
def paragraph(draw: st.DrawFn) -> str:
    return "\n".join(draw(st.lists(inline(), min_size=1, max_size=3)))


@st.composite
def block(draw: st.DrawFn, depth: int = 0) -> str:
    kind = draw(
        st.sampled_from(
            ["para", "heading", "list", "olist", "quote", "code", "table", "admon", "html"]
            if depth < 2
            else ["para", "heading", "code"]
        )
    )
    if kind == "para":
        return draw(paragraph())
    if kind == "heading":
        level = draw(st.integers(1, 6))
        suffix = draw(st.sampled_from(["", " { #id }", " ##"]))
        return "#" * level + " " + draw(inline()) + suffix
    if kind in ("list", "olist"):
        items = draw(st.lists(paragraph(), min_size=1, max_size=3))
        marker = "-" if kind == "list" else "1."
        pad = " " * (len(marker) + 1)
        out = [marker + " " + item.replace("\n", "\n" + pad) for item in items]
        if draw(st.booleans()):
            nested = draw(block(depth + 1))
            out.append(pad + nested.replace("\n", "\n" + pad))
        return "\n".join(out)
    if kind == "quote":
        inner = draw(block(depth + 1))
        return "\n".join("> " + line if line else ">" for line in inner.split("\n"))
    if kind == "code":
        return "```\n" + draw(WORD) + " код\n```"
    if kind == "table":
        cells = draw(st.lists(st.lists(inline(), min_size=2, max_size=2), min_size=1, max_size=3))
        rows = ["| " + " | ".join(c.replace("|", "\\|") for c in row) + " |" for row in cells]
        return "\n".join([rows[0], "|---|---|", *rows[1:]])
    if kind == "admon":
        body = draw(paragraph())
        return f'!!! note "{draw(WORD)}"\n    ' + body.replace("\n", "\n    ")
    return "<div>\n" + draw(WORD) + "\n</div>"


@st.composite
def page(draw: st.DrawFn) -> str:
    blocks = draw(st.lists(block(), min_size=1, max_size=6))
    front = draw(st.sampled_from(["", "---\ntitle: Заголовок страницы\n---\n\n"]))
    ending = draw(st.sampled_from(["\n", "", "\n\n"]))
    text = front + "\n\n".join(blocks) + ending + "\n\n[^1]: сноска\n"
    return text.replace("\n", "\r\n") if draw(st.booleans()) else text


@settings(
    max_examples=300, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(page())
@example("Абзац\r\nвторая строка\r\n")
def test_generated_pages_reassemble_exactly(text: str) -> None:
    page_ = segment(text)
    assert page_.render(lambda unit: None) == text
    assert page_.render(lambda unit: unit.text) == text


@settings(
    max_examples=300, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(page())
def test_generated_pages_take_translations_in_place(text: str) -> None:
    original = segment(text)
    rendered = original.render(swap)
    again = segment(rendered)
    assert [u.text for u in again.units] == [swapped(u.text) for u in original.units]
    # Everything outside the units is untouched.
    outside = re.sub(r"\w", "", rendered)
    assert outside == re.sub(r"\w", "", text)
