"""A number's readings by its grouping and decimal symbols, from the locale's CLDR symbols.

Part of ``audit.lang.numbers`` (see the package docstring)."""
from __future__ import annotations

from functools import lru_cache

from audit.lang import cldr
from audit.lang.numbers.digits import _SPACE_SEPS


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
