"""Regression guard for issue 2/3's acceptance, on NTREX's held-out half: on the professional human
translations of NTREX-128 (English -> 18 languages), at most 1% of the held-out segments carry a
major or critical flag, in every language, with all default checks.

The split is ``bench_ntrex.half_of`` (one rule for the bench and this test): blocks of 50
consecutive lines, even blocks (lines 1-50, 101-150, ...: 1,000 lines) are the dev half where
checks may be tuned, odd blocks (lines 51-100, 151-200, ...: 997 lines) the test half counted
here. Every line is still audited (neighbours and corpus checks see the whole text); only the
test half is counted. When this split was introduced, every check had been tuned on all of NTREX,
so the test half is held out from then on, not before. Measured then (held-out half): worst
language arb 0.90% (9 of 997), the others 0.00-0.60%; the 1% limit leaves arb one segment of
headroom. Do not tune on the test half: ``python bench/bench_ntrex.py --split dev`` is the
tuning view. The data tests are skipped when ../shared/data is not beside the repo."""
import os
import sys

import pytest

from audit.core.config import Config
from audit.core.model import Origin, Pair, Severity
from audit.pipeline.engine import audit_pairs

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NTREX = os.path.join(os.path.dirname(ROOT), "shared", "data", "ntrex")
LANGS = {
    "spa": "es", "fra": "fr", "deu": "de", "ita": "it", "por": "pt", "rus": "ru", "zho-CN": "zh", "jpn": "ja",
    "kor": "ko", "arb": "ar", "hin": "hi", "tur": "tr", "pol": "pl", "heb": "he", "tha": "th", "fas": "fa",
    "ukr": "uk", "vie": "vi",
}
MAX_MAJOR_SHARE = 0.01  # per language, on the held-out half

sys.path.insert(0, os.path.join(ROOT, "bench"))
from bench_ntrex import half_of  # noqa: E402 - the bench's split, so that both count the same lines

needs_ntrex = pytest.mark.skipif(not os.path.isdir(NTREX), reason="../shared/data/ntrex not available")


def _lines(name):
    with open(os.path.join(NTREX, name), encoding="utf-8") as fh:
        return [line.rstrip("\n") for line in fh]


def test_split_is_fixed_and_halves_ntrex():
    halves = [half_of(line) for line in range(1, 1998)]
    assert halves[:50] == ["dev"] * 50 and halves[50:100] == ["test"] * 50 and halves[100] == "dev"
    assert (halves.count("dev"), halves.count("test")) == (1000, 997)


def _major_shares_on_test_half() -> dict[str, tuple[int, int]]:
    """NTREX name -> (held-out segments, of them with a major+ flag)."""
    src = _lines("eng.txt")
    pairs = []
    for name, lang in LANGS.items():
        for i, (s, t) in enumerate(zip(src, _lines(f"{name}.txt"))):
            o = Origin(f"ntrex/{name}", None, i + 1, None)
            pairs.append(Pair(f"{name}:{i + 1}", s, t, source_lang="en", target_lang=lang,
                              source_origin=o, target_origin=o, index=len(pairs)))
    result = audit_pairs(pairs, Config())
    per_lang = {}
    for seg in result.segments:
        if half_of(seg.pair.target_origin.line) != "test":
            continue
        name = seg.pair.id.split(":")[0]
        total, major = per_lang.get(name, (0, 0))
        per_lang[name] = (total + 1, major + any(f.severity >= Severity.MAJOR for f in seg.flags))
    return per_lang


@needs_ntrex
def test_major_flag_share_at_most_one_percent_in_every_language_on_the_held_out_half():
    per_lang = _major_shares_on_test_half()
    assert set(per_lang) == set(LANGS)
    assert all(total == 997 for total, _ in per_lang.values())
    over = {name: f"{100 * major / total:.2f}% ({major}/{total})" for name, (total, major) in per_lang.items()
            if major / total > MAX_MAJOR_SHARE}
    assert not over, f"held-out segments with a major+ flag over {100 * MAX_MAJOR_SHARE:.0f}%: {over}"
