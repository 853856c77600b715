"""``mkdocs serve`` rebuilds the site when a catalog or a glossary changes, not only a page.

MkDocs watches docs/, mkdocs.yml and the theme. The translations (``translations/``,
where ``diptych translate``, ``diptych review`` and translators' editors write) and the
glossaries (``glossary/``) lie outside docs/, so they are watched here too. A folder that
does not exist yet cannot be watched (MkDocs' watcher fails on it): serve says so, and a
restart after the first ``diptych translate`` watches it.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from diptych.check.settings import load as load_settings
from diptych.config import load_project
from diptych.site.build import plugin_errors

log = logging.getLogger("mkdocs.diptych")


@plugin_errors
def watched_folders(config: Any) -> list[Path]:
    """The project's folders outside docs/ that the site is made from."""
    path = Path(config.config_file_path).resolve()
    project = load_project(path.parent, path.name)
    return [project.translations_dir, load_settings(project).glossary_dir]


def on_serve(server: Any, config: Any, builder: Any) -> Any:
    for folder in watched_folders(config):
        if folder.is_dir():
            server.watch(str(folder))
        else:
            log.info(
                "%s/ does not exist yet: restart `mkdocs serve` once it does to reload on "
                "its changes",
                folder.name,
            )
    return server
