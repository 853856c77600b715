"""`diptych suggest EVENT`: a reader's fix from an issue form, applied by the rules of
`diptych review`, on recorded `issues` event payloads. Each case asserts the exact change
of the catalog or the exact words the issue would get."""

from __future__ import annotations

import copy
import difflib
import json
from pathlib import Path
from typing import Any

import pytest

from diptych.suggestions.form import FIELDS, form_url, parse, text_key, unit_key
from tests.support.github import PEACE, event
from tests.support.pages import CATALOG, ENGLISH, PAGE
from tests.support.project import Project

FORM = Path(__file__).parents[2] / ".github" / "ISSUE_TEMPLATE" / "translation-fix.yml"
HEADING = "Заявление о ситуации"
THANKS = "Thank you, @reader-volunteer."
AGAIN = "What to do: edit the issue with a corrected text: it is tried again on every edit."


def suggest(project: Project, data: dict[str, Any]) -> tuple[int, list[str]]:
    path = project.write(".events/event.json", json.dumps(data, ensure_ascii=False))
    run = project.diptych("suggest", str(path))
    assert run.err == ""
    return run.code, run.lines


def changed(before: str, after: str) -> list[str]:
    return [
        line
        for line in difflib.ndiff(before.splitlines(), after.splitlines())
        if line.startswith(("- ", "+ "))
    ]


def test_the_form_template_has_the_fields_the_reader_reads() -> None:
    """The issue form and the code that reads its issues name the same fields in the same
    order; renaming a label in either fails this."""
    import yaml

    form = yaml.safe_load(FORM.read_text(encoding="utf-8"))
    fields = [(f["id"], f["attributes"]["label"]) for f in form["body"] if "id" in f]
    assert tuple(fields) == FIELDS
    assert form["labels"] == ["translation-fix"]
    assert [f["type"] for f in form["body"] if "id" in f][-1] == "textarea"


def test_the_link_prefills_every_field() -> None:
    url = form_url("https://github.com/o/r", "en", "page.md", PEACE, "Peace text")
    assert url == (
        "https://github.com/o/r/issues/new?template=translation-fix.yml"
        "&title=Translation+fix+%28en%29%3A+page.md&language=en&page=page.md"
        f"&unit={unit_key(PEACE)}&seen={text_key('Peace text')}&translation=Peace+text"
    )


def test_a_body_read_back_whatever_the_reader_typed() -> None:
    """The last field may hold anything, headings of the form included."""
    body = (
        "### Language\r\n\r\nen\r\n\r\n### Page\r\n\r\npage.md\r\n\r\n### Passage\r\n\r\nabc\r\n"
        "\r\n### Translation shown\r\n\r\nnone\r\n\r\n### Your translation\r\n\r\n"
        "Line one\r\n\r\n### Page\r\n\r\nother.md\r\n"
    )
    filled = parse(body)
    assert (filled.language, filled.page, filled.unit, filled.seen) == (
        "en",
        "page.md",
        "abc",
        "none",
    )
    assert filled.translation == "Line one\n\n### Page\n\nother.md"


def test_a_valid_fix_is_applied_and_reviewed(project: Project) -> None:
    """A machine entry takes the reader's text and loses `fuzzy`; nothing else changes."""
    project.catalog("en", machine=ENGLISH)
    before, line = project.read(CATALOG), project.line_of(PEACE)
    text = "About 2 500 CSTO peacekeepers arrived on 10 January 2022."
    code, lines = suggest(project, event(text))
    assert (code, lines[0]) == (0, f"{CATALOG}:{line}: reviewed (was machine)")
    assert changed(before, project.read(CATALOG)) == [
        "- #, fuzzy",
        f'- msgstr "{ENGLISH[PEACE]}"',
        f'+ msgstr "{text}"',
    ]
    assert project.check().code == 0


def test_the_message_of_a_valid_fix_is_the_pull_request_body(project: Project) -> None:
    project.catalog("en", reviewed=ENGLISH)
    text = "About 2 500 CSTO peacekeepers arrived on 10 January 2022."
    code, lines = suggest(project, event(text))
    assert code == 0
    assert "\n".join(lines[2:]) == (
        "A fix suggested by @reader-volunteer in #57, applied by `diptych suggest` with the "
        "rules of `diptych review`: the entry is marked reviewed.\n\n"
        f"Catalog: `{CATALOG}` (the entry at line {project.line_of(PEACE)}).\n\n"
        f"Original:\n\n```text\n{PEACE}\n```\n\n"
        f"Translation until now (reviewed):\n\n```text\n{ENGLISH[PEACE]}\n```\n\n"
        f"Suggested translation:\n\n```text\n{text}\n```\n\n"
        "Closes #57"
    )


