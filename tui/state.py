"""What the review app shows, as plain Python: segments, review decisions, filters, sort, cursor.

No Textual here: everything is unit-tested without a terminal. The app owns one ``ReviewState``;
widgets read ``state.visible`` (positions of the segments that pass the filters, in display
order) and ``state.row(i)`` (a cached summary of segment ``i``).

A flag's review status is ``None`` (open), ``"confirmed"`` or ``"dismissed"``; dismissed flags
stay listed (struck through) but no longer count for a segment's worst severity. Decisions
change rows in place: the visible list is rebuilt only when filters or sort change, so the row
under the cursor never jumps away while reviewing.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from itertools import accumulate, compress
from typing import Callable, Iterable, Mapping, Sequence

from audit.core.model import Flag, Pair, PairResult, Severity
from audit.store.decisions import FlagDecision, SegmentDecision, segment_key

from .scores import LiveScores  # noqa: F401 (its former home)

_EMPTY: frozenset[str] = frozenset()
STATUSES = ("all", "open", "confirmed", "dismissed", "approved", "unapproved", "edited", "flagged", "clean")
SORTS = ("position", "score")


@dataclass(frozen=True)
class Filters:
    """Which segments to show. Empty sets mean 'any'."""

    min_severity: Severity | None = None  # show segments whose worst live flag is at least this
    codes: frozenset[str] = frozenset()  # code or prefix (NUM, NUM001)
    categories: frozenset[str] = frozenset()  # MQM path or its top level (accuracy)
    status: str = "all"

    def active(self) -> bool:
        return self != Filters()

    def describe(self) -> str:
        parts = []
        if self.min_severity is not None:
            parts.append(f"severity≥{self.min_severity.label}")
        if self.codes:
            parts.append("code:" + ",".join(sorted(self.codes)))
        if self.categories:
            parts.append("category:" + ",".join(sorted(self.categories)))
        if self.status != "all":
            parts.append(f"status:{self.status}")
        return " ".join(parts) or "none"


def parse_filters(text: str, base: Filters | None = None) -> Filters:
    """Parse ``sev:major code:NUM,PUN001 cat:accuracy status:open`` (any order, any subset).

    A bare word is taken as a check code or prefix (upper case), a category (contains '/' or is a
    known top level) or a status. Raises ValueError naming the bad part.
    """
    f = Filters()
    min_sev, codes, cats, status = f.min_severity, set(), set(), f.status
    for part in text.split():
        key, sep, value = part.partition(":")
        if not sep:
            key, value = _guess_key(part), part
        key = key.lower()
        values = [v for v in value.split(",") if v]
        if key in ("sev", "severity"):
            if len(values) != 1:
                raise ValueError(f"one severity expected in {part!r}")
            min_sev = Severity.parse(values[0])
        elif key == "code":
            codes.update(v.upper() for v in values)
        elif key in ("cat", "category"):
            cats.update(v.lower() for v in values)
        elif key == "status":
            if len(values) != 1 or values[0].lower() not in STATUSES:
                raise ValueError(f"status is one of {', '.join(STATUSES)}")
            status = values[0].lower()
        else:
            raise ValueError(f"unknown filter {key!r} (sev, code, cat, status)")
    return Filters(min_sev, frozenset(codes), frozenset(cats), status)


_TOP_CATEGORIES = ("accuracy", "fluency", "terminology", "style", "locale-convention", "markup", "non-translation",
                   "other")


def _guess_key(word: str) -> str:
    low = word.lower()
    if low in STATUSES:
        return "status"
    if low in ("minor", "major", "critical"):
        return "sev"
    if "/" in low or low in _TOP_CATEGORIES:
        return "cat"
    return "code"


@dataclass(slots=True)
class Row:
    """A segment's summary for the list (recomputed when its decisions change)."""

    index: int
    worst: Severity | None  # worst flag not dismissed
    live: int  # flags not dismissed
    total: int
    open: int  # flags without a decision
    confirmed: int
    dismissed: int
    approved: bool
    edited: bool
    score: float | None
    codes: frozenset[str]
    categories: frozenset[str]
    by_severity: tuple[int, int, int]  # live flags: minor, major, critical


