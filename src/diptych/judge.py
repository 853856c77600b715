"""The one verdict on markup: would publishing a translation put anything on the site that
the source page does not have?

The site renders Markdown with Python-Markdown (:class:`diptych.renderer.Renderer`), so the
verdict is reached on what that renderer makes, never on another parser's reading of the
Markdown. A translated page may hold no element, attribute, class or URL (scheme, and host)
that the rendering of its source page lacks (:mod:`diptych.inventory`).

:meth:`Judge.page` renders a page with every candidate translation in place, exactly as
the site will publish it. In the normal case that is one rendering per page and language,
and nothing is gained. Where something is, the unit responsible is found by bisection
over the units in page order (render with the first *k* translated, the rest shown in
Russian), withheld, and the search goes on until the page gains nothing: one translation
that breaks another (an unbalanced backtick in one table cell that pairs with a backtick in
the next) is found as surely as one that is harmful on its own. Each unit is also judged
alone, as the side-by-side view shows it.

``diptych check`` (D501, D502), ``diptych review`` and the site build all ask this module,
so they agree by construction.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from .errors import RenderError, SourceError
from .footnotes import stub_definitions
from .inventory import UNRENDERABLE, Inventory, Item, describe
from .renderer import Renderer
from .segment import Page, Unit

# Characters a front-matter translation may not have that its source lacks: titles and
# descriptions reach <title>, meta tags, the nav and the search index, which are
# attribute and text contexts of the theme's, not Markdown.
NOT_IN_FIELDS = ("<", ">", "&")

# What the site itself wraps a unit shown in Russian in (see page_catalog.fallback_markup).
FALLBACK = Inventory.of('<span lang="ru" dir="rtl" class="dp-untranslated">x</span>')
# What the site puts before machine output on a page (see page_catalog.marked_markup).
# Only the page may hold it, where the site put it: a translation judged on its own may
# not (it would forge a mark, or with role= and aria-label= tell a screen reader other
# words than the page shows).
MARK = Inventory.of(
    '<span class="dp-mark dp-mark--machine" role="img" aria-label="x"></span>'
    '<span class="dp-mark dp-mark--stale" role="img" aria-label="x"></span>'
)

Fallback = Callable[[Unit], "str | None"]
# How a candidate translation stands on the page (the site's mark of machine output).
Present = Callable[[Unit, str], str]

# How much rendering the search for the units responsible may cost, in characters of
# page rendered (at least MIN_RENDERINGS renderings of the page): past it the rest of the
# page's suspects are withheld together. Python-Markdown renders some 100 KB a second, so
# this bounds the search to about a minute however the page and catalog were built.
RENDER_BUDGET = 6_000_000
MIN_RENDERINGS = 32


def body(page_text: str) -> str:
    """A page's Markdown as MkDocs renders it: no byte-order mark, newlines as MkDocs reads
    them, no front matter."""
    from mkdocs.utils.meta import get_data

    return get_data(newlines(page_text.removeprefix("\ufeff")))[0]


def newlines(text: str) -> str:
    """``text`` with line endings as MkDocs reads a file (universal newlines)."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def reference_definitions(page: Page) -> str:
    """The page's link reference definitions and (empty) footnote definitions, to append
    to a unit rendered on its own (:mod:`diptych.footnotes`)."""
    references = page.references.get("references", {})
    links = "\n".join(f"[{label}]: <{ref.get('href', '')}>" for label, ref in references.items())
    return "\n\n".join(part for part in (links, stub_definitions(page)) if part)


def cell_markdown(text: str, definitions: str) -> str:
    """What the side-by-side view renders for one unit: the unit and the page's
    reference and footnote definitions, so that its links and footnote references are
    markup as on the page. (The view then drops the empty list of footnotes that
    Python-Markdown appends, and links each reference to its definition's row:
    :mod:`diptych.site.render`. It shows less than was judged, never more.)"""
    return text + ("\n\n" + definitions if definitions else "")


def _no_fallback(unit: Unit) -> str | None:
    return None


@dataclass(frozen=True)
class Verdict:
    """The judgement of one page's translations in one language."""

    # Units (by source text) whose translation may not be published, and what publishing
    # it would add.
    refused: dict[str, list[str]]
    # What the published page may hold (the last line of defence keeps only this).
    allowed: Inventory


