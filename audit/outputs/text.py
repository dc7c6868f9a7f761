"""Text report for people: a summary by check and severity, then each flagged segment with its
flagged spans marked (ANSI colour on a terminal, ``⟦...⟧`` brackets otherwise), then charts of
flags by check and of segment quality scores (``textcharts``). Segment text is
made visible-safe first: escape sequences and control characters are never passed through."""
from __future__ import annotations

from collections import Counter

from audit.core.display import safe, visible
from audit.core.model import Severity
from audit.outputs.catalog import CatalogStats, catalog_stats, state_mark
from audit.outputs.serialize import summary_dict
from audit.outputs.textcharts import QualityBands, chart_section

_SEV_COLOR = {Severity.MINOR: "\x1b[33m", Severity.MAJOR: "\x1b[31m", Severity.CRITICAL: "\x1b[1;41;97m"}
_RESET = "\x1b[0m"
_DIM = "\x1b[2m"
_BOLD = "\x1b[1m"


def mark(text: str, spans, color: bool) -> str:
    """The display text with the given (start, end, severity) spans marked."""
    disp, idx = visible(text)
    opens: dict[int, list[Severity]] = {}
    closes: Counter[int] = Counter()
    empties: dict[int, list[Severity]] = {}
    for start, end, sev in spans:
        a, b = idx[start], idx[end]
        if a == b:
            empties.setdefault(a, []).append(sev)
            continue
        opens.setdefault(a, []).append(sev)
        closes[b] += 1
    out = []
    depth: list[Severity] = []
    for i in range(len(disp) + 1):
        for _ in range(closes.get(i, 0)):
            if depth:
                depth.pop()
            out.append(_RESET + (_SEV_COLOR[max(depth)] if depth and color else "") if color else "⟧")
        for sev in opens.get(i, []):
            depth.append(sev)
            out.append(_SEV_COLOR[max(depth)] if color else "⟦")
        for sev in empties.get(i, []):  # an empty span (an insertion point) shows as a caret
            out.append((_SEV_COLOR[sev] + "‸" + _RESET + (_SEV_COLOR[max(depth)] if depth else "")) if color else "⟦⟧")
        if i < len(disp):
            out.append(disp[i])
    return "".join(out)


def write(result, out, *, color: bool = False) -> None:
    b = (lambda t: _BOLD + t + _RESET) if color else (lambda t: t)
    dim = (lambda t: _DIM + t + _RESET) if color else (lambda t: t)
    tally = getattr(result, "tally", None)
    bands = QualityBands()
    if tally is None:
        _write_head(result, out, b, dim, None)
        write_files_table(result, out, b, dim)
        catalog_stats(result).write_text(out, b)  # catalog inputs: units by state
        for seg in result.segments:
            bands.add(seg.scores.get("quality") if seg.scores else None)
            _write_segment(seg, out, color, b, dim)
        out.write(chart_section(summary_dict(result)["by_code"].items(), bands, b))
        return
    # A streamed audit (engine.AuditStream): the summary comes first but is known last, so the
    # segments go to a temporary file first (flat memory), then head and segments are written.
    import shutil
    import tempfile

    with tempfile.TemporaryFile("w+", encoding="utf-8", newline="") as spool:
        catalog = CatalogStats(result.settings)  # catalog inputs: units by state
        for seg in result.segments:
            bands.add(seg.scores.get("quality") if seg.scores else None)
            catalog.add(seg.pair)
            _write_segment(seg, spool, color, b, dim)
        _write_head(result, out, b, dim, tally)
        write_files_table(result, out, b, dim)
        catalog.write_text(out, b)
        spool.seek(0)
        shutil.copyfileobj(spool, out)
    out.write(chart_section(tally.by_code.items(), bands, b))


def _write_applied(settings, out) -> None:
    """What the audit applied: a baseline (its flags suppressed) and review decisions."""
    bl = settings.get("baseline")
    if isinstance(bl, dict):
        out.write(f"  baseline {safe(str(bl.get('path', '')))} ({safe(str(bl.get('hash', '')))}): "
                  f"{bl.get('suppressed', 0)} flag(s) suppressed, {bl.get('new', 0)} new, "
                  f"{bl.get('fixed', 0)} accepted flag(s) no longer found\n")
    dec = settings.get("decisions")
    if isinstance(dec, dict):
        out.write(f"  decisions (database {safe(str(dec.get('database', '')))}): {dec.get('dismissed_left_out', 0)} dismissed flag(s) "
                  f"left out, {dec.get('post_edited', 0)} post-edited, {dec.get('approved', 0)} approved, "
                  f"{len(dec.get('stale') or ())} stale\n")


