"""A run goes through its pages a window at a time (``pipeline.translate(window=...)``):
each window's catalogs and up-to-date stamps are saved before the next window is
planned, the bytes are those of a run in one window, models are loaded once per run,
and a no-op run loads none.

Real CTranslate2 on the miniature packages (ru→en, en→de, so German pivots through
English), in float32 so that outputs are exact on every processor."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import ctranslate2
import polib
import pytest

from diptych import pipeline
from diptych.config import load_project
from diptych.engines.argos import ArgosEngine, Decoding, PackageTranslator
from diptych.languages import Language
from diptych.pipeline import WINDOW, Hooks, Report, translate
from diptych.segment import segment_file
from tests.support.project import MakeProject
from tests.support.repo import REPO as ROOT
from tests.support.repo import STATEMENT

EXACT = Decoding(compute_type="float32")

# Four pages, each a window of its own at window=1, in the order a run reads them.
PAGES = {
    "а-заявление.md": STATEMENT.read_text(encoding="utf-8"),
    "б-главная.md": (ROOT / "docs" / "index.md").read_text(encoding="utf-8"),
    "в-список.md": (ROOT / "docs" / "statements" / "index.md").read_text(encoding="utf-8"),
    "г-короткая.md": "# Короткая страница\n\nСилы прибыли в **Алматы** 10 января.\n\n"
    "Казахстан полон решимости защищать свой суверенитет.\n",
}
ORDER = sorted(PAGES)


def catalogs(root: Path) -> dict[str, bytes]:
    base = root / "translations"
    if not base.is_dir():
        return {}
    return {p.relative_to(base).as_posix(): p.read_bytes() for p in sorted(base.rglob("*.po"))}


def stamps(root: Path) -> list[str]:
    path = root / ".diptych" / "uptodate.json"
    return sorted(json.loads(path.read_text(encoding="utf-8"))["stamps"]) if path.exists() else []


def complete(data: bytes) -> bool:
    po = polib.pofile(data.decode("utf-8"))
    return len(po) > 0 and all(e.msgstr for e in po if not e.obsolete)


def run(root: Path, hooks: Hooks | None = None, window: int = WINDOW) -> Report:
    project = load_project(root)
    engine = ArgosEngine(project.models_dir, project.state_dir, EXACT)
    return translate(project, engine, hooks=hooks, window=window)


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The model folders CTranslate2 is asked to load (the real ctranslate2.Translator)."""
    made: list[str] = []
    real = ctranslate2.Translator

    def counted(model_path: str, *args: Any, **kwargs: Any) -> Any:
        made.append(Path(model_path).parent.name)
        return real(model_path, *args, **kwargs)

    monkeypatch.setattr(ctranslate2, "Translator", counted)
    yield made


class Recording(Hooks):
    def __init__(self) -> None:
        self.totals: list[int] = []
        self.advanced = 0
        self.languages: list[str] = []

    def start(self, total: int) -> None:
        self.totals.append(total)

    def advance(self, n: int) -> None:
        self.advanced += n

    def language(self, lang: Language, sentences: int) -> None:
        self.languages.append(lang.code)


def test_windows_write_the_bytes_of_one_window(
    make_project: MakeProject, tmp_path: Path, loads: list[str]
) -> None:
    """Four pages, one window per page, against the same project in one window: the same
    catalogs byte for byte, the same stamps, the same report; each model loaded once per
    run; the progress total grows window by window to exactly the sentences sent.
    Fails if a window's translators are made anew (models loaded per window), if a
    window's languages are not all saved (missing or different catalogs), or if the
    windows' reports are not summed."""
    root = make_project(PAGES, targets=("en", "de"), models=True)
    single = tmp_path / "single"
    shutil.copytree(root, single)

    whole = run(single)
    assert sorted(loads) == ["translate-en_de-test", "translate-ru_en-test"]
    loads.clear()
    hooks = Recording()
    windowed = run(root, hooks, window=1)

    assert sorted(loads) == ["translate-en_de-test", "translate-ru_en-test"]
    assert whole.ok and windowed.ok
    assert catalogs(root) == catalogs(single)
    assert sorted(catalogs(root)) == [f"{lang}/{p[:-3]}.po" for lang in ("de", "en") for p in ORDER]
    assert all(complete(data) for data in catalogs(root).values())
    assert (root / ".diptych" / "uptodate.json").read_bytes() == (
        single / ".diptych" / "uptodate.json"
    ).read_bytes()
    assert hooks.languages == ["en", "de"] * len(PAGES)
    assert hooks.totals == sorted(hooks.totals) and len(hooks.totals) == len(PAGES)
    assert (
        hooks.totals[-1] == hooks.advanced == sum(s.sentences for s in windowed.languages.values())
    )
    for code in ("en", "de"):
        assert windowed.languages[code].units == whole.languages[code].units
        assert windowed.languages[code].flagged == whole.languages[code].flagged


