"""Progress of a long ``check`` on stderr: a bar with counts, rate and time left when stderr is a
terminal (Rich), a plain line every few seconds when it is not and ``--progress`` asks for it,
nothing with ``--quiet``.

The bar is not drawn while the report itself goes to the same terminal (the report is the
progress then, and the two would interleave). Updates are rate-limited by time, so calling
``update`` for every segment costs a clock read.
"""
from __future__ import annotations

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
        self._bar = None
        self._task = None

    def update(self, done: int) -> None:
        self.done = done
        now = self._clock()
        if now - self._last < (BAR_EVERY if self.mode == "bar" else LINE_EVERY):
            return
        self._last = now
        if self.mode == "bar":
            self._draw_bar()
        else:
            self.stream.write(self.line(now) + "\n")
            self.stream.flush()

    def line(self, now: float | None = None) -> str:
        """``transaudit: 12,000 of 100,000 segments (12%), 3,400/s, 26 s left``."""
        elapsed = max(1e-9, (now if now is not None else self._clock()) - self._start)
        rate = self.done / elapsed
        if self.total:
            share = min(100, 100 * self.done // self.total)
            left = (self.total - self.done) / rate if rate > 0 else 0.0
            return (f"transaudit: {self.done:,} of {self.total:,} segments ({share}%), {rate:,.0f}/s, "
                    f"{_fmt_eta(left)} left")
        return f"transaudit: {self.done:,} segments, {rate:,.0f}/s"

    def _draw_bar(self) -> None:
        if self._bar is None:
            from rich.console import Console
            from rich.progress import (BarColumn, MofNCompleteColumn, Progress as RichProgress, TaskProgressColumn,
                                       TextColumn, TimeRemainingColumn)

            self._bar = RichProgress(TextColumn("checking"), BarColumn(), MofNCompleteColumn(), TaskProgressColumn(),
                                     TextColumn("{task.fields[rate]}"), TimeRemainingColumn(),
                                     console=Console(file=self.stream), transient=True)
            self._bar.start()
            self._task = self._bar.add_task("check", total=self.total, rate="")
        elapsed = max(1e-9, self._clock() - self._start)
        self._bar.update(self._task, completed=self.done, total=self.total, rate=f"{self.done / elapsed:,.0f}/s")

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None


def progress_for(args, report_to_terminal: bool) -> Progress | None:
    """The progress display ``check``'s options and terminals ask for, or None."""
    if getattr(args, "quiet", False):
        return None
    if getattr(args, "progress", False):
        return Progress("bar" if sys.stderr.isatty() and not report_to_terminal else "lines")
    if sys.stderr.isatty() and not report_to_terminal:
        return Progress("bar")
    return None
