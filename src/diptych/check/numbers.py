"""D301/D302: numbers and dates carried over, in each language's formatting.

Numbers are read from a unit's words only (not from code, URLs or HTML). Each number may
mean several values: ``2,500`` is 2500 in English and 2.5 in German, ``2 500`` and
``2.500`` are 2500, ``2,5 тыс.`` is 2.5 or 2500, ``2.5万`` is 25000; digits of any script
count (Arabic-Indic ``٢٥٠٠``, full-width ``２５``). A month name is a number too: ``января``
is 1, and so are ``January``, ``Januar``, ``يناير`` and the ``1`` of ``2022年1月10日``
or ``10.01.2022``. The source's numbers and months are then matched one to one with the
translation's (a bipartite matching), and what is left over on either side is reported.
"""

from __future__ import annotations

import contextlib
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

_SEPARATORS = " \u00a0\u202f\u2009,.'’\u066b\u066c"
_NUMBER = re.compile(r"\d+(?:[" + _SEPARATORS + r"]\d+)*")
_DECIMAL_MARKS = ",.\u066b"

_SCALES: list[tuple[str, int]] = [
    (r"тыс\w*|тысяч\w*|thousand|tausend|mille|mil|mila|ألف|آلاف|千|k\b", 10**3),
    (r"млн\w*|миллион\w*|million\w*|mio\b|millón|millones|milioni?|مليون|ملايين", 10**6),
    (r"млрд\w*|миллиард\w*|billion\w*|milliard\w*|mrd\b|mil millones|مليار\w*", 10**9),
    (r"万|萬", 10**4),
    (r"亿|億", 10**8),
]
_SCALE = re.compile(r"[ \u00a0\u202f]?(" + "|".join(p for p, _ in _SCALES) + ")", re.I)

_RU_MONTHS = [
    r"январ\w*",
    r"феврал\w*",
    r"март(?:а|е|у|ом)?",
    r"апрел\w*",
    r"ма(?:й|я|е|ю|ем)",
    r"июн\w*",
    r"июл\w*",
    r"август(?:а|е|у|ом)?",
    r"сентябр\w*",
    r"октябр\w*",
    r"ноябр\w*",
    r"декабр\w*",
]

# Month names per target language: (patterns for January..December, case-sensitive?).
_MONTHS: dict[str, tuple[list[str], bool]] = {
    "en": (
        [
            r"January|Jan\.",
            r"February|Feb\.",
            r"March|Mar\.",
            r"April|Apr\.",
            r"May",
            r"June|Jun\.",
            r"July|Jul\.",
            r"August|Aug\.",
            r"September|Sept?\.",
            r"October|Oct\.",
            r"November|Nov\.",
            r"December|Dec\.",
        ],
        True,
    ),
    "de": (
        [
            "Januar|Jänner",
            "Februar",
            "März",
            "April",
            "Mai",
            "Juni",
            "Juli",
            "August",
            "September",
            "Oktober",
            "November",
            "Dezember",
        ],
        True,
    ),
    "fr": (
        [
            "janvier",
            "février",
            "mars",
            "avril",
            "mai",
            "juin",
            "juillet",
            "août",
            "septembre",
            "octobre",
            "novembre",
            "décembre",
        ],
        False,
    ),
    "es": (
        [
            "enero",
            "febrero",
            "marzo",
            "abril",
            "mayo",
            "junio",
            "julio",
            "agosto",
            "septiembre|setiembre",
            "octubre",
            "noviembre",
            "diciembre",
        ],
        False,
    ),
    "it": (
        [
            "gennaio",
            "febbraio",
            "marzo",
            "aprile",
            "maggio",
            "giugno",
            "luglio",
            "agosto",
            "settembre",
            "ottobre",
            "novembre",
            "dicembre",
        ],
        False,
    ),
    "pt": (
        [
            "janeiro",
            "fevereiro",
            "março",
            "abril",
            "maio",
            "junho",
            "julho",
            "agosto",
            "setembro",
            "outubro",
            "novembro",
            "dezembro",
        ],
        False,
    ),
    "zh": (
        [
            f"(?<![一二三四五六七八九十])({n})月"
            for n in ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"]
        ],
        True,
    ),
    "ar": (
        [
            "يناير|كانون الثاني",
            "فبراير|شباط",
            "مارس|آذار",
            "أبريل|ابريل|إبريل|نيسان",
            "مايو|أيار",
            "يونيو|يونيه|حزيران",
            "يوليو|يوليه|تموز",
            "أغسطس|اغسطس|آب",
            "سبتمبر|أيلول",
            "أكتوبر|اكتوبر|تشرين الأول",
            "نوفمبر|تشرين الثاني",
            "ديسمبر|كانون الأول",
        ],
        True,
    ),
}
_MONTHS["ja"] = _MONTHS["zh"]
_MONTHS["zt"] = _MONTHS["zh"]
_MONTHS["ru"] = (_RU_MONTHS, False)
# Arabic joins prepositions to the word (في يناير, بيناير): no word boundary before a name.
_JOINED = {"ar", "zh", "ja", "zt"}


@dataclass(frozen=True)
class Item:
    raw: str
    values: frozenset[Decimal]
    month: bool = False


