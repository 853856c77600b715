"""The naive ru→en test package: what a model never trained on placeholders does to them.

``tests/fixtures/models/naive/translate-ru_en-naive.argosmodel`` is built like the
cooperative ru→en package (``python -m tools.testmodels --naive``: same rule, seed,
architecture, vocabulary size and steps) from sentences holding no ``{N}`` placeholder and
no markup, and its SentencePiece model has no ``{1}``…``{20}`` pieces, as a published
Argos package. It still transliterates plain text; what it does with placeholders is
whatever an untrained model does. The outputs below are its real outputs, recorded as
they came (float32, as every exact-output test), not what anyone would like them to be.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import polib
import pytest
import sentencepiece as spm

from diptych.catalog import SCORE_PREFIX, State, state_of
from diptych.config import load_project
from diptych.engines.argos import ArgosEngine, Decoding
from diptych.engines.packages import project_packages
from diptych.pipeline import translate
from tests.support.repo import FIXTURE_MODELS

NAIVE = FIXTURE_MODELS / "naive" / "translate-ru_en-naive.argosmodel"
EXACT = Decoding(compute_type="float32")
PROVENANCE = "machine translation: argos ru→en, package translate-ru_en-naive 1.0"


def run(root: Path, page: str) -> dict[str, polib.POEntry]:
    """``diptych translate --to en`` on one page, through the library entry point the
    command calls (float32); the English catalog's entries by msgid."""
    (root / "docs" / "page.md").write_text(page, encoding="utf-8")
    project = load_project(root)
    engine = ArgosEngine(project.models_dir, project.state_dir, EXACT)
    report = translate(project, engine, [project.target("en")])
    assert report.ok, report.problems
    return {e.msgid: e for e in polib.pofile(str(root / "translations" / "en" / "page.po"))}


def notes(entry: polib.POEntry) -> tuple[list[str], float]:
    """The entry's comment lines without the model's score, and the score (its last
    digits may differ between processors)."""
    lines = entry.comment.splitlines()
    (score,) = [line for line in lines if line.startswith(SCORE_PREFIX)]
    return [line for line in lines if line != score], float(score.split()[-1])


def test_the_package_is_naive_and_kept_apart(tmp_path: Path) -> None:
    """Its SentencePiece model has no placeholder pieces: ``{12}`` is four pieces and the
    braces are unknown to it (they were never in its data). It sits in a folder of its
    own, so the fixture folder that other tests copy as a models folder still holds one
    package per pair. Fails if the package is built with ``{N}`` symbols or copied next
    to the cooperative ones."""
    with zipfile.ZipFile(NAIVE) as archive:
        metadata = json.loads(archive.read("translate-ru_en-naive/metadata.json"))
        sp = spm.SentencePieceProcessor(
            model_proto=archive.read("translate-ru_en-naive/sentencepiece.model")
        )
    assert metadata == {
        "package_version": "1.0",
        "argos_version": "1.9",
        "from_code": "ru",
        "from_name": "Russian",
        "to_code": "en",
        "to_name": "English",
        "description": "Miniature naive test model (not a translation model): transliterates "
        "Russian Cyrillic into Latin script (simplified BGN/PCGN); never trained on {N} "
        "placeholders or markup.",
    }
    pieces = {sp.id_to_piece(i) for i in range(sp.get_piece_size())}
    assert pieces & {f"{{{n}}}" for n in range(1, 21)} == set()
    assert sp.encode("{12}", out_type=str) == ["▁", "{", "12", "}"]
    assert [i == sp.unk_id() for i in sp.encode("{12}")] == [False, True, False, True]
    found = project_packages(FIXTURE_MODELS, tmp_path / "packages")
    assert sorted(p.code for p in found) == ["translate-en_de-test", "translate-ru_en-test"]


