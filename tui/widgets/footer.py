"""Textual's Footer, without rebuilding its keys on every focus change.

The stock Footer removes and mounts all its key widgets whenever the screen's bindings may have
changed (every focus change, several times per change), which cost 50-100 ms per prompt answered
on a 100,000-segment review (the prompt's Input hides the one-letter keys while it has focus).
This one draws the same keys but compares what would be shown with what is shown: the same keys
cost nothing, a subset of the keys already there (the prompt opening) only hides the others, and
anything else falls back to the stock rebuild.
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
        if self.is_attached and screen is self.screen and not self._pending:
            self._pending = True  # several changes before the next refresh: one update
            self.call_after_refresh(self._update_keys)

    async def _update_keys(self) -> None:
        self._pending = False
        if not self.is_attached:
            return
        wanted = self.wanted()
        children = list(self.children)
        if wanted is not None and children and all(isinstance(c, FooterKey) for c in children):
            have = [self._entry(c) for c in children]
            shown = [e for e, c in zip(have, children) if c.display]
            if shown == wanted:
                return
            # the wanted keys in the order they are mounted: show those, hide the rest
            plan, k = [], 0
            for e in have:
                take = k < len(wanted) and e == wanted[k]
                plan.append(take)
                k += take
            if k == len(wanted):
                for c, show in zip(children, plan):
                    if c.display != show:
                        c.display = show
                return
        await self.recompose()
