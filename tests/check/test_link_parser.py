"""The check reads links of every scheme as links (diptych.plaintext.link_parser):
markdown-it-py on its own reads ``[text](javascript:…)`` as plain text, so a changed
target would go unseen by D202 and its URL would count as words for D303."""

from __future__ import annotations

from pathlib import Path

from diptych.check.markup import parity
from diptych.plaintext import link_parser, plain_text


def test_a_changed_javascript_link_target_is_a_parity_problem() -> None:
    found = parity("[a](javascript:one())", "[a](javascript:two())", "en", None, Path("docs"))
    assert list(found) == [("D202", "link target <javascript:one()> became <javascript:two()>")]


def test_the_words_of_a_javascript_link_are_its_text() -> None:
    assert plain_text("См. [текст](javascript:alert(1)).", md=link_parser()) == "См. текст."


def test_each_call_makes_its_own_parser() -> None:
    assert link_parser() is not link_parser()
