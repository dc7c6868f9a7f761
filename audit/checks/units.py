"""UNI: a number whose unit changes meaning between source and target, and unit conversions.

Reuses the number alignment of ``audit.checks.numbers`` and the unit lexicon of
``audit.units``.
"""
from __future__ import annotations

from ..model import hit
from ..registry import check
from ..units import UNITS, units_in
from .numbers import align, num_unit

# Dimensions a translation should not attach to a bare source number: a time, length, mass...
# appearing from nowhere is the signature of a misread word (``214 según`` -> ``214 seconds``).
# Years are left out: ages and durations are often made explicit (``he is 30`` -> ``30 años``).
_ADDED_DIMS = frozenset({"time", "length", "mass", "area", "volume", "speed"})
_PLAIN = frozenset({"number"})


def _span(n, u):
    if u is None:
        return (n.start, n.end)
    return (min(n.start, u.start), max(n.end, u.end))


def _describe(u) -> str:
    return "/".join(sorted(u.ids))


@check("UNI001", "unit-mismatch", "accuracy/mistranslation", "major")
def unit_mismatch(pair, ctx):
    """A number keeps its value but its unit changes meaning: ``5 km`` -> ``5 kg``,
    ``10 minutes`` -> ``10 segundos``, ``20 miles`` -> ``20 km`` (same value, so no
    conversion was made), ``$5`` -> ``5 €``; or the target attaches a unit of time, length,
    mass, area, volume or speed to a number that has no unit in the source and the source
    mentions no unit of that kind at all (``214 según dijeron`` -> ``214 seconds they said``).
    Ambiguous words are given every reading (``pound`` is money or mass, ``degrees`` Celsius
    or Fahrenheit), and they only clash when no reading agrees. Not flagged: years, ages and
    other units made explicit (``he is 30`` -> ``tiene 30 años``), percentages and currencies
    added to a bare number, deliberate conversions (UNI002). Spans: the target number with
    its unit, then the source number (with its unit)."""
    al = align(ctx)
    if not al.matched:
        return
    src_dims = None
    for s, t in al.matched:
        if s.optional or t.optional:
            continue
        ut = num_unit(t, ctx.tgt, al.tgt_units)
        if ut is None:
            continue
        us = num_unit(s, ctx.src, al.src_units)
        if us is not None:
            if not us.agrees(ut):
                yield hit(f"unit changed: '{pair.source[us.start:us.end]}' in the source, "
                          f"'{pair.target[ut.start:ut.end]}' in the target",
                          target=_span(t, ut), source=_span(s, us))
            continue
        if s.kind not in _PLAIN or t.kind not in _PLAIN or "year" in ut.ids:
            continue
        dims = ut.dims
        if not dims <= _ADDED_DIMS:
            continue
        if src_dims is None:
            src_dims = units_in(pair.source)
        if dims & src_dims:
            continue
        yield hit(f"the target reads '{pair.target[t.start:ut.end] if ut.start >= t.start else pair.target[ut.start:t.end]}'"
                  f" but the source number '{s.text}' has no unit",
                  target=_span(t, ut), source=(s.start, s.end))


@check("UNI002", "unit-converted", "locale-convention/measurement-format", "minor")
def unit_converted(pair, ctx):
    """A quantity was converted to another unit: ``5 miles`` -> ``8 km``, ``100 °F`` ->
    ``38 °C``, ``10 lb`` -> ``4.5 kg`` (the converted value within about 3%). Often a
    deliberate localisation, hence minor: it asks a reviewer to confirm the conversion is
    wanted and correct. The numbers are not reported missing or added by NUM001/NUM002.
    Spans: the target quantity, then the source quantity."""
    al = align(ctx)
    for s, t, a, b in al.converted:
        us = num_unit(s, ctx.src, al.src_units)
        ut = num_unit(t, ctx.tgt, al.tgt_units)
        yield hit(f"converted from {a} to {b}: '{pair.source[_span(s, us)[0]:_span(s, us)[1]]}' -> "
                  f"'{pair.target[_span(t, ut)[0]:_span(t, ut)[1]]}'",
                  target=_span(t, ut), source=_span(s, us))
