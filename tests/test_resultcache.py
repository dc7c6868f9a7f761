"""The audit cache of the review app (audit/pipeline/resultcache.py): an entry comes back equal to
the audit it keeps, a changed input, config or post-edit makes another key, and a damaged or
foreign entry is never used."""
from __future__ import annotations

import os

import pytest

from audit.core.config import Config
from audit.pipeline import Audit, audit_key, keep_audit, load_audit, resultcache
from audit.store.decisions import Decisions, SegmentDecision

ROWS = [("I have 3 cats.", "Tengo 4 gatos."), ("Hello  there.", "Hola  allí."), ("Plain.", "Sencillo."),
        ("東京に行きます。", "I go to Kyoto."), ("Size: 250 MB", "Tamaño: 520 MB")]


@pytest.fixture
def tsv(tmp_path, monkeypatch):
    monkeypatch.setenv("TRANSAUDIT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(resultcache, "CHUNK", 2)  # several chunks on a small input
    path = tmp_path / "in.tsv"
    path.write_text("source\ttarget\n" + "".join(f"{s}\t{t}\n" for s, t in ROWS), encoding="utf-8")
    return str(path)


def _audit(path, config=None, decisions=None):
    return Audit.open([path], source_lang="en", target_lang="es", config=config or Config(), jobs=1,
                      decisions=decisions, keep_dismissed=True)


def _run(audit):
    return audit.finished().result


def test_an_entry_comes_back_equal(tsv):
    audit = _audit(tsv)
    result = _run(audit)
    assert any(s.flags for s in result.segments)
    key = audit_key(audit)
    assert keep_audit(key, result, [s.pair for s in result.segments], frozenset({"fp1"}))
    cached = load_audit(audit_key(_audit(tsv)))
    chunks = list(cached.chunks())
    assert [len(s) for s, _ in chunks] == [2, 2, 1]
    segments = [s for segs, _ in chunks for s in segs]
    back = cached.result(segments)
    assert back.segments == result.segments and back.scores == result.scores and back.signature == result.signature
    assert [o for _, origs in chunks for o in origs] == [s.pair for s in result.segments]
    assert cached.dismissed == frozenset({"fp1"})


def test_keys_follow_input_config_and_post_edits(tsv, tmp_path):
    key = audit_key(_audit(tsv))
    assert key == audit_key(_audit(tsv))
    assert key != audit_key(_audit(tsv, Config(select=("NUM",))))
    post = Decisions({}, {"k": SegmentDecision("k", "1", post_edit="Tengo 3 gatos.")}, "db")
    approved = Decisions({}, {"k": SegmentDecision("k", "1", approved=True)}, "db")
    assert key != audit_key(_audit(tsv), post)
    assert key == audit_key(_audit(tsv), approved)  # approval changes no flag
    with open(tsv, "a", encoding="utf-8") as fh:
        fh.write("One.\tUno.\n")
    assert key != audit_key(_audit(tsv))


def test_post_edited_originals_are_kept(tsv):
    audit = _audit(tsv)
    result = _run(audit)
    originals = [s.pair for s in result.segments]
    from dataclasses import replace
    originals[3] = replace(originals[3], target="original target")
    key = audit_key(audit)
    keep_audit(key, result, originals, frozenset())
    got = [o for _, origs in load_audit(key).chunks() for o in origs]
    assert got == originals


def test_damaged_or_foreign_entries_are_not_used(tsv, tmp_path):
    audit = _audit(tsv)
    result = _run(audit)
    key = audit_key(audit)
    keep_audit(key, result, [s.pair for s in result.segments], frozenset())
    path = os.path.join(tmp_path, "cache", "audits", key)
    with open(path, "rb") as fh:
        data = bytearray(fh.read())
    data[-3] ^= 0xFF  # one byte of a chunk
    for damaged in (bytes(data), b"\x00" * 20, b"random bytes that are not an entry"):
        with open(path, "wb") as fh:
            fh.write(damaged)
        assert load_audit(key) is None
    assert load_audit("no-such-key") is None and load_audit(None) is None


def test_off_and_unwritable_values_mean_no_entry(tsv, monkeypatch):
    audit = _audit(tsv)
    result = _run(audit)
    key = audit_key(audit)
    monkeypatch.setenv("TRANSAUDIT_CACHE_DIR", "off")
    assert not keep_audit(key, result, [s.pair for s in result.segments], frozenset())
    assert load_audit(key) is None


def test_only_the_most_recent_entries_are_kept(tsv, monkeypatch):
    audit = _audit(tsv)
    result = _run(audit)
    monkeypatch.setattr(resultcache, "KEEP", 3)
    for i in range(5):
        assert keep_audit(f"k{i}", result, [s.pair for s in result.segments], frozenset())
        os.utime(os.path.join(os.environ["TRANSAUDIT_CACHE_DIR"], "audits", f"k{i}"), ns=(i * 10**9, i * 10**9))
    assert sorted(os.listdir(os.path.join(os.environ["TRANSAUDIT_CACHE_DIR"], "audits"))) == ["k2", "k3", "k4"]
