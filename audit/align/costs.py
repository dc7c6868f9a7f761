"""The terms of a bead's cost: priors per bead type, the Gale-Church length term, the semantic reward;
and the cost of one bead outside the search (for the post-passes)."""
from __future__ import annotations

import math

import numpy as np

from audit.align.features import Entries
from audit.align.params import AlignParams
from audit.align.sides import Side


def priors(p: AlignParams) -> dict[tuple[int, int], float]:
    """The prior cost of each bead type (skips: ``skip``)."""
    return {(1, 1): p.prior_11, (1, 0): p.skip, (0, 1): p.skip, (1, 2): p.prior_12, (2, 1): p.prior_12,
            (2, 2): p.prior_22, (1, 3): p.prior_13, (3, 1): p.prior_13, (2, 3): p.prior_23,
            (3, 2): p.prior_23, (1, 4): p.prior_14, (4, 1): p.prior_14}


def semantic_cost(ecos, norm, p: AlignParams):
    """Cost of a bead from the cosine of its runs' embeddings, given the runs' mean distance to
    unrelated sentences (``norm``), as Vecalign normalises: a reward (negative), about
    ``-semantic`` for a typical translation and 0 for unrelated text. Every matched bead earns
    its own similarity, without a ceiling (as Bertalign scores beads), so a sentence joins a bead
    only when the joined runs' similarity beats what the sentence would earn in a bead of its own."""
    d = (1.0 - ecos) / np.maximum(norm, 0.05)  # 0 for identical, about 1 for unrelated text
    return -p.semantic * (1.0 - d)


def gc_cost(ls: np.ndarray, lt: np.ndarray, ratio: float, var: float) -> np.ndarray:
    """Gale-Church: -log of the two-sided tail probability of the length difference (approx.)."""
    mean = (ls * ratio + lt) / 2.0
    delta = np.abs(lt - ratio * ls) / np.sqrt(var * np.maximum(mean, 1.0))
    # -log(2 * (1 - Phi(d))) ~= d^2/2 + log(d * sqrt(pi/2)) for large d; smooth near 0
    return 0.5 * delta * delta + np.log1p(0.6 * delta)


class SentVectors:
    """Sparse feature vectors of one side, by sentence (for costing single beads)."""

    def __init__(self, ent: Entries, n: int):
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


def bead_cost(S: Side, T: Side, SV: SentVectors, TV: SentVectors, p: AlignParams, ratio: float,
               uratio: float | None, i0: int, i1: int, j0: int, j1: int) -> tuple[float, float]:
    """Cost of one matched bead (source i0 .. i1-1, target j0 .. j1-1) without embeddings, as
    ``run_dp`` prices it, and the anchor cosine of its two runs (0 without anchors)."""
    a, b = i1 - i0, j1 - j0
    cost = priors(p)[(a, b)]
    size = 1.0 + p.size_slope * (a + b - 2) / 2.0
    ls = np.array(S.cl[i1] - S.cl[i0])
    lt = np.array(T.cl[j1] - T.cl[j0])
    lc = float(gc_cost(ls, lt, ratio, p.variance))
    if uratio is not None:
        us = np.array(S.cu[i1] - S.cu[i0])
        ut = np.array(T.cu[j1] - T.cu[j0])
        lc = 0.5 * (lc + float(gc_cost(us, ut, uratio, p.token_variance)))
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