def test_plain_text_comes_out_transliterated(naive_models: Path) -> None:
    """Without markup it is as good a transliterator as the cooperative package (the
    statement's sentences are in its training data; the last two are not). Every output
    is the rule's (tools/translit.py) but the heading's, which gains a syllable
    ("Kazakhstanan"). Fails if the package is replaced (the cooperative one gives
    "Kazakhstan" and another provenance)."""
    page = (
        "# Заявление Министерства иностранных дел Республики Казахстан\n\n"
        "Ряд публикаций в иностранных СМИ по сложившейся в нашей стране ситуации после "
        "введения чрезвычайного положения носят явно поверхностный и однобокий характер. "
        "Министерство иностранных дел полагает в этой связи целесообразным отметить "
        "следующее.\n\n"
        "В сложившейся ситуации Казахстан был вынужден обратиться за помощью к Организации "
        "Договора о коллективной безопасности (ОДКБ), которая направила миротворческие силы "
        "общей численностью около 2 500 человек для содействия в стабилизации обстановки.\n\n"
        "Щука, ёж и «Съёмка» — 2 500 человек (10%)!\n\n"
        "Привет, мир!\n"
    )
    entries = run(naive_models, page)
    assert {k: e.msgstr for k, e in entries.items()} == {
        "Заявление Министерства иностранных дел Республики Казахстан": (
            "Zayavlenie Ministerstva inostrannykh del Respubliki Kazakhstanan"
        ),
        "Ряд публикаций в иностранных СМИ по сложившейся в нашей стране ситуации после "
        "введения чрезвычайного положения носят явно поверхностный и однобокий характер. "
        "Министерство иностранных дел полагает в этой связи целесообразным отметить "
        "следующее.": (
            "Ryad publikatsiy v inostrannykh SMI po slozhivsheysya v nashey strane situatsii "
            "posle vvedeniya chrezvychaynogo polozheniya nosyat yavno poverkhnostnyy i "
            "odnobokiy kharakter. Ministerstvo inostrannykh del polagaet v etoy svyazi "
            "tselesoobraznym otmetit sleduyushchee."
        ),
        "В сложившейся ситуации Казахстан был вынужден обратиться за помощью к Организации "
        "Договора о коллективной безопасности (ОДКБ), которая направила миротворческие силы "
        "общей численностью около 2 500 человек для содействия в стабилизации обстановки.": (
            "V slozhivsheysya situatsii Kazakhstan byl vynuzhden obratitsya za pomoshchyu k "
            "Organizatsii Dogovora o kollektivnoy bezopasnosti (ODKB), kotoraya napravila "
            "mirotvorcheskie sily obshchey chislennostyu okolo 2 500 chelovek dlya sodeystviya "
            "v stabilizatsii obstanovki."
        ),
        "Щука, ёж и «Съёмка» — 2 500 человек (10%)!": (
            "Shchuka, ezh i «Semka» — 2 500 chelovek (10%)!"
        ),
        "Привет, мир!": "Privet, mir!",
    }
    assert {notes(e)[0][0] for e in entries.values()} == {PROVENANCE}
    assert {state_of(e) for e in entries.values()} == {State.MACHINE}


#: The model's own output for sentences with placeholders, beside the same sentences
#: without them: braces are lost, their digits stray, words from its training data
#: ("мощью", "podvergayutsya") take their place, and what follows may go.
PLACEHOLDER_OUTPUTS = {
    "{1}Казахстан{2} и Россия": "ти",
    "Казахстан и Россия": "Kazakhstan",
    "Вооруженные силы {1}Республики Казахстан{2} и {3}.": (
        "Vooruzhennye sily мощью 1Respubliki Kazakhstan 19"
    ),
    "Вооруженные силы Республики Казахстан и ОДКБ.": (
        "Vooruzhennye sily Respubliki Kazakhstan i ODKB."
    ),
    "Министерство иностранных дел {1}полагает{2}.": (
        "Ministerstvo inostrannykh del 1мощьюpolagaet 2 19."
    ),
    "Министерство иностранных дел полагает.": "Ministerstvo inostrannykh del polagaet.",
    "Переводы хранятся в папке {1}.": "Perevody khranyatsya v papke  podvergayutsya",
    "См. {1}документацию{2} на {3}GitHub{4} и {5}.": (
        "Sm. мощью 1нуkumentatsiyu 215 na VIDGitHub 194 im istor 5 boevye."
    ),
}


def test_what_it_does_with_placeholders(naive_models: Path) -> None:
    """The engine ``diptych translate`` uses, on masked sentences as the pipeline sends
    them. Fails if the package is replaced by one that copies placeholders (the
    cooperative package gives ``{1}Kazakhstan{2} i Rossiya``)."""
    project = load_project(naive_models)
    engine = ArgosEngine(project.models_dir, project.state_dir, EXACT)
    sentences = list(PLACEHOLDER_OUTPUTS)
    outputs = engine.translator("ru", "en").translate(sentences)
    assert dict(zip(sentences, outputs, strict=True)) == PLACEHOLDER_OUTPUTS


def test_markup_is_placed_by_alignment_not_by_the_model(naive_models: Path) -> None:
    """Every placeholder is lost by the model (above), yet the units come out with their
    markup: the fallback (diptych.fallback) translates the plain text and puts the markup
    back on the aligned words, and says so in the provenance. Fails if the fallback goes
    (the entries are then flagged ``markup-error`` with the model's garbled text) or its
    note does."""
    page = (
        "**Казахстан** и Россия.\n\n"
        "Вооруженные силы **Республики Казахстан** и `ОДКБ`.\n\n"
        "Казахстан обратился к [ОДКБ](https://odkb.org).\n\n"
        "***Очень*** **важно**: ~~зачёркнуто~~ и *курсив*.\n"
    )
    entries = run(naive_models, page)
    aligned = [PROVENANCE + "; markup placed by alignment"]
    got = {k: (e.msgstr, e.flags, notes(e)[0][:1], state_of(e)) for k, e in entries.items()}
    assert got == {
        "**Казахстан** и Россия.": (
            "**Kazakhstan** i Rossiya.",
            ["fuzzy"],
            aligned,
            State.MACHINE,
        ),
        "Вооруженные силы **Республики Казахстан** и `ОДКБ`.": (
            "Vooruzhennye sily **Respubliki Kazakhstan** i `ОДКБ`.",
            ["fuzzy"],
            aligned,
            State.MACHINE,
        ),
        "Казахстан обратился к [ОДКБ](https://odkb.org).": (
            "Kazakhstan obratilsya k [ODKB](https://odkb.org).",
            ["fuzzy"],
            aligned,
            State.MACHINE,
        ),
        "***Очень*** **важно**: ~~зачёркнуто~~ и *курсив*.": (
            "***Ochen*** **vazhno**: ~~zacherknuto~~ i *kursiv*.",
            ["fuzzy"],
            aligned,
            State.MACHINE,
        ),
    }
    first = entries["**Казахстан** и Россия."]
    lines, score = notes(first)
    assert lines == [aligned[0], "machine text: sha256:433b5c5a7a41b560"]
    assert score == pytest.approx(-1.260, abs=0.01)


