"""Training a test model in PyTorch on the CPU, deterministically.

Pairs (source, rule(source)) are drawn fresh from the corpus generator 1,500 at a time,
grouped by length into padded batches of about ``max_tokens`` target tokens, and learnt
with AdamW under a warm-up and cosine schedule. Fixed seeds and PyTorch's deterministic
algorithms make a run repeat itself on a given machine and thread count.
"""

from __future__ import annotations

import math
import random
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import sentencepiece as spm
import torch
import torch.nn.functional as F

from bench.argospack import BOS, EOS

from .convert import ct2_exact_matches
from .model import PAD, Seq2Seq
from .recipes import Recipe, Settings

Pair = tuple[str, str]
#: (source ids, source padding mask, decoder input ids, target ids with -100 for padding)
Batch = tuple[torch.Tensor, torch.Tensor, torch.Tensor, torch.Tensor]
Tokens = tuple[list[int], list[int]]

#: Sentences longer than this many tokens are left out of training.
MAX_LENGTH = 250
#: Fresh pairs drawn each time the batches run out.
POOL = 1500


def _tokenised(pairs: Sequence[Pair], sp: spm.SentencePieceProcessor) -> list[Tokens]:
    items = []
    for src, tgt in pairs:
        s = sp.encode(src)
        t = sp.encode(tgt)
        if s and t and len(s) <= MAX_LENGTH and len(t) <= MAX_LENGTH:
            items.append((s, t))
    items.sort(key=lambda st: (len(st[1]), len(st[0])))
    return items


def _chunks(items: list[Tokens], max_tokens: int) -> Iterator[list[Tokens]]:
    """Consecutive runs of length-sorted pairs whose padded size stays under max_tokens."""
    i = 0
    while i < len(items):
        longest = len(items[i][1]) + 1
        j = i
        while j < len(items):
            longest = max(longest, len(items[j][1]) + 1, len(items[j][0]))
            if longest * (j - i + 1) > max_tokens:
                break
            j += 1
        j = max(j, i + 1)
        yield items[i:j]
        i = j


def _padded(chunk: list[Tokens]) -> Batch:
    src_len = max(len(s) for s, _ in chunk)
    tgt_len = max(len(t) for _, t in chunk) + 1
    src = torch.full((len(chunk), src_len), PAD, dtype=torch.long)
    tgt_in = torch.full((len(chunk), tgt_len), PAD, dtype=torch.long)
    tgt_out = torch.full((len(chunk), tgt_len), -100, dtype=torch.long)
    for k, (s, t) in enumerate(chunk):
        src[k, : len(s)] = torch.tensor(s)
        tgt_in[k, : len(t) + 1] = torch.tensor([BOS, *t])
        tgt_out[k, : len(t) + 1] = torch.tensor([*t, EOS])
    return src, src == PAD, tgt_in, tgt_out


def make_batches(
    pairs: Sequence[Pair], sp: spm.SentencePieceProcessor, max_tokens: int, rng: random.Random
) -> list[Batch]:
    """Tokenise (source, target) pairs and group them by length into padded batches."""
    batches = [_padded(chunk) for chunk in _chunks(_tokenised(pairs, sp), max_tokens)]
    rng.shuffle(batches)
    return batches


def learning_rate(step: int, peak: float, steps: int) -> float:
    """Linear warm-up over the first twelfth, then cosine decay to 5 % of ``peak``."""
    warmup = max(1, steps // 12)
    if step < warmup:
        return peak * (step + 1) / warmup
    progress = (step - warmup) / max(1, steps - warmup)
    return peak * (0.05 + 0.95 * 0.5 * (1 + math.cos(math.pi * progress)))


def _learn(model: Seq2Seq, opt: torch.optim.Optimizer, batch: Batch) -> tuple[float, int]:
    """One optimiser step on ``batch``; the summed loss and the number of target tokens."""
    src, src_pad, tgt_in, tgt_out = batch
    logits = model(src, src_pad, tgt_in)
    loss = F.cross_entropy(
        logits.reshape(-1, logits.shape[-1]),
        tgt_out.reshape(-1),
        ignore_index=-100,
        label_smoothing=0.02,
        reduction="sum",
    )
    n_tok = int((tgt_out != -100).sum())
    opt.zero_grad(set_to_none=True)
    torch.autograd.backward(loss / n_tok)
    torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
    opt.step()
    return loss.item(), n_tok


def train(
    recipe: Recipe,
    settings: Settings,
    sp: spm.SentencePieceProcessor,
    sample_pair: Callable[[], Pair],
    heldout: list[Pair],
    eval_dir: Path,
) -> tuple[Seq2Seq, float]:
    """Train ``recipe``'s model; return it and the seconds it took.

    Progress is printed 20 times, and exact held-out outputs (float32 CTranslate2, greedy)
    four times, so that a long run shows whether it is learning.
    """
    name, steps, peak = recipe.name, recipe.steps, settings.lr
    torch.manual_seed(recipe.seed)
    rng = random.Random(recipe.seed)
    model = Seq2Seq(recipe.arch, sp.get_piece_size())
    n_params = sum(p.numel() for p in model.parameters())
    print(f"[{name}] model: {recipe.arch}, {n_params / 1e6:.2f} M parameters", flush=True)
    opt = torch.optim.AdamW(
        model.parameters(), lr=peak, betas=(0.9, 0.98), eps=1e-9, weight_decay=0.0
    )
    start = time.time()
    batches: list[Batch] = []
    loss_sum = tokens_sum = 0.0
    report_every = max(1, steps // 20)
    eval_every = max(1, steps // 4)
    for step in range(steps):
        if not batches:
            pairs = [sample_pair() for _ in range(POOL)]
            batches = make_batches(pairs, sp, settings.max_tokens, rng)
        for group in opt.param_groups:
            group["lr"] = learning_rate(step, peak, steps)
        loss, n_tok = _learn(model, opt, batches.pop())
        loss_sum += loss
        tokens_sum += n_tok
        done = step + 1
        if done % report_every == 0 or done == steps:
            print(
                f"[{name}] step {done}/{steps} loss {loss_sum / tokens_sum:.4f} "
                f"lr {learning_rate(done, peak, steps):.2e} {time.time() - start:.0f}s",
                flush=True,
            )
            loss_sum = tokens_sum = 0.0
        if done % eval_every == 0 or done == steps:
            exact = ct2_exact_matches(model, sp, heldout, eval_dir)
            print(
                f"[{name}] step {done}: held-out exact (CTranslate2 greedy) {exact}/{len(heldout)}",
                flush=True,
            )
    return model, time.time() - start
