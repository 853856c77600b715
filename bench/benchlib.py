"""Shared helpers of the benchmarks: a seeded Russian corpus and a full-size Argos package.

Nothing here is timed. The corpus generator and the model builder are deterministic for
a given seed, so two runs of a benchmark (or two machines) measure the same inputs.

The package is the size of a published Argos ru→en package: Argos' published models are
OpenNMT-py Transformer-base models (6 encoder + 6 decoder layers, d_model 512, 8 heads,
feed-forward 2048, a shared SentencePiece vocabulary of about 32k pieces, int8 CTranslate2
weights). No published package can be downloaded here, so the weights are random
(seeded numpy); the compute per decoded token is what a published package costs, which is
what a speed benchmark needs. It is packed exactly like an ``.argosmodel`` (one top-level
folder with ``metadata.json``, ``sentencepiece.model`` and ``model/``) and loaded through
the same code as a published package.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from itertools import accumulate
from pathlib import Path
from typing import Any

import argospack
from words import FREQUENT_RU

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CACHE = Path(
    os.environ.get("DIPTYCH_BENCH_CACHE", Path.home() / ".cache" / "diptych-bench")
)

# --------------------------------------------------------------------------------------
# Corpus: Russian-looking text with realistic word, sentence and paragraph lengths
# --------------------------------------------------------------------------------------

# Frequent Russian words, then news and documentation vocabulary (drawn by position).
COMMON_RU: tuple[str, ...] = (
    *FREQUENT_RU,
    *"""
министерство заявление правительство президент республика государство общество область
регион закон решение развитие сотрудничество безопасность экономика политика организация
договор соглашение встреча переговоры делегация граждане население ситуация положение
данные результат вопросы стороны международный национальный внешний внутренний
официальный совместный важный
""".split(),  # noqa: SIM905
)

# Stems and endings: an inflecting language gives a SentencePiece model of 32k pieces
# realistic work (frequent words whole, rare ones in 2-4 pieces).
_ONSETS = "б в г д ж з к л м н п р с т ф х ц ч ш щ бр вл гр др кр пр ст тр сл зн св сп".split()  # noqa: SIM905
_VOWELS = "а о е и у ы я ю э".split()  # noqa: SIM905
_CODAS = ["", "", "", "н", "р", "л", "с", "т", "к", "м", "й", "ст", "нт"]
_ENDINGS = (  # noqa: SIM905
    "а о е и у ы ой ая ое ые ий ого ому ым ом ах ами ей ям ов ение ения ению ость ости "
    "ать ять ить ет ут ют ит ат ял ила или ный ная ное ные ского ская ские"
).split()


def _stem(rng: random.Random) -> str:
    return "".join(
        rng.choice(_ONSETS) + rng.choice(_VOWELS) + rng.choice(_CODAS)
        for _ in range(rng.choice((1, 2, 2, 3)))
    )


@dataclass(frozen=True)
class CorpusSpec:
    seed: int = 20260101
    stems: int = 12000
    # Words per sentence: log-normal around ~16 (Russian news prose: 15-20 words).
    sentence_words_mu: float = 2.7
    sentence_words_sigma: float = 0.45
    # Sentences per paragraph and blocks per page.
    paragraph_sentences: tuple[int, int] = (1, 5)
    page_blocks: tuple[int, int] = (6, 14)


class Corpus:
    """Deterministic generator of Russian sentences, paragraphs and Markdown pages."""

    def __init__(self, spec: CorpusSpec | None = None) -> None:
        self.spec = spec or CorpusSpec()
        rng = random.Random(self.spec.seed)
        stems = sorted({_stem(rng) for _ in range(self.spec.stems)})
        rng.shuffle(stems)  # frequency rank independent of spelling
        self._stems = stems
        # Zipf-like weights: a few stems are very frequent, most are rare.
        self._cum_weights = list(accumulate(1.0 / (rank + 10) for rank in range(len(stems))))
        self._common = COMMON_RU
        self._rng = random.Random(self.spec.seed + 1)

    def word(self) -> str:
        r = self._rng
        x = r.random()
        if x < 0.35:
            return r.choice(self._common)
        if x < 0.93:
            stem = r.choices(self._stems, cum_weights=self._cum_weights)[0]
            return stem + r.choice(_ENDINGS)
        if x < 0.97:
            return str(r.choice((r.randint(1, 31), r.randint(1990, 2030), r.randint(2, 9999))))
        return r.choice(("ОДКБ", "ООН", "ОБСЕ", "СМИ", "МИД", "ЕС", "СНГ"))

    def sentence(self) -> str:
        r = self._rng
        n = max(
            2,
            min(
                60,
                round(
                    r.lognormvariate(self.spec.sentence_words_mu, self.spec.sentence_words_sigma)
                ),
            ),
        )
        words = [self.word() for _ in range(n)]
        words[0] = words[0][:1].upper() + words[0][1:]
        out = []
        for i, w in enumerate(words):
            out.append(w)
            if i + 1 < len(words) and r.random() < 0.08:
                out[-1] += ","
            elif i + 2 < len(words) and r.random() < 0.015:
                out.append("—")
        return " ".join(out) + r.choices((".", "!", "?", "…"), (30, 1, 1, 0.3))[0]

    def paragraph(self) -> str:
        lo, hi = self.spec.paragraph_sentences
        return " ".join(self.sentence() for _ in range(self._rng.randint(lo, hi)))

    def _inline(self, text: str) -> str:
        """Sprinkle inline markup over some words, as real pages have."""
        r = self._rng
        words = text.split(" ")
        if len(words) > 4 and r.random() < 0.3:
            i = r.randrange(1, len(words) - 2)
            words[i] = f"**{words[i]}**"
        if len(words) > 6 and r.random() < 0.2:
            i = r.randrange(1, len(words) - 3)
            words[i] = f"[{words[i]} {words[i + 1]}](https://example.org/{i})"
            del words[i + 1]
        return " ".join(words)

    def page(self, number: int) -> str:
        r = self._rng
        title = self.sentence().rstrip(".!?…")
        lines = [
            "---",
            f"title: {json.dumps(title, ensure_ascii=False)}",
            f"description: {json.dumps(self.sentence(), ensure_ascii=False)}",
            f"date: 20{10 + number % 15:02d}-{1 + number % 12:02d}-{1 + number % 28:02d}",
            "---",
            "",
        ]
        lo, hi = self.spec.page_blocks
        for b in range(r.randint(lo, hi)):
            kind = r.random()
            if b and kind < 0.12:
                lines += [f"## {self.sentence().rstrip('.!?…')}", ""]
            elif kind < 0.22:
                lines += [f"- {self._inline(self.sentence())}" for _ in range(r.randint(2, 5))]
                lines.append("")
            elif kind < 0.27:
                lines += [f"> {self._inline(self.paragraph())}", ""]
            else:
                lines += [self._inline(self.paragraph()), ""]
        return "\n".join(lines)


def write_pages(
    docs: Path, count: int, spec: CorpusSpec | None = None, include_project_docs: bool = True
) -> list[Path]:
    """``count`` pages under ``docs``: the project's own docs first, then generated ones."""
    docs.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    if include_project_docs:
        for source in sorted((ROOT / "docs").rglob("*.md")):
            if len(written) >= count:
                break
            target = docs / source.relative_to(ROOT / "docs")
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
            written.append(target)
    corpus = Corpus(spec)
    number = 0
    while len(written) < count:
        # 50 pages per folder, as an archive organised by year or section would be.
        target = docs / "archive" / f"{number // 50:03d}" / f"page-{number:05d}.md"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(corpus.page(number), encoding="utf-8")
        written.append(target)
        number += 1
    return written


