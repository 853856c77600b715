"""Every rule of ``diptych check``: its code, name, default severity and explanation.

Codes are stable: scripts, configuration and per-entry allowances refer to them. Families:

* D1xx catalog files: syntax, headers, entries that belong to no unit, files with no page;
* D2xx markup parity between msgid and msgstr;
* D3xx content: numbers, dates, the glossary;
* D4xx review state: stale, machine, missing units (warnings; errors with ``--strict``);
* D5xx safety: markup a translation must not add, active content in source pages.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    OFF = "off"


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    summary: str
    explanation: str
    # Severity on entries still marked fuzzy (machine or stale output, which the site
    # labels as unreviewed); None: the same as on reviewed entries.
    on_fuzzy: Severity | None = None
    # Whether mkdocs.yml may lower the rule's severity or turn it off.
    configurable: bool = True
    # Whether a translator comment "# diptych: allow CODE" on an entry may waive it.
    allowable: bool = False


_E, _W = Severity.ERROR, Severity.WARNING

_RULES = [
    Rule(
        "D101",
        "catalog-syntax",
        _E,
        "the catalog cannot be parsed (PO syntax or UTF-8)",
        "A catalog that gettext tools cannot read cannot be published or reviewed. Fix the "
        "quoting on the named line (every msgid/msgstr line is a double-quoted string; a "
        'quote inside is written \\", a backslash \\\\), or restore the file from git.',
        configurable=False,
    ),
    Rule(
        "D102",
        "header-language",
        _E,
        "the Language header is missing or names another language than the catalog's folder",
        "translations/<lang>/... holds catalogs for <lang>; its header must say "
        '"Language: <lang>\\n". Tools such as Poedit and Weblate rely on it.',
    ),
    Rule(
        "D103",
        "header-plural-forms",
        _E,
        "the Plural-Forms header is missing or malformed",
        'gettext needs "Plural-Forms: nplurals=N; plural=EXPR;" to compile a catalog '
        "(msgfmt --check-format) and Weblate to offer the right plural forms.",
    ),
    Rule(
        "D104",
        "header-charset",
        _E,
        "the catalog does not declare charset=UTF-8",
        'The header must contain "Content-Type: text/plain; charset=UTF-8\\n"; catalogs are '
        "always UTF-8.",
    ),
    Rule(
        "D105",
        "duplicate-entry",
        _E,
        "the same msgid appears twice",
        "Each unit has one entry; msgfmt refuses duplicates. Keep the better translation and "
        "delete the other entry.",
        configurable=False,
    ),
    Rule(
        "D106",
        "orphaned-entry",
        _W,
        "an entry's msgid is not a unit of its page",
        "msgid must be exactly the source Markdown of a unit of the page. When the page "
        "changes, `diptych translate` merges: a reviewed or edited entry whose unit changed "
        "makes the new unit stale (D401), one whose unit is gone is kept as an obsolete "
        "entry (#~), machine output whose unit is gone is removed. Fix the Russian in "
        "docs/, not the msgid in the catalog.",
    ),
    Rule(
        "D107",
        "orphaned-catalog",
        _E,
        "a catalog with no source page, or for a language that is not a target",
        "translations/<lang>/<path>.po must match docs/<path>.md and a language of "
        "mkdocs.yml. A page that was renamed or moved takes its catalogs with it: "
        "`diptych translate` moves them when it finds the page's text under its new name, "
        "or move them with `git mv` to the page's new path.",
    ),
    Rule(
        "D108",
        "newline-mismatch",
        _E,
        "msgid and msgstr do not both begin / end with a line break",
        "msgfmt --check-format rejects such an entry. Make the translation start and end "
        "like its source.",
    ),
    Rule(
        "D109",
        "page-unreadable",
        _E,
        "a source page cannot be read (UTF-8, front matter)",
        "The page must be UTF-8 with valid YAML front matter; its catalogs cannot be "
        "checked until it is fixed.",
        configurable=False,
    ),
    Rule(
        "D110",
        "statement-date",
        _E,
        "a statement has no valid ISO date (YYYY-MM-DD) in its front matter",
        "Every page under docs/statements/ (but its index.md) needs the day it was made, "
        "as the date field of its front matter, written YYYY-MM-DD: date: 2022-03-14. The "
        "statements list is ordered by it and lists a statement without a readable date "
        "last, undated; the page header, the feeds and the sitemap use it too. A day "
        "written as 14.03.2022 or 14 марта 2022 (г.) is recognised and the ISO date "
        "proposed. A hand-written translation (page.<lang>.md) is not checked: the list "
        "dates it by its source page.",
    ),
    Rule(
        "D201",
        "code-span",
        _E,
        "inline code differs from the source",
        "Inline code (`...`) is never translated: the translation must carry the same code "
        "spans, byte for byte.",
        on_fuzzy=_W,
    ),
    Rule(
        "D202",
        "link-target",
        _E,
        "a link target differs from the source",
        "Links must point where the source's links point. The only change allowed is a "
        "link to a page of this site (a relative .md link) pointing at the same page in "
        "the translated language (page.md -> page.<lang>.md), whose #anchor may differ. "
        "An error even on machine entries: the site shows them.",
    ),
    Rule(
        "D203",
        "image-source",
        _E,
        "an image source differs from the source",
        "Images must load the same file as in the source (the alt text is translated). "
        "An error even on machine entries: the site shows them.",
    ),
    Rule(
        "D204",
        "footnote-ref",
        _E,
        "footnote references differ from the source",
        "Each [^label] of the source must appear in the translation, and no other.",
        on_fuzzy=_W,
    ),
    Rule(
        "D205",
        "emphasis",
        _E,
        "emphasis is unbalanced or differs from the source",
        "The translation needs as many *emphasis*, **strong** and ~~struck~~ spans as the "
        "source, and no stray * or ~~ markers (they show up as literal characters). "
        "Waivable per entry where the language really needs it.",
        on_fuzzy=_W,
        allowable=True,
    ),
    Rule(
        "D206",
        "attribute-list",
        _E,
        "heading ids or attribute lists ({#id .class}) differ from the source",
        "Heading ids are anchors other pages link to; they live in the page, not in the "
        "catalog. A translation must not add, drop or change {#id} / {: ...} lists.",
        on_fuzzy=_W,
    ),
    Rule(
        "D207",
        "raw-html",
        _E,
        "inline HTML of the source is missing or changed in the translation",
        "Raw HTML of the source (<br>, <abbr>...) must be kept as it is. HTML the source "
        "does not have is rule D501.",
        on_fuzzy=_W,
    ),
    Rule(
        "D208",
        "math",
        _E,
        "math differs from the source",
        "Formulas ($...$) are never translated and must be kept as they are.",
        on_fuzzy=_W,
    ),
    Rule(
        "D209",
        "placeholder",
        _E,
        "a placeholder {N} was left in the translation",
        "{1}, {2}... stand for markup while a unit is machine-translated; in a catalog they "
        "are leftovers. Put back the markup of the source.",
        on_fuzzy=_W,
    ),
    Rule(
        "D210",
        "broken-page-link",
        _E,
        "a link to a page of this site that does not exist",
        "A relative .md link must name a page in docs/ (or its translated-language "
        "variant page.<lang>.md).",
        on_fuzzy=_W,
    ),
    Rule(
        "D301",
        "number",
        _E,
        "a number of the source is missing from the translation, or one was added",
        "Numbers must be carried over; each language's formatting is allowed (2 500 -> "
        "2,500 or 2.500, 2,5 -> 2.5, Arabic-Indic digits, 2,5 тыс. -> 2,500, 2.5万). "
        'Waivable per entry with a translator comment "# diptych: allow D301" where a '
        "translation rightly words a number differently.",
        on_fuzzy=_W,
        allowable=True,
    ),
    Rule(
        "D302",
        "date",
        _E,
        "a month named in the source is missing from the translation",
        "A date keeps its month: 10 января 2022 года -> 10 January 2022, January 10, 2022, "
        "10.01.2022 or 2022年1月10日 are all fine. Waivable per entry (# diptych: allow "
        "D302).",
        on_fuzzy=_W,
        allowable=True,
    ),
    Rule(
        "D303",
        "glossary",
        _E,
        "a translation does not use the glossary's term",
        "glossary/<source>-<target>.csv lists terms that must be translated one way (ОДКБ "
        "-> CSTO), inflected forms included (ОДКБ-шных, Организации Договора...). `diptych "
        "translate` writes the terms into machine output and withholds output that still "
        "lacks one, so on machine units this shows where the glossary changed after they "
        "were translated (`diptych translate --refresh` redoes them). Waivable per entry "
        "(# diptych: allow D303), e.g. where a quotation keeps another wording.",
        on_fuzzy=_W,
        allowable=True,
    ),
    Rule(
        "D304",
        "glossary-file",
        _E,
        "a glossary file is malformed",
        "A glossary is CSV with the header source,target,note; every row has a source term "
        "and a target term, each source term once.",
    ),
    Rule(
        "D401",
        "stale",
        _W,
        "a reviewed unit whose source has changed since",
        "The source changed after the translation was reviewed: the old reviewed text is in "
        "the previous msgid (#|) and an obsolete entry; machine output stands in. Review it "
        "again (see CONTRIBUTING.md).",
    ),
    Rule(
        "D402",
        "machine",
        _W,
        "machine-translated units await review (counted per catalog)",
        "Machine output is published labelled as machine translation until a person "
        "reviews it by removing the fuzzy flag.",
    ),
    Rule(
        "D403",
        "missing",
        _W,
        "untranslated units (counted per catalog or page)",
        "The site shows the Russian text for these units. Run `diptych translate`, or "
        "translate them by hand.",
    ),
    Rule(
        "D404",
        "markup-error",
        _W,
        "machine output whose markup could not be restored, or whose decoding ran away "
        "(not published)",
        "The entry is flagged markup-error: the site shows the source instead. Fix the "
        "translation (its markup, or the text a runaway decoding cut off or repeated), then "
        "remove both markup-error and fuzzy from the #, line.",
    ),
    Rule(
        "D405",
        "edited-fuzzy",
        _W,
        "a person changed machine text but left the fuzzy flag",
        "The text is no longer what the engine wrote, so a person edited it; while the entry "
        "is fuzzy the site calls it unreviewed. Remove the fuzzy flag (the #, fuzzy line) if "
        "the translation is reviewed. No run overwrites an edited entry.",
    ),
    Rule(
        "D501",
        "injected-markup",
        _E,
        "the translation adds raw HTML, script, event handlers or unsafe URLs",
        "A translation may not add raw HTML, <script>, on*= handlers, javascript:, data: "
        "or vbscript: URLs, iframes, objects, forms, styles, meta/base/link tags, "
        "attribute lists or link reference definitions that its source does not have. "
        "The site build refuses to publish such a translation as well. Checked on every "
        "entry, fuzzy and obsolete ones included.",
        configurable=False,
    ),
    Rule(
        "D503",
        "bidi-control",
        _E,
        "the translation adds invisible bidirectional control characters",
        "U+202A-U+202E (embeddings, overrides) and U+2066-U+2069 (isolates) reorder how "
        "text is displayed without being seen, so a line can read differently on the site "
        "than in the diff under review. The site's dir attributes already lay out "
        "right-to-left text; type marks only where the source has them.",
        on_fuzzy=_W,
    ),
    Rule(
        "D502",
        "active-source",
        _E,
        "a source page contains script, event handlers, unsafe URLs or embedded frames",
        "docs/ is untrusted input too: a page may use plain HTML (<br>, <abbr>), but not "
        "<script>, on*= handlers, javascript:/data:/vbscript: URLs, iframes, objects, "
        "forms, styles or meta/base/link tags.",
        configurable=False,
    ),
    Rule(
        "D504",
        "unsafe-file-name",
        _E,
        "a page's file or folder name contains <, >, quotes or invisible control characters",
        "MkDocs makes a page's title from its file name when the page has none, and "
        "navigation section titles from folder names; the theme writes them into the HTML "
        "of every page, in every language, as they are. A name with <, >, \", ' or ` would "
        "be markup there, and control or bidirectional control characters are invisible in "
        "a diff. Rename the file or folder (letters, digits, spaces, '-', '_' and '.' are "
        "safe) and move its catalogs in translations/ with it. The site build fails on "
        "such a name as well.",
        configurable=False,
    ),
]

RULES: dict[str, Rule] = {rule.code: rule for rule in _RULES}
BY_NAME: dict[str, Rule] = {rule.name: rule for rule in _RULES}


def rule(code_or_name: str) -> Rule | None:
    return RULES.get(code_or_name.upper()) or BY_NAME.get(code_or_name.lower())
