"""The restricted py3langid identifiers memory-mapped from the cache score exactly as
py3langid's own ``set_languages`` restriction, and the cache being off falls back to it."""
from __future__ import annotations

import numpy as np
import pytest

from audit.lang import langid

TEXTS = ["Das ist ein kleiner Test mit einigen Wörtern.", "This is plainly English text.",
         "Это предложение написано по-русски.", "Ceci est une phrase en français, sans doute.",
         "Hôm nay trời đẹp quá.", "Bu cümle Türkçe yazılmıştır.", "x"]
SETS = [frozenset({"en", "de", "fr", "vi", "tr", "es", "it"}), frozenset({"ru", "uk", "bg", "sr"})]


@pytest.fixture(autouse=True)
def _fresh():
    langid._identifier.cache_clear()
    yield
    langid._identifier.cache_clear()


@pytest.mark.parametrize("langs", SETS)
def test_cached_subset_scores_equal_set_languages(langs, tmp_path, monkeypatch):
    monkeypatch.setenv("TRANSAUDIT_CACHE_DIR", str(tmp_path))
    full = langid._full_identifier()
    keep = sorted(langid.norm(x) for x in langs if langid.norm(x) in set(full.labels))
    ref = langid._restricted(full, keep)
    got = langid._identifier(langs)
    assert got is not full and list(got.nb_classes) == list(ref.nb_classes)
    assert isinstance(got.nb_ptc, np.ndarray) and not got.nb_ptc.flags["WRITEABLE"]  # mapped, not copied
    for t in TEXTS:
        assert np.array_equal(got._decide(t), ref._decide(t)), t
    assert any(p.name.startswith("py3langid-subset-") for p in tmp_path.iterdir())


def test_cache_off_falls_back_to_set_languages(monkeypatch):
    monkeypatch.setenv("TRANSAUDIT_CACHE_DIR", "off")
    got = langid._identifier(SETS[1])
    assert got.nb_ptc.flags["WRITEABLE"]  # py3langid's own restricted copy
    labels, probs = langid.distribution(TEXTS[2], SETS[1])
    assert labels[int(probs.argmax())] == "ru"
