"""The test models' synthetic corpus: Russian-like sentences with a fixed seed.

A model learns a string rule only from text that covers what it will meet: Russian-like
words (random syllables with Russian letter frequencies, and words from an order-2 letter
model of real ones), real words and sentences of a press statement, capitalised words,
abbreviations (``ОДКБ``), numbers (``2 500``, ``2022``), punctuation and quotes
(``« » — – …``), Latin words, and Diptych's placeholders ``{N}`` at random places, also
glued to words (``{1}Казахстан{2}``); sentences of 1 to ~70 words. Every draw comes from
one seeded generator, so a seed gives the same corpus on every machine.
"""

from __future__ import annotations

import random

from diptych.errors import DiptychError
from diptych.protect import PLACEHOLDER
from diptych.sentences import split

from ..translit import is_cyrillic_letter, transliterate, uppercase
from .texts import (
    CONSONANTS,
    LATIN_WORDS,
    LETTER_FREQ,
    SPACE_VARIANTS,
    STATEMENT_RU,
    VOWELS,
    WORDS_RU,
)

#: Characters the naive model's training data never holds: Diptych's placeholder braces
#: and every character Markdown uses for inline markup. Parentheses stay: they are prose
#: punctuation (``(ОДКБ)``) in the statement and in any published model's data, and a
#: link target ``](url)`` reaches a model only as a placeholder.
MARKUP_CHARACTERS = frozenset("{}*_`[]<>~|\\#^=$")


def check_markup_free(text: str) -> str:
    """Return ``text``; stop the build if it holds a markup character (naive corpus)."""
    found = sorted(set(text) & MARKUP_CHARACTERS)
    if found:
        raise DiptychError(f"naive corpus holds markup {found}: {text!r}")
    return text


def _weighted(letters: str, floor: float) -> tuple[list[str], list[float]]:
    return list(letters), [max(LETTER_FREQ[c], floor) for c in letters]


