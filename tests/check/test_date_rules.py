"""D110: a statement without a valid ISO date, with the ISO date proposed for the Russian
ways of writing a day (14.03.2022, 14 марта 2022 г.)."""

from __future__ import annotations

import datetime as dt

import pytest
from babel.dates import get_month_names

from diptych.check import dates
from diptych.check.rules import RULES, Severity
from diptych.dates import RU_MONTHS, iso_date, written_date
from diptych.site.build import STATEMENTS_DIR
from tests.support.project import Project
from tests.support.repo import REPO

PAGE = "docs/statements/2022-03-14-zayavlenie.md"
# Untranslated pages are D403 warnings; these tests look at dates only.
QUIET = "extra:\n  diptych:\n    check:\n      rules:\n        D403: off\n"
WHY = "the statements list orders statements by it and puts an undated one last"


@pytest.fixture
def dated(project: Project) -> Project:
    project.write("mkdocs.yml", project.read("mkdocs.yml") + QUIET)
    return project


def statement(date_line: str | None) -> str:
    date = f"{date_line}\n" if date_line is not None else ""
    return f"---\ntitle: Заявление МИД\n{date}description: О ситуации.\n---\n\nТекст.\n"


def check(project: Project, text: str, rel: str = PAGE) -> tuple[int, list[str]]:
    project.write(rel, text)
    run = project.check(rel)
    return run.code, run.lines


def test_missing_date_is_an_error_at_line_1(dated: Project) -> None:
    assert check(dated, statement(None)) == (
        1,
        [
            f"{PAGE}:1: D110: statement without a date: add date: YYYY-MM-DD to its front "
            f"matter; {WHY}"
        ],
    )


def test_no_front_matter_at_all(dated: Project) -> None:
    assert check(dated, "# Заявление\n\nТекст.\n") == (
        1,
        [
            f"{PAGE}:1: D110: statement without a date: begin the page with front matter "
            f"(---, date: YYYY-MM-DD, ---); {WHY}"
        ],
    )


@pytest.mark.parametrize(
    "written",
    [
        "14.03.2022",
        "14 марта 2022",
        "14 марта 2022 г.",
        "14 Марта 2022 года",
        '"14.03.2022 г."',
        "2022-3-14",
    ],
)
def test_russian_dates_get_the_iso_date_proposed(dated: Project, written: str) -> None:
    shown = written.strip('"')
    assert check(dated, statement(f"date: {written}")) == (
        1,
        [f"{PAGE}:3: D110: date {shown!r} is not an ISO date: write date: 2022-03-14"],
    )


def test_a_day_that_does_not_exist(dated: Project) -> None:
    """Unquoted, YAML itself cannot make 2022-13-45 a date: MkDocs then drops the whole
    front matter, and D109 (which the date rule does not repeat) says so on its line.
    Quoted, it is a string that D110 reads."""
    assert check(dated, statement("date: 2022-13-45")) == (
        1,
        [f"{PAGE}:3: D109: broken front matter: month must be in 1..12"],
    )
    assert check(dated, statement('date: "2022-13-45"')) == (
        1,
        [
            f"{PAGE}:3: D110: date '2022-13-45' is not a real day (month must be in 1..12): "
            "write the day as date: YYYY-MM-DD"
        ],
    )
    assert check(dated, statement("date: 30.02.2022")) == (
        1,
        [
            f"{PAGE}:3: D110: date '30.02.2022' is not a real day (day is out of range for "
            "month): write the day as date: YYYY-MM-DD"
        ],
    )


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (
            "date: марта 2022",
            "date 'марта 2022' is not an ISO date: write the day as date: YYYY-MM-DD",
        ),
        ("date: 2022", "date '2022' is not a day: write the day as date: YYYY-MM-DD"),
        ("date:", "the date is empty: write the day as date: YYYY-MM-DD"),
        (
            "date: 2022-03-14 10:30:00",
            "date '2022-03-14 10:30:00' has a time of day, the site shows the day: "
            "write date: 2022-03-14",
        ),
        (
            'date: "\\e[31m14.03.2022"',
            "date '\\x1b[31m14.03.2022' is not an ISO date: write the day as date: YYYY-MM-DD",
        ),
    ],
)
def test_other_values(dated: Project, line: str, message: str) -> None:
    assert check(dated, statement(line)) == (1, [f"{PAGE}:3: D110: {message}"])


