"""Number matching on segments with many numbers (issue 15): the indexed candidate search gives the
candidates a scan of the list would give, in the same order, and one changed number among
hundreds is still the one reported."""
from __future__ import annotations

import random
from types import SimpleNamespace

from audit.checks.families.numbers import _Alive
from audit.core.config import Config
from audit.core.model import Pair
from audit.pipeline import audit_pairs


def test_alive_ranks_equal_a_scan_in_list_order():
    rng = random.Random(7)
    items = [SimpleNamespace(keys=frozenset(rng.sample(range(12), rng.randint(0, 3)))) for _ in range(300)]
    alive = _Alive(items, lambda n: n.keys)
    live = list(range(len(items)))
    for _ in range(200):
        keys = set(rng.sample(range(14), rng.randint(1, 3)))
        assert list(alive.ranks(keys)) == [r for r in live if items[r].keys & keys]
        if live and rng.random() < 0.7:
            r = rng.choice(live)
            alive.kill(r)
            live.remove(r)
    assert alive.left() == [items[r] for r in live] and alive.count == len(live)


def _numbers_flags(source, target, src, tgt):
    seg = audit_pairs([Pair("1", source, target, source_lang=src, target_lang=tgt)], Config(select=("NUM",)),
                      jobs=1).segments[0]
    return [(f.code, seg.pair.target[f.primary.start:f.primary.end]) for f in seg.flags if f.primary.side == "target"]


def test_one_changed_number_among_hundreds():
    values = [str(10000 + 7 * i) for i in range(400)]
    changed = list(values)
    changed[250] = "99999"
    for src, tgt, sep in (("en", "de", " "), ("en", "ja", "、"), ("en", "ru", " ")):
        flags = _numbers_flags(" ".join(values), sep.join(changed), src, tgt)
        assert ("NUM003", "99999") in flags or ("NUM002", "99999") in flags, flags
        assert all(text == "99999" for _, text in flags), flags
