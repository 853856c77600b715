"""`diptych models install` against a package index served on 127.0.0.1."""

from __future__ import annotations

import functools
import json
import os
import socket
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from translatefixtures import FIXTURE_MODELS

Site = Callable[..., Path]
PACKAGE = FIXTURE_MODELS / "translate-ru_en-test.argosmodel"


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def index_server(tmp_path: Path) -> Iterator[str]:
    served = tmp_path / "index"
    served.mkdir()
    (served / PACKAGE.name).write_bytes(PACKAGE.read_bytes())
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=served))
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    index = [
        {
            "package_version": "1.0",
            "argos_version": "1.9",
            "from_code": "ru",
            "from_name": "Russian",
            "to_code": "en",
            "to_name": "English",
            "links": [base + PACKAGE.name],
        }
    ]
    (served / "index.json").write_text(json.dumps(index), encoding="utf-8")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield base
    server.shutdown()


def run(root: Path, index: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "ARGOS_PACKAGE_INDEX": index, "HOME": str(root / "home")}
    return subprocess.run(
        [sys.executable, "-m", "diptych.cli", "-C", str(root), "models", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def test_install_downloads_into_the_models_folder(make_site: Site, index_server: str) -> None:
    root = make_site({"а.md": "Текст.\n"}, languages=("en",))
    result = run(root, index_server, "install", "ru", "en")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "downloading ru→en from the Argos Translate package index (network access)",
        "installed translate-ru_en-test 1.0 into models/",
    ]
    assert (root / "models" / "translate-ru_en.argosmodel").read_bytes() == PACKAGE.read_bytes()
    assert not (root / "home").exists()  # nothing written into the user's home


def test_install_without_a_reachable_index_is_a_clean_error(make_site: Site) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    root = make_site({"а.md": "Текст.\n"}, languages=("en",))
    result = run(root, f"http://127.0.0.1:{port}/", "install", "ru", "en")
    assert result.returncode == 2
    assert result.stderr.splitlines()[-2:] == [
        f"diptych: error: cannot download the Argos package index from "
        f"http://127.0.0.1:{port}/index.json",
        "  hint: check the network connection, or add a downloaded file with "
        "`diptych models add FILE.argosmodel`",
    ]
