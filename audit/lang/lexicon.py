"""Word-frequency lookups (wordfreq), cached: is a string a word of a language, how common is it.

``zipf(word, lang)`` is wordfreq's Zipf frequency (through ``audit.lang.wordlists``' memory-mapped
tables where they answer exactly, so most runs never import wordfreq) (0 = unknown, 3 = about once per million
words, 7 = "the"), cached per (word, lang). Languages wordfreq does not know give 0.0, so
callers must treat 0.0 as "no evidence", not as "not a word", when ``knows(lang)`` is False.
"""
from __future__ import annotations

import os
from functools import lru_cache

from audit.lang.wordlists import table

_KNOWN: frozenset[str] | None = None

# wordfreq splits these languages into words with an optional tokenizer (``wordfreq[cjk]``); without
# it every lookup raises, so they count as unknown languages instead of languages without words.
_TOKENIZER_MODULES = {"zh": "jieba", "ja": "MeCab", "ko": "MeCab"}


def _available_languages() -> set[str]:
    """wordfreq's ``available_languages(wordlist="best")`` without importing wordfreq (about half a
    second): the languages of its shipped word lists (``small_xx`` and ``large_xx`` files of its
    data folder), found through the import system only."""
    import importlib.util

    spec = importlib.util.find_spec("wordfreq")
    if spec is None or not spec.submodule_search_locations:
        return set()
    langs = set()
    for folder in spec.submodule_search_locations:
        data = os.path.join(folder, "data")
        for name in os.listdir(data) if os.path.isdir(data) else ():
            if name.endswith(".msgpack.gz") and not name.startswith("_"):
                kind, _, lang = name.split(".")[0].partition("_")
                if kind in ("small", "large"):
                    langs.add(lang)
    return langs


def _known() -> frozenset[str]:
    global _KNOWN
    if _KNOWN is None:
        import importlib.util

        langs = _available_languages()
        for lang, module in _TOKENIZER_MODULES.items():
            if importlib.util.find_spec(module) is None:
                langs.discard(lang)
        _KNOWN = frozenset(langs)
    return _KNOWN


def known_languages() -> frozenset[str]:
    """The languages whose word frequencies can be looked up here (for the audit signature)."""
    return _known()


# base language -> the wordfreq list that covers it
_ALIASES = {"hr": "sh", "sr": "sh", "bs": "sh", "no": "nb", "nn": "nb", "tl": "fil", "zsm": "ms"}


def wordfreq_code(lang: str) -> str:
    """The wordfreq language code whose list covers the base language ``lang`` (hr -> sh)."""
    return _ALIASES.get(lang, lang)


def knows(lang: str | None) -> bool:
    """True when wordfreq has a word list for the base language ``lang``."""
    if not lang:
        return False
    return _ALIASES.get(lang, lang) in _known()


@lru_cache(maxsize=200_000)
def zipf(word: str, lang: str | None) -> float:
    """Zipf frequency of ``word`` (case-insensitive) in ``lang``; 0.0 when unknown."""
    if not word or not lang:
        return 0.0
    lang = _ALIASES.get(lang, lang)
    if lang not in _known():
        return 0.0
    t = table(lang)
    if t is not None:
        z = t.zipf(word, lang)
        if z is not None:
            return z
    import wordfreq

    return wordfreq.zipf_frequency(word, lang)


def best_zipf(word: str, langs) -> float:
    """The highest Zipf frequency of ``word`` over several languages."""
    return max((zipf(word, lg) for lg in langs if lg), default=0.0)
