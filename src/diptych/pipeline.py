"""`diptych translate`: pages → units → catalogs, translating only what needs it.

One run holds the project lock and goes through its pages in windows (:data:`WINDOW`
pending units each): it reads a window's pages, merges their units into each language's
catalog (keeping every review), then gathers the sentences of every pending unit of the
window and sends them to the engine in one go per language pair. Results are restored
into Markdown, checked, and stored as machine translations; the window's catalogs are
saved and dropped before the next window is read, so memory does not grow with the
archive. Models are loaded once per run, on first use. A catalog is written only if its
bytes change, so a run with nothing to do loads no model and writes nothing.
A pending unit identical to a reviewed one takes its text instead (:mod:`diptych.memory`),
and glossary terms go to the model as placeholders carrying their target
(:mod:`diptych.glossary`); both read their files only once a unit is pending.

Each language's catalogs of a window (and their up-to-date stamps) are saved as soon as
that language is translated, so a model that fails to load, Ctrl-C or a kill loses only
the language and window in flight; a model that fails is reported once, its language's
catalogs from then on are left as they were, and the run goes on with the other
languages. A catalog is saved only over the bytes the
run read: one that a person (Poedit) or ``git pull`` changed meanwhile gets the run's
machine text merged in where it is still missing or untouched machine text
(:func:`diptych.catalog.save`), never over a person's words.

A run remembers, in ``.diptych/uptodate.json``, a fingerprint of each page and catalog
that it left complete (every unit translated): a hash of the page's bytes, the catalog's
bytes, mkdocs.yml and Diptych's own code. The next run skips a page whose fingerprints
all still match without parsing it or its catalogs, because re-reading them could only
reproduce the same bytes; any edit to the page, a catalog, the site config or the code
makes it be read again. So a no-op run over thousands of pages costs reading the files.

A page or catalog that cannot be read is reported and skipped; everything else proceeds.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import tempfile
import time
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import polib

from . import catalog, fallback, moves
from .config import Project
from .engines.interface import Engine, Output, RememberingTranslator, Translator, outputs
from .errors import DiptychError
from .glossary import Enforcer, Glossaries
from .languages import Language
from .lock import project_lock
from .memory import Memory
from .protect import Protected, inline_parser, protect, restore
from .segment import Page, segment_file
from .sentences import Split, split

# Why a unit is copied, not translated (catalog.set_copied): no letter of the source
# language once its markup is masked (paths, numbers, product names, include directives).
COPIED = "nothing to translate: no {name} letters outside markup"

# A run plans, translates and saves its pages a window at a time: a window closes once its
# pages hold this many pending units (all languages together). Big enough that batching
# (length-sorted, token-bounded) is as good as over a whole run, small enough that memory
# does not grow with the archive (docs-dev/performance.md, "Memory").
WINDOW = 2000


@dataclass
class Job:
    """One page's catalog for one language."""

    page: Page
    lang: Language
    path: Path
    po: polib.POFile
    pending: list[polib.POEntry]
    # The catalog's bytes as the run read them (b"": no file), so that saving never
    # replaces a version someone else wrote meanwhile.
    read: bytes = b""


@dataclass
class LanguageReport:
    units: int = 0
    sentences: int = 0
    flagged: int = 0
    seconds: float = 0.0
    skipped: str | None = None  # why nothing was translated (no model)


