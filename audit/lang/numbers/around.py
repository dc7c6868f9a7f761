"""The words around a number that say what it is: ordinals, decades, centuries, times, percentages, currencies, scales.

Part of ``audit.lang.numbers`` (see the package docstring)."""
from __future__ import annotations

import regex

from audit.core import lazyre
from audit.lang.numbers.digits import _SPACE_SEPS
from audit.lang.numbers.scales import _CURRENCY_ONLY, _SCALES, scale_value

_ORDINAL_SUFFIX = lazyre.compile(
    r"(?:st|nd|rd|th|º|ª|°|\.º|\.ª|er|re|e|ème|eme|ème|ᵉ|ᵉʳ|o|a|os|as|°|-?й|-?я|-?е|-?го|-?му|-?м|-?ю|"
    r"-?ий|-?ый|-?ой|-?ая|-?ое|-?ого|-?ому|-?ом|-?ей|inci|ıncı|uncu|üncü|ncı|nci|ncü|ncu|\.)"
    r"(?![\p{L}\p{M}\p{N}])", regex.IGNORECASE)
_DECADE_AFTER = lazyre.compile(r"(?:'?s|’s|er|-?х|-?e|-?es|\s?年代|\s?년대)(?![\p{L}\p{M}\p{N}])")
_CENTURY_AFTER = lazyre.compile(r"\s?(?:世纪|世紀|세기)")
_TIME_AFTER = lazyre.compile(
    r"[ \u00a0\u202f]?(?:(a\.?m\.?|p\.?m\.?|uhr|h|hrs|horas|heures|ore|ч\.?|น\.|saat)(?![\p{L}])|(時|点|點|시)(?!間|간))",
    regex.IGNORECASE)
_CJK_AFTER_ORD = lazyre.compile(r"\s?(?:번째|째|番目|回目)")


_CUR_CHARS = frozenset("$€£¥₹₽₩₺₪₫฿")
_CUR_WORDS = frozenset({"usd", "eur", "gbp", "chf", "rs", "us$", "inr", "jpy", "cny", "rmb"})
_DEC_WORDS = frozenset({"años", "anos", "années", "anni", "década", "decada", "décennie", "decennio", "jahre"})
_ORD_WORDS = frozenset({"no.", "nº", "n°", "no"})


def _before_info(text: str, start: int) -> str | None:
    """What is written right before a number: 'cur' ($, USD), 'pct' (%50, yüzde), 'dec' (años 90),
    'ord' (第, No.), 'pm' (午後, 下午) or None."""
    j = start
    if j and text[j - 1] in " \u00a0\u202f":
        j -= 1
    if not j:
        return None
    c = text[j - 1]
    if c in _CUR_CHARS:
        return "cur"
    if c in "%٪":
        return "pct"
    if c in "'’":
        return "dec"
    if c in "第제№":
        return "ord"
    if c == "$" or text[max(0, j - 3):j] in ("No.", "no.", "Nº", "nº", "n°", "N°"):
        return "ord"
    if not c.isalpha():
        return None
    i = text.rfind(" ", max(0, j - 14), j) + 1 or max(0, j - 14)
    w = text[i:j].casefold()
    if w in _CUR_WORDS:
        return "cur"
    if w == "yüzde" or w.endswith("百分之"):
        return "pct"
    if w in _DEC_WORDS or (w == "de" and text[max(0, i - 8):i].casefold().rstrip().endswith(("década", "decada"))):
        return "dec"
    if w.endswith(("午後", "下午", "晚上", "오후")):
        return "pm"
    return None


_NEXT_WORD = lazyre.compile(r"[ \u00a0\u202f\u2009\-]?([\p{L}\p{M}]+\.?)")
_ORD_GLUED = lazyre.compile(r"[\p{L}º°ª\-.]")
_PERCENT_WORDS = frozenset({
    "percent", "per cent", "por ciento", "pour cent", "prozent", "per cento", "por cento", "procent", "procentów",
    "procenty", "procentach", "процент", "процента", "процентов", "процентах", "відсоток", "відсотки", "відсотків",
    "yüzde", "प्रतिशत", "درصد", "بالمئة", "بالمائة", "في المئة", "في المائة", "퍼센트", "パーセント", "phần trăm",
    "เปอร์เซ็นต์", "אחוז", "אחוזים", "pct", "pc"})
_AMPM = lazyre.compile(r"[ \u00a0]?[ap]\.?[ \u00a0]?m\.?(?![\p{L}])", regex.IGNORECASE)
_PERCENT_FIRST = frozenset(w.split()[0] for w in _PERCENT_WORDS if " " in w)
_TIME_WORDS = frozenset({"am", "a.m", "pm", "p.m", "uhr", "h", "hrs", "horas", "heures", "ore", "ч", "saat", "น",
                         "giờ", "godz"})


def _two_words(text: str, pos: int, w1f: str) -> str:
    m = _NEXT_WORD.match(text, pos)
    return f"{w1f} {m.group(1).casefold().rstrip('.')}" if m and text[pos:pos + 1] in _SPACE_SEPS else ""


def _scale_after(text: str, w1: str, w1_end: int, lang, currency: bool, glued: bool):
    """(scale, end) when the word after a number is a scale word (million, Mrd., млн, lakh)."""
    wf = w1.casefold()
    sv = None
    for cand, end in ((wf, w1_end), (wf.rstrip("."), w1_end - (1 if wf.endswith(".") else 0))):
        if cand in _SCALES:
            if cand in _CURRENCY_ONLY and not currency:
                return None, 0
            if cand == "m" and not glued:
                return None, 0
            if cand == "mil" and lang not in (None, "es", "pt", "ca", "gl"):
                return None, 0
            if cand == "bin" and lang not in (None, "tr", "az"):
                return None, 0
            if cand in ("mila", "mille", "tausend") and glued:
                return None, 0
            sv = scale_value(cand, lang)
            if sv == 1e3 and cand in ("mil",):
                m2 = _NEXT_WORD.match(text, end)
                if m2 and m2.group(1).casefold().rstrip(".") in ("millones", "millón", "milhões", "milhão"):
                    return 1e9, m2.end(1)
            return sv, end
    return None, 0
