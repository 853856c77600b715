"""The few calls of GitHub's REST API the workflows need: find, open and update a pull
request, comment on an issue. The API's address comes from ``GITHUB_API_URL`` in a
workflow (GitHub Enterprise included); tests point it at a server on 127.0.0.1."""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import Any

from .errors import DiptychError

TIMEOUT = 30


class GitHubError(DiptychError):
    """GitHub refused a call or could not be reached."""


@dataclass(frozen=True)
class PullRequest:
    number: int
    url: str  # the page a person opens


@dataclass(frozen=True)
class GitHub:
    api: str  # https://api.github.com
    repository: str  # owner/name
    token: str

    def _call(self, method: str, path: str, payload: dict[str, Any] | None = None) -> Any:
        url = f"{self.api.rstrip('/')}/repos/{self.repository}/{path}"
        data = None if payload is None else json.dumps(payload).encode("utf-8")
        request = urllib.request.Request(url, data=data, method=method)
        request.add_header("Accept", "application/vnd.github+json")
        request.add_header("Authorization", f"Bearer {self.token}")
        request.add_header("X-GitHub-Api-Version", "2022-11-28")
        if data is not None:
            request.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
                body = response.read()
        except urllib.error.HTTPError as exc:
            detail = exc.read().decode("utf-8", "replace")[:300]
            hint = (
                "allow GitHub Actions to create pull requests (Settings → Actions → General)"
                if exc.code == 403 and path.startswith("pulls")
                else None
            )
            raise GitHubError(
                f"GitHub refused {method} {path}: {exc.code} {detail}", hint=hint
            ) from None
        except (urllib.error.URLError, TimeoutError) as exc:
            raise GitHubError(f"GitHub could not be reached at {self.api}: {exc}") from None
        return json.loads(body) if body else None

    def open_pull(self, branch: str) -> PullRequest | None:
        """The open pull request from ``branch`` of this repository, if there is one."""
        owner = self.repository.split("/")[0]
        query = urllib.parse.urlencode({"head": f"{owner}:{branch}", "state": "open"})
        found = self._call("GET", f"pulls?{query}")
        return _pull(found[0]) if found else None

    def create_pull(self, branch: str, base: str, title: str, body: str) -> PullRequest:
        payload = {"head": branch, "base": base, "title": title, "body": body}
        return _pull(self._call("POST", "pulls", payload))

    def update_pull(self, number: int, title: str, body: str) -> PullRequest:
        return _pull(self._call("PATCH", f"pulls/{number}", {"title": title, "body": body}))

    def comment(self, issue: int, body: str) -> None:
        self._call("POST", f"issues/{issue}/comments", {"body": body})


def _pull(data: dict[str, Any]) -> PullRequest:
    return PullRequest(int(data["number"]), str(data["html_url"]))
