"""Passes over a finished path: lone skips joined to a neighbour, moved sentences paired out of order."""
from __future__ import annotations

import bisect

import numpy as np

from audit.align.costs import SentVectors, bead_cost
from audit.align.params import BEADS, AlignParams
from audit.align.sides import Side


def attach_lone_skips(path, S: Side, T: Side, p: AlignParams, ratio: float, uratio: float | None):
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
    SV, TV = SentVectors(S.ent, S.n), SentVectors(T.ent, T.n)
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
                c, joined = bead_cost(S, T, SV, TV, p, ratio, uratio, i0, i1, j0, j1)
                alone, cos = bead_cost(S, T, SV, TV, p, ratio, uratio, nb[0], nb[1], nb[2], nb[3])
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


def pair_moved(path, S: Side, T: Side, p: AlignParams, ratio: float, uratio: float | None):
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
    SV, TV = SentVectors(S.ent, S.n), SentVectors(T.ent, T.n)

    def cost(i: int, j: int) -> tuple[float, bool]:
        if semantic:  # the search's reward for the pair (its other terms left out)
            z = 1.0 - (1.0 - float(S.emb[i] @ T.emb[j])) / S.ebase
            return -p.semantic * z, True
        c, cos = bead_cost(S, T, SV, TV, p, ratio, uratio, i, i + 1, j, j + 1)
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

