"""Per-side arrays of the search: prefix sums of lengths, sparse features, embeddings, norms of runs
of consecutive sentences, paragraph starts; and their coarse (block) version."""
from __future__ import annotations

import numpy as np

from audit.align.features import Entries, sparse_band
from audit.align.params import MAXRUN


class Side:
    """Per-side arrays for the DP: prefix sums of lengths, sparse features, embeddings, norms of
    runs of consecutive sentences, paragraphs."""

    def __init__(self, length, units, ent: Entries, emb, para):
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
        self.rf = self._run_norms(sparse_band(ent, ent, n, n, np.arange(n), MAXRUN))
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

    def downsample(self, f: int) -> "Side":
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
        out = Side(agg(self.length), agg(self.units), self.ent.grouped(f), emb, None)
        out.ebase = self.ebase
        return out
