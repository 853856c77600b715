"""Markup that survives an uncooperative model (diptych.align, diptych.fallback).

Real CTranslate2 on the miniature packages, in float32 (exact outputs, see
test_argos_engine.py): the cooperative ru→en package transliterates, so its words align
one to one with the source's and every placement can be checked exactly; the en→de one
upper-cases, for the pivot.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import polib
import pytest
from translatefixtures import FIXTURE_MODELS

from diptych import align, fallback
from diptych.argos import ArgosEngine, Decoding, PackageTranslator
from diptych.config import load_project
from diptych.engine import AligningTranslator, PivotTranslator
from diptych.pipeline import Report, translate
from diptych.protect import protect
from diptych.segment import Page, segment
from diptych.sentences import split

Site = Callable[..., Path]
EXACT = Decoding(compute_type="float32")
# A sentence of the first statement (the models were trained on it) with one word marked.
MARKED = (
    "Министерство иностранных дел {1}полагает{2} в этой связи целесообразным отметить следующее."
)
POSITION_ONLY = align.Weights(attention=0.0, position=1.0, anchors=0.0)


@pytest.fixture
def engine(tmp_path: Path) -> ArgosEngine:
    return ArgosEngine(FIXTURE_MODELS, tmp_path / ".diptych", EXACT)


@pytest.fixture
def english(engine: ArgosEngine) -> PackageTranslator:
    translator = engine.translator("ru", "en")
    assert isinstance(translator, PackageTranslator)
    return translator


def test_a_masked_sentence_taken_apart() -> None:
    marked = align.Marked.of("Используйте {1} для перевода {2}всех{3} страниц{4}.")
    assert marked == align.Marked(
        masked="Используйте {1} для перевода {2}всех{3} страниц{4}.",
        plain="Используйте для перевода всех страниц.",
        numbers=(1, 2, 3, 4),
        cuts=(12, 25, 29, 37),
        space_before=(True, True, False, False),
        space_after=(True, False, True, False),
    )
    assert marked.required() == [False, True, True, True, False]


def test_a_lone_space_piece_stands_for_the_word_it_starts() -> None:
    # SentencePiece splits "Республики" as "▁" + "Республики": attention on the "▁"
    # piece is attention on the word.
    pieces = ["▁", "Республики", "▁К", "азахстан", "</s>"]
    assert align.locate("Республики Казахстан", [align.surface(p) for p in pieces]) == (
        (0, 10),
        (0, 10),
        (11, 12),
        (12, 20),
        None,
    )


@pytest.mark.parametrize(
    ("translation", "lost"),
    [
        ("Trebovaniya {1}polnostyu udovletvoreny{2}.", False),
        ("Trebovaniya { 1 }polnostyu udovletvoreny{2} .", False),  # damaged, spaced freely
        ("Trebovaniya polnostyu udovletvoreny{2}.", True),  # one lost
        ("Trebovaniya {2}polnostyu udovletvoreny{1}.", True),  # out of order
        ("Trebovaniya {1} polnostyu udovletvoreny{2}.", True),  # detached from its word
        ("Trebovaniya {1}polnostyu udovletvoreny {2}.", True),
    ],
)
def test_which_sentences_lost_their_markup(translation: str, lost: bool) -> None:
    assert fallback.lost("Требования {1}полностью удовлетворены{2}.", translation) is lost


def test_placeholders_keep_the_sources_spacing() -> None:
    # No attention (the texts alone): the position prior places, and each placeholder
    # keeps the source's spacing: an opening one before its word, a closing one after
    # it and before punctuation, inside brackets where the source had it there.
    marked = align.Marked.of("{1}Важно:{2} это {3}предложение{4}, а не ({5}шутка{6}).")
    found = align.Alignment.unaligned(marked.plain, "Important: this is a sentence, not (a joke).")
    assert align.place(marked, found) == (
        "{1}Important:{2} this {3}is a sentence{4}, not ({5}a joke{6})."
    )


def test_markup_goes_where_the_models_attention_points(english: PackageTranslator) -> None:
    marked = align.Marked.of(MARKED)
    [found] = english.translate_aligned([marked.plain])
    assert found.target == (
        "Ministerstvo inostrannykh del polagaet v etoy svyazi tselesoobraznym otmetit "
        "sleduyushchee."
    )
    assert align.place(marked, found) == (
        "Ministerstvo inostrannykh del {1}polagaet{2} v etoy svyazi tselesoobraznym otmetit "
        "sleduyushchee."
    )
    # Position alone puts the closing marker a word late: the attention decides.
    assert align.place(marked, found, POSITION_ONLY) == (
        "Ministerstvo inostrannykh del {1}polagaet v{2} etoy svyazi tselesoobraznym otmetit "
        "sleduyushchee."
    )


def test_attention_passes_through_the_pivot(engine: ArgosEngine) -> None:
    german = engine.translator("ru", "de")
    assert isinstance(german, PivotTranslator) and isinstance(german, AligningTranslator)
    marked = align.Marked.of(MARKED)
    [found] = german.translate_aligned([marked.plain])
    assert align.place(marked, found) == (
        "MINISTERSTVO INOSTRANNYKH DEL {1}POLAGAET{2} V ETOY SVYAZI TSELESOOBRAZNYM OTMETIT "
        "SLEDUYUSHCHEE."
    )
    assert align.place(marked, found, POSITION_ONLY) == (
        "MINISTERSTVO INOSTRANNYKH DEL {1}POLAGAET V{2} ETOY SVYAZI TSELESOOBRAZNYM OTMETIT "
        "SLEDUYUSHCHEE."
    )


PAGE = """\
Министерство иностранных дел **полагает** в этой связи целесообразным отметить `следующее`.