def _write_head(result, out, b, dim, tally) -> None:
    s = summary_dict(result)
    out.write(b("transaudit") + f" {safe(result.source_lang or '?')} → {safe(result.target_lang or '?')}: "
              f"{s['segments']} segments, {s['flagged_segments']} flagged, {s['flags']} flags "
              f"({', '.join(f'{v} {k}' for k, v in s['by_severity'].items())})\n")
    if result.scores:
        sc = result.scores
        parts = []
        if sc.get("quality") is not None:
            parts.append(f"quality {sc['quality']:.1f}/100")
        if sc.get("pass_rate") is not None:
            parts.append(f"pass rate {100 * sc['pass_rate']:.1f}%")
        if parts:
            out.write("  " + ", ".join(parts) + "\n")
    for name, m in result.metrics.items():
        if isinstance(m, dict) and "score" in m:
            ci = m.get("ci95")
            shown = f"{m['score']:.2f}" if isinstance(m["score"], (int, float)) else str(m["score"])
            if ci:
                shown += f" (95% CI {ci['low']:.2f}–{ci['high']:.2f}, μ = {ci['mean']:.2f} ± {ci['halfwidth']:.2f})"
            seg = f" on {m['segments']} segments" if m.get("segments") is not None else ""
            out.write(f"  {safe(str(m.get('name', name)))} {shown}{seg}" + (f"  {dim(safe(str(m['signature'])))}" if m.get("signature") else "") + "\n")
            if m.get("note"):
                out.write("    " + dim(visible(str(m["note"]))[0]) + "\n")
    out.write(dim(f"  {safe(str(result.signature))}") + "\n")
    _write_applied(result.settings or {}, out)
    if s["by_code"]:
        out.write("\n" + b("By check") + "\n")
        if tally is not None:
            names = tally.names
            sevs = {code: Counter(c) for code, c in tally.code_severity.items()}
        else:
            names = {}
            sevs: dict[str, Counter] = {}
            for seg in result.segments:
                for f in seg.flags:
                    names[f.code] = f.name
                    sevs.setdefault(f.code, Counter())[f.severity.label] += 1
        for code, n in s["by_code"].items():
            detail = ", ".join(f"{v} {k}" for k, v in sorted(sevs[code].items()))
            out.write(f"  {code} {safe(names[code]):<28} {n:>6}  ({detail})\n")


def _write_segment(seg, out, color: bool, b, dim) -> None:
    if seg.flags:
        pair = seg.pair
        loc = ""
        o = pair.target_origin or pair.source_origin
        if o is not None and o.path:
            loc = f" {safe(str(o.path))}" + (f":{o.line}" if o.line else "")
        out.write("\n" + b(f"[{safe(str(pair.id))}]") + dim(loc + state_mark(pair)) + "\n")
        src_spans = [(sp.start, sp.end, f.severity) for f in seg.flags for sp in f.spans if sp.side == "source"]
        tgt_spans = [(sp.start, sp.end, f.severity) for f in seg.flags for sp in f.spans if sp.side == "target"]
        metric_scores = {k: v for k, v in seg.scores.items() if k not in ("penalty", "quality")
                         and isinstance(v, (int, float))}
        scores_txt = f"quality {seg.scores['quality']:.1f}" if "quality" in seg.scores else ""
        if metric_scores:
            scores_txt += (", " if scores_txt else "") + ", ".join(f"{k} {v:.1f}" for k, v in metric_scores.items())
        if scores_txt:
            out.write("  " + dim(scores_txt) + "\n")
        out.write("  src: " + mark(pair.source, src_spans, color) + "\n")
        out.write("  tgt: " + (mark(pair.target, tgt_spans, color) if pair.target is not None else dim("(missing)")) + "\n")
        for f in seg.flags:
            sev = f.severity.label
            sev_txt = (_SEV_COLOR[f.severity] + sev + _RESET) if color else sev
            p = f.primary
            where = ""
            if p is not None:
                shown = visible(pair.text(p.side)[p.start:p.end])[0]
                where = f" {p.side}[{p.start}:{p.end}] «{shown}»"
            out.write(f"    {f.code} {sev_txt} {f.category}: {visible(f.message)[0]}{where}\n")


# -- several files (``check DIR``): one row per file, then the total -----------------------------

def _file_notes(f) -> str:
    """What a file's row does not show: template coverage, units left out by state, notes."""
    parts = []
    if f.template is not None:
        parts.append(f"{f.missing} of {f.template_units} msgids of {safe(f.template)} missing"
                     + (f", {f.extra} not in it" if f.extra else ""))
    skipped = {k: v for k, v in f.skipped.items() if k != "obsolete"}
    if skipped:
        parts.append("left out " + ", ".join(f"{n} {state}" for state, n in sorted(skipped.items())))
    if f.note:
        parts.append(safe(f.note))
    return "; ".join(parts)


def write_files_table(result, out, b, dim) -> None:
    """The per-file summary of a run over several files (``result.files``); nothing for one input."""
    files = getattr(result, "files", None)
    if not files:
        return
    names = [safe(f.name) for f in files]
    width = max(12, *(len(n) for n in names))
    head = f"  {'file':<{width}}  {'format':<8} {'languages':<13} {'segments':>8} {'minor':>6} {'major':>6} " \
           f"{'critical':>8} {'quality':>7}"
    out.write("\n" + b("Files") + "\n" + dim(head) + "\n")
    for f, name in zip(files, names):
        if f.role == "template":
            out.write(f"  {name:<{width}}  {'template':<8} {f.template_units} msgids, not audited\n")
            continue
        langs = f"{safe(f.source_lang or '?')}→{safe(f.target_lang or '?')}"
        q = f.scores.get("quality")
        sev = f.by_severity
        out.write(f"  {name:<{width}}  {safe(f.format or '?'):<8} {langs:<13} {f.segments:>8} {sev['minor']:>6} "
                  f"{sev['major']:>6} {sev['critical']:>8} {'-' if q is None else f'{q:.1f}':>7}\n")
        notes = _file_notes(f)
        if notes:
            out.write("  " + dim(f"  {notes}") + "\n")
    s = summary_dict(result)
    q = result.scores.get("quality") if result.scores else None
    audited = sum(1 for f in files if f.role != "template")
    label = f"total ({audited} file{'s' if audited != 1 else ''})"
    sev = s["by_severity"]
    out.write(b(f"  {label:<{width}}  {'':<8} {'':<13} {s['segments']:>8} {sev['minor']:>6} {sev['major']:>6} "
                f"{sev['critical']:>8} {'-' if q is None else f'{q:.1f}':>7}") + "\n")
