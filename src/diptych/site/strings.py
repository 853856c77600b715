"""The site's own interface words (banner, toggle, states, dashboard), per language.

These are interface strings, like a theme's language files, not content: content lives in
docs/ and translations/. A language without an entry here falls back to English.
"""

from __future__ import annotations

import datetime as _dt

_STRINGS: dict[str, dict[str, str]] = {
    "en": {
        "state.machine": "machine translation",
        "state.reviewed": "reviewed",
        "state.stale": "stale: the original changed after review",
        "state.missing": "not translated yet",
        "state.edited": "edited, awaiting review",
        "state.withheld": "translation withheld (markup problem)",
        "state.unsafe": "translation withheld (unsafe markup)",
        "suggest": "Suggest a fix",
        "suggest.label": "Suggest a fix for this passage (opens GitHub)",
        "banner.title": "This translation is not fully reviewed",
        "banner.reviewed": "{n} reviewed",
        "banner.machine": "{n} machine-translated",
        "banner.edited": "{n} edited, awaiting review",
        "banner.stale": "{n} stale",
        "banner.withheld": "{n} withheld (shown in Russian)",
        "banner.missing": "{n} not yet translated (shown in Russian)",
        "banner.compare": "Compare with the original side by side",
        "pair.link": "Side by side with the original",
        "pair.title": "{title} — side by side",
        "pair.original": "Original (Russian)",
        "pair.translation": "Translation ({language})",
        "pair.back": "Back to the translation",
        "toggle.label": "Show",
        "toggle.translation": "Translation",
        "toggle.original": "Original",
        "toggle.both": "Both",
        "dashboard.language": "Language",
        "dashboard.page": "Page",
        "dashboard.reviewed": "Reviewed",
        "dashboard.machine": "Machine",
        "dashboard.edited": "Edited",
        "dashboard.stale": "Stale",
        "dashboard.withheld": "Withheld",
        "dashboard.missing": "Missing",
        "dashboard.total": "Units",
        "list.empty": "No statements yet.",
    },
    "ru": {
        "state.machine": "машинный перевод",
        "state.reviewed": "проверено",
        "state.stale": "устарело: оригинал изменился после проверки",
        "state.missing": "ещё не переведено",
        "state.edited": "исправлено, ждёт проверки",
        "state.withheld": "перевод скрыт (ошибка разметки)",
        "state.unsafe": "перевод скрыт (небезопасная разметка)",
        "suggest": "Предложить исправление",
        "suggest.label": "Предложить исправление этого фрагмента (откроется GitHub)",
        "banner.title": "Этот перевод проверен не полностью",
        "banner.reviewed": "проверено: {n}",
        "banner.machine": "машинный перевод: {n}",
        "banner.edited": "исправлено, ждёт проверки: {n}",
        "banner.stale": "устарело: {n}",
        "banner.withheld": "скрыто: {n} (показано по-русски)",
        "banner.missing": "не переведено: {n} (показано по-русски)",
        "banner.compare": "Сравнить с оригиналом",
        "pair.link": "Параллельно с оригиналом",
        "pair.title": "{title} — параллельный текст",
        "pair.original": "Оригинал (русский)",
        "pair.translation": "Перевод ({language})",
        "pair.back": "К переводу",
        "toggle.label": "Показать",
        "toggle.translation": "Перевод",
        "toggle.original": "Оригинал",
        "toggle.both": "Оба",
        "dashboard.language": "Язык",
        "dashboard.page": "Страница",
        "dashboard.reviewed": "Проверено",
        "dashboard.machine": "Машинный",
        "dashboard.edited": "Исправлено",
        "dashboard.stale": "Устарело",
        "dashboard.withheld": "Скрыто",
        "dashboard.missing": "Нет перевода",
        "dashboard.total": "Фрагментов",
        "list.empty": "Заявлений пока нет.",
    },
    "de": {
        "state.machine": "maschinelle Übersetzung",
        "state.reviewed": "geprüft",
        "state.stale": "veraltet: das Original wurde nach der Prüfung geändert",
        "state.missing": "noch nicht übersetzt",
        "state.edited": "bearbeitet, wartet auf Prüfung",
        "state.withheld": "Übersetzung zurückgehalten (Markup-Fehler)",
        "state.unsafe": "Übersetzung zurückgehalten (unsicheres Markup)",
        "suggest": "Korrektur vorschlagen",
        "suggest.label": "Korrektur für diesen Abschnitt vorschlagen (öffnet GitHub)",
        "banner.title": "Diese Übersetzung ist nicht vollständig geprüft",
        "banner.reviewed": "{n} geprüft",
        "banner.machine": "{n} maschinell übersetzt",
        "banner.edited": "{n} bearbeitet, warten auf Prüfung",
        "banner.stale": "{n} veraltet",
        "banner.withheld": "{n} zurückgehalten (auf Russisch angezeigt)",
        "banner.missing": "{n} noch nicht übersetzt (auf Russisch angezeigt)",
        "banner.compare": "Mit dem Original vergleichen",
        "pair.link": "Parallel zum Original",
        "pair.title": "{title} — Paralleltext",
        "pair.original": "Original (Russisch)",
        "pair.translation": "Übersetzung ({language})",
        "pair.back": "Zurück zur Übersetzung",
        "toggle.label": "Anzeigen",
        "toggle.translation": "Übersetzung",
        "toggle.original": "Original",
        "toggle.both": "Beides",
        "dashboard.language": "Sprache",
        "dashboard.page": "Seite",
        "dashboard.reviewed": "Geprüft",
        "dashboard.machine": "Maschinell",
        "dashboard.edited": "Bearbeitet",
        "dashboard.stale": "Veraltet",
        "dashboard.withheld": "Zurückgehalten",
        "dashboard.missing": "Fehlt",
        "dashboard.total": "Abschnitte",
        "list.empty": "Noch keine Erklärungen.",
    },
    "zh": {
        "state.machine": "机器翻译",
        "state.reviewed": "已审校",
        "state.stale": "已过时：审校后原文有改动",
        "state.missing": "尚未翻译",
        "state.edited": "已编辑，待审校",
        "state.withheld": "译文未显示（标记错误）",
        "state.unsafe": "译文未显示（不安全的标记）",
        "suggest": "建议修改",
        "suggest.label": "为这一段建议修改（打开 GitHub）",
        "banner.title": "本译文尚未全部审校",
        "banner.reviewed": "已审校 {n} 段",
        "banner.machine": "机器翻译 {n} 段",
        "banner.edited": "已编辑待审校 {n} 段",
        "banner.stale": "已过时 {n} 段",
        "banner.withheld": "未显示 {n} 段（以俄文显示）",
        "banner.missing": "尚未翻译 {n} 段（以俄文显示）",
        "banner.compare": "与原文对照阅读",
        "pair.link": "与原文对照",
        "pair.title": "{title}（对照）",
        "pair.original": "原文（俄文）",
        "pair.translation": "译文（{language}）",
        "pair.back": "返回译文",
        "toggle.label": "显示",
        "toggle.translation": "译文",
        "toggle.original": "原文",
        "toggle.both": "对照",
        "dashboard.language": "语言",
        "dashboard.page": "页面",
        "dashboard.reviewed": "已审校",
        "dashboard.machine": "机器翻译",
        "dashboard.edited": "已编辑",
        "dashboard.stale": "已过时",
        "dashboard.withheld": "未显示",
        "dashboard.missing": "缺失",
        "dashboard.total": "段数",
        "list.empty": "暂无声明。",
    },
    "ar": {
        "state.machine": "ترجمة آلية",
        "state.reviewed": "تمت مراجعتها",
        "state.stale": "قديمة: تغيّر الأصل بعد المراجعة",
        "state.missing": "لم تُترجم بعد",
        "state.edited": "معدَّلة، بانتظار المراجعة",
        "state.withheld": "حُجبت الترجمة (خطأ في التنسيق)",
        "state.unsafe": "حُجبت الترجمة (تنسيق غير آمن)",
        "suggest": "اقترح تصحيحًا",
        "suggest.label": "اقترح تصحيحًا لهذا المقطع (يفتح GitHub)",
        "banner.title": "لم تُراجَع هذه الترجمة بالكامل",
        "banner.reviewed": "تمت مراجعة {n}",
        "banner.machine": "ترجمة آلية: {n}",
        "banner.edited": "معدَّلة بانتظار المراجعة: {n}",
        "banner.stale": "قديمة: {n}",
        "banner.withheld": "محجوبة: {n} (معروضة بالروسية)",
        "banner.missing": "لم تُترجم بعد: {n} (معروضة بالروسية)",
        "banner.compare": "قارن بالأصل جنبًا إلى جنب",
        "pair.link": "جنبًا إلى جنب مع الأصل",
        "pair.title": "{title} — جنبًا إلى جنب",
        "pair.original": "الأصل (بالروسية)",
        "pair.translation": "الترجمة ({language})",
        "pair.back": "العودة إلى الترجمة",
        "toggle.label": "عرض",
        "toggle.translation": "الترجمة",
        "toggle.original": "الأصل",
        "toggle.both": "كلاهما",
        "dashboard.language": "اللغة",
        "dashboard.page": "الصفحة",
        "dashboard.reviewed": "تمت مراجعتها",
        "dashboard.machine": "آلية",
        "dashboard.edited": "معدَّلة",
        "dashboard.stale": "قديمة",
        "dashboard.withheld": "محجوبة",
        "dashboard.missing": "ناقصة",
        "dashboard.total": "المقاطع",
        "list.empty": "لا توجد بيانات بعد.",
    },
}

