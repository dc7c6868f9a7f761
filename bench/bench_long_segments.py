"""Time and memory on single long segments (issue 15): each hostile shape at a size and at twice that
size, each run in its own process (peak memory is that process's); prints seconds, the doubling
ratio (about 2 is linear, 4 quadratic) and peak MiB. Asserts nothing.

    python bench/bench_long_segments.py [--size 250000] [--only NAME]
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

SHAPES = {
    # name: (source language, target language, python expression of the target for size n; the
    # source is the same shape in the source language where that matters)
    "thai-no-spaces": ("en", "th", "'สวัสดีครับ' * (n // 10)", "'Hello there. ' * (n // 13)"),
    "chinese-no-spaces": ("en", "zh", "'今天天气很好我们去公园' * (n // 11)", "'The weather is fine. ' * (n // 21)"),
    "repeated-punctuation": ("en", "de", "'!?' * (n // 2)", "'Hello.'"),
    "nested-brackets": ("en", "de", "'(' * (n // 2) + ')' * (n // 2)", "'(a)'"),
    "one-word-repeated": ("en", "de", "'Wort ' * (n // 5)", "'word ' * (n // 5)"),
    "comma-a": ("en", "de", "'a , ' * (n // 4)", "'a, ' * (n // 3)"),
    "tags": ("en", "de", "''.join(f'<i>x{i}</i>' for i in range(n // 12))", "''.join(f'<b>x{i}</b>' for i in range(n // 12))"),
    "numbers": ("en", "de", "' '.join(str(20000 + 7 * i) for i in range(n // 6))", "' '.join(str(10000 + 7 * i) for i in range(n // 6))"),
    "capitalised-words": ("en", "de", "' '.join(f'Name{i} wort' for i in range(n // 12))", "' '.join(f'Name{i} Word' for i in range(n // 12))"),
}

_CHILD = """
import json, sys, time
from audit import Pair, audit_pairs
sl, tl, tgt_expr, src_expr, n = json.loads(sys.argv[1])
src, tgt = eval(src_expr), eval(tgt_expr)
t0 = time.process_time()
res = audit_pairs([Pair("1", src, tgt, source_lang=sl, target_lang=tl)], jobs=1)
print(json.dumps({"seconds": time.process_time() - t0, "flags": len(res.flags), "chars": len(tgt)}))
"""


def run(shape: str, n: int) -> dict:
    sl, tl, tgt_expr, src_expr = SHAPES[shape]
    env = dict(os.environ, TRANSAUDIT_SEMANTIC="0", PYTHONPATH=ROOT)
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    out = subprocess.run([sys.executable, "-c", _CHILD, json.dumps([sl, tl, tgt_expr, src_expr, n])],
                         capture_output=True, text=True, env=env, timeout=3600)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if out.returncode != 0:
        return {"error": out.stderr.strip().splitlines()[-1] if out.stderr.strip() else f"exit {out.returncode}"}
    got = json.loads(out.stdout)
    got["peak_mib"] = max(peak, before) / 1024  # ru_maxrss is the largest child so far: run small sizes first
    return got


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", type=int, default=250_000, help="characters of the first size (doubled next)")
    ap.add_argument("--only", help="one shape")
    args = ap.parse_args()
    print(f"{'shape':22s} {'chars':>9s} {'s':>7s} {'chars x2':>9s} {'s':>7s} {'ratio':>6s} {'peak MiB':>9s}")
    for shape in ([args.only] if args.only else SHAPES):
        a, b = run(shape, args.size), run(shape, 2 * args.size)
        if "error" in a or "error" in b:
            print(f"{shape:22s} error: {a.get('error') or b.get('error')}")
            continue
        ratio = b["seconds"] / max(a["seconds"], 1e-3)
        print(f"{shape:22s} {a['chars']:9,d} {a['seconds']:7.2f} {b['chars']:9,d} {b['seconds']:7.2f} {ratio:6.1f} "
              f"{b['peak_mib']:9.0f}", flush=True)


if __name__ == "__main__":
    main()
