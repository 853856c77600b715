"""One exception family, so the command line can turn any failure into one clean message.

Every error that is the user's to fix carries the file (and line, where known) and a hint
saying what to do; library exceptions are wrapped into these at the point they happen.
"""

from __future__ import annotations

from pathlib import Path


class DiptychError(Exception):
    """Base of every error Diptych raises on purpose."""

    def __init__(
        self,
        message: str,
        *,
        path: Path | str | None = None,
        line: int | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = Path(path) if path is not None else None
        self.line = line
        self.hint = hint

    def location(self) -> str:
        if self.path is None:
            return ""
        return f"{self.path}:{self.line}" if self.line else str(self.path)

    def __str__(self) -> str:
        where = self.location()
        text = f"{where}: {self.message}" if where else self.message
        return f"{text}\n  hint: {self.hint}" if self.hint else text


class ConfigError(DiptychError):
    """mkdocs.yml or the diptych settings in it are unusable."""


class SourceError(DiptychError):
    """A page in docs/ cannot be read or segmented."""


class CatalogError(DiptychError):
    """A catalog in translations/ cannot be parsed or does not belong to its page."""


class RenderError(DiptychError):
    """Markdown the site's renderer cannot turn into HTML (nested too deeply, say)."""


class ModelError(DiptychError):
    """No usable Argos package, or a package that cannot be loaded."""


class LockTimeout(DiptychError):
    """Another diptych run holds the project lock for too long."""
