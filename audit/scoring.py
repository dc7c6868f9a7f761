"""Scores from flags: an MQM-style penalty per segment and per corpus (no references needed).

penalty = sum of severity weights (minor 1, major 5, critical 25 by default, configurable);
a segment's score is ``max(0, 100 - 100 * penalty / max(words, 1))`` with words counted on the
target (characters / 2 for scripts written without spaces); the corpus score normalises the
total penalty by the total target words the same way.
"""
from __future__ import annotations

from dataclasses import replace

from .config import Config
from .model import AuditResult, PairResult
from .text import HAN_KANA_RE, WORD_RE


def word_count(text: str) -> int:
    spaceless = len(HAN_KANA_RE.findall(text))
    other = len(WORD_RE.findall(HAN_KANA_RE.sub(" ", text)))
    return other + (spaceless + 1) // 2


def segment_penalty(seg: PairResult, config: Config) -> float:
    return sum(config.weights.get(f.severity.label, 0.0) for f in seg.flags)


def finalize(result: AuditResult, config: Config) -> AuditResult:
    segs = []
    total_pen = 0.0
    total_words = 0
    passed = 0
    for seg in result.segments:
        pen = segment_penalty(seg, config)
        words = word_count(seg.pair.target or "")
        score = max(0.0, 100.0 - 100.0 * pen / max(words, 1))
        total_pen += pen
        total_words += words
        passed += pen == 0
        segs.append(replace(seg, scores={**seg.scores, "penalty": round(pen, 3), "quality": round(score, 2)}))
    n = len(segs)
    corpus = {
        "quality": round(max(0.0, 100.0 - 100.0 * total_pen / max(total_words, 1)), 2) if n else None,
        "penalty": round(total_pen, 3),
        "pass_rate": round(passed / n, 4) if n else None,
    }
    return replace(result, segments=tuple(segs), scores={**result.scores, **corpus})
