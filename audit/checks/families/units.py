"""UNI: a number whose unit changes meaning between source and target, and unit conversions.

Reuses the number alignment of ``audit.checks.numbers`` and the unit lexicon of
``audit.units``.
"""
from __future__ import annotations

from functools import lru_cache

import regex

from audit.checks.families.numbers import align, num_unit
from audit.checks.registry import check
from audit.core import lazyre
from audit.core.model import hit
from audit.lang import cldr
from audit.lang.numbers import parse_numbers
from audit.lang.units import UNITS, converts, unit_mentions

_WORD_NEXT = lazyre.compile(r"[ \u00a0\u202f]?[\p{L}]")
_SCORE_BEFORE = lazyre.compile(r"\p{Nd}\s?[-–—:/]\s?$")
_SCORE_AFTER = lazyre.compile(r"\s?[-–—:/]\s?\p{Nd}")
_DIGIT_NEXT = lazyre.compile(r"[ \u00a0]?\p{Nd}")
_RANGE_AFTER = lazyre.compile(r"[ \u00a0]?(?:[-–—~]|to|and|or)[ \u00a0]?\p{Nd}", regex.IGNORECASE)


@lru_cache(maxsize=64)
def _weekdays(lang):
    """Weekday names (shipped CLDR data): ``يوم السبت``, ``روز شنبه``: a day word naming a weekday is no unit."""
    names = set()
    for lg in {lang or "en", "en"}:
        names.update(n.casefold() for n, _ in cldr.calendar_names(lg, "weekdays") if len(n) >= 3)
    return tuple(sorted(names, key=len, reverse=True))


def _date_like(text: str, end: int, lang) -> bool:
    """The unit word starts a date or weekday (``30 tháng 9``, ``يوم السبت``), not a quantity."""
    if _DIGIT_NEXT.match(text, end):
        return True
    rest = text[end:end + 16].lstrip().casefold()
    rest = rest[2:] if rest.startswith("ال") else rest
    return any(rest.startswith(w) or rest.startswith(w.removeprefix("ال")) for w in _weekdays(lang))


def _approx_conversion(s, us, t, ut, others, tgt_units, tgt, taken=frozenset()) -> bool:
    """Same dimension, different unit, same value: an approximate conversion (30 yards ~ 30 m) or
    the converted figure is elsewhere in the target (10 inches ... 25 cm)."""
    if us.dims != ut.dims or us.dims & {"currency", "percent"}:
        return False
    if converts(s.value * s.scale, us, t.value * t.scale, ut, tolerance=0.12):
        return True
    for t2 in others:
        if id(t2) in taken:
            continue  # that figure already renders another source quantity in its own unit
        u2 = num_unit(t2, tgt, tgt_units)
        if u2 is not None and t2 is not t and converts(s.value * s.scale, us, t2.value * t2.scale, u2, tolerance=0.05):
            return True
    return False

# Dimensions a translation should not attach to a bare source number: a time, length, mass...
# appearing from nowhere is the signature of a misread word (``214 según`` -> ``214 seconds``).
# Years are left out: ages and durations are often made explicit (``he is 30`` -> ``30 años``).
_ADDED_DIMS = frozenset({"time", "length", "mass", "area", "volume", "speed"})
_PLAIN = frozenset({"number"})


def _free_source_dims(source: str, ctx, al) -> frozenset:
    """Dimensions of the source's unit words that no translated quantity has used up: in
    ``48 horas`` -> ``48 hours`` the ``horas`` is rendered, so it does not excuse a ``214 seconds``
    elsewhere in the target; a unit word whose number keeps no unit in the target stays free."""
    used = []
    for s, t in al.matched:
        us = num_unit(s, ctx.src, al.src_units)
        ut = num_unit(t, ctx.tgt, al.tgt_units)
        if us is not None and ut is not None and us.agrees(ut):
            used.append((us.start, us.end))
    dims = set()
    for ids, a, b in unit_mentions(source):
        if not any(ua <= a < ub or a <= ua < b for ua, ub in used):
            dims.update(UNITS[i][0] for i in ids)
    return frozenset(dims)


def _near_dims(source: str, s) -> frozenset:
    """Dimensions of unit words close after (or just before) a source number, which may be its own
    unit in a form the parser does not attach (``300 km'den``, ``1-4 นิ้ว``, ``200 e 400 metri``)."""
    lo, hi = max(0, s.start - _NEAR_BEFORE), s.end + _NEAR_AFTER
    return frozenset(UNITS[i][0] for ids, a, b in unit_mentions(source[lo:hi]) for i in ids)


_NEAR_BEFORE, _NEAR_AFTER = 6, 20


def _span(n, u):
    if u is None:
        return (n.start, n.end)
    return (min(n.start, u.start), max(n.end, u.end))


def _describe(u) -> str:
    return "/".join(sorted(u.ids))


def _taken(al, ctx) -> frozenset:
    """Target figures matched to a source quantity in an agreeing unit."""
    return frozenset(id(t2) for s2, t2 in al.matched
                     if (a := num_unit(s2, ctx.src, al.src_units)) is not None
                     and (b := num_unit(t2, ctx.tgt, al.tgt_units)) is not None and a.agrees(b))


