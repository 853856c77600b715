"""`diptych review`: it acts on the line of a live entry only, and lists what awaits review
as the page's model says it (machine, edited, stale)."""

from __future__ import annotations

import os
import pty
import re
import subprocess
import sys

import pytest

from diptych import catalog
from tests.support.pages import CATALOG, ENGLISH, LINKS
from tests.support.project import Project

HEADING = "Заявление о ситуации"


@pytest.mark.parametrize("where", ["past the end", "blank", "header", "obsolete"])
def test_only_the_line_of_a_live_entry_is_accepted(reviewed_project: Project, where: str) -> None:
    """Before, the last live entry preceding the line was taken (line 9999 reviewed the
    last entry with --text and exited 0). Going back to "the entry before the line" fails
    this; the file must be left exactly as it was. A bad line is a bad argument: exit 2."""
    text = reviewed_project.read(CATALOG) + '\n#~ msgid "Старое."\n#~ msgstr "Old."\n'
    reviewed_project.write(CATALOG, text)
    lines = text.splitlines()
    line = {
        "past the end": 9999,
        "blank": next(n for n, row in enumerate(lines, 1) if not row.strip()),
        "header": 2,
        "obsolete": reviewed_project.line_of("Старое."),
    }[where]
    run = reviewed_project.diptych("review", f"{CATALOG}:{line}", "--text", "Replaced")
    assert run.code == 2
    assert run.err.splitlines()[:2] == [
        f"diptych: error: {CATALOG}:{line}: no live entry at this line (a blank line, the "
        "header, an obsolete #~ entry, or past the end)",
        "  hint: give the line of an entry's msgid or msgstr, as `diptych review CATALOG` or "
        "`diptych check` lists them",
    ]
    assert reviewed_project.read(CATALOG) == text


def test_a_comment_line_of_an_entry_names_the_entry(project: Project) -> None:
    """Any line of an entry (its comments too) names it; a lookup by msgid line only fails
    this."""
    project.catalog("en", machine=ENGLISH)
    msgid = project.line_of(HEADING)
    run = project.diptych("review", f"{CATALOG}:{msgid - 1}")
    assert (run.code, run.lines) == (0, [f"{CATALOG}:{msgid}: reviewed (was machine)"])


def test_the_listing_shows_edited_entries(project: Project) -> None:
    """A person's edit left fuzzy awaits review as "edited"; a listing that asks the entry
    alone (no fingerprint) calls it machine and fails this. Texts are shown in full: the
    old listing cut the links paragraph (over 70 characters) and fails this too."""
    project.catalog("en", machine={k: v for k, v in ENGLISH.items() if k in (HEADING, LINKS)})
    project.edit(CATALOG, f'msgstr "{ENGLISH[HEADING]}"', 'msgstr "A statement, as I wrote it"')
    run = project.diptych("review", CATALOG)
    assert (run.code, "\n".join(run.lines)) == (
        0,
        f"""\
{CATALOG}:{project.line_of(HEADING)}: edited
    source:      Заявление о ситуации
    translation: A statement, as I wrote it
{CATALOG}:{project.line_of(LINKS)}: machine
    source:      Подробности — на [другой странице](other.md#itogi) и на [сайте ООН](https://www.un.org/ru/).
    translation: Details are on [another page](other.md#results) and on the [UN website](https://www.un.org/ru/).""",
    )


PEACEKEEPERS = next(text for text in ENGLISH if text.startswith("Миротворческие"))
EDITED_SOURCE = PEACEKEEPERS.replace("2 500", "3 000").replace("10 января 2022 года", "11 января")


def _stale(project: Project, machine: str) -> None:
    """The page's peacekeepers paragraph edited after review, and a run since: the
    catalog as `diptych translate` leaves it (the reviewed entry kept as #~, the new unit
    fuzzy with the old source as #| msgid and ``machine`` standing in)."""
    project.edit("docs/page.md", PEACEKEEPERS, EDITED_SOURCE)
    po = project.po()
    catalog.merge(po, project.units())
    stale = next(entry for entry in po if entry.msgid == EDITED_SOURCE)
    catalog.set_machine(stale, machine, "test engine 1.0 (ru→en)")
    catalog.save(po, project.path(CATALOG))


def test_the_listing_shows_what_changed_in_a_stale_unit(reviewed_project: Project) -> None:
    """Full texts (the old listing cut them at 70 characters and joined lines), the source
    that was reviewed, the word diff, the translation a person wrote for it, and the
    machine text standing in; continuation lines under the first."""
    _stale(reviewed_project, "CSTO peacekeepers, about 3,000 of them,\narrived on 11 January.")
    run = reviewed_project.diptych("review", CATALOG)
    line = reviewed_project.line_of("Миротворческие")
    assert (run.code, "\n".join(run.lines)) == (
        0,
        f"""\
{CATALOG}:{line}: stale
    source:      {EDITED_SOURCE}
    was:         {PEACEKEEPERS}
    change:      Миротворческие силы ОДКБ численностью около [-2 500-]{{+3 000+}} человек \
прибыли [-10-]{{+11+}} января[- 2022 года-].
    reviewed:    CSTO peacekeeping forces of about 2,500 personnel arrived on 10 January 2022.
    translation: CSTO peacekeepers, about 3,000 of them,
                 arrived on 11 January.""",
    )


def test_the_listing_escapes_what_a_terminal_would_act_on(project: Project) -> None:
    """Catalog text is untrusted and goes to a terminal: escape sequences (here: clear the
    screen, a hidden hyperlink), a carriage return and a right-to-left override are shown
    as escapes. Printing them raw fails this."""
    hostile = "Statement\x1b[2J\x1b]8;;https://evil.example/\x07on\r the\u202e situation"
    project.catalog("en", machine={HEADING: hostile})
    run = project.diptych("review", CATALOG)
    assert run.lines == [
        f"{CATALOG}:{project.line_of(HEADING)}: machine",
        f"    source:      {HEADING}",
        "    translation: Statement\\u001b[2J\\u001b]8;;https://evil.example/\\u0007on\\u000d"
        " the\\u202e situation",
    ]


def test_the_diff_is_in_colour_on_a_terminal(reviewed_project: Project) -> None:
    """On a terminal (a real pseudo-terminal here) the change is coloured and still
    carries its marks; read without the colour codes, it is the plain listing. Colour
    always, or never, fails this."""
    _stale(reviewed_project, "CSTO peacekeepers arrived on 11 January.")
    plain = reviewed_project.diptych("review", CATALOG).lines
    leader, follower = pty.openpty()
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "60"}
    for name in ("NO_COLOR", "FORCE_COLOR"):
        env.pop(name, None)
    done = subprocess.run(
        [sys.executable, "-m", "diptych.cli", "-C", str(reviewed_project.root), "review", CATALOG],
        stdout=follower,
        stderr=subprocess.PIPE,
        env=env,
        timeout=120,
        check=False,
    )
    os.close(follower)
    out = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # EIO: the other side is closed and everything read
            break
        if not chunk:
            break
        out += chunk
    os.close(leader)
    assert done.returncode == 0, done.stderr
    text = out.decode("utf-8").replace("\r\n", "\n")
    change = next(row for row in text.splitlines() if "change:" in row)
    assert "\x1b[" in change
    assert re.search(r"\x1b\[[0-9;]*m\[-2 500-\]\x1b\[0m", change)
    assert re.search(r"\x1b\[[0-9;]*m\{\+3 000\+\}\x1b\[0m", change)
    assert re.sub(r"\x1b\[[0-9;]*m", "", text).splitlines() == plain
    assert all("\x1b" not in row for row in text.splitlines() if "change:" not in row)