_STATUS_TESTS: dict[str, Callable[[Row], bool]] = {
    "open": lambda r: r.open > 0,
    "confirmed": lambda r: r.confirmed > 0,
    "dismissed": lambda r: r.dismissed > 0,
    "approved": lambda r: r.approved,
    "unapproved": lambda r: not r.approved,
    "edited": lambda r: r.edited,
    "flagged": lambda r: r.live > 0,
    "clean": lambda r: r.live == 0,
}  # as in ReviewState._passes


@dataclass
class ReviewState:
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
    def _passes(self, index: int, f: Filters | None = None) -> bool:
        if f is None:
            f = self.filters
            if not f.active():
                return True
        r = self.row(index)
        if f.min_severity is not None and (r.worst is None or r.worst < f.min_severity):
            return False
        if f.codes and not any(c.startswith(p) for c in r.codes for p in f.codes):
            return False
        if f.categories and not any(c == p or c.startswith(p + "/") for c in r.categories for p in f.categories):
            return False
        st = f.status
        if st == "all":
            return True
        if st == "open":
            return r.open > 0
        if st == "confirmed":
            return r.confirmed > 0
        if st == "dismissed":
            return r.dismissed > 0
        if st == "approved":
            return r.approved
        if st == "unapproved":
            return not r.approved
        if st == "edited":
            return r.edited
        if st == "flagged":
            return r.live > 0
        if st == "clean":
            return r.live == 0
        return True

    def _filtered(self) -> list[int]:
        """Indices passing the filters, in input order. Only the candidates that can pass are looked
        at, from the indexes: a code or category filter takes the segments carrying a matching code or
        category, other flag filters the flagged segments, approval filters the decided ones; 'clean'
        and 'unapproved' alone are the corpus minus the few segments that fail them."""
        f = self.filters
        n = len(self.segments)
        if not f.active():
            return list(range(n))
        rows, row = self._rows, self.row
        st = f.status
        pool: set[int] | None = None
        if f.codes:
            # the codes seen that match a wanted code or prefix: a row passes if it carries one of them
            codes = [c for c in self._by_code if any(c.startswith(p) for p in f.codes)]
            pool = set().union(*(self._by_code[c] for c in codes))
        if f.categories:
            cats = [c for c in self._by_cat if any(c == p or c.startswith(p + "/") for p in f.categories)]
            in_cats = set().union(*(self._by_cat[c] for c in cats))
            pool = in_cats if pool is None else pool & in_cats
        needs_flags = pool is not None or f.min_severity is not None or st in ("open", "confirmed", "dismissed",
                                                                               "flagged")
        if pool is not None:
            candidates: Iterable[int] = sorted(pool)
        elif needs_flags:
            candidates = self._flagged
        elif st in ("approved", "edited"):
            keys = self.segment_decisions.keys() if self.segment_decisions else ()
            candidates = sorted({i for k in keys for i in self._by_key.get(k, ())})
        elif st in ("unapproved", "clean"):
            # every segment but those approved (only decided ones can be) or with a live flag (only flagged ones)
            if st == "unapproved":
                keys = self.segment_decisions.keys() if self.segment_decisions else ()
                fails, attr = {i for k in keys for i in self._by_key.get(k, ())}, "approved"
            else:
                fails, attr = self._flagged, "live"
            mask = bytearray(b"\x01") * n
            for i in fails:
                r = rows.get(i)
                if getattr(r if r is not None else row(i), attr):
                    mask[i] = 0
            return list(compress(range(n), mask))
        else:
            candidates = range(n)
        sev = f.min_severity
        test = _STATUS_TESTS.get(st)
        out = []
        for i in candidates:
            r = rows.get(i)
            if r is None:
                r = row(i)
            if sev is not None and (r.worst is None or r.worst < sev):
                continue
            if test is not None and not test(r):
                continue
            out.append(i)
        return out

    def _sort(self) -> None:
        if self.sort == "score":
            rows, segs = self._rows, self.segments

            def k(i):
                # rows of flagged segments are cached (the totals need them); the others are scored as audited
                r = rows.get(i)
                s = r.score if r is not None else (segs[i].scores.get("quality") if segs[i].scores else None)
                return s if s is not None else 101.0
            self.visible.sort()
            self.visible.sort(key=k)  # stable: equal scores stay in input order
        else:
            self.visible.sort()

    def refilter(self, keep: int | None = None) -> None:
        """Rebuild ``visible``; keep the cursor on segment ``keep`` (default: the current one) if visible,
        else on the nearest following one."""
        if keep is None:
            keep = self.current_index()
        self.visible = self._filtered()
        self._sort()
        self.cursor = 0
        if keep is not None and self.visible:
            self.cursor = self._nearest(keep)
        self.flag_cursor = 0

    def _nearest(self, index: int) -> int:
        if self.sort == "position":
            pos = bisect.bisect_left(self.visible, index)
            return min(pos, len(self.visible) - 1)
        try:
            return self.visible.index(index)
        except ValueError:
            return 0

    def set_filters(self, filters: Filters) -> None:
        self.filters = filters
        self.refilter()

    def set_sort(self, sort: str) -> None:
        if sort not in SORTS:
            raise ValueError(f"sort is one of {', '.join(SORTS)}")
        keep = self.current_index()
        self.sort = sort
        self._sort()
        if keep is not None and self.visible:
            self.cursor = self.visible.index(keep) if keep in self.visible else 0

    def cycle_severity(self) -> Filters:
        order = [None, Severity.MINOR, Severity.MAJOR, Severity.CRITICAL]
        nxt = order[(order.index(self.filters.min_severity) + 1) % len(order)]
        self.set_filters(Filters(nxt, self.filters.codes, self.filters.categories, self.filters.status))
        return self.filters

    def cycle_status(self) -> Filters:
        nxt = STATUSES[(STATUSES.index(self.filters.status) + 1) % len(STATUSES)]
        self.set_filters(Filters(self.filters.min_severity, self.filters.codes, self.filters.categories, nxt))
        return self.filters

    # -- cursor and navigation --------------------------------------------------------------------
    def current_index(self) -> int | None:
        if not self.visible:
            return None
        return self.visible[min(max(self.cursor, 0), len(self.visible) - 1)]

    def current(self) -> PairResult | None:
        i = self.current_index()
        return None if i is None else self.segments[i]

    def current_flag(self) -> Flag | None:
        seg = self.current()
        if seg is None or not seg.flags:
            return None
        return seg.flags[min(self.flag_cursor, len(seg.flags) - 1)]

    def move(self, delta: int) -> bool:
        """Move the cursor by ``delta`` visible rows (clamped); True when it moved."""
        if not self.visible:
            return False
        new = min(max(self.cursor + delta, 0), len(self.visible) - 1)
        moved = new != self.cursor
        self.cursor = new
        if moved:
            self.flag_cursor = 0
        return moved

    def move_to(self, pos: int) -> bool:
        return self.move(pos - self.cursor)

    def next_flagged(self, direction: int = 1) -> bool:
        """Jump to the next (or previous) visible segment with a live flag; False when there is none."""
        rows = self.visible
        pos = self.cursor + direction
        while 0 <= pos < len(rows):
            if self.row(rows[pos]).live:
                return self.move_to(pos) or True
            pos += direction
        return False

    def goto_number(self, number: int) -> bool:
        """Go to segment ``number`` (1-based position in the input). Clears filters if it is hidden."""
        index = number - 1
        if not 0 <= index < len(self.segments):
            return False
        if index not in self._visible_set():
            self.filters = Filters()
            self.refilter(keep=index)
        else:
            self.move_to(self.visible.index(index) if self.sort != "position" else self._nearest(index))
        return self.current_index() == index

    def _visible_set(self) -> set[int] | range:
        if not self.filters.active():
            return range(len(self.segments))
        return set(self.visible)

    def search(self, query: str, side: str = "both", direction: int = 1) -> bool:
        """Move to the next visible segment (after the cursor, wrapping) whose source and/or target
        contains ``query`` (case-insensitive). ``side``: 'source', 'target' or 'both'."""
        q = query.casefold()
        if not q or not self.visible or "\x00" in q:
            return False
        sides = ("source", "target") if side == "both" else (side,)
        n_seg = len(self.segments)
        cur = self.current_index()
        if self.sort == "position":
            # scan the corpus in C (str.find over the joined texts of each side), not segment by segment
            in_view = None if not self.filters.active() else set(self.visible)
            best = None
            for sd in sides:
                hs = self._haystack(sd)
                if direction > 0:
                    found = hs.find(q, cur + 1, n_seg, 1, in_view)
                    if found is None:
                        found = hs.find(q, 0, cur + 1, 1, in_view)
                else:
                    found = hs.find(q, 0, cur, -1, in_view)
                    if found is None:
                        found = hs.find(q, cur, n_seg, -1, in_view)
                if found is not None:
                    dist = (found - cur) * direction % n_seg or n_seg
                    if best is None or dist < best[0]:
                        best = (dist, found)
            if best is None:
                return False
            return self.move_to(self._nearest(best[1])) or True
        folded = self._folded()
        n = len(self.visible)
        visible = self.visible
        want_src = side in ("source", "both")
        want_tgt = side in ("target", "both")
        for step in range(1, n + 1):
            pos = (self.cursor + direction * step) % n
            src, tgt = folded[visible[pos]]
            if (want_src and q in src) or (want_tgt and q in tgt):
                return self.move_to(pos) or True
        return False

    def search_index_data(self) -> tuple:
        """Case-folded texts and joined haystacks, built from a snapshot: safe to run in a worker
        thread (reads only); hand the result to ``install_search_index`` on the UI thread."""
        n, edits = len(self.segments), self._edits
        folded = [(r.pair.source.casefold(), (r.pair.target or "").casefold()) for r in self.segments[:n]]
        hays = {side: _Haystack(folded, k, n, edits) for k, side in enumerate(("source", "target"))}
        return n, edits, folded, hays

    def install_search_index(self, data: tuple) -> bool:
        n, edits, folded, hays = data
        if n != len(self.segments) or edits != self._edits:
            return False  # the corpus changed meanwhile: searches build their own
        self._fold_cache = folded
        self._hay = dict(hays)
        return True

    def _haystack(self, side: str) -> _Haystack:
        """All texts of one side, case-folded and joined with NUL by blocks (cached; extended as
        segments stream in; an edit joins its block again)."""
        hs = self._hay.get(side)
        n = len(self.segments)
        if hs is not None and hs.edits == self._edits and hs.n == n:
            return hs
        folded = self._folded()
        if hs is not None and hs.edits == self._edits and hs.n < n:
            hs.extend(folded, n)
            return hs
        hs = self._hay[side] = _Haystack(folded, 0 if side == "source" else 1, n, self._edits)
        return hs

    def _folded(self) -> list[tuple[str, str]]:
        """Case-folded texts for search, built on the first search and kept in step with edits."""
        cache = self._fold_cache
        for i in range(len(cache), len(self.segments)):
            p = self.segments[i].pair
            cache.append((p.source.casefold(), (p.target or "").casefold()))
        return cache

    def move_flag(self, delta: int) -> bool:
        seg = self.current()
        if seg is None or not seg.flags:
            return False
        new = min(max(self.flag_cursor + delta, 0), len(seg.flags) - 1)
        moved = new != self.flag_cursor
        self.flag_cursor = new
        return moved

    # -- summary ------------------------------------------------------------------------------------
    def summary(self) -> dict:
        """Counts for the header (segments, flagged, live flags by severity, decisions): kept up to date
        incrementally, so asking is cheap at any corpus size."""
        if self._totals is None:
            self._totals = {"flagged": 0, "flags": 0, "dismissed": 0, "confirmed": 0, "approved": 0, "edited": 0,
                            "sev": [0, 0, 0]}
            for i in self._interesting(range(len(self.segments))):
                self._count(self.row(i), +1)
        t = self._totals
        out = {"segments": len(self.segments), "visible": len(self.visible), **t,
               "by_severity": {sev: t["sev"][sev - 1] for sev in Severity}}
        del out["sev"]
        return out


