"""D301/D302: numbers and dates carried over, in each language's formatting."""

from __future__ import annotations

import pytest

from diptych.check.numbers import check
from tests.support.pages import CATALOG, ENGLISH
from tests.support.project import Project

PEACEKEEPERS = (
    "Миротворческие силы ОДКБ численностью около 2 500 человек прибыли 10 января 2022 года."
)


@pytest.mark.parametrize(
    ("source", "translation", "lang"),
    [
        ("около 2 500 человек", "about 2,500 people", "en"),
        ("около 2 500 человек", "about 2500 people", "en"),
        ("около 2 500 человек", "rund 2.500 Menschen", "de"),
        ("около 2 500 человек", "rund 2 500 Menschen", "de"),
        ("около 2 500 человек", "约2500人", "zh"),
        ("около 2 500 человек", "约2,500人", "zh"),
        ("около 2 500 человек", "حوالي ٢٥٠٠ شخص", "ar"),
        ("около 2 500 человек", "حوالي ٢٬٥٠٠ شخص", "ar"),
        ("около 2 500 человек", "نحو 2500 فرد", "ar"),
        ("2,5 тыс. человек", "2,500 people", "en"),
        ("2,5 млн", "2.5 million", "en"),
        ("2,5 млн", "250万", "zh"),
        ("рост на 3,14 %", "growth of 3.14%", "en"),
        ("рост на 3,14 %", "Wachstum um 3,14 %", "de"),
        ("10 января 2022 года", "10 January 2022", "en"),
        ("10 января 2022 года", "January 10, 2022", "en"),
        ("10 января 2022 года", "10.01.2022", "en"),
        ("10 января 2022 года", "2022-01-10", "en"),
        ("10 января 2022 года", "10. Januar 2022", "de"),
        ("10 января 2022 года", "2022年1月10日", "zh"),
        ("10 января 2022 года", "2022年一月10日", "zh"),
        ("10 января 2022 года", "١٠ يناير ٢٠٢٢", "ar"),
        ("10 января 2022 года", "10 كانون الثاني 2022", "ar"),
        ("12 декабря", "十二月12日", "zh"),
        ("в мае", "in May", "en"),
        ("в 1990-е годы", "in the 1990s", "en"),
        ("Текст без чисел", "Text without numbers", "en"),
    ],
)
def test_formatting_of_each_language_is_allowed(source: str, translation: str, lang: str) -> None:
    assert list(check(source, translation, "ru", lang)) == []


@pytest.mark.parametrize(
    ("source", "translation", "lang", "expected"),
    [
        (
            "около 2 500 человек",
            "about 25,000 people",
            "en",
            [("D301", "number 2 500 of the source became 25,000 in the translation")],
        ),
        (
            "около 2 500 человек",
            "about two and a half thousand people",
            "en",
            [("D301", "number 2 500 of the source is missing from the translation")],
        ),
        (
            "около 2 500 человек",
            "about 2,500 people in 3 cities",
            "en",
            [("D301", "number 3 is not in the source")],
        ),
        (
            "около 2 500 человек",
            "约2600人",
            "zh",
            [("D301", "number 2 500 of the source became 2600 in the translation")],
        ),
        (
            "10 января 2022 года",
            "10 January 2021",
            "en",
            [("D301", "number 2022 of the source became 2021 in the translation")],
        ),
        (
            "10 января 2022 года",
            "10 February 2022",
            "en",
            [("D302", "month 'января' of the source is missing from the translation")],
        ),
        (
            "10 января 2022 года",
            "2022年2月10日",
            "zh",
            [("D302", "month 'января' of the source is missing from the translation")],
        ),
        (
            "10 января 2022 года",
            "١٠ فبراير ٢٠٢٢",
            "ar",
            [("D302", "month 'января' of the source is missing from the translation")],
        ),
    ],
)
def test_numbers_and_months_not_carried_over(
    source: str, translation: str, lang: str, expected: list[tuple[str, str]]
) -> None:
    assert list(check(source, translation, "ru", lang)) == expected


def test_numbers_in_code_and_urls_do_not_count(project: Project) -> None:
    project.write("docs/page.md", "Статья [2022](https://example.com/2021/05) и `x = 7`.\n")
    source = "Статья [2022](https://example.com/2021/05) и `x = 7`."
    project.catalog(
        "en", reviewed={source: "Article [2022](https://example.com/2021/05) and `x = 7`."}
    )
    assert project.check(CATALOG).lines == []


def test_d301_through_the_command_line(reviewed_project: Project) -> None:
    reviewed_project.edit(CATALOG, "about 2,500 personnel", "about 25,00 personnel")
    line = reviewed_project.line_of("Миротворческие")
    run = reviewed_project.check(CATALOG)
    assert run.code == 1
    assert run.lines == [
        f"{CATALOG}:{line}: D301: number 2 500 of the source became 25,00 in the translation"
    ]


def test_d302_through_the_command_line(reviewed_project: Project) -> None:
    reviewed_project.edit(CATALOG, "10 January 2022", "10 June 2022")
    line = reviewed_project.line_of("Миротворческие")
    run = reviewed_project.check(CATALOG)
    assert run.code == 1
    assert run.lines == [
        f"{CATALOG}:{line}: D302: month 'января' of the source is missing from the translation"
    ]


def test_d301_can_be_waived_for_one_entry(reviewed_project: Project) -> None:
    reviewed_project.edit(
        CATALOG, "about 2,500 personnel", "some two and a half thousand personnel"
    )
    reviewed_project.edit(
        CATALOG, f'msgid "{PEACEKEEPERS}"', f'# diptych: allow D301\nmsgid "{PEACEKEEPERS}"'
    )
    assert reviewed_project.check(CATALOG).lines == []


def test_injection_cannot_be_waived(reviewed_project: Project) -> None:
    reviewed_project.edit(CATALOG, "about 2,500 personnel", "about 2,500 <b>personnel</b>")
    reviewed_project.edit(
        CATALOG, f'msgid "{PEACEKEEPERS}"', f'# diptych: allow D501 D301\nmsgid "{PEACEKEEPERS}"'
    )
    run = reviewed_project.check(CATALOG)
    assert run.code == 1
    assert [line.split(": ", 2)[1] for line in run.lines] == ["D501"]


def test_machine_entries_with_wrong_numbers_are_warnings(project: Project) -> None:
    machine = dict(ENGLISH)
    machine[PEACEKEEPERS] = "CSTO peacekeepers of about 25,000 arrived on 10 January 2022."
    project.catalog("en", machine=machine)
    line = project.line_of("Миротворческие")
    run = project.check(CATALOG)
    assert run.code == 0
    assert (
        f"{CATALOG}:{line}: D301: warning: number 2 500 of the source became 25,000 in the "
        "translation"
    ) in run.lines
