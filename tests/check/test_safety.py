"""safety.injected_markup: everything active a translation adds is described; nothing else."""

from __future__ import annotations

import pytest

from diptych.safety import injected_markup, is_safe, normalise_url, unsafe_scheme
from diptych.segment import segment

SOURCE = "Миротворцы ОДКБ прибыли в **Алматы**."

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
    "percent-encoded scheme": ("[x](%6Aavascript:alert(1))", "javascript: URL in link:"),
    "angle-bracket destination": ("[x](<javascript:alert(1)>)", "javascript: URL in link:"),
    "vbscript link": ("[x](vbscript:msgbox(1))", "vbscript: URL in link:"),
    "data image": ("![a](data:image/svg+xml;base64,PHN2Zz4=)", "data: URL in image:"),
    "data link": ("[x](data:text/html,<script>alert(1)</script>)", "data: URL in link:"),
    "javascript autolink": ("<javascript:alert(1)>", "javascript: URL in autolink:"),
    "reference definition": (
        "[x][evil]\n\n[evil]: javascript:alert(1)",
        "javascript: URL in reference definition [evil]: javascript:alert(1)",
    ),
    "reference definition inside a paragraph": (
        "Text\n[home]: https://evil.example/",
        "link reference definition [home]: https://evil.example/",
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
    "unterminated tag": ("Text <img src=x onerror=alert(1)", "unterminated HTML tag <img"),
    "attribute list": (
        '[a](https://x.example){: onclick="alert(1)" }',
        "event-handler attribute onclick= in attribute list",
    ),
    "heading id via attribute list": ("Title { #main }", "attribute list { #main }"),
}


@pytest.mark.parametrize("name", sorted(INJECTIONS))
def test_injection_is_described(name: str) -> None:
    translation, expected = INJECTIONS[name]
    found = injected_markup(SOURCE, translation)
    assert any(item.startswith(expected) for item in found), found
    assert not is_safe(SOURCE, translation)


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
}


@pytest.mark.parametrize("name", sorted(SAFE))
def test_ordinary_translation_is_safe(name: str) -> None:
    assert injected_markup(SOURCE, SAFE[name]) == []


def test_markup_the_source_has_may_stay() -> None:
    source = 'Текст <abbr title="ОДКБ">ОДКБ</abbr> и <br> и [x](javascript:void(0))'
    translation = 'Text <abbr title="ОДКБ">CSTO</abbr> and <br> and [x](javascript:void(0))'
    assert injected_markup(source, translation) == []


def test_each_added_copy_counts() -> None:
    source = "Текст <b>жирный</b>"
    assert injected_markup(source, "Text <b>bold</b> <b>more</b>") == [
        "raw HTML tag <b>",
        "raw HTML end tag </b>",
    ]


def test_changed_attributes_are_new_markup() -> None:
    source = "Текст <b>жирный</b>"
    assert injected_markup(source, "Text <b onmouseover=alert(1)>bold</b>") == [
        "raw HTML tag <b onmouseover=alert(1)>",
        "event-handler attribute onmouseover= on <b>",
    ]


def test_exact_descriptions_for_a_script_tag() -> None:
    assert injected_markup("Текст", "Text <script>alert(1)</script>") == [
        "script element <script>",
        "raw HTML end tag </script>",
    ]


def test_page_references_are_resolved() -> None:
    page = segment("Текст [ссылка][b].\n\n[b]: https://example.com\n")
    assert injected_markup("Текст [ссылка][b].", "Text [link][b].", page.references) == []
    # CommonMark drops a javascript: definition from the page, Python-Markdown keeps it.
    env = {
        "references": {
            "A": {"href": "javascript:alert(1)", "title": ""},
            "B": {"href": "https://example.com", "title": ""},
        }
    }
    # The source uses [a]; a translation may keep that link, but not start using it.
    assert injected_markup("Текст [ссылка][a].", "Text [link][a].", env) == []
    assert injected_markup("Текст [ссылка][b].", "Text [link][a].", env) == [
        "javascript: URL in link: javascript:alert(1)"
    ]


@pytest.mark.parametrize(
    ("url", "scheme"),
    [
        ("javascript:alert(1)", "javascript"),
        (" \tJaVa\nScRiPt:alert(1)", "javascript"),
        ("jav&#x61;script:alert(1)", "javascript"),
        ("jav&#97script:alert(1)", "javascript"),
        ("javascript&colon;alert(1)", "javascript"),
        ("&amp;#106;avascript:x", "javascript"),
        ("%6a%61vascript:x", "javascript"),
        ("\x01javascript:x", "javascript"),
        ("VBScript:x", "vbscript"),
        ("data:text/html,x", "data"),
        ("https://example.com/javascript:x", None),
        ("page.md#javascript", None),
        ("mailto:a@b.c", None),
    ],
)
def test_unsafe_scheme(url: str, scheme: str | None) -> None:
    assert unsafe_scheme(url) == scheme


def test_normalise_url() -> None:
    assert normalise_url("JAV&#x41;\tSCRIPT&colon;") == "javascript:"
