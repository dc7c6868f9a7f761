"""SVG charts for the HTML report, drawn by the writer (no script, no network, no library).

Each function takes plain counts and returns one ``<svg>`` element as a string. Every label is
HTML-escaped; numbers are formatted here. Bars that stand for a check code, a category or a
file carry ``data-filter-KIND="VALUE"`` so that the report's script can filter on a click, and a
``<title>`` so that a hover shows the exact figure. Colours come from the report's stylesheet
(classes ``sev-minor`` / ``sev-major`` / ``sev-critical`` / ``bar``), so the charts follow its
light and dark schemes.
"""
from __future__ import annotations

import html
from collections.abc import Mapping, Sequence

SEVERITIES = ("critical", "major", "minor")
_ROW = 18  # height of one bar row, px
_LABEL_W = 190
_BAR_W = 360
_COUNT_W = 60


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def _fmt(n: float) -> str:
    return f"{n:,.0f}" if float(n).is_integer() else f"{n:,.1f}"


def stacked_bars(rows: Sequence[tuple[str, Mapping[str, int]]], *, kind: str, title: str,
                 label_of: Mapping[str, str] | None = None) -> str:
    """Horizontal bars, one per row (label, {severity: count}), stacked by severity, longest
    first as given. ``kind`` names the filter a click on a row sets (``code``, ``category``,
    ``file``)."""
    if not rows:
        return ""
    top = max(sum(c.values()) for _, c in rows) or 1
    height = _ROW * len(rows) + 24
    width = _LABEL_W + _BAR_W + _COUNT_W
    out = [(f'<svg class="chart" role="img" width="{width}" height="{height}" viewBox="0 0 {width} {height}">'
           f"<title>{_esc(title)}</title>")]
    for i, (label, counts) in enumerate(rows):
        y = 20 + i * _ROW
        shown = (label_of or {}).get(label, label)
        total = sum(counts.values())
        out.append(f'<g class="row" data-filter-{kind}="{_esc(label)}" tabindex="0">'
                   f"<title>{_esc(shown)}: {_fmt(total)} flags ("
                   + ", ".join(f"{counts.get(s, 0)} {s}" for s in SEVERITIES if counts.get(s)) + ")</title>"
                   f'<text x="{_LABEL_W - 6}" y="{y + 12}" text-anchor="end" class="lbl">{_esc(_clip(shown, 28))}</text>')
        x = float(_LABEL_W)
        for sev in SEVERITIES:
            n = counts.get(sev, 0)
            if not n:
                continue
            w = max(1.0, _BAR_W * n / top)
            out.append(f'<rect class="sev-{sev}" x="{x:.1f}" y="{y + 2}" width="{w:.1f}" height="{_ROW - 4}"/>')
            x += w
        out.append(f'<text x="{x + 4:.1f}" y="{y + 12}" class="num">{_fmt(total)}</text></g>')
    out.append("</svg>")
    return "".join(out)


def histogram(bins: Sequence[int], *, edges: Sequence[str], title: str, xlabel: str) -> str:
    """Vertical bars of ``bins`` with ``edges[i]`` the label under bar i (one label every few
    bars when there are many)."""
    if not bins or not any(bins):
        return ""
    n = len(bins)
    top = max(bins)
    width, plot_h = 560, 120
    bar = (width - 40) / n
    out = [(f'<svg class="chart" role="img" width="{width}" height="{plot_h + 50}" viewBox="0 0 {width} {plot_h + 50}">'
           f"<title>{_esc(title)}</title>")]
    every = max(1, n // 10)
    for i, v in enumerate(bins):
        h = plot_h * v / top if top else 0
        x = 30 + i * bar
        out.append(f'<g><title>{_esc(edges[i])}: {_fmt(v)}</title>'
                   f'<rect class="bar" x="{x:.1f}" y="{10 + plot_h - h:.1f}" width="{max(bar - 1, 1):.1f}" height="{h:.1f}"/></g>')
        if i % every == 0:
            out.append(f'<text x="{x + bar / 2:.1f}" y="{plot_h + 26}" text-anchor="middle" class="tick">{_esc(edges[i])}</text>')
    out.append(f'<text x="{width / 2:.0f}" y="{plot_h + 44}" text-anchor="middle" class="axis">{_esc(xlabel)}</text>'
               f'<text x="2" y="18" class="tick">{_fmt(top)}</text></svg>')
    return "".join(out)


def position_strip(bins: Sequence[Mapping[str, int]], *, segments: int, title: str) -> str:
    """Where in the file the flags fall: ``bins`` cover the segments in order, each stacked by
    severity. A click on a bin filters the list to its segment range (``data-range``)."""
    if not bins or not any(sum(b.values()) for b in bins):
        return ""
    n = len(bins)
    top = max(sum(b.values()) for b in bins) or 1
    width, plot_h = 560, 90
    bar = (width - 40) / n
    per = segments / n
    out = [(f'<svg class="chart" role="img" width="{width}" height="{plot_h + 46}" viewBox="0 0 {width} {plot_h + 46}">'
           f"<title>{_esc(title)}</title>")]
    for i, counts in enumerate(bins):
        lo, hi = int(i * per), max(int(i * per) + 1, int((i + 1) * per))
        total = sum(counts.values())
        x = 30 + i * bar
        y = 10.0 + plot_h
        out.append(f'<g class="row" data-range="{lo}-{hi}"><title>segments {lo + 1}-{hi}: {_fmt(total)} flags</title>'
                   f'<rect class="hit" x="{x:.1f}" y="10" width="{max(bar, 1):.1f}" height="{plot_h}"/>')
        for sev in SEVERITIES:
            c = counts.get(sev, 0)
            if not c:
                continue
            h = plot_h * c / top
            y -= h
            out.append(f'<rect class="sev-{sev}" x="{x:.1f}" y="{y:.1f}" width="{max(bar - 1, 1):.1f}" height="{h:.1f}"/>')
        out.append("</g>")
    out.append(f'<text x="30" y="{plot_h + 26}" class="tick">1</text>'
               f'<text x="{width - 10}" y="{plot_h + 26}" text-anchor="end" class="tick">{_fmt(segments)}</text>'
               f'<text x="{width / 2:.0f}" y="{plot_h + 40}" text-anchor="middle" class="axis">segment position in the input</text>'
               "</svg>")
    return "".join(out)


def _clip(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"
