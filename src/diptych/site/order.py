"""The hooks' run order, and what each adds to the build, declared in one place.

MkDocs runs an event's handlers by priority (higher first; ties in the order of
``plugins:`` then ``hooks:`` in mkdocs.yml). Much of what the hooks do only works at one
point of that order: after mkdocs-static-i18n has arranged a language's files, before
any other hook adds to a page, after the search index has been merged. Every hook takes
its priorities from :func:`priority` (``@event_priority(priority("banner",
"on_page_content"))``), so the order is read here and nowhere else; the plugins' steps
the hooks rely on are declared beside them. ``tests/site/test_hook_order.py`` loads the
project's mkdocs.yml and fails when MkDocs' real order of any event differs from
:data:`STEPS`, or when docs-dev/site.md's table (:func:`markdown_table`) does.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import DiptychError


@dataclass(frozen=True)
class Step:
    """One handler of one MkDocs event: a hook (its file's name under hooks/, without
    ``.py``) or a plugin (its name in mkdocs.yml's ``plugins:``)."""

    event: str
    priority: int
    name: str
    is_hook: bool
    adds: str


# The declaration: each event's handlers in run order, the events in MkDocs' order within
# a build. Written as docs-dev/site.md shows it ("Run order"); read by :func:`_steps`.
TABLE = """\
| Event | Priority | Handler | What it adds |
| --- | ---: | --- | --- |
| on_config | -100 | plugin i18n | the language being built |
| on_config | -200 | hooks/translated_pages.py | opens the build's state (nested builds count in) |
| on_files | 100 | hooks/titles.py | refuses unsafe page names, before anyone arranges files |
| on_files | -100 | plugin i18n | the language's files: its own, or the source's as fallback |
| on_files | -200 | hooks/translated_pages.py | the fallback pages rendered from their catalogs |
| on_files | -210 | hooks/side_by_side.py | a side-by-side page for every page |
| on_files | -220 | hooks/alternates.py | the side-by-side pages' versions, for the sitemap |
| on_page_content | 100 | hooks/translated_pages.py | the last line of defence, before additions |
| on_page_content | 10 | hooks/page_header.py | a statement's header and the way back |
| on_page_content | 0 | hooks/side_by_side.py | the side-by-side page's rows |
| on_page_content | 0 | hooks/banner.py | the translation notice, the side-by-side links |
| on_page_content | 0 | hooks/lists.py | the statements list and the dashboard |
| on_page_content | 0 | hooks/feeds.py | the statements page's visible feed link |
| on_env | 0 | hooks/palette.py | the interface strings for the templates |
| on_env | 0 | hooks/titles.py | front-matter text escaped; the document_title filter |
| on_env | 0 | hooks/sitemap_dates.py | each page's own date for the sitemap |
| on_template_context | 50 | plugin i18n | the sitemap's pages per language |
| on_template_context | 0 | hooks/alternates.py | the side-by-side pages in the sitemap |
| on_template_context | 0 | hooks/feeds.py | the error page's feed link |
| on_template_context | 0 | hooks/not_found.py | the error page's words and homes |
| on_post_template | 0 | hooks/valid_html.py | fixes that make the HTML valid |
| on_post_template | 0 | hooks/search_languages.py | the language's search base and worker |
| on_post_template | -100 | hooks/not_found.py | a target language's error page, to its folder |
| on_page_context | 50 | plugin i18n | the language switcher of the plugin's pages |
| on_page_context | 0 | hooks/alternates.py | the language switcher of side-by-side pages |
| on_page_context | 0 | hooks/feeds.py | the head's feed link |
| on_page_context | 0 | hooks/metadata.py | Open Graph facts |
| on_post_page | 0 | hooks/valid_html.py | fixes that make the HTML valid |
| on_post_page | 0 | hooks/search_languages.py | the language's search base and worker |
| on_post_page | 0 | hooks/no_third_party.py | a warning for any request to another host |
| on_post_build | 0 | plugin material/search | the search index |
| on_post_build | 0 | hooks/feeds.py | the language's Atom feed, before the next language |
| on_post_build | -100 | plugin i18n | the other languages' builds (nested); indexes merged |
| on_post_build | -150 | hooks/search_languages.py | the merged index split by language |
| on_post_build | -200 | hooks/translated_pages.py | closes the build's state (the last drops it) |
| on_build_error | 0 | hooks/translated_pages.py | drops the build's state |
| on_serve | 0 | hooks/serve.py | the catalogs and glossaries watched |
"""


def _steps(table: str) -> tuple[Step, ...]:
    """The rows of :data:`TABLE` (after its heading): ``hooks/<name>.py`` or ``plugin
    <name>``."""
    steps = []
    for line in table.splitlines()[2:]:
        event, rank, handler, adds = (cell.strip() for cell in line.strip("| ").split(" | "))
        hook = handler.startswith("hooks/")
        name = handler.removeprefix("hooks/").removesuffix(".py") if hook else handler.split()[-1]
        steps.append(Step(event, int(rank), name, hook, adds))
    return tuple(steps)


STEPS: tuple[Step, ...] = _steps(TABLE)


def priority(hook: str, event: str) -> int:
    """The declared priority of ``hook``'s handler of ``event`` (for ``@event_priority``);
    a handler that is not declared is a mistake of the hook's author, said when MkDocs
    loads the hook."""
    for step in STEPS:
        if step.is_hook and step.name == hook and step.event == event:
            return step.priority
    raise DiptychError(
        f"{event} is not declared",
        path=f"hooks/{hook}.py",
        hint="declare it, with its priority, in TABLE of src/diptych/site/order.py",
    )


def markdown_table() -> str:
    """The run order as docs-dev/site.md shows it."""
    return TABLE.rstrip("\n")
