"""The state that the hooks share lives for one build: a second build in the same process
(``mkdocs serve`` rebuilding after an edit) reads the edited files again."""

from __future__ import annotations

import copy
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from sitefixtures import CATALOGS, FIRST, PAGES, make_site, write_catalog

FIRST_EN = "en/" + FIRST.removesuffix(".md") + "/index.html"
FIRST_PAIR = "en/side-by-side/" + FIRST.removesuffix(".md") + "/index.html"


def _build(root: Path, config: object | None = None) -> object:
    if config is None:
        config = load_config(str(root / "mkdocs.yml"), site_dir=str(root / "site"))
    build(config)  # type: ignore[arg-type]
    assert not hasattr(config, "diptych_site")  # dropped when the outermost build ended
    return config


def _edit(root: Path, text: str) -> None:
    entries = dict(CATALOGS["en"][FIRST])
    entries["Проверенный абзац о мире."] = (text, "reviewed")
    write_catalog(root, "en", FIRST, entries)


def test_a_second_build_in_the_same_process_sees_an_edited_catalog(tmp_path: Path) -> None:
    root = make_site(tmp_path / "сайт", copy.deepcopy(PAGES), copy.deepcopy(CATALOGS))
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
