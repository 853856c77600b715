"""D2xx: markup parity between msgid and msgstr."""

from __future__ import annotations

import pytest

from tests.support.pages import CATALOG, ENGLISH
from tests.support.project import Project

CODE = "Команда `diptych check`"
LINKS = "Подробности"
IMAGE = "![Карта"
NOTE = "Это утверждение"

GOOD_LINKS = ENGLISH[
    "Подробности — на [другой странице](other.md#itogi) и на [сайте ООН](https://www.un.org/ru/)."
]


def _fix(project: Project, old: str, new: str) -> None:
    project.edit(CATALOG, f'msgstr "{old}', f'msgstr "{new}')


def _problems(project: Project, needle: str) -> tuple[int, list[str]]:
    run = project.check(CATALOG)
    line = project.line_of(needle)
    prefix = f"{CATALOG}:{line}: "
    assert all(text.startswith(prefix) for text in run.lines), run.lines
    return run.code, [text[len(prefix) :] for text in run.lines]


def test_d201_inline_code_changed(reviewed_project: Project) -> None:
    _fix(reviewed_project, "The `diptych check`", "The `diptych chek`")
    assert _problems(reviewed_project, CODE) == (
        1,
        ["D201: inline code `diptych check` became `diptych chek`"],
    )


def test_d201_inline_code_translated_away(reviewed_project: Project) -> None:
    _fix(reviewed_project, "The `diptych check` command", "The diptych check command")
    assert _problems(reviewed_project, CODE) == (
        1,
        ["D201: inline code `diptych check` of the source is missing"],
    )


def test_d201_is_a_warning_on_machine_entries(project: Project) -> None:
    machine = dict(ENGLISH)
    key = "Команда `diptych check` проверяет **переводы** и *ссылки*."
    machine[key] = "The diptych check command checks **translations** and *links*."
    project.catalog("en", machine=machine)
    run = project.check(CATALOG)
    line = project.line_of(CODE)
    assert run.code == 0
    assert run.lines == [
        f"{CATALOG}:1: D402: warning: 9 machine-translated units await review",
        f"{CATALOG}:{line}: D201: warning: inline code `diptych check` of the source is missing",
    ]
    strict = project.check("--strict", CATALOG)
    assert strict.code == 1
    assert strict.lines == [
        f"{CATALOG}:1: D402: 9 machine-translated units await review",
        f"{CATALOG}:{line}: D201: inline code `diptych check` of the source is missing",
    ]


def test_d202_link_target_changed(reviewed_project: Project) -> None:
    _fix(
        reviewed_project,
        "Details are on [another page](other.md#results) and on the [UN website](https://www.un.org/ru/).",
        "Details are on [another page](other.md#results) and on the [UN website](https://evil.example/un).",
    )
    assert _problems(reviewed_project, LINKS) == (
        1,
        [
            "D202: link target <https://www.un.org/ru/> became <https://evil.example/un>",
            "D501: publishing the translation would add a https: URL to evil.example",
        ],
    )


def test_d202_is_an_error_even_on_machine_entries(project: Project) -> None:
    machine = dict(ENGLISH)
    key = next(k for k in ENGLISH if k.startswith(LINKS))
    machine[key] = GOOD_LINKS.replace("https://www.un.org/ru/", "https://www.un.org/en/")
    project.catalog("en", machine=machine)
    run = project.check(CATALOG)
    line = project.line_of(LINKS)
    assert run.code == 1
    assert (
        f"{CATALOG}:{line}: D202: link target <https://www.un.org/ru/> became "
        "<https://www.un.org/en/>" in run.lines
    )


@pytest.mark.parametrize(
    "target",
    ["other.md", "other.md#results", "other.en.md", "other.en.md#results", "other.md#itogi"],
)
def test_d202_allows_the_same_page_in_the_translated_language(
    reviewed_project: Project, target: str
) -> None:
    _fix(
        reviewed_project,
        "Details are on [another page](other.md#results)",
        f"Details are on [another page]({target})",
    )
    assert reviewed_project.check(CATALOG).lines == []


def test_d202_another_page_is_not_the_same_page(reviewed_project: Project) -> None:
    _fix(
        reviewed_project,
        "Details are on [another page](other.md#results)",
        "Details are on [another page](page.md)",
    )
    assert _problems(reviewed_project, LINKS) == (
        1,
        ["D202: link target <other.md#itogi> became <page.md>"],
    )


def test_d202_link_dropped(reviewed_project: Project) -> None:
    _fix(
        reviewed_project,
        "Details are on [another page](other.md#results)",
        "Details are on another page",
    )
    assert _problems(reviewed_project, LINKS) == (
        1,
        ["D202: link target <other.md#itogi> of the source is missing"],
    )


