"""The side-by-side view of a translated page: each Russian unit beside its translation.

The view is plain HTML that reads without JavaScript: one row per unit occurrence, in page
order, each row a two-column grid (original, translation) so that both start at the same
height however long either is. CSS stacks the pair on narrow screens and follows the page's
direction (an Arabic page puts the original on the right); a small script adds the
translation / original / both toggle and remembers the choice.

Catalog text reaches the HTML only through the site's renderer (after the judge,
:mod:`diptych.judge`, has passed it in :mod:`diptych.site.views`) and then an allowlist
sanitizer configured from the source page's rendering; every other string goes through
:func:`.escape.e` (the kept translation and the old source of a stale unit too: no judge
has passed them, so they are shown as text, never rendered).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from ..catalog import State
from ..changes import Op, stale_change
from ..footnotes import footnotes
from ..page_catalog import Record
from ..suggestions.form import unit_key
from ..ui import native_name, ui
from .escape import e
from .links import catalog_edit_url, suggestion_url
from .views import PageView

RenderMarkdown = Callable[[str], str]

# States in the order the banner and the dashboard count them.
SHOWN_STATES = (
    State.REVIEWED,
    State.COPIED,
    State.EDITED,
    State.MACHINE,
    State.STALE,
    State.WITHHELD,
    State.MISSING,
)
_ONE_PARAGRAPH = re.compile(r"\A<p>(.*)</p>\Z", re.S)
_HEADING_MARK = re.compile(r"^\s{0,3}(#{1,6})\s")


@dataclass(frozen=True)
class EditLinks:
    repo_url: str | None
    edit_uri: str | None
    docs_dir_name: str = "docs"

    def url(self, view: PageView, unit_view: Record) -> str | None:
        """The catalog at the unit's msgstr, in the forge's editor (the PO route)."""
        if unit_view.edit_line is None:
            return None
        return catalog_edit_url(
            self.repo_url, self.edit_uri, self.docs_dir_name, view.catalog_rel, unit_view.edit_line
        )

    def form(self, view: PageView, unit_view: Record) -> str | None:
        """The issue form for this unit, prefilled (GitHub only; None: none)."""
        if unit_view.edit_line is None:
            return None
        return suggestion_url(
            self.repo_url, view.lang.code, view.rel_path, unit_view.unit.text, unit_view.text
        )


def inline_html(render: RenderMarkdown, text: str) -> str:
    """A unit's Markdown as HTML, without the paragraph around it when it is one."""
    out = render(text).strip()
    match = _ONE_PARAGRAPH.match(out)
    return match.group(1) if match and "<p>" not in match.group(1) else out


def row_ids(view: PageView) -> list[str]:
    """Each row's id, in page order: ``u-`` and the key of its Russian unit (the key the
    "suggest a fix" form names it by, :func:`diptych.suggestions.form.unit_key`), then
    ``-2``, ``-3``... for a later occurrence of the same text. Made from the original, the
    id is the same in every language and survives edits to the page's other units,
    where a position would move whenever a unit before it came or went."""
    seen: Counter[str] = Counter()
    ids = []
    for slot in view.slots:
        base = "u-" + unit_key(slot.unit.text)
        seen[base] += 1
        ids.append(base if seen[base] == 1 else f"{base}-{seen[base]}")
    return ids


@dataclass(frozen=True)
class FootnoteRow:
    label: str
    number: int  # as the page numbers the footnote
    row: str  # the id of the row its text starts in


def footnote_rows(view: PageView) -> list[FootnoteRow]:
    """The page's footnotes whose text is a row of the view, each with that row's id."""
    ids = row_ids(view)
    at = {
        slot.unit.line: ids[n] for n, slot in enumerate(view.slots) if slot.unit.kind == "paragraph"
    }
    return [
        FootnoteRow(note.label, note.number, at[note.line])
        for note in footnotes(view.page)
        if note.line in at
    ]


def _heading_level(view: PageView, start: int) -> int:
    line_start = view.page.text.rfind("\n", 0, start) + 1
    match = _HEADING_MARK.match(view.page.text[line_start:start])
    level = len(match.group(1)) if match else 2
    return min(max(level, 2), 6)


def state_badge(lang: str, unit_view: Record) -> str:
    state = unit_view.shown_state
    return f'<span class="dp-state dp-state--{e(state)}">{e(ui(lang, "state." + state))}</span>'


