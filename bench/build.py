#!/usr/bin/env python3
"""The site build with Diptych's hooks against plain MkDocs building the same pages.

    .venv/bin/python bench/build.py              # 100, 300 and 1,000 pages x 5 languages
    .venv/bin/python bench/build.py --quick      # 20 pages, a minute or two

For each page count, one project of Russian pages (the project's docs, then generated
pages; see benchlib) gets machine catalogs for every target language from
``diptych translate --engine pseudo`` (pseudo-localisation: text of the same shape as a
translation, made in seconds), shown by both builds as a layout preview shows it
(``DIPTYCH_PREVIEW=pseudo``). Two sites are then built from it, each with
``mkdocs build`` in a fresh process, timed by wall clock from start to exit:

* **hooks**: the project's own mkdocs.yml, hooks/ and overrides/: every target-language
  page and every side-by-side page is rendered by the hooks from sources and catalogs;
* **plain**: the same mkdocs.yml without its ``hooks:`` but the two the theme's templates
  need (:data:`TEMPLATE_HOOKS`) (same theme, overrides, plugins,
  Markdown extensions and languages), and the same pages written out beforehand as plain
  Markdown: ``page.<lang>.md`` holds the translated page exactly as the hooks render it,
  ``side-by-side/page.<lang>.md`` the source followed by its translation.

Both sites therefore build the same number of HTML pages (printed, and checked); the
difference is what the hooks cost. The sides alternate (plain, hooks, plain, hooks, ...)
over ``--repeat`` rounds and the fastest round of each counts, so a burst of load from
other processes on the machine hits one round, not one side.

The last line of the output is JSON: ``{"pages", "languages", "html_pages", "plain_s",
"hooks_s", "overhead"}`` for the largest page count, overhead being hooks_s / plain_s - 1.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import benchlib  # noqa: E402

BIN = Path(sys.executable).parent


# Hooks the theme's overrides cannot do without (they give the templates a filter or the
# UI strings): the plain site keeps them. They only register those with Jinja, and escape
# front-matter titles (which the plain site needs as much).
TEMPLATE_HOOKS = ("hooks/titles.py", "hooks/palette.py")


def without_hooks(config: str) -> str:
    """mkdocs.yml text with its top-level ``hooks:`` list reduced to :data:`TEMPLATE_HOOKS`
    (text edit: the file has ``!ENV`` tags that a plain YAML round trip would lose)."""
    kept = "".join(f"  - {hook}\n" for hook in TEMPLATE_HOOKS)
    out = re.sub(r"(?m)^hooks:\n(?:[ \t]+-.*\n|[ \t]*#.*\n)*", "hooks:\n" + kept, config)
    if out == config or len(re.findall(r"(?m)^hooks:", out)) != 1:
        raise SystemExit("could not find the hooks: list in mkdocs.yml")
    return out


def make_hooked(folder: Path, pages: int) -> None:
    """The project's site configuration and pages, with pseudo-localised catalogs."""
    folder.mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    for name in ("hooks", "overrides"):
        shutil.copytree(ROOT / name, folder / name)
    benchlib.write_pages(folder / "docs", pages)
    done = subprocess.run(
        [BIN / "diptych", "-C", folder, "translate", "--engine", "pseudo", "-q"],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise SystemExit(f"diptych translate failed:\n{done.stderr}")


def make_plain(hooked: Path, folder: Path) -> None:
    """The same site without hooks, its translated and side-by-side pages pre-rendered."""
    from diptych.config import load_project
    from diptych.renderer import Renderer
    from diptych.site.build import Site

    folder.mkdir(parents=True)
    config = (hooked / "mkdocs.yml").read_text(encoding="utf-8")
    (folder / "mkdocs.yml").write_text(without_hooks(config), encoding="utf-8")
    shutil.copytree(hooked / "overrides", folder / "overrides")
    shutil.copytree(hooked / "docs", folder / "docs")
    for hook in TEMPLATE_HOOKS:
        (folder / hook).parent.mkdir(exist_ok=True)
        shutil.copy(hooked / hook, folder / hook)
    site = Site(load_project(hooked), Renderer.for_config_file(hooked / "mkdocs.yml"))
    for rel in site.rel_paths():
        source = (hooked / "docs" / rel).read_text(encoding="utf-8")
        stem = rel.removesuffix(".md")
        for lang in site.project.targets:
            translated = site.view(rel, lang.code).markdown()
            (folder / "docs" / f"{stem}.{lang.code}.md").write_text(translated, encoding="utf-8")
            pair = folder / "docs" / "side-by-side" / f"{stem}.{lang.code}.md"
            pair.parent.mkdir(parents=True, exist_ok=True)
            pair.write_text(source + "\n\n" + _body(translated), encoding="utf-8")


def _body(markdown: str) -> str:
    """A page without its front matter (a page has one, at the top)."""
    if markdown.startswith("---\n"):
        end = markdown.find("\n---\n", 4)
        if end >= 0:
            return markdown[end + 5 :]
    return markdown


def build(folder: Path) -> tuple[float, int]:
    """``mkdocs build`` in a fresh process: (seconds, HTML pages written)."""
    out = folder / "site"
    shutil.rmtree(out, ignore_errors=True)
    env = {**os.environ, "SITE_URL": "https://example.org/", "REPO_URL": "https://example.org/r"}
    started = time.perf_counter()
    done = subprocess.run(
        [BIN / "mkdocs", "build", "-q", "-f", folder / "mkdocs.yml", "-d", out],
        capture_output=True,
        text=True,
        env=env,
    )
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"mkdocs build in {folder.name} failed:\n{done.stderr[-4000:]}")
    pages = sum(1 for p in out.rglob("*.html") if p.name != "404.html")
    return seconds, pages


