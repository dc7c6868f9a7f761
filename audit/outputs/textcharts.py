"""Charts for the text report, in Unicode block characters (no colour needed): a bar chart of
flags by check and a histogram of segment quality scores. Bars are scaled to the largest value
and drawn to an eighth of a cell (``█▉▊▋▌▍▎▏``), so a bar is never longer than ``width`` cells and
a non-zero count always shows at least a sliver."""
from __future__ import annotations

from collections.abc import Iterable, Sequence

_EIGHTHS = " ▏▎▍▌▋▊▉"
BAR_WIDTH = 30
QUALITY_BANDS = 10


def bar(value: float, top: float, width: int = BAR_WIDTH) -> str:
    """``value`` as a bar of at most ``width`` cells, scaled so that ``top`` fills them."""
    if value <= 0 or top <= 0:
        return ""
    eighths = max(1, round(8 * width * value / top))
    full, rest = divmod(min(eighths, 8 * width), 8)
    return "█" * full + (_EIGHTHS[rest] if rest else "")


def bar_chart(rows: Sequence[tuple[str, int]], width: int = BAR_WIDTH) -> list[str]:
    """One line per (label, count): label, bar, count; labels padded to the longest."""
    if not rows:
        return []
    top = max(n for _, n in rows)
    pad = max(len(label) for label, _ in rows)
    return [f"  {label:<{pad}} {bar(n, top, width):<{width}} {n:>6}" for label, n in rows]


class QualityBands:
    """Counts segments per quality band (0-10, ..., 90-100; 100 falls in the last)."""

    def __init__(self, bands: int = QUALITY_BANDS) -> None:
        self.counts = [0] * bands

    def add(self, quality: float | None) -> None:
        if isinstance(quality, (int, float)):
            n = len(self.counts)
            self.counts[min(n - 1, max(0, int(quality * n // 100)))] += 1

    def lines(self, width: int = BAR_WIDTH) -> list[str]:
        if not any(self.counts):
            return []
        step = 100 // len(self.counts)
        rows = [(f"{i * step:>3}–{(i + 1) * step:<3}", n) for i, n in enumerate(self.counts)]
        return bar_chart(list(reversed(rows)), width)


def chart_section(by_code: Iterable[tuple[str, int]], bands: QualityBands, title) -> str:
    """The report's closing section: flags by check (most first) and the quality histogram."""
    out = []
    rows = sorted(by_code, key=lambda kv: (-kv[1], kv[0]))
    if rows:
        out.append("\n" + title("Flags by check") + "\n")
        out.extend(line + "\n" for line in bar_chart(rows))
    q = bands.lines()
    if q:
        out.append("\n" + title("Segments by quality score") + "\n")
        out.extend(line + "\n" for line in q)
    return "".join(out)
