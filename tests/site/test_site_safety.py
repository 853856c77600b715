"""Catalog text is untrusted: the build refuses translations that add markup, and never
puts catalog text into HTML unescaped."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from diptych.judge import Judge, field_problems
from diptych.languages import LANGUAGES
from diptych.renderer import Renderer
from diptych.segment import segment, segment_file
from diptych.site.pair import EditLinks, side_by_side
from diptych.site.views import build_view
from tests.support.html import element_with_text, find_all, parse
from tests.support.pages import PAGES
from tests.support.project import write_mini_project
from tests.support.site import build

UNSAFE = {
    "en": {
        "index.md": {
            "Мини-сайт": ('Mini"><script>alert(1)</script>', "reviewed"),
            "Главная страница": ("Home page", "reviewed"),
            "Добро пожаловать на тестовый сайт.": (
                'Welcome <img src=x onerror="alert(2)"> to the site.',
                "reviewed",
            ),
        }
    }
}


@pytest.fixture(scope="module")
def unsafe_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pages = {"index.md": PAGES["index.md"]}
    return write_mini_project(tmp_path_factory.mktemp("unsafe") / "сайт", pages, UNSAFE)


def test_unsafe_translation_falls_back_with_a_warning(unsafe_project: Path) -> None:
    built = build(unsafe_project, strict=False)
    assert built.returncode == 0, built.log
    for path in built.site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        assert "alert(" not in html, path
        assert "onerror" not in html, path
    root = parse(built.page("en/"))
    assert element_with_text(root, "Добро пожаловать на тестовый сайт.").inherited("lang") == "ru"
    assert "<title>Мини-сайт - Мини</title>" in built.page("en/")  # the title fell back too
    po = (unsafe_project / "translations" / "en" / "index.po").read_text(encoding="utf-8")
    lines = po.splitlines()
    line = next(n for n, text in enumerate(lines, 1) if text.startswith('msgstr "Welcome')) - 1
    assert f"translations/en/index.po:{line}: translation not published" in built.log
    assert "the attribute onerror= on <img>" in built.log
    pair = parse(built.page("en/side-by-side/"))
    states = [r.attrs["data-state"] for r in find_all(pair, "div", cls="dp-row")[1:]]
    assert states == ["unsafe", "reviewed", "unsafe"]


def test_unsafe_translation_fails_a_strict_build(unsafe_project: Path, tmp_path: Path) -> None:
    built = build(unsafe_project, strict=True, site_dir=tmp_path / "site")
    assert built.returncode != 0
    assert "translation not published" in built.log


def test_front_matter_translation_must_be_plain_text() -> None:
    assert field_problems("Заголовок", "A & B") == ["markup characters &amp; in a field"]
    assert field_problems("Заголовок", "Title") == []
    assert field_problems("Заголовок", 'Said "hi"') == []
    assert field_problems("А & Б", "A & B") == []
    page = segment("---\ntitle: Заголовок\n---\n\nТекст.\n")
    judge = Judge(Renderer(["toc"], {}))
    assert judge.page(page, {"Заголовок": "<b>T</b>"}).refused == {
        "Заголовок": ["markup characters &lt; &gt; in a field"]
    }


def test_side_by_side_escapes_and_checks(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    from diptych import catalog

    page = tmp_path / "docs" / "p.md"
    page.parent.mkdir()
    page.write_text("Первый абзац.\n\nВторой абзац с `кодом`.\n", encoding="utf-8")
    en = LANGUAGES["en"]
    po = catalog.new(en, "p.md")
    catalog.merge(po, ["Первый абзац.", "Второй абзац с `кодом`."])
    po[0].msgstr = "First <b onclick=x>paragraph</b>."
    po[1].msgstr = "Second paragraph with `<code>`."
    path = tmp_path / "translations" / "en" / "p.po"
    catalog.save(po, path)
    with caplog.at_level(logging.WARNING, logger="mkdocs.diptych"):
        judge = Judge(Renderer([], {}))
        view = build_view(
            "p.md", path, "translations/en/p.po", en, LANGUAGES["ru"], judge, segment_file(page)
        )
    assert "translations/en/p.po:" in caplog.text
    import markdown

    html = side_by_side(
        view,
        lambda text: markdown.markdown(text),
        EditLinks("https://github.com/o/r", "edit/main/docs/"),
        translation_href="../p/",
    )
    assert "onclick" not in html
    assert "<code>&lt;code&gt;</code>" in html  # catalog text rendered as Markdown, escaped