def test_a_translation_changed_since_the_reader_saw_it_is_said(project: Project) -> None:
    project.catalog("en", reviewed=ENGLISH)
    code, lines = suggest(
        project, event("About 2 500 CSTO troops came on 10 January 2022.", seen=None)
    )
    assert code == 0
    assert (
        "Note: the translation changed after the volunteer opened the page; the one replaced "
        "above is the current one, not the one they saw."
    ) in lines


@pytest.mark.parametrize("how", ["source edited", "unknown unit"])
def test_a_passage_changed_or_gone_is_refused(project: Project, how: str) -> None:
    """The key names the Russian text the reader saw: if the page no longer holds it, the
    fix is not matched to another passage. Matching by position fails this."""
    project.catalog("en", reviewed=ENGLISH)
    data = event("About 2 500 CSTO peacekeepers arrived on 10 January 2022.")
    if how == "source edited":
        project.write("docs/page.md", PAGE.replace("прибыли", "прибыли в Казахстан"))
    else:
        data["issue"]["body"] = data["issue"]["body"].replace(unit_key(PEACE), "0123456789abcdef")
    before = project.read(CATALOG)
    assert suggest(project, data) == (
        1,
        [
            f"{THANKS} The Russian passage you corrected has changed or gone since the page "
            "was built, so your text cannot be matched to it.",
            "",
            "What to do: open the page on the site again and suggest the fix on the passage "
            "as it is now.",
        ],
    )
    assert project.read(CATALOG) == before


RULES = {
    "markup": (
        "The `diptych check` command checks translations and *links*.",
        "Команда `diptych check` проверяет **переводы** и *ссылки*.",
        ["**strong** spans: 1 in the source, 0 in the translation (D205)"],
    ),
    "link target": (
        "Details are on [another page](https://evil.example/) and on the "
        "[UN website](https://www.un.org/ru/).",
        "Подробности — на [другой странице](other.md#itogi) и на [сайте ООН](https://www.un.org/ru/).",
        [
            "link target <other.md#itogi> became <https://evil.example/> (D202)",
            "publishing the translation would add a https: URL to evil.example (D501)",
        ],
    ),
    "number": (
        "CSTO peacekeeping forces of about 3,500 personnel arrived on 10 January 2022.",
        PEACE,
        ["number 2 500 of the source became 3,500 in the translation (D301)"],
    ),
    "glossary": (
        "ODKB peacekeeping forces of about 2,500 personnel arrived on 10 January 2022.",
        PEACE,
        ["glossary (glossary/ru-en.csv:2): 'ОДКБ' is translated as 'CSTO' (D303)"],
    ),
    "script": (
        "CSTO peacekeeping forces of about 2,500 personnel arrived on 10 January 2022."
        "<script>alert(1)</script>",
        PEACE,
        ["publishing the translation would add the element <script> (D501)"],
    ),
    "image handler": (
        'CSTO peacekeeping forces of about 2,500 personnel <img src=x onerror="alert(1)"> '
        "arrived on 10 January 2022.",
        PEACE,
        ["publishing the translation would add the attribute onerror= on <img> (D501)"],
    ),
    "bidi control": (
        "CSTO peacekeeping forces of about 2,500 personnel arrived on 10 January\u202e 2022.",
        PEACE,
        ["the translation adds bidirectional control characters U+202E (D503)"],
    ),
}


@pytest.mark.parametrize("rule", list(RULES))
def test_a_text_breaking_a_rule_is_refused_with_the_rule(project: Project, rule: str) -> None:
    """Each rule family of `review` refuses the text, with the words of `check`; the
    catalog is left as it was. Skipping the review rules fails every case."""
    project.catalog("en", reviewed=ENGLISH)
    text, unit, reasons = RULES[rule]
    before = project.read(CATALOG)
    code, lines = suggest(project, event(text, unit))
    assert (code, lines) == (
        1,
        [
            f"{THANKS} The new translation was not applied, because it breaks the rules "
            "every translation on the site must keep:",
            "",
            "```text",
            *(f"- {reason}" for reason in reasons),
            "```",
            "",
            AGAIN,
        ],
    )
    assert project.read(CATALOG) == before


