"""`diptych status`: per language and page, what is reviewed, machine, stale, missing."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import polib

Run = Callable[..., tuple[int, str, str]]
Site = Callable[..., Path]

PAGE_A = "Первый абзац.\n\nВторой абзац.\n\nТретий абзац о погоде.\n"
PAGE_B = "Один абзац.\n"


def review(po_path: Path, msgid: str, msgstr: str) -> None:
    """What a reviewer does in any PO editor: write the text, clear fuzzy."""
    po = polib.pofile(str(po_path), wrapwidth=0)
    entry = po.find(msgid)
    assert entry is not None
    entry.msgstr = msgstr
    entry.flags.remove("fuzzy")
    po.save(str(po_path))


def prepared_site(make_site: Site, diptych: Run) -> Path:
    """Page a.md: one reviewed, one stale, one machine, one missing; b.md: one machine."""
    root = make_site({"а.md": PAGE_A, "б.md": PAGE_B}, languages=("en",))
    assert diptych(root, "translate", "--engine", "pseudo")[0] == 0
    po_path = root / "translations" / "en" / "а.po"
    review(po_path, "Первый абзац.", "First paragraph.")
    review(po_path, "Третий абзац о погоде.", "A third paragraph, on the weather.")
    edited = PAGE_A.replace("о погоде", "о хорошей погоде") + "\nНовый абзац.\n"
    (root / "docs" / "а.md").write_text(edited, encoding="utf-8")
    return root


def test_json_counts_every_state_per_page_and_language(make_site: Site, diptych: Run) -> None:
    root = prepared_site(make_site, diptych)
    code, out, err = diptych(root, "status", "--json")
    assert (code, err) == (0, "")
    assert json.loads(out) == {
        "languages": {
            "en": {
                "total": {"missing": 1, "machine": 2, "reviewed": 1, "stale": 1},
                "pages": {
                    "а.md": {"missing": 1, "machine": 1, "reviewed": 1, "stale": 1},
                    "б.md": {"missing": 0, "machine": 1, "reviewed": 0, "stale": 0},
                },
            }
        }
    }


def test_status_reads_without_writing(make_site: Site, diptych: Run) -> None:
    root = prepared_site(make_site, diptych)
    before = {p: p.read_bytes() for p in (root / "translations").rglob("*.po")}
    assert diptych(root, "status")[0] == 0
    assert {p: p.read_bytes() for p in (root / "translations").rglob("*.po")} == before


def test_table_has_a_row_per_page_and_a_total(make_site: Site, diptych: Run) -> None:
    root = prepared_site(make_site, diptych)
    code, out, _ = diptych(root, "status")
    assert code == 0
    rows = [line.split() for line in out.splitlines() if line[:1] in "┃│"]
    cells = [[cell for cell in row if cell not in "┃│"] for row in rows]
    assert cells[0] == ["lang", "page", "missing", "machine", "reviewed", "stale"]
    assert cells[1:] == [
        ["en", "а.md", "1", "1", "1", "1"],
        ["en", "б.md", "0", "1", "0", "0"],
        ["en", "all", "pages", "1", "2", "1", "1"],
    ]


def test_a_page_without_catalog_counts_as_missing(make_site: Site, diptych: Run) -> None:
    root = make_site({"а.md": PAGE_A}, languages=("en", "de"))
    code, out, _ = diptych(root, "status", "--json")
    assert code == 0
    totals = {lang: data["total"] for lang, data in json.loads(out)["languages"].items()}
    assert totals == {
        lang: {"missing": 3, "machine": 0, "reviewed": 0, "stale": 0} for lang in ("en", "de")
    }


def test_a_broken_catalog_is_a_clean_error(make_site: Site, diptych: Run) -> None:
    root = make_site({"а.md": PAGE_A}, languages=("en",))
    assert diptych(root, "translate", "--engine", "pseudo")[0] == 0
    po_path = root / "translations" / "en" / "а.po"
    po_path.write_text(po_path.read_text(encoding="utf-8") + 'msgid "x\n', encoding="utf-8")
    code, out, err = diptych(root, "status")
    assert out == ""
    assert code == 2
    assert err.startswith(f"diptych: error: {po_path}:")
