"""False alarms on human translations: NTREX-128 English -> 18 languages.

Every flag raised on a professional human translation is a suspect false alarm. Prints, per
language, the share of segments with a major-or-critical flag in each half of NTREX and in all of
it, and the share with any flag, then per check the share of segments it flags in each language.

The halves (``half_of``): NTREX's 1,997 lines are cut into blocks of ``BLOCK`` = 50 consecutive
lines; even blocks (lines 1-50, 101-150, ...) are the dev half, where checks may be tuned, odd
blocks (lines 51-100, 151-200, ...; 997 lines) the held-out test half that
tests/test_ntrex_false_alarms.py gates on. Blocks rather than odd/even lines, so that most of a
news story (and the names in it) falls in one half. Every language is audited whole (neighbours
and corpus checks see the full text); the halves only choose which segments are counted.
``--split`` chooses the half of the per-check table, the examples and the worst-language line.
Usage: python bench/bench_ntrex.py [--split dev|test|all] [--select CODES] [--examples CODE]
"""
from __future__ import annotations

import argparse
import time
from collections import Counter, defaultdict

from common import NTREX_LANGS, have_data, ntrex_pairs

BLOCK = 50  # lines per block of the dev/test split
SPLITS = ("dev", "test", "all")


def half_of(line: int) -> str:
    """``dev`` or ``test``: the half of NTREX that 1-based ``line`` belongs to."""
    return "test" if (line - 1) // BLOCK % 2 else "dev"


def in_split(line: int, split: str) -> bool:
    return split == "all" or half_of(line) == split


def _examples(res, name: str, code: str, split: str) -> None:
    """A few flagged segments of check ``code`` in ``split``."""
    shown = 0
    for s in res.segments:
        if shown >= 5:
            return
        if not in_split(s.pair.target_origin.line, split):
            continue
        for f in s.flags:
            if f.code == code:
                p = f.primary
                text = s.pair.text(p.side)[p.start:p.end] if p else ""
                print(f"  [{name}:{s.pair.id}] {f.code} {f.severity.label}: {f.message} «{text}»")
                print(f"      src: {s.pair.source}\n      tgt: {s.pair.target}")
                shown += 1
                break


def _count(res, split: str) -> tuple[int, int, int, Counter]:
    """Segments, segments with a major+ flag, with any flag, and segments per check code, in ``split``."""
    n = major = anyf = 0
    codes: Counter = Counter()
    for s in res.segments:
        if not in_split(s.pair.target_origin.line, split):
            continue
        n += 1
        major += any(f.severity >= 2 for f in s.flags)
        anyf += bool(s.flags)
        codes.update({f.code for f in s.flags})
    return n, major, anyf, codes


def _pct(part: int, whole: int) -> float:
    return 100 * part / whole if whole else 0.0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--split", choices=SPLITS, default="test",
                    help="half for the per-check table, the examples and the worst line (default: test, held out)")
    ap.add_argument("--select", default="", help="comma-separated check selectors (default: all stable)")
    ap.add_argument("--langs", default="", help="comma-separated NTREX names (default: all 18)")
    ap.add_argument("--examples", default="", help="print a few flagged examples of this check code")
    ap.add_argument("--limit", type=int, default=None, help="pairs per language (default: all 1,997)")
    args = ap.parse_args()
    if not have_data():
        raise SystemExit("../shared/data/ntrex not found")
    from audit.core.config import Config
    from audit.pipeline.engine import audit_pairs

    cfg = Config(select=tuple(s for s in args.select.split(",") if s))
    names = [n for n in args.langs.split(",") if n] or list(NTREX_LANGS)
    rows = {}  # name -> split -> (segments, major+, any, codes)
    t0 = time.perf_counter()
    total_pairs = 0
    for name in names:
        pairs = ntrex_pairs(name, args.limit)
        total_pairs += len(pairs)
        res = audit_pairs(pairs, cfg, source_lang="en", target_lang=NTREX_LANGS[name])
        rows[name] = {split: _count(res, split) for split in SPLITS}
        if args.examples:
            _examples(res, name, args.examples, args.split)
    elapsed = time.perf_counter() - t0
    print(f"NTREX human translations, en -> {len(names)} languages, {total_pairs} pairs, "
          f"{elapsed:.1f} s ({total_pairs / elapsed:,.0f} pairs/s incl. setup)")
    print(f"halves: blocks of {BLOCK} lines, even blocks dev (tuning), odd blocks test (held out)")
    print(f"{'lang':<8} {'dev':>5} {'test':>5} {'major+% dev':>12} {'test':>7} {'all':>7} {'any% ' + args.split:>10}")
    for name in names:
        r = rows[name]
        cells = " ".join(f"{_pct(r[sp][1], r[sp][0]):>6.2f}%" for sp in ("test", "all"))
        print(f"{name:<8} {r['dev'][0]:>5} {r['test'][0]:>5} {_pct(r['dev'][1], r['dev'][0]):>11.2f}% {cells} "
              f"{_pct(r[args.split][2], r[args.split][0]):>9.2f}%")
    worst = max(names, key=lambda n: _pct(rows[n][args.split][1], rows[n][args.split][0]))
    w = rows[worst][args.split]
    print(f"worst language major+ share ({args.split}): {worst} {_pct(w[1], w[0]):.2f}% "
          f"(target <= 1%; gate on test: tests/test_ntrex_false_alarms.py)")
    codes = sorted({c for n in names for c in rows[n][args.split][3]})
    if codes:
        print(f"\nper check, % of {args.split} segments flagged (any severity):")
        print("code    " + " ".join(f"{n[:6]:>6}" for n in names))
        for code in codes:
            print(f"{code:<7} " + " ".join(f"{_pct(rows[n][args.split][3][code], rows[n][args.split][0]):>6.2f}"
                                           for n in names))


if __name__ == "__main__":
    main()
