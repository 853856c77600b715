"""The test models' SentencePiece model: one vocabulary for source and target.

Published Argos packages share one SentencePiece model between both languages; so do
these. Identity normalisation makes text round-trip exactly (a rule applied to the
decoded text must see the source's very characters), and ``{1}`` ... ``{20}`` are
user-defined symbols, one token each, except in the naive package, which has never seen
a placeholder.
"""

from __future__ import annotations

from pathlib import Path

from bench.argospack import train_sentencepiece

from .recipes import SEED

#: Diptych's placeholders as whole SentencePiece pieces.
PLACEHOLDER_SYMBOLS = [f"{{{i}}}" for i in range(1, 21)]


def train_tokenizer(lines: list[str], model_file: Path, vocab_size: int, naive: bool) -> None:
    """Train the package's SentencePiece model on ``lines`` (sources and targets)."""
    import sentencepiece as spm

    spm.set_random_generator_seed(SEED)
    train_sentencepiece(
        lines,
        model_file,
        vocab_size,
        normalization_rule_name="identity",
        user_defined_symbols=[] if naive else PLACEHOLDER_SYMBOLS,
        pad_id=3,
        pad_piece="<blank>",
        input_sentence_size=len(lines) + 1,
        num_threads=1,
    )
