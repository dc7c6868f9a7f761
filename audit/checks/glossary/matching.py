"""Inflection-tolerant matching of glossary terms, per language, and the set of terms of a pair.

Matching (``TermSet``): words are compared case-insensitively (case-sensitively where the glossary
term has a capital: ``Apple`` does not match ``apple``), as whole words, through Snowball stems where
the language has a stemmer (``servidores`` matches ``servidor``), else through a bounded common prefix;
spaceless scripts (zh, ja, ko, th, ...) match by substring. Terms are indexed by the key of their
first word (or first characters), so a pair costs one dictionary lookup per word whatever the
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache

from audit.checks.glossary.entries import Entry
from audit.core.text import WORD_RE
from audit.lang.profiles import profile

# Where inflection is a small closed set of endings, two words with one stem must differ only by them
# (the stemmer also strips derivational suffixes: government/governing, hospital/hospitality).
INFLECTION_ENDINGS = {
    "en": frozenset({"", "s", "es", "'s", "’s", "s'", "s’", "ed", "d", "ing", "e", "y", "ies", "ied",
                     "er", "ers", "est", "ier", "iest"}),
}


def _stemmer(lang: str | None):
    name = profile(lang).stemmer
    if name is None:
        return None
    import snowballstemmer

    return snowballstemmer.stemmer(name)


def _lower(text: str) -> str:
    """Lower case with the same length as ``text`` (offsets stay valid)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def _latin_alnum(ch: str) -> bool:
    return ch.isascii() and ch.isalnum() or ("\u00c0" <= ch <= "\u024f" and ch.isalpha())


