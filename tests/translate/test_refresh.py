"""`diptych translate --refresh`: machine text is translated again (for a better model),
a person's words never."""

from __future__ import annotations

import polib

from tests.support.cli import Diptych
from tests.support.project import MakeProject

PAGE = "Первый абзац.\n\nВторой абзац.\n\nТретий абзац.\n\nЧетвёртый абзац.\n"
OLD = "package translate-ru_en-test 0.9"


def test_refresh_redoes_machine_text_only(make_project: MakeProject, diptych: Diptych) -> None:
    """Machine text from an older package is redone, with new provenance; edited and
    reviewed text stay byte for byte. Without --refresh the run is a no-op. Letting the
    refresh take edited entries (persons_words) fails this with a CatalogError, dropping
    the refresh pass leaves the old provenance."""
    root = make_project({"а.md": PAGE}, targets=("en",), models=True)
    assert diptych(root, "translate", "-q")[0] == 0
    path = root / "translations" / "en" / "а.po"
    # As if an older package had written the machine text.
    path.write_text(
        path.read_text(encoding="utf-8").replace("package translate-ru_en-test 1.0", OLD),
        encoding="utf-8",
    )
    po = polib.pofile(str(path), wrapwidth=0)
    po.find("Первый абзац.").msgstr = "A person's first paragraph."  # edited, still fuzzy
    reviewed = po.find("Второй абзац.")
    reviewed.msgstr, reviewed.flags = "The second paragraph.", []
    po.save(str(path))

    code, out, _ = diptych(root, "translate", "-q")
    assert (code, out.splitlines()[-1][:20]) == (0, "catalogs up to date ")
    assert OLD in path.read_text(encoding="utf-8")

    code, out, err = diptych(root, "translate", "--refresh", "-q")
    assert (code, err) == (0, "")
    assert out.splitlines()[0].startswith("en: 2 units")
    after = {e.msgid: e for e in polib.pofile(str(path), wrapwidth=0)}
    assert after["Первый абзац."].msgstr == "A person's first paragraph."
    assert after["Второй абзац."].msgstr == "The second paragraph."
    assert "fuzzy" not in after["Второй абзац."].flags
    for msgid in ("Третий абзац.", "Четвёртый абзац."):
        assert "package translate-ru_en-test 1.0" in after[msgid].comment
    # Only the edited and the reviewed entry still name the old package: untouched.
    assert path.read_text(encoding="utf-8").count(OLD) == 2
