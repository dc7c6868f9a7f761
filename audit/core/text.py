"""Shared text analysis primitives: word tokens with offsets, the script of a character or text.

Uses the ``regex`` module: ``re``'s ``\\w`` misses Devanagari and Arabic combining marks.
"""
from __future__ import annotations

import unicodedata
from collections import Counter
from functools import lru_cache
from typing import NamedTuple

import regex

from audit.core import lazyre

# A word: letters with their combining marks, digits, inner apostrophes and hyphens.
WORD_RE = lazyre.compile(r"[\p{L}\p{M}\p{N}]+(?:['’\-][\p{L}\p{M}\p{N}]+)*")
LETTER_RE = lazyre.compile(r"[\p{L}\p{M}]")
HAN_KANA_RE = lazyre.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}]")

# Which scripts are spaceless or caseless: audit/lang/data/scripts.toml (audit.lang.profiles).
_SCRIPT_NAMES = (
    "Latin", "Cyrillic", "Greek", "Arabic", "Hebrew", "Han", "Hiragana", "Katakana", "Hangul",
    "Devanagari", "Bengali", "Thai", "Georgian", "Armenian", "Ethiopic", "Tamil", "Telugu",
    "Kannada", "Malayalam", "Gujarati", "Gurmukhi", "Oriya", "Sinhala", "Khmer", "Lao",
    "Myanmar", "Tibetan", "Syriac", "Thaana",
)
_SCRIPT_RES = [(name, regex.compile(rf"\p{{Script={name}}}")) for name in _SCRIPT_NAMES]


class Token(NamedTuple):
    """A word and its offsets (a named tuple: built for every word of every segment, and
    cheaper to build than a frozen dataclass)."""

    start: int
    end: int
    text: str


def strip_span(text: str, start: int = 0, end: int | None = None) -> tuple[int, int]:
    """``(start, end)`` narrowed so that ``text[start:end]`` has no outer whitespace (an empty
    span at ``end`` when there is only whitespace)."""
    end = len(text) if end is None else end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def words(text: str) -> list[Token]:
    new = tuple.__new__  # Token(start, end, text) without the named tuple's Python __new__
    return [new(Token, (*m.span(), m.group())) for m in WORD_RE.finditer(text)]


@lru_cache(maxsize=65536)
def char_script(ch: str) -> str:
    """The Unicode script of one character ('Common' for punctuation, digits, spaces)."""
    for name, rx in _SCRIPT_RES:
        if rx.match(ch):
            return name
    if unicodedata.category(ch)[0] in "LM":
        return "Other"
    return "Common"


def script_counts(text: str) -> dict[str, int]:
    """Letters per script, scripts in the order their first letter comes (the letters are counted
    by ``Counter``, whose keys keep first-occurrence order, then summed per script)."""
    if text.isascii():  # ASCII letters are all Latin
        n = sum(map(str.isalpha, text))
        return {"Latin": n} if n else {}
    counts: dict[str, int] = {}
    for ch, n in Counter(filter(str.isalpha, text)).items():
        s = char_script(ch)
        counts[s] = counts.get(s, 0) + n
    return counts


def main_script(text: str) -> str | None:
    """The script of most letters (None when the text has no letters); ties go alphabetically."""
    counts = script_counts(text)
    if not counts:
        return None
    return max(sorted(counts), key=lambda s: counts[s])


def letters_only_casefold(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKC", text).casefold() if ch.isalpha())
