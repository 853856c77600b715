"""Reviewers see what changed: the side-by-side row of a stale unit shows the translation
a person wrote for the old source and a word diff of the Russian change (real MkDocs
builds of a mini site, --strict).

Catalog text is untrusted: the old source (``#| msgid``) and the kept translation (``#~``)
reach the HTML as escaped text only, never as markup."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import polib
import pytest

from diptych import catalog
from diptych.languages import LANGUAGES
from tests.support.html import find_all, parse
from tests.support.project import write_mini_project
from tests.support.site import Built, build, serve

PAGE = "правка.md"
URL = "правка/"
ATTACK = "атака.md"
ATTACK_URL = "атака/"

OLD = "Миротворческие силы численностью около 2 500 человек прибыли 10 января."
NEW = "Миротворческие силы численностью около 3 000 человек прибыли 11 января."
SAME = "Абзац без изменений."
OLD_PAGE = f"# Правка\n\n{OLD}\n\n{SAME}\n"
NEW_PAGE = OLD_PAGE.replace(OLD, NEW)
REVIEWED = {
    "Правка": "Edit",
    OLD: "Peacekeeping forces of **about 2,500** people arrived on 10 January.",
    SAME: "A paragraph without changes.",
}
REVIEWED_AR = {"Правка": "تعديل", OLD: "وصلت قوات حفظ السلام، نحو 2500 فرد، في 10 يناير."}

# An attacker's catalog: the old source and the kept translation are markup.
# Markup in the part both old and new source share (shown in code, as a page may),
# in the part only the old one has, and in the kept translation.
ATTACK_SOURCE = "Абзац об атаке `<b onclick=alert(5)>`."
HOSTILE_OLD = (
    'Абзац <script>alert("old")</script> об <img src=x onerror=alert(2)> атаке '
    "`<b onclick=alert(5)>`."
)
HOSTILE_KEPT = (
    'Kept <script>alert("kept")</script> <b onclick="alert(3)">text</b> '
    "[link](javascript:alert(4)) </dd></dl></details><iframe src=//evil.example>"
)


def _catalog(root: Path, lang: str, rel: str, units: list[str], texts: dict[str, str]) -> Path:
    po = catalog.new(LANGUAGES[lang], rel)
    catalog.merge(po, units)
    for entry in po:
        entry.msgstr = texts.get(entry.msgid, "")
    path = root / "translations" / lang / Path(rel).with_suffix(".po")
    catalog.save(po, path)
    return path


def _attack_catalog(root: Path) -> None:
    """Written by hand, as an attacker's pull request could: a stale entry whose #| msgid
    and whose kept #~ entry are markup."""
    po = catalog.new(LANGUAGES["en"], ATTACK)
    catalog.merge(po, ["Атака", ATTACK_SOURCE])
    po[0].msgstr = "Attack"
    stale = po[1]
    catalog.set_machine(stale, "A paragraph about an attack.", "test engine")
    stale.previous_msgid = HOSTILE_OLD
    kept = polib.POEntry(msgid=HOSTILE_OLD, msgstr=HOSTILE_KEPT, obsolete=True)
    po.append(kept)
    catalog.save(po, root / "translations" / "en" / Path(ATTACK).with_suffix(".po"))


