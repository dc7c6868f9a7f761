"""Rich ``Text`` building for the review app: segment text made safe and highlighted, list rows.

Segment text is untrusted data: it is made visible with ``audit.core.display.visible`` (controls,
escapes, bidi overrides become placeholders) and put into ``rich.text.Text`` objects, never
into markup strings, so ``[bold]`` or ``[link=...]`` in a segment is shown as typed. Spans are
placed through ``visible``'s index map; widths are cell widths (CJK counts two).
"""
from __future__ import annotations

import unicodedata
from collections.abc import Iterable

import regex
from rich.cells import cell_len, set_cell_size
from rich.style import Style
from rich.text import Text

from audit.core.display import visible
from audit.core.model import Flag, Severity

# One colour per severity, far apart in hue and chosen so that a 16-colour terminal still shows
# four different colours (Rich downgrades them to bright red, bright yellow, bright blue and grey);
# a letter says the severity too, so colour is never the only cue.
SEVERITY_COLOR = {Severity.MINOR: "#4da6ff", Severity.MAJOR: "#ffc107", Severity.CRITICAL: "#ff3b30"}
NEUTRAL_COLOR = "#9e9e9e"  # flags that no longer count (all dismissed)
SEVERITY_MARK = {Severity.MINOR: "m", Severity.MAJOR: "M", Severity.CRITICAL: "C"}
NEUTRAL_MARK = "-"
# the mark as a badge: dark letter on the severity colour, visible on any row background (the cursor row too)
SEVERITY_BADGE = {sev: Style(color="black", bgcolor=c, bold=True) for sev, c in SEVERITY_COLOR.items()}
NEUTRAL_BADGE = Style(color="black", bgcolor=NEUTRAL_COLOR)
SPAN_STYLE = {
    Severity.MINOR: Style(color="black", bgcolor=SEVERITY_COLOR[Severity.MINOR]),
    Severity.MAJOR: Style(color="black", bgcolor=SEVERITY_COLOR[Severity.MAJOR]),
    Severity.CRITICAL: Style(color="white", bgcolor=SEVERITY_COLOR[Severity.CRITICAL], bold=True),
}
RELATED_STYLE = {
    Severity.MINOR: Style(underline=True, color=SEVERITY_COLOR[Severity.MINOR]),
    Severity.MAJOR: Style(underline=True, color=SEVERITY_COLOR[Severity.MAJOR], bold=True),
    Severity.CRITICAL: Style(underline=True, color=SEVERITY_COLOR[Severity.CRITICAL], bold=True),
}
DISMISSED_STYLE = Style(strike=True, dim=True)
SELECTED_STYLE = Style(reverse=True, bold=True, underline=True)
INSERT_MARK = "‸"

# Characters that ``audit.core.display.visible`` would replace: text without any is shown as it is.
_NEEDS_ESCAPE = regex.compile(
    r"[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c"
    r"\u200b-\u200d\u2060\ufeff\u00ad]")


def shown(text: str, keep_newlines: bool = False) -> tuple[str, list[int] | None]:
    """``visible(text)`` with a fast path: (text, None) when nothing needs replacing (identity map)."""
    if not _NEEDS_ESCAPE.search(text):
        return text, None
    return visible(text, keep_newlines)


def is_rtl(text: str) -> bool:
    """True when the first strong directional letter of ``text`` is right-to-left."""
    for ch in text[:200]:
        bidi = unicodedata.bidirectional(ch)
        if bidi in ("R", "AL"):
            return True
        if bidi == "L":
            return False
    return False


