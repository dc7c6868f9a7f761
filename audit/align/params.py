"""Bead types, the tunable parameters of the alignment cost, and the bead an alignment is made of."""
from __future__ import annotations

from dataclasses import dataclass


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
    # that costs less than this many skips (see ``attach_lone_skips``); 0 keeps every skip
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