@dataclass
class Report:
    languages: dict[str, LanguageReport] = field(default_factory=dict)
    written: list[Path] = field(default_factory=list)
    problems: list[DiptychError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # Catalogs that followed a renamed or moved page (see diptych.moves).
    moved: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.problems


class ShardError(DiptychError, argparse.ArgumentTypeError):
    """A bad ``K/N``; also an argparse type error, so the command line reports it as a
    usage error (exit 2) instead of a traceback."""


@dataclass(frozen=True)
class Shard:
    """Page ``index`` of ``count``: a stable split so several machines share a run."""

    index: int
    count: int

    @classmethod
    def parse(cls, text: str) -> Shard:
        try:
            k, n = (int(part) for part in text.split("/"))
        except ValueError:
            raise ShardError(f"bad shard {text!r}", hint="write K/N, e.g. 2/4") from None
        if not 1 <= k <= n:
            raise ShardError(f"bad shard {text!r}: K must be between 1 and N")
        return cls(k, n)

    def owns(self, relative: str) -> bool:
        return zlib.crc32(relative.encode("utf-8")) % self.count == self.index - 1


class Hooks:
    """Progress callbacks; the command line draws a bar, tests and scripts pass nothing.

    ``start`` is called as each window is planned, with the sentences of the run's windows
    so far: the total grows (a total known up front would mean planning twice)."""

    def start(self, total: int) -> None: ...

    def advance(self, n: int) -> None: ...

    def language(self, lang: Language, sentences: int) -> None: ...


def _pages(project: Project, paths: Sequence[Path], shard: Shard | None) -> list[Path]:
    docs = project.docs_dir.resolve()
    if not paths:
        pages = project.pages()
    else:
        pages = []
        for path in paths:
            path = path if path.is_absolute() else Path.cwd() / path
            if path.is_dir():
                pages += sorted(p for p in path.rglob("*.md") if p.is_file())
            elif path.suffix == ".md" and path.is_file():
                pages.append(path)
            else:
                raise DiptychError("not a Markdown page or folder", path=path)
        for page in pages:
            if not page.resolve().is_relative_to(docs):
                raise DiptychError(f"page is outside {project.relative(docs)}", path=page)
    if shard is not None:
        pages = [p for p in pages if shard.owns(p.resolve().relative_to(docs).as_posix())]
    return pages


class UpToDate:
    """Fingerprints of the (page, language) catalogs that a run left complete.

    A fingerprint hashes the page's bytes, the catalog's bytes and a salt of everything
    else that decides what a run writes (mkdocs.yml, Diptych's code and version). It is
    only a cache: a missing, unreadable or foreign file just means everything is read.
    """

    FILE = "uptodate.json"

    def __init__(self, project: Project) -> None:
        self.path = project.state_dir / self.FILE
        self.salt = self._salt(project)
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            known = data["stamps"] if data.get("salt") == self.salt else {}
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            known = {}
        self.stamps: dict[str, str] = known if isinstance(known, dict) else {}

    # The code that decides a catalog's bytes for given page and catalog bytes.
    CODE = ("__init__", "catalog", "config", "languages", "pipeline", "protect", "segment",
            "sentences", "align", "fallback", "glossary", "memory")  # fmt: skip

    @classmethod
    def _salt(cls, project: Project) -> str:
        import markdown_it
        import mdit_py_plugins
        import yaml

        sha = hashlib.sha256()
        for module in (polib, markdown_it, mdit_py_plugins, yaml):
            sha.update(f"{module.__name__} {getattr(module, '__version__', '?')}\n".encode())
        code = Path(__file__).parent
        for name in cls.CODE:
            sha.update((code / f"{name}.py").read_bytes())
        with contextlib.suppress(OSError):
            sha.update(project.config_file.read_bytes())
        return sha.hexdigest()

    def fingerprint(self, page: bytes, po_path: Path, po: bytes | None = None) -> str | None:
        if po is None:
            try:
                po = po_path.read_bytes()
            except OSError:
                return None
        sha = hashlib.sha256(self.salt.encode())
        sha.update(len(page).to_bytes(8, "little") + page + po)
        return sha.hexdigest()

    @staticmethod
    def key(rel: str, lang: Language) -> str:
        return f"{lang.code}:{rel}"

    def current(self, rel: str, lang: Language, page: bytes, po_path: Path) -> bool:
        known = self.stamps.get(self.key(rel, lang))
        return known is not None and known == self.fingerprint(page, po_path)

    def record(
        self, rel: str, lang: Language, page: bytes, po_path: Path, po: bytes | None = None
    ) -> None:
        """Remember a complete catalog; ``po``: its bytes as written (else read again)."""
        stamp = self.fingerprint(page, po_path, po)
        if stamp is None:
            self.stamps.pop(self.key(rel, lang), None)
        else:
            self.stamps[self.key(rel, lang)] = stamp

    def forget(self, rel: str, lang: Language) -> None:
        self.stamps.pop(self.key(rel, lang), None)

    def save(self) -> None:
        """Write the stamps if they changed (a no-op run writes no file at all)."""
        data = json.dumps({"salt": self.salt, "stamps": self.stamps}, sort_keys=True)
        with contextlib.suppress(OSError, ValueError):
            if self.path.read_text(encoding="utf-8") == data:
                return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".uptodate.", dir=self.path.parent)
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(data)
            Path(tmp).replace(self.path)
        except OSError:
            pass  # only a cache: the next run reads everything


