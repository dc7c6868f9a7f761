"""The corpus scores of a review session, kept up to date as flags are dismissed and targets
edited, without re-scoring the corpus on every key press.

Each segment contributes additive statistics (``audit.pipeline.segment_stats``: words, counted
flags by severity, passed, clean, dismissed) to a ``ScoreTally``; the corpus scores are a function
of their sums (``audit.pipeline.corpus_scores``). A change replaces one segment's statistics, so
the scores always equal a recomputation, whatever the corpus size and the number of changes.
"""
from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from functools import lru_cache

from audit.core.model import PairResult
from audit.pipeline import ScoreTally, segment_stats, tally_of, word_count

# A target's word count, remembered: a bulk decision re-scores thousands of segments whose text did
# not change (the regex count was half of a 'D' on 6,250 flags); keyed by the text, so a post-edit
# is counted anew.
words_of = lru_cache(maxsize=1 << 18)(word_count)

# the scores the tally computes; the others (reference metrics...) are kept as the audit gave them
_TALLIED = ("quality", "penalty", "words", "pass_rate", "clean_rate", "dismissed")


class LiveScores:
    """A session's corpus scores: the audit's per-segment statistics, adjusted segment by segment."""

    def __init__(self, tally: ScoreTally, base_scores: Mapping | None = None) -> None:
        self.tally = tally
        self.extra = {k: v for k, v in (base_scores or {}).items() if k not in _TALLIED}

    @classmethod
    def of(cls, segments: Sequence[PairResult], base_scores: Mapping | None, dismissed: Collection[str],
           config) -> LiveScores:
        """The statistics of every segment, counted without the ``dismissed`` flags."""
        return cls(tally_of(segments, config, dismissed), base_scores)

    def update(self, index: int, seg: PairResult, dismissed: Collection[str]) -> None:
        """Segment ``index`` is now ``seg``, without the ``dismissed`` flags."""
        self.tally.set(index, segment_stats(seg, dismissed, words_of(seg.pair.target or "")))

    def scores(self) -> dict:
        return {**self.extra, **self.tally.scores()}
