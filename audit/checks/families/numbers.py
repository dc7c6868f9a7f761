"""NUM: numbers missing, added or changed in value, compared by value and locale-aware.

The heavy lifting is ``align(ctx)``: it pairs the numbers of the source and target one to one
by value (``audit.lang.numbers`` parses them), then tries every innocent explanation for what is
left over before anything is reported: composite numbers split into parts (``14:30`` ~
``14時30分``), numbers spelled out on the other side (``3`` ~ ``tres``, ``三``), month names
(``11`` in ``2024年11月`` ~ ``November``), unit conversions (``5 miles`` ~ ``8 km``, the UNI
checks' business), rounding (``1,997`` ~ ``nearly 2,000``) and repeated mentions. The UNI
checks in ``audit.checks.units`` reuse the same alignment.
"""
from __future__ import annotations

import heapq
import math
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field

import regex

from audit.checks.context import TextView
from audit.checks.registry import check
from audit.core import lazyre
from audit.core.model import hit
from audit.lang.numbers import (
    _SPELLED,
    _STEMS,
    HAS_DIGIT,
    Num,
    WordNum,
    month_spans,
    month_values,
    parse_numbers,
    spelled_tokens,
    spelled_values,
    weekday_spans,
    word_numbers,
)
from audit.lang.numbers.digits import _key
from audit.lang.numbers.items import (
    _CJK_ITEM_LANGS,
    _LOOSE_WORDS,
    _NO_ITEMS,
    glued_values,
)
from audit.lang.numbers.spelled import _roman
from audit.lang.units import (
    MEASURES,
    UNITS,
    Unit,
    converts,
    unit_at,
    unit_before,
    unit_mentions,
)

# "1 to 4 inches", "2,5 bis 10 cm", "5–10 см", "entre os 27 e os 30 graus": the first number of a
# range takes the unit of the second.
_RANGE_NEXT = lazyre.compile(
    r"[ \u00a0]?(?:[-–—~～〜]|to|a|y|and|et|und|bis|à|e|i|do|до|ve|or|o|ou|oder|или|и|hasta|al|עד|ל-|تا|إلى|الى|"
    r"حتى|و|से|至|到|から|에서|ila|đến|tới|ถึง)[ \u00a0]?(?:(?:os|as|los|las|les|the)[ \u00a0])?"
    r"\p{Nd}+(?:[.,]\p{Nd}+)?", regex.IGNORECASE)

# Languages whose spelled-out numbers we can read (others: small numbers may be spelled out).
_SPELLED_LANGS = frozenset(_SPELLED) | frozenset(_STEMS) | {"zh", "ja"}


@dataclass
class Alignment:
    """Numbers of a pair paired one to one (``matched``), and what is left: source numbers
    missing from the target, target numbers added, look-alike pairs changed in value, and
    quantities converted to another unit (``converted``: source, target, unit ids)."""

    matched: list[tuple[Num, Num]] = field(default_factory=list)
    missing: list[Num] = field(default_factory=list)
    added: list[Num] = field(default_factory=list)
    changed: list[tuple[Num, Num]] = field(default_factory=list)
    converted: list[tuple[Num, Num, str, str]] = field(default_factory=list)
    src_units: dict[int, Unit | None] = field(default_factory=dict)
    tgt_units: dict[int, Unit | None] = field(default_factory=dict)


_EMPTY = Alignment()


def num_unit(n: Num, view, cache: dict) -> Unit | None:
    """The unit written after (or the currency before) a number, cached per alignment."""
    key = id(n)
    try:
        return cache[key]
    except KeyError:
        pass
    u = None
    if n.kind not in ("date", "composite", "name", "time", "decade", "month", "day"):
        u = unit_at(view.text, n.end, view.lang) or unit_before(view.text, n.start)
        if u is None and n.end != n.num_end:
            u = unit_at(view.text, n.num_end, view.lang)
        if u is None and (rm := _RANGE_NEXT.match(view.text, n.end)):
            u = unit_at(view.text, rm.end(), view.lang)
    cache[key] = u
    return u


def _numeric(keys) -> set:
    return {k for k in keys if isinstance(k, float)}


class _Alive:
    """The numbers of one side still unpaired, in their order, with an index from each key to the
    numbers that have it: candidates come out in list order (as a scan of the list would give
    them) without comparing every number with every other (issue 15: thousands of numbers in
    one segment)."""

    def __init__(self, items: list[Num], keys_of) -> None:
        self.items = list(items)
        self.alive = [True] * len(items)
        self.count = len(items)
        self.index: dict = defaultdict(list)  # key -> ranks, ascending
        for r, n in enumerate(self.items):
            for k in keys_of(n):
                self.index[k].append(r)

    def ranks(self, keys) -> Iterator[int]:
        """Ranks of the live numbers with any of ``keys``, ascending, each once."""
        lists = [self.index[k] for k in keys if k in self.index]
        if len(lists) == 1:
            merged = iter(lists[0])
        else:
            merged = heapq.merge(*lists)
        last = -1
        for r in merged:
            if r != last and self.alive[r]:
                yield r
            last = r

    def kill(self, r: int) -> None:
        self.alive[r] = False
        self.count -= 1

    def left(self) -> list[Num]:
        return [n for n, a in zip(self.items, self.alive) if a]


def _match(s_left: list[Num], t_left: list[Num], al: Alignment, src, tgt, modes=(0, 1, 2)) -> None:
    """Pair numbers one to one: strong keys with agreeing units, strong keys, then any keys. Each
    source number, in order, looks at the target numbers left, in order; both lists are updated
    in place."""
    if not s_left or not t_left:
        return
    for mode in modes:
        strong = mode < 2
        tl = _Alive(t_left, (lambda n: n.keys) if strong else (lambda n: n.all_keys))
        sl = _Alive(s_left, lambda n: n.keys)  # mode 0 asks how many sources share a value
        for si, s in enumerate(sl.items):
            if not tl.count:
                break
            sk = s.keys if strong else s.all_keys
            if mode == 3:
                sk = {k for k in s.all_keys if isinstance(k, tuple) and k[0] == "t"}
                if not sk:
                    continue
            found = None
            cands = tl.ranks(sk)
            if mode == 0:
                first = next(cands, None)
                second = next(cands, None) if first is not None else None
                if second is not None:
                    # several targets share the value: prefer the one whose unit agrees
                    us = num_unit(s, src, al.src_units)
                    for j in (first, second, *cands):
                        ut = num_unit(tl.items[j], tgt, al.tgt_units)
                        if (us is None) == (ut is None) and (us is None or us.agrees(ut)):
                            found = j
                            break
                elif first is not None:
                    shared = sl.ranks(tl.items[first].keys)
                    if next(shared, None) is not None and next(shared, None) is not None:
                        # several sources share the value: this one takes it only if the units agree
                        us = num_unit(s, src, al.src_units)
                        ut = num_unit(tl.items[first], tgt, al.tgt_units)
                        if (us is None) == (ut is None) and (us is None or us.agrees(ut)):
                            found = first
                    else:
                        found = first
            else:
                for j in cands:
                    if mode == 2 and s.scale != 1.0 and tl.items[j].scale != 1.0:
                        continue  # 2 billion vs 2 Billionen: the scales disagree
                    found = j
                    break
            if found is None:
                continue
            al.matched.append((s, tl.items[found]))
            tl.kill(found)
            sl.kill(si)
        s_left[:] = sl.left()
        t_left[:] = tl.left()