def mark_legend(view: PageView) -> str:
    """What the marks of machine output on the reading page mean ('' if it has none):
    a sample of each mark the page shows (hidden from screen readers, which hear each
    mark's own label) and its words."""
    marks = view.marks
    if not marks:
        return ""
    lang = view.lang.code
    items = " ".join(
        f'<span class="dp-legend__item dp-legend__item--{mark}">'
        f'<span class="dp-mark dp-mark--{mark}" aria-hidden="true"></span>'
        f"{e(ui(lang, 'mark.' + mark))}</span>"
        for mark in ("machine", "stale")
        if mark in marks
    )
    return f'<p class="dp-legend">{e(ui(lang, "mark.legend"))}: {items}</p>'


def banner(view: PageView, pair_href: str | None = None, *, legend: bool = False) -> str:
    """The short notice on a page with unreviewed units, with the counts ('' if none);
    with ``legend`` (the reading page), what its marks of machine output mean."""
    counts = view.counts()
    if view.unreviewed == 0:
        return ""
    lang = view.lang.code
    parts = [
        f'<span class="dp-count dp-count--{state.value}" data-count="{counts[state]}">'
        f"{e(ui(lang, 'banner.' + state.value, n=counts[state]))}</span>"
        for state in SHOWN_STATES
        if counts[state]
    ]
    link = f' <a class="dp-banner__link" href="{e(pair_href)}">{e(ui(lang, "banner.compare"))}</a>'
    return (
        f'<aside class="dp-banner" role="note" aria-label="{e(ui(lang, "banner.title"))}">'
        f"<p><strong>{e(ui(lang, 'banner.title'))}:</strong> "
        + ", ".join(parts)
        + "."
        + (link if pair_href else "")
        + "</p>"
        + (mark_legend(view) if legend else "")
        + "</aside>"
    )


def _cell(
    view: PageView,
    unit_view: Record,
    render: RenderMarkdown,
    *,
    original: bool,
    number: int | None = None,
) -> str:
    source, target = view.source, view.lang
    if original or unit_view.text is None:
        lang, direction, text = source, source.dir, unit_view.unit.text
    else:
        lang, direction, text = target, target.dir, unit_view.text
    # A front-matter field (title, description) is text after YAML decoding, never
    # Markdown: shown as it is everywhere else, escaped.
    plain = unit_view.unit.kind.startswith("front-matter:")
    # The last line of defence: both columns keep only what the source page's rendering
    # holds, less anything active (the judge has already withheld anything else).
    body = e(text) if plain else view.sanitize(inline_html(render, text))
    side = "src" if original else "tgt"
    extra = "" if original or unit_view.text is not None else " dp-fallback"
    # A footnote's text starts with its number, as in the list at the foot of the page.
    note = "" if number is None else f'<sup class="dp-fn-number">{number}</sup> '
    return (
        f'<div class="dp-{side}{extra}" lang="{lang.code}" dir="{direction}" tabindex="0">'
        f"{note}{body}</div>"
    )


_DIFF_TAGS = {Op.DELETED: "del", Op.INSERTED: "ins"}


def change_block(view: PageView, unit_view: Record) -> str:
    """For a stale unit, what the reviewer needs ('' for any other): the translation a
    person wrote for the old source and a word diff of the Russian change.

    Both texts come from the catalog and are escaped, never rendered: the judge passed
    only the text a reader may see (:mod:`diptych.site.views`), not the kept one, and
    the old source is no unit of the page. Markdown marks show as typed, as in the
    catalog a reviewer edits."""
    change = stale_change(unit_view)
    if change is None:
        return ""
    lang = view.lang.code
    parts = [
        f'<details class="dp-change" open><summary>{e(ui(lang, "change.summary"))}</summary>'
        '<dl class="dp-change__list">'
    ]
    if change.previous is not None:
        parts.append(
            f"<dt>{e(ui(lang, 'change.previous'))}</dt>"
            f'<dd class="dp-change__previous" lang="{lang}" dir="{view.lang.dir}">'
            f"{e(change.previous)}</dd>"
        )
    diff = "".join(
        f"<{_DIFF_TAGS[s.op]}>{e(s.text)}</{_DIFF_TAGS[s.op]}>" if s.op in _DIFF_TAGS else e(s.text)
        for s in change.segments
    )
    source = view.source
    parts.append(
        f"<dt>{e(ui(lang, 'change.diff'))}</dt>"
        f'<dd class="dp-change__diff" lang="{source.code}" dir="{source.dir}">{diff}</dd>'
        "</dl></details>"
    )
    return "".join(parts)


