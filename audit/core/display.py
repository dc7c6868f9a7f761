"""Making untrusted text safe to show (segment text, ids, language codes, file names): control,
escape, bidi-override and other invisible format characters become visible placeholders,
never interpreted. Used by the text report and the TUI.

``visible(text)`` maps each character to its display form and returns the display string and
an index map, so spans on the original text can be drawn on the display text.
"""
from __future__ import annotations

import unicodedata

# Characters that reorder or hide text; shown as <U+XXXX>.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")
INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad")


def char_display(ch: str, keep_newlines: bool = False) -> str:
    if ch == "\t":
        return "→"
    if ch == "\n":
        return "\n" if keep_newlines else "⏎"
    if ch == "\r":
        return "␍"
    if ch == "\x1b":
        return "␛"
    if ch in BIDI_CONTROLS or ch in INVISIBLE:
        return f"<U+{ord(ch):04X}>"
    cat = unicodedata.category(ch)
    # Cf: format characters that draw nothing, among them the tag characters U+E0000-E007F that
    # can smuggle invisible ASCII text; Zl/Zp: line and paragraph separators
    if cat in ("Cc", "Cs", "Co", "Cn", "Cf") or cat == "Zl" or cat == "Zp":
        code = ord(ch)
        if code < 0x20:
            return chr(0x2400 + code)  # control pictures ␀..␟
        return f"<U+{code:04X}>"
    return ch


def visible(text: str, keep_newlines: bool = False) -> tuple[str, list[int]]:
    """(display text, index map): ``index_map[i]`` is where original index i starts on display;
    the map has ``len(text) + 1`` entries so that an end offset maps too."""
    out = []
    if text.isprintable():
        return text, list(range(len(text) + 1))
    index_map = []
    pos = 0
    for ch in text:
        index_map.append(pos)
        d = char_display(ch, keep_newlines)
        out.append(d)
        pos += len(d)
    index_map.append(pos)
    return "".join(out), index_map


def safe(text: str) -> str:
    return text if text.isprintable() else visible(text)[0]
