"""diptych suggest EVENT: apply a fix a reader sent through the site's issue form.

EVENT is the JSON of a GitHub ``issues`` event (``$GITHUB_EVENT_PATH`` in a workflow). By
itself the command applies the text to the catalog in this checkout by the rules of
``diptych review`` and prints what the issue would be told; with ``--pull-request`` it
commits the fix on the issue's branch, pushes it, opens or updates the pull request and
comments on the issue (``GITHUB_TOKEN``, ``GITHUB_REPOSITORY`` and ``GITHUB_API_URL``
from the environment, as a workflow sets them).
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from ..config import load_project
from ..errors import DiptychError
from ..github import GitHub
from ..gitrepo import Git
from ..suggestions.apply import Refused, apply
from ..suggestions.form import FormError, parse
from ..suggestions.publish import Issue, handle, pull_body, refusal

help = "apply a translation fix sent through the site's issue form (a GitHub issue event)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("event", metavar="EVENT", help="the issue event's JSON file")
    parser.add_argument(
        "--pull-request",
        action="store_true",
        help="commit on the issue's branch, push, open or update the pull request, comment",
    )
    parser.add_argument("--base", help="the branch the pull request goes into (default: current)")
    parser.add_argument("--remote", default="origin", help="the remote to push to")


def _github() -> GitHub:
    missing = [n for n in ("GITHUB_TOKEN", "GITHUB_REPOSITORY") if not os.environ.get(n)]
    if missing:
        raise DiptychError(
            f"{' and '.join(missing)} not set",
            hint="--pull-request runs in a workflow, which sets them (the token as "
            "GITHUB_TOKEN: ${{ github.token }})",
        )
    return GitHub(
        os.environ.get("GITHUB_API_URL", "https://api.github.com"),
        os.environ["GITHUB_REPOSITORY"],
        os.environ["GITHUB_TOKEN"],
    )


def run(args: argparse.Namespace) -> int:
    project = load_project(args.project)
    issue = Issue.read(Path(args.event))
    if args.pull_request:
        github = _github()
        base = args.base or Git(project.root)("branch", "--show-current")
        outcome = handle(project, issue, github, base=base, remote=args.remote)
        print(f"#{issue.number}: {outcome.kind}" + (f": {outcome.pull}" if outcome.pull else ""))
        return 0
    why = issue.ignored()
    if why is not None:
        print(f"#{issue.number}: ignored: {why}")
        return 1
    try:
        applied = apply(project, parse(issue.body))
    except (FormError, Refused) as error:
        print(refusal(issue, error))
        return 1
    print(f"{applied.shown}:{applied.line}: reviewed (was {applied.before_state.value})")
    print()
    print(pull_body(issue, applied))
    return 0
