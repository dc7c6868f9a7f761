"""Fuzzed inputs through the public API in bounded time (issue 15): mutations of every bundled
bilingual file (tests/mutations.py) give pairs or the project's own input error, never another
exception. ``bench/bench_fuzz.py`` runs the same for 100,000 cases and more."""
from __future__ import annotations

import os
import random
import tempfile

from mutations import mutate, seed_files

from audit.core.errors import AuditError
from audit.inputs import open_input

SEEDS = seed_files()
CASES = 5000


def test_mutated_inputs_give_pairs_or_an_input_error():
    rng = random.Random(20261202)
    names = sorted(SEEDS)
    with tempfile.TemporaryDirectory() as d:
        for n in range(CASES):
            name = rng.choice(names)
            data = mutate(SEEDS[name], SEEDS[rng.choice(names)], rng)
            path = os.path.join(d, f"case{n}{os.path.splitext(name)[1]}")
            with open(path, "wb") as fh:
                fh.write(data)
            try:
                for p in open_input([path], None, "en", "de"):
                    assert isinstance(p.source, str)
            except AuditError as exc:
                assert "\n" not in exc.format(), (name, n)
            finally:
                os.unlink(path)
