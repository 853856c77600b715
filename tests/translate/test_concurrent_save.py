"""A catalog someone saves while ``diptych translate`` runs is never overwritten by the run.

The other editor is simulated deterministically, with a real write on disk: the engine's
translator, when the run hands it one language's sentences (after the run has read every
catalog, before it saves any), first saves that language's catalog the way an editor
would, through polib with its own line wrapping, as Poedit or a ``git pull`` does. Then
the real command line finishes the run and saves.

Each test fails if the run saves without comparing with what it read: with
``catalog.save(job.po, job.path)`` in ``pipeline._save`` (no ``expected``), or with the
comparison taken out of ``catalog.save``, the run writes its own version over the file.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path

import polib
import pytest

from diptych.catalog import fingerprint
from diptych.commands import translate as translate_command
from diptych.engines.argos import ArgosEngine
from diptych.engines.interface import Progress, Translator
from diptych.engines.pseudo import PseudoEngine
from tests.support.cli import Diptych
from tests.support.project import MakeProject

Edit = Callable[[], None]

PAGE = "Первый абзац.\n\nВторой абзац.\n"


@pytest.fixture
def editor(monkeypatch: pytest.MonkeyPatch) -> Callable[[str, Edit], None]:
    """``editor(lang, edit)``: while the next run's engine (Argos or pseudo, as the
    command line makes it) translates ``lang``, ``edit()`` is called once, to change
    files on disk. The translation itself is the engine's own."""

    def install(lang: str, edit: Edit) -> None:
        edits = [edit]

        class Editing:
            def __init__(self, inner: Translator) -> None:
                self.inner, self.source, self.target = inner, inner.source, inner.target

            @property
            def provenance(self) -> str:
                return self.inner.provenance

            def translate(
                self, sentences: Sequence[str], progress: Progress | None = None
            ) -> list[str]:
                if self.target == lang and edits:
                    edits.pop()()
                return self.inner.translate(sentences, progress)

        class Argos(ArgosEngine):
            def translator(self, source: str, target: str) -> Translator:
                return Editing(super().translator(source, target))

        class Pseudo(PseudoEngine):
            def translator(self, source: str, target: str) -> Translator:  # type: ignore[override]
                return Editing(super().translator(source, target))

        monkeypatch.setattr(translate_command, "ArgosEngine", Argos)
        monkeypatch.setattr(translate_command, "PseudoEngine", Pseudo)

    return install


def entries(path: Path) -> dict[str, polib.POEntry]:
    return {e.msgid: e for e in polib.pofile(str(path)) if not e.obsolete}


def review(path: Path, texts: dict[str, str]) -> None:
    """What Poedit does on "save" after a reviewer typed ``texts``: new msgstr, no fuzzy,
    and the whole file written again in its own layout."""
    po = polib.pofile(str(path))  # polib's default wrapping (78), not Diptych's
    for msgid, text in texts.items():
        entry = po.find(msgid)
        assert entry is not None, msgid
        entry.msgstr = text
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
    po.save(str(path))


def test_a_review_saved_during_the_run_is_kept_and_the_run_fills_the_rest(
    make_project: MakeProject, diptych: Diptych, editor: Callable[[str, Edit], None]
) -> None:
    """The Argos test model, so that the run's output is machine text. Fails with the
    run's save not comparing with what it read (see the module docstring), and also with
    the person's-words check taken out of ``catalog._Rebase.onto``: the reviewed text of
    the unit the run was translating is replaced by the machine text."""
    root = make_project({"а.md": PAGE}, targets=("en",), models=True)
    assert diptych(root, "translate")[0] == 0
    en = root / "translations" / "en" / "а.po"
    # The second unit was emptied (as a new unit would be), and a third one added to the
    # page: the next run translates both.
    po = polib.pofile(str(en), wrapwidth=0)
    second = po.find("Второй абзац.")
    assert second is not None
    second.msgstr, second.flags, second.comment = "", [], ""
    po.save(str(en))
    page = root / "docs" / "а.md"
    page.write_text(PAGE + "\nТретий абзац.\n", encoding="utf-8")
    # While the run translates, a reviewer saves two translations: one of a unit the
    # run leaves alone, one of the very unit the run is translating.
    reviewed = {"Первый абзац.": "First paragraph.", "Второй абзац.": "Second, by a person."}
    editor("en", lambda: review(en, reviewed))

    code, out, err = diptych(root, "translate")

    assert (code, err) == (0, "")
    assert "en: 2 units" in out
    after = entries(en)
    assert {k: after[k].msgstr for k in reviewed} == reviewed  # a person's words win
    assert all("fuzzy" not in after[k].flags for k in reviewed)
    third = after["Третий абзац."]  # the run's output, where the file had none
    assert third.msgstr and "fuzzy" in third.flags
    assert third.comment.startswith("machine translation: argos ru→en")
    assert list(after) == ["Первый абзац.", "Второй абзац.", "Третий абзац."]
    # What the run saved is what it remembers: the next run has nothing to do and
    # writes nothing.
    saved = en.read_bytes()
    code, out, _ = diptych(root, "translate")
    assert code == 0 and out.splitlines()[-1].startswith("catalogs up to date")
    assert en.read_bytes() == saved


