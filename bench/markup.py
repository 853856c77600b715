#!/usr/bin/env python3
"""Markup survival: how many units with inline markup are published with it intact.

    .venv/bin/python bench/markup.py                 # 40 generated pages + docs/
    .venv/bin/python bench/markup.py --pages 10 --methods

A project in a temporary folder holds the project's own ``docs/`` pages and generated
Russian pages full of inline markup: emphasis, strong emphasis, links, strong links,
inline code, footnote references (with their definitions). Sentences come from the first
statement (which the miniature models were trained on) and from the seeded corpus of
``bench/benchlib.py`` (words they never saw), half each. ``diptych.pipeline.translate``
(what ``diptych translate`` runs) translates it into English and German (through the
English pivot) with each model:

* **cooperative**: the ru→en test package, trained to copy ``{N}`` placeholders;
* **naive**: the ru→en package trained without any placeholder or markup
  (``tests/fixtures/models/naive/``), which treats ``{N}`` as a published model does;

both with the cooperative en→de package for the German leg (ru→de: the naive ru→en leg,
then placement through both legs' attention). Then every unit with inline markup is
looked up as every tool sees it (:class:`diptych.page_catalog.PageCatalog` with the
site's judge). Units withheld because their decoding ran away (``#. decoding problem``,
:mod:`diptych.engines.runaway`) are counted apart ("runaway"): they are withheld whatever
their markup, and the fallback leaves them alone. Of the others ("units"):

* **before**: published (machine state, not withheld by a markup error or the judge)
  without the fallback: its placeholders survived the engine. This is exactly what a run
  without the fallback publishes, since the fallback touches only units whose
  restoration failed;
* **after**: published, the fallback's units included (provenance "markup placed by
  alignment");
* **placed right**: of the units the fallback placed, those whose every markup run stands
  where it stands in the expected output. The models transliterate (ru→de: upper-cased
  transliteration), so the expected output is the source with its words transliterated
  (:func:`placed_right` carries positions over the model's garbled words).

Each run also reports its time, the fallback's share of it, and how many sentences were
decoded again with attention.

``--methods`` compares ways of aligning on each model's failed English units, each alone
(the fallback's first two steps, with other weights; or its last step alone):
attention, Shift-Att, position, identical tokens, fragments, spacing cost, and the
marked spans translated on their own. The last line of the output is JSON of every
figure.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import difflib
import importlib.util
import json
import random
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import benchlib  # noqa: E402
from mkdocs_template import mkdocs_yml  # noqa: E402

ROOT = benchlib.ROOT
MODELS = ROOT / "tests" / "fixtures" / "models"
COOPERATIVE = MODELS / "translate-ru_en-test.argosmodel"
NAIVE = MODELS / "naive" / "translate-ru_en-naive.argosmodel"
GERMAN = MODELS / "translate-en_de-test.argosmodel"
STATEMENT = ROOT / "docs" / "statements" / "2022-01-08-zayavlenie-mid.md"
NOTE = "markup placed by alignment"

_spec = importlib.util.spec_from_file_location("translit", ROOT / "tools" / "translit.py")
assert _spec and _spec.loader
translit = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(translit)

MKDOCS = mkdocs_yml(site_name="Markup survival", extensions=True)

# --------------------------------------------------------------------------------------
# Pages with inline markup
# --------------------------------------------------------------------------------------

CODE = ["config.yml", "diptych translate", "--to en", "mkdocs build", "docs/", "PO", "utf-8"]


class MarkupPages:
    """Seeded Russian pages whose sentences carry inline markup of every kind."""

    def __init__(self, seed: int = 13) -> None:
        import razdel

        self.rng = random.Random(seed)
        self.corpus = benchlib.Corpus(benchlib.CorpusSpec(seed=seed))
        text = STATEMENT.read_text(encoding="utf-8").split("---", 2)[2]
        self.known = [s.text for s in razdel.sentenize(text) if len(s.text.split()) > 3]
        self.footnotes: list[str] = []

    def sentence(self) -> str:
        if self.rng.random() < 0.5:
            return self.rng.choice(self.known)
        return self.corpus.sentence()

    def decorate(self, sentence: str) -> str:
        """One or two runs of inline markup on words of the sentence."""
        r = self.rng
        words = sentence.split(" ")
        runs = 1 + (r.random() < 0.35)
        taken: set[int] = set()
        for _ in range(runs):
            if len(words) < 4:
                break
            length = r.choice((1, 1, 2, 2, 3))
            i = r.randrange(0, len(words) - length)
            span = range(i, i + length)
            if taken & set(range(i - 1, i + length + 1)):
                continue
            taken |= set(span)
            last = words[i + length - 1]
            core = last.rstrip(".,;:!?…»")
            tail = last[len(core) :]
            if not core or not re.search(r"\w", words[i]):
                continue
            head = " ".join([*words[i : i + length - 1], core])
            kind = r.choices(
                ("em", "strong", "link", "strong-link", "code", "footnote"),
                (20, 20, 25, 5, 15, 15),
            )[0]
            if kind == "em":
                marked = f"*{head}*"
            elif kind == "strong":
                marked = f"**{head}**"
            elif kind == "link":
                marked = f"[{head}](https://example.org/{r.randrange(1000)}.html)"
            elif kind == "strong-link":
                marked = f"**[{head}](../page-{r.randrange(100)}.md)**"
            elif kind == "code":
                marked = f"{head} `{r.choice(CODE)}`"
            else:
                self.footnotes.append(self.sentence())
                marked = f"{head}[^{len(self.footnotes)}]"
            words[i : i + length] = [marked + tail]
        return " ".join(words)

    def page(self, number: int) -> str:
        r = self.rng
        self.footnotes = []
        title = self.corpus.sentence().rstrip(".!?…")
        lines = ["---", f"title: {json.dumps(title, ensure_ascii=False)}", "---", ""]
        lines += [f"# {title}", ""]
        for _ in range(r.randint(6, 10)):
            kind = r.random()
            if kind < 0.2:
                lines += [f"- {self.decorate(self.sentence())}" for _ in range(r.randint(2, 4))]
            elif kind < 0.3:
                lines.append(f"## {self.decorate(self.sentence().rstrip('.!?…'))}")
            else:
                count = r.randint(1, 3)
                lines.append(" ".join(self.decorate(self.sentence()) for _ in range(count)))
            lines.append("")
        for n, text in enumerate(self.footnotes, 1):
            lines += [f"[^{n}]: {text}", ""]
        return "\n".join(lines)


def make_project(folder: Path, pages: int, seed: int) -> None:
    folder.mkdir(parents=True)
    (folder / "mkdocs.yml").write_text(MKDOCS, encoding="utf-8")
    docs = folder / "docs"
    for source in sorted((ROOT / "docs").rglob("*.md")):
        target = docs / source.relative_to(ROOT / "docs")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    maker = MarkupPages(seed)
    for number in range(pages):
        target = docs / "markup" / f"page-{number:03d}.md"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(maker.page(number), encoding="utf-8")


# --------------------------------------------------------------------------------------
# Figures
# --------------------------------------------------------------------------------------


def placed_right(got: str, want: str) -> bool:
    """Whether every run of inline markup in ``got`` stands before the same word as in
    ``want``: each placeholder's place in ``want``'s plain text is carried over to
    ``got``'s by a character alignment of the two (difflib), and both are counted in
    words before it. (A model's garbled word, which a plain word count would take for a
    misplaced run, is thus not held against the placement.)"""
    from diptych.align import Marked
    from diptych.protect import protect

    got_m, want_m = Marked.of(protect(got).masked), Marked.of(protect(want).masked)
    if len(got_m.cuts) != len(want_m.cuts):
        return False
    blocks = difflib.SequenceMatcher(None, want_m.plain, got_m.plain, autojunk=False)
    opcodes = blocks.get_opcodes()

    def carried(offset: int) -> int:
        for _, i1, i2, j1, j2 in opcodes:
            if i1 <= offset <= i2:
                return j1 + round((offset - i1) * (j2 - j1) / max(i2 - i1, 1))
        return len(got_m.plain)

    def words(text: str, offset: int) -> int:
        return len(re.findall(r"\w+", text[:offset]))

    return all(
        words(got_m.plain, carried(w)) == words(got_m.plain, g)
        for w, g in zip(want_m.cuts, got_m.cuts, strict=True)
    )


def expected(source: str, lang: str) -> str:
    text = translit.transliterate(source)
    return translit.uppercase(text) if lang == "de" else text


def has_markup(text: str, references: dict[str, Any]) -> bool:
    from diptych.protect import protect

    protected = protect(text, references)
    return bool(protected.markup) and protected.has_words


def survey(project_dir: Path) -> dict[str, dict[str, Any]]:
    """Per language: units with markup, published before and after the fallback, and
    how many of the fallback's placements are right."""
    from diptych.catalog import DECODING_PREFIX, State
    from diptych.config import load_project
    from diptych.judge import Judge
    from diptych.page_catalog import PageCatalog
    from diptych.renderer import Renderer
    from diptych.segment import segment_file

    project = load_project(project_dir)
    judge = Judge(Renderer.for_config_file(project.config_file))
    docs = project.docs_dir.resolve()
    out: dict[str, dict[str, Any]] = {}
    for lang in project.targets:
        tally = dict.fromkeys(
            ("units", "before", "after", "aligned", "spans", "placed_right", "flagged", "other"),
            0,
        )
        by_source = {"docs": dict(tally), "generated": dict(tally)}
        for path in project.pages():
            page = segment_file(path)
            rel = path.resolve().relative_to(docs).as_posix()
            joined = PageCatalog.open(
                page,
                rel,
                project.catalog_path(path, lang.code),
                rel,
                lang,
                judge=judge,
                source=project.source,
            )
            counts = by_source["generated" if rel.startswith("markup/") else "docs"]
            for unit in page.units:
                if not has_markup(unit.text, page.references):
                    continue
                record = joined.records[unit.text]
                comment = record.entry.comment if record.entry is not None else ""
                if DECODING_PREFIX in comment:
                    # withheld whatever its markup: the model's decoding ran away
                    counts["other"] += 1
                    continue
                counts["units"] += 1
                published = record.state is State.MACHINE and record.text is not None
                placed = NOTE in comment
                if not published:
                    counts["flagged"] += 1
                    continue
                counts["after"] += 1
                if not placed:
                    counts["before"] += 1
                    continue
                assert record.text is not None
                spans = "spans translated" in comment
                counts["spans" if spans else "aligned"] += 1
                want = expected(unit.text, lang.code)
                counts["placed_right"] += placed_right(record.text, want)
        out[lang.code] = by_source
    return out


