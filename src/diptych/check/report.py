"""Output of ``diptych check``: one line per problem, as text or GitHub annotations."""

from __future__ import annotations

from .rules import RULES, Severity
from .runner import Problem
from .settings import Settings, effective


def text_line(problem: Problem) -> str:
    """``path:line: code: message``; a warning's message starts with ``warning:``."""
    prefix = "warning: " if problem.severity is Severity.WARNING else ""
    return f"{problem.path}:{problem.line}: {problem.code}: {prefix}{problem.message}"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_line(problem: Problem) -> str:
    """A GitHub Actions workflow command that annotates the file and line."""
    kind = "error" if problem.severity is Severity.ERROR else "warning"
    props = ",".join(
        [
            f"file={_escape_property(problem.path)}",
            f"line={problem.line}",
            f"title={_escape_property(f'{problem.code} {problem.name}')}",
        ]
    )
    return f"::{kind} {props}::{_escape_data(f'{problem.code}: {problem.message}')}"


def rules_table(settings: Settings | None = None) -> list[str]:
    lines = []
    for rule in RULES.values():
        severity = effective(rule.code, settings) if settings else rule.severity
        notes = []
        if rule.on_fuzzy is not None:
            notes.append(f"{rule.on_fuzzy.value} on fuzzy entries")
        if rule.allowable:
            notes.append("waivable per entry")
        if not rule.configurable:
            notes.append("always on")
        extra = f" ({'; '.join(notes)})" if notes else ""
        lines.append(f"{rule.code}  {severity.value:<7}  {rule.name:<20}  {rule.summary}{extra}")
    return lines


def explain(code: str) -> list[str]:
    rule = RULES[code]
    lines = [f"{rule.code} {rule.name} (default: {rule.severity.value})", "", rule.summary, ""]
    lines.append(rule.explanation)
    if rule.on_fuzzy is not None:
        lines += ["", f"On entries still marked fuzzy (machine or stale): {rule.on_fuzzy.value}."]
    if rule.allowable:
        lines += [
            "",
            f'A translator comment "# diptych: allow {rule.code}" waives it for one entry.',
        ]
    if not rule.configurable:
        lines += ["", "It cannot be lowered or turned off in mkdocs.yml."]
    return lines