def test_d203_image_source(reviewed_project: Project) -> None:
    _fix(
        reviewed_project,
        "![Map of Kazakhstan](img/map.png)",
        "![Map of Kazakhstan](img/map-en.png)",
    )
    assert _problems(reviewed_project, IMAGE) == (
        1,
        ["D203: image <img/map.png> became <img/map-en.png>"],
    )


def test_d204_footnote_reference(reviewed_project: Project) -> None:
    _fix(reviewed_project, "This claim needs a footnote[^1].", "This claim needs a footnote[^2].")
    assert _problems(reviewed_project, NOTE) == (1, ["D204: footnote reference [^1] became [^2]"])


def test_d205_emphasis_dropped(reviewed_project: Project) -> None:
    _fix(
        reviewed_project,
        "The `diptych check` command checks **translations** and *links*.",
        "The `diptych check` command checks translations and *links*.",
    )
    assert _problems(reviewed_project, CODE) == (
        1,
        ["D205: **strong** spans: 1 in the source, 0 in the translation"],
    )


def test_d205_unbalanced_marker(reviewed_project: Project) -> None:
    _fix(
        reviewed_project,
        "The `diptych check` command checks **translations** and *links*.",
        "The `diptych check` command checks **translations and *links*.",
    )
    code, problems = _problems(reviewed_project, CODE)
    assert code == 1
    assert "D205: stray * in the translation: an emphasis marker is not closed" in problems


def test_d205_can_be_waived_for_one_entry(reviewed_project: Project) -> None:
    _fix(
        reviewed_project,
        "The `diptych check` command checks **translations** and *links*.",
        "The `diptych check` command checks translations and *links*.",
    )
    reviewed_project.edit(
        CATALOG,
        'msgid "Команда',
        '# diptych: allow D205 (English needs no stress here)\nmsgid "Команда',
    )
    assert reviewed_project.check(CATALOG).lines == []


def test_d206_heading_id_added(reviewed_project: Project) -> None:
    _fix(
        reviewed_project, "Statement on the situation", "Statement on the situation { #statement }"
    )
    heading = "Заявление о ситуации"
    code, problems = _problems(reviewed_project, heading)
    assert code == 1
    assert problems == [
        "D206: attribute list { #statement } is not in the source",
    ]


def test_d207_inline_html_dropped(project: Project) -> None:
    project.write("docs/page.md", 'Строка<br>вторая строка и <abbr title="ООН">ООН</abbr>.\n')
    project.catalog(
        "en",
        reviewed={
            'Строка<br>вторая строка и <abbr title="ООН">ООН</abbr>.': (
                'Line, second line and <abbr title="ООН">UN</abbr>.'
            )
        },
    )
    run = project.check(CATALOG)
    assert run.code == 1
    assert run.lines == [
        f"{CATALOG}:13: D207: inline HTML `<br>` of the source is missing or changed"
    ]


def test_d207_kept_html_passes(project: Project) -> None:
    project.write("docs/page.md", "Строка<br>вторая строка.\n")
    project.catalog("en", reviewed={"Строка<br>вторая строка.": "Line<br>second line."})
    assert project.check(CATALOG).lines == []


def test_d208_math(project: Project) -> None:
    project.write("docs/page.md", "Формула $E=mc^2$ верна.\n")
    project.catalog("en", reviewed={"Формула $E=mc^2$ верна.": "The formula $E=mc^3$ is right."})
    run = project.check(CATALOG)
    assert run.lines == [f"{CATALOG}:13: D208: math `E=mc^2` became `E=mc^3`"]
    project.catalog("en", reviewed={"Формула $E=mc^2$ верна.": "The formula $E=mc^2$ is right."})
    assert project.check(CATALOG).lines == []


def test_d209_placeholder_left(reviewed_project: Project) -> None:
    _fix(
        reviewed_project, "This claim needs a footnote[^1].", "This claim needs a footnote[^1] {2}."
    )
    assert _problems(reviewed_project, NOTE) == (
        1,
        ["D209: placeholder {2} left in the translation: put the markup back"],
    )


def test_d210_link_to_a_page_that_does_not_exist(project: Project) -> None:
    project.write("docs/page.md", "См. [итоги](other.md).\n")
    project.catalog("en", reviewed={"См. [итоги](other.md).": "See [results](other.en.md)."})
    assert project.check(CATALOG).lines == []
    project.write("docs/page.md", "См. [итоги](missing.md).\n")
    project.catalog("en", reviewed={"См. [итоги](missing.md).": "See [results](missing.en.md)."})
    assert project.check(CATALOG).lines == [
        f"{CATALOG}:13: D210: link to missing.en.md: no such page in docs/"
    ]
