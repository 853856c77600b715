"""Markup that a translation must not add: raw HTML, script, event handlers, unsafe URLs.

Catalogs come from pull requests, so every msgstr is untrusted. :func:`injected_markup`
compares a translation with its source and describes every piece of active or raw markup
the translation has and the source does not. ``diptych check`` reports these (rule
``D501``) and the site build refuses to publish such a translation (defence in depth).

A translation is looked at through two parsers, and whatever either finds counts:

1. the project's own Markdown parser (:func:`diptych.segment.markdown_parser`, CommonMark
   with HTML enabled) with link validation switched off, so that ``javascript:`` links
   are seen as links rather than dropped: HTML blocks and inline HTML, link and image
   targets, autolinks and link reference definitions;
2. a backstop for the renderer that actually builds the site (Python-Markdown), which
   reads Markdown differently in places that matter: it has no ``\\<`` escape, accepts
   tags such as ``<a/onclick=...>`` that CommonMark does not, takes a reference
   definition from the middle of a paragraph and understands ``{ attr=value }`` lists.
   Code spans are taken out the way Python-Markdown finds them, then Python's
   browser-like HTML tokenizer reads what is left.

URLs are compared after decoding entities (``jav&#x61;script:``, ``&colon;``) and percent
escapes and after dropping whitespace and control characters, case-insensitively; an
unsafe scheme is reported wherever it appears in an HTML attribute.

The result errs on the side of reporting: a translation should carry exactly its source's
markup, so a false alarm costs a reviewer a look, while a miss could put script on the site.
"""

from __future__ import annotations

import functools
import html
import re
import urllib.parse
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token

from .segment import markdown_parser

UNSAFE_SCHEMES = ("javascript", "vbscript", "livescript", "data")

# Elements that run code, load other documents, submit data or change the page around them.
DANGEROUS_ELEMENTS = {
    "script": "script element",
    "iframe": "iframe",
    "frame": "frame",
    "frameset": "frameset",
    "object": "object element",
    "embed": "embed element",
    "applet": "applet element",
    "form": "form",
    "input": "form input",
    "button": "form button",
    "select": "form select",
    "textarea": "form textarea",
    "style": "style element",
    "meta": "meta tag",
    "base": "base tag",
    "link": "link tag",
    "svg": "svg element",
    "math": "math element",
    "template": "template element",
    "noscript": "noscript element",
    "portal": "portal element",
}

_CONTROL = re.compile(
    r"[\x00-\x20\x7f-\x9f\u00a0\u1680\u2000-\u200f\u2028-\u202f\u205f\u3000\ufeff]"
)
_SCHEME_ANYWHERE = re.compile(r"(?<![a-z0-9+.\-])(" + "|".join(UNSAFE_SCHEMES) + r"):")
# Python-Markdown's code span (markdown.inlinepatterns.BACKTICK_RE).
_BACKTICKS = re.compile(r"(?:(?<!\\)((?:\\{2})+)(?=`+)|(?<!\\)(`+)(.+?)(?<!`)\2(?!`))", re.S)
# Python-Markdown's reference definition (markdown.blockprocessors.ReferenceProcessor):
# it is found on any line of a block, not only at the start of one.
_PYMD_REFERENCE = re.compile(r"^[ ]{0,3}\[([^\[\]]*)\]:[ ]*\n?[ ]*([^\s]+)", re.M)
# Python-Markdown's attribute list ({: #id .class key=value }), inline or at a block's end.
_ATTR_LIST = re.compile(r"\{:?[ \t]*([^}\n \t][^}\n]*?)[ \t]*\}")
_ATTR_TOKEN = re.compile(r"""([^\s=}]+)\s*=\s*("[^"]*"|'[^']*'|[^\s}]*)|([#.][^\s}]+)""")
# Python-Markdown's autolinks (AUTOLINK_RE, AUTOMAIL_RE), which it turns into links.
_PYMD_AUTOLINK = re.compile(r"<(?:[Ff]|[Hh][Tt])[Tt][Pp][Ss]?://[^<>]*>|<[^<> !]+@[^@<> ]+>")
# Where Python-Markdown reads a link destination: "](" (inline links and images).
_LINK_OPEN = re.compile(r"\]\s*\(\s*<?")


@dataclass(frozen=True)
class _Finding:
    key: tuple[str, ...]
    description: str
    # What the two passes agree to call the same thing (defaults to the description).
    topic: str = ""
    # Active content (runs code, loads or submits elsewhere), not merely raw markup.
    dangerous: bool = False

    @property
    def about(self) -> str:
        return self.topic or self.description


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def normalise_url(url: str) -> str:
    """A URL as a browser would judge its scheme: decoded, no whitespace, lower case."""
    text = url
    for _ in range(8):  # entities inside percent escapes inside entities...
        decoded = html.unescape(urllib.parse.unquote(text))
        if decoded == text:
            break
        text = decoded
    return _CONTROL.sub("", text).lower()


