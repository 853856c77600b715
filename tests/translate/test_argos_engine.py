"""The Argos engine on the miniature packages: real SentencePiece, real CTranslate2.

The ru→en test package transliterates Russian into Latin script and the en→de one
uppercases, so outputs can be checked exactly: the rule lives in tools/translit.py.
"""

from __future__ import annotations

import importlib.util
import json
import zipfile
from pathlib import Path

import polib
import pytest

from diptych.config import load_project
from diptych.engines.argos import ArgosEngine, Decoding, PackageTranslator
from diptych.engines.interface import PivotTranslator
from diptych.errors import ModelError
from diptych.pipeline import translate
from tests.support.cli import Diptych
from tests.support.project import MakeProject
from tests.support.repo import FIXTURE_MODELS, STATEMENT

_spec = importlib.util.spec_from_file_location(
    "translit", Path(__file__).parents[2] / "tools" / "translit.py"
)
assert _spec and _spec.loader
translit = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(translit)


def catalog(root: Path, lang: str, page: str) -> dict[str, polib.POEntry]:
    return {e.msgid: e for e in polib.pofile(str(root / "translations" / lang / page))}


@pytest.fixture
def statement_site(make_project: MakeProject) -> Path:
    return make_project(
        {"заявление.md": STATEMENT.read_text(encoding="utf-8")},
        targets=("en", "de"),
        models=True,
    )


# Exact outputs are checked in float32: the packages' int8 weights decode differently on
# processors with and without AVX-512 (the small test models garble more words with AVX2
# integer kernels), while float32 gives the same words on both.
EXACT = Decoding(compute_type="float32")


def test_statement_in_english_and_german_via_the_pivot(statement_site: Path) -> None:
    project = load_project(statement_site)
    report = translate(project, ArgosEngine(project.models_dir, project.state_dir, EXACT))
    assert report.ok, report.problems
    english = catalog(statement_site, "en", "заявление.po")
    german = catalog(statement_site, "de", "заявление.po")
    title = "Заявление Министерства иностранных дел Республики Казахстан"
    assert english[title].msgstr == "Zayavlenie Ministerstva inostrannykh del Respubliki Kazakhstan"
    last = next(k for k in english if k.startswith("Казахстан полон решимости"))
    assert english[last].msgstr.startswith("Kazakhstan polon reshimosti")
    assert english[title].comment.splitlines()[0] == (
        "machine translation: argos ru→en, package translate-ru_en-test 1.0"
    )
    assert german[title].comment.splitlines()[0] == (
        "machine translation: argos ru→en, package translate-ru_en-test 1.0; then "
        "argos en→de, package translate-en_de-test 1.0 (pivot en)"
    )
    assert german[last].msgstr.startswith("KAZAKHSTAN POLON RESHIMOSTI")
    # Most units come out exactly as the rules say (the models are small, not perfect):
    # English is the transliteration, German that upper-cased, through the pivot.
    exact = sum(e.msgstr == translit.transliterate(e.msgid) for e in english.values())
    assert exact >= len(english) - 2
    pivoted = sum(german[k].msgstr == english[k].msgstr.upper() for k in english)
    assert pivoted >= len(german) - 3
    assert all(e.msgstr == e.msgstr.upper() for e in german.values())
    assert all("fuzzy" in e.flags for e in english.values())


def test_markup_survives_the_model(make_project: MakeProject, diptych: Diptych) -> None:
    page = "Силы **Республики Казахстан** и [ОДКБ](https://odkb.org) — `код` остаётся.\n"
    root = make_project({"разметка.md": page}, targets=("en",), models=True)
    assert diptych(root, "translate")[0] == 0
    (entry,) = catalog(root, "en", "разметка.po").values()
    assert entry.msgstr == (
        "Sily **Respubliki Kazakhstan** i [ODKB](https://odkb.org) — `код` ostaetsya."
    )
    assert "markup-error" not in entry.flags


def test_a_rerun_loads_no_model_and_writes_nothing(statement_site: Path) -> None:
    project = load_project(statement_site)
    first = ArgosEngine(project.models_dir, project.state_dir)
    translate(project, first)
    files = {p: p.stat().st_mtime_ns for p in (statement_site / "translations").rglob("*.po")}
    second = ArgosEngine(project.models_dir, project.state_dir)
    report = translate(project, second)
    assert report.written == []
    assert second._loaded == {} or not any(t.loaded for t in second._loaded.values())
    assert {p: p.stat().st_mtime_ns for p in files} == files


