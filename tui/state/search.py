"""Text search over the review list: case-folded sources and targets joined into haystacks, kept
in step with edits, searched from the cursor and wrapping. ``Search`` is a mixin of ``ReviewState``."""
from __future__ import annotations

import bisect
from collections.abc import Sequence
from itertools import accumulate


class Search:
    """Search of ``ReviewState`` (visible segments only, from the cursor)."""

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
    __slots__ = ("blocks", "edits", "k", "n", "size")

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
