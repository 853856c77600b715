"""Run every rule over the pages, catalogs and glossaries of a project (or some of them)."""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..catalog import BROKEN, State, state_of
from ..config import Project
from ..errors import CatalogError, DiptychError, SourceError
from ..judge import Judge
from ..languages import Language
from ..page_catalog import PageCatalog
from ..plaintext import plain_text
from ..renderer import Renderer
from ..segment import read_page, segment
from . import catalogs, dates, glossary, injection, markup, names, numbers, states
from .base import CatalogInfo, Finding, PageInfo, allowed_codes, is_fuzzy
from .rules import RULES, Severity
from .settings import Settings, effective
from .settings import load as load_settings


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    code: str
    message: str
    severity: Severity

    @property
    def name(self) -> str:
        return RULES[self.code].name


@dataclass
class Result:
    problems: list[Problem] = field(default_factory=list)
    checked: dict[str, int] = field(default_factory=lambda: {"pages": 0, "catalogs": 0})

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.WARNING]


@dataclass
class Selection:
    pages: list[Path] = field(default_factory=list)
    catalogs: list[Path] = field(default_factory=list)
    glossaries: list[Path] = field(default_factory=list)


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
    except ValueError:
        return False
    return True


def _catalog_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*.po") if p.is_file() and not p.name.startswith("."))


def select(project: Project, settings: Settings, paths: Sequence[str]) -> Selection:
    """Files to check: everything, or what the given paths name (files or folders)."""
    docs, translations, glossaries = (
        project.docs_dir,
        project.translations_dir,
        settings.glossary_dir,
    )
    if not paths:
        return Selection(
            project.pages() if docs.is_dir() else [],
            _catalog_files(translations),
            sorted(glossaries.glob("*.csv")) if glossaries.is_dir() else [],
        )
    chosen = Selection()
    for name in paths:
        path = Path(name)
        if not path.exists() and (project.root / name).exists():
            path = project.root / name
        if not path.exists():
            raise DiptychError(f"{name}: no such file or folder")
        path = path.resolve()
        if path.is_dir():
            if _inside(docs, path) or _inside(path, docs):
                folder = path if _inside(path, docs) else docs
                chosen.pages += sorted(p for p in folder.rglob("*.md") if p.is_file())
            if _inside(translations, path) or _inside(path, translations):
                chosen.catalogs += _catalog_files(
                    path if _inside(path, translations) else translations
                )
            if glossaries.is_dir() and (_inside(glossaries, path) or _inside(path, glossaries)):
                chosen.glossaries += sorted(glossaries.glob("*.csv"))
        elif path.suffix == ".md" and _inside(path, docs):
            chosen.pages.append(path)
            for lang in project.targets:
                candidate = project.catalog_path(path, lang.code)
                if candidate.exists():
                    chosen.catalogs.append(candidate)
        elif path.suffix == ".po" and _inside(path, translations):
            chosen.catalogs.append(path)
        elif path.suffix == ".csv" and _inside(path, glossaries):
            chosen.glossaries.append(path)
        else:
            raise DiptychError(
                f"{name}: not a page in {docs.name}/, a catalog in {translations.name}/ "
                f"or a glossary in {glossaries.name}/"
            )
    return Selection(
        list(dict.fromkeys(chosen.pages)),
        list(dict.fromkeys(chosen.catalogs)),
        list(dict.fromkeys(chosen.glossaries)),
    )


