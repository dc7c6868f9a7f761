"""The MQM-style quality score: weights, normalisation by words, pass rates, dismissed flags."""
import pytest

from audit.core.config import Config, from_mapping
from audit.core.model import AuditResult, Flag, Pair, PairResult, Severity
from audit.scores.penalty import finalize, word_count


def _flag(pid, sev, fp):
    return Flag(pair_id=pid, code="TST001", name="t", severity=Severity.parse(sev), category="other",
                message="m", spans=(), fingerprint=fp)


def _result(*segs):
    out = []
    for i, (target, sevs) in enumerate(segs):
        pair = Pair(id=str(i), source="s", target=target, index=i)
        out.append(PairResult(pair, tuple(_flag(str(i), s, f"fp{i}-{j}") for j, s in enumerate(sevs))))
    return AuditResult(tuple(out), "en", "es", "sig", {})


TEN = "uno dos tres cuatro cinco seis siete ocho nueve diez"


def test_word_count_by_script():
    assert word_count(TEN) == 10
    assert word_count("") == 0
    assert word_count("政府宣布新措施。") == 4  # 7 Han characters: one word per two
    assert word_count("정부는 화요일에 발표했다.") == 3  # Hangul is written with spaces
    assert word_count("iPhone 15と東京") == 4
    assert word_count("l'homme d'État") == 2


def test_segment_and_corpus_scores_with_default_weights():
    res = finalize(_result((TEN, ["minor"]), (TEN, ["major"]), (TEN, []), (TEN, ["critical"])), Config())
    q = [s.scores["quality"] for s in res.segments]
    assert q == [90.0, 50.0, 100.0, 0.0]
    assert [s.scores["penalty"] for s in res.segments] == [1, 5, 0, 25]
    assert res.scores["quality"] == pytest.approx(100 - 100 * 31 / 40)
    assert res.scores["pass_rate"] == 0.5  # minor flags do not fail a segment
    assert res.scores["clean_rate"] == 0.25
    assert res.scores["words"] == 40 and res.scores["dismissed"] == 0


def test_configured_weights():
    cfg = from_mapping({"weights": {"minor": 0.5, "major": 2}}, "t.toml")
    res = finalize(_result((TEN, ["minor", "major"]), (TEN, [])), cfg)
    assert [s.scores["penalty"] for s in res.segments] == [2.5, 0]
    assert res.segments[0].scores["quality"] == 75.0
    assert res.scores["quality"] == pytest.approx(100 - 100 * 2.5 / 20)
    res = finalize(_result((TEN, ["critical", "critical"])), cfg)
    assert res.segments[0].scores["quality"] == 0.0  # clamped at 0


def test_dismissed_flags_do_not_count():
    r = _result((TEN, ["major", "minor"]), (TEN, ["critical"]))
    res = finalize(r, Config(), dismissed={"fp0-0", "fp1-0"})
    assert [s.scores["penalty"] for s in res.segments] == [1, 0]
    assert res.scores["dismissed"] == 2 and res.scores["pass_rate"] == 1.0
    assert len(res.flags) == 3  # still in the result, only not counted


def test_short_missing_and_empty_segments():
    res = finalize(_result(("", ["critical"]), (None, ["critical"]), ("Hola", ["minor"])), Config())
    assert [s.scores["quality"] for s in res.segments] == [0.0, 0.0, 0.0]
    assert finalize(_result(), Config()).scores["quality"] is None


def test_existing_scores_are_kept():
    r = _result((TEN, []))
    seg = PairResult(r.segments[0].pair, (), {"chrf": 55.5})
    res = finalize(AuditResult((seg,), "en", "es", "sig", {}, scores={"x": 1}), Config())
    assert res.segments[0].scores["chrf"] == 55.5 and res.scores["x"] == 1