@pytest.fixture(scope="module")
def stale_built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """English: reviewed, then the page edited and a run since (the catalog as
    `diptych translate` leaves it: the reviewed entry kept as #~, machine text standing
    in). Arabic: reviewed, the page edited, no run since."""
    root = tmp_path_factory.mktemp("stale") / "сайт"
    pages = {
        "index.md": "# Главная\n\nТекст.\n",
        PAGE: OLD_PAGE,
        ATTACK: f"# Атака\n\n{ATTACK_SOURCE}\n",
    }
    write_mini_project(root, pages, {})
    old_units = ["Правка", OLD, SAME]
    en = _catalog(root, "en", PAGE, old_units, REVIEWED)
    _catalog(root, "ar", PAGE, old_units, REVIEWED_AR)
    (root / "docs" / PAGE).write_text(NEW_PAGE, encoding="utf-8")
    po = catalog.load(en, LANGUAGES["en"])
    catalog.merge(po, ["Правка", NEW, SAME])
    stale = next(entry for entry in po if entry.msgid == NEW)
    catalog.set_machine(stale, "Peacekeeping forces of about 3,000 arrived on 11 January.", "t")
    # Reviewed by deleting `#, fuzzy` alone: the `#|` line stays, the unit is not stale.
    next(entry for entry in po if entry.msgid == SAME).previous_msgid = "Абзац до правки."
    catalog.save(po, en)
    _attack_catalog(root)
    built = build(root)
    assert built.returncode == 0, built.log
    return built


def _row(html: str, number: int) -> str:
    """The row ``number`` (from 1) of a side-by-side page, as written (one line per row)."""
    rows = re.findall(r'^<div class="dp-row [^"]*" id="[^"]+" .*$', html, re.M)
    assert len(rows) >= number, f"no row {number}"
    return str(rows[number - 1])


def _change(row: str) -> str:
    found = re.findall(r'<details class="dp-change".*?</details>', row)
    assert len(found) == 1, row
    return str(found[0])


def test_the_stale_row_shows_the_reviewed_translation_and_the_diff(stale_built: Built) -> None:
    """The kept translation shown as text (its Markdown as typed), the Russian change word
    by word. Without the block, with the machine text in place of the kept one, with a
    character diff, or with a block for every entry that has a `#|` line, this fails."""
    html = stale_built.page("en/side-by-side/" + URL)
    row = _row(html, 2)
    assert 'data-state="stale"' in row
    assert _change(row) == (
        '<details class="dp-change" open><summary>What changed since the review</summary>'
        '<dl class="dp-change__list">'
        "<dt>Previous reviewed translation</dt>"
        '<dd class="dp-change__previous" lang="en" dir="ltr">'
        "Peacekeeping forces of **about 2,500** people arrived on 10 January.</dd>"
        "<dt>What changed in the original</dt>"
        '<dd class="dp-change__diff" lang="ru" dir="ltr">'
        "Миротворческие силы численностью около <del>2 500</del><ins>3 000</ins> человек "
        "прибыли <del>10</del><ins>11</ins> января.</dd>"
        "</dl></details>"
    )
    # The block is the row's last child, under the translation; other rows have none,
    # the reviewed one that kept its `#|` line included.
    assert row.endswith("</details></div>")
    assert html.count('<details class="dp-change"') == 1


def test_a_stale_unit_with_no_run_since_shows_it_too(stale_built: Built) -> None:
    """The Arabic catalog still has the old source as a live entry (no run since the edit):
    the page's model calls the unit stale all the same, so the block is there, in Arabic,
    the previous translation right to left. Hard-coding the direction (or English) fails
    this."""
    row = _row(stale_built.page("ar/side-by-side/" + URL), 2)
    assert 'data-state="stale"' in row
    assert _change(row) == (
        '<details class="dp-change" open><summary>ما الذي تغيّر منذ المراجعة</summary>'
        '<dl class="dp-change__list">'
        "<dt>الترجمة السابقة التي تمت مراجعتها</dt>"
        '<dd class="dp-change__previous" lang="ar" dir="rtl">'
        "وصلت قوات حفظ السلام، نحو 2500 فرد، في 10 يناير.</dd>"
        "<dt>ما الذي تغيّر في الأصل</dt>"
        '<dd class="dp-change__diff" lang="ru" dir="ltr">'
        "Миротворческие силы численностью около <del>2 500</del><ins>3 000</ins> человек "
        "прибыли <del>10</del><ins>11</ins> января.</dd>"
        "</dl></details>"
    )


