"""The dynamic programme over bead types in a band of the grid, and the coarse-to-fine search."""
from __future__ import annotations

import math

import numpy as np

from audit.align.costs import gc_cost, priors, semantic_cost
from audit.align.features import sparse_band
from audit.align.params import BEADS, INF, MAXRUN, AlignParams
from audit.align.sides import Side


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


def _cumband(G: np.ndarray) -> np.ndarray:
    out = np.zeros((G.shape[0], G.shape[1] + 1))
    np.cumsum(G, axis=1, out=out[:, 1:])
    return out


def run_dp(S: Side, T: Side, base: np.ndarray, width: int, p: AlignParams, ratio: float,
           uratio: float | None) -> list[tuple[int, int, int, int, float]]:
    """Best path through the band; returns beads as (i0, i1, j0, j1, cost).

    Row i of the grid (source sentences consumed) covers target positions base[i] .. base[i]+width-1.
    A bead's anchor cosine uses dot products of prefix sums: with P and Q the prefix sums of the
    two sides, (P[i]-P[i-a]) . (Q[j]-Q[j-b]) expands into four prefix dot products, so one banded
    matrix H[x, y] = P[x] . Q[y] serves every bead type."""
    grid = _Grid(S, T, base, width, p, ratio, uratio)
    for r0 in range(1, S.n + 1, _BLOCK):
        grid.fill_rows(np.arange(r0, min(S.n + 1, r0 + _BLOCK)))
    return grid.trace_back()


