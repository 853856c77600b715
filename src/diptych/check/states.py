"""D4xx: review state. Stale units one by one; machine and missing units counted."""

from __future__ import annotations

from collections.abc import Iterator

from ..catalog import BROKEN, State, state_of
from .base import CatalogInfo, Finding, allowed_codes


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def check(info: CatalogInfo) -> Iterator[Finding]:
    assert info.po is not None
    machine = missing = 0
    live = set()
    for entry in info.po:
        if entry.obsolete:
            continue
        live.add(entry.msgid)
        state = state_of(entry)
        line = info.line_of(entry)
        if state is State.STALE:
            yield Finding(
                "D401",
                info.path,
                line,
                "stale: the source changed after review; review the new translation "
                "(the old one is in the #| msgid and #~ lines)",
                fuzzy=True,
                allowed=allowed_codes(entry),
            )
        elif state is State.MACHINE:
            machine += 1
        elif state is State.MISSING:
            missing += 1
        if BROKEN in entry.flags and entry.msgstr:
            yield Finding(
                "D404",
                info.path,
                line,
                "machine output with broken markup (flag markup-error), not published: fix "
                "the markup, then remove markup-error and fuzzy",
                fuzzy=True,
            )
    if info.page is not None and info.page.page is not None:
        missing += len(info.page.units - live)  # units the catalog has not caught up with
    if machine:
        units = _plural(machine, "machine-translated unit awaits", "machine-translated units await")
        yield Finding("D402", info.path, 1, f"{units} review")
    if missing:
        yield Finding(
            "D403", info.path, 1, f"{_plural(missing, 'unit is', 'units are')} untranslated"
        )