Особо важно, что [мирные участники протестов](https://example.org/a?b=1) не подвергаются \
никаким преследованиям[^1]. Требования митингующих **полностью удовлетворены**.

[^1]: Сноска.
"""
# What a model that drops placeholders returns for the masked sentences of PAGE (the
# third sentence kept its placeholders, in order, on words of its own choosing).
DROPPED = {
    "Министерство иностранных дел {1}полагает{2} в этой связи целесообразным отметить {3}.": (
        "Ministerstvo inostrannykh del polagaet v etoy svyazi tselesoobraznym otmetit."
    ),
    "Особо важно, что {1}мирные участники протестов{2} не подвергаются никаким "
    "преследованиям{3}.": (
        "Osobo vazhno, chto mirnye uchastniki protestov ne podvergayutsya nikakim presledovaniyam."
    ),
    "Требования митингующих {4}полностью удовлетворены{5}.": (
        "Trebovaniya {4}mitinguyushchikh{5} polnostyu udovletvoreny."
    ),
}


def failed_units(root: Path) -> tuple[Page, list[fallback.Failed]]:
    (root / "docs").mkdir(parents=True)
    (root / "mkdocs.yml").write_text(
        "site_name: Test\nmarkdown_extensions:\n  - footnotes\n", encoding="utf-8"
    )
    page = segment(PAGE, root / "docs" / "page.md")
    units = []
    for unit in page.units:
        protected = protect(unit.text, page.references)
        if protected.markup:
            units.append(fallback.Failed(unit.text, protected, split(protected.masked, "ru"), page))
    assert set(DROPPED) == {s for u in units for s in u.split.sentences}
    return page, units


def test_lost_markup_is_put_back_by_alignment(english: PackageTranslator, tmp_path: Path) -> None:
    _, units = failed_units(tmp_path)
    check = fallback.Checks(tmp_path / "mkdocs.yml").for_language("en")
    assert fallback.rescue(units, DROPPED, english, check) == [
        fallback.Rescued(
            "Ministerstvo inostrannykh del **polagaet** v etoy svyazi tselesoobraznym otmetit "
            "`следующее`.",
            "markup placed by alignment",
        ),
        # The link target and the footnote reference are the source's; the sentence whose
        # placeholders came back in order keeps the engine's placement.
        fallback.Rescued(
            "Osobo vazhno, chto [mirnye uchastniki protestov](https://example.org/a?b=1) ne "
            "podvergayutsya nikakim presledovaniyam[^1]. Trebovaniya **mitinguyushchikh** "
            "polnostyu udovletvoreny.",
            "markup placed by alignment",
        ),
    ]


def test_marked_spans_translated_on_their_own(english: PackageTranslator, tmp_path: Path) -> None:
    _, units = failed_units(tmp_path)
    check = fallback.Checks(tmp_path / "mkdocs.yml").for_language("en")
    found = fallback.rescue(units, DROPPED, english, check, steps=(fallback.Step.SPANS,))
    assert found == [
        fallback.Rescued(
            "Ministerstvo inostrannykh del **polagaet** v etoy svyazi tselesoobraznym otmetit "
            "`следующее`.",
            "markup placed by alignment (marked spans translated on their own)",
        ),
        fallback.Rescued(
            "Osobo vazhno, chto [mirnye uchastniki protestov](https://example.org/a?b=1) ne "
            "podvergayutsya nikakim presledovaniyam[^1]. Trebovaniya mitinguyushchikh "
            "**polnostyu udovletvoreny**.",
            "markup placed by alignment (marked spans translated on their own)",
        ),
    ]


def test_nothing_is_published_that_cannot_be_judged(
    english: PackageTranslator, tmp_path: Path
) -> None:
    _, units = failed_units(tmp_path)
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Test\nmarkdown_extensions:\n  - no_such_extension\n", encoding="utf-8"
    )
    check = fallback.Checks(tmp_path / "mkdocs.yml").for_language("en")
    assert fallback.rescue(units, DROPPED, english, check) == [None, None]


SITE_PAGE = """\
# Заявление **МИД**

Министерство иностранных дел **полагает** в этой связи целесообразным отметить `следующее`.

Особо важно, что [мирные участники протестов](https://example.org/a?b=1) не подвергаются \
никаким преследованиям[^1]. Требования митингующих **полностью удовлетворены**.

Казахстан *полон решимости* защитить демократию и Конституцию от исламистских радикалов и \
террористов!

[^1]: Сноска.
"""


def translated_site(make_site: Site, *packages: Path) -> tuple[Path, Report]:
    """The site of SITE_PAGE in English, translated with ``packages`` (float32) through
    the library entry point of `diptych translate`."""
    root = make_site({"page.md": SITE_PAGE}, languages=("en",))
    (root / "mkdocs.yml").write_text(
        (root / "mkdocs.yml").read_text(encoding="utf-8") + "markdown_extensions:\n  - footnotes\n",
        encoding="utf-8",
    )
    (root / "models").mkdir()
    for package in packages:
        shutil.copy(package, root / "models" / package.name)
    project = load_project(root)
    return root, translate(project, ArgosEngine(project.models_dir, project.state_dir, EXACT))


def test_a_cooperative_model_needs_no_fallback(make_site: Site) -> None:
    root, report = translated_site(make_site, FIXTURE_MODELS / "translate-ru_en-test.argosmodel")
    assert report.ok and report.languages["en"].flagged == 0
    entries = polib.pofile(str(root / "translations" / "en" / "page.po"))
    # Every placeholder came back: nothing is decoded again, nothing placed by alignment.
    assert [(e.msgstr, e.flags, e.comment.splitlines()[0]) for e in entries] == [
        (text, ["fuzzy"], "machine translation: argos ru→en, package translate-ru_en-test 1.0")
        for text in (
            "Zayavlenie **MID**",
            "Ministerstvo inostrannykh del **polagaet** v etoy svyazi tselesoobraznym otmetit "
            "`следующее`.",
            "Osobo vazhno, chto [mirnye uchastniki protestov](https://example.org/a?b=1) ne "
            "podvergayutsya nikakim presledovaniyam[^1]. Trebovaniya mitinguyushchikh "
            "**polnostyu udovletvoreny**.",
            "Kazakhstan *polon reshimosti* zashchitit demokratiyu i Konstitutsiyu ot "
            "islamistskikh radikalov i terroristov!",
            "Snoska.",
        )
    ]
