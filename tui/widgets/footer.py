"""Textual's Footer, without rebuilding its keys on every focus change.

The stock Footer removes and mounts all its key widgets whenever the screen's bindings may have
changed (every focus change, several times per change), which cost 50-100 ms per prompt answered
on a 100,000-segment review (the prompt's Input hides the one-letter keys while it has focus).
This one draws the same keys but compares what would be shown with what is shown: the same keys
cost nothing, a subset of the keys already there (the prompt opening) only hides the others (in
the same layout pass as the focus change), and anything else falls back to the stock rebuild.
"""
from __future__ import annotations

from collections import defaultdict

from textual.widgets import Footer
from textual.widgets._footer import FooterKey

Entry = tuple  # (key, key display, description, action, disabled, tooltip, command palette key)


class ReviewFooter(Footer):
    """Same look as Footer; shows and hides its keys instead of recomposing when it can."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._pending = False

    def wanted(self) -> list[Entry] | None:
        """The keys the stock compose would yield now, in order; None when it would group keys
        (a layout this class leaves to the stock rebuild)."""
        screen = self.screen
        active = screen.active_bindings
        by_action: defaultdict[str, list] = defaultdict(list)
        for _node, binding, enabled, tooltip in active.values():
            if binding.show:
                by_action[binding.action].append((binding, enabled, tooltip))
        out: list[Entry] = []
        for multi in by_action.values():
            binding, enabled, tooltip = multi[0]
            if binding.group is not None:
                return None
            out.append((binding.key, self.app.get_key_display(binding), binding.description, binding.action,
                        not enabled, tooltip or None, False))
        if self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE:
            found = active.get(self.app.COMMAND_PALETTE_BINDING)
            if found is not None:
                _node, binding, enabled, _tooltip = found
                out.append((binding.key, self.app.get_key_display(binding), binding.description, binding.action,
                            not enabled, binding.tooltip or binding.description or None, True))
        return out

    @staticmethod
    def _entry(key: FooterKey) -> Entry:
        tip = key.tooltip
        return (key.key, key.key_display, key.description, key.action, key._disabled,
                str(tip) if tip else None, key.has_class("-command-palette"))

    def bindings_changed(self, screen) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if not (self.is_attached and screen is self.screen):
            return
        # keys hidden or shown at once change the layout in the same pass as the change of focus;
        # checked again after the refresh (as the stock footer does), rebuilt then if need be
        self._show_hide()
        if not self._pending:
            self._pending = True  # several changes before the next refresh: one check
            self.call_after_refresh(self._update_keys)

    def _show_hide(self) -> bool:
        """Show exactly the wanted keys if they are all mounted, in order; False if a rebuild is needed."""
        wanted = self.wanted()
        children = list(self.children)
        if wanted is None or not children or not all(isinstance(c, FooterKey) for c in children):
            return False
        plan, k = [], 0
        for c in children:
            take = k < len(wanted) and self._entry(c) == wanted[k]
            plan.append(take)
            k += take
        if k != len(wanted):
            return False
        for c, show in zip(children, plan):
            if c.display != show:
                c.display = show
        return True

    async def _update_keys(self) -> None:
        self._pending = False
        if self.is_attached and not self._show_hide():
            await self.recompose()
