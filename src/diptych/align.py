"""Inline markup put back by alignment, for a model that does not copy placeholders.

A masked sentence (``Нажмите {1}Сохранить{2} и {3}.``) is taken apart into its plain text
(``Нажмите Сохранить и .`` with the spaces collapsed) and the places where its
placeholders stood (:class:`Marked`): the placeholders cut the plain text into segments,
in order. Its plain translation is cut into as many consecutive pieces, each target token
going to the source segment it aligns with, and the placeholders are written back at the
cuts, in the source's order and with the source's spacing (:func:`place`). Keeping the
order is what makes the result safe to check: every markup run comes back exactly once,
opening before closing, so what is left to decide is only which target words it covers.

Two kinds of source text are not the model's to translate. Punctuation alone between two
runs of markup (the `` · `` between two links, quote marks marked on their own as in
``**«**Казахстан**»**``) is not sent: a model that sees it may turn it into a word, or
lose the word after it, and the cut may move it inside a neighbouring run; it is written
back as the source has it, between the same two placeholders. (The sentence's final
punctuation is sent: a model trained on sentences needs it.) And a run of markup that
begins or ends with whitespace (a hard line break, or a line break folded into the run,
as in ``**слово**⏎дальше``) parts the words either side in the plain text: otherwise the
model would read ``словодальше`` as one word.

How target tokens align with source segments (:func:`scores`):

- the model's own cross-attention (:class:`Alignment`, from CTranslate2's
  ``return_attention``), SentencePiece pieces mapped to characters of the source and of
  the translation, summed over each token and each segment;
- relative position, a weak prior that decides where attention says nothing (pieces the
  translation invents, a model without attention).

The cut that maximises the total score is found by dynamic programming over the tokens
(monotone segmentation); a segment with words between two placeholders (the text of a
link, of an emphasis) gets at least one token. No cut: :func:`place` returns None and the
caller falls back further (:mod:`diptych.fallback`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .protect import PLACEHOLDER

if TYPE_CHECKING:
    import numpy.typing as npt

    Array = npt.NDArray[Any]

Span = tuple[int, int]
Matrix = list[list[float]]

# Target tokens a cut may fall between: words (with inner apostrophes and hyphens), each
# other non-space character on its own.
TOKEN = re.compile(r"\w+(?:['’\-]\w+)*|[^\w\s]")
# A token of a script written without spaces (Chinese, Japanese, Thai): one character.
UNSPACED_TOKEN = re.compile(r"[^\W\d_]|\w+|[^\w\s]")


@dataclass(frozen=True)
class Weights:
    """How much each kind of evidence counts (each token's attention sums to 1). The
    defaults were chosen by measurement: bench/markup.py, docs-dev/performance.md."""

    attention: float = 1.0
    position: float = 0.1
    # a target token identical to source tokens (numbers, punctuation, names, Latin
    # words a model copies): its share of evidence for the segments that hold them
    anchors: float = 1.0
    # a target token inside the place where a segment's own translation (translated on
    # its own) matches the translation, at least `fragment_score` similar (rapidfuzz)
    fragments: float = 1.0
    fragment_score: float = 70.0
    # the cost of a cut whose spacing disagrees with the source's (spacing_penalties)
    spacing: float = 0.5


DEFAULT = Weights()


@dataclass(frozen=True, eq=False)
class Alignment:
    """How a translation's pieces attended to its source's pieces.

    ``weights[t, s]``: attention of target piece ``t`` on source piece ``s`` (an array
    of shape ``(len(target_spans), len(source_spans))``); ``source_spans[s]`` and
    ``target_spans[t]`` are the characters of the piece in ``source`` and ``target``
    (None: not found there, such as a lone ``▁`` or a byte piece).
    """

    source: str
    target: str
    source_spans: tuple[Span | None, ...] = ()
    target_spans: tuple[Span | None, ...] = ()
    weights: Array = field(default_factory=lambda: _numpy().zeros((0, 0)))
    # Why the translation may not be used: its decoding ran away (diptych.engines.runaway).
    problem: str | None = None

    @classmethod
    def unaligned(cls, source: str, target: str) -> Alignment:
        """A translation of which nothing is known but the texts (position only)."""
        return cls(source, target)

    def then(self, second: Alignment) -> Alignment:
        """This alignment followed by ``second``, a translation of this one's target (a
        pivot): attention is passed through the pivot's characters."""
        np = _numpy()
        # second's source pieces × this one's target pieces, by shared characters
        link = _rows_normalised(overlaps(second.source_spans, self.target_spans))
        if not second.weights.size or not self.weights.size:
            through = np.zeros((len(second.target_spans), len(self.source_spans)))
        else:
            through = second.weights @ link @ self.weights
        problem = self.problem or second.problem
        return Alignment(
            self.source, second.target, self.source_spans, second.target_spans, through, problem
        )


