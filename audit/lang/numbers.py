"""Numbers by value: a locale-aware parser shared by the NUM and UNI checks.

``parse_numbers(view)`` finds every number written with digits in one side of a pair and
returns ``Num`` items with exact spans and *keys*: the values the number may stand for.
Keys are what matching compares; a number may have several because text is ambiguous:

- grouping and decimal symbols come from CLDR through Babel (``1.000`` is 1000 in es/de and
  1.0 in en): the locale's reading is a strong key, the other reading a weak one;
- digits of every script (Arabic-Indic, Persian, Devanagari, full-width, Thai...) count;
- scale words multiply (``21,7 millones`` = 21.7e6, ``1100万`` = 1.1e7, ``3 crore`` = 3e7,
  German ``Billion`` = 1e12): the scaled value is strong, the bare mantissa weak;
- times (``14:30`` ~ ``2:30 p.m.``), decades (``1990s`` ~ ``90er``), ordinals, percentages;
- numbers glued to Latin/Cyrillic/Greek letters (``G7``, ``MP3``, ``COVID-19``, ``3D``) are
  names: they can match but are never reported missing or added.

Numbers spelled out in words (three, tres, drei, три, 三...) and month names are not items:
``spelled_values(view)`` and ``month_values(view)`` give the values they stand for, used to
explain a digit on the other side rather than to flag anything.

Everything here is computed once per view through ``view.memo(...)``.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import regex

from audit.lang import cldr
from audit.lang.profiles import known_languages, profile, raw_fields, scale_words_everywhere

# ---------------------------------------------------------------------------------------------
# Digits of every script


class _DigitTable(dict):
    """``str.translate`` table mapping any Unicode decimal digit to its ASCII digit."""

    def __missing__(self, code: int):
        ch = chr(code)
        d = unicodedata.decimal(ch, None)
        value = str(d) if d is not None else None
        self[code] = value if value is not None else code
        return self[code]


_DIGITS = _DigitTable()


def ascii_digits(text: str) -> str:
    return text.translate(_DIGITS)


HAS_DIGIT = regex.compile(r"\p{Nd}")

# A run of digits with inner separators. Spaces (ASCII, NBSP, narrow NBSP, thin) only join a
# following group of exactly three digits; colons and slashes join times and dates.
_SPACE_SEPS = " \u00a0\u202f\u2009"
NUM_RE = regex.compile(
    r"\p{Nd}+(?:(?:[.,'’٫٬،:/]|[ \u00a0\u202f\u2009](?=\p{Nd}{3}(?!\p{Nd})))\p{Nd}+)*"
)
NUM_NOSPACE_RE = regex.compile(r"\p{Nd}+(?:[.,'’٫٬،:/]\p{Nd}+)*")
NUM_NOCOLON_RE = regex.compile(r"\p{Nd}+(?:[.,'’٫٬،]\p{Nd}+)*")
_DECIMAL_PIECE = regex.compile(r"\p{Nd}[.,٫]\p{Nd}")
_SPACE_GROUPS = regex.compile(r"\p{Nd}{1,3}(?:[ \u00a0\u202f\u2009]\p{Nd}{3})+(?:[.,٫]\p{Nd}+)?")
_SEP_SPLIT = regex.compile(r"([^\p{Nd}])")
_ALPHA_SCRIPTS = regex.compile(r"[\p{Latin}\p{Cyrillic}\p{Greek}]")


def _key(v: float) -> float:
    """A value normalised for comparison (absorbs float noise such as 21.7 * 1e6)."""
    if isinstance(v, int):
        return float(v)
    if v.is_integer() and abs(v) < 1e15:
        return v
    return float(f"{v:.14g}")


# ---------------------------------------------------------------------------------------------
# Locale symbols (CLDR through Babel)

@lru_cache(maxsize=256)
def locale_symbols(lang: str | None) -> tuple[str, str]:
    """(decimal symbol, group symbol) of a language (shipped CLDR data), '.' and ',' when unknown."""
    return cldr.number_symbols(lang) or (".", ",")


_DECIMALISH = {".", ",", "٫", "٬", "،"}
_GROUPISH = {".", ",", "'", "’", "٬", "،", " ", "\u00a0", "\u202f", "\u2009"}


def _readings(groups: list[str], seps: list[str], lang: str | None) -> list[float]:
    """Values a digit run with separators can stand for, the locale's reading first."""
    readings: list[tuple[int, float]] = []
    dec, grp = locale_symbols(lang)
    # Reading A: every separator groups thousands.
    if (len(set(seps)) == 1 and seps[0] in _GROUPISH and len(groups[0]) <= 3
            and all(len(g) == 3 for g in groups[1:])):
        prefer = 0 if (seps[0] == grp or seps[0] in "'’٬،" or seps[0] in _SPACE_SEPS
                       or (grp in _SPACE_SEPS and seps[0] in _SPACE_SEPS) or len(seps) > 1) else 1
        readings.append((prefer, float("".join(groups))))
    # Indian grouping: 12,34,567 (lakh and crore)
    elif (len(set(seps)) == 1 and seps[0] in ",٬" and len(groups) >= 3 and len(groups[0]) <= 2
            and all(len(g) == 2 for g in groups[1:-1]) and len(groups[-1]) == 3):
        readings.append((0, float("".join(groups))))
    # Reading B: the last separator is the decimal mark, the others group thousands.
    last, others = seps[-1], seps[:-1]
    if last in _DECIMALISH and last not in others:
        ok = True
        if others:
            mid = groups[1:-1]
            indian = (len(mid) >= 2 and len(groups[0]) <= 2 and all(len(g) == 2 for g in mid[:-1])
                      and len(mid[-1]) == 3)
            if len(set(others)) != 1 or others[0] not in _GROUPISH or (len(groups[0]) > 3 and not indian):
                ok = False
            elif not (all(len(g) == 3 for g in mid) or indian):
                ok = False
        if ok:
            prefer = 0 if (last == dec or last == "٫" or others) and last not in "٬،" else 1
            readings.append((prefer, float("".join(groups[:-1]) + "." + groups[-1])))
    readings.sort(key=lambda r: r[0])
    return [v for _, v in readings]


