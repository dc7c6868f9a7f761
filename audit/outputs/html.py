"""HTML report: one self-contained page (no scripts, no external resources) with the summary,
then each flagged segment side by side with its flagged spans marked by severity. Every piece
of segment text and every message is HTML-escaped; control characters are made visible."""
from __future__ import annotations

import html

from audit.core.display import visible
from audit.outputs.pieces import pieces
from audit.outputs.serialize import summary_dict

_CSS = """
body{font-family:system-ui,sans-serif;margin:2em;color:#222}
table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:.4em;vertical-align:top}
th{background:#f4f4f4;text-align:left}.seg td.text{width:45%;white-space:pre-wrap}
mark{padding:0 .1em;border-radius:2px}mark.minor{background:#fff3b0}mark.major{background:#ffc2a8}
mark.critical{background:#ff7b7b}mark.empty::after{content:"‸";color:#c00}
.flags{font-size:.9em;color:#444}.sev{font-weight:bold}.sev.major{color:#b33}.sev.critical{color:#900}
.sig{color:#777;font-size:.85em}
"""


def _esc(text: str) -> str:
    return html.escape(visible(text)[0], quote=True)


def mark_html(text: str, flags, side: str) -> str:
    out = []
    for a, b, covering in pieces(text, flags, side):
        chunk = _esc(text[a:b])
        if not covering:
            out.append(chunk)
            continue
        sev = max(f.severity for f in covering)
        title = _esc("; ".join(sorted({f"{f.code} {f.message}" for f in covering})))
        cls = sev.label + (" empty" if a == b else "")
        out.append(f'<mark class="{cls}" title="{title}">{chunk}</mark>')
    return "".join(out)


def write(result, out, *, color: bool = False) -> None:
    s = summary_dict(result)
    title = f"transaudit report {result.source_lang or '?'} → {result.target_lang or '?'}"
    out.write(f"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>{_esc(title)}</title>"
              f"<style>{_CSS}</style></head><body>\n<h1>{_esc(title)}</h1>\n")
    out.write(f"<p>{s['segments']} segments, {s['flagged_segments']} flagged, {s['flags']} flags: "
              + ", ".join(f"{v} {k}" for k, v in s["by_severity"].items()) + "</p>\n")
    q = result.scores.get("quality") if result.scores else None
    if q is not None:
        out.write(f"<p>Quality score {q:.1f}/100</p>\n")
    out.write(f'<p class="sig">{_esc(result.signature)}</p>\n')
    if s["by_code"]:
        out.write("<h2>By check</h2>\n<table><tr><th>code</th><th>flags</th></tr>\n")
        for code, n in s["by_code"].items():
            out.write(f"<tr><td>{_esc(code)}</td><td>{n}</td></tr>\n")
        out.write("</table>\n")
    out.write("<h2>Flagged segments</h2>\n<table>\n<tr><th>id</th><th>source</th><th>target</th></tr>\n")
    for seg in result.segments:
        if not seg.flags:
            continue
        p = seg.pair
        tgt = mark_html(p.target, seg.flags, "target") if p.target is not None else "<em>(missing)</em>"
        out.write(f'<tr class="seg" id="seg-{_esc(p.id)}"><td>{_esc(p.id)}</td>'
                  f'<td class="text" lang="{_esc(p.source_lang or "")}">'
                  f'{mark_html(p.source, seg.flags, "source")}</td>'
                  f'<td class="text" lang="{_esc(p.target_lang or "")}">{tgt}</td></tr>\n')
        items = []
        for f in seg.flags:
            sp = f.primary
            where = ""
            if sp is not None:
                where = f" {sp.side}[{sp.start}:{sp.end}] «{_esc(p.text(sp.side)[sp.start:sp.end])}»"
            items.append(f'<li><code>{html.escape(f.code)}</code> <span class="sev {f.severity.label}">'
                         f'{f.severity.label}</span> {html.escape(f.category)}: {_esc(f.message)}{where}</li>')
        out.write(f'<tr class="flags"><td></td><td colspan="2"><ul>{"".join(items)}</ul></td></tr>\n')
    out.write("</table>\n</body></html>\n")

