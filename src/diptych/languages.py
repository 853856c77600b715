"""The languages Diptych can publish: codes as Argos Translate uses them, names, direction."""

from __future__ import annotations

from dataclasses import dataclass

import regex


@dataclass(frozen=True)
class Language:
    code: str
    name: str
    rtl: bool = False
    # Scripts written without spaces between words join sentences without a space.
    spaced: bool = True
    # The Unicode scripts its letters belong to (a text with none has nothing to
    # translate from this language: see :meth:`has_letters`).
    scripts: tuple[str, ...] = ("Latin",)

    @property
    def dir(self) -> str:
        return "rtl" if self.rtl else "ltr"

    def has_letters(self, text: str) -> bool:
        """Whether ``text`` holds a letter of this language's scripts (Unicode script
        property, through the ``regex`` module): ``Заявление`` has Russian letters,
        ``{* ../src/app.py hl[3] *}``, ``Python 3.12`` and ``2022`` have none."""
        scripts = "".join(rf"\p{{Script={script}}}" for script in self.scripts)
        return regex.search(rf"(?V1)[[{scripts}]&&\p{{L}}]", text) is not None


# Argos Translate's language codes (its package index uses these), plus names in English.
_KNOWN = [
    Language("ar", "Arabic", rtl=True, scripts=("Arabic",)),
    Language("az", "Azerbaijani"),
    Language("bg", "Bulgarian", scripts=("Cyrillic",)),
    Language("bn", "Bengali", scripts=("Bengali",)),
    Language("ca", "Catalan"),
    Language("cs", "Czech"),
    Language("da", "Danish"),
    Language("de", "German"),
    Language("el", "Greek", scripts=("Greek",)),
    Language("en", "English"),
    Language("eo", "Esperanto"),
    Language("es", "Spanish"),
    Language("et", "Estonian"),
    Language("eu", "Basque"),
    Language("fa", "Persian", rtl=True, scripts=("Arabic",)),
    Language("fi", "Finnish"),
    Language("fr", "French"),
    Language("ga", "Irish"),
    Language("gl", "Galician"),
    Language("he", "Hebrew", rtl=True, scripts=("Hebrew",)),
    Language("hi", "Hindi", scripts=("Devanagari",)),
    Language("hu", "Hungarian"),
    Language("id", "Indonesian"),
    Language("it", "Italian"),
    Language("ja", "Japanese", spaced=False, scripts=("Han", "Hiragana", "Katakana")),
    Language("kk", "Kazakh", scripts=("Cyrillic",)),
    Language("ko", "Korean", scripts=("Hangul", "Han")),
    Language("ky", "Kyrgyz", scripts=("Cyrillic",)),
    Language("lt", "Lithuanian"),
    Language("lv", "Latvian"),
    Language("ms", "Malay"),
    Language("nb", "Norwegian Bokmål"),
    Language("nl", "Dutch"),
    Language("pl", "Polish"),
    Language("pt", "Portuguese"),
    Language("ro", "Romanian"),
    Language("ru", "Russian", scripts=("Cyrillic",)),
    Language("sk", "Slovak"),
    Language("sl", "Slovenian"),
    Language("sq", "Albanian"),
    Language("sr", "Serbian", scripts=("Cyrillic", "Latin")),
    Language("sv", "Swedish"),
    Language("th", "Thai", spaced=False, scripts=("Thai",)),
    Language("tl", "Tagalog"),
    Language("tr", "Turkish"),
    Language("uk", "Ukrainian", scripts=("Cyrillic",)),
    Language("ur", "Urdu", rtl=True, scripts=("Arabic",)),
    Language("uz", "Uzbek"),
    Language("vi", "Vietnamese"),
    Language("zh", "Chinese", spaced=False, scripts=("Han",)),
    Language("zt", "Chinese (traditional)", spaced=False, scripts=("Han",)),
]

LANGUAGES: dict[str, Language] = {lang.code: lang for lang in _KNOWN}

# gettext Plural-Forms headers, so that catalogs pass msgfmt and work in Poedit/Weblate.
PLURAL_FORMS: dict[str, str] = {
    "ar": "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 "
    ": n%100>=11 ? 4 : 5);",
    "cs": "nplurals=3; plural=(n==1) ? 0 : (n>=2 && n<=4) ? 1 : 2;",
    "ga": "nplurals=5; plural=(n==1 ? 0 : n==2 ? 1 : n<7 ? 2 : n<11 ? 3 : 4);",
    "ja": "nplurals=1; plural=0;",
    "ko": "nplurals=1; plural=0;",
    "lt": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && (n%100<10 || n%100>=20) "
    "? 1 : 2);",
    "lv": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n != 0 ? 1 : 2);",
    "pl": "nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
    "ru": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
    "(n%100<10 || n%100>=20) ? 1 : 2);",
    "uk": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
    "(n%100<10 || n%100>=20) ? 1 : 2);",
    "sr": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
    "(n%100<10 || n%100>=20) ? 1 : 2);",
    "sk": "nplurals=3; plural=(n==1) ? 0 : (n>=2 && n<=4) ? 1 : 2;",
    "sl": "nplurals=4; plural=(n%100==1 ? 0 : n%100==2 ? 1 : n%100==3 || n%100==4 ? 2 : 3);",
    "ro": "nplurals=3; plural=(n==1 ? 0 : (n==0 || (n%100 > 0 && n%100 < 20)) ? 1 : 2);",
    "fr": "nplurals=2; plural=(n > 1);",
    "tr": "nplurals=2; plural=(n != 1);",
    "th": "nplurals=1; plural=0;",
    "vi": "nplurals=1; plural=0;",
    "id": "nplurals=1; plural=0;",
    "ms": "nplurals=1; plural=0;",
    "zh": "nplurals=1; plural=0;",
    "zt": "nplurals=1; plural=0;",
}


def plural_forms(code: str) -> str:
    return PLURAL_FORMS.get(code, "nplurals=2; plural=(n != 1);")