# ---------------------------------------------------------------------------------------------
# Scale words

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


CJK_SCALE_RE = regex.compile(r"\s?[多余餘几幾]?([" + _CJK_SCALE_CHARS + r"]{1,2})")


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


# ---------------------------------------------------------------------------------------------
# Context words around a number


_ORDINAL_SUFFIX = regex.compile(
    r"(?:st|nd|rd|th|º|ª|°|\.º|\.ª|er|re|e|ème|eme|ème|ᵉ|ᵉʳ|o|a|os|as|°|-?й|-?я|-?е|-?го|-?му|-?м|-?ю|"
    r"-?ий|-?ый|-?ой|-?ая|-?ое|-?ого|-?ому|-?ом|-?ей|inci|ıncı|uncu|üncü|ncı|nci|ncü|ncu|\.)"
    r"(?![\p{L}\p{M}\p{N}])", regex.IGNORECASE)
_DECADE_AFTER = regex.compile(r"(?:'?s|’s|er|-?х|-?e|-?es|\s?年代|\s?년대)(?![\p{L}\p{M}\p{N}])")
_CENTURY_AFTER = regex.compile(r"\s?(?:世纪|世紀|세기)")
_TIME_AFTER = regex.compile(
    r"[ \u00a0\u202f]?(?:(a\.?m\.?|p\.?m\.?|uhr|h|hrs|horas|heures|ore|ч\.?|น\.|saat)(?![\p{L}])|(時|点|點|시)(?!間|간))",
    regex.IGNORECASE)
_CJK_AFTER_ORD = regex.compile(r"\s?(?:번째|째|番目|回目)")


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


_NEXT_WORD = regex.compile(r"[ \u00a0\u202f\u2009\-]?([\p{L}\p{M}]+\.?)")
_ORD_GLUED = regex.compile(r"[\p{L}º°ª\-.]")
_PERCENT_WORDS = frozenset({
    "percent", "per cent", "por ciento", "pour cent", "prozent", "per cento", "por cento", "procent", "procentów",
    "procenty", "procentach", "процент", "процента", "процентов", "процентах", "відсоток", "відсотки", "відсотків",
    "yüzde", "प्रतिशत", "درصد", "بالمئة", "بالمائة", "في المئة", "في المائة", "퍼센트", "パーセント", "phần trăm",
    "เปอร์เซ็นต์", "אחוז", "אחוזים", "pct", "pc"})
_AMPM = regex.compile(r"[ \u00a0]?[ap]\.?[ \u00a0]?m\.?(?![\p{L}])", regex.IGNORECASE)
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


@dataclass(slots=True)
class Num:
    """A number found in one side of a pair.

    ``start``/``end`` cover the digits (and a glued scale word or ordinal suffix);
    ``keys`` are the values it stands for under the locale's reading, ``weak`` the values of
    other plausible readings; ``optional`` numbers (names, ids inside words) are never
    reported missing or added; ``parts`` are the numbers of a composite (time, date, space
    grouped digits) to try one by one when the whole does not match.
    """

    start: int
    end: int
    text: str
    value: float
    keys: frozenset
    weak: frozenset = frozenset()
    kind: str = "number"  # number, percent, ordinal, year, decade, time, date, name, id, month, day
    scale: float = 1.0
    optional: bool = False
    parts: tuple["Num", ...] = ()
    num_end: int = 0  # end of the digits themselves (before a scale word)
    currency: bool = False

    @property
    def all_keys(self) -> frozenset:
        return self.keys | self.weak


@lru_cache(maxsize=4096)
def _alphabetic(ch: str) -> bool:
    """A letter of a cased alphabet (Latin, Cyrillic, Greek): glued to digits it makes a name."""
    return bool(_ALPHA_SCRIPTS.match(ch))


