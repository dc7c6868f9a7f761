"""A streamed audit: ``AuditStream`` hands segments to a writer as they are checked and scored,
and keeps only counts (``Tally``) and the scores' statistics, never the flags."""
from __future__ import annotations

from typing import Iterator

from audit.core.config import Config
from audit.core.model import PairResult, Severity


class Tally:
    """Counts of a streamed audit: enough for the summary, the gates and the text report's
    "By check" table without keeping the flags."""

    def __init__(self) -> None:
        self.segments = 0
        self.flagged = 0
        self.flags = 0
        self.by_severity = {s.label: 0 for s in Severity}
        self.by_code: dict[str, int] = {}
        self.names: dict[str, str] = {}
        self.code_severity: dict[str, dict[str, int]] = {}

    def add(self, seg: PairResult) -> None:
        self.segments += 1
        if seg.flags:
            self.flagged += 1
        for f in seg.flags:
            self.flags += 1
            lab = f.severity.label
            self.by_severity[lab] += 1
            self.by_code[f.code] = self.by_code.get(f.code, 0) + 1
            self.names[f.code] = f.name
            cs = self.code_severity.setdefault(f.code, {})
            cs[lab] = cs.get(lab, 0) + 1

    def count_at_least(self, severity: Severity) -> int:
        return sum(n for lab, n in self.by_severity.items() if Severity.parse(lab) >= severity)


class AuditStream:
    """An audit whose segments are produced while a writer consumes them (``segments`` can be
    iterated once). ``scores``, ``metrics`` and ``tally`` are complete once it has been consumed.
    Writers and gates accept it where they accept an ``AuditResult``."""

    def __init__(self, segments: Iterator[PairResult], source_lang, target_lang, signature, settings,
                 config: Config):
        self._segments = segments
        self.source_lang = source_lang
        self.target_lang = target_lang
        self.signature_fields = signature  # the Signature; ``signature`` is its rendering
        self.signature = signature.render()
        self.settings = settings
        self.scores: dict = {}
        self.metrics: dict = {}
        self.tally = Tally()
        self._config = config
        self._consumed = False
        self.total: int | None = None  # segments to come, when known before they are checked
        self.observer = None  # called with the count of segments so far, after each one (progress)

    @property
    def segments(self) -> Iterator[PairResult]:
        if self._consumed:
            raise RuntimeError("an AuditStream's segments can be read once")
        self._consumed = True
        return self._run()

    def _run(self) -> Iterator[PairResult]:
        from audit.scores.penalty import ScoreTally, score_segment

        scored = ScoreTally(self._config.weights, keep=False)  # sums only: memory stays flat
        tally = self.tally
        observer = self.observer
        for seg in self._segments:
            words = None
            if isinstance(seg, tuple):  # (result, target word count from the worker)
                seg, words = seg
            if "quality" not in seg.scores:  # collected fallback results are scored already
                seg, stats = score_segment(seg, self._config, words=words)
                scored.add(stats)
            tally.add(seg)
            if observer is not None:
                observer(tally.segments)
            yield seg
        if not self.scores:
            self.scores = scored.scores()

    def drain(self) -> "AuditStream":
        """Consume the segments without writing them (for the scores and counts alone)."""
        for _ in self.segments:
            pass
        return self
