"""``transaudit check``: audit an input and print or write a report; gates set the exit code."""
from __future__ import annotations

import os
import sys

from audit.cli.common import (
    add_input_arguments,
    add_unit_arguments,
    config_from_args,
    metric_names,
    unit_filter_from_args,
)
from audit.cli.progress import progress_for
from audit.core.errors import ExitCode, UsageError
from audit.outputs import check_output_path, format_names, write_report
from audit.scores import gates

NAME = "check"
HELP = "audit a translation and report every flag with its exact span"


def add_arguments(p) -> None:
    add_input_arguments(p, projects=True)
    add_unit_arguments(p)
    p.add_argument("--each", action="store_true",
                   help="audit each file given as its own input (needed for exactly two bilingual files; "
                        "automatic for folders, globs and three files or more)")
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
    _add_executor_arguments(p)


def _add_executor_arguments(p) -> None:
    """--executor, --scheduler, --partitions, --partitioned-output (audit/pipeline/executors.py)."""
    g = p.add_argument_group("execution (audit/pipeline/executors.py)")
    g.add_argument("--executor", choices=["local", "processes", "dask"], default=None,
                   help="where the pair checks run: this process, a pool of --jobs worker processes, or a "
                        "dask.distributed cluster (pip install 'transaudit[dask]'); default: as today")
    g.add_argument("--scheduler", metavar="ADDRESS",
                   help="with --executor dask: the scheduler's address (default: a local cluster of --jobs workers)")
    g.add_argument("--partitions", type=int, metavar="N",
                   help="with --executor: cut the input into N partitions (default: 4 per worker)")
    g.add_argument("--partitioned-output", metavar="DIR",
                   help="with --executor: also write one JSONL (and Parquet with pyarrow) per partition and "
                        "a manifest.json to DIR")


STREAMING_FORMATS = frozenset({"jsonl", "text", "csv"})

_EXT_FORMATS = {".json": "json", ".jsonl": "jsonl", ".csv": "csv", ".txt": "text", ".html": "html",
                ".htm": "html", ".sarif": "sarif", ".xlf": "xliff", ".xliff": "xliff"}


def _require_units(paths, input_format, unit_filter, read_as=None, align=False, presegmented=False) -> None:
    """An input without a single translation unit (a header-only TSV, a PO with only its header, a
    catalog whose units the state selection all leaves out) is an input error: a report of nothing
    would pass every gate. A gettext template (a POT without translations) is not audited alone."""
    from audit.core.errors import AuditError, InputError
    from audit.inputs import open_input
    from audit.inputs.discover import STDIN_NAME, is_template
    from audit.inputs.states import FilteredPairs
    from audit.inputs.stdin import renamed_error

    name = STDIN_NAME if read_as is not None else paths[0]
    try:
        source = open_input([read_as] if read_as is not None else paths, input_format, align=align,
                            presegmented=presegmented)
        if source.format == "documents":
            return
        if len(paths) == 1 and is_template(name) and not any((p.target or "").strip() for p in source):
            raise InputError("a gettext template (no translations) is not audited alone: give the PO files "
                             "translated from it, or their folder with the template (the report then counts "
                             "the template's msgids each PO lacks)", name)
        if next(iter(FilteredPairs(source, unit_filter)), None) is None:
            why = "" if unit_filter.is_default else f" ({unit_filter.describe()})"
            raise InputError("no translation units found" + why, name)
    except AuditError as exc:
        raise (renamed_error(exc, read_as) if read_as is not None else exc) from None


def _note_semantic_off(config) -> None:
    """One stderr line naming the default checks that are off for lack of the semantic extra."""
    from audit.lang import semantic
    from audit.pipeline.engine import semantic_checks_off

    off = semantic_checks_off(config)
    if off:
        sys.stderr.write(f"transaudit: note: {', '.join(off)} off: {semantic.unavailable_reason()}\n")


def _config(args):
    config = config_from_args(args)
    overrides = {}
    if args.fail_under is not None:
        overrides["fail_under"] = args.fail_under
    if args.max_flags is not None:
        if args.max_flags < 0:
            raise UsageError("--max-flags must be 0 or more")
        overrides["max_flags"] = args.max_flags
    return config.merged(**overrides)


def _out_format(args) -> str:
    fmt = args.out_format
    if fmt is None and args.output:
        fmt = _EXT_FORMATS.get(os.path.splitext(args.output)[1].lower(), "text")
    return fmt or "text"


