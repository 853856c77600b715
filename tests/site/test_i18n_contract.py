"""What the hooks rely on in mkdocs-static-i18n (diptych.site.i18n), checked against the
installed plugin: a two-language site with no Diptych hook but a probe that asks the
plugin through diptych.site.i18n, as the hooks do, and adds a page of its own to the
sitemap, as hooks/alternates.py adds the side-by-side pages.

Fails when the plugin changes any of it: the language it is building, the ``locale`` it
gives the files it arranges, or the sitemap's pages (the ``i18n_alternates`` its
template reads, and how the template reads each page and its versions)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from mkdocs.commands.build import build
from mkdocs.config import load_config

CONFIG = """\
site_name: Contract
site_url: https://example.org/c/
theme:
  name: mkdocs
hooks:
  - hooks/probe.py
plugins:
  - i18n:
      docs_structure: suffix
      languages:
        - {locale: ru, default: true, name: Русский, build: true}
        - {locale: en, name: English, build: true}
"""

PROBE = """\
import json
from pathlib import Path

from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, InclusionLevel

from diptych.site import i18n

EXTRA = "extra/page.md"


def _record(config, fact):
    path = Path(config.config_file_path).with_name("seen.jsonl")
    with path.open("a", encoding="utf-8") as out:
        out.write(json.dumps(fact, ensure_ascii=False) + "\\n")


@event_priority(-150)
def on_files(files, config):
    lang = i18n.building_language(config)
    locales = {f.src_uri: i18n.file_locale(f) for f in files.documentation_pages()}
    _record(config, {"lang": lang, "locales": locales})
    if lang == "en":
        extra = File.generated(
            config, EXTRA, content="# Extra", inclusion=InclusionLevel.NOT_IN_NAV
        )
        extra.dest_uri = "en/extra/index.html"
        files.append(extra)
    return files


def on_template_context(context, template_name, config):
    extra = [f for f in context.get("pages") or () if f.src_uri == EXTRA]
    versions = {"ru": i18n.Alternate("extra-ru/")}
    pages = {"en": [i18n.SitemapPage(f, versions) for f in extra]}
    return i18n.with_pages(context, template_name, pages)
"""

PAGES = {
    "index.md": "# Главная\n",
    "about.md": "# О нас\n",
    "about.en.md": "# About us\n",
}


def test_the_i18n_plugin_still_gives_what_the_hooks_read(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    (tmp_path / "hooks").mkdir()
    (tmp_path / "hooks" / "probe.py").write_text(PROBE, encoding="utf-8")
    for rel, text in PAGES.items():
        (tmp_path / "docs" / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "docs" / rel).write_text(text, encoding="utf-8")
    config = load_config(str(tmp_path / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    build(config)

    seen = [json.loads(line) for line in (tmp_path / "seen.jsonl").read_text("utf-8").splitlines()]
    # One language at a time, the source first; every file in its language, a page with no
    # translation standing in for it in the source language.
    assert [each["lang"] for each in seen] == ["ru", "en"]
    assert seen[0]["locales"] == {"index.md": "ru", "about.md": "ru"}
    assert seen[1]["locales"] == {"index.md": "ru", "about.en.md": "en"}

    sitemap = (tmp_path / "site" / "sitemap.xml").read_text(encoding="utf-8")
    # The plugin's own pages with their versions, and ours beside them.
    assert "<loc>https://example.org/c/en/about/</loc>" in sitemap
    assert 'hreflang="ru" href="https://example.org/c/about/"' in sitemap
    assert "<loc>https://example.org/c/en/extra/</loc>" in sitemap
    assert 'hreflang="ru" href="https://example.org/c/extra-ru/"' in sitemap
    # ... without writing into the plugin's own list of them.
    plugin: Any = config.plugins["i18n"]
    assert all(f.src_uri != "extra/page.md" for f in plugin.i18n_files_per_language["en"])
