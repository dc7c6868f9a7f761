"""Layer 8, outputs: report writers (one ``AuditResult`` in, one format out), and decisions
exported or written back into the input's format.

Formats register themselves in ``WRITERS`` (name -> (module, extension)). ``write_report``
writes to a path atomically (temp file in the same folder, then rename) or to a stream.
"""
from __future__ import annotations

import importlib
import os
import sys
import tempfile
from typing import IO

from audit.core.errors import UsageError
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
    atomic_write(path, lambda fh: module.write(result, fh, color=False))


def check_output_path(path: str, protected=()) -> None:
    """Refuse, before any work is done, an output path that cannot be written or that would
    replace one of the ``protected`` files (inputs, references, databases)."""
    if os.path.isdir(path):
        raise UsageError("the output path is a directory", path)
    folder = os.path.dirname(os.path.abspath(path)) or "."
    if not os.path.isdir(folder):
        raise UsageError("output folder does not exist", path)
    target = os.path.realpath(path)
    for p in protected:
        if p and os.path.realpath(p) == target:
            raise UsageError(f"the output would overwrite {p}", path)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def atomic_write(path: str, fill, mode: str = "w") -> None:
    """Write through a temp file in the target folder and rename it over ``path``; the file gets
    the permissions a plain ``open`` would give it (mkstemp's are private)."""
    check_output_path(path)
    folder = os.path.dirname(os.path.abspath(path)) or "."
    fd, tmp = tempfile.mkstemp(prefix=".transaudit-", dir=folder)
    try:
        kwargs = {"encoding": "utf-8", "newline": ""} if "b" not in mode else {}
        with os.fdopen(fd, mode, **kwargs) as fh:
            fill(fh)
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