# Language names as their own speakers write them (for headings and the dashboard).
NATIVE_NAMES = {
    "ru": "Русский",
    "en": "English",
    "de": "Deutsch",
    "zh": "中文",
    "ar": "العربية",
}

_MONTHS = {
    "ru": "января февраля марта апреля мая июня июля августа сентября октября ноября декабря",
    "en": "January February March April May June July August September October November December",
    "de": "Januar Februar März April Mai Juni Juli August September Oktober November Dezember",
    "ar": "يناير فبراير مارس أبريل مايو يونيو يوليو أغسطس سبتمبر أكتوبر نوفمبر ديسمبر",
}


def ui(lang: str, key: str, **values: object) -> str:
    """An interface string in ``lang`` (English where the language has none)."""
    table = _STRINGS.get(lang, _STRINGS["en"])
    text = table.get(key) or _STRINGS["en"][key]
    return text.format(**values) if values else text


def native_name(code: str, fallback: str | None = None) -> str:
    return NATIVE_NAMES.get(code, fallback or code)


def format_date(day: _dt.date, lang: str) -> str:
    """A date as a reader of ``lang`` writes it (8 января 2022 г., 2022年1月8日, ...)."""
    if lang == "zh":
        return f"{day.year}年{day.month}月{day.day}日"
    months = _MONTHS.get(lang, _MONTHS["en"]).split()
    month = months[day.month - 1]
    if lang == "ru":
        return f"{day.day} {month} {day.year} г."
    if lang == "de":
        return f"{day.day}. {month} {day.year}"
    return f"{day.day} {month} {day.year}"
