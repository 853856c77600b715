"""The Argos Translate package index: ``diptych models install``, Diptych's only network access.

The index is a JSON list of package metadata, each with download links; argostranslate
reads it from ``$ARGOS_PACKAGE_INDEX`` (its official one by default). Its own functions
for this (``update_package_index``, ``AvailablePackage.download``) keep the index and the
download in folders fixed once per process when argostranslate is first imported (see
:mod:`diptych.engines.packages`), so they are not used: the index is read here into
memory, at each call, and the package written straight into the project's models folder.
"""

from __future__ import annotations

import http.client
import json
import os
import tempfile
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

from ..errors import ModelError
from .packages import SUFFIX

# argostranslate's default for ARGOS_PACKAGE_INDEX.
DEFAULT_INDEX = "https://raw.githubusercontent.com/argosopentech/argospm-index/main/"
# What urllib raises when a download fails: no connection, an HTTP error status, a broken
# response, a URL it cannot open.
_FAILED = (OSError, http.client.HTTPException, ValueError)
# Tries of one download link: a first and three more, as argostranslate's networking.get.
ATTEMPTS = 4
OFFLINE_HINT = (
    "check the network connection, or add a downloaded file with "
    "`diptych models add FILE.argosmodel`"
)


def index_url() -> str:
    """The index argostranslate would read now: ``$ARGOS_PACKAGE_INDEX`` + ``index.json``."""
    return os.environ.get("ARGOS_PACKAGE_INDEX", DEFAULT_INDEX) + "index.json"


def _get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=60) as response:
        data: bytes = response.read()
    return data


def _candidates(url: str, source: str, target: str) -> list[dict[str, Any]]:
    """The index's translation packages for the pair, as listed."""
    try:
        data = _get(url)
    except _FAILED:
        raise ModelError(
            f"cannot download the Argos package index from {url}", hint=OFFLINE_HINT
        ) from None
    try:
        index = json.loads(data)
        if not isinstance(index, list):
            raise ValueError("not a list of packages")
    except ValueError as exc:
        raise ModelError(f"cannot read the Argos package index: {exc}", hint=OFFLINE_HINT) from None
    return [
        meta
        for meta in index
        if isinstance(meta, dict)
        and meta.get("type", "translate") == "translate"
        and (meta.get("from_code"), meta.get("to_code")) == (source, target)
    ]


def _fetch(links: list[str]) -> bytes:
    """The first of a package's links that downloads (http and https only, as
    argostranslate allows: an index cannot make Diptych read a local file), each link
    tried :data:`ATTEMPTS` times before the next."""
    failures = []
    for link in links:
        if urllib.parse.urlsplit(str(link)).scheme not in ("http", "https"):
            failures.append(f"{link}: not an http(s) link")
            continue
        for attempt in range(1, ATTEMPTS + 1):
            try:
                return _get(str(link))
            except _FAILED as exc:
                if attempt == ATTEMPTS:
                    failures.append(f"{link}: {exc}")
    raise ModelError(f"download failed: {'; '.join(failures) or 'the package has no links'}")


def download(source: str, target: str, models_dir: Path) -> Path:
    """Fetch the package for source→target from the index (:func:`index_url`, read now)
    into the models folder; written whole or not at all."""
    candidates = _candidates(index_url(), source, target)
    if not candidates:
        raise ModelError(f"the Argos package index has no {source}→{target} package")
    data = _fetch(list(candidates[0].get("links") or []))
    models_dir.mkdir(parents=True, exist_ok=True)
    destination = models_dir / f"translate-{source}_{target}{SUFFIX}"
    # Not named *.argosmodel until complete: a half-written file is never a package.
    fd, name = tempfile.mkstemp(prefix=".download-", dir=models_dir)
    staging = Path(name)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        staging.replace(destination)
    except BaseException:
        staging.unlink(missing_ok=True)
        raise
    return destination
