"""``transaudit check``: audit an input and print or write a report; gates set the exit code."""
from __future__ import annotations

import os
import sys

from audit.cli.common import add_input_arguments, config_from_args, metric_names
from audit.cli.progress import progress_for
from audit.core.errors import ExitCode, UsageError
from audit.outputs import check_output_path, format_names, write_report
from audit.scores import gates

NAME = "check"
HELP = "audit a translation and report every flag with its exact span"


def add_arguments(p) -> None:
    add_input_arguments(p)
    p.add_argument("--format", "-F", dest="out_format", default=None, choices=format_names(),
                   help="report format (default: text, or from the -o extension)")
    p.add_argument("--output", "-o", metavar="PATH", help="write the report here instead of stdout (- is stdout)")
    p.add_argument("--fail-on", choices=["minor", "major", "critical"],
                   help="exit 1 when any flag has this severity or worse (default: never fail on flags)")
    p.add_argument("--fail-under", type=float, metavar="SCORE", help="exit 1 when the corpus quality score is below SCORE")
    p.add_argument("--max-flags", type=int, metavar="N", help="exit 1 when there are more than N flags")
    p.add_argument("--color", choices=["auto", "always", "never"], default="auto", help="colour the text report")
    p.add_argument("--progress", action="store_true",
                   help="show progress on stderr even when it is not a terminal (a line every few seconds)")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress and no notes on stderr (errors only)")
    p.add_argument("--decisions", metavar="DB",
                   help="review decisions ('transaudit review'): leave dismissed flags out, audit post-edited targets")
    p.add_argument("--baseline", metavar="PATH",  # see audit/cli/baseline.py
                   help="report only the flags new since this baseline ('transaudit baseline create'); "
                        "gates count new flags only")


STREAMING_FORMATS = frozenset({"jsonl", "text", "csv"})

_EXT_FORMATS = {".json": "json", ".jsonl": "jsonl", ".csv": "csv", ".txt": "text", ".html": "html",
                ".htm": "html", ".sarif": "sarif", ".xlf": "xliff", ".xliff": "xliff"}


def _require_units(args) -> None:
    """An input without a single translation unit (a header-only TSV, a PO with only its header)
    is an input error: a report of nothing would pass every gate."""
    from audit.core.errors import InputError
    from audit.inputs import open_input

    source = open_input(args.inputs, args.input_format, align=args.align, presegmented=args.presegmented)
    if source.format == "documents":
        return
    if next(iter(source), None) is None:
        raise InputError("no translation units found", args.inputs[0])


def _note_semantic_off(config) -> None:
    """One stderr line naming the default checks that are off for lack of the semantic extra."""
    from audit.lang import semantic
    from audit.pipeline.engine import semantic_checks_off

    off = semantic_checks_off(config)
    if off:
        sys.stderr.write(f"transaudit: note: {', '.join(off)} off: {semantic.unavailable_reason()}\n")


def run(args) -> int:
    from audit.pipeline import Audit  # here, not at the top: `transaudit --version` loads no checks

    config = config_from_args(args)
    overrides = {}
    if args.fail_under is not None:
        overrides["fail_under"] = args.fail_under
    if args.max_flags is not None:
        if args.max_flags < 0:
            raise UsageError("--max-flags must be 0 or more")
        overrides["max_flags"] = args.max_flags
    config = config.merged(**overrides)
    fmt = args.out_format
    if fmt is None and args.output:
        fmt = _EXT_FORMATS.get(os.path.splitext(args.output)[1].lower(), "text")
    fmt = fmt or "text"
    if args.output:  # before any work: never replace an input, a reference or a database
        check_output_path(args.output, [*args.inputs, *(getattr(args, "ref", None) or []),
                                        getattr(args, "decisions", None), getattr(args, "config", None),
                                        getattr(args, "baseline", None),
                                        *(getattr(args, "glossary", None) or [])])
    _require_units(args)
    opened = dict(input_format=args.input_format, source_lang=args.src_lang, target_lang=args.tgt_lang,
                  config=config, references=args.ref or None, metrics=metric_names(args), align=args.align,
                  presegmented=args.presegmented)
    to_terminal = args.output in (None, "-") and sys.stdout.isatty()
    progress = progress_for(args, report_to_terminal=to_terminal)
    update = progress.update if progress is not None else None
    try:
        if getattr(args, "decisions", None):
            from audit.pipeline.decided import report_decisions
            from audit.store.decisions import DecisionStore

            with DecisionStore(args.decisions, readonly=True) as store:
                done = Audit.open(args.inputs, decisions=store.snapshot(), **opened).finished(update)
            result = done.result
            report_decisions(done.decisions, args.decisions, sys.stderr)
        elif fmt in STREAMING_FORMATS:
            # JSONL, text and CSV are written segment by segment as the audit runs (memory flat in the
            # corpus size); the other formats need the whole result first.
            result = Audit.open(args.inputs, **opened).stream()
            if progress is not None:
                progress.total, result.observer = result.total, update
        else:
            result = Audit.open(args.inputs, **opened).run(update)
        if getattr(args, "baseline", None):  # --baseline: only new flags (audit/cli/baseline.py)
            from audit.cli.baseline import filter_new
            result = filter_new(result, args.baseline, config, note=None if args.quiet else sys.stderr)
        if fmt == "junit" and config.fail_on is not None:  # JUnit failures from --fail-on up
            from audit.outputs.junit import with_fail_on
            result = with_fail_on(result, config.fail_on)
        color = args.color == "always" or (args.color == "auto" and to_terminal and os.environ.get("NO_COLOR") is None)
        write_report(result, fmt, args.output, color=color)
    finally:
        if progress is not None:
            progress.close()
    if args.quiet:
        return _gate(result, config)
    for side, opt, given, value in (("source", "--src-lang", args.src_lang, getattr(result, "source_lang", None)),
                                    ("target", "--tgt-lang", args.tgt_lang, getattr(result, "target_lang", None))):
        if not given and not value:
            sys.stderr.write(f"transaudit: note: could not tell the {side} language from the input; "
                             f"give {opt} for language-aware checks\n")
    _note_semantic_off(config)
    return _gate(result, config)


def _gate(result, config) -> int:
    failed = gates.evaluate(result, config)
    if failed:
        sys.stderr.write("transaudit: gate failed: " + "; ".join(failed) + "\n")
        return ExitCode.GATE_FAILED
    return ExitCode.OK
