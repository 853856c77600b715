"""Nothing to translate, nothing sent: a unit with no letter of the source language (a
path, a product name, a number, an include directive) is copied, not translated, and no
tool asks anyone to review it.

Everything runs through the real command line (``diptych translate``, ``status``,
``check``, ``review``) on mini sites; a person's edit is made the way Poedit makes it.
"""

from __future__ import annotations

import json
from pathlib import Path

import polib
import pytest

from diptych import catalog
from diptych.languages import LANGUAGES
from tests.support.cli import Diptych
from tests.support.project import MakeProject

INCLUDE = "{* ../src/app.py hl[3] *}"
# Units with no Russian letter outside markup, and one Russian paragraph.
PAGE = f"""\
# Python 3.12

Русский абзац.

{INCLUDE}

`код` 2022

GitHub Actions
"""
COPIED = [INCLUDE, "Python 3.12", "`код` 2022", "GitHub Actions"]
NOTE = "copied: nothing to translate: no Russian letters outside markup"


def entries(root: Path, lang: str = "en", page: str = "стр.po") -> dict[str, polib.POEntry]:
    path = root / "translations" / lang / page
    return {e.msgid: e for e in polib.pofile(str(path), wrapwidth=0) if not e.obsolete}


def status(root: Path, diptych: Diptych, lang: str = "en") -> dict[str, int]:
    code, out, _ = diptych(root, "status", "--json")
    assert code == 0
    counts: dict[str, int] = json.loads(out)["languages"][lang]["total"]
    return {state: n for state, n in counts.items() if n}


def test_copied_without_a_model(make_project: MakeProject, diptych: Diptych) -> None:
    """With no Argos model installed at all, a page whose units have nothing to translate
    is complete after a run: nothing was sent to a model (there is none to send to). The
    copies are the sources, not fuzzy, with the note; status counts them copied. Fails if
    such units are sent to the engine (no model: exit 1), stored as machine output (fuzzy,
    counted machine), or if the test for letters looks at any letter (Latin ones are sent)."""
    root = make_project({"стр.md": "\n\n".join(COPIED) + "\n"}, targets=("en",))
    code, _, err = diptych(root, "translate", "-q")
    assert (code, err) == (0, "")
    found = entries(root)
    assert {k: (e.msgstr, e.flags, e.comment) for k, e in found.items()} == {
        text: (text, [], NOTE) for text in COPIED
    }
    assert status(root, diptych) == {"copied": 4}


def test_a_real_run_copies_and_translates(make_project: MakeProject, diptych: Diptych) -> None:
    """The Argos engine translates the Russian paragraph only (one unit, one sentence, in
    English and through the English pivot in German); the rest is copied in both languages.
    ``check`` counts one machine unit to review, ``review`` lists only it, status agrees."""
    root = make_project({"стр.md": PAGE}, targets=("en", "de"), models=True)
    code, out, err = diptych(root, "translate", "-q")
    assert (code, err) == (0, "")
    assert [line.split(" translated")[0] for line in out.splitlines()[:2]] == [
        "en: 1 units (1 sentences)",
        "de: 1 units (1 sentences)",
    ]
    for lang in ("en", "de"):
        found = entries(root, lang)
        assert {k: (e.msgstr, e.flags, e.comment) for k, e in found.items() if k in COPIED} == {
            text: (text, [], NOTE) for text in COPIED
        }
        assert catalog.state_of(found["Русский абзац."]) is catalog.State.MACHINE
        assert status(root, diptych, lang) == {"copied": 4, "machine": 1}
    code, out, _ = diptych(root, "check", "translations/en/стр.po")
    assert [line.split(": ", 1)[1] for line in out.splitlines()] == [
        "D402: warning: 1 machine-translated unit awaits review"
    ]
    code, out, _ = diptych(root, "review", "translations/en/стр.po")
    assert [line for line in out.splitlines() if not line.startswith(" ")] == [
        f"translations/en/стр.po:{_line(root, 'Русский абзац.')}: machine, model score "
        f"{catalog.score_of(entries(root)['Русский абзац.']):.3f}"
    ]


def _line(root: Path, msgid: str) -> int:
    text = (root / "translations" / "en" / "стр.po").read_text(encoding="utf-8")
    return text.splitlines().index(f'msgid "{msgid}"') + 1


def test_pseudo_localisation_leaves_copies_alone(
    make_project: MakeProject, diptych: Diptych
) -> None:
    """``--engine pseudo`` accents and pads the Russian paragraph, but an include directive
    comes out as it went in: before, it became ``⟦{* ../šŕç/åpp.py hl[3] *} ·······⟧``,
    which the build then withheld."""
    root = make_project({"стр.md": PAGE}, targets=("en",))
    assert diptych(root, "translate", "--engine", "pseudo", "-q")[0] == 0
    found = entries(root)
    assert {k: e.msgstr for k, e in found.items()} == {
        **{text: text for text in COPIED},
        "Русский абзац.": "⟦Рӯссќӣй ӓбӟӓц. ·····⟧",
    }
    assert status(root, diptych) == {"copied": 4, "missing": 1}  # pseudo text counts missing


