"""Non-word spelling evidence from wordfreq's word lists (for SPL001).

A word is a likely misspelling when it is absent or very rare in its language's list while a
word one typing slip away is frequent: one letter inserted (the misspelling dropped it), two
neighbouring letters swapped back, or a doubled letter undoubled. Substitutions are not tried:
in inflected languages a one-letter substitution of a rare form is too often another form.

The languages and thresholds are data (``audit/lang/data/spelling.toml``). Lookups go to
wordfreq's frequency dictionary of the language directly (a dict look-up per variant, no
tokenization), loaded once per language, and every verdict is cached per (word, language): only
words that fail the cheap frequency look-up generate variants at all.
"""
from __future__ import annotations

import math
import os
from functools import cache, lru_cache

import tomllib

from audit.lang.lexicon import knows, wordfreq_code, zipf
from audit.lang.wordlists import plain, table

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "spelling.toml")


@lru_cache(maxsize=1)
def settings() -> dict:
    with open(DATA, "rb") as fh:
        return tomllib.load(fh)


def spelling_languages() -> frozenset[str]:
    """Languages whose non-word errors are judged (wordfreq's large lists, spaced scripts)."""
    return frozenset(settings()["languages"])


def judged(lang: str | None) -> bool:
    return bool(lang) and lang in spelling_languages() and knows(lang)


class _DictFreqs:
    """wordfreq's dict behind the ``Table.freq`` interface (languages without a table)."""

    def __init__(self, lang: str):
        import wordfreq

        self._d = wordfreq.get_frequency_dict(lang, wordlist="best")

    def freq(self, key: str) -> float:
        return self._d.get(key, 0.0)

    def best_of(self, candidates, floor: float, skip: str):
        """As ``Table.best_of``."""
        best, best_f = None, floor
        for v in candidates:
            f = self._d.get(v, 0.0)
            if f >= best_f and v != skip:
                best, best_f = v, f
        return best


@cache
def _freqs(lang: str):
    """``freq(word)`` of ``lang``'s best list: the memory-mapped table, else wordfreq's dict."""
    code = wordfreq_code(lang)
    return table(code) or _DictFreqs(code)


def _preprocessed(word: str, lang: str) -> str:
    """``word`` as wordfreq looks it up (its ``preprocess_text``; a plain word is just casefolded)."""
    code = wordfreq_code(lang)
    key = plain(word, code)
    if key is not None:
        return key
    import wordfreq.preprocess

    return wordfreq.preprocess.preprocess_text(word, code)


@cache
def _alphabet(lang: str) -> str:
    """The letters of the language's 5,000 most frequent words (insertion candidates)."""
    t = table(wordfreq_code(lang))
    if t is not None:
        return t.alphabet
    import wordfreq

    letters = set()
    for w in wordfreq.top_n_list(wordfreq_code(lang), 5000):
        letters.update(ch for ch in w if ch.isalpha())
    return "".join(sorted(letters))


def _variants(w: str, alphabet: str):
    """Words one slip away from ``w``: a letter inserted inside it, two inner neighbours swapped,
    a doubled letter undoubled (the first and last letters stay: slips are rarely there)."""
    n = len(w)
    for i in range(1, n):
        head, tail = w[:i], w[i:]
        for ch in alphabet:
            yield head + ch + tail
    for i in range(1, n - 2):
        if w[i] != w[i + 1]:
            yield w[:i] + w[i + 1] + w[i] + w[i + 2:]
    for i in range(n - 1):
        if w[i] == w[i + 1]:
            yield w[:i] + w[i + 1:]


@lru_cache(maxsize=200_000)
def correction(word: str, lang: str) -> str | None:
    """The frequent word one slip away from ``word`` (lower case) when ``word`` is absent or very
    rare in ``lang``'s list; None when it is an ordinary word, or no frequent neighbour exists."""
    conf = settings()
    zw = zipf(word, lang)
    if zw > conf["max_word_zipf"]:
        return None
    w = _preprocessed(word, lang)
    if not w.isalpha() or len(w) < conf["min_letters"]:
        return None
    freqs = _freqs(lang)
    floor = 10 ** (max(conf["min_variant_zipf"], zw + conf["min_margin"]) - 9)
    best = freqs.best_of(_variants(w, _alphabet(lang)), floor, w)
    if best is not None and _known_stem_with_suffix(w, lang):
        return None
    return best


def _known_stem_with_suffix(word: str, lang: str) -> bool:
    """In a language that builds words by suffixes (``stem_gate`` of spelling.toml: Turkish),
    a form absent from the word list is most often a frequent stem with a case or
    possessive ending the list happens not to hold (``dakikasına``, ``adalarından``): the
    Snowball stemmer strips something and what is left is itself a frequent word. Such a form is
    not judged; a slip inside the stem still is (``hükümt``, ``öğrencler``)."""
    if lang not in settings().get("stem_gate", ()):
        return False
    stemmer = _stemmer(lang)
    if stemmer is None:
        return False
    stem = stemmer.stemWord(word)
    return stem != word and len(stem) >= 3 and zipf(stem, lang) >= settings()["min_variant_zipf"]


@cache
def _stemmer(lang: str):
    from audit.lang.profiles import profile

    name = profile(lang).stemmer
    if name is None:
        return None
    import snowballstemmer

    return snowballstemmer.stemmer(name)


def variant_zipf(word: str, lang: str) -> float:
    """Zipf frequency of a word of ``lang``'s list (for messages and tests)."""
    f = _freqs(lang).freq(word)
    return round(math.log10(f) + 9, 2) if f > 0 else 0.0
