"""Argos packages: the project's models folder, their local installation, and discovery.

``.argosmodel`` files live in the project's models folder (``models/`` by default). They
are unpacked into ``.diptych/packages/`` inside the project, keyed by content hash, never
into the user's home. Packages installed with argostranslate itself (its package folder)
are used too, read-only. Nothing here touches the network (the package index is
:mod:`diptych.engines.index`).

argostranslate's ``package`` module is never imported: importing it runs its ``settings``
module, which creates folders under ``$HOME`` and fixes every path from the environment
once for the whole process, so that the first project to load a model would decide the
folders of every later one. A package is opened instead with argostranslate's own
tokenizer classes (:func:`load_tokenizer`), picked as its ``Package`` class picks them, from
the one module of argostranslate that reads no settings; metadata is read here. Every
path comes from the caller, so two projects in one process never share a folder.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from packaging.version import InvalidVersion, Version

from ..errors import ModelError

SUFFIX = ".argosmodel"


@dataclass(frozen=True)
class PackageInfo:
    """An installed (unpacked) Argos translation package."""

    path: Path
    code: str
    from_code: str
    to_code: str
    version: str
    origin: str  # "project" (models folder) or "argos" (argostranslate's own folder)
    # A token the model expects to start its output (multilingual packages), or "".
    target_prefix: str = ""

    @property
    def label(self) -> str:
        return f"{self.code} {self.version}"

    def sort_key(self) -> tuple[int, Version]:
        try:
            version = Version(self.version)
        except InvalidVersion:
            version = Version("0")
        return (1 if self.origin == "project" else 0, version)


def argos_package_dirs() -> list[Path]:
    """Where argostranslate keeps packages, computed as it does, without importing it
    (read at each call, so that it follows the environment of the moment)."""
    explicit = os.environ.get("ARGOS_PACKAGES_DIR")
    if explicit:
        return [Path(explicit)]
    data_home = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return [Path(data_home) / "argos-translate" / "packages"]


def load_tokenizer(info: PackageInfo) -> Any:
    """The package's tokenizer, as argostranslate's ``Package`` picks it: SentencePiece
    where the package has ``sentencepiece.model``, else BPE (``bpe.model``).

    ``argostranslate.tokenizer`` imports nothing of argostranslate's settings, so opening a
    package changes no folder and no environment variable."""
    from argostranslate.tokenizer import BPETokenizer, SentencePieceTokenizer

    if (info.path / "sentencepiece.model").exists():
        return SentencePieceTokenizer(info.path / "sentencepiece.model")
    if (info.path / "bpe.model").exists():
        return BPETokenizer(info.path / "bpe.model", info.from_code, info.to_code)
    raise ModelError(
        f"Argos package {info.label} has no tokenizer (sentencepiece.model or bpe.model)",
        path=info.path,
        hint="re-add the .argosmodel file, or remove it from the models folder",
    )


def _read_metadata(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads((path / "metadata.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _info(path: Path, origin: str) -> PackageInfo | None:
    meta = _read_metadata(path)
    if meta is None or meta.get("type", "translate") != "translate":
        return None
    if not meta.get("from_code") or not meta.get("to_code") or not (path / "model").is_dir():
        return None
    return PackageInfo(
        path=path,
        code=str(meta.get("code") or path.name),
        from_code=str(meta["from_code"]),
        to_code=str(meta["to_code"]),
        version=str(meta.get("package_version", "")),
        origin=origin,
        target_prefix=str(meta.get("target_prefix") or ""),
    )


def _digest(file: Path) -> str:
    sha = hashlib.sha256()
    with file.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            sha.update(block)
    return sha.hexdigest()[:12]


def install_file(file: Path, packages_dir: Path) -> Path:
    """Unpack one .argosmodel into packages_dir (once per content); return the package dir."""
    target = packages_dir / f"{file.stem}-{_digest(file)}"
    if target.is_dir():
        found = [p for p in target.iterdir() if (p / "metadata.json").is_file()]
        if found:
            return found[0]
    if not zipfile.is_zipfile(file):
        raise ModelError(
            "not an Argos package (an .argosmodel is a zip archive)",
            path=file,
            hint="download it again, or remove it from the models folder",
        )
    packages_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".unpack-", dir=packages_dir))
    try:
        with zipfile.ZipFile(file) as archive:
            for member in archive.namelist():
                if member.startswith("/") or ".." in Path(member).parts:
                    raise ModelError(f"unsafe path {member!r} inside the package", path=file)
            archive.extractall(staging)
        found = [p for p in staging.iterdir() if (p / "metadata.json").is_file()]
        if len(found) != 1 or _info(found[0], "project") is None:
            raise ModelError(
                "no translation package inside (expected one folder with metadata.json and model/)",
                path=file,
            )
        staging.rename(target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return target / found[0].name


def project_packages(models_dir: Path, packages_dir: Path) -> list[PackageInfo]:
    packages = []
    for file in sorted(models_dir.glob(f"*{SUFFIX}")) if models_dir.is_dir() else []:
        info = _info(install_file(file, packages_dir), "project")
        if info is not None:
            packages.append(info)
    return packages


def argos_packages() -> list[PackageInfo]:
    packages = []
    for directory in argos_package_dirs():
        if directory.is_dir():
            for path in sorted(directory.iterdir()):
                info = _info(path, "argos") if path.is_dir() else None
                if info is not None:
                    packages.append(info)
    return packages


def available(models_dir: Path, packages_dir: Path) -> list[PackageInfo]:
    """Every usable package: the project's first, then argostranslate's."""
    return project_packages(models_dir, packages_dir) + argos_packages()


def best(packages: list[PackageInfo], source: str, target: str) -> PackageInfo | None:
    matches = [p for p in packages if p.from_code == source and p.to_code == target]
    return max(matches, key=PackageInfo.sort_key) if matches else None


def add(file: Path, models_dir: Path, packages_dir: Path) -> PackageInfo:
    """Copy an .argosmodel into the models folder and install it locally."""
    if not file.is_file():
        raise ModelError("no such file", path=file)
    info = _info(install_file(file, packages_dir), "project")
    assert info is not None
    models_dir.mkdir(parents=True, exist_ok=True)
    destination = models_dir / file.name
    if destination.resolve() != file.resolve():
        shutil.copyfile(file, destination)
    return info
