"""What an audit reports while it runs (``Audit.events()``): it started (with the languages), a
batch of segments was checked (scored, with the pairs as read, for progress), it finished (the
result, the statistics of its scores and what the review decisions did)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Sequence

from audit.core.model import AuditResult, Pair, PairResult


@dataclass(frozen=True)
class Started:
    source_lang: str | None
    target_lang: str | None


@dataclass(frozen=True)
class Checked:
    """Segments checked by the pair checks and scored, before corpus checks and decisions."""

    results: Sequence[PairResult]
    originals: Sequence[Pair]  # the pairs as read (before any post-edit)
    done: int  # segments checked so far


@dataclass(frozen=True)
class Finished:
    result: AuditResult
    scores: Any  # the ``audit.scores.penalty.ScoreTally`` of the result (per-segment statistics)
    decisions: Any = None  # ``audit.pipeline.applied.DecisionsApplied`` when decisions were given
