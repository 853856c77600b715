"""D1xx: catalog syntax, headers, duplicate and orphaned entries, catalogs with no page."""

from __future__ import annotations

from tests.support.pages import CATALOG
from tests.support.project import Project


def test_a_good_catalog_passes(reviewed_project: Project) -> None:
    run = reviewed_project.check(CATALOG)
    assert (run.code, run.lines) == (0, [])
    assert "1 pages, 1 catalogs: 0 error(s), 0 warning(s)" not in run.err  # a page was not asked
    assert "0 pages, 1 catalogs: 0 error(s), 0 warning(s)" in run.err


def test_quotes_and_backslashes_escaped_properly_pass(reviewed_project: Project) -> None:
    reviewed_project.edit(
        CATALOG,
        'msgstr "Statement on the situation"',
        'msgstr "Statement on the \\"situation\\" \\\\ today"',
    )
    assert reviewed_project.check(CATALOG).lines == []


def test_d101_unescaped_quote(reviewed_project: Project) -> None:
    reviewed_project.edit(
        CATALOG, 'msgstr "Statement on the situation"', 'msgstr "Statement on the "situation""'
    )
    line = reviewed_project.line_of("Заявление о ситуации") + 1
    run = reviewed_project.check(CATALOG)
    assert run.code == 1
    assert run.lines == [
        f"{CATALOG}:{line}: D101: PO syntax error: text after the closing quote "
        '(a quote inside must be written \\")'
    ]


def test_d101_unterminated_string(reviewed_project: Project) -> None:
    reviewed_project.edit(CATALOG, 'msgstr "Statement on the situation"', 'msgstr "Statement on')
    line = reviewed_project.line_of("Заявление о ситуации") + 1
    run = reviewed_project.check(CATALOG)
    assert run.code == 1
    assert run.lines == [
        f"{CATALOG}:{line}: D101: PO syntax error: unterminated string: a closing double quote "
        "is missing"
    ]


def test_d101_lone_backslash(reviewed_project: Project) -> None:
    reviewed_project.edit(CATALOG, 'msgstr "Statement on the situation"', 'msgstr "a \\ b"')
    line = reviewed_project.line_of("Заявление о ситуации") + 1
    assert reviewed_project.check(CATALOG).lines == [
        f"{CATALOG}:{line}: D101: PO syntax error: invalid string: write a quote inside as "
        '\\" and a backslash as \\\\'
    ]


def test_d101_msgid_without_msgstr(reviewed_project: Project) -> None:
    reviewed_project.edit(CATALOG, 'msgstr "Statement on the situation"\n', "")
    line = reviewed_project.line_of("Заявление о ситуации")
    assert reviewed_project.check(CATALOG).lines == [
        f"{CATALOG}:{line}: D101: PO syntax error: msgid without msgstr"
    ]


def test_d101_not_utf8(reviewed_project: Project) -> None:
    path = reviewed_project.path(CATALOG)
    data = path.read_bytes().replace(b"Statement on", b"Statement \xff on")
    path.write_bytes(data)
    line = data.split(b"\xff")[0].count(b"\n") + 1
    assert reviewed_project.check(CATALOG).lines == [
        f"{CATALOG}:{line}: D101: not valid UTF-8: save the catalog as UTF-8"
    ]


def test_d102_language_header(reviewed_project: Project) -> None:
    reviewed_project.edit(CATALOG, '"Language: en\\n"', '"Language: de\\n"')
    run = reviewed_project.check(CATALOG)
    assert run.code == 1
    assert run.lines == [
        f"{CATALOG}:6: D102: Language is 'de', but the catalog is in translations/en/"
    ]
    reviewed_project.edit(CATALOG, '"Language: de\\n"\n', "")
    assert reviewed_project.check(CATALOG).lines == [
        f'{CATALOG}:1: D102: no Language header: add "Language: en\\n"'
    ]


def test_d103_plural_forms(reviewed_project: Project) -> None:
    reviewed_project.edit(CATALOG, "nplurals=2; plural=(n != 1);", "two forms")
    assert reviewed_project.check(CATALOG).lines == [
        f"{CATALOG}:10: D103: malformed Plural-Forms 'two forms': expected "
        "'nplurals=N; plural=EXPR;'"
    ]
    reviewed_project.edit(CATALOG, '"Plural-Forms: two forms\\n"\n', "")
    assert reviewed_project.check(CATALOG).lines == [f"{CATALOG}:1: D103: no Plural-Forms header"]


def test_d104_charset(reviewed_project: Project) -> None:
    reviewed_project.edit(CATALOG, "charset=UTF-8", "charset=CHARSET")
    run = reviewed_project.check(CATALOG)
    assert run.code == 1
    assert run.lines == [
        f"{CATALOG}:8: D104: the catalog must declare charset=UTF-8 "
        "(Content-Type is 'text/plain; charset=CHARSET')"
    ]


