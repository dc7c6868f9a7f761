"""Agreement with ``msgfmt -c`` (GNU gettext) on PO catalogs (issue 12: "every error that msgfmt -c
reports is found"). For each catalog: the catalog as it is, and a copy in which up to N translated
entries with a format flag (``c-format``, ``python-format``, ``python-brace-format``) have their
single-line ``msgstr`` changed in place the way translators break them (a placeholder dropped, its
type changed, its name misspelt, one added that the msgid lacks). Lines are edited in place, so
line numbers stay those of the original. ``msgfmt -c -o /dev/null`` is run on both; each error line
it prints (``FILE:LINE: message``) is mapped to the PO entry containing that line, and counted as
found when transaudit (default checks) flags a segment of that entry; found at major+ is printed
too. Prints, per mutation kind and for the catalogs as they are, msgfmt's errors and how many
transaudit found, then every miss. Needs ``msgfmt`` on PATH. Asserts nothing.

    python bench/bench_msgfmt.py DIR_OR_PO... [--per-file 3] [--seed 7] [--limit-files 200]

Real catalogs: ``pip download --no-deps django`` and unzip the wheel (``django/**/locale``).
"""
from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

_PY_NAMED = re.compile(r"%\((\w+)\)[-+ #0]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]")
_C_SPEC = re.compile(r"%(?:\d+\$)?[-+ #0']*\d*(?:\.\d+)?(?:hh|h|ll|l|L|q|j|z|t)?[diouxXeEfFgGcs]")
_BRACE = re.compile(r"\{(\w+)\}")
_ERROR_LINE = re.compile(r"^(?P<path>.+?):(?P<line>\d+): (?P<msg>.*)$")


def po_files(paths: list[str]) -> list[str]:
    out = []
    for p in paths:
        if os.path.isdir(p):
            for root, _dirs, files in os.walk(p):
                out.extend(os.path.join(root, f) for f in files if f.endswith(".po"))
        elif p.endswith(".po"):
            out.append(p)
    return sorted(out)


def entries(lines: list[str]) -> list[tuple[int, int, list[str]]]:
    """(first line, last line, flags) of each entry, 1-based inclusive; entries are separated by
    blank lines."""
    out, start, flags = [], None, []
    for i, line in enumerate(lines + [""], 1):
        if line.strip():
            if start is None:
                start, flags = i, []
            if line.startswith("#,"):
                flags.extend(f.strip() for f in line[2:].split(","))
        elif start is not None:
            out.append((start, i - 1, flags))
            start = None
    return out


def _mutations(text: str, flags: list[str]) -> list[tuple[str, str]]:
    """(kind, new text) candidates for one msgstr's text."""
    out = []
    if "python-format" in flags:
        named = list(_PY_NAMED.finditer(text))
        if named:
            m = named[0]
            out.append(("drop", text[:m.start()] + text[m.end():]))
            out.append(("misspell", text[:m.start(1)] + m.group(1) + "x" + text[m.end(1):]))
            conv = m.group(0)[-1]
            out.append(("retype", text[:m.end() - 1] + ("s" if conv == "d" else "d") + text[m.end():]))
        out.append(("add", text + " %(extra)s"))
    elif "c-format" in flags:
        specs = [m for m in _C_SPEC.finditer(text) if "$" not in m.group(0)]
        if specs:
            m = specs[-1]
            out.append(("drop", text[:m.start()] + text[m.end():]))
            conv = m.group(0)[-1]
            out.append(("retype", text[:m.end() - 1] + ("s" if conv in "diouxX" else "d") + text[m.end():]))
        out.append(("add", text + " %d"))
    elif "python-brace-format" in flags:
        named = list(_BRACE.finditer(text))
        if named:
            m = named[0]
            out.append(("drop", text[:m.start()] + text[m.end():]))
            out.append(("misspell", text[:m.start(1)] + m.group(1) + "x" + text[m.end(1):]))
        out.append(("add", text + " {extra}"))
    return out


_MSGSTR = re.compile(r'^(msgstr(?:\[\d+\])?) "(.*)"$')


def mutate(lines: list[str], rng: random.Random, per_file: int) -> tuple[list[str], dict[int, str]]:
    """A copy of the lines with up to ``per_file`` entries mutated: (lines, {line: kind})."""
    candidates = []
    for start, end, flags in entries(lines):
        if "fuzzy" in flags or any(f.startswith("no-") for f in flags):
            continue
        if not any(f in flags for f in ("python-format", "c-format", "python-brace-format")):
            continue
        for i in range(start, end + 1):
            m = _MSGSTR.match(lines[i - 1])
            nxt = lines[i] if i < len(lines) else ""
            if m and m.group(2) and not nxt.startswith('"'):
                muts = _mutations(m.group(2), flags)
                if muts:
                    candidates.append((i, m.group(1), muts))
                break
    out, kinds = list(lines), {}
    for i, keyword, muts in rng.sample(candidates, min(per_file, len(candidates))):
        kind, new = muts[rng.randrange(len(muts))]
        out[i - 1] = f'{keyword} "{new}"'
        kinds[i] = kind
    return out, kinds


