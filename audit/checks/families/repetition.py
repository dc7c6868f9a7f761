"""REP: repetition in the target: doubled words (REP001), n-gram loops (REP002, the classic
MT hallucination) and clauses repeated from an earlier sentence or the previous segment (REP003).

All three work on one shared analysis per side (``units``): word tokens for spaced scripts,
single characters for scripts written without spaces (Chinese, Japanese, Thai ...), each
mapped to a code point so that repeats are found by C-speed regexes over a short string.
"""
from __future__ import annotations

import operator
import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress

import regex

from audit.checks.registry import Option, check
from audit.core import lazyre
from audit.core.model import hit
from audit.core.text import main_script, words
from audit.lang.placeholders import prose
from audit.lang.profiles import SPACELESS_SCRIPTS, is_caseless_script, profile

# --- shared analysis -------------------------------------------------------------------------

# Languages written without spaces: repeats are measured in characters of the raw text.
# Per spaceless language: (min weight of a repeated clause, min chars of a twice-repeated unit
# (also the n-gram size of the repeat scan), min chars of a unit repeated three times). The
# weight counts an ideograph 1, a kana 0.4 (hiragana are mostly particles and endings,
# katakana spell long loanwords and names), a Thai or other letter 0.35, a digit 0.3,
# punctuation and spaces 0: about one weight unit per 2.5 Latin letters of content.
_SPACELESS_LIMITS = {"zh": (12, 8, 2), "ja": (11, 8, 2)}
_SPACELESS_DEFAULT = (12, 20, 4)
# ideographs, hiragana, katakana, any letter, any digit
_W_HAN, _W_HIRA, _W_KATA, _W_LETTER, _W_DIGIT = (regex.compile(p) for p in (
    r"\p{Han}|々", r"\p{Hiragana}", r"\p{Katakana}|ー", r"\p{L}", r"\p{N}"))


def spaceless_weight(text: str) -> float:
    han = len(_W_HAN.findall(text))
    hira = len(_W_HIRA.findall(text))
    kata = len(_W_KATA.findall(text))
    other = len(_W_LETTER.findall(text)) - han - hira - kata
    return han + 0.4 * hira + 0.4 * kata + 0.35 * max(0, other) + 0.3 * len(_W_DIGIT.findall(text))


@dataclass(slots=True)
class Units:
    """The units of one text. Spaced text: case-folded words, also joined by single spaces in
    ``norm`` with ``offs[j]`` the offset of word j there, so that any n-gram is one string slice
    (strings are cheap; tuples would keep the garbage collector busy). Spaceless text: the raw
    characters, and ``keys``/``norm`` are the text itself."""

    spaceless: bool
    starts: list[int] | range
    ends: list[int] | range
    keys: list[str] | str
    norm: str
    offs: list[int] | range
    lang: str | None = None
    _codes: str | None = None
    _rep_bigrams: int | None = None
    _bigrams: set | None = None
    _grams: dict | None = None

    def gram(self, j: int, n: int) -> str:
        o = self.offs
        return self.norm[o[j]:o[j + n] - (0 if self.spaceless else 1)]

    @property
    def codes(self) -> str:
        """One code point per unit: equal units, equal code points (regexes can run on it)."""
        if self._codes is None:
            if self.spaceless:
                self._codes = self.keys
            else:
                ids: dict[str, str] = {}
                self._codes = "".join([ids.setdefault(k, chr(0x10000 + len(ids))) for k in self.keys])
        return self._codes

    @property
    def rep_bigrams(self) -> int:
        """How many adjacent word pairs repeat an earlier pair: a cheap gate for every repeat
        in spaced text (not used for spaceless text, where character pairs repeat all the time)."""
        if self._rep_bigrams is None:
            self._rep_bigrams = max(0, len(self.keys) - 1 - len(self.bigrams))
        return self._rep_bigrams

    def bigram_list(self) -> list[str]:
        norm, o = self.norm, self.offs
        return [norm[o[j]:o[j + 2] - 1] for j in range(len(self.keys) - 1)]

    @property
    def bigrams(self) -> set:
        if self._bigrams is None:
            self._bigrams = set(self.bigram_list())
        return self._bigrams

    def grams(self, n: int) -> tuple[dict, list, list]:
        """({n-gram: first index}, [(index, earlier index)] of non-overlapping repeats,
        [(index, earlier index)] of overlapping ones, i.e. periodic stretches), cached: the dict
        serves this pair's self-repeat and loop search and the next pair's look-back."""
        if self._grams is None:
            self._grams = {}
        got = self._grams.get(n)
        if got is None:
            norm, o = self.norm, self.offs
            cut = 0 if self.spaceless else 1
            m = len(self.keys) - n + 1
            reps = []
            periodic = []
            if m <= 0:
                got = self._grams[n] = ({}, reps, periodic)
                return got
            gl = [norm[a:b - cut] for a, b in zip(o, o[n:n + m])]
            # n-gram -> its first index (built from the end, so the earliest index stays)
            seen: dict[str, int] = dict(zip(reversed(gl), range(m - 1, -1, -1)))
            if len(seen) < m:  # some n-gram recurs: list (index, earlier index) in order
                firsts = list(map(seen.__getitem__, gl))
                for j in compress(range(m), map(operator.ne, firsts, range(m))):
                    i = firsts[j]
                    if i + n <= j:
                        reps.append((j, i))
                    else:
                        periodic.append((j, i))
            got = self._grams[n] = (seen, reps, periodic)
        return got

    def __len__(self) -> int:
        return len(self.keys)


def _spaceless_lang(lang: str | None, text: str) -> bool:
    if lang:
        return profile(lang).spaceless
    return main_script(text) in SPACELESS_SCRIPTS


@lru_cache(maxsize=64)
def units_of_text(text: str, lang: str | None) -> Units:
    """Units of a text, cached by text: the previous pair's target was this pair's target a
    moment ago, so neighbour comparisons cost one lookup. The few texts of the last pairs are
    all that is looked up again; a Units is about 8 KB, so 1,024 entries held 8 MiB per process."""
    if _spaceless_lang(lang, text):
        n = len(text)
        return Units(True, range(n), range(1, n + 1), text, text, range(n + 1), lang)
    return _spaced_units(text, words(text), lang)


