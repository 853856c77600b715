"""Put a reader's text into the catalog by the rules of ``diptych review``, or say in plain
words why not.

The fix is applied to the catalog as it is now, not as it was when the reader opened the
page: the unit is found by the key of its Russian text among the page's current units, so
a passage that changed or went since is refused rather than matched to something else.
If the translation changed since the reader saw it, the fix still applies (a reviewer
sees both in the pull request) and :attr:`Applied.moved_on` says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .. import catalog
from ..catalog import State, is_unit_entry
from ..check.runner import Checker
from ..check.settings import load as load_settings
from ..config import Project
from ..errors import DiptychError
from ..lock import project_lock
from ..reviewing import mark_reviewed, open_catalog, problems
from .form import Filled, text_key, unit_key

# A translation this many times longer than its passage (and longer than FLOOR
# characters) is not a translation of that passage.
LONGER = 5
FLOOR = 1000


class Refused(DiptychError):
    """The fix cannot be applied; ``message`` says why in plain words, ``reasons`` lists
    the rules it breaks (as ``diptych check`` words them)."""

    def __init__(self, message: str, reasons: tuple[str, ...] = (), hint: str | None = None):
        super().__init__(message, hint=hint)
        self.reasons = reasons


@dataclass(frozen=True)
class Applied:
    """A fix written into its catalog, marked reviewed."""

    path: Path
    shown: str  # the catalog, relative to the project root
    line: int  # the entry's msgid line, before the change
    lang: str
    page: str
    source: str  # the Russian unit
    before: str  # the translation it replaces ('' for none)
    before_state: State
    after: str
    moved_on: bool  # the translation changed since the reader saw the page


def _language(project: Project, code: str) -> str:
    known = [t.code for t in project.targets]
    if code not in known:
        raise Refused(
            f"“{code}” is not a language this site is translated into "
            f"(it is translated into {', '.join(known)})."
        )
    return code


def _page(project: Project, name: str) -> Path:
    pages = {p.relative_to(project.docs_dir).as_posix(): p for p in project.pages()}
    page = pages.get(name)
    if page is None:
        raise Refused(
            f"The page “{name}” is not on the site any more (it may have been renamed or removed).",
            hint="open the page on the site again and suggest the fix from there",
        )
    return page


def _text(filled: Filled, source: str, kind: str) -> str:
    text = filled.translation.strip()
    if not text:
        raise Refused("The new translation is empty.", hint="type your translation in the form")
    if len(text) > max(FLOOR, LONGER * len(source)):
        raise Refused(
            f"The new translation has {len(text):,} characters, for a passage of "
            f"{len(source):,}: this is more than the translation of this one passage.",
            hint="send the translation of this passage only; suggest each passage apart",
        )
    if kind != "paragraph" and "\n" in text:
        raise Refused(
            "This passage is a single line (a heading, a table cell or a title): its "
            "translation must be one line too.",
            hint="join the lines",
        )
    if "\n\n" in text.replace("\r", ""):
        raise Refused(
            "The new translation holds an empty line, which would split the passage in two.",
            hint="remove the empty line",
        )
    return text


def apply(project: Project, filled: Filled, *, write: bool = True) -> Applied:
    """Apply ``filled`` to its catalog and mark the entry reviewed (``write``: save it).
    Raises :class:`Refused` when it cannot be applied."""
    lang = _language(project, filled.language)
    page = _page(project, filled.page)
    path = project.catalog_path(page, lang)
    shown = project.relative(path).as_posix()
    if not path.is_file():
        raise Refused(
            f"The page “{filled.page}” has no translation into {lang} yet.",
            hint="wait for the site's next machine translation run, then suggest the fix",
        )
    with project_lock(project):
        checker = Checker(project, load_settings(project))
        opened = open_catalog(checker, path)
        joined = opened.info.joined
        if joined is None:
            raise Refused(f"The page “{filled.page}” cannot be read, so it cannot be changed.")
        units = {unit.text: unit for unit in joined.page.units}
        entry = next(
            (
                e
                for e in opened.po
                if not e.obsolete
                and is_unit_entry(e)
                and e.msgid in units
                and unit_key(e.msgid) == filled.unit
            ),
            None,
        )
        if entry is None:
            raise Refused(
                "The Russian passage you corrected has changed or gone since the page was "
                "built, so your text cannot be matched to it.",
                hint="open the page on the site again and suggest the fix on the passage as "
                "it is now",
            )
        record = joined.records[entry.msgid]
        text = _text(filled, entry.msgid, units[entry.msgid].kind)
        before, line = entry.msgstr, opened.line_of(entry)
        if text == before and record.state is State.REVIEWED:
            raise Refused("This translation is already on the site; there is nothing to change.")
        entry.msgstr = text
        found = problems(checker, opened, entry)
        if found:
            raise Refused(
                "The new translation was not applied, because it breaks the rules every "
                "translation on the site must keep:",
                tuple(dict.fromkeys(f"{f.message} ({f.code})" for f in found)),
                hint="edit the issue with a corrected text: it is tried again on every edit",
            )
        mark_reviewed(entry)
        if write:
            catalog.save(opened.po, path)
    return Applied(
        path=path,
        shown=shown,
        line=line,
        lang=lang,
        page=filled.page,
        source=entry.msgid,
        before=before,
        before_state=record.state,
        after=text,
        moved_on=text_key(record.text) != filled.seen,
    )
