"""Cutting a text at span boundaries: the pieces between boundaries and the flags covering each.

Shared by the writers that mark spans inline (HTML, XLIFF with ITS marks): overlapping spans
cannot nest in markup, so the text is cut at every span boundary and each piece carries the
set of flags that cover it.
"""
from __future__ import annotations

from collections.abc import Iterable

from audit.core.model import Flag


def pieces(text: str, flags: Iterable[Flag], side: str) -> list[tuple[int, int, list[Flag]]]:
    """[(start, end, covering flags)] covering ``text`` completely, in order. Empty spans are
    returned as zero-length pieces at their position (insertion points)."""
    spans = [(sp.start, sp.end, f) for f in flags for sp in f.spans if sp.side == side]
    cuts = {0, len(text)}
    for s, e, _ in spans:
        cuts.add(s)
        cuts.add(e)
    points = sorted(cuts)
    out: list[tuple[int, int, list[Flag]]] = []
    empties: dict[int, list[Flag]] = {}
    for s, e, f in spans:
        if s == e:
            empties.setdefault(s, []).append(f)
    for a, b in zip(points, points[1:] + [None]):
        if a in empties:
            out.append((a, a, empties.pop(a)))
        if b is None:
            break
        covering = [f for s, e, f in spans if s <= a and b <= e and s < e]
        out.append((a, b, covering))
    for pos, fl in sorted(empties.items()):
        out.append((pos, pos, fl))
    return out


def flagged_snippet(pair, flag: Flag, limit: int) -> str | None:
    """The text of ``flag``'s primary span, cut after ``limit`` characters with ``…`` (None: the
    flag has no span)."""
    sp = flag.primary
    if sp is None:
        return None
    flagged = pair.text(sp.side)[sp.start:sp.end]
    return flagged[:limit] + "…" if len(flagged) > limit else flagged
