"""The text of a page's ``<title>``: the page's own title, then the site's name, once."""

from __future__ import annotations

import re


def document_title(title: str, site_name: str) -> str:
    """``"<title> - <site name>"``; the title alone where it already names the site (a
    home page titled "Diptych — ..." in any language): the name as a word of its own, in
    any case, not part of a longer word or of a hyphenated compound ("Мини-сайт" does not
    name "Мини"); the site's name alone where the page has no title. Plain text in,
    plain text out: the template escapes it."""
    title = " ".join(str(title or "").split())
    name = " ".join(str(site_name or "").split())
    if not title:
        return name
    if not name or re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", title, re.IGNORECASE):
        return title
    return f"{title} - {name}"
