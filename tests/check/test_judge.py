"""The judge: what publishing a translation would add to the rendered page is refused;
ordinary translations pass.

Every case renders with the project's own mkdocs.yml (Python-Markdown and its extensions)
and reads the HTML with a browser-grade parser; nothing here is a mock. Making
``Inventory.gains`` return nothing, or judging the Markdown instead of the page's
rendering, fails the injection cases; judging pages without the source rendering as the
baseline fails the safe ones.
"""

from __future__ import annotations

import pytest

from diptych.inventory import Inventory, Item, url_item
from diptych.judge import Judge
from diptych.renderer import Renderer
from diptych.segment import segment
from tests.support.repo import REPO

SOURCE = "Миротворцы ОДКБ прибыли в **Алматы**."
# The page around the judged unit holds links, an image, code and a mail address, so that
# a translation may use them too.
PAGE = (
    f"{SOURCE}\n\n"
    "См. [сайт](https://example.com), ![логотип](img/logo.png 'Логотип'), "
    "[заявление](../statements/2022.md#top), `код` и <press@example.com>.\n"
)


@pytest.fixture(scope="module")
def judge() -> Judge:
    return Judge(Renderer.for_config_file(REPO / "mkdocs.yml"))


def refused(judge: Judge, translation: str) -> list[str]:
    return judge.page(segment(PAGE), {SOURCE: translation}).refused.get(SOURCE, [])


# Each: (translation, a description the judge must give).
INJECTIONS = {
    "script": ("Text <script>alert(1)</script>", "script element <script>"),
    "script block": ("<script>\nalert(1)\n</script>", "script element <script>"),
    "script after a line": ("Text\n<script>alert(1)</script>", "script element <script>"),
    "img onerror": (
        "Text <img src=x onerror=alert(1)>",
        "event-handler attribute onerror= on <img>",
    ),
    "mixed-case handler": (
        '<b OnMouseOver="alert(1)">x</b>',
        "event-handler attribute onmouseover= on <b>",
    ),
    "svg onload, no space": ("<svg/onload=alert(1)>", "event-handler attribute onload= on <svg>"),
    "slash before attribute": (
        "<a/onclick=alert(1)>x</a>",
        "event-handler attribute onclick= on <a>",
    ),
    "python-markdown has no \\< escape": (
        "\\<script>alert(1)\\</script>",
        "script element <script>",
    ),
    "namespaced tag": ("<ab:c onclick=alert(1)>x", "event-handler attribute onclick= on <ab:c>"),
    "javascript link": ("[x](javascript:alert(1))", "javascript: URL in link: javascript:alert(1)"),
    "mixed-case scheme": (
        "[x](JaVaScRiPt:alert(1))",
        "javascript: URL in link: JaVaScRiPt:alert(1)",
    ),
    "entity-encoded scheme": (
        "[x](jav&#x61;script:alert(1))",
        "javascript: URL in link: javascript:alert(1)",
    ),
    "named-entity colon": (
        "[x](javascript&colon;alert(1))",
        "javascript: URL in link: javascript:alert(1)",
    ),
    "angle-bracket destination": ("[x](<javascript:alert(1)>)", "javascript: URL in link:"),
    "vbscript link": ("[x](vbscript:msgbox(1))", "vbscript: URL in link:"),
    "data image": ("![a](data:image/svg+xml;base64,PHN2Zz4=)", "data: URL in image:"),
    "data link": ("[x](data:text/html,<script>alert(1)</script>)", "data: URL in link:"),
    "javascript autolink": ("<javascript:alert(1)>", "javascript: URL in autolink:"),
    "reference definition": (
        "[x][evil]\n\n[evil]: javascript:alert(1)",
        "javascript: URL in reference definition [evil]: javascript:alert(1)",
    ),
    "iframe": ("<iframe src='https://evil.example'></iframe>", "iframe <iframe"),
    "iframe block": ("\n<iframe srcdoc='x'>\n</iframe>", "iframe <iframe"),
    "object": ("<object data=x.swf></object>", "object element <object"),
    "embed": ("<embed src=x.swf>", "embed element <embed"),
    "form": ("<form action=https://evil.example><input name=p></form>", "form <form"),
    "input": ("<input autofocus onfocus=alert(1)>", "form input <input"),
    "style element": ("<style>body{display:none}</style>", "style element <style>"),
    "style attribute": ('<span style="position:fixed">x</span>', "style attribute on <span>"),
    "meta refresh": (
        '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
        "javascript: URL in attribute content= of <meta>",
    ),
    "base": ("<base href=https://evil.example/>", "base tag <base"),
    "link tag": ("<link rel=stylesheet href=https://evil.example/x.css>", "link tag <link"),
    "entity-encoded attribute": (
        '<a href="jav&#x09;ascript&colon;alert(1)">x</a>',
        "javascript: URL in attribute href= of <a>",
    ),
    "plain raw HTML": ("Text <b>bold</b>", "raw HTML tag <b>"),
    "html comment": ("Text <!-- hidden -->", "HTML comment <!-- hidden -->"),
    "attribute list": (
        '[a](https://x.example){: onclick="alert(1)" }',
        "event-handler attribute onclick= in attribute list",
    ),
}


@pytest.mark.parametrize("name", sorted(INJECTIONS))
def test_injection_is_refused(judge: Judge, name: str) -> None:
    translation, _ = INJECTIONS[name]
    assert refused(judge, translation), translation


