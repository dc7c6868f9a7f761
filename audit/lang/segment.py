"""Sentence segmentation with exact offsets, for many languages.

``sentence_spans(text, lang) -> [(start, end)]``: bounds of the sentences of ``text``, so that
``text[start:end]`` is each sentence with its outer whitespace trimmed. Rules:

- paragraphs (a blank line) are hard boundaries; so is every line break, except inside a block
  that looks hard-wrapped (long lines of similar length) and where a line ending without final
  punctuation is continued by a line starting in lower case;
- headings and list items (lines without final punctuation) are sentences of their own;
- a sentence ends after ``. ! ? …`` (and ``‼ ⁇ ⁈ ⁉``), the full-width ``。！？｡``, the Devanagari
  danda ``। ॥``, the Arabic question mark ``؟`` and the Urdu full stop ``۔``, with closing quotes
  and brackets kept on the left; full-width marks need no following space;
- not before a lower-case letter (``"Why?" she asked``, ``approx. five``), not after an
  abbreviation (``Dr.``, ``z. B.``, ``etc.`` before a lower-case word), an initial
  (``S. Rajaratnam``), an initialism (``U.S. Army``) or a day number in German dates
  (``am 3. Mai``), and never inside a number (``3.5``).
"""
from __future__ import annotations

from functools import lru_cache

import regex

from audit.core import lazyre
from audit.core.text import strip_span
from audit.lang.profiles import abbreviations_everywhere, profile

_CLOSERS = "\"'”’»)\\]}）」』】〕〉》›"
_TERMINATORS = ".!?…‼⁇⁈⁉。！？｡।॥؟۔"
_FULLWIDTH_TERM = "。！？｡"
# A candidate boundary: terminators, optional closers, then whitespace or (after a full-width
# terminator) directly the next character.
_CANDIDATE = lazyre.compile(
    r"[" + regex.escape(_TERMINATORS) + r"]++(?:[" + regex.escape(_CLOSERS) + r"]|[ \u00a0\u202f][»›])*+"
    r"(?:[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+|(?<=[" + _FULLWIDTH_TERM + r"][" + regex.escape(_CLOSERS) + r"]*)(?=\S))"
)
_QUICK = lazyre.compile(r"[" + regex.escape(_TERMINATORS) + r"\n]")
# a paragraph break, a CJK letter, a lower-case start, the word before a point, the next word,
# an initialism (U.S., e.g.)
_PARA, _CJK_LETTER, _LOWER_START, _WORD_BEFORE, _NEXT_WORD, _INITIALISM = (regex.compile(p) for p in (
    r"\n[ \t\r\f\v\u00a0\u3000]*\n\s*", r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]", r"\p{Ll}",
    r"[\p{L}\p{M}\p{N}.\-'’]*$", r"[\p{L}\p{M}]+", r"(?:\p{Lu}\.)+\p{Lu}?\.?$|(?:\p{L}\.){2,}$"))

_DE_MONTHS = frozenset(
    "januar jänner februar märz april mai juni juli august september oktober november dezember".split())
# Words that, capitalised after an initialism like "U.S.", signal a new sentence.
_STARTERS = frozenset("""
the a an it he she we they i this that these those there in on at but and or so yet if when
while after before as for however meanwhile then its his her their our my you what why how
who where el la los las un una en pero y der die das ein eine er sie es wir aber und le les
une il elle nous ils mais et il lo gli si ma o os as um uma mas""".split())


def _abbreviations(lang: str | None) -> frozenset[str]:
    """Abbreviations after which a full stop practically never ends a sentence (titles, "e.g."),
    lower-cased and without their final dot: the common ones and the language's (its profile)."""
    return _no_break(profile(lang).no_break)


@lru_cache(maxsize=64)
def _no_break(words: frozenset[str]) -> frozenset[str]:
    return frozenset(w.rstrip(".") for w in words)


def _no_break_after_dot(text: str, dot: int, nxt: int, lang: str | None) -> bool:
    """True when the '.' at index ``dot`` does not end a sentence; ``nxt`` starts the next word."""
    m = _WORD_BEFORE.search(text, max(0, dot - 40), dot)
    word = m.group() if m else ""
    word = word.lstrip("-'’")
    if not word:
        return False
    low = word.lower()
    nm = _NEXT_WORD.match(text, nxt)
    nword = nm.group() if nm else ""
    enders = abbreviations_everywhere("sentence_enders")  # may end a sentence, in any language
    if low in enders or low.rstrip(".") in enders:
        return not (nword[:1].isupper())
    if low in _abbreviations(lang) or low.rstrip(".") in _abbreviations(lang):
        return True
    if len(word) == 1 and word.isalpha() and word.isupper():
        return True  # an initial: "S. Rajaratnam", "J. R. R. Tolkien"
    if _INITIALISM.search(word) and "." in word:
        # "U.S. Army" stays together; "in the U.S. The next day" splits.
        return nword.lower() not in _STARTERS
    if word.isdigit() and len(word) <= 2 and lang == "de" and nword.lower() in _DE_MONTHS:
        return True  # "am 3. Mai"
    return False


