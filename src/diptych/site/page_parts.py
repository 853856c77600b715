"""HTML pieces that the hooks put at the top of a page's content."""

from __future__ import annotations

import re

from ..dates import iso_date
from ..languages import Language
from ..ui import format_date, native_name, ui
from .escape import e
from .views import PageView

_H1 = re.compile(r"<h1[\s>]")


def _marked(text: str, translated: bool, view: PageView | None) -> str:
    if translated or view is None:
        return e(text)
    direction = f' dir="{view.source.dir}"' if view.source.rtl != view.lang.rtl else ""
    return f'<span lang="{view.source.code}"{direction}>{e(text)}</span>'


def article_head(
    meta: dict[str, object],
    lang: str,
    view: PageView | None,
    content: str,
) -> str:
    """Title (unless the content has its own h1), date line and lead of a dated page.

    ``meta`` is the page's front matter as MkDocs read it (already translated on a
    translated page); ``view`` says which fields fell back to the source language.
    """
    day = iso_date(meta.get("date"))
    title = view.field("title") if view else None
    description = view.field("description") if view else None
    if title is None and isinstance(meta.get("title"), str):
        title = (str(meta["title"]), True)
    if description is None and isinstance(meta.get("description"), str):
        description = (str(meta["description"]), True)
    needs_h1 = title is not None and not _H1.search(content) and (day or not title[1])
    if not day and not needs_h1:
        return ""
    parts = []
    if needs_h1 and title is not None:
        parts.append(f"<h1>{_marked(title[0], title[1], view)}</h1>")
    if day:
        parts.append(
            f'<p class="dp-dateline"><time datetime="{day.isoformat()}">'
            f"{e(format_date(day, lang))}</time></p>"
        )
        if description is not None:
            parts.append(f'<p class="dp-lead">{_marked(description[0], description[1], view)}</p>')
    return '<header class="dp-article-head">' + "".join(parts) + "</header>"


def after_heading(content: str, fragment: str) -> str:
    """``fragment`` placed after the page's header or first h1, else at the top."""
    if not fragment:
        return content
    for closing in ("</header>", "</h1>"):
        at = content.find(closing)
        if at >= 0:
            at += len(closing)
            return content[:at] + fragment + content[at:]
    return fragment + content


def pair_links(lang: str, links: list[tuple[str, str, str]]) -> str:
    """On a source page: 'side by side with the original' in each target language.
    ``links`` holds (language code, language name, href)."""
    if not links:
        return ""
    items = " · ".join(
        f'<a href="{e(href)}" hreflang="{e(code)}" lang="{e(code)}">'
        f"{e(native_name(code, name))}</a>"
        for code, name, href in links
    )
    return f'<p class="dp-pairs-nav">{e(ui(lang, "pair.link"))}: {items}</p>'


def translation_note(view: PageView, pair_href: str, banner_html: str) -> str:
    """On a translated page: the banner (if any unit is unreviewed) and the link to the
    side-by-side view."""
    lang = view.lang.code
    link = f'<p class="dp-pairs-nav"><a href="{e(pair_href)}">{e(ui(lang, "pair.link"))}</a></p>'
    return banner_html + ("" if banner_html else link)


def back_link(lang: Language, href: str) -> str:
    """Above a statement: the way back to the statements list in the reader's language.
    The arrow points back in the page's direction (right in Arabic) and is not read out;
    the line is left out of the search index (it would match every statement)."""
    arrow = "→" if lang.rtl else "←"
    return (
        f'<p class="dp-back" data-search-exclude><a href="{e(href)}">'
        f'<span aria-hidden="true">{arrow}</span> '
        f"{e(ui(lang.code, 'back.statements'))}</a></p>"
    )


def not_found_body(lang: Language, homes: list[tuple[Language, str]]) -> str:
    """The content of a 404 page in ``lang``: what happened and the way home.

    ``homes`` holds (language, href of its home page). A language's own 404 page has its
    home alone: "Go to the home page". The root 404 page, which the host serves for every
    missing address, lists every language's home, each link in its own language
    (``hreflang``, ``lang``, and ``dir`` where it differs from the page's).
    """
    code = lang.code
    parts = [f"<h1>{e(ui(code, 'notfound.title'))}</h1>", f"<p>{e(ui(code, 'notfound.text'))}</p>"]
    if len(homes) == 1 and homes[0][0] == lang:
        parts.append(f'<p><a href="{e(homes[0][1])}">{e(ui(code, "notfound.home"))}</a></p>')
    else:
        items = []
        for home_lang, href in homes:
            hc = home_lang.code
            direction = f' dir="{home_lang.dir}"' if home_lang.rtl != lang.rtl else ""
            words = ui(hc, "notfound.home.language", language=native_name(hc, home_lang.name))
            items.append(
                f'<li><a href="{e(href)}" hreflang="{e(hc)}" lang="{e(hc)}"{direction}>'
                f"{e(words)}</a></li>"
            )
        parts.append('<ul class="dp-homes">' + "".join(items) + "</ul>")
    return "".join(parts)
