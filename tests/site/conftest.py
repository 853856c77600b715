"""Fixtures for the site tests (helpers in sitefixtures.py): mini sites built under
tmp_path, the project's own site, a local HTTP server, Debian's Chromium via Playwright."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from sitefixtures import (
    CATALOGS,
    CHROMIUM,
    CHROMIUM_ARGS,
    PAGES,
    REPO,
    Built,
    build,
    make_site,
    require,
    serve,
)


@pytest.fixture(scope="session")
def mini_site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """A three-language mini site (ru, en, ar) with Cyrillic file names and every state."""
    root = make_site(tmp_path_factory.mktemp("mini") / "сайт", PAGES, CATALOGS)
    built = build(root)
    assert built.returncode == 0, built.log
    return built


@pytest.fixture(scope="session")
def repo_site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The project's own site, built with --strict into a temporary folder."""
    built = build(REPO, site_dir=tmp_path_factory.mktemp("repo-site") / "site")
    assert built.returncode == 0, built.log
    return built


@pytest.fixture(scope="session")
def repo_url(repo_site: Built) -> Iterator[str]:
    """The project's site served on 127.0.0.1."""
    yield from serve(repo_site.site)


@pytest.fixture(scope="session")
def mini_url(mini_site: Built) -> Iterator[str]:
    yield from serve(mini_site.site)


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
def page_factory(browser: Any) -> Iterator[Any]:
    """New pages in a fresh context; every request to a host other than 127.0.0.1 and
    every console error is recorded on the page (``page.foreign``, ``page.errors``)."""
    contexts: list[Any] = []

    def make(width: int = 1400, height: int = 900, context: Any = None) -> Any:
        if context is None:
            context = browser.new_context(viewport={"width": width, "height": height})
            contexts.append(context)
        page = context.new_page()
        page.foreign = []
        page.errors = []

        def route(route: Any) -> None:
            url = route.request.url
            if url.startswith(("http://127.0.0.1", "data:", "blob:")):
                route.continue_()
            else:
                page.foreign.append(url)
                route.abort()

        page.route("**/*", route)
        page.on("console", lambda m: m.type == "error" and page.errors.append(m.text))
        page.on("pageerror", lambda exc: page.errors.append(str(exc)))
        return page

    yield make
    for context in contexts:
        context.close()
