"""Protection: markup becomes placeholders, comes back intact, and damage is caught."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from diptych.protect import protect, restore, signature
from diptych.segment import segment


def test_markup_becomes_numbered_placeholders() -> None:
    p = protect('Силы **Республики Казахстан** и [ОДКБ](https://odkb.org "т") `код` [^1]')
    assert p.masked == "Силы {1}Республики Казахстан{2} и {3}ОДКБ{4} {5} {6}"
    assert p.markup == {
        1: "**",
        2: "**",
        3: "[",
        4: '](https://odkb.org "т")',
        5: "`код`",
        6: "[^1]",
    }


def test_html_entities_escapes_math_and_autolinks_are_protected() -> None:
    p = protect("<kbd>Ctrl</kbd> &laquo;а&raquo; \\*б\\* $x^2$ <https://e.org> ![альт](p.png)")
    assert p.masked == "{1}Ctrl{2} {3}а{4} {5}б{6} {7} {8} {9}альт{10}"
    assert restore(p, p.masked).text == p.source


def test_reference_links_use_the_page_definitions() -> None:
    page = segment("Текст [ОДКБ][o].\n\n[o]: https://odkb.org\n")
    p = protect(page.units[0].text, page.references)
    assert p.masked == "Текст {1}ОДКБ{2}."


def test_text_that_looks_like_a_placeholder_is_protected_too() -> None:
    p = protect("Скобки {2} в тексте и [ ] задача")
    assert p.masked == "Скобки {1} в тексте и {2} задача"
    assert (
        restore(p, "Brackets {1} in text and {2} task").text == "Brackets {2} in text and [ ] task"
    )


def test_soft_breaks_become_spaces_hard_breaks_stay() -> None:
    p = protect("один\nдва  \nтри")
    assert p.masked == "один два{1}три"
    assert restore(p, "one two{1}three").text == "one two  \nthree"


def test_units_without_words_need_no_translator() -> None:
    assert not protect("`только код` 2022").has_words
    assert protect("`код` и слово").has_words


def test_damaged_placeholders_are_repaired() -> None:
    p = protect("**Казахстан** и `код`")
    result = restore(p, "{ 1 }Kazakhstan｛2｝ and {3} {3} {7}")
    assert result.text == "**Kazakhstan** and `код`"
    assert result.ok
    assert result.repairs == (
        "normalised damaged placeholders",
        "dropped repeated placeholder {3}",
        "dropped invented placeholder {7}",
    )


def test_lost_placeholders_are_problems_not_silent() -> None:
    p = protect("Текст [ссылка](https://e.org) конец")
    result = restore(p, "Text {1}link конец")
    assert not result.ok
    assert result.problems == ("lost placeholder {2} ('](https://e.org)')",)


def test_reordered_markup_that_breaks_a_link_is_a_problem() -> None:
    p = protect("Текст [ссылка](https://e.org)")
    result = restore(p, "{2}link{1} text")
    assert result.problems == ("markup differs from the source after restoring placeholders",)


def test_signature_counts_what_must_survive() -> None:
    sig = signature("*a* **b** [c](u) ![d](i.png) `e` [^1]")
    assert sig == {
        ("em_open", ""): 1,
        ("strong_open", ""): 1,
        ("link", "u"): 1,
        ("image", "i.png"): 1,
        ("code_inline", "e"): 1,
        ("footnote_ref", "[^1]"): 1,
    }


WORDS = st.text(alphabet="абвгдежзийклмнопрстуфхцчшщыэюя ", min_size=1, max_size=12)
MARKS = st.sampled_from(
    ["**{}**", "*{}*", "`{}`", "[{}](https://e.org/x)", "~~{}~~", "<b>{}</b>", "{}", "{}"]
)


@settings(max_examples=300, derandomize=True, deadline=None)
@given(st.lists(st.tuples(MARKS, WORDS), min_size=1, max_size=8))
def test_identity_round_trip_restores_the_source(parts: list[tuple[str, str]]) -> None:
    text = " ".join(mark.format(word.strip() or "а") for mark, word in parts)
    p = protect(text)
    assert not re.search(r"[*`\[\]<>~]", re.sub(r"\{\d+\}", "", p.masked))
    result = restore(p, p.masked)
    assert result.ok
    assert result.text == text
