"""Numbers written with digits, parsed into ``Num`` items with exact spans and their keys.

Part of ``audit.lang.numbers`` (see the package docstring)."""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

import regex

from audit.core import lazyre
from audit.lang.numbers.around import (
    _AMPM,
    _CENTURY_AFTER,
    _CJK_AFTER_ORD,
    _DECADE_AFTER,
    _NEXT_WORD,
    _ORD_GLUED,
    _ORDINAL_SUFFIX,
    _PERCENT_FIRST,
    _PERCENT_WORDS,
    _TIME_AFTER,
    _TIME_WORDS,
    _before_info,
    _scale_after,
    _two_words,
)
from audit.lang.numbers.digits import (
    _ALPHA_SCRIPTS,
    _DECIMAL_PIECE,
    _SEP_SPLIT,
    _SPACE_GROUPS,
    _SPACE_SEPS,
    HAS_DIGIT,
    NUM_NOCOLON_RE,
    NUM_NOSPACE_RE,
    NUM_RE,
    _key,
    ascii_digits,
)
from audit.lang.numbers.scales import (
    _CJK_BIG,
    _CJK_SCALE_CHARS,
    _CJK_SMALL,
    CJK_SCALE_RE,
    scale_value,
)
from audit.lang.numbers.symbols import _readings, locale_symbols

# patterns the calls below used to look up in regex's cache on every call
_TIMES_SIGN_RE = lazyre.compile(r"[xX×](?![\p{L}])")
_DIGIT_RUN_RE = lazyre.compile(r"\p{Nd}+")


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


@dataclass(slots=True)
class _Tok:
    """One digit token while ``_parse_token`` reads it: the digits, what is around them, and the
    kind, keys and scale worked out so far."""

    start: int
    end: int
    raw: str
    asc: str  # the digits in ASCII
    groups: list
    seps: list
    after: str
    prev_ch: str
    name: bool = False
    kind: str = "number"
    keys: set = field(default_factory=set)
    weak: set = field(default_factory=set)
    value: float = 0.0
    parts: tuple = ()
    num_end: int = 0
    scale: float = 1.0
    bm: str | None = None
    currency: bool = False
    nxt: str = ""
    w1: str | None = None
    w1_end: int | None = None


def _token(text: str, m) -> _Tok:
    """The token's digits split into groups and separators; glued to letters (G7, MP3, A380,
    COVID-19, F-16), a name."""
    start, end = m.span()
    raw = m.group()
    asc = raw if raw.isascii() else ascii_digits(raw)
    if asc.isdigit():
        groups, seps = [asc], []
    else:
        pieces = _SEP_SPLIT.split(asc)
        groups, seps = pieces[0::2], pieces[1::2]
    prev_ch = text[start - 1] if start else ""
    name = bool(prev_ch and prev_ch.isalpha() and _alphabetic(prev_ch)) \
        or (prev_ch == "-" and start >= 2 and _alphabetic(text[start - 2]))
    return _Tok(start, end, raw, asc, groups, seps, text[end:end + 24], prev_ch, name)


def _parse_token(text: str, m, lang: str | None) -> Num | None:
    t = _token(text, m)
    composite = _read_digits(t, text, m, lang)
    if composite is not None:
        return composite
    _read_scale(t, text, lang)
    if t.kind in ("number", "id") and not t.name:
        _classify(t, text, lang)
    _glued_name(t, text, lang)
    if t.kind != "time":
        # the digits as written: a strong key, except under a scale (2 billion vs 2 Billionen)
        (t.keys if t.scale == 1.0 else t.weak).add(("s", t.asc))
    return Num(t.start, t.end, text[t.start:t.end], t.value, frozenset(t.keys), frozenset(t.weak),
               kind=t.kind if not t.name else "name", scale=t.scale, optional=t.name, parts=t.parts,
               num_end=t.num_end, currency=t.currency)


