"""CON: consistency across a corpus (corpus-scope checks).

Both checks read the pairs twice at most: a first pass keeps one hash per pair (memory stays small
on large corpora, and ``pairs`` may be the engine's on-disk spill), a second pass looks only at
the groups of pairs that share a source (CON001) or a target (CON002).

The plural forms of one catalog entry (PO ``msgstr[N]``, ``Pair.unit``) are never compared with
each other: they are different words on purpose (Russian 1 файл / 2 файла / 5 файлов). CON001
compares a plural form only with the same form of other entries (its key includes the form
index); CON002 keeps one form per entry in a group.
"""
from __future__ import annotations

import heapq
import unicodedata
from collections import Counter
from collections.abc import Iterator
from hashlib import blake2b

from audit.checks.registry import Option, check
from audit.core import lazyre
from audit.core.model import hit
from audit.core.text import HAN_KANA_RE, WORD_RE, strip_span

_LETTER = lazyre.compile(r"\p{L}")
_NOT_CONTENT = lazyre.compile(r"[\p{P}\p{Z}\s]+")  # punctuation and whitespace
_NOT_LETTER = lazyre.compile(r"[^\p{L}\p{M}]+")
_TAG = lazyre.compile(r"</?[A-Za-z][^<>]{0,200}>|\{\{?[^{}\s]{1,40}\}?\}|%(?:\d+\$)?[sdif@]")

MIN_WORDS = 3


def _norm(text: str) -> str:
    """NFC, whitespace runs collapsed, ends trimmed; case kept."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def _content(text: str) -> str:
    """What a rendering says beyond whitespace and punctuation (case kept)."""
    return _NOT_CONTENT.sub("", unicodedata.normalize("NFC", text))


def _letters(text: str) -> str:
    """The letters of a source, casefolded, without markup, digits or punctuation."""
    return _NOT_LETTER.sub("", _TAG.sub(" ", unicodedata.normalize("NFC", text)).casefold())


def _nwords(text: str) -> int:
    """Words, counting a run of Chinese/Japanese/Thai characters as one word per two characters."""
    if not HAN_KANA_RE.search(text):  # no spaceless script: one word a match
        return len(WORD_RE.findall(text))
    n = 0
    for m in WORD_RE.finditer(text):
        tok = m.group()
        n += max(1, len(tok) // 2) if HAN_KANA_RE.search(tok) else 1
    return n


def _blank(p) -> bool:
    return not (p.target or "").strip()


def _form(p) -> int | None:
    """The plural form index of a catalog pair (None: not a plural form)."""
    return p.unit.form if p.unit is not None else None


def _entry(i: int, p):
    """The identity of the catalog entry a pair belongs to (its forms share it); else its index."""
    if p.unit is None or p.unit.form is None:
        return i
    origin = p.source_origin or p.target_origin
    return (origin.path if origin else None, p.unit.key)



def _short(text: str, limit: int = 60) -> str:
    text = _norm(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _key1(p):
    """CON001's key: a corpus may hold several language pairs, compare within one pair only."""
    if _blank(p) or not _LETTER.search(p.source):
        return None
    return (p.source_lang, p.target_lang, _norm(p.source), _form(p))


def _key2(p):
    """CON002's key."""
    if _blank(p) or not _LETTER.search(p.target or ""):
        return None
    return (p.source_lang, p.target_lang, _norm(p.target))


def _digest(text: str | None) -> bytes:
    return blake2b((text or "").encode("utf-8", "surrogatepass"), digest_size=16).digest()


def _hash_groups(ctx) -> tuple[list[list[int]], list[list[int]]]:
    """One pass over the pairs for both checks (a memo of the corpus context, so CON001 and CON002
    read the pairs once between them): for each key, the indices of the pairs whose key hashes
    alike; only hashes shared by two pairs or more, in order of their first index. Only hashes,
    digests and indices are kept: memory stays small on large corpora.

    A group can only be flagged if the text its members are compared on (CON001: the target,
    CON002: the source) is not the same in all of them, so each key also keeps a 128-bit BLAKE2
    digest of its first member's text, and groups whose members all have that digest are left out
    (they are not read again: on a corpus with many repeated segments, most groups)."""
    found = []
    for key_of, text_of in ((_key1, _target), (_key2, _source)):
        found.append(({}, {}, set(), key_of, text_of))
    for i, p in enumerate(ctx.pairs):
        for first, digests, mixed, key_of, text_of in found:
            k = key_of(p)
            if k is None:
                continue
            k = hash(k)
            got = first.get(k)
            if got is None:
                first[k] = i
                digests[k] = _digest(text_of(p))
                continue
            if isinstance(got, list):
                got.append(i)
            else:
                first[k] = [got, i]
            if k not in mixed and _digest(text_of(p)) != digests[k]:
                mixed.add(k)
    # dicts keep insertion order, which is the order of the first index of each hash
    return tuple([g for k, g in first.items() if k in mixed] for first, _, mixed, _, _ in found)


def _target(p):
    return p.target


def _source(p):
    return p.source