def surface(piece: str) -> str:
    """The characters a SentencePiece piece (``▁`` a space) or a BPE piece (``@@``
    joining the next) stands for."""
    return piece.removesuffix("@@").replace("\u2581", " ")


def locate(text: str, surfaces: Sequence[str]) -> tuple[Span | None, ...]:
    """Where each piece's surface (in order) stands in ``text``; None where it cannot be
    found in order (normalised characters, byte pieces, special tokens). A piece that is
    only a space (SentencePiece's lone ``▁`` before a word it split) stands for the word
    it starts: it takes the next piece's place."""
    spans: list[Span | None] = []
    cursor = 0
    for surface in surfaces:
        piece = surface.strip()
        at = text.find(piece, cursor) if piece else -1
        # A piece found far ahead would skip over text it cannot have come from.
        if at < 0 or text[cursor:at].strip():
            spans.append(None)
            continue
        spans.append((at, at + len(piece)))
        cursor = at + len(piece)
    for i in range(len(spans) - 2, -1, -1):
        if spans[i] is None and surfaces[i] and not surfaces[i].strip():
            spans[i] = spans[i + 1]
    return tuple(spans)


@dataclass(frozen=True)
class Marked:
    """A masked sentence taken apart: its plain text, and where each placeholder stood.

    ``cuts[i]`` is the offset in ``plain`` of placeholder ``numbers[i]``; the segments of
    ``plain`` are the text before the first cut, between cuts, and after the last.
    """

    masked: str
    plain: str
    numbers: tuple[int, ...]
    cuts: tuple[int, ...]
    # Whitespace next to each placeholder in the masked sentence.
    space_before: tuple[bool, ...]
    space_after: tuple[bool, ...]
    # Whitespace at the start and at the end of each placeholder's own markup (a line
    # break): it parts the words either side by itself.
    breaks_before: tuple[bool, ...]
    breaks_after: tuple[bool, ...]
    # For each placeholder but the last: whether the text up to the next one is kept as
    # the source has it (punctuation alone, words after it), not sent to the model.
    kept: tuple[bool, ...]

    @classmethod
    def of(cls, masked: str, markup: Mapping[int, str] | None = None) -> Marked:
        """``masked`` taken apart; ``markup`` (placeholder → the markup it stands for, as
        :func:`diptych.protect.protect` made it) tells which placeholders are line breaks."""
        matches = list(PLACEHOLDER.finditer(masked))
        numbers = tuple(int(m.group(1)) for m in matches)
        runs = [(markup or {}).get(n, "") for n in numbers]
        ends = [0, *(x for m in matches for x in m.span()), len(masked)]
        texts = [masked[ends[k] : ends[k + 1]] for k in range(0, len(ends), 2)]
        kept = tuple(
            not re.search(r"\w", text) and any(re.search(r"\w", t) for t in texts[k + 2 :])
            for k, text in enumerate(texts[1:-1])
        )
        plain = ""
        cuts: list[int] = []
        for k, text in enumerate(texts):
            if 0 < k < len(texts) - 1 and kept[k - 1]:
                text = " " if re.search(r"\s", text) else ""
            if k and runs[k - 1][-1:].isspace():
                text = " " + text
            if k < len(runs) and runs[k][:1].isspace():
                text += " "
            plain, text = _joined(plain, text, cuts)
            plain += text
            if k < len(matches):
                cuts.append(len(plain))
        lead = len(plain) - len(plain.lstrip())
        stripped = plain.strip()
        cuts = [min(max(0, c - lead), len(stripped)) for c in cuts]
        return cls(
            masked,
            stripped,
            numbers,
            tuple(cuts),
            tuple(masked[: m.start()][-1:].isspace() for m in matches),
            tuple(masked[m.end() :][:1].isspace() for m in matches),
            tuple(run[:1].isspace() for run in runs),
            tuple(run[-1:].isspace() for run in runs),
            kept,
        )

    @property
    def segments(self) -> list[Span]:
        bounds = [0, *self.cuts, len(self.plain)]
        return [(bounds[i], bounds[i + 1]) for i in range(len(bounds) - 1)]

    def required(self) -> list[bool]:
        """Segments that must get a target token: those with words or numbers between
        two placeholders (a link's or an emphasis' text)."""
        segments = self.segments
        return [
            0 < j < len(segments) - 1 and bool(re.search(r"\w", self.plain[a:b]))
            for j, (a, b) in enumerate(segments)
        ]

    def empty(self) -> list[bool]:
        """Segments that must get no target token: those kept as the source has them
        (nothing of the translation can belong to text the model never saw)."""
        return [False, *self.kept, False] if self.numbers else [False]

    def between(self, i: int) -> str:
        """What stands between placeholder ``i`` and ``i + 1`` (by position) where the
        translation gives that segment no token: the source's own text where it is kept
        (punctuation the model never saw), else a space if the source has one there.
        (Never other source text: it would be Russian, or punctuation that the
        translation already has elsewhere.)"""
        matches = list(PLACEHOLDER.finditer(self.masked))
        text = self.masked[matches[i].end() : matches[i + 1].start()]
        if self.kept[i]:
            return text
        return " " if re.search(r"\s", text) else ""


