"""The colour-scheme toggle (theme.palette in mkdocs.yml) is named in the reader's
language: overrides/partials/palette.html asks the site's interface strings."""

from __future__ import annotations

from typing import Any

from diptych.site.strings import ui


def on_env(env: Any, config: Any, files: Any) -> Any:
    env.globals["diptych_ui"] = ui
    return env
