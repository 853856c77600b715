"""Fixtures shared by every test folder."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.support.github import REPOSITORY, FakeGitHub
from tests.support.project import write_project
from tests.support.repo import FIXTURE_MODELS


@pytest.fixture(autouse=True)
def _no_user_argos_packages(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    """Packages a developer installed with argostranslate must not leak into tests."""
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path_factory.mktemp("argos-packages")))
    yield


@pytest.fixture
def github(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeGitHub]:
    """A fake GitHub API on 127.0.0.1 (tests/support/github.py), in the environment."""
    fake = FakeGitHub()
    server = ThreadingHTTPServer(("127.0.0.1", 0), fake.handler())
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    fake.url = f"http://127.0.0.1:{server.server_address[1]}"
    monkeypatch.setenv("GITHUB_API_URL", fake.url)
    monkeypatch.setenv("GITHUB_REPOSITORY", REPOSITORY)
    monkeypatch.setenv("GITHUB_TOKEN", "test-token")
    yield fake
    server.shutdown()


@pytest.fixture
def naive_models(tmp_path: Path) -> Path:
    """A project (ru source; en, de targets; empty docs/) whose models/ folder holds the
    naive ru→en package, never trained on placeholders or markup like a published model
    (tests/fixtures/models/naive/, see the README there), and the en→de test package.
    Write pages under docs/ and translate as in any project: the packages go through the
    same code as every other (argostranslate's Package, diptych.engines.argos.ArgosEngine)."""
    packages = [
        FIXTURE_MODELS / "naive" / "translate-ru_en-naive.argosmodel",
        FIXTURE_MODELS / "translate-en_de-test.argosmodel",
    ]
    root = write_project(tmp_path / "naive-project", {}, site_name="Naive")
    (root / "docs").mkdir()
    (root / "models").mkdir()
    for package in packages:
        shutil.copy(package, root / "models" / package.name)
    return root
