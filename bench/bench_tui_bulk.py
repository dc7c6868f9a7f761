"""Bulk decisions in the review app on a large TSV: ``D`` (dismiss every open flag of a check) and
reopening the database afterwards, headless (App.run_test).

    python bench/bench_tui_bulk.py [--n 100000] [--pair en-de] [--cache FILE.pkl] [--full-reopen]

Builds a TSV of N rows by repeating ``corpora/PAIR/*.tsv`` (a TSV's id is its line number, so every
id is unique), audits it once (``--cache`` keeps the result in a pickle for the next run), then:

* ``D`` on the first flag of the most frequent check: wall time of the key press until the screen
  is idle again, and how many flags it decided;
* reopen: opening the decisions database (integrity and row checks), and the app's first screen
  with the decisions applied (the audit result preloaded); ``--full-reopen`` also times
  ``transaudit review``'s path with the audit run again in the app.
"""
from __future__ import annotations

import argparse
import asyncio
import collections
import glob
import os
import pickle
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)


def build_corpus(path: str, n: int, pair: str, unique: bool = True) -> None:
    """N rows cycling the pair's TSVs; ``unique``: each row's texts end with its own number (so that no
    two segments, and no two flags, share a fingerprint)."""
    body: list[str] = []
    for tsv in sorted(glob.glob(os.path.join(ROOT, "corpora", pair, "*.tsv"))):
        with open(tsv, encoding="utf-8") as fh:
            body.extend(fh.read().splitlines()[1:])
    with open(path, "w", encoding="utf-8") as out:
        out.write("source\ttarget\n")
        for i in range(n):
            row = body[i % len(body)]
            if unique:
                source, _, target = row.partition("\t")
                row = f"{source} ({i + 1})\t{target} ({i + 1})"
            out.write(row + "\n")


async def dismiss_all(make_app) -> dict:
    app = make_app()
    out: dict = {}
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        codes = collections.Counter(f.code for s in app.state.segments for f in s.flags)
        code = codes.most_common(1)[0][0]
        first = next(i for i, s in enumerate(app.state.segments) if any(f.code == code for f in s.flags))
        app.state.move_to(first)
        app.state.flag_cursor = [f.code for f in app.state.segments[first].flags].index(code)
        app.review_screen.moved()
        await pilot.pause()
        t = time.perf_counter()
        c = time.process_time()
        await pilot.press("D")
        await app.workers.wait_for_complete()
        await pilot.pause()
        out["dismiss_s"] = time.perf_counter() - t
        out["dismiss_cpu_s"] = time.process_time() - c
        out["code"] = code
        out["flags_of_code"] = codes[code]
        out["dismissed"] = len(app.store.dismissed())
        out["dismissed_flags"] = app.state.summary()["dismissed"]
    return out


async def first_screen(make_app) -> float:
    app = make_app()
    t = time.perf_counter()
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        return time.perf_counter() - t


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--pair", default="en-de")
    ap.add_argument("--cache", default=None, help="pickle of the audit result (made if missing)")
    ap.add_argument("--full-reopen", action="store_true")
    ap.add_argument("--repeated", action="store_true", help="rows repeated as they are (shared fingerprints)")
    args = ap.parse_args()

    from audit.core.config import Config
    from audit.pipeline.engine import run_audit
    from audit.store.decisions import DecisionStore
    from tui.app import create_app

    src, tgt = args.pair.split("-")
    config = Config()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = os.path.join(tmp, "big.tsv")
        build_corpus(corpus, args.n, args.pair, unique=not args.repeated)
        if args.cache and os.path.exists(args.cache):
            with open(args.cache, "rb") as fh:
                result = pickle.load(fh)
            print(f"audit result from {args.cache}")
        else:
            t = time.perf_counter()
            result = run_audit([corpus], source_lang=src, target_lang=tgt, config=config)
            print(f"audit: {time.perf_counter() - t:.1f} s")
            if args.cache:
                with open(args.cache, "wb") as fh:
                    pickle.dump(result, fh)
        db = os.path.join(tmp, "big.db")
        print(f"corpus: {args.n:,} rows, {sum(len(s.flags) for s in result.segments):,} flags on "
              f"{sum(1 for s in result.segments if s.flags):,} segments")

        def preloaded():
            return create_app([corpus], source_lang=src, target_lang=tgt, config=config, db_path=db, result=result)

        d = asyncio.run(dismiss_all(preloaded))
        print(f"D on {d['code']} ({d['flags_of_code']:,} flags): {d['dismiss_s']:.2f} s wall, "
              f"{d['dismiss_cpu_s']:.2f} s cpu; {d['dismissed']:,} fingerprints, "
              f"{d['dismissed_flags']:,} flags dismissed")
        t = time.perf_counter()
        DecisionStore(db, exclusive=True).close()
        print(f"reopen: decisions database opened and checked in {time.perf_counter() - t:.2f} s "
              f"({os.path.getsize(db) / 1e6:.1f} MB)")
        print(f"reopen: first screen with the decisions (result preloaded) {asyncio.run(first_screen(preloaded)):.2f} s")
        if args.full_reopen:
            def auditing():
                return create_app([corpus], source_lang=src, target_lang=tgt, config=config, db_path=db)
            print(f"reopen: audit run again in the app, all rows ready {asyncio.run(first_screen(auditing)):.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
