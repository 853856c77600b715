"""D303/D304: the glossary, checked on translations (an error on reviewed units, a warning on
machine output); the glossary file itself. The matcher is diptych.glossary's, shared with
``diptych translate`` (tests/translate/test_glossary_machine.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from diptych.glossary import find, load, violations
from diptych.languages import LANGUAGES
from tests.support.pages import CATALOG, ENGLISH
from tests.support.project import Project

PEACEKEEPERS = (
    "Миротворческие силы ОДКБ численностью около 2 500 человек прибыли 10 января 2022 года."
)


def test_reviewed_translation_using_the_term_passes(reviewed_project: Project) -> None:
    assert "CSTO" in ENGLISH[PEACEKEEPERS]
    assert reviewed_project.check(CATALOG).lines == []


def test_d303_reviewed_translation_without_the_term(reviewed_project: Project) -> None:
    reviewed_project.edit(CATALOG, "CSTO peacekeeping forces", "ODKB peacekeeping forces")
    line = reviewed_project.line_of("Миротворческие")
    run = reviewed_project.check(CATALOG)
    assert run.code == 1
    assert run.lines == [
        f"{CATALOG}:{line}: D303: glossary (glossary/ru-en.csv:2): 'ОДКБ' is translated as 'CSTO'"
    ]


def test_d303_on_machine_units_is_a_warning(project: Project) -> None:
    """Machine output is held to the glossary too (translate enforces it), as a warning:
    it shows units translated before the glossary changed. Fails if D303 skips machine
    units again (no line) or loses its on_fuzzy severity (an error, exit 1)."""
    machine = dict(ENGLISH)
    machine[PEACEKEEPERS] = machine[PEACEKEEPERS].replace("CSTO", "ODKB")
    project.catalog("en", machine=machine)
    line = project.line_of("Миротворческие")
    run = project.check(CATALOG)
    assert [text for text in run.lines if "D303" in text] == [
        f"{CATALOG}:{line}: D303: warning: glossary (glossary/ru-en.csv:2): 'ОДКБ' is "
        "translated as 'CSTO'"
    ]
    assert run.code == 0


def test_d303_waived_for_one_entry(reviewed_project: Project) -> None:
    reviewed_project.edit(CATALOG, "CSTO peacekeeping forces", "ODKB peacekeeping forces")
    reviewed_project.edit(
        CATALOG, f'msgid "{PEACEKEEPERS}"', f'# diptych: allow D303\nmsgid "{PEACEKEEPERS}"'
    )
    assert reviewed_project.check(CATALOG).lines == []


@pytest.mark.parametrize(
    ("term", "target", "source", "translation", "ok"),
    [
        ("ОДКБ", "CSTO", "силы ОДКБ", "CSTO forces", True),
        ("ОДКБ", "CSTO", "силы ОДКБ", "the CSTO's forces", True),
        ("ОДКБ", "CSTO", "силы ОДКБ", "csto forces", False),  # an acronym keeps its case
        ("ОДКБ", "CSTO", "силы ОДКБ", "ODKB forces", False),
        (
            "Вооружённые силы",
            "Armed Forces",
            "Вооруженными силами страны",
            "the armed forces",
            True,
        ),
        ("Вооружённые силы", "Armed Forces", "Вооруженными силами страны", "the army", False),
        ("Казахстан", "Kazakhstan", "в Казахстане", "in Kazakhstan", True),
        ("Казахстан", "Kazakhstan", "в Казахстане", "in the country", False),
        ("Казахстан", "Kazakhstan", "казахстанской стороны", "the Kazakh side", True),
        ("миротворческ* сил*", "peacekeeping forces", "миротворческих сил", "peacekeepers", False),
        # Several "*" in one word: each gap is committed at the first occurrence of the
        # next piece (atomic groups); the match must still be found. The first three
        # fail if a gap is possessive (\w*+, which swallows the next piece).
        ("в*р*ж*н*", "armed", "Вооружёнными силами", "by the army", False),
        ("в*р*ж*н*", "armed", "Вооружёнными силами", "by the armed forces", True),
        ("а*а*б", "x", "ааааб", "no target", False),
        ("а*а*б", "x", "ааааб ааааа", "no target", False),
        ("а*а*б", "x", "аааа баааа", "no target", True),
        ("*стан", "Kazakhstan", "Казахстан", "Kazakhstan", True),
        ("*стан", "Kazakhstan", "Казахстан", "the country", False),
        ("*стан", "Kazakhstan", "в Казахстане", "in the country", True),  # a stem needs *
        ("Вооружённые с*л*", "Armed Forces", "вооружённые силы", "forces", True),
        # Inflected forms confirmed by their lemma (pymorphy3): found where the stem
        # finds them, not where the stem belongs to another word. The first three fail
        # without the lemma check (the stem "Казахст", "Алма" or "Сове" matches).
        ("Казахстан", "Kazakhstan", "Казахстанская сторона", "the Kazakh side", True),
        ("Алматы", "Almaty", "Алматинской области", "of the region", True),
        ("Совет Безопасности", "Security Council", "Совещание Безопасности", "a meeting", True),
        ("Токаев", "Tokayev", "встреча с Токаевым", "a meeting", False),
        ("Совет Безопасности", "Security Council", "Советом Безопасности", "the council", False),
        ("ОДКБ", "CSTO", "ОДКБ-шных миротворцев", "the peacekeepers", False),
        (
            "ОДКБ",
            "CSTO|Collective Security Treaty Organization",
            "ОДКБ",
            "the Collective Security Treaty Organization",
            True,
        ),
    ],
)
def test_term_matching(
    tmp_path: Path, term: str, target: str, source: str, translation: str, ok: bool
) -> None:
    path = tmp_path / "ru-en.csv"
    path.write_text(f"source,target,note\n{term},{target},\n", encoding="utf-8")
    glossary = load(path, LANGUAGES["en"])
    assert glossary.problems == []
    assert (violations(glossary, source, translation) == []) is ok


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Силы ОДКБ-шных миротворцев", ["ОДКБ-шных"]),
        (
            "Руководство Организации Договора о коллективной безопасности и ОДКБ",
            ["Организации Договора о коллективной безопасности", "ОДКБ"],
        ),
        ("Вооружёнными силами Казахстана", ["Вооружёнными силами", "Казахстана"]),
        ("Казахстанская сторона", []),
    ],
)
def test_find_gives_whole_words_for_masking(text: str, found: list[str]) -> None:
    """What translate masks: whole words (an acronym's hyphenated ending included, so
    ``ОДКБ-шных`` becomes the term and not ``CSTO-шных``), each term once, in text order,
    the longer of two overlapping terms."""
    root = Path(__file__).resolve().parents[2]
    glossary = load(root / "glossary" / "ru-en.csv", LANGUAGES["en"])
    assert [text[f.start : f.end] for f in find(glossary, text)] == found


def test_arabic_terms_match_with_attached_prepositions(tmp_path: Path) -> None:
    path = tmp_path / "ru-ar.csv"
    path.write_text("source,target,note\nОДКБ,منظمة معاهدة الأمن الجماعي,\n", encoding="utf-8")
    glossary = load(path, LANGUAGES["ar"])
    assert violations(glossary, "силы ОДКБ", "التابعة لمنظمة معاهدة الأمن الجماعي") == []


def test_d304_malformed_glossary(reviewed_project: Project) -> None:
    reviewed_project.write(
        "glossary/ru-en.csv",
        "source,target,note\nОДКБ,CSTO,\nОДКБ,OCST,duplicate\nКазахстан,,no target\n",
    )
    run = reviewed_project.check("glossary/ru-en.csv")
    assert run.code == 1
    assert run.lines == [
        "glossary/ru-en.csv:3: D304: 'ОДКБ' is already in the glossary at line 2",
        "glossary/ru-en.csv:4: D304: each row needs a source term and a target term",
    ]


def test_d303_adversarial_row_is_checked_in_linear_time(reviewed_project: Project) -> None:
    """A glossary row made to backtrack (five ``*`` in one word, against a 3,000-letter
    word) is checked like any other: no finding where the term does not occur, D303 where
    it does. With each ``*`` a plain ``\\w*`` (source_pattern before this change) the
    search takes on the order of 3,000^5 steps and this test never finishes; with the
    atomic gaps it takes milliseconds."""
    page = "Слово " + "а" * 3000 + " в абзаце.\n\nСлово аааааб.\n"
    reviewed_project.write("docs/long.md", page)
    reviewed_project.write("glossary/ru-en.csv", "source,target,note\nа*а*а*а*а*б,x,\n")
    long_unit, short_unit = reviewed_project.units("long.md")
    reviewed_project.catalog(
        "en", "long.md", reviewed={long_unit: "A word in a paragraph.", short_unit: "A word."}
    )
    rel = "translations/en/long.po"
    run = reviewed_project.check(rel)
    assert run.code == 1
    assert run.lines == [
        f"{rel}:{reviewed_project.line_of('Слово аааааб.', rel)}: D303: glossary "
        "(glossary/ru-en.csv:2): 'а*а*а*а*а*б' is translated as 'x'"
    ]


def test_d304_word_of_only_stars(reviewed_project: Project) -> None:
    """A word that is nothing but ``*`` would match any word (and made the pattern
    ambiguous around white space): refused. Fails without the check in source_pattern
    (the row then loads, and the check says nothing)."""
    reviewed_project.write("glossary/ru-en.csv", "source,target,note\nОДКБ,CSTO,\n* сил*,forces,\n")
    run = reviewed_project.check("glossary/ru-en.csv")
    assert run.code == 1
    assert run.lines == [
        "glossary/ru-en.csv:3: D304: '* сил*': a word of only '*' matches any word: "
        "write the start of the word"
    ]


def test_d304_missing_header_and_wrong_pair(reviewed_project: Project) -> None:
    reviewed_project.write("glossary/ru-en.csv", "ОДКБ,CSTO\n")
    reviewed_project.write("glossary/ru-fr.csv", "source,target\nОДКБ,OTSC\n")
    run = reviewed_project.check("glossary")
    assert run.code == 1
    assert run.lines == [
        "glossary/ru-en.csv:1: D304: the first line must name the columns: source,target,note",
        "glossary/ru-fr.csv:1: D304: glossary for 'ru-fr', not a language pair of this site "
        "(ru-en, ru-zh, ru-ar)",
    ]


def test_the_projects_own_glossaries_are_valid() -> None:
    root = Path(__file__).resolve().parents[2]
    for path in sorted((root / "glossary").glob("ru-*.csv")):
        lang = LANGUAGES[path.stem.split("-")[1]]
        glossary = load(path, lang)
        assert glossary.problems == [], path
        assert glossary.terms, path
