"""A person's words survive every sequence of edits, reviews, renames and runs, and every
tool reports the same state for every unit (Hypothesis stateful).

Steps: the Russian page edited, grown, shrunk or renamed; a person reviewing an entry or
editing machine text without clearing ``fuzzy``; pseudo runs and ``--refresh`` runs.
The catalog also holds entries Diptych never makes (``msgctxt``, plural forms). After
every step a run follows and: every reviewed or edited text is still in the catalog (live
or obsolete), the foreign entries are unchanged, and ``status`` counts what the page's
model says. Dropping edited entries in ``catalog.merge`` (treating them as machine),
letting ``--refresh`` take them, or losing the catalog on a rename fails this."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import polib
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from diptych import catalog
from diptych.config import load_project
from diptych.engines.pseudo import PseudoEngine
from diptych.page_catalog import PageCatalog
from diptych.pipeline import translate
from diptych.segment import segment_file
from diptych.status import collect
from tests.support.project import write_project

SENTENCES = [
    "Требования митингующих полностью удовлетворены.",
    "Требования митингующих удовлетворены частично.",
    "Особо важно, что мирные участники протестов не подвергаются преследованиям.",
    "Миротворческие силы будут находиться в стране временно.",
    "Миротворческие силы покинут страну после стабилизации ситуации.",
    "Следует подчеркнуть роль правоохранительных органов.",
    "Казахстан полон решимости защитить Конституцию.",
]


class ReviewedTranslationsSurvive(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.root = Path(tempfile.mkdtemp(prefix="diptych-stateful-"))
        write_project(self.root, {}, targets=("en",))
        (self.root / "docs").mkdir()
        self.project = load_project(self.root)
        self.paragraphs: list[str] = [SENTENCES[0], SENTENCES[3]]
        self.name = "страница"
        # What people reviewed: msgid → msgstr (their latest word on each source text).
        self.reviews: dict[str, str] = {}
        # What people typed over machine text and left fuzzy: msgid → msgstr.
        self.edits: dict[str, str] = {}
        self.write_page()
        self.run()
        po = polib.pofile(str(self.po_path), wrapwidth=0)
        po.append(polib.POEntry(msgctxt="menu", msgid=SENTENCES[0], msgstr="In a menu"))
        po.append(
            polib.POEntry(
                msgid="one day", msgid_plural="{n} days", msgstr_plural={0: "день", 1: "дня"}
            )
        )
        po.save(str(self.po_path))
        self.foreign = self.foreign_entries()

    @property
    def page(self) -> Path:
        return self.root / "docs" / f"{self.name}.md"

    @property
    def po_path(self) -> Path:
        return self.root / "translations" / "en" / f"{self.name}.po"

    def foreign_entries(self) -> list[str]:
        po = polib.pofile(str(self.po_path), wrapwidth=0)
        return sorted(str(e) for e in po if not catalog.is_unit_entry(e))

    def write_page(self) -> None:
        self.page.write_text("\n\n".join(self.paragraphs) + "\n", encoding="utf-8")

    def run(self, refresh: bool = False) -> None:
        report = translate(self.project, PseudoEngine(), refresh=refresh)
        assert report.ok, report.problems

    @rule(name=st.sampled_from(["страница", "другая", "раздел/страница"]))
    def rename(self, name: str) -> None:
        """The page is renamed or moved: its catalog must follow on the next run."""
        if name == self.name:
            return
        new = self.root / "docs" / f"{name}.md"
        new.parent.mkdir(parents=True, exist_ok=True)
        self.page.rename(new)
        self.name = name
        self.run()

    @rule(i=st.integers(0, 20))
    def edit_machine_text(self, i: int) -> None:
        """A person changes machine text and forgets to clear fuzzy."""
        po = polib.pofile(str(self.po_path), wrapwidth=0)
        fuzzy = [e for e in po if not e.obsolete and "fuzzy" in e.flags and e.msgstr]
        fuzzy = [e for e in fuzzy if catalog.is_unit_entry(e)]
        if not fuzzy:
            return
        entry = fuzzy[i % len(fuzzy)]
        entry.msgstr = f"Mine: {entry.msgid[:20]}"
        self.edits[entry.msgid] = entry.msgstr
        po.save(str(self.po_path))

    @rule()
    def refresh_run(self) -> None:
        self.run(refresh=True)

    @rule(i=st.integers(0, 20), text=st.sampled_from(SENTENCES))
    def edit(self, i: int, text: str) -> None:
        self.paragraphs[i % len(self.paragraphs)] = text
        self.write_page()

    @rule(i=st.integers(0, 20), text=st.sampled_from(SENTENCES))
    def insert(self, i: int, text: str) -> None:
        self.paragraphs.insert(i % (len(self.paragraphs) + 1), text)
        self.write_page()

    @precondition(lambda self: len(self.paragraphs) > 1)
    @rule(i=st.integers(0, 20))
    def delete(self, i: int) -> None:
        del self.paragraphs[i % len(self.paragraphs)]
        self.write_page()

    @rule(i=st.integers(0, 20), word=st.sampled_from(["Reviewed", "Checked", "Fixed"]))
    def review(self, i: int, word: str) -> None:
        """A person edits msgstr and clears fuzzy, as in Poedit or the GitHub editor."""
        po = polib.pofile(str(self.po_path), wrapwidth=0)
        live = [e for e in po if not e.obsolete]
        if not live:
            return
        live = [e for e in live if catalog.is_unit_entry(e)]
        if not live:
            return
        entry = live[i % len(live)]
        self.edits.pop(entry.msgid, None)
        entry.msgstr = f"{word}: {entry.msgid[:20]}"
        entry.flags = [f for f in entry.flags if f != "fuzzy"]
        entry.previous_msgid = None
        self.reviews[entry.msgid] = entry.msgstr
        po.save(str(self.po_path))

    @rule()
    def translate_run(self) -> None:
        self.run()

    @invariant()
    def every_review_is_still_there(self) -> None:
        self.run()
        po = catalog.load(self.po_path)
        kept = {(e.msgid, e.msgstr) for e in po if "fuzzy" not in e.flags and e.msgstr}
        for msgid, msgstr in self.reviews.items():
            assert (msgid, msgstr) in kept, f"review of {msgid!r} lost"
        everything = {(e.msgid, e.msgstr) for e in po}
        for msgid, msgstr in self.edits.items():
            assert (msgid, msgstr) in everything, f"edit of {msgid!r} lost"
        live = [e.msgid for e in po if not e.obsolete and catalog.is_unit_entry(e)]
        assert live == list(dict.fromkeys(self.paragraphs))
        assert all(e.msgstr or e.msgstr_plural for e in po), "every unit translated"
        assert self.foreign_entries() == self.foreign, "msgctxt and plural entries intact"
        # The same states from every tool that counts them.
        en = self.project.target("en")
        page = segment_file(self.page)
        joined = PageCatalog.open(page, f"{self.name}.md", self.po_path, "x", en)
        (row,) = collect(self.project).rows
        assert (row.page, row.counts) == (f"{self.name}.md", joined.counts())

    def teardown(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)


ReviewedTranslationsSurvive.TestCase.settings = settings(
    max_examples=30, stateful_step_count=12, deadline=None, derandomize=True
)
TestReviewedTranslationsSurvive = ReviewedTranslationsSurvive.TestCase
