"""Scale words (million, millones, Billion, 万, crore) and their values, per language.

Part of ``audit.lang.numbers`` (see the package docstring)."""
from __future__ import annotations

from audit.core import lazyre
from audit.lang.profiles import profile, scale_words_everywhere

# word (casefolded) -> value, from every language profile's [numbers.scale_words] (data files
# under audit/lang/data/profiles); language-specific readings of "billion" are resolved below.
_SCALES = scale_words_everywhere()
SCALE_WORDS = _SCALES  # public: the aligner anchors numbers by value with it
# In languages whose profile has ``long_scale`` (de, fr, es...), "billion" and its cognates are 10^12.
_BILLION_WORDS = {"billion", "billions", "billionen", "billón", "billones", "bilione", "bilioni", "bilion",
                  "biliony", "bilionów"}
# Abbreviations that are scales only right after a currency amount (else metre, kilo...).
_CURRENCY_ONLY = {"m", "k", "md", "mds", "bn", "tn"}
_CJK_SCALE_CHARS = "万萬亿億兆千百만억조천백憶"
_CJK_SMALL = {"千": 1e3, "百": 1e2, "천": 1e3, "백": 1e2}
# 憶 after digits is a common input-method slip for 億
_CJK_BIG = {"万": 1e4, "萬": 1e4, "亿": 1e8, "億": 1e8, "憶": 1e8, "兆": 1e12, "만": 1e4, "억": 1e8, "조": 1e12}

def _is_cjk(word: str) -> bool:
    return all(ch in _CJK_SCALE_CHARS for ch in word)


CJK_SCALE_RE = lazyre.compile(r"\s?[多余餘几幾]?([" + _CJK_SCALE_CHARS + r"]{1,2})")


def scale_value(word: str, lang: str | None) -> float | None:
    w = word.casefold()
    value = _SCALES.get(w)
    if value is None:
        # CJK sequences: 千万 = 1e7, 万亿 = 1e12
        if _is_cjk(word):
            value = 1.0
            for ch in word:
                v = _CJK_SMALL.get(ch) or _CJK_BIG[ch]
                value *= v
            return value
        return None
    if w in _BILLION_WORDS and profile(lang).long_scale:
        return 1e12
    if w == "billion" and lang is None:
        return 1e9
    return value