def _join(folded: Sequence[tuple[str, str]], k: int) -> tuple[str, list[int]]:
    """Side ``k`` of the case-folded texts joined with NUL, and where each text starts."""
    texts = [pair[k] for pair in folded]
    starts = list(accumulate([len(t) + 1 for t in texts], initial=0))
    starts.pop()
    return "\x00".join(texts), starts


class _Haystack:
    """One side's case-folded texts, joined with NUL by blocks of ``BLOCK`` segments, and where each
    text starts in its block. A search runs str.find over whole blocks (in C); an edit joins only its
    block again: joining 100,000 texts costs ~150 ms, one block ~0.1 ms (an undo that re-audits the 49
    copies of a segment joins 98 blocks). A query never holds NUL, so a match never spans two texts."""

    BLOCK = 256
    __slots__ = ("k", "n", "edits", "blocks", "size")

    def __init__(self, folded: Sequence[tuple[str, str]], k: int, n: int, edits: int) -> None:
        self.k, self.n, self.edits, self.size = k, 0, edits, self.BLOCK
        self.blocks: list[tuple[str, list[int]]] = []
        self.extend(folded, n)

    def extend(self, folded: Sequence[tuple[str, str]], n: int) -> None:
        """Segments up to ``n`` (streamed in): the last, partial block and the new ones are joined."""
        size = self.size
        first = self.n // size
        del self.blocks[first:]
        self.blocks.extend(_join(folded[b:b + size], self.k) for b in range(first * size, n, size))
        self.n = n

    def replace(self, folded: Sequence[tuple[str, str]], index: int) -> None:
        b = index // self.size
        self.blocks[b] = _join(folded[b * self.size:min((b + 1) * self.size, self.n)], self.k)

    def find(self, q: str, a: int, b: int, direction: int, in_view) -> int | None:
        """The first segment of ``a..b-1`` (the last one when ``direction`` < 0) whose text contains
        ``q`` and that is in ``in_view`` (None: all)."""
        size, blocks = self.size, self.blocks
        if direction > 0:
            bl = a // size
            while a < b:
                text, starts = blocks[bl]
                base, m = bl * size, len(starts)
                j1 = b - base
                hi = starts[j1] if j1 < m else len(text)
                pos = text.find(q, starts[a - base], hi)
                while pos != -1:
                    j = bisect.bisect_right(starts, pos) - 1
                    if in_view is None or base + j in in_view:
                        return base + j
                    pos = text.find(q, starts[j + 1] if j + 1 < m else hi, hi)
                a = base + m
                bl += 1
            return None
        bl = (b - 1) // size
        while b > a:
            text, starts = blocks[bl]
            base, m = bl * size, len(starts)
            lo = starts[max(a - base, 0)]
            j1 = b - base
            pos = text.rfind(q, lo, starts[j1] if j1 < m else len(text))
            while pos != -1:
                j = bisect.bisect_right(starts, pos) - 1
                if in_view is None or base + j in in_view:
                    return base + j
                pos = text.rfind(q, lo, starts[j])
            b = base
            bl -= 1
        return None