def test_d105_duplicate_entry(reviewed_project: Project) -> None:
    text = reviewed_project.read(CATALOG)
    reviewed_project.write(
        CATALOG, text + '\nmsgid "Заявление о ситуации"\nmsgstr "Statement on the events"\n'
    )
    first = reviewed_project.line_of("Заявление о ситуации")
    second = len(reviewed_project.read(CATALOG).splitlines()) - 1
    run = reviewed_project.check(CATALOG)
    assert run.code == 1
    assert run.lines == [
        f"{CATALOG}:{second}: D105: duplicate of the entry at line {first}: keep one of them"
    ]


def test_d106_orphaned_entry(reviewed_project: Project) -> None:
    """A reviewed entry that no unit matches (nor resembles) is kept by a run as an
    obsolete entry: a warning that never says delete. Saying delete, or making it an error
    again, fails this."""
    reviewed_project.edit(CATALOG, 'msgid "Заявление о ситуации"', 'msgid "Совсем иной текст"')
    line = reviewed_project.line_of("Совсем иной текст")
    run = reviewed_project.check(CATALOG)
    assert run.code == 0
    assert run.lines == [
        f"{CATALOG}:1: D403: warning: 1 unit is untranslated",
        f"{CATALOG}:{line}: D106: warning: msgid is no unit of page.md (the page changed, or "
        "the msgid was edited): `diptych translate` keeps this translation as an obsolete "
        "entry; to use it for a unit, the msgid must be the unit's Russian text exactly",
    ]


def test_a_changed_source_is_stale_before_translate_runs(reviewed_project: Project) -> None:
    """The normal state of a pull request that fixes the Russian: the reviewed unit is
    stale (D401, run translate), never an orphan to delete. Joining by exact msgid again
    (no pairing) fails this."""
    page = reviewed_project.read("docs/page.md")
    reviewed_project.write("docs/page.md", page.replace("о ситуации", "о положении"))
    line = reviewed_project.line_of("Заявление о ситуации")
    run = reviewed_project.check(CATALOG)
    assert (run.code, run.lines) == (
        0,
        [
            f"{CATALOG}:{line}: D401: warning: stale: the source changed after review; run "
            "`diptych translate` to merge (it keeps the reviewed text and puts machine text "
            "beside it), then review"
        ],
    )


def test_obsolete_entries_are_allowed(reviewed_project: Project) -> None:
    text = reviewed_project.read(CATALOG)
    reviewed_project.write(
        CATALOG, text + '\n#~ msgid "Старый абзац."\n#~ msgstr "An old paragraph."\n'
    )
    assert reviewed_project.check(CATALOG).lines == []


def test_d107_catalog_without_page(reviewed_project: Project) -> None:
    reviewed_project.write("translations/en/gone.po", reviewed_project.read(CATALOG))
    reviewed_project.write("translations/fr/page.po", reviewed_project.read(CATALOG))
    run = reviewed_project.check("translations")
    assert run.code == 1
    assert run.lines == [
        "translations/en/gone.po:1: D107: no source page docs/gone.md: if the page was "
        "renamed or moved, move this catalog with it (`git mv`, or `diptych translate` finds "
        "it), so that its reviewed translations follow",
        "translations/fr/page.po:1: D107: catalog in translations/fr/, which is not a target "
        "language (targets: en, zh, ar)",
    ]


def test_d108_newline_mismatch(reviewed_project: Project) -> None:
    reviewed_project.edit(
        CATALOG, 'msgstr "Statement on the situation"', 'msgstr "Statement on the situation\\n"'
    )
    line = reviewed_project.line_of("Заявление о ситуации")
    assert reviewed_project.check(CATALOG).lines == [
        f"{CATALOG}:{line}: D108: msgid and msgstr must both end with a line break, or neither"
    ]


def test_d109_unreadable_page(reviewed_project: Project) -> None:
    reviewed_project.write("docs/broken.md", "---\ntitle: [unclosed\n---\n\nТекст.\n")
    run = reviewed_project.check("docs/broken.md")
    assert run.code == 1
    assert len(run.lines) == 1
    assert run.lines[0].startswith("docs/broken.md:")
    assert ": D109: broken front matter:" in run.lines[0]


def test_good_page_is_readable(reviewed_project: Project) -> None:
    run = reviewed_project.check("docs/page.md")
    # page.md and its only catalog: no problems but the languages not yet translated.
    assert run.lines == [
        "docs/page.md:1: D403: warning: no zh catalog (translations/zh/page.po): 9 units are "
        "untranslated",
        "docs/page.md:1: D403: warning: no ar catalog (translations/ar/page.po): 9 units are "
        "untranslated",
    ]
    assert run.code == 0
