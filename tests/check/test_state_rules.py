"""D4xx: stale units reported, machine and missing units counted; --strict."""

from __future__ import annotations

from diptych import catalog
from diptych.languages import LANGUAGES
from tests.support.pages import CATALOG, ENGLISH
from tests.support.project import Project


def test_all_reviewed_has_no_state_warnings(reviewed_project: Project) -> None:
    run = reviewed_project.check("--strict", CATALOG)
    assert (run.code, run.lines) == (0, [])


def test_d402_machine_and_d403_missing_are_counted(project: Project) -> None:
    half = dict(list(ENGLISH.items())[:4])
    project.catalog("en", machine=half)
    run = project.check(CATALOG)
    assert run.code == 0
    assert run.lines == [
        f"{CATALOG}:1: D402: warning: 4 machine-translated units await review",
        f"{CATALOG}:1: D403: warning: 5 units are untranslated",
    ]
    strict = project.check("--strict", CATALOG)
    assert strict.code == 1
    assert strict.lines == [
        f"{CATALOG}:1: D402: 4 machine-translated units await review",
        f"{CATALOG}:1: D403: 5 units are untranslated",
    ]


def test_d403_units_added_to_the_page_since_the_last_run(reviewed_project: Project) -> None:
    page = reviewed_project.read("docs/page.md")
    reviewed_project.write("docs/page.md", page + "\nНовый абзац.\n")
    run = reviewed_project.check(CATALOG)
    assert run.lines == [f"{CATALOG}:1: D403: warning: 1 unit is untranslated"]


def test_d401_stale_unit_is_reported(reviewed_project: Project) -> None:
    # The author rewrites a reviewed paragraph; a translate run merges the catalog.
    page = reviewed_project.read("docs/page.md")
    reviewed_project.write(
        "docs/page.md",
        page.replace(
            "Это утверждение требует сноски", "Это утверждение требует пояснения и сноски"
        ),
    )
    po = catalog.load(reviewed_project.path(CATALOG), LANGUAGES["en"])
    merged = catalog.merge(po, reviewed_project.units())
    assert len(merged.stale) == 1
    catalog.set_machine(
        merged.stale[0], "This claim needs an explanation and a footnote[^1].", "test"
    )
    catalog.save(po, reviewed_project.path(CATALOG))
    text = reviewed_project.read(CATALOG)
    assert '#| msgid "Это утверждение требует сноски[^1]."' in text
    assert '#~ msgid "Это утверждение требует сноски[^1]."' in text
    line = reviewed_project.line_of("Это утверждение требует пояснения")
    run = reviewed_project.check(CATALOG)
    assert run.code == 0
    assert run.lines == [
        f"{CATALOG}:{line}: D401: warning: stale: the source changed after review; review the "
        "new translation (the old one is in the #| msgid and #~ lines)"
    ]
    assert reviewed_project.check("--strict", CATALOG).code == 1


def test_d404_markup_error_flag(project: Project) -> None:
    po = catalog.new(LANGUAGES["en"], "page.md")
    catalog.merge(po, project.units())
    for entry in po:
        catalog.set_machine(entry, ENGLISH[entry.msgid], "test")
    broken = next(e for e in po if e.msgid.startswith("Команда"))
    catalog.set_machine(
        broken, "The command checks translations.", "test", ["lost placeholder {1}"]
    )
    catalog.save(po, project.path(CATALOG))
    line = project.line_of("Команда")
    run = project.check(CATALOG)
    assert run.code == 0
    assert run.lines == [
        f"{CATALOG}:1: D402: warning: 8 machine-translated units await review",
        f"{CATALOG}:{line}: D404: warning: machine output with broken markup (flag markup-error), "
        "not published: fix the markup, then remove markup-error and fuzzy",
    ]


def test_missing_catalog_is_counted_on_the_page(project: Project) -> None:
    run = project.check("docs/other.md")
    assert run.code == 0
    assert run.lines == [
        f"docs/other.md:1: D403: warning: no {lang} catalog (translations/{lang}/other.po): 2 "
        "units are untranslated"
        for lang in ("en", "zh", "ar")
    ]
