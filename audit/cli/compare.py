"""``transaudit compare``: is system B better than baseline A on the same references?

Per metric: both corpus scores with bootstrap means and 95% intervals, the delta B - A, and the
p-values of sacrebleu's paired bootstrap resampling and approximate randomization tests (same
draws and same figures as ``sacrebleu REF -i A B --paired-bs`` / ``--paired-ar``); then the
segments where the two systems differ most by sentence chrF. Text or JSON.
"""
from __future__ import annotations

import json
import os
import sys
from typing import Any

from audit.core.decode import open_text_lines
from audit.core.display import visible
from audit.core.errors import ExitCode, InputError, UsageError
from audit.core.version import __version__
from audit.inputs import check_readable
from audit.core.files import check_output_path, write_output

NAME = "compare"
HELP = "compare two systems' outputs against references: metric deltas with paired significance tests"


def add_arguments(p) -> None:
    p.add_argument("system_a", metavar="SYS_A", help="baseline system output, one segment a line")
    p.add_argument("system_b", metavar="SYS_B", help="system output to compare with the baseline, line-aligned")
    p.add_argument("--ref", "-r", action="append", required=True, metavar="FILE",
                   help="reference translation, line-aligned; repeatable for several references")
    p.add_argument("--src", metavar="FILE", help="source text, line-aligned: shown with the differing segments")
    p.add_argument("--tgt-lang", "-t", metavar="LANG", help="target language (chooses the BLEU tokenizer: zh, ja, ko)")
    p.add_argument("--metrics", "-m", action="append", default=[], metavar="NAMES",
                   help="bleu, chrf, chrf++, ter, spbleu or all, comma-separated (default: bleu,chrf,chrf++; "
                        "TER costs about 5-10 ms a segment per system)")
    p.add_argument("--test", choices=["bs", "ar", "both"], default="both",
                   help="paired bootstrap resampling (bs), approximate randomization (ar) or both (default)")
    p.add_argument("--bootstrap", type=int, default=1000, metavar="N", help="bootstrap resamples (default 1000)")
    p.add_argument("--trials", type=int, default=10000, metavar="N", help="randomization trials (default 10000)")
    p.add_argument("--seed", type=int, default=12345, help="random seed (default 12345, as sacrebleu)")
    p.add_argument("--top", type=int, default=10, metavar="K", help="segments that differ most to show (default 10)")
    p.add_argument("--format", "-F", dest="out_format", choices=["text", "json"], default=None,
                   help="output format (default: text, or json for a .json output)")
    p.add_argument("--output", "-o", metavar="PATH", help="write here instead of stdout (- is stdout)")
    p.add_argument("--jobs", "-j", type=int, metavar="N", help="processes for statistics extraction (default: cores)")


def _read(path: str) -> list[str]:
    check_readable(path)
    return [line.rstrip("\r\n") for _n, line in open_text_lines(path)]