def test_hostile_old_source_and_kept_translation_stay_text(stale_built: Built) -> None:
    """Markup in #| msgid and in the kept #~ msgstr reaches the page escaped: no script,
    handler, frame or javascript: link, and the block is not closed early. Rendering the
    kept text, or writing either text unescaped, fails this."""
    html = stale_built.page("en/side-by-side/" + ATTACK_URL)
    row = _row(html, 2)
    assert _change(row) == (
        '<details class="dp-change" open><summary>What changed since the review</summary>'
        '<dl class="dp-change__list">'
        "<dt>Previous reviewed translation</dt>"
        '<dd class="dp-change__previous" lang="en" dir="ltr">'
        "Kept &lt;script&gt;alert(&quot;kept&quot;)&lt;/script&gt; "
        "&lt;b onclick=&quot;alert(3)&quot;&gt;text&lt;/b&gt; [link](javascript:alert(4)) "
        "&lt;/dd&gt;&lt;/dl&gt;&lt;/details&gt;&lt;iframe src=//evil.example&gt;</dd>"
        "<dt>What changed in the original</dt>"
        '<dd class="dp-change__diff" lang="ru" dir="ltr">'
        "Абзац <del>&lt;script&gt;alert(&quot;old&quot;)&lt;/script&gt; </del>"
        "об<del> &lt;img src=x onerror=alert(2)&gt;</del> атаке `&lt;b onclick=alert(5)&gt;`."
        "</dd>"
        "</dl></details>"
    )
    root = parse(html)
    elements: list[Any] = root.iter()
    assert not [el for el in elements if el.tag in ("iframe", "img", "b")]
    assert not [el for el in elements if any(name.startswith("on") for name in el.attrs)]
    assert not [el for el in find_all(root, "script") if "alert" in el.all_text()]
    assert not [el for el in find_all(root, "a") if "javascript" in el.attrs.get("href", "")]
    for details in find_all(root, "details", cls="dp-change"):
        assert [child.tag for child in details.children] == ["summary", "dl"]


@pytest.fixture(scope="module")
def stale_served(stale_built: Built) -> Iterator[str]:
    yield from serve(stale_built.site)


def test_the_change_reads_in_a_browser(page_factory: Any, stale_served: str) -> None:
    """Chromium, 1400 px and 390 px: the block sits under the translation (in its column),
    deletions are struck through and insertions underlined (not told apart by colour
    alone), and a block the reader closed still prints. Losing the grid placement, the
    text decorations or the print rule fails this."""
    for width, stacked in ((1400, False), (390, True)):
        page = page_factory(width, 900)
        response = page.goto(stale_served + quote("en/side-by-side/" + URL))
        assert response is not None and response.status == 200
        found = page.eval_on_selector(
            ".dp-pairs > .dp-row:nth-child(3)",
            """row => {
                const box = el => el.getBoundingClientRect();
                const tgt = box(row.querySelector('.dp-tgt'));
                const meta = box(row.querySelector('.dp-meta'));
                const change = box(row.querySelector('.dp-change'));
                const style = sel => getComputedStyle(row.querySelector(sel)).textDecorationLine;
                return {
                    left: Math.round(change.left - tgt.left),
                    right: Math.round(change.right - tgt.right),
                    below: change.top >= meta.bottom - 1,
                    del: style('.dp-change__diff del'),
                    ins: style('.dp-change__diff ins'),
                    shown: row.querySelector('.dp-change__diff').offsetHeight > 0,
                };
            }""",
        )
        assert found == {
            "left": 0,
            "right": 0,
            "below": True,
            "del": "line-through",
            "ins": "underline",
            "shown": True,
        }, (width, stacked)
        if not stacked:
            page.click(
                ".dp-pairs > .dp-row:nth-child(3) .dp-change > summary"
            )  # the reader closes it
            assert not page.is_visible(".dp-pairs > .dp-row:nth-child(3) .dp-change__diff")
            page.emulate_media(media="print")
            assert page.is_visible(".dp-pairs > .dp-row:nth-child(3) .dp-change__diff")
        assert (page.errors, page.foreign) == ([], [])
