"""Number words as items: spans of cardinal words, compared with the other side's values.

Part of ``audit.lang.numbers`` (see the package docstring)."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from audit.core import lazyre
from audit.lang.numbers.digits import _key
from audit.lang.numbers.spelled import (
    _CONNECTORS,
    _STEMS,
    _WORD_SPLIT,
    _cjk_total,
    _cjk_value,
    _combine,
    _word_value,
)
from audit.lang.profiles import raw_fields

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
ITEM_RE = lazyre.compile(r"[\p{L}\p{M}]+(?:['’\-‐][\p{L}\p{M}]+)*")


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
    if view.lang in _CJK_ITEM_LANGS and view.text:
        return _cjk_items(view.text)
    if not view.text or not (_cardinals(view.lang) or view.lang in _ITEM_ENDINGS_LANGS):
        return ()
    return _word_numbers_cached(view.text, view.lang)


# Chinese and Japanese numerals count something only before a classifier or counter (三个, 五名,
# 两年, 三つ, 四人): elsewhere they are parts of words (五角大楼, 十分, 一样, 四川). Not after 第
# (an ordinal), 月 or 星期/周 (a date, a weekday), nor before 月 (a month name: 九月).
_CJK_ITEM_LANGS = frozenset({"zh", "ja"})
_CJK_ITEM = lazyre.compile(
    r"(?<![第月期周週数數几幾多\p{Nd}])([二两兩三四五六七八九十][二三四五六七八九十百]*)"
    r"(?=[个個名位人次件条條只隻头頭家所座层層场場届屆倍岁歲项項种種台辆輛架艘枚本部张張份支队隊年天周週国國"
    r"つ回社]|小时|小時|分钟|分鐘|か月|ヶ月|カ月|个月|個月|日間|時間)")


@lru_cache(maxsize=4096)
def _cjk_items(text: str) -> tuple[WordNum, ...]:
    out = []
    for m in _CJK_ITEM.finditer(text):
        vals = [_key(v) for v in _cjk_value(m.group(1))]
        total = _key(_cjk_total(m.group(1)))
        if total >= 2:
            out.append(WordNum(m.start(1), m.end(1), m.group(1), total, frozenset(vals) | {total}))
    return tuple(out)


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
        parts = _WORD_SPLIT.split(w) if ("-" in w or "\u2010" in w) else [w]
        vals = [exact.get(p) if p in exact or lang not in _ITEM_ENDINGS_LANGS else _stem_item(p, lang)
                for p in parts]
        end = m.end()
        if len(parts) > 1 and vals[0] is not None and None in vals:
            # a count glued to what it counts: five-day, six-game, twenty-five-year-old, три-четыре
            k = vals.index(None)
            rest = parts[k:]
            if not any(p in _LOOSE_WORDS or _word_value(p, lang) is not None for p in rest):
                parts, vals = parts[:k], vals[:k]
                end = m.start() + len("-".join(parts))
                w = text[m.start():end].casefold()
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
        run.append((m.start(), end, value))
        if end != m.end():
            flush()
    flush()
    return tuple(out)


def glued_values(view) -> frozenset:
    """Values of cardinal words that start a longer word (``fourballs``, ``threesome``,
    ``tricampeão`` is not read): a number the other side may render as a count (use ``view.memo``)."""
    exact = _cardinals(view.lang)
    if not view.text or not exact:
        return frozenset()
    return _glued_cached(view.text, view.lang)


@lru_cache(maxsize=4096)
def _glued_cached(text: str, lang: str) -> frozenset:
    exact = _cardinals(lang)
    out = set()
    for m in ITEM_RE.finditer(text):
        w = m.group().casefold()
        for n in range(min(len(w) - 2, 9), 2, -1):
            v = exact.get(w[:n])
            if v is not None:
                out.add(_key(v))
                break
    return frozenset(out)
