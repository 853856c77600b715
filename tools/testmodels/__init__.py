"""Build the miniature Argos Translate packages used as test fixtures.

Why this exists
---------------
Diptych translates with Argos Translate packages (a SentencePiece model plus a
CTranslate2 Transformer in a zip). The development machines have no internet, so no
published package can be downloaded, and tests must not depend on one anyway: they need
a model whose output is *predictable*. This package trains tiny but real encoder-decoder
Transformers whose "translation" is a fixed string function, and packs each exactly like
a published ``.argosmodel``, so tests load them through the very code path used for real
packages (``argostranslate.package.Package`` + ``ctranslate2``):

* ``translate-ru_en-test.argosmodel`` (ru -> en) transliterates Russian into Latin
  script (``tools/translit.py: transliterate``; ``Казахстан`` -> ``Kazakhstan``);
* ``translate-en_de-test.argosmodel`` (en -> de) upper-cases Latin text
  (``tools/translit.py: uppercase``), so that ru -> de pivoting through English is
  exercised for real: ru -> en -> de gives the upper-case transliteration.

Both copy digits, punctuation, Latin words and Diptych's inline-markup placeholders
``{1}``, ``{2}``, ... through unchanged and in place.

``--naive`` builds a third package instead, ``naive/translate-ru_en-naive.argosmodel``:
the ru -> en package again (same rule, seed, architecture, vocabulary size and steps),
trained on sentences without any placeholder or markup character and with no ``{N}``
symbols in its SentencePiece model, like a published Argos package. It does with
placeholders whatever an untrained model does, so that Diptych's handling of an
uncooperative model can be tested.

How, module by module
---------------------
1. :mod:`.corpus` (words and texts in :mod:`.texts`): a synthetic corpus with a fixed
   seed; targets are the exact rule output. :mod:`.recipes` says what each package is.
2. :mod:`.tokenizer`: a SentencePiece unigram model shared by source and target, identity
   normalisation, ``{1}`` ... ``{20}`` as single pieces.
3. :mod:`.model` and :mod:`.train`: a small pre-norm Transformer laid out like
   CTranslate2's ``TransformerSpec``, trained in PyTorch on the CPU.
4. :mod:`.convert`: the weights into CTranslate2 (``bench/argospack.py``, which the
   benchmark package shares), checked against PyTorch in float32 and int8.
5. :mod:`.package`: the zip, with fixed timestamps and sorted entries;
   :mod:`.evaluate`: the figures, through argostranslate's own loader.
:mod:`.build` runs the steps; :mod:`.cli` is the command line.

Usage (from the repository root)::

    .venv/bin/python -m tools.testmodels            # writes tests/fixtures/models/
    .venv/bin/python -m tools.testmodels --out /tmp/models --quick
    .venv/bin/python -m tools.testmodels --naive    # writes tests/fixtures/models/naive/

Training takes about 35 minutes on 2 idle CPU cores (3,200 + 3,000 steps). The run is
deterministic for a given machine and thread count (fixed seeds, deterministic PyTorch
algorithms); floating-point reductions may differ across CPUs, so a rebuild elsewhere
can differ in the last bits but not in behaviour.
"""
