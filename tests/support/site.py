"""Sites: what ``mkdocs build`` makes of a project (:class:`Built`), and serving one on
127.0.0.1 for the browser tests."""

from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.mkdocs_template import REPO_URL, SITE_URL

__all__ = ["REPO_URL", "SITE_URL", "Built", "build", "serve"]


@dataclass
class Built:
    """A project built by ``mkdocs build``: its folder, the site folder, the log."""

    root: Path
    site: Path
    log: str
    returncode: int

    def page(self, url: str) -> str:
        """The HTML of a page by its (unquoted) URL, e.g. 'en/statements/x/'."""
        path = self.site / url / "index.html" if not url.endswith(".html") else self.site / url
        return path.read_text(encoding="utf-8")


def build(root: Path, *, strict: bool = True, site_dir: Path | None = None) -> Built:
    """Build the project in ``root`` as CI does, in a separate process (MkDocs loads the
    hooks as modules, once per process); SITE_URL and REPO_URL from the environment
    would override the project's addresses, so they are left out."""
    site = site_dir or root / "site"
    command = [sys.executable, "-m", "mkdocs", "build", "-f", str(root / "mkdocs.yml")]
    command += ["-d", str(site)]
    if strict:
        command.append("--strict")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SITE_URL", None)
    env.pop("REPO_URL", None)
    done = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True, timeout=300)
    return Built(root, site, done.stdout + done.stderr, done.returncode)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def serve(directory: Path) -> Iterator[str]:
    """The URL of ``directory`` served on 127.0.0.1 until the generator is closed."""
    handler = functools.partial(_Quiet, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
