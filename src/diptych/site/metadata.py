"""Open Graph metadata of a page: its type, locale and the locales of its other versions.

``overrides/main.html`` writes the tags (every value escaped there); the page's title and
description come from the same front matter as ``<title>`` and ``<meta name="description">``.
Statements are ``og:type=article`` with ``article:published_time`` (their date, from the
statements the build gathers), every other page ``website``. ``og:url`` is the page's
canonical address, which MkDocs makes from ``site_url`` for each language's own page.

``og:locale`` is ``language_TERRITORY``: the territory is the language's most likely one
in the Unicode CLDR (Babel's ``likely_subtags``: ru_RU, en_US, de_DE, zh_CN), except
Arabic, for which the consumers of Open Graph use ``ar_AR`` (Facebook's own code for
Arabic), not CLDR's ``ar_EG``. A language code that names its territory (``pt_BR``) keeps
it; one that CLDR does not know has no ``og:locale``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from babel.core import Locale, UnknownLocaleError, get_global

# Where Open Graph's consumers expect another territory than CLDR's likely one.
LOCALE_OVERRIDES = {"ar": "ar_AR"}


def og_locale(code: str) -> str | None:
    """The Open Graph locale of a site language (``en`` -> ``en_US``), or None."""
    if code in LOCALE_OVERRIDES:
        return LOCALE_OVERRIDES[code]
    try:
        locale = Locale.parse(code.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        return None
    territory = locale.territory
    if territory is None:
        likely = get_global("likely_subtags").get(locale.language)
        territory = Locale.parse(likely).territory if likely else None
    return f"{locale.language}_{territory}" if territory else None


@dataclass(frozen=True)
class OpenGraph:
    """What ``overrides/main.html`` writes besides title, description and site name."""

    type: str  # "article" or "website"
    locale: str | None
    alternate_locales: tuple[str, ...]
    url: str | None  # absolute (the canonical address); None without site_url
    published: str | None  # ISO 8601 date of a statement


def og_locales(languages: Sequence[str]) -> dict[str, str | None]:
    """The Open Graph locale of each site language (:func:`og_locale`), looked up once
    for a build rather than for every page."""
    return {code: og_locale(code) for code in languages}


def open_graph(
    lang: str,
    locales: Mapping[str, str | None],
    canonical_url: str | None,
    published: dt.date | None,
) -> OpenGraph:
    """The Open Graph facts of a page in ``lang`` of a site whose languages have
    ``locales`` (:func:`og_locales`); a page with a ``published`` date is an article (a
    statement)."""
    others = tuple(found for code, found in locales.items() if code != lang and found is not None)
    return OpenGraph(
        type="article" if published else "website",
        locale=locales.get(lang),
        alternate_locales=others,
        url=canonical_url or None,
        published=published.isoformat() if published else None,
    )
