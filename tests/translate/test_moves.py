"""A renamed or moved page takes its catalogs along: `diptych translate` finds them."""

from __future__ import annotations

import re
from pathlib import Path

import polib

from tests.support.cli import Diptych
from tests.support.project import MakeProject

PAGE = "Первый абзац.\n\nВторой абзац о погоде.\n\nТретий абзац.\n"
REVIEWED = {
    "Первый абзац.": "First paragraph.",
    "Второй абзац о погоде.": "Second paragraph, on the weather.",
}


def review_all(path: Path) -> None:
    """A person's reviews, as any PO editor writes them."""
    po = polib.pofile(str(path), wrapwidth=0)
    for entry in po:
        if entry.msgid in REVIEWED:
            entry.msgstr = REVIEWED[entry.msgid]
            entry.flags = []
    po.save(str(path))


def test_a_renamed_page_keeps_its_reviews(make_project: MakeProject, diptych: Diptych) -> None:
    """Renamed, moved into a folder and edited on the way: the catalog moves, the edited
    unit is stale with the reviewed text kept, the other review stays. Without moves.apply
    in the run (or with the match on a page that has a catalog), the reviews are left in
    an orphaned catalog and this fails."""
    root = make_project({"старое.md": PAGE, "другое.md": "Совсем другой текст.\n"}, targets=("en",))
    assert diptych(root, "translate", "--engine", "pseudo", "-q")[0] == 0
    old = root / "translations" / "en" / "старое.po"
    review_all(old)
    (root / "docs" / "старое.md").unlink()
    moved = root / "docs" / "раздел" / "новое.md"
    moved.parent.mkdir()
    moved.write_text(PAGE.replace("о погоде", "о хорошей погоде"), encoding="utf-8")

    code, out, err = diptych(root, "translate", "--engine", "pseudo")
    assert (code, err) == (0, "")
    assert (
        "moved translations/en/старое.po to translations/en/раздел/новое.po: its page is "
        "now docs/раздел/новое.md" in out
    )
    assert not old.exists()
    po = polib.pofile(str(root / "translations" / "en" / "раздел" / "новое.po"), wrapwidth=0)
    live = {e.msgid: e for e in po if not e.obsolete}
    assert live["Первый абзац."].msgstr == "First paragraph."
    assert "fuzzy" not in live["Первый абзац."].flags
    stale = live["Второй абзац о хорошей погоде."]
    assert stale.previous_msgid == "Второй абзац о погоде."
    kept = [e for e in po if e.obsolete]
    assert [(e.msgid, e.msgstr) for e in kept] == [
        ("Второй абзац о погоде.", "Second paragraph, on the weather.")
    ]
    assert po.metadata["Project-Id-Version"] == "раздел/новое.md"
    # The other page's catalog was not taken for the move.
    assert (root / "translations" / "en" / "другое.po").exists()


def test_an_unrelated_new_page_takes_nothing(make_project: MakeProject, diptych: Diptych) -> None:
    """A removed page's catalog is not given to a new page with other text (D107 then says
    to move it by hand). A match threshold of zero fails this."""
    root = make_project({"старое.md": PAGE}, targets=("en",))
    assert diptych(root, "translate", "--engine", "pseudo", "-q")[0] == 0
    review_all(root / "translations" / "en" / "старое.po")
    (root / "docs" / "старое.md").unlink()
    (root / "docs" / "новое.md").write_text("Совсем другой текст.\n", encoding="utf-8")
    code, out, _ = diptych(root, "translate", "--engine", "pseudo")
    assert code == 0
    assert "moved" not in out
    assert (root / "translations" / "en" / "старое.po").exists()


def test_a_linked_catalog_is_never_moved(
    make_project: MakeProject, diptych: Diptych, tmp_path: Path
) -> None:
    """A catalog in translations/ that is a link (here to a file outside the project, with
    "reviewed" text for the new page's units) is not moved onto a page that has none: the
    page is translated afresh and the link is left as it was. Without the link test in
    moves.find the planted text becomes the new page's reviewed catalog."""
    root = make_project({"новое.md": PAGE}, targets=("en",))
    planted = tmp_path / "planted.po"
    po = polib.POFile(wrapwidth=0)
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "en"}
    for msgid in ("Первый абзац.", "Второй абзац о погоде.", "Третий абзац."):
        po.append(polib.POEntry(msgid=msgid, msgstr="PLANTED"))
    po.save(str(planted))
    link = root / "translations" / "en" / "старое.po"
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(planted)

    code, out, err = diptych(root, "translate", "--engine", "pseudo", "-q")
    out = re.sub(r"\d+\.\d s", "T s", out)
    assert (code, out, err) == (
        0,
        "en: 3 units (3 sentences) translated in T s\n1 catalog(s) written in T s\n",
        "",
    )
    assert link.is_symlink() and planted.read_text(encoding="utf-8").count("PLANTED") == 3
    new = polib.pofile(str(root / "translations" / "en" / "новое.po"), wrapwidth=0)
    assert [e.msgstr for e in new if "PLANTED" in e.msgstr] == []
