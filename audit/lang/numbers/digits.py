"""Digits of every script as ASCII, the number-shaped regular expressions, and value keys.

Part of ``audit.lang.numbers`` (see the package docstring)."""
from __future__ import annotations

import unicodedata

import regex

from audit.core import lazyre


class _DigitTable(dict):
    """``str.translate`` table mapping any Unicode decimal digit to its ASCII digit."""

    def __missing__(self, code: int):
        ch = chr(code)
        d = unicodedata.decimal(ch, None)
        value = str(d) if d is not None else None
        self[code] = value if value is not None else code
        return self[code]


_DIGITS = _DigitTable()


def ascii_digits(text: str) -> str:
    return text.translate(_DIGITS)


HAS_DIGIT = lazyre.compile(r"\p{Nd}")

# A run of digits with inner separators. Spaces (ASCII, NBSP, narrow NBSP, thin) only join a
# following group of exactly three digits; colons and slashes join times and dates.
_SPACE_SEPS = " \u00a0\u202f\u2009"
NUM_RE = lazyre.compile(
    r"\p{Nd}+(?:(?:[.,'’٫٬،:/]|[ \u00a0\u202f\u2009](?=\p{Nd}{3}(?!\p{Nd})))\p{Nd}+)*"
)
# the same without spaces, without colons; a decimal piece; digits grouped by spaces; a separator;
# letters of a cased alphabet (glued to digits they make a name)
NUM_NOSPACE_RE, NUM_NOCOLON_RE, _DECIMAL_PIECE, _SPACE_GROUPS, _SEP_SPLIT, _ALPHA_SCRIPTS = (
    regex.compile(p) for p in (
        r"\p{Nd}+(?:[.,'’٫٬،:/]\p{Nd}+)*", r"\p{Nd}+(?:[.,'’٫٬،]\p{Nd}+)*", r"\p{Nd}[.,٫]\p{Nd}",
        r"\p{Nd}{1,3}(?:[ \u00a0\u202f\u2009]\p{Nd}{3})+(?:[.,٫]\p{Nd}+)?", r"([^\p{Nd}])",
        r"[\p{Latin}\p{Cyrillic}\p{Greek}]"))


def _key(v: float) -> float:
    """A value normalised for comparison (absorbs float noise such as 21.7 * 1e6)."""
    if isinstance(v, int):
        return float(v)
    if v.is_integer() and abs(v) < 1e15:
        return v
    return float(f"{v:.14g}")
