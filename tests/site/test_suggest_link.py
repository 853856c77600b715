"""The "Suggest a fix" link of a real side-by-side page, clicked in Chromium: it opens
GitHub's issue form with every field filled in for that passage (the request is stopped
before it leaves the machine and read)."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, quote, urlsplit

from diptych.suggestions.form import TEMPLATE, text_key, unit_key
from tests.support.pages import FIRST
from tests.support.site import REPO_URL

SOURCE = "Проверенный абзац о мире."
SHOWN = "A reviewed paragraph about peace."


def test_the_link_opens_the_form_filled_in(page_factory: Any, mini_served: str) -> None:
    page = page_factory()
    url = f"{mini_served}en/side-by-side/{quote(FIRST.removesuffix('.md'))}/"
    assert page.goto(url).status == 200
    row = page.locator(".dp-row", has=page.locator(".dp-src", has_text=SOURCE))
    assert row.locator(".dp-tgt").inner_text() == SHOWN
    row.locator("a.dp-suggest").click()
    page.wait_for_timeout(300)
    assert len(page.foreign) == 1, page.foreign
    opened = urlsplit(page.foreign[0])
    assert f"{opened.scheme}://{opened.netloc}{opened.path}" == f"{REPO_URL}/issues/new"
    assert {k: v for k, (v,) in parse_qs(opened.query).items()} == {
        "template": TEMPLATE,
        "title": f"Translation fix (en): {FIRST}",
        "language": "en",
        "page": FIRST,
        "unit": unit_key(SOURCE),
        "seen": text_key(SHOWN),
        "translation": SHOWN,
    }
