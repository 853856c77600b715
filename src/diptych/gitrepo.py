"""git in a project's checkout, for the workflows' commits: run with argument lists, never
a shell, so that no text from an issue or a page is read as a command."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from .errors import DiptychError

# The identity GitHub gives commits made with a workflow's token.
BOT_NAME = "github-actions[bot]"
BOT_EMAIL = "41898282+github-actions[bot]@users.noreply.github.com"


class Git:
    """git in the project's checkout, run with argument lists (never a shell)."""

    def __init__(self, root: Path, remote: str = "origin") -> None:
        self.root = root
        self.remote = remote

    def __call__(self, *args: str, env: dict[str, str] | None = None) -> str:
        done = subprocess.run(
            ["git", *args],
            cwd=self.root,
            env={**os.environ, **(env or {})},
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            raise DiptychError(f"git {args[0]} failed: {done.stderr.strip()}", path=self.root)
        return done.stdout.strip()

    def require_clean(self) -> None:
        if self("status", "--porcelain", "--untracked-files=no"):
            raise DiptychError(
                "the checkout has uncommitted changes",
                path=self.root,
                hint="run `diptych suggest --pull-request` in a clean checkout of the base branch",
            )

    def commit_on(self, branch: str, path: Path, message: str, date: str) -> str:
        """Commit ``path`` on ``branch`` (made afresh from HEAD), as the workflow's bot."""
        who = {"NAME": BOT_NAME, "EMAIL": BOT_EMAIL, "DATE": date}
        env = {
            f"GIT_{role}_{key}": value
            for role in ("AUTHOR", "COMMITTER")
            for key, value in who.items()
        }
        self("switch", "--quiet", "--force-create", branch)
        self("add", "--", str(path))
        self("commit", "--quiet", "--no-verify", "--message", message, env=env)
        return self("rev-parse", "HEAD")

    def remote_head(self, branch: str) -> str | None:
        out = self("ls-remote", self.remote, f"refs/heads/{branch}")
        return out.split()[0] if out else None

    def push(self, branch: str) -> None:
        self("push", "--quiet", "--force", self.remote, f"{branch}:refs/heads/{branch}")
