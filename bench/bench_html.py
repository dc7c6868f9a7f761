"""HTML report benchmark (issue 14): how big the report is, how long it takes to write, and how
long a browser takes to open it, for 1,000 to 100,000 flagged segments (target: a 100,000-segment
report open in under 2 s).

Segments are NTREX sentence pairs (English -> each language in turn, so right-to-left and CJK
text are in the mix), every one with two flags of different severities on real spans. The
report is written by ``audit.outputs.html``; Chromium (headless) opens it and the report's script
records in ``data-ready`` the time from navigation start to the first rows on screen
(``performance.now()``: the page and its first data block parsed, the first rows drawn) and in
``data-loaded`` the time when every later data block has been parsed and counted. The browser's own start-up
is measured on an empty page and printed apart. Without Chromium only the writer is measured.

Usage: python bench/bench_html.py [--sizes 1000,10000,100000]
"""
from __future__ import annotations

import argparse
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import NTREX_LANGS, ntrex_pairs

from audit.core.model import AuditResult, Flag, PairResult, Severity, Span, fingerprint
from audit.outputs.html import write

CHROME = next((shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome") if shutil.which(n)), None)


def _result(n: int) -> AuditResult:
    pool = []
    for name in NTREX_LANGS:
        pool.extend(ntrex_pairs(name, limit=max(1, n // len(NTREX_LANGS) + 1)))
    segs = []
    for i in range(n):
        p = pool[i % len(pool)]
        t = p.target
        a = min(len(t), 3)
        sp1 = (Span("target", 0, a), Span("source", 0, min(3, len(p.source))))
        sp2 = (Span("target", len(t) // 2, len(t)),)
        f1 = Flag(p.id, "NUM003", "number-changed", Severity.MAJOR, "accuracy/mistranslation",
                  "number changed: a source number is not in the target", sp1, fingerprint("NUM003", p, sp1))
        f2 = Flag(p.id, "PUN001", "end-punctuation", Severity.MINOR, "fluency/punctuation",
                  "end punctuation differs", sp2, fingerprint("PUN001", p, sp2))
        segs.append(PairResult(p, (f1, f2), {"quality": 50.0 + (i % 50)}))
    return AuditResult(tuple(segs), "en", None, "bench", {}, scores={"quality": 60.0, "pass_rate": 0.0})


def _open_ms(path: str, profile: str) -> tuple[float | None, float]:
    t0 = time.perf_counter()
    cmd = [CHROME, "--headless=new", "--no-sandbox", "--disable-gpu", f"--user-data-dir={profile}",
           "--dump-dom", "file://" + path]
    out = subprocess.run(cmd, check=False, capture_output=True, text=True, timeout=600).stdout
    wall = time.perf_counter() - t0
    m = re.search(r'data-ready="(\d+)"', out)
    done = re.search(r'data-loaded="(\d+)"', out)
    return (float(m.group(1)) if m else None), (float(done.group(1)) if done else None), wall


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,10000,100000")
    args = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="bench-html-")
    if CHROME:
        empty = os.path.join(tmp, "empty.html")
        with open(empty, "w") as fh:
            fh.write("<!DOCTYPE html><html><body></body></html>")
        _, _, base = _open_ms(empty, os.path.join(tmp, "p"))
        print(f"browser: {CHROME}; start-up and exit on an empty page {base:.2f} s (not counted below)")
    else:
        print("browser: none installed; only the writer is measured")
    print("open ms: navigation start to the first rows on screen; all ms: to every block parsed and counted")
    print(f"{'segments':>9} {'size MB':>8} {'write s':>8} {'open ms':>8} {'all ms':>8} {'wall s':>7}")
    for n in (int(x) for x in args.sizes.split(",")):
        res = _result(n)
        buf = io.StringIO()
        t0 = time.perf_counter()
        write(res, buf)
        wt = time.perf_counter() - t0
        path = os.path.join(tmp, f"r{n}.html")
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(buf.getvalue())
        size = os.path.getsize(path) / 1e6
        if CHROME:
            ready, done, wall = _open_ms(path, os.path.join(tmp, "p"))
            shown = " ".join(f"{v:8.0f}" if v is not None else "       -" for v in (ready, done))
            print(f"{n:>9} {size:8.1f} {wt:8.2f} {shown} {wall:7.2f}")
        else:
            print(f"{n:>9} {size:8.1f} {wt:8.2f}")
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
