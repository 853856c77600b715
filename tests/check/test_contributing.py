"""CONTRIBUTING.md and docs-dev/check.md against the code: their commands parse with the
real parser and run, the rules they name exist, and the guide's example diff, applied to
the project's own catalog, is a review that `diptych check` accepts."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest

from diptych import catalog
from diptych.catalog import State, state_of
from diptych.check.rules import RULES
from diptych.cli import build_parser
from diptych.languages import LANGUAGES
from tests.support.project import Project
from tests.support.repo import REPO

GUIDE = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
DESIGN = (REPO / "docs-dev" / "check.md").read_text(encoding="utf-8")


def _blocks(text: str, lang: str) -> list[str]:
    return re.findall(rf"^ *```{lang}\n(.*?)^ *```$", text, re.M | re.S)


def _commands(text: str) -> list[list[str]]:
    """Every `diptych ...` command line of the sh code blocks (without comments)."""
    found = []
    for block in _blocks(text, "sh"):
        for line in block.splitlines():
            words = shlex.split(line, comments=True)
            if "&&" in words:
                words = words[words.index("&&") + 1 :]
            if words and words[0].endswith("diptych"):
                found.append(words[1:])
    return found


def _diff() -> tuple[str, str]:
    (block,) = _blocks(GUIDE, "diff")
    path = re.search(r"^\+\+\+ b/(\S+)$", block, re.M)
    assert path
    return path.group(1), block


def test_every_command_parses() -> None:
    commands = _commands(GUIDE) + _commands(DESIGN)
    assert len(commands) >= 8
    parser = build_parser()
    for argv in commands:
        args = parser.parse_args(argv)  # exits (SystemExit) on a bad command line
        assert args.command in ("check", "review", "status", "translate")


def test_rules_named_exist_and_all_are_listed() -> None:
    for text in (GUIDE, DESIGN):
        named = set(re.findall(r"\bD\d{3}\b", text))
        assert named <= set(RULES), named - set(RULES)
        table = set(re.findall(r"^\| (D\d{3}) \|", text, re.M))
        assert table == set(RULES)


def test_design_table_gives_the_registry_severities() -> None:
    rows = dict(re.findall(r"^\| (D\d{3}) \| [^|]+ \| (error|warning)", DESIGN, re.M))
    assert rows == {code: rule.severity.value for code, rule in RULES.items()}


@pytest.fixture
def project(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Project:
    """A copy of the project's site, with the entry of the guide's example as machine
    output (the state before the fix), written the way `diptych translate` writes it."""
    root = tmp_path / "project"
    for name in ("docs", "translations", "glossary"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    rel, block = _diff()
    old = {line[1:] for line in block.splitlines() if line.startswith("-") and line[:3] != "---"}
    draft = next(line for line in old if line.startswith("msgstr "))[len('msgstr "') : -1]
    comment = re.search(r"^ #\. machine translation: (.+)$", block, re.M)
    msgid = re.search(r'^ msgid "(.+)"$', block, re.M)
    assert comment and msgid
    path = root / rel
    po = catalog.load(path, LANGUAGES[rel.split("/")[1]])
    entry = po.find(msgid.group(1))
    assert entry is not None, "the guide's example entry is no longer in the catalog"
    entry.msgstr = ""
    catalog.set_machine(entry, draft, comment.group(1))
    catalog.save(po, path)
    monkeypatch.chdir(root)
    return Project(root, capsys)


def _apply(text: str, block: str) -> str:
    """Apply the one hunk of a unified diff exactly: its header's line numbers included."""
    lines = block.splitlines()
    header = next(line for line in lines if line.startswith("@@"))
    numbers = re.fullmatch(r"@@ -(\d+),(\d+) \+(\d+),(\d+) @@", header)
    assert numbers, header
    start, count, new_start, new_count = map(int, numbers.groups())
    body = lines[lines.index(header) + 1 :]
    before = [line[1:] for line in body if line[0] in " -"]
    after = [line[1:] for line in body if line[0] in " +"]
    assert (len(before), len(after), new_start) == (count, new_count, start)
    current = text.splitlines()
    assert current[start - 1 : start - 1 + count] == before, "the diff does not apply"
    current[start - 1 : start - 1 + count] = after
    return "\n".join(current) + "\n"


def test_example_diff_is_a_review_that_passes_the_check(project: Project) -> None:
    rel, block = _diff()
    before = project.check(rel)
    assert [line for line in before.lines if ": D402: " in line] == [
        f"{rel}:1: D402: warning: 1 machine-translated unit awaits review"
    ]
    project.write(rel, _apply(project.read(rel), block))
    run = project.check("--strict", rel)
    assert (run.code, run.lines) == (0, [])
    po = project.po(rel)
    assert all(state_of(entry) is State.REVIEWED for entry in po)


def test_the_draft_breaks_the_glossary_once_reviewed(project: Project) -> None:
    """What step 5 of the guide shows: the draft, marked reviewed as it is, fails D303."""
    rel, _ = _diff()
    project.edit(rel, "#, fuzzy\n", "")
    run = project.check(rel)
    assert run.code == 1
    glossary = next(line for line in GUIDE.splitlines() if "D303: glossary" in line)
    shown = re.search(r"``(D303: .+?)``", glossary)
    assert shown and [line.split(": ", 1)[1] for line in run.lines] == [shown.group(1)]


def test_the_review_command_makes_the_same_file(project: Project) -> None:
    rel, block = _diff()
    expected = _apply(project.read(rel), block)
    review = [argv for argv in _commands(GUIDE) if argv[0] == "review" and "--text" in argv]
    assert len(review) == 1
    listing = project.diptych("review", rel)
    line = project.line_of("Миротворческие силы ОДКБ будут", rel)
    assert listing.lines[0] == f"{rel}:{line}: machine"
    assert review[0][1] == f"{rel}:{line}"
    run = project.diptych(*review[0])
    assert run.code == 0, run.lines
    assert project.read(rel) == expected


def test_the_other_review_commands_run(project: Project) -> None:
    for argv in _commands(GUIDE):
        if argv[0] == "review" and "--text" not in argv:
            run = project.diptych(*argv)
            assert run.code == 0, (argv, run.lines)
