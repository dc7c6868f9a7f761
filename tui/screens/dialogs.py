"""Modal dialogs (``ModalScreen[T]``, Frogmouth's way): the target editor, the help screen and the
overview (the corpus at a glance).

One-line questions (go to, search, filter, note, export paths) use ``widgets.ask_bar.AskBar`` instead.
"""
from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown, Static, TextArea


def editable(text: str) -> tuple[str, int]:
    """The text with control, bidi-override and invisible characters removed (line breaks and tabs kept):
    a terminal editor must never send them to the terminal. Returns (text, how many were removed)."""
    from ..render import _NEEDS_ESCAPE

    kept = _NEEDS_ESCAPE.sub(lambda m: m.group() if m.group() in "\n\t" else "", text)
    return kept, len(text) - len(kept)


class TargetEditor(TextArea):
    """The post-edit field: Ctrl+A selects all (TextArea's own Ctrl+A goes to the line start, so a
    reviewer's select-all-then-type doubled the sentence); Home still goes to the line start."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("ctrl+a", "select_all", "Select all", show=False)]


EDIT_KEYS = "Ctrl+S save · Esc cancel · Ctrl+A select all · typing replaces the selection · Ctrl+Z undo"


class EditTarget(ModalScreen[str | None]):
    """Edit a segment's target; it opens with the whole text selected (typing replaces it, an
    arrow key keeps it). Ctrl+S saves, Escape cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("ctrl+s", "save", "Save", priority=True), Binding("escape", "cancel", "Cancel")]
    DEFAULT_CSS = """
    EditTarget { align: center middle; }
    EditTarget > Vertical { width: 90%; height: auto; max-height: 90%; border: thick $accent; background: $surface;
                            padding: 0 1; }
    EditTarget .edit-title { text-style: bold; }
    EditTarget #edit-source { height: auto; max-height: 8; }
    EditTarget #edit-keys { color: $text-muted; }
    EditTarget TextArea { height: 1fr; min-height: 3; max-height: 12; }
    """

    def __init__(self, source: str, target: str) -> None:
        super().__init__()
        self._source = source
        self._target, self._removed = editable(target)

    def compose(self) -> ComposeResult:
        from audit.core.display import visible

        with Vertical():
            yield Static(Text("Source", style="bold"), classes="edit-title")
            with VerticalScroll(id="edit-source"):  # wrapped; a long source scrolls
                yield Static(Text(visible(self._source, keep_newlines=True)[0]), id="edit-source-text")
            yield Static(Text("Target", style="bold"), classes="edit-title")
            if self._removed:
                yield Static(Text(f"{self._removed} control, bidi or invisible character(s) were taken out of the text "
                                  "to edit; saving keeps them out.", style="yellow"))
            yield TargetEditor(self._target, id="edit-area", soft_wrap=True)
            yield Static(Text(EDIT_KEYS), id="edit-keys")

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.focus()
        area.select_all()

    def action_save(self) -> None:
        self.dismiss(self.query_one(TextArea).text)

    def action_cancel(self) -> None:
        self.dismiss(None)


