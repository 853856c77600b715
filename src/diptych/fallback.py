"""Markup that survives an uncooperative model: the fallback for units whose placeholders
did not come back.

Published Argos models were never trained on ``{N}`` placeholders and drop, renumber or
translate them. For a unit whose restoration failed (:func:`diptych.protect.restore`
reported problems), each sentence whose placeholders did not come back (:class:`Step`) is
translated again as plain text (placeholders removed), with the model's attention
(:meth:`diptych.engines.interface.AligningTranslator.translate_aligned`), and its markup is put back
on the target words aligned with the marked source words (:mod:`diptych.align`). Where
that fails, the marked sentences are rebuilt from their segments translated on their
own (the text of a link or an emphasis, the words between), in the source's order. The
markup itself (code spans, link targets, footnote references, HTML) is the source's,
copied; only visible text is translated. Design and measurements:
docs-dev/translation.md ("Markup fallback"), docs-dev/performance.md ("Markup survival").

A candidate is published only if it passes what every translation must: restoration's
check of the markup signature, the D2xx parity rules (:func:`diptych.check.markup.parity`)
and the renderer-based judge (:mod:`diptych.judge`); otherwise the unit stays flagged as
it was. Provenance says ``markup placed by alignment``, so that reviewers check it first;
its state stays machine. Attention is paid for only here: only sentences of units whose
restoration failed are decoded again.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from markdown_it import MarkdownIt

from . import align
from .engines.interface import AligningTranslator, Translator, outputs
from .errors import DiptychError
from .inventory import Inventory
from .judge import Judge, reference_definitions
from .protect import PLACEHOLDER, Protected, inline_parser, restore
from .segment import Page
from .sentences import Split

if TYPE_CHECKING:
    from .check.markup import Parsers

ALIGNED = "markup placed by alignment"
SPANS = "markup placed by alignment (marked spans translated on their own)"
# D2xx codes that say nothing about the translation's markup (a link to a missing page is
# the source's business).
IGNORED_CODES = frozenset({"D210"})
# What ends a sentence.
ENDS = ".。…!?！？"
# A placeholder as engines return it (spaces inside, full-width braces), as
# diptych.protect.restore reads it.
DAMAGED = re.compile(r"[{｛]\s*(\d+)\s*[}｝]")


@dataclass(frozen=True)
class Failed:
    """A unit whose placeholders did not survive: its source, its masked sentences and
    their translations, and its page (for link references and the judge)."""

    source: str
    protected: Protected
    split: Split
    page: Page | None = None

    def marked(self, sentence: str) -> align.Marked:
        """One of its masked sentences taken apart, with what its placeholders stand for
        (a line break in the markup parts the words around it)."""
        return align.Marked.of(sentence, self.protected.markup)


@dataclass(frozen=True)
class Rescued:
    text: str
    note: str  # how the markup was placed, for the provenance comment
    repairs: tuple[str, ...] = ()  # what restoring repaired in sentences kept as they were


Check = Callable[[Failed, str], list[str]]


class Checks:
    """What a candidate must pass before it is published: D2xx parity and the judge, with
    the site's renderer (made on first use: most runs never need it), for one run."""

    def __init__(self, config_file: Path) -> None:
        self.config_file = config_file
        self._judge: Judge | None = None
        self._parsers: Parsers | None = None
        # Per page (by path and text, for the run): its definitions, what it may hold.
        self._pages: dict[tuple[Path, int], tuple[str, Inventory]] = {}

    def judge(self) -> Judge:
        if self._judge is None:
            from .renderer import Renderer

            self._judge = Judge(Renderer.for_config_file(self.config_file))
        return self._judge

    def for_language(self, lang: str) -> Check:
        def check(unit: Failed, text: str) -> list[str]:
            return self.problems(unit, text, lang)

        return check

    def problems(self, unit: Failed, text: str, lang: str) -> list[str]:
        """Why ``text`` may not be published as ``unit``'s translation (none: it may):
        what :func:`diptych.check.markup.parity` and :meth:`Judge.entry` say."""
        from .check.base import PageInfo
        from .check.markup import Parsers, parity

        self._parsers = self._parsers or Parsers.make()
        page = unit.page
        info = PageInfo(page.path, "", page) if page is not None else None
        docs = page.path.parent if page is not None else self.config_file.parent
        problems = [
            f"{code}: {message}"
            for code, message in parity(unit.source, text, lang, info, docs, self._parsers)
            if code not in IGNORED_CODES
        ]
        if problems:
            return problems
        try:
            judge = self.judge()
            if page is None:
                return judge.entry(None, unit.source, text)
            key = (Path(page.path), hash(page.text))
            if key not in self._pages:
                self._pages[key] = (reference_definitions(page), judge.baseline(page))
            definitions, baseline = self._pages[key]
            return judge.unit(unit.source, text, definitions, baseline)
        except DiptychError as exc:  # the site's config or the page cannot be rendered
            return [f"cannot judge: {exc.message}"]


