"""wordfreq's word lists as memory-mapped hash tables: a frequency look-up without importing wordfreq.

``wordfreq.zipf_frequency`` is exact but costly to start: importing wordfreq takes about 0.2 CPU-s
(langcodes, regex tables) and each language's list is a gzipped msgpack that takes 0.15-0.3 s to turn
into a dict, on every run. A short run (CI over many small catalogs) spent most of its time there.

``table(lang)`` gives a ``Table`` built once from wordfreq's own ``get_frequency_list`` (its buckets of
words by centibel) and kept in the cache directory (``audit.core.cache``): a hash table of the words
(CRC-32, open addressing), their UTF-8 bytes and their buckets, opened with ``mmap`` (no load time,
pages shared by every process). ``Table.zipf(word)`` answers directly, by one look-up, for words it can answer exactly as
``wordfreq.zipf_frequency(word, lang)`` would: NFC words of cased letters (lower case after
``casefold``), no marks, digits, apostrophes or other characters that wordfreq's tokenizer and
preprocessing would change. Any other word takes wordfreq's own tokenizer and arithmetic with the table
for its frequency dict (``Table._zipf_of_tokens``), except in the languages wordfreq splits with MeCab or
jieba, where None sends the caller to wordfreq. When a table is
built, a sample of each bucket's words (and their capitalised forms) is looked up both ways; a language
where the two differ once gets no table (wordfreq answers everything there).
"""
from __future__ import annotations

import math
import mmap
import os
import unicodedata
import zlib
from functools import cache, lru_cache

from audit.core.cache import derived

_FILES = ("slots", "offsets", "buckets", "words")
# languages whose preprocessing or tokenization is not "casefold, split on non-letters"
_NOT_PLAIN = frozenset({"ja", "ko", "zh", "th", "lo", "km", "my", "sh", "sr", "tr", "az", "kk", "ar", "fa",
                        "ur", "he", "yi", "hi", "bn", "ta", "te", "ml", "mr", "gu", "pa", "kn", "si", "ne"})


@cache  # a pure function of a bucket number (a few hundred in use)
def _zipf_of_bucket(index: int) -> float:
    """``zipf_frequency`` of a word of bucket ``index``, with wordfreq's own arithmetic:
    ``cB_to_freq``, the 1/f combination of one token, rounding to 3 significant digits, Zipf."""
    freq = 10 ** (-index / 100)
    freq = 1.0 / (0.0 + 1.0 / freq)
    if freq == 0.0:
        return 0.0
    freq = round(freq, math.floor(-math.log(freq, 10)) + 3)
    return round(math.log(freq, 10) + 9, 2)


def plain(word: str, lang: str) -> str | None:
    """The key wordfreq would look ``word`` up by, when that is just its casefolded self; else None."""
    if not word or lang in _NOT_PLAIN:
        return None
    w = word.casefold()
    if w != word.lower():  # ß -> ss, final sigma, ligatures: leave them to wordfreq
        return None
    if w.isascii():
        return w if w.isalpha() else None
    if not unicodedata.is_normalized("NFC", word) or not unicodedata.is_normalized("NFC", w):
        return None
    for ch in w:
        if unicodedata.category(ch) != "Ll":  # caseless letters (CJK, kana, Thai...) split tokens
            return None
    return w


