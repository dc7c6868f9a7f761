"""HTML report: one self-contained page with a dashboard and the flagged segments.

The page needs nothing from the network when it is viewed: its stylesheet and its script are
inlined (``audit/outputs/report_assets``), and a Content-Security-Policy allows no fetch and no
script but the report's own (by hash). It shows:

- a summary (segments, flagged share, flags by severity, quality score, pass rate, reference
  metrics with their confidence intervals, the signature);
- charts drawn here as SVG (``html_charts``): flags by check and by MQM category, stacked by
  severity; the distribution of segment quality scores; where in the input the flags fall; flags
  per file when the input has several;
- the flagged segments, source and target side by side with every span highlighted, each flag
  linked to its spans, with filters (severity, check, category, file, position), a text search,
  and ``lang``/``dir`` set per segment so that right-to-left and CJK text display correctly.

Segment data travels as JSON in ``<script type="application/json">`` blocks (``<``, ``>``,
``&`` written as ``\\u003c`` and so on, so no text can close a block): the first block (2,000
segments) comes before the report's script, which draws the first rows at once; the others
follow it and are parsed a slice at a time once the page is up. Rows are rendered lazily (a few
hundred at a time, more as the reader scrolls) with ``textContent``: segment text is never parsed
as HTML. Control characters are made visible before they are written.
Without JavaScript the summary and the charts are complete and the page says what is missing.
"""
from __future__ import annotations

import base64
import hashlib
import html
import json
from collections import Counter
from functools import lru_cache
from importlib import resources

from audit.core.display import safe
from audit.core.model import base_lang
from audit.core.text import main_script
from audit.outputs import html_charts as charts
from audit.outputs.pieces import pieces
from audit.outputs.serialize import summary_dict

# Languages written right to left (base codes); a segment without a language is judged by script.
RTL_LANGS = frozenset(["ar", "arc", "ckb", "dv", "fa", "he", "iw", "ks", "ku-arab", "mzn", "nqo", "pa-arab", "ps", "sd", "syr", "ug", "ur", "yi"])
_RTL_SCRIPTS = frozenset(("Arabic", "Hebrew", "Syriac", "Thaana", "Nko"))
POSITION_BINS = 60
QUALITY_BINS = 10
_SEV_NUM = {"minor": 1, "major": 2, "critical": 3}
# a check code, category or file is charted in one bar; beyond this many, the rest are one bar
MAX_BARS = 40
PART_SEGMENTS = 2000  # flagged segments per data block (the first block is drawn at once)


def _esc(text: str) -> str:
    return html.escape(safe(text), quote=True)


def text_dir(lang: str | None, text: str) -> str:
    """``rtl`` or ``ltr`` for a segment side: by its language when it has one, else by its script."""
    if lang:
        b = (base_lang(lang) or lang).lower()
        return "rtl" if b in RTL_LANGS or lang.lower() in RTL_LANGS else "ltr"
    return "rtl" if main_script(text) in _RTL_SCRIPTS else "ltr"


@lru_cache(maxsize=4)
def _asset(name: str) -> str:
    return resources.files("audit.outputs").joinpath("report_assets", name).read_text(encoding="utf-8")


def _json_block(obj) -> str:
    """JSON safe inside a <script> element: no ``<``, ``>`` or ``&`` appears raw, and the line
    separators that older parsers treat as line ends are escaped too."""
    s = json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
    for raw, esc in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        s = s.replace(raw, esc)
    return s