def _refreshable(entry: polib.POEntry) -> bool:
    """Machine output a ``--refresh`` run translates again (plain, stale or withheld)."""
    return (
        not entry.obsolete
        and catalog.is_unit_entry(entry)
        and bool(entry.msgstr)
        and catalog.FUZZY in entry.flags
        and not catalog.persons_words(entry)
    )


def _targets(
    project: Project,
    languages: Sequence[Language],
    paths: Sequence[Path],
    shard: Shard | None,
    uptodate: UpToDate | None,
) -> Iterator[tuple[Path, str, list[Language]]]:
    """Each page with the languages whose catalog is not known to be up to date; reads
    only the page's bytes (and hashes the catalogs), parses nothing."""
    docs = project.docs_dir.resolve()
    for path in _pages(project, paths, shard):
        rel = path.resolve().relative_to(docs).as_posix()
        todo = list(languages)
        if uptodate is not None:
            try:
                data = path.read_bytes()
            except OSError:
                data = None
            if data is not None:
                todo = [
                    lang
                    for lang in languages
                    if not uptodate.current(rel, lang, data, project.catalog_path(path, lang.code))
                ]
                if not todo:
                    continue
        yield path, rel, todo


def _plan_page(
    project: Project,
    path: Path,
    rel: str,
    todo: Sequence[Language],
    report: Report,
    pseudo: bool,
    refresh: bool,
) -> list[Job]:
    """One page's jobs: its catalogs read and merged with its units."""
    try:
        page = segment_file(path)
    except DiptychError as exc:
        exc.path = project.relative(path)
        report.problems.append(exc)
        return []
    if not page.units:
        report.warnings.append(f"{project.relative(path)}: no text to translate; skipped")
        return []
    jobs = []
    for lang in todo:
        po_path = project.catalog_path(path, lang.code)
        # Read before parsing: if the file changes in between, saving sees a change
        # and merges (safe), where reading after could hide one.
        read = b""
        try:
            if po_path.exists():
                with contextlib.suppress(OSError):  # then load says why
                    read = po_path.read_bytes()
                po = catalog.load(po_path, lang)
            else:
                po = catalog.new(lang, rel)
        except DiptychError as exc:
            exc.path = project.relative(po_path)
            report.problems.append(exc)
            continue
        merged = catalog.merge(po, [unit.text for unit in page.units], pseudo)
        pending = merged.pending
        if refresh:
            # Engine output stands to be redone with a better model; a person's words
            # (reviewed, edited) never.
            waiting = {id(e) for e in pending}
            pending += [e for e in po if _refreshable(e) and id(e) not in waiting]
        jobs.append(Job(page, lang, po_path, po, pending, read))
    return jobs


def _windows(
    project: Project,
    languages: Sequence[Language],
    paths: Sequence[Path],
    shard: Shard | None,
    report: Report | None,
    uptodate: UpToDate | None,
    pseudo: bool = False,
    refresh: bool = False,
    window: int = WINDOW,
) -> Iterator[list[Job]]:
    """The run's jobs, page by page, in windows: a window closes as soon as its pages
    hold ``window`` pending units (all languages together), so that only one window's
    catalogs are held at a time."""
    report = report if report is not None else Report()
    jobs: list[Job] = []
    units = 0
    for path, rel, todo in _targets(project, languages, paths, shard, uptodate):
        found = _plan_page(project, path, rel, todo, report, pseudo, refresh)
        jobs += found
        units += sum(len(job.pending) for job in found)
        if units >= window:
            yield jobs
            jobs, units = [], 0
    if jobs:
        yield jobs


