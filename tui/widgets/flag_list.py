"""The current segment's flags: severity, code, category, message, flagged text, review status."""
from __future__ import annotations

from textual.widgets import OptionList
from textual.widgets.option_list import Option

from audit.core.model import PairResult

from ..render import flag_line


class FlagList(OptionList):
    """One option per flag; highlighting an option selects that flag (its spans are drawn reversed)."""

    DEFAULT_CSS = """
    FlagList { height: auto; max-height: 12; min-height: 3; }
    """

    def show(self, seg: PairResult | None, statuses: dict, notes: dict, cursor: int) -> None:
        self.clear_options()
        if seg is None or not seg.flags:
            self.add_option(Option("No flags on this segment.", disabled=True))
            return
        opts = []
        for f in seg.flags:
            p = f.primary
            text = seg.pair.text(p.side) if p is not None else ""
            opts.append(Option(flag_line(f, statuses.get(f.fingerprint), notes.get(f.fingerprint), text),
                               id=f"flag-{len(opts)}"))
        self.add_options(opts)
        self.highlighted = min(cursor, len(seg.flags) - 1)
