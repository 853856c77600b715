"""From an issue event to a pull request: read the event, apply the fix, commit it on the
issue's own branch crediting the volunteer, push, open or update the pull request, and
answer on the issue.

Everything the issue holds is data: it reaches git as arguments of ``subprocess`` (never a
shell) and GitHub as JSON, and is quoted in comments inside code fences. One branch per
issue (``translation-fix/issue-N``) makes an edited issue update its pull request, and the
commit is made from the issue's creation time, so a repeated delivery of the same event
makes the same commit and changes nothing.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..config import Project
from ..errors import DiptychError
from ..github import GitHub
from ..gitrepo import Git
from .apply import Applied, Refused, apply
from .form import LABEL, FormError, parse

ACTIONS = ("opened", "edited", "reopened")
_LOGIN = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})")


@dataclass(frozen=True)
class Issue:
    """What a suggestion needs of an ``issues`` event."""

    action: str
    number: int
    body: str
    state: str
    labels: tuple[str, ...]
    login: str
    user_id: int
    user_type: str
    created_at: str
    is_pull_request: bool

    @classmethod
    def read(cls, path: Path) -> Issue:
        try:
            event: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
            issue = event["issue"]
            user = issue["user"]
            return cls(
                action=str(event["action"]),
                number=int(issue["number"]),
                body=str(issue.get("body") or ""),
                state=str(issue["state"]),
                labels=tuple(str(label["name"]) for label in issue.get("labels") or ()),
                login=str(user["login"]),
                user_id=int(user["id"]),
                user_type=str(user.get("type", "User")),
                created_at=str(issue["created_at"]),
                is_pull_request="pull_request" in issue,
            )
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise DiptychError(
                f"not an issue event: {exc}",
                path=path,
                hint="give the file GitHub names in $GITHUB_EVENT_PATH for an `issues` event",
            ) from None

    def ignored(self) -> str | None:
        """Why this event is no suggestion to act on (None: it is one)."""
        if self.is_pull_request:
            return "a pull request, not an issue"
        if self.action not in ACTIONS:
            return f"the issue was {self.action}"
        if LABEL not in self.labels:
            return f"the issue has no “{LABEL}” label"
        if self.state != "open":
            return "the issue is closed"
        if self.user_type != "User":
            return f"opened by a {self.user_type.lower()}"
        return None

    @property
    def branch(self) -> str:
        return f"translation-fix/issue-{self.number}"

    def co_author(self) -> str:
        if not _LOGIN.fullmatch(self.login):
            raise DiptychError(f"not a GitHub login: {self.login!r}")
        return f"{self.login} <{self.user_id}+{self.login}@users.noreply.github.com>"


@dataclass(frozen=True)
class Outcome:
    """What happened, in a word (ignored, refused, applied, unchanged, opened, updated),
    and the words the issue gets (None: no comment)."""

    kind: str
    comment: str | None
    pull: str | None = None


def fenced(text: str) -> str:
    """``text`` as a Markdown code block: shown as written, no mention, link or markup."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}text\n{text}\n{fence}"


def refusal(issue: Issue, error: DiptychError) -> str:
    parts = [f"Thank you, @{issue.login}. {error.message}"]
    reasons = getattr(error, "reasons", ())
    if reasons:
        parts.append(fenced("\n".join(f"- {reason}" for reason in reasons)))
    if error.hint:
        parts.append(f"What to do: {error.hint}.")
    return "\n\n".join(parts)


def title(applied: Applied) -> str:
    return f"Translation fix ({applied.lang}): {applied.page}"


def pull_body(issue: Issue, applied: Applied) -> str:
    before = applied.before or "(none: the page showed the Russian text)"
    parts = [
        f"A fix suggested by @{issue.login} in #{issue.number}, applied by `diptych suggest` "
        "with the rules of `diptych review`: the entry is marked reviewed.",
        f"Catalog: `{applied.shown}` (the entry at line {applied.line}).",
        "Original:",
        fenced(applied.source),
        f"Translation until now ({applied.before_state.value}):",
        fenced(before),
        "Suggested translation:",
        fenced(applied.after),
    ]
    if applied.moved_on:
        parts.append(
            "Note: the translation changed after the volunteer opened the page; the one "
            "replaced above is the current one, not the one they saw."
        )
    parts.append(f"Closes #{issue.number}")
    return "\n\n".join(parts)


def commit_message(issue: Issue, applied: Applied) -> str:
    return (
        f"{title(applied)}\n\n"
        f"Suggested in issue #{issue.number} through the site's form.\n\n"
        f"Co-authored-by: {issue.co_author()}\n"
    )


def handle(
    project: Project, issue: Issue, github: GitHub, *, base: str, remote: str = "origin"
) -> Outcome:
    """The whole path for one event: see the module's description."""
    why = issue.ignored()
    if why is not None:
        return Outcome("ignored", None)
    git = Git(project.root, remote)
    git.require_clean()
    try:
        applied = apply(project, parse(issue.body))
    except (FormError, Refused) as error:
        comment = refusal(issue, error)
        github.comment(issue.number, comment)
        return Outcome("refused", comment)
    try:
        head = git.commit_on(
            issue.branch, applied.path, commit_message(issue, applied), issue.created_at
        )
        if git.remote_head(issue.branch) == head:
            return Outcome("unchanged", None)
        git.push(issue.branch)
    finally:
        git("switch", "--quiet", "--force", base)
    existing = github.open_pull(issue.branch)
    if existing is None:
        pull = github.create_pull(issue.branch, base, title(applied), pull_body(issue, applied))
        comment = (
            f"Thank you, @{issue.login}! Your fix is in pull request #{pull.number}: "
            f"{pull.url}. A reviewer will look at it; once it is merged, the site shows "
            "your translation."
        )
        kind = "opened"
    else:
        pull = github.update_pull(existing.number, title(applied), pull_body(issue, applied))
        comment = f"Your edit is now in pull request #{pull.number}: {pull.url}."
        kind = "updated"
    github.comment(issue.number, comment)
    return Outcome(kind, comment, pull.url)
