"""Bad input gets a clear error naming file and line, and nothing else is lost."""

from __future__ import annotations

import polib

from tests.support.cli import Diptych
from tests.support.project import MakeProject


def test_invalid_utf8_page_is_reported_and_other_pages_proceed(
    make_project: MakeProject, diptych: Diptych
) -> None:
    root = make_project({"плохая.md": b"# \xd0\x97\n\n\xff\xfe broken\n", "хорошая.md": "Текст.\n"})
    code, _out, err = diptych(root, "translate", "--engine", "pseudo", "--to", "en")
    assert code == 1
    assert err == (
        "diptych: error: docs/плохая.md:3: not valid UTF-8 (byte 0xff at offset 6)\n"
        "  hint: save the file as UTF-8\n"
    )
    assert (root / "translations" / "en" / "хорошая.po").exists()
    assert not (root / "translations" / "en" / "плохая.po").exists()


def test_bom_is_accepted_and_kept_out_of_the_units(
    make_project: MakeProject, diptych: Diptych
) -> None:
    root = make_project({"бом.md": "\ufeff# Заголовок\n\nТекст.\n"})
    code, _, _ = diptych(root, "translate", "--engine", "pseudo", "--to", "en")
    assert code == 0
    po = polib.pofile(str(root / "translations" / "en" / "бом.po"))
    assert [e.msgid for e in po] == ["Заголовок", "Текст."]


def test_empty_page_is_skipped_with_a_warning(make_project: MakeProject, diptych: Diptych) -> None:
    root = make_project({"пустая.md": "", "код.md": "```\nx = 1\n```\n"})
    code, out, _ = diptych(root, "translate", "--engine", "pseudo", "--to", "en")
    assert code == 0
    assert "warning: docs/код.md: no text to translate; skipped" in out.splitlines()
    assert "warning: docs/пустая.md: no text to translate; skipped" in out.splitlines()
    assert list((root / "translations").rglob("*.po")) == []


def test_broken_front_matter_names_the_line(make_project: MakeProject, diptych: Diptych) -> None:
    root = make_project({"фм.md": "---\ntitle: Заголовок\ndate: [2022\n---\n\nТекст.\n"})
    code, _, err = diptych(root, "translate", "--engine", "pseudo", "--to", "en")
    assert code == 1
    first, hint = err.splitlines()
    assert first.startswith("diptych: error: docs/фм.md:3: broken front matter:")
    assert hint == "  hint: fix the YAML between the --- lines (quote values that contain ': ')"


def test_unknown_language_code_in_mkdocs_yml(make_project: MakeProject, diptych: Diptych) -> None:
    root = make_project({"а.md": "Текст.\n"}, targets=("en", "xx"))
    code, _, err = diptych(root, "translate", "--engine", "pseudo")
    assert code == 2
    assert err.splitlines() == [
        f"diptych: error: {root / 'mkdocs.yml'}:11: unknown language code 'xx'",
        "  hint: use an ISO 639-1 code that Argos Translate knows, e.g. en, de, zh, ar",
    ]


def test_no_model_for_a_pair_says_how_to_get_one(
    make_project: MakeProject, diptych: Diptych
) -> None:
    root = make_project({"а.md": "Текст.\n"}, targets=("en",))
    code, _, err = diptych(root, "translate")
    assert code == 1
    assert err.splitlines() == [
        "diptych: error: no Argos model for ru→en (nor via en); installed: none",
        "  hint: online: `diptych models install ru en`; offline: `diptych models add "
        "FILE.argosmodel` (or put the file into models/)",
    ]
    # The catalog still records what needs translating.
    po = polib.pofile(str(root / "translations" / "en" / "а.po"))
    assert [(e.msgid, e.msgstr) for e in po] == [("Текст.", "")]


def test_skip_missing_models_leaves_units_missing(
    make_project: MakeProject, diptych: Diptych
) -> None:
    root = make_project({"а.md": "Текст.\n"}, targets=("en",))
    code, out, _ = diptych(root, "translate", "--skip-missing-models")
    assert code == 0
    assert (
        "warning: en: no Argos model for ru→en (nor via en); installed: none; units left missing"
        in out
    )


def test_corrupt_catalog_names_file_and_line_and_touches_nothing_else(
    make_project: MakeProject, diptych: Diptych
) -> None:
    root = make_project({"а.md": "Текст А.\n", "б.md": "Текст Б.\n"}, targets=("en",))
    diptych(root, "translate", "--engine", "pseudo")
    broken = root / "translations" / "en" / "а.po"
    text = broken.read_text(encoding="utf-8").replace('msgstr "⟦', "msgstr ⟦", 1)
    broken.write_text(text, encoding="utf-8")
    (root / "docs" / "б.md").write_text("Текст Б, новый.\n", encoding="utf-8")
    code, _out, err = diptych(root, "translate", "--engine", "pseudo")
    assert code == 1
    line = next(n for n, row in enumerate(text.splitlines(), 1) if row.startswith("msgstr ⟦"))
    assert err.splitlines()[0] == (
        f"diptych: error: translations/en/а.po:{line}: broken catalog: PO syntax error: "
        "unterminated string: a closing double quote is missing"
    )
    assert broken.read_text(encoding="utf-8") == text  # left exactly as the person left it
    assert "Текст Б, новый." in (root / "translations" / "en" / "б.po").read_text(encoding="utf-8")


def test_unknown_publish_mode_in_mkdocs_yml(make_project: MakeProject, diptych: Diptych) -> None:
    """The publish workflow's delivery is one of two words; anything else stops every
    command at the line, before a run translates anything it could not deliver."""
    root = make_project({"а.md": "Текст.\n"})
    with (root / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write("extra:\n  diptych:\n    publish: push\n")
    code, _, err = diptych(root, "status")
    assert (code, err.splitlines()) == (
        2,
        [
            f"diptych: error: {root / 'mkdocs.yml'}:15: extra.diptych.publish is 'push'",
            "  hint: write `publish: commit` (machine translations go straight to the site) or "
            "`publish: pull-request` (one pull request collects them for review)",
        ],
    )