def _read_digits(t: _Tok, text: str, m, lang: str | None) -> Num | None:
    """Value, kind and keys from the digits and separators: times, dates, grouped and decimal
    numbers, plain integers. A composite (a date, a list) is returned whole."""
    if ":" in t.seps:
        if len(t.groups) in (2, 3) and all(s == ":" for s in t.seps) and len(t.groups[1]) == 2 \
                and int(t.groups[0]) <= 24 and int(t.groups[1]) < 60:
            h, mi = int(t.groups[0]), int(t.groups[1])
            t.kind = "time"
            t.value = h + mi / 100
            t.keys = {("t", (h * 60 + mi) % 720)}
            t.weak = {("h", h % 12)}
        t.parts = _split_parts(m, t.raw)
        if t.kind != "time":
            return _composite(t.start, t.end, t.raw, t.parts, t.name)
    elif "/" in t.seps or (len(t.seps) >= 2 and len(set(t.seps)) == 1 and t.seps[0] in ".-"
                         and not all(len(g) == 3 for g in t.groups[1:])):
        # dates (24.11.2024, 11/05/2024), fractions, versions: compare the whole string or the parts
        t.parts = _split_parts(m, t.raw)
        return _composite(t.start, t.end, t.raw, t.parts, t.name, kind="date")
    elif t.seps:
        values = _readings(t.groups, t.seps, lang)
        if not values:
            t.parts = _split_parts(m, t.raw)
            return _composite(t.start, t.end, t.raw, t.parts, t.name)
        t.value = values[0]
        t.keys = {_key(values[0])}
        t.weak = {_key(v) for v in values[1:]}
        if len(values) == 1 and t.seps == [","] and locale_symbols(lang)[0] != "," and len(t.groups[1]) != 3:
            t.parts = _split_parts(m, t.raw)  # "1,1" in an English or Chinese text may be a list
        if len(t.groups) == 2 and t.seps[0] in ".," and len(t.groups[1]) == 2 and int(t.groups[0]) <= 24 \
                and int(t.groups[1]) < 60:
            t.weak.add(("t", (int(t.groups[0]) * 60 + int(t.groups[1])) % 720))
        if any(s in _SPACE_SEPS for s in t.seps):
            # "2 300" may be two numbers in a text that does not group with spaces
            t.parts = _split_parts(m, t.raw)
        if len(t.groups) == 2 and t.seps[0] in ".h" and len(t.groups[1]) == 2 and _TIME_AFTER.match(t.after):
            h, mi = int(t.groups[0]), int(t.groups[1])
            if h <= 24 and mi < 60:
                t.keys.add(("t", (h * 60 + mi) % 720))
                t.weak.add(("h", h % 12))
                t.parts = _split_parts(m, t.raw)
                t.kind = "time"
    else:
        t.value = float(t.asc)
        t.keys = {_key(t.value)}
        if t.prev_ch in ".," and (t.start < 2 or text[t.start - 2] in " (\u00a0$€£"):
            t.weak.add(_key(float("0." + t.asc)))  # .5 = 0,5
        if len(t.asc) > 1 and t.asc[0] == "0":
            t.kind = "id"
            t.keys.add(("s", t.asc))
            t.keys.add(("d", t.asc))
    return None


def _read_scale(t: _Tok, text: str, lang: str | None) -> None:
    """A vulgar fraction glued to the digits (1½), and a scale word or character after them
    (21,7 millones, 1100万): the scaled value becomes the strong key."""
    if text[t.end:t.end + 1] in _VULGAR and text[t.end:t.end + 1] and not t.seps:
        # 1½ = 1.5, 2¼ = 2.25
        t.value += unicodedata.numeric(text[t.end])
        t.keys = {_key(t.value)}
        t.end += 1
    t.num_end = t.end
    t.scale = 1.0
    t.bm = _before_info(text, t.start) if t.start else None
    t.currency = t.bm == "cur"
    t.nxt = text[t.end:t.end + 1]
    t.w1 = t.w1_end = None
    if t.nxt and not t.name and t.kind != "time":
        # the word after the number (space-separated or glued), looked up in the scale table
        if t.nxt in _CJK_SCALE_CHARS or t.nxt in "多余餘几幾" or (t.nxt == " " and text[t.end + 1:t.end + 2] in _CJK_SCALE_CHARS
                                                         and text[t.end + 1:t.end + 2] != ""):
            cm = CJK_SCALE_RE.match(text, t.end)
            if cm and cm.group(1) != "百":
                sv = scale_value(cm.group(1), lang)
                if sv:
                    t.scale, t.end = sv, cm.end()
        if t.scale == 1.0 and (wm := _NEXT_WORD.match(text, t.end)):
            t.w1, t.w1_end = wm.group(1), wm.end(1)
            sv, send = _scale_after(text, t.w1, t.w1_end, lang, t.currency, glued=wm.start(1) == t.end)
            if sv:
                t.scale, t.end = sv, send
    if t.scale != 1.0:
        t.parts = ()
        t.weak.update(k for k in t.keys if not isinstance(k, tuple))
        t.keys = {_key(t.value * t.scale)} | {k for k in t.keys if isinstance(k, tuple)}
        t.kind = "number"
        t.name = False
        t.nxt = text[t.end:t.end + 1]
        wm = _NEXT_WORD.match(text, t.end)
        t.w1, t.w1_end = (wm.group(1), wm.end(1)) if wm else (None, None)


