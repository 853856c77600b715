"""Catalog states and merging: reviews are never lost, files change only when they must."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest

from diptych import catalog
from diptych.catalog import State
from diptych.errors import CatalogError
from diptych.languages import LANGUAGES

EN = LANGUAGES["en"]


def reviewed(msgid: str, msgstr: str) -> polib.POEntry:
    return polib.POEntry(msgid=msgid, msgstr=msgstr)


def fresh(*units: str) -> polib.POFile:
    po = catalog.new(EN, "page.md")
    catalog.merge(po, units)
    return po


def machine(msgid: str, msgstr: str, engine: str = "test engine") -> polib.POEntry:
    entry = polib.POEntry(msgid=msgid, msgstr="")
    catalog.set_machine(entry, msgstr, engine)
    return entry


def test_states() -> None:
    """Every state from the entry alone; dropping the fingerprint comparison (edited), the
    pseudo test or the markup-error test fails this."""
    assert catalog.state_of(polib.POEntry(msgid="а", msgstr="")) is State.MISSING
    assert catalog.state_of(machine("а", "a")) is State.MACHINE
    edited = machine("а", "a")
    edited.msgstr = "A person's a"
    assert catalog.state_of(edited) is State.EDITED
    # Fuzzy text that no engine claims was typed by a person (Poedit marks entries fuzzy).
    assert catalog.state_of(polib.POEntry(msgid="а", msgstr="a", flags=["fuzzy"])) is State.EDITED
    assert catalog.state_of(reviewed("а", "a")) is State.REVIEWED
    stale = polib.POEntry(msgid="б", msgstr="b", flags=["fuzzy"], previous_msgid="а")
    assert catalog.state_of(stale) is State.STALE
    broken = polib.POEntry(msgid="а", msgstr="")
    catalog.set_machine(broken, "a [", "test engine", ["lost a link"])
    assert catalog.state_of(broken) is State.WITHHELD
    pseudo = machine("а", "⟦а ·⟧", "pseudo ru→en (pseudo-localisation, not a translation)")
    assert catalog.state_of(pseudo) is State.MISSING
    assert catalog.publishable(pseudo) is None
    assert catalog.publishable(pseudo, pseudo=True) == "⟦а ·⟧"


def test_new_units_are_pending_in_page_order() -> None:
    po = catalog.new(EN, "page.md")
    merged = catalog.merge(po, ["Первый.", "Второй.", "Первый."])
    assert [e.msgid for e in po] == ["Первый.", "Второй."]
    assert [e.msgid for e in merged.pending] == ["Первый.", "Второй."]


def test_machine_output_is_fuzzy_with_provenance() -> None:
    po = fresh("Казахстан.")
    catalog.set_machine(po[0], "Kazakhstan.", "argos ru→en, package translate-ru_en 1.0")
    assert po[0].flags == ["fuzzy"]
    assert po[0].comment == (
        "machine translation: argos ru→en, package translate-ru_en 1.0\n"
        "machine text: sha256:13103b0d14738b74"
    )
    assert catalog.fingerprint("Kazakhstan.") == "sha256:13103b0d14738b74"
    assert catalog.publishable(po[0]) == "Kazakhstan."


def test_broken_machine_output_is_kept_but_never_published() -> None:
    po = fresh("Текст [ссылка](u).")
    catalog.set_machine(po[0], "Text [link.", "pseudo", ["lost placeholder {2} ('](u)')"])
    assert po[0].flags == ["fuzzy", "markup-error"]
    assert po[0].comment.splitlines()[-1] == "markup problem: lost placeholder {2} ('](u)')"
    assert catalog.publishable(po[0]) is None


def test_reviewed_entries_are_never_overwritten() -> None:
    po = catalog.new(EN, "page.md")
    po.append(reviewed("Казахстан.", "Kazakhstan."))
    merged = catalog.merge(po, ["Казахстан."])
    assert merged.pending == []
    with pytest.raises(CatalogError):
        catalog.set_machine(po[0], "other", "pseudo")


def test_changed_source_makes_a_reviewed_unit_stale_and_keeps_the_review() -> None:
    po = catalog.new(EN, "page.md")
    po.append(reviewed("Казахстан полон решимости.", "Kazakhstan is determined."))
    merged = catalog.merge(po, ["Казахстан полон решимости защитить."])
    live = [e for e in po if not e.obsolete]
    old = [e for e in po if e.obsolete]
    assert [e.msgid for e in merged.stale] == ["Казахстан полон решимости защитить."]
    assert live[0].previous_msgid == "Казахстан полон решимости."
    assert catalog.state_of(live[0]) is State.STALE
    assert [(e.msgid, e.msgstr) for e in old] == [
        ("Казахстан полон решимости.", "Kazakhstan is determined.")
    ]
    assert '#~ msgstr "Kazakhstan is determined."' in catalog.serialize(po)
    assert '#| msgid "Казахстан полон решимости."' in catalog.serialize(po)


def test_a_source_that_comes_back_brings_its_review_back() -> None:
    po = catalog.new(EN, "page.md")
    po.append(reviewed("Первый.", "First."))
    catalog.merge(po, ["Совсем другой текст здесь."])
    catalog.merge(po, ["Первый."])
    assert [(e.msgid, e.msgstr, e.obsolete) for e in po] == [("Первый.", "First.", 0)]


def test_unrelated_replacement_is_not_stale_and_machine_units_are_dropped() -> None:
    po = catalog.new(EN, "page.md")
    po.append(reviewed("Мирные участники протестов.", "Peaceful protesters."))
    po.append(machine("Машинный.", "Machine."))
    merged = catalog.merge(po, ["Zzz qqq 12345."])
    assert merged.stale == []
    assert merged.obsoleted == ["Мирные участники протестов."]
    assert merged.dropped == ["Машинный."]


def test_save_is_atomic_and_only_when_bytes_change(tmp_path: Path) -> None:
    path = tmp_path / "en" / "page.po"
    po = fresh("Первый.")
    assert catalog.save(po, path) is True
    stamp = path.stat().st_mtime_ns
    assert catalog.save(catalog.load(path, EN), path) is False
    assert path.stat().st_mtime_ns == stamp
    assert [p.name for p in path.parent.iterdir()] == ["page.po"]  # no temp files left


def test_serialisation_is_stable_and_unwrapped(tmp_path: Path) -> None:
    long = "Очень длинный абзац " * 12
    po = fresh(long.strip())
    text = catalog.serialize(po)
    assert f'msgid "{long.strip()}"' in text
    path = tmp_path / "p.po"
    catalog.save(po, path)
    assert catalog.serialize(catalog.load(path, EN)) == text
    assert "POT-Creation-Date" not in text and "PO-Revision-Date" not in text


@pytest.mark.parametrize(
    ("content", "line", "message"),
    [
        ('msgid "a"\nmsgstr "b"\n\nmsgid "a"\nmsgstr "c"\n', 4, "duplicate entry"),
        ('msgid "a"\nmsgstr "b"\nbogus\n', 3, "PO syntax error: unknown keyword 'bogus'"),
        ('msgid "a"\nmsgstr "b"\n\nmsgstr "c"\n', 4, "msgstr without a msgid before it"),
    ],
)
def test_broken_catalogs_name_file_and_line(
    tmp_path: Path, content: str, line: int, message: str
) -> None:
    path = tmp_path / "broken.po"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CatalogError) as caught:
        catalog.load(path, EN)
    assert caught.value.line == line
    assert message in caught.value.message
    assert str(caught.value).startswith(f"{path}:{line}: ")


def test_catalog_in_the_wrong_language_folder(tmp_path: Path) -> None:
    path = tmp_path / "p.po"
    catalog.save(catalog.new(LANGUAGES["de"], "p.md"), path)
    with pytest.raises(CatalogError, match="declares Language: de, but its folder is en"):
        catalog.load(path, EN)


def test_invalid_utf8_catalog(tmp_path: Path) -> None:
    path = tmp_path / "p.po"
    path.write_bytes(b'msgid ""\nmsgstr ""\n\nmsgid "\xff"\nmsgstr ""\n')
    with pytest.raises(CatalogError, match="not valid UTF-8") as caught:
        catalog.load(path, EN)
    assert caught.value.line == 4
