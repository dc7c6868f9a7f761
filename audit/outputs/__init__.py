"""Layer 8, outputs: report writers (one ``AuditResult`` in, one format out), and decisions
exported or written back into the input's format. ``locate`` places flags in their files (lines,
columns, paths relative to the current directory) for the CI formats.

Formats register themselves in ``WRITERS`` (name -> (module, extension)). ``write_report``
writes to a stream, or to a path through ``audit.core.files.write_output`` (``-`` is stdout; a
regular file is replaced atomically; a device, FIFO or socket is written in place; a symlink's
target is written, the link kept).
"""
from __future__ import annotations

import importlib
import sys
from typing import IO

from audit.core.errors import UsageError
from audit.core.files import check_output_path, write_output
from audit.core.model import AuditResult

# name -> module under audit.outputs exposing ``write(result, out: IO[str], *, color: bool)``
WRITERS: dict[str, str] = {
    "text": "text",
    "json": "jsonout",
    "jsonl": "jsonl",
    "csv": "csvout",
    "html": "html",
    "sarif": "sarif",
    "xliff": "xliff_its",
    # CI formats (issue 14): annotations, test reports and code-quality reports
    "github": "github",
    "junit": "junit",
    "gitlab": "gitlab",
}


def format_names() -> list[str]:
    return sorted(WRITERS)


def write_report(result: AuditResult, fmt: str, path: str | None = None, stream: IO[str] | None = None,
                 color: bool = False) -> None:
    if fmt not in WRITERS:
        raise UsageError(f"unknown output format {fmt!r} (one of {', '.join(format_names())})")
    module = importlib.import_module(f"{__name__}.{WRITERS[fmt]}")
    if path is None:
        module.write(result, stream or sys.stdout, color=color)
        return
    write_output(path, lambda fh: module.write(result, fh, color=color if path == "-" else False))


atomic_write = write_output  # the former name
__all__ = ["WRITERS", "format_names", "write_report", "check_output_path", "write_output", "atomic_write"]
