"""The word diff a reviewer of a stale unit reads (diptych.changes): razdel's words, the
text between them kept, so that both texts come back exactly from the segments."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from diptych.changes import (
    Op,
    Segment,
    new_text,
    old_text,
    plain,
    tokens,
    word_diff,
)

EQ, DEL, INS = Op.EQUAL, Op.DELETED, Op.INSERTED


def test_tokens_are_razdel_words_with_the_space_between_them() -> None:
    """Dropping the text between razdel's tokens (or splitting on spaces only, which keeps
    "января." whole) fails this."""
    assert tokens("Прибыли  10 января.\nИтоги — т.е. 2 500.") == [
        "Прибыли",
        "  ",
        "10",
        " ",
        "января",
        ".",
        "\n",
        "Итоги",
        " ",
        "—",
        " ",
        "т",
        ".",
        "е",
        ".",
        " ",
        "2",
        " ",
        "500",
        ".",
    ]
    assert tokens("") == []
    assert tokens("  ") == ["  "]


def test_a_changed_number_and_a_dropped_phrase() -> None:
    """Words, not characters ("1[-0-]{+1+}"), and not whole lines."""
    old = "Силы численностью около 2 500 человек прибыли 10 января 2022 года."
    new = "Силы численностью около 3 000 человек прибыли 11 января."
    assert word_diff(old, new) == (
        Segment(EQ, "Силы численностью около "),
        Segment(DEL, "2 500"),
        Segment(INS, "3 000"),
        Segment(EQ, " человек прибыли "),
        Segment(DEL, "10"),
        Segment(INS, "11"),
        Segment(EQ, " января"),
        Segment(DEL, " 2022 года"),
        Segment(EQ, "."),
    )
    assert plain(word_diff(old, new)) == (
        "Силы численностью около [-2 500-]{+3 000+} человек прибыли [-10-]{+11+} января"
        "[- 2022 года-]."
    )


def test_a_space_alone_between_two_changes_joins_them() -> None:
    """Without the tidying, this reads "[-a-]{+x+} [-b-]{+y+} c"."""
    assert plain(word_diff("а б в", "х у в")) == "[-а б-]{+х у+} в"
    # A space next to equal text stays equal.
    assert plain(word_diff("а б в", "а у в")) == "а [-б-]{+у+} в"


def test_nothing_changed_and_everything_changed() -> None:
    assert word_diff("Текст.", "Текст.") == (Segment(EQ, "Текст."),)
    assert word_diff("", "Новое.") == (Segment(INS, "Новое."),)
    assert word_diff("Старое.", "") == (Segment(DEL, "Старое."),)
    assert word_diff("", "") == ()


def test_markdown_and_line_breaks_are_text_like_any_other() -> None:
    old = "- Пункт о **полях**\n  и лесах"
    new = "- Пункт о *полях*\n  и реках"
    assert word_diff(old, new) == (
        Segment(EQ, "- Пункт о "),
        Segment(DEL, "**"),
        Segment(INS, "*"),
        Segment(EQ, "полях"),
        Segment(DEL, "**"),
        Segment(INS, "*"),
        Segment(EQ, "\n  и "),
        Segment(DEL, "лесах"),
        Segment(INS, "реках"),
    )


# Words, punctuation, Markdown marks, and every kind of space a unit may hold.
PIECES = st.sampled_from(
    [
        "мир",
        "Мир",
        "море",
        "2 500",
        "10",
        "т.е.",
        "—",
        ",",
        ".",
        "**",
        "[ссылка](x.md)",
        "`код`",
        "Kazakhstan",
        "中文",
        "\u00a0",
        " ",
        "  ",
        "\n",
        "\t",
        "",
    ]
)
TEXTS = st.lists(PIECES, max_size=12).map("".join) | st.text(max_size=40)


@settings(max_examples=400, derandomize=True, deadline=None)
@given(TEXTS, TEXTS)
def test_the_segments_give_back_both_texts(old: str, new: str) -> None:
    """Equal + deleted is the old text, equal + inserted the new, exactly; no empty segment,
    no two neighbours of one kind, a deletion before the insertion beside it. A tokenizer
    that lost the space between words, or a tidying that lost or doubled text, fails
    this."""
    segments = word_diff(old, new)
    assert old_text(segments) == old
    assert new_text(segments) == new
    assert all(segment.text for segment in segments)
    for first, second in itertools.pairwise(segments):
        assert first.op != second.op
        assert (first.op, second.op) != (INS, DEL)
    assert "".join(tokens(old)) == old
