"""Pseudo-localisation: the classic way to test layout and markup without a model.

Text becomes accented and about 40% longer, wrapped in ⟦ ⟧ so that truncation and
untranslated strings stand out; placeholders pass through untouched.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..protect import PLACEHOLDER
from .interface import Progress

_ACCENTS = str.maketrans(
    "aceinorsuyzAEIOUCNSYZаегжзикоутчыэАЕИОУЭ",
    "åçéîñøŕšûýžÅÉÎÖÜÇÑŠÝŽӓёґӝӟӣќӧӯҭӵӹӭӒЁӢӦӮӬ",
)
_WORD = re.compile(r"\w+")


def pseudolocalise(sentence: str) -> str:
    pieces = PLACEHOLDER.split(sentence)
    out = []
    for i, piece in enumerate(pieces):
        # PLACEHOLDER has one group: odd indexes are placeholder numbers
        out.append(f"{{{piece}}}" if i % 2 else piece.translate(_ACCENTS))
    text = "".join(out)
    letters = sum(len(w) for w in _WORD.findall(PLACEHOLDER.sub("", sentence)))
    padding = "·" * max(1, round(letters * 0.4))
    return f"⟦{text} {padding}⟧"


class PseudoTranslator:
    def __init__(self, source: str, target: str) -> None:
        self.source, self.target = source, target

    @property
    def provenance(self) -> str:
        return f"pseudo {self.source}→{self.target} (pseudo-localisation, not a translation)"

    def translate(self, sentences: Sequence[str], progress: Progress | None = None) -> list[str]:
        result = [pseudolocalise(s) for s in sentences]
        if progress is not None:
            progress(len(sentences))
        return result


class PseudoEngine:
    name = "pseudo"

    def translator(self, source: str, target: str) -> PseudoTranslator:
        return PseudoTranslator(source, target)