def test_a_very_long_text_is_refused(project: Project) -> None:
    project.catalog("en", reviewed=ENGLISH)
    code, lines = suggest(project, event("Peace. " * 300, HEADING))
    assert (code, lines) == (
        1,
        [
            f"{THANKS} The new translation has 2,099 characters, for a passage of 20: this is "
            "more than the translation of this one passage.",
            "",
            "What to do: send the translation of this passage only; suggest each passage apart.",
        ],
    )


@pytest.mark.parametrize(
    ("text", "unit", "message"),
    [
        ("_No response_", PEACE, "The new translation is empty."),
        ("Statement\non the situation", HEADING, "This passage is a single line"),
        ("CSTO forces.\n\nThey arrived.", PEACE, "The new translation holds an empty line"),
        (ENGLISH[PEACE], PEACE, "This translation is already on the site"),
    ],
    ids=["empty", "heading on two lines", "two paragraphs", "unchanged"],
)
def test_texts_that_are_no_fix(project: Project, text: str, unit: str, message: str) -> None:
    project.catalog("en", reviewed=ENGLISH)
    code, lines = suggest(project, event(text, unit))
    assert code == 1 and lines[0].startswith(f"{THANKS} {message}")


@pytest.mark.parametrize(
    ("lang", "page", "message"),
    [
        (
            "fr",
            "page.md",
            "“fr” is not a language this site is translated into (it is "
            "translated into en, zh, ar).",
        ),
        (
            "en",
            "../mkdocs.yml",
            "The page “../mkdocs.yml” is not on the site any more (it may "
            "have been renamed or removed).",
        ),
        ("zh", "page.md", "The page “page.md” has no translation into zh yet."),
    ],
)
def test_a_language_or_page_that_is_not_there(
    project: Project, lang: str, page: str, message: str
) -> None:
    project.catalog("en", reviewed=ENGLISH)
    code, lines = suggest(project, event("Text.", lang=lang, page=page))
    assert (code, lines[0]) == (1, f"{THANKS} {message}")


def test_an_edited_issue_applies_its_new_text(project: Project) -> None:
    project.catalog("en", machine=ENGLISH)
    first = event("About 2 500 CSTO peacekeepers arrived on 10 January 2022.")
    edited = event("Some 2 500 CSTO peacekeepers came on 10 January 2022.", action="edited")
    edited["changes"] = {"body": {"from": first["issue"]["body"]}}
    assert suggest(project, edited)[0] == 0
    assert (
        project.po().find(PEACE).msgstr == "Some 2 500 CSTO peacekeepers came on 10 January 2022."
    )


def test_an_issue_edited_out_of_the_form_is_answered(project: Project) -> None:
    project.catalog("en", reviewed=ENGLISH)
    data = event("Text", action="edited")
    data["issue"]["body"] = "The second paragraph is wrong, please fix it."
    assert suggest(project, data) == (
        1,
        [
            f"{THANKS} this issue is not a filled-in translation fix form",
            "",
            "What to do: open the form from the “Suggest a fix” link beside the passage on the "
            "side-by-side page, and keep its headings as they are.",
        ],
    )


@pytest.mark.parametrize(
    ("change", "why"),
    [
        ({"action": "labeled"}, "the issue was labeled"),
        ({"labels": []}, "the issue has no “translation-fix” label"),
        ({"state": "closed"}, "the issue is closed"),
        ({"type": "Bot"}, "opened by a bot"),
        ({"pull_request": {}}, "a pull request, not an issue"),
    ],
)
def test_events_that_are_no_suggestion_are_ignored(
    project: Project, change: dict[str, Any], why: str
) -> None:
    project.catalog("en", reviewed=ENGLISH)
    before = project.read(CATALOG)
    data = copy.deepcopy(event("Changed text, 2 500, CSTO, 10 January 2022."))
    for key, value in change.items():
        if key == "action":
            data["action"] = value
        elif key == "type":
            data["issue"]["user"]["type"] = value
        else:
            data["issue"][key] = value
    assert suggest(project, data) == (1, [f"#57: ignored: {why}"])
    assert project.read(CATALOG) == before
