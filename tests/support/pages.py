"""The pages the mini projects are made of, and their translations.

Two samples: ``PAGE`` (one statement with every kind of inline markup, a link, an image
and a footnote) with ``ENGLISH``, its reviewed English, for the tests of the command line;
``PAGES`` (a small site: home, two statements, an about page, the dashboard) with
``CATALOGS``, translations in every state, for the tests that build a site."""

from __future__ import annotations

from .catalogs import Entries

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


FIRST = "statements/2023-03-01-первое-заявление.md"
SECOND = "statements/2023-05-09-второе-заявление.md"
ABOUT = "о-проекте.md"

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

# Per language and page: the entries of its catalog (tests/support/catalogs.py); units
# not listed have no entry, pages not listed no catalog.
CATALOGS: dict[str, dict[str, Entries]] = {
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
            "Устаревший абзац о море.": (
                "A stale paragraph about the sea.",
                "stale",
                "Старый абзац о море.",
            ),
            "Пропущенный абзац о горах.": ("", "missing"),
            "Абзац со сломанной разметкой о реках.": ("BROKEN **rivers", "withheld"),
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


# One unit in each situation that makes a state (tests/support/catalogs.py), in page
# order: (source unit, translation, situation). A page of these units, one each, and its
# catalog (:func:`situations`) are what every tool must call by the same states.
SITUATIONS = [
    ("Абзац без перевода.", "", "missing"),
    ("Машинный абзац.", "A machine paragraph.", "machine"),
    ("Исправленный абзац.", "A paragraph a person fixed.", "edited"),
    ("Проверенный абзац.", "A reviewed paragraph.", "reviewed"),
    ("Абзац, изменённый после проверки.", "A paragraph, reviewed.", "stale-unmerged"),
    ("Устаревший абзац, уже слитый.", "Machine text of the new source.", "stale"),
    ("Абзац со сломанной разметкой.", "Broken **markup", "withheld"),
    ("Абзац с опасной разметкой.", "A paragraph <img src=x onerror=alert(1)>.", "unsafe"),
    ("Псевдоперевод абзаца.", "⟦Псевдоперевод ·⟧", "pseudo"),
    ("Абзац, который модель зациклила.", "Looped looped looped looped.", "runaway"),
    ("Python 3.12", "Python 3.12", "copied"),
    ("`make` 2022", "`make` 2022", "copied-legacy"),
    ("macOS 14", "Sonoma", "copied-edited"),
]
# The source the stale units had when they were reviewed.
OLD_SOURCE = "Абзац, изменённый до проверки."
STALE_SOURCE = "Устаревший абзац до правки."


def situations(rows: list[tuple[str, str, str]]) -> dict[str, tuple[str, str, str]]:
    """The catalog entries of ``rows`` (some of :data:`SITUATIONS`)."""
    before = {"stale-unmerged": OLD_SOURCE, "stale": STALE_SOURCE}
    return {unit: (text, what, before.get(what, "")) for unit, text, what in rows}
