"""The glossary in machine output, through the real `diptych translate` with the miniature
models: inflected Russian terms come out as the glossary's target, in English and in
German through the English pivot, and `diptych check` finds nothing against D303."""

from __future__ import annotations

from pathlib import Path

import polib

from diptych import catalog
from diptych.config import load_project
from diptych.engines.argos import ArgosEngine, Decoding
from diptych.languages import LANGUAGES
from diptych.pipeline import translate
from tests.support.cli import Diptych
from tests.support.project import MakeProject

EXACT = Decoding(compute_type="float32")  # the same words on every processor

EN = """source,target,note
ОДКБ,CSTO,
Организаци* Договора о коллективной безопасности,Collective Security Treaty Organization,
Казахстан,Kazakhstan,
Токаев,Tokayev,
Вооруженн* сил*,Armed Forces,
"""
DE = """source,target,note
ОДКБ,OVKS,
Казахстан,Kasachstan,
Токаев,Tokajew,
"""

PEACEKEEPERS = "Миротворцы ОДКБ-шных сил прибыли в Казахстан."
MEETING = "Руководство Организации Договора о коллективной безопасности встретилось с Токаевым."
FORCES = "Вооруженными силами страны руководит президент."
PAGE = f"{PEACEKEEPERS}\n\n{MEETING}\n\n{FORCES}\n"


def site_with_glossary(make_project: MakeProject, page: str, models: bool = True) -> Path:
    root = make_project({"page.md": page}, targets=("en", "de"), models=models)
    (root / "glossary").mkdir()
    (root / "glossary" / "ru-en.csv").write_text(EN, encoding="utf-8")
    (root / "glossary" / "ru-de.csv").write_text(DE, encoding="utf-8")
    return root


def catalog_of(root: Path, lang: str) -> dict[str, polib.POEntry]:
    return {e.msgid: e for e in polib.pofile(str(root / "translations" / lang / "page.po"))}


def test_inflected_terms_in_english_and_pivoted_german(
    make_project: MakeProject, diptych: Diptych
) -> None:
    """ОДКБ-шных, Организации Договора…, Токаевым, Вооруженными силами: the model (which
    transliterates) would write ODKB-shnykh, Organizatsii Dogovora…; each term is masked
    as a placeholder carrying the target and comes out as the glossary says, whole words
    replaced. German goes ru→en→de and gets the German targets (its glossary has no
    row for the treaty's name or the armed forces, which stay the model's). Then
    `diptych check` reports no D303 (which now looks at machine output). Fails without
    the masking (transliterations, and D303 warnings), or if the pivot's languages shared
    one target."""
    root = site_with_glossary(make_project, PAGE)
    project = load_project(root)
    report = translate(project, ArgosEngine(project.models_dir, project.state_dir, EXACT))
    assert report.ok, report.problems
    english, german = catalog_of(root, "en"), catalog_of(root, "de")
    assert {k: e.msgstr for k, e in english.items()} == {
        PEACEKEEPERS: "Mirotvortsy CSTO sil pribyli v Kazakhstan.",
        MEETING: "Rukovodstvo Collective Security Treaty Organization vstretilos s Tokayev.",
        FORCES: "Armed Forces strany rukovodit prezident.",
    }
    assert {k: e.msgstr for k, e in german.items()} == {
        PEACEKEEPERS: "MIROTVORTSY OVKS SIL PRIBY PLI V Kasachstan.",
        MEETING: "RUKOVODSTVO ORGANIZATSII DOGOVORA O KOLLEKTIVNOY BEZOPASNOSTI VSTRETITIS "
        "Tokajew S..",
        FORCES: "VOORUZHENNYEINYM SILAMI STRANY RUKOVODIT PREZIDENT.",
    }
    assert all(catalog.state_of(e) is catalog.State.MACHINE for e in english.values())
    code, out, _ = diptych(root, "check")
    assert code == 0
    assert out.splitlines() == [
        "translations/de/page.po:1: D402: warning: 3 machine-translated units await review",
        "translations/en/page.po:1: D402: warning: 3 machine-translated units await review",
    ]


def test_a_unit_that_is_only_terms_needs_no_model(
    make_project: MakeProject, diptych: Diptych
) -> None:
    """A heading that is one glossary term is the term's target, with the glossary as its
    provenance; no model is asked for (there is no models folder, and the run succeeds).
    Fails if such a unit went to the engine (exit 1: no model)."""
    root = site_with_glossary(make_project, "# ОДКБ\n\n## Казахстан\n", models=False)
    code, _, err = diptych(root, "translate")
    assert (code, err) == (0, "")
    for lang, shown, targets in (("en", "ru-en", ["CSTO", "Kazakhstan"]),
                                 ("de", "ru-de", ["OVKS", "Kasachstan"])):  # fmt: skip
        got = catalog_of(root, lang)
        assert [(e.msgstr, e.flags, e.comment.splitlines()) for e in got.values()] == [
            (
                target,
                ["fuzzy"],
                [
                    f"machine translation: glossary glossary/{shown}.csv",
                    f"machine text: {catalog.fingerprint(target)}",
                ],
            )
            for target in targets
        ]


def test_output_still_breaking_the_glossary_is_withheld(make_project: MakeProject) -> None:
    """A term that crosses markup (half of it in bold) cannot be masked; the output lacks
    the target, so the unit is withheld with D303's message as its problem, never
    published without the term. The other unit is unaffected. Fails without the check
    after restoring (the entry would be plain machine output)."""
    split = "Руководство Организации **Договора** о коллективной безопасности заявило."
    root = site_with_glossary(make_project, f"{split}\n\n{FORCES}\n")
    project = load_project(root)
    report = translate(
        project,
        ArgosEngine(project.models_dir, project.state_dir, EXACT),
        [LANGUAGES["en"]],
    )
    assert report.ok and report.languages["en"].flagged == 1
    english = catalog_of(root, "en")
    entry = english[split]
    assert catalog.state_of(entry) is catalog.State.WITHHELD
    assert catalog.problems_of(entry) == [
        "glossary (glossary/ru-en.csv:3): 'Организаци* Договора о коллективной безопасности' "
        "is translated as 'Collective Security Treaty Organization'"
    ]
    assert catalog.publishable(entry) is None
    assert catalog.state_of(english[FORCES]) is catalog.State.MACHINE


def test_a_reviewed_translation_is_left_to_its_reviewer(
    make_project: MakeProject, diptych: Diptych
) -> None:
    """A reviewed unit without the term keeps the reviewer's words (D303 is an error for
    them to fix); the run translates only what waits. Fails if enforcement touched
    entries that do not wait."""
    root = site_with_glossary(make_project, PAGE)
    po = catalog.new(LANGUAGES["en"], "page.md")
    po.append(polib.POEntry(msgid=PEACEKEEPERS, msgstr="ODKB peacekeepers came to Kazakhstan."))
    catalog.save(po, root / "translations" / "en" / "page.po")
    assert diptych(root, "translate", "--to", "en")[0] == 0
    entry = catalog_of(root, "en")[PEACEKEEPERS]
    assert (entry.msgstr, entry.flags) == ("ODKB peacekeepers came to Kazakhstan.", [])
    code, out, _ = diptych(root, "check", "translations/en/page.po")
    assert code == 1
    assert [line.split(": ", 1)[1] for line in out.splitlines() if "D303" in line] == [
        "D303: glossary (glossary/ru-en.csv:2): 'ОДКБ' is translated as 'CSTO'"
    ]
