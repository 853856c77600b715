"""Making Argos packages: a SentencePiece model, CTranslate2 Transformer weights, the zip.

Two builders in the repository make packages that load exactly like a published
``.argosmodel``: the benchmark's full-size package with random weights
(:func:`benchlib.build_package`) and the miniature trained test packages
(``tools/testmodels``). They differ only in where the weights come from, so the layout
of the weights (:class:`Transformer`, the pre-norm Transformer of Argos' OpenNMT-py
models, one embedding matrix shared by encoder, decoder and output projection), the
tokenizer's training and the archive are written once, here.

``tools/testmodels`` imports this as ``bench.argospack``, the benchmarks as
``argospack``; only the standard library, numpy and the model libraries are imported.
"""

from __future__ import annotations

import shutil
import tempfile
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

Array = npt.NDArray[np.float32]

#: SentencePiece ids of Argos (OpenNMT-py) vocabularies: <unk>, <s>, </s> first.
UNK, BOS, EOS = 0, 1, 2


@dataclass(frozen=True)
class Linear:
    weight: Array  # (out, in)
    bias: Array


@dataclass(frozen=True)
class Norm:
    gamma: Array
    beta: Array


@dataclass(frozen=True)
class Attention:
    """A pre-norm attention block with CTranslate2's fused projections: self-attention
    ``(qkv, out)``, cross-attention ``(q, kv, out)``."""

    norm: Norm
    projections: tuple[Linear, ...]


@dataclass(frozen=True)
class FeedForward:
    norm: Norm
    inner: Linear
    outer: Linear


@dataclass(frozen=True)
class Layer:
    self_attention: Attention
    feed_forward: FeedForward
    cross_attention: Attention | None = None  # decoder layers only


@dataclass(frozen=True)
class Transformer:
    """All the weights of a pre-norm encoder-decoder Transformer with ReLU feed-forward."""

    heads: int
    embedding: Array  # (vocabulary, d_model): source, target and output projection
    encoder: tuple[Layer, ...]
    encoder_norm: Norm
    decoder: tuple[Layer, ...]
    decoder_norm: Norm
    output_bias: Array
    layer_norm_epsilon: float | None = None  # None: CTranslate2's default


def _linear(spec: Any, linear: Linear) -> None:
    spec.weight = linear.weight
    spec.bias = linear.bias


def _norm(spec: Any, norm: Norm) -> None:
    spec.gamma = norm.gamma
    spec.beta = norm.beta


def _attention(spec: Any, attention: Attention) -> None:
    _norm(spec.layer_norm, attention.norm)
    *inputs, output = attention.projections
    for index, linear in enumerate(inputs):
        _linear(spec.linear[index], linear)
    _linear(spec.linear[-1], output)


def _feed_forward(spec: Any, feed_forward: FeedForward) -> None:
    _norm(spec.layer_norm, feed_forward.norm)
    _linear(spec.linear_0, feed_forward.inner)
    _linear(spec.linear_1, feed_forward.outer)


def ct2_spec(weights: Transformer, vocabulary: Sequence[str]) -> Any:
    """A validated ``ctranslate2.specs.TransformerSpec`` holding ``weights``.

    Position encodings are left unset: CTranslate2 then generates its own sinusoids.
    """
    from ctranslate2.specs import (  # type: ignore[import-untyped]
        common_spec,
        transformer_spec,
    )

    spec = transformer_spec.TransformerSpec.from_config(
        (len(weights.encoder), len(weights.decoder)),
        weights.heads,
        pre_norm=True,
        activation=common_spec.Activation.RELU,
    )
    if weights.layer_norm_epsilon is not None:
        spec.config.layer_norm_epsilon = weights.layer_norm_epsilon
    spec.encoder.embeddings[0].weight = weights.embedding
    spec.encoder.scale_embeddings = True
    _norm(spec.encoder.layer_norm, weights.encoder_norm)
    for layer_spec, layer in zip(spec.encoder.layer, weights.encoder, strict=True):
        _attention(layer_spec.self_attention, layer.self_attention)
        _feed_forward(layer_spec.ffn, layer.feed_forward)
    spec.decoder.embeddings.weight = weights.embedding
    spec.decoder.scale_embeddings = True
    _norm(spec.decoder.layer_norm, weights.decoder_norm)
    for layer_spec, layer in zip(spec.decoder.layer, weights.decoder, strict=True):
        assert layer.cross_attention is not None, "a decoder layer attends to the encoder"
        _attention(layer_spec.self_attention, layer.self_attention)
        _attention(layer_spec.attention, layer.cross_attention)
        _feed_forward(layer_spec.ffn, layer.feed_forward)
    spec.decoder.projection.weight = weights.embedding
    spec.decoder.projection.bias = weights.output_bias
    spec.register_source_vocabulary(list(vocabulary))
    spec.register_target_vocabulary(list(vocabulary))
    spec.validate()
    return spec


def save_transformer(
    weights: Transformer, vocabulary: Sequence[str], out_dir: Path, quantization: str | None
) -> None:
    """Write ``weights`` as a CTranslate2 model folder (replacing ``out_dir``)."""
    spec = ct2_spec(weights, vocabulary)
    spec.optimize(quantization=quantization)
    if out_dir.exists():
        shutil.rmtree(out_dir)
    out_dir.mkdir(parents=True)
    spec.save(str(out_dir))


def train_sentencepiece(
    lines: Sequence[str], model_file: Path, vocab_size: int, **options: Any
) -> None:
    """Train a unigram SentencePiece model on ``lines`` in the corpus' order, with Argos'
    first ids (<unk> 0, <s> 1, </s> 2); ``options`` go to the trainer as they are."""
    import sentencepiece as spm

    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.txt"
        corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
        spm.SentencePieceTrainer.train(
            input=str(corpus),
            model_prefix=str(Path(tmp) / "sp"),
            model_type="unigram",
            vocab_size=vocab_size,
            character_coverage=1.0,
            unk_id=UNK,
            bos_id=BOS,
            eos_id=EOS,
            shuffle_input_sentence=False,
            minloglevel=2,
            **options,
        )
        shutil.copyfile(Path(tmp) / "sp.model", model_file)


#: A fixed timestamp, so that the same files give the same archive.
_EPOCH = (1980, 1, 1, 0, 0, 0)


def write_argosmodel(folder: Path, target: Path, *, compress: bool = True) -> None:
    """Zip ``folder`` (``metadata.json``, ``sentencepiece.model``, ``model/``...) as an
    ``.argosmodel``: one top-level folder, sorted entries, fixed timestamps and modes.

    ``compress=False`` stores the files: int8 weights hardly compress, and a full-size
    model deflates slowly.
    """
    method = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
    level = 9 if compress else None
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".partial")
    with zipfile.ZipFile(partial, "w", compression=method, compresslevel=level) as archive:
        for path in sorted([folder, *folder.rglob("*")], key=lambda p: p.as_posix()):
            name = path.relative_to(folder.parent).as_posix()
            if path.is_dir():
                info = zipfile.ZipInfo(name + "/", date_time=_EPOCH)
                info.external_attr = (0o40755 << 16) | 0x10
                archive.writestr(info, b"")
            else:
                info = zipfile.ZipInfo(name, date_time=_EPOCH)
                info.external_attr = 0o100644 << 16
                info.compress_type = method
                archive.writestr(info, path.read_bytes(), compresslevel=level)
    partial.replace(target)