class Checker:
    def __init__(self, project: Project, settings: Settings, strict: bool = False) -> None:
        self.project = project
        self.settings = settings
        self.strict = strict
        self._pages: dict[Path, PageInfo] = {}
        self._glossaries: dict[str, glossary.Glossary | None] = {}
        self._lemmas = glossary.Lemmas()  # one Russian dictionary for every glossary
        self.findings: list[Finding] = []
        self._judge: list[Judge] = []

    @property
    def judge(self) -> Judge:
        """The site's judge of markup, on the renderer mkdocs.yml configures (made once)."""
        if not self._judge:
            self._judge.append(Judge(Renderer.for_config_file(self.project.config_file)))
        return self._judge[0]

    # -- inputs, read once -----------------------------------------------------------

    def page(self, path: Path) -> PageInfo:
        path = path.resolve()
        if path not in self._pages:
            rel = path.relative_to(self.project.docs_dir.resolve()).as_posix()
            info = PageInfo(path, rel, None)
            try:
                text = read_page(path)
                info.page = segment(text, path)
            except SourceError as exc:
                line = exc.line or 1
                self.findings.append(Finding("D109", path, line, exc.message))
            self._pages[path] = info
        return self._pages[path]

    def glossary_path(self, lang: Language) -> Path:
        return self.settings.glossary_dir / f"{self.project.source.code}-{lang.code}.csv"

    def glossary(self, lang: Language) -> glossary.Glossary | None:
        if lang.code not in self._glossaries:
            path = self.glossary_path(lang)
            self._glossaries[lang.code] = (
                glossary.load(path, lang, self.project.source.code, self._lemmas)
                if path.is_file()
                else None
            )
        return self._glossaries[lang.code]

    # -- checks --------------------------------------------------------------------------

    def check_page(self, path: Path) -> None:
        self.findings += names.page(path, self.project.docs_dir)
        info = self.page(path)
        if info.page is None:
            return
        languages = frozenset(t.code for t in (self.project.source, *self.project.targets))
        self.findings += dates.page(path, info.rel, info.page.text, languages)
        try:
            self.findings += injection.page(path, info.page, self.judge)
        except SourceError as exc:
            self.findings.append(Finding("D109", path, exc.line or 1, exc.message))
            return
        units = len(info.page.units)
        if not units:
            return
        for lang in self.project.targets:
            po_path = self.project.catalog_path(path, lang.code)
            if not po_path.exists():
                rel = self.project.relative(po_path).as_posix()
                many = "unit is" if units == 1 else "units are"
                message = f"no {lang.code} catalog ({rel}): {units} {many} untranslated"
                self.findings.append(Finding("D403", path, 1, message))

    def check_glossary(self, path: Path) -> None:
        stem = path.stem
        source, _, target = stem.partition("-")
        lang = next((t for t in self.project.targets if t.code == target), None)
        if source != self.project.source.code or lang is None:
            targets = ", ".join(
                f"{self.project.source.code}-{t.code}" for t in self.project.targets
            )
            message = f"glossary for {stem!r}, not a language pair of this site ({targets})"
            self.findings.append(Finding("D304", path, 1, message))
            return
        loaded = self.glossary(lang)
        for line, message in loaded.problems if loaded else []:
            self.findings.append(Finding("D304", path, line, message))

    def locate(self, path: Path) -> tuple[Language | None, PageInfo | None]:
        rel = path.resolve().relative_to(self.project.translations_dir.resolve())
        code = rel.parts[0] if len(rel.parts) > 1 else ""
        lang = next((t for t in self.project.targets if t.code == code), None)
        if lang is None:
            known = ", ".join(t.code for t in self.project.targets)
            where = f"translations/{code}/" if code else "the top of translations/"
            self.findings.append(
                Finding(
                    "D107",
                    path,
                    1,
                    f"catalog in {where}, which is not a target language (targets: {known})",
                )
            )
            return None, None
        page_path = self.project.docs_dir / Path(*rel.parts[1:]).with_suffix(".md")
        if not page_path.is_file():
            shown = self.project.relative(page_path).as_posix()
            self.findings.append(
                Finding(
                    "D107",
                    path,
                    1,
                    f"no source page {shown}: if the page was renamed or moved, move this "
                    "catalog with it (`git mv`, or `diptych translate` finds it), so that its "
                    "reviewed translations follow",
                )
            )
            return lang, None
        return lang, self.page(page_path)

    def check_catalog(self, path: Path) -> None:
        try:
            self.project.in_translations(path)
        except CatalogError as exc:
            self.findings.append(Finding("D101", path, 1, f"{exc.message}: {exc.hint}"))
            return
        lang, page = self.locate(path)
        info = CatalogInfo(path, lang, page)
        self.findings += catalogs.read(info)
        if info.po is None:
            return
        self.findings += catalogs.headers(info)
        try:
            self.join(info)
            self.findings += injection.catalog(info, self.judge)
        except SourceError as exc:
            shown = self.project.relative(exc.path).as_posix() if exc.path else "its page"
            message = f"cannot be judged: {shown}: {exc.message}"
            self.findings.append(Finding("D109", path, 1, message))
        self.findings += catalogs.entries(info)
        self.findings += injection.bidi_controls(info)
        if lang is None:
            return
        self.findings += self.content(info, lang)
        if page is not None:
            self.findings += states.check(info)

    @functools.cached_property
    def parsers(self) -> markup.Parsers:
        """The parity rules' parsers, made once for the check."""
        return markup.Parsers.make()

    def join(self, info: CatalogInfo) -> None:
        """Join the catalog with its page (the model every tool asks), into ``info``."""
        page = info.page
        if info.lang is None or page is None or page.page is None or info.po is None:
            return
        info.joined = PageCatalog.join(
            page.page,
            page.rel,
            info.path,
            self.project.relative(info.path).as_posix(),
            info.lang,
            info.po,
            info.text,
            judge=self.judge,
            source=self.project.source,
        )

    def content(self, info: CatalogInfo, lang: Language) -> Iterator[Finding]:
        """Markup parity, numbers and the glossary, on live entries with a translation."""
        assert info.po is not None
        terms = self.glossary(lang)
        docs = self.project.docs_dir
        parsers = self.parsers
        for entry in info.po:
            if entry.obsolete or not entry.msgstr:
                continue
            fuzzy = is_fuzzy(entry)
            if fuzzy and BROKEN in entry.flags:
                continue  # not published; D404 says so
            line = info.line_of(entry)
            allowed = allowed_codes(entry)

            def finding(
                code: str,
                message: str,
                line: int = line,
                fuzzy: bool = fuzzy,
                allowed: frozenset[str] = allowed,
            ) -> Finding:
                return Finding(code, info.path, line, message, fuzzy, allowed)

            for code, message in markup.parity(
                entry.msgid, entry.msgstr, lang.code, info.page, docs, parsers
            ):
                yield finding(code, message)
            env = info.page.references if info.page else {}
            for code, message in numbers.check(
                plain_text(entry.msgid, env, parsers.links),
                plain_text(entry.msgstr, env, parsers.links),
                self.project.source.code,
                lang.code,
            ):
                yield finding(code, message)
            # Machine output too (a warning: translate enforces the glossary, so this shows
            # where it changed since); pseudo-localised text is never published.
            if terms and state_of(entry) is not State.MISSING:
                shown = self.project.relative(terms.path).as_posix()
                for term in glossary.violations(
                    terms,
                    plain_text(entry.msgid, env, parsers.links),
                    plain_text(entry.msgstr, env, parsers.links),
                ):
                    yield finding("D303", glossary.describe(term, shown))

    # -- verdict -------------------------------------------------------------------------

    def severity(self, finding: Finding) -> Severity:
        rule = RULES[finding.code]
        severity = effective(finding.code, self.settings)
        if severity is Severity.OFF:
            return severity
        if rule.allowable and finding.code in finding.allowed:
            return Severity.OFF
        if (
            finding.fuzzy
            and rule.on_fuzzy is not None
            and finding.code not in self.settings.overrides
        ):
            severity = rule.on_fuzzy
        return Severity.ERROR if self.strict else severity

    def result(self, cwd: Path | None = None) -> Result:
        result = Result()
        here = (cwd or Path.cwd()).resolve()
        for finding in self.findings:
            severity = self.severity(finding)
            if severity is Severity.OFF:
                continue
            try:
                shown = finding.path.resolve().relative_to(here).as_posix()
            except ValueError:
                shown = self.project.relative(finding.path).as_posix()
            result.problems.append(
                Problem(shown, finding.line, finding.code, finding.message, severity)
            )
        unique = list(dict.fromkeys(result.problems))
        result.problems = sorted(unique, key=lambda p: (p.path, p.line, p.code))
        return result


def run(
    project: Project,
    paths: Sequence[str] = (),
    strict: bool = False,
    cwd: Path | None = None,
) -> Result:
    settings = load_settings(project)
    selection = select(project, settings, paths)
    checker = Checker(project, settings, strict)
    for page in selection.pages:
        checker.check_page(page)
    for path in selection.catalogs:
        checker.check_catalog(path)
    for path in selection.glossaries:
        checker.check_glossary(path)
    result = checker.result(cwd)
    result.checked = {"pages": len(selection.pages), "catalogs": len(selection.catalogs)}
    return result
