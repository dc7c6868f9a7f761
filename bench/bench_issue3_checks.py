"""Flag rates and CPU cost of the issue-3 checks (GLU, SEN, CAS, ENT) on NTREX (English -> 18
languages, human translations: every flag is a suspect false alarm).

    python bench/bench_issue3_checks.py [CODES] [--show N]

Prints, per language and check, the percentage of segments with a major+ flag and with any flag,
and the CPU time per pair of the selected checks (process time, second pass: word lists warm).
"""
from __future__ import annotations

import argparse
import collections
import time

from common import NTREX_LANGS, have_data, ntrex_pairs

DEFAULT = "GLU001,SEN001,SEN002,CAS001,CAS002,ENT001,ENT002,ENT003"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("codes", nargs="?", default=DEFAULT)
    ap.add_argument("--show", type=int, default=0, help="print the first N flags of each check")
    args = ap.parse_args()
    if not have_data():
        raise SystemExit("no ../shared/data/ntrex")
    from audit.core.config import Config
    from audit.pipeline.engine import check_pair
    from audit.checks.registry import get

    codes = args.codes.split(",")
    checks = [get(c) for c in codes]
    cfg = Config()
    total_t = total_n = 0
    print("lang " + " ".join(f"{c + ' maj/all%':>16}" for c in codes) + "   µs/pair")
    for name, lang in NTREX_LANGS.items():
        pairs = ntrex_pairs(name)
        anyf, major = collections.Counter(), collections.Counter()
        examples = collections.defaultdict(list)
        for i, p in enumerate(pairs):  # first pass: counts (and warms the word lists)
            prev = pairs[i - 1] if i else None
            nxt = pairs[i + 1] if i + 1 < len(pairs) else None
            flags = check_pair(p, checks, cfg, prev=prev, next=nxt)
            for code in {f.code for f in flags}:
                anyf[code] += 1
            for code in {f.code for f in flags if f.severity >= 2}:
                major[code] += 1
            for f in flags:
                sp = f.primary
                examples[f.code].append(p.text(sp.side)[max(0, sp.start - 20):sp.end + 20] if sp else "")
        t0 = time.process_time()
        for i, p in enumerate(pairs):
            check_pair(p, checks, cfg, prev=pairs[i - 1] if i else None,
                       next=pairs[i + 1] if i + 1 < len(pairs) else None)
        dt = time.process_time() - t0
        total_t += dt
        total_n += len(pairs)
        n = len(pairs)
        print(f"{lang:4} " + " ".join(f"{100 * major[c] / n:7.2f}/{100 * anyf[c] / n:6.2f}  " for c in codes)
              + f"  {1e6 * dt / n:7.1f}")
        for c in codes:
            for ex in examples[c][:args.show]:
                print(f"      {c}: {ex!r}")
    print(f"all  {1e6 * total_t / total_n:.1f} µs/pair CPU for {len(codes)} checks (engine overhead included)")


if __name__ == "__main__":
    main()
