"""The two sides of the translation benchmark, and the proof that they decode alike.

Both sides get their ``ctranslate2.Translator`` through :class:`Recorder`, which notes the
constructor arguments (device, threads, compute type) and the decoding arguments of every
``translate_batch`` call. :func:`decoding_of` reduces those calls to the settings that
decide what is decoded (beam, hypotheses, length penalty, decoding limit, unknown
replacement, target prefix); the benchmark refuses to report a speed-up unless both sides
used exactly one and the same set of them. How the sentences are grouped into batches is
deliberately not compared: that is the difference being measured.
"""

from __future__ import annotations

import importlib
import json
import os
import resource
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import Any

# The translate_batch arguments that decide the tokens decoded, with CTranslate2's defaults.
DECODING_DEFAULTS: dict[str, object] = {
    "beam_size": 2,
    "num_hypotheses": 1,
    "length_penalty": 1.0,
    "max_decoding_length": 256,
    "min_decoding_length": 1,
    "replace_unknowns": False,
    "sampling_topk": 1,
    "repetition_penalty": 1.0,
    "no_repeat_ngram_size": 0,
    "target_prefix": None,
}


def decoding_of(kwargs: dict[str, Any]) -> tuple[tuple[str, object], ...]:
    """The decoding settings of one translate_batch call, defaults filled in."""
    settings = {**DECODING_DEFAULTS, **{k: v for k, v in kwargs.items() if k in DECODING_DEFAULTS}}
    prefix = settings["target_prefix"]
    # A prefix is per sentence; what matters is which prefixes were used.
    settings["target_prefix"] = (
        None if prefix is None else tuple(sorted({tuple(p) for p in prefix}))
    )
    return tuple(sorted(settings.items()))


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


class Recorder:
    """A ctranslate2.Translator that records how it was made and called.

    ``limit``, when given, is added as ``max_decoding_length`` to calls that pass none
    (argostranslate passes none; CTranslate2's default is 256).
    """

    def __init__(self, translator: Any, made_with: dict[str, Any], limit: int | None) -> None:
        self._translator = translator
        self.made_with = made_with
        self._limit = limit
        self.settings: set[tuple[tuple[str, object], ...]] = set()
        self.calls = self.sentences = self.input_tokens = 0
        self._results: list[Any] = []  # counted at the end: asynchronous ones are futures

    @property
    def compute_type(self) -> str:
        return str(self._translator.compute_type)

    def translate_batch(self, source: list[list[str]], **kwargs: Any) -> list[Any]:
        if self._limit is not None:
            kwargs.setdefault("max_decoding_length", self._limit)
        self.settings.add(decoding_of(kwargs))
        results: list[Any] = self._translator.translate_batch(source, **kwargs)
        self.calls += 1
        self.sentences += len(source)
        self.input_tokens += sum(len(s) for s in source)
        self._results += results
        return results

    def record(self) -> dict[str, object]:
        done = [r.result() if hasattr(r, "result") else r for r in self._results]
        return {
            "calls": self.calls,
            "sentences": self.sentences,
            "input_tokens": self.input_tokens,
            "output_tokens": sum(len(r.hypotheses[0]) for r in done),
            "compute_type": self.compute_type,
            "made_with": self.made_with,
            "decoding": [dict(s) for s in sorted(self.settings, key=repr)],
        }


@contextmanager
def recording(limit: int | None = None) -> Iterator[list[Recorder]]:
    """Every ctranslate2.Translator made inside comes back wrapped in a Recorder."""
    import ctranslate2

    real = ctranslate2.Translator
    made: list[Recorder] = []

    def make(model_path: str, **kwargs: Any) -> Recorder:
        recorder = Recorder(real(model_path, **kwargs), kwargs, limit)
        made.append(recorder)
        return recorder

    ctranslate2.Translator = make
    try:
        yield made
    finally:
        ctranslate2.Translator = real


def units_of(project_dir: Path, every: int = 1) -> list[str]:
    """The units with words of every ``every``-th page: what Diptych would translate."""
    from diptych.config import load_project
    from diptych.protect import inline_parser, protect
    from diptych.segment import segment_file

    project = load_project(project_dir)
    md = inline_parser()
    units = []
    for path in project.pages()[::every]:
        page = segment_file(path)
        for unit in page.units:
            if protect(unit.text, page.references, md).has_words:
                units.append(unit.text)
    return list(dict.fromkeys(units))


def sentence_count(units: list[str]) -> int:
    import razdel

    return sum(1 for unit in units for _ in razdel.sentenize(unit))


# --------------------------------------------------------------------------------------
# (a) argostranslate, unit by unit
# --------------------------------------------------------------------------------------


class RazdelSentencizer:
    """razdel behind argostranslate's ISentenceBoundaryDetectionModel interface: the only
    replaced part of argostranslate's pipeline (its own splitters download models)."""

    def __init__(self, pkg: object) -> None:
        self.pkg = pkg

    def split_sentences(self, text: str) -> list[str]:
        import razdel

        return [s.text for s in razdel.sentenize(text)]


