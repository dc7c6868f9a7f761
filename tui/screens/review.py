"""The review screen: corpus summary, segment list, side-by-side pair, flags; all review actions.

Bindings have ids so that users can remap them (``App.set_keymap``, Posting's way). Actions read
and change ``app.state`` (pure logic) and ``app.store`` (the decisions database), then redraw the
widgets that changed.
"""
from __future__ import annotations

import time
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import OptionList, ProgressBar, Static

from audit.core.display import safe
from audit.core.model import Severity

from ..render import SEVERITY_BADGE, SEVERITY_COLOR, SEVERITY_MARK
from ..state import Filters, parse_filters
from ..state.overview import overview_lines
from ..widgets.ask_bar import AskBar
from ..widgets.flag_list import FlagList
from ..widgets.footer import ReviewFooter
from ..widgets.pair_view import PairView
from ..widgets.segment_list import SegmentList
from .dialogs import EditTarget, HelpScreen, OverviewScreen

BULK_NOTICE = 200  # a bulk decision of this many flags or more is announced before it is made


def pass_share(segments: int, failing: int) -> str:
    """The share of segments without a live major or critical flag, rounded down to 0.1%: it reads
    100% only when no such flag is left (448 failing segments of 100,000 read 99.5%, not 100%)."""
    tenths = (segments - failing) * 1000 // segments
    return f"{tenths // 10}.{tenths % 10}%" if tenths < 1000 else "100%"


def B(key: str, action: str, description: str, id: str, show: bool = True, **kw) -> Binding:
    return Binding(key, action, description, show=show, id=f"review.{id}", **kw)