def msgfmt_errors(path: str) -> list[tuple[int, str]]:
    proc = subprocess.run(["msgfmt", "-c", "-o", os.devnull, path], check=False, capture_output=True, text=True)
    out = []
    for line in proc.stderr.splitlines():
        m = _ERROR_LINE.match(line)
        if m and os.path.abspath(m.group("path")) == os.path.abspath(path):
            msg = m.group("msg")
            if msg.startswith("warning:"):  # header-field and similar warnings: not errors
                continue
            if msg.endswith("...") and "nplurals" in msg:  # the header half of a plural-count error
                continue
            out.append((int(m.group("line")), msg))
    return out


def flagged_lines(path: str) -> tuple[set[int], set[int]]:
    """Lines of segments with any flag / with a major+ flag (origin lines of both sides)."""
    from audit import Severity, run_audit
    result = run_audit(path, jobs=1)
    anyf, major = set(), set()
    for seg in result.segments:
        flags = seg.flags
        if not flags:
            continue
        lines = {o.line for o in (seg.pair.source_origin, seg.pair.target_origin) if o is not None and o.line}
        anyf |= lines
        if any(f.severity >= Severity.MAJOR for f in flags):
            major |= lines
    return anyf, major


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("paths", nargs="+")
    ap.add_argument("--per-file", type=int, default=3)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--limit-files", type=int, default=200)
    args = ap.parse_args()
    if shutil.which("msgfmt") is None:
        sys.exit("bench_msgfmt: msgfmt (GNU gettext) is not on PATH")
    files = po_files(args.paths)
    rng = random.Random(args.seed)
    if len(files) > args.limit_files:
        files = sorted(rng.sample(files, args.limit_files))
    totals, found, found_major = Counter(), Counter(), Counter()
    misses = defaultdict(list)
    tmp = tempfile.mkdtemp(prefix="bench-msgfmt-")
    try:
        for n, path in enumerate(files):
            with open(path, encoding="utf-8", errors="surrogateescape") as fh:
                lines = fh.read().split("\n")
            new, kinds = mutate(lines, random.Random(f"{args.seed}:{path}"), args.per_file)
            copy = os.path.join(tmp, f"{n}.po")
            with open(copy, "w", encoding="utf-8", errors="surrogateescape") as fh:
                fh.write("\n".join(new))
            for label, target in (("as-is", path), ("mutated", copy)):
                errors = msgfmt_errors(target)
                if not errors:
                    continue
                spans = entries(new if label == "mutated" else lines)
                base = {ln for ln, _ in msgfmt_errors(path)} if label == "mutated" else set()
                try:
                    anyf, major = flagged_lines(target)
                except Exception as exc:  # noqa: BLE001 - a bench reports, it does not stop
                    print(f"{path}: transaudit failed: {exc}", file=sys.stderr)
                    continue
                for line, msg in errors:
                    if label == "mutated" and line in base:
                        continue
                    entry = next(((s, e) for s, e, _f in spans if s <= line <= e), (line, line))
                    kind = kinds.get(next((i for i in kinds if entry[0] <= i <= entry[1]), -1), label)
                    totals[kind] += 1
                    hit = any(entry[0] <= ln <= entry[1] for ln in anyf)
                    found[kind] += hit
                    found_major[kind] += any(entry[0] <= ln <= entry[1] for ln in major)
                    if not hit:
                        misses[kind].append(f"{path}:{line}: {msg}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"msgfmt -c agreement: {len(files)} catalogs, up to {args.per_file} mutated entries each (seed {args.seed})")
    print(f"{'kind':<10} {'errors':>7} {'found':>7} {'major+':>7}")
    for kind in sorted(totals):
        print(f"{kind:<10} {totals[kind]:>7} {found[kind]:>7} {found_major[kind]:>7}")
    t, f, fm = sum(totals.values()), sum(found.values()), sum(found_major.values())
    print(f"{'all':<10} {t:>7} {f:>7} {fm:>7}   found {f / t:.1%}" if t else "no msgfmt errors")
    for kind in sorted(misses):
        for line in misses[kind][:20]:
            print(f"  missed [{kind}] {line}")


if __name__ == "__main__":
    main()
