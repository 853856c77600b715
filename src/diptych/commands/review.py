"""diptych review CATALOG[:LINE] ...: list what awaits review, or mark entries reviewed.

The command-line way to do what a reviewer does in the GitHub editor, Poedit or Weblate:
read the source and the translation, fix the translation if need be (``--text``), and
clear ``fuzzy``. Before it marks an entry reviewed it runs the entry through the same
rules as ``diptych check`` would for a reviewed entry, and refuses if any fails.

``--worst-first`` lists what awaits review in all the catalogs named, the machine text
the model was least sure of first (the score ``diptych translate`` recorded, see
:func:`diptych.catalog.score_of`), so that a reviewer with an hour starts where it counts.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from pathlib import Path

import polib
from rich.console import Console
from rich.text import Text

from .. import catalog
from ..catalog import State
from ..changes import Op, Segment, plain, stale_change
from ..check.base import CatalogInfo
from ..check.runner import Checker
from ..check.settings import load as load_settings
from ..config import Project, load_project
from ..errors import DiptychError
from ..lock import project_lock
from ..page_catalog import Record, entry_at
from ..reviewing import mark_reviewed, open_catalog
from ..reviewing import problems as problems_of

help = "list the entries of a catalog that await review, or mark entries reviewed"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "targets",
        nargs="+",
        metavar="CATALOG[:LINE]",
        help="a catalog lists its machine and stale entries; CATALOG:LINE marks the entry at "
        "that line (as `diptych check` reports it) reviewed",
    )
    parser.add_argument(
        "--text",
        metavar="TRANSLATION",
        help="replace the entry's translation before marking it reviewed (one entry only)",
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="check and report, but write nothing"
    )
    parser.add_argument(
        "--worst-first",
        action="store_true",
        help="list the entries of all the catalogs named together, the machine translations "
        "the model was least sure of first (then those with no score, in catalog order)",
    )


def _split(target: str) -> tuple[str, int | None]:
    match = re.fullmatch(r"(.+?\.po):(\d+)", target)
    return (match.group(1), int(match.group(2))) if match else (target, None)


def _resolve(project: Project, name: str) -> Path:
    path = Path(name)
    if not path.exists() and (project.root / name).exists():
        path = project.root / name
    if not path.is_file() or path.suffix != ".po":
        raise DiptychError(f"{name}: no such catalog", hint="name a .po file under translations/")
    return path.resolve()


def _entry_at(project: Project, info: CatalogInfo, line: int) -> polib.POEntry:
    """The live entry at ``line`` (its comments, msgid or msgstr); anything else is an
    error naming the line."""
    assert info.po is not None
    entry = entry_at(info.po, info.text, line)
    if entry is None:
        raise DiptychError(
            "no live entry at this line (a blank line, the header, an obsolete #~ entry, or "
            "past the end)",
            path=project.relative(info.path),
            line=line,
            hint="give the line of an entry's msgid or msgstr, as `diptych review CATALOG` "
            "or `diptych check` lists them",
        )
    return entry


# States a reviewer is asked to look at.
AWAITING = (State.MACHINE, State.EDITED, State.STALE)


# Characters a terminal would act on or that reorder what it shows (the bidirectional
# embeddings, overrides and isolates D503 reports): printed as escapes, never raw.
_UNSHOWN = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_LABEL = 17  # where the texts start: "    translation: "


def _show(text: str) -> str:
    """A catalog text in full, its continuation lines indented under its first; control
    characters as escapes (catalog text is untrusted, and this goes to a terminal)."""
    text = _UNSHOWN.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    return text.replace("\n", "\n" + " " * _LABEL)


def _styled(segments: Sequence[Segment]) -> Text:
    """The word diff for a terminal: the plain text's marks, in colour."""
    styles = {Op.EQUAL: "", Op.DELETED: "red strike", Op.INSERTED: "green underline"}
    out = Text()
    for segment in segments:
        out.append(_show(plain([segment])), style=styles[segment.op])
    return out


def _terminal() -> Console | None:
    """A console for colour when the output is a terminal (None: plain text)."""
    if not sys.stdout.isatty():
        return None
    return Console(highlight=False, soft_wrap=True)


