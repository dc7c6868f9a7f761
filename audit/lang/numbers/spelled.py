"""Numbers spelled out in words and month names: the values that explain a digit on the other side.

Part of ``audit.lang.numbers`` (see the package docstring)."""
from __future__ import annotations

from functools import lru_cache
from itertools import pairwise

import regex

from audit.core import lazyre
from audit.lang import cldr
from audit.lang.numbers.digits import HAS_DIGIT, _key
from audit.lang.numbers.scales import _CURRENCY_ONLY, _SCALES, scale_value
from audit.lang.profiles import known_languages, profile, raw_fields


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
# Words that begin with a number stem but are no number: Arabic الأربعاء (Wednesday, not أربع 4).
_NOT_NUMBERS = {"ar": frozenset({"أربعاء", "اربعاء"})}
# Prefixes (conjunctions, prepositions, articles) glued to the word in Semitic scripts.
_PREFIX_RE = {
    "ar": regex.compile(r"^(?:و|ف)?(?:ب|ل|ك)?(?:ال)?"),
    "he": regex.compile(r"^(?:ו)?(?:ש)?(?:ב|ל|מ|כ)?(?:ה)?"),
    "fa": regex.compile(r"^(?:ب)?"),
}
_CONNECTORS = {"and", "y", "e", "et", "und", "и", "і", "i", "ve", "و", "a"}
# A fraction word and the scale word it divides can stand apart: ``a quarter of a million``.
_FRACTIONS = (0.5, 0.25)
_FRACTION_LINKS = {"of", "de", "di", "d'"}
_CJK_NUMERALS = {"〇": 0, "零": 0, "一": 1, "壹": 1, "二": 2, "两": 2, "兩": 2, "贰": 2, "三": 3, "叁": 3,
                 "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10, "百": 100, "千": 1000,
                 "万": 10000, "萬": 10000, "亿": 1e8, "億": 1e8, "半": 0.5, "首": 1, "双": 2, "雙": 2, "俩": 2, "倆": 2}
_CJK_NUM_RE = lazyre.compile(r"[〇零一壹二两兩贰三叁四五六七八九十百千万萬亿億半首双雙俩倆]+")
_DE_SUFFIXES = ("fach", "mal", "jähr", "tägig", "stünd", "wöch", "monat", "köpf", "stell", "teil", "seit",
                "stöck", "prozent", "minüt", "sekünd", "kilo", "meter", "hundert", "tausend", "ein")
_GERMAN_COMPOUND = lazyre.compile(r"^(\w+?)und(\w+zig|dreißig)$")
_WORD_SPLIT = lazyre.compile(r"[\-‐]")


def _cjk_value(run: str) -> list[float]:
    """Values of a run of Chinese/Japanese numerals: 三 -> 3, 二十五 -> 25, 三千万 -> 3e7."""
    out = {float(_CJK_NUMERALS[ch]) for ch in run}
    out.add(_cjk_total(run))
    return list(out)


_CJK_TENTHS_RE = lazyre.compile(r"([一二两三四五六七八九])成")
_CJK_DAY_RE = lazyre.compile(r"一昼夜|一晝夜|一天|一整天|整整一天|丸一日|一日中")
_ROMAN_RE = lazyre.compile(r"(?<![\p{L}])(?=[MDCLXVI]{2,}(?![\p{L}]))M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})(?![\p{L}])")
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
_IT_SUFFIX = lazyre.compile(r"(?:enne|enni|esimo|esima|esimi|esime)$")


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
            if c in _NOT_NUMBERS.get(lang, ()):
                continue
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


_TOKEN_RE = lazyre.compile(r"[\p{L}\p{M}]+(?:['’\-‐][\p{L}\p{M}]+)*")


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
                if w not in short and w not in _CONNECTORS \
                        and not (w in _FRACTION_LINKS and seq and seq[-1] in _FRACTIONS):
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
        if w in _CONNECTORS and seq or w in _FRACTION_LINKS and seq and seq[-1] in _FRACTIONS:
            continue  # three and a half; a quarter of a million, un cuarto de millón
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
        # two counts side by side are no compound: ``only four`` is not 5, ``a dozen`` not 13 (but
        # ten then a unit is a teen: ``on dört``, ``열 다섯``, ``mười bốn``)
        if not any(a == int(a) and b == int(b) and ((1 <= a < 10 and 1 <= b < 10) or (a < 20 and 10 < b < 20))
                   for a, b in pairwise(seq)):
            out.add(_key(_combine(seq)))
        for k, v in enumerate(seq):  # three and a half = 3.5, tres y media
            if v == 0.5 and k:
                base = seq[k - 1] if seq[k - 1] != 1 or k < 2 else seq[k - 2]
                out.add(_key(base + 0.5))
        for k, v in enumerate(seq):  # half a million = 500,000, a quarter of a million = 250,000
            if v in _FRACTIONS:
                rest = [b for b in seq[k + 1:k + 3] if b != 1]
                if rest and rest[0] >= 1000:
                    out.add(_key(v * rest[0]))
        for a, b in zip(seq, seq[1:]):  # two decades = 20, thirty four = 34
            if a >= 2 and b in (10, 12, 100, 1000, 1e6, 1e9):
                out.add(_key(a * b))
            if a >= 20 and a % 10 == 0 and 1 <= b <= 9:
                out.add(_key(a + b))
            if 1 <= a <= 9 and b == 10:  # التاسع عشر, תשעה עשר: unit then ten = a teen
                out.add(_key(a + 10))
            if 1 <= a <= 9 and 20 <= b < 100 and b % 10 == 0:  # الحادي والعشرين: unit then tens
                out.add(_key(a + b))


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


