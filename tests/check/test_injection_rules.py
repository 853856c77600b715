"""D501/D502 through the command line: catalogs and pages that try to put script on the site."""

from __future__ import annotations

import pytest

from tests.support.pages import CATALOG, ENGLISH
from tests.support.project import Project

HEADING = "Заявление о ситуации"


@pytest.mark.parametrize(
    ("translation", "expected"),
    [
        (
            "Statement <script>alert(1)</script>",
            ["D501: publishing the translation would add the element <script>"],
        ),
        (
            "Statement <img src=x onerror=alert(1)>",
            # The page has an image already: only the handler is new.
            ["D501: publishing the translation would add the attribute onerror= on <img>"],
        ),
        (
            "[Statement](javascript:alert(1))",
            ["D501: publishing the translation would add a javascript: URL"],
        ),
        (
            "[Statement](jav&#x61;script:alert(1))",
            ["D501: publishing the translation would add a javascript: URL"],
        ),
        (
            "[Statement](JaVaScRiPt:alert(1))",
            ["D501: publishing the translation would add a javascript: URL"],
        ),
        (
            "Statement <iframe src=https://evil.example></iframe>",
            [
                "D501: publishing the translation would add the element <iframe>",
                "D501: publishing the translation would add the attribute src= on <iframe>",
                "D501: publishing the translation would add a https: URL to evil.example",
            ],
        ),
    ],
)
def test_d501_injection_in_a_reviewed_entry(
    reviewed_project: Project, translation: str, expected: list[str]
) -> None:
    reviewed_project.edit(CATALOG, 'msgstr "Statement on the situation"', f'msgstr "{translation}"')
    line = reviewed_project.line_of(HEADING)
    run = reviewed_project.check(CATALOG)
    assert run.code == 1
    assert [text for text in run.lines if ": D501: " in text] == [
        f"{CATALOG}:{line}: {item}" for item in expected
    ]


def test_d501_is_an_error_on_fuzzy_entries_too(project: Project) -> None:
    machine = dict(ENGLISH)
    machine[HEADING] = "Statement <script>alert(1)</script>"
    project.catalog("en", machine=machine)
    line = project.line_of(HEADING)
    run = project.check(CATALOG)
    assert run.code == 1
    assert (
        f"{CATALOG}:{line}: D501: publishing the translation would add the element <script>"
    ) in run.lines


def test_d501_in_an_obsolete_entry(reviewed_project: Project) -> None:
    text = reviewed_project.read(CATALOG)
    reviewed_project.write(
        CATALOG, text + '\n#~ msgid "Старое."\n#~ msgstr "Old <script>alert(1)</script>"\n'
    )
    line = reviewed_project.line_of("Старое.")
    run = reviewed_project.check(CATALOG)
    assert run.code == 1
    assert run.lines[0] == (
        f"{CATALOG}:{line}: D501: publishing the translation would add the element <script>"
    )


def test_d501_cannot_be_turned_off(reviewed_project: Project) -> None:
    reviewed_project.write(
        "mkdocs.yml",
        reviewed_project.read("mkdocs.yml")
        + "extra:\n  diptych:\n    check:\n      rules:\n        D501: off\n",
    )
    run = reviewed_project.check(CATALOG)
    assert run.code == 2
    assert "rule D501 (injected-markup) cannot be lowered or turned off" in run.err


def test_html_the_source_has_may_be_kept(project: Project) -> None:
    project.write("docs/page.md", 'Текст <abbr title="ООН">ООН</abbr>.\n')
    project.catalog(
        "en", reviewed={'Текст <abbr title="ООН">ООН</abbr>.': 'Text <abbr title="ООН">UN</abbr>.'}
    )
    assert project.check(CATALOG).lines == []


def test_d502_active_content_in_a_source_page(project: Project) -> None:
    project.write(
        "docs/evil.md",
        "# Заголовок\n\nТекст.\n\n<script>alert(1)</script>\n\n[ссылка](javascript:alert(2))\n\n"
        "```html\n<script>shown as code</script>\n```\n",
    )
    run = project.check("docs/evil.md")
    assert run.code == 1
    assert [text for text in run.lines if "D502" in text] == [
        "docs/evil.md:5: D502: the page contains the element <script>",
        "docs/evil.md:7: D502: the page contains a javascript: URL",
    ]


def test_plain_html_in_a_source_page_is_fine(project: Project) -> None:
    project.write("docs/plain.md", 'Текст<br>и <abbr title="x">ООН</abbr>.\n\n```\n<script>\n```\n')
    run = project.check("docs/plain.md")
    assert [text for text in run.lines if "D502" in text] == []


def test_d503_bidi_controls(reviewed_project: Project) -> None:
    reviewed_project.edit(CATALOG, '"CSTO peacekeeping', '"\u202eCSTO peacekeeping')
    line = reviewed_project.line_of("Миротворческие")
    run = reviewed_project.check(CATALOG)
    assert (run.code, run.lines) == (
        1,
        [f"{CATALOG}:{line}: D503: the translation adds bidirectional control characters U+202E"],
    )
    review = reviewed_project.diptych("review", f"{CATALOG}:{line}")
    assert review.code == 1
    assert review.lines[-1] == f"{CATALOG}:{line}: not reviewed: fix the translation first"


def test_d503_allows_what_the_source_has(project: Project) -> None:
    source = "Текст \u2067ООН\u2069."
    project.write("docs/page.md", source + "\n")
    project.catalog("en", reviewed={source: "Text \u2067UN\u2069."})
    assert project.check(CATALOG).lines == []
