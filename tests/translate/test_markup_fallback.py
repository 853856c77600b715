"""Markup that survives an uncooperative model (diptych.align, diptych.fallback).

Real CTranslate2 on the miniature packages, in float32 (exact outputs, see
test_argos_engine.py): the cooperative ru→en package transliterates, so its words align
one to one with the source's and every placement can be checked exactly; the en→de one
upper-cases, for the pivot.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import polib
import pytest

from diptych import align, fallback
from diptych.catalog import State
from diptych.config import load_project
from diptych.engines.argos import ArgosEngine, Decoding, PackageTranslator
from diptych.engines.interface import AligningTranslator, PivotTranslator
from diptych.judge import Judge
from diptych.page_catalog import PageCatalog
from diptych.pipeline import Report, translate
from diptych.protect import protect
from diptych.renderer import Renderer
from diptych.segment import Page, segment, segment_file
from diptych.sentences import split
from tests.support.project import MakeProject
from tests.support.repo import FIXTURE_MODELS

EXACT = Decoding(compute_type="float32")
# A sentence of the first statement (the models were trained on it) with one word marked.
MARKED = (
    "Министерство иностранных дел {1}полагает{2} в этой связи целесообразным отметить следующее."
)
NAIVE_OUTPUT = (
    "Ministerstvo inostrannykh del 1мощью всеlagaet 2 500 v etoy svyazi tselesoobraznym otmetit ло."
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
        breaks_before=(False, False, False, False),
        breaks_after=(False, False, False, False),
        kept=(False, False, False),
    )
    assert marked.required() == [False, True, True, True, False]
    assert marked.empty() == [False] * 5
    # No space is left before punctuation where a placeholder stood.
    assert align.Marked.of("Они хранятся в папке {1}. Исправить").plain == (
        "Они хранятся в папке. Исправить"
    )
    # Punctuation alone between two placeholders is kept out of the plain text (its
    # segment must stay empty), but not the sentence's final punctuation.
    marked = align.Marked.of("{1}«{2}Казахстан{3}»{4} и {5}Россия{6}.{7}")
    assert (marked.plain, marked.cuts) == ("Казахстан и Россия.", (0, 0, 9, 9, 12, 18, 19))
    assert marked.kept == (True, False, True, False, False, False)
    assert marked.empty() == [False, True, False, True, False, False, False, False]
    assert [marked.between(i) for i in (0, 2, 5)] == ["«", "»", ""]
    # A line break in a placeholder's markup parts the words either side.
    marked = align.Marked.of("Строка один{1}строка {2}два{3}и три.", {1: "  \n", 3: "**\n"})
    assert marked.plain == "Строка один строка два и три."
    assert marked.breaks_before == (True, False, False)
    assert marked.breaks_after == (True, False, True)


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
    # Two links side by side, the words between them lost by the model: one space
    # between the links, none inside them; a separator between them is the source's.
    marked = align.Marked.of("{1}Все заявления{2} {3}Состояние переводов{4}")
    found = align.Alignment.unaligned(marked.plain, "All statements")
    assert align.place(marked, found) == "{1}All{2} {3}statements{4}"
    marked = align.Marked.of("{1}Все заявления{2} · {3}Состояние переводов{4}")
    found = align.Alignment.unaligned(marked.plain, "All statements")
    assert align.place(marked, found) == "{1}All{2} · {3}statements{4}"
    # A line break in the markup takes the place of the space between the words.
    marked = align.Marked.of("Строка один{1}строка два.", {1: "  \n"})
    found = align.Alignment.unaligned(marked.plain, "Line one line two.")
    assert align.place(marked, found) == "Line one{1}line two."


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


def translated_site(
    make_project: MakeProject, *packages: Path, page: str = SITE_PAGE, extension: str = "footnotes"
) -> tuple[Path, Report]:
    """A site of ``page`` in English, translated with ``packages`` (float32) through the
    library entry point of `diptych translate`; the site's Markdown has ``extension``."""
    root = make_project({"page.md": page}, targets=("en",))
    (root / "mkdocs.yml").write_text(
        (root / "mkdocs.yml").read_text(encoding="utf-8")
        + f"markdown_extensions:\n  - {extension}\n",
        encoding="utf-8",
    )
    (root / "models").mkdir()
    for package in packages:
        shutil.copy(package, root / "models" / package.name)
    project = load_project(root)
    return root, translate(project, ArgosEngine(project.models_dir, project.state_dir, EXACT))


def test_a_cooperative_model_needs_no_fallback(make_project: MakeProject) -> None:
    root, report = translated_site(make_project, FIXTURE_MODELS / "translate-ru_en-test.argosmodel")
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


NAIVE = FIXTURE_MODELS / "naive" / "translate-ru_en-naive.argosmodel"
UNIT = "Министерство иностранных дел **полагает** в этой связи целесообразным отметить `следующее`."


def entry_of(root: Path, msgid: str) -> str:
    """The unit's entry exactly as the catalog file holds it."""
    text = (root / "translations" / "en" / "page.po").read_text(encoding="utf-8")
    [entry] = [block for block in text.split("\n\n") if f'\nmsgid "{msgid}"\n' in block]
    return entry


