"""JSONL report: a header line, then one segment a line (the contract's ``segments[]`` items)."""
from __future__ import annotations

import json

from .serialize import header_dict, segment_dict, summary_dict


def write(result, out, *, color: bool = False) -> None:
    head = header_dict(result)
    head["type"] = "header"
    head["summary"] = summary_dict(result)
    out.write(json.dumps(head, ensure_ascii=False) + "\n")
    for seg in result.segments:
        d = segment_dict(seg)
        d["type"] = "segment"
        out.write(json.dumps(d, ensure_ascii=False) + "\n")
