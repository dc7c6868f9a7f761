"""Audits with review decisions applied: post-edited targets audited in place of the originals,
dismissed flags left out (and not scored).

``apply_decisions(result, store)`` leaves dismissed flags out of an ``AuditResult`` (and re-scores
it); ``audit_with_decisions`` audits post-edited targets in place of the originals.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Iterable, Iterator, Sequence

from audit.core.model import AuditResult, Pair, PairResult
from audit.store.decisions import DecisionStore, segment_key


def apply_post_edits(pairs: Iterable[Pair], store: DecisionStore) -> Iterator[Pair]:
    """Pairs with their post-edited targets in place of the originals."""
    segs = store.segment_decisions()
    for p in pairs:
        if segs:
            d = segs.get(segment_key(p))
            if d is not None and d.post_edit is not None:
                p = replace(p, target=d.post_edit)
        yield p


def drop_dismissed(segments: Iterable[PairResult], dismissed: frozenset[str]) -> tuple[list[PairResult], int]:
    """Results without the dismissed flags, and how many were left out."""
    out = []
    dropped = 0
    for seg in segments:
        if dismissed and any(f.fingerprint in dismissed for f in seg.flags):
            kept = tuple(f for f in seg.flags if f.fingerprint not in dismissed)
            dropped += len(seg.flags) - len(kept)
            seg = replace(seg, flags=kept)
        out.append(seg)
    return out, dropped


def apply_decisions(result: AuditResult, store: DecisionStore, config=None) -> tuple[AuditResult, int]:
    """(result without dismissed flags, re-scored; number of flags left out)."""
    from audit.core.config import Config
    from audit.scores import penalty as scoring

    segs, dropped = drop_dismissed(result.segments, store.dismissed())
    if not dropped:
        return result, 0
    return scoring.finalize(replace(result, segments=tuple(segs)), config or Config()), dropped


@dataclass(frozen=True)
class DecisionsSummary:
    dismissed_left_out: int
    post_edited: tuple[str, ...]  # pair ids whose post-edited target was audited
    approved: tuple[str, ...]


def audit_with_decisions(inputs: Sequence[str] | str, store: DecisionStore, *, input_format: str | None = None,
                         source_lang: str | None = None, target_lang: str | None = None, config=None,
                         jobs: int | None = None, references: Sequence[str] | None = None,
                         metrics: Sequence[str] | None = None, align: bool = False,
                         presegmented: bool = False) -> tuple[AuditResult, DecisionsSummary]:
    """``run_audit`` with review decisions: post-edited targets are audited in place of the
    originals, and dismissed flags are left out (and not scored)."""
    from audit.core.config import Config
    from audit.pipeline.engine import audit_pairs, open_audit_input

    config = config or Config()
    source, src, tgt, digest = open_audit_input(inputs, input_format, source_lang, target_lang, config,
                                                references, align, presegmented)
    segs = store.segment_decisions()
    edited: list[str] = []
    approved: list[str] = []

    def pairs():
        for p in source:
            d = segs.get(segment_key(p)) if segs else None
            if d is not None:
                if d.approved:
                    approved.append(p.id)
                if d.post_edit is not None:
                    edited.append(p.id)
                    p = replace(p, target=d.post_edit)
            yield p

    result = audit_pairs(pairs(), config, source_lang=src, target_lang=tgt, input_hash=digest, jobs=jobs,
                         metrics=metrics)
    result, dropped = apply_decisions(result, store, config)
    # The dismissed flags were taken out before scoring: say how many in the corpus scores too.
    result = replace(result, scores={**result.scores, "dismissed": dropped})
    return result, DecisionsSummary(dropped, tuple(edited), tuple(approved))


def report_decisions(summary: DecisionsSummary, db: str, out) -> None:
    """One line (and the post-edited segment ids) for ``check --decisions`` on stderr."""
    out.write(f"transaudit: decisions {db}: {summary.dismissed_left_out} dismissed flag(s) left out, "
              f"{len(summary.post_edited)} post-edited target(s) audited in place of the original"
              f", {len(summary.approved)} approved segment(s)\n")
    if summary.post_edited:
        ids = ", ".join(summary.post_edited[:20]) + (" …" if len(summary.post_edited) > 20 else "")
        out.write(f"transaudit: post-edited segments: {ids}\n")
