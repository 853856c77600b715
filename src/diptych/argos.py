"""The Argos Translate engine: Argos packages run through CTranslate2 in large batches.

A package is opened with argostranslate's own ``Package`` class (metadata, tokenizer), so a
miniature test package and a published one go through exactly the same code. Where
argostranslate translates one paragraph at a time in batches of 32 tokens, this engine
takes every sentence of a run at once, sorts them by length and sends them to one
``ctranslate2.Translator`` per package in large batches; decoding settings are the ones
argostranslate uses (beam 4, length penalty 0.2, unknowns replaced from the source).
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


@dataclass(frozen=True)
class Decoding:
    """Decoding settings; the defaults are argostranslate's."""

    beam_size: int = 4
    length_penalty: float = 0.2
    max_decoding_length: int = 256
    # Sentences longer than this many tokens are cut into pieces before translation.
    max_input_tokens: int = 200
    batch_tokens: int = 4096
    device: str = "cpu"
    compute_type: str = "default"
    threads: int = 0  # 0: one per core


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
                threads = self.decoding.threads or os.cpu_count() or 1
                self._model = ctranslate2.Translator(
                    str(self.info.path / "model"),
                    device=self.decoding.device,
                    compute_type=self.decoding.compute_type,
                    inter_threads=1,
                    intra_threads=threads,
                )
            except (OSError, RuntimeError, ValueError) as exc:
                raise ModelError(
                    f"cannot load Argos package {self.info.label}: {exc}",
                    path=self.info.path,
                    hint="re-add the .argosmodel file, or remove it from the models folder",
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
        step = 512  # sentences per call, so progress moves; batching happens inside
        for start in range(0, len(order), step):
            batch = [flat[k][1] for k in order[start : start + step]]
            results = model.translate_batch(
                batch,
                target_prefix=prefix * len(batch) if prefix else None,
                beam_size=self.decoding.beam_size,
                length_penalty=self.decoding.length_penalty,
                max_decoding_length=self.decoding.max_decoding_length,
                replace_unknowns=True,
                max_batch_size=self.decoding.batch_tokens,
                batch_type="tokens",
            )
            for k, result in zip(order[start : start + step], results, strict=True):
                text = tokenizer.decode(result.hypotheses[0])
                if package.target_prefix and text.startswith(package.target_prefix):
                    text = text[len(package.target_prefix) :]
                outputs[k] = text[1:] if text.startswith(" ") else text
            if progress is not None:
                done = {flat[k][0] for k in order[start : start + step]}
                progress(len(done))
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
