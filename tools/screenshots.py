#!/usr/bin/env python3
"""Screenshots of the project's own site, for reviewing the site as a reader sees it.

Usage: .venv/bin/python tools/screenshots.py [--out docs-dev/screenshots]

Builds the site (``mkdocs build --strict`` into a temporary folder), serves it on
127.0.0.1 and drives Debian's Chromium through Playwright (the browser the tests use;
nothing is downloaded and no other host is asked). Each shot is named for what it shows;
the list is :data:`SHOTS`.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
STATEMENT = "statements/2022-01-08-zayavlenie-mid/"


@dataclass(frozen=True)
class Shot:
    name: str
    path: str
    width: int = 1400
    scheme: str = "light"
    action: Callable[[Any], None] | None = None
    full_page: bool = False


def _search(query: str) -> Callable[[Any], None]:
    def run(page: Any) -> None:
        page.locator("input.md-search__input").fill(query)
        page.wait_for_timeout(1500)

    return run


SHOTS = (
    Shot("404-root-ru", "404.html"),
    Shot("404-ar", "ar/404.html"),
    Shot("search-ru-inflection", "", action=_search("Казахстана")),
    Shot("search-en", "en/", action=_search("Kazakhstan")),
    Shot("search-zh", "zh/", action=_search("哈萨克斯坦")),
    Shot("statement-en-back-link-and-marks", f"en/{STATEMENT}"),
    Shot("statement-ar-rtl", f"ar/{STATEMENT}"),
    Shot("side-by-side-en-permalinks", f"en/side-by-side/{STATEMENT}"),
    Shot("side-by-side-en-dark-1400", f"en/side-by-side/{STATEMENT}", scheme="dark"),
    Shot("side-by-side-en-dark-390", f"en/side-by-side/{STATEMENT}", width=390, scheme="dark"),
    Shot("statements-list-en-feed-link", "en/statements/"),
    Shot("dashboard-en", "en/dashboard/", full_page=True),
    Shot("dashboard-ar-390", "ar/dashboard/", width=390, full_page=True),
    Shot("dashboard-de-dark", "de/dashboard/", scheme="dark", full_page=True),
)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: Any) -> None:
        pass


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs-dev" / "screenshots")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "--site-dir", str(site)],
            cwd=ROOT,
            check=True,
        )
        handler = functools.partial(_Quiet, directory=str(site))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM)
                for shot in SHOTS:
                    context = browser.new_context(
                        viewport={"width": shot.width, "height": 900},
                        color_scheme=shot.scheme,  # type: ignore[arg-type]
                    )
                    page = context.new_page()
                    page.route(
                        "**/*",
                        lambda route: (
                            route.continue_()
                            if route.request.url.startswith(base)
                            else route.abort()
                        ),
                    )
                    page.goto(base + shot.path)
                    page.wait_for_load_state("load")
                    if shot.action is not None:
                        shot.action(page)
                    target = args.out / f"{shot.name}.png"
                    page.screenshot(path=str(target), full_page=shot.full_page)
                    print(target.relative_to(ROOT) if target.is_relative_to(ROOT) else target)
                    context.close()
                browser.close()
        finally:
            server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