def _explode(items: list[Num]) -> tuple[list[Num], bool]:
    out, changed = [], False
    for n in items:
        if n.parts and len(n.parts) > 1:
            out.extend(n.parts)
            changed = True
        else:
            out.append(n)
    return out, changed


def _rounded(s: float, t: float) -> bool:
    """True when the target value is a plausible rounding of the source value (within 3%):
    ``1,997`` -> ``2.000``, ``21.7`` -> ``22``. A target more precise than its source is not."""
    if s == t:
        return True
    if s == int(s) and abs(s) < 1000:
        return False  # a count or age of up to three digits is not rounded (41 -> 40, 832 -> 830)
    big, small = max(abs(s), abs(t)), min(abs(s), abs(t))
    if big == 0 or (big - small) / big > 0.03:
        return False
    for nd in range(-6, 3):
        if round(s, nd) == t or (nd < 0 and abs(s - t) < 0.5 * 10 ** -nd and t % 10 ** -nd == 0):
            return True
    return False


def _roundable(s: Num, t: Num) -> bool:
    return s.kind != "year" and t.kind != "year" and bool(_numeric(s.keys)) and bool(_numeric(t.keys)) \
        and not _same_decimals(s, t) and any(
            _rounded(a, b) for a in _numeric(s.keys) for b in _numeric(t.keys))


def _round_targets(a: float) -> set:
    """Every value ``_rounded(a, t)`` can accept: ``a`` itself, ``round(a, nd)``, and the
    multiples of 10**k next to ``a`` (one either side more, against float error)."""
    out = {a}
    for nd in range(-6, 3):
        out.add(round(a, nd))
    for k in range(1, 7):
        m = math.floor(a / 10 ** k)
        out.update(float((m + d) * 10 ** k) for d in (-1, 0, 1, 2))
    return out


def _round_off(s_left: list[Num], t_left: list[Num]) -> None:
    """Drop the source/target pairs where the target rounds the source (step 3 of ``_explain``):
    each source, in order, takes the first target left that rounds it. Only targets whose value
    lies within 3% of a source value can (``_rounded``), so the targets are sorted by value and
    each source looks at its window only (issue 15: no longer every source against every target)."""
    byval: dict = defaultdict(list)
    for j, t in enumerate(t_left):
        if t.kind != "year":
            for b in _numeric(t.keys):
                byval[b].append(j)
    alive = [True] * len(t_left)
    keep = []
    for s in s_left:
        cands = set()
        if s.kind != "year":
            for a in _numeric(s.keys):
                if math.isnan(a) or math.isinf(a):
                    cands.update(j for js in byval.values() for j in js if alive[j])
                    continue
                for v in _round_targets(a):
                    cands.update(j for j in byval.get(v, ()) if alive[j])
        for j in sorted(cands):
            if _roundable(s, t_left[j]):
                alive[j] = False
                break
        else:
            keep.append(s)
    s_left[:] = keep
    t_left[:] = [t for t, a in zip(t_left, alive) if a]


def _digit_key(n: Num) -> str:
    return "".join(sorted(ch for ch in n.text if ch.isdigit()))


def _pair_similar(s_left: list[Num], t_left: list[Num], al: Alignment) -> None:
    """Pair look-alike leftovers (``_similar``): each source, in order, with the first target left
    that has the same digits or the same special kind; targets are indexed by both, so the work
    is linear in the leftovers rather than their product (issue 15)."""
    by_digits: dict = defaultdict(list)
    by_kind: dict = defaultdict(list)
    for j, t in enumerate(t_left):
        by_digits[_digit_key(t)].append(j)
        if t.kind != "number":
            by_kind[t.kind].append(j)
    alive = [True] * len(t_left)
    heads: dict = {}

    def first(bucket: list[int], name) -> int | None:
        i = heads.get(name, 0)
        while i < len(bucket) and not alive[bucket[i]]:
            i += 1
        heads[name] = i
        return bucket[i] if i < len(bucket) else None

    keep = []
    for s in s_left:
        found = [j for j in (first(by_digits.get(_digit_key(s), ()), ("d", _digit_key(s))),
                             first(by_kind.get(s.kind, ()), ("k", s.kind)) if s.kind != "number" else None)
                 if j is not None]
        if found:
            j = min(found)
            alive[j] = False
            al.changed.append((s, t_left[j]))
        else:
            keep.append(s)
    s_left[:] = keep
    t_left[:] = [t for t, a in zip(t_left, alive) if a]


def _similar(s: Num, t: Num) -> bool:
    """Two leftovers that look like the same number with a changed value."""
    sd = "".join(ch for ch in s.text if ch.isdigit())
    td = "".join(ch for ch in t.text if ch.isdigit())
    if sorted(sd) == sorted(td):
        return True
    return s.kind == t.kind and s.kind != "number"


def align(ctx) -> Alignment:
    """The number alignment of one pair, computed once (``ctx.memo``) and shared by the NUM and
    UNI checks."""
    return ctx.memo(align, _align)


def _align(ctx) -> Alignment:
    pair = ctx.pair
    src, tgt = ctx.src, ctx.tgt
    if not HAS_DIGIT.search(pair.source) and not (pair.target and HAS_DIGIT.search(pair.target)):
        return _words_only(src, tgt)  # the common case: no digits on either side
    S = src.memo(parse_numbers)
    T = tgt.memo(parse_numbers)
    if not S and not T:
        return _words_only(src, tgt)
    al = Alignment()
    s_left, t_left = list(S), list(T)
    _match(s_left, t_left, al, src, tgt, (0, 1))
    # times in another notation (5.30pm ~ 17.30, 11:15 ~ 11.15) before they are split
    _match(s_left, t_left, al, src, tgt, (3,))
    # composites (times, dates, space-grouped digits) that did not match whole: try their parts
    if s_left and t_left:
        s_new, a = _explode(s_left)
        t_new, b = _explode(t_left)
        if a or b:
            s_left, t_left = s_new, t_new
            _match(s_left, t_left, al, src, tgt, (0, 1))
    _match(s_left, t_left, al, src, tgt, (2,))
    # leftover composites (1/3, 24/7, 4:0) are explained part by part
    if s_left:
        s_left = _explode(s_left)[0]
    if t_left:
        t_left = _explode(t_left)[0]
    # names (G7, MP3, COVID-19) may match but are never reported
    s_left = [n for n in s_left if not n.optional and n.kind != "name"]
    t_left = [n for n in t_left if not n.optional and n.kind != "name"]
    if s_left or t_left:
        _explain(s_left, t_left, al, src, tgt)
    else:  # every digit matched: a number word may still have changed (six -> five beside 1993)
        _word_changes([], [], al, src, tgt)
    _weekday_changes(al, src, tgt)
    return al


