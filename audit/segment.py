"""Sentence segmentation with exact offsets.

``sentence_spans(text, lang)`` returns (start, end) bounds of sentences within ``text``:
boundaries after . ! ? … and their full-width, Devanagari and Arabic counterparts, with
closing quotes and brackets kept on the left; not after abbreviations, initials or decimals.
"""
from __future__ import annotations

import regex

_TERMINATORS = ".!?…。！？।॥؟۔"
_BOUNDARY = regex.compile(
    r"(?<=[" + regex.escape(_TERMINATORS) + r"][\"'”’»)\]）」』]*)(\s+)(?=\S)|(?<=[。！？])(?=\S)"
)
# Words after which a full stop does not end a sentence (lower-cased, without the dot).
ABBREVIATIONS = frozenset("""
mr mrs ms dr prof sr sra srta jr st mt no nr nos vol vols fig figs p pp ed eds etc e.g i.e vs approx
dept est inc ltd co corp gen gov col lt sgt capt cmdr adm rev hon jan feb mar apr jun jul aug sep sept
oct nov dec u.s u.k u.n a.m p.m ca cf al ibid op cit art arts núm pág págs av avda dña dra sres ud uds
bzw usw z.b d.h ggf evtl nr hr fr frau str ca. mme mlle mm env cie éd ex sig sgg dott ecc pag
""".split())


def _is_abbrev(text: str, end: int) -> bool:
    """True when the '.' at ``end - 1`` belongs to an abbreviation, an initial or a number."""
    j = end - 1
    while j > 0 and text[j - 1] not in " \t\n(\"'«“":
        j -= 1
    word = text[j:end - 1]
    if not word:
        return False
    low = word.lower()
    if low in ABBREVIATIONS or low.rstrip(".") in ABBREVIATIONS:
        return True
    if len(word) == 1 and word.isalpha() and word.isupper():
        return True  # an initial: "S. Rajaratnam"
    if regex.fullmatch(r"(?:\p{Lu}\.)+\p{Lu}?", word):
        return True  # U.S. / U.S
    if word.isdigit() and len(word) <= 2 and end < len(text) and text[end:end + 1] == " " \
            and end + 1 < len(text) and text[end + 1].islower():
        return True  # ordinal "1. Mai" style followed by lowercase
    return False


def sentence_spans(text: str, lang: str | None = None) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    n = len(text)
    while start < n and text[start].isspace():
        start += 1
    for m in _BOUNDARY.finditer(text):
        cut = m.start()
        if cut <= start:
            continue
        # find the terminator before closing quotes
        k = cut
        while k > start and text[k - 1] in "\"'”’»)]）」』":
            k -= 1
        if k > start and text[k - 1] == "." and _is_abbrev(text, k):
            continue
        end = cut
        spans.append((start, end))
        start = m.end()
    end = n
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))
    return spans
