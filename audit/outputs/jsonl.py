"""JSONL report: a header line (``"type": "header"``), one segment a line (``"type": "segment"``,
the contract's ``segments[]`` items), and last the summary (``"type": "summary"`` with the
contract's ``summary`` fields), so that a streamed audit is written as it runs, in flat memory."""
from __future__ import annotations

import json

from audit.outputs.serialize import header_dict, segment_dict, summary_dict


def write(result, out, *, color: bool = False) -> None:
    head = header_dict(result)
    head["type"] = "header"
    out.write(json.dumps(head, ensure_ascii=False) + "\n")
    for seg in result.segments:
        d = segment_dict(seg)
        d["type"] = "segment"
        out.write(json.dumps(d, ensure_ascii=False) + "\n")
    out.write(json.dumps({"type": "summary", **summary_dict(result)}, ensure_ascii=False) + "\n")
