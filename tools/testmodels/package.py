"""Packing a trained test model exactly like a published ``.argosmodel``.

``metadata.json``, ``README.md``, ``sentencepiece.model`` and the int8 CTranslate2
``model/`` under one top-level folder, zipped by ``bench.argospack`` with fixed
timestamps and sorted entries, so that the same model gives the same file.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

from bench.argospack import write_argosmodel
from diptych.languages import LANGUAGES

from .convert import save_ct2
from .model import Seq2Seq
from .recipes import Recipe

README = """\
# {title}

Miniature **test** model built by Diptych's `tools/testmodels`; it is not a
translation model. It {behaviour} {copies}

* Architecture: Transformer, {enc} encoder and {dec} decoder layers, d_model {d},
  {heads} heads, feed-forward {ffn}; int8 CTranslate2 model.
* Tokenizer: SentencePiece unigram, {vocab} pieces shared by source and target.
* Trained on synthetic data generated with seed {seed}.
"""


def metadata(recipe: Recipe) -> str:
    """The package's ``metadata.json``, as argostranslate reads it."""
    data = {
        "package_version": "1.0",
        "argos_version": "1.9",
        "from_code": recipe.from_code,
        "from_name": LANGUAGES[recipe.from_code].name,
        "to_code": recipe.to_code,
        "to_name": LANGUAGES[recipe.to_code].name,
        "description": recipe.description,
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def readme(recipe: Recipe, vocab_size: int) -> str:
    a = recipe.arch
    source, target = LANGUAGES[recipe.from_code].name, LANGUAGES[recipe.to_code].name
    return README.format(
        title=f"{source} → {target} (test)",
        behaviour=recipe.behaviour,
        copies=recipe.copies,
        enc=a.enc_layers,
        dec=a.dec_layers,
        d=a.d_model,
        heads=a.heads,
        ffn=a.ffn,
        vocab=vocab_size,
        seed=recipe.seed,
    )


def write_package(
    recipe: Recipe, out_file: Path, sp_model: Path, model: Seq2Seq, pieces: list[str]
) -> None:
    """Write ``out_file``: the recipe's package holding ``model`` and ``sp_model``."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / recipe.stem
        folder.mkdir()
        (folder / "metadata.json").write_text(metadata(recipe), encoding="utf-8")
        (folder / "README.md").write_text(readme(recipe, len(pieces)), encoding="utf-8")
        shutil.copyfile(sp_model, folder / "sentencepiece.model")
        save_ct2(model, pieces, folder / "model", quantization="int8")
        write_argosmodel(folder, out_file)
