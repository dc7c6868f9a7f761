"""JSON report: the versioned contract for scripts (see ``serialize``)."""
from __future__ import annotations

import json

from audit.outputs.serialize import result_dict


def write(result, out, *, color: bool = False) -> None:
    json.dump(result_dict(result), out, ensure_ascii=False, indent=1)
    out.write("\n")