@dataclass(frozen=True)
class Judge:
    renderer: Renderer
    # See RENDER_BUDGET and MIN_RENDERINGS.
    render_budget: int = RENDER_BUDGET
    min_renderings: int = MIN_RENDERINGS
    _inventories: dict[str, Inventory] = field(default_factory=dict, compare=False, repr=False)

    def inventory(self, markdown: str) -> Inventory:
        """What ``markdown`` holds once rendered; Markdown the renderer refuses (nested too
        deeply) holds :data:`~diptych.inventory.UNRENDERABLE`, which no source has.
        Remembered for the judge's life (a Russian unit is judged in every language)."""
        found = self._inventories.get(markdown)
        if found is None:
            try:
                found = Inventory.of(self.renderer.html(markdown))
            except RenderError:
                found = Inventory(frozenset({UNRENDERABLE}))
            self._inventories[markdown] = found
        return found

    def baseline(self, page: Page) -> Inventory:
        """What a translation of ``page`` may hold: its source rendering, and the markup the
        site adds around a unit shown in Russian. A page the renderer refuses is an error
        naming the page."""
        source = self.inventory(body(page.text))
        if UNRENDERABLE in source.items:
            raise _unrenderable(page)
        return source | FALLBACK

    def page(
        self,
        page: Page,
        texts: Mapping[str, str],
        fallback: Fallback = _no_fallback,
        present: Present | None = None,
    ) -> Verdict:
        """For each unit (by source text) whose candidate translation in ``texts`` may not
        be published, what publishing it would add. Units without a candidate are shown
        as ``fallback`` writes them (None: the Russian unit as it is); a candidate stands
        as ``present`` writes it (None: as it is). The page may hold the site's
        :data:`MARK`; a translation judged on its own may not."""
        problems: dict[str, list[str]] = {}
        baseline = self.baseline(page)
        definitions = reference_definitions(page)
        # A text may stand in several places (a title that is also the heading): it is
        # judged in each kind of place it stands.
        in_field = {s.unit.text for s in page.slots if s.unit.kind.startswith("front-matter:")}
        in_body = {s.unit.text for s in page.slots if not s.unit.kind.startswith("front-matter:")}
        order: list[str] = []
        for unit in page.units:
            text = texts.get(unit.text)
            if text is None:
                continue
            wrong = field_problems(unit.text, text) if unit.text in in_field else []
            if unit.text in in_body:
                wrong += self.unit(unit.text, text, definitions, baseline)
            if wrong:
                problems[unit.text] = wrong
            else:
                # A field is rendered too: one that broke the front matter would put it
                # into the page as Markdown.
                order.append(unit.text)

        rendered = [0]
        baseline = baseline | MARK

        def gained(accepted: Sequence[str]) -> list[Item]:
            rendered[0] += 1
            chosen = {t: texts[t] for t in accepted}

            def shown(unit: Unit) -> str | None:
                text = chosen.get(unit.text)
                if text is None:
                    return fallback(unit)
                return text if present is None else present(unit, text)

            return baseline.gains(self.inventory(body(page.render(shown))))

        found = gained(order)
        if found:
            # Whatever the page gains with nothing translated comes from the site's own
            # fallback markup, not from a translation.
            baseline = baseline | Inventory(frozenset(gained([])))
            found = gained(order)
        low = 0  # the first `low` units of `order` gain nothing together
        budget = max(self.min_renderings, self.render_budget // max(len(page.text), 1))
        while found:
            if rendered[0] + (len(order) - low).bit_length() > budget:
                # Built to be slow: every search costs log2(units) renderings of the page.
                # What is left past the units already found is withheld as a whole.
                rest = describe(found)
                for text in order[low:]:
                    problems[text] = [
                        f"{what} (with the page's other translations)" for what in rest
                    ]
                break
            high = len(order)
            while high - low > 1:
                middle = (low + high) // 2
                trial = gained(order[:middle])
                if trial:
                    high, found = middle, trial
                else:
                    low = middle
            problems[order.pop(high - 1)] = describe(found)
            found = gained(order)
        return Verdict(problems, baseline)

    def unit(
        self, source: str, translation: str, definitions: str, baseline: Inventory
    ) -> list[str]:
        """What ``translation``, rendered on its own as the side-by-side view shows it,
        holds that neither ``baseline`` nor the source unit rendered alone does."""
        allowed = baseline | self.inventory(cell_markdown(source, definitions))
        return describe(allowed.gains(self.inventory(cell_markdown(translation, definitions))))

    def entry(self, page: Page | None, source: str, translation: str) -> list[str]:
        """A translation judged without its page's other units (an obsolete entry, or one
        whose unit the page no longer has): alone, against the page or its own source."""
        if page is None:
            return self.unit(source, translation, "", FALLBACK)
        return self.unit(source, translation, reference_definitions(page), self.baseline(page))

    def source_page(self, page: Page) -> list[tuple[int, str]]:
        """Active content of a source page (script, event handlers, unsafe URLs, frames,
        forms...) as rendered, each with the line of the page where it first shows."""
        self.baseline(page)
        text = newlines(page.text.removeprefix("\ufeff"))
        content = body(text)
        lines = content.splitlines(keepends=True)
        offset = text[: len(text) - len(content)].count("\n") if text.endswith(content) else 0
        out: list[tuple[int, str]] = []
        for item in self.inventory(content).active():
            low, high = 0, len(lines)
            while high - low > 1:
                middle = (low + high) // 2
                if item in self.inventory("".join(lines[:middle])).items:
                    high = middle
                else:
                    low = middle
            out.append((offset + high, item.describe()))
        return sorted(out)


def _unrenderable(page: Page) -> SourceError:
    return SourceError(
        "the page is nested too deeply for the site's Markdown renderer",
        path=page.path,
        line=1,
        hint="flatten the deeply nested lists, quotes or emphasis",
    )


def field_problems(source: str, translation: str) -> list[str]:
    """A front-matter translation must be plain text on one line: the theme writes it where
    Markdown is not rendered, and YAML reads control characters as its own."""
    problems = []
    bad = sorted({ch for ch in translation if ch in NOT_IN_FIELDS and ch not in source})
    if bad:
        problems.append(
            "markup characters " + " ".join(html.escape(b) for b in bad) + " in a field"
        )
    controls = sorted(
        {ch for ch in translation if not ch.isprintable() and ch != " " and ch not in source}
    )
    if controls:
        names = ", ".join(f"U+{ord(ch):04X}" for ch in controls)
        problems.append(f"control or line-break characters {names} in a field")
    return problems
