"""Quality scores from flags, without references: an MQM-style penalty per segment and per corpus.

How the score is made (for the README)
--------------------------------------
Every flag costs its severity's weight: **minor 1, major 5, critical 25** by default (the WMT MQM
weights, critical standing for non-translation), configurable in ``[tool.transaudit]``::

    [tool.transaudit.weights]
    minor = 0.5
    major = 5
    critical = 25

A segment's **penalty** is the sum of the weights of its flags; its **quality** is
``max(0, 100 - 100 * penalty / words)``, where ``words`` counts the target's words (a character pair
stands for one word in scripts written without spaces: Chinese, Japanese, Thai...; at least 1).
So one minor flag in a 20-word segment gives 95, one major flag 75. The **corpus quality** is
``max(0, 100 - 100 * total penalty / total words)``: a per-word error rate, so long segments weigh
more, as in MQM. ``pass_rate`` is the share of segments without any major or critical flag (minor
flags do not fail a segment), ``clean_rate`` the share without any flag at all.

Flags a reviewer dismissed (their fingerprints, from the review decisions store) do not count: pass
them as ``dismissed``; they stay in the result, and ``dismissed`` in the corpus scores says how many
were left out. ``--fail-under SCORE`` gates on the corpus quality (see ``audit.gates``).
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Collection, Mapping

from audit.core import lazyre
from audit.core.config import Config
from audit.core.model import AuditResult, Flag, PairResult, Severity
from audit.core.text import WORD_RE

# Scripts written without spaces between words (Hangul is spaced: its words count as words).
_SPACELESS_RE = lazyre.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}]")

DEFAULT_WEIGHTS = {"minor": 1.0, "major": 5.0, "critical": 25.0}


def word_count(text: str) -> int:
    """Words of a text for normalisation: spaced words, plus one per two spaceless-script characters."""
    spaceless = len(_SPACELESS_RE.findall(text))
    other = len(WORD_RE.findall(_SPACELESS_RE.sub(" ", text))) if spaceless else len(WORD_RE.findall(text))
    return other + (spaceless + 1) // 2


def flag_weight(flag: Flag, weights: Mapping[str, float]) -> float:
    return _weight(flag.severity, weights)


def counted_flags(seg: PairResult, dismissed: Collection[str] | None = None) -> list[Flag]:
    """The flags of a segment that count for its score (all but the dismissed ones)."""
    if not dismissed:
        return list(seg.flags)
    return [f for f in seg.flags if f.fingerprint not in dismissed]


def quality(penalty: float, words: int) -> float:
    return max(0.0, 100.0 - 100.0 * penalty / max(words, 1))


@dataclass(frozen=True, slots=True)
class SegmentStats:
    """What one segment contributes to the corpus scores: additive integers only (as sacrebleu's
    sufficient statistics), so a corpus score is a function of their sums and an incremental
    update (subtract a segment's old statistics, add its new ones) equals a recomputation exactly.

    ``by_severity``: counted (not dismissed) flags, minor, major, critical."""

    segments: int = 0
    words: int = 0
    by_severity: tuple[int, int, int] = (0, 0, 0)
    passed: int = 0  # segments without a counted major or critical flag
    clean: int = 0  # segments without any counted flag
    dismissed: int = 0  # flags left out of the score

    def __add__(self, other: "SegmentStats") -> "SegmentStats":
        return SegmentStats(self.segments + other.segments, self.words + other.words,
                            tuple(a + b for a, b in zip(self.by_severity, other.by_severity)),
                            self.passed + other.passed, self.clean + other.clean, self.dismissed + other.dismissed)

    def __sub__(self, other: "SegmentStats") -> "SegmentStats":
        return SegmentStats(self.segments - other.segments, self.words - other.words,
                            tuple(a - b for a, b in zip(self.by_severity, other.by_severity)),
                            self.passed - other.passed, self.clean - other.clean, self.dismissed - other.dismissed)

    def penalty(self, weights: Mapping[str, float]) -> float:
        """The sum of the weights of the counted flags."""
        return sum(n * _weight(sev, weights) for sev, n in zip(Severity, self.by_severity) if n)


def _weight(sev: Severity, weights: Mapping[str, float]) -> float:
    return float(weights.get(sev.label, DEFAULT_WEIGHTS.get(sev.label, 0.0)))


def segment_stats(seg: PairResult, dismissed: Collection[str] | None = None, words: int | None = None) -> SegmentStats:
    """The statistics of one segment (``words``: its target word count when already known)."""
    if words is None:
        words = word_count(seg.pair.target or "")
    if not seg.flags:
        return SegmentStats(1, words, (0, 0, 0), 1, 1, 0)
    counted = counted_flags(seg, dismissed)
    sev = [0, 0, 0]
    for f in counted:
        sev[f.severity - 1] += 1
    return SegmentStats(1, words, tuple(sev), int(not (sev[1] or sev[2])), int(not counted),
                        len(seg.flags) - len(counted))


def segment_scores(stats: SegmentStats, weights: Mapping[str, float]) -> dict:
    """A segment's ``penalty`` and ``quality`` from its statistics."""
    pen = stats.penalty(weights)
    return {"penalty": round(pen, 3), "quality": round(quality(pen, stats.words), 2)}


def corpus_scores(total: SegmentStats, weights: Mapping[str, float]) -> dict:
    """The corpus scores (``quality``, ``penalty``, ``pass_rate``, ``clean_rate``, ``words``,
    ``dismissed``) from the sum of the segments' statistics."""
    n = total.segments
    pen = total.penalty(weights)
    return {
        "quality": round(quality(pen, total.words), 2) if n else None,
        "penalty": round(pen, 3),
        "pass_rate": round(total.passed / n, 4) if n else None,
        "clean_rate": round(total.clean / n, 4) if n else None,
        "words": total.words,
        "dismissed": total.dismissed,
    }


def score_segment(seg: PairResult, config: Config, dismissed: Collection[str] | None = None,
                  words: int | None = None) -> tuple[PairResult, SegmentStats]:
    """The segment with its ``penalty`` and ``quality`` scores, and its statistics."""
    stats = segment_stats(seg, dismissed, words)
    return replace(seg, scores={**seg.scores, **segment_scores(stats, config.weights)}), stats


class ScoreTally:
    """The running sum of the segments' statistics, and each segment's share in it: ``set`` replaces
    a segment's statistics (after a dismissal, a confirmation, a post-edit), so the corpus scores
    are kept up to date without re-scoring the corpus, and equal a recomputation exactly."""

    def __init__(self, weights: Mapping[str, float], keep: bool = True) -> None:
        self.weights = weights
        self.total = SegmentStats()
        self._keep = keep  # False: the sums only (a streamed audit), ``set`` is then unavailable
        self._stats: list[SegmentStats] = []

    def add(self, stats: SegmentStats) -> None:
        """The statistics of the next segment."""
        if self._keep:
            self._stats.append(stats)
        self.total = self.total + stats

    def set(self, index: int, stats: SegmentStats) -> None:
        """Segment ``index`` now contributes ``stats``."""
        self.total = self.total - self._stats[index] + stats
        self._stats[index] = stats

    def __getitem__(self, index: int) -> SegmentStats:
        return self._stats[index]

    def __len__(self) -> int:
        return len(self._stats)

    def scores(self) -> dict:
        return corpus_scores(self.total, self.weights)


def tally_of(segments, config: Config, dismissed: Collection[str] | None = None) -> ScoreTally:
    """The statistics of every segment of a result, summed."""
    tally = ScoreTally(config.weights)
    for seg in segments:
        tally.add(segment_stats(seg, dismissed))
    return tally


def finalize(result: AuditResult, config: Config, dismissed: Collection[str] | None = None) -> AuditResult:
    """Scores into every segment (``penalty``, ``quality``) and into the corpus (``quality``,
    ``penalty``, ``pass_rate``, ``clean_rate``, ``words``, ``dismissed``); other scores are kept."""
    segs, tally = finalize_segments(result.segments, config, dismissed)
    return replace(result, segments=tuple(segs), scores={**result.scores, **tally.scores()})


def finalize_segments(segments, config: Config, dismissed: Collection[str] | None = None
                      ) -> tuple[list[PairResult], ScoreTally]:
    """Every segment scored, and the tally of their statistics."""
    dismissed = frozenset(dismissed or ())
    tally = ScoreTally(config.weights)
    out = []
    for seg in segments:
        seg, stats = score_segment(seg, config, dismissed)
        tally.add(stats)
        out.append(seg)
    return out, tally
