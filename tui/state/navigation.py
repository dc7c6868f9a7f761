"""The review list's cursor: the current segment and flag, moving by rows, to flagged segments,
to a segment id and to a row number. A mixin of ``ReviewState``.

Ids and rows differ (a TSV's id is its line in the file: row #1 has id 2), and the messages of the
checks cite ids ("previous segment (9)"), so going to a segment takes the id as the list shows it;
``#N`` is row N (its position in the input).
"""
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

    def indices_of_id(self, segment_id: str) -> list[int]:
        """The segments whose id is ``segment_id`` (exactly; ids are not always unique), in input order."""
        segs, ids = self.segments, self._ids
        if self._ids_n > len(segs):
            ids.clear()
            self._ids_n = 0
        for i in range(self._ids_n, len(segs)):  # built on first use; streamed segments extend it
            ids.setdefault(segs[i].pair.id, []).append(i)
        self._ids_n = len(segs)
        return list(ids.get(segment_id, ()))

    def goto_index(self, index: int) -> bool:
        """Put the cursor on segment ``index``; clears the filters if they hide it."""
        if not 0 <= index < len(self.segments):
            return False
        return self.goto_number(index + 1)

    def resolve_goto(self, text: str) -> tuple[int | None, str]:
        """What a 'go to' answer designates: (segment index or None, how it was read).

        ``#N`` is row N; anything else is an id as shown (the next segment with that id after the
        cursor, when several share it); a number that is no segment's id falls back to row N."""
        text = text.strip()
        if text.startswith("#"):
            number = _number(text[1:])
            if number is None or not 1 <= number <= len(self.segments):
                return None, f"no row {text}"
            return number - 1, "row"
        found = self.indices_of_id(text)
        if found:
            here = self.current_index()
            after = [i for i in found if here is None or i > here]
            return (after or found)[0], "id" if len(found) == 1 else f"id ({len(found)} segments have it)"
        number = _number(text)
        if number is not None and 1 <= number <= len(self.segments):
            return number - 1, f"no id {text}: row #{number}"
        return None, f"no segment with id {text}"

    def move_flag(self, delta: int) -> bool:
        seg = self.current()
        if seg is None or not seg.flags:
            return False
        new = min(max(self.flag_cursor + delta, 0), len(seg.flags) - 1)
        moved = new != self.flag_cursor
        self.flag_cursor = new
        return moved


def _number(text: str) -> int | None:
    text = text.strip().replace(",", "")
    return int(text) if text.isascii() and text.isdigit() else None