def placeholders(text: str) -> list[int]:
    """The placeholder numbers in a translation, damaged ones read as the engine meant."""
    return [int(m.group(1)) for m in DAMAGED.finditer(text)]


def _has_words(text: str) -> bool:
    return bool(re.search(r"\w", text))


class _Placer:
    """One language's candidates for the failed units, translations batched."""

    def __init__(self, translator: Translator, spaced: bool, weights: align.Weights) -> None:
        self.translator = translator
        self.spaced = spaced
        self.weights = weights
        # masked sentence (taken apart) -> masked translation
        self.aligned: dict[align.Marked, str | None] = {}
        self.spans: dict[str, str | None] = {}

    def by_alignment(self, sentences: Sequence[align.Marked]) -> None:
        todo = [m for m in dict.fromkeys(sentences) if m not in self.aligned]
        plain = list(dict.fromkeys(m.plain for m in todo if _has_words(m.plain)))
        if isinstance(self.translator, AligningTranslator):
            found = dict(zip(plain, self.translator.translate_aligned(plain), strict=True))
        else:  # the texts alone: placed by position, identical tokens and fragments
            found = {
                s: align.Alignment(s, done.text, problem=done.problem)
                for s, done in zip(plain, outputs(self.translator, plain), strict=True)
            }
        # The text of each link and emphasis translated on its own: where it stands in
        # the sentence's translation is evidence too (align.matches).
        inner = {
            m: {
                j: m.plain[a:b].strip()
                for j, ((a, b), needed) in enumerate(zip(m.segments, m.required(), strict=True))
                if needed
            }
            for m in todo
        }
        done = self.fragments([text for texts in inner.values() for text in texts.values()])
        for m in todo:
            alignment = found.get(m.plain)
            if alignment is None:  # no words: the markup and punctuation stand as they are
                self.aligned[m] = m.masked
                continue
            if alignment.problem is not None:  # the plain translation ran away too
                self.aligned[m] = None
                continue
            fragments: dict[int, str] = {}
            for j, text in inner[m].items():
                if done.get(text):
                    fragments[j] = str(done[text])
            self.aligned[m] = align.place(m, alignment, self.weights, self.spaced, fragments)

    def fragments(self, texts: Sequence[str]) -> dict[str, str | None]:
        """Fragments translated on their own (None: the decoding ran away), each sent as
        a sentence, a full stop added and taken off again (:func:`fragment`): models
        trained on sentences cut a fragment short."""
        texts = list(dict.fromkeys(t for t in texts if _has_words(t)))
        asked = [t if t[-1:] in ENDS else t + "." for t in texts]
        return {
            text: None if done.problem is not None else fragment(text, done.text)
            for text, done in zip(texts, outputs(self.translator, asked), strict=True)
        }

    def by_spans(self, sentences: Sequence[str]) -> None:
        todo = [s for s in sentences if s not in self.spans]
        done = self.fragments([p.strip() for s in todo for p in PLACEHOLDER.split(s)[::2]])
        for sentence in todo:
            out: list[str] = []
            for i, piece in enumerate(PLACEHOLDER.split(sentence)):
                text = done.get(piece.strip()) if i % 2 == 0 and _has_words(piece) else piece
                if text is None:  # ran away: no candidate
                    break
                if i % 2:
                    out.append(f"{{{piece}}}")
                elif _has_words(piece):
                    out.append(piece[: len(piece) - len(piece.lstrip())] + text)
                    out.append(piece[len(piece.rstrip()) :])
                else:
                    out.append(piece)
            else:
                self.spans[sentence] = "".join(out)
                continue
            self.spans[sentence] = None


