#!/usr/bin/env python3
"""Screenshots of the project's own site, for reviewing the site as a reader sees it.

Usage: .venv/bin/python tools/screenshots.py [--out docs-dev/screenshots]

Builds the site (``mkdocs build --strict`` into a temporary folder), serves it on
127.0.0.1 and drives Debian's Chromium through Playwright (the browser the tests use;
nothing is downloaded and no other host is asked). Each shot is named for what it shows;
the list is :data:`SHOTS`.

Two things the project's own pages cannot show are shot from stand-ins: footnotes in the
side-by-side view, from a copy of the project with one demonstration page
(:data:`FOOTNOTES_PAGE`, translated by ``--engine pseudo``, never committed), and the Open
Graph metadata of a statement, drawn as the link preview a social site would make of it
(:func:`preview_card`: the page's own ``og:`` values, escaped, on a page of the build).
"""

from __future__ import annotations

import argparse
import functools
import html
import http.server
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from selectolax.lexbor import LexborHTMLParser

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


# A page with footnotes for the demonstration copy of the project (see the docstring).
FOOTNOTES_PAGE = """\
---
title: Сноски бок о бок
date: 2022-01-10
---

Текст заявления опубликован на сайте министерства[^1] и передан информационным
агентствам[^2].

Сноски стоят в той же строке, что и абзац, к которому они относятся.

[^1]: Официальный сайт министерства иностранных дел.
[^2]: Сообщение передано в тот же день.
"""
FOOTNOTES_PATH = "statements/2022-01-10-snoski.md"
# The statement whose Open Graph values are drawn as a link preview.
PREVIEW = "_og-preview.html"


def preview_card(page_html: str) -> str:
    """A link preview of a built page, as a social site draws one from its ``og:`` tags
    (every value escaped: the card shows the page's metadata, it never renders it)."""
    head = LexborHTMLParser(page_html).head
    values: dict[str, list[str]] = {}
    for meta in head.css("meta[property]") if head is not None else []:
        key = meta.attributes.get("property") or ""
        values.setdefault(key, []).append(meta.attributes.get("content") or "")
    rows = "".join(
        f"<tr><th>{html.escape(key)}</th><td>{html.escape(v)}</td></tr>"
        for key, found in sorted(values.items())
        for v in found
    )

    def one(key: str) -> str:
        return html.escape(values.get(key, [""])[0])

    return (
        '<!doctype html><html lang="en"><meta charset="utf-8"><title>Link preview</title>'
        "<style>body{font:15px/1.4 sans-serif;margin:2em;background:#f0f2f5}"
        ".card{width:520px;background:#fff;border:1px solid #ccd;border-radius:8px;"
        "padding:14px 18px}.site{color:#667;font-size:12px;text-transform:uppercase}"
        "h1{font-size:17px;margin:4px 0}p{margin:0;color:#333}"
        "table{margin-top:2em;border-collapse:collapse;font-size:13px}"
        "th,td{border:1px solid #ccd;padding:3px 8px;text-align:left}</style>"
        f'<div class="card"><div class="site">{one("og:site_name")} · {one("og:url")}</div>'
        f"<h1>{one('og:title')}</h1><p>{one('og:description')}</p></div>"
        f"<table>{rows}</table></html>"
    )


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
    Shot("open-graph-en-statement-preview", PREVIEW, width=900),
)
# Shot from the demonstration copy with FOOTNOTES_PAGE.
FOOTNOTE_SHOTS = (
    Shot("side-by-side-en-footnotes", f"en/side-by-side/{FOOTNOTES_PATH[:-3]}/"),
    Shot("statement-en-footnotes", f"en/{FOOTNOTES_PATH[:-3]}/"),
)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: Any) -> None:
        pass


def build(project: Path, site: Path, env: dict[str, str] | None = None) -> None:
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "--site-dir", str(site)]
    subprocess.run(command, cwd=project, check=True, env={**os.environ, **(env or {})})


def demo_project(folder: Path) -> Path:
    """A copy of the project with :data:`FOOTNOTES_PAGE`, its units translated by the
    pseudo engine (the project's own catalogs are copied unchanged)."""
    for name in ("docs", "translations", "hooks", "overrides", "glossary"):
        shutil.copytree(ROOT / name, folder / name)
    shutil.copy(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    (folder / "docs" / FOOTNOTES_PATH).write_text(FOOTNOTES_PAGE, encoding="utf-8")
    diptych = Path(sys.executable).parent / "diptych"
    subprocess.run([diptych, "-C", folder, "translate", "--engine", "pseudo", "-q"], check=True)
    return folder


def shoot(site: Path, shots: tuple[Shot, ...], out: Path, browser: Any) -> None:
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        for shot in shots:
            context = browser.new_context(
                viewport={"width": shot.width, "height": 900},
                color_scheme=shot.scheme,
            )
            page = context.new_page()
            page.route(
                "**/*",
                lambda route: (
                    route.continue_() if route.request.url.startswith(base) else route.abort()
                ),
            )
            page.goto(base + shot.path)
            page.wait_for_load_state("load")
            if shot.action is not None:
                shot.action(page)
            target = out / f"{shot.name}.png"
            page.screenshot(path=str(target), full_page=shot.full_page)
            print(target.relative_to(ROOT) if target.is_relative_to(ROOT) else target)
            context.close()
    finally:
        server.shutdown()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs-dev" / "screenshots")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        site, demo_site = Path(tmp) / "site", Path(tmp) / "demo-site"
        build(ROOT, site)
        statement = (site / "en" / STATEMENT / "index.html").read_text(encoding="utf-8")
        (site / PREVIEW).write_text(preview_card(statement), encoding="utf-8")
        # Pseudo-localised text is shown as a layout preview shows it.
        build(demo_project(Path(tmp) / "demo"), demo_site, {"DIPTYCH_PREVIEW": "pseudo"})
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM)
            shoot(site, SHOTS, args.out, browser)
            shoot(demo_site, FOOTNOTE_SHOTS, args.out, browser)
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
