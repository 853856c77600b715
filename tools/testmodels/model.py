"""The test models' network in PyTorch, laid out exactly like CTranslate2's TransformerSpec.

A small pre-norm Transformer whose every weight has a place in the CTranslate2 model a
package ships: embeddings scaled by sqrt(d_model) and shared by encoder, decoder and
output projection; CTranslate2's own sinusoidal position encoding (positions counted
from 1, timescale increment ln(10000)/(d/2-1), [sin | cos]), so that none has to be
exported; ReLU feed-forward; final encoder and decoder layer norms; layer-norm epsilon
1e-5. :mod:`.convert` checks that CTranslate2 scores sentences as this model does.
"""

from __future__ import annotations

import math

import torch
import torch.nn.functional as F
from torch import nn

from .recipes import Arch

#: The padding id of the test models' SentencePiece vocabulary (<blank>).
PAD = 3

#: Layer-norm epsilon, as CTranslate2 is told (:mod:`.convert`).
EPSILON = 1e-5


def ct2_sinusoids(length: int, depth: int) -> torch.Tensor:
    """CTranslate2's position encodings (src/layers/common.cc,
    generate_sinusoidal_position_encoding)."""
    half = depth // 2
    increment = math.log(10000.0) / (half - 1)
    timescales = torch.exp(torch.arange(half, dtype=torch.float32) * -increment)
    positions = torch.arange(1, length + 1, dtype=torch.float32)[:, None]
    scaled = positions * timescales[None, :]
    return torch.cat([torch.sin(scaled), torch.cos(scaled)], dim=1)


class Attention(nn.Module):
    """Pre-norm multi-head attention with a residual connection."""

    def __init__(self, d: int, heads: int) -> None:
        super().__init__()
        self.heads = heads
        self.norm = nn.LayerNorm(d, eps=EPSILON)
        self.q = nn.Linear(d, d)
        self.k = nn.Linear(d, d)
        self.v = nn.Linear(d, d)
        self.o = nn.Linear(d, d)

    def forward(
        self,
        x: torch.Tensor,
        memory: torch.Tensor | None = None,
        mask: torch.Tensor | None = None,
        causal: bool = False,
    ) -> torch.Tensor:
        h = self.norm(x)
        kv = h if memory is None else memory
        b, t, d = h.shape
        s = kv.shape[1]
        dh = d // self.heads
        q = self.q(h).view(b, t, self.heads, dh).transpose(1, 2)
        k = self.k(kv).view(b, s, self.heads, dh).transpose(1, 2)
        v = self.v(kv).view(b, s, self.heads, dh).transpose(1, 2)
        out = F.scaled_dot_product_attention(q, k, v, attn_mask=mask, is_causal=causal)
        attended: torch.Tensor = self.o(out.transpose(1, 2).reshape(b, t, d))
        return x + attended


class FFN(nn.Module):
    """Pre-norm ReLU feed-forward block with a residual connection."""

    def __init__(self, d: int, inner: int) -> None:
        super().__init__()
        self.norm = nn.LayerNorm(d, eps=EPSILON)
        self.w1 = nn.Linear(d, inner)
        self.w2 = nn.Linear(inner, d)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        fed: torch.Tensor = self.w2(F.relu(self.w1(self.norm(x))))
        return x + fed


class EncoderLayer(nn.Module):
    def __init__(self, a: Arch) -> None:
        super().__init__()
        self.self_attn = Attention(a.d_model, a.heads)
        self.ffn = FFN(a.d_model, a.ffn)

    def forward(self, x: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        out: torch.Tensor = self.ffn(self.self_attn(x, mask=mask))
        return out


class DecoderLayer(nn.Module):
    def __init__(self, a: Arch) -> None:
        super().__init__()
        self.self_attn = Attention(a.d_model, a.heads)
        self.cross_attn = Attention(a.d_model, a.heads)
        self.ffn = FFN(a.d_model, a.ffn)

    def forward(
        self, x: torch.Tensor, memory: torch.Tensor, memory_mask: torch.Tensor, causal: bool = True
    ) -> torch.Tensor:
        x = self.self_attn(x, causal=causal)
        x = self.cross_attn(x, memory=memory, mask=memory_mask)
        out: torch.Tensor = self.ffn(x)
        return out


class Seq2Seq(nn.Module):
    """The encoder-decoder; :meth:`encode` and :meth:`decode` serve greedy decoding."""

    def __init__(self, a: Arch, vocab: int) -> None:
        super().__init__()
        self.arch = a
        self.embed = nn.Embedding(vocab, a.d_model)  # shared: source, target, output
        nn.init.normal_(self.embed.weight, std=a.d_model**-0.5)
        self.encoder = nn.ModuleList(EncoderLayer(a) for _ in range(a.enc_layers))
        self.decoder = nn.ModuleList(DecoderLayer(a) for _ in range(a.dec_layers))
        self.enc_norm = nn.LayerNorm(a.d_model, eps=EPSILON)
        self.dec_norm = nn.LayerNorm(a.d_model, eps=EPSILON)
        self.out_bias = nn.Parameter(torch.zeros(vocab))
        self.pe: torch.Tensor
        self.register_buffer("pe", ct2_sinusoids(1024, a.d_model), persistent=False)

    def encoder_layers(self) -> list[EncoderLayer]:
        return [layer for layer in self.encoder if isinstance(layer, EncoderLayer)]

    def decoder_layers(self) -> list[DecoderLayer]:
        return [layer for layer in self.decoder if isinstance(layer, DecoderLayer)]

    def embed_tokens(self, ids: torch.Tensor) -> torch.Tensor:
        t = ids.shape[1]
        embedded: torch.Tensor = self.embed(ids)
        return embedded * math.sqrt(self.arch.d_model) + self.pe[:t]

    def encode(self, src: torch.Tensor, src_pad: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        mask = (~src_pad)[:, None, None, :]
        x = self.embed_tokens(src)
        for layer in self.encoder_layers():
            x = layer(x, mask)
        return self.enc_norm(x), mask

    def decode(
        self, tgt_in: torch.Tensor, memory: torch.Tensor, mask: torch.Tensor
    ) -> torch.Tensor:
        x = self.embed_tokens(tgt_in)
        for layer in self.decoder_layers():
            x = layer(x, memory, mask, causal=tgt_in.shape[1] > 1)
        return F.linear(self.dec_norm(x), self.embed.weight, self.out_bias)

    def forward(
        self, src: torch.Tensor, src_pad: torch.Tensor, tgt_in: torch.Tensor
    ) -> torch.Tensor:
        memory, mask = self.encode(src, src_pad)
        return self.decode(tgt_in, memory, mask)