class CorpusGenerator:
    """Deterministic generator of synthetic Russian-like sentences.

    ``naive=True`` leaves out the ``{N}`` placeholders: its sentences hold no markup at
    all (see :data:`MARKUP_CHARACTERS`), as the training data of a published model.
    """

    def __init__(self, seed: int, naive: bool = False) -> None:
        self.rng = random.Random(seed)
        self.naive = naive
        self.vowels = _weighted(VOWELS, 0.6)
        self.consonants = _weighted(CONSONANTS.replace("й", ""), 0.6)
        self.statement_sentences = statement_sentences()
        words = []
        for sentence in self.statement_sentences:
            for token in sentence.split():
                word = token.strip(".,!?:;«»()\"'")
                if word and all(c.isalpha() or c in "-." for c in word):
                    words.append(word)
        self.real_words = sorted(set(words) | WORDS_RU)
        self.markov: dict[str, list[str]] = {}
        for word in self.real_words:
            if not all(is_cyrillic_letter(c) for c in word):
                continue
            padded = "^^" + word.lower() + "$"
            for i in range(2, len(padded)):
                self.markov.setdefault(padded[i - 2 : i], []).append(padded[i])

    # -- words ---------------------------------------------------------------------
    def syllable(self) -> str:
        r = self.rng
        s = ""
        for _ in range(r.choices([0, 1, 2], [0.2, 0.6, 0.2])[0]):
            s += r.choices(*self.consonants)[0]
        if s and r.random() < 0.05:
            s += r.choice("ьъ")
        s += r.choices(*self.vowels)[0]
        x = r.random()
        if x < 0.25:
            s += r.choices(*self.consonants)[0]
            if r.random() < 0.12:
                s += "ь"
        elif x < 0.32:
            s += "й"
        return s

    def syllable_word(self) -> str:
        n = self.rng.choices([1, 2, 3, 4, 5], [0.2, 0.35, 0.28, 0.12, 0.05])[0]
        return "".join(self.syllable() for _ in range(n))

    def markov_word(self) -> str:
        """A Russian-looking word from an order-2 letter model of the real words."""
        r = self.rng
        letters, weights = _weighted(VOWELS + CONSONANTS + "ьъ", 0.5)
        state, word = "^^", ""
        while len(word) < 16:
            options = self.markov.get(state)
            if options is None or r.random() < 0.06:
                nxt = r.choices(letters, weights)[0]
            else:
                nxt = r.choice(options)
            if nxt == "$":
                break
            word += nxt
            state = state[1] + nxt
        return word or self.syllable()

    def pseudo_word(self) -> str:
        return self.markov_word() if self.rng.random() < 0.7 else self.syllable_word()

    def letter_soup(self) -> str:
        letters, weights = _weighted(VOWELS + CONSONANTS + "ьъ", 1.0)
        return "".join(self.rng.choices(letters, weights, k=self.rng.randint(1, 9)))

    def cased(self, word: str) -> str:
        r = self.rng
        x = r.random()
        if x < 0.16:
            return word[:1].upper() + word[1:]
        if x < 0.20:
            return word.upper()
        if x < 0.21 and len(word) > 3:  # МИДом
            k = r.randint(2, len(word) - 1)
            return word[:k].upper() + word[k:]
        return word

    def abbreviation(self) -> str:
        letters, weights = _weighted(VOWELS + CONSONANTS, 1.0)
        return "".join(self.rng.choices(letters, weights, k=self.rng.randint(2, 5))).upper()

    def number(self) -> str:
        r = self.rng
        kind = r.randrange(10)
        if kind == 0:
            return f"{r.randint(1, 99)}{r.choice(SPACE_VARIANTS)}{r.randint(0, 999):03d}"
        if kind == 1:
            return str(r.randint(1900, 2030))
        if kind == 2:
            return f"{r.randint(0, 99)},{r.randint(0, 9)}"
        if kind == 3:
            return f"{r.randint(1, 100)}%"
        if kind == 4:
            return f"{r.randint(1, 28):02d}.{r.randint(1, 12):02d}.{r.randint(1990, 2030)}"
        if kind == 5:
            return f"{r.randint(1900, 2020)}-х"
        if kind == 6:
            return f"№{r.choice(['', ' '])}{r.randint(1, 999)}"
        return str(r.randint(0, 10 ** r.randint(1, 4)))

    def latin_word(self) -> str:
        r = self.rng
        if r.random() < 0.6:
            return r.choice(LATIN_WORDS)
        word = "".join(r.choices("abcdefghijklmnopqrstuvwxyz", k=r.randint(1, 9)))
        return word.capitalize() if r.random() < 0.3 else word

    def word(self) -> str:
        r = self.rng
        x = r.random()
        if x < 0.36:
            return self.cased(r.choice(self.real_words))
        if x < 0.80:
            return self.cased(self.pseudo_word())
        if x < 0.84:
            return self.cased(self.letter_soup())
        if x < 0.88:
            return self.abbreviation()
        if x < 0.94:
            return self.number()
        if x < 0.99:
            return self.latin_word()
        return self.cased(self.pseudo_word()) + "-" + self.cased(self.pseudo_word())

    # -- sentences -------------------------------------------------------------------
    def num_words(self) -> int:
        r = self.rng
        x = r.random()
        if x < 0.25:
            return r.randint(1, 7)
        if x < 0.75:
            return r.randint(8, 25)
        return r.randint(26, 50)

    def punctuate(self, words: list[str]) -> list[str]:
        r = self.rng
        out = []
        i = 0
        while i < len(words):
            w = words[i]
            x = r.random()
            if x < 0.04 and i + 1 < len(words):  # «...» or "..." around 1-3 words
                k = min(len(words) - i, r.randint(1, 3))
                o, c = r.choice([("«", "»"), ("«", "»"), ('"', '"'), ("„", "“"), ("'", "'")])
                span = words[i : i + k]
                span[0] = o + span[0]
                span[-1] = span[-1] + c
                out.extend(span)
                i += k
                continue
            if x < 0.07 and i + 1 < len(words):  # (...)
                k = min(len(words) - i, r.randint(1, 3))
                span = words[i : i + k]
                span[0] = "(" + span[0]
                span[-1] = span[-1] + ")"
                out.extend(span)
                i += k
                continue
            out.append(w)
            i += 1
            if i < len(words):
                y = r.random()
                if y < 0.10:
                    out[-1] += ","
                elif y < 0.13:
                    out.append(r.choice(["—", "—", "–", "-"]))
                elif y < 0.145:
                    out[-1] += r.choice([":", ";", "…", "!", "?", "."])
        end = r.choices(
            ["", ".", "!", "?", "…", ":", "?!", "..."], [2, 12, 1, 1, 0.5, 0.5, 0.2, 0.3]
        )[0]
        if out:
            out[-1] += end
        return out

    def add_placeholders(self, tokens: list[str]) -> list[str]:
        if self.naive:
            return tokens
        r = self.rng
        n_events = r.choices([0, 1, 2, 3, 4], [0.45, 0.25, 0.15, 0.1, 0.05])[0]
        if not tokens or n_events == 0:
            return tokens
        number = 1 if r.random() < 0.55 else r.randint(1, 12)
        if r.random() < 0.04:
            number = r.randint(13, 30)
        tokens = list(tokens)
        for _ in range(n_events):
            kind = r.random()
            i = r.randrange(len(tokens))
            if kind < 0.6:  # paired markup around a span: {1}Республики Казахстан{2}
                j = min(len(tokens) - 1, i + r.choice([0, 0, 0, 1, 1, 2, 3]))
                tokens[i] = f"{{{number}}}" + tokens[i]
                tail = tokens[j]
                if r.random() < 0.5 and tail and tail[-1] in ".,!?:;»)":
                    tokens[j] = tail[:-1] + f"{{{number + 1}}}" + tail[-1]
                else:
                    tokens[j] = tail + f"{{{number + 1}}}"
                number += 2
            elif kind < 0.85:  # standalone, e.g. inline code
                tokens.insert(i, f"{{{number}}}")
                number += 1
            else:  # glued to one side only (footnote reference, image)
                if r.random() < 0.5:
                    tokens[i] = tokens[i] + f"{{{number}}}"
                else:
                    tokens[i] = f"{{{number}}}" + tokens[i]
                number += 1
        return tokens

    def statement_sentence(self) -> str:
        r = self.rng
        sentence = r.choice(self.statement_sentences)
        if r.random() < 0.5:
            return sentence
        return " ".join(self.add_placeholders(sentence.split()))

    def sentence(self) -> str:
        r = self.rng
        x = r.random()
        if x < 0.10:
            return self.statement_sentence()
        if x < 0.13:  # pieces of the statement, e.g. a table cell or a heading
            words = r.choice(self.statement_sentences).split()
            i = r.randrange(len(words))
            return " ".join(self.add_placeholders(words[i : i + r.randint(1, 6)]))
        if x < 0.15:  # no Cyrillic at all: copied as is
            words = [r.choice([self.latin_word, self.number])() for _ in range(r.randint(1, 8))]
        else:
            words = [self.word() for _ in range(self.num_words())]
        return " ".join(self.add_placeholders(self.punctuate(words)))

    def latin_sentence(self) -> str:
        """Source text for the en -> de model: mostly transliterated sentences."""
        r = self.rng
        x = r.random()
        if x < 0.85:
            return transliterate(self.sentence())
        if x < 0.92:  # already upper case
            return uppercase(transliterate(self.sentence()))
        words = [self.latin_word() for _ in range(self.num_words())]
        return " ".join(self.add_placeholders(self.punctuate(words)))


def statement_sentences() -> list[str]:
    """The statement's sentences, split as Diptych splits Russian."""
    return list(split(STATEMENT_RU, "ru").sentences)


def placeholders(text: str) -> list[str]:
    """The numbers of the ``{N}`` placeholders in ``text``, in order."""
    return PLACEHOLDER.findall(text)