def _spaced_units(text: str, ws, lang: str | None) -> Units:
    starts = [w.start for w in ws]
    ends = [w.end for w in ws]
    low = text.casefold()
    if len(low) == len(text):
        keys = [low[a:b] for a, b in zip(starts, ends)]
    else:
        keys = [w.text.casefold() for w in ws]
    offs = [0]
    pos = 0
    for k in keys:
        pos += len(k) + 1
        offs.append(pos)
    return Units(False, starts, ends, keys, " ".join(keys), offs, lang)


# A cheaper first look at spaced text, enough to rule out repeats for almost every segment:
# the case-folded text split on whitespace (punctuation stays attached, so the gates below are
# loosened by the couple of chunks punctuation can spoil).
@dataclass(slots=True)
class Light:
    chunks: list[str]
    doubled: bool  # some chunk starts with the previous one ("the the.", "en en")
    _bigrams: list | None = None
    _bset: set | None = None
    _rep: int | None = None

    @property
    def bigrams(self) -> list[int]:
        """Hashes of adjacent chunk pairs (zip reuses its tuple, so nothing is allocated)."""
        if self._bigrams is None:
            ch = self.chunks
            self._bigrams = list(map(hash, zip(ch, ch[1:])))
        return self._bigrams

    @property
    def bigram_set(self) -> set:
        if self._bset is None:
            self._bset = set(self.bigrams)
        return self._bset

    @property
    def rep(self) -> int:
        """Adjacent chunk pairs that repeat an earlier pair."""
        if self._rep is None:
            self._rep = len(self.bigrams) - len(self.bigram_set)
        return self._rep


_FINAL_PUNCT = ".,;:!?…\"'»”’)]。！？"
_OPEN_PUNCT = "\"'«»“„‘‚‹›([¿¡「『"


def _make_light(text: str) -> Light:
    ch = [c.lstrip(_OPEN_PUNCT) for c in text.casefold().split()]  # “هم هم: the words double
    if ch:
        ch[-1] = ch[-1].rstrip(_FINAL_PUNCT)  # a repeat at the very end of the sentence
    nxt = ch[1:]
    doubled = any(map(str.startswith, nxt, ch)) and any(
        b == a or not b[len(a)].isalnum() for a, b in zip(ch, nxt) if b.startswith(a))
    return Light(ch, doubled)


def _near_double(ch: list[str]) -> bool:
    """Two consecutive words recur together 2 to 4 words later ("mot de passe mot de passe")."""
    for k in (2, 3, 4):
        m = list(map(str.__eq__, ch, ch[k:]))
        if any(map(operator.and_, m, m[1:])):
            return True
    return False


def light_of(view) -> Light:
    return view.memo(_light_memo)


def _light_memo(view) -> Light:
    return _make_light(view.text)


def units_of(view) -> Units:
    """The units of a TextView (memoised on the view; shares the view's word tokens)."""
    return view.memo(_units_memo)


def _units_memo(view) -> Units:
    lang = view.lang
    if _spaceless_lang(lang, view.text):
        return units_of_text(view.text, lang)
    return _spaced_units(view.text, view.words, lang)


def neighbour_units(view, lang: str | None) -> Units:
    """The units of a neighbour's target view, read as ``lang``: memoised on the view, which is
    the neighbour's own target view in a run (``Context.after``), so the look-back costs nothing."""
    return units_of(view) if view.lang == lang else units_of_text(view.text, lang)


# --- REP001 doubled word ----------------------------------------------------------------------

# Words a language legitimately doubles ("vous vous lavez", "that that"), languages where content
# words reduplicate (Turkish "yavaş yavaş", Hindi "धीरे धीरे": there only doubled function words are
# flagged) and languages that spell Latin acronyms by letter names: the profiles' [repetition].
# Arabic and Persian spell Latin acronyms letter by letter (سي إن إن CNN, بي بي سي BBC, دبليو إس
# إم في WSMV): a doubled letter name next to another letter name is part of an acronym.
_LETTER_NAMES = frozenset("""
بي تي ثي جي دي سي إس اس إف اف كيه كي إل ال إم ام إن ان إتش اتش في يو آر أو او إي اي واي زد جيه كيو دبليو
بی پی تی جی دی سی وی ای آی کیو اس اف ام ان
""".split())
# Interjections and letter names doubled in any language (ha ha, bla bla).
_ANY_LANG_DOUBLES = frozenset("ha haha ah oh eh hey bla blah hm mm".split())
# Doubled function characters in spaceless scripts (Chinese 的的, Japanese をを); other doubled
# characters are usually reduplication (常常, 谢谢, 人々) or a word ending where the next begins
# (目的的 "of the purpose", 的的确确 "indeed").
_CJK_DOUBLES = {
    "zh": regex.compile(r"(?<![目标之])的的(?!确)|(?<![不甚])了了(?!然)"),
    "ja": regex.compile(r"をを|(?<![がぁ-ん])がが(?![がぁ-ん])"),
}
_SEP_WS = lazyre.compile(r"\s+")


def _doubled_runs(u: Units, text: str):
    """[(first, last)] unit indices of runs of one word repeated with only whitespace between."""
    keys = u.keys
    runs = []
    i = 1
    n = len(keys)
    while i < n:
        if keys[i] == keys[i - 1] and _SEP_WS.fullmatch(text, u.ends[i - 1], u.starts[i]):
            j = i
            while j + 1 < n and keys[j + 1] == keys[i] and _SEP_WS.fullmatch(text, u.ends[j], u.starts[j + 1]):
                j += 1
            runs.append((i - 1, j))
            i = j + 2
        else:
            i += 1
    return runs


_CHUNK = lazyre.compile(r"[\p{L}\p{M}\p{N}][^\s]*[\p{L}\p{M}\p{N}]")


def _doubled_chunks(u: Units, text: str):
    """[(first, per, copies)]: a whitespace-free chunk of several word tokens (``year-old``,
    ``We're``, Persian ``پیش‌شرط``) written twice or more with only whitespace between; ``first``
    is its first token, ``per`` its tokens per copy."""
    chunks = [m.span() for m in _CHUNK.finditer(text)]
    starts = {s: j for j, s in enumerate(u.starts)}
    out = []
    i = 0
    while i + 1 < len(chunks):
        (s0, e0), j = chunks[i], i
        key = text[s0:e0].casefold()
        while j + 1 < len(chunks) and text[chunks[j + 1][0]:chunks[j + 1][1]].casefold() == key \
                and _SEP_WS.fullmatch(text, chunks[j][1], chunks[j + 1][0]):
            j += 1
        first = starts.get(s0)
        if j > i and first is not None and chunks[i + 1][0] in starts:
            per = starts[chunks[i + 1][0]] - first
            if per >= 2:
                out.append((first, per, j - i + 1))
        i = j + 1
    return out


