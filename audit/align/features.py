"""Anchor features of sentences (numbers by value, URLs, punctuation, names, cognate prefixes, learned
lexicon words), weighted by rarity, and their banded dot products between the two sides."""
from __future__ import annotations

import math
import unicodedata
from functools import lru_cache
from typing import Sequence

import numpy as np
import regex

from audit.core import lazyre
from audit.lang.numbers import SCALE_WORDS
from audit.lang.profiles import SPACELESS_SCRIPTS

_LEX_BOOST = 2.0  # weight of a learned word pair (``L:`` features) relative to a cognate prefix

_NUM = lazyre.compile(r"\p{Nd}+(?:[.,\u00a0\u202f' ]\p{Nd}{3})*(?:[.,]\p{Nd}+)?")
_URL = lazyre.compile(r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+\.[\w.]+", regex.I)
_WORD = lazyre.compile(r"[\p{L}\p{M}]+")
_PUNCT = lazyre.compile(r"[?？؟¿!！¡:：;%％()（）\[\]\"«»“”„「」『』]")
_PUNCT_GROUP = {
    "?": "?", "？": "?", "؟": "?", "¿": "?", "!": "!", "！": "!", "¡": "!", ":": ":", "：": ":",
    ";": ";", "%": "%", "％": "%", "(": "(", ")": "(", "（": "(", "）": "(", "[": "(", "]": "(",
    '"': '"', "«": '"', "»": '"', "“": '"', "”": '"', "„": '"', "「": '"', "」": '"', "『": '"', "』": '"',
}
_SPACELESS = lazyre.compile("[" + "".join(rf"\p{{{s}}}" for s in sorted(SPACELESS_SCRIPTS)) + "]")
_SPACED_RUN = lazyre.compile(r"[^\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}\u30fc]+")
_STRIP_MARKS = str.maketrans("", "", "".join(chr(c) for c in range(0x300, 0x370)))


@lru_cache(maxsize=200_000)
def _fold(word: str) -> str:
    """Case- and accent-folded prefix key of a word (cognates share it across languages)."""
    return unicodedata.normalize("NFD", word.casefold()).translate(_STRIP_MARKS)[:5]


_TOKEN_BODY = (r"|(?P<num>\p{Nd}+(?:[.,\u00a0\u202f' ]\p{Nd}{3})*(?:[.,]\p{Nd}+)?)"
               r"|(?P<word>[\p{L}\p{M}]+)"
               r"|(?P<punct>[?？؟¿!！¡:：;%％()（）\[\]\"«»“”„「」『』])")
_TOKEN = lazyre.compile(r"(?P<url>(?!))" + _TOKEN_BODY)
# only for texts that contain a URL or an e-mail address (cheap test first: the pattern is slow)
_TOKEN_URL = lazyre.compile(r"(?P<url>(?:[Hh][Tt][Tt][Pp][Ss]?://|www\.)\S+|[\w.+-]+@[\w-]+\.[\w.]+)" + _TOKEN_BODY)


# number words that multiply the number before them (the scale words of audit.numbers: CJK
# myriads, million/billion in many languages, Indian lakh/crore), matched right after a number
# (the value is an extra anchor); "m" and "k" only when written onto the number ("£125m", "$20k")
_MULT_WORDS = {**SCALE_WORDS, "千": 1e3, "m": 1e6, "k": 1e3}
_MULT_ALT = "|".join(sorted((regex.escape(w) for w in _MULT_WORDS if len(w) > 1 or ord(w) > 127), key=len, reverse=True))
_MULT = lazyre.compile(r"(?:[ \u00a0\u202f]?(" + _MULT_ALT + r")|(m|k))"
                      r"(?![\p{L}\p{M}]*[\p{Latin}\p{Cyrillic}\p{Arabic}\p{Devanagari}\p{Hebrew}])", regex.I)


def _scaled(tok: str, word: str) -> str | None:
    """Value feature of a number followed by a multiplier word (None if it does not parse): the
    last separator is a decimal point unless exactly three digits follow it."""
    digits = "".join(str(unicodedata.digit(c)) if c.isdigit() else c for c in tok)
    seps = [k for k, c in enumerate(digits) if not c.isdigit()]
    if seps and len(digits) - seps[-1] - 1 != 3:
        whole = "".join(c for c in digits[:seps[-1]] if c.isdigit())
        num = float((whole or "0") + "." + digits[seps[-1] + 1:])
    else:
        num = float("".join(c for c in digits if c.isdigit()) or "0")
    mult = _MULT_WORDS.get(word.casefold())
    if mult is None:
        return None
    v = round(num * mult)
    return "N:" + str(v) if v > 0 else None


def sentence_features(text: str) -> list[str]:
    """Anchors of one sentence that tend to survive translation (see the module doc)."""
    feats: list[str] = []
    first = True
    rx = _TOKEN_URL if ("@" in text or "://" in text or "www." in text) else _TOKEN
    for m in rx.finditer(text):
        kind = m.lastgroup
        tok = m.group()
        if kind == "word":
            if not tok.isascii() and _SPACELESS.search(tok):
                # a run of a script written without spaces: Latin (or other) words written onto it
                # ("在Instagram上", "改为MWP") are still names and cognates
                words = _SPACED_RUN.findall(tok)
                first = first and _SPACELESS.match(tok) is None
            else:
                words = [tok]
            for w in words:
                if len(w) >= 4 or (len(w) >= 2 and not first and w[0].isupper()):
                    f = _fold(w)
                    feats.append("W:" + f)
                    if not first and w[0].isupper():
                        feats.append("C:" + f[:4])
                first = False
            first = False
        elif kind == "num":
            feats.append("N:" + ("".join(ch for ch in tok if ch.isdigit()).lstrip("0") or "0"))
            mult = _MULT.match(text, m.end())
            if mult:
                # "38 万" = "380,000" = "0.38 million": the value is the anchor, in any script
                v = _scaled(tok, mult.group(1) or mult.group(2))
                if v is not None:
                    feats.append(v)
            first = False
        elif kind == "punct":
            feats.append("P:" + _PUNCT_GROUP[tok])
        else:
            feats.append("U:" + tok.lower().rstrip(".,;)"))
    # native digits (Arabic-Indic, Devanagari, full-width) by value
    return [f if f[0] != "N" or f.isascii() else "N:" + "".join(str(unicodedata.digit(c)) for c in f[2:])
            for f in feats]


class Entries:
    """Sparse features of one side: parallel arrays (sentence, feature id, weight), sorted by
    (feature id, sentence)."""

    def __init__(self, sent: np.ndarray, fid: np.ndarray, w: np.ndarray):
        order = np.lexsort((sent, fid))
        self.sent = sent[order]
        self.fid = fid[order]
        self.w = w[order]

    def grouped(self, f: int) -> "Entries":
        return Entries(self.sent // f, self.fid, self.w)


def feature_entries(src: Sequence[str], tgt: Sequence[str], extra: tuple[list, list] | None = None
                     ) -> tuple[Entries, Entries]:
    sf = [sentence_features(t) for t in src]
    tf = [sentence_features(t) for t in tgt]
    if extra is not None:
        sf = [a + b for a, b in zip(sf, extra[0])]
        tf = [a + b for a, b in zip(tf, extra[1])]
    df: dict[str, int] = {}
    for feats in sf + tf:
        for f in set(feats):
            df[f] = df.get(f, 0) + 1
    total = len(sf) + len(tf)
    # features in a large share of all sentences (function words, common punctuation) carry
    # little evidence and would cost much: leave them out
    common = max(20, total // 20)
    for f, c in df.items():
        if c > common:
            df[f] = -1
    ids: dict[str, tuple[int, float]] = {}

    def build(rows: list[list[str]]) -> Entries:
        sent, fid, w = [], [], []
        for i, feats in enumerate(rows):
            for f in feats:
                hv = ids.get(f)
                if hv is None:
                    if df[f] < 0:
                        continue
                    # numbers and URLs are strong anchors, punctuation weak; rare features weigh more
                    boost = 2.0 if f[0] in "NU" else (0.5 if f[0] == "P" else (_LEX_BOOST if f[0] == "L" else 1.0))
                    hv = ids[f] = (len(ids), boost * math.log((total + 1) / (df[f] + 0.5)))
                sent.append(i)
                fid.append(hv[0])
                w.append(hv[1])
        return Entries(np.array(sent, dtype=np.int64), np.array(fid, dtype=np.int64), np.array(w, dtype=np.float64))

    return build(sf), build(tf)


def sparse_band(a: Entries, b: Entries, n: int, m: int, gb: np.ndarray, width: int) -> np.ndarray:
    """out[s, h] = (features of a's sentence s) . (features of b's sentence gb[s] + h), h < width."""
    out = np.zeros(n * width, dtype=np.float64)
    if not len(a.sent) or not len(b.sent) or n == 0:
        return out.reshape(n, width)
    key = b.fid * (m + 1) + b.sent  # sorted, since b is sorted by (fid, sent)
    lo_t = np.clip(gb[a.sent], 0, m)
    hi_t = np.clip(gb[a.sent] + width, 0, m)
    lo = np.searchsorted(key, a.fid * (m + 1) + lo_t)
    hi = np.searchsorted(key, a.fid * (m + 1) + hi_t)
    cnt = np.maximum(hi - lo, 0)
    total = int(cnt.sum())
    if total == 0:
        return out.reshape(n, width)
    rep = np.repeat(np.arange(len(a.sent)), cnt)
    # positions lo[e] .. hi[e]-1 for each entry e
    offs = np.arange(total) - np.repeat(np.cumsum(cnt) - cnt, cnt)
    tpos = np.repeat(lo, cnt) + offs
    s = a.sent[rep]
    h = b.sent[tpos] - gb[s]
    vals = a.w[rep] * b.w[tpos]
    out += np.bincount(s * width + h, weights=vals, minlength=n * width)
    return out.reshape(n, width)