def _is_project(args, files: list[str], expanded: bool) -> bool:
    """Whether each file is its own input (a folder, a glob, --each, three files or more, stdin
    with other files); refuses two bilingual files given as a pair and options that need one input."""
    from audit.inputs.discover import STDIN, bilingual_format, bilingual_pair_message

    project = expanded or args.each or len(files) > 2 or (STDIN in files and len(files) > 1)
    if not project and len(files) == 2 and not (args.align or args.presegmented):
        fa, fb = (bilingual_format(f) for f in files)
        if fa and fb:
            raise UsageError(bilingual_pair_message(files[0], fa, files[1], fb))
    if project:
        for opt, given in (("--ref", args.ref), ("--decisions", getattr(args, "decisions", None)),
                           ("--align", args.align), ("--presegmented", args.presegmented)):
            if given:
                raise UsageError(f"{opt} needs a single input (one file or a text pair), not {len(files)} files")
    return project


def run(args) -> int:
    from contextlib import ExitStack

    from audit.inputs.discover import STDIN, expand_inputs
    from audit.inputs.stdin import Spooled, stdin_format

    config = _config(args)
    fmt = _out_format(args)
    unit_filter = unit_filter_from_args(args)
    files, expanded = expand_inputs(args.inputs)
    project = _is_project(args, files, expanded)
    if project and fmt == "xliff":  # one <file> with one pair of languages: several inputs would be merged
        raise UsageError("the xliff report holds one input; for several files use text, json, jsonl, csv, "
                         "html or sarif")
    if args.output:  # before any work: never replace an input, a reference or a database
        check_output_path(args.output, [*(f for f in files if f != STDIN), *(getattr(args, "ref", None) or []),
                                        getattr(args, "decisions", None), getattr(args, "config", None),
                                        getattr(args, "baseline", None),
                                        *(getattr(args, "glossary", None) or [])])
    with ExitStack() as stack:
        read_as = stdin_fmt = None
        if STDIN in files:
            from audit.core import limits

            cap = limits.configure(config.limits).max_input_bytes
            read_as = stack.enter_context(Spooled(sys.stdin.buffer, cap)).path
            stdin_fmt = stdin_format(read_as, args.input_format)
        if project and getattr(args, "executor", None) and args.partitioned_output:
            raise UsageError("--partitioned-output takes one input (a file or a text pair), not several files")
        runner = _run_project if project else _run_single
        args.resolved_config = config  # for _write's baseline and JUnit hooks
        result, filtered = runner(args, config, fmt, files, unit_filter, read_as, stdin_fmt)
    if args.quiet:
        return _gate(result, config)
    if project:
        _note_project(result)
    else:
        _note_single(args, result, filtered)
    _note_semantic_off(config)
    return _gate(result, config)


def _write(args, fmt: str, make, collected, total: int | None = None) -> object:
    """Run and write the report: ``make()`` gives an ``AuditStream`` for the streaming formats
    (None: never streamed), ``collected(on_checked)`` an ``AuditResult``; progress on stderr
    (``total``: the segments to come, when known before the run)."""
    config = args.resolved_config
    to_terminal = args.output in (None, "-") and sys.stdout.isatty()
    progress = progress_for(args, report_to_terminal=to_terminal)
    update = progress.update if progress is not None else None
    if progress is not None and total is not None:
        progress.total = total
    try:
        if make is not None and fmt in STREAMING_FORMATS:
            # JSONL, text and CSV are written segment by segment as the audit runs (memory flat in the
            # corpus size); the other formats need the whole result first.
            result = make()
            if progress is not None:
                progress.total, result.observer = result.total, update
        else:
            result = collected(update)
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
    return result


def _run_single(args, config, fmt, files, unit_filter, read_as, stdin_fmt):
    """One input (a file, a text pair, two documents or stdin), reported as it always was."""
    from audit.pipeline.project import open_file_audit, with_unit_settings

    input_format = stdin_fmt if read_as is not None else args.input_format
    _require_units(files, input_format, unit_filter, read_as, args.align, args.presegmented)
    opened = {"read_as": read_as, "input_format": input_format, "source_lang": args.src_lang,
              "target_lang": args.tgt_lang, "references": args.ref or None, "metrics": metric_names(args),
              "align": args.align, "presegmented": args.presegmented, "unit_filter": unit_filter}
    if getattr(args, "decisions", None):
        from audit.pipeline.decided import report_decisions
        from audit.store.decisions import DecisionStore

        with DecisionStore(args.decisions, readonly=True) as store:
            audit, filtered = open_file_audit(files, config, decisions=store.snapshot(), **opened)
            done = []

            def collected(update):
                done.append(audit.finished(update))
                return with_unit_settings(done[0].result, unit_filter)

            result = _write(args, fmt, None, collected)
        report_decisions(done[0].decisions, args.decisions, sys.stderr)
        return result, filtered
    audit, filtered = open_file_audit(files, config, **opened)
    if getattr(args, "executor", None):
        return _write(args, fmt, None, lambda update: with_unit_settings(
            _run_executor(args, config, audit, files, input_format, read_as, unit_filter, update), unit_filter)), filtered
    result = _write(args, fmt, lambda: with_unit_settings(audit.stream(), unit_filter),
                    lambda update: with_unit_settings(audit.run(update), unit_filter))
    return result, filtered


