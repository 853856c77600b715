"""A project's files as tests compare them before and after a run."""

from __future__ import annotations

from pathlib import Path


def snapshot(root: Path) -> dict[str, tuple[bytes, int]]:
    """Every file under ``root``: relative path → (bytes, modification time)."""
    return {
        p.relative_to(root).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def catalogs(root: Path) -> dict[str, bytes]:
    """The catalogs under ``root``/translations: relative path → bytes (none yet: {})."""
    base = root / "translations"
    return {p.relative_to(base).as_posix(): p.read_bytes() for p in sorted(base.rglob("*.po"))}
