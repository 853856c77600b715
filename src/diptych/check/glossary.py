"""D303/D304: the glossary, checked on translations; the glossary file itself.

The glossary's format and how a term is found are :mod:`diptych.glossary`'s, shared with
``diptych translate``, which enforces the terms in machine output: the check and the
translation read a term the same way. D303 holds for reviewed units (an error) and for
machine output (a warning: it shows where the glossary changed after the text was
translated; ``diptych translate --refresh`` translates such units again).
"""

from __future__ import annotations

from ..glossary import Glossary, Lemmas, Term, describe, load, source_pattern, violations

__all__ = ["Glossary", "Lemmas", "Term", "describe", "load", "source_pattern", "violations"]