def _wf_zipf(word: str, lang: str | None) -> float | None:
    """The word's frequency in the language's wordfreq list (None: no usable list)."""
    from audit.lang.lexicon import knows, zipf

    wf = {"no": "nb", "hr": "sh", "sr": "sh", "bs": "sh"}.get(lang or "", lang)
    if not wf or not knows(wf) or wf in ("zh", "ja", "ko"):
        return None
    return zipf(word, wf)


# A word with a clitic or possessive (Joko's, l'homme, dell'anno) is an inflected form: never a
# deliberately reduplicated name.
_CLITIC = lazyre.compile(r"\p{L}['’]\p{L}")
MAX_REDUP_NAME = 6  # letters of a reduplicated rare name or term (ylang ylang, mahi mahi, Bora)


def _rare_word(word: str, lang: str | None, max_len: int = MAX_REDUP_NAME) -> bool:
    """A short word rare in the language's word list (Zipf < 2): doubling it is deliberate
    (``ylang ylang``); long rare words (inflected forms, names) are not reduplicated."""
    z = _wf_zipf(word, lang)
    return z is not None and z < 2.0 and len(word) <= max_len


def _interjection(word: str, lang: str | None) -> bool:
    """``ha``, ``bla``, ``oh``: unless it is also a very common word of the language (Spanish
    ``ha`` is *has*)."""
    if word not in _ANY_LANG_DOUBLES:
        return False
    z = _wf_zipf(word, lang)
    return z is None or z < 6.0


_BACK_TO_BACK = lazyre.re_compile(r"(.{1,6})\1", re.S)
_HYPHEN_DOUBLE = lazyre.compile(r"(?<![\p{L}\p{M}])([\p{L}\p{M}]+)[-‐‑]\1(?![\p{L}\p{M}])", regex.I)


def _has_double(text: str, lang: str | None) -> bool:
    """True when the text repeats a word or a phrase of up to six words back to back, whatever
    stands between (``Roa-Roa``, ``big, big``, ``pump it out, pump it out``), or any chunk in
    spaceless text (波拉波拉, Bora Bora)."""
    return _source_doubles(text, lang)[1] > 0


@lru_cache(maxsize=4096)
def _source_doubles(text: str, lang: str | None) -> tuple[frozenset, int]:
    """(doubled words, in lower case, and how many doubles) of a text, as ``_has_double``
    counts them: what a translation of it may mirror."""
    u = units_of_text(text, lang)
    found: list[str] = []
    if u.spaceless:  # a reduplicated word (ที่ที่, いろいろ) is no double a translation would mirror
        allowed = profile(lang).allowed_doubles
        found += [m.group(1).casefold() for m in _LATIN_DOUBLE.finditer(text)]  # โรงแรม Roa Roa
        found += [m.group(1) for m in _SPACELESS_CHUNK.finditer(text)
                  if not _chunk_is_reduplication(m.group(1), allowed)]
        return frozenset(found), len(found)
    prof = profile(lang)
    found += [m.group(1).casefold() for m in _HYPHEN_DOUBLE.finditer(text)
              if not _lexical_hyphen_double(m.group(1), prof, lang)]  # Roa-Roa as one token
    if len(set(u.keys)) == len(u.keys):
        return frozenset(found), len(found)
    # a word the source language doubles on purpose (Hindi अपने अपने, Arabic سي إن إن for CNN) is
    # one word of its own, which a translation renders by one word ("each", "CNN"): no mirror
    keys = u.keys
    for m in _BACK_TO_BACK.finditer(u.codes):
        a = m.start()
        if len(m.group(1)) > 1:
            found.append(keys[a])  # a repeated phrase (pump it out, pump it out)
            continue
        key = keys[a]
        if not any(ch.isspace() for ch in text[u.ends[a]:u.starts[a + 1]]) or key.isdigit():
            continue  # one token cut in two (Hebrew מ“מ, mm; 5,5): not a word written twice
        if _excused_double(key, 2, prof, lang) and (not prof.reduplicating or _lexical_hyphen_double(key, prof, lang)):
            continue  # a word of the source language doubled on purpose (a name, Roa Roa, still counts)
        if key in _LETTER_NAMES or _strip_conj(key) in _LETTER_NAMES:
            continue
        found.append(key)
    return frozenset(found), len(found)


_LATIN_DOUBLE = lazyre.compile(r"(?<!\p{L})(\p{Latin}{2,})\s+\1(?!\p{L})", regex.I)


def _lexical_hyphen_double(word: str, prof, lang: str | None) -> bool:
    """A hyphenated reduplication of a common word in a language that reduplicates (Hindi
    ``तरह-तरह``, various): a word of its own, unlike a doubled name (``Bora-Bora``)."""
    if not prof.reduplicating:
        return False
    key = word.casefold()
    if key in prof.allowed_doubles:
        return True
    z = _wf_zipf(key, lang)
    return z is not None and z >= 3.0


def _strip_conj(word: str) -> str:
    """An Arabic or Persian word without the conjunction و written onto it (وسي: and C)."""
    return word[1:] if len(word) > 1 and word[0] == "و" else word


# Chunks doubled with nothing between in scripts written without spaces ("政府政府", "ロンドンロンドン",
# a Thai syllable group twice): a unit of 2-12 characters of Han, kana or Thai, back to back.
_SPACELESS_CHUNK = lazyre.re_compile(r"(?![\u0e31\u0e34-\u0e3a\u0e47-\u0e4e])([\u0e00-\u0e7f\u3005\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]{2,12}?)\1+")
_HIRAGANA_ONLY = lazyre.compile(r"[\p{Hiragana}ー]+")
_KATAKANA_ONLY = lazyre.compile(r"[\p{Katakana}ー]+")
_SMALL_KANA = frozenset("ァィゥェォッャュョヮヵヶーぁぃぅぇぉっゃゅょゎ")
# 一 and a measure word or noun, twice: one by one (一个一个, 一步一步, 一人一人, 一つ一つ)
_ONE_BY_ONE = frozenset("个步点天年次条件张口片层批趟遍下声人句字滴块圈回阵样位家道颗つ歩日枚本度品")
_THAI_CLUSTER = lazyre.compile(r"\X")
MIN_THAI_CLUSTERS = 3
MAX_SPACELESS_CHUNK = 7  # a longer stretch twice is REP002's


