"""diptych review CATALOG[:LINE] ...: list what awaits review, or mark entries reviewed.

The command-line way to do what a reviewer does in the GitHub editor, Poedit or Weblate:
read the source and the translation, fix the translation if need be (``--text``), and
clear ``fuzzy``. Before it marks an entry reviewed it runs the entry through the same
rules as ``diptych check`` would for a reviewed entry, and refuses if any fails.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import polib
from filelock import FileLock
from filelock import Timeout as FileLockTimeout

from .. import catalog
from ..catalog import BROKEN, FUZZY, State, msgid_lines, state_of
from ..check import injection
from ..check.base import CatalogInfo, Finding
from ..check.rules import Severity
from ..check.runner import Checker
from ..check.settings import load as load_settings
from ..config import Project, load_project
from ..errors import DiptychError, LockTimeout
from ..page_catalog import entry_at

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


def _show(text: str, limit: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _list(project: Project, info: CatalogInfo) -> None:
    """What awaits review, as the page's model says: machine, edited and stale units."""
    shown = project.relative(info.path).as_posix()
    pending = 0
    records = info.joined.records.values() if info.joined is not None else []
    for record in records:
        entry = record.entry
        if record.state not in AWAITING or entry is None or not entry.msgstr:
            continue
        pending += 1
        print(f"{shown}:{record.line}: {record.state.value}")
        print(f"    source:      {_show(entry.msgid)}")
        if record.state is State.STALE and entry.previous_msgid:
            print(f"    was:         {_show(entry.previous_msgid)}")
        print(f"    translation: {_show(entry.msgstr)}")
    if not pending:
        print(f"{shown}: nothing awaits review")


def _problems(checker: Checker, info: CatalogInfo, entry: polib.POEntry) -> list[str]:
    """Errors the entry would have once reviewed (fuzzy cleared), as check would say them:
    its markup judged in its page with the catalog's other translations, as the site would
    publish it, and every other rule on the entry alone."""
    assert info.po is not None and info.lang is not None
    trial = polib.POEntry(msgid=entry.msgid, msgstr=entry.msgstr, tcomment=entry.tcomment)
    solo = polib.POFile(wrapwidth=0)
    solo.append(trial)
    probe = CatalogInfo(info.path, info.lang, info.page, solo, info.text, {id(trial): 1})
    page = polib.POFile(wrapwidth=0)
    for other in info.po:
        if other is not entry and not other.obsolete:
            page.append(other)
    page.append(trial)
    in_page = CatalogInfo(info.path, info.lang, info.page, page, info.text)
    refused = [
        Finding("D501", info.path, 1, f"publishing the translation would add {description}")
        for judged, problems in injection.verdicts(in_page, checker.judge)
        if judged is trial
        for description in problems
    ]
    findings = [
        *checker.content(probe, info.lang),
        *refused,
        *injection.bidi_controls(probe),
    ]
    return [f"{f.code}: {f.message}" for f in findings if checker.severity(f) is Severity.ERROR]


def run(args: argparse.Namespace) -> int:
    project = load_project(args.project)
    settings = load_settings(project)
    marks = [_split(t) for t in args.targets]
    if args.text is not None and (len(marks) != 1 or marks[0][1] is None):
        raise DiptychError("--text needs exactly one CATALOG:LINE")
    by_file: dict[Path, list[int | None]] = {}
    for name, line in marks:
        by_file.setdefault(_resolve(project, name), []).append(line)

    lock = FileLock(str(project.lock_file), timeout=60)
    project.lock_file.parent.mkdir(parents=True, exist_ok=True)
    try:
        lock.acquire()
    except FileLockTimeout:
        raise LockTimeout(
            "another diptych run holds the lock",
            path=project.relative(project.lock_file),
            hint="wait for `diptych translate` to finish, then try again",
        ) from None
    refused = 0
    try:
        for path, wanted in by_file.items():
            checker = Checker(project, settings)
            lang, page = checker.locate(path)
            po = catalog.load(path, lang)
            text = path.read_text(encoding="utf-8")
            lines = msgid_lines(text, po)
            info = CatalogInfo(path, lang, page, po, text, lines)
            checker.join(info)
            if None in wanted:
                _list(project, info)
            changed = False
            for line in sorted({n for n in wanted if n is not None}):
                entry = _entry_at(project, info, line)
                where = f"{project.relative(path).as_posix()}:{lines[id(entry)]}"
                if args.text is not None:
                    entry.msgstr = args.text
                if not entry.msgstr:
                    print(f"{where}: not reviewed: the entry has no translation (use --text)")
                    refused += 1
                    continue
                if lang is None or page is None:
                    print(f"{where}: not reviewed: the catalog belongs to no page of this site")
                    refused += 1
                    continue
                problems = _problems(checker, info, entry)
                if problems:
                    for problem in problems:
                        print(f"{where}: {problem}")
                    print(f"{where}: not reviewed: fix the translation first")
                    refused += 1
                    continue
                was = state_of(entry)
                entry.flags = [f for f in entry.flags if f not in (FUZZY, BROKEN)]
                entry.previous_msgid = None
                entry.previous_msgctxt = None
                changed = True
                note = (
                    "already reviewed" if was is State.REVIEWED else f"reviewed (was {was.value})"
                )
                print(f"{where}: {note}")
            if changed and not args.dry_run:
                catalog.save(po, path)
    finally:
        lock.release()
    return 1 if refused else 0
