"""The side-by-side view of a translated page: each Russian unit beside its translation.

The view is plain HTML that reads without JavaScript: one row per unit occurrence, in page
order, each row a two-column grid (original, translation) so that both start at the same
height however long either is. CSS stacks the pair on narrow screens and follows the page's
direction (an Arabic page puts the original on the right); a small script adds the
translation / original / both toggle and remembers the choice.

Catalog text reaches the HTML only through the site's renderer (after the judge,
:mod:`diptych.judge`, has passed it in :mod:`diptych.site.views`) and then an allowlist
sanitizer configured from the source page's rendering; every other string goes through
:func:`html.escape`.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass

from ..catalog import State
from ..page_catalog import Record
from .links import catalog_edit_url
from .strings import native_name, ui
from .views import PageView

RenderMarkdown = Callable[[str], str]

# States in the order the banner and the dashboard count them.
SHOWN_STATES = (
    State.REVIEWED,
    State.EDITED,
    State.MACHINE,
    State.STALE,
    State.WITHHELD,
    State.MISSING,
)
_ONE_PARAGRAPH = re.compile(r"\A<p>(.*)</p>\Z", re.S)
_HEADING_MARK = re.compile(r"^\s{0,3}(#{1,6})\s")


def e(text: object) -> str:
    return html.escape(str(text), quote=True)


@dataclass(frozen=True)
class EditLinks:
    repo_url: str | None
    edit_uri: str | None
    docs_dir_name: str = "docs"

    def url(self, view: PageView, unit_view: Record) -> str | None:
        if unit_view.edit_line is None:
            return None
        return catalog_edit_url(
            self.repo_url, self.edit_uri, self.docs_dir_name, view.catalog_rel, unit_view.edit_line
        )


def inline_html(render: RenderMarkdown, text: str) -> str:
    """A unit's Markdown as HTML, without the paragraph around it when it is one."""
    out = render(text).strip()
    match = _ONE_PARAGRAPH.match(out)
    return match.group(1) if match and "<p>" not in match.group(1) else out


def _heading_level(view: PageView, start: int) -> int:
    line_start = view.page.text.rfind("\n", 0, start) + 1
    match = _HEADING_MARK.match(view.page.text[line_start:start])
    level = len(match.group(1)) if match else 2
    return min(max(level, 2), 6)


def state_badge(lang: str, unit_view: Record) -> str:
    state = unit_view.shown_state
    return f'<span class="dp-state dp-state--{e(state)}">{e(ui(lang, "state." + state))}</span>'


def banner(view: PageView, pair_href: str | None = None) -> str:
    """The short notice on a page with unreviewed units, with the counts ('' if none)."""
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
        + "</p></aside>"
    )


def _cell(
    view: PageView,
    unit_view: Record,
    render: RenderMarkdown,
    *,
    original: bool,
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
    return (
        f'<div class="dp-{side}{extra}" lang="{lang.code}" dir="{direction}" tabindex="0">'
        f"{body}</div>"
    )


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
    for number, slot in enumerate(view.slots, start=1):
        unit_view = view.view(slot.unit)
        kind = slot.unit.kind.replace(":", "-")
        source_cell = _cell(view, unit_view, render, original=True)
        target_cell = _cell(view, unit_view, render, original=False)
        if slot.unit.kind == "heading":
            level = _heading_level(view, slot.start)
            source_cell = source_cell.replace(
                '<div class="dp-src"', f'<div class="dp-src dp-h{level}"', 1
            )
            target_cell = target_cell.replace(
                '<div class="dp-tgt', f'<div class="dp-h{level} dp-tgt', 1
            )
        edit = links.url(view, unit_view)
        suggest = (
            f' <a class="dp-suggest" href="{e(edit)}" rel="noopener"'
            f' aria-label="{e(ui(lang, "suggest.label"))}">{e(ui(lang, "suggest"))}</a>'
            if edit
            else ""
        )
        out.append(
            f'<div class="dp-row dp-kind-{e(kind)}" id="u{number}"'
            f' data-state="{e(unit_view.shown_state)}">'
            f"{source_cell}{target_cell}"
            f'<p class="dp-meta">{state_badge(lang, unit_view)}{suggest}</p>'
            "</div>"
        )
    out.append("</div>")
    return "\n".join(part for part in out if part)
