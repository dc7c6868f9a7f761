"""Layer 7, the pipeline: inputs, checks, corpus checks and scores composed into one audit
(``engine.Audit``), with review decisions applied.

These names are the pipeline's public surface (the review app uses only these, ``audit.core``
and ``audit.store``): the audit and its events, the signature, and the scores' per-segment
statistics, whose sums give the corpus scores (an incremental update equals a recomputation), and
the cache of finished audits (``resultcache``) that lets the review app reopen a file at once.
"""
from audit.pipeline.applied import DecisionsApplied
from audit.pipeline.engine import (
    Audit,
    audit_pairs,
    iter_audit,
    run_audit,
    stream_audit,
    stream_run_audit,
)
from audit.pipeline.events import Checked, Finished, Started
from audit.pipeline.resultcache import CachedAudit, audit_key, keep_audit, load_audit
from audit.pipeline.signature import Signature
from audit.scores.penalty import (
    ScoreTally,
    SegmentStats,
    corpus_scores,
    score_segment,
    segment_stats,
    tally_of,
    word_count,
)

__all__ = [
    "Audit",
    "CachedAudit",
    "Checked",
    "DecisionsApplied",
    "Finished",
    "ScoreTally",
    "SegmentStats",
    "Signature",
    "Started",
    "audit_key",
    "audit_pairs",
    "corpus_scores",
    "iter_audit",
    "keep_audit",
    "load_audit",
    "run_audit",
    "score_segment",
    "segment_stats",
    "stream_audit",
    "stream_run_audit",
    "tally_of",
    "word_count",
]
