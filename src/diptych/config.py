"""The project as mkdocs.yml describes it: where pages, catalogs and models live, and languages.

mkdocs.yml is the one source of truth for languages (the mkdocs-static-i18n plugin's list):
the default locale is the source language, every other locale is a translation target.
Diptych's own settings sit under ``extra.diptych`` so that MkDocs itself accepts the file.
"""

from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import CatalogError, ConfigError, DiptychError, SourceError
from .languages import LANGUAGES, Language

CONFIG_FILE = "mkdocs.yml"


class _Loader(yaml.SafeLoader):
    """Reads mkdocs.yml without executing the ``!!python/name`` tags Material configs use."""


def _ignore_python_tags(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> None:
    return None


_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _ignore_python_tags)
_Loader.add_multi_constructor("!ENV", _ignore_python_tags)
_Loader.add_multi_constructor("!relative", _ignore_python_tags)


PUBLISH_MODES = ("commit", "pull-request")


@dataclass(frozen=True)
class Project:
    root: Path
    config_file: Path
    docs_dir: Path
    translations_dir: Path
    models_dir: Path
    source: Language
    targets: tuple[Language, ...]
    repo_url: str | None = None
    edit_uri: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    # How the publish workflow delivers new machine translations: committed to the branch
    # it runs on, or proposed in one pull request for review.
    publish: str = "commit"

    @property
    def pseudo_preview(self) -> bool:
        """Whether the site shows pseudo-localised text: only a local layout preview asks
        for it (``DIPTYCH_PREVIEW=pseudo mkdocs serve``); a published build never does."""
        return os.environ.get("DIPTYCH_PREVIEW", "") == "pseudo"

    @property
    def state_dir(self) -> Path:
        """Project-local state (installed packages); never committed, never in $HOME."""
        return self.root / ".diptych"

    @property
    def packages_dir(self) -> Path:
        return self.state_dir / "packages"

    @property
    def lock_file(self) -> Path:
        return self.translations_dir / ".lock"

    def target(self, code: str) -> Language:
        for lang in self.targets:
            if lang.code == code:
                return lang
        known = ", ".join(lang.code for lang in self.targets)
        raise ConfigError(
            f"language {code!r} is not a target of this site (targets: {known})",
            path=self.config_file,
            hint="add it to the i18n plugin's languages in mkdocs.yml, or pick one of those",
        )

    def pages(self) -> list[Path]:
        """Every Markdown source page, in a stable order. A page that is a symbolic link
        to a file outside docs/ is a SourceError: Diptych reads only inside the project."""
        if not self.docs_dir.is_dir():
            raise ConfigError(
                f"docs directory {self.docs_dir} does not exist", path=self.config_file
            )
        pages = sorted(p for p in self.docs_dir.rglob("*.md") if p.is_file())
        for page in pages:
            self._inside(page, self.docs_dir, SourceError, "pages", "copy the file into")
        return pages

    def catalog_path(self, page: Path, lang: str) -> Path:
        """translations/<lang>/<same relative path as the source>.po. A page outside
        docs/ is a SourceError; a catalog that is a symbolic link to a file outside
        translations/, or a folder, is a CatalogError (Diptych reads and writes only inside
        the project, and would take a folder for a catalog not yet made)."""
        rel = self._inside(page, self.docs_dir, SourceError, "pages", "copy the file into")
        path = self.translations_dir / lang / rel.with_suffix(".po")
        self.in_translations(path)
        if path.exists() and not path.is_file():
            raise CatalogError(
                "a folder where a catalog should be"
                if path.is_dir()
                else "not a regular file where a catalog should be",
                path=self.relative(path),
                hint="a catalog is one file: move this away (or rename it without .po)",
            )
        return path

    def in_translations(self, path: Path) -> Path:
        """Where a catalog lies in translations/ (links followed); one that is a symbolic
        link to a file outside is a CatalogError naming it, where it leads, what to do."""
        return self._inside(
            path, self.translations_dir, CatalogError, "catalogs", "put the file in"
        )

    def _inside(
        self, path: Path, folder: Path, error: type[DiptychError], what: str, fix: str
    ) -> Path:
        """Where ``path`` lies in ``folder``, links followed; a path that leads outside it
        is an ``error`` naming the path, where it leads and what to do."""
        target = path.resolve()
        try:
            return target.relative_to(folder.resolve())
        except ValueError:
            pass
        name = self.relative(folder).as_posix()
        linked = any(p.is_symlink() for p in (path, *path.absolute().parents))
        if not linked:
            raise error(f"outside {name}/", path=path, hint=f"give a path inside {name}/")
        raise error(
            f"a symbolic link to {target}, outside {name}/",
            path=self.relative(path),
            hint=f"Diptych reads and writes {what} only inside {name}/: {fix} {name}/ "
            "instead of linking to it, or remove the link",
        )

    def relative(self, path: Path) -> Path:
        """A path as users see it in messages: relative to the project root when inside
        it (a symbolic link by its own name, if it leads outside)."""
        for candidate in (path.resolve(), path.absolute()):
            try:
                return candidate.relative_to(self.root.resolve())
            except ValueError:
                continue
        return path


