"""`diptych models install` against package indexes served on 127.0.0.1."""

from __future__ import annotations

import functools
import json
import os
import shutil
import socket
import subprocess
import sys
import threading
import zipfile
from collections.abc import Callable, Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from diptych.cli import main
from diptych.config import load_project
from diptych.engines.argos import ArgosEngine, Decoding
from diptych.errors import ModelError
from tests.support.project import MakeProject, write_project
from tests.support.repo import FIXTURE_MODELS, RU_EN

Serve = Callable[..., str]
GERMAN = FIXTURE_MODELS / "translate-en_de-test.argosmodel"


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def _listed(package: Path, base: str) -> dict[str, object]:
    """A package as the Argos index lists it: its own metadata, with a link to it."""
    with zipfile.ZipFile(package) as archive:
        name = next(n for n in archive.namelist() if n.endswith("/metadata.json"))
        return {**json.loads(archive.read(name)), "links": [base + package.name]}


@pytest.fixture
def serve_index(tmp_path: Path) -> Iterator[Serve]:
    """Serve an Argos package index of the given packages, or of entries given as they
    are (each call its own server and folder); returns its address, the value of
    ARGOS_PACKAGE_INDEX."""
    servers: list[ThreadingHTTPServer] = []

    def serve(*packages: Path | dict[str, object]) -> str:
        served = tmp_path / f"index-{len(servers)}"
        served.mkdir()
        server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=served))
        servers.append(server)
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        files = [package for package in packages if isinstance(package, Path)]
        for package in files:
            shutil.copy(package, served / package.name)
        index = [_listed(p, base) if isinstance(p, Path) else p for p in packages]
        (served / "index.json").write_text(json.dumps(index), encoding="utf-8")
        threading.Thread(target=server.serve_forever, daemon=True).start()
        return base

    yield serve
    for server in servers:
        server.shutdown()


class _Flaky(_Quiet):
    """Answers 503 to the first ``failures`` requests for a package, then serves it."""

    failures: list[int]  # requests still to fail, shared by the server's handlers

    def do_GET(self) -> None:
        if self.path.endswith(".argosmodel") and self.failures[0] > 0:
            self.failures[0] -= 1
            self.send_error(503)
            return
        super().do_GET()


@pytest.fixture
def index_server(serve_index: Serve) -> str:
    return serve_index(RU_EN)


def run(root: Path, index: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "ARGOS_PACKAGE_INDEX": index, "HOME": str(root / "home")}
    return subprocess.run(
        [sys.executable, "-m", "diptych.cli", "-C", str(root), "models", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def test_install_downloads_into_the_models_folder(
    make_project: MakeProject, index_server: str
) -> None:
    root = make_project({"а.md": "Текст.\n"}, targets=("en",))
    result = run(root, index_server, "install", "ru", "en")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "downloading ru→en from the Argos Translate package index (network access)",
        "installed translate-ru_en-test 1.0 into models/",
    ]
    assert (root / "models" / "translate-ru_en.argosmodel").read_bytes() == RU_EN.read_bytes()
    assert not (root / "home").exists()  # nothing written into the user's home


def test_install_without_a_reachable_index_is_a_clean_error(make_project: MakeProject) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    root = make_project({"а.md": "Текст.\n"}, targets=("en",))
    result = run(root, f"http://127.0.0.1:{port}/", "install", "ru", "en")
    assert result.returncode == 2
    assert result.stderr.splitlines()[-2:] == [
        f"diptych: error: cannot download the Argos package index from "
        f"http://127.0.0.1:{port}/index.json",
        "  hint: check the network connection, or add a downloaded file with "
        "`diptych models add FILE.argosmodel`",
    ]


def test_two_projects_in_one_process_install_from_their_own_index(
    serve_index: Serve,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    """Each install reads the index the environment names at that moment and writes into
    its own project only; each project's engine then translates with its own package
    (real CTranslate2). Fails if argostranslate's settings, fixed when it is first
    imported in a process, decide the index or the folders of a later project."""
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    first, second = (
        write_project(tmp_path / name, {"а.md": "Текст.\n"}, targets=("en",))
        for name in ("first", "second")
    )
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", serve_index(RU_EN))
    assert main(["-C", str(first), "models", "install", "ru", "en"]) == 0
    before = sorted(str(p.relative_to(first)) for p in first.rglob("*"))
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", serve_index(GERMAN))
    assert main(["-C", str(second), "models", "install", "en", "de"]) == 0, capsys.readouterr()
    assert sorted(str(p.relative_to(first)) for p in first.rglob("*")) == before
    assert [p.name for p in (first / "models").iterdir()] == ["translate-ru_en.argosmodel"]
    assert [p.name for p in (second / "models").iterdir()] == ["translate-en_de.argosmodel"]
    assert (second / "models" / "translate-en_de.argosmodel").read_bytes() == GERMAN.read_bytes()
    assert not (tmp_path / "home").exists()

    exact = Decoding(compute_type="float32", threads=1)
    one, other = load_project(first), load_project(second)
    russian = ArgosEngine(one.models_dir, one.state_dir, exact)
    german = ArgosEngine(other.models_dir, other.state_dir, exact)
    assert russian.translator("ru", "en").translate(["Казахстан."]) == ["Kazakhstan."]
    assert german.translator("en", "de").translate(["Kazakhstan."]) == ["KAZAKHSTAN."]
    with pytest.raises(ModelError, match="no Argos model for ru→en"):
        german.translator("ru", "en")


def test_install_follows_only_web_links(make_project: MakeProject, serve_index: Serve) -> None:
    """An index cannot make the install copy a local file into the models folder."""
    root = make_project({"а.md": "Текст.\n"}, targets=("en",))
    local = f"file://{RU_EN}"
    entry = {"from_code": "ru", "to_code": "en", "links": [local]}
    result = run(root, serve_index(entry), "install", "ru", "en")
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1] == (
        f"diptych: error: download failed: {local}: not an http(s) link"
    )
    assert not (root / "models").exists()


@pytest.mark.parametrize(("failures", "installed"), [(3, True), (4, False)])
def test_install_tries_a_failing_link_four_times(
    make_project: MakeProject, tmp_path: Path, failures: int, installed: bool
) -> None:
    """A link that fails three times in a row still installs (a first try and three
    more, as argostranslate's own download); one that fails four times is an error
    that names it. Fails if each link is tried once, or without end."""
    served = tmp_path / "flaky"
    served.mkdir()
    shutil.copy(RU_EN, served / RU_EN.name)
    handler = type("Handler", (_Flaky,), {"failures": [failures]})
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=served))
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    (served / "index.json").write_text(json.dumps([_listed(RU_EN, base)]), encoding="utf-8")
    threading.Thread(target=server.serve_forever, daemon=True).start()
    root = make_project({"а.md": "Текст.\n"}, targets=("en",))
    try:
        result = run(root, base, "install", "ru", "en")
    finally:
        server.shutdown()
    package = root / "models" / "translate-ru_en.argosmodel"
    if installed:
        assert result.returncode == 0, result.stderr
        assert package.read_bytes() == RU_EN.read_bytes()
    else:
        assert result.returncode == 2
        assert result.stderr.splitlines()[-1] == (
            f"diptych: error: download failed: {base}{RU_EN.name}: "
            "HTTP Error 503: Service Unavailable"
        )
        assert not package.exists()
