"""False alarms on clean pairs: NTREX human translations in both directions, per language and per check.

Every flag on a professional human translation is a suspect false alarm (issue 11: at most 1.0% of
clean pairs with a major+ flag and 5% with any flag, in every language and direction). For each of
NTREX's 18 languages, English -> xx and xx -> English, all lines are audited in one call (so corpus
checks see the usual corpus) and the lines of the chosen split are counted. The split is
bench/perturb.py's ``split_of`` (a hash of the line number, about half each, the same lines as
bench_perturb.py's ``--split``): tune on ``dev``, report ``test``.

Prints per language and direction the share of counted pairs with a major+ flag and with any flag,
then per check code the share of pairs it flags at major+ and at any severity (pooled over all
units), and with ``--examples CODE`` a few flagged pairs of that code.

Usage: python bench/bench_clean.py [--split dev|test|all] [--langs es,zh,...] [--direction
en-xx|xx-en|both] [--limit N] [--examples CODES] [--max-examples K]
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from collections import Counter

import perturb as P
from common import NTREX, NTREX_LANGS, have_data, read_lines

CODE_OF = {v: k for k, v in NTREX_LANGS.items()}
MAJOR = 2


def unit_pairs(lang: str, direction: str, limit: int | None):
    from audit import Pair

    eng = read_lines(os.path.join(NTREX, "eng.txt"))
    xx = read_lines(os.path.join(NTREX, f"{CODE_OF[lang]}.txt"))
    src, tgt, sl, tl = (eng, xx, "en", lang) if direction == "en-xx" else (xx, eng, lang, "en")
    pairs = []
    for i, (s, t) in enumerate(zip(src, tgt)):
        if limit is not None and i >= limit:
            break
        if s.strip() and t.strip():
            pairs.append(Pair(str(i + 1), s, t, source_lang=sl, target_lang=tl, index=len(pairs)))
    return pairs, sl, tl


def run_unit(lang: str, direction: str, split: str, limit: int | None, config, codes: frozenset, k: int) -> dict:
    from audit import audit_pairs

    pairs, sl, tl = unit_pairs(lang, direction, limit)
    res = audit_pairs(pairs, config, source_lang=sl, target_lang=tl, jobs=1)
    n = major = anyf = 0
    codes_major: Counter = Counter()
    codes_any: Counter = Counter()
    examples = []
    for seg in res.segments:
        if split != "all" and P.split_of(int(seg.pair.id)) != split:
            continue
        n += 1
        flags = seg.flags
        major += any(f.severity >= MAJOR for f in flags)
        anyf += bool(flags)
        codes_major.update({f.code for f in flags if f.severity >= MAJOR})
        codes_any.update({f.code for f in flags})
        for f in flags:
            if f.code in codes and len(examples) < k:
                sp = f.spans[0] if f.spans else None
                text = seg.pair.text(sp.side)[sp.start:sp.end] if sp else ""
                examples.append((seg.pair, f, text))
    return {"lang": lang, "direction": direction, "n": n, "major": major, "any": anyf,
            "codes_major": codes_major, "codes_any": codes_any, "examples": examples}


def pct(a: int, n: int) -> str:
    return f"{100 * a / n:5.1f}%" if n else "   -  "


def report(units: list[dict], directions: list[str]) -> None:
    print(f"{'lang':<5}" + "".join(f" | {d:<5}     n major+    any" for d in directions))
    for lang in dict.fromkeys(u["lang"] for u in units):
        row = f"{lang:<5}"
        for d in directions:
            u = next((u for u in units if u["lang"] == lang and u["direction"] == d), None)
            if u:
                row += f" | {'':<5} {u['n']:>5} {pct(u['major'], u['n'])} {pct(u['any'], u['n'])}"
        print(row)
    over_m = [u for u in units if u["n"] and u["major"] / u["n"] > 0.01]
    over_a = [u for u in units if u["n"] and u["any"] / u["n"] > 0.05]
    mean_m = sum(u["major"] / u["n"] for u in units if u["n"]) / len(units)
    mean_a = sum(u["any"] / u["n"] for u in units if u["n"]) / len(units)
    print(f"average: major+ {100 * mean_m:.2f}%, any {100 * mean_a:.2f}%; units over 1.0% major+: "
          f"{len(over_m)} ({', '.join(u['direction'] + ' ' + u['lang'] for u in over_m) or '-'}); "
          f"over 5% any: {len(over_a)} ({', '.join(u['direction'] + ' ' + u['lang'] for u in over_a) or '-'})")
    total = sum(u["n"] for u in units)
    cm, ca = Counter(), Counter()
    for u in units:
        cm.update(u["codes_major"])
        ca.update(u["codes_any"])
    print(f"\nper check, share of all {total} counted clean pairs flagged (major+ / any):")
    for code, a in ca.most_common():
        print(f"  {code:<7} {100 * cm[code] / total:6.2f}% {100 * a / total:6.2f}%")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--split", choices=("dev", "test", "all"), default="test")
    ap.add_argument("--langs", default="")
    ap.add_argument("--direction", choices=("en-xx", "xx-en", "both"), default="both")
    ap.add_argument("--limit", type=int, default=0, help="first N lines of each unit (0: all)")
    ap.add_argument("--examples", default="", metavar="CODES", help="print flagged pairs of these codes (comma-separated)")
    ap.add_argument("--max-examples", type=int, default=30, help="at most K examples per unit")
    args = ap.parse_args()
    if not have_data():
        raise SystemExit("../shared/data/ntrex not found")
    os.environ.setdefault("TRANSAUDIT_SEMANTIC", "0")
    from audit import Config

    langs = [x for x in args.langs.split(",") if x] or list(CODE_OF)
    directions = ["en-xx", "xx-en"] if args.direction == "both" else [args.direction]
    t0 = time.perf_counter()
    units = []
    for lang in langs:
        for d in directions:
            codes = frozenset(c.strip().upper() for c in args.examples.split(",") if c.strip())
            u = run_unit(lang, d, args.split, args.limit or None, Config(), codes, args.max_examples)
            units.append(u)
            print(f"{d} {lang}: {u['n']} pairs, major+ {pct(u['major'], u['n'])}, any {pct(u['any'], u['n'])}",
                  file=sys.stderr, flush=True)
            for pair, f, text in u["examples"]:
                print(f"[{d} {lang} {pair.id}] {f.code}/{f.severity.label} {f.message[:100]} «{text}»")
                print(f"    src: {pair.source}\n    tgt: {pair.target}")
    print(f"\nclean NTREX pairs, split {args.split}, {len(units)} units, {time.perf_counter() - t0:.0f} s")
    report(units, directions)


if __name__ == "__main__":
    main()
