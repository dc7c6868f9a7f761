"""The review list's cursor: the current segment and flag, moving by rows, to flagged segments
and to a segment number. A mixin of ``ReviewState``."""
from __future__ import annotations

from audit.core.model import Flag, PairResult

from .filters import Filters


class Navigation:
    """Cursor and navigation of ``ReviewState``."""

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

    def move_flag(self, delta: int) -> bool:
        seg = self.current()
        if seg is None or not seg.flags:
            return False
        new = min(max(self.flag_cursor + delta, 0), len(seg.flags) - 1)
        moved = new != self.flag_cursor
        self.flag_cursor = new
        return moved