def _chunk_is_reduplication(unit: str, allowed: frozenset, thai_clusters: int = MIN_THAI_CLUSTERS) -> bool:
    """A doubled chunk that the language writes on purpose: the profile's (ABAB verbs 研究研究,
    Thai การ of overlapping compounds), hiragana (いろいろ, まだまだ), katakana of one or two morae
    (ギリギリ, ドキドキ, ピョンピョン, ザーザー; a long vowel ー and a small ッ are morae, so
    ネットネット and シャーザーシャーザー are doubled loanwords),
    一X一X (一步一步, 一人一人); in Thai a unit of fewer than three grapheme clusters (นานา)."""
    if unit in allowed or _HIRAGANA_ONLY.fullmatch(unit):
        return True
    if len(unit) == 2 and unit[0] == "一" and unit[1] in _ONE_BY_ONE:
        return True
    if _KATAKANA_ONLY.fullmatch(unit) and sum(ch not in _SMALL_KANA or ch in "ッー" for ch in unit) <= 2:
        return True  # two-mora mimetic words: ギリギリ, ドキドキ (ッ and ー are morae: ネット, シャーザー are loanwords)
    if "\u0e00" <= unit[0] <= "\u0e7f":
        return len(_THAI_CLUSTER.findall(unit)) < thai_clusters or not unit[0].isalpha()
    return bool(_PERIODIC.fullmatch(unit))


def _spaceless_doubles(pair, ctx, tgt: str, lang: str | None):
    """REP001 in Chinese, Japanese, Thai: doubled particles (的的, をを) and doubled chunks."""
    out = []
    rx = _CJK_DOUBLES.get(lang or "")
    if rx is not None:
        for m in rx.finditer(tgt):
            if m.group() in pair.source:
                continue
            half = (m.start() + m.end()) // 2
            out.append(hit(f"doubled {tgt[m.start():half]!r}", target=[(half, m.end()), (m.start(), half)]))
    allowed = profile(lang).allowed_doubles
    opts = ctx.options("REP001")
    loops = None
    src: dict = {}
    for m in _SPACELESS_CHUNK.finditer(tgt):
        unit = m.group(1)
        n = len(unit)
        copies = (m.end() - m.start()) // n
        if n > opts.max_chunk or m.group() in pair.source:
            continue
        if "double" not in src:
            src["double"] = _has_double(pair.source, ctx.src.lang)
        if src["double"] and copies == 2:
            continue  # the source doubles too (big, big -> 大きな大きな)
        if _chunk_is_reduplication(unit, allowed, opts.thai_clusters):
            continue
        if loops is None:  # REP002's loops of the same text: not flagged twice
            u = units_of(ctx.tgt)
            loops = [(f, f + k * d) for f, d, k in _triple_loops(u)] if len(u) >= 4 else []
        if any(a < m.end() and m.start() < b for a, b in loops):
            continue
        sev = "major" if copies >= 3 else None
        what = "doubled" if copies == 2 else f"repeated {copies} times:"
        out.append(hit(f"{what} {unit!r}", target=[(m.start() + n, m.end()), (m.start(), m.start() + n)],
                       severity=sev))
    return out


def _excused_double(key: str, copies: int, prof, lang: str | None) -> bool:
    """A doubled word the language writes on purpose (``that that``, ``yavaş yavaş``): only at two
    copies; interjections (``ha ha ha``) at any count."""
    if _interjection(key, lang):
        return True
    if copies > 2:
        return False
    if key in prof.allowed_doubles:
        return True
    # a reduplicating language without a list of its reduplicated words: only function words
    return prof.reduplicating and not prof.allowed_doubles and key not in prof.flagged_doubles


# Words a language doubles legitimately, and the words that cannot follow the legitimate double:
# "that that" is a conjunction and a pronoun (said that that was wrong), never before an article,
# a possessive or a subject pronoun; "had had" is the past perfect of have (had had enough),
# never before "been" or a past participle.
_NOT_AFTER_DOUBLE = {"en": {
    "that": frozenset(("a", "an", "the", "this", "these", "those", "his", "her", "their", "our", "my", "its",
                       "they", "he", "she", "we", "i", "you", "it", "there")),
    "had": frozenset(("been", "be", "being", "have", "has", "had")),
}}
_PARTICIPLE = lazyre.compile(r"\p{L}{3,}ed$")


# "no" as an answer doubles ("No no, ..."), never inside a clause before the verb it negates
# (ya no no tenía, não não dará); German articles double as article and relative pronoun (die
# Frau, die die Wahl gewann), never right after a preposition (in der der UEFA) or at the start.
_ANSWER_NO = {"en": "no", "es": "no", "pt": "não", "it": "no", "de": "nein"}
_DE_ARTICLES = frozenset(("der", "die", "das", "den", "dem", "des"))
_DE_PREPOSITIONS = frozenset((
    "an", "auf", "aus", "bei", "durch", "für", "gegen", "hinter", "in", "laut", "mit", "nach", "neben", "ohne",
    "seit", "trotz", "über", "um", "unter", "von", "vor", "während", "wegen", "zu", "zwischen"))


def _ungrammatical_double(text: str, u: Units, a: int, b: int, lang: str | None) -> bool:
    """A doubled word the language allows (``that that``, ``had had``) where the next word shows
    the double is a slip (``that that a shark``, ``had had been``, ``no no one``, Spanish ``ya no
    no tenía``, German ``in der der UEFA``)."""
    key = u.keys[a]
    if b != a + 1:
        return False
    if lang == "de" and key in _DE_ARTICLES:
        return a == 0 or u.keys[a - 1] in _DE_PREPOSITIONS
    if key == _ANSWER_NO.get(lang or "") and b + 1 < len(u.keys):
        nxt = u.keys[b + 1]  # only spaces before it: "no no, ..." is an answer
        return nxt.isalpha() and nxt != key and text[u.ends[b]:u.starts[b + 1]].isspace()
    table = _NOT_AFTER_DOUBLE.get(lang or "")
    if not table or key not in table or b + 1 >= len(u.keys):
        return False
    nxt = u.keys[b + 1]
    return nxt in table[key] or (key == "had" and _PARTICIPLE.search(nxt) is not None)


_ELONGATED = lazyre.compile(r"(\p{L})\1{3,}")


