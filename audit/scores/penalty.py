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

from dataclasses import replace
from typing import Collection, Mapping

import regex

from audit.core.config import Config
from audit.core.model import AuditResult, Flag, PairResult, Severity
from audit.core.text import WORD_RE

# Scripts written without spaces between words (Hangul is spaced: its words count as words).
_SPACELESS_RE = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}]")

DEFAULT_WEIGHTS = {"minor": 1.0, "major": 5.0, "critical": 25.0}


def word_count(text: str) -> int:
    """Words of a text for normalisation: spaced words, plus one per two spaceless-script characters."""
    spaceless = len(_SPACELESS_RE.findall(text))
    other = len(WORD_RE.findall(_SPACELESS_RE.sub(" ", text))) if spaceless else len(WORD_RE.findall(text))
    return other + (spaceless + 1) // 2


def flag_weight(flag: Flag, weights: Mapping[str, float]) -> float:
    return float(weights.get(flag.severity.label, DEFAULT_WEIGHTS.get(flag.severity.label, 0.0)))


def counted_flags(seg: PairResult, dismissed: Collection[str] | None = None) -> list[Flag]:
    """The flags of a segment that count for its score (all but the dismissed ones)."""
    if not dismissed:
        return list(seg.flags)
    return [f for f in seg.flags if f.fingerprint not in dismissed]


def segment_penalty(seg: PairResult, config: Config, dismissed: Collection[str] | None = None) -> float:
    return sum(flag_weight(f, config.weights) for f in counted_flags(seg, dismissed))


def quality(penalty: float, words: int) -> float:
    return max(0.0, 100.0 - 100.0 * penalty / max(words, 1))


def finalize(result: AuditResult, config: Config, dismissed: Collection[str] | None = None) -> AuditResult:
    """Scores into every segment (``penalty``, ``quality``) and into the corpus (``quality``,
    ``penalty``, ``pass_rate``, ``clean_rate``, ``words``, ``dismissed``); other scores are kept."""
    dismissed = frozenset(dismissed or ())
    segs = []
    total_pen = 0.0
    total_words = 0
    passed = clean = 0
    n_dismissed = 0
    for seg in result.segments:
        counted = counted_flags(seg, dismissed)
        n_dismissed += len(seg.flags) - len(counted)
        pen = sum(flag_weight(f, config.weights) for f in counted)
        words = word_count(seg.pair.target or "")
        total_pen += pen
        total_words += words
        passed += not any(f.severity >= Severity.MAJOR for f in counted)
        clean += not counted
        segs.append(replace(seg, scores={**seg.scores, "penalty": round(pen, 3),
                                         "quality": round(quality(pen, words), 2)}))
    n = len(segs)
    corpus = {
        "quality": round(quality(total_pen, total_words), 2) if n else None,
        "penalty": round(total_pen, 3),
        "pass_rate": round(passed / n, 4) if n else None,
        "clean_rate": round(clean / n, 4) if n else None,
        "words": total_words,
        "dismissed": n_dismissed,
    }
    return replace(result, segments=tuple(segs), scores={**result.scores, **corpus})
