"""The colour-scheme toggle (theme.palette in mkdocs.yml) is named in the reader's
language: overrides/partials/palette.html asks the site's interface strings."""

from __future__ import annotations

from typing import Any

from mkdocs.plugins import event_priority

from diptych.site.order import priority
from diptych.ui import ui


@event_priority(priority("palette", "on_env"))
def on_env(env: Any, config: Any, files: Any) -> Any:
    env.globals["diptych_ui"] = ui
    return env
