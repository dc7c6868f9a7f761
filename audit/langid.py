"""Language identification behind one small interface.

py3langid is the fast first pass; langdetect (seeded, deterministic) is the second opinion on
short or uncertain text. Cheap evidence first: callers check scripts before calling this.
"""
from __future__ import annotations

from collections import Counter
from functools import lru_cache
from typing import Iterable

from .model import base_lang


@lru_cache(maxsize=1)
def _langid():
    import py3langid

    return py3langid


def identify(text: str) -> tuple[str | None, float]:
    """(language code, confidence 0..1) for one text; (None, 0.0) when it has no letters."""
    if not any(ch.isalpha() for ch in text):
        return None, 0.0
    lang, prob = _langid().classify(text)
    return base_lang(lang), float(prob)


def detect_side_language(texts: Iterable[str]) -> str | None:
    """The language of a whole side: the majority vote of per-segment guesses on a sample."""
    votes: Counter[str] = Counter()
    for t in texts:
        if len(t) < 20:
            continue
        lang, _ = identify(t)
        if lang:
            votes[lang] += 1
    if not votes:
        joined = " ".join(texts)[:5000]
        lang, _ = identify(joined)
        return lang
    return sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
