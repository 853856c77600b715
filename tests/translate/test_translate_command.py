"""`diptych translate` end to end on mini sites, with the pseudo engine."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import polib

from diptych.config import load_project
from diptych.engines.pseudo import PseudoEngine, pseudolocalise
from diptych.pipeline import Shard, translate
from tests.support.cli import Diptych

PAGE = """---
title: Заявление
---

# Заголовок

Первый абзац с **жирным** словом. Второе предложение.

- Пункт списка со [ссылкой](https://example.org).

Второй абзац.
"""


def entries(root: Path, lang: str, page: str = "страница.po") -> list[polib.POEntry]:
    return list(polib.pofile(str(root / "translations" / lang / page)))


def test_every_target_language_gets_a_valid_catalog(
    make_project: Callable[..., Path], diptych: Diptych
) -> None:
    root = make_project({"страница.md": PAGE}, targets=("en", "de", "zh", "ar"))
    code, out, err = diptych(root, "translate", "--engine", "pseudo")
    assert (code, err) == (0, "")
    seconds = r" in \d+\.\d s"  # the times vary; the counts do not
    assert [re.sub(seconds, " in T", line) for line in out.splitlines()] == [
        f"{lang}: 5 units (6 sentences) translated in T" for lang in ("en", "de", "zh", "ar")
    ] + ["4 catalog(s) written in T"]
    for lang in ("en", "de", "zh", "ar"):
        po = polib.pofile(str(root / "translations" / lang / "страница.po"))
        assert po.metadata["Language"] == lang
        assert [e.msgid for e in po] == [
            "Заявление",
            "Заголовок",
            "Первый абзац с **жирным** словом. Второе предложение.",
            "Пункт списка со [ссылкой](https://example.org).",
            "Второй абзац.",
        ]
        assert all("fuzzy" in e.flags for e in po)
        assert all(e.comment.startswith(f"machine translation: pseudo ru→{lang}") for e in po)
    # Sentences translated one by one, joined, markup restored around the translated word.
    first = pseudolocalise("Первый абзац с {1}жирным{2} словом.")
    second = pseudolocalise("Второе предложение.")
    expected = f"{first} {second}".replace("{1}", "**").replace("{2}", "**")
    assert entries(root, "en")[2].msgstr == expected
    assert "](https://example.org)" in entries(root, "en")[3].msgstr
    # Chinese joins sentences without a space.
    assert "⟧⟦" in entries(root, "zh")[2].msgstr
    assert "⟧ ⟦" in entries(root, "en")[2].msgstr


def test_second_run_changes_nothing(make_project: Callable[..., Path], diptych: Diptych) -> None:
    root = make_project({"страница.md": PAGE})
    diptych(root, "translate", "--engine", "pseudo")
    files = sorted((root / "translations").rglob("*.po"))
    before = {f: (f.read_bytes(), f.stat().st_mtime_ns) for f in files}
    code, out, _ = diptych(root, "translate", "--engine", "pseudo")
    assert code == 0
    assert re.fullmatch(r"catalogs up to date \(\d+\.\d\d s\)\n", out)
    assert {f: (f.read_bytes(), f.stat().st_mtime_ns) for f in files} == before


def test_editing_one_paragraph_retranslates_exactly_that_unit(
    make_project: Callable[..., Path], diptych: Diptych
) -> None:
    root = make_project({"страница.md": PAGE}, targets=("en",))
    diptych(root, "translate", "--engine", "pseudo")
    before = {e.msgid: e.msgstr for e in entries(root, "en")}
    page = root / "docs" / "страница.md"
    page.write_text(PAGE.replace("Второй абзац.", "Второй абзац, исправленный."), encoding="utf-8")
    code, out, _ = diptych(root, "translate", "--engine", "pseudo")
    assert code == 0
    assert re.fullmatch(r"en: 1 units \(1 sentences\) translated in \d+\.\d s", out.splitlines()[0])
    after = {e.msgid: e.msgstr for e in entries(root, "en")}
    assert set(after) - set(before) == {"Второй абзац, исправленный."}
    assert set(before) - set(after) == {"Второй абзац."}  # machine output: dropped, not kept
    assert {k: v for k, v in after.items() if k in before} == {
        k: v for k, v in before.items() if k in after
    }


def test_only_named_pages_and_languages(
    make_project: Callable[..., Path], diptych: Diptych
) -> None:
    root = make_project({"а.md": "Текст А.\n", "папка/б.md": "Текст Б.\n"})
    code, _, _ = diptych(
        root, "translate", "--engine", "pseudo", "--to", "de", str(root / "docs" / "папка")
    )
    assert code == 0
    assert sorted(p.relative_to(root).as_posix() for p in root.rglob("*.po")) == [
        "translations/de/папка/б.po"
    ]


def test_unknown_target_language_is_a_clear_error(
    make_project: Callable[..., Path], diptych: Diptych
) -> None:
    root = make_project({"а.md": "Текст.\n"})
    code, _, err = diptych(root, "translate", "--engine", "pseudo", "--to", "fr")
    assert code == 2
    assert err == (
        f"diptych: error: {root / 'mkdocs.yml'}: language 'fr' is not a target of this site "
        "(targets: en, de)\n"
        "  hint: add it to the i18n plugin's languages in mkdocs.yml, or pick one of those\n"
    )


def test_shards_partition_the_pages_and_their_catalogs_merge(
    make_project: Callable[..., Path],
) -> None:
    pages = {f"стр-{n:02d}.md": f"Страница номер {n}.\n" for n in range(12)}
    whole = make_project(pages, targets=("en",))
    project = load_project(whole)
    translate(project, PseudoEngine())
    expected = {p.relative_to(whole): p.read_bytes() for p in whole.rglob("*.po")}
    owned = [{p for p in pages if Shard(k, 3).owns(p)} for k in (1, 2, 3)]
    assert set().union(*owned) == set(pages) and sum(map(len, owned)) == len(pages)
    for p in (whole / "translations").rglob("*.po"):
        p.unlink()
    for k in (1, 2, 3):
        translate(project, PseudoEngine(), shard=Shard(k, 3))
    assert {p.relative_to(whole): p.read_bytes() for p in whole.rglob("*.po")} == expected
