"""Small corrections to the theme's HTML so that every page passes the Nu Html Checker."""

from __future__ import annotations

import re

# Material puts autocomplete="off" on its drawer and search checkboxes (to stop Firefox
# restoring their state on "back"); HTML allows autocomplete on text-like inputs only.
_CHECKBOX_AUTOCOMPLETE = re.compile(r'(<input\b[^>]*\btype="checkbox"[^>]*?)\s+autocomplete="off"')
# Material titles a page's table of contents with a label for the "__toc" toggle, which it
# writes in the page's navigation entry only: a page outside the nav (a statement) has the
# label and no toggle, and a label must name a control that exists.
_TOC_TITLE = '<label class="md-nav__title" for="__toc">'
_TOC_TOGGLE = 'id="__toc"'


def valid_html(page_html: str) -> str:
    page_html = _CHECKBOX_AUTOCOMPLETE.sub(r"\1", page_html)
    if _TOC_TITLE in page_html and _TOC_TOGGLE not in page_html:
        page_html = page_html.replace(_TOC_TITLE, '<label class="md-nav__title">')
    return page_html