def _words_only(src, tgt) -> Alignment:
    """The alignment of a pair without digits: only number words can have changed."""
    if not (src.memo(word_numbers) or tgt.memo(word_numbers)) and "vi" not in (src.lang, tgt.lang):
        return _EMPTY
    al = Alignment()
    _word_changes([], [], al, src, tgt)
    _weekday_changes(al, src, tgt)
    return al if al.changed else _EMPTY


def _weekday_changes(al: Alignment, src, tgt) -> None:
    """Vietnamese names weekdays by number (``thứ Bảy``, 7: Saturday): a weekday of one side that
    the other side does not name, against a weekday (or a ``thứ`` with a number) of the other side
    that the first does not name, is a changed number."""
    if "vi" not in (src.lang, tgt.lang):
        return
    sd, td = src.memo(weekday_spans), tgt.memo(weekday_spans)
    if not sd or not td:
        return
    s_days, t_days = {d for _, _, d in sd}, {d for _, _, d in td}
    s_free = [x for x in sd if x[2] not in t_days]
    t_free = [x for x in td if x[2] not in s_days]
    for (a, b, d), (c, e, f) in zip(s_free, t_free):
        al.changed.append((Num(a, b, src.text[a:b], float(d), frozenset({float(d)}), kind="weekday", num_end=b),
                           Num(c, e, tgt.text[c:e], float(f), frozenset({float(f)}), kind="weekday", num_end=e)))


def _explain(s_left: list[Num], t_left: list[Num], al: Alignment, src, tgt) -> None:
    """Every innocent explanation for the numbers left unmatched, in order; what remains is
    changed, missing or added (``al``)."""
    _explain_conversions(s_left, t_left, al, src, tgt)
    # 1b. loose conversions: a measure in one unit system on one side, another unit of the same
    # dimension on the other (6-foot-6 -> zwei Meter, 20 feet -> seis metros): translators round
    # freely, and a wrong conversion is left to the reviewer of UNI002 rather than called missing
    if s_left:
        _drop_loose(s_left, src, al.src_units, tgt, t_left, al.tgt_units)
    if t_left:
        _drop_loose(t_left, tgt, al.tgt_units, src, s_left, al.src_units)
    # 1c. a month number against a month named on the other side with another value (``January``
    # -> ``5月``, ``tháng 8``): a changed month, not a month number added
    if t_left:
        _month_changes(s_left, t_left, al, src, tgt, target_side=True)
    if s_left:
        _month_changes(t_left, s_left, al, tgt, src, target_side=False)
    # 2. numbers spelled out, month names on the other side (kept aside: a number of the other
    # side that nothing explains may be its changed counterpart after all, see 4d)
    s_words = [s for s in s_left if _explained_by_words(s, tgt)] if s_left else []
    t_words = [t for t in t_left if _explained_by_words(t, src)] if t_left else []
    if s_words:
        s_left[:] = [s for s in s_left if s not in s_words]
    if t_words:
        t_left[:] = [t for t in t_left if t not in t_words]
    # 2a. centuries: 1930s ~ 20世纪30年代 (the "20" names the century of a year or decade of the other side)
    if t_left:
        t_left[:] = [t for t in t_left if not _century_of(t, tgt, src)]
    if s_left:
        s_left[:] = [s for s in s_left if not _century_of(s, src, tgt)]
    # 2b. digit groups: a phone or account number written 433611 on one side, 43 36 11 on the other
    if s_left and t_left:
        _regroup(s_left, t_left, tgt.text)
        _regroup(t_left, s_left, src.text)
    # 3. rounding: 1,997 ~ 2,000; 21.7 ~ 22 (never a year: 1987 -> 1990 is a changed date; never
    # to as many decimals: 20,4 -> 20.0 million is a change)
    if s_left and t_left:
        _round_off(s_left, t_left)
    # 3b. a century in digits against a century in Roman numerals of another value (XVIIe siècle
    # -> 15th century)
    if t_left:
        _roman_centuries(t_left, al, src, tgt, roman_on_source=True)
    if s_left:
        _roman_centuries(s_left, al, tgt, src, roman_on_source=False)
    # 4. small numbers in a language whose spelled-out numbers we cannot read
    if s_left and tgt.lang not in _SPELLED_LANGS:
        s_left[:] = [s for s in s_left if not _small(s)]
    if t_left and src.lang not in _SPELLED_LANGS:
        t_left[:] = [t for t in t_left if not _small(t)]
    # 4b. "in the 80s" (degrees Fahrenheit) ~ "27 °C": a two-digit decade against a temperature
    if s_left and t_left:
        _fahrenheit_decades(s_left, t_left, tgt, al.tgt_units)
    if t_left and s_left:
        _fahrenheit_decades(t_left, s_left, src, al.src_units)
    # 4c. number words: a cardinal spelled out on one side that the other side does not have, and
    # a number of the other side (digits or words) left unexplained: a changed count
    _word_changes(s_left, t_left, al, src, tgt)
    _weak_word_changes(s_left, t_left, al, src, tgt)
    # 4c'. a number explained by a loose word of the other side (``a``, ``only``) may still be the
    # counterpart of a lost number word there (``six consecutive times`` -> ``連続1敗``)
    s_loose = [s for s in s_words if s.value in (1, 2) and s.value not in _values(tgt)]
    t_loose = [t for t in t_words if t.value in (1, 2) and t.value not in _values(src)]
    if s_loose or t_loose:
        _word_changes(s_loose, t_loose, al, src, tgt)
        s_words = [s for s in s_words if s not in s_loose or s in s_loose and _unpaired(s, al)]
        t_words = [t for t in t_words if t not in t_loose or t in t_loose and _unpaired(t, al)]
    # 4e. an ordinal in digits on one side, an English ordinal word of another value on the other
    # (``the second highest`` -> ``3番目に高い``): a changed rank
    if t_left and src.lang == "en":
        _ordinal_changes(t_left, al, src, tgt, word_on_source=True)
    if s_left and tgt.lang == "en":
        _ordinal_changes(s_left, al, tgt, src, word_on_source=False)
    _settle(s_left, t_left, al, s_words, t_words)


