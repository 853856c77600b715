"""The glossary: terms that must be translated one way, found in text the same way
everywhere -- by ``diptych check`` (D303 on a translation, :mod:`diptych.check.glossary`)
and by ``diptych translate``, which enforces the terms in machine output.

A glossary is ``glossary/<source>-<target>.csv`` (for example ``glossary/ru-en.csv``):
UTF-8 CSV with the header ``source,target,note``, one term per row. It is small, reviewed
like code, diffs line by line, opens in any spreadsheet and imports into Weblate as a
glossary. Matching:

* a source term matches whole words, case-insensitively; ``ё`` and ``е`` are the same
  letter; a word in capitals (``ОДКБ``) must match exactly (``ОДКБ-шных`` holds it);
  a word of three letters or fewer too; a ``*`` in a term marks a stem explicitly
  (``миротворческ* сил*``);
* any other word is an inflected form of the term's word: a candidate is found by its stem
  (the word less its last one or two letters), and in a Russian source pymorphy3 then
  confirms that the two share a lemma (``Казахстане`` is ``Казахстан``,
  ``Вооруженными силами`` is ``Вооружённые силы``; ``Казахстанская`` is not ``Казахстан``
  nor ``Алматинской`` ``Алматы``). The stem finds the candidates cheaply; the dictionary is
  asked only about them, and only if the two words differ;
* the target may list alternatives separated by ``|`` (``CSTO|Collective Security Treaty
  Organization``); one of them must appear in the translation, case-insensitively unless
  written in capitals, as the start of a word (so ``CSTO's`` counts) -- or anywhere, in
  languages written without spaces. Machine translation writes the first.

The glossary is input from pull requests like any other, so its patterns must stay cheap
on any text: a term becomes a regular expression whose every word is an atomic group, and
the ``\\w*`` of a ``*`` or a stem is an atomic lazy gap up to the next literal piece. The
engine then never backtracks into a word it has matched, and the cost of a search is
linear in the text (times the length of the term) instead of growing with the text to the
power of the number of ``*`` (``а*а*а*а*б`` against a long word of ``а`` took minutes).
A word that is nothing but ``*`` would match any word, or none, and is refused.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .config import Project
from .languages import Language
from .plaintext import link_parser, plain_text
from .protect import PLACEHOLDER, Protected


@dataclass(frozen=True)
class Term:
    source: str
    targets: tuple[str, ...]
    note: str
    line: int
    pattern: re.Pattern[str]
    target_patterns: tuple[re.Pattern[str], ...]
    # The term's words (``ё`` folded), and which of them a candidate must share a lemma
    # with (the words matched by their stem).
    words: tuple[str, ...] = ()
    inflected: tuple[bool, ...] = ()


class Lemmas:
    """Lemmas of Russian words (pymorphy3), for one run or one check: the dictionaries are
    loaded on the first question (a third of a second) and each word is looked up once."""

    def __init__(self) -> None:
        self._analyzer: Any = None
        self._known: dict[str, frozenset[str]] = {}

    def of(self, word: str) -> frozenset[str]:
        word = fold(word).lower()
        lemmas = self._known.get(word)
        if lemmas is None:
            if self._analyzer is None:
                import pymorphy3

                self._analyzer = pymorphy3.MorphAnalyzer(lang="ru")
            lemmas = frozenset(fold(p.normal_form) for p in self._analyzer.parse(word))
            self._known[word] = lemmas
        return lemmas

    def same(self, term_word: str, word: str) -> bool:
        """Whether ``word`` is a form of ``term_word``: the same word, or one of its lemmas
        is the term's word or one of that word's lemmas (a glossary writes the dictionary
        form, which pymorphy3 may read otherwise: ``Токаев`` as a form of ``токай``)."""
        term_word = fold(term_word).lower()
        if term_word == fold(word).lower():
            return True
        return bool((self.of(term_word) | {term_word}) & self.of(word))


@dataclass
class Glossary:
    path: Path
    terms: list[Term] = field(default_factory=list)
    problems: list[tuple[int, str]] = field(default_factory=list)
    # None: no dictionary for the source language; stems alone decide.
    lemmas: Lemmas | None = None


@dataclass(frozen=True)
class Found:
    """A term in a text: ``text[start:end]`` (a hyphenated ending of an acronym
    included: ``ОДКБ-шных``)."""

    term: Term
    start: int
    end: int


def _acronym(word: str) -> bool:
    letters = [ch for ch in word if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters)


def fold(text: str) -> str:
    """``ё`` as ``е`` (one character for one: positions in the text stay the same)."""
    return text.replace("ё", "е").replace("Ё", "Е")


def _stemmed(word: str) -> bool:
    """Whether a term's word matches by its stem (and so, in Russian, by its lemma)."""
    return "*" not in word and not _acronym(word) and len(word) > 3