def test_an_edit_of_machine_text_during_the_run_is_kept(
    make_project: MakeProject, diptych: Diptych, editor: Callable[[str, Edit], None]
) -> None:
    """A person changes a machine text and leaves ``fuzzy`` (state *edited*) while the run
    translates a new unit of the same catalog: both land. Fails as the module says (the
    edit is replaced by the machine text the run read)."""
    root = make_project({"а.md": PAGE}, targets=("en",))
    en = root / "translations" / "en" / "а.po"
    en.parent.mkdir(parents=True)
    machine = "Second paragraph."
    en.write_text(
        'msgid ""\nmsgstr ""\n"Language: en\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Первый абзац."\nmsgstr ""\n\n'
        "#. machine translation: argos ru→en, package translate-ru_en 1.9\n"
        f"#. machine text: {fingerprint(machine)}\n"
        f'#, fuzzy\nmsgid "Второй абзац."\nmsgstr "{machine}"\n',
        encoding="utf-8",
    )

    def edit() -> None:
        po = polib.pofile(str(en))
        entry = po.find("Второй абзац.")
        assert entry is not None and "fuzzy" in entry.flags
        entry.msgstr = "Second paragraph, as a person put it."
        po.save(str(en))

    editor("en", edit)
    code, _, err = diptych(root, "translate", "--engine", "pseudo")
    assert (code, err) == (0, "")
    after = entries(en)
    assert after["Второй абзац."].msgstr == "Second paragraph, as a person put it."
    assert "fuzzy" in after["Второй абзац."].flags  # still awaiting review, as left
    assert after["Первый абзац."].msgstr.startswith("⟦")  # the run's output


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc")
def test_a_save_just_before_the_rename_is_merged_too(
    make_project: MakeProject,
    diptych: Diptych,
    editor: Callable[[str, Edit], None],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Two saves by a reviewer: one while the run translates, one while the run writes
    its merged version to the temp file (at its fsync, the last moment before the
    rename). Both reviews are kept. Fails if ``catalog.save`` does not compare the file
    once more just before the rename: the second review is overwritten."""
    root = make_project({"а.md": PAGE + "\nТретий абзац.\n"}, targets=("en",))
    assert diptych(root, "translate", "--engine", "pseudo")[0] == 0
    en = root / "translations" / "en" / "а.po"
    po = polib.pofile(str(en), wrapwidth=0)
    third = po.find("Третий абзац.")
    assert third is not None
    third.msgstr, third.flags, third.comment = "", [], ""  # for the run to translate
    po.save(str(en))
    editor("en", lambda: review(en, {"Первый абзац.": "First paragraph."}))
    real_fsync = os.fsync
    late = [lambda: review(en, {"Второй абзац.": "Second paragraph."})]

    def fsync(fd: int) -> None:
        real_fsync(fd)
        if late and Path(f"/proc/self/fd/{fd}").readlink().name.endswith(".tmp"):
            late.pop()()

    monkeypatch.setattr(os, "fsync", fsync)
    code, _, err = diptych(root, "translate", "--engine", "pseudo")
    assert (code, err) == (0, "")
    assert not late  # the second save did happen at the fsync
    after = entries(en)
    assert after["Первый абзац."].msgstr == "First paragraph."
    assert after["Второй абзац."].msgstr == "Second paragraph."
    assert after["Третий абзац."].msgstr.startswith("⟦")


def test_a_catalog_broken_during_the_run_is_left_alone_with_an_error(
    make_project: MakeProject, diptych: Diptych, editor: Callable[[str, Edit], None]
) -> None:
    """A version the run cannot read (an unfinished ``git merge``) stays as it is; the
    run says which file and what to do, and saves every other catalog. Fails as the
    module says (the run writes its version over the conflict)."""
    root = make_project({"а.md": PAGE, "б.md": "Другая страница.\n"})
    en = root / "translations" / "en" / "а.po"
    conflict = b""

    def edit() -> None:
        nonlocal conflict
        conflict = (
            b'<<<<<<< HEAD\nmsgid "\xd0\x9f"\nmsgstr "P"\n=======\n'
            b'msgid "\xd0\x9f"\nmsgstr "Q"\n>>>>>>> theirs\n'
        )
        en.parent.mkdir(parents=True, exist_ok=True)
        en.write_bytes(conflict)

    editor("en", edit)
    code, _, err = diptych(root, "translate", "--engine", "pseudo")

    assert code == 1
    assert err.startswith(
        "diptych: error: translations/en/а.po:1: catalog changed on disk while this run was "
        "translating, and its new version cannot be read"
    )
    assert "this run's translations for it were not saved" in err
    assert "hint: fix the file (finish the merge, or save it again), then run" in err
    assert en.read_bytes() == conflict  # left exactly as the other program wrote it
    for other in ("en/б.po", "de/а.po", "de/б.po"):
        assert all(e.msgstr for e in entries(root / "translations" / other).values())
    assert not list(root.rglob("*.tmp"))
    # Once the file is fixed (here: deleted), the next run does the rest.
    en.unlink()
    assert diptych(root, "translate", "--engine", "pseudo")[0] == 0
    assert all(e.msgstr.startswith("⟦") for e in entries(en).values())
