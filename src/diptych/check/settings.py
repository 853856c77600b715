"""Configuration of ``diptych check``, under ``extra.diptych.check`` in mkdocs.yml::

    extra:
      diptych:
        check:
          glossary: glossary        # folder of <source>-<target>.csv glossaries
          rules:
            D301: warning           # error | warning | off
            D401: error

Rules that guard the site or the catalogs' integrity (``configurable=False`` in the
registry: syntax, duplicates, unreadable pages, injection) cannot be lowered or turned
off; raising any rule to an error is always allowed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..config import Project
from ..errors import ConfigError
from .rules import RULES, Severity, rule

DEFAULT_GLOSSARY_DIR = "glossary"


@dataclass(frozen=True)
class Settings:
    glossary_dir: Path
    overrides: dict[str, Severity] = field(default_factory=dict)


def load(project: Project) -> Settings:
    raw: Any = project.extra.get("check") or {}
    where = project.config_file
    if not isinstance(raw, dict):
        raise ConfigError("extra.diptych.check must be a mapping", path=where)
    unknown = sorted(set(raw) - {"glossary", "rules"})
    if unknown:
        raise ConfigError(
            f"unknown setting(s) under extra.diptych.check: {', '.join(unknown)}",
            path=where,
            hint="known settings: glossary, rules",
        )
    overrides: dict[str, Severity] = {}
    rules = raw.get("rules") or {}
    if not isinstance(rules, dict):
        raise ConfigError("extra.diptych.check.rules must map rule codes to severities", path=where)
    for key, value in rules.items():
        found = rule(str(key))
        if found is None:
            raise ConfigError(
                f"unknown rule {key!r} in extra.diptych.check.rules",
                path=where,
                hint="`diptych check --list-rules` lists them",
            )
        text = "off" if value is False else str(value).lower()
        try:
            severity = Severity(text)
        except ValueError:
            raise ConfigError(
                f"rule {found.code}: severity must be error, warning or off, not {value!r}",
                path=where,
            ) from None
        if severity is not Severity.ERROR and not found.configurable:
            raise ConfigError(
                f"rule {found.code} ({found.name}) cannot be lowered or turned off",
                path=where,
                hint="it guards the published site or the catalogs' integrity",
            )
        overrides[found.code] = severity
    glossary = raw.get("glossary", DEFAULT_GLOSSARY_DIR)
    return Settings(glossary_dir=project.root / str(glossary), overrides=overrides)


def effective(code: str, settings: Settings) -> Severity:
    return settings.overrides.get(code, RULES[code].severity)
