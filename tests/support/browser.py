"""Chromium tabs for the browser tests: a Playwright page that keeps the site offline and
records what went wrong, without attributes set on Playwright's own objects."""

from __future__ import annotations

from typing import Any


class Tab:
    """A page (Playwright's, passed on for everything else) whose requests to any host
    other than 127.0.0.1 are refused and recorded in ``foreign``, and whose console
    errors and uncaught exceptions are recorded in ``errors``: a test asserts both empty
    to show that the site makes no request elsewhere and runs without a script error."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.foreign: list[str] = []
        self.errors: list[str] = []
        page.route("**/*", self._route)
        page.on("console", self._console)
        page.on("pageerror", lambda exc: self.errors.append(str(exc)))

    def __getattr__(self, name: str) -> Any:
        return getattr(self.page, name)

    def _route(self, route: Any) -> None:
        url = route.request.url
        if url.startswith(("http://127.0.0.1", "data:", "blob:")):
            route.continue_()
        else:
            self.foreign.append(url)
            route.abort()

    def _console(self, message: Any) -> None:
        if message.type == "error":
            self.errors.append(message.text)