def _joined(plain: str, text: str, cuts: list[int]) -> tuple[str, str]:
    """``plain`` and the ``text`` that follows a removed placeholder, as they join: one
    space where both have one ("a {1} b" reads "a b"), none before punctuation ("в
    папке {1}." reads "в папке."); ``cuts`` past the end of ``plain`` are moved back."""
    if plain[-1:].isspace():
        if text[:1].isspace():
            return plain, text.lstrip()
        if re.match(r"[.,;:!?…)\]»”]", text):
            plain = plain.rstrip()
            cuts[:] = [min(cut, len(plain)) for cut in cuts]
    return plain, text


def tokens(text: str, spaced: bool = True) -> list[Span]:
    pattern = TOKEN if spaced else UNSPACED_TOKEN
    return [(m.start(), m.end()) for m in pattern.finditer(text)]


def scores(
    marked: Marked,
    alignment: Alignment,
    target_tokens: Sequence[Span],
    weights: Weights = DEFAULT,
    fragments: Mapping[int, str] | None = None,
) -> Matrix:
    """How well each target token (rows) fits each source segment (columns): its
    attention on the segment's pieces (each token's row summing to 1 where the model
    attended to anything), a position prior, identical tokens (:func:`anchors`) and
    where segments translated on their own (``fragments``: segment → its translation)
    stand in the translation (:func:`matches`), as ``weights`` weigh them."""
    np = _numpy()
    segments = marked.segments
    # source piece × segment: the share of the piece's characters in each segment
    pieces = _rows_normalised(overlaps(alignment.source_spans, segments))
    if alignment.weights.size:
        by_segment = alignment.weights @ pieces  # target piece × segment
        # token × target piece: the share of the piece's characters in the token
        shares = overlaps(alignment.target_spans, target_tokens).T
        table = weights.attention * _rows_normalised(shares @ by_segment)
    else:
        table = np.zeros((len(target_tokens), len(segments)))
    # The position prior: how far the token's middle lies from the segment, both as a
    # share of their texts' lengths.
    middles = np.array([(a + b) / 2 for a, b in target_tokens]) / max(len(alignment.target), 1)
    bounds = np.array(segments, dtype=float).reshape(-1, 2) / max(len(marked.plain), 1)
    below = np.clip(bounds[None, :, 0] - middles[:, None], 0, None)
    above = np.clip(middles[:, None] - bounds[None, :, 1], 0, None)
    table -= weights.position * (below + above)
    if weights.anchors:
        table += weights.anchors * anchors(marked, alignment.target, target_tokens)
    if weights.fragments and fragments:
        found = matches(marked, alignment.target, target_tokens, fragments, weights.fragment_score)
        table += weights.fragments * found
    return table.tolist()  # type: ignore[no-any-return]


