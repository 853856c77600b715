"""The translator interface, so that engines are interchangeable in tests and on the CLI.

Like argostranslate's ``ITranslation``, a :class:`Translator` translates text for one
language pair; unlike it, it takes a whole batch of sentences at once, because batching
sentences across units and pages is where the speed comes from. An :class:`Engine` makes
translators for language pairs and knows nothing about Markdown or catalogs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

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


class Engine(Protocol):
    name: str

    def translator(self, source: str, target: str) -> Translator:
        """A translator for the pair; raises ModelError (with a hint) if there is none.

        Must be cheap: models are loaded on the first ``translate`` call, not here.
        """
        ...


class Memo:
    """Remembers a translator's results for the length of one run (not a global cache):
    a pivot through English reuses the English produced for the English catalogs."""

    def __init__(self, translate: Callable[[list[str], Progress | None], list[str]]) -> None:
        self._translate = translate
        self._known: dict[str, str] = {}

    def __call__(self, sentences: Sequence[str], progress: Progress | None = None) -> list[str]:
        todo = list(dict.fromkeys(s for s in sentences if s not in self._known))
        if todo:
            for sentence, result in zip(todo, self._translate(todo, progress), strict=True):
                self._known[sentence] = result
        if progress is not None:
            progress(len(sentences) - len(todo))
        return [self._known[s] for s in sentences]


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