def _aabb(keys, a: int) -> bool:
    """Word ``a`` doubled right before or after another doubled word (X X Y Y)."""
    return (a + 3 < len(keys) and keys[a + 2] == keys[a + 3]) or (a >= 2 and keys[a - 2] == keys[a - 1])


def _double_severity(pair, ctx, u: Units, a: int, b: int, src: dict):
    """The severity of the run of word ``a`` repeated up to ``b`` ("skip": not flagged, None:
    the check's minor, "major": a loop of a content word three or more times)."""
    key, copies = u.keys[a], b - a + 1
    lang = ctx.tgt.lang
    prof = profile(lang)
    if _excused_double(key, copies, prof, lang) and not _ungrammatical_double(pair.target, u, a, b, lang):
        return "skip"
    if prof.reduplicating and copies == 2 and _aabb(u.keys, a):
        return "skip"  # AABB reduplication: đường đường chính chính
    keys = u.keys
    if prof.letter_name_acronyms and copies == 2 and key in _LETTER_NAMES and (
            (a > 0 and _strip_conj(keys[a - 1]) in _LETTER_NAMES) or (b + 1 < len(keys) and keys[b + 1] in _LETTER_NAMES)):
        return "skip"  # a Latin acronym in letter names: سي إن إن (CNN), بي بي سي (BBC)
    if copies > 2:
        if "loop" not in src:
            src["loop"] = _any_source_loop(pair.source, ctx.src.lang) or _ELONGATED.search(pair.source) is not None
        if src["loop"]:
            return "skip"  # the source loops, or stretches a word (NOOOOO -> KHÔNG KHÔNG KHÔNG)
        return None if key.isdigit() or key in prof.allowed_doubles else "major"
    if key in prof.flagged_doubles:
        return None  # a doubled function word is never deliberate
    s_keys, s_count = _source_doubles(pair.source, ctx.src.lang)
    if key in s_keys:
        return "skip"  # the source doubles this word too (Bora Bora)
    if s_count and key not in pair.source.casefold() and src.get("runs", 1) <= s_count:
        return "skip"  # as many doubles as the source, in another script (Роа Роа for Roa Roa)
    if key.isdigit():
        return "skip" if len(key) == 3 or pair.source.count(key) >= 2 else None
    if not _CLITIC.search(key) and _rare_word(key, lang, ctx.options("REP001").max_rare_name) \
            and units_of(ctx.src).keys.count(key) != 1 and not _surname_doubled(pair.target, u, a) \
            and not is_caseless_script(ctx.tgt.script):  # Hebrew במארלו: a rare prefixed form, not a name
        return "skip"  # a reduplicated name or term, not one the source has once
    if _doubled_in_name(pair.target, u, a, b) and key not in pair.source.casefold() \
            and not _surname_doubled(pair.target, u, a):
        return "skip"  # the Roa Roa Hotel: a reduplicated word inside a longer name
    return None


@check("REP001", "doubled-word", "fluency/grammar", "minor", options=(
    Option("max_chunk", int, MAX_SPACELESS_CHUNK, "longest chunk (characters) of spaceless text checked; longer: REP002"),
    Option("thai_clusters", int, MIN_THAI_CLUSTERS, "grapheme clusters a doubled Thai chunk needs"),
    Option("max_rare_name", int, MAX_REDUP_NAME, "longest rare word whose doubling is taken as a name (ylang ylang)"),
))
def doubled_word(pair, ctx):
    """A word written twice or more in a row with only whitespace between (``the the``, ``de de``,
    ``was was was was``), the most common editing slip; three or more copies of a word (a loop, as
    in machine-translation hallucination) are major. Not flagged at two copies: words a language
    doubles on purpose, from its profile (French ``vous vous``, English ``that that`` and ``had
    had``, German ``die die``, Russian ``да да``, Korean ``빨리 빨리``; in languages that reduplicate,
    their common reduplicated words: Turkish ``yavaş yavaş``, Vietnamese ``từ từ``, Hindi ``धीरे
    धीरे``, Persian ``کم کم``; a reduplicating language without such a list has only its doubled
    function words flagged), Arabic and Persian letter-by-letter acronyms (``سي إن إن``),
    interjections (``ha ha``, at any count), hyphenated reduplication (``anak-anak`` is one word),
    doubled rare words (``ylang ylang``), a doubled number unless the source lacks that number
    twice (three-digit groups as in ``1 000 000`` are digit grouping), and a word the source
    doubles too, or, in another script, as many doubles as the source has (``Bora Bora`` in
    both; a double added beside it is flagged; in a Chinese, Japanese or Thai source a
    reduplicated word such as ``ที่ที่`` or ``いろいろ`` does not count); three or more copies are excused when
    the source repeats something three times (``No, no, no``), and are minor for numbers and the
    language's deliberate doubles. In Chinese, Japanese and Thai: doubled particles (``的的``,
    ``をを``) and a chunk of two to seven characters written twice or more with nothing between
    (``政府政府``, ``ロンドンロンドン``), except reduplication: single characters (``常常``, ``人々``),
    hiragana (``いろいろ``), two-mora katakana onomatopoeia (``ドキドキ``), ``一步一步``, the profile's
    ABAB verbs (``研究研究``), Thai units under three grapheme clusters; longer stretches and
    loops REP002 already flags are left to it. Options: ``max_chunk`` (7), ``thai_clusters``
    (3), ``max_rare_name`` (6). The span covers the extra copies; the related span
    is the first copy."""
    tgt = pair.target
    if not tgt:
        return ()
    lang = ctx.tgt.lang
    if _spaceless_lang(lang, tgt):
        return _spaceless_doubles(pair, ctx, tgt, lang)
    src: dict = {}
    out = _tail_doubles(pair, ctx, src)
    if not light_of(ctx.tgt).doubled:
        return out
    u = units_of(ctx.tgt)
    keys = u.keys
    if len(set(keys)) == len(keys):
        return out
    runs = _doubled_runs(u, tgt)
    src["runs"] = len(runs)
    for a, b in runs:
        sev = _double_severity(pair, ctx, u, a, b, src)
        if sev == "skip":
            continue
        first = tgt[u.starts[a]:u.ends[a]]
        copies = b - a + 1
        what = "doubled word" if copies == 2 else f"word repeated {copies} times:"
        out.append(hit(f"{what} {first!r}", target=[(u.starts[a + 1], u.ends[b]), (u.starts[a], u.ends[a])],
                       severity=sev))
    for f, per, copies in _doubled_chunks(u, tgt) if u.rep_bigrams else ():
        sev = _chunk_severity(pair, ctx, copies, src)
        if sev == "skip":
            continue
        first = tgt[u.starts[f]:u.ends[f + per - 1]]
        what = "doubled word" if copies == 2 else f"word repeated {copies} times:"
        out.append(hit(f"{what} {first!r}", target=[(u.starts[f + per], u.ends[f + per * copies - 1]),
                                                    (u.starts[f], u.ends[f + per - 1])], severity=sev))
    return out


