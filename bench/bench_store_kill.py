"""kill -9 during review decisions (issue 15): writers killed at varied moments, then the database's
integrity and every acknowledged decision checked. Prints the figures; asserts nothing.

    python bench/bench_store_kill.py [--rounds 200]
"""
from __future__ import annotations

import argparse
import os
import sqlite3
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "tests"))
sys.path.insert(0, os.path.dirname(HERE))

from test_store_trust import _kill_loop  # noqa: E402  (the same loop as the test, more rounds)

from audit.store.decisions import DecisionStore  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=200)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "k.db")
        DecisionStore(path).close()
        t0 = time.time()
        acked = _kill_loop(path, args.rounds)
        took = time.time() - t0
        with sqlite3.connect(path) as db:
            integrity = db.execute("PRAGMA integrity_check").fetchone()[0]
        with DecisionStore(path) as st:
            stored = set(st.flag_decisions())
    lost = acked - stored
    print(f"kills: {args.rounds} in {took:.1f} s")
    print(f"integrity_check: {integrity}")
    print(f"decisions acknowledged: {len(acked)}, stored: {len(stored)}, acknowledged but lost: {len(lost)}")
    print(f"stored but not acknowledged (committed just before a kill): {len(stored - acked)}")


if __name__ == "__main__":
    main()
