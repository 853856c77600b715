"""D303/D304: terms that must be translated one way, per language pair.

A glossary is ``glossary/<source>-<target>.csv`` (for example ``glossary/ru-en.csv``):
UTF-8 CSV with the header ``source,target,note``, one term per row. It is small, reviewed
like code, diffs line by line, opens in any spreadsheet and imports into Weblate as a
glossary. Matching:

* a source term matches whole words, case-insensitively; Russian declension is allowed
  for by matching each word of more than three letters by its stem (``Вооружённые силы``
  matches ``Вооруженными силами``); a ``*`` in a term marks the stem explicitly
  (``миротворческ* сил*``); a word in capitals (``ОДКБ``) must match exactly; ``ё`` and
  ``е`` are the same letter;
* the target may list alternatives separated by ``|`` (``CSTO|Collective Security Treaty
  Organization``); one of them must appear in the translation, case-insensitively unless
  written in capitals, as the start of a word (so ``CSTO's`` counts) — or anywhere, in
  languages written without spaces.

The rule applies to reviewed units only: machine output is not expected to know the
glossary, and a reviewer is.

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
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..languages import Language


@dataclass(frozen=True)
class Term:
    source: str
    targets: tuple[str, ...]
    note: str
    line: int
    pattern: re.Pattern[str]
    target_patterns: tuple[re.Pattern[str], ...]


@dataclass
class Glossary:
    path: Path
    terms: list[Term] = field(default_factory=list)
    problems: list[tuple[int, str]] = field(default_factory=list)


def _acronym(word: str) -> bool:
    letters = [ch for ch in word if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters)


def _fold(text: str) -> str:
    return text.replace("ё", "е").replace("Ё", "Е")


def _word_pattern(word: str) -> str:
    """One word of a source term, as an atomic group that ends where the word does.

    The word is a sequence of literal pieces with ``\\w*`` gaps between them (at each
    ``*``, or after a stem). Each gap is matched lazily up to the first occurrence of the
    next piece and committed there (atomic): if the pieces occur in order with word
    letters between them at all, they also do at their first occurrences, so nothing is
    lost; the last piece is searched lazily up to the end of the word."""
    if "*" in word:
        pieces = word.split("*")
    elif _acronym(word) or len(word) <= 3:
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
    return rf"(?>{first}{middle}{last}(?!\w))"


def source_pattern(term: str) -> re.Pattern[str]:
    """Whole words of ``term`` in order, separated by white space (see the module
    docstring); a word of only ``*`` is a ValueError."""
    words = _fold(term).split()
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


def load(path: Path, lang: Language) -> Glossary:
    glossary = Glossary(path)
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
            source, target = cells["source"], cells["target"]
            if not source or not target:
                glossary.problems.append((line, "each row needs a source term and a target term"))
                continue
            key = _fold(source).lower()
            if key in seen:
                glossary.problems.append(
                    (line, f"{source!r} is already in the glossary at line {seen[key]}")
                )
                continue
            seen[key] = line
            try:
                pattern = source_pattern(source)
            except ValueError as exc:
                glossary.problems.append((line, f"{source!r}: {exc}"))
                continue
            targets = tuple(t.strip() for t in target.split("|") if t.strip())
            glossary.terms.append(
                Term(
                    source,
                    targets,
                    cells.get("note", ""),
                    line,
                    pattern,
                    tuple(target_pattern(t, lang) for t in targets),
                )
            )
    except csv.Error as exc:
        glossary.problems.append((rows.line_num, f"CSV syntax error: {exc}"))
    return glossary


def violations(glossary: Glossary, source: str, translated: str) -> list[Term]:
    """Terms that occur in ``source`` while none of their targets is in ``translated``."""
    folded = _fold(source)
    return [
        term
        for term in glossary.terms
        if term.pattern.search(folded)
        and not any(p.search(translated) for p in term.target_patterns)
    ]
