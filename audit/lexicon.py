"""Word-frequency lookups (wordfreq), cached: is a string a word of a language, how common is it.

``zipf(word, lang)`` is wordfreq's Zipf frequency (0 = unknown, 3 = about once per million
words, 7 = "the"), cached per (word, lang). Languages wordfreq does not know give 0.0, so
callers must treat 0.0 as "no evidence", not as "not a word", when ``knows(lang)`` is False.
"""
from __future__ import annotations

from functools import lru_cache

_KNOWN: frozenset[str] | None = None


def _known() -> frozenset[str]:
    global _KNOWN
    if _KNOWN is None:
        try:
            import wordfreq

            _KNOWN = frozenset(wordfreq.available_languages(wordlist="best"))
        except Exception:  # pragma: no cover - wordfreq is a dependency
            _KNOWN = frozenset()
    return _KNOWN


def knows(lang: str | None) -> bool:
    """True when wordfreq has a word list for the base language ``lang``."""
    if not lang:
        return False
    if lang == "no":
        lang = "nb"
    return lang in _known()


@lru_cache(maxsize=200_000)
def zipf(word: str, lang: str | None) -> float:
    """Zipf frequency of ``word`` (case-insensitive) in ``lang``; 0.0 when unknown."""
    if not word or not lang:
        return 0.0
    if lang == "no":
        lang = "nb"
    if lang not in _known():
        return 0.0
    import wordfreq

    try:
        return wordfreq.zipf_frequency(word, lang)
    except Exception:
        return 0.0


def best_zipf(word: str, langs) -> float:
    """The highest Zipf frequency of ``word`` over several languages."""
    return max((zipf(word, lg) for lg in langs if lg), default=0.0)
