"""The segment list: one line per visible segment, drawn on demand (``render_line``), so a list of
100,000 segments costs no more than a screenful (Toolong's way: no widgets per row, an LRU cache
of rendered strips)."""
from __future__ import annotations

from collections import OrderedDict
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ..render import (
    NEUTRAL_BADGE,
    NEUTRAL_MARK,
    SEVERITY_BADGE,
    SEVERITY_MARK,
    first_words,
    id_cell,
)
from ..state import ReviewState

CACHE_SIZE = 1024
ID_WIDTH = (4, 12)  # the id column: at least, at most (longer ids are cut with an ellipsis)
_DIM = Style(dim=True)
_BOLD = Style(bold=True)
_GREEN = Style(color="green")
_CYAN = Style(color="cyan")


class SegmentList(ScrollView, can_focus=True, inherit_bindings=False):
    """Rows: segment id (as the checks' messages cite it and 'go to' takes it), score, worst
    severity badge, live flag count, review marks, first words."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"segment-list--cursor", "segment-list--dim"}
    DEFAULT_CSS = """
    SegmentList { background: $surface; }
    SegmentList > .segment-list--cursor { background: $foreground 15%; text-style: bold; }
    SegmentList:focus > .segment-list--cursor { background: $foreground 30%; text-style: bold underline; }
    SegmentList > .segment-list--dim { color: $text-muted; }
    """

    class Selected(Message):
        """The user clicked a row."""

        def __init__(self, position: int) -> None:
            super().__init__()
            self.position = position

    def __init__(self, state: ReviewState, **kwargs) -> None:
        super().__init__(**kwargs)
        self.state = state
        self._cache: OrderedDict[tuple, Strip] = OrderedDict()
        self._number_width = ID_WIDTH[0]
        self._measured = 0  # segments whose id length is in _number_width

    # -- data changes ------------------------------------------------------------------------------
    def reset(self) -> None:
        """Rows were added, filtered or re-sorted: resize and redraw."""
        self._cache.clear()
        segs = self.state.segments
        if self._measured > len(segs):
            self._number_width, self._measured = ID_WIDTH[0], 0
        if self._measured < len(segs):
            longest = max(len(segs[i].pair.id) for i in range(self._measured, len(segs)))  # id_cell fits by cells
            self._number_width = max(self._number_width, min(ID_WIDTH[1], longest))
            self._measured = len(segs)
        self.virtual_size = Size(self.size.width, len(self.state.visible))
        self.refresh()

    def refresh_rows(self, indices) -> None:
        """Segments changed (a decision, an edit): drop their cached lines."""
        wanted = set(indices)
        for key in [k for k in self._cache if k[0] in wanted]:
            del self._cache[key]
        self.refresh()

    def follow_cursor(self) -> None:
        """Scroll so that the cursor row is visible."""
        y = self.state.cursor
        top = int(self.scroll_y)
        height = max(1, self.scrollable_content_region.height)
        if y < top:
            self.scroll_to(y=y, animate=False, immediate=True)
        elif y >= top + height:
            self.scroll_to(y=y - height + 1, animate=False, immediate=True)
        self.refresh()

    # -- drawing -----------------------------------------------------------------------------------
    def render_line(self, y: int) -> Strip:
        _scroll_x, scroll_y = self.scroll_offset
        pos = scroll_y + y
        width = self.scrollable_content_region.width
        visible = self.state.visible
        if pos >= len(visible) or width <= 0:
            return Strip.blank(width, self.rich_style)
        index = visible[pos]
        is_cursor = pos == self.state.cursor
        key = (index, is_cursor, width, self.has_focus)
        strip = self._cache.get(key)
        if strip is not None:
            self._cache.move_to_end(key)
            return strip
        strip = self._render_row(index, is_cursor, width)
        self._cache[key] = strip
        if len(self._cache) > CACHE_SIZE:
            self._cache.popitem(last=False)
        return strip

    def _render_row(self, index: int, is_cursor: bool, width: int) -> Strip:
        """Segments built directly (no console render): a row costs a few microseconds."""
        state = self.state
        row = state.row(index)
        seg = state.segments[index]
        base = self.rich_style
        if is_cursor:
            base = base + self.get_component_rich_style("segment-list--cursor")
        dim = base + _DIM
        parts = [Segment(id_cell(seg.pair.id, self._number_width) + " ", dim)]
        parts.append(Segment("   -- " if row.score is None else f"{row.score:5.1f} ", dim if row.score is None else base))
        if row.worst is not None:  # a badge (its own background): visible on the cursor row too
            parts.append(Segment(SEVERITY_MARK[row.worst], base + SEVERITY_BADGE[row.worst]))
        elif row.dismissed:
            parts.append(Segment(NEUTRAL_MARK, base + NEUTRAL_BADGE))
        else:
            parts.append(Segment(" ", base))
        parts.append(Segment(f"{row.live:>3} " if row.live else "    ", base + _BOLD if row.live else base))
        parts.append(Segment("✓" if row.approved else " ", base + _GREEN))
        parts.append(Segment("✎" if row.edited else " ", base + _CYAN))
        parts.append(Segment(" ", base))
        target = seg.pair.target
        if target is None:
            parts.append(Segment("(no target)", dim))
        else:
            words = first_words(target, max(8, width))
            parts.append(Segment(words, base) if words else Segment("(empty)" if not target else "(blank)", dim))
        return Strip(parts).crop_extend(0, width, base)

    def on_resize(self, event: events.Resize) -> None:
        self._cache.clear()
        self.virtual_size = Size(event.size.width, len(self.state.visible))

    def on_focus(self) -> None:
        self.refresh()  # the cache key holds the focus state: only the cursor row is drawn anew

    def on_blur(self) -> None:
        self.refresh()

    def on_click(self, event: events.Click) -> None:
        pos = int(self.scroll_offset.y) + event.y
        if 0 <= pos < len(self.state.visible):
            self.post_message(self.Selected(pos))
