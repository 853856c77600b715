"""Building the test packages: corpus, tokenizer, training, checks, package, in that order.

Each step lives in its own module; this one runs them for one :class:`~.recipes.Recipe`
and says what it did, so that a run of half an hour shows its progress and its figures
(kept in ``build-stats.json`` beside the packages).
"""

from __future__ import annotations

import json
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import sentencepiece as spm
import torch

from diptych.errors import DiptychError

from .convert import greedy_agreement, max_score_gap, vocabulary
from .corpus import CorpusGenerator, check_markup_free
from .package import write_package
from .recipes import Recipe, Settings
from .tokenizer import train_tokenizer
from .train import Pair, train

#: Largest log-probability gap between float32 CTranslate2 and PyTorch that is rounding.
MAX_SCORE_GAP = 1e-3


def _source(recipe: Recipe, gen: CorpusGenerator) -> Callable[[], str]:
    """The recipe's source sentences: Russian, or transliterated for en -> de."""
    if recipe.naive:
        return lambda: check_markup_free(gen.sentence())
    return gen.sentence if recipe.from_code == "ru" else gen.latin_sentence


def _tokenizer(
    recipe: Recipe, settings: Settings, source: Callable[[], str], model_file: Path
) -> spm.SentencePieceProcessor:
    print(f"[{recipe.name}] generating SentencePiece corpus (seed {recipe.seed})", flush=True)
    lines = []
    for _ in range(settings.sp_sentences):
        s = source()
        lines += [s, recipe.rule(s)]
    started = time.time()
    train_tokenizer(lines, model_file, recipe.vocab, recipe.naive)
    sp = spm.SentencePieceProcessor(model_file=str(model_file))
    lens = sorted(len(sp.encode(s)) for s in lines[::2])
    print(
        f"[{recipe.name}] SentencePiece: {sp.get_piece_size()} pieces in "
        f"{time.time() - started:.0f}s; source tokens median {lens[len(lens) // 2]}, "
        f"max {lens[-1]}",
        flush=True,
    )
    return sp


def build_one(recipe: Recipe, settings: Settings, out_dir: Path, tmp: Path) -> tuple[float, str]:
    """Train and write one package; return the seconds training took and how many
    held-out sentences int8 CTranslate2 and PyTorch decode alike."""
    name = recipe.name
    source = _source(recipe, CorpusGenerator(recipe.seed, naive=recipe.naive))
    sp_path = tmp / f"{name}.model"
    sp = _tokenizer(recipe, settings, source, sp_path)
    heldout_source = _source(recipe, CorpusGenerator(recipe.seed + 7, naive=recipe.naive))
    heldout = [(s, recipe.rule(s)) for s in (heldout_source() for _ in range(200))]

    def sample_pair() -> Pair:
        s = source()
        return s, recipe.rule(s)

    model, seconds = train(recipe, settings, sp, sample_pair, heldout, tmp / "eval")
    print(f"[{name}] trained in {seconds / 60:.1f} min", flush=True)

    gap = max_score_gap(model, sp, heldout[:40], tmp)
    print(f"[{name}] float32 CTranslate2 vs PyTorch: max |log-prob diff| = {gap:.2e}", flush=True)
    if gap > MAX_SCORE_GAP:
        raise DiptychError(f"[{name}] CTranslate2 layout does not match PyTorch")

    out_file = out_dir / f"{recipe.stem}.argosmodel"
    write_package(recipe, out_file, sp_path, model, vocabulary(sp))
    print(f"[{name}] wrote {out_file} ({out_file.stat().st_size / 1e6:.2f} MB)", flush=True)

    sources = [s for s, _ in heldout[:50]]
    agree = greedy_agreement(model, sp, sources, tmp / f"{name}-int8")
    print(
        f"[{name}] greedy decoding, int8 CTranslate2 == PyTorch: {agree}/{len(sources)}",
        flush=True,
    )
    return seconds, f"{agree}/{len(sources)}"


def build(recipes: list[Recipe], settings: Settings, out_dir: Path) -> None:
    """Build ``recipes`` into ``out_dir`` and merge their figures into build-stats.json."""
    torch.set_num_threads(settings.threads)
    torch.use_deterministic_algorithms(True)
    out_dir.mkdir(parents=True, exist_ok=True)
    stats: dict[str, float | str] = {}
    minutes: dict[str, str] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for recipe in recipes:
            seconds, agreement = build_one(recipe, settings, out_dir, Path(tmp))
            stats[recipe.name] = seconds
            stats[f"{recipe.name}_greedy_agreement"] = agreement
            minutes[recipe.name] = f"{recipe.name} {seconds / 60:.1f} min"
    trained = ", ".join(minutes[name] for name in ("ru_en", "en_de") if name in minutes)
    print(f"training time: {trained}", flush=True)
    file = out_dir / "build-stats.json"
    known = json.loads(file.read_text()) if file.exists() else {}
    file.write_text(json.dumps({**known, **stats}, indent=2) + "\n")
