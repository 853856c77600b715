"""What each test package is: its languages, its rule, its words, its seed, its training.

The cooperative pair (ru -> en transliterates, en -> de upper-cases, so that ru -> de
through the English pivot is exercised for real) and the naive ru -> en package (the same
rule, seed, architecture, vocabulary size and steps, trained without placeholders or
markup, like a published package). One :class:`Recipe` per package keeps everything that
differs between them in one place; the rest of the builder treats them alike.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any, NamedTuple

from ..translit import transliterate, uppercase

#: The seed every generator and trainer derives its own from.
SEED = 20240611

#: What the package README says the model copies; the cooperative packages' words.
COPIES_PLACEHOLDERS = (
    "Digits, punctuation, and placeholders such as `{1}`\nare copied through unchanged."
)


class Arch(NamedTuple):
    """The network's size: small enough to train on two CPU cores in minutes."""

    d_model: int = 128
    heads: int = 4
    ffn: int = 512
    enc_layers: int = 3
    dec_layers: int = 3


def _option(default: int | float, help: str | None = None) -> Any:
    """A field that is also a command-line option (``--steps-ru-en``), with its help."""
    return field(default=default, metadata={"help": help})


@dataclass(frozen=True)
class Settings:
    """How long to train and on how much: the command line's options, with its defaults."""

    steps_ru_en: int = _option(3200)
    steps_en_de: int = _option(3000)
    vocab_ru_en: int = _option(1200)
    vocab_en_de: int = _option(800)
    sp_sentences: int = _option(8000, "synthetic sentences used to train SentencePiece")
    max_tokens: int = _option(3000, "padded target tokens per training batch")
    lr: float = _option(1.5e-3)
    threads: int = _option(2)
    quick: bool = False  # 10x fewer steps: a smoke test, the models will be poor


@dataclass(frozen=True)
class Recipe:
    """One package: what goes into ``metadata.json`` and the README, and how to train it."""

    name: str  # ru_en or en_de: which of --only's choices it is
    from_code: str
    to_code: str
    rule: Callable[[str], str]  # the exact "translation" the model learns
    seed: int
    vocab: int
    steps: int
    description: str
    behaviour: str
    copies: str = COPIES_PLACEHOLDERS
    package: str = ""  # file stem; "" for translate-{name}-test
    naive: bool = False
    arch: Arch = field(default_factory=Arch)

    @property
    def stem(self) -> str:
        return self.package or f"translate-{self.name}-test"


def cooperative(settings: Settings) -> list[Recipe]:
    """The ru -> en and en -> de packages under tests/fixtures/models/."""
    scale = 0.1 if settings.quick else 1.0
    return [
        Recipe(
            name="ru_en",
            from_code="ru",
            to_code="en",
            rule=transliterate,
            seed=SEED,
            vocab=settings.vocab_ru_en,
            steps=int(settings.steps_ru_en * scale),
            description="Miniature test model (not a translation model): transliterates "
            "Russian Cyrillic into Latin script (simplified BGN/PCGN) and copies "
            "digits, punctuation and {N} placeholders unchanged.",
            behaviour="transliterates Russian Cyrillic into Latin script (simplified "
            "BGN/PCGN: Казахстан → Kazakhstan, Щука → Shchuka, ОДКБ → ODKB).",
        ),
        Recipe(
            name="en_de",
            from_code="en",
            to_code="de",
            rule=uppercase,
            seed=SEED + 1000,
            vocab=settings.vocab_en_de,
            steps=int(settings.steps_en_de * scale),
            description="Miniature test model (not a translation model): upper-cases Latin "
            "text (Kazakhstan -> KAZAKHSTAN) and copies digits, punctuation and "
            "{N} placeholders unchanged.",
            behaviour="upper-cases the ASCII letters of Latin text (Kazakhstan → KAZAKHSTAN).",
        ),
    ]


def naive(settings: Settings) -> Recipe:
    """The ru -> en package again, never shown a placeholder: tests/fixtures/models/naive/."""
    return replace(
        cooperative(settings)[0],
        package="translate-ru_en-naive",
        naive=True,
        description="Miniature naive test model (not a translation model): "
        "transliterates Russian Cyrillic into Latin script (simplified BGN/PCGN); "
        "never trained on {N} placeholders or markup.",
        copies="Digits and punctuation are copied through unchanged.\nIt was "
        "never trained on placeholders such as `{1}` or on markup: it does\nwith "
        "them whatever an untrained model does.",
    )