@pytest.mark.parametrize("line", ["date: 2022-03-14", 'date: "2022-03-14"', "date: '2022-03-14'"])
def test_an_iso_date_passes(dated: Project, line: str) -> None:
    assert check(dated, statement(line)) == (0, [])


def test_the_date_line_as_mkdocs_reads_the_page(dated: Project) -> None:
    """Windows line endings and a BOM, as MkDocs reads them: the line is still the date's."""
    text = "\ufeff" + statement("date: 14.03.2022").replace("\n", "\r\n")
    dated.path(PAGE).parent.mkdir(parents=True, exist_ok=True)
    dated.path(PAGE).write_bytes(text.encode("utf-8"))
    run = dated.check(PAGE)
    assert (run.code, run.lines) == (
        1,
        [f"{PAGE}:3: D110: date '14.03.2022' is not an ISO date: write date: 2022-03-14"],
    )


def test_only_statements_need_a_date(dated: Project) -> None:
    undated = statement(None)
    for rel in (
        "docs/statements/index.md",
        "docs/statements/README.md",
        "docs/statements/2022-03-14-zayavlenie.en.md",  # dated by its source page
        "docs/about.md",
        "docs/statements-old/page.md",
    ):
        assert check(dated, undated, rel) == (0, []), rel
    nested = "docs/statements/2022/zayavlenie.md"
    assert check(dated, undated, nested)[1] == [
        f"{nested}:1: D110: statement without a date: add date: YYYY-MM-DD to its front "
        f"matter; {WHY}"
    ]


def test_the_whole_check_and_the_rule_registry(dated: Project) -> None:
    dated.write(PAGE, statement("date: 14.03.2022"))
    dated.write("docs/statements/index.md", "# Заявления\n")
    run = dated.check()
    assert run.code == 1
    assert [line for line in run.lines if ": D110: " in line] == [
        f"{PAGE}:3: D110: date '14.03.2022' is not an ISO date: write date: 2022-03-14"
    ]
    rule = RULES["D110"]
    assert (rule.name, rule.severity, rule.configurable) == (
        "statement-date",
        Severity.ERROR,
        True,
    )
    explain = dated.check("--explain", "D110")
    assert explain.lines[0] == "D110 statement-date (default: error)"
    lowered = dated.read("mkdocs.yml") + "        D110: warning\n"
    dated.write("mkdocs.yml", lowered)
    assert dated.check(PAGE).lines == [
        f"{PAGE}:3: D110: warning: date '14.03.2022' is not an ISO date: write date: 2022-03-14"
    ]


def test_the_projects_statements_pass() -> None:
    folder = REPO / "docs" / STATEMENTS_DIR
    pages = sorted(folder.rglob("*.md"))
    assert pages
    found = [
        finding
        for path in pages
        for finding in dates.page(
            path,
            path.relative_to(REPO / "docs").as_posix(),
            path.read_text(encoding="utf-8"),
            frozenset({"ru", "en", "de", "zh", "ar"}),
        )
    ]
    assert found == []


def test_the_statements_folder_is_the_sites() -> None:
    assert dates.STATEMENTS_DIR == STATEMENTS_DIR


def test_the_month_table_is_cldrs_genitive() -> None:
    """The twelve forms are CLDR's Russian "format" month names (babel, which Material
    depends on, ships them)."""
    assert list(RU_MONTHS) == list(get_month_names("wide", "format", "ru").values())


def test_parsers() -> None:
    assert [
        written_date(text)
        for text in ("14.03.2022", "4.3.2022", "14 марта 2022 г.", "1\u00a0мая\u00a02022 года")
    ] == [(2022, 3, 14), (2022, 3, 4), (2022, 3, 14), (2022, 5, 1)]
    assert [written_date(text) for text in ("14/03/2022", "March 14, 2022", "14 марта")] == [
        None,
        None,
        None,
    ]
    values = ("2022-03-14", " 2022-03-14 ", dt.date(2022, 3, 14), "2022-03-14T10:00", "20220314")
    day = dt.date(2022, 3, 14)
    assert [iso_date(value) for value in values] == [day, day, day, None, None]
    assert iso_date(dt.datetime(2022, 3, 14, 10, 30)) is None