def _word_pattern(word: str) -> str:
    """One word of a source term, as an atomic group that ends where the word does.

    The word is a sequence of literal pieces with ``\\w*`` gaps between them (at each
    ``*``, or after a stem). Each gap is matched lazily up to the first occurrence of the
    next piece and committed there (atomic): if the pieces occur in order with word
    letters between them at all, they also do at their first occurrences, so nothing is
    lost; the last piece is searched lazily up to the end of the word."""
    if "*" in word:
        pieces = word.split("*")
    elif not _stemmed(word):
        pieces = [word]
    else:
        pieces = [word[:-2] if len(word) >= 6 else word[:-1], ""]
    first = re.escape(pieces[0])
    if word[:1].isupper() and not _acronym(word):
        # A capital stays a capital (Казахстан, not казахстанский); the rest may vary.
        first = f"(?-i:{re.escape(word[0])})" + re.escape(pieces[0][1:])
    middle = "".join(rf"(?>\w*?{re.escape(piece)})" for piece in pieces[1:-1])
    if len(pieces) == 1:
        last = ""
    elif pieces[-1]:
        last = rf"\w*?{re.escape(pieces[-1])}"
    else:
        last = r"\w*+"
    return rf"((?>{first}{middle}{last}(?!\w)))"


def source_pattern(term: str) -> re.Pattern[str]:
    """Whole words of ``term`` in order, separated by white space, one group per word (see
    the module docstring); a word of only ``*`` is a ValueError."""
    words = fold(term).split()
    if any(not word.strip("*") for word in words):
        raise ValueError("a word of only '*' matches any word: write the start of the word")
    # No word can start with white space, so the separator need not give any back.
    body = r"\s++".join(_word_pattern(word) for word in words)
    flags = 0 if all(_acronym(word) for word in words) else re.I
    return re.compile(r"(?<!\w)" + body, flags)


# Languages that join prepositions and articles to the next word (لمنظمة, בקזחסטן).
_CLITICS = {"ar", "fa", "ur", "he"}


def target_pattern(target: str, lang: Language) -> re.Pattern[str]:
    body = r"\s+".join(re.escape(word) for word in target.split())
    flags = 0 if _acronym(target) else re.I
    bounded = lang.spaced and lang.code not in _CLITICS
    return re.compile((r"(?<!\w)" if bounded else "") + body, flags)


def load(path: Path, lang: Language, source: str = "ru", lemmas: Lemmas | None = None) -> Glossary:
    """Read a glossary; what is wrong with a row is a problem (line, message), and the
    other rows still count. ``lemmas``: a dictionary to share (else one of its own, for a
    Russian ``source``)."""
    glossary = Glossary(path, lemmas=(lemmas or Lemmas()) if source == "ru" else None)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        glossary.problems.append((1, "not valid UTF-8: save the glossary as UTF-8"))
        return glossary
    rows = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [cell.strip().lower() for cell in next(rows)]
    except StopIteration:
        glossary.problems.append((1, "empty glossary: the first line must be source,target,note"))
        return glossary
    except csv.Error as exc:
        glossary.problems.append((1, f"CSV syntax error: {exc}"))
        return glossary
    if "source" not in header or "target" not in header:
        glossary.problems.append((1, "the first line must name the columns: source,target,note"))
        return glossary
    seen: dict[str, int] = {}
    column = {name: header.index(name) for name in header}
    try:
        for row in rows:
            line = rows.line_num
            if not any(cell.strip() for cell in row):
                continue
            cells = {name: row[i].strip() if i < len(row) else "" for name, i in column.items()}
            source_term, target = cells["source"], cells["target"]
            if not source_term or not target:
                glossary.problems.append((line, "each row needs a source term and a target term"))
                continue
            key = fold(source_term).lower()
            if key in seen:
                glossary.problems.append(
                    (line, f"{source_term!r} is already in the glossary at line {seen[key]}")
                )
                continue
            seen[key] = line
            try:
                pattern = source_pattern(source_term)
            except ValueError as exc:
                glossary.problems.append((line, f"{source_term!r}: {exc}"))
                continue
            targets = tuple(t.strip() for t in target.split("|") if t.strip())
            words = tuple(fold(source_term).split())
            glossary.terms.append(
                Term(
                    source_term,
                    targets,
                    cells.get("note", ""),
                    line,
                    pattern,
                    tuple(target_pattern(t, lang) for t in targets),
                    words,
                    tuple(_stemmed(word) for word in words),
                )
            )
    except csv.Error as exc:
        glossary.problems.append((rows.line_num, f"CSV syntax error: {exc}"))
    return glossary


def _matches(glossary: Glossary, term: Term, folded: str) -> Iterator[re.Match[str]]:
    """The term's occurrences in ``folded`` (text with ``ё`` folded), left to right, each
    word a form of the term's word."""
    lemmas = glossary.lemmas
    pos = 0
    while (match := term.pattern.search(folded, pos)) is not None:
        if lemmas is None or all(
            not inflected or lemmas.same(word, match.group(i))
            for i, (word, inflected) in enumerate(zip(term.words, term.inflected, strict=True), 1)
        ):
            yield match
            pos = match.end()
        else:
            # No occurrence can start inside the first word (each starts a word).
            pos = match.end(1)