class LangMatcher:
    """Word keys of one language: a Snowball stem, else the first four letters (with a prefix rule),
    or the whole word (isolating languages); spaceless languages match characters."""

    def __init__(self, lang: str | None):
        self.lang = lang
        p = profile(lang)
        self.chars = p.spaceless or p.substring_terms
        self.exact = p.isolating  # no inflection: whole words only
        self.stemmer = None if (self.chars or self.exact) else _stemmer(lang)
        self.compounding = p.compounding
        # a capital mid-sentence marks a name (not so where every noun is capitalised)
        self.names_capitalised = not p.nouns_capitalised
        self.elision = p.elision
        self.prefixing = p.clitic_prefixes  # articles and particles written onto the word
        self.endings = INFLECTION_ENDINGS.get(lang or "")
        self._keys: dict[str, tuple[str, str]] = {}

    def word(self, text: str) -> tuple[str, str]:
        """(casefolded word, index key) of a word, cached."""
        got = self._keys.get(text)
        if got is not None:
            return got
        cf = text.casefold()
        if self.elision and ("'" in cf or "’" in cf):  # l’eau, dell'acqua: the word after the article
            head, _, rest = cf.replace("’", "'").rpartition("'")
            if rest and len(head) <= 4:
                cf = rest
        if self.exact:
            key = cf
        elif self.stemmer is not None:
            st = self.stemmer.stemWord(cf)
            key = st if len(st) >= 3 else cf
        else:
            key = cf[:4]
        if len(self._keys) > 300_000:
            self._keys.clear()
        got = self._keys[text] = (cf, key)
        return got

    def same(self, t_cf: str, t_key: str, w_cf: str, w_key: str) -> bool:
        """Does text word (w_cf, w_key) match term word (t_cf, t_key)? Inflection-tolerant, bounded."""
        if t_cf == w_cf:
            return True
        if self.exact or t_key != w_key and self.stemmer is not None:
            return False
        lt, lw = len(t_cf), len(w_cf)
        if lt <= 3:  # short words: a plural-like ending only (red/redes, app/apps), never inside a word
            return w_cf.startswith(t_cf) and lw - lt <= 2
        if abs(lw - lt) > max(4, lt // 2):  # organ / organization share a stem, not a meaning
            return False
        if self.stemmer is not None:
            # same stem, and the words differ only in their endings: server/servers, not
            # government/governing (stemmers also strip derivational suffixes)
            if self.prefixing:
                return True
            ft, fw = _fold(t_cf), _fold(w_cf)
            cp = _common_prefix(ft, fw)
            if self.endings is not None:  # a known set of inflectional endings: hospital(s), not hospitality
                return ft[cp:] in self.endings and fw[cp:] in self.endings
            return cp >= lt - 3
        if self.endings is not None:
            cp = _common_prefix(t_cf, w_cf)
            return t_cf[cp:] in self.endings and w_cf[cp:] in self.endings
        return _prefix_match(t_cf, w_cf, 1)


@lru_cache(maxsize=65536)
def _fold(word: str) -> str:
    """Without diacritics (Häuser ~ Haus, inversión ~ inversiones)."""
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n


def _prefix_match(t_cf: str, w_cf: str, slack: int = 2) -> bool:
    """Inflection without a stemmer: a long common prefix (all of the term but its last ``slack``
    letters), and endings of bounded length. Finding terms uses slack 1 (програма/програми, not
    pobreza/pobres); accepting a required variant in the target uses 2 (ребенок/ребенка)."""
    lt = len(t_cf)
    if lt < 4 or abs(len(w_cf) - lt) > max(4, lt // 2):
        return False
    cp = 0
    for a, b in zip(t_cf, w_cf):
        if a != b:
            break
        cp += 1
    return cp >= max(4, lt - slack)


_MATCHERS: dict[str | None, LangMatcher] = {}


def matcher(lang: str | None) -> LangMatcher:
    m = _MATCHERS.get(lang)
    if m is None:
        m = _MATCHERS[lang] = LangMatcher(lang)
    return m


class Term:
    """One compiled term of one language, pointing back to its entry group."""

    __slots__ = ("text", "group", "case", "n", "cfs", "keys", "firsts", "caps", "gaps", "lead", "trail", "cf")

    def __init__(self, text: str, group: "Group", m: LangMatcher):
        self.text = text
        self.group = group
        self.case = any(c.isupper() for c in text)
        self.cf = _lower(text)
        toks = list(WORD_RE.finditer(text))
        self.n = len(toks)
        wk = [m.word(t.group()) for t in toks]
        self.cfs = tuple(cf for cf, _ in wk)
        self.keys = tuple(k for _, k in wk)
        self.firsts = tuple(t.group()[0] for t in toks)
        self.caps = tuple(len(t.group()) >= 2 and t.group().isupper() for t in toks)
        self.gaps = tuple(text[a.end():b.start()].strip() for a, b in zip(toks, toks[1:]))
        self.lead = text[:toks[0].start()].strip() if toks else ""
        self.trail = text[toks[-1].end():].strip() if toks else ""


def _norm_term(t: str) -> str:
    return " ".join(unicodedata.normalize("NFC", t).split())


class Group:
    """Entries merged by source term: satisfied by any of their target variants."""

    __slots__ = ("source", "targets", "forbidden", "notes", "entries")

    def __init__(self, source: str):
        self.source = source
        self.targets: list[str] = []
        self.forbidden: list[str] = []
        self.notes: list[str] = []
        self.entries: list[Entry] = []


class TermSet:
    """An index of terms of one language, for finding them in a text (strictly: whole, contiguous)."""

    def __init__(self, lang: str | None):
        self.m = matcher(lang)
        self.by_key: dict[str, list[Term]] = {}
        self.by_chars: dict[str, list[Term]] = {}
        self.firsts: set[str] = set()
        self.size = 0
        self.prefix_mode = self.m.stemmer is None and not self.m.exact and not self.m.chars
        self.gate: set[str] = set()  # prefix mode: first four letters of the indexed keys

    def add(self, term: Term) -> None:
        self.size += 1
        if self.m.chars:
            cf = term.cf
            if not cf.strip():
                return
            self.by_chars.setdefault(cf[:2], []).append(term)
            self.firsts.add(cf[0])
        elif term.n:
            if self.prefix_mode:  # no stemmer: index by all of the first word but its last letter
                first = term.cfs[0]
                key = first if len(first) < 4 else first[:max(4, len(first) - 1)]
                self.gate.add(key[:4])
            else:
                key = term.keys[0]
            self.by_key.setdefault(key, []).append(term)

    def freeze(self) -> None:
        for d in (self.by_key, self.by_chars):
            for lst in d.values():
                lst.sort(key=lambda t: (-len(t.cf), t.text))

    def __bool__(self) -> bool:
        return self.size > 0

    def find(self, view) -> list[tuple[int, int, Term]]:
        """Non-overlapping occurrences (start, end, term) in a TextView; the longest term wins."""
        if self.m.chars:
            found = self._find_chars(view.text)
        else:
            found = self._find_words(view)
        if len(found) > 1:
            found.sort(key=lambda f: f[0])
            if any(b[0] < a[1] for a, b in zip(found, found[1:])):  # overlaps: the longest wins
                occupied = bytearray(len(view.text))
                kept: list[tuple[int, int, Term]] = []
                for f in sorted(found, key=lambda f: (f[0] - f[1], f[0])):
                    if 1 not in occupied[f[0]:f[1]]:
                        occupied[f[0]:f[1]] = b"\x01" * (f[1] - f[0])
                        kept.append(f)
                found = sorted(kept, key=lambda f: f[0])
        return found

    def _find_words(self, view) -> list[tuple[int, int, Term]]:
        by_key = self.by_key
        wk = view.memo(_word_keys)
        prefix_mode = self.prefix_mode
        if (self.gate if prefix_mode else by_key.keys()).isdisjoint([k for _, k in wk]):
            return []  # the common case: no term starts here
        toks = view.words
        text = view.text
        same = self.m.same
        found = []
        n = len(toks)
        for i, (cf, key) in enumerate(wk):
            if prefix_mode:
                if len(cf) < 4:
                    cands = by_key.get(cf)
                else:
                    cands = [t for j in range(4, len(cf) + 1) for t in by_key.get(cf[:j], ())]
                    cands.sort(key=lambda t: (-len(t.cf), t.text))
            else:
                cands = by_key.get(key)
            if not cands:
                continue
            for term in cands:
                k = term.n
                if i + k > n:
                    continue
                ok = True
                for j in range(k):
                    wcf, wkey = wk[i + j]
                    if not same(term.cfs[j], term.keys[j], wcf, wkey):
                        ok = False
                        break
                    if term.case:
                        word = toks[i + j].text
                        if word[0] != term.firsts[j] or (term.caps[j] and not word.isupper()):
                            ok = False
                            break
                    if j and text[toks[i + j - 1].end:toks[i + j].start].strip() != term.gaps[j - 1]:
                        ok = False
                        break
                if not ok:
                    continue
                start, end = toks[i].start, toks[i + k - 1].end
                if (not term.case and self.m.names_capitalised and toks[i].text[0].isupper()
                        and not toks[i].text.isupper() and not _sentence_start(text, start)):
                    continue  # 'Waters', 'Kansas City': a name, not the lower-case glossary term
                if term.lead:
                    if text[start - len(term.lead):start] != term.lead:
                        continue
                    start -= len(term.lead)
                if term.trail:
                    if text[end:end + len(term.trail)] != term.trail:
                        continue
                    end += len(term.trail)
                found.append((start, end, term))
                break
        return found

    def _find_chars(self, text: str) -> list[tuple[int, int, Term]]:
        low = _lower(text)
        firsts = self.firsts
        by_chars = self.by_chars
        found = []
        for i, ch in enumerate(low):
            if ch not in firsts:
                continue
            two = low[i:i + 2]
            for cands in (by_chars.get(two), by_chars.get(ch) if len(two) == 2 else None):
                hit = None
                for term in cands or ():
                    cf = term.cf
                    end = i + len(cf)
                    if low.startswith(cf, i) and _char_bounds(text, i, end) and (
                            not term.case or text[i:end] == term.text):
                        hit = (i, end, term)
                        break
                if hit is not None:
                    found.append(hit)
                    break
        return found


_OPENERS = frozenset("\"'“‘«‹„‚([{¿¡-–—*•·")
_ENDERS = frozenset(".!?…:;。！？")


def _sentence_start(text: str, pos: int) -> bool:
    """Is ``pos`` the first word of a sentence, a line or a quotation?"""
    j = pos - 1
    while j >= 0 and (text[j].isspace() or text[j] in _OPENERS):
        if text[j] == "\n":
            return True
        j -= 1
    return j < 0 or text[j] in _ENDERS


def _char_bounds(text: str, start: int, end: int) -> bool:
    """A term that starts/ends with a Latin letter or digit must not continue a Latin word."""
    if _latin_alnum(text[start]) and start > 0 and _latin_alnum(text[start - 1]):
        return False
    if _latin_alnum(text[end - 1]) and end < len(text) and _latin_alnum(text[end]):
        return False
    return True


def _word_keys(view) -> list[tuple[str, str]]:
    """(casefold, key) of every word of a view, in its language (memoized per view)."""
    m = matcher(view.lang)
    cache, w = m._keys, m.word
    return [cache.get(t.text) or w(t.text) for t in view.words]

