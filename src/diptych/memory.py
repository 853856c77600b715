"""Translation memory: what reviewers already decided, reused by ``diptych translate``.

A unit waiting for translation whose source is identical to a reviewed unit of the same
language -- on another page, in an obsolete entry (``#~``: a unit since removed or changed,
the reviewed text a stale unit keeps), or in a catalog whose page is gone -- takes that
reviewed text instead of the model's output. It stays machine output (``fuzzy``, with the
fingerprint), with the provenance ``memory, reviewed in <catalog>``: the text was
approved for another place, and a reviewer confirms it here. It must keep the source's
markup (:func:`diptych.protect.signature`) and the glossary (D303), or the model
translates the unit after all. Where several reviewed texts differ: a live entry before an
obsolete one, then the text most entries agree on, then the first catalog by path.

A unit with no identical reviewed unit, but reviewed units at least 90 % similar
(rapidfuzz ``fuzz.ratio`` on the Markdown sources), gets up to three of them as extracted
comments for the reviewer, best first::

    #. similar reviewed unit (96%, translations/en/b.po): "<its source>" → "<its text>"

The memory is read only when a unit is waiting (a run with nothing to do reads nothing
more than before). The catalogs the run has open are used as they are; every other
catalog of the language is first scanned for the msgids of its entries that are not
``fuzzy`` (a regular expression per entry, several times cheaper than parsing the file:
see bench/memory.py), and only the catalogs that hold a source identical or close to a
waiting unit are parsed (polib, :func:`diptych.catalog.load`), which decides. A catalog
with ``\\r`` line ends is parsed whole. Similar sources are searched once per run for all
languages, among those sources only, and compared only where two exact bounds allow 90 %
(:meth:`Memory._similar`).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import polib

from . import catalog
from .config import Project
from .errors import CatalogError
from .glossary import Enforcer
from .languages import Language
from .protect import inline_parser, signature

# The least rapidfuzz fuzz.ratio (percent) for a reviewed unit to be offered as similar.
SIMILARITY = 90.0
SHOWN = 3
SIMILAR_PREFIX = "similar reviewed unit"

# A msgid, live or obsolete, with the lines that continue it (wrapped, or a unit with line
# breaks), and each quoted piece of it.
_STRING = r'"(?:[^"\\\n]+|\\.)*"'
_MSGID = re.compile(rf"^(?:#~ )?msgid ({_STRING}(?:\n(?:#~ )?{_STRING})*)", re.M)
_PIECE = re.compile(r'"((?:[^"\\\n]+|\\.)*)"')


class Open(Protocol):
    """A catalog the run has open (a pipeline job): its language, file, entries and the
    entries waiting for translation."""

    lang: Language
    path: Path
    po: polib.POFile
    pending: list[polib.POEntry]


@dataclass(frozen=True)
class Reviewed:
    source: str
    text: str
    where: str  # the catalog, relative to the project
    obsolete: bool

    @property
    def origin(self) -> str:
        return f"{self.where} (obsolete entry)" if self.obsolete else self.where


@dataclass(frozen=True)
class Similar:
    reviewed: Reviewed
    score: float

    def comment(self) -> str:
        def quoted(text: str) -> str:
            return json.dumps(" ".join(text.split()), ensure_ascii=False)

        return (
            f"{SIMILAR_PREFIX} ({int(self.score)}%, {self.reviewed.origin}): "
            f"{quoted(self.reviewed.source)} → {quoted(self.reviewed.text)}"
        )


def _scan(text: str) -> set[str] | None:
    """The msgids of a catalog's entries that are not ``fuzzy`` (those that may be
    reviewed), or None if the text has ``\\r`` line ends and must be parsed. Entries are
    the blocks between empty lines, as gettext tools and polib write them."""
    if "\r" in text:
        return None
    found = set()
    for block in text.split("\n\n"):
        if "fuzzy" in block and any(
            line.startswith("#,") and "fuzzy" in line for line in block.split("\n")
        ):
            continue
        match = _MSGID.search(block)
        if match:
            found.add(polib.unescape("".join(_PIECE.findall(match.group(1)))))
    return found


def _reviewed(po: Iterable[polib.POEntry], where: str) -> Iterable[Reviewed]:
    for entry in po:
        if (
            entry.msgid
            and catalog.is_unit_entry(entry)
            and catalog.state_of(entry) is catalog.State.REVIEWED
        ):
            yield Reviewed(entry.msgid, str(entry.msgstr), where, bool(entry.obsolete))


def _rank(candidates: Sequence[Reviewed]) -> list[Reviewed]:
    agree = Counter(c.text for c in candidates)
    return sorted(candidates, key=lambda c: (c.obsolete, -agree[c.text], c.where))


class Memory:
    """The reviewed units of every catalog of the run's languages, read on first use."""

    def __init__(self, project: Project, jobs: Iterable[Open]) -> None:
        self._project = project
        self._jobs = list(jobs)
        self._exact: dict[str, dict[str, list[Reviewed]]] | None = None
        self._near: dict[str, list[tuple[str, float]]] = {}
        self._md: Any = None

    def _catalogs(self, lang: Language) -> list[tuple[Path, str]]:
        """The language's catalogs: (real path, path shown), those whose real path
        lies inside translations/ (a link out of it is not read: diptych check says so)."""
        folder = self._project.translations_dir / lang.code
        if not folder.is_dir():
            return []
        inside = self._project.translations_dir.resolve()
        shown = self._project.relative(folder)
        found = []
        for path in sorted(folder.rglob("*.po")):
            real = path.resolve()
            if path.name.startswith(".") or not real.is_file() or not real.is_relative_to(inside):
                continue
            found.append((real, (shown / path.relative_to(folder)).as_posix()))
        return found

    def _load(self) -> dict[str, dict[str, list[Reviewed]]]:
        """Every language's reviewed units that a waiting unit could use, by source."""
        waiting: dict[str, set[str]] = {}
        for job in self._jobs:
            waiting.setdefault(job.lang.code, set()).update(e.msgid for e in job.pending)
        languages = {job.lang.code: job.lang for job in self._jobs if job.pending}
        opened = {job.path.resolve(): job for job in self._jobs}
        found: dict[str, dict[str, list[Reviewed]]] = {code: {} for code in languages}
        unread: dict[str, list[tuple[Path, str, set[str] | None]]] = {c: [] for c in languages}
        sources: set[str] = set()
        for code, lang in languages.items():
            for real, where in self._catalogs(lang):
                held_open = opened.get(real)
                if held_open is not None:
                    for reviewed in _reviewed(held_open.po, where):
                        found[code].setdefault(reviewed.source, []).append(reviewed)
                        sources.add(reviewed.source)
                    continue
                try:
                    held = _scan(real.read_text(encoding="utf-8"))
                except (OSError, UnicodeDecodeError):
                    continue  # diptych check reports it; the memory does without
                unread[code].append((real, where, held))
                sources.update(held or ())
        self._near = self._similar(set().union(*waiting.values()), sources)
        for code, lang in languages.items():
            wanted = set(waiting.get(code, ()))
            wanted.update(m for q in waiting.get(code, ()) for m, _ in self._near.get(q, ()))
            for real, where, held in unread[code]:
                if held is not None and not held & wanted:
                    continue
                try:
                    po = catalog.load(real, lang)
                except CatalogError:
                    continue
                for reviewed in _reviewed(po, where):
                    found[code].setdefault(reviewed.source, []).append(reviewed)
        return found

    @staticmethod
    def _similar(
        queries: Iterable[str], sources: Iterable[str]
    ) -> dict[str, list[tuple[str, float]]]:
        """For each query, the sources at least SIMILARITY % like it (not itself), best
        first, by rapidfuzz's fuzz.ratio = 1 - d / (len(a) + len(b)), d the Indel distance.

        Two exact bounds spare most comparisons: d is at least the difference in length
        (so only sources in a window of lengths are looked at), and at least the L1
        distance between the two texts' character counts (a longest common subsequence
        holds no more of a character than either text has), computed for the whole
        window at once with numpy. Only the sources within both bounds go to rapidfuzz:
        1,000 pages' reviewed units against 100 new pages' took 15.5 s without the second
        bound (bench/memory.py)."""
        import numpy as np
        from rapidfuzz import fuzz, process

        ordered = sorted(set(sources), key=len)
        near: dict[str, list[tuple[str, float]]] = {}
        if not ordered:
            return {query: [] for query in queries}
        lengths = np.array([len(s) for s in ordered])
        # Each character a column (characters only queries have share a column: still a
        # lower bound).
        alphabet = np.array(sorted({ord(c) for s in ordered for c in s}), dtype=np.uint32)

        def counts(text: str) -> Any:
            points = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
            columns = np.minimum(np.searchsorted(alphabet, points), len(alphabet) - 1)
            return np.bincount(columns, minlength=len(alphabet)).astype(np.int32)

        table = np.stack([counts(s) for s in ordered])
        share = (100 - SIMILARITY) / 100
        slack = 1e-6  # generous at the bounds: rapidfuzz decides
        for query in queries:
            size = len(query)
            low = int(np.searchsorted(lengths, size * (1 - share) / (1 + share) - slack))
            high = int(np.searchsorted(lengths, size * (1 + share) / (1 - share) + slack, "right"))
            if low >= high:
                near[query] = []
                continue
            distance = np.abs(table[low:high] - counts(query)).sum(axis=1)
            keep = np.nonzero(distance <= share * (size + lengths[low:high]) + slack)[0]
            hits = process.extract(
                query,
                [ordered[low + k] for k in keep],
                scorer=fuzz.ratio,
                score_cutoff=SIMILARITY,
                limit=None,
            )
            near[query] = [(source, score) for source, score, _ in hits if source != query]
        return near

    def _units(self) -> dict[str, dict[str, list[Reviewed]]]:
        if self._exact is None:
            self._exact = self._load()
        return self._exact

    def recall(self, lang: Language, source: str) -> list[Reviewed]:
        """Reviewed texts of ``source`` in ``lang``, the preferred first."""
        return _rank(self._units().get(lang.code, {}).get(source, []))

    def similar(self, lang: Language, source: str) -> list[Similar]:
        """Reviewed units like ``source`` (at least SIMILARITY %), best first, at most SHOWN."""
        units = self._units().get(lang.code, {})
        offers = [
            Similar(_rank(units[other])[0], score)
            for other, score in self._near.get(source, [])
            if other in units
        ]
        offers.sort(key=lambda s: (-s.score, s.reviewed.where, s.reviewed.source))
        return offers[:SHOWN]

    def fill(
        self,
        lang: Language,
        entry: polib.POEntry,
        env: dict[str, Any] | None = None,
        terms: Enforcer | None = None,
    ) -> bool:
        """Give a waiting entry a reviewed unit's text (True), or note the similar ones
        for the reviewer (False: the entry still needs the model)."""
        kept = [
            line
            for line in (entry.comment or "").splitlines()
            if not line.startswith(SIMILAR_PREFIX)
        ]
        entry.comment = "\n".join(kept)
        self._md = self._md or inline_parser()
        for candidate in self.recall(lang, entry.msgid):
            if signature(candidate.text, self._md) != signature(entry.msgid, self._md):
                continue
            if terms is not None and terms.problems(entry.msgid, candidate.text, env):
                continue
            catalog.set_machine(entry, candidate.text, f"memory, reviewed in {candidate.origin}")
            return True
        offers = [offer.comment() for offer in self.similar(lang, entry.msgid)]
        entry.comment = "\n".join([*kept, *offers])
        return False
