"""A run does only what changed, whatever changed it: the page, a catalog, mkdocs.yml.

Runs remember which catalogs they left complete (.diptych/uptodate.json) so that a no-op
run need not parse anything; these tests make sure that memory never hides work.
"""

from __future__ import annotations

from pathlib import Path

import polib

from tests.support.cli import Diptych
from tests.support.project import MakeProject

PAGE = "Первый абзац.\n\nВторой абзац.\n"


def snapshot(root: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in sorted((root / "translations").rglob("*.po"))}


def translated(root: Path, diptych: Diptych) -> Path:
    code, _, err = diptych(root, "translate", "--engine", "pseudo")
    assert (code, err) == (0, "")
    return root


def test_second_run_reports_nothing_to_do(make_project: MakeProject, diptych: Diptych) -> None:
    root = translated(make_project({"а.md": PAGE}), diptych)
    code, out, _ = diptych(root, "translate", "--engine", "pseudo")
    assert code == 0
    assert out.splitlines()[-1].startswith("catalogs up to date (")


def test_an_emptied_entry_is_translated_again(make_project: MakeProject, diptych: Diptych) -> None:
    root = translated(make_project({"а.md": PAGE}), diptych)
    po_path = root / "translations" / "en" / "а.po"
    reference = po_path.read_bytes()
    po = polib.pofile(str(po_path), wrapwidth=0)
    entry = po.find("Второй абзац.")
    assert entry is not None
    entry.msgstr = ""
    po.save(str(po_path))
    code, out, _ = diptych(root, "translate", "--engine", "pseudo")
    assert code == 0
    assert "en: 1 units (1 sentences) translated" in out
    assert po_path.read_bytes() == reference


def test_a_new_language_in_mkdocs_yml_gets_catalogs(
    make_project: MakeProject, diptych: Diptych
) -> None:
    root = translated(make_project({"а.md": PAGE}, targets=("en",)), diptych)
    before = snapshot(root)
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8") + "        - locale: de\n          name: de\n",
        encoding="utf-8",
    )
    assert diptych(root, "translate", "--engine", "pseudo")[0] == 0
    after = snapshot(root)
    assert sorted(p.relative_to(root).as_posix() for p in after) == [
        "translations/de/а.po",
        "translations/en/а.po",
    ]
    assert (
        after[root / "translations" / "en" / "а.po"]
        == before[root / "translations" / "en" / "а.po"]
    )


def test_a_deleted_catalog_is_written_again(make_project: MakeProject, diptych: Diptych) -> None:
    root = translated(make_project({"а.md": PAGE}), diptych)
    before = snapshot(root)
    (root / "translations" / "de" / "а.po").unlink()
    assert diptych(root, "translate", "--engine", "pseudo")[0] == 0
    assert snapshot(root) == before


def test_a_damaged_memory_only_costs_time(make_project: MakeProject, diptych: Diptych) -> None:
    root = translated(make_project({"а.md": PAGE}), diptych)
    before = snapshot(root)
    memory = root / ".diptych" / "uptodate.json"
    assert memory.exists()
    memory.write_text("{not json", encoding="utf-8")
    code, out, _ = diptych(root, "translate", "--engine", "pseudo")
    assert code == 0
    assert out.splitlines()[-1].startswith("catalogs up to date (")
    assert snapshot(root) == before


def test_a_page_changed_back_and_forth(make_project: MakeProject, diptych: Diptych) -> None:
    root = translated(make_project({"а.md": PAGE}, targets=("en",)), diptych)
    before = snapshot(root)
    page = root / "docs" / "а.md"
    page.write_text(PAGE + "\nТретий абзац.\n", encoding="utf-8")
    assert diptych(root, "translate", "--engine", "pseudo")[0] == 0
    assert snapshot(root) != before
    page.write_text(PAGE, encoding="utf-8")
    assert diptych(root, "translate", "--engine", "pseudo")[0] == 0
    assert snapshot(root) == before
