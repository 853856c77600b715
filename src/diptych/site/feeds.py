"""Atom feeds of the statements, one per language.

Each language has its feed at the root of the site: ``feed.xml`` for the source language,
``feed.<lang>.xml`` for the others (the suffix naming of the pages, ``page.en.md``). Not
``<lang>/feed.xml``: Material's script fetches ``sitemap.xml`` beside the address of every
``<link rel="alternate">`` in a page's head, and only the root of the site has one, so a
feed in a language's folder would cost every page view a request that fails with 404.

A feed holds the statements of :meth:`diptych.site.build.Site.statements` in that
language, newest first (:func:`diptych.site.statements.newest_first`, as the statements
list orders them), with the titles and descriptions a reader of the language sees, and,
in a target language, how far the translation of each is reviewed, as an Atom category
(term ``reviewed``, ``machine`` or ``unreviewed``, labelled in the reader's language).

The XML is written by feedgenerator (Django's feed writer, kept by the Pelican project),
which escapes text and attributes. All text is plain: the summary is ``type="text"``,
so nothing from a page or a catalog is read as markup by a feed reader. Characters that
XML 1.0 cannot hold (C0 controls, lone surrogates) become U+FFFD.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin

from feedgenerator import Atom1Feed

from ..catalog import State
from ..config import Project
from ..ui import ui
from .escape import e
from .views import PageView

# Characters XML 1.0 may not hold.
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

# The line of a front matter's date.
_DATE_LINE = re.compile(r"date\s*:")

# The term of each state of a translated statement, and the words that label it.
STATE_LABELS = {
    "reviewed": "state.reviewed",
    "machine": "state.machine",
    "unreviewed": "banner.title",
}


def feed_path(lang: str, source: str) -> str:
    """Where the feed of ``lang`` is written, relative to the root of the site."""
    return "feed.xml" if lang == source else f"feed.{lang}.xml"


def xml_text(text: str) -> str:
    """``text`` with every character that XML 1.0 may not hold replaced by U+FFFD."""
    return _NOT_XML.sub("\ufffd", text)


def translation_state(view: PageView) -> str:
    """How far the translation of a page is reviewed: ``reviewed`` (every unit),
    ``machine`` (a reader sees machine output: machine or stale units) or ``unreviewed``
    (a person's edit awaiting review, or units still shown in the original)."""
    counts = view.counts()
    if view.unreviewed == 0:
        return "reviewed"
    if counts[State.MACHINE] or counts[State.STALE]:
        return "machine"
    return "unreviewed"


@dataclass(frozen=True)
class Item:
    """One statement in a feed: absolute address, date, and text as the reader sees it."""

    url: str
    date: dt.date
    title: str
    summary: str | None
    state: str | None  # None: the source language (the original has no state)


@dataclass(frozen=True)
class Feed:
    lang: str
    title: str
    page_url: str  # the statements page in this language (absolute)
    feed_url: str  # where the feed is published (absolute)
    author: str


class _Atom(Atom1Feed):  # type: ignore[misc]  # feedgenerator has no type hints
    """Atom 1.0 with a plain-text summary and labelled categories."""

    def add_item_elements(self, handler: Any, item: dict[str, Any]) -> None:
        super().add_item_elements(handler, {**item, "description": None, "categories": ()})
        if item["description"] is not None:
            handler.addQuickElement("summary", item["description"], {"type": "text"})
        for term, label in item["labelled_categories"]:
            handler.addQuickElement("category", "", {"term": term, "label": label})


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC)


def atom(feed: Feed, items: Sequence[Item]) -> str:
    """The Atom document of ``feed`` with ``items`` in the order given."""
    writer = _Atom(
        title=xml_text(feed.title),
        link=feed.page_url,
        description=None,
        language=feed.lang,
        feed_url=feed.feed_url,
        feed_guid=feed.feed_url,
        author_name=xml_text(feed.author),
    )
    for item in items:
        categories = (
            [(item.state, xml_text(ui(feed.lang, STATE_LABELS[item.state])))] if item.state else []
        )
        writer.add_item(
            title=xml_text(item.title),
            link=item.url,
            description=xml_text(item.summary) if item.summary is not None else None,
            pubdate=_midnight(item.date),
            unique_id=item.url,
            labelled_categories=categories,
        )
    text: str = writer.writeString("utf-8")
    return text


def absolute(site_url: str, site_path: str) -> str:
    """A site-relative URL (``en/statements/x/``) made absolute on ``site_url``."""
    return urljoin(site_url.rstrip("/") + "/", site_path)


def undated_problem(project: Project, rel_path: str) -> str:
    """What to say of a statement that has no valid date: ``docs/<page>:<line>``, the line
    of its ``date`` (or 1), and what to write."""
    path = project.docs_dir / rel_path
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    end = lines.index("---", 1) if lines[:1] == ["---"] and "---" in lines[1:] else 0
    line = next((n for n, text in enumerate(lines[:end], 1) if _DATE_LINE.match(text)), None)
    what = "its date is not a date" if line else "it has no date in its front matter"
    return (
        f"{project.relative(path).as_posix()}:{line or 1}: {what}, so the feeds leave it "
        "out: write the day it was published as date: YYYY-MM-DD"
    )


def link_html(href: str, lang: str) -> str:
    """The visible link to a language's feed, for the statements page."""
    return (
        f'<p class="dp-feed"><a href="{e(href)}" '
        f'type="application/atom+xml" hreflang="{e(lang)}">'
        f"{e(ui(lang, 'feed.link'))}</a></p>"
    )
