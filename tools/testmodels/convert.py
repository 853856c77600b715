"""From the PyTorch model to CTranslate2, and the checks that the two agree.

The weights go into ``bench.argospack``'s :class:`~bench.argospack.Transformer` (fused
QKV / KV projections, as CTranslate2 keeps them), which the benchmark package is made of
too. A wrong layout would not fail loudly: it would make a worse model. So the build
scores sentences with float32 CTranslate2 and PyTorch and compares (:func:`max_score_gap`),
and compares int8 CTranslate2's greedy decoding with PyTorch's (:func:`greedy_agreement`).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import sentencepiece as spm
import torch
from torch import nn

from bench import argospack
from bench.argospack import BOS, EOS

from .model import EPSILON, FFN, PAD, Attention, Seq2Seq


def _array(*tensors: torch.Tensor) -> argospack.Array:
    """The tensors as one float32 array, stacked along the output dimension."""
    return np.concatenate([t.detach().cpu().numpy().astype(np.float32).copy() for t in tensors])


def _linear(*parts: nn.Linear) -> argospack.Linear:
    return argospack.Linear(_array(*(p.weight for p in parts)), _array(*(p.bias for p in parts)))


def _norm(norm: nn.LayerNorm) -> argospack.Norm:
    return argospack.Norm(_array(norm.weight), _array(norm.bias))


def _feed_forward(ffn: FFN) -> argospack.FeedForward:
    return argospack.FeedForward(_norm(ffn.norm), _linear(ffn.w1), _linear(ffn.w2))


def _attention(attention: Attention, self_attention: bool) -> argospack.Attention:
    a = attention
    inputs = [_linear(a.q, a.k, a.v)] if self_attention else [_linear(a.q), _linear(a.k, a.v)]
    return argospack.Attention(_norm(a.norm), (*inputs, _linear(a.o)))


def weights(model: Seq2Seq) -> argospack.Transformer:
    """The model's weights in CTranslate2's layout."""
    encoder = tuple(
        argospack.Layer(
            self_attention=_attention(layer.self_attn, True),
            feed_forward=_feed_forward(layer.ffn),
        )
        for layer in model.encoder_layers()
    )
    decoder = tuple(
        argospack.Layer(
            self_attention=_attention(layer.self_attn, True),
            cross_attention=_attention(layer.cross_attn, False),
            feed_forward=_feed_forward(layer.ffn),
        )
        for layer in model.decoder_layers()
    )
    return argospack.Transformer(
        heads=model.arch.heads,
        embedding=_array(model.embed.weight),
        encoder=encoder,
        encoder_norm=_norm(model.enc_norm),
        decoder=decoder,
        decoder_norm=_norm(model.dec_norm),
        output_bias=_array(model.out_bias),
        layer_norm_epsilon=EPSILON,
    )


def vocabulary(sp: spm.SentencePieceProcessor) -> list[str]:
    return [sp.id_to_piece(i) for i in range(sp.get_piece_size())]


def save_ct2(
    model: Seq2Seq, pieces: Sequence[str], out_dir: Path, quantization: str | None
) -> None:
    """Write the model as a CTranslate2 model folder (replacing ``out_dir``)."""
    argospack.save_transformer(weights(model), pieces, out_dir, quantization)


def _translator(
    model: Seq2Seq, sp: spm.SentencePieceProcessor, out_dir: Path, quantization: str | None
) -> Any:
    import ctranslate2

    save_ct2(model, vocabulary(sp), out_dir, quantization)
    compute_type = "float32" if quantization is None else "default"
    return ctranslate2.Translator(str(out_dir), device="cpu", compute_type=compute_type)


def ct2_exact_matches(
    model: Seq2Seq, sp: spm.SentencePieceProcessor, pairs: list[tuple[str, str]], tmp: Path
) -> int:
    """Export the current weights to float32 CTranslate2 and count exact outputs."""
    translator = _translator(model, sp, tmp, None)
    results = translator.translate_batch(
        [sp.encode(s, out_type=str) for s, _ in pairs], beam_size=1, max_decoding_length=300
    )
    return sum(
        sp.decode_pieces(r.hypotheses[0]) == t for r, (_, t) in zip(results, pairs, strict=True)
    )


def max_score_gap(
    model: Seq2Seq, sp: spm.SentencePieceProcessor, pairs: list[tuple[str, str]], tmp: Path
) -> float:
    """Score (source, target) pairs with float32 CTranslate2 and PyTorch; return the
    largest difference of a token's log-probability."""
    translator = _translator(model, sp, tmp / "ct2-float32", None)
    src_tokens = [sp.encode(s, out_type=str) for s, _ in pairs]
    tgt_tokens = [sp.encode(t, out_type=str) for _, t in pairs]
    ct2_scores = translator.score_batch(src_tokens, tgt_tokens)
    worst = 0.0
    model.eval()
    with torch.no_grad():
        for (src, tgt), result in zip(pairs, ct2_scores, strict=True):
            s = torch.tensor([sp.encode(src)])
            t = sp.encode(tgt)
            logits = model(s, s == PAD, torch.tensor([[BOS, *t]]))
            logp = torch.log_softmax(logits[0], dim=-1)
            ref = logp[torch.arange(len(t) + 1), torch.tensor([*t, EOS])]
            diff = (ref - torch.tensor(result.log_probs)).abs().max().item()
            worst = max(worst, diff)
    model.train()
    return worst


def _until_end(row: list[int]) -> list[int]:
    """The ids before the first end-of-sentence or padding id."""
    out = []
    for tok in row:
        if tok in (EOS, PAD):
            break
        out.append(tok)
    return out


def _greedy_chunk(model: Seq2Seq, chunk: list[list[int]]) -> list[list[int]]:
    src_len = max(len(s) for s in chunk)
    src = torch.full((len(chunk), src_len), PAD, dtype=torch.long)
    for k, s in enumerate(chunk):
        src[k, : len(s)] = torch.tensor(s)
    memory, mask = model.encode(src, src == PAD)
    ys = torch.full((len(chunk), 1), BOS, dtype=torch.long)
    done = torch.zeros(len(chunk), dtype=torch.bool)
    for _ in range(2 * src_len + 10):
        logits = model.decode(ys, memory, mask)[:, -1]
        nxt = logits.argmax(-1)
        nxt[done] = PAD
        ys = torch.cat([ys, nxt[:, None]], dim=1)
        done |= nxt == EOS
        if bool(done.all()):
            break
    return [_until_end(row) for row in ys[:, 1:].tolist()]


def greedy_torch(
    model: Seq2Seq, sp: spm.SentencePieceProcessor, sentences: list[str]
) -> list[list[int]]:
    """Greedy decoding in PyTorch, 32 sentences at a time (the reference for CTranslate2)."""
    model.eval()
    results = []
    with torch.no_grad():
        for start in range(0, len(sentences), 32):
            chunk = [sp.encode(s) for s in sentences[start : start + 32]]
            results += _greedy_chunk(model, chunk)
    model.train()
    return results


def greedy_agreement(
    model: Seq2Seq, sp: spm.SentencePieceProcessor, sentences: list[str], out_dir: Path
) -> int:
    """How many ``sentences`` int8 CTranslate2 and PyTorch decode (greedy) alike."""
    translator = _translator(model, sp, out_dir, "int8")
    ct2 = translator.translate_batch(
        [sp.encode(s, out_type=str) for s in sentences], beam_size=1, max_decoding_length=300
    )
    ref = greedy_torch(model, sp, sentences)
    return sum(
        r.hypotheses[0] == [sp.id_to_piece(t) for t in h] for r, h in zip(ct2, ref, strict=True)
    )