HELP = """\
# transaudit review

Review an audited translation: every flag with its exact span, highlighted in the source and the
target. Decisions are saved at once in the decisions database and are there when you reopen.

## Reading the screen
The list's first column is the segment **id** (a TSV's id is its line in the file), as the
messages cite it. Severity badges: **C** critical (red), **M** major (amber), **m** minor (blue),
**-** only dismissed flags (grey). The header counts live flags by severity; *no major+* is the
share of segments without a live major or critical flag (rounded down: 100% means none is left).

## Moving
| key | action |
|---|---|
| `n` / `p` | next / previous **flagged** segment |
| `j` `↓` / `k` `↑` | next / previous segment |
| `PgDn` / `PgUp`, `Home` / `End` | page, first, last |
| `g`, `1`…`9` | go to a segment **id** as listed (what messages cite); `#N` goes to row N |
| `/` | search source and target (`s:` or `t:` prefix for one side) |
| `N` / `P` | next / previous match (also `F3` / `Shift+F3` where the terminal sends them) |
| `]` / `[` | next / previous flag of the segment (selects its spans) |
| `Tab` | switch between the segment list and the flag list |

## Filtering and sorting
| key | action |
|---|---|
| `f` | filter: `sev:major code:NUM cat:accuracy status:open` (any subset) |
| `s` | cycle minimum severity (any, minor, major, critical) |
| `v` | cycle review status (all, open, confirmed, dismissed, approved, unapproved, edited, flagged, clean) |
| `x` | clear filters |
| `o` | sort by position / by score (worst first) |

## Deciding
| key | action |
|---|---|
| `c` | confirm the selected flag |
| `d` | dismiss the selected flag (a false alarm) |
| `m` | add a note to the selected flag |
| `D` / `C` | dismiss / confirm every open flag of the selected flag's check in the segments shown |
| `a` | approve the segment (again: unapprove) |
| `e` | edit the target (a post-edit; opens with all the text selected: typing replaces it; `Ctrl+A` selects all, `Ctrl+S` saves, `Esc` cancels); the segment is checked again |
| `u` | undo the last decision (also after a restart) |

## Elsewhere
`i` shows the corpus at a glance: flags by check (dismissed ones left out) and segments by
quality score, as bar charts. `Ctrl+P` opens the command palette: filters by code, category and status, jumps, exports of the
decisions (JSON, CSV) and of the edited translation. `?` shows this help, `q` quits.
Dismissed flags are struck through and no longer count; `transaudit check --decisions DB` leaves
them out too.
"""


class HelpScreen(ModalScreen[None]):
    """The keys; fits the terminal (80x24 too) and scrolls with the arrows, pages, Home/End."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "close", "Close"),
        Binding("down,j", "scroll(1)", "Down", show=False),
        Binding("up,k", "scroll(-1)", "Up", show=False),
        Binding("pagedown,space", "page(1)", "Page down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("home", "edge(0)", "Top", show=False),
        Binding("end", "edge(1)", "Bottom", show=False),
    ]
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll { width: 100%; max-width: 100; height: 100%; max-height: 40; border: round $accent;
                                  background: $surface; border-subtitle-color: $text-muted; }
    HelpScreen Markdown { margin: 0 1; }
    """

    def compose(self) -> ComposeResult:
        scroll = VerticalScroll(id="help-scroll")
        scroll.border_title = "transaudit review: keys"
        scroll.border_subtitle = "↑↓ PgUp PgDn Home End scroll · Esc close"
        with scroll:
            yield Markdown(HELP)

    def _scroller(self) -> VerticalScroll:
        return self.query_one("#help-scroll", VerticalScroll)

    def action_scroll(self, delta: int) -> None:
        self._scroller().scroll_relative(y=delta, animate=False)

    def action_page(self, direction: int) -> None:
        sc = self._scroller()
        sc.scroll_relative(y=direction * max(1, sc.scrollable_content_region.height - 1), animate=False)

    def action_edge(self, end: int) -> None:
        sc = self._scroller()
        if end:
            sc.scroll_end(animate=False)
        else:
            sc.scroll_home(animate=False)

    def action_close(self) -> None:
        self.dismiss(None)


class OverviewScreen(ModalScreen[None]):
    """The corpus at a glance (``i``): flags by check and segments by quality score, as charts."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,i", "close", "Close"),
        Binding("down,j", "scroll(1)", "Down", show=False),
        Binding("up,k", "scroll(-1)", "Up", show=False),
    ]
    DEFAULT_CSS = """
    OverviewScreen { align: center middle; }
    OverviewScreen > VerticalScroll { width: auto; max-width: 100%; height: auto; max-height: 100%;
                                      border: round $accent; background: $surface; padding: 0 1; }
    OverviewScreen Static { width: auto; }
    """

    def __init__(self, lines: list[str]) -> None:
        super().__init__()
        self._lines = lines

    def compose(self) -> ComposeResult:
        scroll = VerticalScroll(id="overview-scroll")
        scroll.border_title = "at a glance"
        scroll.border_subtitle = "Esc close"
        with scroll:
            yield Static(Text("\n".join(self._lines), no_wrap=True, overflow="ellipsis"), id="overview")

    def action_scroll(self, delta: int) -> None:
        self.query_one("#overview-scroll", VerticalScroll).scroll_relative(y=delta, animate=False)

    def action_close(self) -> None:
        self.dismiss(None)
