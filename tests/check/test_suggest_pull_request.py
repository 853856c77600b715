"""The whole path from an issue to a pull request: `diptych suggest EVENT --pull-request`
in a git clone whose `origin` is a bare repository, against a fake GitHub API served on
127.0.0.1 that records every call. It checks the branch, the commit (author, trailer, the
one file it changes), the pull request and the comment on the issue."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.support.github import PEACE, FakeGitHub, event
from tests.support.pages import CATALOG, ENGLISH
from tests.support.project import Project

BRANCH = "translation-fix/issue-57"
FIX = "About 2 500 CSTO peacekeepers arrived on 10 January 2022."
CO_AUTHOR = "Co-authored-by: reader-volunteer <98765432+reader-volunteer@users.noreply.github.com>"


def git(root: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=True)
    return done.stdout.strip()


@pytest.fixture
def clone(project: Project, tmp_path: Path) -> Project:
    """The site committed on main and pushed to a bare `origin`, as a workflow checks it
    out."""
    project.catalog("en", machine=ENGLISH)
    project.write(".gitignore", ".diptych/\n.events/\ntranslations/.lock\n")
    origin = tmp_path / "origin.git"
    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(origin)], check=True)
    git(project.root, "init", "-q", "-b", "main")
    git(project.root, "add", ".")
    git(
        project.root,
        "-c",
        "user.name=Owner",
        "-c",
        "user.email=o@example.org",
        "commit",
        "-qm",
        "Site",
    )
    git(project.root, "remote", "add", "origin", str(origin))
    git(project.root, "push", "-q", "origin", "main")
    return project


def send(project: Project, data: dict[str, Any]) -> tuple[int, list[str]]:
    path = project.write(".events/event.json", json.dumps(data, ensure_ascii=False))
    run = project.diptych("suggest", str(path), "--pull-request")
    assert run.err == "", run.err
    return run.code, run.lines


def test_an_issue_becomes_a_pull_request(clone: Project, github: FakeGitHub) -> None:
    main = git(clone.root, "rev-parse", "main")
    line = clone.line_of(PEACE)
    assert send(clone, event(FIX)) == (0, ["#57: opened: https://github.com/o/r/pull/58"])
    origin = clone.root.parent / "origin.git"
    # One commit on the issue's branch, on top of main, changing the one catalog.
    head = git(origin, "rev-parse", BRANCH)
    assert git(origin, "rev-parse", f"{BRANCH}^") == main
    assert git(origin, "diff", "--name-only", main, BRANCH) == CATALOG
    assert git(origin, "log", "-1", "--format=%an <%ae>|%cn <%ce>|%aI", BRANCH) == (
        "github-actions[bot] <41898282+github-actions[bot]@users.noreply.github.com>|"
        "github-actions[bot] <41898282+github-actions[bot]@users.noreply.github.com>|"
        "2026-11-30T09:14:27+00:00"
    )
    assert git(origin, "log", "-1", "--format=%B", BRANCH) == (
        "Translation fix (en): page.md\n\n"
        "Suggested in issue #57 through the site's form.\n\n" + CO_AUTHOR
    )
    assert f'msgstr "{FIX}"' in git(origin, "show", f"{BRANCH}:{CATALOG}")
    # The checkout is back on main, as it was.
    assert git(clone.root, "branch", "--show-current") == "main"
    assert git(clone.root, "status", "--porcelain") == ""
    # The calls: is there a pull request already? open one; comment on the issue.
    assert [(method, path.split("?")[0]) for method, path, _ in github.calls] == [
        ("GET", "/repos/diptych-project/diptych/pulls"),
        ("POST", "/repos/diptych-project/diptych/pulls"),
        ("POST", "/repos/diptych-project/diptych/issues/57/comments"),
    ]
    pull = github.calls[1][2]
    assert (pull["head"], pull["base"], pull["title"]) == (
        BRANCH,
        "main",
        "Translation fix (en): page.md",
    )
    assert pull["body"] == (
        "A fix suggested by @reader-volunteer in #57, applied by `diptych suggest` with the "
        "rules of `diptych review`: the entry is marked reviewed.\n\n"
        f"Catalog: `{CATALOG}` (the entry at line {line}).\n\n"
        f"Original:\n\n```text\n{PEACE}\n```\n\n"
        f"Translation until now (machine):\n\n```text\n{ENGLISH[PEACE]}\n```\n\n"
        f"Suggested translation:\n\n```text\n{FIX}\n```\n\n"
        "Closes #57"
    )
    assert github.calls[2][2] == {
        "body": "Thank you, @reader-volunteer! Your fix is in pull request #58: "
        "https://github.com/o/r/pull/58. A reviewer will look at it; once it is merged, the "
        "site shows your translation."
    }
    assert head == git(origin, "rev-parse", BRANCH)


def test_the_same_event_twice_changes_nothing(clone: Project, github: FakeGitHub) -> None:
    """A repeated delivery makes the same commit: no push, no call, no second comment."""
    send(clone, event(FIX))
    calls = len(github.calls)
    assert send(clone, event(FIX)) == (0, ["#57: unchanged"])
    assert len(github.calls) == calls


def test_an_edited_issue_updates_its_pull_request(clone: Project, github: FakeGitHub) -> None:
    send(clone, event(FIX))
    edited = event("Some 2 500 CSTO peacekeepers came on 10 January 2022.", action="edited")
    assert send(clone, edited) == (0, ["#57: updated: https://github.com/o/r/pull/58"])
    origin = clone.root.parent / "origin.git"
    assert git(origin, "rev-list", "--count", f"main..{BRANCH}") == "1"  # replaced, not stacked
    assert 'msgstr "Some 2 500 CSTO peacekeepers came on 10 January 2022."' in git(
        origin, "show", f"{BRANCH}:{CATALOG}"
    )
    assert [(m, p.split("?")[0]) for m, p, _ in github.calls[3:]] == [
        ("GET", "/repos/diptych-project/diptych/pulls"),
        ("PATCH", "/repos/diptych-project/diptych/pulls/58"),
        ("POST", "/repos/diptych-project/diptych/issues/57/comments"),
    ]
    assert github.calls[-1][2] == {
        "body": "Your edit is now in pull request #58: https://github.com/o/r/pull/58."
    }


def test_a_refused_fix_is_answered_and_nothing_pushed(clone: Project, github: FakeGitHub) -> None:
    bad = "CSTO forces of about 2,500 arrived on 10 January 2022.<script>alert(1)</script>"
    assert send(clone, event(bad)) == (0, ["#57: refused"])
    origin = clone.root.parent / "origin.git"
    assert git(origin, "branch", "--list", BRANCH) == ""
    assert [(m, p) for m, p, _ in github.calls] == [
        ("POST", "/repos/diptych-project/diptych/issues/57/comments")
    ]
    assert github.calls[0][2] == {
        "body": "Thank you, @reader-volunteer. The new translation was not applied, because it "
        "breaks the rules every translation on the site must keep:\n\n"
        "```text\n- publishing the translation would add the element <script> (D501)\n```\n\n"
        "What to do: edit the issue with a corrected text: it is tried again on every edit."
    }
    assert git(clone.root, "status", "--porcelain") == ""


def test_backticks_in_the_text_cannot_leave_the_quote(clone: Project, github: FakeGitHub) -> None:
    """The reader's text is quoted in a fence longer than any run of backticks in it, so it
    cannot close the fence and write Markdown (mentions, links) into the pull request."""
    text = "About 2 500 CSTO ``` @everyone arrived on 10 January 2022."
    assert send(clone, event(text))[0] == 0
    body = github.calls[1][2]["body"]
    assert "\n````text\nAbout 2 500 CSTO ``` @everyone" in body


def test_without_a_token_it_says_what_is_missing(
    clone: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("GITHUB_TOKEN", raising=False)
    monkeypatch.setenv("GITHUB_REPOSITORY", "o/r")
    path = clone.write(".events/event.json", json.dumps(event(FIX)))
    run = clone.diptych("suggest", str(path), "--pull-request")
    assert (run.code, run.err) == (
        2,
        "diptych: error: GITHUB_TOKEN not set\n  hint: --pull-request runs in a workflow, "
        "which sets them (the token as GITHUB_TOKEN: ${{ github.token }})\n",
    )