def unsafe_scheme(url: str) -> str | None:
    """``javascript`` etc. if the URL would run or embed content, else None."""
    text = normalise_url(url).lstrip("<")
    match = re.match(r"([a-z][a-z0-9+.\-]*):", text)
    if match and match.group(1) in UNSAFE_SCHEMES:
        return match.group(1)
    return None


# ---------------------------------------------------------------------------------------
# Raw HTML, read by a browser-like tokenizer


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[_Finding] = []

    def _tag(self, name: str, attrs: list[tuple[str, str | None]], raw: str) -> None:
        name = name.lower()
        shown = _short(raw)
        if _PYMD_AUTOLINK.fullmatch(raw) or ((":" in name or "@" in name) and not attrs):
            # "<https://...>" and "<user@host>" are links to Python-Markdown, not tags; but
            # a browser would make "<ab:c/onclick=...>" an element with a handler.
            return
        pairs = tuple(f"{k.lower()}={v or ''}" for k, v in sorted(attrs, key=lambda kv: kv[0]))
        what = DANGEROUS_ELEMENTS.get(name, "raw HTML tag")
        self.found.append(
            _Finding(("tag", name, *pairs), f"{what} {shown}", dangerous=name in DANGEROUS_ELEMENTS)
        )
        for key, value in attrs:
            key = key.lower()
            if key.startswith("on"):
                self.found.append(
                    _Finding(
                        ("handler", name, key, value or ""),
                        f"event-handler attribute {key}= on <{name}>",
                        dangerous=True,
                    )
                )
            if key == "style":
                self.found.append(
                    _Finding(
                        ("style", name, value or ""), f"style attribute on <{name}>", dangerous=True
                    )
                )
            found = _SCHEME_ANYWHERE.search(normalise_url(value or ""))
            if found:
                self.found.append(
                    _Finding(
                        ("attr-url", name, key, normalise_url(value or "")),
                        f"{found.group(1)}: URL in attribute {key}= of <{name}>",
                        dangerous=True,
                    )
                )

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._tag(tag, attrs, self.get_starttag_text() or f"<{tag}>")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._tag(tag, attrs, self.get_starttag_text() or f"<{tag}/>")

    def handle_endtag(self, tag: str) -> None:
        name = tag.lower()
        if ":" in name or "@" in name:
            return
        self.found.append(_Finding(("endtag", name), f"raw HTML end tag </{name}>"))

    def handle_comment(self, data: str) -> None:
        self.found.append(_Finding(("comment", data), f"HTML comment <!-- {_short(data, 40)} -->"))

    def handle_decl(self, decl: str) -> None:
        self.found.append(_Finding(("decl", decl), f"HTML declaration <!{_short(decl, 40)}>"))

    def unknown_decl(self, data: str) -> None:
        self.found.append(_Finding(("decl", data), f"HTML declaration <![{_short(data, 40)}>"))

    def handle_pi(self, data: str) -> None:
        self.found.append(_Finding(("pi", data), f"processing instruction <?{_short(data, 40)}>"))


def _html(text: str) -> list[_Finding]:
    parser = _Tags()
    parser.feed(text)
    rest = parser.rawdata[parser.rawdata.find("<") :] if "<" in parser.rawdata else ""
    if re.match(r"<[/!?]?[A-Za-z]", rest):
        # A tag left open at the end would swallow the page's markup that follows it.
        description = f"unterminated HTML tag {_short(rest)}"
        parser.found.append(_Finding(("unclosed", rest), description, dangerous=True))
    parser.close()
    return parser.found


# ---------------------------------------------------------------------------------------
# Pass 1: the project's Markdown parser


@functools.lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    md = markdown_parser()
    # CommonMark drops javascript: links silently; Python-Markdown does not. See them.
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    return md


def _url(kind: str, url: str, findings: list[_Finding]) -> None:
    scheme = unsafe_scheme(url)
    if scheme:
        topic = f"{scheme}: link or image" if kind in ("link", "image") else ""
        description = f"{scheme}: URL in {kind}: {_short(url)}"
        key = ("url", kind, normalise_url(url))
        findings.append(_Finding(key, description, topic, dangerous=True))


def _walk(tokens: list[Token], findings: list[_Finding]) -> None:
    for token in tokens:
        if token.type in ("html_block", "html_inline"):
            findings.extend(_html(token.content))
        elif token.type == "link_open":
            kind = "autolink" if token.markup in ("autolink", "linkify") else "link"
            _url(kind, str(token.attrs.get("href", "")), findings)
        elif token.type == "image":
            _url("image", str(token.attrs.get("src", "")), findings)
        if token.children:
            _walk(token.children, findings)


def _parsed(text: str, env: Mapping[str, Any] | None) -> list[_Finding]:
    references = dict((env or {}).get("references", {}))
    state: dict[str, Any] = {"references": dict(references)}
    findings: list[_Finding] = []
    _walk(_parser().parse(text, state), findings)
    for label, ref in state.get("references", {}).items():
        if label not in references:
            _url(f"reference definition [{label}]", str(ref.get("href", "")), findings)
    return findings