def measure(pages: int, repeat: int, work: Path) -> dict[str, Any]:
    hooked, plain = work / f"hooks-{pages}", work / f"plain-{pages}"
    make_hooked(hooked, pages)
    make_plain(hooked, plain)
    times: dict[str, list[float]] = {"plain": [], "hooks": []}
    html: dict[str, int] = {}
    for _ in range(repeat):
        for side, folder in (("plain", plain), ("hooks", hooked)):
            seconds, html[side] = build(folder)
            times[side].append(seconds)
    languages = 1 + len(site_targets(hooked))
    plain_s, hooks_s = min(times["plain"]), min(times["hooks"])
    return {
        "pages": pages,
        "languages": languages,
        "html_pages": html["hooks"],
        "plain_html_pages": html["plain"],
        "plain_s": round(plain_s, 2),
        "hooks_s": round(hooks_s, 2),
        "overhead": round(hooks_s / plain_s - 1, 3),
        "rounds": {side: [round(t, 2) for t in ts] for side, ts in times.items()},
    }


def site_targets(folder: Path) -> list[str]:
    from diptych.config import load_project

    return [lang.code for lang in load_project(folder).targets]


def table(rows: list[dict[str, Any]]) -> str:
    head = (
        f"{'pages':>6} {'languages':>9} {'HTML pages':>10} {'plain s':>8} {'hooks s':>8} "
        f"{'overhead':>8} {'plain ms/page':>13} {'hooks ms/page':>13}"
    )
    lines = [head, "-" * len(head)]
    for r in rows:
        lines.append(
            f"{r['pages']:>6} {r['languages']:>9} {r['html_pages']:>10} {r['plain_s']:>8.1f} "
            f"{r['hooks_s']:>8.1f} {r['overhead']:>+8.0%} "
            f"{1000 * r['plain_s'] / r['html_pages']:>13.1f} "
            f"{1000 * r['hooks_s'] / r['html_pages']:>13.1f}"
        )
    return "\n".join(lines)


def plot(rows: list[dict[str, Any]], out: Path, title: str) -> None:
    """Build time of both sites against the number of pages, one SVG."""
    series = [
        ("plain MkDocs, same pages", lambda r: r["plain_s"]),
        ("Diptych's hooks", lambda r: r["hooks_s"]),
    ]
    benchlib.pages_plot(
        out,
        title,
        rows,
        series,
        xlabel=f"source pages (each built in {rows[0]['languages']} languages)",
        ylabel="mkdocs build, seconds",
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="20 pages, a minute or two")
    parser.add_argument("--pages", default="100,300,1000", help="comma-separated page counts")
    parser.add_argument("--repeat", type=int, default=2, help="alternating rounds per size")
    parser.add_argument("--save", type=Path, help="write the full results as JSON here")
    parser.add_argument("--plot", type=Path, help="draw the build-time plot (SVG) here")
    args = parser.parse_args(argv)
    # Pseudo-localised catalogs stand in for translations: both sides show them, as a
    # layout preview does (a published build never would).
    os.environ["DIPTYCH_PREVIEW"] = "pseudo"

    sizes = [20] if args.quick else [int(n) for n in args.pages.split(",")]
    repeat = 1 if args.quick else args.repeat
    print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f}", flush=True)
    rows = []
    with tempfile.TemporaryDirectory(prefix="diptych-build-bench-") as tmp:
        for pages in sizes:
            row = measure(pages, repeat, Path(tmp))
            if row["html_pages"] != row["plain_html_pages"]:
                raise SystemExit(
                    f"unequal sites: {row['html_pages']} HTML pages with hooks, "
                    f"{row['plain_html_pages']} plain"
                )
            rows.append(row)
            print(f"  {pages} pages: {row['rounds']}, load average "
                  f"{os.getloadavg()[0]:.2f}", flush=True)  # fmt: skip
    print()
    print(table(rows))
    if args.plot:
        plot(rows, args.plot, f"mkdocs build, Material theme, {os.cpu_count()} CPU cores")
    last = rows[-1]
    summary = {
        k: last[k] for k in ("pages", "languages", "html_pages", "plain_s", "hooks_s", "overhead")
    }
    if args.save:
        args.save.parent.mkdir(parents=True, exist_ok=True)
        args.save.write_text(json.dumps({**summary, "runs": rows}, indent=2) + "\n")
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
