"""Small corrections to the theme's HTML so that every page passes the Nu Html Checker."""

from __future__ import annotations

import re

# Material puts autocomplete="off" on its drawer and search checkboxes (to stop Firefox
# restoring their state on "back"); HTML allows autocomplete on text-like inputs only.
_CHECKBOX_AUTOCOMPLETE = re.compile(r'(<input\b[^>]*\btype="checkbox"[^>]*?)\s+autocomplete="off"')


def valid_html(page_html: str) -> str:
    return _CHECKBOX_AUTOCOMPLETE.sub(r"\1", page_html)
