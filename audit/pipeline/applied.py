"""Review decisions as an audit applies them: post-edited targets read in place of the originals,
dismissed flags left out (or kept and not scored, for the review app), and what was applied,
including the stale decisions (a fingerprint that matches no flag of the audit, like an unused
suppression in a linter) and a database made for another input."""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, replace
from typing import Iterable, Iterator

from audit.core.model import Pair, PairResult
from audit.store.decisions import Decisions, segment_key


@dataclass(frozen=True)
class DecisionsApplied:
    """What an audit did with a decisions database."""

    dismissed_left_out: int  # dismissed flags left out (or, kept in the result, not scored)
    post_edited: tuple[str, ...]  # pair ids whose post-edited target was audited
    approved: tuple[str, ...]
    stale: tuple[str, ...] = ()  # fingerprints of flag decisions that match no flag of the audit
    foreign: bool = False  # the database holds decisions and none matches this input
    path_hash: str = ""

    @property
    def applied(self) -> int:
        return self.dismissed_left_out + len(self.post_edited)

    def to_dict(self) -> dict:
        """For ``settings["decisions"]``: counts, and the stale fingerprints listed."""
        return {"database": self.path_hash, "dismissed_left_out": self.dismissed_left_out,
                "post_edited": len(self.post_edited), "approved": len(self.approved),
                "stale": list(self.stale), "foreign": self.foreign}


class Applier:
    """Applies one snapshot of decisions to one audit, and remembers what matched."""

    def __init__(self, decisions: Decisions) -> None:
        self.decisions = decisions
        self.edited: list[str] = []
        self.approved: list[str] = []
        self.segments_matched = 0

    def pairs(self, pairs: Iterable[Pair]) -> Iterator[tuple[Pair, Pair]]:
        """(pair to audit, pair as read) for each pair: the post-edited target, if any, in place."""
        segs = self.decisions.segments
        for p in pairs:
            d = segs.get(segment_key(p)) if segs else None
            orig = p
            if d is not None:
                self.segments_matched += 1
                if d.approved:
                    self.approved.append(p.id)
                if d.post_edit is not None:
                    self.edited.append(p.id)
                    p = replace(p, target=d.post_edit)
            yield p, orig

    def finish(self, results: list[PairResult], drop: bool) -> tuple[list[PairResult], DecisionsApplied]:
        """The results without the dismissed flags (``drop``; else as they are), and the account."""
        dismissed = self.decisions.dismissed
        seen: set[str] = set()
        left_out = 0
        out = []
        for seg in results:
            if seg.flags:
                fps = {f.fingerprint for f in seg.flags}
                seen |= fps
                hit = fps & dismissed
                if hit:
                    kept = tuple(f for f in seg.flags if f.fingerprint not in dismissed)
                    left_out += len(seg.flags) - len(kept)
                    if drop:
                        seg = replace(seg, flags=kept)
            out.append(seg)
        flags = self.decisions.flags
        stale = tuple(sorted(fp for fp in flags if fp not in seen))
        foreign = len(self.decisions) > 0 and len(stale) == len(flags) and not self.segments_matched
        path_hash = hashlib.sha256(os.path.abspath(self.decisions.path).encode()).hexdigest()[:12]
        return out, DecisionsApplied(left_out, tuple(self.edited), tuple(self.approved), stale, foreign, path_hash)