class _Collector:
    """One pass over the segments (a streamed audit can be read once): the flagged segments'
    display data and the counts the charts need."""

    def __init__(self) -> None:
        self.segs: list = []
        self.flags: list = []
        self.files: dict[str, int] = {}
        self.langs: dict[tuple[str, str], int] = {}
        self.codes: dict[str, dict] = {}
        self.by_code: dict[str, Counter] = {}
        self.by_cat: dict[str, Counter] = {}
        self.by_file: dict[str, Counter] = {}
        self.seg_per_file: Counter = Counter()
        self.positions: list[Counter] = []  # per segment index: flags by severity (flagged only)
        self.quality: list[int] = [0] * QUALITY_BINS
        self.count = 0

    def _lang(self, lang: str | None, text: str) -> int:
        key = (lang or "", text_dir(lang, text))
        return self.langs.setdefault(key, len(self.langs))

    def _side(self, text: str, flags, side: str, first: int) -> list:
        out = []
        index = {id(f): first + k for k, f in enumerate(flags)}
        for a, b, covering in pieces(text, flags, side):
            shown = safe(text[a:b])
            if covering:
                out.append([shown, sorted(index[id(f)] for f in covering)])
            elif shown:
                out.append(shown)
        return out

    def add(self, seg) -> None:
        p = seg.pair
        origin = p.target_origin or p.source_origin
        path = origin.path if origin is not None and origin.path else ""
        self.seg_per_file[path] += 1
        q = seg.scores.get("quality") if seg.scores else None
        if isinstance(q, (int, float)):
            self.quality[min(QUALITY_BINS - 1, max(0, int(q // (100 / QUALITY_BINS))))] += 1
        pos = self.count
        self.count += 1
        if not seg.flags:
            return
        sev_here: Counter = Counter()
        first = len(self.flags)
        for f in seg.flags:
            sev = f.severity.label
            sev_here[sev] += 1
            self.by_code.setdefault(f.code, Counter())[sev] += 1
            self.by_cat.setdefault(f.category, Counter())[sev] += 1
            self.by_file.setdefault(path, Counter())[sev] += 1
            self.codes.setdefault(f.code, {"name": f.name, "category": f.category})
            sp = f.primary
            where = ""
            if sp is not None:
                quote = p.text(sp.side)[sp.start:sp.end]
                where = f"{sp.side}[{sp.start}:{sp.end}]" + (f" «{safe(quote)}»" if quote else "")
            self.flags.append([f.code, _SEV_NUM[sev], f.category, safe(f.message), where])
        self.positions.append((pos, sev_here))
        fi = self.files.setdefault(path, len(self.files))
        line = origin.line if origin is not None else None
        tgt = None if p.target is None else self._side(p.target, seg.flags, "target", first)
        self.segs.append([
            safe(p.id), fi, pos, line, q if isinstance(q, (int, float)) else None,
            self._lang(p.source_lang, p.source), self._lang(p.target_lang, p.target or ""),
            self._side(p.source, seg.flags, "source", first), tgt, first, len(seg.flags),
        ])


def _position_bins(col: _Collector) -> list[Counter]:
    n = max(1, min(POSITION_BINS, col.count))
    bins = [Counter() for _ in range(n)]
    for pos, sev in col.positions:
        bins[min(n - 1, pos * n // max(1, col.count))].update(sev)
    return bins


def _top(counts: dict[str, Counter]) -> list[tuple[str, Counter]]:
    rows = sorted(counts.items(), key=lambda kv: (-sum(kv[1].values()), kv[0]))
    if len(rows) > MAX_BARS:
        rest: Counter = Counter()
        for _, c in rows[MAX_BARS - 1:]:
            rest.update(c)
        rows = rows[:MAX_BARS - 1] + [(f"({len(rows) - MAX_BARS + 1} more)", rest)]
    return rows


def _cards(s: dict, result, col: _Collector) -> str:
    segs = s["segments"]
    share = s["flagged_segments"] / segs if segs else 0.0
    cards = [("segments", f"{segs:,}"), ("flagged", f"{s['flagged_segments']:,} ({100 * share:.1f}%)"),
             ("flags", f"{s['flags']:,}")]
    for sev in ("critical", "major", "minor"):
        cards.append((sev, f"{s['by_severity'].get(sev, 0):,}"))
    sc = result.scores or {}
    if sc.get("quality") is not None:
        cards.append(("quality", f"{sc['quality']:.1f}/100"))
    if sc.get("pass_rate") is not None:
        cards.append(("pass rate", f"{100 * sc['pass_rate']:.1f}%"))
    for name, m in (result.metrics or {}).items():
        if isinstance(m, dict) and isinstance(m.get("score"), (int, float)):
            ci = m.get("ci95")
            shown = f"{m['score']:.2f}" + (f" ({ci['low']:.2f}–{ci['high']:.2f})" if ci else "")
            cards.append((str(m.get("name", name)), shown))
    if len(col.files) > 1:
        cards.append(("files", f"{len(col.seg_per_file):,}"))
    return '<div class="cards">' + "".join(
        f'<div class="card c-{_esc(k.replace(" ", "-"))}"><div class="k">{_esc(k)}</div><div class="v">{_esc(v)}</div></div>'
        for k, v in cards) + "</div>\n"


def _charts(col: _Collector) -> str:
    parts = []
    names = {code: f"{code} {d['name']}" for code, d in col.codes.items()}
    svg = charts.stacked_bars(_top(col.by_code), kind="code", title="flags by check", label_of=names)
    if svg:
        parts.append(("Flags by check", svg))
    svg = charts.stacked_bars(_top(col.by_cat), kind="category", title="flags by MQM category")
    if svg:
        parts.append(("Flags by MQM category", svg))
    step = 100 // QUALITY_BINS
    svg = charts.histogram(col.quality, edges=[f"{i * step}–{(i + 1) * step}" for i in range(QUALITY_BINS)],
                           title="segments by quality score", xlabel="segment quality score")
    if svg:
        parts.append(("Quality scores", svg))
    svg = charts.position_strip(_position_bins(col), segments=col.count, title="where the flags fall")
    if svg:
        parts.append(("Where in the input", svg))
    if len(col.seg_per_file) > 1:
        svg = charts.stacked_bars(_top(col.by_file), kind="file", title="flags per file")
        if svg:
            parts.append(("Flags per file", svg))
    if not parts:
        return ""
    return '<div class="charts">' + "".join(
        f'<section class="panel"><h2>{_esc(t)}</h2>{svg}</section>' for t, svg in parts) + "</div>\n"


def _controls(col: _Collector) -> str:
    def options(values, label):
        return f'<option value="">{_esc(label)}</option>' + "".join(
            f'<option value="{_esc(v)}">{_esc(shown)}</option>' for v, shown in values)
    codes = sorted(col.codes)
    cats = sorted(col.by_cat)
    files = sorted(col.files, key=col.files.get)
    sev = "".join(f'<label class="sev-toggle s-{s}"><input type="checkbox" name="sev" value="{n}" checked> {s}</label>'
                  for s, n in (("critical", 3), ("major", 2), ("minor", 1)))
    out = [f'<div class="controls" role="search">{sev}',
           f'<select id="f-code" aria-label="check">{options([(c, c + " " + col.codes[c]["name"]) for c in codes], "all checks")}</select>',
           f'<select id="f-cat" aria-label="category">{options([(c, c) for c in cats], "all categories")}</select>']
    if len(files) > 1:
        out.append(f'<select id="f-file" aria-label="file">{options([(str(col.files[f]), f or "(no file)") for f in files], "all files")}</select>')
    out.append('<input id="f-text" type="search" placeholder="search source, target, messages" aria-label="search">'
               '<span id="f-range" class="chip" hidden></span><button id="f-clear" type="button">clear filters</button>'
               '<span id="f-count" aria-live="polite"></span></div>\n')
    return "".join(out)


def write(result, out, *, color: bool = False) -> None:
    col = _Collector()
    for seg in result.segments:
        col.add(seg)
    s = summary_dict(result)
    unknown = "several" if len(col.seg_per_file) > 1 else "?"  # a folder of files in several languages
    title = f"transaudit report {result.source_lang or unknown} → {result.target_lang or unknown}"
    script = _asset("report.js")
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    csp = f"default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-{digest}'; img-src data:"
    out.write("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
              f'<meta http-equiv="Content-Security-Policy" content="{csp}">'
              '<meta name="viewport" content="width=device-width, initial-scale=1">'
              f"<title>{_esc(title)}</title><style>{_asset('report.css')}</style></head><body>\n"
              f"<header><h1>{_esc(title)}</h1><p class=\"sig\">{_esc(str(result.signature))}</p></header>\n")
    out.write(_cards(s, result, col))
    out.write(_charts(col))
    out.write('<h2 id="segments">Flagged segments</h2>\n')
    if not col.segs:
        out.write("<p>No flags.</p>\n")
    else:
        out.write(_controls(col))
        out.write('<noscript><p class="note">The list of flagged segments needs JavaScript; '
                  "the summary and the charts above are complete without it.</p></noscript>\n"
                  '<table id="segs"><thead><tr><th>id</th><th>source</th><th>target</th></tr></thead>'
                  '<tbody></tbody></table><div id="more"></div>\n')
    parts = _parts(col)
    data = {
        **(parts[0] if parts else {"segs": [], "flags": []}),
        "files": sorted(col.files, key=col.files.get),
        "langs": [[lang, d] for (lang, d) in sorted(col.langs, key=col.langs.get)],
        "codes": {c: d["name"] for c, d in col.codes.items()},
        "total": len(col.segs), "parts": len(parts) - 1 if parts else 0,
    }
    out.write(f'<script type="application/json" id="ta-data">{_json_block(data)}</script>\n'
              f"<script>{script}</script>\n")
    for part in parts[1:]:
        out.write(f'<script type="application/json" class="ta-part">{_json_block(part)}</script>\n')
    out.write("</body></html>\n")


def _parts(col: _Collector) -> list[dict]:
    """The flagged segments in slices of ``PART_SEGMENTS``, each with its own flags (flag
    indices stay global): the first is parsed before the first rows are drawn, the others after."""
    out = []
    for a in range(0, len(col.segs), PART_SEGMENTS):
        segs = col.segs[a:a + PART_SEGMENTS]
        lo, hi = segs[0][9], segs[-1][9] + segs[-1][10]
        out.append({"segs": segs, "flags": col.flags[lo:hi]})
    return out