def anchors(marked: Marked, target: str, target_tokens: Sequence[Span]) -> Array:
    """``out[t, j]``: for a target token that stands, identical (case aside), among the
    source's tokens, the share of those source tokens that lie in segment ``j``."""
    np = _numpy()
    where: dict[str, list[int]] = {}
    for j, (a, b) in enumerate(marked.segments):
        for match in TOKEN.finditer(marked.plain, a, b):
            where.setdefault(match.group(0).casefold(), []).append(j)
    out: Array = np.zeros((len(target_tokens), len(marked.segments)))
    for t, (a, b) in enumerate(target_tokens):
        found = where.get(target[a:b].casefold(), [])
        for j in found:
            out[t, j] += 1 / len(found)
    return out


def matches(
    marked: Marked,
    target: str,
    target_tokens: Sequence[Span],
    fragments: Mapping[int, str],
    cutoff: float,
) -> Array:
    """``out[t, j]``: 1 where target token ``t`` lies in the best match of segment ``j``'s
    own translation within ``target`` (rapidfuzz's partial ratio, case and punctuation
    aside), -1 where it lies outside, if that match is at least ``cutoff`` (of 100)
    similar (0 if not)."""
    from rapidfuzz import fuzz, utils

    np = _numpy()
    out: Array = np.zeros((len(target_tokens), len(marked.segments)))
    for j, text in fragments.items():
        found = fuzz.partial_ratio_alignment(
            text, target, processor=utils.default_process, score_cutoff=cutoff
        )
        if found is None or not text.strip():
            continue
        for t, (a, b) in enumerate(target_tokens):
            out[t, j] = 1.0 if found.dest_start <= (a + b) / 2 < found.dest_end else -1.0
    return out


def cut(
    table: Matrix,
    required: Sequence[bool],
    penalties: Sequence[Sequence[float]] = (),
    empty: Sequence[bool] = (),
) -> list[int] | None:
    """Cut ``len(table)`` tokens into ``len(required)`` consecutive pieces (piece ``j``
    from ``starts[j]`` up to the next start) maximising the sum of ``table[token][piece]``
    less ``penalties[j - 1][starts[j]]`` for each piece after the first; a required piece
    gets at least one token, an ``empty`` one none. None if there are too few tokens."""
    m, n = len(table), len(required)
    if n == 0:
        return []
    low = float("-inf")
    # best[j][c]: best score with pieces 0..j-1 covering tokens [0, c)
    best = [[low] * (m + 1) for _ in range(n + 1)]
    back = [[0] * (m + 1) for _ in range(n + 1)]
    best[0][0] = 0.0
    for j in range(n):
        prefix = [0.0]
        for row in table:
            prefix.append(prefix[-1] + row[j])
        cost = penalties[j - 1] if 0 < j <= len(penalties) else None
        # best[j+1][e] = max over starts s <= e (s < e if required, s == e if empty) of
        # best[j][s] - cost[s] + prefix[e] - prefix[s]
        lone = j < len(empty) and empty[j]
        top, arg = low, 0
        for e in range(m + 1):
            if lone:  # the piece must end where it starts: only s == e
                top, arg = low, 0
            s = e - 1 if required[j] else e
            if s >= 0 and best[j][s] > low:
                value = best[j][s] - prefix[s] - (cost[s] if cost is not None else 0.0)
                if value > top:
                    top, arg = value, s
            if top > low:
                best[j + 1][e], back[j + 1][e] = top + prefix[e], arg
    if best[n][m] == low:
        return None
    starts = [0] * n
    e = m
    for j in range(n, 0, -1):
        starts[j - 1] = back[j][e]
        e = starts[j - 1]
    return starts


