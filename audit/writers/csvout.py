"""CSV report: one flag a row, with the segment's id, position, scores and the flag's spans."""
from __future__ import annotations

import csv
import json

COLUMNS = ["segment_id", "index", "code", "name", "category", "severity", "message", "side", "start", "end",
           "text", "related", "source", "target", "segment_quality", "fingerprint", "segment_scores", "corpus_scores"]
# segment_scores: the segment's scores as JSON (quality, penalty, and bleu/chrf/chrf++/ter with references);
# corpus_scores: the corpus scores and metrics as JSON ({"quality", "pass_rate", "bleu": {"score", "signature"}...}),
# the same on every row. Both appended last, so readers of the older columns are unaffected.


def write(result, out, *, color: bool = False) -> None:
    w = csv.writer(out, lineterminator="\n")
    w.writerow(COLUMNS)
    corpus = dict(result.scores)
    for name, m in result.metrics.items():
        if isinstance(m, dict) and "score" in m:
            corpus[name] = {"score": m["score"], "signature": m.get("signature")}
    corpus_json = json.dumps(corpus, ensure_ascii=False, sort_keys=True)
    for seg in result.segments:
        pair = seg.pair
        for f in seg.flags:
            p = f.primary
            text = pair.text(p.side)[p.start:p.end] if p else ""
            related = [{"side": s.side, "start": s.start, "end": s.end, "text": pair.text(s.side)[s.start:s.end]}
                       for s in f.related]
            w.writerow([
                pair.id, pair.index, f.code, f.name, f.category, f.severity.label, f.message,
                p.side if p else "", p.start if p else "", p.end if p else "", text,
                json.dumps(related, ensure_ascii=False) if related else "",
                pair.source, pair.target or "", seg.scores.get("quality", ""), f.fingerprint,
                json.dumps(dict(seg.scores), ensure_ascii=False, sort_keys=True), corpus_json,
            ])