def _parse_token(text: str, m, lang: str | None) -> Num | None:
    start, end = m.span()
    raw = m.group()
    asc = raw if raw.isascii() else ascii_digits(raw)
    if asc.isdigit():
        groups, seps = [asc], []
    else:
        pieces = _SEP_SPLIT.split(asc)
        groups, seps = pieces[0::2], pieces[1::2]
    after = text[end:end + 24]
    prev_ch = text[start - 1] if start else ""
    name = False
    # A number glued to alphabetic letters (G7, MP3, A380, COVID-19, F-16) is a name.
    if prev_ch and prev_ch.isalpha() and _alphabetic(prev_ch):
        name = True
    elif prev_ch == "-" and start >= 2 and _alphabetic(text[start - 2]):
        name = True
    kind = "number"
    keys: set = set()
    weak: set = set()
    value = 0.0
    parts: tuple[Num, ...] = ()

    if ":" in seps:
        if len(groups) in (2, 3) and all(s == ":" for s in seps) and len(groups[1]) == 2 \
                and int(groups[0]) <= 24 and int(groups[1]) < 60:
            h, mi = int(groups[0]), int(groups[1])
            kind = "time"
            value = h + mi / 100
            keys = {("t", (h * 60 + mi) % 720)}
            weak = {("h", h % 12)}
        parts = _split_parts(m, raw)
        if kind != "time":
            return _composite(start, end, raw, parts, name)
    elif "/" in seps or (len(seps) >= 2 and len(set(seps)) == 1 and seps[0] in ".-"
                         and not all(len(g) == 3 for g in groups[1:])):
        # dates (24.11.2024, 11/05/2024), fractions, versions: compare the whole string or the parts
        parts = _split_parts(m, raw)
        return _composite(start, end, raw, parts, name, kind="date")
    elif seps:
        values = _readings(groups, seps, lang)
        if not values:
            parts = _split_parts(m, raw)
            return _composite(start, end, raw, parts, name)
        value = values[0]
        keys = {_key(values[0])}
        weak = {_key(v) for v in values[1:]}
        if len(values) == 1 and seps == [","] and locale_symbols(lang)[0] != "," and len(groups[1]) != 3:
            parts = _split_parts(m, raw)  # "1,1" in an English or Chinese text may be a list
        if len(groups) == 2 and seps[0] in ".," and len(groups[1]) == 2 and int(groups[0]) <= 24 \
                and int(groups[1]) < 60:
            weak.add(("t", (int(groups[0]) * 60 + int(groups[1])) % 720))
        if any(s in _SPACE_SEPS for s in seps):
            # "2 300" may be two numbers in a text that does not group with spaces
            parts = _split_parts(m, raw)
        if len(groups) == 2 and seps[0] in ".h" and len(groups[1]) == 2 and _TIME_AFTER.match(after):
            h, mi = int(groups[0]), int(groups[1])
            if h <= 24 and mi < 60:
                keys.add(("t", (h * 60 + mi) % 720))
                weak.add(("h", h % 12))
                parts = _split_parts(m, raw)
                kind = "time"
    else:
        value = float(asc)
        keys = {_key(value)}
        if prev_ch in ".," and (start < 2 or text[start - 2] in " (\u00a0$€£"):
            weak.add(_key(float("0." + asc)))  # .5 = 0,5
        if len(asc) > 1 and asc[0] == "0":
            kind = "id"
            keys.add(("s", asc))
            keys.add(("d", asc))

    if text[end:end + 1] in _VULGAR and text[end:end + 1] and not seps:
        # 1½ = 1.5, 2¼ = 2.25
        value += unicodedata.numeric(text[end])
        keys = {_key(value)}
        end += 1
    num_end = end
    scale = 1.0
    bm = _before_info(text, start) if start else None
    currency = bm == "cur"
    nxt = text[end:end + 1]
    w1 = w1_end = None
    if nxt and not name and kind != "time":
        # the word after the number (space-separated or glued), looked up in the scale table
        if nxt in _CJK_SCALE_CHARS or nxt in "多余餘几幾" or (nxt == " " and text[end + 1:end + 2] in _CJK_SCALE_CHARS
                                                         and text[end + 1:end + 2] != ""):
            cm = CJK_SCALE_RE.match(text, end)
            if cm and cm.group(1) != "百":
                sv = scale_value(cm.group(1), lang)
                if sv:
                    scale, end = sv, cm.end()
        if scale == 1.0 and (wm := _NEXT_WORD.match(text, end)):
            w1, w1_end = wm.group(1), wm.end(1)
            sv, send = _scale_after(text, w1, w1_end, lang, currency, glued=wm.start(1) == end)
            if sv:
                scale, end = sv, send
    if scale != 1.0:
        parts = ()
        weak.update(k for k in keys if not isinstance(k, tuple))
        keys = {_key(value * scale)} | {k for k in keys if isinstance(k, tuple)}
        kind = "number"
        name = False
        nxt = text[end:end + 1]
        wm = _NEXT_WORD.match(text, end)
        w1, w1_end = (wm.group(1), wm.end(1)) if wm else (None, None)
    if kind in ("number", "id") and not name:
        w1f = w1.casefold().rstrip(".") if w1 else ""
        glued = bool(w1) and text[end:end + 1] not in _SPACE_SEPS
        if (nxt and (nxt in "%٪‰" or (nxt in _SPACE_SEPS and text[end + 1:end + 2] in ("%", "٪", "‰")))) or (w1 and not glued and (w1f in _PERCENT_WORDS or (w1f in _PERCENT_FIRST and _two_words(text, w1_end, w1f) in _PERCENT_WORDS))) \
                or bm == "pct":
            kind = "percent"
        elif nxt and nxt in "月월" and value <= 12 and not seps:
            kind = "month"
        elif nxt and nxt in "年년" and not seps:
            kind = "year"
        elif nxt and nxt in "日일号號" and value <= 31 and not seps:
            kind = "day"
        elif value <= 24 and not seps and (w1f in _TIME_WORDS or (nxt and nxt in "時点點시" and text[end + 1:end + 2] not in "間간")
                                           or (w1f in ("a", "p") and (ampm := _AMPM.match(text, end)))):
            h = int(value)
            if (w1f.replace(".", "") == "pm" and h < 12) or bm == "pm" or (w1f == "p" and h < 12):
                weak.add(_key(h + 12))
            mins = 30 if text[end + 1:end + 2] == "半" and nxt in "時点點" else 0  # 5時半 = 5:30
            keys.add(("t", (h * 60 + mins) % 720))
            weak.add(("h", h % 12))
            kind = "time"
        elif bm == "ord" or (nxt and nxt in " 世세" and _CENTURY_AFTER.match(text, end)) \
                or (nxt and nxt in "번째番回" and _CJK_AFTER_ORD.match(text, end)):
            kind = "ordinal"
        elif not seps and value % 10 == 0 and value >= 10 and nxt and \
                (nxt not in _SPACE_SEPS or text[end + 1:end + 2] in ("年", "년")) and \
                (dm := _DECADE_AFTER.match(text, end)) and \
                (value >= 1000 or dm.group().lstrip("-'’ ") in ("s", "er", "х", "年代", "년대")):
            kind = "decade"
            end += dm.end() - dm.start() if dm.group().strip("-") in ("s", "'s", "’s", "er") else 0
        elif not seps and bm == "dec" and value % 10 == 0:
            kind = "decade"
        elif not seps and nxt and nxt not in _SPACE_SEPS and (om := _ORDINAL_SUFFIX.match(text, end)):
            suf = om.group().lstrip("-").casefold()
            if suf == ".":
                pass  # "3." is a German ordinal or a sentence end: leave it a number
            elif suf in ("o", "a", "os", "as", "e") and lang not in ("it", "pt", "es", "fr", None):
                pass
            elif suf in ("er", "re", "e", "ème", "eme") and lang not in ("fr", None) and not (suf == "er" and lang == "de"):
                pass
            else:
                kind = "ordinal"
                if _ORD_GLUED.match(nxt):
                    end = om.end()
        if kind == "number" and not seps and 1000 <= value <= 2100 and len(asc) == 4 and scale == 1.0 \
                and not currency:
            kind = "year"
        if lang == "th" and not seps and 2400 <= value <= 2700 and len(asc) == 4:
            kind = "year"
            weak.add(_key(value - 543))  # Buddhist era: 2561 = 2018
        if kind == "decade":
            v = int(value)
            if v < 100:
                weak.update({_key(1900 + v), _key(2000 + v)})
            else:
                weak.add(_key(v % 100))
    # glued letters that are not a unit, scale, suffix: a name (3D, 4G, 5G)
    if not name and kind == "number" and scale == 1.0 and end == num_end:
        nxt = text[end:end + 1]
        if nxt and _ALPHA_SCRIPTS.match(nxt):
            from audit.lang.units import unit_at  # local: units imports this module

            if unit_at(text, end, lang) is None and not _TIME_AFTER.match(text, end) \
                    and not regex.match(r"[xX×](?![\p{L}])", nxt):
                name = True
    if name and not seps and len(asc) == 2:
        weak.update({_key(1900 + value), _key(2000 + value)})
    if kind != "time":
        # the digits as written: a strong key, except under a scale (2 billion vs 2 Billionen)
        (keys if scale == 1.0 else weak).add(("s", asc))
    num = Num(start, end, text[start:end], value, frozenset(keys),
              frozenset(weak), kind=kind if not name else "name", scale=scale, optional=name,
              parts=parts, num_end=num_end, currency=currency)
    return num


