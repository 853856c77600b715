"""Catalogs are ordinary gettext: Debian's msgfmt accepts them, translate-toolkit reads and
writes them back byte for byte, and a one-word fix is a one-line diff."""

from __future__ import annotations

import difflib
import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from translate.storage import pypo

from diptych import catalog
from diptych.languages import LANGUAGES
from tests.support.project import Project
from tests.support.repo import REPO

REPO_CATALOGS = sorted((REPO / "translations").rglob("*.po"))

# Every kind of unit, and text that tends to trouble PO writers: quotes, backslashes,
# percent signs, tabs in code, very long lines, soft line breaks, right-to-left scripts.
LONG = (
    "Описание страницы на 100 % длиннее обычного, чтобы строка в каталоге вышла далеко "
    "за семьдесят девять знаков."
)
RICH = f"""\
---
title: "Заявление: «кавычки» и \\"обратные\\" косые \\\\ черты"
description: {LONG}
---

# Заголовок с `кодом` {{ #zagolovok }}

Абзац с **жирным**, *курсивом*, [ссылкой](other.md) и сноской[^n].
Вторая строка того же абзаца: 50 %d и %s не формат, а текст; путь C:\\temp\\новый.

- Пункт списка с `a\\tb` внутри
- Второй пункт, в нём "двойные" кавычки

> Цитата: 2 500 человек прибыли 10 января 2022 года.

| Столбец | Значение |
| --- | --- |
| Ячейка | Текст с вертикальной \\| чертой |

!!! note "Заметка"
    Текст заметки.

[^n]: Текст сноски.
"""


