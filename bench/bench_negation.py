"""NEG001 alone on the NTREX negation perturbations: detection and clean false alarms per language.

A fast companion of bench_perturb.py for tuning the negation check: instead of auditing every
kind through the whole pipeline, it calls the check's decision function
(``audit.checks.families.negation.assess``) on each clean pair of the split and on its
``negation-added`` and ``negation-removed`` perturbations (bench/perturb.py, same seeds as
bench_perturb.py). A perturbation is detected at major when NEG001 gives it a major flag and the
clean pair has none (the net rule of bench_perturb.py, for one check), at any severity when it
gets a flag of a severity the clean pair does not have. Clean false alarms are over all lines of
the split. bench_perturb.py (``--kinds negation-added,negation-removed``) gives the pipeline's
figures, all checks together.

Usage: python bench/bench_negation.py [--split dev|test|all] [--langs es,de] [--direction
en-xx|xx-en|both] [--limit N] [--examples K]
"""
from __future__ import annotations

import argparse
import time
from collections import Counter

import perturb as P
from bench_perturb import load_unit
from common import NTREX_LANGS

from audit.checks.families.negation import assess

KINDS = ("negation-added", "negation-removed")


def judge(source: str, target: str, src_lang: str, tgt_lang: str) -> str | None:
    """NEG001's severity for one pair ("major", "minor") or None."""
    v = assess(source, target, src_lang, tgt_lang)
    return v[2] if v else None


def run_unit(lang: str, direction: str, split: str, limit: int | None, n_examples: int) -> dict:
    corpus, nos = load_unit(lang, direction, split, limit)
    key = f"{direction}:{lang}"
    st = {"n": len(nos), "clean": Counter(), "examples": []}
    for kind in KINDS:
        st[kind] = Counter()
    for no in nos:
        src, tgt = corpus.sources[no - 1], corpus.targets[no - 1]
        clean = judge(src, tgt, corpus.src_lang, corpus.lang)
        st["clean"][clean] += 1
        if clean == "major" and len(st["examples"]) < n_examples:
            st["examples"].append((no, src, tgt))
        line = P.Line(no, src, tgt, corpus)
        for kind in KINDS:
            got = P.perturb(kind, line, key)
            if not got:
                continue
            sev = judge(src, got[0], corpus.src_lang, corpus.lang)
            c = st[kind]
            c["n"] += 1
            c["major"] += sev == "major" and clean != "major"
            c["any"] += sev is not None and sev != clean
    return st


def share(a: int, n: int) -> str:
    return f"{a / n:5.2f}" if n else "    -"


def pct(a: int, n: int) -> str:
    return f"{100 * a / n:5.1f}%" if n else "     -"


def report(units: dict, directions: list[str], langs: list[str]) -> None:
    head = "lang  dir    lines | added  n  major  any | removed n  major  any | clean major  any"
    print(head)
    tot = {k: [] for k in ("added", "removed", "clean")}
    worst = (0.0, "")
    for lang in langs:
        for d in directions:
            st = units[(lang, d)]
            a, r, c, n = st["negation-added"], st["negation-removed"], st["clean"], st["n"]
            cm, ca = c["major"], c["major"] + c["minor"]
            print(f"{lang:5} {d:5} {n:6} | {a['n']:7} {share(a['major'], a['n'])} {share(a['any'], a['n'])}"
                  f" | {r['n']:9} {share(r['major'], r['n'])} {share(r['any'], r['n'])}"
                  f" | {pct(cm, n)} {pct(ca, n)}")
            if a["n"]:
                tot["added"].append(a["major"] / a["n"])
            if r["n"]:
                tot["removed"].append(r["major"] / r["n"])
            if n:
                tot["clean"].append(cm / n)
                worst = max(worst, (cm / n, f"{d} {lang}"))
    mean = {k: sum(v) / len(v) if v else 0.0 for k, v in tot.items()}
    both = (mean["added"] + mean["removed"]) / 2
    print(f"average over units: added {mean['added']:.2f}, removed {mean['removed']:.2f}, both {both:.2f} major"
          f" (target >= 0.60); clean major {100 * mean['clean']:.2f}% (budget <= 1% per language),"
          f" worst {100 * worst[0]:.1f}% {worst[1]}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", default="dev", choices=("dev", "test", "all"))
    ap.add_argument("--langs", default=",".join(NTREX_LANGS.values()))
    ap.add_argument("--direction", default="both", choices=("en-xx", "xx-en", "both"))
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--examples", type=int, default=0, help="print K clean pairs with a major flag per unit")
    args = ap.parse_args()
    langs = args.langs.split(",")
    directions = ["en-xx", "xx-en"] if args.direction == "both" else [args.direction]
    t0 = time.time()
    units = {(lang, d): run_unit(lang, d, args.split, args.limit, args.examples) for lang in langs for d in directions}
    print(f"NEG001 on NTREX negation perturbations: split {args.split}, limit {args.limit or 'none'}")
    report(units, directions, langs)
    for (lang, d), st in units.items():
        for no, src, tgt in st["examples"]:
            v = assess(src, tgt, *(("en", lang) if d == "en-xx" else (lang, "en")))
            print(f"\n[{d} {lang} line {no}] {v}\n  S: {src}\n  T: {tgt}")
    print(f"\ntime: {time.time() - t0:.1f} s")


if __name__ == "__main__":
    main()
