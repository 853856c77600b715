"""The Argos Translate engine: Argos packages run through CTranslate2 in large batches.

A package is opened with argostranslate's own tokenizer classes, picked as its
``Package`` class picks them (:func:`diptych.engines.packages.load_tokenizer`), so a
miniature test package and a published one go through exactly the same code. Where
argostranslate translates one paragraph at a time in batches of 32 tokens, this engine
takes every sentence of a run at once, sorts them by length and sends them to one
``ctranslate2.Translator`` per package in large batches; decoding settings are the ones
argostranslate uses (beam 4, length penalty 0.2, unknowns replaced from the source).
On a CPU, each core decodes its own batch (see ``Decoding.workers``).

An engine keeps to the folders it is given (the project's models folder, and its state
folder, where packages are unpacked): two engines for two projects in one process each
read their own, and nothing of argostranslate's process-wide settings is involved.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..align import Alignment, locate, surface
from ..errors import ModelError
from ..sentences import chunk
from . import runaway
from .interface import Memo, Output, PivotTranslator, Progress, Translator
from .packages import PackageInfo, available, best, load_tokenizer

PIVOT = "en"


def cpu_cores() -> int:
    """The cores this process may run on (a container's or ``taskset``'s limit included)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


@dataclass(frozen=True)
class Decoding:
    """Decoding settings; the defaults are argostranslate's (beam 4, length penalty 0.2).

    ``batch_tokens`` and ``threads`` only change speed, never the output: 0 picks them for
    the device (see :meth:`workers` and :meth:`tokens_per_batch`).
    """

    beam_size: int = 4
    length_penalty: float = 0.2
    # The decoding limit of a batch (diptych.engines.runaway): ``limit_ratio`` output tokens per
    # token of its longest input plus ``limit_extra``, never above ``max_decoding_length``
    # (None: ``max_decoding_length`` for every batch, as argostranslate decodes).
    max_decoding_length: int = 256
    limit_ratio: float | None = 2.0
    limit_extra: int = 10
    # Sentences longer than this many tokens are cut into pieces before translation.
    max_input_tokens: int = 200
    batch_tokens: int = 0
    device: str = "cpu"
    compute_type: str = "auto"  # int8 for the int8 weights of Argos packages
    threads: int = 0  # CPU cores to use; 0: all this process may use

    def workers(self) -> tuple[int, int]:
        """(inter_threads, intra_threads) for CTranslate2.

        On a CPU, one batch per core decodes faster than one batch over all cores (beam
        search at these sizes is bound by per-batch overheads that threads do not share),
        so every core gets its own worker; past 8 cores, workers get 2 threads each to
        bound the memory of batches in flight. A GPU gets one worker.
        """
        if self.device != "cpu":
            return 1, 1
        cores = self.threads or cpu_cores()
        intra = 1 if cores <= 8 else 2
        return max(1, cores // intra), intra

    def limit(self, longest: int) -> int:
        """The decoding limit of a batch whose longest input has ``longest`` tokens."""
        if self.limit_ratio is None:
            return self.max_decoding_length
        return runaway.limit(longest, self.limit_ratio, self.limit_extra, self.max_decoding_length)

    def tokens_per_batch(self) -> int:
        """Source tokens per batch. On a CPU, 1,024 decodes as fast as 2,048 or more and
        each worker's working memory stays near 200 MB (beam 4, Transformer-base); a
        GPU wants large batches."""
        return self.batch_tokens or (1024 if self.device == "cpu" else 16384)


def limit_malloc_arenas(arenas: int) -> bool:
    """Cap glibc's malloc arenas before CTranslate2's worker threads start.

    glibc gives each new thread its own arena (up to 8 per core), and the buffers that
    beam search allocates and frees fragment them all: with 2 workers on a 2-core machine,
    600 sentences peaked at 781 MB, and at 611-647 MB with 2 arenas.
    Only the arena count of this process changes; elsewhere (musl, macOS) nothing does.
    """
    import ctypes
    import ctypes.util

    m_arena_max = -8  # from glibc's malloc.h
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        return bool(libc.mallopt(m_arena_max, max(1, arenas)))
    except (OSError, AttributeError):
        return False


class PackageTranslator:
    """One Argos package, loaded on first use and kept for the run."""

    def __init__(self, info: PackageInfo, decoding: Decoding) -> None:
        self.info = info
        self.source, self.target = info.from_code, info.to_code
        self.decoding = decoding
        self._tokenizer: Any = None
        self._model: Any = None
        self._memo = Memo(self._translate)
        self._aligned: dict[str, Alignment] = {}  # translate_aligned's, until forget()

    @property
    def provenance(self) -> str:
        return f"argos {self.source}→{self.target}, package {self.info.label}"

    @property
    def loaded(self) -> bool:
        return self._model is not None

    def translate(self, sentences: Sequence[str], progress: Progress | None = None) -> list[str]:
        return [output.text for output in self._memo(sentences, progress)]

    def outputs(self, sentences: Sequence[str], progress: Progress | None = None) -> list[Output]:
        """As :meth:`translate`, with each sentence's score and runaway problem."""
        return self._memo(sentences, progress)

    def forget(self) -> None:
        """Drop the remembered translations (the model stays loaded)."""
        self._memo.forget()
        self._aligned.clear()

    def translate_aligned(self, sentences: Sequence[str]) -> list[Alignment]:
        """Translate sentences with the model's attention over each source
        (``return_attention``), for the markup fallback (:mod:`diptych.fallback`) only:
        plain runs never pay for attention. Same decoding settings as :meth:`translate`;
        remembered until :meth:`forget`, so a pivot's English leg is decoded once."""
        todo = [s for s in dict.fromkeys(sentences) if s not in self._aligned]
        if todo:
            for sentence, found in zip(todo, self._translate_aligned(todo), strict=True):
                self._aligned[sentence] = found
        return [self._aligned[s] for s in sentences]

    def _translate_aligned(self, sentences: list[str]) -> list[Alignment]:
        tokenizer, model = self._load()
        target_prefix = self.info.target_prefix
        pieces = [self._pieces(tokenizer, s) for s in sentences]
        flat = [tokens for group in pieces for tokens in group]
        order = sorted(range(len(flat)), key=lambda k: len(flat[k]))
        prefix = [[target_prefix]] if target_prefix else None
        found: list[tuple[Any, int]] = [(None, 0)] * len(flat)  # result and limit
        # Batched, limited and queued at once as in _translate (diptych.engines.runaway).
        for run in self._batches([len(flat[k]) for k in order]):
            keys = [order[row] for row in run]
            batch = [flat[k] for k in keys]
            limit = self.decoding.limit(len(batch[-1])) + (1 if prefix else 0)
            results = model.translate_batch(
                batch,
                target_prefix=prefix * len(batch) if prefix else None,
                beam_size=self.decoding.beam_size,
                length_penalty=self.decoding.length_penalty,
                max_decoding_length=limit,
                replace_unknowns=True,
                max_batch_size=self.decoding.tokens_per_batch(),
                batch_type="tokens",
                return_attention=True,
                asynchronous=True,
            )
            for k, result in zip(keys, results, strict=True):
                found[k] = (result, limit)
        ordered = ((result.result(), limit) for result, limit in found)
        out = []
        for sentence, group in zip(sentences, pieces, strict=True):
            texts: list[str] = []
            source: list[str] = []
            target: list[str] = []
            # (first row, rows, first column, columns, attention) of each piece
            blocks: list[tuple[int, int, int, int, list[list[float]]]] = []
            problem = None
            for tokens in group:
                result, limit = next(ordered)
                hypothesis, attention = result.hypotheses[0], result.attention[0]
                problem = problem or runaway.problem(tokens, hypothesis, limit)
                if target_prefix and hypothesis[:1] == [target_prefix]:
                    hypothesis, attention = hypothesis[1:], attention[1:]
                text = tokenizer.decode(hypothesis)
                if target_prefix and text.startswith(target_prefix):
                    text = text[len(target_prefix) :]
                texts.append(text[1:] if text.startswith(" ") else text)
                blocks.append((len(target), len(hypothesis), len(source), len(tokens), attention))
                source += tokens
                target += hypothesis
            import numpy

            rows = numpy.zeros((len(target), len(source)))
            for top, height, left, width, attention in blocks:
                for t, row in enumerate(attention[:height]):
                    # past width: the end-of-sentence token, if the model has one
                    kept = row[:width]
                    rows[top + t, left : left + len(kept)] = kept
            joined = " ".join(texts)
            out.append(
                Alignment(
                    sentence,
                    joined,
                    locate(sentence, [surface(p) for p in source]),
                    locate(joined, [surface(p).replace("_", " ") for p in target]),
                    rows,
                    problem,
                )
            )
        return out

    def _load(self) -> tuple[Any, Any]:
        if self._model is None:
            import ctranslate2

            try:
                self._tokenizer = load_tokenizer(self.info)
                inter, intra = self.decoding.workers()
                if self.decoding.device == "cpu":
                    limit_malloc_arenas(inter)
                self._model = ctranslate2.Translator(
                    str(self.info.path / "model"),
                    device=self.decoding.device,
                    compute_type=self.decoding.compute_type,
                    inter_threads=inter,
                    intra_threads=intra,
                )
            except (OSError, RuntimeError, ValueError) as exc:
                on_gpu = self.decoding.device != "cpu"
                raise ModelError(
                    f"cannot load Argos package {self.info.label} on {self.decoding.device}: {exc}",
                    path=self.info.path,
                    hint="check the GPU and its driver (nvidia-smi), or use --device cpu"
                    if on_gpu
                    else "re-add the .argosmodel file, or remove it from the models folder",
                ) from None
        return self._tokenizer, self._model

    def _pieces(self, tokenizer: Any, sentence: str) -> list[list[str]]:
        tokens: list[str] = tokenizer.encode(sentence)
        limit = self.decoding.max_input_tokens
        if len(tokens) <= limit:
            return [tokens]
        max_chars = max(8, len(sentence) * limit // len(tokens) - 1)
        return [tokenizer.encode(piece) for piece in chunk(sentence, max_chars)]

    def _batches(self, lengths: Sequence[int]) -> list[range]:
        """Consecutive runs of the length-sorted inputs, each as many source tokens as one
        CTranslate2 batch holds (``batch_type="tokens"``: their sum, at most
        :meth:`Decoding.tokens_per_batch`): one call each, so that each has its own limit."""
        budget = self.decoding.tokens_per_batch()
        batches, start, size = [], 0, 0
        for end, length in enumerate(lengths):
            if end > start and size + length > budget:
                batches.append(range(start, end))
                start, size = end, 0
            size += length
        if start < len(lengths):
            batches.append(range(start, len(lengths)))
        return batches

    def _translate(self, sentences: list[str], progress: Progress | None) -> list[Output]:
        tokenizer, model = self._load()
        target_prefix = self.info.target_prefix
        pieces = [self._pieces(tokenizer, s) for s in sentences]
        flat = [(i, tokens) for i, group in enumerate(pieces) for tokens in group]
        order = sorted(range(len(flat)), key=lambda k: len(flat[k][1]))
        outputs: list[Output] = [Output("")] * len(flat)
        prefix = [[target_prefix]] if target_prefix else None
        penalty = self.decoding.length_penalty
        # One call per batch of length-sorted inputs, with a decoding limit in proportion
        # to its longest (diptych.engines.runaway), scores returned (CTranslate2 computes them in
        # beam search anyway). Every batch is queued at once (asynchronous), so all
        # workers stay busy to the end; results are collected in order, so progress moves.
        steps = []
        for rows in self._batches([len(flat[k][1]) for k in order]):
            keys = [order[row] for row in rows]
            batch = [flat[k][1] for k in keys]
            limit = self.decoding.limit(len(batch[-1])) + (1 if prefix else 0)
            pending = model.translate_batch(
                batch,
                target_prefix=prefix * len(batch) if prefix else None,
                beam_size=self.decoding.beam_size,
                length_penalty=penalty,
                max_decoding_length=limit,
                replace_unknowns=True,
                return_scores=True,
                max_batch_size=self.decoding.tokens_per_batch(),
                batch_type="tokens",
                asynchronous=True,
            )
            steps.append((keys, limit, pending))
        for keys, limit, pending in steps:
            for k, future in zip(keys, pending, strict=True):
                result = future.result()
                hypothesis = result.hypotheses[0]
                text = tokenizer.decode(hypothesis)
                if target_prefix and text.startswith(target_prefix):
                    text = text[len(target_prefix) :]
                problem = runaway.problem(flat[k][1], hypothesis, limit)
                # CTranslate2's score is the hypothesis' log-probability (its end token
                # included, unless the limit cut it off) divided by length ** penalty.
                tokens = len(hypothesis) + (0 if len(hypothesis) >= limit else 1)
                log_prob = result.scores[0] * tokens**penalty
                outputs[k] = Output(
                    text[1:] if text.startswith(" ") else text, log_prob, tokens, problem
                )
            if progress is not None:
                progress(len({flat[k][0] for k in keys}))
        joined: list[list[Output]] = [[] for _ in sentences]
        for (i, _), output in zip(flat, outputs, strict=True):
            joined[i].append(output)
        return [
            Output(
                " ".join(part.text for part in parts),
                sum(part.log_prob or 0.0 for part in parts),
                sum(part.tokens for part in parts),
                next((part.problem for part in parts if part.problem), None),
            )
            for parts in joined
        ]


class ArgosEngine:
    """Makes translators from the packages it can find; one per pair for the whole run."""

    name = "argos"

    def __init__(self, models_dir: Path, state_dir: Path, decoding: Decoding | None = None) -> None:
        self.models_dir = models_dir
        self.state_dir = state_dir
        self.decoding = decoding or Decoding()
        self._packages: list[PackageInfo] | None = None
        self._loaded: dict[tuple[str, str], PackageTranslator] = {}

    @property
    def packages(self) -> list[PackageInfo]:
        if self._packages is None:
            self._packages = available(self.models_dir, self.state_dir / "packages")
        return self._packages

    def _direct(self, source: str, target: str) -> PackageTranslator | None:
        if (source, target) not in self._loaded:
            info = best(self.packages, source, target)
            if info is None:
                return None
            self._loaded[(source, target)] = PackageTranslator(info, self.decoding)
        return self._loaded[(source, target)]

    def translator(self, source: str, target: str) -> Translator:
        direct = self._direct(source, target)
        if direct is not None:
            return direct
        if PIVOT not in (source, target):
            first, second = self._direct(source, PIVOT), self._direct(PIVOT, target)
            if first is not None and second is not None:
                return PivotTranslator(first, second)
        have = ", ".join(f"{p.from_code}→{p.to_code}" for p in self.packages) or "none"
        raise ModelError(
            f"no Argos model for {source}→{target} (nor via {PIVOT}); installed: {have}",
            hint=f"online: `diptych models install {source} {target}`; offline: "
            f"`diptych models add FILE.argosmodel` (or put the file into "
            f"{self.models_dir.name}/)",
        )
