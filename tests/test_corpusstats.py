"""Sharded corpus-scope checks (audit.pipeline.corpusstats) give exactly engine.corpus_flags' flags."""
import glob
import os
import pickle
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from audit.checks.registry import select_checks
from audit.core.config import Config
from audit.core.model import Pair
from audit.pipeline import corpusstats as cs
from audit.pipeline.engine import corpus_flags
from tests.test_corpora import load

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPORA = sorted(glob.glob(os.path.join(ROOT, "corpora", "*", "*.jsonl")))
CHECKS = [c for c in select_checks(["CON", "LEN", "MET", "PLR"]) if c.spec.scope == "corpus"]
CONFIG = Config()


def synthetic(n=260, seed=7):
    """Repeated sources with several renderings (CON001), one rendering for different sources
    (CON002), short UI strings with notes, length outliers (LEN001/LEN002), references (MET001)."""
    rnd = random.Random(seed)
    words = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa", "lambda"]
    out = []
    for i in range(n):
        k = rnd.randrange(12)
        src = " ".join(words[(k + j) % len(words)] for j in range(5 + k % 4)) + "."
        tgt = src.upper() if rnd.random() < 0.6 else src.title()
        if rnd.random() < 0.1:
            tgt = "Same target for everything here."
        if rnd.random() < 0.05:
            tgt = tgt[:6]
        if rnd.random() < 0.05:
            tgt = (tgt + " ") * 5
        note = None
        if rnd.random() < 0.15:
            src, tgt, note = "Open", rnd.choice(["Öffnen", "Aufmachen"]), rnd.choice(["menu", "dialog"])
        ref = (src.upper(),) if i % 3 else ()
        out.append(Pair(id=f"s{i}", source=src, target=tgt, references=ref, source_lang="en",
                        target_lang="de", index=i, note=note))
    return out


def _same(pairs, shards):
    want = corpus_flags(pairs, CHECKS, CONFIG)
    got = cs.sharded_corpus_flags(pairs, CHECKS, CONFIG, shards)
    assert got == want
    return want


@pytest.mark.parametrize("path", CORPORA, ids=lambda p: os.path.relpath(p, ROOT))
@pytest.mark.parametrize("shards", [1, 2, 3, 7])
def test_bundled_corpora(path, shards):
    _, _, _, pairs = load(path)
    _same(pairs, shards)


def test_synthetic_has_flags_and_matches():
    pairs = synthetic()
    want = _same(pairs, 5)
    codes = {f.code for fl in want.values() for f in fl}
    assert {"CON001", "CON002", "LEN001", "LEN002"} <= codes, codes


@settings(max_examples=25, deadline=None)
@given(st.lists(st.integers(1, 259), max_size=8))
def test_any_cut_points(cuts):
    pairs = synthetic()
    assert cs.sharded_corpus_flags(pairs, CHECKS, CONFIG, cuts) == corpus_flags(pairs, CHECKS, CONFIG)


def test_merge_associative_and_pickles():
    pairs = synthetic(120)
    a, b, c = (cs.partial(pairs[x:y], x, CHECKS, CONFIG) for x, y in ((0, 40), (40, 90), (90, 120)))
    whole = cs.partial(pairs, 0, CHECKS, CONFIG)
    left = cs.merge([cs.merge([a, b]), c])
    right = cs.merge([a, cs.merge([b, c])])
    shuffled = cs.merge([c, a, b])
    assert left == right == shuffled == cs.merge([whole])
    assert pickle.loads(pickle.dumps(left)) == left
    flags = cs.shard_flags(left, pairs[40:90], 40, CHECKS, CONFIG)
    assert all(40 <= i < 90 for i in flags)


CATALOGS = sorted(glob.glob(os.path.join(ROOT, "corpora", "*", "*.po"))
                  + glob.glob(os.path.join(ROOT, "tests", "fixtures", "catalogs", "*.po")))


@pytest.mark.parametrize("path", CATALOGS, ids=lambda p: os.path.relpath(p, ROOT))
@pytest.mark.parametrize("shards", [2, 5])
def test_catalogs_plural_checks(path, shards):
    from audit.inputs import open_input

    pairs = list(open_input([path]))
    _same(pairs, shards)


def test_catalogs_have_plural_flags():
    from audit.inputs import open_input

    codes = set()
    for path in CATALOGS:
        flags = _same(list(open_input([path])), 3)
        codes |= {f.code for fl in flags.values() for f in fl}
    assert {c for c in codes if c.startswith("PLR")}, codes