def _split_parts(m, raw: str) -> tuple[Num, ...]:
    out = []
    base = m.start()
    for pm in regex.finditer(r"\p{Nd}+", raw):
        asc = ascii_digits(pm.group())
        v = float(asc)
        keys = {_key(v)}
        if len(asc) > 1 and asc[0] == "0":
            keys.add(("s", asc))
        out.append(Num(base + pm.start(), base + pm.end(), pm.group(), v, frozenset(keys),
                       kind="part", num_end=base + pm.end(), optional=v == 0))
    return tuple(out)


def _composite(start, end, raw, parts, name, kind="composite") -> Num:
    asc = ascii_digits(raw)
    digits = "".join(ch for ch in asc if ch.isdigit())
    return Num(start, end, raw, parts[0].value if parts else 0.0, frozenset({("s", asc), ("d", digits)}),
               kind="name" if name else kind, optional=name, parts=parts, num_end=end)


_RANGE_BETWEEN = regex.compile(
    r"[ \u00a0]?(?:[-–—~～〜]|to|a|y|e|et|und|bis|à|i|do|до|или|ou|or|o|hasta|al|至|到|から|đến)[ \u00a0]?",
    regex.IGNORECASE)
_VULGAR = "½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞"
_H_BETWEEN = regex.compile(r"[ \u00a0\u202f]?(?:h|giờ|時|时|点|點|시|uhr|Uhr|ч\.?)[ \u00a0\u202f]?")


def _cjk_part(n: Num) -> tuple[float, float, float]:
    """(digits, small multiplier, big multiplier) of a number with CJK scale characters."""
    small = big = 1.0
    i = len(n.text)
    while i and n.text[i - 1] in _CJK_SCALE_CHARS:
        i -= 1
    for ch in n.text[i:]:
        if ch in _CJK_SMALL:
            small *= _CJK_SMALL[ch]
        else:
            big *= _CJK_BIG[ch]
    return n.value, small, big


def _cjk_total(run) -> float:
    total = section = 0.0
    for v, small, big in run:
        section += v * small
        if big > 1:
            total += section * big
            section = 0.0
    return total + section


def _matches(text: str):
    """Digit runs; a run grouped by spaces only counts as one number when every group after the
    first has three digits and the first at most three (``1 000 000``, not ``2019 300``)."""
    for m in NUM_RE.finditer(text):
        raw = m.group()
        if (" " in raw or "\u00a0" in raw or "\u202f" in raw or "\u2009" in raw) \
                and not _SPACE_GROUPS.fullmatch(raw):
            yield from NUM_NOSPACE_RE.finditer(text, m.start(), m.end())
        elif (":" in raw or "/" in raw) and _DECIMAL_PIECE.search(raw):
            # a score or ratio of decimals: 16,5:10,5
            yield from NUM_NOCOLON_RE.finditer(text, m.start(), m.end())
        else:
            yield m


def parse_numbers(view) -> tuple[Num, ...]:
    """Every number written with digits in ``view.text``, in order (use ``view.memo``).

    Results are cached by text and language: a corpus repeats segments (and one source
    is often checked against several translations). The ``Num`` items are shared: read only."""
    text = view.text
    if not text or not HAS_DIGIT.search(text):
        return ()
    return _parse_cached(text, view.lang)