def pending(project: Project, languages: Sequence[Language] | None = None) -> dict[str, int]:
    """Per page (relative to docs/), how many units of all languages a run would translate
    now: what the publish workflow plans its shards by. Reads (a page at a time); writes
    nothing."""
    counts: dict[str, int] = {}
    report = Report()
    targets = list(languages or project.targets)
    for path, rel, todo in _targets(project, targets, (), None, None):
        jobs = _plan_page(project, path, rel, todo, report, False, False)
        waiting = sum(len(job.pending) for job in jobs)
        if waiting:
            counts[rel] = waiting
    return counts


@dataclass
class _Work:
    entry: polib.POEntry
    protected: Protected
    split: Split
    page: Page | None = None  # for the markup fallback's checks (link references, judge)


def _prepare(
    jobs: Sequence[Job],
    source: Language,
    memory: Memory | None = None,
    terms: Enforcer | None = None,
) -> list[_Work]:
    md = inline_parser()
    work = []
    for job in jobs:
        for entry in job.pending:
            protected = protect(entry.msgid, job.page.references, md)
            if not source.has_letters(protected.masked):  # placeholders hold none
                catalog.set_copied(entry, COPIED.format(name=source.name))
                continue
            if memory is not None and memory.fill(job.lang, entry, job.page.references, terms):
                continue  # a reviewed unit's text (diptych.memory)
            if terms is not None:
                protected = terms.mask(protected)  # glossary terms as placeholders
                if not source.has_letters(protected.masked):  # terms only: nothing to model
                    restored = restore(protected, protected.masked, md)
                    provenance = f"glossary {terms.shown}"
                    catalog.set_machine(entry, restored.text, provenance, restored.problems)
                    continue
            work.append(_Work(entry, protected, split(protected.masked, source.code), job.page))
    return work


def _apply(
    work: Sequence[_Work],
    translated: dict[str, str],
    translator: Translator,
    lang: Language,
    checks: fallback.Checks | None = None,
    scored: dict[str, Output] | None = None,
) -> int:
    md = inline_parser()
    flagged = 0
    failed: list[_Work] = []  # restoring the placeholders failed: for the markup fallback
    for item in work:
        joined = item.split.join([translated[s] for s in item.split.sentences], spaced=lang.spaced)
        restored = restore(item.protected, joined, md)
        notes = [f"repaired: {r}" for r in restored.repairs]
        provenance = "; ".join([translator.provenance, *notes])
        score, runaway = _scored(item.split.sentences, scored)
        catalog.set_machine(
            item.entry, restored.text, provenance, restored.problems, score=score, decoding=runaway
        )
        flagged += not restored.ok or bool(runaway)
        if not restored.ok and not runaway:  # a runaway's plain text would run away too
            failed.append(item)
    if failed and checks is not None:
        check = checks.for_language(lang.code)
        flagged -= _rescue(failed, translated, translator, lang, check, scored)
    return flagged


def _scored(
    sentences: Sequence[str], scored: dict[str, Output] | None
) -> tuple[float | None, list[str]]:
    """A unit's score, the mean log-probability per decoded token over all its sentences
    (so that a long unit is not weaker for its length alone; None where the engine gives
    no scores), and why its decoding ran away, if it did (diptych.engines.runaway)."""
    if scored is None:
        return None, []
    found = [scored[s] for s in sentences]
    problems = list(dict.fromkeys(o.problem for o in found if o.problem is not None))
    tokens = sum(o.tokens for o in found)
    if not tokens or any(o.log_prob is None for o in found):
        return None, problems
    return sum(o.log_prob or 0.0 for o in found) / tokens, problems


def _rescue(
    failed: Sequence[_Work],
    translated: dict[str, str],
    translator: Translator,
    lang: Language,
    check: fallback.Check,
    scored: dict[str, Output] | None = None,
) -> int:
    """Put the markup of units whose placeholders were lost back by alignment
    (:mod:`diptych.fallback`); a candidate that passes the checks replaces the flagged
    output (with the score of the unit's first decoding). Returns how many were rescued."""
    units = [fallback.Failed(w.entry.msgid, w.protected, w.split, w.page) for w in failed]
    try:
        found = fallback.rescue(units, translated, translator, check, spaced=lang.spaced)
    except DiptychError:
        return 0  # the model failed now: the units stay flagged, as without the fallback
    for item, rescued in zip(failed, found, strict=True):
        if rescued is not None:
            notes = [rescued.note, *(f"repaired: {r}" for r in rescued.repairs)]
            provenance = "; ".join([translator.provenance, *notes])
            score, _ = _scored(item.split.sentences, scored)
            catalog.set_machine(item.entry, rescued.text, provenance, score=score)
    return sum(r is not None for r in found)


