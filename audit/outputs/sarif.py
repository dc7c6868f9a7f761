"""SARIF 2.1.0 report: the static-analysis format code hosts show on pull requests, for
translation files that live in repositories. One rule per check (its doc as the full
description), one result per flag located by file, line and columns (``audit.outputs.locate``:
exact or left out; code-point columns, ``columnKind`` ``unicodeCodePoints``; the character offset
too where the input is a plain document) and always by segment id as a logical location. File
URIs are relative to ``%SRCROOT%`` (``originalUriBaseIds``: the current directory) for files
under it, absolute ``file:`` URIs otherwise. The flag's fingerprint is a partial fingerprint so
that hosts track a flag across commits; with ``check --baseline`` every result is
``baselineState: new`` and the run's properties hold the baseline's counts."""
from __future__ import annotations

import json

from audit.checks.registry import all_checks
from audit.core.model import Severity
from audit.core.version import __version__
from audit.outputs.locate import SRCROOT, Locator

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVEL = {Severity.MINOR: "note", Severity.MAJOR: "warning", Severity.CRITICAL: "error"}


def _location(pair, span, locator: Locator) -> dict:
    """A result's location: the file (relative to %SRCROOT% where it is under the current
    directory) with the flagged text's lines and columns where they are exact (``locate``), and
    always the segment as a logical location."""
    loc: dict = {}
    side = span.side if span is not None else "target"
    origin = pair.source_origin if side == "source" else pair.target_origin
    if origin is not None and origin.path:
        uri, base = locator.uri(origin.path)
        artifact = {"uri": uri}
        if base:
            artifact["uriBaseId"] = base
        region: dict = {}
        place = locator.place(pair, side, span.start, span.end) if span is not None else locator.place(pair, side)
        if place.line:
            region["startLine"] = place.line
        if place.column:
            region.update({"startColumn": place.column, "endLine": place.end_line, "endColumn": place.end_column})
        if origin.offset is not None and span is not None:
            region["charOffset"] = origin.offset + span.start
            region["charLength"] = span.end - span.start
        if span is not None and region:
            region["snippet"] = {"text": pair.text(span.side)[span.start:span.end]}
        loc["physicalLocation"] = {"artifactLocation": artifact}
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
    locator = Locator()
    baseline = (result.settings or {}).get("baseline")
    for seg in result.segments:
        pair = seg.pair
        for f in seg.flags:
            res = {
                "ruleId": f.code, "ruleIndex": index[f.code], "level": LEVEL[f.severity],
                "message": {"text": f.message},
                "partialFingerprints": {"transaudit/v1": f.fingerprint},
                "properties": {"category": f.category, "severity": f.severity.label, "segment": pair.id},
            }
            if baseline:
                res["baselineState"] = "new"  # the accepted flags are left out (check --baseline)
            res["locations"] = [_location(pair, f.primary, locator)]
            related = [_location(pair, sp, locator) for sp in f.related]
            for i, r in enumerate(related):
                r["id"] = i
            if related:
                res["relatedLocations"] = related
            results.append(res)
    props = {"signature": result.signature, "sourceLanguage": result.source_lang,
             "targetLanguage": result.target_lang}
    if baseline:
        props["baseline"] = dict(baseline)
    return {
        "$schema": SCHEMA, "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "transaudit", "version": __version__, "rules": rules}},
            "originalUriBaseIds": {SRCROOT: {"uri": locator.root_uri()}},
            "columnKind": "unicodeCodePoints",
            "properties": props,
            "results": results,
        }],
    }


def write(result, out, *, color: bool = False) -> None:
    json.dump(sarif_dict(result), out, ensure_ascii=False, indent=1)
    out.write("\n")