def training_text(lines: int, seed: int = 7) -> list[str]:
    """Text for the SentencePiece model: Russian sentences and Latin-script ones (as a
    shared ru/en vocabulary is trained on both sides of a parallel corpus)."""
    corpus = Corpus(CorpusSpec(seed=seed))
    table = str.maketrans("абвгдеёжзийклмнопрстуфхцчшщъыьэюя", "abvgdeejziiklmnoprstufhccss_y_eua")
    out = []
    for i in range(lines):
        sentence = corpus.sentence()
        out.append(sentence if i % 2 == 0 else sentence.lower().translate(table).capitalize())
    return out


# --------------------------------------------------------------------------------------
# The model: a Transformer-base ru→en Argos package with random int8 weights
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ModelSpec:
    encoder_layers: int = 6
    decoder_layers: int = 6
    d_model: int = 512
    heads: int = 8
    ffn: int = 2048
    vocab: int = 32000
    quantization: str = "int8"
    seed: int = 1234
    sp_lines: int = 200_000  # SentencePiece training sentences

    @property
    def key(self) -> str:
        blob = json.dumps(asdict(self), sort_keys=True).encode()
        return hashlib.sha256(blob).hexdigest()[:10]


QUICK_MODEL = ModelSpec(
    encoder_layers=2, decoder_layers=2, d_model=256, heads=4, ffn=1024, vocab=8000, sp_lines=30_000
)


def train_sentencepiece(out: Path, spec: ModelSpec) -> Path:
    """The shared ru/en SentencePiece model of ``spec``'s size, written to ``out``."""
    argospack.train_sentencepiece(
        training_text(spec.sp_lines, spec.seed),
        out,
        spec.vocab,
        input_sentence_size=spec.sp_lines,
        num_threads=os.cpu_count() or 1,
        pad_id=-1,  # OpenNMT-py/Argos vocabularies have no <pad> in SentencePiece
    )
    return out


