"""Catalogs in any state, made the way Diptych and a person make them.

A catalog starts as ``diptych translate`` starts one (:func:`diptych.catalog.new`, then
:func:`~diptych.catalog.merge` of the page's units); machine text goes in through
:func:`~diptych.catalog.set_machine` and copies through :func:`~diptych.catalog.set_copied`,
as a run stores them; what a person does (review, edit) is a change of ``msgstr`` or of
the flags, as in an editor. So each state is the one every tool derives from such a file,
and a change to how Diptych writes a state changes it here too. Hand-written PO text is
for the tests that are about hand-written PO.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import polib

from diptych import catalog
from diptych.languages import LANGUAGES
from diptych.segment import segment_file

ENGINE = "test engine"
PSEUDO = "pseudo ru→en (pseudo-localisation)"
# What an engine wrote before a person changed it (the "edited" situations).
ENGINE_WROTE = "A paragraph the engine wrote."
# The source a stale unit had when it was reviewed, unless its entry names one.
BEFORE = "Абзац до правки."

# Unit text → (translation, situation) or (translation, situation, source before the
# change) for "stale" and "stale-unmerged". The situations:
#   missing         no translation (the entry merge makes)
#   machine         engine output; "unsafe" is the same with hostile text in it
#   edited          engine output a person changed, leaving ``fuzzy``
#   reviewed        a person's text, ``fuzzy`` cleared
#   stale           reviewed, then the source changed: new machine text beside the old
#                   source (``previous_msgid``), as a run leaves it
#   stale-unmerged  reviewed, and the page changed since: the entry still has the old
#                   source as msgid (no run has merged the page yet)
#   withheld        engine output whose markup check failed
#   runaway         engine output whose decoding ran away
#   pseudo          pseudo-localised text (which counts as none)
#   copied          a unit with nothing to translate, copied as it is
#   copied-edited   such a copy a person then changed
#   copied-legacy   a copy as runs stored one before copies had a state
Entries = Mapping[str, tuple[str, str] | tuple[str, str, str]]


def _previous(value: tuple[str, str] | tuple[str, str, str]) -> str:
    return value[2] if len(value) == 3 else BEFORE


def _put(
    entry: polib.POEntry,
    text: str,
    situation: str,
    score: float | None,
    engine: str,
    previous: str,
) -> None:
    """Bring a fresh entry to ``situation``, as a run or a person would."""
    if situation in ("machine", "unsafe", "edited", "stale"):
        wrote = ENGINE_WROTE if situation == "edited" else text
        catalog.set_machine(entry, wrote, engine, score=score)
    elif situation == "withheld":
        catalog.set_machine(entry, text, engine, ["lost bold"])
    elif situation == "runaway":
        catalog.set_machine(entry, text, engine, decoding=["the output repeats"])
    elif situation == "pseudo":
        catalog.set_machine(entry, text, PSEUDO)
    elif situation == "copied-legacy":
        catalog.set_machine(entry, text, catalog.LEGACY_COPIED.split(": ", 1)[1])
    elif situation in ("copied", "copied-edited"):
        catalog.set_copied(entry, "nothing to translate")
    elif situation not in ("reviewed", "stale-unmerged", "missing"):
        raise ValueError(f"no such situation: {situation!r}")
    if situation in ("edited", "reviewed", "stale-unmerged", "copied-edited"):
        entry.msgstr = text  # a person's words
    if situation == "stale":
        entry.previous_msgid = previous


def write_catalog(
    root: Path,
    lang: str,
    page: str,
    entries: Entries,
    *,
    only_listed: bool = False,
    engine: str = ENGINE,
    scores: Mapping[str, float] | None = None,
) -> Path:
    """The catalog of ``page`` (relative to docs/) in ``lang`` under ``root``, each unit
    of ``entries`` in its situation (its model's ``scores`` for machine text). Units not
    listed are missing; ``only_listed``: they have no entry at all (the catalog is behind
    its page, as before a run merges it)."""
    units = [unit.text for unit in segment_file(root / "docs" / page).units]
    # A stale-unmerged unit still has its old source in the catalog.
    old = {u: _previous(v) for u, v in entries.items() if v[1] == "stale-unmerged"}
    source_of = {previous: unit for unit, previous in old.items()}
    po = catalog.new(LANGUAGES[lang], page)
    catalog.merge(po, [old.get(unit, unit) for unit in units])
    for entry in list(po):
        source = source_of.get(entry.msgid, entry.msgid)
        if source not in entries:
            if only_listed:
                po.remove(entry)
            continue
        value = entries[source]
        score = (scores or {}).get(source)
        _put(entry, value[0], value[1], score, engine, _previous(value))
    path = root / "translations" / lang / Path(page).with_suffix(".po")
    catalog.save(po, path)
    return path