def _msgfmt(path: Path) -> subprocess.CompletedProcess[str]:
    if shutil.which("msgfmt") is None:
        pytest.fail("msgfmt (Debian gettext) is missing; run: bash tools/setup.sh --test")
    return subprocess.run(
        ["msgfmt", "--check-format", "-o", "/dev/null", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )


def _translate_toolkit_bytes(path: Path) -> bytes:
    store = pypo.pofile.parsefile(str(path))
    return bytes(store)


def _diff(before: str, after: str) -> list[str]:
    return [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
        if not line.startswith(("---", "+++", "@@"))
    ]


@pytest.fixture
def pseudo_project(project: Project) -> Project:
    """The mini site with a rich page, pseudo-translated into every target language; one
    English entry reviewed, then its source changed and translated again (stale, obsolete)."""
    project.write("docs/rich.md", RICH)
    run = project.diptych("translate", "--engine", "pseudo", "-q")
    assert run.code == 0, run.err
    line = project.line_of("Текст сноски.", "translations/en/rich.po")
    run = project.diptych("review", f"translations/en/rich.po:{line}", "--text", "Footnote text.")
    assert run.code == 0, run.lines
    project.edit("docs/rich.md", "[^n]: Текст сноски.", "[^n]: Новый текст сноски.")
    run = project.diptych("translate", "--engine", "pseudo", "-q")
    assert run.code == 0, run.err
    return project


def _catalogs(project: Project) -> list[Path]:
    return sorted(project.path("translations").rglob("*.po"))


def test_pseudo_catalogs_hold_every_state(pseudo_project: Project) -> None:
    assert [p.relative_to(pseudo_project.root).as_posix() for p in _catalogs(pseudo_project)] == [
        f"translations/{lang}/{page}.po"
        for lang in ("ar", "en", "zh")
        for page in ("other", "page", "rich")
    ]
    text = pseudo_project.read("translations/en/rich.po")
    assert '#| msgid "Текст сноски."' in text
    assert '#~ msgstr "Footnote text."' in text
    assert "\n#, fuzzy\n" in text
    long_line = next(line for line in text.splitlines() if "семьдесят девять" in line)
    assert long_line.startswith('msgid "Описание страницы') and long_line.endswith('знаков."')


def test_msgfmt_accepts_pseudo_catalogs(pseudo_project: Project) -> None:
    for path in _catalogs(pseudo_project):
        done = _msgfmt(path)
        assert (done.returncode, done.stderr) == (0, ""), path


@pytest.mark.parametrize("path", REPO_CATALOGS, ids=lambda p: p.relative_to(REPO).as_posix())
def test_msgfmt_accepts_the_repository_catalogs(path: Path) -> None:
    done = _msgfmt(path)
    assert (done.returncode, done.stderr) == (0, ""), path


def test_msgfmt_rejects_what_check_rejects(reviewed_project: Project) -> None:
    """The msgfmt run above can fail: a newline mismatch (D108) fails it too."""
    reviewed_project.edit(
        "translations/en/page.po",
        'msgstr "Statement on the situation"',
        'msgstr "Statement on the situation\\n"',
    )
    done = _msgfmt(reviewed_project.path("translations/en/page.po"))
    assert done.returncode == 1
    assert "'msgid' and 'msgstr' entries do not both end with '\\n'" in done.stderr


def test_translate_toolkit_round_trip_pseudo(pseudo_project: Project) -> None:
    for path in _catalogs(pseudo_project):
        assert _translate_toolkit_bytes(path) == path.read_bytes(), path


@pytest.mark.parametrize("path", REPO_CATALOGS, ids=lambda p: p.relative_to(REPO).as_posix())
def test_translate_toolkit_round_trip_repository(path: Path) -> None:
    assert _translate_toolkit_bytes(path) == path.read_bytes()


def test_translate_toolkit_reads_the_states(pseudo_project: Project) -> None:
    store = pypo.pofile.parsefile(str(pseudo_project.path("translations/en/rich.po")))
    units = [unit for unit in store.units if not unit.isheader()]
    stale = next(u for u in units if u.source == "Новый текст сноски.")
    assert stale.isfuzzy()
    assert stale.prev_source == "Текст сноски."
    obsolete = next(u for u in units if u.source == "Текст сноски.")
    assert obsolete.isobsolete() and obsolete.target == "Footnote text."
    assert all(u.isfuzzy() for u in units if not u.isobsolete())


def test_polib_round_trip_and_translate_rerun_change_nothing(pseudo_project: Project) -> None:
    before = {path: path.read_bytes() for path in _catalogs(pseudo_project)}
    for path in before:
        lang = LANGUAGES[path.relative_to(pseudo_project.path("translations")).parts[0]]
        assert catalog.save(catalog.load(path, lang), path) is False
    run = pseudo_project.diptych("translate", "--engine", "pseudo", "-q")
    assert run.code == 0
    assert {path: path.read_bytes() for path in _catalogs(pseudo_project)} == before


def test_one_word_fix_with_diptych_review_is_a_one_line_diff(reviewed_project: Project) -> None:
    rel = "translations/en/page.po"
    before = reviewed_project.read(rel)
    line = reviewed_project.line_of("Заявление о ситуации", rel)
    run = reviewed_project.diptych("review", f"{rel}:{line}", "--text", "Statement on the events")
    assert run.code == 0, run.lines
    assert _diff(before, reviewed_project.read(rel)) == [
        '-msgstr "Statement on the situation"',
        '+msgstr "Statement on the events"',
    ]


def test_one_word_fix_with_polib_is_a_one_line_diff(reviewed_project: Project) -> None:
    rel = "translations/en/page.po"
    before = reviewed_project.read(rel)
    po = polib.pofile(str(reviewed_project.path(rel)), wrapwidth=0)
    entry = next(e for e in po if e.msgid.startswith("Миротворческие"))
    entry.msgstr = entry.msgstr.replace("personnel", "troops")
    catalog.save(po, reviewed_project.path(rel))
    assert _diff(before, reviewed_project.read(rel)) == [
        '-msgstr "CSTO peacekeeping forces of about 2,500 personnel arrived on 10 January 2022."',
        '+msgstr "CSTO peacekeeping forces of about 2,500 troops arrived on 10 January 2022."',
    ]


def test_reviewing_machine_output_removes_only_the_fuzzy_line(pseudo_project: Project) -> None:
    rel = "translations/en/other.po"
    before = pseudo_project.read(rel)
    line = pseudo_project.line_of("Итоги", rel)
    run = pseudo_project.diptych("review", f"{rel}:{line}", "--text", "Results")
    assert run.code == 0, run.lines
    assert _diff(before, pseudo_project.read(rel)) == [
        "-#, fuzzy",
        '-msgstr "⟦Ӣҭӧґӣ ··⟧"',
        '+msgstr "Results"',
    ]
    # The other entry is pseudo-localised: no translation (D403), never published.
    assert pseudo_project.check(rel).lines == [f"{rel}:1: D403: warning: 1 unit is untranslated"]