def published(root: Path, judged: bool = True) -> dict[str, tuple[State, str | None]]:
    """Each unit's state and the text a reader sees, as every tool derives them (the
    page joined with its catalog, and judged by the site's renderer)."""
    project = load_project(root)
    page = segment_file(root / "docs" / "page.md")
    joined = PageCatalog.open(
        page,
        "page.md",
        root / "translations" / "en" / "page.po",
        "page.po",
        project.target("en"),
        judge=Judge(Renderer.for_config_file(project.config_file)) if judged else None,
        source=project.source,
    )
    return {text: (r.state, r.text) for text, r in joined.records.items()}


def test_markup_the_naive_model_drops_is_placed_by_alignment(
    make_project: MakeProject, engine: ArgosEngine
) -> None:
    # What the naive package makes of the unit's masked sentence: placeholders gone.
    naive = ArgosEngine(NAIVE.parent, engine.state_dir, EXACT).translator("ru", "en")
    masked = "Министерство иностранных дел {1}полагает{2} в этой связи целесообразным отметить {3}."
    assert naive.translate([masked]) == [NAIVE_OUTPUT]
    root, report = translated_site(make_project, NAIVE)
    assert report.ok and report.languages["en"].flagged == 0
    assert entry_of(root, UNIT) == (
        "#. machine translation: argos ru→en, package translate-ru_en-naive 1.0; "
        "markup placed by alignment\n"
        "#. machine text: sha256:ac3ff936f66e5e19\n"
        "#. machine score: -0.865\n"
        "#, fuzzy\n"
        f'msgid "{UNIT}"\n'
        'msgstr "Ministerstvo inostrannykh del **polagaet** v etoy svyazi tselesoobraznym '
        'otmetit `следующее`."'
    )
    text = (
        "Ministerstvo inostrannykh del **polagaet** v etoy svyazi tselesoobraznym otmetit "
        "`следующее`."
    )
    assert published(root)[UNIT] == (State.MACHINE, text)


def test_markup_stays_withheld_where_the_fallback_cannot_pass_the_checks(
    make_project: MakeProject,
) -> None:
    # The site's renderer cannot be made: no candidate can be judged, none is published.
    root, report = translated_site(make_project, NAIVE, extension="no_such_extension")
    assert report.ok and report.languages["en"].flagged == 4
    # Stored as it was before there was a fallback: the engine's text, for the reviewer.
    assert entry_of(root, UNIT) == (
        "#. machine translation: argos ru→en, package translate-ru_en-naive 1.0\n"
        "#. machine text: sha256:d3eeef901a7e4037\n"
        "#. machine score: -0.865\n"
        "#. markup problem: lost placeholder {1} ('**')\n"
        "#. markup problem: lost placeholder {2} ('**')\n"
        "#. markup problem: lost placeholder {3} ('`следующее`')\n"
        "#, fuzzy, markup-error\n"
        f'msgid "{UNIT}"\n'
        f'msgstr "{NAIVE_OUTPUT}"'
    )
    assert published(root, judged=False)[UNIT] == (State.WITHHELD, None)


EVERY_KIND = """\
# Заявление **МИД** от `2022-01-08`

Нажмите <kbd>Ctrl</kbd> и [ссылку на заявление][мид], затем откройте `раздел «Заявления»` в меню.

Смотрите ![карта Казахстана](img/карта.png "Карта") и <https://example.org/путь> для \
подробностей[^1].

Министерство **[иностранных дел](../mid.md#раздел)** Республики Казахстан ~~полагает~~ \
*целесообразным* отметить следующее.

[мид]: https://example.org/мид?a=1&b=2

[^1]: Сноска со `значением`.
"""


def test_only_visible_text_is_translated(make_project: MakeProject) -> None:
    root, report = translated_site(make_project, NAIVE, page=EVERY_KIND)
    assert report.ok and report.languages["en"].flagged == 0
    shown = published(root)
    references = segment_file(root / "docs" / "page.md").references
    # Every unit is published, its markup runs (code spans, link and image targets and
    # titles, reference labels, autolinks, HTML, footnote references, emphasis) byte for
    # byte the source's, in the source's order, around transliterated words.
    runs = {}
    for source, (state, text) in shown.items():
        assert state is State.MACHINE and text is not None
        runs[source] = list(protect(text, references).markup.values())
    assert runs == {source: list(protect(source, references).markup.values()) for source in shown}
    assert [shown[s][1] for s in shown] == [
        "Zayavlenie **MID** ot `2022-01-08`",
        "Nazhmite <kbd>Ctrl</kbd> i [ssylku na zayavlenie][мид], zatem otkroyte "
        "`раздел «Заявления»` v menyu.",
        'Smotrite ![karta Kazakhstana](img/карта.png "Карта") i <https://example.org/путь> '
        "dlya podrobnostey[^1].",
        "Ministerstvo **[inostrannykh del](../mid.md#раздел)** Respubliki Kazakhstan "
        "~~polagaet~~ *tselesoobraznym* otmetit sleduyushchee.",
        "Snoska so `значением`.",
    ]