@lru_cache(maxsize=8192)
def _parse_cached(text: str, lang: str | None) -> tuple[Num, ...]:
    out: list[Num] = []
    runs: dict[int, list] = {}
    for m in _matches(text):
        n = _parse_token(text, m, lang)
        if n is None:
            continue
        prev = out[-1] if out else None
        # 1億2,500万 = 125,000,000; 37万5,000 = 375,000; 1 万 6 千 = 16,000
        # 1億2,500万 = 125,000,000; 1억 4천 2백만 = 142,000,000: a run of CJK scaled groups
        if (prev is not None and prev.text[-1:] in _CJK_SCALE_CHARS and (prev.scale > 1.0 or id(prev) in runs)
                and n.start - prev.end <= 1 and text[prev.end:n.start].strip() == ""
                and n.kind in ("number", "id") and "," not in text[prev.end:n.start]):
            run = runs.get(id(prev)) or [_cjk_part(prev)]
            run.append(_cjk_part(n))
            total = _cjk_total(run)
            merged = Num(prev.start, n.end, text[prev.start:n.end], total, frozenset({_key(total)}),
                         num_end=n.end, currency=prev.currency, scale=n.scale if n.scale > 1.0 else 1.0)
            merged.value, merged.scale = total, 1.0
            runs[id(merged)] = run
            out[-1] = merged
            continue
        # phone numbers and ids: 0800 555 111, +44 20 7946 0958 -> one id compared by its digits
        if (prev is not None and (prev.kind == "id" or text[max(0, prev.start - 1):prev.start] == "+"
                                  or (prev.kind == "phone"))
                and text[prev.end:n.start] in (" ", "-", ".", "\u00a0") and n.kind in ("number", "id", "year")
                and not n.scale != 1.0 and prev.scale == 1.0):
            digits = "".join(ch for ch in ascii_digits(text[prev.start:n.end]) if ch.isdigit())
            parts = (prev.parts or (prev,)) + (n,)
            out[-1] = Num(prev.start, n.end, text[prev.start:n.end], prev.value, frozenset({("d", digits)}),
                          kind="phone", parts=parts, num_end=n.end)
            continue
        # 19 h 00, 17 giờ 30, 5時30分, 7시 55분, 14 Uhr 30
        if (prev is not None and prev.kind == "time" and len(n.text) <= 2 and n.value < 60
                and _H_BETWEEN.fullmatch(text[prev.end:n.start])
                and (len(n.text) == 2 or text[prev.end:n.start].strip() not in ("h", ""))):
            h = int(prev.value)
            mins = h * 60 + int(n.value)
            out[-1] = Num(prev.start, n.end, text[prev.start:n.end], h + n.value / 100,
                          frozenset({("t", mins % 720)}), frozenset({("h", h % 12), _key(h)}), kind="time",
                          parts=(prev, n), num_end=n.end)
            continue
        # 3 to 5 million, 2-3 Milliarden: the first number of a range may share the second's scale
        if (prev is not None and prev.scale == 1.0 and n.scale > 1.0 and prev.kind == "number"
                and _RANGE_BETWEEN.fullmatch(text[prev.end:n.start])):
            prev.weak = prev.weak | {_key(prev.value * n.scale)}
        # 1950-53: a two-digit year after a four-digit one
        if (prev is not None and prev.kind == "year" and len(n.text) == 2 and n.kind in ("number", "year")
                and text[prev.end:n.start] in ("-", "–", "/")):
            century = int(prev.value) // 100 * 100
            n.weak = n.weak | {_key(century + n.value)}
        out.append(n)
    return tuple(out)


def parse_text(text: str, lang: str | None) -> list[Num]:
    """``parse_numbers`` on a bare string (for tests and the library API)."""

    class _V:
        pass

    v = _V()
    v.text, v.lang = text, lang
    return list(parse_numbers(v))


# ---------------------------------------------------------------------------------------------
# Numbers spelled out in words, and month names: values that explain a digit on the other side


def _by_language(field: str) -> dict[str, dict[str, float]]:
    """A number-word table of every language profile that has one (base languages only)."""
    out = {}
    for code in known_languages():
        table = getattr(profile(code), field)
        if table and "-" not in code:
            out[code] = dict(table)
    return out


# Numbers spelled out in words, per language (casefolded), from the profiles' [numbers] tables:
# exact words (articles that mean "one" are included: a translator may write "1" for "a"/"un"/
# "ein", and explaining too much only keeps the checks quiet), and stems matched at the start of
# a word (inflected languages; longest first).
_SPELLED: dict[str, dict[str, float]] = _by_language("number_words")
_STEMS: dict[str, dict[str, float]] = _by_language("number_stems")
# Prefixes (conjunctions, prepositions, articles) glued to the word in Semitic scripts.
_PREFIX_RE = {
    "ar": regex.compile(r"^(?:و|ف)?(?:ب|ل|ك)?(?:ال)?"),
    "he": regex.compile(r"^(?:ו)?(?:ש)?(?:ב|ל|מ|כ)?(?:ה)?"),
    "fa": regex.compile(r"^(?:ب)?"),
}
_CONNECTORS = {"and", "y", "e", "et", "und", "и", "і", "i", "ve", "و", "a"}
_CJK_NUMERALS = {"〇": 0, "零": 0, "一": 1, "壹": 1, "二": 2, "两": 2, "兩": 2, "贰": 2, "三": 3, "叁": 3,
                 "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10, "百": 100, "千": 1000,
                 "万": 10000, "萬": 10000, "亿": 1e8, "億": 1e8, "半": 0.5, "首": 1, "双": 2, "雙": 2, "俩": 2, "倆": 2}
_CJK_NUM_RE = regex.compile(r"[〇零一壹二两兩贰三叁四五六七八九十百千万萬亿億半首双雙俩倆]+")
_DE_SUFFIXES = ("fach", "mal", "jähr", "tägig", "stünd", "wöch", "monat", "köpf", "stell", "teil", "seit",
                "stöck", "prozent", "minüt", "sekünd", "kilo", "meter", "hundert", "tausend", "ein")
_GERMAN_COMPOUND = regex.compile(r"^(\w+?)und(\w+zig|dreißig)$")
_WORD_SPLIT = regex.compile(r"[\-‐]")


def _cjk_value(run: str) -> list[float]:
    """Values of a run of Chinese/Japanese numerals: 三 -> 3, 二十五 -> 25, 三千万 -> 3e7."""
    vals = [float(_CJK_NUMERALS[ch]) for ch in run]
    out = set(vals)
    total, section, cur = 0.0, 0.0, 0.0
    for v in vals:
        if v in (10, 100, 1000):
            section += (cur or 1) * v
            cur = 0
        elif v >= 1e4:
            total += (section + cur or 1) * v
            section = cur = 0
        elif v == 0.5:
            cur += 0.5
        else:
            cur = cur * 10 + v if cur and cur < 10 else v
    out.add(total + section + cur)
    return list(out)


_CJK_TENTHS_RE = regex.compile(r"([一二两三四五六七八九])成")
_CJK_DAY_RE = regex.compile(r"一昼夜|一晝夜|一天|一整天|整整一天|丸一日|一日中")
_ROMAN_RE = regex.compile(r"(?<![\p{L}])(?=[MDCLXVI]{2,}(?![\p{L}]))M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})(?![\p{L}])")
_ROMAN = {"M": 1000, "D": 500, "C": 100, "L": 50, "X": 10, "V": 5, "I": 1}


