"""False alarms on human translations: NTREX-128 English -> 18 languages.

Every flag raised on a professional human translation is a suspect false alarm. Prints, per
language, the share of segments with a major-or-critical flag (the acceptance gate: at most
2% in every language) and with any flag, then per check the share of segments it flags in each
language. Usage: python bench/bench_ntrex.py [--select CODES] [--examples CODE]
"""
from __future__ import annotations

import argparse
import time
from collections import Counter, defaultdict

from common import NTREX_LANGS, have_data, ntrex_pairs


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
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
    per_check: dict[str, dict[str, int]] = defaultdict(dict)
    rows = []
    t0 = time.perf_counter()
    total_pairs = 0
    for name in names:
        pairs = ntrex_pairs(name, args.limit)
        total_pairs += len(pairs)
        res = audit_pairs(pairs, cfg, source_lang="en", target_lang=NTREX_LANGS[name])
        major = sum(1 for s in res.segments if any(f.severity >= 2 for f in s.flags))
        anyf = sum(1 for s in res.segments if s.flags)
        codes = Counter()
        shown = 0
        for s in res.segments:
            for code in {f.code for f in s.flags}:
                codes[code] += 1
            if args.examples and shown < 5:
                for f in s.flags:
                    if f.code == args.examples:
                        p = f.primary
                        text = s.pair.text(p.side)[p.start:p.end] if p else ""
                        print(f"  [{name}:{s.pair.id}] {f.code} {f.severity.label}: {f.message} «{text}»")
                        print(f"      src: {s.pair.source}\n      tgt: {s.pair.target}")
                        shown += 1
                        break
        n = len(res.segments)
        for code, c in codes.items():
            per_check[code][name] = c
        rows.append((name, NTREX_LANGS[name], n, major, anyf))
    elapsed = time.perf_counter() - t0
    print(f"NTREX human translations, en -> {len(names)} languages, {total_pairs} pairs, "
          f"{elapsed:.1f} s ({total_pairs / elapsed:,.0f} pairs/s incl. setup)")
    print(f"{'lang':<8} {'pairs':>6} {'major+':>8} {'major+%':>8} {'any%':>7}")
    worst = 0.0
    for name, lang, n, major, anyf in rows:
        worst = max(worst, 100 * major / n)
        print(f"{name:<8} {n:>6} {major:>8} {100 * major / n:>7.2f}% {100 * anyf / n:>6.2f}%")
    print(f"worst language major+ share: {worst:.2f}% (gate: <= 2%)")
    if per_check:
        print("\nper check, % of segments flagged (any severity):")
        print("code    " + " ".join(f"{n[:6]:>6}" for n in names))
        for code in sorted(per_check):
            cells = []
            for name in names:
                n = next(r[2] for r in rows if r[0] == name)
                cells.append(f"{100 * per_check[code].get(name, 0) / n:>6.2f}")
            print(f"{code:<7} " + " ".join(cells))


if __name__ == "__main__":
    main()