def fragment(source: str, translation: str) -> str:
    """A fragment's translation as it stands inside a sentence: a model translating a
    fragment alone tends to capitalise it and end it with a full stop."""
    text = translation.strip()
    if text[-1:] in ".。" and source[-1:] not in ENDS:
        text = text[:-1].rstrip()
    if source[:1].islower() and text[:1].isupper() and not text[1:2].isupper():
        text = text[:1].lower() + text[1:]
    return text


class Step(Enum):
    """The fallback's attempts, in the order :func:`rescue` makes them."""

    # sentences whose placeholders did not come back in order: placed by alignment
    LOST = "lost"
    # every sentence with markup (the engine's placement kept nowhere): by alignment
    MARKED = "marked"
    # every sentence with markup, rebuilt from its segments translated on their own
    SPANS = "spans"


STEPS = (Step.LOST, Step.MARKED, Step.SPANS)


def lost(sentence: str, translation: str) -> bool:
    """Whether the engine lost a sentence's markup: its placeholders did not come back
    once each and in order, or one that is attached to a word in the source (``{1}слово``,
    ``слово{2}``) came back with a space on that side."""
    if placeholders(translation) != placeholders(sentence):
        return True
    mended = DAMAGED.sub(_mended, translation)
    for source, target in zip(
        PLACEHOLDER.finditer(sentence), PLACEHOLDER.finditer(mended), strict=True
    ):
        before = re.match(r"\w", sentence[source.start() - 1 : source.start()])
        after = re.match(r"\w", sentence[source.end() : source.end() + 1])
        if (before and mended[target.start() - 1 : target.start()].isspace()) or (
            after and mended[target.end() : target.end() + 1].isspace()
        ):
            return True
    return False


def _mended(match: re.Match[str]) -> str:
    return f"{{{match.group(1)}}}"


def rescue(
    units: Sequence[Failed],
    translated: Mapping[str, str],
    translator: Translator,
    check: Check,
    *,
    spaced: bool = True,
    md: MarkdownIt | None = None,
    weights: align.Weights = align.DEFAULT,
    steps: Sequence[Step] = STEPS,
) -> list[Rescued | None]:
    """For each unit whose restoration failed (``translated``: its masked sentences'
    translations), a translation with its markup put back that passes ``check``, or None.

    The ``steps`` are tried in order, each batched over the units still without one.
    """
    md = md or inline_parser()
    placer = _Placer(translator, spaced, weights)
    results: list[Rescued | None] = [None] * len(units)

    def redo(step: Step, sentence: str) -> bool:
        """Whether ``step`` replaces the engine's translation of ``sentence``."""
        if not PLACEHOLDER.search(sentence):
            return False
        return step is not Step.LOST or lost(sentence, translated[sentence])

    def attempt(open_units: list[int], step: Step) -> list[int]:
        if step is Step.MARKED:
            # Where the engine's placement was lost in every sentence, LOST tried this.
            tried = [
                i
                for i in open_units
                if Step.LOST in steps
                and all(lost(s, translated[s]) for s in units[i].split.sentences if redo(step, s))
            ]
            open_units = [i for i in open_units if i not in tried]
        else:
            tried = []
        todo = [(units[i], s) for i in open_units for s in units[i].split.sentences]
        todo = [(unit, s) for unit, s in todo if redo(step, s)]
        if step is Step.SPANS:
            placer.by_spans(list(dict.fromkeys(s for _, s in todo)))
        else:
            placer.by_alignment([unit.marked(s) for unit, s in todo])
        left = tried
        for i in open_units:
            unit = units[i]
            pieces: list[str] = []
            for sentence in unit.split.sentences:
                text: str | None = translated[sentence]
                if redo(step, sentence):
                    text = (
                        placer.spans[sentence]
                        if step is Step.SPANS
                        else placer.aligned[unit.marked(sentence)]
                    )
                if text is None:
                    break
                pieces.append(text)
            else:
                restored = restore(unit.protected, unit.split.join(pieces, spaced=spaced), md)
                if restored.ok and not check(unit, restored.text):
                    note = SPANS if step is Step.SPANS else ALIGNED
                    results[i] = Rescued(restored.text, note, restored.repairs)
                    continue
            left.append(i)
        return sorted(left)

    left = list(range(len(units)))
    for step in steps:
        if left:
            left = attempt(left, step)
    return results
