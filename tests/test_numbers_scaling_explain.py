"""Issue 15: the leftover explanations of ``_explain`` (rounding, look-alikes) grow linearly with the
number of leftover numbers, counted in calls to the pairwise predicates, not in wall time; and they
pair the same numbers as an all-pairs scan would."""
from __future__ import annotations

from audit.checks.families import numbers
from audit.core.config import Config
from audit.core.model import Pair
from audit.pipeline import audit_pairs


def _run(n: int, monkeypatch) -> tuple[int, int]:
    calls = {"rounded": 0, "similar": 0}
    rounded, digit_key = numbers._rounded, numbers._digit_key

    def count_rounded(a, b):
        calls["rounded"] += 1
        return rounded(a, b)

    def count_key(x):
        calls["similar"] += 1
        return digit_key(x)

    monkeypatch.setattr(numbers, "_rounded", count_rounded)
    monkeypatch.setattr(numbers, "_digit_key", count_key)
    src = " ".join(str(10000 + 7 * i) for i in range(n))
    tgt = " ".join(str(10003 + 7 * i) for i in range(n))  # within 3%: rounding windows are not empty
    audit_pairs([Pair("1", src, tgt, source_lang="en", target_lang="de")], Config(select=("NUM",)), jobs=1)
    return calls["rounded"], calls["similar"]


def test_explain_work_is_linear_in_leftovers(monkeypatch):
    r1, s1 = _run(200, monkeypatch)
    r2, s2 = _run(800, monkeypatch)
    # all pairs would be 16x on 4x the numbers; allow the window to grow a little
    assert r2 <= 6 * max(r1, 1) and s2 <= 6 * max(s1, 1), (r1, r2, s1, s2)
    assert r1 > 0 and r2 < 800 * 800 // 4


def test_rounding_and_look_alikes_still_pair():
    def flags(source, target):
        seg = audit_pairs([Pair("1", source, target, source_lang="en", target_lang="de")],
                          Config(select=("NUM",)), jobs=1).segments[0]
        return [(f.code, seg.pair.target[f.primary.start:f.primary.end]) for f in seg.flags
                if f.primary.side == "target"]
    # 1,997 rounded to 2.000 is not a change; 12 -> 21 is
    assert flags("It cost 1,997 euros.", "Es kostete rund 2.000 Euro.") == []
    assert [t for _, t in flags("He was 12 years old.", "Er war 21 Jahre alt.")] == ["21"]
