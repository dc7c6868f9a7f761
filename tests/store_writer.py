"""A child process for the kill -9 tests (tests/test_store_trust.py, bench/bench_store_kill.py):
writes flag decisions into a database one by one and prints each fingerprint after its commit."""
from __future__ import annotations

import sys

from audit.core.model import Flag, Severity
from audit.store.decisions import DecisionStore


def main(db: str, start: int, count: int) -> None:
    with DecisionStore(db) as store:
        for i in range(start, start + count):
            fp = f"fp{i:08d}"
            flag = Flag("p", "NUM001", "number-mismatch", Severity.MAJOR, "accuracy/mistranslation", "m", (), fp)
            store.set_flag(flag, "dismissed" if i % 2 else "confirmed", f"note {i}")
            sys.stdout.write(fp + "\n")
            sys.stdout.flush()


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]))
