"""Lists made from the pages themselves: statements by date, and the translation dashboard.

A page asks for a list with an HTML comment on a line of its own, which is not a
translation unit and so reads the same in every language:

    <!-- diptych:statements -->            every page under statements/, newest first
    <!-- diptych:statements limit=3 -->    the three newest
    <!-- diptych:dashboard -->             the per-language, per-page translation counts

The hooks replace the comment in the page's HTML with the list, built from each page's
front matter (``title``, ``description``, ``date``) in the reader's language. All text is
escaped here; nothing from a catalog reaches the HTML unescaped.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .pair import SHOWN_STATES
from .strings import format_date, native_name, ui
from .views import PageView

MARKER = re.compile(r"<!--\s*diptych:(statements|dashboard)((?:\s+\w+=\w+)*)\s*-->")


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


def marker_options(raw: str) -> dict[str, str]:
    return dict(part.split("=", 1) for part in raw.split())