def run(args) -> int:
    from audit.scores.metrics import compare_systems, parse_metric_names

    for name in ("bootstrap", "trials"):
        if getattr(args, name) < 1:
            raise UsageError(f"--{name} must be 1 or more")
    if args.top < 0:
        raise UsageError("--top must be 0 or more")
    if args.output:  # before any work: never replace a system output, a reference or the source
        check_output_path(args.output, [args.system_a, args.system_b, *args.ref, args.src])
    try:
        metrics = parse_metric_names(args.metrics or ["bleu,chrf,chrf++"])
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    a, b = _read(args.system_a), _read(args.system_b)
    if len(b) != len(a):
        raise InputError(f"has {len(b)} lines, the baseline {args.system_a} has {len(a)}", args.system_b)
    refs_streams = []
    for path in args.ref:
        r = _read(path)
        if len(r) != len(a):
            raise InputError(f"has {len(r)} lines, the systems have {len(a)}", path)
        refs_streams.append(r)
    src = None
    if args.src:
        src = _read(args.src)
        if len(src) != len(a):
            raise InputError(f"has {len(src)} lines, the systems have {len(a)}", args.src)
    refs = [tuple(s[i] for s in refs_streams) for i in range(len(a))]
    tests = ("bs", "ar") if args.test == "both" else (args.test,)
    jobs = args.jobs if args.jobs is not None else (os.cpu_count() or 1)
    result = compare_systems(a, b, refs, args.tgt_lang, metrics, tests, args.bootstrap, args.trials,
                             args.seed, args.top, jobs=max(1, jobs))
    result = {"tool": {"name": "transaudit", "version": __version__}, "baseline": args.system_a,
              "system": args.system_b, "references_files": list(args.ref), "source": args.src,
              "target_lang": args.tgt_lang, **result}
    for d in result["differences"]:
        i = d["index"]
        d.update(line=i + 1, a=a[i], b=b[i], references=list(refs[i]))
        if src is not None:
            d["source"] = src[i]
    fmt = args.out_format or ("json" if args.output and args.output.lower().endswith(".json") else "text")
    render = (lambda fh: json.dump(result, fh, ensure_ascii=False, indent=1) or fh.write("\n")) if fmt == "json" \
        else (lambda fh: write_text(result, fh))
    if args.output:
        write_output(args.output, render)
    else:
        render(sys.stdout)
    return ExitCode.OK


def _fmt_p(p: float | None) -> str:
    return "" if p is None else f"{p:.4f}"


def write_text(r: dict[str, Any], out) -> None:
    show = lambda t: visible(t)[0]  # noqa: E731 - untrusted text is made visible-safe
    out.write(f"transaudit compare: A = {show(r['baseline'])}, B = {show(r['system'])}: "
              f"{r['segments']} segments, {r['references']} reference(s)\n\n")
    has_bs = any("paired_bs" in m for m in r["metrics"].values())
    has_ar = any("paired_ar" in m for m in r["metrics"].values())
    head = f"{'metric':<9} {'A':>22} {'B':>22} {'Δ B−A':>8}"
    if has_bs:
        head += f" {'p (bs)':>8}"
    if has_ar:
        head += f" {'p (ar)':>8}"
    out.write(head + "\n")
    for m in r["metrics"].values():
        def cell(x):
            if "mean" in x:
                return f"{x['score']:.2f} ({x['mean']:.2f}±{x['ci']:.2f})"
            return f"{x['score']:.2f}"
        line = f"{m['name']:<9} {cell(m['a']):>22} {cell(m['b']):>22} {m['delta']:>+8.2f}"
        ps = []
        if has_bs:
            p = m.get("paired_bs", {}).get("p_value")
            line += f" {_fmt_p(p):>8}"
            ps.append(p)
        if has_ar:
            p = m.get("paired_ar", {}).get("p_value")
            line += f" {_fmt_p(p):>8}"
            ps.append(p)
        better = (m["delta"] > 0) == m["higher_is_better"] if m["delta"] else None
        sig = [p for p in ps if p is not None]
        if sig and max(sig) < 0.05 and better is not None:
            line += "  * B better" if better else "  * A better"
        out.write(line + "\n")
    out.write("\n(score (bootstrap mean ± 95% CI); * every test p < 0.05; for TER lower is better)\n")
    for m in r["metrics"].values():
        out.write(f"  {m['name']}: {m['signature']}\n")
        if m.get("note"):
            out.write(f"    {m['note']}\n")
    out.write(f"\nsentence chrF: B better on {r['better_b']} segments, A better on {r['better_a']}\n")
    if r["differences"]:
        out.write("\nSegments that differ most (sentence chrF):\n")
    for d in r["differences"]:
        out.write(f"\n  line {d['line']}: A {d['chrf_a']:.1f}  B {d['chrf_b']:.1f}  Δ {d['delta']:+.1f}\n")
        if "source" in d:
            out.write(f"    src: {show(d['source'])}\n")
        for j, ref in enumerate(d["references"]):
            out.write(f"    ref{'' if len(d['references']) == 1 else j + 1}: {show(ref)}\n")
        out.write(f"    A:   {show(d['a'])}\n    B:   {show(d['b'])}\n")
