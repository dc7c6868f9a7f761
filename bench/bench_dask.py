"""Pairs/s and peak memory per worker of ``check --executor dask`` on a LocalCluster.

Generates N English-French pairs (the bundled en-fr corpus, varied: numbers changed, repeated
sources with other targets), writes them as JSONL, and audits them with the pair checks on a
``LocalCluster`` of --workers worker processes (the workers read their byte ranges of the file
themselves), then the corpus checks in two passes on the workers (statistics merged and reduced
to verdicts on the client). Prints wall time, pairs/s, the time of each pass, the pickled bytes
shipped to the workers per pass, the peak RSS of each worker and of the client, and whether the
flags equal a ``--executor local`` run (with --compare; costs a serial run).

    python bench/bench_dask.py --pairs 100000 --workers 2 --partitions 16
    python bench/bench_dask.py --pairs 1000000 --workers 2 --partitions 64   # about 10x the 100k time
    python bench/bench_dask.py --pairs 1000000 --scheduler tcp://HOST:8786   # an existing cluster
"""
from __future__ import annotations

import argparse
import json
import os
import random
import resource
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)


def make_corpus(path: str, n: int, seed: int = 7) -> None:
    with open(os.path.join(ROOT, "corpora", "en-fr", "web.jsonl"), encoding="utf-8") as fh:
        base = [json.loads(line) for line in fh]
    rnd = random.Random(seed)
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(n):
            b = base[i % len(base)]
            src, tgt = b["source"], b["target"] or ""
            if rnd.random() < 0.3:
                num = str(rnd.randint(2, 99999))
                src, tgt = f"{src} ({num} items)", f"{tgt} ({num if rnd.random() < 0.8 else num + '1'} éléments)"
            fh.write(json.dumps({"id": f"p{i}", "source": src, "target": tgt}, ensure_ascii=False) + "\n")


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class Measured:
    """An executor that times each pass (by the function it maps) and sums the pickled size of
    the tasks it ships (what a cluster sends over the network)."""

    def __init__(self, inner):
        self.inner, self.passes = inner, {}

    def map_partitions(self, fn, tasks):
        import pickle

        name = fn.__name__
        rec = self.passes[name] = {"tasks": 0, "bytes": 0, "max": 0, "wall": 0.0}
        t0 = time.perf_counter()

        def sized():
            for t in tasks:
                b = len(pickle.dumps(t))
                rec["tasks"] += 1
                rec["bytes"] += b
                rec["max"] = max(rec["max"], b)
                yield t

        for r in self.inner.map_partitions(fn, sized()):  # the caller may stop at the last result
            rec["wall"] = time.perf_counter() - t0
            yield r


def run(path: str, executor, partitions: int):
    from audit.core.config import Config
    from audit.pipeline.executors import audit_partitioned, plan_partitions
    from audit.pipeline.project import open_file_audit

    config = Config().merged(source_lang="en", target_lang="fr")
    audit, _ = open_file_audit([path], config)
    parts = plan_partitions(audit, [path], "jsonl", partitions, True)
    return audit_partitioned(audit, executor, parts, ("en", "fr"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pairs", type=int, default=100_000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--partitions", type=int, default=16)
    ap.add_argument("--scheduler", default=None)
    ap.add_argument("--compare", action="store_true", help="also run --executor local and compare the flags")
    args = ap.parse_args()
    from audit.pipeline.executors import DaskExecutor, LocalExecutor

    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "bench.jsonl")
        make_corpus(path, args.pairs)
        size = os.path.getsize(path) / 2**20
        print(f"{args.pairs:,} pairs, {size:.1f} MiB of JSONL, {args.partitions} partitions")
        t0 = time.perf_counter()
        with DaskExecutor(args.workers, args.scheduler) as ex:
            t1 = time.perf_counter()
            measured = Measured(ex)
            result = run(path, measured, args.partitions)
            t2 = time.perf_counter()
            peaks = ex.client.run(_peak_mib)
        flags = sum(len(s.flags) for s in result.segments)
        print(f"cluster start {t1 - t0:.1f} s; audit {t2 - t1:.1f} s wall = {args.pairs / (t2 - t1):,.0f} pairs/s; "
              f"{flags:,} flags")
        for name, rec in measured.passes.items():
            print(f"  pass {name}: {rec['wall']:.1f} s wall (until its last result), {rec['tasks']} tasks shipped "
                  f"{rec['bytes']:,} B pickled (max {rec['max']:,} B a task)")
        for w, mib in sorted(peaks.items()):
            print(f"  worker {w}: peak RSS {mib:.0f} MiB")
        print(f"  client (reads no pairs; holds all pairs and results, merges the corpus statistics and reduces "
              f"them to verdicts): peak RSS {_peak_mib():.0f} MiB")
        if args.compare:
            t3 = time.perf_counter()
            local = run(path, LocalExecutor(), 1)
            t4 = time.perf_counter()
            same = [s.flags for s in local.segments] == [s.flags for s in result.segments]
            print(f"--executor local: {t4 - t3:.1f} s = {args.pairs / (t4 - t3):,.0f} pairs/s; flags identical: {same}")


if __name__ == "__main__":
    main()