class Table:
    """One language's words: ``bucket(key)`` (None when absent), ``freq``, ``zipf``."""

    def __init__(self, folder: str):
        self._maps = []
        views = []
        for name in _FILES:
            with open(os.path.join(folder, name), "rb") as fh:
                m = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) if os.fstat(fh.fileno()).st_size else b""
            self._maps.append(m)
            views.append(memoryview(m))
        self._slots = views[0].cast("I")
        self._offsets = views[1].cast("I")
        self._buckets = views[2].cast("H")
        self._words = self._maps[3]
        self._mask = len(self._slots) - 1
        with open(os.path.join(folder, "alphabet"), encoding="utf-8") as fh:
            self.alphabet = fh.read()  # the letters of the 5,000 most frequent words, sorted

    def bucket(self, key: str) -> int | None:
        data = key.encode("utf-8")
        slots, offsets, words, mask = self._slots, self._offsets, self._words, self._mask
        i = zlib.crc32(data) & mask
        while True:
            entry = slots[i]
            if entry == 0:
                return None
            e = entry - 1
            if words[offsets[e]:offsets[e + 1]] == data:
                return self._buckets[e]
            i = (i + 1) & mask

    def best_of(self, candidates, floor: float, skip: str):
        """The candidate of highest ``freq`` at or above ``floor`` (the last of equals), ``skip``
        left out; None when none reaches it. ``bucket`` inlined: the spelling check asks this of
        some twenty-five candidates per letter of every rare word."""
        slots, offsets, words, mask, buckets = self._slots, self._offsets, self._words, self._mask, self._buckets
        crc32 = zlib.crc32
        best, best_f = None, floor
        for v in candidates:
            data = v.encode("utf-8")
            i = crc32(data) & mask
            while True:
                entry = slots[i]
                if entry == 0:
                    f = 0.0
                    break
                e = entry - 1
                if words[offsets[e]:offsets[e + 1]] == data:
                    f = 10 ** (-buckets[e] / 100)
                    break
                i = (i + 1) & mask
            if f >= best_f and v != skip:
                best, best_f = v, f
        return best

    def freq(self, key: str) -> float:
        """What ``wordfreq.get_frequency_dict(lang).get(key, 0.0)`` gives."""
        b = self.bucket(key)
        return 0.0 if b is None else 10 ** (-b / 100)

    def zipf(self, word: str, lang: str) -> float | None:
        """``wordfreq.zipf_frequency(word, lang)``; None in the languages wordfreq splits with
        MeCab or jieba (ask wordfreq)."""
        key = plain(word, lang)
        if key is None:
            return self._zipf_of_tokens(word, lang)
        b = self.bucket(key)
        return 0.0 if b is None else _zipf_of_bucket(b)

    def _zipf_of_tokens(self, word: str, lang: str) -> float | None:
        """A word that is not plain: ``zipf_frequency``'s own steps through wordfreq's public
        functions (``lossy_tokenize``, ``smash_numbers``, ``digit_freq``, 1/f = sum of 1/f of the
        tokens, 3 significant digits), with this table for the frequency dict that wordfreq would
        load into memory (70-110 MB for Arabic, Hebrew or German). The table's build checks this
        path against wordfreq (``_verified``)."""
        import wordfreq
        from wordfreq.language_info import get_language_info
        from wordfreq.numbers import digit_freq, smash_numbers

        if get_language_info(lang)["tokenizer"] != "regex":
            return None
        freq = wordfreq.zipf_to_freq(0.0)  # zipf_frequency's minimum: what a missing token gives
        tokens = wordfreq.lossy_tokenize(word, lang)
        inverse = 0.0 if tokens else None
        for token in tokens:
            smashed = smash_numbers(token)
            b = self.bucket(smashed)
            if b is None:
                inverse = None
                break
            f = wordfreq.cB_to_freq(-b)
            if smashed != token:
                f *= digit_freq(token)
            inverse += 1.0 / f
        if inverse is not None:
            unrounded = max(1.0 / inverse, freq)
            freq = round(unrounded, math.floor(-math.log(unrounded, 10)) + 3)
        return round(wordfreq.freq_to_zipf(freq), 2)


def _write_table(folder: str, buckets: list) -> None:
    from array import array

    keys = [(w.encode("utf-8"), i) for i, bucket in enumerate(buckets) for w in bucket]
    size = 1 << max(4, (2 * len(keys)).bit_length())
    slots, offsets, marks = array("I", bytes(4 * size)), array("I", [0]), array("H")
    blob = bytearray()
    for n, (data, index) in enumerate(keys):
        blob += data
        offsets.append(len(blob))
        marks.append(index)
        i = zlib.crc32(data) & (size - 1)
        while slots[i]:
            i = (i + 1) & (size - 1)
        slots[i] = n + 1
    for name, data in zip(_FILES, (slots.tobytes(), offsets.tobytes(), marks.tobytes(), bytes(blob))):
        with open(os.path.join(folder, name), "wb") as fh:
            fh.write(data)


def _verified(folder: str, lang: str, buckets: list) -> bool:
    """Every bucket's first words, and their capitalised forms, look up as wordfreq looks them up."""
    import wordfreq

    t = Table(folder)
    stride = max(1, sum(len(b) for b in buckets) // 5000)
    for bucket in buckets:
        for w in bucket[:3] + bucket[3::stride]:
            for form in (w, w.capitalize(), w + "q" * 3, f"{w} {w}"):
                mine = t.zipf(form, lang)
                if mine is not None and mine != wordfreq.zipf_frequency(form, lang):
                    return False
    return True


def _build(lang: str):
    def build(folder: str) -> None:
        import wordfreq

        buckets = wordfreq.get_frequency_list(lang, "best")
        _write_table(folder, buckets)
        letters = {ch for w in wordfreq.top_n_list(lang, 5000) for ch in w if ch.isalpha()}
        with open(os.path.join(folder, "alphabet"), "w", encoding="utf-8") as fh:
            fh.write("".join(sorted(letters)))
        if not _verified(folder, lang, buckets):
            for name in (*_FILES, "alphabet"):
                os.remove(os.path.join(folder, name))
            with open(os.path.join(folder, "unverified"), "w", encoding="ascii") as fh:
                fh.write(lang)

    return build


def _wordfreq_data(lang: str) -> list[str]:
    import importlib.util

    spec = importlib.util.find_spec("wordfreq")
    paths = []
    for folder in (spec.submodule_search_locations or []) if spec else []:
        for kind in ("large", "small"):
            p = os.path.join(folder, "data", f"{kind}_{lang}.msgpack.gz")
            if os.path.exists(p):
                paths.append(p)
    return paths


@lru_cache(maxsize=None)
def table(lang: str) -> Table | None:
    """The table of wordfreq's ``best`` list of ``lang`` (a wordfreq code), or None (no list, the
    cache off, or a table that did not verify)."""
    sources = _wordfreq_data(lang)
    if not sources:
        return None
    # the key covers the list files' paths, sizes and times: another wordfreq release is another entry
    # "tokens": tables verified on the token path too (``Table._zipf_of_tokens``)
    folder = derived(f"wordfreq-{lang}", sources, _build(lang), extra=f"{lang}:tokens")
    if folder is None or not os.path.exists(os.path.join(folder, "slots")):
        return None
    try:
        return Table(folder)
    except (OSError, ValueError):
        return None
