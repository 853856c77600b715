"""Lists made from the pages themselves: statements by date, and the translation dashboard.

A page asks for a list with an HTML comment on a line of its own, which is not a
translation unit and so reads the same in every language:

    <!-- diptych:statements -->            every page under statements/, newest first
    <!-- diptych:statements limit=3 -->    the three newest
    <!-- diptych:dashboard -->             per language and page: the share of each state,
                                           and the weakest machine translations

The hooks replace the comment in the page's HTML with the list, built from each page's
front matter (``title``, ``description``, ``date``) in the reader's language. All text is
escaped here; nothing from a catalog reaches the HTML unescaped. A marker with an option
it does not take, or a limit that is no whole number from 1, fails the build with a
message naming the marker and what to write (:func:`marker_options`).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from babel import Locale, UnknownLocaleError
from babel.numbers import format_percent
from mkdocs.exceptions import PluginError

from ..catalog import State
from ..page_catalog import Record
from ..status import Status
from ..ui import format_date, native_name, ui
from .escape import e
from .pair import SHOWN_STATES, row_ids
from .statements import newest_first
from .views import PageView

# How many machine translations the dashboard lists per language, the weakest first.
WEAKEST = 10
# How much of a unit's source the list shows (characters; the row holds all of it).
SNIPPET = 90

# A marker: the list's name, then options (``limit=3``) up to the end of the comment.
MARKER = re.compile(r"<!--\s*diptych:(statements|dashboard)((?:\s+(?!-->)\S+?)*)\s*-->")
# The options each list takes, and what each value must look like.
OPTIONS = {"statements": {"limit": re.compile(r"[1-9][0-9]*")}, "dashboard": {}}


@dataclass(frozen=True)
class Entry:
    """One statement as listed: its date, and title/description as the reader sees them."""

    rel_path: str
    date: dt.date | None
    title: tuple[str, bool]  # (text, translated or source language?)
    description: tuple[str, bool] | None
    href: str


def _text(value: tuple[str, bool], source_lang: str, page_lang: str) -> str:
    text, translated = value
    if translated or source_lang == page_lang:
        return e(text)
    return f'<span lang="{e(source_lang)}" dir="auto">{e(text)}</span>'


def statements_html(
    entries: Sequence[Entry], lang: str, source_lang: str, limit: int | None = None
) -> str:
    """The list of statements, newest first, each with its date, title and description."""
    ordered = newest_first(entries)[: limit or None]
    if not ordered:
        return f'<p class="dp-statements dp-statements--empty">{e(ui(lang, "list.empty"))}</p>'
    items = []
    for entry in ordered:
        when = (
            f'<time datetime="{entry.date.isoformat()}">{e(format_date(entry.date, lang))}</time>'
            if entry.date
            else ""
        )
        description = (
            f'<p class="dp-statement__description">'
            f"{_text(entry.description, source_lang, lang)}</p>"
            if entry.description
            else ""
        )
        items.append(
            '<li class="dp-statement">'
            f'<p class="dp-statement__date">{when}</p>'
            f'<p class="dp-statement__title"><a href="{e(entry.href)}">'
            f"{_text(entry.title, source_lang, lang)}</a></p>"
            f"{description}</li>"
        )
    return '<ul class="dp-statements">' + "".join(items) + "</ul>"


def dashboard_html(
    views_by_lang: dict[str, list[PageView]],
    lang: str,
    page_title: Callable[[PageView], tuple[str, str]],
    pair_href: Callable[[PageView], str],
) -> str:
    """Per language: a stacked progress bar with the share of each state in words and
    figures, then a table of its pages (each linking to its side-by-side view with
    ``pair_href``) with every state's count and share, and the language's totals; then
    the machine translations the model was least sure of (:func:`weakest_html`).

    The numbers are ``diptych status``'s: the pages are counted into a
    :class:`~diptych.status.Status` by its own :meth:`~diptych.status.Status.add` (each
    page's model, the page's distinct units), and the totals are its
    :meth:`~diptych.status.Status.totals`."""
    status = Status()
    by_key: dict[tuple[str, str], PageView] = {}
    for code, views in views_by_lang.items():
        for view in views:
            status.add(code, view.rel_path, view.joined)
            by_key[(code, view.rel_path)] = view
    totals = status.totals()
    parts: list[str] = []
    for code, views in views_by_lang.items():
        name = native_name(code, views[0].lang.name if views else code)
        heading = f"lang-{e(code)}"
        rows = [row for row in status.rows if row.lang == code]
        if not rows:
            body = f'<p class="dp-dash__empty">{e(ui(lang, "dashboard.empty"))}</p>'
        else:
            total = totals[code]
            states = shown_states(total)
            body = _progress(total, lang, states) + _table(
                [(by_key[(code, row.page)], row.counts) for row in rows],
                total,
                lang,
                heading,
                page_title,
                pair_href,
                states,
            )
            body += weakest_html(views, code, lang, page_title, pair_href)
        parts.append(
            f'<section class="dp-dash" data-lang="{e(code)}" aria-labelledby="{heading}">'
            f'<h2 id="{heading}"><span lang="{e(code)}">{e(name)}</span></h2>'
            f"{body}</section>"
        )
    return "".join(parts)


def weakest(views: Sequence[PageView], limit: int = WEAKEST) -> list[tuple[PageView, Record]]:
    """The machine translations of these pages (one language's) that the model was least
    sure of, the weakest first: units whose run recorded a score (:attr:`Record.score`,
    the page's model), ties in page order."""
    scored = [
        (view, record)
        for view in views
        for record in view.joined.records.values()
        if record.score is not None
    ]
    scored.sort(key=lambda item: item[1].score or 0.0)
    return scored[:limit]


def weakest_html(
    views: Sequence[PageView],
    code: str,
    lang: str,
    page_title: Callable[[PageView], tuple[str, str]],
    pair_href: Callable[[PageView], str],
) -> str:
    """The weakest machine translations of language ``code`` (:func:`weakest`), each
    linking to its row of the side-by-side view, where the original and the translation
    stand together ('' if none has a score). The model's confidence is shown as the
    geometric mean of its token probabilities (``exp`` of the score), as a percentage."""
    found = weakest(views)
    if not found:
        return ""
    heading = f"weakest-{e(code)}"
    items = []
    rows: dict[str, dict[str, str]] = {}  # per page: each text's first row of the view
    for view, record in found:
        score = record.score or 0.0
        if view.rel_path not in rows:
            rows[view.rel_path] = {}
            for slot, row_id in zip(view.slots, row_ids(view), strict=True):
                rows[view.rel_path].setdefault(slot.unit.text, row_id)
        row = rows[view.rel_path].get(record.unit.text)
        href = pair_href(view) + (f"#{row}" if row else "")
        text = " ".join(record.unit.text.split())
        snippet = text if len(text) <= SNIPPET else text[: SNIPPET - 1].rstrip() + "…"
        confidence = percent(round(1000 * math.exp(score)), 1000, lang)
        items.append(
            f'<li class="dp-weakest__item" data-score="{score:.3f}">'
            f'<a href="{e(href)}" hreflang="{e(code)}">'
            f'<span lang="{e(view.source.code)}" dir="auto">{e(snippet)}</span></a> '
            f'<span class="dp-weakest__page">{_titled(page_title(view), lang)}</span> '
            f'<span class="dp-weakest__score">'
            f"{e(ui(lang, 'dashboard.confidence', p=confidence))}</span></li>"
        )
    return (
        f'<section class="dp-weakest" aria-labelledby="{heading}">'
        f'<h3 id="{heading}">{e(ui(lang, "dashboard.weakest"))}</h3>'
        f'<p class="dp-weakest__intro">{e(ui(lang, "dashboard.weakest.intro"))}</p>'
        f'<ol class="dp-weakest__list">{"".join(items)}</ol></section>'
    )


def shown_states(totals: dict[State, int]) -> list[State]:
    """The states a language's figures and table show: every state of the review (a zero
    is news too), and ``copied`` only where a page has such a unit (a path or a number
    alone in a paragraph is no step of the review; most sites have none)."""
    return [s for s in SHOWN_STATES if s is not State.COPIED or totals[s]]


def share(n: int, total: int) -> int:
    """``n`` of ``total`` as a whole percentage, rounded half up, except that some is
    never 0 % and less than all is never 100 %."""
    if total <= 0 or n <= 0:
        return 0
    if n >= total:
        return 100
    return min(99, max(1, (200 * n + total) // (2 * total)))


def percent(n: int, total: int, lang: str) -> str:
    """The share of ``n`` in ``total`` as a reader of ``lang`` writes a percentage
    (``21%``, ``21 %``), in Latin digits like every other number of the site."""
    try:
        locale = Locale.parse(lang.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        locale = Locale.parse("en")
    value = Decimal(share(n, total)) / 100
    return str(format_percent(value, locale=locale, numbering_system="latn"))


def _bar(counts: dict[State, int], extra: str = "") -> str:
    """The stacked bar: one part per state present, as wide as its count. A picture of
    the figures beside it, so hidden from screen readers (they read the figures)."""
    segments = "".join(
        f'<span class="dp-bar__part dp-bar__part--{s.value}" style="flex-grow: {counts[s]}"></span>'
        for s in SHOWN_STATES
        if counts[s]
    )
    return f'<span class="dp-bar{extra}" aria-hidden="true">{segments}</span>'


def _progress(counts: dict[State, int], lang: str, states: Sequence[State]) -> str:
    """A language's bar and, for every state, its name, share and count."""
    total = sum(counts.values())
    figures = "".join(
        f'<li class="dp-figure" data-state="{s.value}" data-count="{counts[s]}">'
        f'<span class="dp-swatch dp-swatch--{s.value}" aria-hidden="true"></span>'
        f"{e(ui(lang, 'dashboard.' + s.value))} "
        f'<strong class="dp-figure__share">{e(percent(counts[s], total, lang))}</strong> '
        f'<span class="dp-figure__count">({counts[s]})</span></li>'
        for s in states
    )
    return (
        f'<div class="dp-progress">{_bar(counts)}'
        f'<ul class="dp-progress__figures">{figures}</ul></div>'
    )


def _cells(counts: dict[State, int], lang: str, states: Sequence[State]) -> str:
    """A row's count and share of each state, then its number of units."""
    total = sum(counts.values())
    cells = []
    for s in states:
        n = counts[s]
        shown = (
            f'<span class="dp-cell__count">{n}</span>'
            f'<span class="dp-cell__share">{e(percent(n, total, lang))}</span>'
            if n
            else f'<span class="dp-cell__count">{n}</span>'
        )
        cells.append(
            f'<td class="dp-num dp-cell dp-cell--{s.value}" data-state="{s.value}" '
            f'data-count="{n}">{shown}</td>'
        )
    cells.append(f'<td class="dp-num dp-cell dp-cell--total" data-count="{total}">{total}</td>')
    return "".join(cells)


def _table(
    pages: list[tuple[PageView, dict[State, int]]],
    totals: dict[State, int],
    lang: str,
    heading: str,
    page_title: Callable[[PageView], tuple[str, str]],
    pair_href: Callable[[PageView], str],
    states: Sequence[State],
) -> str:
    head = "".join(
        f'<th scope="col" class="dp-num">{e(ui(lang, "dashboard." + s.value))}</th>' for s in states
    )
    rows = "".join(
        f'<tr data-page="{e(view.rel_path)}" data-lang="{e(view.lang.code)}">'
        f'<th scope="row"><a href="{e(pair_href(view))}" hreflang="{e(view.lang.code)}">'
        f"{_titled(page_title(view), lang)}</a>{_bar(counts, ' dp-bar--row')}</th>"
        f"{_cells(counts, lang, states)}</tr>"
        for view, counts in pages
    )
    return (
        # The table scrolls within the page on a narrow screen (diptych.css).
        '<div class="dp-dash__scroll">'
        f'<table class="dp-dashboard" aria-labelledby="{heading}"><thead><tr>'
        f'<th scope="col">{e(ui(lang, "dashboard.page"))}</th>{head}'
        f'<th scope="col" class="dp-num">{e(ui(lang, "dashboard.total"))}</th></tr></thead>'
        f"<tbody>{rows}</tbody>"
        f'<tfoot><tr><th scope="row">{e(ui(lang, "dashboard.all"))}</th>'
        f"{_cells(totals, lang, states)}</tr></tfoot></table></div>"
    )


def _titled(title: tuple[str, str], lang: str) -> str:
    text, code = title
    if not code or code == lang:
        return e(text)
    return f'<span lang="{e(code)}">{e(text)}</span>'


def marker_problem(raw: str, kind: str | None = None) -> str | None:
    """What is wrong with a marker's options (``raw``: the text after its name) for the
    list ``kind`` (None: any list), with what to write instead; None if nothing is."""
    kind = kind if kind in OPTIONS else "statements"
    allowed = OPTIONS[kind]
    for part in raw.split():
        name, _, value = part.partition("=")
        pattern = allowed.get(name)
        if pattern is None:
            takes = ", ".join(f"{n}=N" for n in allowed) or "no options"
            return f"unknown option {part!r} (diptych:{kind} takes {takes})"
        if not pattern.fullmatch(value):
            return (
                f"{name}={value!r} is not a whole number from 1: write {name}=3 to list "
                "the three newest statements, or leave the option out to list them all"
            )
    return None


def marker_problems(text: str) -> list[tuple[int, str]]:
    """(line, problem) for each marker of a page's Markdown that would fail the build."""
    found = []
    for match in MARKER.finditer(text):
        problem = marker_problem(match.group(2), match.group(1))
        if problem is not None:
            line = text.count("\n", 0, match.start()) + 1
            found.append((line, f"{match.group(0).strip()}: {problem}"))
    return found


def marker_options(raw: str, where: str = "", kind: str | None = None) -> dict[str, str]:
    """The options of a marker (``limit=3``). A marker they do not fit fails the build
    (PluginError, never a traceback), naming ``where`` (``docs/page.md:7``: the page and
    line, when the caller knows them), the marker and what to write."""
    problem = marker_problem(raw, kind)
    if problem is not None:
        shown = f"{where}: " if where else ""
        raise PluginError(f"{shown}diptych:{kind or 'statements'} marker: {problem}")
    return dict(part.split("=", 1) for part in raw.split())