_EN_ORDINALS = {w: float(i) for i, w in enumerate(
    ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth"], start=1)}
_EN_ORDINAL_RE = lazyre.compile(r"(?<![\p{L}\-])(" + "|".join(_EN_ORDINALS) + r")(?![\p{L}\-])", regex.IGNORECASE)


def _ordinal_changes(left: list[Num], al: Alignment, words_view, nums_view, word_on_source: bool) -> None:
    """Pair a leftover ordinal of ``nums_view`` with an English ordinal word of ``words_view``
    whose value ``nums_view`` does not have."""
    ords = [n for n in left if n.kind == "ordinal" and 1 <= n.value <= 12]
    if not ords:
        return
    known = _values(nums_view) | nums_view.memo(spelled_values)
    words = [m for m in _EN_ORDINAL_RE.finditer(words_view.text) if _EN_ORDINALS[m.group(1).casefold()] not in known]
    for n in ords:
        for m in words:
            v = _EN_ORDINALS[m.group(1).casefold()]
            if v != n.value:
                w = Num(m.start(1), m.end(1), m.group(1), v, frozenset({v}), kind="ordinal", num_end=m.end(1))
                al.changed.append((w, n) if word_on_source else (n, w))
                left.remove(n)
                words.remove(m)
                break


_REMATCH_KINDS = ("number", "part", "ordinal")


def _unpaired(n: Num, al: Alignment) -> bool:
    return not any(n is a or n is b for a, b in al.changed)


def _rematch(words: list[Num], left: list[Num], al: Alignment, source_side: bool) -> None:
    for w in words:
        if w.kind not in _REMATCH_KINDS:
            continue
        for n in left:
            if n.kind == w.kind and n.scale == w.scale and _close(w.value, n.value):
                al.changed.append((w, n) if source_side else (n, w))
                left.remove(n)
                break


_MONTH_AFTER = lazyre.compile(r"[ \u00a0]?[月월](?![間间刊])")
_MONTH_BEFORE = lazyre.compile(r"(?:tháng|Tháng)[ \u00a0]$")


def _month_number(n: Num, view) -> bool:
    """A number that names a month: ``5月``, ``5 月``, ``5월``, ``tháng 8``."""
    if n.kind == "month":
        return True
    if n.kind not in ("number", "part") or not (1 <= n.value <= 12) or n.value != int(n.value):
        return False
    return bool(_MONTH_AFTER.match(view.text, n.end) or _MONTH_BEFORE.search(view.text, max(0, n.start - 7), n.start))


_PREV_WORD = lazyre.compile(r"([\p{L}\p{M}]+)[\s,]*$")


def _dated(text: str, a: int, b: int) -> bool:
    """A month name used as a month: a digit close by (``May 5``, ``5 de mayo``, ``May 2018``), or
    after a word in lower case (``in May``), not after a capitalised one (``Theresa May``)."""
    if HAS_DIGIT.search(text, max(0, a - 8), a) or HAS_DIGIT.search(text, b, b + 12):
        return True
    if not text[a:b][:1].isupper():
        return text[a:b][:1].islower() is False  # an uncased script
    m = _PREV_WORD.search(text, max(0, a - 30), a)
    return bool(m) and (m.group(1)[:1].islower() or m.group(1).casefold() in _BEFORE_MONTH)


# words that put a capitalised month name in time at a sentence start (``In June``, ``Since May``)
_BEFORE_MONTH = frozenset({"in", "on", "since", "by", "until", "till", "from", "last", "next", "early", "late",
                           "this", "every", "through", "during", "before", "after", "en", "dans", "im", "seit"})


def _month_changes(others: list[Num], items: list[Num], al: Alignment, other, view, target_side: bool) -> None:
    """Pair a month number of ``items`` (on ``view``) with a month named on the ``other`` side whose
    value no month of ``view`` has: the month changed."""
    names = other.memo(month_spans)
    if not names:
        return
    nums = [p for n in view.memo(parse_numbers) for p in (n, *n.parts)]
    own = {int(n.value) for n in nums if _month_number(n, view)} | set(view.memo(month_values))
    free = [(a, b, v) for a, b, v in names if v not in own and _dated(other.text, a, b)]
    for n in list(items):
        if not free or not _month_number(n, view):
            continue
        a, b, v = free.pop(0)
        name = Num(a, b, other.text[a:b], float(v), frozenset({float(v)}), kind="month", num_end=b)
        al.changed.append((n, name) if not target_side else (name, n))
        items.remove(n)


def _explain_conversions(s_left: list[Num], t_left: list[Num], al: Alignment, src, tgt) -> None:
    """Unit conversions explain a pair of leftovers (recorded for UNI002), or one leftover whose
    converted figure is matched on the other side."""
    # 1. unit conversions: 5 miles ~ 8 km (reported by UNI002 when both are leftovers)
    for s in list(s_left):
        us = num_unit(s, src, al.src_units)
        if us is None:
            continue
        for t in list(t_left):
            ut = num_unit(t, tgt, al.tgt_units)
            if ut is not None and (conv := converts(s.value * s.scale, us, t.value * t.scale, ut, precise=True)):
                al.converted.append((s, t, conv[0], conv[1]))
                s_left.remove(s)
                t_left.remove(t)
                break
        else:
            # the target may keep only the converted figure of "5 miles (8 km)" (not a figure that
            # renders its own source quantity in the same unit: 300 km (180 miles) -> 307 km (180 mil))
            for s2, t in al.matched:
                ut = num_unit(t, tgt, al.tgt_units)
                if ut is not None and not _renders(s2, t, src, tgt, al) \
                        and converts(s.value * s.scale, us, t.value * t.scale, ut, precise=True):
                    s_left.remove(s)
                    break
    for t in list(t_left):
        ut = num_unit(t, tgt, al.tgt_units)
        if ut is None:
            continue
        for s, t2 in al.matched:
            us = num_unit(s, src, al.src_units)
            if us is not None and not _renders(s, t2, src, tgt, al) \
                    and converts(s.value * s.scale, us, t.value * t.scale, ut, precise=True):
                t_left.remove(t)
                break


def _renders(s: Num, t: Num, src, tgt, al: Alignment) -> bool:
    """A matched pair whose units agree: the target figure renders that very source quantity."""
    us, ut = num_unit(s, src, al.src_units), num_unit(t, tgt, al.tgt_units)
    return us is not None and ut is not None and us.agrees(ut)


def _settle(s_left: list[Num], t_left: list[Num], al: Alignment, s_words=(), t_words=()) -> None:
    """The leftovers no explanation took: changed values, then missing and added ones."""
    # 5. changed values: pair look-alikes (12 ~ 21), then the rest in order when counts agree
    if s_left and t_left:
        _pair_similar(s_left, t_left, al)
        if s_left and len(s_left) == len(t_left):
            al.changed.extend(zip(s_left, t_left))
            s_left, t_left = [], []
    # 5b. a number explained by a number word of the other side, while that side has a number of
    # the same kind that nothing explains: the word belongs elsewhere and the number changed
    # (``2&1`` -> ``5&1`` beside an unrelated ``hai``)
    if s_words and t_left and not s_left:
        _rematch(s_words, t_left, al, source_side=True)
    if t_words and s_left and not t_left:
        _rematch(t_words, s_left, al, source_side=False)
    # 6. a value already matched elsewhere is a repeated mention, not a loss
    matched_s = set().union(*(s.all_keys for s, _ in al.matched)) if al.matched else set()
    matched_t = set().union(*(t.all_keys for _, t in al.matched)) if al.matched else set()
    # a lone zero is mostly a score or a placeholder (1-0 -> "one-nil"); "100 percent" an idiom
    al.missing = [s for s in s_left if not (s.all_keys & (matched_s | matched_t)) and not _idiom(s)]
    al.added = [t for t in t_left if not (t.all_keys & (matched_s | matched_t)) and not _idiom(t)]


def _values(view) -> set:
    """Every value a side stands for: the keys of its digit numbers and its spelled-out words."""
    out = set().union(*(w.values for w in view.memo(word_numbers)))
    for n in view.memo(parse_numbers):
        out |= _numeric(n.all_keys)
        out.update(p.value for p in n.parts)
    return out


def _close(a: float, b: float) -> bool:
    """Two counts a slip could swap: different, and within a factor of ten of each other."""
    return a != b and a > 0 and b > 0 and max(a, b) / min(a, b) <= 10


def _word_changes(s_left: list[Num], t_left: list[Num], al: Alignment, src, tgt) -> None:
    """Pair an unexplained number word of one side with an unexplained number of the other side
    (``two stores`` -> ``tres establecimientos``, ``10 years`` -> ``eleven years``) as a change.
    Only between languages whose number words we read on both sides."""
    if src.lang not in _SPELLED_LANGS or tgt.lang not in _SPELLED_LANGS:
        return
    sw, tw = src.memo(word_numbers), tgt.memo(word_numbers)
    if not sw and not tw:
        return
    # a word is unexplained when the other side's digits and cardinal words lack its value
    # (strict), and lost for good when even the other side's loose words lack it (``both``,
    # ``a couple``, ``fifty-eight`` read word by word); a change needs one lost word
    s_strict, t_strict = _values(src), _values(tgt)
    s_loose = s_strict | src.memo(spelled_values) | src.memo(glued_values)
    t_loose = t_strict | tgt.memo(spelled_values) | tgt.memo(glued_values)
    sw_lost = [w for w in sw if not (w.values & t_loose)]
    tw_lost = [w for w in tw if not (w.values & s_loose)]
    if not sw_lost and not tw_lost:
        return
    # open: the other side lacks the value, or has it fewer times (``cinco semanas ... 6 de
    # noviembre`` -> ``six weeks ... November 6``: two sixes for one)
    s_count, t_count = _counts(src, sw), _counts(tgt, tw)
    sw_open = [w for w in sw if not (w.values & t_strict) or s_count[w.value] > t_count[w.value]]
    tw_open = [w for w in tw if not (w.values & s_strict) or t_count[w.value] > s_count[w.value]]
    # looser counterparts: single number words the items do not cover (Arabic ``ثلاثة``, Chinese
    # ``六`` without a classifier), when their value is nowhere on the other side
    if tw_lost:
        sw_open += [w for w in _weak_words(src, sw) if w.value not in t_loose]
        duals = _dual_words(src)  # "the pair's business" -> "des trois protagonistes"
        if duals and len(duals) + s_count[2.0] > _twos(t_count, t_strict, t_loose):
            sw_open += duals
    if sw_lost:
        tw_open += [w for w in _weak_words(tgt, tw) if w.value not in s_loose]
        duals = _dual_words(tgt)
        if duals and len(duals) + t_count[2.0] > _twos(s_count, s_strict, s_loose):
            tw_open += duals
    # the counterpart must be foreign to the lost word's own phrase: ``fourteen`` ~ ``on dört``
    # (14) is not 4 changed; ``both`` elsewhere in the sentence does not explain a ``two``
    sw_local = {id(w): _local_values(src, w) for w in sw_lost}
    tw_local = {id(w): _local_values(tgt, w) for w in tw_lost}
    _pair_words(sw_lost, tw_open, s_left, t_left, al, local=sw_local)
    _pair_words(sw_open, tw_lost, s_left, t_left, al, lost_on_target=True, local=tw_local)


_EN_DUAL = lazyre.compile(r"(?<![\p{L}\-])(both|pair)(?![\p{L}\-])", regex.IGNORECASE)


def _dual_words(view) -> list[WordNum]:
    """English ``both`` and ``pair`` as a count of two, a counterpart for a number word of the
    other side that has no other (``both sides`` -> ``tre fazioni`` is a changed count), when
    that side writes fewer twos (``both chains two years ago`` -> ``le tre catene due anni fa``)."""
    if view.lang != "en":
        return []
    return [WordNum(m.start(), m.end(), m.group(), 2.0, frozenset({2.0})) for m in _EN_DUAL.finditer(view.text)]


def _twos(count: Counter, strict: set, loose: set) -> int:
    """How many twos a side writes: its twos in digits and words, or one for a loose word
    (``entrambi``, ``beide``) when it has no other."""
    return count[2.0] or int(2.0 in loose and 2.0 not in strict)


def _counts(view, items) -> Counter:
    """How many times each value is written on a side: numbers in digits and number words."""
    c = Counter(_key(n.value * n.scale) for n in view.memo(parse_numbers) if not n.optional)
    c.update(w.value for w in items)
    return c


def _weak_word_changes(s_left: list[Num], t_left: list[Num], al: Alignment, src, tgt) -> None:
    """A number left over on one side and a single number word of the other side whose value is
    nowhere on the first (Arabic ``السابعة والأربعين`` -> ``37th``): a changed number, not one
    added. Not in languages whose number words are common words (Vietnamese ``năm``, Hindi ``दो``)."""
    if src.lang not in _SPELLED_LANGS or tgt.lang not in _SPELLED_LANGS:
        return
    plain = ("number", "part", "ordinal")
    for left, view, other, word_on_source in ((t_left, src, tgt, True), (s_left, tgt, src, False)):
        nums = [n for n in left if n.kind in plain]
        if not nums or view.lang in _NO_ITEMS - _CJK_ITEM_LANGS:
            continue
        known = _values(other) | other.memo(spelled_values)
        done = {id(x) for pair in al.changed for x in pair}
        words = [w for w in _weak_words(view, ()) if w.value not in known and id(w) not in done
                 and not (_local_values(view, w) & known)]
        for n in nums:
            for w in words:
                if _close(w.value, n.value * n.scale):
                    al.changed.append((w, n) if word_on_source else (n, w))
                    left.remove(n)
                    words.remove(w)
                    break


def _weak_words(view, items) -> list[WordNum]:
    """Number words of ``view`` outside its items (``spelled_tokens``), as WordNum."""
    out = []
    for a, b, v in view.memo(spelled_tokens):
        if not any(w.start < b and a < w.end for w in items) and not HAS_DIGIT.search(view.text, max(0, a - 3), a) \
                and view.text[a:b].casefold() not in _LOOSE_WORDS:
            out.append(WordNum(a, b, view.text[a:b], v, frozenset({v})))
    return out


_WORD_AROUND = lazyre.compile(r"[\p{L}\p{M}]+(?:['’\-‐][\p{L}\p{M}]+)*[ \u00a0\-]*$")
_WORD_AFTER = lazyre.compile(r"[ \u00a0\-]*[\p{L}\p{M}]+(?:['’\-‐][\p{L}\p{M}]+)*")


def _local_values(view, w) -> frozenset:
    """Values read in the lost word's phrase: the word with its neighbour on each side."""
    text = view.text
    a, b = w.start, w.end
    if (m := _WORD_AROUND.search(text, max(0, a - 30), a)) is not None:
        a = m.start()
    if (m := _WORD_AFTER.match(text, b)) is not None:
        b = m.end()
    return spelled_values(TextView(text[a:b], view.lang, view.side))


def _pair_words(sw, tw, s_left, t_left, al, lost_on_target=False, local=None) -> None:
    """Pair the lost words of one side with an open word or a leftover number of the other."""
    plain = ("number", "part", "ordinal", "day")
    done = {id(s) for s, _ in al.changed} | {id(t) for _, t in al.changed}
    s_cands = [s for s in list(sw) + [s for s in s_left if s.kind in plain] if id(s) not in done]
    for t in list(tw) + [t for t in t_left if t.kind in plain]:
        if id(t) in done:
            continue
        for s in s_cands:
            lost = t in tw if lost_on_target else s in sw
            other = s if lost_on_target else t
            near = local.get(id(t if lost_on_target else s), ()) if local else ()
            # a lost count against a zero: ``six officers`` -> ``0人``
            zero = not lost_on_target and t.value == 0
            if lost and other.value not in near and (zero or _close(s.value * getattr(s, "scale", 1.0),
                                                                    t.value * getattr(t, "scale", 1.0))):
                al.changed.append((s, t))
                s_cands.remove(s)
                if s in s_left:
                    s_left.remove(s)
                if t in t_left:
                    t_left.remove(t)
                break


# a century number's word after it: 20世纪, 20 世紀, 20세기, 20वीं सदी / शताब्दी, 20-го века, 20. Jahrhundert
_CENTURY_AFTER = lazyre.compile(
    r"(?:\.|-?(?:th|st|nd|rd|e|er|ème|º|°|-?(?:го|ом|м|й)|वीं))?[ \u00a0]?"
    r"(?:世纪|世紀|세기|सदी|शताब्दी|век|столети|Jahrhundert|century|centur|siècle|siglo|secolo|século|wiek|yüzyıl|eeuw)",
    regex.IGNORECASE)


_ROMAN_CENTURY = lazyre.compile(
    r"(?<![\p{L}])(M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3}))(?:e|ème|er|º|\.)?[ \u00a0]?"
    r"(?:siècle|secolo|siglo|século|wieku|wiek|века|веке|век|столітт|Jahrhundert|century|yüzyıl|eeuw)")
# the century word first: siglo XIX, século XIX, secolo XIX, Spanish and Italian abbreviations (s. XIX)
_CENTURY_ROMAN = lazyre.compile(
    r"(?:siglos?|séculos?|secoli|secolo|s\.)[ \u00a0]"
    r"(M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3}))(?![\p{L}\p{N}])")
_DECIMALS = lazyre.compile(r"\p{Nd}[.,](\p{Nd}{1,2})$")


def _roman_century_spans(text: str) -> list[tuple[int, int, int]]:
    """(start, end, value) of each Roman-numeral century of ``text`` (``XVIIe siècle``, ``siglo XIX``), in order."""
    out = [(m.start(1), m.end(1), _roman(m.group(1))) for m in _ROMAN_CENTURY.finditer(text) if m.group(1)]
    out += [(m.start(1), m.end(1), _roman(m.group(1))) for m in _CENTURY_ROMAN.finditer(text) if m.group(1)]
    return sorted(out)


def _same_decimals(s: Num, t: Num) -> bool:
    """Both numbers written with as many decimals (``20,4`` and ``20.0``, also before a scale
    word: ``20,4 млн`` and ``20.0 million``): no rounding."""
    a, b = _DECIMALS.search(_digits_text(s)), _DECIMALS.search(_digits_text(t))
    return bool(a and b and len(a.group(1)) == len(b.group(1)))


def _digits_text(n: Num) -> str:
    """The figure without its scale word (``20.0`` of ``20.0 million``)."""
    if n.num_end and n.start < n.num_end < n.end:
        return n.text[:n.num_end - n.start]
    return n.text


def _roman_centuries(left: list[Num], al: Alignment, roman_view, view, roman_on_source: bool) -> None:
    """Pair a leftover century number (a century word follows it) with a Roman-numeral century of
    the other side whose value it does not have."""
    cands = [n for n in left if 1 <= n.value <= 99 and n.value == int(n.value)
             and _CENTURY_AFTER.match(view.text, n.num_end or n.end)]
    if not cands:
        return
    romans = _roman_century_spans(roman_view.text)
    if not romans:
        return
    for n in list(cands):  # the same century (XVIIe siècle ~ 17th century): explained
        if any(v == n.value for _, _, v in romans):
            left.remove(n)
            cands.remove(n)
            romans = [r for r in romans if r[2] != n.value]
    for n in cands:
        if not romans:
            break
        a, b, v = romans.pop(0)
        w = Num(a, b, roman_view.text[a:b], float(v), frozenset({float(v)}), kind="ordinal", num_end=b)
        al.changed.append((w, n) if roman_on_source else (n, w))
        left.remove(n)


def _century_of(n: Num, view, other) -> bool:
    """``n`` names a century (a century word follows it) in which a year or decade of ``other`` lies."""
    if not (1 <= n.value <= 30) or n.value != int(n.value) or not _CENTURY_AFTER.match(view.text, n.num_end or n.end):
        return False
    c = int(n.value)
    return any(o.kind in ("year", "decade") and c in ((int(o.value) - 1) // 100 + 1, int(o.value) // 100 + 1)
               for o in other.memo(parse_numbers))


_GROUP_GAP = lazyre.compile(r"[ \u00a0\u202f]")


def _digits(n: Num) -> str:
    return "".join(c for c in n.text if c.isdigit())


# a figure of more digits than this is not looked for as a regrouped run (bounds the runs indexed
# per number of ``parts``: issue 15, thousands of numbers in one segment)
_REGROUP_MAX_DIGITS = 64


def _regroup(whole: list[Num], parts: list[Num], parts_text: str) -> None:
    """Drop a number of ``whole`` (four digits or more) whose digits are exactly those of a run of
    two or more numbers of ``parts`` of two digits or more, separated by single spaces (``433611`` ~
    ``43 36 11``), and that run: the same figure grouped differently, not one lost and others added.

    Each number of ``whole``, in order, takes the first run (by its first number) still whole.
    The runs are indexed by their digits once (``_runs``), so the work is linear in the numbers
    (at most ``_REGROUP_MAX_DIGITS`` digits a run), not every number against every other."""
    wanted = {d for d in map(_digits, whole) if 4 <= len(d) <= _REGROUP_MAX_DIGITS and d.isascii()}
    if not wanted or len(parts) < 2:
        return
    ordered = sorted(parts, key=lambda n: n.start)
    runs = _runs(ordered, parts_text, wanted)
    alive = [True] * len(ordered)
    heads: dict[str, int] = {}
    gone_whole: set[int] = set()
    for w in whole:
        found = runs.get(_digits(w))
        if not found:
            continue
        h = heads.get(_digits(w), 0)
        while h < len(found) and not all(alive[found[h][0]:found[h][1]]):
            h += 1  # a number of this run went to an earlier figure: the run is broken for good
        heads[_digits(w)] = h
        if h < len(found):
            i, j = found[h]
            alive[i:j] = [False] * (j - i)
            gone_whole.add(id(w))
    if gone_whole:
        gone = {id(n) for n, a in zip(ordered, alive) if not a}
        whole[:] = [w for w in whole if id(w) not in gone_whole]
        parts[:] = [n for n in parts if id(n) not in gone]


def _runs(ordered: list[Num], text: str, wanted: set[str]) -> dict[str, list[tuple[int, int]]]:
    """Every run of two or more adjacent numbers of ``ordered`` (two digits or more each, single
    gaps) whose digits are one of ``wanted``: digits -> [(first, last + 1)], by first number."""
    dig = [_digits(n) for n in ordered]
    cap = max(map(len, wanted))
    runs: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for i, d in enumerate(dig):
        if len(d) < 2:
            continue
        acc, last = d, i
        for j in range(i + 1, len(ordered)):
            if len(acc) >= cap or len(dig[j]) < 2 or not _GROUP_GAP.fullmatch(text[ordered[last].end:ordered[j].start]):
                break
            acc += dig[j]
            last = j
            if acc in wanted:
                runs[acc].append((i, j + 1))
    return runs


def _idiom(n: Num) -> bool:
    return (n.value == 0 and n.kind in ("number", "part")) or (n.kind == "percent" and n.value == 100)


# a conversion rounded by a translator: 30 yards ~ 27 metres, 20 feet ~ seis metros
_LOOSE_TOLERANCE = 0.15


def _drop_loose(items: list[Num], view, cache: dict, other, others: list[Num], other_cache: dict) -> None:
    """Drop measures whose other side uses another unit of the same dimension: compared with a
    number in that unit when there is one (within 15%), else taken as spelled out or dropped
    with the conversion (``20 feet`` -> ``seis metros``)."""
    mentions = None
    for n in list(items):
        u = num_unit(n, view, cache)
        if u is None or not (u.dims & MEASURES):
            continue
        if mentions is None:
            mentions = unit_mentions(other.text)
        # another unit of the same dimension, counted by a number word (seis metros, 两米)
        spelled = [(ids, a, b) for ids, a, b in mentions
                   if any(UNITS[i][0] in u.dims and i not in u.ids for i in ids)
                   and _counted(other, a)]
        if not spelled:
            continue
        if _spelled_elsewhere(n, u, spelled, other):
            continue  # ``half an inch`` -> ``6 cm``: the worded quantity converts to something else
        units = [(o, ou) for o in others if (ou := num_unit(o, other, other_cache)) is not None
                 and ou.dims & u.dims]
        if any(ou.agrees(u) for _, ou in units):
            continue  # a leftover in the same unit on the other side: a changed value (300 km -> 307 km)
        if not units or any(_loose_conversion(n.value * n.scale, u, o.value * o.scale, ou) for o, ou in units):
            items.remove(n)


# an English quantity in words before its unit: "a mile", "half an inch", "an inch and a half"
_EN_WORDED = lazyre.compile(r"(?:^|\s)(half\s+an?|an?|one)\s*$", regex.IGNORECASE)


def _spelled_elsewhere(n: Num, u: Unit, spelled: list, other) -> bool:
    """Every worded quantity of the other side (``spelled``) is one we can read (English ``a
    mile``, ``half an inch``) and none converts to ``n`` (loosely, rounded to n's step): the
    number does not render it."""
    if other.lang != "en":
        return False
    for ids, a, b in spelled:
        m = _EN_WORDED.search(other.text[max(0, a - 12):a])
        if not m or other.text[b:b + 4].lstrip().lower().startswith(("and", "or", "to")):
            return False  # not read: "two or three miles", "a mile and a half"
        value = 0.5 if m.group(1).lower().startswith("half") else 1.0
        if converts(value, Unit(frozenset(ids), a, b), n.value * n.scale, u, tolerance=_LOOSE_TOLERANCE, precise=True):
            return False
    return True


def _loose_conversion(v1: float, u1: Unit, v2: float, u2: Unit) -> bool:
    """A rough conversion (within 15%): more than 3% off the exact figure (a rule-of-thumb factor,
    a compound measure: ``6-foot-6`` -> ``1,98 m``, ``550 pound`` -> ``227 quilos``), or a rounding
    of it. Within 3% a figure that is no rounding of the exact conversion is a changed digit
    (385 miles, 619.6 km -> ``627 km``), not a loose conversion."""
    if not converts(v1, u1, v2, u2, tolerance=_LOOSE_TOLERANCE):
        return False
    return not converts(v1, u1, v2, u2) or bool(converts(v1, u1, v2, u2, precise=True))


def _counted(view, start: int) -> bool:
    """A number (digits or words) right before position ``start``: ``seis metros``, ``6 m``."""
    before = view.text[max(0, start - 24):start]
    if any(ch.isdigit() for ch in before[-8:]):
        return True
    words = before.split()
    if not words:
        return bool(before) and bool(spelled_values(TextView(before[-4:], view.lang, view.side)))
    tail = " ".join(words[-2:])
    return bool(spelled_values(TextView(tail, view.lang, view.side)))


def _fahrenheit_decades(decades: list[Num], temps: list[Num], temps_view, cache: dict) -> None:
    """Drop a two-digit decade (``the 80s``: temperatures in the eighties, Fahrenheit) and a number
    of the other side with a temperature unit that lies in that range once converted to Celsius
    (``27 ºC``, ``27 градусов``): the weather idiom rendered as a converted figure; every such
    temperature goes with it (``entre os 27 e os 30 graus``: the range renders the decade)."""
    for d in list(decades):
        if d.kind != "decade" or not (0 <= d.value < 100):
            continue
        lo, hi = (d.value - 32) * 5 / 9 - 1.0, (d.value + 9 - 32) * 5 / 9 + 1.0
        inside = [t for t in temps if _temperature_in(t, temps_view, cache, lo, hi, d.value)]
        if inside:
            decades.remove(d)
            temps[:] = [t for t in temps if t not in inside]


def _temperature_in(t: Num, view, cache: dict, lo: float, hi: float, decade: float) -> bool:
    """A number with a temperature unit (its own, or the one closing its range) in [lo, hi]
    (Celsius) or in the decade itself (Fahrenheit kept)."""
    u = num_unit(t, view, cache)
    v = t.value * t.scale
    if u is None or "temperature" not in u.dims:
        return False
    celsius_only = "C" in u.ids and "F" not in u.ids  # 86 ºC is no temperature in the 80s
    return lo <= v <= hi or (not celsius_only and decade <= v <= decade + 9)


def _small(n: Num) -> bool:
    return n.kind in ("number", "ordinal", "part") and n.scale == 1.0 and n.value <= 20 and n.value == int(n.value)


def _explained_by_words(n: Num, other) -> bool:
    """A number spelled out in words on the other side, or a month number named there."""
    keys = _numeric(n.all_keys)
    if keys & other.memo(spelled_values):
        return True
    if n.kind not in ("year", "percent") and 1 <= n.value <= 12 and n.value == int(n.value):
        return n.value in other.memo(month_values)
    return False


def _soft(n: Num) -> bool:
    """Years, ordinals, days, decades and small counts (1-10) are often restructured by a
    translator (``first``, ``both``, Korean and Japanese counters, ``in 2019`` dropped from a
    headline): reported as minor. Not a figure written with a leading zero (``04:08``, ``25 006``):
    minutes and digit groups are no counts."""
    if n.kind in ("year", "ordinal", "day", "decade", "month"):
        return True
    if len(n.text) > 1 and n.text[0] in "0０٠۰०":
        return False
    return n.kind in ("number", "part") and n.scale == 1.0 and n.value <= 10 and n.value == int(n.value)


def _label(n: Num) -> str:
    return n.text


@check("NUM001", "number-missing", "accuracy/omission", "major")
def number_missing(pair, ctx):
    """A number of the source has no counterpart in the target. Numbers are compared by value,
    not as strings: locale formats (``21,7 millones`` = ``21.7 million``, ``1.000,5`` =
    ``1,000.5`` = ``1 000,5`` = ``1'000.5``), digits of any script (``٣``, ``३``, ``３``),
    scale words (``1100万``, ``3 lakh``, ``2 Milliarden``), times (``14:30`` ~ ``2:30 p.m.``)
    and decades (``1990s`` ~ ``90er``) all match. Not flagged: a number spelled out in the
    target (``3`` -> ``tres``, ``三``), a month number named in words (``2024年11月`` ->
    ``November 2024``), a unit conversion (``5 miles`` -> ``8 km``, see UNI002), a rounding
    within 3% (not of a year, nor of a whole number under 1000), a repeated mention, names with digits (``G7``, ``MP3``, ``COVID-19``), a day
    for 24 hours (``сутки``, ``一天``), a Fahrenheit decade rendered in Celsius (``the 80s`` ->
    ``27 °C``). Years, ordinals, days, decades and counts up to 10 are reported as minor (translators
    restructure them); other numbers as major. The span is the source number."""
    return [hit(f"source number '{_label(s)}' is missing from the target", source=(s.start, s.end),
                severity="minor" if _soft(s) else None, primary="source") for s in align(ctx).missing]


@check("NUM002", "number-added", "accuracy/addition", "major")
def number_added(pair, ctx):
    """A number in the target has no counterpart in the source: compared by value with the
    same allowances as NUM001 (locale formats, native digits, scale words, numbers spelled out
    in the source, month names, unit conversions, rounding, names with digits). Digits of
    character references (``&#39;``, ``&#x2014;``, ``&frac12;``) and of inline codes (``%1$s``,
    ``{0}``, ``<h2>``) are no numbers, on either side (URLs keep theirs). Years, ordinals
    and counts up to 10 are minor (translators make counts explicit: ``both`` -> ``2``, Korean and
    Japanese counters). The span is the target number."""
    return [hit(f"target number '{_label(t)}' is not in the source", target=(t.start, t.end),
                severity="minor" if _soft(t) else None) for t in align(ctx).added]


@check("NUM003", "number-changed", "accuracy/mistranslation", "major")
def number_changed(pair, ctx):
    """A source number appears in the target with a different value (``12`` -> ``21``,
    ``15%`` -> ``50%``, ``2019`` -> ``2009``): a source number and a target number are both
    unmatched and look like the same figure (same digits reordered, same kind such as a
    percentage or a year, or the only leftover on each side). Locale formats and scale words
    are compared by value first, so ``1.000`` (es) -> ``1,000`` (en) or ``2 millones`` ->
    ``2 million`` are not flagged. Also reported as changed:

    - counts in words on either side, in digits on the other or in words on both (``two
      stores`` -> ``tres establecimientos``, ``10 years`` -> ``eleven years``, ``six`` ->
      ``five`` beside a matched ``1993``), compared by value and by how many times each value
      is written (``cinco semanas ... 6 de noviembre`` -> ``six weeks ... November 6``); words
      glued to what they count (``five-day``), Chinese/Japanese numerals before a classifier
      (``六个月``), Thai number words inside unspaced text (``หกคน``), Arabic and Hebrew
      duals (``عامين``, ``שנתיים``: two years); the lost word's own phrase must not hold
      the other value (``fourteen`` ~ ``on dört``), ``both`` elsewhere does not excuse a
      changed ``two``, and two counts side by side are no compound (``only four`` is not 5);
      English ``both`` and ``pair`` count two against a number word of the other side that
      writes fewer twos (``both sides`` -> ``tre fazioni``);
    - a month number against a month named on the other side with another value (``January`` ->
      ``5月``, ``In June`` -> ``4월``; ``Theresa May`` and the verb ``may`` are no months);
    - a Vietnamese weekday, which is a number (``Saturday`` -> ``thứ Sáu``, Friday, or
      ``thứ Tám``; the lower-case ordinal ``lần thứ hai`` is no weekday);
    - a number explained by a number word of the other side while that side has a number of
      the same kind that nothing explains (``2&1`` -> ``5&1`` beside an unrelated ``hai``).

    Not reported: roundings within 3% of a number of three digits or more, or with decimals
    (``21.7 million`` -> ``about 22 million``; a year is never rounded: ``1987`` -> ``1990`` is a
    change, nor a two-digit count or age: ``41`` -> ``40``), unit conversions (a rounding of the exact
    conversion to the figure's own step, or within 1% for a whole figure; a rough conversion
    into another unit system 3-15% off, as ``6-foot-6`` -> ``1,98 m``; within 3%, a figure that
    is no rounding is a changed digit: 385 miles -> ``627 km``), phone numbers regrouped (``031/433611`` -> ``031/43 36 11``), ranges with one
    scale word (``300万至500万`` -> ``3 to 5 million``), ``三成`` -> ``30%``, ``50万`` ->
    ``half a million``. A converted figure explains a leftover only when it does not render
    its own source quantity in the same unit (``300 km (180 miles)`` -> ``307 km (180 mil)``
    is a change). Spans: the target number, then the source number."""
    return [hit(f"number changed: '{_label(s)}' in the source, '{_label(t)}' in the target",
                target=(t.start, t.end), source=(s.start, s.end)) for s, t in align(ctx).changed]