# The end of a token after a digit, hyphen or sign, written again as the next word: "13-year-old
# year-old", "£11million million", "89th th", "@MerPolCC MerPolCC" (the word doubled is glued).
_TAIL_DOUBLE = lazyre.compile(
    r"(?<=[\p{N}\-‐‑@#])(\p{L}[\p{L}\p{M}\-‐‑]*)[ \u00a0]+(\1)(?![\p{L}\p{M}\p{N}\-‐‑])", regex.I)


def _tail_doubles(pair, ctx, src: dict) -> list:
    """Flags for a word that repeats the end of the token before it (``13-year-old year-old``),
    unless the source has the same or doubles a word itself."""
    tgt = ctx.tgt.memo(prose)
    out = []
    for m in _TAIL_DOUBLE.finditer(tgt):
        if m.group() in pair.source:
            continue
        if "double" not in src:
            src["double"] = _has_double(pair.source, ctx.src.lang)
        if src["double"]:
            break
        out.append(hit(f"doubled word {m.group(1)!r}", target=[m.span(2), m.span(1)]))
    return out


def _doubled_in_name(text: str, u: Units, a: int, b: int) -> bool:
    """A capitalised word doubled inside a sentence and followed by another capitalised word
    (``at the Roa Roa Hotel``), a word rarer than ordinary words, before a common word (Hotel,
    Island; not a surname: ``Brett Brett Kavanaugh``): part of a longer proper name."""
    if b + 1 >= len(u.keys) or not text[u.starts[a]].isupper() or not text[u.starts[b + 1]].isupper():
        return False
    before = text[:u.starts[a]].rstrip()
    if not before or before[-1] in ".!?\"“”«»:;":
        return False
    z = _wf_zipf(u.keys[a], u.lang)
    if z is None or z >= 3.5:
        return False  # an ordinary word (One Labour Labour AM)
    z_next = _wf_zipf(u.keys[b + 1], u.lang)
    return z_next is not None and z_next >= 4.3  # a common word names the place (Hotel), not a surname (Brett Brett Kavanaugh)


def _surname_doubled(text: str, u: Units, a: int) -> bool:
    """A capitalised word doubled right after another capitalised name (``Joe Alleva Alleva``,
    ``Narcis Termes Termes``; the word before is inside a sentence or rarer than ordinary
    words): a name written
    twice, not a reduplicated one (``Bora Bora``, ``the Roa Roa Hotel``), which does not follow
    a first name."""
    if a == 0 or not text[u.starts[a]].isupper():
        return False
    prev = text[u.starts[a - 1]:u.ends[a - 1]]
    if not prev[:1].isupper() or not prev[1:].islower() or len(prev) < 2:
        return False
    if not text[u.ends[a - 1]:u.starts[a]].isspace():
        return False
    before = text[:u.starts[a - 1]].rstrip()
    if before and before[-1] not in ".!?\"“”«»:;—–-(":
        return True  # capitalised inside a sentence: a first name
    z = _wf_zipf(prev.lower(), u.lang)
    return z is not None and z < 4.0  # a rare first name, not "The" or "At" starting the sentence


def _chunk_severity(pair, ctx, copies: int, src: dict):
    """A doubled ``year-old``: excused as a doubled word is when the source doubles or loops."""
    if copies > 2:
        if "loop" not in src:
            src["loop"] = _any_source_loop(pair.source, ctx.src.lang)
        return "skip" if src["loop"] else "major"
    if "double" not in src:
        src["double"] = _has_double(pair.source, ctx.src.lang)
    return "skip" if src["double"] else None


# --- REP002 n-gram loops, and the shared search for repeated stretches --------------------------

# Module ``re``: its backreference search is several times faster than ``regex``'s.
_LOOP_SPACED = lazyre.re_compile(r"(.{2,12}?)\1{2,}", re.S)
_PERIODIC = lazyre.re_compile(r"(.+?)\1+", re.S)
_ANY_TRIPLE = lazyre.re_compile(r"(.+?)\1\1", re.S)
_LETTER = lazyre.compile(r"[\p{L}\p{N}]")
LONG2_SPACED_WORDS, LONG2_SPACED_CHARS = 5, 25
N_SPACED, MIN_CHARS_SPACED = 6, 35


def _limits(u: Units) -> tuple[int, int, int]:
    return _SPACELESS_LIMITS.get(u.lang or "", _SPACELESS_DEFAULT)


def _runs(regions):
    """Merge (j, i) pairs (unit j repeats unit i's n-gram) into regions (first, last, origin)
    of consecutive positions whose origins stay consecutive."""
    out: list[list[int]] = []
    for j, i in regions:
        last = out[-1] if out else None
        if last is not None and j <= last[1] + 1 and j - last[0] == i - last[2]:
            last[1] = j
        else:
            out.append([j, j, i])
    return out


def _repeat_regions(u: Units, n: int):
    """Regions (first, last, origin) of units repeating an earlier, non-overlapping stretch."""
    if not u.spaceless and u.rep_bigrams < n - 1:
        return []
    _, reps, _ = u.grams(n)
    return [(a, b + n - 1, o) for a, b, o in _runs(reps)]


