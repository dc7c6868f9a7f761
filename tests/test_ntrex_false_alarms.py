"""Regression guard for issue 2/3's acceptance: on the professional human translations of
NTREX-128 (English -> 18 languages), at most 2% of segments carry a major or critical flag in
every language, with all default checks. Skipped when ../shared/data is not beside the repo.
bench/bench_ntrex.py prints the full table per language and check."""
import os

import pytest

from audit.core.config import Config
from audit.pipeline.engine import audit_pairs
from audit.core.model import Origin, Pair, Severity

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NTREX = os.path.join(os.path.dirname(ROOT), "shared", "data", "ntrex")
LANGS = {
    "spa": "es", "fra": "fr", "deu": "de", "ita": "it", "por": "pt", "rus": "ru", "zho-CN": "zh", "jpn": "ja",
    "kor": "ko", "arb": "ar", "hin": "hi", "tur": "tr", "pol": "pl", "heb": "he", "tha": "th", "fas": "fa",
    "ukr": "uk", "vie": "vi",
}

pytestmark = pytest.mark.skipif(not os.path.isdir(NTREX), reason="../shared/data/ntrex not available")


def _lines(name):
    with open(os.path.join(NTREX, name), encoding="utf-8") as fh:
        return [line.rstrip("\n") for line in fh]


def test_major_flag_share_at_most_two_percent_in_every_language():
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
        name = seg.pair.id.split(":")[0]
        total, major = per_lang.get(name, (0, 0))
        per_lang[name] = (total + 1, major + any(f.severity >= Severity.MAJOR for f in seg.flags))
    assert set(per_lang) == set(LANGS)
    shares = {name: major / total for name, (total, major) in per_lang.items()}
    worst = max(shares, key=shares.get)
    assert shares[worst] <= 0.02, f"{worst}: {100 * shares[worst]:.2f}% of segments with a major+ flag"
