"""Reference rules for the miniature test translation models (test-support code).

``tools/testmodels`` trains two tiny but real Argos Translate packages whose
"translation" is a fixed, deterministic string function, so that tests can predict the
exact output of a real model:

* ru -> en: :func:`transliterate`, Russian Cyrillic to Latin script with a simplified
  BGN/PCGN scheme (``Казахстан`` -> ``Kazakhstan``, ``Щука`` -> ``Shchuka``,
  ``ОДКБ`` -> ``ODKB``);
* en -> de: :func:`uppercase`, ASCII letters to upper case (``Kazakhstan`` ->
  ``KAZAKHSTAN``), so that ru -> de through the English pivot gives
  ``uppercase(transliterate(text))``.

Everything else (digits, spaces, punctuation, Latin letters in Russian text, and
Diptych's ``{N}`` placeholders) is copied through unchanged by both rules.

This module is not part of the ``diptych`` package. It has no dependencies, so tests can
load it by path (the builder imports it as ``tools.translit``), e.g.::

    spec = importlib.util.spec_from_file_location("translit", ROOT / "tools" / "translit.py")
"""

from __future__ import annotations

__all__ = ["CYRILLIC_TO_LATIN", "is_cyrillic_letter", "transliterate", "uppercase"]

#: Lower-case Cyrillic letter -> Latin string (simplified BGN/PCGN; ъ and ь are dropped).
CYRILLIC_TO_LATIN: dict[str, str] = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e",
    "ж": "zh", "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m",
    "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
    "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "",
    "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
}  # fmt: skip


def is_cyrillic_letter(char: str) -> bool:
    """True for the 33 letters of the Russian alphabet, in either case."""
    return char.lower() in CYRILLIC_TO_LATIN


def transliterate(text: str) -> str:
    """Transliterate the Russian letters of ``text`` into Latin script.

    Lower-case letters map through :data:`CYRILLIC_TO_LATIN`. An upper-case letter gives
    a capitalised Latin string (``Щ`` -> ``Shch``) unless a neighbouring letter of the
    same run of Cyrillic letters is also upper case, in which case the whole Latin string
    is upper case (``ЩУКА`` -> ``SHCHUKA``, ``ОДКБ`` -> ``ODKB``, ``МИДом`` -> ``MIDom``).
    Any other character (digits, punctuation, spaces, Latin letters, ``{12}``
    placeholders, ...) is copied unchanged.
    """
    out: list[str] = []
    n = len(text)
    for i, char in enumerate(text):
        latin = CYRILLIC_TO_LATIN.get(char)
        if latin is not None:
            out.append(latin)
            continue
        lower = char.lower()
        latin = CYRILLIC_TO_LATIN.get(lower)
        if latin is None or lower == char:
            out.append(char)
            continue
        # An upper-case Russian letter: look at its neighbours within the Cyrillic run.
        prev_upper = i > 0 and is_cyrillic_letter(text[i - 1]) and text[i - 1].isupper()
        next_upper = i + 1 < n and is_cyrillic_letter(text[i + 1]) and text[i + 1].isupper()
        out.append(latin.upper() if (prev_upper or next_upper) else latin.capitalize())
    return "".join(out)


def uppercase(text: str) -> str:
    """Upper-case the ASCII letters ``a``-``z`` of ``text``; copy everything else."""
    return "".join(chr(ord(c) - 32) if "a" <= c <= "z" else c for c in text)


if __name__ == "__main__":  # pragma: no cover - manual check
    import sys

    for line in sys.stdin:
        sys.stdout.write(transliterate(line))
