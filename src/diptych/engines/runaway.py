"""Runaway decoding: a limit in proportion to a batch's input, and outputs that ran away.

A neural model sometimes fails to stop: it repeats a word or a phrase until the decoding
limit cuts it off ("Kazakhstan Kazakhstan Kazakhstan ..."), or loops for a while and then
stops. With one fixed limit (CTranslate2's default, 256 tokens) such an output of a
three-word heading is 256 tokens of garbage, and the whole batch waits for it. So each
batch gets a limit in proportion to its longest input (:func:`limit`), and an output
that reaches it, or that repeats an n-gram more often in a row than its source does
(:func:`loop`), is flagged for review instead of published (:func:`problem`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

# A repeated n-gram: at most this many tokens, back to back at least this many times.
MAX_NGRAM = 12
MIN_REPEATS = 4
# Any n-gram of up to MAX_NGRAM tokens (one character each) repeated MIN_REPEATS times.
_CANDIDATE = re.compile(rf"(.{{1,{MAX_NGRAM}}}?)\1{{{MIN_REPEATS - 1},}}", re.S)


def limit(longest: int, ratio: float, extra: int, cap: int) -> int:
    """The decoding limit of a batch whose longest input has ``longest`` tokens:
    ``ratio`` output tokens per input token plus ``extra``, never above ``cap``."""
    return min(cap, math.ceil(ratio * longest) + extra)


def _coded(tokens: Sequence[str]) -> str:
    """The tokens as a string of one character per distinct token (for the regex engine)."""
    codes: dict[str, str] = {}
    return "".join(codes.setdefault(token, chr(0x10000 + len(codes))) for token in tokens)


def repeats(tokens: Sequence[str]) -> int:
    """The most times one n-gram (up to :data:`MAX_NGRAM` tokens) occurs back to back in
    ``tokens`` (1: none repeats)."""
    text = _coded(tokens)
    most = 1
    for n in range(1, MAX_NGRAM + 1):
        for match in re.finditer(rf"(.{{{n}}})\1+", text, re.S):
            most = max(most, len(match.group(0)) // n)
    return most


def loop(source: Sequence[str], output: Sequence[str]) -> int | None:
    """How many times running the output repeats an n-gram, where that is at least
    :data:`MIN_REPEATS` and more than its source repeats any (``да, да, да, да`` may
    become ``yes, yes, yes, yes``); None where it does not loop. Cheap when it does not:
    one regular-expression scan of the output."""
    if len(output) < MIN_REPEATS or not _CANDIDATE.search(_coded(output)):
        return None
    found = repeats(output)
    return found if found > repeats(source) else None


def problem(source: Sequence[str], output: Sequence[str], limit: int) -> str | None:
    """Why an output (tokens, as decoded for ``source``) ran away, in the words of the
    catalog comment; None if it did not."""
    if len(output) >= limit:
        return (
            f"the output reached the decoding limit ({limit} tokens for this batch) and was "
            "cut off: the model likely looped; check the whole translation"
        )
    found = loop(source, output)
    if found is not None:
        return (
            f"the output repeats itself ({found} times in a row, more than the source): "
            "the model likely looped; check the translation"
        )
    return None
