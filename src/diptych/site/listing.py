"""Lists made from the pages themselves: statements by date, and the translation dashboard.

A page asks for a list with an HTML comment on a line of its own, which is not a
translation unit and so reads the same in every language:

    <!-- diptych:statements -->            every page under statements/, newest first
    <!-- diptych:statements limit=3 -->    the three newest
    <!-- diptych:dashboard -->             the per-language, per-page translation counts

The hooks replace the comment in the page's HTML with the list, built from each page's
front matter (``title``, ``description``, ``date``) in the reader's language. All text is
escaped here; nothing from a catalog reaches the HTML unescaped. A marker with an option
it does not take, or a limit that is no whole number from 1, fails the build with a
message naming the marker and what to write (:func:`marker_options`).
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from mkdocs.exceptions import PluginError

from .pair import SHOWN_STATES
from .strings import format_date, native_name, ui
from .views import PageView

# A marker: the list's name, then options (``limit=3``) up to the end of the comment.
MARKER = re.compile(r"<!--\s*diptych:(statements|dashboard)((?:\s+(?!-->)\S+?)*)\s*-->")
# The options each list takes, and what each value must look like.
OPTIONS = {"statements": {"limit": re.compile(r"[1-9][0-9]*")}, "dashboard": {}}


def e(text: object) -> str:
    return html.escape(str(text), quote=True)


@dataclass(frozen=True)
class Entry:
    """One statement as listed: its date, and title/description as the reader sees them."""

    rel_path: str
    date: dt.date | None
    title: tuple[str, bool]  # (text, translated or source language?)
    description: tuple[str, bool] | None
    href: str


def parse_date(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    return None


def _text(value: tuple[str, bool], source_lang: str, page_lang: str) -> str:
    text, translated = value
    if translated or source_lang == page_lang:
        return e(text)
    return f'<span lang="{e(source_lang)}" dir="auto">{e(text)}</span>'


def statements_html(
    entries: Sequence[Entry], lang: str, source_lang: str, limit: int | None = None
) -> str:
    """The list of statements, newest first, each with its date, title and description."""
    ordered = sorted(entries, key=lambda x: (x.date or dt.date.min, x.rel_path), reverse=True)[
        : limit or None
    ]
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
    page_href: Callable[[PageView], str],
) -> str:
    """Per language, a table of pages with how many units are reviewed, machine, stale,
    missing. Numbers are the page's distinct units, as in the banner."""
    states = SHOWN_STATES
    parts: list[str] = []
    for code, views in views_by_lang.items():
        name = native_name(code, views[0].lang.name if views else code)
        head = "".join(
            f'<th scope="col" class="dp-num">{e(ui(lang, "dashboard." + s.value))}</th>'
            for s in states
        )
        rows = []
        totals = dict.fromkeys(states, 0)
        for view in views:
            counts = view.counts()
            cells = "".join(
                f'<td class="dp-num dp-cell--{s.value}">{counts[s]}</td>' for s in states
            )
            for s in states:
                totals[s] += counts[s]
            rows.append(
                f'<tr data-page="{e(view.rel_path)}" data-lang="{e(code)}">'
                f'<th scope="row"><a href="{e(page_href(view))}">'
                f"{_titled(page_title(view), lang)}</a></th>"
                f"{cells}</tr>"
            )
        total_cells = "".join(f'<td class="dp-num">{totals[s]}</td>' for s in states)
        parts.append(
            f'<section class="dp-dashboard__lang" data-lang="{e(code)}">'
            f'<h2 id="lang-{e(code)}"><span lang="{e(code)}">{e(name)}</span></h2>'
            '<div class="md-typeset__scrollwrap"><div class="md-typeset__table">'
            f'<table class="dp-dashboard"><thead><tr><th scope="col">'
            f"{e(ui(lang, 'dashboard.page'))}</th>{head}</tr></thead>"
            f"<tbody>{''.join(rows)}</tbody>"
            f'<tfoot><tr><th scope="row">Σ</th>{total_cells}</tr></tfoot></table>'
            "</div></div></section>"
        )
    return "".join(parts)


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