def _suggest_links(lang: str, form: str | None, catalog: str | None) -> str:
    """ "Suggest a fix" (the issue form where there is one, else the catalog), and the
    catalog as a second, smaller way for those who prefer to edit PO."""
    first = form or catalog
    if first is None:
        return ""
    out = (
        f' <a class="dp-suggest" href="{e(first)}" rel="noopener"'
        f' aria-label="{e(ui(lang, "suggest.label"))}">{e(ui(lang, "suggest"))}</a>'
    )
    if form and catalog:
        out += (
            f' <a class="dp-edit-po" href="{e(catalog)}" rel="noopener"'
            f' aria-label="{e(ui(lang, "edit.po.label"))}">{e(ui(lang, "edit.po"))}</a>'
        )
    return out


def permalink(lang: str, row: str) -> str:
    """The visible link to a row, for readers to copy and share."""
    label = e(ui(lang, "pair.permalink"))
    return f'<a class="dp-permalink" href="#{e(row)}" aria-label="{label}" title="{label}">#</a>'


def side_by_side(
    view: PageView,
    render: RenderMarkdown,
    links: EditLinks,
    *,
    translation_href: str,
) -> str:
    """The body of the side-by-side page (the theme adds header, footer and navigation)."""
    lang = view.lang.code
    title = view.field("title")
    heading = title[0] if title else view.rel_path
    heading_lang = "" if not title or title[1] else f' lang="{view.source.code}"'
    out: list[str] = [
        f'<h1 class="dp-pair-title"><span{heading_lang}>{e(heading)}</span>'
        f' <small class="dp-pair-title__note">— {e(ui(lang, "pair.link"))}</small></h1>',
        f'<p class="dp-pair-back"><a href="{e(translation_href)}">'
        f"{e(ui(lang, 'pair.back'))}</a></p>",
        banner(view),
        f'<div class="dp-toggle" role="group" aria-label="{e(ui(lang, "toggle.label"))}" hidden>'
        + "".join(
            f'<button type="button" class="dp-toggle__button" data-dp-view="{mode}"'
            f' aria-pressed="{"true" if mode == "both" else "false"}">'
            f"{e(ui(lang, 'toggle.' + mode))}</button>"
            for mode in ("translation", "original", "both")
        )
        + "</div>",
        '<div class="dp-pairs" data-dp-view="both">',
        '<div class="dp-row dp-row--head" aria-hidden="true">'
        f'<div class="dp-src">{e(native_name(view.source.code))}'
        f" · {e(ui(lang, 'toggle.original'))}</div>"
        f'<div class="dp-tgt">{e(native_name(lang, view.lang.name))}'
        f" · {e(ui(lang, 'toggle.translation'))}</div></div>",
    ]
    numbers = {note.row: note.number for note in footnote_rows(view)}
    for row, slot in zip(row_ids(view), view.slots, strict=True):
        unit_view = view.view(slot.unit)
        kind = slot.unit.kind.replace(":", "-")
        number = numbers.get(row)
        source_cell = _cell(view, unit_view, render, original=True, number=number)
        target_cell = _cell(view, unit_view, render, original=False, number=number)
        if slot.unit.kind == "heading":
            level = _heading_level(view, slot.start)
            source_cell = source_cell.replace(
                '<div class="dp-src"', f'<div class="dp-src dp-h{level}"', 1
            )
            target_cell = target_cell.replace(
                '<div class="dp-tgt', f'<div class="dp-h{level} dp-tgt', 1
            )
        suggest = _suggest_links(lang, links.form(view, unit_view), links.url(view, unit_view))
        footnote = "" if number is None else " dp-row--footnote"
        out.append(
            f'<div class="dp-row dp-kind-{e(kind)}{footnote}" id="{e(row)}"'
            f' data-state="{e(unit_view.shown_state)}">'
            f"{source_cell}{target_cell}"
            f'<p class="dp-meta">{permalink(lang, row)} {state_badge(lang, unit_view)}{suggest}</p>'
            f"{change_block(view, unit_view)}</div>"
        )
    out.append("</div>")
    return "\n".join(part for part in out if part)