def random_weights(spec: ModelSpec, vocabulary_size: int) -> argospack.Transformer:
    """A Transformer with ``spec``'s dimensions and seeded random weights.

    The weights are drawn in a fixed order (embedding, then layer by layer), so a spec
    gives the same model on every machine.
    """
    import numpy as np

    rng = np.random.default_rng(spec.seed)
    d, f = spec.d_model, spec.ffn

    def normal(*shape: int, scale: float) -> argospack.Array:
        return rng.standard_normal(shape, dtype=np.float32) * np.float32(scale)

    def linear(out_dim: int, in_dim: int) -> argospack.Linear:
        return argospack.Linear(
            normal(out_dim, in_dim, scale=in_dim**-0.5), np.zeros(out_dim, np.float32)
        )

    def norm() -> argospack.Norm:
        return argospack.Norm(np.ones(d, np.float32), np.zeros(d, np.float32))

    def self_attention() -> argospack.Attention:
        return argospack.Attention(norm(), (linear(3 * d, d), linear(d, d)))  # fused QKV

    def cross_attention() -> argospack.Attention:
        return argospack.Attention(norm(), (linear(d, d), linear(2 * d, d), linear(d, d)))

    def feed_forward() -> argospack.FeedForward:
        return argospack.FeedForward(norm(), linear(f, d), linear(d, f))

    embedding = normal(vocabulary_size, d, scale=d**-0.5)
    encoder = tuple(
        argospack.Layer(self_attention=self_attention(), feed_forward=feed_forward())
        for _ in range(spec.encoder_layers)
    )
    decoder = tuple(
        argospack.Layer(
            self_attention=self_attention(),
            cross_attention=cross_attention(),
            feed_forward=feed_forward(),
        )
        for _ in range(spec.decoder_layers)
    )
    return argospack.Transformer(
        heads=spec.heads,
        embedding=embedding,
        encoder=encoder,
        encoder_norm=norm(),
        decoder=decoder,
        decoder_norm=norm(),
        output_bias=np.zeros(vocabulary_size, np.float32),
    )


def build_package(cache: Path = DEFAULT_CACHE, spec: ModelSpec | None = None) -> Path:
    """The ``.argosmodel`` for ``spec``, built once and cached under ``cache``."""
    spec = spec or ModelSpec()
    target = cache / f"translate-ru_en-bench-{spec.key}.argosmodel"
    if target.is_file():
        return target
    cache.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=cache) as tmp:
        folder = Path(tmp) / "translate-ru_en-bench"
        folder.mkdir()
        sp_model = train_sentencepiece(folder / "sentencepiece.model", spec)
        import sentencepiece as spm

        processor = spm.SentencePieceProcessor(model_file=str(sp_model))
        vocabulary = [processor.id_to_piece(i) for i in range(processor.get_piece_size())]
        weights = random_weights(spec, len(vocabulary))
        argospack.save_transformer(weights, vocabulary, folder / "model", spec.quantization)
        metadata = {
            "package_version": "0.0.1",
            "argos_version": "1.11.0",
            "from_code": "ru",
            "from_name": "Russian",
            "to_code": "en",
            "to_name": "English",
            "type": "translate",
            "code": "translate-ru_en-bench",
            "bench_model": asdict(spec),
        }
        (folder / "metadata.json").write_text(json.dumps(metadata, indent=2) + "\n")
        (folder / "README.md").write_text(
            "Benchmark package: Transformer with random weights. It translates nothing.\n"
        )
        argospack.write_argosmodel(folder, target, compress=False)
    return target


Row = dict[str, Any]


def pages_plot(
    out: Path,
    title: str,
    rows: Sequence[Row],
    series: Sequence[tuple[str, Callable[[Row], float]]],
    *,
    xlabel: str,
    ylabel: str,
    log_x: bool = False,
) -> None:
    """One small SVG line chart of a benchmark's rows against their ``pages``: one line
    per (label, value of a row). Ids are salted so a re-run makes no churn in git."""
    x = [row["pages"] for row in rows]
    import matplotlib

    matplotlib.use("svg")
    import matplotlib.pyplot as plt

    matplotlib.rcParams["svg.hashsalt"] = "diptych-bench"
    fig, ax = plt.subplots(figsize=(6.4, 3.6), layout="constrained")
    for label, value in series:
        ax.plot(x, [value(row) for row in rows], marker="o", label=label)
    if log_x:
        ax.set_xscale("log")
        ax.set_xticks(x, [str(v) for v in x])
    else:
        ax.set_xlim(left=0)
    ax.set_ylim(bottom=0)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_title(title, fontsize=9)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8)
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out, metadata={"Date": None})
    plt.close(fig)


def mkdocs_yml(site_name: str, targets: Sequence[str] = ("en",)) -> str:
    """A benchmark project's mkdocs.yml: Russian pages in docs/, the given targets."""
    names = {"en": "English"}
    lines = [
        f"site_name: {site_name}",
        "docs_dir: docs",
        "plugins:",
        "  - i18n:",
        "      docs_structure: suffix",
        "      languages:",
        "        - locale: ru",
        "          default: true",
        "          name: Русский",
    ]
    for code in targets:
        lines += [f"        - locale: {code}", f"          name: {names.get(code, code)}"]
    return "\n".join(lines) + "\n"