def test_each_model_is_loaded_once_per_run(
    statement_site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Counts real loads: every ``ctranslate2.Translator`` a real run makes (the real
    class, wrapped only to count what is made and what it decodes). English and German's
    first leg share the ru→en model: each package is loaded once and each Russian sentence
    decoded once, and the engine keeps its models afterwards. Fails if ``ArgosEngine``
    stops keeping its translators (ru→en loaded again for German), if the ``Memo`` goes
    (German's first leg decodes every sentence again), or if ``PackageTranslator._load``
    loads on every call (the later call loads again)."""
    import ctranslate2

    real = ctranslate2.Translator
    loads: list[str] = []
    decoded: dict[str, list[tuple[str, ...]]] = {}

    class Counting:
        def __init__(self, model_path: str, **kwargs: object) -> None:
            self.package = Path(model_path).parent.name
            loads.append(self.package)
            self.inner = real(model_path, **kwargs)

        def translate_batch(self, source: list[list[str]], **kwargs: object) -> object:
            decoded.setdefault(self.package, []).extend(tuple(tokens) for tokens in source)
            return self.inner.translate_batch(source, **kwargs)

    monkeypatch.setattr(ctranslate2, "Translator", Counting)
    project = load_project(statement_site)
    engine = ArgosEngine(project.models_dir, project.state_dir)
    report = translate(project, engine)
    assert report.ok and report.languages["de"].units > 0
    assert sorted(loads) == ["translate-en_de-test", "translate-ru_en-test"]
    russian = decoded["translate-ru_en-test"]
    assert len(russian) == len(set(russian)) >= report.languages["en"].sentences
    pivot = engine.translator("ru", "de")
    assert isinstance(pivot, PivotTranslator)
    assert pivot.first is engine.translator("ru", "en")  # the English leg is shared
    assert pivot.translate(["Новое предложение."])  # a sentence no call has seen yet
    assert sorted(loads) == ["translate-en_de-test", "translate-ru_en-test"]


def test_a_unit_longer_than_the_model_limit_is_split_not_truncated(
    make_project: MakeProject, diptych: Diptych
) -> None:
    words = ["Казахстан", "мир", "порядок", "закон", "народ", "время"]
    sentence = " ".join(words[i % len(words)] for i in range(150)) + "."
    root = make_project({"длинный.md": sentence + "\n"}, targets=("en",), models=True)
    project = load_project(root)
    decoding = Decoding(max_input_tokens=60, compute_type="float32")
    engine = ArgosEngine(project.models_dir, project.state_dir, decoding)
    report = translate(project, engine)
    assert report.ok
    (entry,) = catalog(root, "en", "длинный.po").values()
    # Beginning and end are there, and about as many words: pieces were translated, none
    # dropped (the small model garbles a word or two of this repetitive text).
    assert entry.msgstr.startswith("Kazakhstan mir poryadok zakon narod vremya ")
    assert entry.msgstr.endswith(" vremya.")
    assert 140 <= len(entry.msgstr.split()) <= 160


def test_packages_are_unpacked_inside_the_project(statement_site: Path, diptych: Diptych) -> None:
    code, out, _ = diptych(statement_site, "models", "list")
    assert code == 0
    lines = sorted(out.splitlines())
    assert [line.split("\t")[:3] for line in lines] == [
        ["en→de", "translate-en_de-test 1.0", "project"],
        ["ru→en", "translate-ru_en-test 1.0", "project"],
    ]
    assert all(line.split("\t")[3].startswith(".diptych/packages/") for line in lines)


def test_models_add_copies_and_installs(make_project: MakeProject, diptych: Diptych) -> None:
    root = make_project({"а.md": "Текст.\n"}, targets=("en",))
    file = FIXTURE_MODELS / "translate-ru_en-test.argosmodel"
    code, out, _ = diptych(root, "models", "add", str(file))
    assert (code, out) == (0, "added translate-ru_en-test 1.0 (ru→en) to models/\n")
    assert (root / "models" / file.name).read_bytes() == file.read_bytes()
    assert diptych(root, "translate")[0] == 0


def test_models_add_rejects_a_file_that_is_not_a_package(
    make_project: MakeProject, diptych: Diptych, tmp_path: Path
) -> None:
    root = make_project({"а.md": "Текст.\n"}, targets=("en",))
    bogus = tmp_path / "bogus.argosmodel"
    bogus.write_bytes(b"not a zip")
    code, _, err = diptych(root, "models", "add", str(bogus))
    assert code == 2
    assert err.splitlines()[0] == (
        f"diptych: error: {bogus}: not an Argos package (an .argosmodel is a zip archive)"
    )


def test_package_translator_reports_its_package(statement_site: Path) -> None:
    project = load_project(statement_site)
    engine = ArgosEngine(project.models_dir, project.state_dir)
    direct = engine.translator("ru", "en")
    assert isinstance(direct, PackageTranslator)
    assert direct.translate(["Казахстан."]) == ["Kazakhstan."]


def repack(package: Path, models: Path, drop: str = "", **metadata: str) -> None:
    """A copy of a fixture package in ``models``, without the member named ``drop`` and
    with ``metadata`` added to its metadata.json."""
    models.mkdir(parents=True, exist_ok=True)
    with (
        zipfile.ZipFile(package) as source,
        zipfile.ZipFile(models / package.name, "w") as target,
    ):
        for member in source.namelist():
            data = source.read(member)
            if member.endswith("/metadata.json"):
                data = json.dumps({**json.loads(data), **metadata}).encode()
            if not drop or not member.endswith(f"/{drop}"):
                target.writestr(member, data)


def test_a_package_without_a_tokenizer_is_a_clean_error(tmp_path: Path) -> None:
    """argostranslate's ``Package`` left such a package without a tokenizer: an
    AttributeError in the middle of a run."""
    package = FIXTURE_MODELS / "translate-ru_en-test.argosmodel"
    repack(package, tmp_path / "models", drop="sentencepiece.model")
    engine = ArgosEngine(tmp_path / "models", tmp_path / ".diptych")
    with pytest.raises(ModelError, match=r"translate-ru_en-test 1\.0 has no tokenizer"):
        engine.translator("ru", "en").translate(["Казахстан."])


def test_the_target_prefix_is_read_from_the_package(tmp_path: Path) -> None:
    """Multilingual packages name the token their model's output starts with; it is read
    from metadata.json, as argostranslate's ``Package`` reads it."""
    package = FIXTURE_MODELS / "translate-ru_en-test.argosmodel"
    repack(package, tmp_path / "models", target_prefix="__en__")
    repack(package, tmp_path / "plain")
    (prefixed,) = ArgosEngine(tmp_path / "models", tmp_path / "state").packages
    (plain,) = ArgosEngine(tmp_path / "plain", tmp_path / "state").packages
    assert (prefixed.target_prefix, plain.target_prefix) == ("__en__", "")