def _roman(s: str) -> int:
    total = 0
    for a, b in zip(s, s[1:] + " "):
        v = _ROMAN[a]
        total += -v if b != " " and _ROMAN[b] > v else v
    return total


def _combine(seq: list[float]) -> float:
    """Value of a sequence of number words: [3, 100, 20, 5] -> 325, [1000, 500, 1e6] -> 1.5e9."""
    total, current, small = 0.0, 0.0, 0.0
    for v in seq:
        if v >= 1e6:
            total += ((current + small) or 1) * v
            current = small = 0.0
        elif v == 1000:
            current += (small or 1) * 1000
            small = 0.0
        elif v == 100:
            small = (small or 1) * 100
        else:
            small += v
    return total + current + small


def _italian_numbers() -> dict[str, float]:
    """Italian cardinals 1-99 as single words (ventitré, trentuno, ottantotto)."""
    units = ["", "uno", "due", "tre", "quattro", "cinque", "sei", "sette", "otto", "nove"]
    teens = ["dieci", "undici", "dodici", "tredici", "quattordici", "quindici", "sedici", "diciassette",
             "diciotto", "diciannove"]
    tens = {20: "venti", 30: "trenta", 40: "quaranta", 50: "cinquanta", 60: "sessanta", 70: "settanta",
            80: "ottanta", 90: "novanta"}
    out = {w: float(i) for i, w in enumerate(units) if w}
    out.update({w: float(10 + i) for i, w in enumerate(teens)})
    for t, tw in tens.items():
        out[tw] = float(t)
        for u in range(1, 10):
            stem = tw[:-1] if u in (1, 8) else tw
            out[stem + units[u]] = float(t + u)
    out["ventitré"], out["trentatré"] = 23.0, 33.0
    return out


_IT_NUMBERS = _italian_numbers()
_IT_SUFFIX = regex.compile(r"(?:enne|enni|esimo|esima|esimi|esime)$")


def _italian_value(w: str) -> float | None:
    """tredicenne (13-year-old), ventinovenne, dodicesima (12th), trentunenne."""
    m = _IT_SUFFIX.search(w)
    if not m:
        return None
    stem = w[:m.start()]
    for cand in (stem, stem + "i", stem + "e", stem + "o", stem + "a", stem + "é"):
        v = _IT_NUMBERS.get(cand)
        if v is not None:
            return v
    return None


def _word_value(w: str, lang: str | None) -> float | None:
    exact = _SPELLED.get(lang or "", {})
    v = exact.get(w)
    if v is not None:
        return v
    if lang == "it":
        v = _IT_NUMBERS.get(w) or (_italian_value(w) if len(w) > 6 else None)
        if v is not None:
            return v
    stems = _STEMS.get(lang or "")
    if stems:
        pre = _PREFIX_RE.get(lang)
        cands = [w]
        if pre:
            m = pre.match(w)
            if m and m.end():
                cands.append(w[m.end():])
        for c in cands:
            for n in range(min(len(c), 12), 1, -1):
                v = stems.get(c[:n])
                if v is not None and (n >= 3 or n == len(c)):
                    # czterdziestodwuletni = 40 + 2, двадцатипятилетний = 20 + 5
                    if v >= 20 and v % 10 == 0 and v < 100 and len(c) - n >= 3:
                        rest = c[n:].lstrip("oиіyеe")
                        for k in range(min(len(rest), 10), 2, -1):
                            u = stems.get(rest[:k])
                            if u is not None and 1 <= u <= 9:
                                return v + u
                    return v
    if lang == "de":
        # zehnfach, zehnmal, dreijährig, zweistündig: a number word glued to a suffix
        for n in range(min(len(w) - 2, 9), 2, -1):
            v = exact.get(w[:n])
            if v is not None and v >= 2 and w[n:].startswith(_DE_SUFFIXES):
                return v
        m = _GERMAN_COMPOUND.match(w)
        if m:
            a, b = exact.get(m.group(1)), exact.get(m.group(2))
            if a is not None and b is not None:
                return a + b
        for suffix, mult in (("hundert", 100), ("tausend", 1000)):
            if w.endswith(suffix) and w != suffix:
                a = _word_value(w[: -len(suffix)], lang)
                if a is not None:
                    return a * mult
    if len(w) >= 3 and w not in _CURRENCY_ONLY and not w.endswith("."):
        return scale_value(w, lang) if w in _SCALES else None
    return None


_TOKEN_RE = regex.compile(r"[\p{L}\p{M}]+(?:['’\-‐][\p{L}\p{M}]+)*")


@lru_cache(maxsize=64)
def _prefixes(lang: str | None) -> tuple[frozenset, frozenset]:
    """First three letters of every number word of a language, and its words shorter than three."""
    words = set(_SPELLED.get(lang or "", {})) | set(_STEMS.get(lang or "", {}))
    if lang == "it":
        words |= set(_IT_NUMBERS)
    words |= {w for w in _SCALES if len(w) >= 3 and not w.endswith(".")}
    return frozenset(w[:3] for w in words if len(w) >= 3), frozenset(w for w in words if len(w) < 3)


def spelled_values(view) -> frozenset:
    """Values of numbers spelled out in words in ``view`` (use ``view.memo``).

    Individual words (``three``, ``drei``, ``три``, ``三``), simple compounds
    (``twenty-five``, ``veinticinco``, ``fünfundzwanzig``, ``二十五``) and sequences
    (``three hundred``); only used to explain a digit on the other side, never flagged.
    """
    if not view.text:
        return frozenset()
    return _spelled_cached(view.text, view.lang)


