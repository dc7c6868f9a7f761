"""``transaudit export-decisions``: write review decisions as JSON or CSV, and optionally the
edited translation in the input's format."""
from __future__ import annotations

import os
import sys

from audit.core.errors import UsageError

NAME = "export-decisions"
HELP = "write the review decisions of a database as JSON or CSV (and the post-edited translation)"


def add_arguments(p) -> None:
    p.add_argument("db", metavar="DB", help="decisions database written by 'transaudit review'")
    p.add_argument("--format", "-F", dest="out_format", choices=["json", "csv"], default=None,
                   help="output format (default: json, or from the -o extension)")
    p.add_argument("--output", "-o", metavar="PATH", help="write here instead of stdout (- is stdout)")
    p.add_argument("--edited", metavar="PATH",
                   help="also write the input with its post-edited targets here, in the input's format (- is stdout)")
    p.add_argument("--input", dest="inputs", action="append", default=[], metavar="FILE",
                   help="the reviewed input (for --edited; repeat for two text files: source, then target)")
    p.add_argument("--input-format", "-f", help="input format (default: by extension and content)")


def run(args) -> int:
    from audit.core.files import check_output_path, is_stdout
    from audit.outputs.decisions import export_decisions, write_edited
    from audit.store.decisions import DecisionStore

    fmt = args.out_format
    if fmt is None:
        fmt = "csv" if args.output and os.path.splitext(args.output)[1].lower() == ".csv" else "json"
    if args.edited and not args.inputs:
        raise UsageError("--edited needs the reviewed input: --input FILE")
    for path in (args.output, args.edited):  # before any work: never replace the database or an input
        if path:
            check_output_path(path, [args.db, *args.inputs])
    with DecisionStore(args.db, readonly=True) as store:
        n = export_decisions(store, fmt, args.output, sys.stdout)
        if args.output and not is_stdout(args.output):
            sys.stderr.write(f"transaudit: {n} decisions written to {args.output}\n")
        if args.edited:
            k = write_edited(args.inputs, store, args.edited, input_format=args.input_format,
                             warn=lambda m: sys.stderr.write(f"transaudit: warning: {m}\n"))
            sys.stderr.write(f"transaudit: {k} post-edited targets written to {args.edited}\n")
    return 0
