"""Timing of corpus metrics + 95% bootstrap intervals (+ every segment score) on 100,000 segments,
against sacrebleu's own ``corpus_score`` calls run in the same process.

    python bench/bench_metrics.py [--n 100000] [--jobs 2] [--ter-n 2000] [--bootstrap 1000]

Data: same-language hypothesis/reference pairs built from the NTREX-128 human translations
(../shared/data/ntrex, 18 languages): the hypothesis is a translation line, the reference the same
line with deterministic edits (words dropped, swapped or lowercased), cycled until ``--n`` segments.
The target language of each block decides nothing here (BLEU uses 13a for all, as sacrebleu does
without a language); the point is the cost, and that both sides compute the same numbers (checked).

sacrebleu's side: ``BLEU().corpus_score``, ``CHRF().corpus_score``, ``CHRF(word_order=2).corpus_score``
(each extracts its statistics), then what it would take to get the same intervals: sacrebleu's
``corpus_score(n_bootstrap=1000)`` extracts the statistics again and materialises a
``1000 x n x d`` float32 array (about 9.6 GB for chrF++ at 100,000 segments), so it is timed on
``--sb-bootstrap-n`` segments and its memory need at ``--n`` is printed instead. TER (5-10 ms a
segment in both) is timed on ``--ter-n`` segments.

Measured 2026-11-24 on the 2-core build machine while ~9 other jobs ran (load average 9: absolute
times are several times what an idle machine gives; the ratios are what matters), n = 100,000:
  transaudit BLEU + chrF + chrF++ with 1000-resample CIs and every segment score: 255 s on 1
  process, 167 s on 2; sacrebleu's three plain corpus_score calls alone: 320 s (47 + 143 + 130),
  with no interval and no segment score; its bootstrap cannot run at this size (9.6 GB array).
  Corpus scores identical; CIs identical where sacrebleu can run (n = 5,000: 7.8 s for chrF++).
  TER on 1,000 segments: 3.0 s (with CI and segment scores) vs 2.6 s for sacrebleu's corpus_score.
"""
from __future__ import annotations

import argparse
import os
import random
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from audit.scores import metrics  # noqa: E402

NTREX = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "..", "shared", "data", "ntrex")
LANGS = "spa fra deu ita por rus zho-CN jpn kor arb hin tur pol heb tha fas ukr vie".split()


def build(n: int) -> tuple[list[str], list[str]]:
    rng = random.Random(7)
    lines = []
    for lang in LANGS:
        with open(os.path.join(NTREX, f"{lang}.txt"), encoding="utf-8") as fh:
            lines.extend(fh.read().splitlines())
    hyps, refs = [], []
    i = 0
    while len(hyps) < n:
        line = lines[i % len(lines)]
        words = line.split()
        r = rng.random()
        if r < 0.3 and len(words) > 3:
            k = rng.randrange(len(words))
            words = words[:k] + words[k + 1:]
        elif r < 0.5 and len(words) > 3:
            k = rng.randrange(len(words) - 1)
            words[k], words[k + 1] = words[k + 1], words[k]
        elif r < 0.6:
            words = [w.lower() for w in words]
        hyps.append(line)
        refs.append(" ".join(words))
        i += 1
    return hyps, refs


def timed(label, fn, rows):
    t = time.perf_counter()
    out = fn()
    dt = time.perf_counter() - t
    rows.append((label, dt))
    print(f"  {label:<62} {dt:8.2f} s", flush=True)
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--bootstrap", type=int, default=1000)
    ap.add_argument("--ter-n", type=int, default=2000)
    ap.add_argument("--sb-bootstrap-n", type=int, default=5000)
    args = ap.parse_args()
    from sacrebleu.metrics import BLEU, CHRF, TER

    hyps, refs = build(args.n)
    print(f"{len(hyps)} segments, {sum(map(len, hyps))} characters; {os.cpu_count()} cores; "
          f"bootstrap {args.bootstrap}")
    rows: list = []
    print("transaudit (statistics once; corpus + CI + all segment scores):")
    ours1 = timed(f"bleu, chrf, chrf++ + CI + segments, 1 process (n={args.n})",
                  lambda: metrics.evaluate(hyps, [(r,) for r in refs], None, ("bleu", "chrf", "chrf++"),
                                           n_bootstrap=args.bootstrap, jobs=1), rows)
    ours2 = timed(f"bleu, chrf, chrf++ + CI + segments, {args.jobs} processes (n={args.n})",
                  lambda: metrics.evaluate(hyps, [(r,) for r in refs], None, ("bleu", "chrf", "chrf++"),
                                           n_bootstrap=args.bootstrap, jobs=args.jobs), rows)
    print("sacrebleu corpus_score, same process:")
    sb = {}
    sb["bleu"] = timed(f"BLEU().corpus_score (n={args.n})", lambda: BLEU().corpus_score(hyps, [refs]), rows)
    sb["chrf"] = timed(f"CHRF().corpus_score (n={args.n})", lambda: CHRF().corpus_score(hyps, [refs]), rows)
    sb["chrf++"] = timed(f"CHRF(word_order=2).corpus_score (n={args.n})",
                         lambda: CHRF(word_order=2).corpus_score(hyps, [refs]), rows)
    for k in ("bleu", "chrf", "chrf++"):
        assert abs(sb[k].score - ours1.corpus[k].score) < 1e-9 and ours1.corpus[k].score == ours2.corpus[k].score, k
    print("  (corpus scores identical)")
    m = args.sb_bootstrap_n
    sbb = timed(f"CHRF(word_order=2).corpus_score(n_bootstrap={args.bootstrap}) (n={m})",
                lambda: CHRF(word_order=2).corpus_score(hyps[:m], [refs[:m]], n_bootstrap=args.bootstrap), rows)
    ob = metrics.evaluate(hyps[:m], [(r,) for r in refs[:m]], None, ("chrf++",), n_bootstrap=args.bootstrap, jobs=1)
    assert f"{sbb._mean:.4f} ± {sbb._ci:.4f}" == f"{ob.corpus['chrf++'].mean:.4f} ± {ob.corpus['chrf++'].ci:.4f}"
    print(f"  (same interval: μ = {sbb._mean:.4f} ± {sbb._ci:.4f}); sacrebleu's resampler at n={args.n} would "
          f"materialise {args.bootstrap * args.n * 24 * 4 / 1e9:.1f} GB for chrF++")
    t = args.ter_n
    print(f"TER on {t} segments:")
    timed(f"transaudit ter + CI + segments (n={t})",
          lambda: metrics.evaluate(hyps[:t], [(r,) for r in refs[:t]], None, ("ter",), n_bootstrap=args.bootstrap,
                                   jobs=args.jobs), rows)
    timed(f"sacrebleu TER().corpus_score (n={t})", lambda: TER().corpus_score(hyps[:t], [refs[:t]]), rows)
    d = dict(rows)
    sb_total = sum(v for k, v in d.items() if k.startswith(("BLEU()", "CHRF().", "CHRF(word_order=2).corpus_score (")))
    print(f"\nsummary at n={args.n}: sacrebleu's three corpus_score calls {sb_total:.1f} s (no CI, no segment "
          f"scores); transaudit all three with CIs and segment scores: "
          f"{rows[0][1]:.1f} s on 1 process, {rows[1][1]:.1f} s on {args.jobs}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
