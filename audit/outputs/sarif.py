"""SARIF 2.1.0 report: the static-analysis format code hosts show on pull requests, for
translation files that live in repositories. One rule per check (its doc as the full
description), one result per flag located by file and line (and by character offset where
the input is a plain document), with the flag's fingerprint as a partial fingerprint so that
hosts track a flag across commits."""
from __future__ import annotations

import json

from audit.checks.registry import all_checks
from audit.core.model import Severity
from audit.core.version import __version__

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVEL = {Severity.MINOR: "note", Severity.MAJOR: "warning", Severity.CRITICAL: "error"}


def _location(pair, span):
    origin = pair.target_origin if span is None or span.side == "target" else pair.source_origin
    if origin is None or not origin.path:
        return None
    region = {}
    if origin.line:
        region["startLine"] = origin.line
    if origin.offset is not None and span is not None:
        region["charOffset"] = origin.offset + span.start
        region["charLength"] = span.end - span.start
    if span is not None:
        region["snippet"] = {"text": pair.text(span.side)[span.start:span.end]}
    loc = {"physicalLocation": {"artifactLocation": {"uri": origin.path.replace("\\", "/")}}}
    if region:
        loc["physicalLocation"]["region"] = region
    loc["logicalLocations"] = [{"name": pair.id, "kind": "object", "fullyQualifiedName": f"segment/{pair.id}"}]
    return loc


def sarif_dict(result) -> dict:
    checks = all_checks()
    used = sorted({f.code for f in result.flags})
    rules = []
    index = {}
    for code in used:
        spec = checks[code].spec if code in checks else None
        index[code] = len(rules)
        rule = {"id": code}
        if spec is not None:
            rule.update({
                "name": spec.name,
                "shortDescription": {"text": spec.doc.split("\n\n")[0].split(". ")[0].rstrip(".") + "."},
                "fullDescription": {"text": " ".join(spec.doc.split())},
                "defaultConfiguration": {"level": LEVEL[spec.severity]},
                "properties": {"category": spec.category, "tags": [spec.category.split("/")[0]]},
            })
        rules.append(rule)
    results = []
    for seg in result.segments:
        pair = seg.pair
        for f in seg.flags:
            res = {
                "ruleId": f.code, "ruleIndex": index[f.code], "level": LEVEL[f.severity],
                "message": {"text": f.message},
                "partialFingerprints": {"transaudit/v1": f.fingerprint},
                "properties": {"category": f.category, "severity": f.severity.label, "segment": pair.id},
            }
            loc = _location(pair, f.primary)
            if loc:
                res["locations"] = [loc]
            related = [r for r in (_location(pair, sp) for sp in f.related) if r]
            for i, r in enumerate(related):
                r["id"] = i
            if related:
                res["relatedLocations"] = related
            results.append(res)
    return {
        "$schema": SCHEMA, "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "transaudit", "version": __version__, "rules": rules}},
            "properties": {"signature": result.signature, "sourceLanguage": result.source_lang,
                           "targetLanguage": result.target_lang},
            "results": results,
        }],
    }


def write(result, out, *, color: bool = False) -> None:
    json.dump(sarif_dict(result), out, ensure_ascii=False, indent=1)
    out.write("\n")
