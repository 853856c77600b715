"""D110: a statement without a valid ISO date in its front matter.

The statements list orders the pages under ``docs/statements/`` (not its ``index.md``) by
the ``date`` of their front matter and lists a statement whose date it cannot read last,
undated; the page header, the feeds and the sitemap date the page by it. So a statement
needs ``date: YYYY-MM-DD`` (:func:`diptych.dates.iso_date`). A Russian author may write
``date: 14.03.2022`` or ``date: 14 марта 2022 г.``: the message then proposes the ISO
date (``date: 2022-03-14``).

The front matter is read as MkDocs reads it (the same delimiters, the same YAML), and
the message points at the ``date`` line, or at line 1 when there is none. A value that
YAML itself cannot make a date of (``date: 2022-13-45``) is already D109: MkDocs drops
the whole front matter then, and the page cannot be checked further.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import yaml
from mkdocs.utils.meta import YAML_RE

from ..dates import iso_date, written_date
from .base import Finding

# The folder whose pages the statements list shows (diptych.site.build.STATEMENTS_DIR).
STATEMENTS_DIR = "statements"
# Pages in that folder that are not statements: the list itself, notes for the authors.
NOT_STATEMENTS = frozenset({"index.md", "README.md"})

_WRITE = "write the day as date: YYYY-MM-DD"
_WHY = "the statements list orders statements by it and puts an undated one last"


def is_statement(rel: str, languages: frozenset[str] = frozenset()) -> bool:
    """Whether the page at ``rel`` (under docs/, POSIX) is a statement: in
    ``statements/`` or a folder below it, not an index; a hand-written translation
    (``page.<lang>.md``, ``lang`` one of ``languages``) is dated by its source page."""
    path = PurePosixPath(rel)
    if path.parts[:1] != (STATEMENTS_DIR,) or len(path.parts) < 2:
        return False
    if path.name in NOT_STATEMENTS or path.suffix != ".md":
        return False
    stem_suffix = PurePosixPath(path.stem).suffix
    return not (stem_suffix and stem_suffix[1:] in languages)


@dataclass(frozen=True)
class DateField:
    """A front matter's ``date``: its page line, its text as written, its YAML value."""

    line: int
    text: str
    value: object


def _shown(text: str) -> str:
    """A value from the page as a message quotes it: repr (control characters escaped),
    cut short."""
    return repr(text if len(text) <= 40 else text[:39] + "…")


def front_matter(text: str) -> yaml.MappingNode | None:
    """The page's front matter as MkDocs finds it (its delimiters, after a BOM, with any
    line endings), composed by YAML; None if there is none, or it is no mapping."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    match = YAML_RE.match(text)
    if match is None:
        return None
    try:
        node = yaml.compose(match.group(1), Loader=yaml.SafeLoader)
    except yaml.YAMLError:  # D109
        return None
    return node if isinstance(node, yaml.MappingNode) else None


def date_field(mapping: yaml.MappingNode) -> DateField | None:
    """The ``date`` of a front matter (the last, as YAML keeps it), or None."""
    found = [
        (key, value)
        for key, value in mapping.value
        if isinstance(key, yaml.ScalarNode) and key.value == "date"
    ]
    if not found:
        return None
    key, value = found[-1]
    written = value.value if isinstance(value, yaml.ScalarNode) else ""
    loader = yaml.SafeLoader("")
    try:
        constructed = loader.construct_object(value, deep=True)
    except (yaml.YAMLError, ValueError):  # a date YAML reads but cannot make (D109)
        constructed = written
    finally:
        loader.dispose()
    # Line 1 is the opening ---; the YAML starts on line 2.
    return DateField(key.start_mark.line + 2, written, constructed)


def problem(field: DateField) -> str | None:
    """What is wrong with a statement's date, and what to write; None if it is valid."""
    value = field.value
    if iso_date(value) is not None:
        return None
    if value is None or value == "":
        return f"the date is empty: {_WRITE}"
    if isinstance(value, dt.datetime):
        return (
            f"date {_shown(field.text)} has a time of day, the site shows the day: "
            f"write date: {value.date().isoformat()}"
        )
    if not isinstance(value, str):
        return f"date {_shown(field.text)} is not a day: {_WRITE}"
    found = written_date(value)
    if found is None:
        return f"date {_shown(value)} is not an ISO date: {_WRITE}"
    try:
        day = dt.date(*found)
    except ValueError as exc:
        return f"date {_shown(value)} is not a real day ({exc}): {_WRITE}"
    return f"date {_shown(value)} is not an ISO date: write date: {day.isoformat()}"


def page(path: Path, rel: str, text: str, languages: frozenset[str]) -> list[Finding]:
    """D110 for a statement page (``rel`` under docs/) whose front matter has no valid
    ISO date; nothing for any other page."""
    if not is_statement(rel, languages):
        return []
    mapping = front_matter(text)
    if mapping is None:
        message = (
            "statement without a date: begin the page with front matter "
            f"(---, date: YYYY-MM-DD, ---); {_WHY}"
        )
        return [Finding("D110", path, 1, message)]
    field = date_field(mapping)
    if field is None:
        message = f"statement without a date: add date: YYYY-MM-DD to its front matter; {_WHY}"
        return [Finding("D110", path, 1, message)]
    found = problem(field)
    return [Finding("D110", path, field.line, found)] if found else []