def side_text(text: str, side: str, flags: Iterable[tuple[Flag, str | None]], selected: Flag | None = None) -> Text:
    """``text`` made visible, with the spans of ``flags`` on ``side`` highlighted.

    ``flags`` yields (flag, review status). A flag's spans on its primary side get the severity
    background; its related spans get an underline in the severity colour; dismissed flags are
    struck through; the selected flag is drawn reversed on top. An empty span (an insertion
    point) is marked with a caret.
    """
    disp, imap = shown(text, keep_newlines=True)
    if imap is None:
        imap = range(len(text) + 1)
    inserts: list[tuple[int, Style]] = []
    styles: list[tuple[int, int, Style, int]] = []  # start, end, style, layer

    for flag, status in flags:
        is_sel = selected is not None and flag.fingerprint == selected.fingerprint
        for sp in flag.spans:
            if sp.side != side:
                continue
            primary = flag.spans[0].side == side  # spans on the primary side; the other side's are related
            if status == "dismissed":
                style, layer = DISMISSED_STYLE, 0
            elif primary:
                style, layer = SPAN_STYLE[flag.severity], int(flag.severity)
            else:
                style, layer = RELATED_STYLE[flag.severity], int(flag.severity)
            if is_sel:
                style, layer = style + SELECTED_STYLE, 10
            start, end = imap[min(sp.start, len(text))], imap[min(sp.end, len(text))]
            if start == end:
                inserts.append((start, style))
            else:
                styles.append((start, end, style, layer))
    if inserts:
        # insert carets from the right so earlier offsets stay valid
        shift_points = sorted({pos for pos, _ in inserts})
        for pos in reversed(shift_points):
            disp = disp[:pos] + INSERT_MARK + disp[pos:]
        def shift(x: int, inclusive_end: bool = False) -> int:
            return x + sum(1 for p in shift_points if p < x or (p == x and inclusive_end))
        styles = [(shift(s), shift(e, True) if e > s else shift(e), st, ly) for s, e, st, ly in styles]
        for pos, st in inserts:
            at = shift(pos)
            styles.append((at, at + 1, st, 9))
    out = Text(disp, no_wrap=False, overflow="fold")
    for start, end, style, _layer in sorted(styles, key=lambda x: x[3]):
        out.stylize(style, start, end)
    return out


def id_cell(segment_id: str, width: int) -> str:
    """A segment id made visible, right-aligned in ``width`` cells, cut with an ellipsis when longer."""
    text = shown(segment_id)[0]
    n = cell_len(text)
    if n > width:
        return set_cell_size(text, width - 1) + "…"
    return " " * (width - n) + text


def first_words(text: str | None, limit: int = 200) -> str:
    """The start of a segment, one line, made visible."""
    if not text:
        return ""
    return shown(" ".join(text[: limit * 2].split())[:limit])[0]


def severity_mark(sev: Severity | None) -> Text:
    """The severity letter as a badge (a space for none)."""
    if sev is None:
        return Text(" ")
    return Text(SEVERITY_MARK[sev], style=SEVERITY_BADGE[sev])


QUOTE_LIMIT = 60  # characters of a flagged text quoted in the flag list


def quote(text: str, limit: int = QUOTE_LIMIT) -> str:
    """``text`` made visible, cut at ``limit`` characters with an ellipsis when longer."""
    if len(text) <= limit:
        return visible(text)[0]
    return visible(text[:limit])[0] + "…"


def flag_line(flag: Flag, status: str | None, note: str | None, text: str) -> Text:
    """One line of the flag list: severity, code, category, message, the flagged text, status."""
    t = Text()
    t.append(SEVERITY_MARK[flag.severity], style=SEVERITY_BADGE[flag.severity])
    t.append(f" {flag.severity.label:<8}", style=SEVERITY_COLOR[flag.severity])
    t.append(f" {flag.code} ", style="bold")
    t.append(f"{flag.category}  ", style="dim")
    t.append(visible(flag.message)[0])
    p = flag.primary
    if p is not None and p.end > p.start:
        snippet = quote(text[p.start:p.end])
        t.append("  «", style="dim")
        t.append(snippet, style="italic")
        t.append("»", style="dim")
    if status == "dismissed":
        t.stylize(DISMISSED_STYLE)
        t.append("  [dismissed]", style="bold green")
    elif status == "confirmed":
        t.append("  [confirmed]", style="bold magenta")
    if note:
        t.append(f"  note: {visible(note)[0]}", style="cyan")
    return t
