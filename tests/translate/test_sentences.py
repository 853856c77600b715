"""Sentence splitting: razdel for Russian, sentencex elsewhere; separators survive."""

from __future__ import annotations

import pytest

from diptych.sentences import chunk, split

STATEMENT_PIECES = [
    "Как показали события в г. Алматы и ряде других регионов страны, Казахстан подвергся агрессии.",
    "Следует отметить поддержку решениям и действиям Президента К.Токаева по восстановлению "
    "мирной жизни.",
    "Направила силы общей численностью около 2 500 человек для содействия.",
    "Опыт боевого участия в «горячих точках» на стороне группировок.",
]


@pytest.mark.parametrize("sentence", STATEMENT_PIECES)
def test_russian_abbreviations_numbers_and_quotes_stay_whole(sentence: str) -> None:
    assert split(sentence, "ru").sentences == (sentence,)


def test_russian_sentences_split_and_join_back() -> None:
    text = "{1}Казахстан{2} подвергся агрессии. Требования удовлетворены! А что дальше?"
    result = split(text, "ru")
    assert result.sentences == (
        "{1}Казахстан{2} подвергся агрессии.",
        "Требования удовлетворены!",
        "А что дальше?",
    )
    assert result.join(list(result.sentences)) == text


def test_other_languages_use_sentencex() -> None:
    result = split("Mr. Smith went to Washington. He said {1}hi{2}.", "en")
    assert result.sentences == ("Mr. Smith went to Washington.", "He said {1}hi{2}.")


def test_unspaced_scripts_join_without_spaces() -> None:
    result = split("Первое. Второе.", "ru")
    assert result.join(["第一句。", "第二句。"], spaced=False) == "第一句。第二句。"
    assert result.join(["One.", "Two."]) == "One. Two."


def test_overlong_sentences_are_cut_at_spaces_or_punctuation() -> None:
    sentence = "слово, " * 60 + "конец"
    pieces = chunk(sentence, 100)
    assert all(len(piece) <= 100 for piece in pieces)
    assert " ".join(pieces).split() == sentence.split()
    assert chunk("короткое", 100) == ["короткое"]
    assert chunk("а" * 250, 100) == ["а" * 100, "а" * 100, "а" * 50]