def _line_of(text: str, pattern: str) -> int | None:
    for number, line in enumerate(text.splitlines(), start=1):
        if re.search(pattern, line):
            return number
    return None


def _error_at(
    path: Path, text: str, pattern: str, message: str, hint: str | None = None
) -> ConfigError:
    """An error in mkdocs.yml, at the first line that matches ``pattern``."""
    return ConfigError(message, path=path, line=_line_of(text, pattern), hint=hint)


_LOCALE_HINT = "use an ISO 639-1 code that Argos Translate knows, e.g. en, de, zh, ar"
_PUBLISH_HINT = (
    "write `publish: commit` (machine translations go straight to the site) or "
    "`publish: pull-request` (one pull request collects them for review)"
)


def _i18n_languages(config: dict[str, Any]) -> list[dict[str, Any]]:
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and "i18n" in plugin:
            languages = (plugin["i18n"] or {}).get("languages")
            if isinstance(languages, list):
                return [lang for lang in languages if isinstance(lang, dict)]
    return []


def load_project(root: Path | str = ".", config_file: str = CONFIG_FILE) -> Project:
    root = Path(root).resolve()
    path = root / config_file
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(
            f"no {config_file} here",
            path=path,
            hint="run diptych from the site's top folder (where mkdocs.yml is)",
        ) from None
    try:
        config = yaml.load(text, Loader=_Loader) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise ConfigError(
            f"invalid YAML: {getattr(exc, 'problem', exc)}",
            path=path,
            line=mark.line + 1 if mark else None,
        ) from None
    if not isinstance(config, dict):
        raise ConfigError("expected a mapping at the top level", path=path)

    error = functools.partial(_error_at, path, text)
    entries = _i18n_languages(config)
    if not entries:
        raise ConfigError(
            "no languages: the i18n plugin (mkdocs-static-i18n) lists none",
            path=path,
            hint="add plugins: - i18n: languages: [...] with one `default: true` source language",
        )
    languages: list[tuple[Language, bool]] = []
    for entry in entries:
        code = str(entry.get("locale", ""))
        if code not in LANGUAGES:
            locale = rf"locale:\s*['\"]?{re.escape(code)}\b"
            raise error(locale, f"unknown language code {code!r}", hint=_LOCALE_HINT)
        languages.append((LANGUAGES[code], bool(entry.get("default", False))))
    defaults = [lang for lang, is_default in languages if is_default]
    if len(defaults) != 1:
        found = len(defaults)
        raise error("languages:", f"exactly one language must be `default: true`, found {found}")
    source = defaults[0]
    targets = tuple(lang for lang, is_default in languages if not is_default)

    extra = config.get("extra") or {}
    settings = extra.get("diptych") or {} if isinstance(extra, dict) else {}
    publish = str(settings.get("publish", "commit"))
    if publish not in PUBLISH_MODES:
        raise error("publish:", f"extra.diptych.publish is {publish!r}", hint=_PUBLISH_HINT)
    return Project(
        root=root,
        config_file=path,
        docs_dir=root / str(config.get("docs_dir", "docs")),
        translations_dir=root / str(settings.get("translations_dir", "translations")),
        models_dir=root / str(settings.get("models_dir", "models")),
        source=source,
        targets=targets,
        repo_url=config.get("repo_url"),
        edit_uri=config.get("edit_uri"),
        extra=settings,
        publish=publish,
    )
