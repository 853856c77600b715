"""Whatever Unicode a page holds, the catalog Diptych writes for it reads back as written:
Diptych's linter finds nothing in it, Diptych (``catalog.load``) and polib reading the file
get the same entries, writing them again gives the same bytes, and msgfmt compiles the
same texts. What gettext cannot hold (NUL, and EOT, which it reserves) is refused before
anything is written.

U+2028, U+2029, U+0085, form feed, vertical tab and U+001C..U+001E are line breaks to
``str.splitlines`` but characters of a line to msgfmt and to polib reading a file: polib
writes them raw (escaping only backslash, quote, \\n, \\r, \\t, \\v, \\b, \\f), so every
reader of a catalog must split lines at \\n (and \\r\\n, \\r) only.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import polib
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from diptych import catalog
from diptych.cli import main
from diptych.errors import CatalogError
from diptych.languages import LANGUAGES
from tests.support.cli import Diptych
from tests.support.project import MakeProject

LANG = LANGUAGES["en"]
# Characters that trouble PO writers and readers, drawn often beside any other character.
TRICKY = '\u2028\u2029\x85\f\v\x1c\x1d\x1e\x1f\r\n\t\b\x07\x1b\x7f\ufeff\u200f"\\ #~|'
# What no catalog can hold: msgfmt cuts a text at NUL and refuses EOT (U+0004).
REFUSED = "\x00\x04"

ANY_CHAR = st.characters(exclude_categories=["Cs"], exclude_characters=REFUSED)
CHARS = st.one_of(ANY_CHAR, st.sampled_from(TRICKY))


def texts(min_size: int = 1) -> st.SearchStrategy[str]:
    return st.text(CHARS, min_size=min_size, max_size=24)


# A translator's comment: polib strips a comment line's ends and splits it at line
# breaks, so a comment is one line of visible text (what Poedit writes).
COMMENTS = st.text(
    st.characters(exclude_categories=("Cs", "Cc", "Zl", "Zp", "Zs")), min_size=1, max_size=12
)


def like(msgid: str, text: str) -> str:
    """``text`` beginning and ending with a line break where ``msgid`` does (msgfmt's
    check; D108 tells a person the same)."""
    core = text.strip("\n") or "x"
    return "\n" * msgid.startswith("\n") + core + "\n" * msgid.endswith("\n")


@st.composite
def catalogs(draw: st.DrawFn) -> polib.POFile:
    """A catalog in every state Diptych makes, as the runs and a person leave it: units
    machine-translated, reviewed, edited or missing; then the page changes (stale and
    obsolete entries, an obsolete one revived) and a run translates what is pending;
    plus entries gettext allows and Diptych does not make (msgctxt, plural forms, an
    obsolete entry written by hand)."""
    po = catalog.new(LANG, draw(texts()) + ".md")
    before = draw(st.lists(texts(), min_size=1, max_size=5, unique=True))
    catalog.merge(po, before)
    for entry in po:
        action = draw(st.sampled_from(["machine", "reviewed", "edited", "missing"]))
        if action == "missing":
            continue
        catalog.set_machine(entry, like(entry.msgid, draw(texts())), "test " + draw(COMMENTS))
        if action == "edited":
            entry.msgstr = like(entry.msgid, entry.msgstr + draw(texts()))
        if action == "reviewed":
            entry.flags.remove(catalog.FUZZY)
            if draw(st.booleans()):
                entry.tcomment = draw(COMMENTS)
    msgid = draw(texts())
    po.append(polib.POEntry(msgctxt=draw(texts(0)), msgid=msgid, msgstr=like(msgid, "ctx")))
    plural = draw(texts())
    po.append(
        polib.POEntry(
            msgid=plural,
            msgid_plural=like(plural, draw(texts())),
            msgstr_plural={0: like(plural, draw(texts())), 1: like(plural, draw(texts()))},
        )
    )
    gone = draw(texts().filter(lambda text: text not in before))
    po.append(polib.POEntry(msgid=gone, msgstr=like(gone, draw(texts())), obsolete=True))
    after = draw(st.lists(st.one_of(texts(), st.sampled_from(before)), min_size=1, max_size=5))
    merged = catalog.merge(po, after)
    for entry in merged.pending:
        catalog.set_machine(entry, like(entry.msgid, draw(texts())), "test engine")
    # A person edits some of the new text (stale units included), then the page changes
    # once more: edited stale entries become obsolete with their previous msgid.
    for entry in po:
        if not entry.obsolete and catalog.is_unit_entry(entry) and draw(st.booleans()):
            entry.msgstr = like(entry.msgid, entry.msgstr + draw(texts()))
    final = draw(st.lists(st.one_of(texts(), st.sampled_from(after)), min_size=1, max_size=5))
    catalog.merge(po, final)
    return po


def fields(entry: polib.POEntry) -> tuple[object, ...]:
    """What a catalog says about an entry. polib writes no extracted comments (``#.``) for
    an obsolete entry, and Diptych no previous msgid (``#~|``, which polib never reads)."""
    live = () if entry.obsolete else (entry.comment, entry.previous_msgid)
    return (
        entry.obsolete,
        entry.msgctxt,
        entry.msgid,
        entry.msgid_plural,
        entry.msgstr,
        dict(entry.msgstr_plural),
        entry.flags,
        entry.tcomment,
        *live,
    )


def _write(po: polib.POFile, folder: Path) -> Path:
    assert not _duplicate_key(po)
    path = folder / "page.po"
    path.unlink(missing_ok=True)
    assert catalog.save(po, path)
    return path


@pytest.fixture(scope="module")
def folder() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as name:
        yield Path(name)


def _duplicate_key(po: polib.POFile) -> bool:
    keys = [(e.msgctxt, e.msgid) for e in po]
    return len(keys) != len(set(keys))


def _reads_back_as_written(folder: Path, po: polib.POFile) -> None:
    expected = [fields(e) for e in po]
    if _duplicate_key(po):
        # A unit with the msgid of a plural entry added by hand: merge makes a second
        # entry with that msgid, which gettext refuses, so nothing is written.
        path = folder / "refused.po"
        with pytest.raises(CatalogError, match="which gettext refuses; nothing was written"):
            catalog.save(po, path)
        assert not path.exists()
        return
    path = _write(po, folder)
    text = path.read_text(encoding="utf-8")
    assert list(catalog.syntax(text)) == []
    loaded = catalog.load(path, LANG)
    assert [fields(e) for e in loaded] == expected
    assert [fields(e) for e in polib.pofile(str(path), wrapwidth=0)] == expected
    assert catalog.serialize(loaded) == text
    assert catalog.save(loaded, path) is False


def test_units_of_the_issue_read_back(folder: Path) -> None:
    """The report: a unit holding U+2028, a form feed or U+0085. Fails when
    ``catalog.syntax`` or ``catalog.load`` splits lines as ``str.splitlines`` does (as
    they did: "unterminated string" in the catalog Diptych had just written)."""
    po = catalog.new(LANG, "page.md")
    catalog.merge(po, ["Раз\u2028два", "Страница\fвторая", "Заголовок\x85", "a\x1cb"])
    for entry in po:
        catalog.set_machine(entry, entry.msgid.upper(), "test engine")
    _reads_back_as_written(folder, po)


def test_obsolete_entry_with_a_previous_msgid_reads_back(folder: Path) -> None:
    """A person's text for a unit that had changed (stale, with ``#|``) and then left the
    page is kept as an obsolete entry; its previous msgid is not written (``#~|``, which
    polib skips when reading). Fails when ``serialize`` writes the ``#~|`` lines: the
    catalog read back differs, and the next save rewrites the file."""
    po = catalog.new(LANG, "page.md")
    catalog.merge(po, ["Старый абзац о море."])
    po[0].msgstr = "An old paragraph about the sea."  # reviewed
    catalog.merge(po, ["Новый абзац о море."])
    assert po[0].previous_msgid == "Старый абзац о море."
    po[0].msgstr = "A new paragraph about the sea."  # the person's words, still fuzzy
    catalog.merge(po, ["Другой абзац."])
    kept = [e for e in po if e.obsolete]
    assert [e.msgid for e in kept] == ["Старый абзац о море.", "Новый абзац о море."]
    assert kept[1].previous_msgid == "Старый абзац о море."
    _reads_back_as_written(folder, po)
    assert "#~|" not in (folder / "page.po").read_text(encoding="utf-8")


@settings(
    max_examples=300, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(po=catalogs())
def test_written_catalog_reads_back_as_written(folder: Path, po: polib.POFile) -> None:
    """Fails when ``catalog.syntax`` or ``catalog.load`` splits lines as
    ``str.splitlines`` does, when ``load`` parses the text with ``polib.pofile(text)``
    (which breaks lines there too), when ``new`` writes a page name with a line break
    into the header, or when the linter refuses a plural entry's second ``msgstr[1]`` (as
    it did: "msgstr without a msgid before it")."""
    _reads_back_as_written(folder, po)


def _msgfmt(*args: str) -> subprocess.CompletedProcess[str]:
    if shutil.which("msgfmt") is None:
        pytest.fail("msgfmt (Debian gettext) is missing; run: bash tools/setup.sh --test")
    return subprocess.run(["msgfmt", *args], capture_output=True, text=True, check=False)


@settings(
    max_examples=40, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(po=catalogs())
def test_msgfmt_compiles_what_diptych_reads(folder: Path, po: polib.POFile) -> None:
    """msgfmt (a sample of catalogs: it is a process per example) accepts every catalog
    Diptych writes, with no warning, and compiles the very texts Diptych reads. Fails when
    Diptych and msgfmt read a catalog differently: the linter splitting lines at U+2028
    and the like, as it did (``load`` refuses what msgfmt compiles), or the writer leaving
    a NUL in a text (msgfmt exits 0 and cuts the text there)."""
    assume(not _duplicate_key(po))
    path = _write(po, folder)
    checked = _msgfmt("--check-format", "-o", "/dev/null", str(path))
    assert (checked.returncode, checked.stderr) == (0, "")
    compiled = folder / "page.mo"
    assert _msgfmt("--use-fuzzy", "-o", str(compiled), str(path)).returncode == 0
    loaded = catalog.load(path, LANG)
    wanted = {
        (e.msgctxt, e.msgid): (e.msgstr_plural and dict(e.msgstr_plural)) or e.msgstr
        for e in loaded
        if not e.obsolete and (e.msgstr or any(e.msgstr_plural.values()))
    }
    got = {
        (e.msgctxt, e.msgid): (e.msgstr_plural and dict(e.msgstr_plural)) or e.msgstr
        for e in polib.mofile(str(compiled))
        if e.msgid
    }
    assert got == wanted


@pytest.mark.parametrize("char", list(REFUSED), ids=["NUL", "EOT"])
@pytest.mark.parametrize("where", ["msgid", "msgstr"])
def test_what_gettext_cannot_hold_is_refused_before_writing(
    tmp_path: Path, char: str, where: str
) -> None:
    """Refused with a message naming the entry, before anything is written. Fails when
    ``serialize`` stops looking for NUL and EOT in the entries (polib writes them raw:
    msgfmt silently cuts a text at NUL and refuses EOT; the linter's check of the text
    about to be written would still refuse it, without naming the entry)."""
    po = catalog.new(LANG, "page.md")
    unit = f"Текст{char}ещё" if where == "msgid" else "Текст"
    catalog.merge(po, [unit])
    catalog.set_machine(po[0], f"Text{char}more" if where == "msgstr" else "Text", "test")
    path = tmp_path / "en" / "page.po"
    with pytest.raises(CatalogError, match=r"^the entry 'Текст.*' holds an? (NUL|EOT) "):
        catalog.save(po, path)
    assert not path.exists()
    assert [p.name for p in tmp_path.rglob("*") if p.is_file()] == []


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('msgstr "a\\ab"', "the escape \\a is read as one character by gettext"),
        ('msgstr "a\\101"', "the escape \\1 is read as one character by gettext"),
        ('msgstr "a\\x41"', "the escape \\x is read as one character by gettext"),
        ('msgstr "a\x00b"', "a NUL character (U+0000)"),
        ('msgstr "a\x04b"', "an EOT character (U+0004)"),
        ('msgstr "a\rb"', "unterminated string"),  # polib reads a raw \r as a line break
        ('msgstr "a\u2028b\x85c\fd"', None),  # msgfmt and polib: characters of the line
    ],
)
def test_linter_refuses_what_gettext_and_polib_read_differently(
    tmp_path: Path, line: str, message: str | None
) -> None:
    """The linter agrees with msgfmt and polib: it accepts what both read the same way and
    refuses the rest. Fails when the linter accepts an escape polib does not know (the
    ``_STRING`` pattern as it was: Diptych's next write would turn ``\\a`` into ``\\\\a``)
    or splits lines at U+2028, U+0085 or form feed."""
    text = (
        f'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "a"\n{line}\n'
    )
    found = [m for _, m in catalog.syntax(text)]
    if message is None:
        assert found == []
        path = tmp_path / "ok.po"
        path.write_text(text, encoding="utf-8", newline="")
        assert _msgfmt("--check-format", "-o", "/dev/null", str(path)).returncode == 0
        assert catalog.load(path)[0].msgstr == "a\u2028b\x85c\fd"
    else:
        assert found and found[0].startswith(message), found


def test_translate_writes_catalogs_it_reads_for_any_unicode(
    make_project: MakeProject, diptych: Diptych
) -> None:
    """The report: U+0085 in a page's title, U+2028 and a form feed in its text. Fails
    when ``catalog.load``/``syntax`` split lines as ``str.splitlines`` does (then
    ``translate`` wrote the catalog and ``status`` refused it as broken)."""
    root = make_project(
        {"стр.md": '---\ntitle: "Заголовок\\x85"\n---\n\nРаз\u2028два.\n\nТри\fчетыре.\n'},
        targets=("en",),
    )
    code, _, err = diptych(root, "translate", "--engine", "pseudo", "-q")
    assert (code, err) == (0, "")
    path = root / "translations" / "en" / "стр.po"
    msgids = [e.msgid for e in catalog.load(path, LANG)]
    assert any("\x85" in m for m in msgids) and any("\u2028" in m for m in msgids), msgids
    code, out, err = diptych(root, "status")
    assert (code, err) == (0, ""), out
    assert main(["-C", str(root), "check"]) == 0


HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: en\\n"\n'


@pytest.mark.parametrize(
    ("entries", "second"),
    [
        ('#~ msgid "a"\n#~ msgstr "b"\n\n#~ msgid "a"\n#~ msgstr "c"\n', 9),
        ('msgid "a"\nmsgstr "b"\n\n#~ msgid "a"\n#~ msgstr "c"\n', 9),
    ],
    ids=["two obsolete", "live and obsolete"],
)
def test_duplicates_gettext_refuses_are_refused(tmp_path: Path, entries: str, second: int) -> None:
    """msgfmt refuses two entries with one msgid even where they are obsolete ("duplicate
    message definition"), so ``load`` does too, naming both lines, and ``serialize`` never
    writes them. Fails when ``_duplicate`` skips obsolete entries (Diptych would read and
    rewrite a catalog msgfmt refuses)."""
    path = tmp_path / "dup.po"
    path.write_text(f"{HEADER}\n{entries}", encoding="utf-8")
    assert _msgfmt("--check-format", "-o", "/dev/null", str(path)).returncode == 1
    with pytest.raises(CatalogError) as caught:
        catalog.load(path, LANG)
    assert caught.value.line == second
    assert "duplicate entry: the same msgid appears twice" in caught.value.message
    assert caught.value.hint is not None and f"lines 6 and {second}" in caught.value.hint
    po = polib.pofile(str(path))
    with pytest.raises(CatalogError, match="nothing was written"):
        catalog.serialize(po)
