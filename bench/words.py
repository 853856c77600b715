"""Frequent Russian words: the one list both seeded corpora of the repository start from.

The benchmark corpus (:class:`benchlib.Corpus`) draws words from its list by position, so
the order here is part of every benchmark's input: append, never reorder. The test
models' corpus (``tools/testmodels``) uses the words as a set, beside words of its own.
No imports: ``tools/testmodels`` imports this as ``bench.words``, the benchmarks as
``words``.
"""

from __future__ import annotations

# Function words and everyday vocabulary, in the benchmark corpus' order.
FREQUENT_RU: tuple[str, ...] = tuple(
    """
и в не на я быть он с что а по это она этот к но они мы как из у который то за свой
весь год от так о для ты же все тот мочь вы человек такой его сказать только или
еще бы себя один как уже до время если сам когда другой вот говорить наш мой знать
стать при чтобы дело жизнь кто первый очень два день её новый рука даже во со раз где
там под можно ну какой после их работа без самый потом надо хотеть ли слово идти
большой должен место иметь сейчас тут лицо каждый друг нет теперь ни глаз тоже тогда
видеть вопрос через да здесь дом сторона думать сделать страна жить чем мир об
последний случай голова более делать смотреть ребенок просто конечно сила российский
конец перед несколько вид система всегда работать между три понять пойти часть
спросить город дать также никто понимать получить отношение лишь второй именно значит
хороший деньги почему вода пример
""".split()  # noqa: SIM905
)
