"""Corpus-scope checks in two phases (audit.pipeline.corpusstats) against one process (engine.corpus_flags).

Builds a corpus from NTREX (English -> each of the 18 languages, ``--limit`` lines each, plus
``--repeat`` English->German lines repeated with the next line's target, which makes CON/LEN flags),
then measures the CPU seconds of ``corpus_flags`` over the whole corpus (what the main process
does today) and of the sharded path: phase 1 per shard and phase 2 per shard (which an executor
runs in workers) and the merge (the main process's share), checks that the flags are identical,
and reports the pickled size of the partials and of what each phase-2 task is given: the merged
statistics whole (what executors shipped before) or their share of the verdicts
(``corpusstats.verdicts`` reduced once on the client, ``corpusstats.split`` per shard).

    python bench/bench_corpusstats.py --limit 1997 --shards 4
    python bench/bench_corpusstats.py --enfr 100000 --shards 16   # bench_dask's generated en-fr corpus
"""
from __future__ import annotations

import argparse
import os
import pickle
import sys
import time

os.environ.setdefault("TRANSAUDIT_SEMANTIC", "0")
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from common import NTREX, NTREX_LANGS, read_lines

from audit.checks.registry import select_checks
from audit.core.config import Config
from audit.core.model import Pair
from audit.pipeline import corpusstats as cs
from audit.pipeline.engine import corpus_flags


def build(limit: int, repeat: int) -> list[Pair]:
    eng = read_lines(os.path.join(NTREX, "eng.txt"))[:limit]
    pairs: list[Pair] = []
    for name, code in NTREX_LANGS.items():
        tgt = read_lines(os.path.join(NTREX, f"{name}.txt"))
        for s, t in zip(eng, tgt):
            pairs.append(Pair(id=f"{code}:{len(pairs)}", source=s, target=t, source_lang="en",
                              target_lang=code, index=len(pairs)))
    deu = read_lines(os.path.join(NTREX, "deu.txt"))
    for k in range(min(repeat, len(eng) - 1)):
        pairs.append(Pair(id=f"rep:{k}", source=eng[k], target=deu[k + 1], source_lang="en",
                          target_lang="de", index=len(pairs)))
    return pairs


def build_enfr(n: int) -> list[Pair]:
    """``n`` pairs of bench_dask.py's generated en-fr corpus (the same lines as its JSONL)."""
    import json
    import tempfile

    from bench_dask import make_corpus

    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "c.jsonl")
        make_corpus(path, n)
        with open(path, encoding="utf-8") as fh:
            rows = [json.loads(line) for line in fh]
    return [Pair(id=r["id"], source=r["source"], target=r["target"], source_lang="en", target_lang="fr", index=i)
            for i, r in enumerate(rows)]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, default=1997)
    ap.add_argument("--repeat", type=int, default=500)
    ap.add_argument("--shards", type=int, default=4)
    ap.add_argument("--enfr", type=int, default=0, help="instead of NTREX: N pairs of bench_dask's en-fr corpus")
    a = ap.parse_args()
    pairs = build_enfr(a.enfr) if a.enfr else build(a.limit, a.repeat)
    checks = [c for c in select_checks() if c.spec.scope == "corpus" and not c.spec.requires]
    config = Config()
    print(f"{len(pairs)} pairs, corpus checks {' '.join(c.code for c in checks)}")
    t = time.process_time()
    want = corpus_flags(pairs, checks, config)
    t_one = time.process_time() - t
    n = len(pairs)
    bounds = [(n * s // a.shards, n * (s + 1) // a.shards) for s in range(a.shards)]
    p1, p2 = [], []
    parts = []
    for lo, hi in bounds:
        t = time.process_time()
        parts.append(cs.partial(pairs[lo:hi], lo, checks, config))
        p1.append(time.process_time() - t)
    size = sum(len(pickle.dumps(p)) for p in parts)
    t = time.process_time()
    merged = cs.merge(parts)
    t_merge = time.process_time() - t
    t = time.process_time()
    shares = cs.split(cs.verdicts(merged, checks, config), bounds)
    t_reduce = time.process_time() - t
    got: dict = {}
    for (lo, hi), share in zip(bounds, shares):
        t = time.process_time()
        got.update(cs.shard_flags(share, pairs[lo:hi], lo, checks, config))
        p2.append(time.process_time() - t)
    whole: dict = {}
    p2_whole = []
    for lo, hi in bounds:  # as before: each task given the merged statistics whole
        t = time.process_time()
        whole.update(cs.shard_flags(merged, pairs[lo:hi], lo, checks, config))
        p2_whole.append(time.process_time() - t)
    merged_size = len(pickle.dumps(merged))
    share_sizes = [len(pickle.dumps(v)) for v in shares]
    nflags = sum(len(v) for v in want.values())
    print(f"flags: {nflags} one-process, identical sharded: {got == want} (given the merged statistics whole: "
          f"{whole == want})")
    print(f"one process corpus_flags: {t_one:.2f} CPU-s (all in the main process)")
    print(f"sharded x{a.shards}: phase 1 per shard max {max(p1):.2f} (sum {sum(p1):.2f}), merge {t_merge:.3f} "
          f"+ reduce to verdicts {t_reduce:.3f} (main process), phase 2 per shard max {max(p2):.2f} "
          f"(sum {sum(p2):.2f}; given the merged statistics whole: max {max(p2_whole):.2f}, sum {sum(p2_whole):.2f}) "
          f"CPU-s; partials {size / 1e6:.1f} MB pickled ({size / n:.0f} B/pair)")
    print(f"shipped per phase-2 task: before (merged whole) {merged_size:,} B = {merged_size / n:.0f} B/pair of the "
          f"corpus; after (its share of the verdicts) max {max(share_sizes):,} B, mean "
          f"{sum(share_sizes) / len(share_sizes):,.0f} B; all tasks {merged_size * a.shards:,} -> {sum(share_sizes):,} B "
          f"({merged_size * a.shards / max(1, sum(share_sizes)):,.0f}x less)")
    if got != want or whole != want:
        sys.exit(1)


if __name__ == "__main__":
    main()
