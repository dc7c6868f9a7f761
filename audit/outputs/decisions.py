"""Review decisions out of the store: as JSON or CSV, and the input written back with its
post-edited targets.

``export_decisions`` writes the store as JSON or CSV (through ``audit.core.files.write_output``);
``write_edited`` writes the input back out with its post-edited targets, in the input's format (JSONL, TSV, line-aligned
text, PO, XLIFF, TMX), never touching the input file itself. Catalogs (PO, XLIFF, TMX) are patched,
not re-serialised: only the decided units change, with their states set as decided (approvals
included); with nothing decided the output is the input byte for byte.
"""
from __future__ import annotations

import csv
import json
import os
from collections.abc import Sequence
from typing import Any

from audit.core.errors import InputError, UsageError
from audit.outputs.cells import cell
from audit.store.decisions import SCHEMA_VERSION, DecisionStore, segment_key

EXPORT_FIELDS = ("kind", "fingerprint", "key", "pair_id", "status", "code", "message", "note", "approved",
                 "post_edit", "source", "original_target", "updated")


def decision_rows(store: DecisionStore) -> list[dict[str, Any]]:
    rows = [d.to_dict() for d in sorted(store.flag_decisions().values(), key=lambda d: (d.updated, d.fingerprint))]
    rows += [d.to_dict() for d in sorted(store.segment_decisions().values(), key=lambda d: (d.updated, d.key))]
    return rows


def export_decisions(store: DecisionStore, fmt: str, path: str | None = None, stream=None) -> int:
    """Write every decision as JSON or CSV, to ``path`` (``write_output``'s rules) or to ``stream``;
    returns the count."""
    import sys

    from audit.core.files import write_output

    rows = decision_rows(store)
    if fmt == "json":
        def fill(fh):
            json.dump({"schema": SCHEMA_VERSION, "database": os.path.basename(store.path), "decisions": rows},
                      fh, ensure_ascii=False, indent=2)
            fh.write("\n")
    elif fmt == "csv":
        def fill(fh):
            w = csv.DictWriter(fh, fieldnames=EXPORT_FIELDS, extrasaction="ignore", lineterminator="\r\n")
            w.writeheader()
            for r in rows:
                w.writerow({k: cell("" if r.get(k) is None else r.get(k)) for k in EXPORT_FIELDS})
    else:
        raise UsageError(f"unknown export format {fmt!r} (json, csv)")
    if path is None:
        fill(stream or sys.stdout)
    else:
        write_output(path, fill)
    return len(rows)


# -- writing the edited translation back out ---------------------------------------------------------

EDIT_FORMATS = ("jsonl", "tsv", "text", "po", "xliff", "tmx")


def write_edited(inputs: Sequence[str] | str, store: DecisionStore, output: str, *,
                 input_format: str | None = None, warn=None) -> int:
    """Write the input with its post-edited targets to ``output`` (for two text files: the target
    side), in the input's format. Returns how many targets were replaced. Never writes the input.
    ``warn(message)`` hears of what was written otherwise than decided (a post-edit that removed an
    inline code, a decision on an obsolete PO entry, which is left as it is)."""
    from audit.core.files import write_output
    from audit.inputs import detect_format, open_input

    paths = [inputs] if isinstance(inputs, str) else list(inputs)
    if os.path.abspath(output) in {os.path.abspath(p) for p in paths}:
        raise UsageError("the output would overwrite an input file", output)
    fmt = input_format or ("text" if len(paths) == 2 else detect_format(paths[0]))
    source = open_input(paths, fmt)
    segs = store.segment_decisions()
    edits: dict[int, str] = {}  # pair index -> post-edit
    for p in source:
        d = segs.get(segment_key(p))
        if d is not None and d.post_edit is not None and not (p.unit is not None and p.unit.state == "obsolete"):
            edits[p.index] = d.post_edit  # an obsolete PO entry is left as it is (write_po warns)
    pairs_by_index = None
    if fmt == "text":
        from audit.core.decode import open_text_lines

        def fill(fh):
            for index, (_lineno, line) in enumerate(open_text_lines(paths[1], keepends=True)):
                if index in edits:
                    body = line.rstrip("\r\n")
                    fh.write(_one_line(edits[index]) + line[len(body):])
                else:
                    fh.write(line)
        write_output(output, fill)
    elif fmt == "jsonl":
        from audit.core.decode import open_text_lines

        def fill(fh):
            index = 0
            for _lineno, line in open_text_lines(paths[0], keepends=True):
                if not line.strip():
                    fh.write(line)
                    continue
                if index in edits:
                    obj = json.loads(line)
                    obj["target"] = edits[index]
                    fh.write(json.dumps(obj, ensure_ascii=False) + "\n")
                else:
                    fh.write(line if line.endswith("\n") else line + "\n")
                index += 1
        write_output(output, fill)
    elif fmt == "tsv":
        pairs_by_index = {p.index: p for p in source if p.index in edits}
        by_line = {p.target_origin.line: (p, edits[i]) for i, p in pairs_by_index.items() if p.target_origin}
        from audit.core.decode import open_text_lines

        def fill(fh):
            for lineno, line in open_text_lines(paths[0], keepends=True):
                if lineno in by_line:
                    pair, new = by_line[lineno]
                    body = line.rstrip("\r\n")
                    cols = body.split("\t")
                    tgt_cols = [i for i, c in enumerate(cols) if c == (pair.target or "") and i > 0]
                    if not tgt_cols:
                        raise InputError("cannot find the target column to replace", paths[0], lineno)
                    cols[tgt_cols[0]] = _one_line(new).replace("\t", " ")
                    fh.write("\t".join(cols) + line[len(body):])
                else:
                    fh.write(line)
        write_output(output, fill)
    elif fmt in ("po", "xliff", "tmx"):
        _write_edited_catalog(paths[0], fmt, source, segs, output, warn)
    else:
        raise UsageError(f"cannot write edited translations as {fmt} ({', '.join(EDIT_FORMATS)})")
    return len(edits)


def _one_line(text: str) -> str:
    return text.replace("\r\n", " ").replace("\n", " ").replace("\r", " ")


def _write_edited_catalog(path: str, fmt: str, source, decisions: dict, output: str, warn=None) -> None:
    """PO / XLIFF (1.2 and 2.x) / TMX: the input's own bytes, patched in the decided units only
    (``audit.outputs.writeback_po``, ``audit.outputs.writeback_xml``)."""
    from audit.core.files import write_output

    pairs = list(source)
    decided = {}
    for p in pairs:
        d = decisions.get(segment_key(p))
        if d is not None and (d.post_edit is not None or d.approved):
            decided[p.index] = (d.post_edit, bool(d.approved), d.updated)
    if fmt == "po":
        from audit.outputs.writeback_po import write_po

        enc = (getattr(source, "meta", None) or {}).get("encoding")
        data = write_po(path, pairs, decided, None if enc in (None, "utf-8") else enc, warn=warn)
    else:
        from audit.outputs.writeback_xml import write_xml

        data = write_xml(path, fmt, pairs, decided, warn=warn)
    write_output(output, lambda fh: fh.write(data), binary=True)