def _run_executor(args, config, audit, files, input_format, read_as, unit_filter, on_checked=None):
    """The audit with its pair checks on ``--executor`` (audit/pipeline/executors.py): the
    workers read partitions of the file themselves where the format allows, else the client
    reads and ships chunks; the report is the serial one."""
    from audit.pipeline.executors import (
        audit_partitioned,
        make_executor,
        plan_partitions,
        write_partitioned,
    )

    jobs, n = _executor_shape(args, config)
    readable = (read_as is None and not args.ref and not args.align and not args.presegmented
                and unit_filter.is_default)
    fmt = getattr(audit._pairs, "format", None) if readable else None  # the format the reader chose
    given = (args.src_lang or config.source_lang, args.tgt_lang or config.target_lang)
    parts_out = [] if args.partitioned_output else None
    with make_executor(args.executor, jobs, args.scheduler) as ex:
        partitions = plan_partitions(audit, files, fmt, n, readable)
        result = audit_partitioned(audit, ex, partitions, given,
                                   on_partition=(lambda part, segs: parts_out.append((part, segs)))
                                   if parts_out is not None else None, on_checked=on_checked)
    if parts_out is not None:
        from audit.outputs.serialize import segment_dict, summary_dict

        write_partitioned(args.partitioned_output, result, parts_out, segment_dict, summary_dict)
    return result


def _executor_shape(args, config) -> tuple[int, int]:
    """(--jobs, --partitions) of an --executor run."""
    jobs = config.jobs or (os.cpu_count() or 1)
    n = args.partitions if args.partitions is not None else 4 * jobs
    if n < 1:
        raise UsageError("--partitions must be 1 or more")
    return jobs, n


def _run_project(args, config, fmt, files, unit_filter, read_as, stdin_fmt):
    """Several files, each its own input: a summary per file and the total."""
    from audit.pipeline.project import Project

    project = Project(files, config, input_format=args.input_format, source_lang=args.src_lang,
                      target_lang=args.tgt_lang, unit_filter=unit_filter, stdin_path=read_as,
                      stdin_format=stdin_fmt).prepare()
    if getattr(args, "executor", None):  # each file audited on the executor (audit/pipeline/executors.py)
        from audit.pipeline.executors import audit_project, make_executor

        jobs, n = _executor_shape(args, config)
        given = (args.src_lang or config.source_lang, args.tgt_lang or config.target_lang)

        def collected(update):
            with make_executor(args.executor, jobs, args.scheduler) as ex:
                return audit_project(project, ex, n, given, lambda path: unit_filter.is_default, update)

        return _write(args, fmt, None, collected, total=project.total_segments), None
    return _write(args, fmt, project.stream, project.run, total=project.total_segments), None


def _note_single(args, result, filtered) -> None:
    for side, opt, given, value in (("source", "--src-lang", args.src_lang, getattr(result, "source_lang", None)),
                                    ("target", "--tgt-lang", args.tgt_lang, getattr(result, "target_lang", None))):
        if not given and not value:
            sys.stderr.write(f"transaudit: note: could not tell the {side} language from the input; "
                             f"give {opt} for language-aware checks\n")
    skipped = filtered.counts.skipped if filtered is not None else {}
    shown = {k: v for k, v in skipped.items() if k != "obsolete" or not filtered.filter.is_default}
    if shown:
        parts = ", ".join(f"{n} {state}" for state, n in sorted(shown.items()))
        sys.stderr.write(f"transaudit: note: left out {sum(shown.values())} unit(s) by state: {parts}\n")


def _note_project(result) -> None:
    for f in getattr(result, "files", ()):
        if f.role == "template" and f.note and "no PO file" in f.note or f.role == "catalog" and f.note:
            sys.stderr.write(f"transaudit: note: {f.name}: {f.note}\n")


def _gate(result, config) -> int:
    failed = gates.evaluate(result, config)
    if failed:
        sys.stderr.write("transaudit: gate failed: " + "; ".join(failed) + "\n")
        return ExitCode.GATE_FAILED
    return ExitCode.OK