_CJK_RUN_START = lazyre.compile(r"[二两兩三四五六七八九十]")


def spelled_tokens(view) -> tuple[tuple[int, int, float], ...]:
    """``(start, end, value)`` of each single word (or run of Chinese/Japanese numerals) of
    ``view`` that reads as a whole number from 2 to 100 (use ``view.memo``). Looser than
    ``word_numbers`` (any language with a number table, Vietnamese ``năm`` five or year): only
    the counterpart of a changed word of the other side, never reported on its own."""
    if not view.text:
        return ()
    return _spelled_tokens_cached(view.text, view.lang)


@lru_cache(maxsize=4096)
def _spelled_tokens_cached(text: str, lang: str | None) -> tuple[tuple[int, int, float], ...]:
    out = []
    for m in _CJK_NUM_RE.finditer(text):
        run = m.group()
        if "〇" in run or "零" in run or not _CJK_RUN_START.match(run) or _CJK_NOT_COUNT_BEFORE.search(
                text, max(0, m.start() - 2), m.start()) or _CJK_NOT_COUNT_AFTER.match(text, m.end()):
            continue
        v = _cjk_total(run)
        if 2 <= v <= 100 and v == int(v):
            out.append((m.start(), m.end(), float(v)))
    if lang == "th":
        return tuple(sorted(out + _thai_tokens(text)))
    if lang not in _SPELLED and lang not in _STEMS:
        return tuple(out)
    prefixes, short = _prefixes(lang)
    variants = _variants(lang)
    for tok in _TOKEN_RE.finditer(text):
        w = tok.group().casefold()
        if len(w) < 2 or "-" in w or "‐" in w or w in variants \
                or (w[:3] not in prefixes and w not in short and not _PREFIX_RE.get(lang)):
            continue
        v = _word_value(w, lang)
        if v is not None and 2 <= v <= 100 and v == int(v) and (w in _SPELLED.get(lang, {}) or _stem_fits(w, lang)):
            out.append((tok.start(), tok.end(), float(v)))
    return tuple(sorted(out))


# Thai writes without spaces: number morphemes are found inside the text, minus the words that
# merely start with one (สามารถ can, สามี husband, ห้าม forbid, ห้าง store, เก้าอี้ chair, หกล้ม fall,
# คู่แข่ง rival, พันธ์ breed, ร้อยละ percent); a run of them is one number (สามสิบห้า 35, ยี่สิบ 20)
_THAI_UNITS = {"หนึ่ง": 1, "เอ็ด": 1, "สอง": 2, "ยี่": 2, "สาม": 3, "สี่": 4, "ห้า": 5, "หก": 6, "เจ็ด": 7,
               "แปด": 8, "เก้า": 9, "สิบ": 10, "ร้อย": 100, "พัน": 1000}
_THAI_NUM_RE = lazyre.compile(
    r"(?:หนึ่ง|เอ็ด|สอง|ยี่(?=สิบ)|สาม(?!ารถ|ี|ัญ)|สี่|ห้า(?![มง])|หก(?!ล้ม)|เจ็ด|แปด|เก้า(?!อี้)|สิบ|"
    r"ร้อย(?!ละ)|พัน(?!ธ|ธุ์|ตรี|โท|เอก))+")
_THAI_PIECE_RE = lazyre.compile(r"หนึ่ง|เอ็ด|สอง|ยี่|สาม|สี่|ห้า|หก|เจ็ด|แปด|เก้า|สิบ|ร้อย|พัน")


def _thai_value(run: str) -> float:
    """สามสิบห้า -> 35, ยี่สิบเอ็ด -> 21, สองร้อย -> 200, สิบ -> 10."""
    total, cur = 0.0, 0.0
    for piece in _THAI_PIECE_RE.findall(run):
        v = _THAI_UNITS[piece]
        if v >= 10:
            total += (cur or 1) * v
            cur = 0.0
        else:
            cur = cur * 10 + v if cur else v
    return total + cur


def _thai_tokens(text: str) -> list[tuple[int, int, float]]:
    out = []
    for m in _THAI_NUM_RE.finditer(text):
        if text.endswith("เรียบ", 0, m.start()):
            continue  # เรียบร้อย (neat)
        v = _thai_value(m.group())
        if 2 <= v <= 100 and v == int(v):
            out.append((m.start(), m.end(), float(v)))
    return out