def _split_unit(text: str, start: int, end: int, lang: str | None, out: list[tuple[int, int]]) -> None:
    """Split ``text[start:end]`` (one line or one wrapped block) into sentences, appending trimmed spans."""
    pos = start
    for m in _CANDIDATE.finditer(text, start, end):
        cut = m.end()
        if cut >= end:
            break
        # the terminators and closers, without the whitespace
        mark_end = m.end()
        while mark_end > m.start() and text[mark_end - 1].isspace():
            mark_end -= 1
        nxt = cut
        ch = text[nxt]
        if _LOWER_START.match(ch):
            continue  # "Why?" she asked / approx. five
        if ch in "，、,;:)" or ch.isspace():
            continue
        k = mark_end
        while k > m.start() and (text[k - 1] in _CLOSERS or text[k - 1] in " \u00a0\u202f"):
            k -= 1
        term = text[m.start():k]
        if term[-1] == "." and not term.endswith("..") and _no_break_after_dot(text, k - 1, nxt, lang):
            continue
        if term[-1] in _FULLWIDTH_TERM and k < mark_end and _CJK_LETTER.match(ch):
            continue  # a quote inside a sentence: 「行く。」と言った, 「好的。」他说
        _append(text, pos, mark_end, out)
        pos = cut
    _append(text, pos, end, out)


def _append(text: str, start: int, end: int, out: list[tuple[int, int]]) -> None:
    start, end = strip_span(text, start, end)
    if end > start:
        out.append((start, end))


_TERM_END = lazyre.compile(r"[" + regex.escape(_TERMINATORS) + r"][" + regex.escape(_CLOSERS) + r"]*\s*$")


def _lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out = []
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        if nl < 0:
            nl = end
        out.append((pos, nl))
        pos = nl + 1
    return out


def _wrapped(text: str, lines: list[tuple[int, int]]) -> bool:
    """A block of long lines of similar length (hard-wrapped prose)."""
    if len(lines) < 2:
        return False
    lens = [len(text[s:e].rstrip()) for s, e in lines[:-1]]
    longest = max(lens)
    return longest >= 50 and min(lens) >= 0.7 * longest


def _split_block(text: str, start: int, end: int, lang: str | None, out: list[tuple[int, int]]) -> None:
    if text.find("\n", start, end) < 0:
        _split_unit(text, start, end, lang, out)
        return
    lines = _lines(text, start, end)
    wrapped = _wrapped(text, lines)
    unit_start = lines[0][0]
    for idx, (s, e) in enumerate(lines):
        last = idx == len(lines) - 1
        if not last:
            ns, ne = lines[idx + 1]
            nxt = text[ns:ne].lstrip()
            line = text[s:e]
            # a line break continues the sentence only in wrapped prose, before a lower-case word,
            # after a line that does not end a sentence
            if wrapped and nxt and _LOWER_START.match(nxt) and not _TERM_END.search(line):
                continue
        _split_unit(text, unit_start, e, lang, out)
        if not last:
            unit_start = lines[idx + 1][0]


# What may stand between a sentence end (or a line start) and the sentence's first word.
_STARTS_SENTENCE = lazyre.compile(r"(?:^|[.!?:;…。！？]\s*|\n)[\"“«„‘'(\[¿¡\s]*$")


def starts_sentence(text: str, pos: int) -> bool:
    """Does the word at ``pos`` begin a sentence (or a line), after any opening quote or bracket?"""
    return pos == 0 or bool(_STARTS_SENTENCE.search(text[max(0, pos - 8):pos]))


def sentence_spans(text: str, lang: str | None = None) -> list[tuple[int, int]]:
    """Sentence bounds within ``text``: ``text[start:end]`` is a sentence, outer whitespace trimmed."""
    if lang:
        lang = lang.replace("_", "-").split("-")[0].lower()
    out: list[tuple[int, int]] = []
    n = len(text)
    if not _QUICK.search(text, 0, max(0, n - 1)) and "\n" not in text:
        _append(text, 0, n, out)  # common case: one sentence, no inner terminator
        return out
    pos = 0
    for m in _PARA.finditer(text):
        _split_block(text, pos, m.start(), lang, out)
        pos = m.end()
    _split_block(text, pos, n, lang, out)
    return out


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Bounds of paragraphs (separated by blank lines), outer whitespace trimmed."""
    out: list[tuple[int, int]] = []
    pos = 0
    for m in _PARA.finditer(text):
        _append(text, pos, m.start(), out)
        pos = m.end()
    _append(text, pos, len(text), out)
    return out


def sentences(text: str, lang: str | None = None) -> list[str]:
    return [text[s:e] for s, e in sentence_spans(text, lang)]
