"""Input built to be deep or large: a clear error naming the page, line and what to do, in
`translate`, `status` and `check` alike, and everything else still done; never a
traceback (RecursionError) or a hang. Timings are bench/adversarial.py's business."""

from __future__ import annotations

import json

import pytest

from tests.support.cli import Diptych
from tests.support.project import MakeProject

OK_PAGE = "# Обычная страница\n\nОбычный абзац.\n"


def too_deep(depth: int, line: int = 1) -> list[str]:
    """The two lines every command prints for docs/bad.md nested ``depth`` levels deep."""
    return [
        f"diptych: error: docs/bad.md:{line}: nested too deeply: block quotes, lists or "
        f"inline markup at least {depth} levels deep, where at most 19 can be read (the "
        "Markdown parser, markdown-it, stops at maxNesting = 20 and drops what is deeper)",
        "  hint: flatten the nesting: each block quote, emphasis or link counts one level, "
        "each list two (the list and its item)",
    ]


DEEP = {
    # 3,000 "*" either side: CommonMark pairs them into 1,500 nested emphasis levels.
    "emphasis": ("*" * 3000 + "x" + "*" * 3000 + "\n", 1, 1500),
    # 10,000 nested lists (markdown-it stops counting at its limit of 20).
    "list": ("- " * 10000 + "Текст\n", 1, 20),
    # 5,000 nested block quotes, after a first paragraph: the error names line 3.
    "quote": ("Вступление.\n\n" + "> " * 5000 + "x\n", 3, 20),
}


@pytest.mark.parametrize("case", sorted(DEEP))
def test_deep_page_is_a_clear_error_in_translate(
    case: str, make_project: MakeProject, diptych: Diptych
) -> None:
    """Fails without the depth check in segment.segment (_too_deep): exit 0 for all
    three, the quote and list pages losing their text without a word ("no text to
    translate") and the emphasis page translated as if nothing were wrong (Python-Markdown
    then exhausts its recursion on it)."""
    text, line, depth = DEEP[case]
    root = make_project({"bad.md": text, "ok.md": OK_PAGE}, targets=("en",))
    code, out, err = diptych(root, "translate", "--engine", "pseudo")
    assert code == 1
    assert err.splitlines() == too_deep(depth, line)
    assert "bad.md" not in out
    assert (root / "translations" / "en" / "ok.po").is_file()
    assert not (root / "translations" / "en" / "bad.po").exists()


@pytest.mark.parametrize("case", sorted(DEEP))
def test_deep_page_is_a_clear_error_in_status(
    case: str, make_project: MakeProject, diptych: Diptych
) -> None:
    """Fails without the depth check in segment.segment (exit 0, no error), and without
    the per-page handling in status.collect / commands.status (the error aborted the
    whole command: exit 2, no counts, the page's absolute path)."""
    text, line, depth = DEEP[case]
    root = make_project({"bad.md": text, "ok.md": OK_PAGE}, targets=("en",))
    code, out, err = diptych(root, "status", "--json")
    assert code == 1
    assert err.splitlines() == too_deep(depth, line)
    assert list(json.loads(out)["languages"]["en"]["pages"]) == ["ok.md"]


@pytest.mark.parametrize("case", sorted(DEEP))
def test_deep_page_is_a_clear_error_in_check(
    case: str, make_project: MakeProject, diptych: Diptych
) -> None:
    """Fails without the depth check in segment.segment: the quote page then passes
    (exit 0) although markdown-it dropped its text, and the list and emphasis pages get
    only the site renderer's D109, with neither depth nor limit."""
    text, line, depth = DEEP[case]
    root = make_project({"bad.md": text, "ok.md": OK_PAGE}, targets=("en",))
    code, out, _ = diptych(root, "check")
    message = too_deep(depth, line)[0].removeprefix(f"diptych: error: docs/bad.md:{line}: ")
    assert code == 1
    assert [row for row in out.splitlines() if row.startswith("docs/bad.md")] == [
        f"docs/bad.md:{line}: D109: {message}"
    ]


def test_nineteen_levels_are_read_twenty_are_refused(
    make_project: MakeProject, diptych: Diptych
) -> None:
    """The limit is markdown-it's own (maxNesting 20), to the level: 19 nested quotes are
    translated, 20 are refused. Fails if the check is one level too strict (counting the
    paragraph itself: ``token.level + 1 >= limit`` for any opening token) or too lax."""
    root = make_project(
        {"bad.md": "> " * 20 + "Двадцать.\n", "ok.md": "> " * 19 + "Девятнадцать.\n"},
        targets=("en",),
    )
    code, _, err = diptych(root, "translate", "--engine", "pseudo")
    assert code == 1
    assert err.splitlines() == too_deep(20)
    ok = (root / "translations" / "en" / "ok.po").read_text(encoding="utf-8")
    assert 'msgid "Девятнадцать."' in ok


def test_ten_thousand_list_markers_on_one_line_are_a_thematic_break(
    make_project: MakeProject, diptych: Diptych
) -> None:
    """``"- " * 10000`` is one thematic break in CommonMark, not 10,000 lists: no error,
    nothing to translate. No change of this work makes it fail; it pins that depth is
    judged on the parse, and fails if it were judged on the text (tried: refusing lines
    that start with more than 19 list markers)."""
    root = make_project({"bad.md": "- " * 10000 + "\n", "ok.md": OK_PAGE}, targets=("en",))
    code, out, err = diptych(root, "translate", "--engine", "pseudo")
    assert (code, err) == (0, "")
    assert "warning: docs/bad.md: no text to translate; skipped" in out.splitlines()
    code, out, err = diptych(root, "status", "--json")
    assert (code, err) == (0, "")
    assert list(json.loads(out)["languages"]["en"]["pages"]) == ["ok.md"]


def test_a_150_by_150_table_is_counted_cell_by_cell(
    make_project: MakeProject, diptych: Diptych
) -> None:
    """Every cell of a large table is a unit, and `status` counts them all (22,650: the
    header row and 150 rows of 150). It guards the table code made linear in
    segment._row_slots (the cells of a row are now counted by index instead of over a
    copy of the rest of the page's tokens): fails if that loop does not stop at the row's
    end (tried: without the ``break`` at ``tr_close`` every row but the last counts the
    cells below it too, no longer matches its pipes, and gives no units: 150 counted)."""
    size = 150
    head = "| " + " | ".join(f"Заголовок {c}" for c in range(size)) + " |\n"
    rule = "|" + "|".join("---" for _ in range(size)) + "|\n"
    rows = "".join(
        "| " + " | ".join(f"Ячейка {r}.{c}" for c in range(size)) + " |\n" for r in range(size)
    )
    root = make_project({"table.md": head + rule + rows}, targets=("en",))
    code, out, err = diptych(root, "status", "--json")
    assert (code, err) == (0, "")
    counts = json.loads(out)["languages"]["en"]["pages"]["table.md"]
    assert counts["missing"] == size * size + size
    assert sum(counts.values()) == size * size + size
