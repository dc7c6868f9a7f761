"""Catalog statistics for the reports: how many units of each file (and in all) are translated,
fuzzy, untranslated, obsolete... (``msgfmt --statistics`` style), counted from ``Pair.unit``.

A unit is counted once, however many plural forms (pairs) it has: consecutive pairs of one file
with the same ``unit.key`` are one unit. States are those the readers write (``UNIT_STATES``).
Obsolete PO entries are pairs that only ``--only obsolete`` selects, XLIFF ``translate="no"``
units are not pairs; the reader counts every one of them (``PairSource.meta["units"]``, handed over
in ``result.settings["units"]``), and for a single-file input the file's figures are the reader's
(every unit, whatever ``--skip`` or ``--only`` selected), or the pairs' where those are more. Untranslated units are not flagged (EMP001's option ``untranslated``); this
count is where they show. Fuzzy units are checked like the others; the text report marks their
segments ``(fuzzy)`` and the JSON report gives each segment's ``unit`` with its ``state``.
"""
from __future__ import annotations

from typing import Any

from audit.core.display import safe
from audit.core.model import UNIT_STATES


class CatalogStats:
    """Unit counts by state, per file and in total, fed one pair at a time."""

    def __init__(self, settings: Any = None):
        self.settings = settings
        self.files: dict[str, dict[str, int]] = {}
        self._last: tuple | None = None

    def add(self, pair) -> None:
        unit = pair.unit
        if unit is None:
            return
        o = pair.source_origin or pair.target_origin
        path = (o.path if o else None) or "?"
        ident = (path, unit.key)
        if unit.form is not None and ident == self._last:
            return  # another plural form of the same unit
        self._last = ident
        counts = self.files.setdefault(path, {})
        counts[unit.state] = counts.get(unit.state, 0) + 1

    def to_dict(self) -> dict[str, Any] | None:
        """``{"files": {path: {state: count}}, "total": {state: count}}``; None without catalog units."""
        if not self.files:
            return None
        files = {p: dict(c) for p, c in self.files.items()}
        reader = (self.settings or {}).get("units") if hasattr(self.settings, "get") else None
        if reader and len(files) == 1:
            counts = next(iter(files.values()))
            for state, n in reader.items():
                # the reader counted every unit of the file, the pairs only those selected (--skip
                # fuzzy, --only obsolete): the file's figures are the same whatever the selection
                if n and state in UNIT_STATES:
                    counts[state] = max(counts.get(state, 0), n)
        order = {s: i for i, s in enumerate(UNIT_STATES)}
        files = {p: dict(sorted(c.items(), key=lambda kv: order.get(kv[0], 99))) for p, c in sorted(files.items())}
        total: dict[str, int] = {}
        for c in files.values():
            for k, v in c.items():
                total[k] = total.get(k, 0) + v
        total = dict(sorted(total.items(), key=lambda kv: order.get(kv[0], 99)))
        return {"files": files, "total": total}

    def write_text(self, out, bold) -> None:
        d = self.to_dict()
        if d is None:
            return
        out.write("\n" + bold("Catalog units") + " (untranslated units are counted, not flagged)\n")
        rows = list(d["files"].items())
        if len(rows) > 1:
            rows.append(("total", d["total"]))
        width = min(60, max(len(safe(p)) for p, _ in rows))
        for path, counts in rows:
            shown = ", ".join(f"{v} {k}" for k, v in counts.items())
            out.write(f"  {safe(path):<{width}}  {shown}\n")


def catalog_stats(result) -> CatalogStats:
    """The statistics of a collected result (its segments are read once more)."""
    stats = CatalogStats(getattr(result, "settings", None))
    for seg in result.segments:
        stats.add(seg.pair)
    return stats


def state_mark(pair) -> str:
    """`` (fuzzy)`` and the like for a segment heading: the unit's state when it is not plain translated."""
    unit = pair.unit
    if unit is None or unit.state == "translated":
        return ""
    return f" ({unit.state})"
