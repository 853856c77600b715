"""GitHub as the suggestion tests meet it: a fake of the few REST calls Diptych makes,
served on 127.0.0.1 (it records each call and answers as GitHub does), and the recorded
``issues`` event a reader's fix arrives in.
The ``github`` fixture (tests/conftest.py) starts the fake and points ``GITHUB_API_URL``
(with a token and a repository) at it."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from typing import Any
from urllib.parse import parse_qs, urlsplit

from diptych.suggestions.form import text_key, unit_key

from .pages import ENGLISH
from .repo import REPO

REPOSITORY = "diptych-project/diptych"
EVENTS = REPO / "tests" / "fixtures" / "events"
# The unit of the sample page a reader suggests a fix for, unless a test names another.
PEACE = "Миротворческие силы ОДКБ численностью около 2 500 человек прибыли 10 января 2022 года."


@dataclass
class FakeGitHub:
    """Answers the four calls a suggestion makes, as GitHub's REST API does."""

    calls: list[tuple[str, str, Any]] = field(default_factory=list)
    pulls: list[dict[str, Any]] = field(default_factory=list)
    url: str = ""

    def handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def _answer(self, status: int, data: Any) -> None:
                body = json.dumps(data).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def _record(self) -> Any:
                length = int(self.headers.get("Content-Length") or 0)
                data = json.loads(self.rfile.read(length)) if length else None
                assert self.headers["Authorization"] == "Bearer test-token"
                fake.calls.append((self.command, self.path, data))
                return data

            def do_GET(self) -> None:
                self._record()
                query = parse_qs(urlsplit(self.path).query)
                assert query["state"] == ["open"]
                owner, branch = query["head"][0].split(":", 1)
                assert owner == REPOSITORY.split("/")[0]
                self._answer(200, [p for p in fake.pulls if p["head"] == branch])

            def do_POST(self) -> None:
                data = self._record()
                if self.path.endswith("/pulls"):
                    number = 58 + len(fake.pulls)
                    url = f"https://github.com/o/r/pull/{number}"
                    pull = {"number": number, "html_url": url, **data}
                    fake.pulls.append(pull)
                    self._answer(201, pull)
                else:
                    self._answer(201, {"id": 1})

            def do_PATCH(self) -> None:
                data = self._record()
                fake.pulls[0].update(data)
                self._answer(200, fake.pulls[0])

        return Handler


def event(
    text: str,
    unit: str = PEACE,
    seen: str | None = "",
    *,
    lang: str = "en",
    page: str = "page.md",
    action: str = "opened",
) -> dict[str, Any]:
    """The recorded payload, filled in as the form would be for ``unit`` (``seen``: the
    translation the reader saw; "" means the reviewed English of the unit)."""
    data: dict[str, Any] = json.loads((EVENTS / "issues-opened.json").read_text("utf-8"))
    shown = ENGLISH.get(unit) if seen == "" else seen
    body = (
        data["issue"]["body"]
        .replace("UNIT", unit_key(unit))
        .replace("SEEN", text_key(shown))
        .replace("TEXT", text)
        .replace("\n\nen\n\n", f"\n\n{lang}\n\n", 1)
        .replace("\n\npage.md\n\n", f"\n\n{page}\n\n", 1)
    )
    data["issue"]["body"] = body
    data["action"] = action
    return data