def _awaiting(info: CatalogInfo) -> list[Record]:
    """What awaits review, as the page's model says: machine, edited and stale units that
    have a translation, in catalog order."""
    records = info.joined.records.values() if info.joined is not None else []
    return [
        record
        for record in records
        if record.state in AWAITING and record.entry is not None and record.entry.msgstr
    ]


def worst_first(found: Sequence[tuple[str, Record]]) -> list[tuple[str, Record]]:
    """``(catalog, record)`` pairs, the lowest score first; those without one after, in the
    order given (a stable sort)."""
    return sorted(found, key=lambda item: (item[1].score is None, item[1].score or 0.0))


def _list(project: Project, info: CatalogInfo, console: Console | None = None) -> None:
    """What awaits review (:func:`_awaiting`), or that nothing does."""
    shown = project.relative(info.path).as_posix()
    records = _awaiting(info)
    for record in records:
        _print(shown, record, console)
    if not records:
        print(f"{shown}: nothing awaits review")


def _print(shown: str, record: Record, console: Console | None = None) -> None:
    """One unit awaiting review: its state (and the model's score, where recorded), its
    texts in full; for a stale unit also the source that was reviewed, what changed in it
    (``[-deleted-]{+inserted+}``) and the translation a person wrote for it. With a
    ``console`` (a terminal), the change is in colour."""
    entry = record.entry
    assert entry is not None
    score = f", model score {record.score:.3f}" if record.score is not None else ""
    print(f"{shown}:{record.line}: {record.state.value}{score}")
    print(f"    source:      {_show(entry.msgid)}")
    change = stale_change(record)
    if change is not None:
        print(f"    was:         {_show(change.old)}")
        if console is None:
            print(f"    change:      {_show(plain(change.segments))}")
        else:
            console.print(Text("    change:      ") + _styled(change.segments))
        if change.previous is not None:
            print(f"    reviewed:    {_show(change.previous)}")
    print(f"    translation: {_show(entry.msgstr)}")


def run(args: argparse.Namespace) -> int:
    project = load_project(args.project)
    settings = load_settings(project)
    marks = [_split(t) for t in args.targets]
    if args.text is not None and (len(marks) != 1 or marks[0][1] is None):
        raise DiptychError("--text needs exactly one CATALOG:LINE")
    if args.worst_first and all(line is not None for _, line in marks):
        raise DiptychError(
            "--worst-first orders a listing: name at least one CATALOG (without :LINE)"
        )
    by_file: dict[Path, list[int | None]] = {}
    for name, line in marks:
        by_file.setdefault(_resolve(project, name), []).append(line)

    refused = 0
    listed: list[tuple[str, Record]] = []
    with project_lock(project):
        for path, wanted in by_file.items():
            checker = Checker(project, settings)
            opened = open_catalog(checker, path)
            info = opened.info
            if None in wanted and args.worst_first:
                shown = project.relative(info.path).as_posix()
                listed += [(shown, record) for record in _awaiting(info)]
            elif None in wanted:
                _list(project, info, _terminal())
            changed = False
            for line in sorted({n for n in wanted if n is not None}):
                entry = _entry_at(project, info, line)
                where = f"{project.relative(path).as_posix()}:{opened.line_of(entry)}"
                if args.text is not None:
                    entry.msgstr = args.text
                if not entry.msgstr:
                    print(f"{where}: not reviewed: the entry has no translation (use --text)")
                    refused += 1
                    continue
                if not opened.belongs:
                    print(f"{where}: not reviewed: the catalog belongs to no page of this site")
                    refused += 1
                    continue
                problems = problems_of(checker, opened, entry)
                if problems:
                    for problem in problems:
                        print(f"{where}: {problem.code}: {problem.message}")
                    print(f"{where}: not reviewed: fix the translation first")
                    refused += 1
                    continue
                was = mark_reviewed(entry)
                changed = True
                note = (
                    "already reviewed" if was is State.REVIEWED else f"reviewed (was {was.value})"
                )
                print(f"{where}: {note}")
            if changed and not args.dry_run:
                catalog.save(opened.po, path)
    if args.worst_first:
        console = _terminal()
        for shown, record in worst_first(listed):
            _print(shown, record, console)
        if not listed:
            print("nothing awaits review")
    return 1 if refused else 0
