"""Shared text analysis primitives: word tokens with offsets, the script of a character or text.

Uses the ``regex`` module: ``re``'s ``\\w`` misses Devanagari and Arabic combining marks.
"""
from __future__ import annotations

import unicodedata
from bisect import bisect_left
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


# Texts shorter than this are searched as they are (``w in text``): an index only pays on long ones.
_INDEX_FROM = 4096
_CAPITALISED = lazyre.compile(r"\p{Lu}[\p{Ll}\p{M}]*")
_LOWER = lazyre.compile(r"[\p{Ll}\p{M}]+")
# lower-case runs up to this long are indexed by their suffixes; longer ones are searched as they are
_SUFFIXED_RUN = 40


class _Contains:
    """``w in text`` for the many words one check looks for in one long text (issue 15: every
    name of a 1 MB segment looked for in the whole other side). The same answer as ``w in text``:
    each word is searched once (remembered); a capitalised word (a capital, then lower-case letters
    or marks) can only occur as the start of one of the text's capitalised runs, and a lower-case
    word inside one of its lower-case runs, so those are looked up in sorted lists (bisection)."""

    __slots__ = ("_caps", "_long", "_seen", "_suffixes", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self._seen: dict[str, bool] = {}
        self._caps: list[str] | None = None
        self._suffixes: list[str] | None = None
        self._long = ""

    def __contains__(self, w: str) -> bool:
        got = self._seen.get(w)
        if got is None:
            if w and _CAPITALISED.fullmatch(w):
                if self._caps is None:
                    self._caps = sorted(set(_CAPITALISED.findall(self.text)))
                got = _has_prefix(self._caps, w)
            elif w and _LOWER.fullmatch(w):
                if self._suffixes is None:
                    self._index_lower()
                got = _has_prefix(self._suffixes, w) or w in self._long
            else:
                got = w in self.text
            self._seen[w] = got
        return got

    def _index_lower(self) -> None:
        runs = set(_LOWER.findall(self.text))
        short = [r for r in runs if len(r) <= _SUFFIXED_RUN]
        self._suffixes = sorted({r[i:] for r in short for i in range(len(r))})
        self._long = "\x00".join(sorted(r for r in runs if len(r) > _SUFFIXED_RUN))


def _has_prefix(ordered: list[str], w: str) -> bool:
    """Does a string of ``ordered`` (sorted) start with ``w``?"""
    i = bisect_left(ordered, w)
    return i < len(ordered) and ordered[i].startswith(w)


@lru_cache(maxsize=4)
def _contains(text: str) -> _Contains:
    return _Contains(text)


def substring_test(text: str) -> str | _Contains:
    """Something to test ``w in`` that gives what ``w in text`` gives: ``text`` itself when short,
    else an index of it shared by the checks of the pair (see ``_Contains``)."""
    return text if len(text) < _INDEX_FROM else _contains(text)
