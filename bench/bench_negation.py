"""NEG001 alone on the NTREX negation perturbations: detection and clean false alarms per language.

A fast companion of bench_perturb.py for tuning the negation check: instead of auditing every
kind through the whole pipeline, it calls the check's decision function
(``audit.checks.families.negation.assess``) on each clean pair of the split and on its
``negation-added`` and ``negation-removed`` perturbations (bench/perturb.py, same seeds as
bench_perturb.py). A perturbation is detected at major when NEG001 gives it a major flag and the
clean pair has none (the net rule of bench_perturb.py, for one check), at any severity when it
gets a flag of a severity the clean pair does not have; both by default (strong evidence minor,
double negatives major) and with NEG001's option ``major`` (strong evidence major). Clean false
alarms are over all lines of the split. bench_perturb.py (``--kinds negation-added,negation-removed``) gives the pipeline's
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
MODES = ("default", "major")  # NEG001 as configured by default, and with its option major = true


def judge(source: str, target: str, src_lang: str, tgt_lang: str) -> dict:
    """NEG001's severity for one pair ("major", "minor" or None) by default and with the option."""
    out = {}
    for mode in MODES:
        v = assess(source, target, src_lang, tgt_lang, strong="minor" if mode == "default" else "major")
        out[mode] = v[2] if v else None
    return out


def run_unit(lang: str, direction: str, split: str, limit: int | None, n_examples: int) -> dict:
    corpus, nos = load_unit(lang, direction, split, limit)
    key = f"{direction}:{lang}"
    st = {"n": len(nos), "clean": Counter(), "examples": []}
    for kind in KINDS:
        st[kind] = Counter()
    for no in nos:
        src, tgt = corpus.sources[no - 1], corpus.targets[no - 1]
        clean = judge(src, tgt, corpus.src_lang, corpus.lang)
        for mode in MODES:
            st["clean"][mode, "major"] += clean[mode] == "major"
            st["clean"][mode, "any"] += clean[mode] is not None
        if clean["major"] == "major" and len(st["examples"]) < n_examples:
            st["examples"].append((no, src, tgt))
        line = P.Line(no, src, tgt, corpus)
        for kind in KINDS:
            got = P.perturb(kind, line, key)
            if not got:
                continue
            sev = judge(src, got[0], corpus.src_lang, corpus.lang)
            c = st[kind]
            c["n"] += 1
            for mode in MODES:
                c[mode, "major"] += sev[mode] == "major" and clean[mode] != "major"
                c[mode, "any"] += sev[mode] is not None and sev[mode] != clean[mode]
    return st


def share(a: int, n: int) -> str:
    return f"{a / n:5.2f}" if n else "    -"


def pct(a: int, n: int) -> str:
    return f"{100 * a / n:5.1f}%" if n else "     -"


def report(units: dict, directions: list[str], langs: list[str]) -> None:
    print("major+ detection net of the clean pair (M: by default, M+: with major = true), any severity (any);")
    print("clean pairs with a major flag (by default / with the option) and with any flag")
    print("lang  dir    lines | added     n     M    M+   any | removed   n     M    M+   any | clean   M     M+    any")
    sums = {k: [] for k in ("add", "rem", "clean")}
    worst = {m: (0.0, "") for m in MODES}
    for lang in langs:
        for d in directions:
            st = units[(lang, d)]
            a, r, c, n = st["negation-added"], st["negation-removed"], st["clean"], st["n"]
            row = [f"{lang:5} {d:5} {n:6} |"]
            for name, k in (("add", a), ("rem", r)):
                row.append(f"{k['n']:11} {share(k['default', 'major'], k['n'])} {share(k['major', 'major'], k['n'])}"
                           f" {share(k['major', 'any'], k['n'])} |")
                if k["n"]:
                    sums[name].append([k[m, "major"] / k["n"] for m in MODES] + [k["major", "any"] / k["n"]])
            row.append(f" {pct(c['default', 'major'], n)} {pct(c['major', 'major'], n)} {pct(c['major', 'any'], n)}")
            print(" ".join(row))
            if n:
                sums["clean"].append([c[m, "major"] / n for m in MODES] + [c["major", "any"] / n])
                for m in MODES:
                    worst[m] = max(worst[m], (c[m, "major"] / n, f"{d} {lang}"))
    mean = {k: [sum(col) / len(col) for col in zip(*v)] if v else [0.0] * 3 for k, v in sums.items()}
    for i, mode in enumerate(MODES):
        print(f"average over units, {mode:7}: major+ added {mean['add'][i]:.2f}, removed {mean['rem'][i]:.2f}"
              f" (target >= 0.60); clean major {100 * mean['clean'][i]:.2f}% (budget <= 1%),"
              f" worst {100 * worst[mode][0]:.1f}% {worst[mode][1]}")
    print(f"any severity: added {mean['add'][2]:.2f}, removed {mean['rem'][2]:.2f}; clean any {100 * mean['clean'][2]:.2f}%")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", default="dev", choices=("dev", "test", "all"))
    ap.add_argument("--langs", default=",".join(NTREX_LANGS.values()))
    ap.add_argument("--direction", default="both", choices=("en-xx", "xx-en", "both"))
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--examples", type=int, default=0, help="print K clean pairs with a major flag (option on) per unit")
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
