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

from mkdocs.plugins import event_priority

from diptych.check.settings import load as load_settings
from diptych.site.build import load_site_project, plugin_errors
from diptych.site.order import priority

log = logging.getLogger("mkdocs.diptych")


@plugin_errors
def watched_folders(config: Any) -> list[Path]:
    """The project's folders outside docs/ that the site is made from."""
    project = load_site_project(config)
    return [project.translations_dir, load_settings(project).glossary_dir]


@event_priority(priority("serve", "on_serve"))
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