def test_a_window_is_saved_before_the_next_is_translated(
    make_project: MakeProject, tmp_path: Path
) -> None:
    """Ctrl-C as the second window starts: at that moment the first page's catalogs
    (both languages) are on disk, complete and stamped, and nothing else; after the
    interrupt too. The next run translates the rest and ends with the bytes of a run
    never interrupted. Fails if catalogs or stamps are saved only at the end of the run
    (``_Run.window`` not saving, or ``uptodate.save()`` moved out of it), or if windows are
    all planned and translated before any is saved."""
    root = make_project(PAGES, targets=("en", "de"), models=True)
    whole = tmp_path / "whole"
    shutil.copytree(root, whole)
    first = ORDER[0][:-3]
    seen: dict[str, Any] = {}

    class Interrupting(Hooks):
        def __init__(self) -> None:
            self.windows = 0

        def start(self, total: int) -> None:
            self.windows += 1
            if self.windows == 2:
                seen["catalogs"], seen["stamps"] = catalogs(root), stamps(root)
                raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run(root, Interrupting(), window=1)

    assert sorted(seen["catalogs"]) == [f"de/{first}.po", f"en/{first}.po"]
    assert all(complete(data) for data in seen["catalogs"].values())
    assert seen["stamps"] == [f"de:{ORDER[0]}", f"en:{ORDER[0]}"]
    assert catalogs(root) == seen["catalogs"] and stamps(root) == seen["stamps"]
    assert not list(root.rglob("*.tmp")) and not list(root.rglob(".uptodate.*"))

    rest = run(root, window=1)
    assert rest.ok and [p.stem for p in rest.written].count(first) == 0
    assert run(whole).ok
    assert catalogs(root) == catalogs(whole)


def test_a_model_failing_in_a_later_window_is_tried_once(
    make_project: MakeProject, loads: list[str]
) -> None:
    """German of the first page is done, then the en→de package is damaged on disk (its
    model.bin overwritten, as a failed copy leaves it). One page per window: the first
    window translates English only; German first loads in the second window and fails,
    reported once and not tried again in the later windows; English of every page is
    saved and stamped, the first page's German kept as it was. Fails if a failed
    language is tried again in every window (the package loaded three times), or if its
    failure stops the other language's later windows."""
    root = make_project(PAGES, targets=("en", "de"), models=True)
    project = load_project(root)
    first = ORDER[0]
    engine = ArgosEngine(project.models_dir, project.state_dir, EXACT)
    assert translate(project, engine, [project.target("de")], [root / "docs" / first]).ok
    saved_de = catalogs(root)[f"de/{first[:-3]}.po"]
    (unpacked,) = (root / ".diptych" / "packages").glob("translate-en_de-test-*")
    next(unpacked.glob("*/model/model.bin")).write_bytes(b"not a model")
    loads.clear()

    report = run(root, window=1)

    assert [p.message.split(":")[0] for p in report.problems] == [
        "cannot load Argos package translate-en_de-test 1.0 on cpu"
    ]
    assert loads == ["translate-ru_en-test", "translate-en_de-test"]
    after = catalogs(root)
    assert sorted(after) == [f"de/{first[:-3]}.po"] + [f"en/{p[:-3]}.po" for p in ORDER]
    assert after[f"de/{first[:-3]}.po"] == saved_de
    assert stamps(root) == [f"de:{first}"] + [f"en:{p}" for p in ORDER]
    assert all(complete(data) for data in after.values())


def test_a_no_op_run_loads_no_model_in_any_window(
    make_project: MakeProject, loads: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A second run over the finished project, one page per window: no page parsed, no
    model loaded, nothing written, not even the stamps. Fails if the windows are planned
    without the up-to-date stamps (every page parsed again)."""
    root = make_project(PAGES, targets=("en", "de"), models=True)
    assert run(root, window=1).ok
    loads.clear()
    files = {p: p.stat().st_mtime_ns for p in (root / "translations").rglob("*.po")}
    state = root / ".diptych" / "uptodate.json"
    files[state] = state.stat().st_mtime_ns

    parsed: list[str] = []
    real = segment_file

    def counted(path: Path) -> Any:
        parsed.append(path.name)
        return real(path)

    monkeypatch.setattr(pipeline, "segment_file", counted)
    report = run(root, window=1)

    assert report.ok and report.written == [] and loads == [] and parsed == []
    assert {p: p.stat().st_mtime_ns for p in files} == files


def test_translators_remember_one_window_only(
    make_project: MakeProject, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What a translator remembers (the English a German pivot reuses) lasts one window,
    so that a run's memory does not grow with the archive: a sentence on the first and
    the last page is decoded once per window into English (German reuses it) and once per
    window into German. Fails if translators are never told to forget (decoded once for
    the run) or if nothing is remembered within a window (English decoded twice)."""
    shared = "Казахстан полон решимости защищать свой суверенитет."
    pages = {
        "а-первая.md": f"# Первая\n\n{shared}\n",
        "б-вторая.md": "# Вторая\n\nСилы прибыли в Алматы.\n",
        "в-третья.md": f"# Третья\n\n{shared}\n",
    }
    root = make_project(pages, targets=("en", "de"), models=True)
    decoded: list[tuple[str, str]] = []
    real = PackageTranslator._translate

    def counted(self: PackageTranslator, sentences: list[str], progress: Any) -> Any:
        decoded.extend((self.target, s) for s in sentences)
        return real(self, sentences, progress)

    monkeypatch.setattr(PackageTranslator, "_translate", counted)

    assert run(root, window=1).ok
    assert decoded.count(("en", shared)) == 2
    assert len([s for target, s in decoded if target == "de"]) == len(
        [s for target, s in decoded if target == "en"]
    )
    assert len(decoded) == len(set(decoded)) + 2  # the shared sentence, twice per language
