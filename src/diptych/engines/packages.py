"""Argos packages: the project's models folder, their local installation, and discovery.

``.argosmodel`` files live in the project's models folder (``models/`` by default). They
are unpacked into ``.diptych/packages/`` inside the project, keyed by content hash, never
into the user's home. Packages installed with argostranslate itself (its package folder)
are used too, read-only. Nothing here touches the network except :func:`download`, which
only ``diptych models install`` calls.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
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
    """Where argostranslate keeps packages, computed as it does, without importing it."""
    explicit = os.environ.get("ARGOS_PACKAGES_DIR")
    if explicit:
        return [Path(explicit)]
    data_home = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return [Path(data_home) / "argos-translate" / "packages"]


@contextlib.contextmanager
def _isolated_argos_env(state_dir: Path) -> Iterator[None]:
    """Importing argostranslate creates folders under $HOME; point it at the project."""
    keys = ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "ARGOS_PACKAGES_DIR")
    saved = {key: os.environ.get(key) for key in keys}
    user_dirs = argos_package_dirs()
    try:
        for key, sub in zip(keys[:3], ("data", "config", "cache"), strict=True):
            os.environ[key] = str(state_dir / "argos" / sub)
        # argostranslate creates its package folder on import: only use the user's if it
        # exists already.
        packages = user_dirs[0] if user_dirs[0].is_dir() else state_dir / "argos" / "packages"
        os.environ["ARGOS_PACKAGES_DIR"] = str(packages)
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def import_argos(state_dir: Path, module: str = "argostranslate.package") -> ModuleType:
    """Import an argostranslate module without letting it write into the user's home."""
    import importlib
    import sys

    if module in sys.modules:
        return sys.modules[module]
    with _isolated_argos_env(state_dir):
        return importlib.import_module(module)


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


def download(source: str, target: str, models_dir: Path, state_dir: Path) -> Path:
    """Fetch a package from the Argos index into the models folder (network access)."""
    package = import_argos(state_dir)
    settings = import_argos(state_dir, "argostranslate.settings")
    index = Path(settings.local_package_index)
    index.unlink(missing_ok=True)
    # argostranslate logs a failed fetch and returns; asking for packages without an index
    # would then retry forever, so look for the file first.
    package.update_package_index()
    if not index.is_file():
        raise ModelError(
            f"cannot download the Argos package index from {settings.remote_package_index}",
            hint="check the network connection, or add a downloaded file with "
            "`diptych models add FILE.argosmodel`",
        )
    try:
        candidates = [
            p
            for p in package.get_available_packages()
            if p.from_code == source and p.to_code == target
        ]
    except Exception as exc:  # the index fetch fails in many library-specific ways
        raise ModelError(
            f"cannot read the Argos package index: {exc}",
            hint="check the network connection, or add a downloaded file with "
            "`diptych models add FILE.argosmodel`",
        ) from None
    if not candidates:
        raise ModelError(f"the Argos package index has no {source}→{target} package")
    try:
        downloaded = Path(candidates[0].download())
    except Exception as exc:
        raise ModelError(f"download failed: {exc}") from None
    models_dir.mkdir(parents=True, exist_ok=True)
    destination = models_dir / f"translate-{source}_{target}{SUFFIX}"
    shutil.move(str(downloaded), destination)
    return destination
