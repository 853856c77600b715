"""One truth about every unit: `status`, `check`, the dashboard, the banner, the side-by-side
view and the reading page say the same state for every unit, over a matrix of catalog
situations (every state, and a source edited after review with no run since).

A tool that joined the page and its catalog on its own (by exact msgid, say, or without
the fingerprint of machine text, or without the judge) disagrees on a row and fails this.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.catalogs import write_catalog
from tests.support.html import find_all, parse
from tests.support.pages import PAGES, SITUATIONS, situations
from tests.support.project import write_mini_project
from tests.support.site import Built, build

PAGE = "matrix.md"
URL = "matrix/"
ROWS = SITUATIONS
# What every tool must call each row.
EXPECTED = {
    "missing": "missing",
    "machine": "machine",
    "edited": "edited",
    "reviewed": "reviewed",
    "stale-unmerged": "stale",
    "stale": "stale",
    "withheld": "withheld",
    "unsafe": "withheld",
    "pseudo": "missing",
    "runaway": "withheld",
    "copied": "copied",
    "copied-legacy": "copied",
    "copied-edited": "reviewed",
}


def _catalog(root: Path) -> None:
    """The English catalog of the situations, written as Diptych and a person would."""
    write_catalog(root, "en", PAGE, situations(ROWS))


@pytest.fixture(scope="module")
def matrix(tmp_path_factory: pytest.TempPathFactory) -> Built:
    root = tmp_path_factory.mktemp("matrix") / "site"
    page = "".join(f"{text}\n\n" for text, _, _ in ROWS)
    write_mini_project(root, {**PAGES, PAGE: page}, {})
    _catalog(root)
    return build(root, strict=False)


def _diptych(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "diptych.cli", *args],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )


def _tally(states: list[str]) -> dict[str, int]:
    return {state: states.count(state) for state in sorted(set(states))}


def test_side_by_side_rows(matrix: Built) -> None:
    assert matrix.returncode == 0, matrix.log
    root = parse(matrix.page("en/side-by-side/" + URL))
    rows = [r for r in find_all(root, "div", cls="dp-row") if "dp-row--head" not in r.classes()]
    shown = [r.attrs["data-state"] for r in rows]
    assert [s.replace("unsafe", "withheld") for s in shown] == [
        EXPECTED[situation] for _, _, situation in ROWS
    ]


def test_reading_page_shows_a_translation_only_where_one_may_be_read(matrix: Built) -> None:
    """Russian where nothing may be shown (missing, stale before a run, withheld, pseudo);
    the translation elsewhere."""
    html = matrix.page("en/" + URL)
    for source, text, situation in ROWS:
        if source == text:  # copied: the same either way, neither untranslated nor machine
            assert f"<p>{source.replace('`make`', '<code>make</code>')}</p>" in html
            continue
        russian = EXPECTED[situation] in ("missing", "withheld") or situation == "stale-unmerged"
        assert (source in html) is russian, situation
        if not russian:
            assert text.split("<")[0].strip() in html, situation


def test_status_check_dashboard_and_banner_agree(matrix: Built) -> None:
    expected = _tally([EXPECTED[situation] for _, _, situation in ROWS])
    status = json.loads(_diptych(matrix.root, "status", "--json").stdout)
    counts = {k: v for k, v in status["languages"]["en"]["pages"][PAGE].items() if v}
    assert counts == expected

    dashboard = parse(matrix.page("dashboard/"))
    row = find_all(dashboard, "tr", data_page=PAGE, data_lang="en")[0]
    numbers = [int(td.attrs["data-count"]) for td in find_all(row, "td")]
    order = ["reviewed", "copied", "edited", "machine", "stale", "withheld", "missing", "units"]
    assert dict(zip(order, numbers, strict=True)) == {
        **{s: expected.get(s, 0) for s in order[:-1]},
        "units": len(ROWS),
    }

    banner = find_all(parse(matrix.page("en/" + URL)), "aside", cls="dp-banner")[0]
    shown = {
        span.classes()[1].removeprefix("dp-count--"): int(span.attrs["data-count"])
        for span in find_all(banner, "span", cls="dp-count")
    }
    assert shown == expected

    check = _diptych(matrix.root, "check", "translations/en/matrix.po").stdout.splitlines()
    codes = [line.split(": ")[1] for line in check]
    assert codes.count("D401") == expected["stale"]
    assert codes.count("D405") == expected["edited"]
    assert codes.count("D404") == 2  # withheld for its markup, and for a runaway decoding
    assert any("D404: warning: machine output whose decoding ran away" in c for c in check)
    assert codes.count("D501") >= 1  # withheld by the judge
    assert f"translations/en/matrix.po:1: D402: warning: {expected['machine']} machine-" in (
        "\n".join(check)
    )
    assert (
        f"translations/en/matrix.po:1: D403: warning: {expected['missing']} units are "
        "untranslated" in check
    )