def _classify(t: _Tok, text: str, lang: str | None) -> None:
    """The kind of a plain number from what follows or precedes it: percent, month, year, day,
    time, ordinal, decade."""
    w1f = t.w1.casefold().rstrip(".") if t.w1 else ""
    glued = bool(t.w1) and text[t.end:t.end + 1] not in _SPACE_SEPS
    if (t.nxt and (t.nxt in "%٪‰" or (t.nxt in _SPACE_SEPS and text[t.end + 1:t.end + 2] in ("%", "٪", "‰")))) or (t.w1 and not glued and (w1f in _PERCENT_WORDS or (w1f in _PERCENT_FIRST and _two_words(text, t.w1_end, w1f) in _PERCENT_WORDS))) \
            or t.bm == "pct":
        t.kind = "percent"
    elif t.nxt and t.nxt in "月월" and t.value <= 12 and not t.seps:
        t.kind = "month"
    elif t.nxt and t.nxt in "年년" and not t.seps and len(t.asc) >= 3:  # 8年間, 3년: a count of years
        t.kind = "year"
    elif t.nxt and t.nxt in "日일号號" and t.value <= 31 and not t.seps:
        t.kind = "day"
    elif t.value <= 24 and not t.seps and (w1f in _TIME_WORDS or (t.nxt and t.nxt in "時点點시" and text[t.end + 1:t.end + 2] not in "間간")
                                       or (w1f in ("a", "p") and _AMPM.match(text, t.end))):
        h = int(t.value)
        if (w1f.replace(".", "") == "pm" and h < 12) or t.bm == "pm" or (w1f == "p" and h < 12):
            t.weak.add(_key(h + 12))
        mins = 30 if text[t.end + 1:t.end + 2] == "半" and t.nxt in "時点點" else 0  # 5時半 = 5:30
        t.keys.add(("t", (h * 60 + mins) % 720))
        t.weak.add(("h", h % 12))
        t.kind = "time"
    elif t.bm == "ord" or (t.nxt and t.nxt in " 世세" and _CENTURY_AFTER.match(text, t.end)) \
            or (t.nxt and t.nxt in "번째番回" and _CJK_AFTER_ORD.match(text, t.end)):
        t.kind = "ordinal"
    elif not t.seps and t.value % 10 == 0 and t.value >= 10 and t.nxt and \
            (t.nxt not in _SPACE_SEPS or text[t.end + 1:t.end + 2] in ("年", "년")) and \
            (dm := _DECADE_AFTER.match(text, t.end)) and \
            (t.value >= 1000 or dm.group().lstrip("-'’ ") in ("s", "er", "х", "年代", "년대")):
        t.kind = "decade"
        t.end += dm.end() - dm.start() if dm.group().strip("-") in ("s", "'s", "’s", "er") else 0
    elif not t.seps and t.bm == "dec" and t.value % 10 == 0:
        t.kind = "decade"
    elif not t.seps and t.nxt and t.nxt not in _SPACE_SEPS and (om := _ORDINAL_SUFFIX.match(text, t.end)):
        suf = om.group().lstrip("-").casefold()
        if suf == ".":
            pass  # "3." is a German ordinal or a sentence end: leave it a number
        elif suf in ("o", "a", "os", "as", "e") and lang not in ("it", "pt", "es", "fr", None):
            pass
        elif suf in ("er", "re", "e", "ème", "eme") and lang not in ("fr", None) and not (suf == "er" and lang == "de"):
            pass
        else:
            t.kind = "ordinal"
            if _ORD_GLUED.match(t.nxt):
                t.end = om.end()
    if t.kind == "number" and not t.seps and 1000 <= t.value <= 2100 and len(t.asc) == 4 and t.scale == 1.0 \
            and not t.currency:
        t.kind = "year"
    if lang == "th" and not t.seps and 2400 <= t.value <= 2700 and len(t.asc) == 4:
        t.kind = "year"
        t.weak.add(_key(t.value - 543))  # Buddhist era: 2561 = 2018
    if t.kind == "decade":
        v = int(t.value)
        if v < 100:
            t.weak.update({_key(1900 + v), _key(2000 + v)})
        else:
            t.weak.add(_key(v % 100))