class _Grid:
    """The state of one search: the banded dot products it prices beads from, and its cost arrays.

    Skips are priced as gaps in sequence alignment: the first sentence of a run of skipped
    sentences costs ``skip``, each further one ``skip * skip_extend`` (a block of figure captions or
    an untranslated passage is one event, not many). Three arrays per cell: D, the best cost of
    any path to it; Z, of paths whose last bead is not a 0-1 skip; X, of paths whose last bead is
    a 1-0 skip. B holds Z's last bead, BX whether X's run of 1-0 skips started there (0) or
    continued (1), YS where a run of 0-1 skips ending in D began (-1: D is Z)."""

    def __init__(self, S: Side, T: Side, base: np.ndarray, width: int, p: AlignParams, ratio: float,
                 uratio: float | None):
        n, m = S.n, T.n
        self.S, self.T, self.base, self.width, self.p, self.ratio, self.uratio = S, T, base, width, p, ratio, uratio
        self.n, self.m = n, m
        self.ks = np.arange(width)
        # sentence-level dot products in a band: source sentence s serves grid rows s+1 .. s+MAXRUN,
        # whose beads reach target sentences base[s+1]-MAXRUN .. base[s+MAXRUN]+width-1;
        # C holds their running sums along the target axis, so a run of targets is two look-ups
        srow = np.arange(n)
        self.gb = base[np.minimum(srow + 1, n)] - MAXRUN
        self.gw = (int((base[np.minimum(srow + MAXRUN, n)] - base[np.minimum(srow + 1, n)]).max(initial=0))
                   + width + MAXRUN)
        self.Cf = _cumband(sparse_band(S.ent, T.ent, n, m, self.gb, self.gw))
        self.Ce = (_cumband(_dense_band(S.emb, T.emb, self.gb, self.gw))
                   if S.emb is not None and T.emb is not None else None)
        self.runs = S.remb is not None and T.remb is not None
        self.Rc: dict[tuple[int, int], np.ndarray] = {}
        self.priors = priors(p)
        self.beads = [(bi, a, b) for bi, (a, b) in enumerate(BEADS) if 0 < a <= n and b <= m]
        self.opn, self.ext = p.skip, p.skip * p.skip_extend
        self.D = np.full((n + 1, width), INF)
        self.Z = np.full((n + 1, width), INF)
        self.X = np.full((n + 1, width), INF)
        self.B = np.full((n + 1, width), -1, dtype=np.int8)
        self.BX = np.zeros((n + 1, width), dtype=np.int8)
        self.YS = np.full((n + 1, width), -1, dtype=np.int32)
        ks = self.ks
        inside0 = base[0] + ks <= m
        if base[0] == 0:
            self.Z[0, 0] = 0.0
            self.D[0] = np.where(inside0, np.where(ks == 0, 0.0, self.opn + (ks - 1) * self.ext), INF)
            self.YS[0, 1:] = 0

    def block_dot(self, C, i, a, J, b):
        """sum over source sentences i-a .. i-1 and target sentences J-b .. J-1 of their dots."""
        gb, gw = self.gb, self.gw
        total = np.zeros(J.shape)
        for x in range(1, a + 1):
            srcs = i - x
            off = gb[srcs][:, None]
            hi = np.clip(J - off, 0, gw)
            lo = np.clip(J - b - off, 0, gw)
            row = C[srcs]
            total += np.take_along_axis(row, hi, axis=1) - np.take_along_axis(row, lo, axis=1)
        return total

    def add_match_terms(self, cost, i, a, Jc, b) -> None:
        """Add to ``cost`` (in place, in this order) the length, anchor, semantic and paragraph
        terms of the a-b beads ending at rows ``i`` and target positions ``Jc``."""
        S, T, p = self.S, self.T, self.p
        # match terms grow with the bead: merging is never a discount
        size = 1.0 + p.size_slope * (a + b - 2) / 2.0
        ls = (S.cl[i] - S.cl[i - a])[:, None]
        lt = T.cl[Jc] - T.cl[Jc - b]
        lc = gc_cost(ls, lt, self.ratio, p.variance)
        if self.uratio is not None:
            us = (S.cu[i] - S.cu[i - a])[:, None]
            ut = T.cu[Jc] - T.cu[Jc - b]
            lc = 0.5 * (lc + gc_cost(us, ut, self.uratio, p.token_variance))
        cost += p.length * size * lc
        dot = self.block_dot(self.Cf, i, a, Jc, b)
        sn = S.rf[a][i - a][:, None]
        tn = T.rf[b][Jc - b]
        denom = np.sqrt(sn * tn)
        has = denom > 1e-9
        cos = np.where(has, dot / np.where(has, denom, 1.0), 0.0)
        # lexical cosines of true translations are modest (median about 0.2 for de-fr),
        # of unrelated sentences about 0: rescale so that anchor_full costs nothing
        lex = np.where(has, 1.0 - np.minimum(1.0, cos / p.anchor_full), p.anchor_none)
        cost += p.anchor * size * lex
        self.add_semantic_terms(cost, i, a, Jc, b)
        if S.starts is not None and T.starts is not None:
            # a paragraph starts on one side and not on the other
            cost += np.where(T.starts[Jc - b] != S.starts[i - a][:, None], p.paragraph_sync, 0.0)
        if b > 1 and T.para is not None:
            cost += np.where(T.para[Jc - 1] != T.para[Jc - b], p.paragraph, 0.0)

    def add_semantic_terms(self, cost, i, a, Jc, b) -> None:
        """Add to ``cost`` the embedding reward of the beads (nothing without embeddings)."""
        S, T, p = self.S, self.T, self.p
        if self.runs and a in S.remb and b in T.remb:
            # Vecalign's cost: cosine of the embeddings of the two concatenated runs,
            # normalised by how close each run is to unrelated sentences on average
            # (longer runs, rare, fall back to summed sentence embeddings below)
            gb, gw = self.gb, self.gw
            if (a, b) not in self.Rc:
                na = len(S.remb[a])
                self.Rc[(a, b)] = _dense_band(S.remb[a], T.remb[b], gb[:na], gw)
            sa = np.minimum(i - a, len(S.remb[a]) - 1)
            ta = np.minimum(Jc - b, len(T.remb[b]) - 1)
            col = np.clip(ta - gb[sa][:, None], 0, gw - 1)
            ecos = np.take_along_axis(self.Rc[(a, b)][sa], col, axis=1)
            norm = 0.5 * (S.rbase[a][sa][:, None] + T.rbase[b][ta])
            cost += semantic_cost(ecos, norm, p)
        elif self.Ce is not None:
            edot = self.block_dot(self.Ce, i, a, Jc, b)
            en = S.re[a][i - a][:, None]
            etn = T.re[b][Jc - b]
            ecos = edot / np.sqrt(np.maximum(en * etn, 1e-12))
            cost += semantic_cost(ecos, S.ebase, p)

    def block_costs(self, rows, J, inside):
        """(bead type, a, previous column, mask, cost) per bead type for a block of rows."""
        S, p, base, width, m = self.S, self.p, self.base, self.width, self.m
        block = []
        for bi, a, b in self.beads:
            i = np.maximum(rows, a)  # rows < a are masked below
            ok_rows = rows >= a
            Jb = J - b
            prev = i - a
            pk = Jb - base[prev][:, None]
            mask = inside & ok_rows[:, None] & (Jb >= 0) & (pk >= 0) & (pk < width)
            cost = np.full(J.shape, float(self.priors[(a, b)]))
            if b > 0:
                self.add_match_terms(cost, i, a, np.clip(J, b, m), b)
            if a > 1 and S.para is not None:
                cost += np.where((S.para[i - 1] != S.para[i - a])[:, None], p.paragraph, 0.0)
            block.append((bi, a, np.clip(pk, 0, width - 1), mask, np.where(mask, cost, INF)))
        return block

    def fill_rows(self, rows) -> None:
        """Run the recurrences over a block of consecutive rows."""
        ks, width, ext, opn = self.ks, self.width, self.ext, self.opn
        D, Z, X, B, BX, YS = self.D, self.Z, self.X, self.B, self.BX, self.YS
        J = self.base[rows][:, None] + ks[None, :]  # (R, W)
        inside = J <= self.m
        block = self.block_costs(rows, J, inside)
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

    def trace_back(self) -> list[tuple[int, int, int, int, float]]:
        """The best path, from (n, m) back to the start, as beads in document order."""
        n, m, base, width, opn, ext = self.n, self.m, self.base, self.width, self.opn, self.ext
        D, Z, B, BX, YS = self.D, self.Z, self.B, self.BX, self.YS
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


def align_path(S: Side, T: Side, p: AlignParams, ratio: float, uratio: float | None):
    n, m = S.n, T.n
    if (n + 1) * (m + 1) <= p.max_cells or n < 8 or m < 8:
        base, width = _full_base(n, m)
        return run_dp(S, T, base, width, p, ratio, uratio)
    f = max(2, int(math.ceil(math.sqrt((n + 1) * (m + 1) / p.max_cells))))
    f = min(f, 8)
    coarse = align_path(S.downsample(f), T.downsample(f), p, ratio, uratio)
    base, width = _band_from_path(coarse, n, m, f, p.band)
    return run_dp(S, T, base, width, p, ratio, uratio)


# characters per sentence relative to English, by language (from parallel news text): a prior for
