#!/usr/bin/env python3
"""Build the two miniature Argos Translate packages used as test fixtures.

Why this exists
---------------
Diptych translates with Argos Translate packages (a SentencePiece model plus a
CTranslate2 Transformer in a zip). The development machines have no internet, so no
published package can be downloaded, and tests must not depend on one anyway: they need
a model whose output is *predictable*. This script trains two tiny but real
encoder-decoder Transformers whose "translation" is a fixed string function, and packs
each exactly like a published ``.argosmodel``, so tests load them through the very code
path used for real packages (``argostranslate.package.Package`` + ``ctranslate2``):

* ``translate-ru_en-test.argosmodel`` (ru -> en) transliterates Russian into Latin
  script (``tools/translit.py: transliterate``; ``Казахстан`` -> ``Kazakhstan``);
* ``translate-en_de-test.argosmodel`` (en -> de) upper-cases Latin text
  (``tools/translit.py: uppercase``), so that ru -> de pivoting through English is
  exercised for real: ru -> en -> de gives the upper-case transliteration.

Both copy digits, punctuation, Latin words and Diptych's inline-markup placeholders
``{1}``, ``{2}``, ... through unchanged and in place.

``--naive`` builds a third package instead, ``naive/translate-ru_en-naive.argosmodel``:
the ru -> en package again (same rule, seed, architecture, vocabulary size and steps),
trained on sentences without any placeholder or markup character
(:data:`MARKUP_CHARACTERS`) and with no ``{N}`` symbols in its SentencePiece model, like a
published Argos package. It does with placeholders whatever an untrained model does, so
that Diptych's handling of an uncooperative model can be tested.

How
---
1. Generate a synthetic corpus with a fixed seed: Russian-like words (random syllables
   with Russian letter frequencies), real words and sentences of a Russian press
   statement (embedded below), capitalised words, abbreviations (``ОДКБ``), numbers
   (``2 500``, ``2022``), punctuation and quotes (``« » — – …``), Latin words, and
   placeholders ``{N}`` at random places, also glued to words (``{1}Казахстан{2}``);
   sentences of 1 to ~70 words (up to ~450 characters). Targets are the exact rule output.
2. Train a SentencePiece unigram model with a vocabulary shared by source and target
   (as in published packages), identity normalisation (so that text round-trips
   exactly) and ``{1}`` ... ``{20}`` as user-defined symbols (one token each).
3. Train, in PyTorch on the CPU, a small pre-norm Transformer laid out exactly like
   CTranslate2's ``TransformerSpec``: embeddings scaled by sqrt(d_model) and shared by
   encoder, decoder and output projection; CTranslate2's own sinusoidal position
   encoding (positions counted from 1, timescale increment ln(10000)/(d/2-1),
   [sin | cos]); ReLU feed-forward; final encoder and decoder layer norms; layer-norm
   epsilon 1e-5.
4. Write the weights into ``ctranslate2.specs.TransformerSpec`` (fused QKV / KV
   projections), check that CTranslate2 (float32) scores sentences exactly like
   PyTorch, save it with int8 quantisation, and check that int8 CTranslate2 and
   PyTorch greedy decoding agree on held-out sentences.
5. Zip ``metadata.json``, ``README.md``, ``sentencepiece.model`` and ``model/`` under a
   single top-level directory (fixed timestamps, sorted entries), and evaluate the
   packages through argostranslate's own loader and decoding parameters.

Usage::

    .venv/bin/python tools/build_test_models.py            # writes tests/fixtures/models/
    .venv/bin/python tools/build_test_models.py --out /tmp/models --quick
    .venv/bin/python tools/build_test_models.py --naive   # writes tests/fixtures/models/naive/

Training takes about 35 minutes on 2 idle CPU cores (3,200 + 3,000 steps). The run is deterministic for a
given machine and thread count (fixed seeds, deterministic PyTorch algorithms);
floating-point reductions may differ across CPUs, so a rebuild elsewhere can differ in
the last bits but not in behaviour.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import math
import os
import random
import shutil
import sys
import tempfile
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

TOOLS = Path(__file__).resolve().parent
ROOT = TOOLS.parent
sys.path.insert(0, str(TOOLS))

from translit import is_cyrillic_letter, transliterate, uppercase  # noqa: E402

SEED = 20240611

# --------------------------------------------------------------------------------------
# Corpus
# --------------------------------------------------------------------------------------

#: Statement of the Ministry of Foreign Affairs of Kazakhstan, January 2022 (the same
#: text as the project's sample source). Its sentences are in the training data on
#: purpose: the fixtures must transliterate them exactly.
STATEMENT_RU = """\
Ряд публикаций в иностранных СМИ по сложившейся в нашей стране ситуации после введения чрезвычайного положения носят явно поверхностный и однобокий характер. Министерство иностранных дел полагает в этой связи целесообразным отметить следующее.
В Мангистауской области и во всех крупных городах страны прошли мирные митинги. Требования митингующих полностью удовлетворены. Однако, этой ситуацией воспользовались террористические, экстремистские и криминальные группы для эскалации напряжения и насилия. В этой связи в стране было объявлено чрезвычайное положение.
Как показали события в г. Алматы и ряде других регионов страны, Казахстан подвергся вооруженной агрессии хорошо скоординированных террористических групп, прошедших подготовку за рубежом. По предварительным данным, среди нападавших есть лица, имеющие опыт боевого участия в «горячих точках» на стороне радикальных исламистских группировок. В настоящее время правоохранительные органы и Вооруженные силы Республики Казахстан противостоят террористам, а не «мирным протестующим», как это искаженно преподносят некоторые зарубежные СМИ.
В сложившейся ситуации Казахстан был вынужден обратиться за помощью к Организации Договора о коллективной безопасности (ОДКБ), которая направила миротворческие силы общей численностью около 2 500 человек для содействия в стабилизации обстановки. В мандат миротворцев входит охрана стратегических объектов и прикрытие казахстанских сил правопорядка.
Следует подчеркнуть, что основные боевые действия против террористических групп ведут правоохранительные органы и Вооруженные силы Казахстана.
Миротворческие силы ОДКБ будут находиться в Казахстане временно и покинут страну после стабилизации ситуации при первом обращении казахстанской стороны.
Особо важно, что мирные участники протестов не подвергаются никаким преследованиям.
Правоохранительным органам поручено провести масштабное расследование о причинах сложившейся ситуации, результаты которого будут предоставлены международному сообществу.
Следует отметить сплоченность народа Казахстана, его поддержку решениям и действиям Президента К.Токаева по восстановлению мирной жизни.
Казахстан полон решимости защитить демократию и Конституцию от исламистских радикалов и террористов!
К большому сожалению, в результате столкновений имеются человеческие жертвы как среди сотрудников правоохранительных органов и военнослужащих, так и гражданского населения.
В этой связи 10 января 2022 года объявлен в стране днем общенационального траура."""

#: Everyday and documentation words, chosen to cover every letter (ё, щ, ъ, э, ф, ц, ю).
COMMON_RU = """
и в не на я быть он с что а по это она этот к но они мы как из у который то за свой
весь год от так о для ты же все тот мочь вы человек такой его сказать только или
еще бы себя один как уже до время если сам когда другой вот говорить наш мой знать
стать при чтобы дело жизнь кто первый очень два день её новый рука даже во со раз где
там под можно ну какой после их работа без самый потом надо хотеть ли слово идти
большой должен место иметь ничто то сейчас тут лицо каждый друг нет теперь ни глаз
тоже тогда видеть вопрос через да здесь дом сторона какой-то думать сделать страна
жить чем мир об последний случай голова более делать что-то смотреть ребенок просто
конечно сила российский конец перед несколько вид система всегда работать между три
нет понять пойти часть спросить город дать также никто понимать получить отношение
лишь второй именно значит хороший деньги машина почему вода пример страница перевод
документ текст язык файл ссылка заголовок раздел таблица список сноска цитата код
изображение подпись автор читатель редактор сайт проект версия поиск меню настройка
щука щит щель щедрый ещё ёж ёлка ёмкость объём подъезд съёмка объявление объединение
разъяснение эхо этаж эффект экран электричество фонарь фраза форма функция цифра
центр цель царь юг юмор юный юстиция июль июнь январь февраль март апрель май август
сентябрь октябрь ноябрь декабрь понедельник вторник среда четверг пятница суббота
воскресенье утро вечер ночь зима весна лето осень Москва Россия Алматы Астана Нур-Султан
Казахстан Европа Азия Америка Германия Франция Китай Токаев Пётр Фёдор Сергей Наталья
Юлия Щербаков Жуков Чайковский Хрущёв Ельцин Цветаева Эйзенштейн Шостакович
привет спасибо пожалуйста здравствуйте извините хорошо плохо быстро медленно громко
тихо вчера сегодня завтра всегда никогда иногда часто редко
""".split()

LATIN_WORDS = """
Diptych Markdown GitHub Argos Translate NATO OSCE UN COVID-19 iPhone Python MkDocs
Weblate Poedit API HTTP URL JSON YAML OK Windows Linux macOS Google Reuters BBC CNN
Twitter Telegram Wi-Fi e-mail online offline PDF HTML CSS JavaScript SQL IT EU USA
The Times New York Kazakhstan Almaty Tokayev CSTO press release version draft
""".split()

# Russian letter frequencies (per cent), with a floor so that rare letters are learnt.
LETTER_FREQ = {
    "о": 10.97, "е": 8.45, "а": 8.01, "и": 7.35, "н": 6.70, "т": 6.26, "с": 5.47,
    "р": 4.73, "в": 4.54, "л": 4.40, "к": 3.49, "м": 3.21, "д": 2.98, "п": 2.81,
    "у": 2.62, "я": 2.01, "ы": 1.90, "ь": 1.74, "г": 1.70, "з": 1.65, "б": 1.59,
    "ч": 1.44, "й": 1.21, "х": 0.97, "ж": 0.94, "ш": 0.73, "ю": 0.64, "ц": 0.48,
    "щ": 0.36, "э": 0.32, "ф": 0.26, "ъ": 0.04, "ё": 0.04,
}  # fmt: skip
VOWELS = "аеёиоуыэюя"
CONSONANTS = "бвгджзйклмнпрстфхцчшщ"

SPACE_VARIANTS = [" ", "\u00a0", "\u202f"]  # ordinary, no-break, narrow no-break

#: Characters the naive model's training data never holds: Diptych's placeholder braces
#: and every character Markdown uses for inline markup. Parentheses stay: they are prose
#: punctuation (``(ОДКБ)``) in the statement and in any published model's data, and a
#: link target ``](url)`` reaches a model only as a placeholder.
MARKUP_CHARACTERS = frozenset("{}*_`[]<>~|\\#^=$")


def check_markup_free(text: str) -> str:
    """Return ``text``; stop the build if it holds a markup character (naive corpus)."""
    found = sorted(set(text) & MARKUP_CHARACTERS)
    if found:
        raise SystemExit(f"naive corpus holds markup {found}: {text!r}")
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
        self.statement_sentences = split_sentences(STATEMENT_RU)
        words = []
        for sentence in self.statement_sentences:
            for token in sentence.split():
                word = token.strip(".,!?:;«»()\"'")
                if word and all(c.isalpha() or c in "-." for c in word):
                    words.append(word)
        self.real_words = sorted(set(words) | set(COMMON_RU))
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


def split_sentences(text: str) -> list[str]:
    """Split Russian text into sentences with razdel (as Diptych does)."""
    import razdel

    return [s.text for s in razdel.sentenize(text)]


# --------------------------------------------------------------------------------------
# SentencePiece
# --------------------------------------------------------------------------------------

PLACEHOLDER_SYMBOLS = [f"{{{i}}}" for i in range(1, 21)]


def train_sentencepiece(
    lines: list[str], model_path: Path, vocab_size: int, symbols: list[str]
) -> None:
    import sentencepiece as spm

    spm.set_random_generator_seed(SEED)
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.txt"
        corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
        log = io.StringIO()
        with contextlib.redirect_stderr(log):
            spm.SentencePieceTrainer.train(
                input=str(corpus),
                model_prefix=str(Path(tmp) / "sp"),
                model_type="unigram",
                vocab_size=vocab_size,
                character_coverage=1.0,
                normalization_rule_name="identity",
                user_defined_symbols=symbols,
                unk_id=0,
                bos_id=1,
                eos_id=2,
                pad_id=3,
                pad_piece="<blank>",
                input_sentence_size=len(lines) + 1,
                shuffle_input_sentence=False,
                num_threads=1,
                minloglevel=2,
            )
        shutil.copyfile(Path(tmp) / "sp.model", model_path)


# --------------------------------------------------------------------------------------
# Model (PyTorch), laid out like CTranslate2's TransformerSpec
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Arch:
    d_model: int = 128
    heads: int = 4
    ffn: int = 512
    enc_layers: int = 3
    dec_layers: int = 3


def build_torch_model(arch: Arch, vocab_size: int):
    import torch
    import torch.nn.functional as F
    from torch import nn

    def ct2_sinusoids(length: int, depth: int) -> torch.Tensor:
        # CTranslate2 src/layers/common.cc generate_sinusoidal_position_encoding.
        half = depth // 2
        increment = math.log(10000.0) / (half - 1)
        timescales = torch.exp(torch.arange(half, dtype=torch.float32) * -increment)
        positions = torch.arange(1, length + 1, dtype=torch.float32)[:, None]
        scaled = positions * timescales[None, :]
        return torch.cat([torch.sin(scaled), torch.cos(scaled)], dim=1)

    class Attention(nn.Module):
        def __init__(self, d: int, heads: int) -> None:
            super().__init__()
            self.heads = heads
            self.norm = nn.LayerNorm(d, eps=1e-5)
            self.q = nn.Linear(d, d)
            self.k = nn.Linear(d, d)
            self.v = nn.Linear(d, d)
            self.o = nn.Linear(d, d)

        def forward(self, x, memory=None, mask=None, causal=False):
            h = self.norm(x)
            kv = h if memory is None else memory
            b, t, d = h.shape
            s = kv.shape[1]
            dh = d // self.heads
            q = self.q(h).view(b, t, self.heads, dh).transpose(1, 2)
            k = self.k(kv).view(b, s, self.heads, dh).transpose(1, 2)
            v = self.v(kv).view(b, s, self.heads, dh).transpose(1, 2)
            out = F.scaled_dot_product_attention(q, k, v, attn_mask=mask, is_causal=causal)
            return x + self.o(out.transpose(1, 2).reshape(b, t, d))

    class FFN(nn.Module):
        def __init__(self, d: int, inner: int) -> None:
            super().__init__()
            self.norm = nn.LayerNorm(d, eps=1e-5)
            self.w1 = nn.Linear(d, inner)
            self.w2 = nn.Linear(inner, d)

        def forward(self, x):
            return x + self.w2(F.relu(self.w1(self.norm(x))))

    class EncoderLayer(nn.Module):
        def __init__(self, a: Arch) -> None:
            super().__init__()
            self.self_attn = Attention(a.d_model, a.heads)
            self.ffn = FFN(a.d_model, a.ffn)

        def forward(self, x, mask):
            return self.ffn(self.self_attn(x, mask=mask))

    class DecoderLayer(nn.Module):
        def __init__(self, a: Arch) -> None:
            super().__init__()
            self.self_attn = Attention(a.d_model, a.heads)
            self.cross_attn = Attention(a.d_model, a.heads)
            self.ffn = FFN(a.d_model, a.ffn)

        def forward(self, x, memory, memory_mask, causal=True):
            x = self.self_attn(x, causal=causal)
            x = self.cross_attn(x, memory=memory, mask=memory_mask)
            return self.ffn(x)

    class Seq2Seq(nn.Module):
        def __init__(self, a: Arch, vocab: int) -> None:
            super().__init__()
            self.arch = a
            self.embed = nn.Embedding(vocab, a.d_model)  # shared: source, target, output
            nn.init.normal_(self.embed.weight, std=a.d_model**-0.5)
            self.encoder = nn.ModuleList(EncoderLayer(a) for _ in range(a.enc_layers))
            self.decoder = nn.ModuleList(DecoderLayer(a) for _ in range(a.dec_layers))
            self.enc_norm = nn.LayerNorm(a.d_model, eps=1e-5)
            self.dec_norm = nn.LayerNorm(a.d_model, eps=1e-5)
            self.out_bias = nn.Parameter(torch.zeros(vocab))
            self.register_buffer("pe", ct2_sinusoids(1024, a.d_model), persistent=False)

        def embed_tokens(self, ids):
            t = ids.shape[1]
            return self.embed(ids) * math.sqrt(self.arch.d_model) + self.pe[:t]

        def encode(self, src, src_pad):
            mask = (~src_pad)[:, None, None, :]
            x = self.embed_tokens(src)
            for layer in self.encoder:
                x = layer(x, mask)
            return self.enc_norm(x), mask

        def decode(self, tgt_in, memory, mask):
            x = self.embed_tokens(tgt_in)
            for layer in self.decoder:
                x = layer(x, memory, mask, causal=tgt_in.shape[1] > 1)
            return F.linear(self.dec_norm(x), self.embed.weight, self.out_bias)

        def forward(self, src, src_pad, tgt_in):
            memory, mask = self.encode(src, src_pad)
            return self.decode(tgt_in, memory, mask)

    return Seq2Seq(arch, vocab_size)


# --------------------------------------------------------------------------------------
# Training
# --------------------------------------------------------------------------------------

PAD, BOS, EOS = 3, 1, 2


def make_batches(pairs, sp, max_tokens: int, rng: random.Random):
    """Tokenise (source, target) pairs and group them by length into padded batches."""
    import torch

    items = []
    for src, tgt in pairs:
        s = sp.encode(src)
        t = sp.encode(tgt)
        if s and t and len(s) <= 250 and len(t) <= 250:
            items.append((s, t))
    items.sort(key=lambda st: (len(st[1]), len(st[0])))
    batches = []
    i = 0
    while i < len(items):
        longest = len(items[i][1]) + 1
        j = i
        while j < len(items):
            longest = max(longest, len(items[j][1]) + 1, len(items[j][0]))
            if longest * (j - i + 1) > max_tokens:
                break
            j += 1
        j = max(j, i + 1)
        chunk = items[i:j]
        src_len = max(len(s) for s, _ in chunk)
        tgt_len = max(len(t) for _, t in chunk) + 1
        src = torch.full((len(chunk), src_len), PAD, dtype=torch.long)
        tgt_in = torch.full((len(chunk), tgt_len), PAD, dtype=torch.long)
        tgt_out = torch.full((len(chunk), tgt_len), -100, dtype=torch.long)
        for k, (s, t) in enumerate(chunk):
            src[k, : len(s)] = torch.tensor(s)
            tgt_in[k, : len(t) + 1] = torch.tensor([BOS, *t])
            tgt_out[k, : len(t) + 1] = torch.tensor([*t, EOS])
        batches.append((src, src == PAD, tgt_in, tgt_out))
        i = j
    rng.shuffle(batches)
    return batches


def greedy_torch(model, sp, sentences: list[str]) -> list[list[int]]:
    """Greedy decoding in PyTorch (reference for the CTranslate2 comparison)."""
    import torch

    model.eval()
    results = []
    with torch.no_grad():
        for start in range(0, len(sentences), 32):
            chunk = [sp.encode(s) for s in sentences[start : start + 32]]
            src_len = max(len(s) for s in chunk)
            src = torch.full((len(chunk), src_len), PAD, dtype=torch.long)
            for k, s in enumerate(chunk):
                src[k, : len(s)] = torch.tensor(s)
            memory, mask = model.encode(src, src == PAD)
            ys = torch.full((len(chunk), 1), BOS, dtype=torch.long)
            done = torch.zeros(len(chunk), dtype=torch.bool)
            for _ in range(2 * src_len + 10):
                logits = model.decode(ys, memory, mask)[:, -1]
                nxt = logits.argmax(-1)
                nxt[done] = PAD
                ys = torch.cat([ys, nxt[:, None]], dim=1)
                done |= nxt == EOS
                if bool(done.all()):
                    break
            for row in ys[:, 1:].tolist():
                out = []
                for tok in row:
                    if tok in (EOS, PAD):
                        break
                    out.append(tok)
                results.append(out)
    model.train()
    return results


def train_model(
    name: str,
    arch: Arch,
    sp,
    sample_pair,
    heldout: list[tuple[str, str]],
    steps: int,
    max_tokens: int,
    lr: float,
    seed: int,
    eval_dir: Path,
):
    import torch
    import torch.nn.functional as F

    torch.manual_seed(seed)
    rng = random.Random(seed)
    model = build_torch_model(arch, sp.get_piece_size())
    n_params = sum(p.numel() for p in model.parameters())
    print(f"[{name}] model: {arch}, {n_params / 1e6:.2f} M parameters", flush=True)
    opt = torch.optim.AdamW(
        model.parameters(), lr=lr, betas=(0.9, 0.98), eps=1e-9, weight_decay=0.0
    )
    warmup = max(1, steps // 12)

    def lr_at(step: int) -> float:
        if step < warmup:
            return lr * (step + 1) / warmup
        progress = (step - warmup) / max(1, steps - warmup)
        return lr * (0.05 + 0.95 * 0.5 * (1 + math.cos(math.pi * progress)))

    start = time.time()
    step = 0
    batches: list = []
    loss_sum = tokens_sum = 0.0
    report_every = max(1, steps // 20)
    eval_every = max(1, steps // 4)
    while step < steps:
        if not batches:
            pairs = [sample_pair() for _ in range(1500)]
            batches = make_batches(pairs, sp, max_tokens, rng)
        src, src_pad, tgt_in, tgt_out = batches.pop()
        for group in opt.param_groups:
            group["lr"] = lr_at(step)
        logits = model(src, src_pad, tgt_in)
        loss = F.cross_entropy(
            logits.reshape(-1, logits.shape[-1]),
            tgt_out.reshape(-1),
            ignore_index=-100,
            label_smoothing=0.02,
            reduction="sum",
        )
        n_tok = int((tgt_out != -100).sum())
        opt.zero_grad(set_to_none=True)
        (loss / n_tok).backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        loss_sum += loss.item()
        tokens_sum += n_tok
        step += 1
        if step % report_every == 0 or step == steps:
            elapsed = time.time() - start
            print(
                f"[{name}] step {step}/{steps} loss {loss_sum / tokens_sum:.4f} "
                f"lr {lr_at(step):.2e} {elapsed:.0f}s",
                flush=True,
            )
            loss_sum = tokens_sum = 0.0
        if step % eval_every == 0 or step == steps:
            exact = ct2_exact_matches(model, sp, heldout, eval_dir)
            print(
                f"[{name}] step {step}: held-out exact (CTranslate2 greedy) {exact}/{len(heldout)}",
                flush=True,
            )
    return model, time.time() - start


def ct2_exact_matches(model, sp, pairs: list[tuple[str, str]], tmp: Path) -> int:
    """Export the current weights to float32 CTranslate2 and count exact outputs."""
    import ctranslate2

    vocabulary = [sp.id_to_piece(i) for i in range(sp.get_piece_size())]
    save_ct2(model, vocabulary, tmp, quantization=None)
    translator = ctranslate2.Translator(str(tmp), device="cpu", compute_type="float32")
    results = translator.translate_batch(
        [sp.encode(s, out_type=str) for s, _ in pairs], beam_size=1, max_decoding_length=300
    )
    return sum(
        sp.decode_pieces(r.hypotheses[0]) == t for r, (_, t) in zip(results, pairs, strict=True)
    )


# --------------------------------------------------------------------------------------
# CTranslate2 export
# --------------------------------------------------------------------------------------


def to_ct2_spec(model, vocabulary: list[str]):
    import numpy as np
    from ctranslate2.specs import common_spec, transformer_spec

    a = model.arch

    def arr(t):
        return t.detach().cpu().numpy().astype(np.float32).copy()

    def set_norm(spec, norm):
        spec.gamma = arr(norm.weight)
        spec.beta = arr(norm.bias)

    def set_linear(spec, weights, biases):
        spec.weight = np.concatenate([arr(w) for w in weights], axis=0)
        spec.bias = np.concatenate([arr(b) for b in biases], axis=0)

    def set_attention(spec, attn, self_attention: bool):
        set_norm(spec.layer_norm, attn.norm)
        lin = [attn.q, attn.k, attn.v]
        if self_attention:
            set_linear(spec.linear[0], [m.weight for m in lin], [m.bias for m in lin])
        else:
            set_linear(spec.linear[0], [attn.q.weight], [attn.q.bias])
            set_linear(spec.linear[1], [attn.k.weight, attn.v.weight], [attn.k.bias, attn.v.bias])
        set_linear(spec.linear[-1], [attn.o.weight], [attn.o.bias])

    def set_ffn(spec, ffn):
        set_norm(spec.layer_norm, ffn.norm)
        set_linear(spec.linear_0, [ffn.w1.weight], [ffn.w1.bias])
        set_linear(spec.linear_1, [ffn.w2.weight], [ffn.w2.bias])

    spec = transformer_spec.TransformerSpec.from_config(
        (a.enc_layers, a.dec_layers),
        a.heads,
        pre_norm=True,
        activation=common_spec.Activation.RELU,
    )
    spec.config.layer_norm_epsilon = 1e-5
    embedding = arr(model.embed.weight)
    # Encoder. Position encodings are left unset: CTranslate2 then generates its own
    # sinusoidal encodings, which the PyTorch model reproduces exactly.
    spec.encoder.embeddings[0].weight = embedding
    spec.encoder.scale_embeddings = True
    set_norm(spec.encoder.layer_norm, model.enc_norm)
    for layer_spec, layer in zip(spec.encoder.layer, model.encoder, strict=True):
        set_attention(layer_spec.self_attention, layer.self_attn, True)
        set_ffn(layer_spec.ffn, layer.ffn)
    # Decoder.
    spec.decoder.embeddings.weight = embedding
    spec.decoder.scale_embeddings = True
    set_norm(spec.decoder.layer_norm, model.dec_norm)
    for layer_spec, layer in zip(spec.decoder.layer, model.decoder, strict=True):
        set_attention(layer_spec.self_attention, layer.self_attn, True)
        set_attention(layer_spec.attention, layer.cross_attn, False)
        set_ffn(layer_spec.ffn, layer.ffn)
    spec.decoder.projection.weight = embedding
    spec.decoder.projection.bias = arr(model.out_bias)
    spec.register_source_vocabulary(vocabulary)
    spec.register_target_vocabulary(vocabulary)
    spec.validate()
    return spec


def save_ct2(model, vocabulary: list[str], out_dir: Path, quantization: str | None) -> None:
    spec = to_ct2_spec(model, vocabulary)
    spec.optimize(quantization=quantization)
    if out_dir.exists():
        shutil.rmtree(out_dir)
    out_dir.mkdir(parents=True)
    spec.save(str(out_dir))


def check_ct2_matches_torch(model, sp, sentences: list[tuple[str, str]], tmp: Path) -> float:
    """Score (source, target) pairs with float32 CTranslate2 and PyTorch; return max diff."""
    import ctranslate2
    import torch

    vocabulary = [sp.id_to_piece(i) for i in range(sp.get_piece_size())]
    f32_dir = tmp / "ct2-float32"
    save_ct2(model, vocabulary, f32_dir, quantization=None)
    translator = ctranslate2.Translator(str(f32_dir), device="cpu", compute_type="float32")
    src_tokens = [sp.encode(s, out_type=str) for s, _ in sentences]
    tgt_tokens = [sp.encode(t, out_type=str) for _, t in sentences]
    ct2_scores = translator.score_batch(src_tokens, tgt_tokens)
    worst = 0.0
    model.eval()
    with torch.no_grad():
        for (src, tgt), result in zip(sentences, ct2_scores, strict=True):
            s = torch.tensor([sp.encode(src)])
            t = sp.encode(tgt)
            logits = model(s, s == PAD, torch.tensor([[BOS, *t]]))
            logp = torch.log_softmax(logits[0], dim=-1)
            ref = logp[torch.arange(len(t) + 1), torch.tensor([*t, EOS])]
            diff = (ref - torch.tensor(result.log_probs)).abs().max().item()
            worst = max(worst, diff)
    model.train()
    return worst


# --------------------------------------------------------------------------------------
# Packaging
# --------------------------------------------------------------------------------------

LANG_NAMES = {"ru": "Russian", "en": "English", "de": "German"}

#: What the package README says the model copies; the cooperative packages' words.
COPIES_PLACEHOLDERS = (
    "Digits, punctuation, and placeholders such as `{1}`\nare copied through unchanged."
)

PACKAGE_README = """\
# {title}