SAFE = {
    "plain prose": "CSTO peacekeepers arrived in **Almaty**.",
    "entity-escaped tags": "Text &lt;script&gt;alert(1)&lt;/script&gt; &#60;b&#62;",
    "comparison signs": "a < b and c > d, 3<4, x<-y",
    "a word followed by a colon": "Source data: Rosstat. JavaScript: a language.",
    "braces in prose": "The set {1, 2} and {x} and {word}",
    "web autolink": "See <https://example.com/a?b=c&d=e>",
    "mail autolink": "Write to <press@example.com>",
    "ordinary links": "[site](https://example.com) and ![logo](img/logo.png 'Logo')",
    "relative page link": "[statement](../statements/2022.md#top)",
    "protocol words in code": "Run `<script>alert(1)</script>` and ``[x](javascript:y)``",
    # A browser reads these as text or as a relative path, not as markup or a scheme.
    "unterminated tag": "Text <img src=x onerror=alert(1)",
    "percent-encoded scheme": "[x](%6Aavascript:alert(1))",
    "unused reference definition": "Text\n[home]: https://evil.example/",
    "braces after a paragraph": "Title { #main }",
}


@pytest.mark.parametrize("name", sorted(SAFE))
def test_ordinary_translation_passes(judge: Judge, name: str) -> None:
    assert refused(judge, SAFE[name]) == []


def test_exact_descriptions(judge: Judge) -> None:
    assert refused(judge, "Text <b onmouseover=alert(1)>bold</b>") == [
        "the element <b>",
        "the attribute onmouseover= on <b>",
    ]
    assert refused(judge, "[x](https://evil.example/a)") == ["a https: URL to evil.example"]
    assert refused(judge, "[x](jav&#x61;script:alert(1))") == ["a javascript: URL"]


def test_markup_the_source_has_may_stay(judge: Judge) -> None:
    source = 'Текст <abbr title="ОДКБ">ОДКБ</abbr> и <br> и [x](javascript:void(0))'
    translation = 'Text <abbr title="ОДКБ">CSTO</abbr> and <br> and [x](javascript:void(0))'
    assert judge.page(segment(source + "\n"), {source: translation}).refused == {}


def test_the_culprit_is_found_among_harmless_units(judge: Judge) -> None:
    """A backtick in one cell pairs with one in another: each unit is harmless alone, the
    page turns the source's code into live HTML. Bisection names the one unit whose
    addition gains; naming any other unit of the page (the first, say) fails this."""
    page = segment(
        "| А | Б | В |\n|---|---|---|\n| один | два | `<img src=x onerror=alert(1)>` |\n"
    )
    texts = {"А": "A", "Б": "B", "В": "C", "один": "one", "два": "two`"}
    verdict = judge.page(page, texts)
    assert list(verdict.refused) == ["два"]
    assert "the attribute onerror= on <img>" in verdict.refused["два"]
    assert judge.page(page, {**texts, "два": "two"}).refused == {}


@pytest.mark.parametrize(
    ("url", "item"),
    [
        ("javascript:alert(1)", Item("url", "javascript")),
        (" \tJaVa\nScRiPt:alert(1)", Item("url", "javascript")),
        ("\x01javascript:x", Item("url", "javascript")),
        ("VBScript:x", Item("url", "vbscript")),
        ("data:text/html,x", Item("url", "data")),
        ("https://Example.COM:8080/a", Item("url", "https", "example.com")),
        ("//evil.example/x", Item("url", "", "evil.example")),
        ("/\\evil.example/x", Item("url", "", "evil.example")),
        ("https://example.com/javascript:x", Item("url", "https", "example.com")),
        ("page.md#javascript", Item("url", "")),
        ("%6a%61vascript:x", Item("url", "")),
        ("mailto:a@b.c", Item("url", "mailto")),
    ],
)
def test_url_item(url: str, item: Item) -> None:
    assert url_item(url) == item


def test_inventory_reads_html_as_a_browser_does() -> None:
    assert Inventory.of('<img/src=x/onerror=alert(1)><a href="jav&#x61;script:x">a</a>') == (
        Inventory(
            frozenset(
                {
                    Item("element", "img"),
                    Item("attribute", "img", "src"),
                    Item("url", "", ""),
                    Item("element", "a"),
                    Item("attribute", "a", "href"),
                    Item("url", "javascript"),
                }
            )
        )
    )


def test_the_sanitizer_keeps_only_what_the_source_has() -> None:
    allowed = Inventory.of('<p class="a">x <a href="https://example.com/">y</a></p>')
    clean = allowed.sanitizer()
    assert clean(
        '<p class="a b" onclick="x">t <a href="javascript:y">l</a><script>z</script></p>'
    ) == ('<p class="a">t <a>l</a></p>')


def test_a_page_built_to_be_slow_is_judged_in_bounded_time(judge: Judge) -> None:
    """Twenty rows, each with a backtick that pairs across cells only in the page: once
    the rendering budget is spent, the rest of the page's translations are withheld
    together. Not refusing the rest when the budget is spent fails this."""
    judge = Judge(judge.renderer, render_budget=0, min_renderings=40)
    rows = "".join(f"| ряд{n} | `<b>{n}</b>` |\n" for n in range(20))
    page = segment("| А | Б |\n|---|---|\n" + rows)
    texts = {f"ряд{n}": f"row{n}`" for n in range(20)}
    refused = judge.page(page, texts).refused
    assert sorted(refused) == sorted(texts)
    assert refused["ряд0"] == ["the element <b>"]
    assert refused["ряд19"] == ["the element <b> (with the page's other translations)"]


def test_markup_nested_too_deeply(judge: Judge) -> None:
    """A translation the renderer cannot render (Python-Markdown recurses per level) is
    refused, not a crash; catching RecursionError nowhere fails this."""
    assert refused(judge, "*" * 3000 + "x" + "*" * 3000) == ["Markdown nested too deeply to render"]
