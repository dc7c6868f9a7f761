"""Audits with review decisions applied: post-edited targets audited in place of the originals,
dismissed flags left out (and not scored), stale decisions reported.

``audit_with_decisions`` is ``engine.Audit`` with a decisions snapshot; ``apply_decisions(result,
store)`` leaves dismissed flags out of a result already made (and re-scores it).
"""
from __future__ import annotations

from dataclasses import replace
from typing import Iterable, Iterator, Sequence

from audit.core.model import AuditResult, Pair, PairResult
from audit.pipeline.applied import DecisionsApplied
from audit.pipeline.engine import Audit
from audit.store.decisions import DecisionStore, segment_key

DecisionsSummary = DecisionsApplied  # the former name


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


def audit_with_decisions(inputs: Sequence[str] | str, store: DecisionStore, *, input_format: str | None = None,
                         source_lang: str | None = None, target_lang: str | None = None, config=None,
                         jobs: int | None = None, references: Sequence[str] | None = None,
                         metrics: Sequence[str] | None = None, align: bool = False,
                         presegmented: bool = False) -> tuple[AuditResult, DecisionsApplied]:
    """``run_audit`` with review decisions: post-edited targets are audited in place of the
    originals, and dismissed flags are left out (and not scored). The signature records the
    database and how many decisions applied; ``settings["decisions"]`` lists the stale ones."""
    done = Audit.open(inputs, input_format=input_format, source_lang=source_lang, target_lang=target_lang,
                      config=config, jobs=jobs, references=references, metrics=metrics, align=align,
                      presegmented=presegmented, decisions=store.snapshot()).finished()
    return done.result, done.decisions


def report_decisions(summary: DecisionsApplied, db: str, out) -> None:
    """What ``check --decisions`` applied, on stderr: one line, the post-edited segment ids, the
    stale decisions, and a warning when the database was made for another input."""
    out.write(f"transaudit: decisions {db}: {summary.dismissed_left_out} dismissed flag(s) left out, "
              f"{len(summary.post_edited)} post-edited target(s) audited in place of the original"
              f", {len(summary.approved)} approved segment(s), {len(summary.stale)} stale decision(s)\n")
    if summary.post_edited:
        ids = ", ".join(summary.post_edited[:20]) + (" …" if len(summary.post_edited) > 20 else "")
        out.write(f"transaudit: post-edited segments: {ids}\n")
    if summary.foreign:
        out.write(f"transaudit: warning: no decision in {db} matches this input: "
                  "was the database made for another file?\n")
    elif summary.stale:
        fps = ", ".join(summary.stale[:10]) + (" …" if len(summary.stale) > 10 else "")
        out.write(f"transaudit: stale decisions (no flag with this fingerprint any more): {fps}\n")
