"""The Argos Translate engine: Argos packages run through CTranslate2 in large batches.

A package is opened with argostranslate's own ``Package`` class (metadata, tokenizer), so a
miniature test package and a published one go through exactly the same code. Where
argostranslate translates one paragraph at a time in batches of 32 tokens, this engine
takes every sentence of a run at once, sorts them by length and sends them to one
``ctranslate2.Translator`` per package in large batches; decoding settings are the ones
argostranslate uses (beam 4, length penalty 0.2, unknowns replaced from the source).
On a CPU, each core decodes its own batch (see ``Decoding.workers``).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .engine import Memo, PivotTranslator, Progress, Translator
from .errors import ModelError
from .packages import PackageInfo, available, best, import_argos
from .sentences import chunk

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
    max_decoding_length: int = 256
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

    def __init__(self, info: PackageInfo, decoding: Decoding, state_dir: Path) -> None:
        self.info = info
        self.source, self.target = info.from_code, info.to_code
        self.decoding = decoding
        self._state_dir = state_dir
        self._package: Any = None
        self._model: Any = None
        self._memo = Memo(self._translate)

    @property
    def provenance(self) -> str:
        return f"argos {self.source}→{self.target}, package {self.info.label}"

    @property
    def loaded(self) -> bool:
        return self._model is not None

    def translate(self, sentences: Sequence[str], progress: Progress | None = None) -> list[str]:
        return self._memo(sentences, progress)

    def _load(self) -> tuple[Any, Any]:
        if self._model is None:
            import ctranslate2

            argos_package = import_argos(self._state_dir)
            try:
                self._package = argos_package.Package(self.info.path)
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
        return self._package, self._model

    def _pieces(self, tokenizer: Any, sentence: str) -> list[list[str]]:
        tokens: list[str] = tokenizer.encode(sentence)
        limit = self.decoding.max_input_tokens
        if len(tokens) <= limit:
            return [tokens]
        max_chars = max(8, len(sentence) * limit // len(tokens) - 1)
        return [tokenizer.encode(piece) for piece in chunk(sentence, max_chars)]

    def _translate(self, sentences: list[str], progress: Progress | None) -> list[str]:
        package, model = self._load()
        tokenizer = package.tokenizer
        pieces = [self._pieces(tokenizer, s) for s in sentences]
        flat = [(i, tokens) for i, group in enumerate(pieces) for tokens in group]
        order = sorted(range(len(flat)), key=lambda k: len(flat[k][1]))
        outputs: list[str] = [""] * len(flat)
        prefix = [[package.target_prefix]] if package.target_prefix else None
        # Every batch is queued at once (asynchronous), so all workers stay busy to the
        # end; results are collected in order, in steps so that progress moves.
        step = 256
        steps = []
        for start in range(0, len(order), step):
            batch = [flat[k][1] for k in order[start : start + step]]
            pending = model.translate_batch(
                batch,
                target_prefix=prefix * len(batch) if prefix else None,
                beam_size=self.decoding.beam_size,
                length_penalty=self.decoding.length_penalty,
                max_decoding_length=self.decoding.max_decoding_length,
                replace_unknowns=True,
                max_batch_size=self.decoding.tokens_per_batch(),
                batch_type="tokens",
                asynchronous=True,
            )
            steps.append((order[start : start + step], pending))
        for keys, pending in steps:
            for k, future in zip(keys, pending, strict=True):
                text = tokenizer.decode(future.result().hypotheses[0])
                if package.target_prefix and text.startswith(package.target_prefix):
                    text = text[len(package.target_prefix) :]
                outputs[k] = text[1:] if text.startswith(" ") else text
            if progress is not None:
                progress(len({flat[k][0] for k in keys}))
        joined: list[list[str]] = [[] for _ in sentences]
        for (i, _), text in zip(flat, outputs, strict=True):
            joined[i].append(text)
        return [" ".join(parts) for parts in joined]


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
            self._loaded[(source, target)] = PackageTranslator(info, self.decoding, self.state_dir)
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

    def unload(self) -> None:
        self._loaded.clear()
