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


# -- the reduced form shipped to phase 2 (verdicts, split per partition) -----------------------

@pytest.mark.parametrize("shards", [1, 3, 7])
def test_reduced_same_as_whole_merged(shards):
    """Phase 2 given the merged statistics whole or reduced to verdicts split per shard: the
    same flags, and both those of one process."""
    pairs = synthetic()
    want = corpus_flags(pairs, CHECKS, CONFIG)
    assert cs.sharded_corpus_flags(pairs, CHECKS, CONFIG, shards, reduced=False) == want
    assert cs.sharded_corpus_flags(pairs, CHECKS, CONFIG, shards, reduced=True) == want


def _with_metric_outliers(pairs):
    """Pairs whose targets are their references but for one word, and every 23rd unrelated to
    its reference (MET001), after ``pairs`` (their references dropped)."""
    from dataclasses import replace

    words = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa", "lambda"]
    out = [replace(p, references=()) for p in pairs]
    for k in range(160):
        ref = " ".join(words[(k + j) % len(words)] for j in range(6)) + f" number {k}."
        tgt = "Xq zzv wwpk, ooq mmrt!" if k % 23 == 0 else ref.replace(words[k % len(words)], "omega", 1)
        out.append(Pair(id=f"m{k}", source=ref.upper(), target=tgt, references=(ref,), source_lang="en",
                        target_lang="de", index=len(out)))
    return out


def test_verdicts_split_equal_verdicts_per_range_and_smaller():
    pairs = _with_metric_outliers(synthetic(400))
    assert cs.sharded_corpus_flags(pairs, CHECKS, CONFIG, 4) == corpus_flags(pairs, CHECKS, CONFIG)
    bounds = [(0, 90), (90, 91), (91, 300), (300, 450), (450, len(pairs))]
    merged = cs.merge([cs.partial(pairs[a:b], a, CHECKS, CONFIG) for a, b in bounds])
    whole = cs.verdicts(merged, CHECKS, CONFIG)
    assert {c for c, v in whole.found.items() if v} >= {"CON001", "CON002", "LEN001", "LEN002", "MET001"}
    pieces = cs.split(whole, bounds)
    for (a, b), piece in zip(bounds, pieces):
        own = cs.verdicts(merged, CHECKS, CONFIG, a, b)
        assert piece.found == own.found and (piece.lo, piece.hi) == (a, b)
        assert all(a <= i < b for v in piece.found.values() for i, _ in v)
        assert pickle.loads(pickle.dumps(piece)) == piece
    # every verdict lands in exactly one piece
    assert sum(len(v) for p in pieces for v in p.found.values()) == sum(len(v) for v in whole.found.values())
    shipped = max(len(pickle.dumps(p)) for p in pieces)
    assert shipped * 4 < len(pickle.dumps(merged)), (shipped, len(pickle.dumps(merged)))


def test_verdicts_for_another_range_refused():
    pairs = synthetic(120)
    merged = cs.merge([cs.partial(pairs, 0, CHECKS, CONFIG)])
    piece = cs.split(cs.verdicts(merged, CHECKS, CONFIG), [(0, 60), (60, 120)])[0]
    with pytest.raises(ValueError):
        cs.shard_flags(piece, pairs[50:120], 50, CHECKS, CONFIG)


@pytest.mark.parametrize("path", CATALOGS[:3], ids=lambda p: os.path.relpath(p, ROOT))
def test_catalogs_reduced(path):
    from audit.inputs import open_input

    pairs = list(open_input([path]))
    assert cs.sharded_corpus_flags(pairs, CHECKS, CONFIG, 3, reduced=True) == corpus_flags(pairs, CHECKS, CONFIG)
