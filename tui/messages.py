"""Messages from the background audit worker to the app. Workers only post these; they never
touch widgets or state (Harlequin's rule)."""
from __future__ import annotations

from collections.abc import Sequence

from textual.message import Message

from audit.core.model import AuditResult, Pair, PairResult


class SegmentsAdded(Message):
    """A chunk of audited segments, in input order, with the pairs as read (before post-edits)."""

    def __init__(self, results: Sequence[PairResult], originals: Sequence[Pair], done: int,
                 keys: Sequence[str] | None = None) -> None:
        super().__init__()
        self.results = results
        self.originals = originals
        self.done = done
        self.keys = keys  # the originals' segment keys, computed in the worker


class AuditStarted(Message):
    def __init__(self, total: int | None, source_lang: str | None, target_lang: str | None) -> None:
        super().__init__()
        self.total = total
        self.source_lang = source_lang
        self.target_lang = target_lang


class AuditFinished(Message):
    """All segments are in: the final result, with corpus-check flags, scores and metrics."""

    def __init__(self, result: AuditResult, scores=None) -> None:
        super().__init__()
        self.result = result
        self.scores = scores  # the pipeline's ScoreTally of the result (per-segment statistics), if known


class AuditFailed(Message):
    def __init__(self, error: str) -> None:
        super().__init__()
        self.error = error


class SearchIndexReady(Message):
    """The case-folded search texts, built in a worker after the audit."""

    def __init__(self, data: tuple) -> None:
        super().__init__()
        self.data = data
