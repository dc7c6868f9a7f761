"""The corpus at a glance for the review app: live flags by check (dismissed flags left out, as the
header counts them) and segments by quality score, drawn with the text report's block-character
charts (``audit.outputs.textcharts``), so the terminal and the report show the same shapes."""
from __future__ import annotations

from collections import Counter

from audit import QualityBands, bar_chart

TOP_CODES = 12  # the rest are summed in one line: the overview must fit 80x24 with its titles


def overview_lines(state, width: int = 30, top: int = TOP_CODES) -> list[str]:
    """Plain lines (no markup): flags by check, most first, then the quality histogram."""
    by_code: Counter[str] = Counter()
    bands = QualityBands()
    decisions = state.flag_decisions
    for i, seg in enumerate(state.segments):
        for f in seg.flags:
            d = decisions.get(f.fingerprint) if decisions else None
            if d is None or d.status != "dismissed":
                by_code[f.code] += 1
        bands.add(state.row(i).score if seg.flags else (seg.scores.get("quality") if seg.scores else None))
    rows = sorted(by_code.items(), key=lambda kv: (-kv[1], kv[0]))
    if len(rows) > top:
        rest = rows[top - 1:]
        rows = rows[:top - 1] + [(f"{len(rest)} more", sum(n for _, n in rest))]
    out = ["Flags by check (not dismissed)"]
    out += bar_chart(rows, width) if rows else ["  no flag left"]
    q = bands.lines(width)
    if q:
        out += ["", "Segments by quality score"] + q
    return out