class ReviewScreen(Screen):
    BINDINGS: ClassVar[list[BindingType]] = [
        B("n", "next_flagged", "flagged", "next-flagged", key_display="n/p"),
        B("p", "prev_flagged", "Prev flagged", "prev-flagged", show=False),
        B("j,down", "move(1)", "Next", "next", show=False),
        B("k,up", "move(-1)", "Prev", "prev", show=False),
        B("pagedown", "page(1)", "Page down", "page-down", show=False),
        B("pageup", "page(-1)", "Page up", "page-up", show=False),
        B("home", "edge(0)", "First", "first", show=False),
        B("end", "edge(1)", "Last", "last", show=False),
        B("g", "goto", "Go to", "goto", show=False),
        *[B(str(d), f"goto('{d}')", "Go to number", f"goto-{d}", show=False) for d in range(1, 10)],
        B("slash", "search", "search", "search"),
        # previous match: P everywhere; Shift+F3 where it arrives as a key (tmux and xterm send ESC[1;2R,
        # a cursor-position report: ReviewApp.on_cursor_position turns it back into shift+f3; F15 is
        # Shift+F3 on terminals that number the shifted function keys on)
        B("f3,N", "search_again(1)", "Next match", "search-next", show=False),
        B("shift+f3,f15,P", "search_again(-1)", "Previous match", "search-prev", show=False),
        B("right_square_bracket", "flag(1)", "Next flag", "next-flag", show=False),
        B("left_square_bracket", "flag(-1)", "Prev flag", "prev-flag", show=False),
        B("c", "decide('confirmed')", "confirm", "confirm"),
        B("d", "decide('dismissed')", "dismiss", "dismiss"),
        B("m", "note", "Note", "note", show=False),
        B("D", "decide_all('dismissed')", "Dismiss all of this check", "dismiss-all", show=False),
        B("C", "decide_all('confirmed')", "Confirm all of this check", "confirm-all", show=False),
        B("a", "approve", "approve", "approve"),
        B("e", "edit", "edit", "edit"),
        B("u", "undo", "undo", "undo"),
        B("f", "filter", "Filter", "filter", show=False),
        B("s", "cycle_severity", "Severity", "severity", show=False),
        B("v", "cycle_status", "Status", "status", show=False),
        B("x", "clear_filters", "Clear filters", "clear-filters", show=False),
        B("o", "toggle_sort", "Sort", "sort", show=False),
        B("tab", "switch_focus", "Switch pane", "switch", show=False),
        B("i", "overview", "Overview", "overview", show=False),
        B("question_mark", "help", "help", "help"),
        B("q", "app.quit", "quit", "quit"),
    ]

    DEFAULT_CSS = """
    ReviewScreen #summary { height: 2; padding: 0 1; background: $boost; text-wrap: nowrap; text-overflow: ellipsis; }
    ReviewScreen #progress { height: 1; padding: 0 1; }
    ReviewScreen #progress.done { display: none; }
    ReviewScreen SegmentList { height: 35%; min-height: 4; border-bottom: solid $primary; }
    ReviewScreen #detail { height: 1fr; }
    ReviewScreen FlagList { border: none; border-top: solid $primary; padding: 0; }
    ReviewScreen FlagList:focus { border: none; border-top: solid $accent; }
    """

    def __init__(self) -> None:
        super().__init__()
        self._last_search: tuple[str, str] | None = None

    @property
    def state(self):
        return self.app.state

    def compose(self) -> ComposeResult:
        yield Static(id="summary")
        yield ProgressBar(id="progress", show_eta=False)
        yield SegmentList(self.app.state, id="segments")
        with Vertical(id="detail"):
            yield PairView(id="pair")
            yield FlagList(id="flags")
        yield AskBar(id="ask")
        # compact, without the palette key: every key hint fits in 80 columns (Ctrl+P is in the help)
        yield ReviewFooter(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one(SegmentList).focus()
        self.refresh_all()
        self.app.start_loading()

    # -- redrawing ------------------------------------------------------------------------------------
    def refresh_all(self) -> None:
        self.query_one(SegmentList).reset()
        self.query_one(SegmentList).follow_cursor()
        self.refresh_current()
        self.refresh_summary()

    def refresh_current(self, keep_flag_focus: bool = False) -> None:
        state = self.state
        seg = state.current()
        statuses = {}
        notes = {}
        idx = state.current_index()
        if seg is not None:
            for f in seg.flags:
                d = state.flag_decisions.get(f.fingerprint)
                if d is not None:
                    statuses[f.fingerprint] = d.status
                    notes[f.fingerprint] = d.note
        sd = state.segment_decision(idx) if idx is not None else None
        edited = bool(sd and sd.post_edit is not None)
        original = state.originals[idx].target if (idx is not None and edited) else None
        self.query_one(PairView).show(seg, statuses, state.current_flag(), original, edited)
        fl = self.query_one(FlagList)
        fl._updating = True
        fl.show(seg, statuses, notes, state.flag_cursor)
        fl._updating = False

    def refresh_summary(self) -> None:
        app = self.app
        state = self.state
        s = state.summary()
        # the figures first and the file name last: an 80-column line cuts the name, not the figures
        t = Text(no_wrap=True, overflow="ellipsis")
        t.append(f"{s['segments']:,} seg")
        if not state.finished:
            t.append(" (auditing…)", style="italic")
        t.append(f" · {s['flagged']:,} flagged · ")
        for sev in (Severity.CRITICAL, Severity.MAJOR, Severity.MINOR):
            t.append(SEVERITY_MARK[sev], style=SEVERITY_BADGE[sev])
            t.append(f"{s['by_severity'][sev]:,} ", style=SEVERITY_COLOR[sev])
        score = app.corpus_scores.get("quality")
        if score is not None:
            t.append(f"· score {score:.1f} ", style="bold")
        if s["segments"]:
            t.append(f"· no major+ {pass_share(s['segments'], s['major_plus'])} ")
        for name, value in app.metric_items():
            t.append(f"· {name} {value} ")
        t.append("· ")
        t.append(app.title_text, style="bold")
        if app.langs:
            t.append(f" {app.langs}")
        t.append("\n")
        idx = state.current_index()
        if idx is not None:
            t.append("id ", style="bold")
            t.append(safe(state.segments[idx].pair.id[:24]), style="bold")
            t.append(f" #{idx + 1:,}/{len(state.segments):,}", style="dim")
            if len(state.visible) != len(state.segments) or state.sort != "position":
                t.append(f" · {state.cursor + 1:,}/{len(state.visible):,} shown", style="dim")
        else:
            t.append("no segment shown", style="bold")
        if state.filters.active():
            t.append(f" · filter {state.filters.describe()}", style="bold cyan")
        if state.sort != "position":
            t.append(f" · sort {state.sort}", style="bold cyan")
        t.append(f" · ✓{s['confirmed']} ✗{s['dismissed']} approved {s['approved']} edited {s['edited']}", style="dim")
        self.query_one("#summary", Static).update(t)

    def moved(self) -> None:
        self.query_one(SegmentList).follow_cursor()
        self.refresh_current()
        self.refresh_summary()

    # -- moving -----------------------------------------------------------------------------------------
    def action_move(self, delta: int) -> None:
        if self.state.move(delta):
            self.moved()

    def action_page(self, direction: int) -> None:
        height = max(1, self.query_one(SegmentList).scrollable_content_region.height - 1)
        if self.state.move(direction * height):
            self.moved()

    def action_edge(self, end: int) -> None:
        if self.state.move_to(len(self.state.visible) - 1 if end else 0):
            self.moved()

    def action_next_flagged(self) -> None:
        if self.state.next_flagged(1):
            self.moved()
        else:
            more = "" if self.state.finished else " yet (the audit is still running)"
            self.notify(f"No flagged segment after this one{more}.", timeout=2, markup=False)

    def action_prev_flagged(self) -> None:
        if self.state.next_flagged(-1):
            self.moved()
        else:
            self.notify("No flagged segment before this one.", timeout=2, markup=False)

    def on_segment_list_selected(self, event: SegmentList.Selected) -> None:
        if self.state.move_to(event.position):
            self.moved()

    def action_goto(self, prefill: str = "") -> None:
        def done(value: str | None) -> None:
            if value and value.strip():
                self.goto(value)
        n = len(self.state.segments)
        self.ask("Go to id:", done, placeholder=f"id as listed, or #row (#1–#{n})", value=prefill,
                 select_on_focus=not prefill, hint="ids are what messages cite")

    def ask(self, title: str, callback, **kwargs) -> None:
        """One line of input in the bar under the pair (Enter answers, Escape cancels)."""
        self.query_one(AskBar).ask(title, callback, **kwargs)

    def goto(self, value: str) -> None:
        """Go to a segment by id (as the list and the messages show it) or by ``#row``."""
        index, how = self.state.resolve_goto(str(value))
        if index is None:
            self.notify(f"Not found: {how[0].upper() + how[1:]}.", severity="error", markup=False)
            return
        filtered = self.state.filters.active()
        if self.state.goto_index(index):
            if filtered and not self.state.filters.active():
                self.notify("Filters cleared to show that segment.", timeout=2, markup=False)
            if how not in ("id", "row"):
                self.notify(how[0].upper() + how[1:] + ".", timeout=3, markup=False)
            self.refresh_all()

    def action_search(self) -> None:
        def done(value: str | None) -> None:
            if not value:
                return
            side = "both"
            if value[:2] in ("s:", "t:"):
                side = "source" if value[0] == "s" else "target"
                value = value[2:]
            self._last_search = (value, side)
            self.search(value, side, 1)
        self.ask("Search:", done, placeholder="text (s: source only, t: target only)",
                 hint="N / P (or F3 / Shift+F3): next / previous match")

    def search(self, query: str, side: str, direction: int) -> None:
        if self.state.search(query, side, direction):
            self.moved()
        else:
            self.notify(f"Not found: {query}", severity="warning", timeout=2, markup=False)

    def action_search_again(self, direction: int) -> None:
        if self._last_search:
            self.search(self._last_search[0], self._last_search[1], direction)
        else:
            self.notify("No search yet: / searches.", timeout=2, markup=False)

    def action_flag(self, delta: int) -> None:
        if self.state.move_flag(delta):
            self.refresh_current()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        fl = self.query_one(FlagList)
        if (event.option_list is fl and not getattr(fl, "_updating", False)
                and event.option_index != self.state.flag_cursor):
            self.state.flag_cursor = event.option_index
            seg = self.state.current()
            statuses = {f.fingerprint: self.state.flag_status(f) for f in seg.flags} if seg else {}
            idx = self.state.current_index()
            sd = self.state.segment_decision(idx) if idx is not None else None
            edited = bool(sd and sd.post_edit is not None)
            self.query_one(PairView).show(seg, statuses, self.state.current_flag(),
                                          self.state.originals[idx].target if edited else None, edited)

    def action_switch_focus(self) -> None:
        if self.query_one(SegmentList).has_focus:
            self.query_one(FlagList).focus()
        else:
            self.query_one(SegmentList).focus()

    # -- filters and sort ---------------------------------------------------------------------------------
    def set_filters(self, filters: Filters) -> None:
        self.state.set_filters(filters)
        self.refresh_all()

    def action_filter(self) -> None:
        def done(value: str | None) -> None:
            if value is None:
                return
            try:
                filters = parse_filters(value)
            except ValueError as exc:
                self.notify(str(exc), severity="error", markup=False)
                return
            self.set_filters(filters)
        self.ask("Filter:", done, placeholder="sev:major code:NUM cat:accuracy status:open", value=self._filter_text(),
                 hint="status: open confirmed dismissed approved unapproved edited flagged clean")

    def _filter_text(self) -> str:
        return self.state.filters.query()

    def action_cycle_severity(self) -> None:
        self.state.cycle_severity()
        self.refresh_all()

    def action_cycle_status(self) -> None:
        self.state.cycle_status()
        self.refresh_all()

    def action_clear_filters(self) -> None:
        self.set_filters(Filters())

    def action_toggle_sort(self) -> None:
        self.state.set_sort("score" if self.state.sort == "position" else "position")
        self.refresh_all()

    # -- decisions ------------------------------------------------------------------------------------------
    def action_decide(self, status: str) -> None:
        flag = self.state.current_flag()
        if flag is None:
            self.notify("No flag selected.", timeout=2, markup=False)
            return
        current = self.state.flag_status(flag)
        note = self.state.flag_note(flag)
        new = None if current == status else status  # pressing again clears the decision
        self.app.decide_flag(flag, new, note)
        if new:
            self.state.move_flag(1)
        self.after_decision([flag.fingerprint])

    def action_decide_all(self, status: str) -> None:
        """Decide every open flag of the selected flag's check in the segments shown: one transaction,
        one undo step. A large batch is announced first (the notice is painted before the work)."""
        flag = self.state.current_flag()
        if flag is None:
            self.notify("No flag selected.", timeout=2, markup=False)
            return
        code = flag.code
        state = self.state
        segs = state.segments
        indices = state.indices_of_code(code)
        if state.filters.active():
            shown_now = state._visible_set()
            indices = {i for i in indices if i in shown_now}
        targets: dict[str, object] = {}  # by fingerprint: copies of a segment share their flags'
        for i in sorted(indices):
            for f in segs[i].flags:
                if f.code == code and f.fingerprint not in targets and state.flag_status(f) is None:
                    targets[f.fingerprint] = f
        where = "shown" if state.filters.active() else "all"
        if not targets:
            self.notify(f"No open {code} flag in {where} segments.", timeout=2, markup=False)
            return
        verb = "Dismissing" if status == "dismissed" else "Confirming"
        if len(targets) >= BULK_NOTICE:
            self.notify(f"{verb} {len(targets):,} open {code} flag(s)…", timeout=2, markup=False)
            self.call_after_refresh(self._decide_all, targets, status, code, where)
        else:
            self._decide_all(targets, status, code, where)

    def _decide_all(self, targets: dict, status: str, code: str, where: str) -> None:
        t0 = time.perf_counter()
        n = self.app.store.set_flags(targets.values(), status)
        self.after_decision(targets.keys())
        took = time.perf_counter() - t0
        said = f" in {took:.1f} s" if took >= 0.5 else ""
        self.notify(f"{status.capitalize()} {n:,} open {code} flag(s) in {where} segments{said} "
                    "(u undoes them at once).", timeout=4, markup=False)

    def action_note(self) -> None:
        flag = self.state.current_flag()
        if flag is None:
            self.notify("No flag selected.", timeout=2, markup=False)
            return

        def done(value: str | None) -> None:
            if value is None:
                return
            status = self.state.flag_status(flag) or "confirmed"
            self.app.decide_flag(flag, status, value.strip() or None)
            self.after_decision([flag.fingerprint])
        self.ask(f"Note on {flag.code}:", done, placeholder="why this flag is right or wrong",
                 value=self.state.flag_note(flag) or "", hint="a note on an open flag confirms it")

    def after_decision(self, fingerprints=(), indices=()) -> None:
        changed = self.state.indices_of_flags(fingerprints)
        changed.update(indices)
        self.state.invalidate(changed)
        self.app.rescore(changed)
        self.query_one(SegmentList).refresh_rows(changed)
        self.refresh_current()
        self.refresh_summary()

    def action_approve(self) -> None:
        idx = self.state.current_index()
        if idx is None:
            return
        sd = self.state.segment_decision(idx)
        self.app.store.approve(self.state.originals[idx], not (sd and sd.approved))
        self.after_decision(indices=self.state.indices_of_key(self.state.key(idx)))

    def action_edit(self) -> None:
        idx = self.state.current_index()
        if idx is None:
            return
        seg = self.state.segments[idx]
        if not self.state.finished:
            self.notify("Editing opens once the audit has finished.", timeout=2, markup=False)
            return

        def done(value: str | None) -> None:
            if value is None or value == (seg.pair.target or ""):
                return
            self.app.post_edit(idx, value)
            self.after_decision(indices=self.state.indices_of_key(self.state.key(idx)))
            self.notify("Post-edit saved; the segment was checked again.", timeout=2, markup=False)
        self.app.push_screen(EditTarget(seg.pair.source, seg.pair.target or ""), done)

    def action_undo(self) -> None:
        change = self.app.undo()
        if change is None:
            self.notify("Nothing to undo.", timeout=2, markup=False)
            return
        self.notify(f"Undone: {change.description}", timeout=2, markup=False)

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen())

    def action_overview(self) -> None:
        self.app.push_screen(OverviewScreen(overview_lines(self.state)))
