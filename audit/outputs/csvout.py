"""CSV report: one flag a row, with the segment's id, position, scores and the flag's spans.

Cells that a spreadsheet would run as a formula get a leading ``'`` (``audit.outputs.cells``)."""
from __future__ import annotations

import csv
import json

from audit.outputs.cells import row as safe_row

COLUMNS = ["segment_id", "index", "code", "name", "category", "severity", "message", "side", "start", "end",
           "text", "related", "source", "target", "segment_quality", "fingerprint", "segment_scores", "corpus_scores",
           "file", "line"]
# segment_scores: the segment's scores as JSON (quality, penalty, and bleu/chrf/chrf++/ter with references);
# corpus_scores: the corpus scores and metrics as JSON ({"quality", "pass_rate", "bleu": {"score", "signature"}...}),
# the same on every row. Both appended last, so readers of the older columns are unaffected.
# file, line: where the flag's primary span is (its side's origin: the input file, or <stdin>, and the
# line), so that a report over several files (``check DIR``) says which file each flag is in; appended last.


def write(result, out, *, color: bool = False) -> None:
    # CRLF rows (RFC 4180): with "\n" alone, a carriage return inside a cell would be written unquoted
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow(COLUMNS)
    if getattr(result, "tally", None) is None:
        corpus_json = _corpus_json(result)
        for seg in result.segments:
            for row in _rows(seg):
                loc = row.pop()
                w.writerow(safe_row([*row, corpus_json, *loc]))
        return
    # A streamed audit (engine.AuditStream): the corpus scores on every row are known only at the
    # end, so the rows wait in a temporary file (one JSON list a line: flat memory).
    import tempfile

    with tempfile.TemporaryFile("w+", encoding="utf-8") as spool:
        for seg in result.segments:
            for row in _rows(seg):
                spool.write(json.dumps(row, ensure_ascii=False) + "\n")
        corpus_json = _corpus_json(result)
        spool.seek(0)
        for line in spool:
            row = json.loads(line)
            loc = row.pop()
            w.writerow(safe_row([*row, corpus_json, *loc]))


def _corpus_json(result) -> str:
    corpus = dict(result.scores)
    for name, m in result.metrics.items():
        if isinstance(m, dict) and "score" in m:
            corpus[name] = {"score": m["score"], "signature": m.get("signature")}
    return json.dumps(corpus, ensure_ascii=False, sort_keys=True)


def _rows(seg) -> list[list]:
    """The rows of one segment, without the corpus scores, each ending with its [file, line]."""
    pair = seg.pair
    rows = []
    for f in seg.flags:
        p = f.primary
        text = pair.text(p.side)[p.start:p.end] if p else ""
        related = [{"side": s.side, "start": s.start, "end": s.end, "text": pair.text(s.side)[s.start:s.end]}
                   for s in f.related]
        rows.append([
            pair.id, pair.index, f.code, f.name, f.category, f.severity.label, f.message,
            p.side if p else "", p.start if p else "", p.end if p else "", text,
            json.dumps(related, ensure_ascii=False) if related else "",
            pair.source, pair.target or "", seg.scores.get("quality", ""), f.fingerprint,
            json.dumps(dict(seg.scores), ensure_ascii=False, sort_keys=True), _location(pair, p),
        ])
    return rows


def _location(pair, span) -> list:
    """[file, line] of a flag's primary span (the target's origin when it has no span); blanks when unknown."""
    origin = pair.source_origin if span is not None and span.side == "source" else pair.target_origin
    origin = origin or pair.target_origin or pair.source_origin
    if origin is None:
        return ["", ""]
    return [origin.path or "", origin.line if origin.line is not None else ""]
