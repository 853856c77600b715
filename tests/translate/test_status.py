"""`diptych status`: per language and page, what is reviewed, machine, stale, missing."""

from __future__ import annotations

import json
from pathlib import Path

import polib

from tests.support.cli import Diptych
from tests.support.project import MakeProject

PAGE_A = "Первый абзац.\n\nВторой абзац.\n\nТретий абзац о погоде.\n"
# With a unit that has nothing to translate (no Russian letter): copied, not translated.
PAGE_B = "Один абзац.\n\nPython 3.12\n"
NONE = dict.fromkeys(("missing", "machine", "edited", "reviewed", "stale", "withheld", "copied"), 0)


def review(po_path: Path, msgid: str, msgstr: str) -> None:
    """What a reviewer does in any PO editor: write the text, clear fuzzy."""
    po = polib.pofile(str(po_path), wrapwidth=0)
    entry = po.find(msgid)
    assert entry is not None
    entry.msgstr = msgstr
    entry.flags.remove("fuzzy")
    po.save(str(po_path))


def as_machine_output(root: Path) -> None:
    """Pseudo-localised text counts as missing: relabel it as a (test) engine's output,
    fingerprints and all, so that it stands for machine translation."""
    for path in (root / "translations").rglob("*.po"):
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("translation: pseudo ", "translation: test "), "utf-8")


def prepared_site(make_project: MakeProject, diptych: Diptych) -> Path:
    """Page a.md: one reviewed, one stale, one machine, one missing; b.md: one machine,
    one copied."""
    root = make_project({"а.md": PAGE_A, "б.md": PAGE_B}, targets=("en",))
    assert diptych(root, "translate", "--engine", "pseudo")[0] == 0
    as_machine_output(root)
    po_path = root / "translations" / "en" / "а.po"
    review(po_path, "Первый абзац.", "First paragraph.")
    review(po_path, "Третий абзац о погоде.", "A third paragraph, on the weather.")
    edited = PAGE_A.replace("о погоде", "о хорошей погоде") + "\nНовый абзац.\n"
    (root / "docs" / "а.md").write_text(edited, encoding="utf-8")
    return root


def test_json_counts_every_state_per_page_and_language(
    make_project: MakeProject, diptych: Diptych
) -> None:
    root = prepared_site(make_project, diptych)
    code, out, err = diptych(root, "status", "--json")
    assert (code, err) == (0, "")
    assert json.loads(out) == {
        "languages": {
            "en": {
                "total": {
                    **NONE,
                    "missing": 1,
                    "machine": 2,
                    "reviewed": 1,
                    "stale": 1,
                    "copied": 1,
                },
                "pages": {
                    "а.md": {**NONE, "missing": 1, "machine": 1, "reviewed": 1, "stale": 1},
                    "б.md": {**NONE, "machine": 1, "copied": 1},
                },
            }
        }
    }


def test_status_reads_without_writing(make_project: MakeProject, diptych: Diptych) -> None:
    root = prepared_site(make_project, diptych)
    before = {p: p.read_bytes() for p in (root / "translations").rglob("*.po")}
    assert diptych(root, "status")[0] == 0
    assert {p: p.read_bytes() for p in (root / "translations").rglob("*.po")} == before


def test_table_has_a_row_per_page_and_a_total(make_project: MakeProject, diptych: Diptych) -> None:
    root = prepared_site(make_project, diptych)
    code, out, _ = diptych(root, "status")
    assert code == 0
    rows = [line.split() for line in out.splitlines() if line[:1] in "┃│"]
    cells = [[cell for cell in row if cell not in "┃│"] for row in rows]
    assert cells[0] == [
        "lang",
        "page",
        "missing",
        "machine",
        "edited",
        "reviewed",
        "stale",
        "withheld",
        "copied",
    ]
    assert cells[1:] == [
        ["en", "а.md", "1", "1", "0", "1", "1", "0", "0"],
        ["en", "б.md", "0", "1", "0", "0", "0", "0", "1"],
        ["en", "all", "pages", "1", "2", "0", "1", "1", "0", "1"],
    ]


def test_a_page_without_catalog_counts_as_missing(
    make_project: MakeProject, diptych: Diptych
) -> None:
    root = make_project({"а.md": PAGE_A}, targets=("en", "de"))
    code, out, _ = diptych(root, "status", "--json")
    assert code == 0
    totals = {lang: data["total"] for lang, data in json.loads(out)["languages"].items()}
    assert totals == {lang: {**NONE, "missing": 3} for lang in ("en", "de")}


def test_a_broken_catalog_is_a_clean_error(make_project: MakeProject, diptych: Diptych) -> None:
    root = make_project({"а.md": PAGE_A}, targets=("en",))
    assert diptych(root, "translate", "--engine", "pseudo")[0] == 0
    po_path = root / "translations" / "en" / "а.po"
    po_path.write_text(po_path.read_text(encoding="utf-8") + 'msgid "x\n', encoding="utf-8")
    code, out, err = diptych(root, "status")
    # Reported, named relative to the project, left out of the counts (exit 1: a catalog
    # problem was reported, everything else was done).
    assert code == 1
    assert err.startswith("diptych: error: translations/en/а.po:")
    assert "а.md" not in out