def _check_terms(work: Sequence[_Work], terms: Enforcer) -> int:
    """Withhold machine output that breaks the glossary as D303 reads it, whatever placed
    it (a term placeholder the model dropped is already a restore problem); how many."""
    flagged = 0
    for item in work:
        entry = item.entry
        if catalog.BROKEN in entry.flags or not entry.msgstr:
            continue
        env = item.page.references if item.page else None
        problems = terms.problems(entry.msgid, str(entry.msgstr), env)
        if problems:
            catalog.withhold(entry, problems)
            flagged += 1
    return flagged


def _translate_language(
    lang: Language,
    work: Sequence[_Work],
    translator: Translator,
    report: Report,
    hooks: Hooks,
    clock: Callable[[], float],
    checks: fallback.Checks | None = None,
) -> bool:
    """Translate one language's pending units of a window in one go; False if the model failed (to
    load, say), which is reported."""
    started = clock()
    sentences = list(dict.fromkeys(s for item in work for s in item.split.sentences))
    hooks.language(lang, len(sentences))
    try:
        found = outputs(translator, sentences, hooks.advance)  # texts, scores, runaways
        results = [output.text for output in found]
    except DiptychError as exc:
        if str(exc) not in {str(p) for p in report.problems}:  # a pivot's leg fails twice
            report.problems.append(exc)
        return False
    stats = report.languages[lang.code]
    stats.flagged += _apply(
        work,
        dict(zip(sentences, results, strict=True)),
        translator,
        lang,
        checks,
        dict(zip(sentences, found, strict=True)),
    )
    # A run's figures are its windows' sums (a sentence in two windows counts twice).
    stats.units += len(work)
    stats.sentences += len(sentences)
    stats.seconds += clock() - started
    return True


def _save(project: Project, job: Job, uptodate: UpToDate, report: Report, pseudo: bool) -> None:
    """Save one catalog over the version the run read, and remember it if complete."""
    rel = job.page.path.resolve().relative_to(project.docs_dir.resolve()).as_posix()
    try:
        written = catalog.save(job.po, job.path, job.read)
    except DiptychError as exc:
        exc.path = project.relative(job.path)
        report.problems.append(exc)
        uptodate.forget(rel, job.lang)
        return
    except OSError as exc:
        report.problems.append(
            DiptychError(
                f"cannot write catalog: {exc.strerror or exc}",
                path=project.relative(job.path),
                hint="free disk space or fix the folder's permissions, then run "
                "`diptych translate` again",
            )
        )
        uptodate.forget(rel, job.lang)
        return
    if written:
        report.written.append(job.path)
    # job.po is now what the file holds (save merges into a version changed meanwhile).
    complete = not any(
        catalog.needs_translation(entry, pseudo) for entry in job.po if not entry.obsolete
    )
    if complete:
        # The page as this run read it (read_page decodes strict UTF-8, so encoding gives
        # its bytes back) and the catalog as saved.
        data = catalog.serialize(job.po).encode("utf-8")
        uptodate.record(rel, job.lang, job.page.text.encode("utf-8"), job.path, data)
    else:
        uptodate.forget(rel, job.lang)


