"""Modal dialogs (``ModalScreen[T]``, Frogmouth's way): the target editor and the help screen.

One-line questions (go to, search, filter, note, export paths) use ``widgets.ask_bar.AskBar`` instead.
"""
from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Markdown, TextArea


def editable(text: str) -> tuple[str, int]:
    """The text with control, bidi-override and invisible characters removed (line breaks and tabs kept):
    a terminal editor must never send them to the terminal. Returns (text, how many were removed)."""
    from ..render import _NEEDS_ESCAPE

    kept = _NEEDS_ESCAPE.sub(lambda m: m.group() if m.group() in "\n\t" else "", text)
    return kept, len(text) - len(kept)


class EditTarget(ModalScreen[str | None]):
    """Edit a segment's target; Ctrl+S saves, Escape cancels."""

    BINDINGS = [Binding("ctrl+s", "save", "Save", priority=True), Binding("escape", "cancel", "Cancel")]
    DEFAULT_CSS = """
    EditTarget { align: center middle; }
    EditTarget > Vertical { width: 90%; height: auto; max-height: 90%; border: thick $accent; background: $surface;
                            padding: 1 2; }
    EditTarget TextArea { height: 12; }
    """

    def __init__(self, source: str, target: str) -> None:
        super().__init__()
        self._source = source
        self._target, self._removed = editable(target)

    def compose(self) -> ComposeResult:
        from audit.core.display import visible

        with Vertical():
            yield Label(Text("Source", style="bold"))
            yield Label(Text(visible(self._source)[0]))
            yield Label(Text("Target (Ctrl+S to save, Esc to cancel)", style="bold"))
            if self._removed:
                yield Label(Text(f"{self._removed} control, bidi or invisible character(s) were taken out of the text "
                                 "to edit; saving keeps them out.", style="yellow"))
            yield TextArea(self._target, id="edit-area", soft_wrap=True)

    def on_mount(self) -> None:
        self.query_one(TextArea).focus()

    def action_save(self) -> None:
        self.dismiss(self.query_one(TextArea).text)

    def action_cancel(self) -> None:
        self.dismiss(None)


HELP = """\
# transaudit review

Review an audited translation: every flag with its exact span, highlighted in the source and the
target. Decisions are saved at once in the decisions database and are there when you reopen.

## Moving
| key | action |
|---|---|
| `n` / `p` | next / previous **flagged** segment |
| `j` `↓` / `k` `↑` | next / previous segment |
| `PgDn` / `PgUp`, `Home` / `End` | page, first, last |
| `g` | go to segment number |
| `/`, `F3` / `Shift+F3` | search source and target (`s:` or `t:` prefix for one side), next / previous match |
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
| `e` | edit the target (a post-edit); the segment is checked again |
| `u` | undo the last decision (also after a restart) |

## Elsewhere
`Ctrl+P` opens the command palette: filters by code, category and status, jumps, exports of the
decisions (JSON, CSV) and of the edited translation. `?` shows this help, `q` quits.
Dismissed flags are struck through and no longer count; `transaudit check --decisions DB` leaves
them out too.
"""


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark", "close", "Close")]
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll { width: 90; height: 90%; border: thick $accent; background: $surface; }
    """

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Markdown(HELP)

    def action_close(self) -> None:
        self.dismiss(None)
