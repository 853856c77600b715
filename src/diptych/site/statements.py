"""Statements in the order readers see them: what the statements list and the feeds share.

A statement is a page under ``statements/`` (other than its index); the build gathers
them, with their front matter in each language, in :meth:`diptych.site.build.Site.statements`.
Both the list that a page embeds (``<!-- diptych:statements -->``) and each language's
feed put them newest first with :func:`newest_first`, so the two always agree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Protocol, TypeVar

# The page that lists the statements (and links each language's feed).
INDEX = "statements/index.md"


class Dated(Protocol):
    """A statement as the list and the feeds need it: its page and its date (if any)."""

    @property
    def rel_path(self) -> str: ...

    @property
    def date(self) -> dt.date | None: ...


D = TypeVar("D", bound=Dated)


def newest_first(entries: Iterable[D]) -> list[D]:
    """Statements newest first; undated ones last; ties in reverse order of their pages'
    paths (the order the statements list has always had)."""
    return sorted(entries, key=lambda x: (x.date or dt.date.min, x.rel_path), reverse=True)


def source_rel(src_uri: str, lang: str) -> str:
    """The source page that a page file of the ``lang`` build shows: a hand-written
    ``statements/x.en.md`` shows ``statements/x.md``."""
    suffix = f".{lang}.md"
    return src_uri[: -len(suffix)] + ".md" if src_uri.endswith(suffix) else src_uri