# Chinese numerals that do not count: a weekday (周二, 星期三), an ordinal (第三), an approximation
# (数十, 几百), a month (三月), a fraction (五分之一), 十分 (very)
_CJK_NOT_COUNT_BEFORE = lazyre.compile(r"(?:周|週|星期|礼拜|禮拜|第|数|數|几|幾|多)$")
_CJK_NOT_COUNT_AFTER = lazyre.compile(r"月|分之|分の|分(?!钟|鐘)")


@lru_cache(maxsize=64)
def _variants(lang: str | None) -> frozenset:
    """Number words of a language that are not the plain cardinal of their entry (``third``,
    ``twice``, ``both``): ordinals and multipliers read as their number only to explain."""
    out = set()
    for field in ("numbers.words",):
        for item in raw_fields(lang or "").get(field, ()) if lang else ():
            words = item.rsplit("=", 1)[0].split("|")
            out.update(w.casefold() for w in words[1:])
    return frozenset(out)


def _stem_fits(w: str, lang: str | None) -> bool:
    """A word read through a stem that is the stem with a short ending (``ثلاثة``, ``пятью``), not
    a longer word that merely starts with it (``czternaście`` is no 4, ``шістдесят`` no 6)."""
    stems = _STEMS.get(lang or "", {})
    cands = [w]
    pre = _PREFIX_RE.get(lang)
    if pre and (m := pre.match(w)) and m.end():
        cands.append(w[m.end():])
    for c in cands:
        for n in range(min(len(c), 12), 1, -1):
            if c[:n] in stems:
                return len(c) - n <= 3
    return False


def _cjk_total(run: str) -> float:
    """The value of a run of Chinese/Japanese numerals read as one number (二十五 = 25)."""
    total, section, cur = 0.0, 0.0, 0.0
    for ch in run:
        v = float(_CJK_NUMERALS[ch])
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
    return total + section + cur


def month_spans(view) -> tuple[tuple[int, int, int], ...]:
    """``(start, end, month)`` of each month named in words in ``view`` (``November`` -> 11)."""
    table, rx = _month_table(view.lang)
    if rx is None or not view.text:
        return ()
    return tuple((m.start(1), m.end(1), table[m.group(1).casefold()]) for m in rx.finditer(view.text))


# Vietnamese weekdays are numbers: thứ Hai (2: Monday) ... thứ Bảy (7: Saturday), Chủ nhật (Sunday);
# the number word is capitalised (lower-case ``lần thứ hai`` is an ordinal, the second time)
_VI_WEEKDAY = lazyre.compile(r"(?<![\p{L}\p{M}])(?:[Tt]hứ[ \u00a0](\p{Lu}[\p{L}\p{M}]*)|([Cc]hủ[ \u00a0][Nn]hật))(?![\p{L}\p{M}])")


@lru_cache(maxsize=64)
def _weekday_table(lang: str | None) -> tuple[dict[str, int], regex.Pattern | None]:
    """Full weekday names of a language (and English) -> 0 (Monday) .. 6 (Sunday)."""
    table: dict[str, int] = {}
    for lg in {lang or "en", "en"}:
        best: dict[int, str] = {}
        for name, num in cldr.calendar_names(lg, "weekdays"):
            if len(name) > len(best.get(num, "")):
                best[num] = name
        for num, name in best.items():
            if len(name) >= 5 or not name.isascii():
                table.setdefault(name.casefold(), num)
    if not table or lang == "vi":
        return table, None
    rx = regex.compile(r"(?<![\p{L}\p{M}])(" + "|".join(regex.escape(k) for k in sorted(table, key=len, reverse=True))
                       + r")(?![\p{L}\p{M}])", regex.IGNORECASE)
    return table, rx


def weekday_spans(view) -> tuple[tuple[int, int, int], ...]:
    """``(start, end, day)`` of each weekday named in ``view``: 0 Monday .. 6 Sunday; a
    Vietnamese ``thứ`` with a number that names no weekday (``thứ Tám``) gets 100 + the number."""
    if not view.text:
        return ()
    return _weekday_cached(view.text, view.lang)


@lru_cache(maxsize=4096)
def _weekday_cached(text: str, lang: str | None) -> tuple[tuple[int, int, int], ...]:
    out = []
    if lang == "vi":
        words = _SPELLED.get("vi", {})
        for m in _VI_WEEKDAY.finditer(text):
            if m.group(2):
                out.append((m.start(), m.end(), 6))
                continue
            v = words.get(m.group(1).casefold())
            if v is not None and v == int(v) and 2 <= v <= 20:
                out.append((m.start(), m.end(), int(v) - 2 if v <= 7 else 100 + int(v)))
        return tuple(out)
    table, rx = _weekday_table(lang)
    if rx is None:
        return ()
    return tuple((m.start(1), m.end(1), table[m.group(1).casefold()]) for m in rx.finditer(text))
