"""The generated pages are valid HTML (the Nu Html Checker) and the side-by-side view has no
serious or critical accessibility violation (axe-core in Chromium)."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

import pytest

from tests.support.external import axe, describe, vnu
from tests.support.site import Built

FIRST = "statements/2023-03-01-первое-заявление/"


def test_checker_reports_an_invalid_page(tmp_path: Any) -> None:
    """The check can fail: a page with a stray end tag and a duplicate id is reported."""
    page = tmp_path / "bad.html"
    page.write_text(
        '<!doctype html><html lang="en"><title>x</title><p id="a">one</div><p id="a">two',
        encoding="utf-8",
    )
    messages = vnu([str(page)])
    assert {m["type"] for m in messages} == {"error"}
    assert any("Duplicate ID" in m["message"] for m in messages), describe(messages)


def test_every_page_of_the_mini_site_is_valid(mini_built: Built) -> None:
    pages = sorted(str(p) for p in mini_built.site.rglob("*.html"))
    assert len(pages) > 20
    messages = vnu(pages)
    assert messages == [], describe(messages)


def test_every_page_of_the_project_site_is_valid(repo_built: Built) -> None:
    pages = sorted(str(p) for p in repo_built.site.rglob("*.html"))
    messages = vnu(pages)
    assert messages == [], describe(messages)


@pytest.mark.parametrize(
    ("url", "width"),
    [
        ("en/side-by-side/" + FIRST, 1400),
        ("ar/side-by-side/" + FIRST, 1400),
        ("en/side-by-side/" + FIRST, 390),
        ("en/" + FIRST, 1400),
    ],
)
def test_no_serious_accessibility_violation(
    page_factory: Any, mini_served: str, url: str, width: int
) -> None:
    page = page_factory(width, 900)
    page.goto(mini_served + quote(url))
    page.wait_for_load_state("load")
    violations = axe(page)
    found = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]]) for v in violations]
    assert found == [], json.dumps(found)
    assert page.errors == [] and page.foreign == []


def test_axe_reports_a_serious_violation(page_factory: Any, mini_served: str) -> None:
    """The check can fail: an unlabelled button and grey-on-grey text are reported."""
    page = page_factory()
    page.goto(mini_served + quote("en/side-by-side/" + FIRST))
    page.evaluate(
        """() => {
            document.querySelector('.dp-toggle__button').textContent = '';
            document.querySelector('.dp-pairs > .dp-row:nth-child(4) .dp-tgt').style.color = '#eee';
        }"""
    )
    ids = {v["id"] for v in axe(page)}
    assert {"button-name", "color-contrast"} <= ids
