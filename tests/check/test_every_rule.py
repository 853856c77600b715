"""Every rule of the registry, in pairs: a catalog (or page, or glossary) that breaks it
and the same one that does not. The family test files hold the exact messages; this file
makes sure no rule is left without both sides, and that a new rule needs a case here."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from diptych.catalog import fingerprint
from diptych.check.rules import RULES, Severity
from tests.support.pages import CATALOG, ENGLISH
from tests.support.project import Project

HEADING = "Заявление о ситуации"


def _msgstr(project: Project, old: str, new: str) -> None:
    project.edit(CATALOG, f'msgstr "{old}"', f'msgstr "{new}"')


def _before_msgid(project: Project, start: str, lines: str) -> None:
    """Insert comment lines right before the msgid that starts with ``start``."""
    project.edit(CATALOG, f'\nmsgid "{start}', f'\n{lines}msgid "{start}')


def _replace_page(project: Project, page: str, translations: dict[str, str]) -> None:
    project.write("docs/page.md", page)
    project.catalog("en", reviewed=translations)


# Each case: (site, broken) -> the arguments of `diptych check`. With broken=False the
# case sets up the nearest catalog that is fine.
Case = Callable[[Project, bool], list[str]]


def d101(project: Project, broken: bool) -> list[str]:
    new = 'Statement on the \\"situation\\"' if not broken else 'Statement on the "situation"'
    _msgstr(project, "Statement on the situation", new)
    return [CATALOG]


def d102(project: Project, broken: bool) -> list[str]:
    project.edit(CATALOG, '"Language: en\\n"', f'"Language: {"de" if broken else "en"}\\n"')
    return [CATALOG]


def d103(project: Project, broken: bool) -> list[str]:
    if broken:
        project.edit(CATALOG, "nplurals=2; plural=(n != 1);", "nplurals=2")
    return [CATALOG]


def d104(project: Project, broken: bool) -> list[str]:
    if broken:
        project.edit(CATALOG, "charset=UTF-8", "charset=ISO-8859-1")
    return [CATALOG]


def d105(project: Project, broken: bool) -> list[str]:
    msgid = HEADING if broken else "Старый заголовок"
    prefix = "" if broken else "#~ "
    text = project.read(CATALOG)
    project.write(CATALOG, text + f'\n{prefix}msgid "{msgid}"\n{prefix}msgstr "Statement"\n')
    return [CATALOG]


def d106(project: Project, broken: bool) -> list[str]:
    if broken:
        project.edit(CATALOG, f'msgid "{HEADING}"', 'msgid "Совсем иной текст"')
    return [CATALOG]


def d107(project: Project, broken: bool) -> list[str]:
    if broken:
        project.write("translations/en/gone.po", project.read(CATALOG))
        return ["translations/en/gone.po"]
    project.catalog("en", page="other.md", reviewed={"Итоги": "Results", "Текст.": "Text."})
    return ["translations/en/other.po"]


def d108(project: Project, broken: bool) -> list[str]:
    end = "\\n" if broken else ""
    _msgstr(project, "Statement on the situation", f"Statement on the situation{end}")
    return [CATALOG]


def d109(project: Project, broken: bool) -> list[str]:
    if broken:
        project.write(
            "docs/page.md", project.read("docs/page.md").replace("title: ", "title: [", 1)
        )
    return ["docs/page.md"]


def d110(project: Project, broken: bool) -> list[str]:
    date = "14.03.2022" if broken else "2022-03-14"
    project.write("docs/statements/s.md", f"---\ntitle: Заявление\ndate: {date}\n---\n\nТекст.\n")
    return ["docs/statements/s.md"]


def d201(project: Project, broken: bool) -> list[str]:
    if broken:
        _msgstr(
            project,
            ENGLISH["Команда `diptych check` проверяет **переводы** и *ссылки*."],
            "The `diptych` command checks **translations** and *links*.",
        )
    return [CATALOG]


def _links(project: Project, new: str) -> None:
    old = "Details are on [another page](other.md#results) and on the "
    project.edit(CATALOG, old, new)


def d202(project: Project, broken: bool) -> list[str]:
    # The clean side is the reviewed catalog itself, whose other.md link changed anchor.
    if broken:
        project.edit(CATALOG, "(https://www.un.org/ru/)", "(https://evil.example/)")
    return [CATALOG]


def d203(project: Project, broken: bool) -> list[str]:
    source = "img/other.png" if broken else "img/map.png"
    _msgstr(project, "![Map of Kazakhstan](img/map.png)", f"![A map of Kazakhstan]({source})")
    return [CATALOG]


def d204(project: Project, broken: bool) -> list[str]:
    note = "" if broken else "[^1]"
    _msgstr(project, "This claim needs a footnote[^1].", f"This claim needs a source{note}.")
    return [CATALOG]


def d205(project: Project, broken: bool) -> list[str]:
    strong = "**translations" if broken else "**translations**"
    _msgstr(
        project,
        "The `diptych check` command checks **translations** and *links*.",
        f"The `diptych check` command checks {strong} and *links*.",
    )
    return [CATALOG]


def d206(project: Project, broken: bool) -> list[str]:
    ids = " { #statement }" if broken else ""
    _msgstr(project, "Statement on the situation", f"Statement on the situation{ids}")
    return [CATALOG]


def d207(project: Project, broken: bool) -> list[str]:
    source = "Строка<br>вторая строка."
    _replace_page(
        project, source + "\n", {source: "Line second line." if broken else "Line<br>second line."}
    )
    return [CATALOG]


def d208(project: Project, broken: bool) -> list[str]:
    source = "Формула $E=mc^2$ верна."
    math = "$E=mc^3$" if broken else "$E=mc^2$"
    _replace_page(project, source + "\n", {source: f"The formula {math} is right."})
    return [CATALOG]


def d209(project: Project, broken: bool) -> list[str]:
    left = " {1}" if broken else ""
    _msgstr(project, "Statement on the situation", f"Statement on the situation{left}")
    return [CATALOG]


def d210(project: Project, broken: bool) -> list[str]:
    page = "missing" if broken else "other"
    source = f"См. [итоги]({page}.md)."
    _replace_page(project, source + "\n", {source: f"See [results]({page}.en.md)."})
    return [CATALOG]


def d301(project: Project, broken: bool) -> list[str]:
    number = "3,500" if broken else "2 500"
    project.edit(CATALOG, "about 2,500 personnel", f"about {number} personnel")
    return [CATALOG]


def d302(project: Project, broken: bool) -> list[str]:
    date = "10 February 2022" if broken else "January 10, 2022"
    project.edit(CATALOG, "on 10 January 2022.", f"on {date}.")
    return [CATALOG]


def d303(project: Project, broken: bool) -> list[str]:
    term = "Collective Security Treaty" if broken else "CSTO"
    project.edit(CATALOG, '"CSTO peacekeeping', f'"{term} peacekeeping')
    return [CATALOG]


def d304(project: Project, broken: bool) -> list[str]:
    row = "ОДКБ,," if broken else "ОДКБ,CSTO,"
    project.write("glossary/ru-en.csv", f"source,target,note\n{row}\n")
    return ["glossary/ru-en.csv"]


def d401(project: Project, broken: bool) -> list[str]:
    previous = '#| msgid "Заявление о положении"\n' if broken else ""
    _before_msgid(project, HEADING, "#, fuzzy\n" + previous)
    return [CATALOG]


def d402(project: Project, broken: bool) -> list[str]:
    if broken:
        _before_msgid(project, HEADING, "#. machine translation: test\n#, fuzzy\n")
    return [CATALOG]


def d403(project: Project, broken: bool) -> list[str]:
    if broken:
        _msgstr(project, "Statement on the situation", "")
    return [CATALOG]


def d404(project: Project, broken: bool) -> list[str]:
    flags = "#, fuzzy, markup-error\n" if broken else "#, fuzzy\n"
    _before_msgid(project, HEADING, "#. machine translation: test\n" + flags)
    return [CATALOG]


def d405(project: Project, broken: bool) -> list[str]:
    # The heading's entry marked as the engine left it; broken: the engine wrote other
    # words than those now in msgstr, so a person edited them and kept the fuzzy flag.
    wrote = "Statement on a situation" if broken else "Statement on the situation"
    notes = f"#. machine translation: test\n#. machine text: {fingerprint(wrote)}\n#, fuzzy\n"
    _before_msgid(project, HEADING, notes)
    return [CATALOG]


def d501(project: Project, broken: bool) -> list[str]:
    link = "javascript:alert(1)" if broken else "https://www.un.org/ru/"
    project.edit(CATALOG, "[UN website](https://www.un.org/ru/)", f"[UN website]({link})")
    return [CATALOG]


def d502(project: Project, broken: bool) -> list[str]:
    tag = "<script>alert(1)</script>" if broken else "<br>"
    project.write("docs/other.md", f"# Итоги\n\nТекст.\n\n{tag}\n")
    return ["docs/other.md"]


def d503(project: Project, broken: bool) -> list[str]:
    # U+2067 (right-to-left isolate) shows "CSTO" reversed on the site, not in the diff.
    mark = "\u2067" if broken else ""
    project.edit(CATALOG, '"CSTO peacekeeping', f'"{mark}CSTO peacekeeping')
    return [CATALOG]


def d504(project: Project, broken: bool) -> list[str]:
    # A name the theme would write into every page as markup; '&' and spaces are fine.
    name = "docs/<b onmouseover=alert(1)>.md" if broken else "docs/q&a и прочее.md"
    project.write(name, "# Итоги\n\nТекст.\n")
    return [name]


CASES: dict[str, Case] = {
    name.upper(): case
    for name, case in dict(globals()).items()
    if name[:1] == "d" and name[1:].isdigit()
}


def test_every_rule_has_a_case() -> None:
    assert sorted(CASES) == sorted(RULES)


@pytest.mark.parametrize("code", sorted(RULES))
def test_clean_side_is_quiet(reviewed_project: Project, code: str) -> None:
    run = reviewed_project.check(*CASES[code](reviewed_project, False))
    assert [line for line in run.lines if f": {code}: " in line] == []
    assert run.code == 0, run.lines


@pytest.mark.parametrize("code", sorted(RULES))
def test_broken_side_fires(reviewed_project: Project, code: str) -> None:
    run = reviewed_project.check(*CASES[code](reviewed_project, True))
    assert [line for line in run.lines if f": {code}: " in line], run.lines
    assert run.code == (1 if RULES[code].severity is Severity.ERROR else 0), run.lines
