"""A miniature site with real pages, real catalogs (written by diptych.catalog) and a
glossary, and a helper that runs the real `diptych` command line on it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import polib
import pytest

from diptych import catalog
from diptych.cli import main
from diptych.languages import LANGUAGES
from diptych.segment import segment_file

MKDOCS_YML = """\
site_name: Test
docs_dir: docs
plugins:
  - i18n:
      docs_structure: suffix
      languages:
        - locale: ru
          default: true
          name: Русский
        - locale: en
          name: English
        - locale: zh
          name: 中文
        - locale: ar
          name: العربية
"""

PAGE = """\
---
title: Заявление МИД
description: О ситуации в Казахстане.
---

# Заявление о ситуации

Миротворческие силы ОДКБ численностью около 2 500 человек прибыли 10 января 2022 года.

Команда `diptych check` проверяет **переводы** и *ссылки*.

Подробности — на [другой странице](other.md#itogi) и на [сайте ООН](https://www.un.org/ru/).

![Карта Казахстана](img/map.png)

Это утверждение требует сноски[^1].

[^1]: Источник: МИД Казахстана.
"""

OTHER = """\
# Итоги

Текст.
"""

LINKS = (
    "Подробности — на [другой странице](other.md#itogi) и на [сайте ООН](https://www.un.org/ru/)."
)

# A good, reviewed English translation of every unit of PAGE.
ENGLISH = {
    "Заявление МИД": "Statement by the MFA",
    "О ситуации в Казахстане.": "On the situation in Kazakhstan.",
    "Заявление о ситуации": "Statement on the situation",
    "Миротворческие силы ОДКБ численностью около 2 500 человек прибыли 10 января 2022 года.": (
        "CSTO peacekeeping forces of about 2,500 personnel arrived on 10 January 2022."
    ),
    "Команда `diptych check` проверяет **переводы** и *ссылки*.": (
        "The `diptych check` command checks **translations** and *links*."
    ),
    LINKS: (
        "Details are on [another page](other.md#results) and on the "
        "[UN website](https://www.un.org/ru/)."
    ),
    "![Карта Казахстана](img/map.png)": "![Map of Kazakhstan](img/map.png)",
    "Это утверждение требует сноски[^1].": "This claim needs a footnote[^1].",
    "Источник: МИД Казахстана.": "Source: MFA of Kazakhstan.",
}

CATALOG = "translations/en/page.po"


@dataclass
class Run:
    code: int
    lines: list[str]
    err: str


class Site:
    def __init__(self, root: Path, capsys: pytest.CaptureFixture[str]) -> None:
        self.root = root
        self.capsys = capsys

    def path(self, rel: str) -> Path:
        return self.root / rel

    def write(self, rel: str, text: str) -> Path:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    def read(self, rel: str) -> str:
        return (self.root / rel).read_text(encoding="utf-8")

    def units(self, page: str = "page.md") -> list[str]:
        return [unit.text for unit in segment_file(self.root / "docs" / page).units]

    def catalog(
        self,
        lang: str = "en",
        page: str = "page.md",
        reviewed: dict[str, str] | None = None,
        machine: dict[str, str] | None = None,
    ) -> Path:
        """A catalog written by diptych.catalog: reviewed entries, then machine ones."""
        po = catalog.new(LANGUAGES[lang], page)
        catalog.merge(po, self.units(page))
        for entry in po:
            if reviewed and entry.msgid in reviewed:
                entry.msgstr = reviewed[entry.msgid]
            elif machine and entry.msgid in machine:
                catalog.set_machine(entry, machine[entry.msgid], "test engine 1.0 (ru→en)")
        path = self.root / "translations" / lang / Path(page).with_suffix(".po")
        catalog.save(po, path)
        return path

    def edit(self, rel: str, old: str, new: str, count: int = 1) -> None:
        """Change a catalog's text the way a contributor's editor would."""
        text = self.read(rel)
        assert text.count(old) >= count, f"{old!r} not in {rel}"
        self.write(rel, text.replace(old, new, count))

    def po(self, rel: str = CATALOG) -> polib.POFile:
        return polib.pofile(str(self.root / rel), wrapwidth=0)

    def line_of(self, needle: str, rel: str = CATALOG) -> int:
        """The line of the msgid whose text starts with ``needle``."""
        for number, line in enumerate(self.read(rel).splitlines(), start=1):
            if re.match(r'(#~ )?msgid "' + re.escape(needle), line):
                return number
        raise AssertionError(f"no msgid starting {needle!r} in {rel}")

    def diptych(self, *args: str) -> Run:
        self.capsys.readouterr()
        code = main(["-C", str(self.root), *args])
        out, err = self.capsys.readouterr()
        return Run(code, out.splitlines(), err)

    def check(self, *args: str) -> Run:
        return self.diptych("check", *args)


@pytest.fixture
def site(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> Site:
    root = tmp_path / "site"
    s = Site(root, capsys)
    s.write("mkdocs.yml", MKDOCS_YML)
    s.write("docs/page.md", PAGE)
    s.write("docs/other.md", OTHER)
    s.write("glossary/ru-en.csv", "source,target,note\nОДКБ,CSTO,\n")
    monkeypatch.chdir(root)
    return s


@pytest.fixture
def reviewed_site(site: Site) -> Site:
    """Every unit of page.md reviewed in English; nothing else translated."""
    site.catalog("en", reviewed=ENGLISH)
    return site
