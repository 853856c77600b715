"""Sentence splitting with splitters made for each language.

razdel for Russian (it keeps "г. Алматы", "К.Токаева" and "2 500" whole); sentencex for
every other language. Argos' own splitters (stanza, spaCy, MiniSBD) fetch models at run
time, so they are not used. A split keeps the separators, so that joining is lossless.
"""

from __future__ import annotations

from dataclasses import dataclass

import razdel
import sentencex


@dataclass(frozen=True)
class Split:
    sentences: tuple[str, ...]
    # separators[i] is the text after sentences[i] (whitespace); len == len(sentences)
    separators: tuple[str, ...]
    leading: str = ""

    def join(self, translated: list[str], *, spaced: bool = True) -> str:
        """Reassemble translated sentences; unspaced scripts (zh, ja, th) drop the spaces."""
        parts = [self.leading]
        for sentence, sep in zip(translated, self.separators, strict=True):
            parts.append(sentence.strip())
            parts.append(sep if spaced else sep.replace(" ", ""))
        return "".join(parts).rstrip() if spaced else "".join(parts).strip()


def _spans(text: str, lang: str) -> list[tuple[int, int]]:
    if lang == "ru":
        return [(s.start, s.stop) for s in razdel.sentenize(text)]
    spans: list[tuple[int, int]] = []
    cursor = 0
    for sentence in sentencex.segment(lang, text):
        piece = sentence.strip()
        if not piece:
            continue
        start = text.find(piece, cursor)
        if start < 0:  # the splitter normalised something: keep the rest whole
            spans.append((cursor, len(text.rstrip())))
            return spans
        spans.append((start, start + len(piece)))
        cursor = start + len(piece)
    return spans


def split(text: str, lang: str) -> Split:
    """Split text into sentences, keeping separators so that joining loses nothing."""
    spans = _spans(text, lang)
    if not spans:
        return Split((), (), leading=text)
    sentences = tuple(text[a:b] for a, b in spans)
    separators = tuple(
        text[b : spans[i + 1][0]] if i + 1 < len(spans) else text[b:]
        for i, (_, b) in enumerate(spans)
    )
    return Split(sentences, separators, leading=text[: spans[0][0]])


def chunk(sentence: str, max_chars: int) -> list[str]:
    """Cut an over-long sentence at spaces into pieces of at most max_chars (a hard cut if none).

    A model has a maximum input length; a sentence beyond it is translated piecewise rather
    than truncated or crashed on.
    """
    pieces: list[str] = []
    rest = sentence
    while len(rest) > max_chars:
        cut = rest.rfind(" ", 0, max_chars)
        for mark in ("; ", ", ", " — ", ": "):
            at = rest.rfind(mark, max_chars // 2, max_chars)
            if at > 0:
                cut = at + len(mark) - 1
                break
        if cut <= 0:
            cut = max_chars
        pieces.append(rest[:cut].strip())
        rest = rest[cut:].lstrip()
    if rest:
        pieces.append(rest)
    return pieces
