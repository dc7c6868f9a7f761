"""JSON report: the versioned contract for scripts (see ``serialize``)."""
from __future__ import annotations

import json

from audit.outputs.catalog import catalog_stats
from audit.outputs.serialize import result_dict


def files_dict(result) -> dict | None:
    """A run over several files (``check DIR``): ``files``, one summary per input file (file,
    format, role, languages, segments, flags by severity, scores, units by state, units left out,
    template coverage), in input order; the contract's ``summary`` is their total. None for one input."""
    files = getattr(result, "files", None)
    if not files:
        return None
    return {"files": [f.to_dict() for f in files]}


def write(result, out, *, color: bool = False) -> None:
    d = result_dict(result)
    extra = files_dict(result)
    if extra is not None:  # after "summary", before "segments"
        segments = d.pop("segments")
        d.update(extra)
        d["segments"] = segments
    # catalog inputs (PO, XLIFF, TMX): each segment's unit (state, flags, plural form) and the units
    # counted by state, per file and in total (see ``catalog``); absent for other inputs
    for seg_d, seg in zip(d["segments"], result.segments):
        if seg.pair.unit is not None:
            seg_d["unit"] = seg.pair.unit.to_dict()
    stats = catalog_stats(result).to_dict()
    if stats is not None:
        d["catalog"] = stats
    json.dump(d, out, ensure_ascii=False, indent=1)
    out.write("\n")
