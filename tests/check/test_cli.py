"""The check command line: formats, exit codes, rule listing, configuration, paths."""

from __future__ import annotations

import subprocess
import sys

from diptych.check.report import github_line
from diptych.check.rules import RULES, Severity
from diptych.check.runner import Problem
from tests.support.pages import CATALOG
from tests.support.project import Project


def _break_code_span(project: Project) -> int:
    project.edit(CATALOG, "The `diptych check` command", "The `diptych chek` command")
    return project.line_of("Команда")


def test_exit_status_and_text_lines(reviewed_project: Project) -> None:
    line = _break_code_span(reviewed_project)
    run = reviewed_project.check(CATALOG)
    assert run.code == 1
    assert run.lines == [
        f"{CATALOG}:{line}: D201: inline code `diptych check` became `diptych chek`"
    ]
    assert "1 error(s), 0 warning(s)" in run.err


def test_github_format(reviewed_project: Project) -> None:
    line = _break_code_span(reviewed_project)
    run = reviewed_project.check("--format", "github", CATALOG)
    assert run.code == 1
    assert run.lines == [
        f"::error file={CATALOG},line={line},title=D201 code-span::D201: inline code "
        "`diptych check` became `diptych chek`"
    ]


def test_github_format_warning_and_escaping() -> None:
    problem = Problem("a,b:c.po", 3, "D401", "50% done\nnext", Severity.WARNING)
    assert github_line(problem) == (
        "::warning file=a%2Cb%3Ac.po,line=3,title=D401 stale::D401: 50%25 done%0Anext"
    )


def test_list_rules(project: Project) -> None:
    run = project.check("--list-rules")
    assert run.code == 0
    assert [line.split()[0] for line in run.lines] == list(RULES)
    assert run.lines[0].startswith("D101  error    catalog-syntax")


def test_explain(project: Project) -> None:
    run = project.check("--explain", "D301")
    assert run.code == 0
    assert run.lines[0] == "D301 number (default: error)"
    assert any("# diptych: allow D301" in line for line in run.lines)
    assert project.check("--explain", "D999").code == 2


def test_configuration_lowers_a_rule(reviewed_project: Project) -> None:
    reviewed_project.write(
        "mkdocs.yml",
        reviewed_project.read("mkdocs.yml")
        + "extra:\n  diptych:\n    check:\n      rules:\n"
        + "        D201: warning\n        D403: off\n",
    )
    line = _break_code_span(reviewed_project)
    run = reviewed_project.check(CATALOG)
    assert run.code == 0
    assert run.lines == [
        f"{CATALOG}:{line}: D201: warning: inline code `diptych check` became `diptych chek`"
    ]
    listed = reviewed_project.check("--list-rules").lines
    assert next(line for line in listed if line.startswith("D201")).startswith("D201  warning")


def test_configuration_errors(project: Project) -> None:
    project.write(
        "mkdocs.yml",
        project.read("mkdocs.yml")
        + "extra:\n  diptych:\n    check:\n      rules:\n        D999: off\n",
    )
    run = project.check()
    assert run.code == 2
    assert "unknown rule 'D999'" in run.err


def test_paths_folders_and_unknown(reviewed_project: Project) -> None:
    line = _break_code_span(reviewed_project)
    assert reviewed_project.check("translations/en").lines == [
        f"{CATALOG}:{line}: D201: inline code `diptych check` became `diptych chek`"
    ]
    run = reviewed_project.check("nowhere.po")
    assert run.code == 2
    assert "nowhere.po: no such file or folder" in run.err
    run = reviewed_project.check("mkdocs.yml")
    assert run.code == 2


def test_whole_site_by_default(reviewed_project: Project) -> None:
    run = reviewed_project.check()
    assert "2 pages, 1 catalogs" in run.err
    assert all(": D403: warning: " in line for line in run.lines)


def test_the_installed_command(reviewed_project: Project) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "diptych.cli", "check", CATALOG],
        cwd=reviewed_project.root,
        capture_output=True,
        text=True,
        check=False,
    )
    assert (result.returncode, result.stdout) == (0, "")