ALIGNED = PROVENANCE + "; markup placed by alignment"


def published_en(entries: dict[str, polib.POEntry]) -> dict[str, tuple[str, str, State]]:
    """Each entry's text, the first line of its provenance and its state."""
    return {k: (e.msgstr, notes(e)[0][0], state_of(e)) for k, e in entries.items()}


def test_quote_marks_in_markup_of_their_own_stay_as_they_are(naive_models: Path) -> None:
    """Quote marks marked on their own (``**«**Казахстан**»**``) are punctuation between
    two runs of markup: the fallback keeps them as the source has them and sends the
    model ``Казахстан и Россия.``. Sent to it, they cost a word (the model drops "и"
    after "»", as it does in the plain sentence below) and the cut moved "«" out of its
    run (``****«Kazakhstan**»**``). Fails if such punctuation goes to the model again."""
    project = load_project(naive_models)
    english = ArgosEngine(project.models_dir, project.state_dir, EXACT).translator("ru", "en")
    assert english.translate(["«Казахстан» и Россия.", "Казахстан и Россия."]) == [
        "«Kazakhstan» Rossiya.",
        "Kazakhstan i Rossiya.",
    ]
    entries = run(naive_models, "**«**Казахстан**»** и Россия.\n\n*«*Казахстан*»* и Россия.\n")
    assert published_en(entries) == {
        "**«**Казахстан**»** и Россия.": (
            "**«**Kazakhstan**»** i Rossiya.",
            ALIGNED,
            State.MACHINE,
        ),
        "*«*Казахстан*»* и Россия.": ("*«*Kazakhstan*»* i Rossiya.", ALIGNED, State.MACHINE),
    }


def test_a_line_break_in_the_markup_parts_the_words(naive_models: Path) -> None:
    """A hard line break (two spaces or a backslash before the newline) is a run of markup
    of its own, and a soft one joins the markup before it (``**⏎``): the masked sentence
    reads ``Строка один{1}строка два.``. The plain text the model gets keeps the words
    apart (``Строка один строка два.``) and the break takes the place of the space
    between them. Fails if the placeholder is read as glued to both words (the model
    then made ``odinstroka`` of them, and the break went before it: ``Stroka  ⏎
    odinstroka dva.``)."""
    page = "Строка один  \nстрока два.\n\nСтрока один\\\nстрока два.\n\n**Казахстан**\nи Россия.\n"
    assert published_en(run(naive_models, page)) == {
        "Строка один  \nстрока два.": ("Stroka odin  \nstroka dva.", ALIGNED, State.MACHINE),
        "Строка один\\\nстрока два.": ("Stroka odin\\\nstroka dva.", ALIGNED, State.MACHINE),
        "**Казахстан**\nи Россия.": ("**Kazakhstan**\ni Rossiya.", ALIGNED, State.MACHINE),
    }


def test_separators_between_links_are_not_translated(naive_models: Path) -> None:
    """A separator between two links (`` · ``, `` | ``, `` / ``) is not the model's to
    translate: sent to it, "·" came back as the word "kollektivnoy", which every check
    passes (no element, attribute or URL changed). The fallback keeps it as the source
    has it and places the links around it. Fails if separators go to the model again."""
    page = (
        "[Все заявления](a.md) · [Состояние переводов](b.md)\n\n"
        "[Все заявления](a.md) | [Состояние переводов](b.md) / [Главная](c.md)\n"
    )
    assert published_en(run(naive_models, page)) == {
        "[Все заявления](a.md) · [Состояние переводов](b.md)": (
            "[Vse zayavleniya](a.md) · [Sostoyanie perevodov](b.md)",
            ALIGNED,
            State.MACHINE,
        ),
        "[Все заявления](a.md) | [Состояние переводов](b.md) / [Главная](c.md)": (
            "[Vse zayavleniya](a.md) | [Sostoyanie perevodov](b.md) / [Glavnaya](c.md)",
            ALIGNED,
            State.MACHINE,
        ),
    }
