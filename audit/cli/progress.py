"""Progress of a long ``check`` on stderr: a bar with counts, rate and time left when stderr is a
terminal (one line redrawn in place; no UI library, the engine imports none), a plain line every
few seconds when it is not and ``--progress`` asks for it, nothing with ``--quiet``.

The bar is not drawn while the report itself goes to the same terminal (the report is the
progress then, and the two would interleave). Updates are rate-limited by time, so calling
``update`` for every segment costs a clock read.
"""
from __future__ import annotations

import shutil
import sys
import time
from typing import IO

LINE_EVERY = 5.0  # seconds between plain progress lines
BAR_EVERY = 0.1


def _fmt_eta(seconds: float) -> str:
    seconds = int(seconds + 0.5)
    if seconds >= 3600:
        return f"{seconds // 3600} h {seconds % 3600 // 60:02d} min"
    if seconds >= 60:
        return f"{seconds // 60} min {seconds % 60:02d} s"
    return f"{seconds} s"


class Progress:
    """Counts segments as an audit yields them; ``total`` may be learnt after the start (or never)."""

    def __init__(self, mode: str, stream: IO[str] | None = None, clock=time.monotonic):
        self.mode = mode  # "bar" or "lines"
        self.stream = stream or sys.stderr
        self.total: int | None = None
        self.done = 0
        self._clock = clock
        self._start = clock()
        self._last = self._start
        self._drawn = False

    def update(self, done: int, total: int | None = None) -> None:
        """``done`` segments so far; ``total`` when the run learns (or re-estimates) it."""
        self.done = done
        if total is not None:
            self.total = total
        now = self._clock()
        if now - self._last < (BAR_EVERY if self.mode == "bar" else LINE_EVERY):
            return
        self._last = now
        if self.mode == "bar":
            self._draw_bar()
        else:
            self.stream.write(self.line(now) + "\n")
            self.stream.flush()

    def _rate_and_left(self, now: float | None) -> tuple[float, float | None]:
        """Segments a second so far, and seconds left (None without a total)."""
        elapsed = max(1e-9, (now if now is not None else self._clock()) - self._start)
        rate = self.done / elapsed
        if not self.total:
            return rate, None
        return rate, (self.total - self.done) / rate if rate > 0 else 0.0

    def line(self, now: float | None = None) -> str:
        """``transaudit: 12,000 of 100,000 segments (12%), 3,400/s, 26 s left``."""
        rate, left = self._rate_and_left(now)
        if left is not None:
            share = min(100, 100 * self.done // self.total)
            return (f"transaudit: {self.done:,} of {self.total:,} segments ({share}%), {rate:,.0f}/s, "
                    f"{_fmt_eta(left)} left")
        return f"transaudit: {self.done:,} segments, {rate:,.0f}/s"

    def bar_text(self, width: int = 80, now: float | None = None) -> str:
        """``checking ━━━━╺───── 12,000/100,000  12% 3,400/s 26 s left``, shorter than ``width``."""
        rate, left = self._rate_and_left(now)
        if left is not None:
            share = min(1.0, self.done / self.total)
            tail = f" {self.done:,}/{self.total:,} {int(share * 100):3d}% {rate:,.0f}/s {_fmt_eta(left)} left"
        else:
            share = None
            tail = f" {self.done:,} {rate:,.0f}/s"
        room = max(0, min(40, width - len("checking ") - len(tail) - 1))
        if share is None or room < 5:
            return ("checking" + tail)[:max(0, width - 1)]
        filled = int(room * share)
        return "checking " + "━" * filled + "╺" * (filled < room) + "─" * max(0, room - filled - 1) + tail

    def _draw_bar(self) -> None:
        width = shutil.get_terminal_size((80, 24)).columns
        self.stream.write("\r\x1b[K" + self.bar_text(width))
        self.stream.flush()
        self._drawn = True

    def close(self) -> None:
        if self._drawn:
            self.stream.write("\r\x1b[K")  # transient: the bar leaves no trace
            self.stream.flush()
            self._drawn = False


def progress_for(args, report_to_terminal: bool) -> Progress | None:
    """The progress display ``check``'s options and terminals ask for, or None."""
    if getattr(args, "quiet", False):
        return None
    if getattr(args, "progress", False):
        return Progress("bar" if sys.stderr.isatty() and not report_to_terminal else "lines")
    if sys.stderr.isatty() and not report_to_terminal:
        return Progress("bar")
    return None
