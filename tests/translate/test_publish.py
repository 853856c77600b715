"""The owner's loop, as the publish workflow runs it, on clones of a mini project with the
fixture models: plan.py, translate-shard.sh on each runner, commit_translations.py. It
checks the catalogs and the commit the workflow would push, that a second run finds
nothing to do (no loop), and that sharded runners deliver what one runner does."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import polib
import pytest

from tests.support.github import FakeGitHub
from tests.support.repo import REPO

TOOLS = REPO / "tools" / "ci"
DIPTYCH = str(Path(sys.executable).with_name("diptych"))
PAGES = {
    "index.md": "# Заявление\n\nМиротворцы прибыли в Казахстан.\n",
    "statements/one.md": "# Первое\n\nТекст первого заявления.\n",
    "statements/two.md": "# Второе\n\nТекст второго заявления.\n",
}
BOT = "github-actions[bot] <41898282+github-actions[bot]@users.noreply.github.com>"


def sh(root: Path, *args: str) -> str:
    env = {**os.environ, "DIPTYCH": DIPTYCH}
    done = subprocess.run(args, cwd=root, capture_output=True, text=True, env=env, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def git(root: Path, *args: str) -> str:
    return sh(root, "git", *args)


@pytest.fixture
def origin(make_project: Callable[..., Path], tmp_path: Path) -> Path:
    """A bare repository holding the mini project (with its models) on main."""
    root = make_project(PAGES, models=True)
    (root / ".gitignore").write_text(".diptych/\ntranslations/.lock\nshard.tar\ndeleted\n")
    bare = tmp_path / "origin.git"
    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(bare)], check=True)
    git(root, "init", "-q", "-b", "main")
    git(root, "add", ".")
    git(root, "-c", "user.name=Author", "-c", "user.email=a@example.org", "commit", "-qm", "Pages")
    git(root, "push", "-q", str(bare), "main")
    return bare


def clone(origin: Path, where: Path) -> Path:
    subprocess.run(["git", "clone", "-q", str(origin), str(where)], check=True)
    git(where, "config", "user.name", "github-actions[bot]")
    git(where, "config", "user.email", "41898282+github-actions[bot]@users.noreply.github.com")
    return where


def plan(root: Path, *args: str) -> dict[str, str]:
    out = sh(root, sys.executable, str(TOOLS / "plan.py"), *args)
    return dict(line.split("=", 1) for line in out.splitlines())


def translate(root: Path, shard: int, count: int, shards: Path) -> None:
    """One runner: translate its shard, and keep what it made as the artifact would."""
    sh(root, "bash", str(TOOLS / "translate-shard.sh"), str(shard), str(count))
    (shards / f"shard-{shard}").mkdir(parents=True)
    for name in ("shard.tar", "deleted"):
        shutil.move(root / name, shards / f"shard-{shard}" / name)


def deliver(root: Path, shards: Path, runners: int) -> str:
    return sh(
        root,
        sys.executable,
        str(TOOLS / "commit_translations.py"),
        "--mode",
        "commit",
        "--shards",
        str(shards),
        "--runners",
        str(runners),
    )


def catalogs(origin: Path, ref: str = "main") -> dict[str, str]:
    names = git(origin, "ls-tree", "-r", "--name-only", ref, "translations").splitlines()
    return {name: git(origin, "show", f"{ref}:{name}") for name in names}


def test_one_push_translates_commits_and_stops(origin: Path, tmp_path: Path) -> None:
    runner = clone(origin, tmp_path / "runner")
    planned = plan(runner)
    assert planned == {"mode": "commit", "units": "12", "pages": "3", "count": "1", "list": "[1]"}
    translate(runner, 1, 1, tmp_path / "shards")
    pushed = clone(origin, tmp_path / "deliver")
    before = git(origin, "rev-parse", "main")
    out = deliver(pushed, tmp_path / "shards", 1)
    after = git(origin, "rev-parse", "main")
    assert out == f"sha={after}"
    assert git(origin, "rev-parse", "main^") == before
    assert git(origin, "log", "-1", "--format=%an <%ae>|%cn <%ce>", "main") == f"{BOT}|{BOT}"
    assert git(origin, "log", "-1", "--format=%B", "main") == (
        "Machine translations: 6 catalog(s)\n\n"
        "Made by `diptych translate` on 1 runner(s) in workflow run local. New entries are "
        "machine translation (fuzzy): the site marks them so until a person reviews them."
    )
    found = catalogs(origin)
    assert sorted(found) == [
        f"translations/{lang}/{page}.po"
        for lang in ("de", "en")
        for page in ("index", "statements/one", "statements/two")
    ]
    # The fixture models: ru→en transliterates, en→de upper-cases (a pivot).
    po = polib.pofile(found["translations/en/statements/one.po"])
    assert [(e.msgid, e.msgstr, e.flags) for e in po] == [
        ("Первое", "Pervoe", ["fuzzy"]),
        ("Текст первого заявления.", "Tekst pervogo zayavleniya.", ["fuzzy"]),
    ]
    de = polib.pofile(found["translations/de/statements/one.po"])
    assert all(e.msgstr and e.flags == ["fuzzy"] and "(pivot en)" in e.comment for e in de)
    # The next run (the workflow's own push starts none, but a later push does) finds
    # nothing to translate and delivers nothing.
    again = clone(origin, tmp_path / "again")
    assert plan(again)["units"] == "0"
    assert deliver(again, tmp_path / "none", 0) == ""
    assert git(origin, "rev-parse", "main") == after


def test_sharded_runners_deliver_what_one_runner_does(origin: Path, tmp_path: Path) -> None:
    single = clone(origin, tmp_path / "single")
    planned = plan(single, "--shards", "2")
    assert (planned["count"], planned["list"]) == ("2", "[1, 2]")
    translate(single, 1, 1, tmp_path / "one")
    for shard in (1, 2):
        translate(clone(origin, tmp_path / f"runner{shard}"), shard, 2, tmp_path / "two")
    deliver(clone(origin, tmp_path / "deliver"), tmp_path / "two", 2)
    expected = {
        name: path.read_text(encoding="utf-8").rstrip("\n")  # as `git show` gives it
        for name, path in (
            (p.relative_to(single).as_posix(), p) for p in (single / "translations").rglob("*.po")
        )
    }
    assert catalogs(origin) == expected


def test_overlapping_shards_deliver_nothing(origin: Path, tmp_path: Path) -> None:
    runner = clone(origin, tmp_path / "runner")
    translate(runner, 1, 1, tmp_path / "shards")
    shutil.copytree(tmp_path / "shards" / "shard-1", tmp_path / "shards" / "shard-2")
    target = clone(origin, tmp_path / "deliver")
    done = subprocess.run(
        [sys.executable, str(TOOLS / "commit_translations.py"), "--mode", "commit",
         "--shards", str(tmp_path / "shards")],
        cwd=target, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 2
    assert "written by two runners (shard-1 and shard-2): the shards overlap" in done.stderr
    assert git(origin, "rev-list", "--count", "main") == "1"


def test_a_push_meanwhile_is_rebased_on(origin: Path, tmp_path: Path) -> None:
    runner = clone(origin, tmp_path / "runner")
    translate(runner, 1, 1, tmp_path / "shards")
    target = clone(origin, tmp_path / "deliver")
    author = clone(origin, tmp_path / "author")
    (author / "docs" / "three.md").write_text("# Третье\n", encoding="utf-8")
    git(author, "add", ".")
    git(author, "commit", "-qm", "A new page")
    git(author, "push", "-q", "origin", "main")
    deliver(target, tmp_path / "shards", 1)
    assert git(origin, "log", "--format=%s", "main").splitlines() == [
        "Machine translations: 6 catalog(s)",
        "A new page",
        "Pages",
    ]


def test_pull_request_mode_opens_then_updates_one_pull_request(
    make_project: Callable[..., Path], tmp_path: Path, github: FakeGitHub
) -> None:
    root = make_project(PAGES, models=True)
    with (root / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write("extra:\n  diptych:\n    publish: pull-request\n")
    bare = tmp_path / "origin.git"
    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(bare)], check=True)
    (root / ".gitignore").write_text(".diptych/\ntranslations/.lock\nshard.tar\ndeleted\n")
    for args in (("init", "-q", "-b", "main"), ("add", "."), ("commit", "-qm", "Pages")):
        git(root, "-c", "user.name=A", "-c", "user.email=a@example.org", *args)
    git(root, "push", "-q", str(bare), "main")
    main = git(bare, "rev-parse", "main")

    def run(name: str) -> str:
        runner = clone(bare, tmp_path / f"{name}-runner")
        assert plan(runner)["mode"] == "pull-request"
        translate(runner, 1, 1, tmp_path / name)
        return sh(
            clone(bare, tmp_path / f"{name}-deliver"),
            sys.executable,
            str(TOOLS / "commit_translations.py"),
            "--mode",
            "pull-request",
            "--shards",
            str(tmp_path / name),
        )

    assert run("first") == "pull=https://github.com/o/r/pull/58"
    assert git(bare, "rev-parse", "main") == main  # main is untouched: review first
    assert git(bare, "rev-parse", "machine-translation/main^") == main
    assert len(catalogs(bare, "machine-translation/main")) == 6
    created = github.calls[1][2]
    assert (created["head"], created["base"], created["title"]) == (
        "machine-translation/main",
        "main",
        "Machine translations awaiting review",
    )
    # A later push: the same pull request is updated, its branch made afresh from main.
    author = clone(bare, tmp_path / "author")
    (author / "docs" / "three.md").write_text("# Третье\n", encoding="utf-8")
    git(author, "add", ".")
    git(author, "commit", "-qm", "A new page")
    git(author, "push", "-q", "origin", "main")
    assert run("second") == "pull=https://github.com/o/r/pull/58"
    assert [(m, p.split("?")[0]) for m, p, _ in github.calls[2:]] == [
        ("GET", "/repos/diptych-project/diptych/pulls"),
        ("PATCH", "/repos/diptych-project/diptych/pulls/58"),
    ]
    assert len(catalogs(bare, "machine-translation/main")) == 8
    assert git(bare, "rev-list", "--count", "main..machine-translation/main") == "1"