def _groups(pairs, ctx, which: int) -> Iterator[list[tuple[int, object]]]:
    """Members ``(index, pair)`` of each group of two or more pairs with the same key (check
    ``which``: 1 for CON001, 2 for CON002), in order of their first index; each pair read once."""
    key_of = _key1 if which == 1 else _key2
    if getattr(ctx, "pairs", None) is pairs and hasattr(ctx, "memo"):
        hashed = ctx.memo(_hash_groups, _hash_groups)[which - 1]
    else:  # a context for other pairs, or none: no shared pass
        hashed = _hash_groups(_Bare(pairs))[which - 1]
    waiting: list = []  # sub-groups of colliding hashes, by first index (rare)
    for g in hashed:
        while waiting and waiting[0][0] < g[0]:
            yield heapq.heappop(waiting)[1]
        members = [(i, pairs[i]) for i in g]
        keys = [key_of(p) for _, p in members]
        if all(k == keys[0] for k in keys):
            yield members
            continue
        sub: dict = {}  # hashes may collide: regroup by the keys themselves
        for m, k in zip(members, keys):
            sub.setdefault(k, []).append(m)
        for v in sub.values():
            if len(v) > 1:
                heapq.heappush(waiting, (v[0][0], v))
    while waiting:
        yield heapq.heappop(waiting)[1]


class _Bare:
    """A stand-in context without a memo."""

    def __init__(self, pairs):
        self.pairs = pairs


def _counted(text: str, words: dict[str, int]) -> int:
    """``_nwords(text)``, remembered in ``words``."""
    n = words.get(text)
    if n is None:
        n = words[text] = _nwords(text)
    return n


def _min_words_option(what: str) -> tuple[Option, ...]:
    return (Option("min_words", int, MIN_WORDS, f"segments with fewer words {what} are not compared"),)


@check("CON001", "inconsistent-translation", "fluency/inconsistency", "minor", scope="corpus",
       options=_min_words_option("(unless they share a context note)"))
def inconsistent_translation(pairs, ctx):
    """The same source segment (after Unicode NFC and whitespace normalization; case kept) is
    translated differently in the same corpus, where the renderings differ by more than whitespace
    and punctuation. The most frequent rendering (on a tie, the first) is taken as the reference;
    every other rendering is flagged, spanning the whole target with the source as related span,
    and the message names a segment with the reference rendering. Short segments (fewer than three
    words, option ``min_words``) are skipped, since UI strings like "Open" or "Close" legitimately
    change with context, unless both units carry the same context note (PO msgctxt, XLIFF note).
    Sources without letters are ignored. Plural forms (PO ``msgstr[N]``) are compared only with the
    same form of other entries, never with the other forms of their own entry."""
    min_words = ctx.options("CON001").min_words
    for members in _groups(pairs, ctx, 1):
        t0 = members[0][1].target
        if all(p.target == t0 for _, p in members[1:]):
            continue  # one rendering: nothing can differ, whatever the length or the notes
        if _nwords(members[0][1].source) >= min_words:
            yield from _inconsistent(members)
        else:  # short: only units that share a context note are comparable
            by_note: dict[str, list] = {}
            for i, p in members:
                if p.note:
                    by_note.setdefault(p.note, []).append((i, p))
            for sub in by_note.values():
                if len(sub) > 1:
                    yield from _inconsistent(sub)


def _inconsistent(members):
    """(index, finding) for each member whose rendering is not the majority's (ties: the first)."""
    contents = [_content(p.target) for _, p in members]
    counts = Counter(contents)
    if len(counts) < 2:
        return
    best = max(counts.values())
    ref = next(c for c in contents if counts[c] == best)
    ref_p = next(p for (_, p), c in zip(members, contents) if c == ref)
    for (i, p), c in zip(members, contents):
        if c == ref:
            continue
        msg = f"same source translated differently in segment {ref_p.id}: \u201c{_short(ref_p.target)}\u201d"
        yield i, hit(msg, target=strip_span(p.target), source=strip_span(p.source), data={"other": ref_p.id})


@check("CON002", "same-translation-different-sources", "fluency/inconsistency", "minor", scope="corpus",
       options=_min_words_option("on either side"))
def same_translation_different_sources(pairs, ctx):
    """Two source segments that differ in their letters (words) have the same translation
    (after NFC and whitespace normalization; case kept): one of them is probably a copy of a
    neighbouring translation or a leftover of a translation memory match. Sources that differ only
    in numbers, punctuation, case, spacing or markup are not compared (numbers are the NUM checks'
    business), nor are segments with fewer than three words on either side (option ``min_words``).
    The first source (in input order) is taken as the reference; each pair with a different source
    is flagged, spanning the whole target with the source as related span, and the message names
    the reference segment. The plural forms of one entry (PO ``msgstr[N]``: a language whose forms
    coincide writes the same text for ``msgid`` and ``msgid_plural``) count as one: the first."""
    min_words = ctx.options("CON002").min_words
    for members in _groups(pairs, ctx, 2):
        s0 = members[0][1].source
        if all(p.source == s0 for _, p in members[1:]):
            continue  # one source: no two letters can differ, whichever members are kept
        words: dict[str, int] = {}  # a group's texts repeat: count each once
        members = [(i, p) for i, p in members
                   if _counted(p.source, words) >= min_words and _counted(p.target, words) >= min_words]
        seen: set = set()  # one plural form per entry: an entry's forms are not compared with each other
        members = [(i, p) for i, p in members if not (_entry(i, p) in seen or seen.add(_entry(i, p)))]
        if len(members) < 2:
            continue
        letters = [_letters(p.source) for _, p in members]
        if len(set(letters)) < 2:
            continue
        ref = letters[0]
        ref_p = members[0][1]
        for (i, p), lt in zip(members, letters):
            if lt == ref:
                continue
            msg = (f"same translation as segment {ref_p.id}, whose source differs: "
                   f"\u201c{_short(ref_p.source)}\u201d")
            yield i, hit(msg, target=strip_span(p.target), source=strip_span(p.source),
                         data={"other": ref_p.id})
