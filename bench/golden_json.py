"""Golden ``check -F json`` outputs: the CLI's JSON report on every bundled corpus, for before/after comparisons.

A speed change must leave the reports byte-identical. This script runs ``transaudit check INPUT -F json``
(in one process, through ``audit.cli.main``) on every input ``golden_flags.corpus_inputs`` lists and
writes each report to a folder; ``--compare A B`` says which reports differ (and where they first differ).

    python bench/golden_json.py -o /tmp/json-before     # on the old commit
    python bench/golden_json.py -o /tmp/json-after      # on the new one
    python bench/golden_json.py --compare /tmp/json-before /tmp/json-after
"""
from __future__ import annotations

import argparse
import contextlib
import io
import os
import sys

os.environ.setdefault("TRANSAUDIT_SEMANTIC", "0")

from common import ROOT
from golden_flags import corpus_inputs


def _name(inp: list[str]) -> str:
    return "+".join(os.path.relpath(p, ROOT) for p in inp).replace(os.sep, "__") + ".json"


def dump(out_dir: str, jobs: str | None) -> int:
    from audit.cli import main as cli_main

    os.makedirs(out_dir, exist_ok=True)
    for inp in corpus_inputs():
        argv = ["check", *inp, "-F", "json", "-o", os.path.join(out_dir, _name(inp))]
        if jobs:
            argv += ["--jobs", jobs]
        with contextlib.redirect_stderr(io.StringIO()):
            try:
                cli_main(argv)
            except SystemExit:
                pass
    print(f"{len(corpus_inputs())} reports written to {out_dir}")
    return 0


def _first_difference(a: bytes, b: bytes) -> str:
    for i, (x, y) in enumerate(zip(a, b)):
        if x != y:
            return f"byte {i}: ...{a[max(0, i - 60):i + 60]!r} vs ...{b[max(0, i - 60):i + 60]!r}"
    return f"lengths {len(a)} vs {len(b)}"


def compare(a: str, b: str) -> int:
    names = sorted(set(os.listdir(a)) | set(os.listdir(b)))
    bad = 0
    for n in names:
        pa, pb = os.path.join(a, n), os.path.join(b, n)
        if not (os.path.exists(pa) and os.path.exists(pb)):
            print(f"{n}: only in {'the first' if os.path.exists(pa) else 'the second'}")
            bad += 1
            continue
        with open(pa, "rb") as fa, open(pb, "rb") as fb:
            da, db = fa.read(), fb.read()
        if da != db:
            print(f"{n}: differs at {_first_difference(da, db)}")
            bad += 1
    print(f"{len(names)} reports, {bad} differ")
    return 1 if bad else 0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-o", "--output", default="golden-json")
    ap.add_argument("--jobs", default=None, help="passed to check --jobs")
    ap.add_argument("--compare", nargs=2, metavar=("BEFORE", "AFTER"))
    args = ap.parse_args(argv)
    if args.compare:
        return compare(*args.compare)
    return dump(args.output, args.jobs)


if __name__ == "__main__":
    sys.exit(main())
