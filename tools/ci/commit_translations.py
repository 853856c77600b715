#!/usr/bin/env python3
"""The publish workflow's delivery step: lay the catalogs the translate runners wrote over
this checkout and deliver them as ``extra.diptych.publish`` says.

* ``commit``: one commit on the branch, pushed; the workflow then builds that commit.
  A push made with the workflow's token starts no other workflow, so this cannot loop
  (and a run that finds nothing to translate commits nothing).
* ``pull-request``: the same commit on ``machine-translation/<branch>``, force-pushed, and
  one pull request opened or updated for review (``GITHUB_TOKEN``, ``GITHUB_REPOSITORY``).

Usage: commit_translations.py --mode MODE [--shards DIR] [--branch main] [--remote origin]

``--shards DIR`` holds one folder per runner with its ``shard.tar`` (the catalogs it wrote)
and ``deleted`` (NUL-separated catalogs it moved away). A catalog two runners wrote means
the shards overlapped: nothing is delivered. Prints ``sha=`` (the pushed commit, commit
mode) and ``pull=`` (the pull request, pull-request mode) for ``$GITHUB_OUTPUT``.
"""

from __future__ import annotations

import argparse
import os
import sys
import tarfile
from pathlib import Path, PurePosixPath

from diptych.errors import DiptychError
from diptych.github import GitHub
from diptych.gitrepo import BOT_EMAIL, BOT_NAME, Git

TRANSLATIONS = "translations"


def _catalog_name(name: str, where: Path) -> str:
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or path.parts[:1] != (TRANSLATIONS,):
        raise DiptychError(f"{name!r} is not a catalog under {TRANSLATIONS}/", path=where)
    return path.as_posix()


def merge(shards: Path, root: Path) -> int:
    """Lay every runner's catalogs over ``root``; returns how many files were laid."""
    seen: dict[str, Path] = {}
    archives = sorted(shards.glob("*/shard.tar"))
    for archive in archives:
        with tarfile.open(archive) as tar:
            for member in tar.getmembers():
                name = _catalog_name(member.name, archive)
                if not member.isfile():
                    raise DiptychError(f"{name}: not a regular file", path=archive)
                if name in seen:
                    raise DiptychError(
                        f"{name} written by two runners ({seen[name].parent.name} and "
                        f"{archive.parent.name}): the shards overlap",
                        path=archive,
                    )
                seen[name] = archive
    for archive in archives:
        with tarfile.open(archive) as tar:
            tar.extractall(root, filter="data")
    for listing in sorted(shards.glob("*/deleted")):
        for name in filter(None, listing.read_bytes().decode("utf-8").split("\0")):
            (root / _catalog_name(name, listing)).unlink(missing_ok=True)
    return len(seen)


def commit(git: Git, runners: int) -> str | None:
    """Commit every change under translations/ as the workflow's bot (None: none)."""
    if not git("status", "--porcelain", "--", TRANSLATIONS):
        return None
    git("add", "--all", "--", TRANSLATIONS)
    count = len(git("diff", "--cached", "--name-only").splitlines())
    run = os.environ.get("GITHUB_RUN_ID", "local")
    message = (
        f"Machine translations: {count} catalog(s)\n\n"
        f"Made by `diptych translate` on {runners} runner(s) in workflow run {run}. New "
        "entries are machine translation (fuzzy): the site marks them so until a person "
        "reviews them.\n"
    )
    who = {"NAME": BOT_NAME, "EMAIL": BOT_EMAIL}
    env = {f"GIT_{role}_{key}": v for role in ("AUTHOR", "COMMITTER") for key, v in who.items()}
    git("commit", "--quiet", "--no-verify", "--message", message, env=env)
    return git("rev-parse", "HEAD")


def push_to(git: Git, branch: str) -> None:
    """Push HEAD to ``branch``; if someone pushed meanwhile, rebase on theirs once."""
    try:
        git("push", "--quiet", git.remote, f"HEAD:refs/heads/{branch}")
    except DiptychError:
        git("pull", "--quiet", "--rebase", git.remote, branch)
        git("push", "--quiet", git.remote, f"HEAD:refs/heads/{branch}")


def propose(git: Git, branch: str) -> str:
    """Force-push HEAD to the review branch and open or update its pull request."""
    token, repository = os.environ.get("GITHUB_TOKEN"), os.environ.get("GITHUB_REPOSITORY")
    if not token or not repository:
        raise DiptychError("GITHUB_TOKEN and GITHUB_REPOSITORY must be set for pull-request mode")
    github = GitHub(os.environ.get("GITHUB_API_URL", "https://api.github.com"), repository, token)
    review = f"machine-translation/{branch}"
    git("push", "--quiet", "--force", git.remote, f"HEAD:refs/heads/{review}")
    title = "Machine translations awaiting review"
    body = (
        f"New and updated machine translations for `{branch}`, made by the publish workflow. "
        "Every new entry is marked fuzzy (machine translation); merge to publish them as "
        "such, or review them first (`diptych review`, or the side-by-side view). This pull "
        "request is updated by every later run until it is merged."
    )
    existing = github.open_pull(review)
    if existing is None:
        return github.create_pull(review, branch, title, body).url
    return github.update_pull(existing.number, title, body).url


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mode", choices=("commit", "pull-request"), required=True)
    parser.add_argument("--shards", type=Path)
    parser.add_argument("--runners", type=int, default=1)
    parser.add_argument("--branch", default="main")
    parser.add_argument("--remote", default="origin")
    args = parser.parse_args()
    git = Git(Path.cwd(), args.remote)
    try:
        if args.shards is not None:
            print(f"laid {merge(args.shards, Path.cwd())} catalog file(s)", file=sys.stderr)
        sha = commit(git, args.runners)
        if sha is None:
            print("nothing new to deliver", file=sys.stderr)
            return 0
        if args.mode == "commit":
            push_to(git, args.branch)
            print(f"sha={git('rev-parse', 'HEAD')}")
        else:
            print(f"pull={propose(git, args.branch)}")
    except DiptychError as exc:
        print(f"commit_translations: error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
