"""The project's lock: one diptych run at a time writes catalogs (``translations/.lock``).

``translate``, ``review`` and ``suggest`` hold it while they read and write catalogs, so
that no run writes a catalog between another's reading and writing of it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from filelock import FileLock
from filelock import Timeout as FileLockTimeout

from .config import Project
from .errors import LockTimeout


@contextmanager
def project_lock(project: Project, timeout: float = 60) -> Iterator[None]:
    """Hold the lock for the block; a :class:`LockTimeout` after ``timeout`` seconds."""
    lock = FileLock(str(project.lock_file), timeout=timeout)
    project.lock_file.parent.mkdir(parents=True, exist_ok=True)
    try:
        lock.acquire()
    except FileLockTimeout:
        raise LockTimeout(
            f"another diptych run has held the lock for {timeout:.0f} s",
            path=project.relative(project.lock_file),
            hint="wait for it to finish; if none is running, delete the lock file",
        ) from None
    try:
        yield
    finally:
        lock.release()
