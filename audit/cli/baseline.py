"""``transaudit baseline create|update``: record the flags of an accepted state in a baseline
file, and ``filter_new``, the ``check --baseline`` hook that keeps only the flags new since it.

The accepted state is read from a transaudit report (``check -F json`` or ``-F jsonl`` output),
or made by auditing an input with the same options as ``check``. Fingerprints and matching are
in ``audit.pipeline.baseline``.
"""
from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from dataclasses import replace

from audit.cli.common import add_input_arguments
from audit.core.errors import InputError, UsageError

NAME = "baseline"
HELP = "record the flags of an accepted state, so that 'check --baseline' reports only new ones"


def add_arguments(p) -> None:
    sub = p.add_subparsers(dest="baseline_action", metavar="ACTION", required=True,
                           parser_class=type(p))
    for action, text in (("create", "write a new baseline from a report or an input"),
                         ("update", "rewrite an existing baseline to the current state")):
        sp = sub.add_parser(action, help=text, description=text)
        add_input_arguments(sp)
        sp.add_argument("--output", "-o", metavar="PATH", required=True,
                        help="the baseline file" + (" to write" if action == "create" else " to update"))
        if action == "update":
            sp.add_argument("--prune", action="store_true",
                            help="only forget accepted flags that are gone; accept no new flag")
        sp.add_argument("--quiet", "-q", action="store_true", help="no counts on stderr")


# --- reading a report back -------------------------------------------------------------------


