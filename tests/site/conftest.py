"""Fixtures of the site tests (helpers in tests/support/): the mini project and the
project itself, each built (``*_built``) and served on 127.0.0.1 (``*_served``), and
Debian's Chromium via Playwright."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from tests.support.browser import Tab
from tests.support.external import CHROMIUM, CHROMIUM_ARGS, require
from tests.support.project import write_mini_project
from tests.support.repo import REPO
from tests.support.site import Built, build, serve


@pytest.fixture(scope="session")
def mini_built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """A three-language mini site (ru, en, ar) with Cyrillic file names and every state."""
    root = write_mini_project(tmp_path_factory.mktemp("mini") / "сайт")
    built = build(root)
    assert built.returncode == 0, built.log
    return built


@pytest.fixture(scope="session")
def repo_built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The project's own site, built with --strict into a temporary folder."""
    built = build(REPO, site_dir=tmp_path_factory.mktemp("repo-site") / "site")
    assert built.returncode == 0, built.log
    return built


@pytest.fixture(scope="session")
def repo_served(repo_built: Built) -> Iterator[str]:
    """The project's site served on 127.0.0.1."""
    yield from serve(repo_built.site)


@pytest.fixture(scope="session")
def mini_served(mini_built: Built) -> Iterator[str]:
    """The mini site served on 127.0.0.1."""
    yield from serve(mini_built.site)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's Chromium, never a downloaded browser."""
    require(CHROMIUM, "Debian's chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page_factory(browser: Any) -> Iterator[Callable[..., Tab]]:
    """New pages in a fresh context (or in ``context``), as :class:`Tab`: every request to
    a host other than 127.0.0.1 and every console error is recorded (``page.foreign``,
    ``page.errors``)."""
    contexts: list[Any] = []

    def make(width: int = 1400, height: int = 900, context: Any = None) -> Tab:
        if context is None:
            context = browser.new_context(viewport={"width": width, "height": height})
            contexts.append(context)
        return Tab(context.new_page())

    yield make
    for context in contexts:
        context.close()