_ACRONYM_ENDING = re.compile(r"-[^\W\d_]+")


def find(glossary: Glossary, text: str) -> list[Found]:
    """The terms in ``text``, none overlapping another (the longer wins, then the
    earlier), in the order of the text."""
    folded = fold(text)
    found: list[Found] = []
    for term in glossary.terms:
        for match in _matches(glossary, term, folded):
            end = match.end()
            if _acronym(term.words[-1]):
                ending = _ACRONYM_ENDING.match(folded, end)
                end = ending.end() if ending else end
            found.append(Found(term, match.start(), end))
    found.sort(key=lambda f: (f.start - f.end, f.start))
    chosen: list[Found] = []
    for candidate in found:
        if all(candidate.end <= f.start or f.end <= candidate.start for f in chosen):
            chosen.append(candidate)
    return sorted(chosen, key=lambda f: f.start)


def violations(glossary: Glossary, source: str, translated: str) -> list[Term]:
    """Terms that occur in ``source`` while none of their targets is in ``translated``."""
    folded = fold(source)
    return [
        term
        for term in glossary.terms
        if not any(p.search(translated) for p in term.target_patterns)
        and next(_matches(glossary, term, folded), None) is not None
    ]


def describe(term: Term, shown: str) -> str:
    """What D303 says, and what a machine unit that breaks the glossary is flagged with."""
    wanted = " or ".join(repr(t) for t in term.targets)
    return f"glossary ({shown}:{term.line}): {term.source!r} is translated as {wanted}"


def mask(glossary: Glossary, protected: Protected) -> Protected:
    """``protected`` with each term of its text masked as one more placeholder, which
    restoring replaces by the term's (first) target: the model copies it as it copies
    markup, and a model that drops it fails restoration like any lost placeholder.
    Placeholders are numbered anew in the order of the text; a term is looked for only
    between them (never across markup)."""
    masked = protected.masked
    pieces: list[tuple[str, str | None]] = []  # (text, None) or ("", markup)
    pos = 0
    hits = 0
    for match in [*PLACEHOLDER.finditer(masked), None]:
        end = match.start() if match else len(masked)
        segment, cursor = masked[pos:end], 0
        for found in find(glossary, segment):
            pieces += [(segment[cursor : found.start], None), ("", found.term.targets[0])]
            cursor = found.end
            hits += 1
        pieces.append((segment[cursor:], None))
        if match:
            pieces.append(("", protected.markup[int(match.group(1))]))
            pos = match.end()
    if not hits:
        return protected
    text: list[str] = []
    markup: dict[int, str] = {}
    for chunk, chunk_markup in pieces:
        if chunk_markup is None:
            text.append(chunk)
        else:
            markup[len(markup) + 1] = chunk_markup
            text.append(f"{{{len(markup)}}}")
    return dataclasses.replace(protected, masked="".join(text), markup=markup)


class Glossaries:
    """Each target language's glossary as ``diptych translate`` applies it, for one run:
    nothing is read until a unit waits for translation (a run with nothing to do reads
    no glossary), and one Russian dictionary serves every language."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self.lemmas = Lemmas()
        self._folder: Path | None = None
        self._each: dict[str, Enforcer] = {}

    @property
    def folder(self) -> Path:
        if self._folder is None:
            from .check.settings import load as load_settings  # the same setting as check

            self._folder = load_settings(self.project).glossary_dir
        return self._folder

    def of(self, lang: Language) -> Enforcer:
        if lang.code not in self._each:
            self._each[lang.code] = Enforcer(self, lang)
        return self._each[lang.code]


class Enforcer:
    """One language's glossary in a run: terms masked before translation (:func:`mask`),
    and the result checked as D303 checks it (:meth:`problems`). Read on first use."""

    def __init__(self, glossaries: Glossaries, lang: Language) -> None:
        self._glossaries = glossaries
        self.lang = lang
        self._glossary: Glossary | None = None
        self._read = False
        self.shown = ""
        self._md: Any = None

    @property
    def glossary(self) -> Glossary | None:
        if not self._read:
            self._read = True
            project = self._glossaries.project
            path = self._glossaries.folder / f"{project.source.code}-{self.lang.code}.csv"
            self.shown = project.relative(path).as_posix()
            if path.is_file():
                glossary = load(path, self.lang, project.source.code, self._glossaries.lemmas)
                self._glossary = glossary if glossary.terms else None
        return self._glossary

    def mask(self, protected: Protected) -> Protected:
        glossary = self.glossary
        return protected if glossary is None else mask(glossary, protected)

    def problems(self, source: str, translated: str, env: dict[str, Any] | None) -> list[str]:
        """D303's findings on a translation of ``source`` (words read as the check reads
        them: link text and alt text, not code or URLs)."""
        glossary = self.glossary
        if glossary is None:
            return []
        self._md = self._md or link_parser()
        return [
            describe(term, self.shown)
            for term in violations(
                glossary, plain_text(source, env, self._md), plain_text(translated, env, self._md)
            )
        ]
