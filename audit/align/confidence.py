"""Confidence of each bead of the final path: of a match, from its cost against the skip price; of
a skip, from its best similarity to the sentences next to the gap."""
from __future__ import annotations

import math

import numpy as np

from audit.align.features import Entries
from audit.align.params import AlignParams, Bead
from audit.align.sides import Side


def _cos(x: np.ndarray, y: np.ndarray) -> float:
    d = float(np.linalg.norm(x) * np.linalg.norm(y))
    return float(x @ y) / d if d > 1e-9 else 0.0


def _sparse_cos(a: Entries, i: int, b: Entries, j: int) -> float:
    fa: dict[int, float] = {}
    for f, w in zip(a.fid[a.sent == i], a.w[a.sent == i]):
        fa[int(f)] = fa.get(int(f), 0.0) + float(w)
    fb: dict[int, float] = {}
    for f, w in zip(b.fid[b.sent == j], b.w[b.sent == j]):
        fb[int(f)] = fb.get(int(f), 0.0) + float(w)
    dot = sum(w * fb.get(f, 0.0) for f, w in fa.items())
    d = math.sqrt(sum(w * w for w in fa.values()) * sum(w * w for w in fb.values()))
    return dot / d if d > 1e-9 else 0.0


def skip_confidence(S: Side, T: Side, i: int, j: int, source_side: bool) -> float:
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


def beads_of(path, S: Side, T: Side, p: AlignParams, semantic: bool) -> list[Bead]:
    """The beads of a final path (i0, i1, j0, j1, cost), each with its confidence."""
    out = []
    for i0, i1, j0, j1, c in path:
        a, b = i1 - i0, j1 - j0
        if a and b:
            # how much cheaper the match was than leaving its sentences unaligned
            # (bead costs with embeddings span a wider range: rewards are negative costs)
            conf = 1.0 / (1.0 + math.exp(-((a + b) * p.skip - c) / (1.5 if not semantic else 3.0)))
        else:
            conf = skip_confidence(S, T, i0, j0, a > 0)
        out.append(Bead(tuple(range(i0, i1)), tuple(range(j0, j1)), float(conf)))
    return out

