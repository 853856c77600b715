"""``mkdocs serve`` rebuilds when a catalog or a glossary changes (hooks/serve.py): the
hook, run by MkDocs' own plugin machinery from the mini site's mkdocs.yml, adds
translations/ and glossary/ to what the live-reload server watches. The server is made
but never started."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.livereload import LiveReloadServer

from tests.support.pages import CATALOGS, PAGES
from tests.support.project import write_mini_project


def _serve_hooks(root: Path) -> LiveReloadServer:
    """The server as ``mkdocs serve`` hands it to the plugins' and hooks' on_serve."""
    config = load_config(str(root / "mkdocs.yml"))
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(root))
    server.watch(config.docs_dir)  # what MkDocs itself watches first
    returned = config.plugins.on_serve(server, config=config, builder=lambda: None)
    assert returned is server
    return server


def test_serve_watches_translations_and_glossary(tmp_path: Path) -> None:
    """Fails when hooks/serve.py is left out of the hooks list in mkdocs.yml (here, the
    mini site's, which has the same list) or stops watching either folder."""
    root = write_mini_project(tmp_path / "сайт", PAGES, CATALOGS)
    (root / "glossary").mkdir()
    (root / "glossary" / "ru-en.csv").write_text("source,target,note\n", encoding="utf-8")
    server = _serve_hooks(root)
    assert sorted(server._watched_paths) == sorted(
        str(root / name) for name in ("docs", "translations", "glossary")
    )


def test_a_folder_not_made_yet_is_named_not_watched(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A folder that does not exist cannot be watched (the watcher fails when serve
    starts), so it is left out and serve says so. Fails when the hook watches it anyway."""
    root = write_mini_project(tmp_path / "сайт", PAGES, CATALOGS)
    with caplog.at_level(logging.INFO, logger="mkdocs.diptych"):
        server = _serve_hooks(root)
    assert sorted(server._watched_paths) == sorted(
        str(root / name) for name in ("docs", "translations")
    )
    assert "glossary/ does not exist yet" in caplog.text


def test_the_project_serves_with_the_hook() -> None:
    """The project's own mkdocs.yml lists the hook (the mini site's list is a copy).
    Fails when hooks/serve.py is missing from mkdocs.yml."""
    repo = Path(__file__).resolve().parents[2]
    config = load_config(str(repo / "mkdocs.yml"))
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(repo))
    config.plugins.on_serve(server, config=config, builder=lambda: None)
    assert str(repo / "translations") in server._watched_paths