def _glued_name(t: _Tok, text: str, lang: str | None) -> None:
    """Letters glued to a number that are not a unit, a scale or a suffix make it a name (3D,
    4G); a two-digit name may stand for a year."""
    if not t.name and t.kind == "number" and t.scale == 1.0 and t.end == t.num_end:
        t.nxt = text[t.end:t.end + 1]
        if t.nxt and _ALPHA_SCRIPTS.match(t.nxt):
            from audit.lang.units import unit_at  # local: units imports this module

            if unit_at(text, t.end, lang) is None and not _TIME_AFTER.match(text, t.end) \
                    and not _TIMES_SIGN_RE.match(t.nxt):
                t.name = True
    if t.name and not t.seps and len(t.asc) == 2:
        t.weak.update({_key(1900 + t.value), _key(2000 + t.value)})


def _split_parts(m, raw: str) -> tuple[Num, ...]:
    out = []
    base = m.start()
    for pm in _DIGIT_RUN_RE.finditer(raw):
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


_RANGE_BETWEEN = lazyre.compile(
    r"[ \u00a0]?(?:[-–—~～〜]|to|a|y|e|et|und|bis|à|i|do|до|или|ou|or|o|hasta|al|至|到|から|đến)[ \u00a0]?",
    regex.IGNORECASE)
_VULGAR = "½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞"
_H_BETWEEN = lazyre.compile(r"[ \u00a0\u202f]?(?:h|giờ|時|时|点|點|시|uhr|Uhr|ч\.?)[ \u00a0\u202f]?")


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


# HTML/XML character references (``&#39;``, ``&#x2014;``) and entities (``&frac12;``, ``&sup2;``):
# their digits are a character's code, not a number of the text.
_CHAR_REF = lazyre.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# Inline codes whose digits belong to the code (``%1$s``, ``{0}``, ``<h2>``, ``$(var1)``); URLs and
# e-mail addresses keep theirs (a changed version in a link is a changed number).
_MASKED_KINDS = frozenset({"printf", "placeholder", "icu", "tag"})


def mask_codes(text: str) -> str:
    """``text`` with character references and the digits-bearing inline codes blanked out (same
    length, so number spans stay exact)."""
    # a local import: placeholders is the heavier module
    from audit.lang.placeholders import scan

    spans = [(m.start(), m.end()) for m in _CHAR_REF.finditer(text)] if "&" in text else []
    spans += [(c.start, c.end) for c in scan(text) if c.kind in _MASKED_KINDS]
    if not spans:
        return text
    chars = list(text)
    for a, b in spans:
        if HAS_DIGIT.search(text, a, b):
            chars[a:b] = " " * (b - a)
    return "".join(chars)


def parse_numbers(view) -> tuple[Num, ...]:
    """Every number written with digits in ``view.text``, in order (use ``view.memo``). Digits of
    inline codes and character references are no numbers (``mask_codes``).

    Results are cached by text and language: a corpus repeats segments (and one source
    is often checked against several translations). The ``Num`` items are shared: read only."""
    text = view.text
    if not text or not HAS_DIGIT.search(text):
        return ()
    return _parse_cached(text, view.lang)


@lru_cache(maxsize=8192)
def _parse_cached(text: str, lang: str | None) -> tuple[Num, ...]:
    text = mask_codes(text)
    if not HAS_DIGIT.search(text):
        return ()
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
