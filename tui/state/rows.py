"""A segment's summary row for the review list, and the status tests the filters apply to it."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from audit.core.model import Severity


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
