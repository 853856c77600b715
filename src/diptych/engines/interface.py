"""The translator interface, so that engines are interchangeable in tests and on the CLI.

Like argostranslate's ``ITranslation``, a :class:`Translator` translates text for one
language pair; unlike it, it takes a whole batch of sentences at once, because batching
sentences across units and pages is where the speed comes from. An :class:`Engine` makes
translators for language pairs and knows nothing about Markdown or catalogs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar, runtime_checkable

from ..align import Alignment

Progress = Callable[[int], None]


class Translator(Protocol):
    source: str
    target: str

    @property
    def provenance(self) -> str:
        """Engine, packages with versions, and pivot path, for the catalog comment."""
        ...

    def translate(self, sentences: Sequence[str], progress: Progress | None = None) -> list[str]:
        """Translate sentences (placeholders ``{N}`` intact); ``progress(n)`` after each batch."""
        ...


@runtime_checkable
class AligningTranslator(Translator, Protocol):
    """A translator that can also say how its translations align with their sources."""

    def translate_aligned(self, sentences: Sequence[str]) -> list[Alignment]:
        """Translate plain sentences, each with the model's attention over its source
        (only for the markup fallback, :mod:`diptych.fallback`; it costs more)."""
        ...


@runtime_checkable
class RememberingTranslator(Translator, Protocol):
    """A translator that remembers its results until told to forget them."""

    def forget(self) -> None:
        """Drop what it remembers: a run calls it after each window of pages, so what a
        translator keeps does not grow with the archive (docs-dev/performance.md)."""
        ...


@dataclass(frozen=True)
class Output:
    """One sentence as an engine translated it, with what a run records beside the text."""

    text: str
    # The model's log-probability of the output tokens, summed, and how many tokens it
    # decoded (their mean is the entry's score: catalog.score_of); None: no score.
    log_prob: float | None = None
    tokens: int = 0
    # Why the output may not be published: its decoding ran away (diptych.engines.runaway).
    problem: str | None = None


@runtime_checkable
class ScoringTranslator(Translator, Protocol):
    """A translator that also says how sure its model was, and whether decoding ran away."""

    def outputs(self, sentences: Sequence[str], progress: Progress | None = None) -> list[Output]:
        """As :meth:`Translator.translate`, each text with its score and problem."""
        ...


def outputs(
    translator: Translator, sentences: Sequence[str], progress: Progress | None = None
) -> list[Output]:
    """What a run records of a translation: the texts, with scores and problems from a
    translator that gives them (the Argos engine), the texts alone from any other."""
    if isinstance(translator, ScoringTranslator):
        return translator.outputs(sentences, progress)
    return [Output(text) for text in translator.translate(sentences, progress)]


class Engine(Protocol):
    name: str

    def translator(self, source: str, target: str) -> Translator:
        """A translator for the pair; raises ModelError (with a hint) if there is none.

        Must be cheap: models are loaded on the first ``translate`` call, not here.
        """
        ...


T = TypeVar("T")


class Memo(Generic[T]):
    """Remembers a translator's results until :meth:`forget` (not a global cache): a pivot
    through English reuses the English produced for the English catalogs of the same
    window of pages."""

    def __init__(self, translate: Callable[[list[str], Progress | None], list[T]]) -> None:
        self._translate = translate
        self._known: dict[str, T] = {}

    def __call__(self, sentences: Sequence[str], progress: Progress | None = None) -> list[T]:
        todo = list(dict.fromkeys(s for s in sentences if s not in self._known))
        if todo:
            for sentence, result in zip(todo, self._translate(todo, progress), strict=True):
                self._known[sentence] = result
        if progress is not None:
            progress(len(sentences) - len(todo))
        return [self._known[s] for s in sentences]

    def forget(self) -> None:
        self._known.clear()


class PivotTranslator:
    """source → pivot → target with two translators, the pivot recorded in the provenance."""

    def __init__(self, first: Translator, second: Translator) -> None:
        self.first, self.second = first, second
        self.source, self.target = first.source, second.target

    @property
    def provenance(self) -> str:
        return f"{self.first.provenance}; then {self.second.provenance} (pivot {self.first.target})"

    def translate(self, sentences: Sequence[str], progress: Progress | None = None) -> list[str]:
        middle = self.first.translate(sentences)
        return self.second.translate(middle, progress)

    def outputs(self, sentences: Sequence[str], progress: Progress | None = None) -> list[Output]:
        """Both legs' outputs: the second leg's text; the score over the tokens of both
        legs (either leg's doubt is the pair's); a problem of either leg."""
        middles = outputs(self.first, sentences)
        ends = outputs(self.second, [m.text for m in middles], progress)
        joined = []
        for middle, end in zip(middles, ends, strict=True):
            scored = middle.log_prob is not None and end.log_prob is not None
            problem = end.problem
            if middle.problem is not None:
                problem = f"{self.first.target} leg: {middle.problem}"
            joined.append(
                Output(
                    end.text,
                    (middle.log_prob or 0.0) + (end.log_prob or 0.0) if scored else None,
                    middle.tokens + end.tokens if scored else 0,
                    problem,
                )
            )
        return joined

    def forget(self) -> None:
        for leg in (self.first, self.second):
            if isinstance(leg, RememberingTranslator):
                leg.forget()

    def translate_aligned(self, sentences: Sequence[str]) -> list[Alignment]:
        """Both legs with attention, passed through the pivot's text; a leg without
        attention leaves only the texts (placement by position)."""
        first, second = self.first, self.second
        if not isinstance(first, AligningTranslator):
            middle = first.translate(sentences)
            ends = second.translate(middle)
            return [Alignment.unaligned(s, t) for s, t in zip(sentences, ends, strict=True)]
        legs = first.translate_aligned(sentences)
        middles = [leg.target for leg in legs]
        if not isinstance(second, AligningTranslator):
            ends = second.translate(middles)
            return [Alignment.unaligned(s, t) for s, t in zip(sentences, ends, strict=True)]
        return [
            leg.then(rest)
            for leg, rest in zip(legs, second.translate_aligned(middles), strict=True)
        ]
