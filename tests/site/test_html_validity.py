"""The generated pages are valid HTML (the Nu Html Checker) and the side-by-side view has no
serious or critical accessibility violation (axe-core in Chromium)."""

from __future__ import annotations

import json
import subprocess
from typing import Any
from urllib.parse import quote

import pytest
from sitefixtures import AXE_JS, VNU_JAR, Built, require

FIRST = "statements/2023-03-01-первое-заявление/"


def vnu(paths: list[str]) -> list[dict[str, Any]]:
    require("java", "Java")
    require(VNU_JAR, "the Nu Html Checker (npm vnu-jar)")
    command = ["java", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *paths]
    done = subprocess.run(command, capture_output=True, text=True, timeout=600)
    # The checker writes its JSON report on stderr; exit status 1 means "errors found".
    report = json.loads(done.stderr)
    messages: list[dict[str, Any]] = report["messages"]
    assert done.returncode in (0, 1), done.stderr
    assert done.returncode == (1 if messages else 0)
    return messages


def describe(messages: list[dict[str, Any]]) -> str:
    return "\n".join(
        f"{m.get('url', '')}:{m.get('lastLine', '?')}: {m['type']}: {m['message']}"
        for m in messages
    )


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


def test_every_page_of_the_mini_site_is_valid(mini_site: Built) -> None:
    pages = sorted(str(p) for p in mini_site.site.rglob("*.html"))
    assert len(pages) > 20
    messages = vnu(pages)
    assert messages == [], describe(messages)


def test_every_page_of_the_project_site_is_valid(repo_site: Built) -> None:
    pages = sorted(str(p) for p in repo_site.site.rglob("*.html"))
    messages = vnu(pages)
    assert messages == [], describe(messages)


def axe(page: Any) -> list[dict[str, Any]]:
    require(AXE_JS, "axe-core (npm)")
    page.add_script_tag(path=str(AXE_JS))
    result: dict[str, Any] = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [v for v in result["violations"] if v["impact"] in ("serious", "critical")]


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
    page_factory: Any, mini_url: str, url: str, width: int
) -> None:
    page = page_factory(width, 900)
    page.goto(mini_url + quote(url))
    page.wait_for_load_state("load")
    violations = axe(page)
    found = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]]) for v in violations]
    assert found == [], json.dumps(found)
    assert page.errors == [] and page.foreign == []


def test_axe_reports_a_serious_violation(page_factory: Any, mini_url: str) -> None:
    """The check can fail: an unlabelled button and grey-on-grey text are reported."""
    page = page_factory()
    page.goto(mini_url + quote("en/side-by-side/" + FIRST))
    page.evaluate(
        """() => {
            document.querySelector('.dp-toggle__button').textContent = '';
            document.querySelector('.dp-pairs > .dp-row:nth-child(4) .dp-tgt').style.color = '#eee';
        }"""
    )
    ids = {v["id"] for v in axe(page)}
    assert {"button-name", "color-contrast"} <= ids
