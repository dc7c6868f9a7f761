"""GitLab Code Quality report (``artifacts:reports:codequality``): a JSON array, one issue a
flag, with ``description``, ``check_name`` (the check code), ``fingerprint``, ``severity``
(minor ``minor``, major ``major``, critical ``critical``) and ``location.path`` (relative to
the current directory) with ``location.lines.begin`` (1 when the reader knows no line).

The fingerprint is what GitLab compares between the merge request and its target branch, so it
must not change when lines move: it is the baseline fingerprint (``audit.pipeline.baseline``:
code, normalised source text, flagged texts) hashed with its occurrence number among equal
fingerprints in input order, so repeated identical flags stay distinct and each keeps its
fingerprint from run to run. Descriptions show control, bidi and invisible characters as
visible placeholders; JSON escaping does the rest.
"""
from __future__ import annotations

import hashlib
import json

from audit.core.display import safe
from audit.core.model import Severity
from audit.outputs.locate import Locator
from audit.outputs.pieces import flagged_snippet
from audit.pipeline.baseline import flag_fingerprint, source_hash

SEVERITY = {Severity.MINOR: "minor", Severity.MAJOR: "major", Severity.CRITICAL: "critical"}
SNIPPET = 80


def _description(pair, flag) -> str:
    text = f"{flag.code} {flag.name}: {flag.message} (segment {pair.id}"
    flagged = flagged_snippet(pair, flag, SNIPPET)
    if flagged is not None:
        text += f", {flag.primary.side}: \u201c{flagged}\u201d"
    return safe(text + ")")


def issues(result) -> list[dict]:
    locator = Locator()
    seen: dict[str, int] = {}
    out = []
    for seg in result.segments:
        pair = seg.pair
        sh = source_hash(pair.source) if seg.flags else None
        for f in seg.flags:
            base = flag_fingerprint(pair, f, sh)
            n = seen.get(base, 0)
            seen[base] = n + 1
            fp = hashlib.blake2b(f"{base}:{n}".encode(), digest_size=16).hexdigest()
            sp = f.primary
            place = locator.place(pair, sp.side, sp.start, sp.end) if sp is not None else locator.place(pair, None)
            lines = {"begin": place.line or 1}
            if place.end_line and place.end_line != lines["begin"]:
                lines["end"] = place.end_line
            out.append({
                "type": "issue", "description": _description(pair, f), "check_name": f.code,
                "fingerprint": fp, "severity": SEVERITY[f.severity],
                "location": {"path": place.path or "input", "lines": lines},
            })
    return out


def write(result, out, *, color: bool = False) -> None:
    json.dump(issues(result), out, ensure_ascii=False, indent=1)
    out.write("\n")
