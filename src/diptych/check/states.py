"""D4xx: review state, as the page's model (:class:`~diptych.page_catalog.PageCatalog`)
says it: stale, edited and withheld units one by one, machine and missing units counted.
``status``, the site and this rule family read the same states from the same model."""

from __future__ import annotations

from collections.abc import Iterator

from ..catalog import State, runaway_of
from .base import CatalogInfo, Finding, allowed_codes


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def check(info: CatalogInfo) -> Iterator[Finding]:
    joined = info.joined
    if joined is None:
        return
    machine = missing = 0
    for record in joined.records.values():
        line = record.line or 1
        entry = record.entry
        allowed = allowed_codes(entry) if entry is not None else frozenset()
        if record.state is State.STALE:
            merged = (
                record.line is not None
                and entry is not None
                and entry.msgid in {e.msgid for e in (joined.file or []) if not e.obsolete}
            )
            yield Finding(
                "D401",
                info.path,
                line,
                (
                    "stale: the source changed after review; review the new translation "
                    "(the old one is in the #| msgid and #~ lines)"
                )
                if merged
                else (
                    "stale: the source changed after review; run `diptych translate` to merge "
                    "(it keeps the reviewed text and puts machine text beside it), then review"
                ),
                fuzzy=True,
                allowed=allowed,
            )
        elif record.state is State.EDITED:
            yield Finding(
                "D405",
                info.path,
                line,
                "edited: the text is not what the engine wrote, but the entry is still "
                "fuzzy: remove the fuzzy flag if this translation is reviewed",
                fuzzy=True,
                allowed=allowed,
            )
        elif record.state is State.WITHHELD and not record.unsafe:
            runaway = runaway_of(entry) if entry is not None else []
            yield Finding(
                "D404",
                info.path,
                line,
                f"machine output whose decoding ran away (flag markup-error), not published: "
                f"{runaway[0]}, then remove markup-error and fuzzy"
                if runaway
                else "machine output with broken markup (flag markup-error), not published: "
                "fix the markup, then remove markup-error and fuzzy",
                fuzzy=True,
            )
        elif record.state is State.MACHINE:
            machine += 1
        elif record.state is State.MISSING:
            missing += 1
    if machine:
        units = _plural(machine, "machine-translated unit awaits", "machine-translated units await")
        yield Finding("D402", info.path, 1, f"{units} review")
    if missing:
        yield Finding(
            "D403", info.path, 1, f"{_plural(missing, 'unit is', 'units are')} untranslated"
        )
