"""What the review app shows, as plain Python: segments, review decisions, filters, sort, cursor.

No Textual here: everything is unit-tested without a terminal. The app owns one ``ReviewState``;
widgets read ``state.visible`` (positions of the segments that pass the filters, in display
order) and ``state.row(i)`` (a cached summary of segment ``i``).

A flag's review status is ``None`` (open), ``"confirmed"`` or ``"dismissed"``; dismissed flags
stay listed (struck through) but no longer count for a segment's worst severity. Decisions
change rows in place: the visible list is rebuilt only when filters or sort change, so the row
under the cursor never jumps away while reviewing.

The package's modules, by role: ``filters`` (the filter value and the filter-bar syntax), ``rows``
(a segment's summary row), ``view`` (filtering and sorting), ``navigation`` (the cursor),
``search`` (text search) and ``review`` (``ReviewState``, which combines them).
"""
from ..scores import LiveScores  # noqa: F401 (its former home)
from .filters import SORTS, STATUSES, Filters, parse_filters
from .review import ReviewState
from .rows import Row
from .search import _Haystack

__all__ = ["SORTS", "STATUSES", "Filters", "ReviewState", "Row", "_Haystack", "parse_filters"]
