"""`diptych review`: it acts on the line of a live entry only, and lists what awaits review
as the page's model says it (machine, edited, stale)."""

from __future__ import annotations

import pytest

from .conftest import CATALOG, ENGLISH, Site

HEADING = "Заявление о ситуации"


@pytest.mark.parametrize("where", ["past the end", "blank", "header", "obsolete"])
def test_only_the_line_of_a_live_entry_is_accepted(reviewed_site: Site, where: str) -> None:
    """Before, the last live entry preceding the line was taken (line 9999 reviewed the
    last entry with --text and exited 0). Going back to "the entry before the line" fails
    this; the file must be left exactly as it was. A bad line is a bad argument: exit 2."""
    text = reviewed_site.read(CATALOG) + '\n#~ msgid "Старое."\n#~ msgstr "Old."\n'
    reviewed_site.write(CATALOG, text)
    lines = text.splitlines()
    line = {
        "past the end": 9999,
        "blank": next(n for n, row in enumerate(lines, 1) if not row.strip()),
        "header": 2,
        "obsolete": reviewed_site.line_of("Старое."),
    }[where]
    run = reviewed_site.diptych("review", f"{CATALOG}:{line}", "--text", "Replaced")
    assert run.code == 2
    assert run.err.splitlines()[:2] == [
        f"diptych: error: {CATALOG}:{line}: no live entry at this line (a blank line, the "
        "header, an obsolete #~ entry, or past the end)",
        "  hint: give the line of an entry's msgid or msgstr, as `diptych review CATALOG` or "
        "`diptych check` lists them",
    ]
    assert reviewed_site.read(CATALOG) == text


def test_a_comment_line_of_an_entry_names_the_entry(site: Site) -> None:
    """Any line of an entry (its comments too) names it; a lookup by msgid line only fails
    this."""
    site.catalog("en", machine=ENGLISH)
    msgid = site.line_of(HEADING)
    run = site.diptych("review", f"{CATALOG}:{msgid - 1}")
    assert (run.code, run.lines) == (0, [f"{CATALOG}:{msgid}: reviewed (was machine)"])


def test_the_listing_shows_edited_entries(site: Site) -> None:
    """A person's edit left fuzzy awaits review as "edited"; a listing that asks the entry
    alone (no fingerprint) calls it machine and fails this."""
    site.catalog("en", machine=ENGLISH)
    site.edit(CATALOG, f'msgstr "{ENGLISH[HEADING]}"', 'msgstr "A statement, as I wrote it"')
    run = site.diptych("review", CATALOG)
    line = site.line_of(HEADING)
    start = run.lines.index(f"{CATALOG}:{line}: edited")
    assert run.lines[start : start + 3] == [
        f"{CATALOG}:{line}: edited",
        f"    source:      {HEADING}",
        "    translation: A statement, as I wrote it",
    ]
