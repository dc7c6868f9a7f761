"""Sound keys for names across scripts: is a Latin name heard in a text of another script?

``sound_key(text)`` romanises any script (``names.romanize_any``: anyascii beyond Latin, Cyrillic
and Greek) and keeps one class letter per consonant sound, vowels and glides dropped, repeats
collapsed: Liverpool / 리버풀 / ליברפול -> RBRBR... ``heard_in(name, text)`` looks for the key of
each word of ``name`` (``name_keys``) in the keys of the other text's words (a word of one script at a time, so a
Japanese katakana run or an Arabic word with its attached prefix is one word), allowing one
error in keys of six to eight classes and two in longer ones, in words at most three classes
longer than the name (an attached prefix or case ending); a longer word (a run of Han or Thai
letters) must hold the key exactly. Rough on purpose: used to keep a
transliterated name (Willoughby / ويلوبي, Cromwell / クロムウェル) from counting as new.
"""
from __future__ import annotations

from functools import lru_cache

import regex

from audit.core import lazyre
from audit.lang.names import romanize_any

# patterns the calls below used to look up in regex's cache on every call
_HEBREW_RE = lazyre.compile(r"\p{Hebrew}")
_HANGUL_RE = lazyre.compile(r"\p{Hangul}")
_HAN_THAI_KATAKANA_RE = lazyre.compile(r"[\p{Han}\p{Thai}\p{Katakana}]")
_ARABIC_HEBREW_RE = lazyre.compile(r"[\p{Arabic}\p{Hebrew}]")
_LETTERS_RUN_RE = lazyre.compile(r"[\p{L}\p{M}]+")

_CLASS = {**dict.fromkeys("bpfv", "B"), **dict.fromkeys("kgqcj", "K"), **dict.fromkeys("td", "T"),
          **dict.fromkeys("szx", "S"), **dict.fromkeys("lr", "R"), **dict.fromkeys("mn", "N")}
# one word of one script: katakana with its long-vowel mark, a run of Han, Hangul, Arabic...
_WORD = lazyre.compile(r"[\p{Katakana}ー]+|\p{Han}+|\p{Hangul}+|[\p{Arabic}\p{M}]+|[\p{Devanagari}\p{M}]+"
                      r"|[\p{Hebrew}\p{M}][\p{Hebrew}\p{M}'‘’׳]*|[\p{Thai}\p{M}]+|[\p{Cyrillic}\p{M}]+|[\p{Greek}\p{M}]+|[\p{Latin}\p{M}]+"
                      r"|[\p{Hiragana}]+|[\p{L}\p{M}]+")


@lru_cache(maxsize=100_000)
def sound_key(text: str) -> str:
    """Consonant classes of a word in any script (Chelsea / チェルシー / चेल्सिया -> KRS)."""
    out = []
    for ch in romanize_any(text).lower():
        k = _CLASS.get(ch)
        if k and (not out or out[-1] != k):
            out.append(k)
    return "".join(out)


_SILENT = lazyre.compile(r"(?<=[aeiouy])r(?=[^aeiouy]|$)|gh(?=[^aeiouy]|$)")


def name_keys(word: str) -> frozenset[str]:
    """Sound keys of a Latin name as written and as other scripts hear it: without its silent
    letters (the ``r`` after a vowel, ``gh``: Liverpool / 리버풀, Marlow / マーロー), ``th`` as
    ``s`` (Gwyneth / グウィネス), Slavic ``c`` as ``ts`` (Kovacic / كوفاتشيتش)."""
    low = romanize_any(word).lower()
    forms = {low, _SILENT.sub("", low), low.replace("th", "s"), low.replace("c", "ts"), low.replace("c", "s")}
    return frozenset(sound_key(f) for f in forms)


def _source_keys(word: str) -> set[str]:
    """Keys of a word of any script, with the readings its script leaves open: Hebrew vav as a
    vowel (קרומוול), Hangul ``j`` for ``z`` (조란 Zoran), a Hangul final ``s`` heard as ``t`` (브렛)."""
    r = romanize_any(word).lower()
    out = {sound_key(r), sound_key(r.replace("dzh", "j"))}  # Джонсон: dzhonson
    if _HEBREW_RE.match(word):
        out.add(sound_key(r.replace("v", "")))
    if _HANGUL_RE.match(word):
        out.update((sound_key(r.replace("j", "z")), sound_key(r).replace("S", "T")))
    return out


def word_keys(text: str) -> list[tuple[str, int]]:
    """(sound key, prefix) of the words of ``text``, every reading; prefix is how many classes
    may stand before a name in one word: -1 for Han, Thai and katakana, written without spaces (ロングラーティン) (a name can
    stand anywhere in a run), 2 for Arabic and Hebrew (attached و ب ل ال ה), 0 otherwise.
    Callers memoise the list per text view."""
    out = set()
    for w in set(_WORD.findall(text)):
        out.update(_word_entries(w))
    return sorted(out)


@lru_cache(maxsize=100_000)
def _word_entries(w: str) -> tuple[tuple[str, int], ...]:
    """The (sound key, prefix) entries of one word (``word_keys``), kept per word: the same words
    come back in segment after segment."""
    pre = -1 if _HAN_THAI_KATAKANA_RE.match(w) else 2 if _ARABIC_HEBREW_RE.match(w) else 0
    return tuple((k, pre) for k in _source_keys(w) if k)


def _errors(n: int) -> int:
    return 0 if n <= 5 else 1 if n <= 8 else 2


@lru_cache(maxsize=50_000)
def _pattern(key: str, pre: int):
    e = _errors(len(key))
    if pre < 0:
        return regex.compile(f"(?:{key}){{e<={e}}}")
    return regex.compile(f"^.{{0,{pre}}}(?:{key}){{e<={e}}}.{{0,2}}$")


def heard_in(name: str, keys: list[tuple[str, int]], shortest: int = 3) -> bool:
    """Does a word of ``name`` (of ``shortest`` sound classes or more: three, or two for a
    removal, where Zaev SB, Hammel NR must not pass unheard) sound like a word whose keys are
    ``keys`` (``word_keys``)? Names too short to tell (Li, Ian, Willoughby heard as RB) count as
    heard."""
    told = False
    for w in _LETTERS_RUN_RE.findall(name):
        ks = name_keys(w)
        if min(len(k) for k in ks) < shortest:
            continue
        told = True
        for k in ks:
            if any(_sounds_like(k, t, pre) for t, pre in keys):
                return True
    return not told


def _sounds_like(key: str, t: str, pre: int) -> bool:
    """``_pattern(key, pre).search(t)``, without the regex where the answer is plain: a match
    with at most e errors (insertions, deletions, substitutions) is len(key) - e to len(key) + e
    classes long, so a key ``t`` that is too short (or, anchored, too long) cannot hold one; with
    no error allowed the pattern is the key itself (keys are class letters, nothing to escape)."""
    n, m, e = len(key), len(t), _errors(len(key))
    if m < n - e:
        return False
    if pre < 0:
        return key in t if e == 0 else _pattern(key, pre).search(t) is not None
    if m > n + e + pre + 2:
        return False
    if e == 0:  # ^.{0,pre}key.{0,2}$
        return any(t.startswith(key, j) and m - j - n <= 2 for j in range(min(pre, m) + 1))
    return _pattern(key, pre).search(t) is not None
