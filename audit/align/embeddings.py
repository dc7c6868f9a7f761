"""The optional semantic extra: sentence and run embeddings and their baselines."""
from __future__ import annotations

import numpy as np

from audit.lang import semantic as _semantic

# (the model lives in audit.lang.semantic; the names are bound here so that callers and tests can
# replace them for the aligner)
semantic_available = _semantic.available
embed = _semantic.embed
turned_off = _semantic.turned_off


def embed_runs(src: list[str], tgt: list[str], runs: int) -> tuple[dict[int, np.ndarray], dict[int, np.ndarray]]:
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


def run_baselines(runs: dict[int, np.ndarray], other: np.ndarray, typical: float) -> dict[int, np.ndarray]:
    """Per run, the mean (1 - cosine) to a fixed sample of sentences of the other side: how close a
    run is to unrelated text (Vecalign's normaliser: generic runs are close to everything). Small
    documents, whose sample holds the true counterparts, lean on the document's typical value."""
    rng = np.random.default_rng(54321)
    sample = other[rng.integers(0, len(other), min(len(other), 48))]
    w = min(1.0, len(other) / 40.0)
    return {k: np.maximum(0.05, w * np.mean(1.0 - e @ sample.T, axis=1) + (1.0 - w) * typical)
            for k, e in runs.items()}