def _report_kind(path: str) -> str | None:
    """'json' or 'jsonl' when ``path`` is a transaudit report, else None (an input to audit)."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(4096)
            fh.seek(0)
            first = fh.readline(1 << 20).strip()  # a JSONL header line lists every check: it can be long
    except OSError:
        return None
    text = head.lstrip()
    if not text.startswith(b"{"):
        return None
    try:
        obj = json.loads(first)
    except ValueError:
        obj = None
    if isinstance(obj, dict):
        tool = obj.get("tool")
        if obj.get("type") == "header" and isinstance(tool, dict) and tool.get("name") == "transaudit":
            return "jsonl"
        return None
    # a pretty-printed JSON report: "schema" and "tool" come first
    return "json" if b'"schema"' in head and b'"transaudit"' in head and b'"tool"' in head else None


def _flag_items(seg: dict, where: str) -> Iterator[tuple[str, str, str]]:
    from audit.pipeline.baseline import baseline_fingerprint, source_hash

    source = seg.get("source")
    flags = seg.get("flags")
    if not isinstance(source, str) or not isinstance(flags, list):
        raise InputError("a segment without a source text or a flags list", where)
    sh = source_hash(source)
    for f in flags:
        if not isinstance(f, dict) or not isinstance(f.get("code"), str):
            raise InputError("a flag without a code", where)
        spans = []
        if f.get("side") is not None:
            spans.append((f.get("side"), f.get("text")))
        spans.extend((r.get("side"), r.get("text")) for r in f.get("related") or () if isinstance(r, dict))
        if not all(isinstance(s, str) and isinstance(t, str) for s, t in spans):
            raise InputError("a flag span without a side or a text", where)
        yield baseline_fingerprint(f["code"], source, spans, sh), f["code"], spans[0][1] if spans else ""


def _report_items(path: str, kind: str) -> Iterator[tuple[str, str, str]]:
    try:
        with open(path, encoding="utf-8") as fh:
            if kind == "json":
                data = json.load(fh)
                segs = data.get("segments") if isinstance(data, dict) else None
                if not isinstance(segs, list):
                    raise InputError("a JSON report without a segments list", path)
                for seg in segs:
                    if not isinstance(seg, dict):
                        raise InputError("a segment that is not an object", path)
                    yield from _flag_items(seg, path)
                return
            for lineno, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                obj = json.loads(line)
                if isinstance(obj, dict) and obj.get("type") == "segment":
                    yield from _flag_items(obj, f"{path}:{lineno}")
    except (ValueError, UnicodeDecodeError, RecursionError):
        raise InputError("a transaudit report that is not valid JSON", path) from None


def current_flags(args) -> list[tuple[str, str, str]]:
    """(fingerprint, code, flagged text) of every flag of the current state."""
    if len(args.inputs) == 1:
        kind = _report_kind(args.inputs[0])
        if kind is not None:
            return list(_report_items(args.inputs[0], kind))
    from audit.cli.common import config_from_args, metric_names
    from audit.pipeline import Audit
    from audit.pipeline.baseline import iter_fingerprints

    result = Audit.open(args.inputs, input_format=args.input_format, source_lang=args.src_lang,
                        target_lang=args.tgt_lang, config=config_from_args(args), references=args.ref or None,
                        metrics=metric_names(args), align=args.align, presegmented=args.presegmented).run()
    return list(iter_fingerprints(result.segments))


def run(args) -> int:
    from audit.core.files import check_output_path, is_stdout, write_output
    from audit.pipeline import baseline as bl

    if is_stdout(args.output):
        raise UsageError("--output must name the baseline file")
    check_output_path(args.output, [*args.inputs, *(args.ref or []), args.config, *(args.glossary or [])])
    old = bl.load(args.output) if args.baseline_action == "update" else None
    items = current_flags(args)
    new = bl.from_flags(items)
    if old is not None and args.prune:
        kept = {}
        for fp, e in old.entries.items():
            n = min(e.count, new.entries[fp].count) if fp in new.entries else 0
            if n:
                kept[fp] = replace(e, count=n)
        new = bl.Baseline(kept)
    data = new.dumps()
    write_output(args.output, lambda fh: fh.write(data))
    if not args.quiet:
        msg = f"transaudit: baseline {args.output}: {new.total} accepted flag(s), {len(new.entries)} fingerprint(s)"
        if old is not None:
            gone = sum(max(0, e.count - (new.entries[fp].count if fp in new.entries else 0))
                       for fp, e in old.entries.items())
            added = sum(max(0, e.count - (old.entries[fp].count if fp in old.entries else 0))
                        for fp, e in new.entries.items())
            msg += f" ({added} added, {gone} removed)"
        sys.stderr.write(msg + "\n")
    return 0


# --- the check --baseline hook ---------------------------------------------------------------


def filter_new(result, path: str, config, note=None):
    """``result`` with only the flags new since the baseline at ``path``, re-scored;
    ``settings["baseline"]`` holds the counts (``BaselineApplied.to_dict``). ``note``: a stream the
    one-line account is written to once every segment has been seen. A streamed audit stays
    streamed (its segments are filtered before they are scored)."""
    from audit.core.model import AuditResult
    from audit.pipeline.baseline import Matcher, load
    from audit.pipeline.stream import AuditStream
    from audit.scores.penalty import finalize

    matcher = Matcher(load(path), os.path.basename(path) if os.path.isabs(path) else path)
    account: dict = {}

    def done() -> None:
        applied = matcher.applied()
        account.update(applied.to_dict())
        if note is not None:
            note.write(f"transaudit: {applied.line()}\n")

    if isinstance(result, AuditStream) and not result.scores:
        raw = result._segments  # filtered before the stream scores and counts them

        def filtered():
            yield from matcher.segments(raw)
            done()

        result._segments = filtered()
        result.settings = {**result.settings, "baseline": account}
        return result
    if isinstance(result, AuditStream):  # a collected fallback (references): scored already
        result = AuditResult(tuple(result.segments), result.source_lang, result.target_lang, result.signature,
                             result.settings, dict(result.scores), dict(result.metrics), result.signature_fields)
    segs = tuple(matcher.segments(result.segments))
    done()
    return finalize(replace(result, segments=segs, settings={**result.settings, "baseline": account}), config)