def _triple_loops(u: Units):
    """[(first_unit, unit_len, copies)]: a unit of >= 2 words three or more times back to back.
    In spaceless text: a unit of a few characters repeated so that the loop is longer than the
    scan n-gram plus one unit (found as a periodic stretch of the shared n-gram scan, no regex)."""
    out = []
    if u.spaceless:
        n = _scan_n(u)
        min_unit = _limits(u)[2]
        text = u.keys
        runs: list[list[int]] = []  # [first j, last j, period]
        for j, i in u.grams(n)[2]:
            d = j - i
            last = runs[-1] if runs else None
            if last is not None and last[2] == d and j == last[1] + 1:
                last[1] = j
            else:
                runs.append([j, j, d])
        for first_j, last_j, d in runs:
            start = first_j - d
            length = last_j + n - start
            copies = length // d
            unit = text[start:start + d]
            if d < min_unit or copies < 3 or len(set(unit.strip())) < 2 or not _LETTER.search(unit):
                continue
            if _PERIODIC.fullmatch(unit):
                continue
            out.append((start, d, copies))
        return out
    if u.rep_bigrams < 2:
        return []
    for m in _LOOP_SPACED.finditer(u.codes):
        unit = m.group(1)
        if _PERIODIC.fullmatch(unit):
            continue  # "a a a a": one word repeated, REP001's business
        out.append((m.start(), len(unit), len(m.group()) // len(unit)))
    return out


def _scan_n(u: Units) -> int:
    """The n-gram size of the one repeat scan per text (shared by REP002 and REP003)."""
    return _limits(u)[1] if u.spaceless else LONG2_SPACED_WORDS


def _long_twice(u: Units):
    """[(first_unit, unit_len, 2)]: a long stretch written twice back to back."""
    out = []
    for start, end, origin in _repeat_regions(u, _scan_n(u)):
        length = end - start + 1
        if origin + length != start:
            continue  # not back to back
        if u.spaceless:
            if not _LETTER.search(u.keys, origin, start) or _PERIODIC.fullmatch(u.keys[origin:start]):
                continue
        elif u.ends[origin + length - 1] - u.starts[origin] < LONG2_SPACED_CHARS:
            continue
        out.append((origin, length, 2))
    return out


_DOUBLE_PHRASE = lazyre.re_compile(r"(.{2,4})\1", re.S)
MIN_DOUBLE_PHRASE_CHARS = 8


def _short_twice(u: Units, text: str):
    """[(first_unit, unit_len, 2)]: a short phrase (2-4 words, 8+ characters) written twice with
    only whitespace between the copies ("mot de passe mot de passe"), spaced text only."""
    if u.spaceless:
        return []
    out = []
    for m in _DOUBLE_PHRASE.finditer(u.codes):
        unit = m.group(1)
        if _PERIODIC.fullmatch(unit):
            continue
        first, n = m.start(), len(unit)
        if not _SEP_WS.fullmatch(text, u.ends[first + n - 1], u.starts[first + n]):
            continue
        if u.ends[first + n - 1] - u.starts[first] < MIN_DOUBLE_PHRASE_CHARS:
            continue
        out.append((first, n, 2))
    return out


def _any_source_loop(text: str, lang: str | None) -> bool:
    """The source repeats something back to back (even one word three times): loops excused."""
    u = units_of_text(text, lang)
    if not u.spaceless and len(set(u.keys)) + 2 > len(u.keys):
        return False
    if _ANY_TRIPLE.search(u.codes):
        return True
    return bool(_long_twice(u))


@check("REP002", "ngram-loop", "accuracy/addition", "major")
def ngram_loop(pair, ctx):
    """An n-gram loop: a phrase repeated back to back, the typical hallucination of machine
    translation (``the meeting of the meeting of the meeting of``). Flagged when a phrase of two
    or more words repeats three or more times in a row, or a long phrase (five or more words and
    25 characters) twice in a row, punctuation between copies ignored. In Chinese and Japanese
    the same holds in characters: a unit of two or more characters repeated until the loop is
    longer than eight characters plus one unit, or eight or more characters twice; in Thai four
    and twenty characters. A single word repeated is REP001's; a single character repeated
    (``哈哈哈``) and reduplication (``谢谢``) are not loops; nothing is flagged when the source
    itself repeats something back to back (``No, no, no``), and a long stretch written twice is
    excused when the source repeats that content in other words (a headline run into its lead
    sentence, as for REP003). A short phrase (two to four words, eight or more characters)
    doubled with only whitespace between (``mot de passe mot de passe``) is a minor flag unless
    the source doubles too. The span covers the extra copies; the related span is the first
    copy."""
    tgt = pair.target
    if not tgt:
        return ()
    if not _spaceless_lang(ctx.tgt.lang, tgt):
        li = light_of(ctx.tgt)
        rep = li.rep
        # a loop or a long stretch twice repeats several word pairs; a short phrase doubled
        # repeats one, and then some word recurs two to four words later
        # (a loop of 5+ words or a long stretch twice repeats three or more word pairs)
        if rep < 1 or (rep < 3 and not _near_double(li.chunks)):
            return ()
    u = units_of(ctx.tgt)
    if len(u) < 4:
        return ()
    loops = _triple_loops(u)
    covered = [(f, f + n * k) for f, n, k in loops]
    for f, n, k in _long_twice(u) + _short_twice(u, tgt):
        if not any(a <= f < b or a < f + n * k <= b for a, b in covered):
            loops.append((f, n, k))
            covered.append((f, f + n * k))
    if not loops or _any_source_loop(pair.source, ctx.src.lang):
        return ()
    src_doubles = None
    out = []
    src_repeated = None
    for first, n, copies in sorted(loops):
        last = first + n * copies - 1
        sev = None
        if copies == 2 and n < (LONG2_SPACED_WORDS if not u.spaceless else 10 ** 9):
            # a short phrase doubled: an editing slip (minor), excused when the source doubles
            if src_doubles is None:
                src_doubles = _has_double(pair.source, ctx.src.lang) or bool(
                    _short_twice(units_of_text(pair.source, ctx.src.lang), pair.source))
            if src_doubles:
                continue
            sev = "minor"
        elif copies == 2:
            # a long stretch twice: excused when the source repeats that content in other words
            # (a headline run into its lead sentence), as for REP003
            if src_repeated is None:
                stems = _content(units_of_text(pair.source, ctx.src.lang))
                src_repeated = len(stems) - len(set(stems))
            if src_repeated >= _needed(u, first, first + n - 1):
                continue
        extra = (u.starts[first + n], u.ends[last])
        orig = (u.starts[first], u.ends[first + n - 1])
        if u.spaceless:
            extra, orig = _trim(tgt, extra), _trim(tgt, orig)
        what = "doubled" if copies == 2 else f"repeated {copies} times in a row"
        out.append(hit(f"{tgt[orig[0]:orig[1]]!r} {what}", target=[extra, orig], severity=sev))
    return out


# --- REP003 repeated from an earlier sentence or the previous segment --------------------------

def _clause_limits(u: Units) -> tuple[int, int]:
    """(min units, min chars) of a repeated clause (in spaceless text: the scan size; the
    clause must also reach the weight of ``_limits``)."""
    if u.spaceless:
        c = _limits(u)[1]
        return c, c
    return N_SPACED, MIN_CHARS_SPACED


def _shared_with(u: Units, other_view, n: int, min_len: int):
    """Regions (first, last, origin) of ``u`` whose n-grams stand in ``other_view``'s text (only
    looked for when ``min_len`` units could be shared)."""
    keys = u.keys
    if len(keys) < n:
        return []
    other = neighbour_units(other_view, u.lang)
    if len(other) < n:
        return []
    sl = u.spaceless
    if not sl:
        obig = other.bigrams
        if sum(1 for bg in u.bigram_list() if bg in obig) < min_len - 1:
            return []
    grams = other.grams(n)[0]
    if sl:
        # the own n-gram dict is needed anyway (self repeats, next pair's look-back)
        mine = u.grams(n)[0]
        if mine.keys().isdisjoint(grams):
            return []
    reps = []
    norm, o = u.norm, u.offs
    cut = 0 if sl else 1
    for j in range(len(keys) - n + 1):
        i = grams.get(norm[o[j]:o[j + n] - cut])
        if i is not None:
            reps.append((j, i))
    return [(a, b + n - 1, o) for a, b, o in _runs(reps)]


def _content(u: Units, start: int = 0, end: int | None = None) -> list[str]:
    """Crude content stems: words of 4+ letters cut to 5, or letter bigrams in spaceless text."""
    if u.spaceless:
        t = u.keys[start:end]
        return [t[i:i + 2] for i in range(len(t) - 1) if t[i].isalpha() and t[i + 1].isalpha()]
    return [k[:5] for k in u.keys[start:end] if len(k) >= 4 and not k.isdigit()]


def _needed(u: Units, start: int, end: int) -> int:
    """How many content stems a source must share to excuse a target repeat of this region."""
    if u.spaceless:
        weight = (end - start + 1) * 4 / _limits(u)[0]
    else:
        weight = len(_content(u, start, end + 1))
    return max(2, -(-int(weight * 3) // 10))


def _trim(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """Shrink a span (of spaceless text) to start and end on a letter or digit."""
    s, e = span
    while s < e and not text[s].isalnum():
        s += 1
    while e > s and not text[e - 1].isalnum():
        e -= 1
    return (s, e) if e > s else span


def _long_enough(u: Units, start: int, end: int) -> bool:
    if u.spaceless:
        return spaceless_weight(u.keys[start:end + 1]) >= _limits(u)[0]
    return end - start + 1 >= N_SPACED and u.ends[end] - u.starts[start] >= MIN_CHARS_SPACED


@check("REP003", "repeated-clause", "accuracy/addition", "major")
def repeated_clause(pair, ctx):
    """A clause or sentence that repeats content already written: a long stretch of the target
    (six or more words and 35 characters; in Chinese a weight of 12, in Japanese 11, in Thai 12,
    counting an ideograph 1, a kana 0.4, a Thai letter 0.35: about twelve Chinese characters,
    longer in kana, so that a katakana name repeated is not enough) that also stands
    word for word in an earlier sentence of the same target, or in
    the previous segment's target (document order), while the source does not repeat that
    content (the source excuses the target when it shares with itself, or with the previous
    source, about a third as many content words as the repeated stretch has, at least two: a
    headline followed by its lead sentence is fine). This catches machine translation that
    re-renders the previous sentence's clause into the current one. Back-to-back copies are
    REP002's. The span covers the repeated copy; the related span is the first occurrence when
    it is in the same segment; a repeat of the previous segment says so in the message."""
    tgt = pair.target
    if not tgt:
        return ()
    prev = ctx.prev
    if prev is not None and not prev.target:
        prev = None
    if not _spaceless_lang(ctx.tgt.lang, tgt):
        li = light_of(ctx.tgt)
        self_possible = len(li.chunks) >= 2 * N_SPACED and li.rep >= N_SPACED - 3
        if prev is not None:
            if len(li.bigram_set.intersection(light_of(ctx.prev_tgt).bigram_set)) < N_SPACED - 3:
                prev = None
        if not self_possible and prev is None:
            return ()
    u = units_of(ctx.tgt)
    n, _ = _clause_limits(u)
    if len(u) < n:
        return ()
    out = []
    taken: list[tuple[int, int]] = []
    src_repeated = None
    scan = _scan_n(u)
    if len(u) >= 2 * n:
        for start, end, origin in _repeat_regions(u, scan):
            if origin + (end - start) + 1 >= start or not _long_enough(u, start, end):
                continue  # back to back (REP002's) or too short
            if src_repeated is None:
                stems = _content(units_of_text(pair.source, ctx.src.lang))
                src_repeated = len(stems) - len(set(stems))
            if src_repeated >= _needed(u, start, end):
                continue
            span = _trim(tgt, (u.starts[start], u.ends[end]))
            orig = _trim(tgt, (u.starts[origin], u.ends[origin + end - start]))
            taken.append(span)
            out.append(hit(f"repeats {tgt[orig[0]:orig[1]]!r} from earlier in the segment",
                           target=[span, orig]))
    if prev is not None:
        shared = None
        for start, end, _origin in _shared_with(u, ctx.prev_tgt, scan, n):
            if not _long_enough(u, start, end):
                continue
            span = _trim(tgt, (u.starts[start], u.ends[end]))
            if any(s < span[1] and span[0] < e for s, e in taken):
                continue
            if shared is None:
                a = set(_content(units_of_text(pair.source, ctx.src.lang)))
                b = set(_content(units_of_text(prev.source, ctx.src.lang)))
                shared = len(a & b)
            if shared >= min(3, _needed(u, start, end)):
                continue
            # Across segments, a translator's explicitation (a name spelled out again) is the
            # usual innocent cause: minor unless the repeat is very long.
            very_long = (spaceless_weight(tgt[span[0]:span[1]]) >= 2 * _limits(u)[0] if u.spaceless
                         else end - start + 1 >= 2 * N_SPACED and span[1] - span[0] >= 2 * MIN_CHARS_SPACED)
            out.append(hit(f"repeats {tgt[span[0]:span[1]]!r} from the previous segment "
                           f"({prev.id}), while the source does not", target=span,
                           severity=None if very_long else "minor"))
    return out