def import_argostranslate(state: Path) -> tuple[ModuleType, ModuleType, ModuleType]:
    """argostranslate's ``package``, ``translate`` and ``settings`` modules, as a script
    using argostranslate gets them. Importing ``settings`` the first time creates its
    folders from the environment (under ``$HOME`` by default) and fixes them for the
    process: the environment points into ``state`` for the import only (Diptych itself
    never imports these modules: diptych.engines.packages)."""
    keys = ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "ARGOS_PACKAGES_DIR")
    saved = dict(os.environ)
    os.environ.update({key: str(state / "argos" / key.lower()) for key in keys})
    try:
        package, translate, settings = (
            importlib.import_module(f"argostranslate.{name}")
            for name in ("package", "translate", "settings")
        )
    finally:
        os.environ.clear()
        os.environ.update(saved)
    return package, translate, settings


def argos_translate(
    project_dir: Path, limit: int, beam: int, every: int = 1
) -> tuple[dict[str, str], dict[str, object]]:
    """argostranslate's own ``translate()`` over the units of every ``every``-th page."""
    from diptych.engines.packages import available

    units = units_of(project_dir, every)
    state = Path(tempfile.mkdtemp(prefix="argos-state-"))
    info = available(project_dir / "models", state / "packages")[0]
    package, translate, settings = import_argostranslate(state)
    if settings.beam_size != beam:
        raise SystemExit(f"ARGOS_BEAM_SIZE is {settings.beam_size}, the benchmark uses {beam}")
    pkg = package.Package(info.path)
    from_lang = translate.Language(pkg.from_code, pkg.from_name)
    to_lang = translate.Language(pkg.to_code, pkg.to_name)

    with recording(limit) as made:
        cpu = time.process_time()
        started = time.perf_counter()
        # What get_translation_from_codes() builds, called once per unit; the model is
        # loaded by its first translate() call, inside the timed region.
        inner = translate.PackageTranslation(from_lang, to_lang, pkg)
        inner.sentencizer = RazdelSentencizer(pkg)
        translation = translate.CachedTranslation(inner)
        outputs = [translation.translate(unit) for unit in units]
        seconds = time.perf_counter() - started
        cpu = time.process_time() - cpu
    (recorder,) = made
    everything = units_of(project_dir) if every > 1 else units
    return dict(zip(units, outputs, strict=True)), {
        "seconds": seconds,
        "cpu_seconds": cpu,
        "units": len(units),
        "all_units": len(everything),
        "sentences_split": sentence_count(units),
        "all_sentences_split": sentence_count(everything),
        **recorder.record(),
        "batching": f"one unit per call, {settings.batch_size} tokens per batch",
        "peak_rss_mb": peak_rss_mb(),
    }


# --------------------------------------------------------------------------------------
# (b) diptych, the real pipeline
# --------------------------------------------------------------------------------------


def diptych_translate(project_dir: Path, limit: int, beam: int) -> dict[str, object]:
    """``diptych.pipeline.translate`` on the project, as ``diptych translate`` runs it."""
    from diptych.config import load_project
    from diptych.engines.argos import ArgosEngine, Decoding
    from diptych.pipeline import translate

    project = load_project(project_dir)
    # One limit for every batch, as argostranslate decodes (Diptych's own limit follows
    # each batch's input; random weights would decode to it, fewer tokens than argos).
    decoding = Decoding(beam_size=beam, max_decoding_length=limit, limit_ratio=None)
    engine = ArgosEngine(project.models_dir, project.state_dir, decoding)
    # Unpack the .argosmodel before the clock starts, as the argos side is handed an
    # unpacked package (a one-time step per package, not per run).
    engine.packages  # noqa: B018
    with recording() as made:
        cpu = time.process_time()
        started = time.perf_counter()
        report = translate(project, engine)
        seconds = time.perf_counter() - started
        cpu = time.process_time() - cpu
    if not report.ok:
        raise SystemExit("; ".join(str(p) for p in report.problems))
    stats = report.languages["en"]
    (recorder,) = made
    return {
        "seconds": seconds,
        "cpu_seconds": cpu,
        "units": stats.units,
        "sentences": stats.sentences,
        "flagged": stats.flagged,
        "catalogs": len(report.written),
        **recorder.record(),
        "batching": f"all sentences of the run, length-sorted, {decoding.tokens_per_batch()} "
        "tokens per batch",
        "peak_rss_mb": peak_rss_mb(),
    }


def agreement(project_dir: Path, argos: dict[str, str]) -> dict[str, int]:
    """Units without inline markup send the same sentences on both sides: compare them."""
    import polib

    same = total = 0
    for po_path in (project_dir / "translations" / "en").rglob("*.po"):
        for entry in polib.pofile(str(po_path)):
            plain = not any(c in entry.msgid for c in "*_`[]<>{}\\")
            if entry.msgid in argos and plain:
                total += 1
                same += " ".join(entry.msgstr.split()) == " ".join(argos[entry.msgid].split())
    return {"compared_units": total, "identical": same}


def child_main(mode: str, args: list[str], emit: Callable[[str], None] = print) -> None:
    """Entry point of a side's own process: prints its result as one JSON line."""
    project_dir, limit, beam = Path(args[0]), int(args[1]), int(args[2])
    if mode == "argos":
        outputs, result = argos_translate(project_dir, limit, beam, int(args[3]))
        Path(args[4]).write_text(json.dumps(outputs, ensure_ascii=False), encoding="utf-8")
    else:
        result = diptych_translate(project_dir, limit, beam)
    emit(json.dumps(result))
