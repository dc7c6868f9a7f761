"""JSONL report: a header line (``"type": "header"``), one segment a line (``"type": "segment"``,
the contract's ``segments[]`` items), and last the summary (``"type": "summary"`` with the
contract's ``summary`` fields), so that a streamed audit is written as it runs, in flat memory.

One encoder for the whole report (``json.dumps`` with options builds a new one per call), and
lines written in batches of ``BATCH`` (fewer calls into the file object; memory stays flat)."""
from __future__ import annotations

import json

from audit.outputs.serialize import header_dict, segment_dict, summary_dict

BATCH = 256

_encode = json.JSONEncoder(ensure_ascii=False).encode


def write(result, out, *, color: bool = False) -> None:
    encode = _encode
    head = header_dict(result)
    head["type"] = "header"
    out.write(encode(head) + "\n")
    lines: list[str] = []
    for seg in result.segments:
        d = segment_dict(seg)
        d["type"] = "segment"
        lines.append(encode(d))
        if len(lines) >= BATCH:
            lines.append("")
            out.write("\n".join(lines))
            lines.clear()
    if lines:
        lines.append("")
        out.write("\n".join(lines))
    out.write(encode({"type": "summary", **summary_dict(result)}) + "\n")