@check("UNI001", "unit-mismatch", "accuracy/mistranslation", "major")
def unit_mismatch(pair, ctx):
    """A number keeps its value but its unit changes meaning: ``5 km`` -> ``5 kg``,
    ``10 minutes`` -> ``10 segundos``, ``20 miles`` -> ``20 km`` (same value, so no
    conversion was made), ``$5`` -> ``5 €``; or the target attaches a unit of time, length,
    mass, area, volume or speed to a number that has no unit in the source and the source
    mentions no unit of that kind at all (``214 según dijeron`` -> ``214 seconds they said``).
    Ambiguous words are given every reading (``pound`` is money or mass, ``degrees`` Celsius
    or Fahrenheit), and they only clash when no reading agrees. Not flagged: years and hours
    made explicit (``he is 30`` -> ``tiene 30 años``, ``at 4`` -> ``в 4 часа``), a unit added
    after a number that ends a phrase (``less than 48,`` -> ``menos de 48 minutos,``), scores
    and ranges (``2-0``), day words that start a date or name a weekday (``30 tháng 9``,
    ``يوم السبت``), percentages and currencies added to a bare number, and conversions, exact
    or approximate (``30 yards`` -> ``30 metros``; see UNI002). Spans: the target number with
    its unit, then the source number (with its unit)."""
    al = align(ctx)
    if not al.matched:
        return ()
    return list(_unit_mismatches(pair, ctx, al))


def _unit_mismatches(pair, ctx, al):
    src_dims = None
    taken = None
    for s, t in al.matched:
        if s.optional or t.optional:
            continue
        ut = num_unit(t, ctx.tgt, al.tgt_units)
        if ut is None:
            continue
        us = num_unit(s, ctx.src, al.src_units)
        if us is not None:
            if us.agrees(ut):
                continue
            if taken is None:
                taken = _taken(al, ctx)
            if not _date_like(pair.target, ut.end, ctx.tgt.lang) \
                    and not ("day" in us.ids and _date_like(pair.source, us.end, ctx.src.lang)) \
                    and not _approx_conversion(s, us, t, ut, ctx.tgt.memo(parse_numbers), al.tgt_units, ctx.tgt,
                                               taken) \
                    and not any(t2 is not t and t2.keys & t.keys and (u2 := num_unit(t2, ctx.tgt, al.tgt_units))
                                is not None and us.agrees(u2) for _, t2 in al.matched):
                yield hit(f"unit changed: '{pair.source[us.start:us.end]}' in the source, "
                          f"'{pair.target[ut.start:ut.end]}' in the target",
                          target=_span(t, ut), source=_span(s, us))
            continue
        if s.kind not in _PLAIN or t.kind not in _PLAIN or ut.ids & {"year", "h"}:
            continue
        # the source number is followed by a word the target may have misread as a unit,
        # and is not part of a score, range or time (2-0, 13:10)
        src_text = pair.source
        if not _WORD_NEXT.match(src_text, s.end) or _SCORE_BEFORE.search(src_text, 0, s.start) \
                or _SCORE_AFTER.match(src_text, s.end):
            continue
        if _date_like(pair.target, ut.end, ctx.tgt.lang):
            continue
        dims = ut.dims
        if not dims <= _ADDED_DIMS:
            continue
        if src_dims is None:
            src_dims = _free_source_dims(pair.source, ctx, al)
        if dims & src_dims or dims & _near_dims(pair.source, s) or _RANGE_AFTER.match(pair.target, t.end) \
                or pair.target[ut.start:ut.end].casefold() in pair.source.casefold():
            continue  # a unit of the source left free, a range sharing its unit, the unit written as is
        yield hit(f"the target reads '{pair.target[t.start:ut.end] if ut.start >= t.start else pair.target[ut.start:t.end]}'"
                  f" but the source number '{s.text}' has no unit",
                  target=_span(t, ut), source=(s.start, s.end))


@check("UNI002", "unit-converted", "locale-convention/measurement-format", "minor", status="opt-in")
def unit_converted(pair, ctx):
    """A quantity was converted to another unit: ``5 miles`` -> ``8 km``, ``100 °F`` ->
    ``38 °C``, ``10 lb`` -> ``4.5 kg`` (the converted value within about 3%). Often a
    deliberate localisation, hence minor and off by default (a correct conversion is no
    error: on professional news translations it marked 1.6% of clean pairs); select it
    (``--select UNI002``) where a style guide keeps the source's units, to review every
    conversion. Whether or not it runs, converted numbers are not reported missing or added
    by NUM001/NUM002.
    Spans: the target quantity, then the source quantity."""
    al = align(ctx)
    if not al.converted:
        return ()
    return list(_conversions(pair, ctx, al))


def _conversions(pair, ctx, al):
    spans = []
    for s, t, a, b in al.converted:
        spans.append((_span(t, num_unit(t, ctx.tgt, al.tgt_units)), _span(s, num_unit(s, ctx.src, al.src_units)),
                      a, b))
    for i, (ts, ss, a, b) in enumerate(spans):
        # "1 to 4 inches" -> "2,5 bis 10 cm" is one conversion: the range's flag covers "4 inches" -> "10 cm"
        if any(j != i and _within(ts, t2) and _within(ss, s2) and (ts, ss) != (t2, s2)
               for j, (t2, s2, _, _) in enumerate(spans)):
            continue
        yield hit(f"converted from {a} to {b}: '{pair.source[ss[0]:ss[1]]}' -> '{pair.target[ts[0]:ts[1]]}'",
                  target=ts, source=ss)


def _within(inner: tuple[int, int], outer: tuple[int, int]) -> bool:
    return outer[0] <= inner[0] and inner[1] <= outer[1]
