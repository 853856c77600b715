"""The state that the hooks share (diptych.site.state) lives for one build: a second build
in the same process (``mkdocs serve`` rebuilding after an edit) reads the edited files
again, a failed build leaves nothing behind, and nothing is glued onto MkDocs' files."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, PluginError
from mkdocs.structure.files import File

from diptych.site.state import current_build
from tests.support.catalogs import write_catalog
from tests.support.pages import CATALOGS, FIRST, PAGES
from tests.support.project import write_mini_project

FIRST_EN = "en/" + FIRST.removesuffix(".md") + "/index.html"
FIRST_PAIR = "en/side-by-side/" + FIRST.removesuffix(".md") + "/index.html"


def _config(root: Path) -> MkDocsConfig:
    return load_config(str(root / "mkdocs.yml"), site_dir=str(root / "site"))


def _build(root: Path, config: MkDocsConfig | None = None) -> MkDocsConfig:
    config = config or _config(root)
    build(config)
    with pytest.raises(PluginError, match="no site build is under way"):
        current_build(config)  # dropped when the outermost build ended
    return config


def _edit(root: Path, text: str) -> None:
    entries = dict(CATALOGS["en"][FIRST])
    entries["Проверенный абзац о мире."] = (text, "reviewed")
    write_catalog(root, "en", FIRST, entries, only_listed=True)


def test_a_second_build_in_the_same_process_sees_an_edited_catalog(tmp_path: Path) -> None:
    root = write_mini_project(tmp_path / "сайт", copy.deepcopy(PAGES), copy.deepcopy(CATALOGS))
    first = _build(root)
    page = (root / "site" / FIRST_EN).read_text(encoding="utf-8")
    assert "A reviewed paragraph about peace." in page

    _edit(root, "An edited paragraph about peace.")
    _build(root)  # a fresh config, as mkdocs serve loads for a rebuild
    for path in (FIRST_EN, FIRST_PAIR):
        page = (root / "site" / path).read_text(encoding="utf-8")
        assert "An edited paragraph about peace." in page, path
        assert "A reviewed paragraph about peace." not in page, path

    _edit(root, "A twice edited paragraph about peace.")
    _build(root, first)  # the same config object once more
    page = (root / "site" / FIRST_EN).read_text(encoding="utf-8")
    assert "A twice edited paragraph about peace." in page


def test_a_failed_build_leaves_no_state_and_the_next_one_starts_afresh(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """An Arabic catalog that cannot be read fails the Arabic build, which
    mkdocs-static-i18n runs inside the Russian one (without the dashboard, which reads
    every catalog, no other language's build reads it): both end, and so does the state
    they shared. Fails when the state outlives a failed build (the next build would show
    what the failed one had read)."""
    pages = {rel: text for rel, text in PAGES.items() if rel != "dashboard.md"}
    root = write_mini_project(tmp_path / "сайт", pages, copy.deepcopy(CATALOGS))
    catalog = root / "translations" / "ar" / FIRST.replace(".md", ".po")
    good = catalog.read_text(encoding="utf-8")
    catalog.write_text('msgid "unterminated\n', encoding="utf-8")
    config = _config(root)
    with pytest.raises(Abort):
        build(config)
    assert "translations/ar/statements/" in caplog.text  # the Arabic build failed
    assert (root / "site" / FIRST_EN).is_file()  # the English build, before, went well
    with pytest.raises(PluginError, match="no site build is under way"):
        current_build(config)
    catalog.write_text(good.replace("البيان الأول", "البيان الأول المصحح"), "utf-8")
    _build(root, config)
    first_ar = FIRST_EN.replace("en/", "ar/", 1)
    assert "البيان الأول المصحح" in (root / "site" / first_ar).read_text("utf-8")


# A hook that looks at every file of every language's build, after the other hooks have
# done their work: an attribute neither MkDocs' File declares nor mkdocs-static-i18n sets
# (on the files it arranges) fails the build.
PROBE = """
from mkdocs.exceptions import Abort, PluginError
from mkdocs.structure.files import File

MKDOCS = set(dir(File)) | set(File.__annotations__)
I18N = {"alternates", "locale", "locale_alternate_of", "localization", "norm_src_uri"}


def on_env(env, config, files):
    glued = sorted(
        f"{file.src_uri}: {name}"
        for file in files
        for name in vars(file)
        if name not in MKDOCS | I18N
    )
    if glued:
        raise PluginError("glued onto MkDocs' files: " + ", ".join(glued))
    return env
"""


def test_nothing_is_glued_onto_mkdocs_files(tmp_path: Path) -> None:
    """What the hooks know of a file (a translated page, a side-by-side page) is kept by
    the build's state, not set on MkDocs' File objects. Fails when a hook sets an
    attribute of its own on a file (as ``diptych_pair`` once was)."""
    root = write_mini_project(tmp_path / "сайт", copy.deepcopy(PAGES), copy.deepcopy(CATALOGS))
    (root / "hooks" / "probe.py").write_text(PROBE, encoding="utf-8")
    config_file = root / "mkdocs.yml"
    text = config_file.read_text(encoding="utf-8")
    config_file.write_text(text.replace("hooks:\n", "hooks:\n  - hooks/probe.py\n", 1), "utf-8")
    assert not hasattr(File, "diptych_pair")  # (the probe's rule would let it through)
    _build(root)
    assert (root / "site" / FIRST_PAIR).is_file()