def _ascii_digits(text: str) -> str:
    return "".join(
        str(unicodedata.decimal(ch)) if ch.isdigit() and ch.isdecimal() else ch for ch in text
    )


def _groups_ok(groups: list[str], seps: list[str]) -> bool:
    return (
        len(set(seps)) <= 1
        and 1 <= len(groups[0]) <= 3
        and all(len(group) == 3 for group in groups[1:])
    )


def _interpret(raw: str) -> list[frozenset[Decimal]]:
    """The values one number token may have; a token that is no single number (a date
    such as 10.01.2022, a list such as 1 2 3) counts as its parts."""
    text = _ascii_digits(raw)
    groups = re.split(r"\D", text)
    seps = re.findall(r"\D", text)
    if not seps:
        return [frozenset({Decimal(text)})]
    values: set[Decimal] = set()
    if _groups_ok(groups, seps):
        values.add(Decimal("".join(groups)))
    if seps[-1] in _DECIMAL_MARKS and (
        len(groups) == 2 or (_groups_ok(groups[:-1], seps[:-1]) and seps[0] != seps[-1])
    ):
        with contextlib.suppress(InvalidOperation):
            values.add(Decimal("".join(groups[:-1]) + "." + groups[-1]))
    if values:
        return [frozenset(values)]
    return [frozenset({Decimal(group)}) for group in groups]


def _scale(after: str) -> int | None:
    match = _SCALE.match(after)
    if not match:
        return None
    word = match.group(1)
    for pattern, factor in _SCALES:
        if re.fullmatch(pattern, word, re.I):
            return factor
    return None


# In Chinese and Japanese a number before 月 is a month (2022年1月10日): months() reads it.
_NUMBERED_MONTH = re.compile(r"(?<!\d)(\d{1,2})月")


def numbers(text: str, lang: str = "") -> list[Item]:
    items: list[Item] = []
    if lang in _JOINED:
        text = _NUMBERED_MONTH.sub(lambda m: " " * len(m.group(0)), text)
    for match in _NUMBER.finditer(text):
        parts = _interpret(match.group(0))
        factor = _scale(text[match.end() :]) if len(parts) == 1 else None
        for values in parts:
            scaled = values | {v * factor for v in values} if factor else values
            items.append(Item(match.group(0), frozenset(scaled)))
    return items


def months(text: str, lang: str) -> list[Item] | None:
    """Month names in ``text`` (None: no month names known for the language)."""
    table = _MONTHS.get(lang)
    if table is None:
        return None
    patterns, case_sensitive = table
    flags = 0 if case_sensitive else re.I
    before, after = ("", "") if lang in _JOINED else (r"(?<!\w)", r"(?!\w)")
    found: list[tuple[int, Item]] = []
    for number, pattern in enumerate(patterns, start=1):
        for match in re.finditer(before + "(?:" + pattern + ")" + after, text, flags):
            item = Item(match.group(0), frozenset({Decimal(number)}), month=True)
            found.append((match.start(), item))
    if lang in _JOINED:
        for match in _NUMBERED_MONTH.finditer(text):
            value = int(_ascii_digits(match.group(1)))
            if 1 <= value <= 12:
                item = Item(match.group(0), frozenset({Decimal(value)}), month=True)
                found.append((match.start(), item))
    return [item for _, item in sorted(found, key=lambda pair: pair[0])]


def _match(left: list[Item], right: list[Item]) -> tuple[list[Item], list[Item]]:
    """Unmatched items of each side after a maximum matching (Kuhn's algorithm)."""
    owner: dict[int, int] = {}  # right index -> left index

    def attempt(i: int, seen: set[int]) -> bool:
        for j, item in enumerate(right):
            if j in seen or not (left[i].values & item.values):
                continue
            seen.add(j)
            if j not in owner or attempt(owner[j], seen):
                owner[j] = i
                return True
        return False

    matched = {i for i in range(len(left)) if attempt(i, set())}
    return (
        [item for i, item in enumerate(left) if i not in matched],
        [item for j, item in enumerate(right) if j not in owner],
    )


def _show(item: Item) -> str:
    return item.raw


def check(source: str, translated: str, source_lang: str, lang: str) -> Iterator[tuple[str, str]]:
    """(code, message) for numbers (D301) and months (D302) not carried over."""
    src_months = months(source, source_lang) or []
    dst_months = months(translated, lang)
    left = numbers(source, source_lang) + src_months
    right = numbers(translated, lang) + (dst_months or [])
    missing, extra = _match(left, right)
    lost_numbers = [item for item in missing if not item.month]
    added_numbers = [item for item in extra if not item.month]
    if len(lost_numbers) == 1 and len(added_numbers) == 1:
        a, b = lost_numbers[0], added_numbers[0]
        yield "D301", f"number {_show(a)} of the source became {_show(b)} in the translation"
    else:
        for item in lost_numbers:
            yield "D301", f"number {_show(item)} of the source is missing from the translation"
        for item in added_numbers:
            yield "D301", f"number {_show(item)} is not in the source"
    if dst_months is not None:  # else the language's month names are unknown: no verdict
        for item in missing:
            if item.month:
                yield "D302", f"month {item.raw!r} of the source is missing from the translation"
