"""The one ``mkdocs.yml`` of every mini project that the tests and the benchmarks build.

It lives in bench/ because both can reach it here: a benchmark runs as a script
(``.venv/bin/python bench/markup.py``, with bench/ first on its path) and imports it as
``mkdocs_template``; the tests import it as ``bench.mkdocs_template`` (the repository's
root is on pytest's path). The tests' support cannot be imported from a benchmark as
cleanly: that would need the root on the script's path, where argostranslate's stray
top-level ``tests`` package competes for the name.

What differs between mini projects is a parameter: the target languages, the Markdown
extensions the site uses, and a site that builds like the real one (Material, the
project's hooks, search, addresses). Languages are listed one key a line, so that the
target list ends the file for a plain project and a test may append a language or
settings at known lines.
"""

from __future__ import annotations

from collections.abc import Sequence

# Language names as the site's switcher shows them; a code not listed is its own name.
NAMES = {"ru": "Русский", "en": "English", "de": "Deutsch", "zh": "中文", "ar": "العربية"}

SITE_URL = "https://example.org/mini/"
REPO_URL = "https://github.com/example/mini"

_SITE = f"""\
site_url: {SITE_URL}
repo_url: {REPO_URL}
edit_uri: edit/main/docs/
theme:
  name: material
  custom_dir: overrides
  language: ru
  font: false
  palette:
    - media: "(prefers-color-scheme: light)"
      scheme: default
      toggle:
        icon: material/brightness-7
        name: Switch to dark mode
    - media: "(prefers-color-scheme: dark)"
      scheme: slate
      toggle:
        icon: material/brightness-4
        name: Switch to light mode
extra:
  generator: false
extra_css: [assets/diptych/diptych.css]
extra_javascript: [assets/diptych/diptych.js]
"""

_EXTENSIONS = """\
markdown_extensions:
  - admonition
  - attr_list
  - footnotes
  - tables
  - toc:
      permalink: true
"""

# Heading ids in the heading's own script, as the project's mkdocs.yml has them.
_SLUGIFY = """\
      slugify: !!python/object/apply:pymdownx.slugs.slugify
        kwds:
          case: lower
"""

_I18N = """\
  - i18n:
      docs_structure: suffix
      languages:
"""

_NOT_IN_NAV = """\
not_in_nav: |
  /statements/**/*.md
"""


def _language(code: str, default: bool = False) -> str:
    flag = "          default: true\n" if default else ""
    return f"        - locale: {code}\n{flag}          name: {NAMES.get(code, code)}\n"


def mkdocs_yml(
    targets: Sequence[str] = ("en", "de"),
    *,
    site_name: str = "Test",
    extensions: bool = False,
    hooks: Sequence[str] = (),
) -> str:
    """A mini project's mkdocs.yml: Russian sources in docs/ and ``targets``.

    ``extensions``: the Markdown extensions the site uses (what the renderer judges with).
    ``hooks``: a site that builds like the project's own (Material with its overrides,
    addresses, search in every language, these hooks, the site's heading ids); a plain
    project has none, and the template's target list then ends the file."""
    site = bool(hooks)
    text = f"site_name: {site_name}\n" + (_SITE if site else "")
    if extensions or site:
        text += _EXTENSIONS + (_SLUGIFY if site else "")
    if site:
        text += "hooks:\n" + "".join(f"  - {hook}\n" for hook in hooks)
    text += "plugins:\n"
    if site:
        lang = ", ".join(("ru", *targets))
        text += f"  - search:\n      lang: [{lang}]\n      pipeline: [stemmer, stopWordFilter]\n"
    text += _I18N + _language("ru", default=True) + "".join(map(_language, targets))
    return text + (_NOT_IN_NAV if site else "")
