"""The issue form of a suggested fix: its fields, the prefilled link that opens it, and the
issue body GitHub makes of it, read back.

The form is ``.github/ISSUE_TEMPLATE/translation-fix.yml``; its field ids and labels are
:data:`FIELDS` (a test holds the two together). A unit is named by a key of its Russian
text (the catalog's msgid), so the link stays right however the catalog's lines move, and
a unit whose Russian text changed since the page was built is no longer found. The key of
the translation the reader saw tells whether someone changed it since.

GitHub writes a submitted form as one ``### Label`` section per field, in the form's
order, ``_No response_`` for an empty one. All fields but the last are single lines, so
the body is read without ambiguity whatever the last one (the reader's text) holds.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from urllib.parse import urlencode

from ..errors import DiptychError

TEMPLATE = "translation-fix.yml"
LABEL = "translation-fix"
# (field id, label as the issue body shows it), in the form's order; the last is the
# reader's text.
FIELDS = (
    ("language", "Language"),
    ("page", "Page"),
    ("unit", "Passage"),
    ("seen", "Translation shown"),
    ("translation", "Your translation"),
)
NO_RESPONSE = "_No response_"
# GitHub refuses longer addresses; past this the form opens without the current
# translation prefilled (the reader copies it from the page).
MAX_URL = 8000


class FormError(DiptychError):
    """An issue whose body is not a filled-in suggestion form."""


def unit_key(msgid: str) -> str:
    """The name of a unit in links and forms: 16 hex digits of the SHA-256 of its text."""
    return hashlib.sha256(msgid.encode("utf-8")).hexdigest()[:16]


def text_key(text: str | None) -> str:
    """The name of the translation a reader saw (``none``: the page showed the Russian)."""
    if text is None:
        return "none"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def form_url(repo_url: str, lang: str, page: str, msgid: str, shown: str | None) -> str:
    """The link that opens the form prefilled for this unit of ``page`` (relative to
    docs/) in ``lang``, with ``shown`` (the translation on the page; None: none) in the
    text box for the reader to edit."""
    fields = {
        "template": TEMPLATE,
        "title": f"Translation fix ({lang}): {page}",
        "language": lang,
        "page": page,
        "unit": unit_key(msgid),
        "seen": text_key(shown),
    }
    base = repo_url.rstrip("/") + "/issues/new?"
    url = base + urlencode({**fields, "translation": shown or ""})
    return url if len(url) <= MAX_URL else base + urlencode(fields)


@dataclass(frozen=True)
class Filled:
    """The fields of a submitted form, as the reader left them."""

    language: str
    page: str
    unit: str
    seen: str
    translation: str


def _section(label: str, last: bool) -> str:
    value = r"(.*?)" if last else r"([^\n]*)"
    return rf"### {re.escape(label)}\n\n{value}"


_BODY = re.compile(
    r"\A\s*"
    + r"\n\n".join(_section(label, i == len(FIELDS) - 1) for i, (_, label) in enumerate(FIELDS))
    + r"\s*\Z",
    re.S,
)


def parse(body: str | None) -> Filled:
    """The fields of an issue body made by the form. A body of any other shape (an issue
    written by hand, or edited into another shape) is a :class:`FormError`."""
    text = (body or "").replace("\r\n", "\n").replace("\r", "\n")
    match = _BODY.match(text)
    if match is None:
        raise FormError(
            "this issue is not a filled-in translation fix form",
            hint="open the form from the “Suggest a fix” link beside the passage on the "
            "side-by-side page, and keep its headings as they are",
        )
    values = [v.strip() for v in match.groups()]
    values = ["" if v == NO_RESPONSE else v for v in values]
    return Filled(*values)