@pytest.mark.parametrize("refresh", [False, True])
def test_a_persons_edit_of_a_copy_is_kept(
    make_project: MakeProject, diptych: Diptych, refresh: bool
) -> None:
    """A reviewer who writes a translation for a copied unit (Poedit: new text, no fuzzy)
    owns it: it is reviewed for every tool, and no run, not even ``--refresh``, puts the
    copy back. When the page then changes that unit, the person's text is kept as an
    obsolete entry, as any reviewed text. Fails if copies count as a person's words while
    untouched (they would be kept obsolete too), or if a changed copy reads as copied."""
    root = make_project({"стр.md": PAGE}, targets=("en",))
    assert diptych(root, "translate", "--engine", "pseudo", "-q")[0] == 0
    path = root / "translations" / "en" / "стр.po"
    po = polib.pofile(str(path), wrapwidth=0)
    po.find("GitHub Actions").msgstr = "GitHub Actions (continuous integration)"
    po.save(str(path))
    args = ["translate", "--engine", "pseudo", "-q", *(["--refresh"] if refresh else [])]
    assert diptych(root, *args)[0] == 0
    edited = entries(root)["GitHub Actions"]
    assert (edited.msgstr, edited.flags) == ("GitHub Actions (continuous integration)", [])
    assert status(root, diptych) == {"copied": 3, "reviewed": 1, "missing": 1}

    page = root / "docs" / "стр.md"
    page.write_text(
        PAGE.replace("GitHub Actions", "GitLab CI").replace(INCLUDE, "{* app.py *}"), "utf-8"
    )
    assert diptych(root, "translate", "--engine", "pseudo", "-q")[0] == 0
    po = polib.pofile(str(path), wrapwidth=0)
    assert [(e.msgid, e.msgstr) for e in po if e.obsolete] == [
        ("GitHub Actions", "GitHub Actions (continuous integration)")
    ]
    found = entries(root)
    assert (found["GitLab CI"].msgstr, found["{* app.py *}"].msgstr) == (
        "GitLab CI",
        "{* app.py *}",
    )
    assert status(root, diptych) == {"copied": 4, "missing": 1}


def test_marking_a_copy_reviewed_makes_it_a_persons(
    make_project: MakeProject, diptych: Diptych
) -> None:
    """``diptych review CATALOG:LINE`` on a copied unit: the reviewer vouches for it, so it
    becomes reviewed (the note goes). Fails if the note stays: it would still read copied."""
    root = make_project({"стр.md": PAGE}, targets=("en",))
    assert diptych(root, "translate", "--engine", "pseudo", "-q")[0] == 0
    where = f"translations/en/стр.po:{_line(root, 'Python 3.12')}"
    code, out, _ = diptych(root, "review", where)
    assert (code, out) == (0, f"{where}: reviewed (was copied)\n")
    entry = entries(root)["Python 3.12"]
    assert (entry.msgstr, entry.flags, entry.comment) == ("Python 3.12", [], "")
    assert status(root, diptych) == {"copied": 3, "reviewed": 1, "missing": 1}


def test_copies_stored_by_older_runs_read_as_copied(
    make_project: MakeProject, diptych: Diptych
) -> None:
    """Before copies had a state of their own, a run stored a unit with no letters as
    machine output ("nothing to translate: the unit is markup, numbers or names only").
    Such a catalog reads as copied in every tool at once; ``--refresh`` rewrites the entry
    in today's form, and a person's edit of the old form is theirs (edited)."""
    root = make_project({"стр.md": "`код` 2022\n\nGitHub Actions\n"}, targets=("en",))
    po = catalog.new(LANGUAGES["en"], "стр.md")
    catalog.merge(po, ["`код` 2022", "GitHub Actions"])
    old = "nothing to translate: the unit is markup, numbers or names only"
    for entry in po:
        catalog.set_machine(entry, entry.msgid, old)
    po.find("GitHub Actions").msgstr = "GitHub-Actions"  # a person's fix, fuzzy left on
    path = root / "translations" / "en" / "стр.po"
    catalog.save(po, path)
    assert status(root, diptych) == {"copied": 1, "edited": 1}
    _, out, _ = diptych(root, "check", "translations/en/стр.po")
    assert [line.split(": ")[1] for line in out.splitlines()] == ["D405"]

    assert diptych(root, "translate", "--refresh", "-q")[0] == 0
    found = entries(root)
    assert (found["`код` 2022"].flags, found["`код` 2022"].comment) == ([], NOTE)
    assert found["GitHub Actions"].msgstr == "GitHub-Actions"
    assert status(root, diptych) == {"copied": 1, "edited": 1}


@pytest.mark.parametrize(
    ("code", "text", "letters"),
    [
        ("ru", INCLUDE, False),
        ("ru", "Python 3.12, C++ и Go", True),  # one Russian word is enough
        ("ru", "**Python** 3.12", False),
        ("ru", "Ёлка", True),
        ("ru", "\u0483", False),  # a Cyrillic combining mark is no letter
        ("en", "2022", False),
        ("en", "Привет", False),
        ("en", "Hello", True),
        ("ar", "العربية", True),
        ("zh", "中文", True),
        ("ja", "カタカナ", True),
    ],
)
def test_letters_of_the_source_language(code: str, text: str, letters: bool) -> None:
    assert LANGUAGES[code].has_letters(text) is letters
