"""Clauses of a segment: the units that omission and addition checks (``audit.checks.families.omission``)
leave out one at a time.

``clauses(text, lang)`` cuts a segment at clause punctuation (commas, semicolons, colons, dashes,
parentheses, the CJK 、，；：) and before a few coordinating conjunctions of the language (``and``,
``but``, ``und``, ``et``, ``и`` ...), and returns the (start, end) spans of the pieces, stripped of
spaces and of the cutting punctuation. Pieces with fewer than ``min_letters`` letters (an
ideograph, kana or Hangul syllable counting 3) are merged into their neighbour, so a clause is
something a translation could carry or drop. Offsets are Python string indices; deterministic.
"""
from __future__ import annotations

import itertools

import regex

from audit.core import lazyre

# coordinating conjunctions that start a clause (lower case, whole words)
CONJUNCTIONS: dict[str, tuple[str, ...]] = {
    "en": ("and", "but", "while", "whereas", "because", "although", "which", "who"),
    "es": ("y", "pero", "mientras", "aunque", "porque"),
    "fr": ("et", "mais", "tandis", "car", "parce"),
    "de": ("und", "aber", "während", "weil", "obwohl", "sondern"),
    "it": ("e", "ma", "mentre", "perché", "sebbene"),
    "pt": ("e", "mas", "enquanto", "porque", "embora"),
    "ru": ("и", "но", "а", "хотя", "потому", "который", "которая", "которые"),
    "uk": ("і", "й", "та", "але", "а", "хоча", "тому", "який", "яка", "які"),
    "pl": ("i", "ale", "a", "choć", "ponieważ", "który", "która", "które"),
    "tr": ("ve", "ama", "fakat", "ancak"),
    "vi": ("và", "nhưng", "trong khi", "vì"),
    "he": (),
    "ar": (),
    "fa": (),
    "hi": ("और", "लेकिन", "जबकि"),
}
_CUT = lazyre.compile(r"[,;:，、；：()（）\[\]\u2013\u2014]|\s-\s")
_WIDE = lazyre.compile(r"[\p{Han}\p{Hangul}\p{Hiragana}\p{Katakana}]")
_LETTER = lazyre.compile(r"\p{L}")
_TRIM = lazyre.compile(r"^[\s\p{P}]+|[\s\p{P}]+$")
MIN_LETTERS = 12


def weight(text: str) -> int:
    """Letters, an ideograph, kana or Hangul syllable counting 3."""
    return len(_LETTER.findall(text)) + 2 * len(_WIDE.findall(text))


def _conj_re(lang: str | None):
    words = CONJUNCTIONS.get((lang or "").split("-")[0].lower(), ())
    if not words:
        return None
    alts = "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True))
    return regex.compile(rf"(?<=\s)(?:{alts})(?=\s)", regex.IGNORECASE)


def _trim(text: str, s: int, e: int) -> tuple[int, int] | None:
    piece = text[s:e]
    m = _TRIM.search(piece)
    lead = len(m.group()) if m and m.start() == 0 else 0
    tail = 0
    for mm in _TRIM.finditer(piece):
        if mm.end() == len(piece) and mm.start() > 0:
            tail = len(mm.group())
    s2, e2 = s + lead, e - tail
    return (s2, e2) if e2 > s2 else None


def clauses(text: str, lang: str | None = None, min_letters: int = MIN_LETTERS) -> list[tuple[int, int]]:
    """Clause spans of ``text`` in order (see the module doc); one span for a text with no cut."""
    if not text or not text.strip():
        return []
    cuts = {0, len(text)}
    for m in _CUT.finditer(text):
        cuts.add(m.start())
        cuts.add(m.end())
    conj = _conj_re(lang)
    if conj is not None:
        for m in conj.finditer(text):
            cuts.add(m.start())
    bounds = sorted(cuts)
    pieces = [p for p in (_trim(text, a, b) for a, b in itertools.pairwise(bounds)) if p]
    merged: list[tuple[int, int]] = []
    for s, e in pieces:
        if merged and (weight(text[merged[-1][0]:merged[-1][1]]) < min_letters or weight(text[s:e]) < min_letters):
            merged[-1] = (merged[-1][0], e)
        else:
            merged.append((s, e))
    if len(merged) > 1 and weight(text[merged[-1][0]:merged[-1][1]]) < min_letters:
        last = merged.pop()
        merged[-1] = (merged[-1][0], last[1])
    return merged


def without(text: str, spans: list[tuple[int, int]], k: int) -> str:
    """``text`` with clause ``k`` of ``spans`` left out, with the punctuation that cut it from the
    clause before (or, for the first clause, up to the next clause); the final punctuation stays."""
    s, e = spans[k]
    if k > 0:
        s = spans[k - 1][1]
    elif len(spans) > 1:
        e = spans[1][0]
    left, right = text[:s].rstrip(), text[e:].lstrip()
    if not left or not right:
        return (left + right).strip()
    spaced = not (_WIDE.search(left[-1:]) or _WIDE.search(right[:1])) and right[:1].isalnum()
    return left + (" " if spaced else "") + right
