"""A one-line prompt under the pair view (like a command line), used instead of modal dialogs for
go-to, search, filter, notes and export paths: no screen switch, and the line is always there (its
content is only made visible), so asking and answering change no layout."""
from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widgets import Input, Label


class AskBar(Horizontal):
    DEFAULT_CSS = """
    AskBar { height: 1; background: $boost; padding: 0 1; }
    AskBar > * { visibility: hidden; }
    AskBar.-open > * { visibility: visible; }
    AskBar #ask-title { width: auto; padding: 0 1 0 0; text-style: bold; }
    AskBar Input { width: 1fr; height: 1; border: none; padding: 0; }
    AskBar Input:focus { border: none; }
    AskBar #ask-hint { width: auto; color: $text-muted; padding: 0 0 0 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel", show=False)]

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._callback: Callable[[str | None], None] | None = None
        self._return_focus = None

    def compose(self) -> ComposeResult:
        yield Label(id="ask-title")
        yield Input(id="ask-input")
        yield Label(id="ask-hint")

    @property
    def is_open(self) -> bool:
        return self.has_class("-open")

    def ask(self, title: str, callback: Callable[[str | None], None], *, placeholder: str = "", value: str = "",
            hint: str = "", select_on_focus: bool = True) -> None:
        """Show the prompt; ``callback`` gets the text on Enter, None on Escape."""
        self._callback = callback
        self._return_focus = self.screen.focused
        self.query_one("#ask-title", Label).update(Text(title))
        self.query_one("#ask-hint", Label).update(Text(hint))
        inp = self.query_one(Input)
        inp.placeholder = placeholder
        inp.select_on_focus = select_on_focus
        inp.value = value
        inp.cursor_position = len(value)
        self.add_class("-open")
        inp.focus()

    def _close(self, value: str | None) -> None:
        callback, self._callback = self._callback, None
        self.remove_class("-open")
        if self._return_focus is not None and self._return_focus.is_attached:
            self._return_focus.focus()
        if callback is not None:
            callback(value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._close(event.value)

    def action_cancel(self) -> None:
        self._close(None)