def spacing_penalties(
    marked: Marked, target: str, spans: Sequence[Span], weight: float = Weights.spacing
) -> list[list[float]]:
    """For each placeholder and each cut (before token ``c``), ``weight`` where the cut
    disagrees with the source's spacing: a placeholder with a space beside it in the
    source (or a line break in its markup) belongs where the translation has one (between
    words), one without beside a word or a punctuation mark it was attached to.
    Placeholders joined by kept text go to one cut together: a space beside any of them
    says where."""
    m = len(spans)
    # at either end of the translation any placeholder fits
    spaced_cut = [None, *(bool(target[spans[c - 1][1] : spans[c][0]]) for c in range(1, m)), None]
    sides = (marked.space_before, marked.space_after, marked.breaks_before, marked.breaks_after)
    wants = [any(side) for side in zip(*sides, strict=True)]
    # a chain's wish reaches all its placeholders: forward, then back
    for i, kept in enumerate(marked.kept):
        wants[i + 1] = wants[i + 1] or (kept and wants[i])
    for i, kept in reversed(list(enumerate(marked.kept))):
        wants[i] = wants[i] or (kept and wants[i + 1])
    return [
        [weight if spaced_cut[c] not in (None, spaced) else 0.0 for c in range(m + 1)]
        for spaced in wants
    ]


def place(
    marked: Marked,
    alignment: Alignment,
    weights: Weights = DEFAULT,
    spaced: bool = True,
    fragments: Mapping[int, str] | None = None,
) -> str | None:
    """The plain translation ``alignment.target`` of ``marked.plain`` with the
    placeholders of ``marked`` written back where the evidence cuts it best (``spaced``:
    the target language separates words with spaces: the source's spaces beside a
    placeholder are kept, and weigh where it goes); None if it cannot be cut."""
    target = alignment.target
    spans = tokens(target, spaced)
    table = scores(marked, alignment, spans, weights, fragments)
    penalties = spacing_penalties(marked, target, spans, weights.spacing) if spaced else []
    starts = cut(table, marked.required(), penalties, marked.empty())
    if starts is None:
        return None
    # Placeholder i stands before the first token of segment i + 1.
    at: dict[int, list[int]] = {}
    for i, start in enumerate(starts[1:]):
        at.setdefault(start, []).append(i)
    out: list[str] = []
    cursor = 0
    for position in sorted(at):
        group = at[position]
        gap_start = spans[position - 1][1] if position > 0 else 0
        gap_end = spans[position][0] if position < len(spans) else len(target)
        out.append(target[cursor:gap_start])
        gap = target[gap_start:gap_end]
        first, last = group[0], group[-1]
        # A line break that ends or starts the group's markup parts the words itself:
        # no space is written on that side, and the gap goes.
        broken = marked.breaks_before[first] or marked.breaks_after[last]
        lead = spaced and position > 0 and marked.space_before[first]
        lead = lead and not marked.breaks_before[first]
        trail = spaced and position < len(spans) and marked.space_after[last]
        trail = trail and not marked.breaks_after[last]
        between = [marked.between(i) if spaced else marked.between(i).strip() for i in group[:-1]]
        out.append((gap or " ") if lead else "")
        for k, i in enumerate(group):
            out.append(between[k - 1] if k else "")
            out.append(f"{{{marked.numbers[i]}}}")
        # The words either side stay apart: the gap goes after the group if no space the
        # source had beside or between its placeholders (or a line break) took its place.
        out.append((gap or " ") if trail else "" if lead or broken or any(between) else gap)
        cursor = gap_end
    out.append(target[cursor:])
    return "".join(out).strip()


def _overlap(a: Span | None, b: Span | None) -> float:
    """The share of ``a``'s characters that lie in ``b``."""
    if a is None or b is None or a[1] <= a[0]:
        return 0.0
    return max(0, min(a[1], b[1]) - max(a[0], b[0])) / (a[1] - a[0])


def overlaps(rows: Sequence[Span | None], columns: Sequence[Span | None]) -> Array:
    """``out[i, j]``: the share of span ``rows[i]``'s characters that lie in ``columns[j]``."""
    out: Array = _numpy().zeros((len(rows), len(columns)))
    for i, a in enumerate(rows):
        for j, b in enumerate(columns):
            out[i, j] = _overlap(a, b)
    return out


def _rows_normalised(matrix: Array) -> Array:
    """Each row divided by its sum (rows summing to nothing stay as they are)."""
    np = _numpy()
    totals = matrix.sum(axis=1, keepdims=True)
    out: Array = np.divide(matrix, totals, out=np.array(matrix, dtype=float), where=totals > 0)
    return out


def _numpy() -> Any:
    """numpy, imported on first use: every command imports this module, few align (and
    numpy takes a third of a second to import)."""
    import numpy

    return numpy
