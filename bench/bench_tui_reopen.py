"""The review app reopening a file it has audited before (issue 13): first screen from the audit
cache (``audit/pipeline/resultcache.py``) against the first run, headless (App.run_test).

    python bench/bench_tui_reopen.py [--n 100000] [--jobs 2]

Builds the same JSONL corpus as bench_tui.py (NTREX English/Spanish, cycled, with defects), opens
it in the review app once (the audit runs and is kept), then again (from the cache), each time in a
fresh cache directory's second pass, and prints: time to the first segments on screen, time to
everything loaded (results, corpus scores, search index), and the size of the cache entry.
Target: first screen on reopen within 1 s for 100,000 segments.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)
sys.path.insert(0, os.path.join(ROOT, "bench"))

from bench_tui import build_corpus  # noqa: E402


async def open_once(path: str, jobs: int | None) -> tuple[float, float, float]:
    from tui.app import create_app

    t0 = time.perf_counter()
    c0 = time.process_time()
    app = create_app([path], source_lang="en", target_lang="es", jobs=jobs)
    async with app.run_test(size=(160, 45)) as pilot:
        while not app.state.segments:
            await asyncio.sleep(0.005)
        await asyncio.sleep(1 / 60)  # one frame: the first rows are painted
        first = time.perf_counter() - t0
        await app.workers.wait_for_complete()
        await pilot.pause()
        done = time.perf_counter() - t0
        await pilot.press("q")
    return first, done, time.process_time() - c0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--jobs", type=int, default=None)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["TRANSAUDIT_CACHE_DIR"] = os.path.join(tmp, "cache")
        path = os.path.join(tmp, "corpus.jsonl")
        build_corpus(path, args.n)
        print(f"{args.n:,} segments, review app at 160x45, cache in a fresh directory")
        for label in ("first open (audit runs)", "reopen (from the cache)", "reopen again"):
            first, done, cpu = asyncio.run(open_once(path, args.jobs))
            print(f"  {label:<26} first screen {first:6.2f} s   all loaded {done:6.2f} s   (process CPU {cpu:6.1f} s)")
        entries = os.listdir(os.path.join(tmp, "cache", "audits"))
        size = sum(os.path.getsize(os.path.join(tmp, "cache", "audits", e)) for e in entries)
        print(f"  cache: {len(entries)} entry, {size / 2**20:.1f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
