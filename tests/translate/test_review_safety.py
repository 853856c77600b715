"""A reviewed translation survives every sequence of edits and runs (Hypothesis stateful)."""

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
from diptych.pipeline import translate
from diptych.pseudo import PseudoEngine

SENTENCES = [
    "Требования митингующих полностью удовлетворены.",
    "Требования митингующих удовлетворены частично.",
    "Особо важно, что мирные участники протестов не подвергаются преследованиям.",
    "Миротворческие силы будут находиться в стране временно.",
    "Миротворческие силы покинут страну после стабилизации ситуации.",
    "Следует подчеркнуть роль правоохранительных органов.",
    "Казахстан полон решимости защитить Конституцию.",
]
YML = """site_name: T
plugins:
  - i18n:
      languages:
        - {locale: ru, default: true, name: ru}
        - {locale: en, name: en}
"""


class ReviewedTranslationsSurvive(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.root = Path(tempfile.mkdtemp(prefix="diptych-stateful-"))
        (self.root / "mkdocs.yml").write_text(YML, encoding="utf-8")
        (self.root / "docs").mkdir()
        self.project = load_project(self.root)
        self.paragraphs: list[str] = [SENTENCES[0], SENTENCES[3]]
        # What people reviewed: msgid → msgstr (their latest word on each source text).
        self.reviews: dict[str, str] = {}
        self.write_page()
        self.run()

    @property
    def page(self) -> Path:
        return self.root / "docs" / "страница.md"

    @property
    def po_path(self) -> Path:
        return self.root / "translations" / "en" / "страница.po"

    def write_page(self) -> None:
        self.page.write_text("\n\n".join(self.paragraphs) + "\n", encoding="utf-8")

    def run(self) -> None:
        report = translate(self.project, PseudoEngine())
        assert report.ok, report.problems

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
        entry = live[i % len(live)]
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
        live = [e.msgid for e in po if not e.obsolete]
        assert live == list(dict.fromkeys(self.paragraphs))
        assert all(e.msgstr for e in po), "every unit translated or reviewed"

    def teardown(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)


ReviewedTranslationsSurvive.TestCase.settings = settings(
    max_examples=40, stateful_step_count=12, deadline=None
)
TestReviewedTranslationsSurvive = ReviewedTranslationsSurvive.TestCase