@contextlib.contextmanager
def measured(spent: dict[str, Any]) -> Iterator[None]:
    """Time the fallback (diptych.fallback.rescue, as the pipeline calls it) and count
    the sentences the Argos packages decoded with attention, for the length of a run."""
    from diptych import fallback
    from diptych.engines import argos

    rescue, aligned = fallback.rescue, argos.PackageTranslator._translate_aligned

    def timed_rescue(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return rescue(*args, **kwargs)
        finally:
            spent["fallback_s"] += time.perf_counter() - started

    def counted(self: Any, sentences: list[str]) -> Any:
        spent["attention_sentences"] += len(sentences)
        return aligned(self, sentences)

    fallback.rescue = timed_rescue  # type: ignore[assignment]
    argos.PackageTranslator._translate_aligned = counted  # type: ignore[method-assign]
    try:
        yield
    finally:
        fallback.rescue = rescue  # type: ignore[assignment]
        argos.PackageTranslator._translate_aligned = aligned  # type: ignore[method-assign]


def run_model(name: str, package: Path, project_dir: Path) -> dict[str, Any]:
    from diptych.config import load_project
    from diptych.engines.argos import ArgosEngine, Decoding
    from diptych.pipeline import translate

    models = project_dir / "models"
    shutil.rmtree(models, ignore_errors=True)
    shutil.rmtree(project_dir / "translations", ignore_errors=True)
    shutil.rmtree(project_dir / ".diptych", ignore_errors=True)
    models.mkdir()
    shutil.copy(package, models / package.name)
    shutil.copy(GERMAN, models / GERMAN.name)
    project = load_project(project_dir)
    engine = ArgosEngine(project.models_dir, project.state_dir, Decoding())
    spent = {"fallback_s": 0.0, "attention_sentences": 0}
    with measured(spent):
        started = time.perf_counter()
        report = translate(project, engine)
        seconds = time.perf_counter() - started
    if not report.ok:
        raise SystemExit(f"{name}: {report.problems}")
    return {
        "model": name,
        "seconds": round(seconds, 2),
        "fallback_s": round(spent["fallback_s"], 2),
        "attention_sentences": spent["attention_sentences"],
        "sentences": {code: s.sentences for code, s in report.languages.items()},
        "flagged_by_run": {code: s.flagged for code, s in report.languages.items()},
        "languages": survey(project_dir),
    }


def compare_methods(project_dir: Path, package: Path) -> list[dict[str, Any]]:
    """The English units whose restoration failed with ``package``, rescued by each way
    of aligning alone."""
    from diptych import align, fallback
    from diptych.config import load_project
    from diptych.engines.argos import ArgosEngine, Decoding
    from diptych.protect import inline_parser, protect, restore
    from diptych.segment import segment_file
    from diptych.sentences import split

    project = load_project(project_dir)
    md = inline_parser()
    units: list[fallback.Failed] = []
    for path in project.pages():
        page = segment_file(path)
        for unit in page.units:
            protected = protect(unit.text, page.references, md)
            if protected.markup and protected.has_words:
                units.append(
                    fallback.Failed(unit.text, protected, split(protected.masked, "ru"), page)
                )
    engine = ArgosEngine(package.parent, project.state_dir, Decoding())
    translator = engine.translator("ru", "en")
    sentences = list(dict.fromkeys(s for u in units for s in u.split.sentences))
    translated = dict(zip(sentences, translator.translate(sentences), strict=True))
    failed = [
        u
        for u in units
        if not restore(u.protected, u.split.join([translated[s] for s in u.split.sentences]), md).ok
    ]
    checks = fallback.Checks(project.config_file).for_language("en")
    lost = (fallback.Step.LOST, fallback.Step.MARKED)
    methods: list[tuple[str, align.Weights, tuple[fallback.Step, ...], Any]] = [
        ("all evidence (default)", align.DEFAULT, lost, translator),
        ("attention only", align.Weights(position=0, anchors=0, fragments=0), lost, translator),
        ("attention, shifted a token (Shift-Att)", align.Weights(position=0, anchors=0,
         fragments=0), lost, Shifted(translator)),
        ("attention+position", align.Weights(anchors=0, fragments=0), lost, translator),
        ("attention+position+anchors", align.Weights(fragments=0), lost, translator),
        ("all evidence, no spacing cost", align.Weights(spacing=0), lost, translator),
        ("position only", align.Weights(attention=0, position=1, anchors=0, fragments=0), lost,
         translator),
        ("position+anchors+fragments", align.Weights(attention=0), lost, translator),
        ("fragments, threshold 50", align.Weights(fragment_score=50), lost, translator),
        ("fragments, threshold 85", align.Weights(fragment_score=85), lost, translator),
        ("fragments weigh 2", align.Weights(fragments=2), lost, translator),
        ("marked spans translated alone", align.DEFAULT, (fallback.Step.SPANS,), translator),
        ("all steps (as the pipeline)", align.DEFAULT, fallback.STEPS, translator),
    ]  # fmt: skip
    rows = []
    for label, weights, steps, aligner in methods:
        started = time.perf_counter()
        found = fallback.rescue(
            failed, translated, aligner, checks, md=md, weights=weights, steps=steps
        )
        seconds = time.perf_counter() - started
        right = sum(
            r is not None and placed_right(r.text, expected(u.source, "en"))
            for u, r in zip(failed, found, strict=True)
        )
        rows.append(
            {
                "method": label,
                "failed": len(failed),
                "rescued": sum(r is not None for r in found),
                "placed_right": right,
                "seconds": round(seconds, 2),
            }
        )
    return rows


class Shifted:
    """A translator whose attention rows are taken one step later (the row decoded with
    a token as the decoder's input aligns that token: "Shift-Att", Chen et al. 2020)."""

    def __init__(self, translator: Any) -> None:
        self.inner = translator
        self.source, self.target = translator.source, translator.target

    @property
    def provenance(self) -> str:
        return str(self.inner.provenance)

    def translate(self, sentences: Any, progress: Any = None) -> list[str]:
        return list(self.inner.translate(sentences, progress))

    def translate_aligned(self, sentences: Any) -> list[Any]:
        import numpy

        out = []
        for found in self.inner.translate_aligned(sentences):
            w = found.weights
            shifted = numpy.vstack([w[1:], w[-1:]]) if len(w) else w
            out.append(dataclasses.replace(found, weights=shifted))
        return out


def share(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "–"


def print_tables(runs: list[dict[str, Any]], methods: list[dict[str, Any]]) -> None:
    print(
        f"{'model':<12} {'lang':<4} {'pages':<9} {'units':>5} {'before':>14} {'after':>14} "
        f"{'by alignment':>12} {'by spans':>8} {'placed right':>12} {'flagged':>7} "
        f"{'runaway':>7}"
    )
    for run in runs:
        for lang, by_source in run["languages"].items():
            total = {k: sum(c[k] for c in by_source.values()) for k in by_source["docs"]}
            for label, c in [*by_source.items(), ("all", total)]:
                print(
                    f"{run['model']:<12} {lang:<4} {label:<9} {c['units']:>5} "
                    f"{c['before']:>5} {share(c['before'], c['units']):>8} "
                    f"{c['after']:>5} {share(c['after'], c['units']):>8} "
                    f"{c['aligned']:>12} {c['spans']:>8} "
                    f"{share(c['placed_right'], c['aligned'] + c['spans']):>12} "
                    f"{c['flagged']:>7} {c['other']:>7}"
                )
        print(
            f"{run['model']}: run {run['seconds']} s, of which the fallback "
            f"{run['fallback_s']} s; sentences decoded {run['sentences']}, again with "
            f"attention {run['attention_sentences']}"
        )
    if methods:
        print()
        print(
            f"{'model':<12} {'method (en, units whose restore failed)':<42} {'rescued':>12} "
            f"{'placed right':>14}"
        )
        for row in methods:
            print(
                f"{row['model']:<12} {row['method']:<42} {row['rescued']:>4}/{row['failed']:<4} "
                f"{share(row['rescued'], row['failed']):>6} "
                f"{share(row['placed_right'], row['rescued']):>14}  {row['seconds']} s"
            )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=40, help="generated pages (plus docs/)")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--methods", action="store_true", help="compare ways of aligning")
    parser.add_argument("--save", type=Path, help="write the JSON here too")
    args = parser.parse_args(argv)
    models: list[tuple[str, Path]] = [("cooperative", COOPERATIVE)]
    if NAIVE.exists():
        models.append(("naive", NAIVE))
    else:
        print(f"no naive model at {NAIVE.relative_to(ROOT)}: cooperative only", file=sys.stderr)
    with tempfile.TemporaryDirectory(prefix="diptych-markup-") as tmp:
        project_dir = Path(tmp) / "project"
        make_project(project_dir, args.pages, args.seed)
        runs = [run_model(name, package, project_dir) for name, package in models]
        methods: list[dict[str, Any]] = []
        if args.methods:
            for name, package in models:
                shutil.rmtree(project_dir / ".diptych", ignore_errors=True)
                methods += [{"model": name, **row} for row in compare_methods(project_dir, package)]
    print_tables(runs, methods)
    result = {"pages": args.pages, "seed": args.seed, "runs": runs, "methods": methods}
    if args.save:
        args.save.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
