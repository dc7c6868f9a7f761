"""The current pair side by side: source | target (| reference), wrapped, spans highlighted."""
from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Static

from audit.core.display import safe
from audit.core.model import Flag, PairResult

from ..render import is_rtl, side_text, visible


class PairView(VerticalScroll):
    """Source, target and reference panes; each a Static holding a Rich Text (cell-width wrapping)."""

    DEFAULT_CSS = """
    PairView { height: 1fr; }
    PairView > Horizontal { height: auto; }
    PairView .pane { width: 1fr; height: auto; padding: 0 1; }
    PairView .pane-title { color: $text-muted; text-style: bold; }
    PairView #reference { display: none; }
    PairView.with-reference #reference { display: block; }
    PairView #note { height: auto; color: $text-muted; padding: 0 1; display: none; }
    PairView.with-note #note { display: block; }
    """

    def compose(self) -> ComposeResult:
        yield Static(id="note")
        with Horizontal():
            yield Static(id="source", classes="pane")
            yield Static(id="target", classes="pane")
            yield Static(id="reference", classes="pane")

    def show(self, seg: PairResult | None, statuses: dict[str, str | None], selected: Flag | None,
             original_target: str | None = None, edited: bool = False) -> None:
        src = self.query_one("#source", Static)
        tgt = self.query_one("#target", Static)
        ref = self.query_one("#reference", Static)
        note = self.query_one("#note", Static)
        if seg is None:
            src.update(Text("No segment to show.", style="dim"))
            tgt.update(Text(""))
            self.set_class(False, "with-reference")
            self.set_class(False, "with-note")
            return
        pair = seg.pair
        flags = [(f, statuses.get(f.fingerprint)) for f in seg.flags]
        src.update(self._pane(f"SOURCE {safe(pair.source_lang or '')}", side_text(pair.source, "source", flags, selected)))
        title = f"TARGET {safe(pair.target_lang or '')}" + ("  (post-edited)" if edited else "")
        if pair.target is None:
            body = Text("(no target)", style="italic dim")
        else:
            body = side_text(pair.target, "target", flags, selected)
        tgt.update(self._pane(title, body))
        # right-to-left text is aligned right (the terminal orders the characters)
        src.styles.text_align = "right" if is_rtl(pair.source) else "left"
        tgt.styles.text_align = "right" if pair.target and is_rtl(pair.target) else "left"
        has_ref = bool(pair.references)
        self.set_class(has_ref, "with-reference")
        if has_ref:
            refs = Text()
            for k, r in enumerate(pair.references):
                if k:
                    refs.append("\n")
                refs.append_text(side_text(r, f"reference{k}", flags, selected))
            shown = [f"{label} {seg.scores[key]:.1f}" for key, label in
                     (("chrf", "chrF"), ("bleu", "BLEU"), ("ter", "TER")) if isinstance(seg.scores.get(key), (int, float))]
            ref.update(self._pane("REFERENCE  " + "  ".join(shown), refs))
        extra = []
        if pair.note:
            extra.append(("note: ", visible(pair.note)[0]))
        if edited and original_target is not None:
            extra.append(("original target: ", visible(original_target)[0]))
        self.set_class(bool(extra), "with-note")
        if extra:
            t = Text()
            for k, (label, value) in enumerate(extra):
                if k:
                    t.append("\n")
                t.append(label, style="bold")
                t.append(value)
            note.update(t)
        self.scroll_home(animate=False)

    @staticmethod
    def _pane(title: str, body: Text) -> Text:
        t = Text(title.strip() + "\n", style="dim bold", justify="left")
        out = Text()
        out.append_text(t)
        out.append_text(body)
        return out
