"""The JSON contract, as plain dicts: shared by the JSON, JSONL and CSV writers.

Contract version ``SCHEMA_VERSION``; additions are backwards compatible, removals or
renames bump the major number.
"""
from __future__ import annotations

from typing import Any

from audit.core.model import AuditResult, Flag, Pair, PairResult, Severity
from audit.core.version import __version__

SCHEMA_VERSION = "1.0"


def span_dict(pair: Pair, side: str, start: int, end: int) -> dict[str, Any]:
    return {"side": side, "start": start, "end": end, "text": pair.text(side)[start:end]}


_LABEL = {s: s.label for s in Severity}  # ``Severity.label`` is a property: look it up once


def flag_dict(pair: Pair, flag: Flag) -> dict[str, Any]:
    # built in one literal (no intermediate span dicts): the writers' hot path on large corpora
    spans = flag.spans
    if spans:
        p = spans[0]
        side, start, end = p.side, p.start, p.end
        text = pair.text(side)[start:end]
    else:
        side = start = end = text = None
    d: dict[str, Any] = {
        "code": flag.code, "name": flag.name, "category": flag.category,
        "severity": _LABEL[flag.severity], "message": flag.message,
        "side": side, "start": start, "end": end, "text": text,
        "related": [span_dict(pair, s.side, s.start, s.end) for s in spans[1:]],
        "fingerprint": flag.fingerprint,
    }
    if flag.data:
        d["data"] = dict(flag.data)
    return d


def origin_dict(pair: Pair) -> dict[str, Any]:
    return {
        "source": pair.source_origin.to_dict() if pair.source_origin else None,
        "target": pair.target_origin.to_dict() if pair.target_origin else None,
    }


def segment_dict(seg: PairResult) -> dict[str, Any]:
    pair = seg.pair
    d = {
        "id": pair.id, "index": pair.index, "source": pair.source, "target": pair.target,
        "references": list(pair.references), "source_lang": pair.source_lang, "target_lang": pair.target_lang,
        "origin": origin_dict(pair),
        "align": pair.align.to_dict() if pair.align else None,
        "scores": dict(seg.scores),
        "flags": [flag_dict(pair, f) for f in seg.flags],
    }
    if pair.note:
        d["note"] = pair.note
    return d


def summary_dict(result: AuditResult) -> dict[str, Any]:
    tally = getattr(result, "tally", None)  # a streamed audit (engine.AuditStream) counted as it went
    if tally is not None:
        return {
            "segments": tally.segments, "flagged_segments": tally.flagged, "flags": tally.flags,
            "by_severity": dict(tally.by_severity), "by_code": dict(sorted(tally.by_code.items())),
            "scores": dict(result.scores), "metrics": dict(result.metrics),
        }
    by_sev = {s.label: 0 for s in Severity}
    by_code: dict[str, int] = {}
    flagged = 0
    nflags = 0
    for seg in result.segments:
        if seg.flags:
            flagged += 1
        for f in seg.flags:
            nflags += 1
            by_sev[f.severity.label] += 1
            by_code[f.code] = by_code.get(f.code, 0) + 1
    return {
        "segments": len(result.segments), "flagged_segments": flagged, "flags": nflags,
        "by_severity": by_sev, "by_code": dict(sorted(by_code.items())),
        "scores": dict(result.scores), "metrics": dict(result.metrics),
    }


def _signature_fields(result: AuditResult) -> dict[str, Any] | None:
    """The signature as an object (``audit.pipeline.signature.Signature.to_dict``); None for a
    result not made by the pipeline."""
    fields = getattr(result, "signature_fields", None)
    return fields.to_dict() if fields is not None else None


def header_dict(result: AuditResult) -> dict[str, Any]:
    return {
        "schema": SCHEMA_VERSION,
        "tool": {"name": "transaudit", "version": __version__},
        "signature": result.signature,
        "signature_fields": _signature_fields(result),
        "source_lang": result.source_lang, "target_lang": result.target_lang,
    }


def result_dict(result: AuditResult) -> dict[str, Any]:
    d = header_dict(result)
    d["settings"] = dict(result.settings)
    d["summary"] = summary_dict(result)
    d["segments"] = [segment_dict(s) for s in result.segments]
    return d