# ---------------------------------------------------------------------------------------
# Pass 2: what Python-Markdown (the site's renderer) would see


def _without_code_spans(text: str) -> str:
    return _BACKTICKS.sub(lambda m: "" if m.group(1) else " ", text)


def _attribute_lists(text: str) -> Iterator[_Finding]:
    for match in _ATTR_LIST.finditer(text):
        tokens = list(_ATTR_TOKEN.finditer(match.group(1)))
        if not tokens:
            continue
        shown = _short(match.group(0))
        yield _Finding(("attr-list", match.group(0)), f"attribute list {shown}")
        for token in tokens:
            key = (token.group(1) or "").lower()
            value = (token.group(2) or "").strip("\"'")
            if key.startswith("on"):
                yield _Finding(
                    ("attr-list-handler", key, value),
                    f"event-handler attribute {key}= in attribute list {shown}",
                    dangerous=True,
                )
            if key and _SCHEME_ANYWHERE.search(normalise_url(value)):
                yield _Finding(
                    ("attr-list-url", key, normalise_url(value)),
                    f"unsafe URL in attribute {key}= in attribute list {shown}",
                    dangerous=True,
                )


def _raw(text: str, env: Mapping[str, Any] | None) -> list[_Finding]:
    plain = _without_code_spans(text)
    findings = _html(plain)
    findings.extend(_attribute_lists(plain))
    for match in _PYMD_REFERENCE.finditer(plain):
        label, url = match.group(1), match.group(2)
        findings.append(
            _Finding(
                ("reference", label.lower(), url),
                f"link reference definition [{label}]: {_short(url)}",
            )
        )
        _url(f"reference definition [{label}]", url, findings)
    for match in _LINK_OPEN.finditer(plain):
        destination = plain[match.end() : match.end() + 300]
        closing = destination.find(")")
        # A destination may itself contain balanced parentheses ("alert(1)"): judge the
        # scheme on the text up to the first ")" and on everything after it.
        head = destination[: closing if closing >= 0 else len(destination)]
        for candidate in (head, destination):
            scheme = unsafe_scheme(candidate)
            if scheme:
                key = ("link-target", normalise_url(head))
                description = f"{scheme}: URL in link: {_short(head)}"
                topic = f"{scheme}: link or image"
                findings.append(_Finding(key, description, topic, dangerous=True))
                break
    return findings


# ---------------------------------------------------------------------------------------


def _surplus(
    finder: Any, source: str, translated: str, env: Mapping[str, Any] | None
) -> list[_Finding]:
    have: Counter[tuple[str, ...]] = Counter(f.key for f in finder(source, env))
    extra: list[_Finding] = []
    for finding in finder(translated, env):
        if have[finding.key] > 0:
            have[finding.key] -= 1
        else:
            extra.append(finding)
    return extra


def _merge(first: list[_Finding], second: list[_Finding]) -> list[str]:
    """The two passes see much the same things: report each as often as the pass that saw
    it most often did, in the first pass's words where it has them."""
    counts = Counter(f.about for f in first)
    for topic, number in Counter(f.about for f in second).items():
        counts[topic] = max(counts[topic], number)
    out: list[str] = []
    for finding in [*first, *second]:
        if counts[finding.about] > 0:
            counts[finding.about] -= 1
            out.append(finding.description)
    return out


def injected_markup(
    source_md: str, translated_md: str, env: Mapping[str, Any] | None = None
) -> list[str]:
    """Describe each piece of raw HTML, script, event handler, unsafe URL, iframe, form,
    style or meta/base/link tag, attribute list or reference definition that
    ``translated_md`` has and ``source_md`` does not; empty if there is none.

    ``env`` may carry the page's link reference definitions (``Page.references``), so
    that ``[text][label]`` in a translation is judged by where it points.
    """
    first = _surplus(_parsed, source_md, translated_md, env)
    second = _surplus(_raw, source_md, translated_md, env)
    return _merge(first, second)


def is_safe(source_md: str, translated_md: str, env: Mapping[str, Any] | None = None) -> bool:
    return not injected_markup(source_md, translated_md, env)


def active_content(markdown: str, env: Mapping[str, Any] | None = None) -> list[str]:
    """Describe the active content of one text (a source page, say): script, event
    handlers, unsafe URLs, frames, objects, forms, styles, meta/base/link tags. Plain
    raw HTML (``<br>``, ``<abbr>``) is not active and is not reported here."""
    first = [f for f in _parsed(markdown, env) if f.dangerous]
    second = [f for f in _raw(markdown, env) if f.dangerous]
    return _merge(first, second)


def attribute_lists(markdown: str) -> list[str]:
    """Python-Markdown attribute lists (``{#id}``, ``{: .class key=value}``) in a text."""
    plain = _without_code_spans(markdown)
    return [f.key[1] for f in _attribute_lists(plain) if f.key[0] == "attr-list"]


def link_parser() -> MarkdownIt:
    """The project's parser with link validation off: javascript: links stay links."""
    return _parser()