@lru_cache(maxsize=4096)
def _spelled_cached(text: str, lang: str | None) -> frozenset:
    out: set = set()
    if _CJK_NUM_RE.search(text):
        for m in _CJK_NUM_RE.finditer(text):
            out.update(_key(v) for v in _cjk_value(m.group()))
        for m in _CJK_TENTHS_RE.finditer(text):  # 三成 = 30%
            out.add(_key(_CJK_NUMERALS[m.group(1)] * 10.0))
        if _CJK_DAY_RE.search(text):  # 一天, 一昼夜 ~ 24 hours
            out.add(24.0)
    if lang == "th":
        for w, v in _STEMS["th"].items():
            if w in text:
                out.add(_key(v))
        return frozenset(out)
    if lang not in _SPELLED and lang not in _STEMS:
        return frozenset(out)
    seq: list[float] = []
    prev_end = 0
    low = text.casefold()
    prefixes, short = _prefixes(lang)
    pre_re = _PREFIX_RE.get(lang)
    for tok in _TOKEN_RE.finditer(low):
        w = tok.group()
        if seq and low[prev_end:tok.start()].strip(" -\u00a0"):
            _flush(seq, out)
            seq = []
        prev_end = tok.end()
        if "-" not in w and "‐" not in w:
            # cheap rejection of words that cannot be numbers
            if len(w) < 3:
                if w not in short and w not in _CONNECTORS:
                    _flush(seq, out)
                    seq = []
                    continue
            else:
                core = w
                if pre_re is not None and (pm := pre_re.match(w)) and pm.end() and len(w) - pm.end() >= 2:
                    core = w[pm.end():]
                if w[:3] not in prefixes and core[:3] not in prefixes and core[:2] not in short:
                    _flush(seq, out)
                    seq = []
                    continue
        parts = _WORD_SPLIT.split(w) if "-" in w or "‐" in w else [w]
        vals = [_word_value(p, lang) for p in parts]
        whole = _word_value(w, lang) if len(parts) > 1 else None
        if whole is not None:
            vals = [whole]
        elif len(parts) > 1 and any(v is not None for v in vals):
            # five-times, fifth-floor, twenty-five: the number parts count
            nums = [v for v in vals if v is not None]
            out.update(_key(v) for v in nums)
            if len(nums) > 1:
                out.add(_key(_combine(nums)))
            vals = [None]
        if all(v is not None for v in vals) and vals:
            for v in vals:
                out.add(_key(v))
            seq.extend(vals)  # type: ignore[arg-type]
            continue
        if w in _CONNECTORS and seq:
            continue
        _flush(seq, out)
        seq = []
    _flush(seq, out)
    if 0.5 in out:  # half ~ 2분의 1, 二分の一: the denominator and numerator of a written fraction
        out.update((2.0, 1.0))
    if _ROMAN_RE.search(text):
        out.update(_key(_roman(m.group())) for m in _ROMAN_RE.finditer(text) if m.group())
    return frozenset(out)


def _flush(seq: list[float], out: set) -> None:
    if len(seq) > 1:
        out.add(_key(_combine(seq)))
        for k, v in enumerate(seq):  # three and a half = 3.5, tres y media
            if v == 0.5 and k:
                base = seq[k - 1] if seq[k - 1] != 1 or k < 2 else seq[k - 2]
                out.add(_key(base + 0.5))
        for k, v in enumerate(seq):  # half a million = 500,000
            if v == 0.5:
                rest = [b for b in seq[k + 1:k + 3] if b != 1]
                if rest and rest[0] >= 1000:
                    out.add(_key(0.5 * rest[0]))
        for a, b in zip(seq, seq[1:]):  # two decades = 20, thirty four = 34
            if a >= 2 and b in (10, 12, 100, 1000, 1e6, 1e9):
                out.add(_key(a * b))
            if a >= 20 and a % 10 == 0 and 1 <= b <= 9:
                out.add(_key(a + b))
            if 1 <= a <= 9 and b == 10:  # التاسع عشر, תשעה עשר: unit then ten = a teen
                out.add(_key(a + 10))


@lru_cache(maxsize=64)
def _month_table(lang: str | None) -> tuple[dict[str, int], "regex.Pattern | None"]:
    table: dict[str, int] = {}
    langs = [lang] if lang else []
    if "en" not in langs:
        langs.append("en")  # English month names turn up in every language
    for lg in langs:
        for name, num in cldr.calendar_names(lg, "months"):
            n = name.casefold().rstrip(".")
            if len(n) >= 3 and not n.isdigit() and not HAS_DIGIT.search(n):
                table.setdefault(n, num)
    if "en" in langs:
        table.setdefault("sept", 9)
    if not table:
        return {}, None
    stems = {}
    if lang in _SLAVIC:  # inflected month names: ноябре, листопаді, listopadzie
        for name, num in list(table.items()):
            if len(name) >= 5 and name.isalpha():
                stems.setdefault(name[:-1], num)
        table.update(stems)
    rx = regex.compile(r"(?<![\p{L}\p{M}])(" + "|".join(regex.escape(k) for k in sorted(table, key=len, reverse=True))
                       + r")" + (r"[\p{L}]{0,3}" if stems else "") + r"(?![\p{L}\p{M}])", regex.IGNORECASE)
    return table, rx


_SLAVIC = frozenset({"ru", "uk", "pl", "be", "cs", "sk", "hr", "sr", "sl", "bg"})


def month_values(view) -> frozenset:
    """Month numbers named in words in ``view`` (``November`` / ``noviembre`` / ``ноября`` -> 11)."""
    table, rx = _month_table(view.lang)
    if rx is None or not view.text:
        return frozenset()
    return frozenset(float(table[m.group(1).casefold()]) for m in rx.finditer(view.text))


# ---------------------------------------------------------------------------------------------
# Number words as items: spans of cardinal words, compared with the other side's values

