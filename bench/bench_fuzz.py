"""Fuzzing the readers and checks (issue 15): mutated bundled files (tests/mutations.py) through
``open_input``, and every 20th case's pairs through the checks (``audit_pairs``). Prints cases per
second and every unexpected exception (with the seed and case number to replay it); asserts nothing.

    python bench/bench_fuzz.py [--cases 100000] [--seed 1]
"""
from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "tests"))
sys.path.insert(0, os.path.dirname(HERE))
os.environ.setdefault("TRANSAUDIT_SEMANTIC", "0")

from mutations import mutate, seed_files  # noqa: E402

from audit import Config, audit_pairs  # noqa: E402
from audit.core.errors import AuditError  # noqa: E402
from audit.inputs import open_input  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cases", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--check-every", type=int, default=20, help="run the checks on every Nth case's pairs")
    args = ap.parse_args()
    seeds = seed_files()
    names = sorted(seeds)
    rng = random.Random(args.seed)
    counts = {"pairs": 0, "input errors": 0, "audited": 0}
    failures = []
    folder = "/dev/shm" if os.path.isdir("/dev/shm") else None
    t0 = time.time()
    with tempfile.TemporaryDirectory(dir=folder) as d:
        for n in range(args.cases):
            name = rng.choice(names)
            data = mutate(seeds[name], seeds[rng.choice(names)], rng)
            path = os.path.join(d, "case" + os.path.splitext(name)[1])
            with open(path, "wb") as fh:
                fh.write(data)
            try:
                pairs = list(open_input([path], None, "en", "de"))
                counts["pairs"] += 1
                if pairs and n % args.check_every == 0:
                    audit_pairs(pairs[:20], Config(), jobs=1)
                    counts["audited"] += 1
            except AuditError:
                counts["input errors"] += 1
            except Exception:  # noqa: BLE001 - what the bench is looking for
                failures.append((n, name, traceback.format_exc(limit=3)))
            if (n + 1) % 10_000 == 0:
                print(f"  {n + 1:,} cases, {(n + 1) / (time.time() - t0):,.0f}/s, {len(failures)} failures", flush=True)
    took = time.time() - t0
    print(f"cases: {args.cases:,} in {took:.0f} s ({args.cases / took:,.0f}/s); read: {counts['pairs']:,}, "
          f"input errors: {counts['input errors']:,}, audited: {counts['audited']:,}")
    print(f"unexpected exceptions: {len(failures)}")
    for n, name, tb in failures[:10]:
        print(f"--- case {n} (seed {args.seed}, from {name})\n{tb}")


if __name__ == "__main__":
    main()