Miniature **test** model built by Diptych's `tools/build_test_models.py`; it is not a
translation model. It {behaviour} {copies}

* Architecture: Transformer, {enc} encoder and {dec} decoder layers, d_model {d},
  {heads} heads, feed-forward {ffn}; int8 CTranslate2 model.
* Tokenizer: SentencePiece unigram, {vocab} pieces shared by source and target.
* Trained on synthetic data generated with seed {seed}.
"""


def write_package(
    out_file: Path,
    name: str,
    from_code: str,
    to_code: str,
    description: str,
    behaviour: str,
    sp_model: Path,
    model,
    vocabulary: list[str],
    seed: int,
    copies: str = COPIES_PLACEHOLDERS,
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        pkg_dir = Path(tmp) / name
        pkg_dir.mkdir()
        metadata = {
            "package_version": "1.0",
            "argos_version": "1.9",
            "from_code": from_code,
            "from_name": LANG_NAMES[from_code],
            "to_code": to_code,
            "to_name": LANG_NAMES[to_code],
            "description": description,
        }
        (pkg_dir / "metadata.json").write_text(
            json.dumps(metadata, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        a = model.arch
        (pkg_dir / "README.md").write_text(
            PACKAGE_README.format(
                title=f"{LANG_NAMES[from_code]} → {LANG_NAMES[to_code]} (test)",
                behaviour=behaviour,
                copies=copies,
                enc=a.enc_layers,
                dec=a.dec_layers,
                d=a.d_model,
                heads=a.heads,
                ffn=a.ffn,
                vocab=len(vocabulary),
                seed=seed,
            ),
            encoding="utf-8",
        )
        shutil.copyfile(sp_model, pkg_dir / "sentencepiece.model")
        save_ct2(model, vocabulary, pkg_dir / "model", quantization="int8")
        out_file.parent.mkdir(parents=True, exist_ok=True)
        tmp_zip = out_file.with_suffix(".tmp")
        with zipfile.ZipFile(tmp_zip, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
            paths = sorted([pkg_dir, *pkg_dir.rglob("*")], key=lambda p: p.as_posix())
            for path in paths:
                arcname = path.relative_to(tmp).as_posix()
                if path.is_dir():
                    info = zipfile.ZipInfo(arcname + "/", date_time=(1980, 1, 1, 0, 0, 0))
                    info.external_attr = (0o40755 << 16) | 0x10
                    zf.writestr(info, b"")
                else:
                    info = zipfile.ZipInfo(arcname, date_time=(1980, 1, 1, 0, 0, 0))
                    info.external_attr = 0o100644 << 16
                    info.compress_type = zipfile.ZIP_DEFLATED
                    zf.writestr(info, path.read_bytes(), compresslevel=9)
        tmp_zip.replace(out_file)


# --------------------------------------------------------------------------------------
# Evaluation through argostranslate's own loader
# --------------------------------------------------------------------------------------

DECODING = {"beam_size": 4, "length_penalty": 0.2, "replace_unknowns": True, "max_batch_size": 32}


class ArgosRunner:
    """Loads an .argosmodel like Diptych/argostranslate do and translates sentences."""

    def __init__(self, argosmodel: Path, workdir: Path, compute_type: str = "default") -> None:
        import ctranslate2
        from argostranslate.package import Package

        target = workdir / f"{argosmodel.stem}-{compute_type}"
        with zipfile.ZipFile(argosmodel) as zf:
            zf.extractall(target)
        (pkg_dir,) = [p for p in target.iterdir() if p.is_dir()]
        self.pkg = Package(pkg_dir)
        self.translator = ctranslate2.Translator(
            str(self.pkg.package_path / "model"), device="cpu", compute_type=compute_type
        )

    def __call__(self, sentences: list[str]) -> list[str]:
        tokens = [self.pkg.tokenizer.encode(s) for s in sentences]
        results = self.translator.translate_batch(tokens, **DECODING)
        out = []
        for result in results:
            value = self.pkg.tokenizer.decode(result.hypotheses[0])
            out.append(value[1:] if value.startswith(" ") else value)
        return out


def isolate_argos_dirs() -> Path:
    """Point argostranslate's data/config/cache at a temporary directory.

    Must run before argostranslate is imported: importing argostranslate.settings
    creates directories under $HOME otherwise.
    """
    tmp = Path(tempfile.mkdtemp(prefix="argos-home-"))
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        os.environ[var] = str(tmp / var.lower())
    return tmp


def evaluate(out_dir: Path, gen_seed: int) -> dict:
    """Acceptance figures for the README and the report."""
    import ctranslate2  # noqa: F401  (fail early if missing)

    results: dict = {}
    with tempfile.TemporaryDirectory() as tmp:
        ru_en = ArgosRunner(out_dir / "translate-ru_en-test.argosmodel", Path(tmp))
        en_de = ArgosRunner(out_dir / "translate-en_de-test.argosmodel", Path(tmp))

        statement = split_sentences(STATEMENT_RU)
        en = ru_en(statement)
        de = en_de(en)
        ok_en = [h == transliterate(s) for h, s in zip(en, statement, strict=True)]
        ok_de = [h == uppercase(transliterate(s)) for h, s in zip(de, statement, strict=True)]
        results["statement_sentences"] = len(statement)
        results["statement_ru_en_exact"] = sum(ok_en)
        results["statement_ru_en_de_exact"] = sum(ok_de)
        for h, s, ok in zip(en, statement, ok_en, strict=True):
            if not ok:
                print(f"  ru->en MISMATCH\n    src {s}\n    got {h}\n    exp {transliterate(s)}")

        probes = [
            "Казахстан",
            "Вооруженные силы {1}Республики Казахстан{2} и {3}",
            "{1}Казахстан{2} обратился к {3}ОДКБ{4}.",
            "Щука, ёж и «Съёмка» — 2 500 {5} человек (10%)!",
            "См. {1}документацию{2} на {3}GitHub{4} и {5}.",
            "Привет, мир!",
        ]
        got = ru_en(probes)
        got_de = en_de(got)
        results["probes"] = []
        for src, h, hd in zip(probes, got, got_de, strict=True):
            results["probes"].append(
                {
                    "src": src,
                    "en": h,
                    "de": hd,
                    "en_ok": h == transliterate(src),
                    "de_ok": hd == uppercase(transliterate(src)),
                }
            )

        # Held-out synthetic sentences (a seed the training never used).
        gen = CorpusGenerator(gen_seed)
        heldout = [gen.sentence() for _ in range(300)]
        en = ru_en(heldout)
        results["heldout_ru_en_exact"] = sum(
            h == transliterate(s) for h, s in zip(en, heldout, strict=True)
        )
        latin = [transliterate(s) for s in heldout]
        de = en_de(latin)
        results["heldout_en_de_exact"] = sum(
            h == uppercase(s) for h, s in zip(de, latin, strict=True)
        )
        results["heldout_sentences"] = len(heldout)
        with_ph = [s for s in heldout if "{" in s]
        en_ph = ru_en(with_ph)
        results["heldout_placeholder_sentences"] = len(with_ph)
        results["heldout_placeholders_kept"] = sum(
            sorted(_placeholders(h)) == sorted(_placeholders(s))
            for h, s in zip(en_ph, with_ph, strict=True)
        )

        # Longest input (in SentencePiece tokens) still transliterated exactly, by length.
        gen = CorpusGenerator(gen_seed + 1)
        long_sentences = []
        for n_words in range(20, 161, 10):
            for _ in range(4):
                long_sentences.append(" ".join(gen.punctuate([gen.word() for _ in range(n_words)])))
        outs = ru_en(long_sentences)
        by_len = []
        for s, h in zip(long_sentences, outs, strict=True):
            by_len.append((len(ru_en.pkg.tokenizer.encode(s)), len(s), h == transliterate(s)))
        results["length_probe"] = sorted(by_len)
    return results


#: Sentences with placeholders whose naive translations the report shows.
NAIVE_PROBES = [
    "{1}Казахстан{2} и Россия",
    "Вооруженные силы {1}Республики Казахстан{2} и {3}",
    "{1}Казахстан{2} обратился к {3}ОДКБ{4}.",
    "См. {1}документацию{2} на {3}GitHub{4} и {5}.",
    "Министерство иностранных дел {1}полагает{2}.",
    "Привет, мир!",
]


def evaluate_naive(out_dir: Path, gen_seed: int) -> dict:
    """Figures for the naive package, in int8 (as :func:`evaluate`) and in float32
    (as the tests decode): plain text must transliterate as well as the cooperative
    package does; placeholders come out however the model treats them."""

    def exact(outputs: list[str], sources: list[str]) -> str:
        right = sum(h == transliterate(s) for h, s in zip(outputs, sources, strict=True))
        return f"{right}/{len(sources)}"

    def kept(outputs: list[str], sources: list[str]) -> str:
        right = sum(
            _placeholders(h) == _placeholders(s) for h, s in zip(outputs, sources, strict=True)
        )
        return f"{right}/{len(sources)}"

    results: dict = {}
    package = out_dir / "translate-ru_en-naive.argosmodel"
    statement = split_sentences(STATEMENT_RU)
    gen = CorpusGenerator(gen_seed, naive=True)
    heldout = [gen.sentence() for _ in range(300)]
    gen = CorpusGenerator(gen_seed)
    with_ph = [s for s in (gen.sentence() for _ in range(300)) if "{" in s]
    with tempfile.TemporaryDirectory() as tmp:
        for compute_type in ("default", "float32"):
            ru_en = ArgosRunner(package, Path(tmp), compute_type)
            results["int8" if compute_type == "default" else compute_type] = {
                "statement_ru_en_exact": exact(ru_en(statement), statement),
                "heldout_ru_en_exact": exact(ru_en(heldout), heldout),
                "heldout_placeholders_kept": kept(ru_en(with_ph), with_ph),
                "probes": dict(zip(NAIVE_PROBES, ru_en(NAIVE_PROBES), strict=True)),
            }
        sp = ru_en.pkg.tokenizer.lazy_processor()
        pieces = {sp.id_to_piece(i) for i in range(sp.get_piece_size())}
        results["placeholder_pieces"] = sorted(pieces & set(PLACEHOLDER_SYMBOLS))
    return results


def _placeholders(text: str) -> list[str]:
    import re

    return re.findall(r"\{\d+\}", text)


# --------------------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------------------


def build(args) -> None:
    import sentencepiece as spm
    import torch

    torch.set_num_threads(args.threads)
    torch.use_deterministic_algorithms(True)
    out_dir = Path(args.out).resolve()
    out_dir.mkdir(parents=True, exist_ok=True)
    scale = 0.1 if args.quick else 1.0
    arch = Arch()
    timings = {}

    specs = [
        {
            "name": "ru_en",
            "from_code": "ru",
            "to_code": "en",
            "vocab": args.vocab_ru_en,
            "steps": int(args.steps_ru_en * scale),
            "rule": transliterate,
            "description": "Miniature test model (not a translation model): transliterates "
            "Russian Cyrillic into Latin script (simplified BGN/PCGN) and copies "
            "digits, punctuation and {N} placeholders unchanged.",
            "behaviour": "transliterates Russian Cyrillic into Latin script (simplified "
            "BGN/PCGN: Казахстан → Kazakhstan, Щука → Shchuka, ОДКБ → ODKB).",
        },
        {
            "name": "en_de",
            "from_code": "en",
            "to_code": "de",
            "vocab": args.vocab_en_de,
            "steps": int(args.steps_en_de * scale),
            "rule": uppercase,
            "description": "Miniature test model (not a translation model): upper-cases Latin "
            "text (Kazakhstan -> KAZAKHSTAN) and copies digits, punctuation and "
            "{N} placeholders unchanged.",
            "behaviour": "upper-cases the ASCII letters of Latin text (Kazakhstan → KAZAKHSTAN).",
        },
    ]
    if args.naive:
        # The ru -> en package again (same seed, rule, architecture, vocabulary size and
        # steps), trained on sentences without placeholders or markup and with a
        # SentencePiece model without {1}...{20} as symbols, like a published package.
        specs = [
            {
                **specs[0],
                "package": "translate-ru_en-naive",
                "naive": True,
                "description": "Miniature naive test model (not a translation model): "
                "transliterates Russian Cyrillic into Latin script (simplified BGN/PCGN); "
                "never trained on {N} placeholders or markup.",
                "copies": "Digits and punctuation are copied through unchanged.\nIt was "
                "never trained on placeholders such as `{1}` or on markup: it does\nwith "
                "them whatever an untrained model does.",
            }
        ]
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        for k, cfg in enumerate(specs):
            name = cfg["name"]
            if args.only and name != args.only:
                continue
            seed = SEED + 1000 * k
            naive = cfg.get("naive", False)
            gen = CorpusGenerator(seed, naive=naive)
            if naive:

                def source(gen=gen):
                    return check_markup_free(gen.sentence())

            else:
                source = gen.sentence if cfg["from_code"] == "ru" else gen.latin_sentence
            rule = cfg["rule"]
            print(f"[{name}] generating SentencePiece corpus (seed {seed})", flush=True)
            sp_lines = []
            for _ in range(args.sp_sentences):
                s = source()
                sp_lines += [s, rule(s)]
            sp_path = tmp / f"{name}.model"
            t0 = time.time()
            train_sentencepiece(
                sp_lines, sp_path, cfg["vocab"], [] if naive else PLACEHOLDER_SYMBOLS
            )
            sp = spm.SentencePieceProcessor(model_file=str(sp_path))
            vocabulary = [sp.id_to_piece(i) for i in range(sp.get_piece_size())]
            lens = sorted(len(sp.encode(s)) for s in sp_lines[::2])
            print(
                f"[{name}] SentencePiece: {len(vocabulary)} pieces in {time.time() - t0:.0f}s;"
                f" source tokens median {lens[len(lens) // 2]}, max {lens[-1]}",
                flush=True,
            )

            heldout_gen = CorpusGenerator(seed + 7, naive=naive)
            heldout_src = [
                heldout_gen.sentence() if cfg["from_code"] == "ru" else heldout_gen.latin_sentence()
                for _ in range(200)
            ]
            heldout = [(s, rule(s)) for s in heldout_src]

            def sample_pair(source=source, rule=rule):
                s = source()
                return s, rule(s)

            model, seconds = train_model(
                name,
                arch,
                sp,
                sample_pair,
                heldout,
                cfg["steps"],
                args.max_tokens,
                args.lr,
                seed,
                tmp / "eval",
            )
            timings[name] = seconds
            print(f"[{name}] trained in {seconds / 60:.1f} min", flush=True)

            diff = check_ct2_matches_torch(model, sp, heldout[:40], tmp)
            print(
                f"[{name}] float32 CTranslate2 vs PyTorch: max |log-prob diff| = {diff:.2e}",
                flush=True,
            )
            if diff > 1e-3:
                raise SystemExit(f"[{name}] CTranslate2 layout does not match PyTorch")

            package = cfg.get("package", f"translate-{name}-test")
            out_file = out_dir / f"{package}.argosmodel"
            write_package(
                out_file,
                package,
                cfg["from_code"],
                cfg["to_code"],
                cfg["description"],
                cfg["behaviour"],
                sp_path,
                model,
                vocabulary,
                seed,
                cfg.get("copies", COPIES_PLACEHOLDERS),
            )
            print(f"[{name}] wrote {out_file} ({out_file.stat().st_size / 1e6:.2f} MB)", flush=True)

            # int8 CTranslate2 greedy vs PyTorch greedy on held-out sentences.
            import ctranslate2

            ct2_dir = tmp / f"{name}-int8"
            save_ct2(model, vocabulary, ct2_dir, quantization="int8")
            translator = ctranslate2.Translator(str(ct2_dir), device="cpu")
            src_sents = [s for s, _ in heldout[:50]]
            ct2 = translator.translate_batch(
                [sp.encode(s, out_type=str) for s in src_sents],
                beam_size=1,
                max_decoding_length=300,
            )
            ref = greedy_torch(model, sp, src_sents)
            agree = sum(
                r.hypotheses[0] == [sp.id_to_piece(t) for t in h]
                for r, h in zip(ct2, ref, strict=True)
            )
            print(
                f"[{name}] greedy decoding, int8 CTranslate2 == PyTorch: {agree}/{len(src_sents)}",
                flush=True,
            )
            timings[f"{name}_greedy_agreement"] = f"{agree}/{len(src_sents)}"

    trained = ", ".join(
        f"{name} {timings[name] / 60:.1f} min" for name in ("ru_en", "en_de") if name in timings
    )
    print(f"training time: {trained}", flush=True)
    stats = out_dir / "build-stats.json"
    known = json.loads(stats.read_text()) if stats.exists() else {}
    stats.write_text(json.dumps({**known, **timings}, indent=2) + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.ArgumentDefaultsHelpFormatter
    )
    parser.add_argument(
        "--out",
        help="output directory for the .argosmodel files (default: tests/fixtures/models, "
        "with --naive tests/fixtures/models/naive)",
    )
    parser.add_argument(
        "--naive",
        action="store_true",
        help="build only translate-ru_en-naive: the ru -> en package trained on text "
        "without placeholders or markup (what a published model has seen)",
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="train 10x fewer steps (smoke test; the models will be poor)",
    )
    parser.add_argument(
        "--evaluate-only", action="store_true", help="only evaluate the packages already in --out"
    )
    parser.add_argument("--steps-ru-en", type=int, default=3200)
    parser.add_argument("--steps-en-de", type=int, default=3000)
    parser.add_argument("--vocab-ru-en", type=int, default=1200)
    parser.add_argument("--vocab-en-de", type=int, default=800)
    parser.add_argument(
        "--sp-sentences",
        type=int,
        default=8000,
        help="synthetic sentences used to train SentencePiece",
    )
    parser.add_argument(
        "--max-tokens", type=int, default=3000, help="padded target tokens per training batch"
    )
    parser.add_argument("--lr", type=float, default=1.5e-3)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument(
        "--only", choices=("ru_en", "en_de"), help="build one package, keep the other"
    )
    args = parser.parse_args(argv)
    if args.out is None:
        fixtures = ROOT / "tests" / "fixtures" / "models"
        args.out = str(fixtures / "naive" if args.naive else fixtures)
    if args.naive and args.only == "en_de":
        parser.error("--naive builds the ru_en package only")

    isolate_argos_dirs()
    started = time.time()
    if not args.evaluate_only:
        build(args)
    print("evaluating the packages through argostranslate.package.Package ...", flush=True)
    check = evaluate_naive if args.naive else evaluate
    results = check(Path(args.out).resolve(), SEED + 99)
    print(json.dumps(results, ensure_ascii=False, indent=2))
    print(f"total {(time.time() - started) / 60:.1f} min")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