# Words the tables give a value for that do not always count something (``both``, ``a couple``,
# ``second``, ``a decade``): they explain a digit on the other side but are never items.
_LOOSE_WORDS = frozenset({
    "both", "pair", "couple", "double", "twice", "thrice", "triple", "second", "quarter", "decade",
    "decades", "dozen", "dozens", "single", "first", "half",
    "ambos", "ambas", "par", "doble", "segundo", "segunda", "cuarto", "década", "docena", "primero",
    "deux-fois", "tous", "les", "double", "second", "seconde", "quart", "décennie", "douzaine", "premier",
    "beide", "beiden", "paar", "doppelt", "zweite", "zweiten", "viertel", "jahrzehnt", "dutzend", "erste",
    "entrambi", "paio", "doppio", "secondo", "seconda", "quarto", "decennio", "dozzina", "primo",
    "dois-terços", "segundo", "quarto", "dúzia", "primeiro", "bin"})
ITEM_RE = regex.compile(r"[\p{L}\p{M}]+(?:['’\-‐][\p{L}\p{M}]+)*")


@dataclass(frozen=True, slots=True)
class WordNum:
    """A cardinal number spelled out in words: ``start``/``end`` cover the words, ``values`` the
    values they may stand for (the whole and its parts: ``twenty-five`` is 25, 20 and 5)."""

    start: int
    end: int
    text: str
    value: float
    values: frozenset


def word_numbers(view) -> tuple[WordNum, ...]:
    """Cardinal numbers spelled out in words in ``view`` (use ``view.memo``), for the languages
    with an exact number-word table in their profile. Values below 2 (``one``, ``a``, ``half``),
    loose words (``both``, ``second``, ``decade``) and bare scale words (``millions``) are left out."""
    if not view.text or not (_cardinals(view.lang) or view.lang in _ITEM_ENDINGS_LANGS):
        return ()
    return _word_numbers_cached(view.text, view.lang)


# Languages whose number words are also common other words (Vietnamese ``năm`` five / year,
# ``ba`` three / father; Hindi ``दो`` two / give): their words only explain, never count as items.
_NO_ITEMS = frozenset({"vi", "th", "hi", "zh", "ja", "ko", "yue", "wuu"})


@lru_cache(maxsize=64)
def _cardinals(lang: str | None) -> dict[str, float]:
    """Cardinal number words of a language: the first word of each value's first entry of the
    profile's number tables (``two`` of ``two|twice|second|both=2``, not ``teen`` after ``ten``)."""
    if not lang or lang in _NO_ITEMS or "-" in lang:
        return {}
    raw = raw_fields(lang)
    out: dict[str, float] = {}
    seen: set = set()
    for field in ("numbers.words", "numbers.stems"):
        for item in raw.get(field, ()):
            words, value = item.rsplit("=", 1)
            v = float(value)
            if v in seen:
                continue
            seen.add(v)
            if v >= 2 and (v < 20 or (v < 100 and v % 10 == 0) or v in (100.0, 1000.0)):
                out[words.split("|")[0].casefold()] = v
    return out


# Slavic number stems as items: the stem plus one of these endings (``два``, ``пяти``, ``четырех``,
# ``trzech``); other words that start with a stem (``семья``, ``пятница``, ``партия``) are not numbers.
_ITEM_ENDINGS = frozenset({
    "", "ь", "и", "ью", "ти", "ем", "ех", "ёх", "ох", "ым", "ой", "ая", "ое", "ого", "ому", "ых", "ый", "ий",
    "ом", "ям", "ях", "ів", "ьох", "ьом", "а", "у", "ю", "е", "y", "u", "ch", "iu", "ciu", "ów", "ego", "ej",
    "ym", "ą", "oma", "ema"})
_ITEM_ENDINGS_LANGS = frozenset({"ru", "uk", "pl", "be", "bg"})
_LOOSE_STEMS = frozenset({"втор", "оба", "обе", "обоих", "пар", "друг", "обидва", "обидві", "drug", "oba", "obie",
                          "obu", "par", "десяток", "десятилет", "дюжин", "четвер", "четвёр"})


def _stem_item(w: str, lang: str) -> float | None:
    """Value of a Slavic number word read through its stem, or None (see ``_ITEM_ENDINGS``)."""
    stems = _STEMS.get(lang)
    if not stems:
        return None
    for n in range(min(len(w), 12), 2, -1):
        v = stems.get(w[:n])
        if v is not None:
            return None if w[:n] in _LOOSE_STEMS or w[n:] not in _ITEM_ENDINGS else v
    return stems.get(w) if w not in _LOOSE_STEMS else None


@lru_cache(maxsize=4096)
def _word_numbers_cached(text: str, lang: str) -> tuple[WordNum, ...]:
    exact = _cardinals(lang)
    out: list[WordNum] = []
    run: list[tuple[int, int, float]] = []

    def flush():
        if run:
            vals = [v for _, _, v in run]
            total = _combine(vals) if len(vals) > 1 else vals[0]
            if total >= 2 and not (len(vals) == 1 and vals[0] >= 100):
                s, e = run[0][0], run[-1][1]
                out.append(WordNum(s, e, text[s:e], _key(total), frozenset(_key(v) for v in vals) | {_key(total)}))
            run.clear()

    for m in ITEM_RE.finditer(text):
        w = m.group().casefold()
        if run and text[run[-1][1]:m.start()].strip(" -\u00a0"):
            flush()
        parts = _WORD_SPLIT.split(w)
        vals = [exact.get(p) if p in exact or lang not in _ITEM_ENDINGS_LANGS else _stem_item(p, lang)
                for p in parts]
        if len(w) < 3 or w in _LOOSE_WORDS or any(v is None for v in vals) or any(p in _LOOSE_WORDS for p in parts):
            if not (run and w in _CONNECTORS):
                flush()
            continue
        if len(vals) > 2 or (len(vals) == 2 and not (vals[0] >= 20 and vals[0] % 10 == 0 and 1 <= vals[1] <= 9)):
            flush()  # two-thirds, five-times: not a count
            continue
        value = _combine(vals) if len(vals) > 1 else vals[0]
        if value < 1:
            flush()
            continue
        if value == 1 and not run:
            continue  # "one", "a", "un": articles as often as counts
        run.append((m.start(), m.end(), value))
    flush()
    return tuple(out)
