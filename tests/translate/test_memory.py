"""Translation memory through the real `diptych translate`: a unit identical to a reviewed
one takes its text (provenance ``memory``, still machine state), a close one is offered
to the reviewer as a comment, and nothing is read or loaded when nothing waits."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path

import polib
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from diptych import catalog
from diptych.config import load_project
from diptych.engines.argos import ArgosEngine, Decoding
from diptych.languages import LANGUAGES
from diptych.memory import Memory
from diptych.pipeline import translate
from tests.support.cli import Diptych
from tests.support.project import MakeProject

# float32: the same words on every processor (see test_argos_engine.py).
EXACT = Decoding(compute_type="float32")

FIRST = "Казахстан полон решимости защищать свой суверенитет."
SECOND = "Силы прибыли в **Алматы** 10 января."


def write_catalog(
    root: Path,
    page: str,
    reviewed: dict[str, str],
    obsolete: dict[str, str] | None = None,
    wrap: int = 0,
) -> Path:
    """A catalog as a reviewer leaves it: reviewed entries (no ``fuzzy``), and obsolete ones
    (``#~``). ``wrap``: the line width of a tool that wraps (Poedit), 0 for none."""
    po = catalog.new(LANGUAGES["en"], page)
    po.extend(polib.POEntry(msgid=k, msgstr=v) for k, v in reviewed.items())
    po.extend(polib.POEntry(msgid=k, msgstr=v, obsolete=True) for k, v in (obsolete or {}).items())
    path = root / "translations" / "en" / Path(page).with_suffix(".po")
    path.parent.mkdir(parents=True, exist_ok=True)
    po.wrapwidth = wrap
    path.write_text(str(po) + "\n", encoding="utf-8")
    return path


def entries(root: Path, page: str) -> dict[str, polib.POEntry]:
    po = polib.pofile(str(root / "translations" / "en" / Path(page).with_suffix(".po")))
    return {e.msgid: e for e in po if not e.obsolete}


MODEL = "argos ru→en, package translate-ru_en-test 1.0"
# The miniature model transliterates (tools/translit.py).
TRANSLIT_CLOSE = (
    "Osobo vazhno, chto uchastniki protestov ne podvergayutsya nikakim presledovaniyam."
)
TRANSLIT_BELOW = "Vazhno, chto mirnye uchastniki protestov ne podvergayutsya presledovaniyam."


def without_score(comment: str) -> list[str]:
    """A comment's lines less the model's score (its value is the model's business)."""
    return [line for line in comment.splitlines() if not line.startswith("machine score:")]


def machine(text: str, provenance: str, *before: str) -> list[str]:
    """The comment lines of a machine entry (after any ``before`` lines)."""
    return [
        *before,
        f"machine translation: {provenance}",
        f"machine text: {catalog.fingerprint(text)}",
    ]


@pytest.fixture
def opened() -> Iterator[list[str]]:
    """Every file this process opens while the test runs (a Python audit hook: the real
    ``open``, watched, not replaced)."""
    seen: list[str] = []
    watching = [True]

    def hook(event: str, args: tuple[object, ...]) -> None:
        if watching[0] and event == "open" and isinstance(args[0], str | Path):
            seen.append(str(args[0]))

    sys.addaudithook(hook)  # hooks cannot be removed: this one stops recording
    yield seen
    watching[0] = False


def test_identical_reviewed_unit_on_another_page_needs_no_model(
    make_project: MakeProject, diptych: Diptych, opened: list[str]
) -> None:
    """A page whose units were all reviewed elsewhere is translated with no models folder
    at all: each unit takes the reviewed text (machine state, provenance naming the
    catalog), so no model is asked for, let alone loaded. The reviewed page's catalog is
    up to date, so it is not open in the run: the memory scans it. The next run is a
    no-op that opens each catalog once (for its fingerprint), as before the memory.
    Fails if the memory is not consulted (no model: exit 1), if the scan misses the
    catalog, if the memory reads files when nothing waits (catalogs opened twice), or if
    the recalled text counted as reviewed (no ``fuzzy``)."""
    root = make_project({"a.md": f"{FIRST}\n\n{SECOND}\n"}, targets=("en",))
    reviewed = {FIRST: "Kazakhstan is determined to defend its sovereignty.",
                SECOND: "The forces arrived in **Almaty** on 10 January."}  # fmt: skip
    write_catalog(root, "a.md", reviewed)
    assert diptych(root, "translate")[0] == 0  # nothing waits: a.po is now up to date
    before = (root / "translations/en/a.po").read_bytes()
    (root / "docs" / "b.md").write_text(f"{SECOND}\n\n{FIRST}\n", encoding="utf-8")
    code, out, err = diptych(root, "translate")
    assert (code, err) == (0, "")
    got = entries(root, "b.md")
    assert [(e.msgid, e.msgstr, e.flags, e.comment.splitlines()) for e in got.values()] == [
        (
            SECOND,
            reviewed[SECOND],
            ["fuzzy"],
            machine(reviewed[SECOND], "memory, reviewed in translations/en/a.po"),
        ),
        (
            FIRST,
            reviewed[FIRST],
            ["fuzzy"],
            machine(reviewed[FIRST], "memory, reviewed in translations/en/a.po"),
        ),
    ]
    assert (root / "translations/en/a.po").read_bytes() == before
    opened.clear()
    code, out, _ = diptych(root, "translate")
    assert code == 0 and re.fullmatch(r"catalogs up to date \(\d+\.\d\d s\)\n", out)
    catalogs = sorted(p for p in opened if p.endswith(".po"))
    assert catalogs == sorted(str(root / "translations/en" / n) for n in ("a.po", "b.po"))


def test_obsolete_reviewed_text_of_a_changed_unit_is_recalled(
    make_project: MakeProject, diptych: Diptych
) -> None:
    """An older version of a page counts: the unit changed after review (stale), its
    reviewed text went to an obsolete entry, and another page that quotes the old text
    takes it from there. The stale unit itself keeps the person's text (obsolete entry)
    beside its new machine text. Fails if obsolete entries are left out of the memory."""
    root = make_project({"a.md": f"{FIRST}\n"}, targets=("en",), models=True)
    text = "Kazakhstan is determined to defend its sovereignty."
    write_catalog(root, "a.md", {FIRST: text})
    changed = "Казахстан полон решимости защищать свой суверенитет и свободу."
    (root / "docs" / "a.md").write_text(f"{changed}\n", encoding="utf-8")
    (root / "docs" / "b.md").write_text(f"{FIRST}\n", encoding="utf-8")
    code, _, err = diptych(root, "translate")
    assert (code, err) == (0, "")
    (recalled,) = entries(root, "b.md").values()
    origin = "memory, reviewed in translations/en/a.po (obsolete entry)"
    assert (recalled.msgstr, recalled.flags, recalled.comment.splitlines()) == (
        text,
        ["fuzzy"],
        machine(text, origin),
    )
    a = polib.pofile(str(root / "translations/en/a.po"))
    assert [(e.msgid, e.msgstr, e.obsolete) for e in a if e.obsolete] == [(FIRST, text, 1)]
    (stale,) = (e for e in a if not e.obsolete)
    assert catalog.state_of(stale) is catalog.State.STALE and stale.previous_msgid == FIRST


def test_close_match_is_offered_as_a_comment(make_project: MakeProject) -> None:
    """A unit 95 % like a reviewed one (rapidfuzz ratio) is translated by the model, and
    the reviewed unit is offered in a comment before the provenance; one 89 % alike gets
    none. Fails if the similarity search is gone, if the 90 % threshold is not applied
    (the second unit would get a comment), and on any change of the comment's form."""
    reviewed = "Особо важно, что мирные участники протестов не подвергаются никаким преследованиям."
    close = "Особо важно, что участники протестов не подвергаются никаким преследованиям."
    below = "Важно, что мирные участники протестов не подвергаются преследованиям."  # 89 %
    root = make_project({"a.md": f"{reviewed}\n"}, targets=("en",), models=True)
    text = "It is particularly important that peaceful protesters are not persecuted."
    write_catalog(root, "a.md", {reviewed: text})
    (root / "docs" / "b.md").write_text(f"{close}\n\n{below}\n", encoding="utf-8")
    project = load_project(root)
    report = translate(project, ArgosEngine(project.models_dir, project.state_dir, EXACT))
    assert report.ok, report.problems
    got = entries(root, "b.md")
    offer = f'similar reviewed unit (95%, translations/en/a.po): "{reviewed}" → "{text}"'
    assert [(e.msgstr, without_score(e.comment)) for e in got.values()] == [
        (TRANSLIT_CLOSE, machine(TRANSLIT_CLOSE, MODEL, offer)),
        (TRANSLIT_BELOW, machine(TRANSLIT_BELOW, MODEL)),
    ]


def test_recalled_text_must_keep_the_markup(make_project: MakeProject, diptych: Diptych) -> None:
    """A reviewed text whose markup differs from the source's (the bold lost) is not
    recalled: the model translates the unit. Fails without the markup check (the entry
    would say memory)."""
    root = make_project({"a.md": f"{SECOND}\n"}, targets=("en",), models=True)
    write_catalog(root, "a.md", {SECOND: "The forces arrived in Almaty on 10 January."})
    (root / "docs" / "b.md").write_text(f"{SECOND}\n", encoding="utf-8")
    assert diptych(root, "translate")[0] == 0
    (entry,) = entries(root, "b.md").values()
    assert entry.comment.splitlines()[0] == f"machine translation: {MODEL}"
    assert "**" in entry.msgstr


def test_a_catalog_wrapped_by_poedit_is_read(make_project: MakeProject, diptych: Diptych) -> None:
    """A catalog outside the run (here: the run names one page) whose msgids a tool
    wrapped over several lines cannot be scanned line by line: it is parsed whole. Fails
    if the scan trusts its one-line reading there (the wrapped msgid is missed, and
    without models the run fails)."""
    root = make_project({"a.md": f"{FIRST}\n", "b.md": f"{FIRST}\n"}, targets=("en",))
    text = "Kazakhstan is determined to defend its sovereignty."
    path = write_catalog(root, "a.md", {FIRST: text}, wrap=30)
    assert 'msgid ""\n"Казахстан' in path.read_text(encoding="utf-8")
    assert diptych(root, "translate", str(root / "docs" / "b.md"))[0] == 0
    assert [e.msgstr for e in entries(root, "b.md").values()] == [text]
    assert 'msgid ""\n"Казахстан' in path.read_text(encoding="utf-8")  # a.po was not open


def test_a_catalog_linked_from_outside_is_not_read(
    make_project: MakeProject, diptych: Diptych, tmp_path: Path
) -> None:
    """A catalog in translations/ that is a symbolic link to a file outside the project
    is not read (Diptych reads only inside translations/; `diptych check` reports the
    link): its "reviewed" text is not recalled, and without models the unit stays
    missing. Fails if the memory follows the link (the unit would take that text)."""
    root = make_project({"b.md": f"{FIRST}\n"}, targets=("en",))
    write_catalog(root, "b.md", {})  # b.md has its catalog: x.po is no moved page's
    outside = write_catalog(tmp_path / "elsewhere", "x.md", {FIRST: "Planted text."})
    (root / "translations" / "en" / "x.po").symlink_to(outside)
    code, _, err = diptych(root, "translate")
    assert code == 1 and "no Argos model for ru→en" in err
    assert [e.msgstr for e in entries(root, "b.md").values()] == [""]


def test_a_persons_words_are_never_replaced(make_project: MakeProject, diptych: Diptych) -> None:
    """Entries holding a person's words (reviewed, or edited and still fuzzy) keep them,
    whatever another page's reviewed text for the same source says; only the waiting
    unit takes the memory. Fails if the memory fills entries that do not wait."""
    root = make_project({"a.md": f"{FIRST}\n\n{SECOND}\n"}, targets=("en",))
    reviewed = {FIRST: "Kazakhstan is determined to defend its sovereignty.",
                SECOND: "The forces arrived in **Almaty** on 10 January."}  # fmt: skip
    write_catalog(root, "a.md", reviewed)
    third = "Казахстан полон решимости."
    (root / "docs" / "b.md").write_text(f"{FIRST}\n\n{SECOND}\n\n{third}\n", encoding="utf-8")
    write_catalog(root, "a.md", {**reviewed, third: "Kazakhstan is resolute."})
    po = catalog.new(LANGUAGES["en"], "b.md")
    po.append(polib.POEntry(msgid=FIRST, msgstr="Kazakhstan will defend itself."))
    po.append(polib.POEntry(msgid=SECOND, msgstr="Forces came to **Almaty**.", flags=["fuzzy"]))
    b = root / "translations/en/b.po"
    catalog.save(po, b)
    assert diptych(root, "translate")[0] == 0
    got = {e.msgid: (e.msgstr, e.flags) for e in entries(root, "b.md").values()}
    assert got == {
        FIRST: ("Kazakhstan will defend itself.", []),
        SECOND: ("Forces came to **Almaty**.", ["fuzzy"]),
        third: ("Kazakhstan is resolute.", ["fuzzy"]),
    }


_WORDS = ["мир", "сила", "закон", "право", "народ", "страна", "город", "«ОДКБ»", "2022"]


@settings(max_examples=60, deadline=None)
@given(
    sources=st.lists(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=10), max_size=40),
    edits=st.lists(st.tuples(st.integers(0, 39), st.sampled_from(["", "ы", "и!", " мир"]))),
)
def test_similar_sources_are_exactly_what_brute_force_finds(
    sources: list[list[str]], edits: list[tuple[int, str]]
) -> None:
    """The bounds that spare comparisons (lengths, character counts) never lose a match:
    every source at least 90 % like a query is found, with rapidfuzz's own score, and
    nothing else. Queries are sources with small edits (close) and the sources themselves
    (identical: not offered as similar). Fails if a bound is too tight (a 90 % match
    at the edge of the window is lost) or the identical source is offered."""
    from rapidfuzz import fuzz

    texts = [" ".join(words) for words in sources]
    queries = texts + [texts[i % len(texts)] + tail for i, tail in edits if texts]
    found = Memory._similar(queries, texts)
    for query in queries:
        brute = {(s, fuzz.ratio(query, s)) for s in texts if s != query}
        assert set(found[query]) == {(s, score) for s, score in brute if score >= 90}
