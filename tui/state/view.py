"""Which segments the review list shows, and in what order: filtering (by the indexes the state
keeps) and sorting, with the cursor kept on its segment when either changes. A mixin of ``ReviewState``."""
from __future__ import annotations

import bisect
from collections.abc import Iterable
from itertools import compress

from audit.core.model import Severity

from .filters import SORTS, STATUSES, Filters
from .rows import _STATUS_TESTS


class FilteredView:
    """Filters and sort of ``ReviewState`` (uses its rows and indexes)."""

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
