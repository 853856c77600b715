"""Dates as pages give them: the ISO date a statement's front matter holds, and the
Russian ways of writing a day that an author may type instead.

A statement's ``date`` is a day written as ISO 8601, ``YYYY-MM-DD``: unquoted, YAML makes
it a date (``date: 2022-03-14``); quoted, it is a string of the same ten characters. The
statements list orders by it, the page header and feeds show it, the sitemap dates the
page by it. :func:`iso_date` is the one reading of that field.

A Russian author writes the day as ``14.03.2022`` or ``14 марта 2022`` (``г.`` or
``года`` after it). :func:`written_date` recognises those, so that ``diptych check`` can
propose the ISO date. The month is named in the genitive, and only the twelve genitive
forms of :data:`RU_MONTHS` can stand there: a closed list, the same as CLDR's Russian
"format" month names (``babel.dates.get_month_names("wide", "format", "ru")``), so a fixed
table is exact, where a morphological analyser (pymorphy3) would add a dependency and its
dictionaries to recognise twelve words.
"""

from __future__ import annotations

import datetime as dt
import re

# The months in the genitive, as a day is written: "14 марта 2022".
RU_MONTHS = (
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
)

_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")
# "г.", "г" or "года" after the year, as Russian writes it.
_YEAR_WORD = r"(?:\s*(?:г\.?|года))?"
_FORMS = (
    # 14.03.2022, 4.3.2022 (day, month, year)
    (re.compile(rf"(\d{{1,2}})\.(\d{{1,2}})\.(\d{{4}}){_YEAR_WORD}"), (3, 2, 1)),
    # 14 марта 2022, 14 Марта 2022 г.
    (
        re.compile(rf"(\d{{1,2}})\s+({'|'.join(RU_MONTHS)})\s+(\d{{4}}){_YEAR_WORD}", re.I),
        (3, 2, 1),
    ),
    # 2022-3-4: ISO order, not ISO form
    (re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})"), (1, 2, 3)),
)


def iso_date(value: object) -> dt.date | None:
    """The day a front-matter ``date`` names, if it is a valid ISO date: a YAML date, or a
    string of exactly ``YYYY-MM-DD`` (spaces around allowed). None for anything else: no
    value, another format, a day that does not exist, a date with a time of day."""
    if isinstance(value, dt.datetime):
        return None
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and _ISO.fullmatch(value.strip()):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def written_date(text: str) -> tuple[int, int, int] | None:
    """(year, month, day) of a day written as a Russian author writes it (``14.03.2022``,
    ``14 марта 2022``, ``14 марта 2022 г.``, ``14 марта 2022 года``) or in ISO order
    without leading zeros (``2022-3-4``); None if ``text`` is none of these. The numbers
    are as written: the day may not exist (``31.02.2022``); ``datetime.date(*found)``
    says so."""
    text = " ".join(text.split())
    for pattern, order in _FORMS:
        match = pattern.fullmatch(text)
        if match is None:
            continue
        parts = [match.group(i) for i in order]
        month = parts[1]
        number = int(month) if month.isdigit() else RU_MONTHS.index(month.lower()) + 1
        return int(parts[0]), number, int(parts[2])
    return None
