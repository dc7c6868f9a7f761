"""``ReviewState``: the segments of one review session, their decisions and the rows and indexes
built from them (loading, replacing a segment, the header's summary); filters and sort, the cursor
and search come from the mixins beside it."""
from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from audit.core.model import Flag, Pair, PairResult, Severity
from audit.store.decisions import FlagDecision, SegmentDecision, segment_key

from .filters import Filters
from .navigation import Navigation
from .rows import Row
from .search import Search, _Haystack
from .view import FilteredView

_EMPTY: frozenset[str] = frozenset()


@dataclass
class ReviewState(FilteredView, Navigation, Search):
    """Segments, decisions, filters, sort and cursor of one review session."""

    segments: list[PairResult] = field(default_factory=list)
    originals: list[Pair] = field(default_factory=list)  # the pairs as read (before any post-edit)
    flag_decisions: Mapping[str, FlagDecision] = field(default_factory=dict)
    segment_decisions: Mapping[str, SegmentDecision] = field(default_factory=dict)
    filters: Filters = field(default_factory=Filters)
    sort: str = "position"
    cursor: int = 0  # position in ``visible``
    flag_cursor: int = 0  # index into the current segment's flags
    finished: bool = False
    rescore: Callable[[PairResult], float | None] | None = None  # score of a segment without dismissed flags

    def __post_init__(self) -> None:
        self.visible: list[int] = []
        self._rows: dict[int, Row] = {}
        self._keys: list[str] = []
        self._by_fp: dict[str, list[int]] = {}
        self._by_key: dict[str, list[int]] = {}
        # filter indexes (kept in step by add, replace_all and replace_segment): the flagged segments
        # in input order, and the segments carrying each check code and each MQM category
        self._flagged: list[int] = []
        self._by_code: dict[str, set[int]] = {}
        self._by_cat: dict[str, set[int]] = {}
        self._totals: dict | None = None
        self._fold_cache: list[tuple[str, str]] = []
        self._hay: dict[str, _Haystack] = {}
        self._edits = 0  # bumped when a segment's text changes (post-edit, undo)
        self._ids: dict[str, list[int]] = {}  # segment id -> indices, for the first _ids_n segments
        self._ids_n = 0
        if self.segments:
            segs, origs = self.segments, self.originals or [s.pair for s in self.segments]
            self.segments, self.originals = [], []
            self.add(segs, origs)

    # -- loading ------------------------------------------------------------------------------
    def add(self, results: Sequence[PairResult], originals: Sequence[Pair] | None = None,
            keys: Sequence[str] | None = None) -> None:
        """Append streamed results (in input order); visible rows grow if they pass the filters.
        ``keys``: the originals' ``segment_key``s when the caller computed them (off the UI thread)."""
        originals = originals if originals is not None else [r.pair for r in results]
        start = len(self.segments)
        self.segments.extend(results)
        self.originals.extend(originals)
        keys = keys if keys is not None else [segment_key(p) for p in originals]
        self._keys.extend(keys)
        by_key, by_fp = self._by_key, self._by_fp
        for i in range(start, len(self.segments)):
            by_key.setdefault(self._keys[i], []).append(i)
            flags = self.segments[i].flags
            if flags:
                for f in flags:
                    by_fp.setdefault(f.fingerprint, []).append(i)
                self._index_flags(i, flags)
        if self._totals is not None:
            for i in self._interesting(range(start, len(self.segments))):
                self._count(self.row(i), +1)
        f = self.filters
        if not f.active():
            new = list(range(start, len(self.segments)))
        else:
            new = [i for i in range(start, len(self.segments)) if self._passes(i, f)]
        if self.sort == "position":
            self.visible.extend(new)
        else:
            self.visible.extend(new)
            self._sort()

    def replace_all(self, results: Sequence[PairResult]) -> None:
        """Swap in the final results (same pairs, in order: corpus-check flags and scores added)."""
        if len(results) != len(self.segments):
            raise ValueError("final results do not match the streamed ones")
        current = self.current_index()
        self.segments = list(results)
        self._fold_cache = []
        self._by_fp = {}
        self._flagged, self._by_code, self._by_cat = [], {}, {}
        for i, r in enumerate(self.segments):
            if r.flags:
                for f in r.flags:
                    self._by_fp.setdefault(f.fingerprint, []).append(i)
                self._index_flags(i, r.flags)
        self._rows.clear()
        self._totals = None
        self.refilter(keep=current)

    def replace_segment(self, index: int, result: PairResult) -> None:
        """A re-audited segment (after a post-edit or its undo)."""
        for f in self.segments[index].flags:
            lst = self._by_fp.get(f.fingerprint)
            if lst and index in lst:
                lst.remove(index)
        self._unindex_flags(index, self.segments[index].flags)
        self.segments[index] = result
        folded = (result.pair.source.casefold(), (result.pair.target or "").casefold())
        if index < len(self._fold_cache):
            self._fold_cache[index] = folded
        self._edits += 1
        self._splice_haystacks(index)
        for f in result.flags:
            self._by_fp.setdefault(f.fingerprint, []).append(index)
        if result.flags:
            self._index_flags(index, result.flags)
        self.invalidate([index])

    def _splice_haystacks(self, index: int) -> None:
        """Join again the block of segment ``index`` in the search texts that were current before this
        edit, instead of letting the next search join the whole corpus again."""
        n = len(self.segments)
        for hs in self._hay.values():
            if hs.n == n and hs.edits == self._edits - 1 and len(self._fold_cache) >= n:
                hs.replace(self._fold_cache, index)
                hs.edits = self._edits
            # else stale anyway: joined again by the next search

    def _index_flags(self, index: int, flags: Sequence[Flag]) -> None:
        """Enter a segment with flags in the filter indexes (appended in order while loading)."""
        flagged = self._flagged
        if not flagged or flagged[-1] < index:
            flagged.append(index)
        else:
            pos = bisect.bisect_left(flagged, index)
            if pos == len(flagged) or flagged[pos] != index:
                flagged.insert(pos, index)
        by_code, by_cat = self._by_code, self._by_cat
        for f in flags:
            by_code.setdefault(f.code, set()).add(index)
            by_cat.setdefault(f.category, set()).add(index)

    def _unindex_flags(self, index: int, flags: Sequence[Flag]) -> None:
        if not flags:
            return
        pos = bisect.bisect_left(self._flagged, index)
        if pos < len(self._flagged) and self._flagged[pos] == index:
            del self._flagged[pos]
        for f in flags:
            for idx, key in ((self._by_code, f.code), (self._by_cat, f.category)):
                members = idx.get(key)
                if members is not None:
                    members.discard(index)
                    if not members:
                        del idx[key]

    def flagged_indices(self) -> list[int]:
        """The segments with at least one flag (dismissed or not), in input order."""
        return list(self._flagged)

    def indices_of_code(self, code: str) -> set[int]:
        """The segments with a flag of check ``code`` (exact code)."""
        return set(self._by_code.get(code, ()))

    def indices_of_category(self, category: str) -> set[int]:
        """The segments with a flag of MQM category ``category`` (exact path)."""
        return set(self._by_cat.get(category, ()))

    # -- rows ---------------------------------------------------------------------------------
    def key(self, index: int) -> str:
        return self._keys[index]

    def indices_of_flag(self, fingerprint: str) -> list[int]:
        return list(self._by_fp.get(fingerprint, ()))

    def indices_of_flags(self, fingerprints: Iterable[str]) -> set[int]:
        """The segments carrying any of these flags (one set, however many copies share a flag)."""
        out: set[int] = set()
        by_fp = self._by_fp
        for fp in fingerprints:
            found = by_fp.get(fp)
            if found:
                out.update(found)
        return out

    def indices_of_key(self, key: str) -> list[int]:
        return list(self._by_key.get(key, ()))

    def flag_status(self, flag: Flag) -> str | None:
        d = self.flag_decisions.get(flag.fingerprint)
        return d.status if d is not None else None

    def flag_note(self, flag: Flag) -> str | None:
        d = self.flag_decisions.get(flag.fingerprint)
        return d.note if d is not None else None

    def segment_decision(self, index: int) -> SegmentDecision | None:
        return self.segment_decisions.get(self._keys[index]) if self.segment_decisions else None

    def row(self, index: int) -> Row:
        r = self._rows.get(index)
        if r is None:
            r = self._rows[index] = self._make_row(index)
        return r

    def _make_row(self, index: int) -> Row:
        seg = self.segments[index]
        if not seg.flags:  # the common case, kept cheap: most segments of a corpus have no flag
            sd = self.segment_decisions.get(self._keys[index]) if self.segment_decisions else None
            return Row(index, None, 0, 0, 0, 0, 0, bool(sd and sd.approved), bool(sd and sd.post_edit is not None),
                       seg.scores.get("quality") if seg.scores else None, _EMPTY, _EMPTY, (0, 0, 0))
        worst = None
        live = opened = confirmed = dismissed = 0
        sev = [0, 0, 0]
        decisions = self.flag_decisions
        for f in seg.flags:
            d = decisions.get(f.fingerprint) if decisions else None
            st = d.status if d is not None else None
            if st == "dismissed":
                dismissed += 1
                continue
            live += 1
            sev[f.severity - 1] += 1
            if st == "confirmed":
                confirmed += 1
            else:
                opened += 1
            if worst is None or f.severity > worst:
                worst = f.severity
        sd = self.segment_decision(index)
        score = seg.scores.get("quality") if seg.scores else None
        if dismissed and self.rescore is not None:
            score = self.rescore(PairResult(seg.pair, tuple(f for f in seg.flags if self.flag_status(f) != "dismissed"),
                                            seg.scores))
        return Row(index, worst, live, len(seg.flags), opened, confirmed, dismissed,
                   bool(sd and sd.approved), bool(sd and sd.post_edit is not None), score,
                   frozenset(f.code for f in seg.flags), frozenset(f.category for f in seg.flags), tuple(sev))

    def invalidate(self, indices: Iterable[int] | None = None) -> None:
        """Forget cached rows (after decisions or re-audits) and keep the totals in step."""
        if indices is None:
            self._rows.clear()
            self._totals = None
            return
        for i in set(indices):
            old = self._rows.pop(i, None)
            if self._totals is not None:
                if old is not None:
                    self._count(old, -1)
                self._count(self.row(i), +1)

    def _count(self, r: Row, sign: int) -> None:
        if not r.total and not r.approved and not r.edited:
            return
        t = self._totals
        t["flagged"] += sign * (r.live > 0)
        t["major_plus"] += sign * (r.by_severity[1] + r.by_severity[2] > 0)  # fails the pass rate
        t["flags"] += sign * r.live
        t["dismissed"] += sign * r.dismissed
        t["confirmed"] += sign * r.confirmed
        t["approved"] += sign * r.approved
        t["edited"] += sign * r.edited
        sev = t["sev"]
        for k, n in enumerate(r.by_severity):
            sev[k] += sign * n

    def _interesting(self, indices: Iterable[int]) -> Iterable[int]:
        """The indices whose row counts in the totals: flagged or with a segment decision."""
        decided = self.segment_decisions
        segs, keys = self.segments, self._keys
        return [i for i in indices if segs[i].flags or (decided and keys[i] in decided)]

    # -- filters and sort -----------------------------------------------------------------------

    # -- summary ------------------------------------------------------------------------------------
    def summary(self) -> dict:
        """Counts for the header (segments, flagged, segments with a live major or critical flag, live
        flags by severity, decisions): kept up to date incrementally, so asking is cheap at any corpus size."""
        if self._totals is None:
            self._totals = {"flagged": 0, "major_plus": 0, "flags": 0, "dismissed": 0, "confirmed": 0, "approved": 0,
                            "edited": 0, "sev": [0, 0, 0]}
            for i in self._interesting(range(len(self.segments))):
                self._count(self.row(i), +1)
        t = self._totals
        out = {"segments": len(self.segments), "visible": len(self.visible), **t,
               "by_severity": {sev: t["sev"][sev - 1] for sev in Severity}}
        del out["sev"]
        return out