class _Run:
    """What one run keeps from window to window: translators (each model loaded once per
    run), languages given up on, the glossaries, the markup checks, the progress total."""

    def __init__(
        self,
        project: Project,
        engine: Engine,
        languages: Sequence[Language],
        report: Report,
        hooks: Hooks,
        clock: Callable[[], float],
        uptodate: UpToDate,
        pseudo: bool,
        skip_missing_models: bool,
    ) -> None:
        self.project, self.engine, self.languages = project, engine, languages
        self.report, self.hooks, self.clock = report, hooks, clock
        self.uptodate, self.pseudo = uptodate, pseudo
        self.skip_missing_models = skip_missing_models
        # None: no model for the language (reported once); its catalogs are still saved.
        self.translators: dict[str, Translator | None] = {}
        # Languages whose model failed (to load, say): left as they were for the run.
        self.failed: set[str] = set()
        self.checks = fallback.Checks(project.config_file)  # judges markup placed by alignment
        self.glossaries = Glossaries(project)  # read when a unit first asks
        self.total = 0  # sentences announced to the progress bar so far

    def _translator(self, lang: Language) -> Translator | None:
        if lang.code not in self.translators:
            found: Translator | None = None
            try:
                found = self.engine.translator(self.project.source.code, lang.code)
            except DiptychError as exc:
                if self.skip_missing_models:
                    self.report.languages[lang.code].skipped = exc.message
                    self.report.warnings.append(f"{lang.code}: {exc.message}; units left missing")
                else:
                    self.report.problems.append(exc)
            self.translators[lang.code] = found
        return self.translators[lang.code]

    def window(self, jobs: Sequence[Job]) -> None:
        """Translate one window's pending units, language by language, and save each
        language's catalogs (and stamps) as soon as it is done."""
        project, report = self.project, self.report
        memory = Memory(project, jobs)  # reviewed units: read when a unit first asks
        by_lang: dict[str, list[_Work]] = {}
        for lang in self.languages:
            if lang.code in self.failed:
                continue
            lang_jobs = [job for job in jobs if job.lang == lang]
            work = _prepare(lang_jobs, project.source, memory, self.glossaries.of(lang))
            if work and self._translator(lang) is not None:
                by_lang[lang.code] = work
        # The bar grows window by window: a total known up front would mean planning
        # (parsing every page and catalog) twice.
        self.total += sum(
            len({s for w in work for s in w.split.sentences}) for work in by_lang.values()
        )
        self.hooks.start(self.total)
        for lang in self.languages:
            if lang.code in self.failed:
                continue
            work = by_lang.get(lang.code, [])
            translator = self.translators.get(lang.code)
            if work and translator is not None:
                if not _translate_language(
                    lang, work, translator, report, self.hooks, self.clock, self.checks
                ):
                    self.failed.add(lang.code)
                    continue  # its catalogs stay as they were; the next run redoes the merge
                report.languages[lang.code].flagged += _check_terms(work, self.glossaries.of(lang))
            # Saved now, not at the end: a later language's or window's failure, Ctrl-C or
            # a kill cannot take this one's work with it.
            for job in jobs:
                if job.lang == lang:
                    _save(project, job, self.uptodate, report, self.pseudo)
            self.uptodate.save()
        # What translators remember (the English a pivot reuses) is this window's only.
        for translator in self.translators.values():
            if isinstance(translator, RememberingTranslator):
                translator.forget()


def translate(
    project: Project,
    engine: Engine,
    languages: Sequence[Language] | None = None,
    paths: Sequence[Path] = (),
    *,
    shard: Shard | None = None,
    skip_missing_models: bool = False,
    hooks: Hooks | None = None,
    lock_timeout: float = 600,
    clock: Callable[[], float] = time.perf_counter,
    refresh: bool = False,
    window: int = WINDOW,
) -> Report:
    """Bring every catalog up to date with its page; see the module docstring."""
    hooks = hooks or Hooks()
    languages = list(languages or project.targets)
    report = Report()
    began = clock()
    with project_lock(project, lock_timeout):
        if not paths and shard is None:
            # Only a run over the whole project: shards would race for the same catalog.
            found = moves.find(project, languages)
            moves.apply(found)
            report.moved += [move.describe(project) for move in found]
        uptodate = UpToDate(project)
        pseudo = engine.name == "pseudo"
        for lang in languages:
            report.languages.setdefault(lang.code, LanguageReport())
        run = _Run(
            project, engine, languages, report, hooks, clock, uptodate, pseudo, skip_missing_models
        )
        # A refresh reads every page: complete ones are what it redoes.
        for jobs in _windows(
            project,
            languages,
            paths,
            shard,
            report,
            None if refresh else uptodate,
            pseudo,
            refresh,
            window,
        ):
            run.window(jobs)
            del jobs  # dropped before the next window is planned, not while
    report.seconds = clock() - began
    return report
