"""Deterministic target-side perturbations for the meaning-error benchmark (bench/bench_perturb.py).

Every generator takes one line (its source, its clean target, the target-language corpus it
comes from) and a ``random.Random`` seeded by (kind, language pair, line number), and returns
the perturbed target with a short note of what it did, or ``None`` when the kind does not apply
to that line (nothing to change, or the change would not change the text). No global random
state is used, so the same line always gets the same perturbation.

Words are runs of letters and combining marks (apostrophes, hyphens and the Persian ZWNJ inside
a word); Chinese, Japanese and Thai, written without spaces, are cut into *chunks* of two
characters (Han, kana) or three grapheme clusters (Thai) instead. A *content word* is a word of
three letters or more whose wordfreq Zipf frequency in its language is below 5.5 (6.0 for
Vietnamese, whose words are syllables); in Korean any word of two syllables or more, in Chinese,
Japanese and Thai any chunk without a common function character (的 了 是 在 ...).

The kinds (each its own row in the report):

number
    A number written with digits (not a year: four digits 1000-2100) gets its first or its
    last digit changed (8 -> 9, 1,500 -> 4,500; native digits stay native), or a number word
    two..ten (twelve in English) is changed by one (two -> three). Word tables: en es fr de it
    pt ru uk pl tr vi (forms that are also articles, pronouns or common words are left out:
    "one", "un", "sei", "năm", "ba", Turkish "on"); the other languages use digits only.
year
    A four-digit year 1000-2100 moved by 1-5 years (in 1987 -> in 1990).
multi-quantity
    Only in targets with two or more numbers (digits or number words): one of them, drawn at
    random, is changed as above.
name-replaced
    A name of the target replaced by another name of the same shape taken from elsewhere in the
    same target-language corpus (never one that occurs in this pair). Names are found as
    follows. Acronyms (2-6 capitals, Latin, Cyrillic or Greek) in every script. In cased scripts,
    runs of capitalised words not at a sentence start whose lower-case forms are rare in the
    corpus (at most a third as frequent as the capitalised form: "President" drops out of
    "President Joe Biden"; so do Vietnamese syllables of names that are also common words, and
    English months and weekdays); German capitalises every noun, so a German run counts only
    when it also occurs verbatim in the source. In
    caseless scripts (zh ja ko th ar hi fa he) only Latin-script names copied from the source
    (BBC, Twitter, Boris Johnson) are found. The shape is "acronym" or "name of n words" (n up
    to 3). It cannot tell a person from a place or an organisation, and it misses names
    transliterated into a caseless script (Кветта is found, क्वेटा is not).
name-removed
    One of those names deleted; apposition commas (", Joe Biden,"), empty brackets, an English
    possessive 's and doubled spaces are cleaned up.
code-mix
    There is no word aligner: one target content word, or a run of 2-3 target words starting
    with one (only spaces between them, no name inside), is replaced by the source content
    word nearest in relative position, with as many following source words (same limits),
    never by text the target already contains. For en->xx the inserted words are English, for xx->en they are in xx. Chinese,
    Japanese and Thai sides use chunks (see above), so a half word may be replaced.
negation-added, negation-removed
    Per-language rules (NEG_ADD, NEG_REMOVE below) for all 19 languages, tried tier by tier:
    the first tier with a match is used and the match is drawn at random. Added negations
    follow the language (English "is" -> "is not", French "a" -> "n'a pas", German "ist" ->
    "ist nicht" / "eine" -> "keine", Russian "был" -> "не был", Chinese "可以" -> "不可以", Japanese
    "ます" -> "ません", Korean "있다" -> "없다" or "안" before the final verb, Turkish "geldi" ->
    "gelmedi", Hindi "नहीं" before the final verb, ...); removals delete the marker or swap it for
    its positive (German "kein" -> "ein", Persian "نیست" -> "است", Vietnamese "chưa" -> "đã").
    Added negations are not always grammatical; a sentence without a negation cannot lose one
    and is skipped.
antonym
    A word swapped for its antonym from small tables (ANTONYMS: rose/fell, increased/decreased,
    allowed/banned, ...) in en es fr de it pt ru zh ja; the other ten languages have no table
    and are skipped.
content-removed
    A prepositional phrase (a preposition of the language and 1-3 following words, within the
    clause; in Hindi and Turkish a word with its postposition) or a content word (not a name, not
    a number) removed. Chinese and Japanese: a non-final comma clause if there are several, else
    a chunk; Thai: one space-separated phrase (Thai spaces separate phrases). There is no
    parser, so "a subject" is only removed when it happens to be the content word drawn.
addition
    A phrase from the target of a far-away line (the donor line, see ``donor_line``: a third of
    the corpus away): a
    prepositional phrase or a comma clause of 3-8 words, in languages without prepositions a run
    of 2-4 words, in Chinese/Japanese a comma clause, in Thai a space-separated phrase; inserted
    before the final punctuation (before the final verb in the verb-final ko hi tr fa).
unrelated
    The whole target replaced by the target of the donor line (half the corpus away).
repeat-2, repeat-4
    A word written two or four times in a row ("was was", "Chile Chile Chile Chile"); in Chinese,
    Japanese and Thai a chunk repeated without spaces.
misspell-drop, misspell-swap, misspell-double
    In a word of at least five grapheme clusters (three Hangul syllables) that is not a name, an
    acronym or a number: one inner letter dropped, two adjacent different inner letters swapped,
    or one letter doubled. Skipped for Chinese, Japanese and Thai: no word boundaries, and a
    dropped Han character is a different word rather than a typo.

The dev/test split: line n (1-based) of NTREX is ``dev`` when the first byte of
sha256("ntrex-line-n") is even, else ``test`` (about half each, the same lines in every
language). Donor lines (addition, unrelated) are taken from the *other* split so that they are
never audited in the same call as their own clean pair (with ``--split all``, from anywhere at
least 100 lines away).
"""
from __future__ import annotations

import hashlib
import random
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable, Optional

import regex

KINDS = ("number", "year", "multi-quantity", "name-replaced", "name-removed", "code-mix",
         "negation-added", "negation-removed", "antonym", "content-removed", "addition", "unrelated",
         "repeat-2", "repeat-4", "misspell-drop", "misspell-swap", "misspell-double")

SPACELESS = frozenset({"zh", "ja", "th"})
CASELESS = frozenset({"zh", "ja", "ko", "th", "ar", "hi", "fa", "he"})
VERB_FINAL = frozenset({"ko", "hi", "tr", "fa", "ja"})
N_LINES = 1997

Result = Optional[tuple[str, str]]  # (perturbed target, note) or None

# ---------------------------------------------------------------------------------------------
# split, seeds, donors


def split_of(line_no: int) -> str:
    """``dev`` or ``test`` for a 1-based NTREX line number (hash of the number, see module doc)."""
    return "dev" if hashlib.sha256(f"ntrex-line-{line_no}".encode()).digest()[0] % 2 == 0 else "test"


def rng_for(kind: str, pair_key: str, line_no: int) -> random.Random:
    """A generator of its own for one (kind, language pair, line): str seeds hash with SHA-512."""
    return random.Random(f"{kind}|{pair_key}|{line_no}")


def donor_line(line_no: int, split: str, offset: int, n_lines: int = N_LINES) -> int:
    """The first line ``offset`` lines on or after (cyclically) in the other split unless ``split``
    is all. Without randomness two lines of one call never share a donor (they would need the
    same run of lines of one split between them)."""
    cand = (line_no - 1 + offset) % n_lines + 1
    while split != "all" and split_of(cand) == split:
        cand = cand % n_lines + 1
    return cand


# ---------------------------------------------------------------------------------------------
# tokens

WORD = regex.compile(r"\p{L}[\p{L}\p{M}]*(?:['’\-\u200c]\p{L}[\p{L}\p{M}]*)*")
HAN_RUN = regex.compile(r"\p{Han}{2,}")
KATAKANA_RUN = regex.compile(r"[\p{Katakana}ー]{2,}")
THAI_RUN = regex.compile(r"[\p{Thai}]{3,}")
PUNCT_END = regex.compile(r"[\s.!?。！？…:;\"'”’»)\]】」』]*$")
SENT_START = regex.compile(r"(?:^|[.!?:;…。！？])\s*[\"“«„‘'(\[]?\s*$")


def bound(p: str) -> str:
    """``p`` as a whole word (not inside a run of letters, marks or ZWNJ)."""
    return rf"(?<![\p{{L}}\p{{M}}\u200c]){p}(?![\p{{L}}\p{{M}}\u200c])"


def words(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in WORD.finditer(text)]


def chunks(text: str, lang: str) -> list[tuple[int, int, str]]:
    """Spaceless scripts: 2-character chunks of Han runs, whole katakana runs (a loan word or a
    name), 3-cluster chunks of Thai runs (hiragana, mostly endings and particles, is left out)."""
    out = []
    if lang == "th":
        for m in THAI_RUN.finditer(text):
            clusters = [c.span() for c in regex.finditer(r"\X", m.group())]
            for k in range(0, len(clusters) - 2, 3):
                s, e = m.start() + clusters[k][0], m.start() + clusters[k + 2][1]
                out.append((s, e, text[s:e]))
        return out
    for m in HAN_RUN.finditer(text):
        for k in range(m.start(), m.end() - 1, 2):
            out.append((k, k + 2, text[k:k + 2]))
    out += [(m.start(), m.end(), m.group()) for m in KATAKANA_RUN.finditer(text)]
    return sorted(out)


def units(text: str, lang: str) -> list[tuple[int, int, str]]:
    return chunks(text, lang) if lang in SPACELESS else words(text)


@lru_cache(maxsize=400_000)
def zipf(word: str, lang: str) -> float:
    import wordfreq

    try:
        return wordfreq.zipf_frequency(word, lang)
    except Exception:  # no word list or tokenizer for the language
        return 0.0


CJK_FUNCTION_CHARS = frozenset("的了是在和与及也都而被把对将这那之其就又")


def is_content(word: str, lang: str) -> bool:
    if lang in SPACELESS:
        return len(word) >= 2 and not CJK_FUNCTION_CHARS.intersection(word)
    if lang == "ko":
        return len(word) >= 2
    if len(word) < 3 or any(ch.isdigit() for ch in word):
        return False
    return zipf(word.lower(), lang) < (6.0 if lang == "vi" else 5.5)


def at_sentence_start(text: str, pos: int) -> bool:
    return bool(SENT_START.search(text[:pos]))


def low(word: str) -> str:
    """Lower case without the combining dot of Turkish İ (İki -> iki, not i̇ki)."""
    return word.lower().replace("\u0307", "")


def match_case(model: str, word: str) -> str:
    if model.isupper() and len(model) > 1:
        return word.upper()
    if model[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


CLOSING = ".,;:!?)]}»”’…、，。！？：；،؛؟"


def join_clean(left: str, right: str, lang: str) -> str:
    """Glue two pieces after a deletion: one space between words (none in spaceless scripts
    between two native characters), none before punctuation, a capital kept at the start."""
    left, right = left.rstrip(" "), right.lstrip(" ")
    if not left:
        return right[:1].upper() + right[1:] if right else right
    if not right or right[0] in CLOSING or left[-1] in "([“«„¿¡":
        return left + right
    if lang in SPACELESS and not (regex.match(r"[\p{Latin}\p{Nd}]", right) or regex.search(r"[\p{Latin}\p{Nd}]$", left)):
        return left + right
    return left + " " + right


def delete_span(text: str, s: int, e: int, lang: str) -> str:
    """Delete text[s:e], cleaning an apposition's commas, empty brackets and a possessive 's."""
    left, right = text[:s], text[e:]
    if left.rstrip().endswith((",", "،", "，")) and right.lstrip().startswith((",", "،", "，")):
        left, right = left.rstrip()[:-1], right.lstrip()[1:]
    elif left.rstrip().endswith(("(", "（")) and right.lstrip().startswith((")", "）")):
        left, right = left.rstrip()[:-1], right.lstrip()[1:]
    right = regex.sub(r"^['’]s(?!\p{L})", "", right)
    if s == 0 and text[:1].isupper():
        right = right.lstrip()
        right = right[:1].upper() + right[1:]
    return join_clean(left, right, lang)


def replace_span(text: str, s: int, e: int, new: str) -> str:
    return text[:s] + new + text[e:]


def changed(old: str, new: str, note: str) -> Result:
    """Only a real change of the text counts; a blank result is no perturbation either."""
    if new == old or not new.strip() or " ".join(new.split()) == " ".join(old.split()):
        return None
    return new, note


# ---------------------------------------------------------------------------------------------
# the line and its corpus


@dataclass
class Corpus:
    """One direction's target-language corpus (all NTREX lines), for names and donors."""
    lang: str
    src_lang: str
    sources: list[str]
    targets: list[str]
    split: str = "test"
    names: dict[str, list[str]] = field(default_factory=dict)
    lower: Counter = field(default_factory=Counter)
    capital: Counter = field(default_factory=Counter)

    def __post_init__(self) -> None:
        for t in self.targets:
            for _, _, w in words(t):
                (self.capital if w[:1].isupper() else self.lower)[w.lower()] += 1
        pools: dict[str, set] = {}
        for src, tgt in zip(self.sources, self.targets):
            for _, _, text, shape in find_names(self, src, tgt):
                pools.setdefault(shape, set()).add(text)
        self.names = {k: sorted(v) for k, v in pools.items()}


@dataclass
class Line:
    no: int  # 1-based NTREX line number
    source: str
    target: str
    corpus: Corpus

    @property
    def lang(self) -> str:
        return self.corpus.lang

    @property
    def src_lang(self) -> str:
        return self.corpus.src_lang


# ---------------------------------------------------------------------------------------------
# numbers

NUMBER = regex.compile(r"(?<![\p{Latin}\p{Cyrillic}\p{Greek}\p{Nd}][\-‐]?|[\p{Nd}.,])\p{Nd}+(?:[.,\u00a0\u202f]\p{Nd}+)*(?!\p{Nd})")
NUMBER_WORDS: dict[str, list[str]] = {  # values 2, 3, ... (index + 2); "" = left out, see module doc
    "en": ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"],
    "es": ["dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve", "diez"],
    "fr": ["deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix"],
    "de": ["zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun", "zehn"],
    "it": ["due", "tre", "quattro", "cinque", "", "sette", "otto", "nove", "dieci"],
    "pt": ["dois", "três", "quatro", "cinco", "seis", "sete", "oito", "nove", "dez"],
    "ru": ["два", "три", "четыре", "пять", "шесть", "семь", "восемь", "девять", "десять"],
    "uk": ["два", "три", "чотири", "п'ять", "шість", "сім", "вісім", "дев'ять", "десять"],
    "pl": ["dwa", "trzy", "cztery", "pięć", "sześć", "siedem", "osiem", "dziewięć", "dziesięć"],
    "tr": ["iki", "üç", "dört", "beş", "altı", "yedi", "sekiz", "dokuz"],
    "vi": ["hai", "", "bốn", "", "sáu", "bảy", "tám", "chín", "mười"],
}
NUMBER_WORD_ALIASES = {"ru": {"две": 2}, "uk": {"дві": 2}, "pl": {"dwie": 2}, "pt": {"duas": 2}}


@lru_cache(maxsize=None)
def _number_word_re(lang: str):
    table = {w: i + 2 for i, w in enumerate(NUMBER_WORDS.get(lang, [])) if w}
    table.update(NUMBER_WORD_ALIASES.get(lang, {}))
    if not table:
        return None, {}
    alt = "|".join(sorted(map(regex.escape, table), key=len, reverse=True))
    return regex.compile(bound(f"(?:{alt})"), regex.IGNORECASE), table


def is_year(text: str) -> bool:
    return len(text) == 4 and text.isdigit() and 1000 <= _digit_value(text) <= 2100


def _digit_value(text: str) -> int:
    return int("".join(str(unicodedata.digit(c)) for c in text if c.isdigit()))


def _native(d: int, like: str) -> str:
    """Digit ``d`` in the script of digit character ``like``."""
    return chr(ord(like) - unicodedata.digit(like) + d)


def quantities(text: str, lang: str) -> list[tuple[int, int, str, str]]:
    """(start, end, text, kind) with kind in digits / year / word."""
    out = [(m.start(), m.end(), m.group(), "year" if is_year(m.group()) else "digits") for m in NUMBER.finditer(text)]
    rx, _ = _number_word_re(lang)
    if rx is not None:
        out += [(m.start(), m.end(), m.group(), "word") for m in rx.finditer(text)]
    return sorted(out)


def change_quantity(text: str, q: tuple[int, int, str, str], rng: random.Random, lang: str) -> tuple[str, str]:
    """The text with quantity ``q`` changed, and the new quantity."""
    s, e, num, kind = q
    if kind == "year":
        value = _digit_value(num) + rng.choice([-5, -4, -3, -2, -1, 1, 2, 3, 4, 5])
        new = "".join(_native(int(d), num[0]) for d in str(value))
    elif kind == "word":
        _, table = _number_word_re(lang)
        value = table[low(num)]
        forms = {v: w for w, v in table.items() if w in NUMBER_WORDS.get(lang, [])}
        options = [v for v in (value - 1, value + 1) if v in forms]
        new = match_case(num, forms[rng.choice(options)]) if options else num
    else:
        digits = [k for k, c in enumerate(num) if c.isdigit()]
        k = rng.choice([digits[0], digits[-1]]) if len(digits) > 1 else digits[0]
        old = unicodedata.digit(num[k])
        lowest = 1 if k == digits[0] and len(digits) > 1 else 0
        choices = [d for d in range(lowest, 10) if d != old]
        new = num[:k] + _native(rng.choice(choices), num[k]) + num[k + 1:]
    return replace_span(text, s, e, new), new


def _change_one(line: Line, rng: random.Random, cands: list, extra: str = "") -> Result:
    if not cands:
        return None
    q = rng.choice(cands)
    new, piece = change_quantity(line.target, q, rng, line.lang)
    return changed(line.target, new, f"{q[2]!r} -> {piece!r}{extra}")


def gen_number(line: Line, rng: random.Random) -> Result:
    return _change_one(line, rng, [q for q in quantities(line.target, line.lang) if q[3] != "year"])


def gen_year(line: Line, rng: random.Random) -> Result:
    return _change_one(line, rng, [q for q in quantities(line.target, line.lang) if q[3] == "year"])


def gen_multi_quantity(line: Line, rng: random.Random) -> Result:
    cands = quantities(line.target, line.lang)
    if len(cands) < 2:
        return None
    return _change_one(line, rng, cands, f" (one of {len(cands)} quantities)")


# ---------------------------------------------------------------------------------------------
# names

ACRONYM = regex.compile(r"(?<![\p{L}\p{Nd}])[\p{Lu}&&[\p{Latin}\p{Cyrillic}\p{Greek}]]{2,6}(?![\p{L}\p{Nd}])")
LATIN_NAME = regex.compile(r"(?<![\p{L}\p{M}])\p{Lu}[\p{Latin}\p{M}'’\-]*\p{Ll}[\p{Latin}\p{M}'’\-]*"
                           r"(?: \p{Lu}[\p{Latin}\p{M}'’\-]*\p{Ll}[\p{Latin}\p{M}'’\-]*)*")
ROMAN = frozenset({"II", "III", "IV", "VI", "VII", "VIII", "IX", "XI", "XII", "XX", "XXI"})


def _capital_runs(text: str) -> list[list[tuple[int, int, str]]]:
    """Runs of capitalised (not all-capital) words separated by single spaces."""
    runs: list[list] = []
    for w in words(text):
        cap = w[2][:1].isupper() and not w[2].isupper()
        if cap and runs and runs[-1] and text[runs[-1][-1][1]:w[0]] == " ":
            runs[-1].append(w)
        elif cap:
            runs.append([w])
        else:
            runs.append([])
    return [r for r in runs if r]


# English months and weekdays are capitalised but are dates, not names of the same kind
EN_NOT_NAMES = frozenset("january february march april may june july august september october november december "
                         "monday tuesday wednesday thursday friday saturday sunday".split())


def _name_like(corpus: Corpus, word: str) -> bool:
    if corpus.lang == "en" and word.lower() in EN_NOT_NAMES:
        return False
    return corpus.lower[word.lower()] * 3 <= corpus.capital[word.lower()]


def _cased_names(corpus: Corpus, source: str, target: str) -> list[tuple[int, int, str]]:
    out = []
    for run in _capital_runs(target):
        if at_sentence_start(target, run[0][0]):
            run = run[1:]
        piece: list = []
        for w in run + [None]:
            if w is not None and _name_like(corpus, w[2]):
                piece.append(w)
                continue
            if piece:
                s, e = piece[0][0], piece[-1][1]
                if corpus.lang != "de" or target[s:e] in source:
                    out.append((s, e, target[s:e]))
            piece = []
    return out


def find_names(corpus: Corpus, source: str, target: str) -> list[tuple[int, int, str, str]]:
    """(start, end, text, shape) of the names of a target (method in the module docstring)."""
    acr = [m for m in ACRONYM.finditer(target) if m.group() not in ROMAN]
    out = [(m.start(), m.end(), m.group(), "acronym") for m in acr] if len(acr) < 4 else []
    if corpus.lang in CASELESS:
        spans = [(m.start(), m.end(), m.group()) for m in LATIN_NAME.finditer(target) if m.group() in source]
    else:
        spans = _cased_names(corpus, source, target)
    out += [(s, e, t, f"name{min(3, len(t.split()))}" + ("-latin" if regex.match(r"\p{Latin}", t) else ""))
            for s, e, t in spans]
    return sorted(out)


def gen_name_replaced(line: Line, rng: random.Random) -> Result:
    names = find_names(line.corpus, line.source, line.target)
    if not names:
        return None
    s, e, text, shape = rng.choice(names)
    here = (line.source + " " + line.target).casefold()
    pool = [n for n in line.corpus.names.get(shape, []) if n.casefold() not in here]
    if not pool:
        return None
    new_name = rng.choice(pool)
    return changed(line.target, replace_span(line.target, s, e, new_name), f"{text!r} -> {new_name!r} ({shape})")


def gen_name_removed(line: Line, rng: random.Random) -> Result:
    names = find_names(line.corpus, line.source, line.target)
    if not names:
        return None
    s, e, text, shape = rng.choice(names)
    return changed(line.target, delete_span(line.target, s, e, line.lang), f"removed {text!r} ({shape})")


# ---------------------------------------------------------------------------------------------
# code-mix


def _content_units(text: str, lang: str, avoid: str = "") -> list[tuple[int, int, str]]:
    """Content words that are not names (capitalised mid-sentence, Latin in a caseless script)
    and do not occur in ``avoid``."""
    av = avoid.casefold()
    out = []
    for u in units(text, lang):
        if not is_content(u[2], lang) or u[2].casefold() in av:
            continue
        if lang in CASELESS and regex.search(r"\p{Latin}", u[2]):
            continue
        if lang not in CASELESS and u[2][:1].isupper() and not at_sentence_start(text, u[0]):
            continue
        out.append(u)
    return out


def _window(text: str, us: list[tuple[int, int, str]], k: int, n: int, lang: str) -> int:
    """Index of the last unit of a run of up to ``n`` units from ``k``, stopping at a gap that is
    not plain space (punctuation, a number) and before a name (capitalised mid-sentence)."""
    last = k
    while last + 1 < len(us) and last + 1 - k < n:
        nxt = us[last + 1]
        gap = text[us[last][1]:nxt[0]]
        if gap.strip() or (lang not in CASELESS and nxt[2][:1].isupper()):
            break
        last += 1
    return last


def gen_code_mix(line: Line, rng: random.Random) -> Result:
    """A target content word (or 2-3 words) replaced by the source words nearest in position."""
    tgt, src = line.target, line.source
    t_units = units(tgt, line.lang)
    s_units = units(src, line.src_lang)
    t_ok = set(_content_units(tgt, line.lang))
    s_ok = set(_content_units(src, line.src_lang, avoid=tgt))
    t_cands = [k for k, u in enumerate(t_units) if u in t_ok]
    s_cands = [k for k, u in enumerate(s_units) if u in s_ok]
    if not t_cands or not s_cands or not tgt or not src:
        return None
    n = rng.choice([1, 1, 2, 3])
    k = rng.choice(t_cands)
    t_end = _window(tgt, t_units, k, n, line.lang)
    rel = (t_units[k][0] + t_units[t_end][1]) / 2 / len(tgt)
    m = min(s_cands, key=lambda j: (abs((s_units[j][0] + s_units[j][1]) / 2 / len(src) - rel), j))
    s_end = _window(src, s_units, m, t_end - k + 1, line.src_lang)
    inserted = src[s_units[m][0]:s_units[s_end][1]]
    old = tgt[t_units[k][0]:t_units[t_end][1]]
    if inserted.casefold() == old.casefold() or inserted.casefold() in tgt.casefold():
        return None
    new = replace_span(tgt, t_units[k][0], t_units[t_end][1], inserted)
    return changed(tgt, new, f"{old!r} -> {inserted!r}")


# ---------------------------------------------------------------------------------------------
# negation

Rule = tuple[str, "str | Callable"]


def _r(p: str) -> str:
    return bound(p) + r"\s+"


def _fr_neg(m) -> str:
    verb = m.group(0)
    return ("n'" if verb[0] in "aeéèêiouh" else "ne ") + verb + " pas"


def _tr_neg_past(m) -> str:
    """Turkish past tense made negative with vowel harmony: geldi -> gelmedi, oldu -> olmadı."""
    stem = m.group(1)
    vowels = regex.findall(r"[aeıioöuü]", stem)
    back = bool(vowels) and vowels[-1] in "aıou"
    return stem + ("madı" if back else "medi")


def _map(table: dict[str, str]) -> Callable:
    return lambda m: table[m.group(0)]


JA_ADD = {"ました": "ませんでした", "ます": "ません", "である": "ではない", "ている": "ていない",
          "ていた": "ていなかった", "できる": "できない", "した。": "しなかった。", "する。": "しない。",
          "がある": "がない"}
JA_REMOVE = {"ませんでした": "ました", "ません": "ます", "ではない": "である", "ではなかった": "であった",
             "ていない": "ている", "ていなかった": "ていた", "できない": "できる", "しなかった": "した",
             "しない": "する", "がない": "がある", "はない": "はある"}
FA_ADD = {"است": "نیست", "دارد": "ندارد", "کرد": "نکرد", "شد": "نشد", "بود": "نبود", "هست": "نیست"}
FA_REMOVE = {"نیست": "است", "ندارد": "دارد", "نکرد": "کرد", "نشد": "شد", "نبود": "بود"}
VI_ADD = {"có thể": "không thể", "là": "không phải là", "có": "không có", "được": "không được",
          "sẽ": "sẽ không", "đã": "đã không"}


def _alt(table: dict[str, str]) -> str:
    return "(?:" + "|".join(sorted(map(regex.escape, table), key=len, reverse=True)) + ")"


NEG_ADD: dict[str, list[Rule]] = {
    "en": [(bound(r"(is|are|was|were|will|would|could|should|must|may|might|has|have|had|does|did)") + r"(?!\s+not)",
            r"\1 not"), (bound("can") + r"(?!not)", "cannot")],
    "es": [(r"(?<!no\s)" + bound(r"(es|son|fue|fueron|era|eran|está|están|estaba|ha|han|había|hay|puede|pueden|podría"
                                  r"|debe|deben|será|serán|va|van|tiene|tienen|se)"), r"no \1")],
    "fr": [(r"(?<!ne\s|n['’])" + bound(r"(?:est|sont|était|étaient|a|ont|avait|avaient|peut|peuvent|doit|doivent|sera"
                                       r"|seront|va|vont)"), _fr_neg)],
    "de": [(bound(r"(ist|sind|war|waren|wird|werden|wurde|wurden|kann|können|konnte|soll|sollte|muss|hat|haben|hatte)")
            + r"(?!\s+nicht)", r"\1 nicht"), (bound(r"(ein|eine|einen|einem|einer|eines)"), r"k\1")],
    "it": [(r"(?<!non\s)" + bound(r"(è|sono|era|erano|ha|hanno|aveva|può|possono|deve|devono|sarà|saranno|si|va|fa)"),
            r"non \1")],
    "pt": [(r"(?<!não\s)" + bound(r"(é|são|foi|foram|era|eram|está|estão|tem|têm|tinha|há|pode|podem|deve|devem|será"
                                   r"|vai|vão|se)"), r"não \1")],
    "ru": [(r"(?<!не\s)" + bound(r"(является|являются|был|была|было|были|будет|будут|может|могут|должен|должна|должны"
                                  r"|мог|могла|могли|есть)"), r"не \1"),
           (r"(?<!не\s)" + bound(r"(\p{Ll}{3,}(?:ал|ял|ил|ел)(?:а|и|о)?)"), r"не \1")],
    "uk": [(r"(?<!не\s)" + bound(r"(є|був|була|було|були|буде|будуть|може|можуть|мав|мала|мали|має|мають|повинен"
                                  r"|повинні)"), r"не \1"),
           (r"(?<!не\s)" + bound(r"(\p{Ll}{3,}(?:ав|ив|ов|ала|ила|али|или|ало|ило))"), r"не \1")],
    "pl": [(r"(?<!nie\s)" + bound(r"(jest|są|był|była|było|byli|były|będzie|będą|może|mogą|ma|mają|miał|miała|mieli"
                                   r"|musi|powinien)"), r"nie \1")],
    "tr": [(bound(r"var(dır|dı)?"), lambda m: "yok" + (m.group(1) or "")),
           (r"(?<!\p{L})(\p{L}{2,}?)([dt])([ıiuü])(?=[\s\p{P}]*$)", _tr_neg_past)],
    "zh": [(r"(?<![不没])(可以|应该|能够|需要|愿意|同意|支持|认为|希望|允许|相信|接受)", r"不\1"),
           (r"(?<![没所具拥享占持富含])有(?![关限效些人利力时点的])", "没有"),
           (r"(?<![不但于还就可要若总凡硬倒真正只即或像也都])是", "不是")],
    "ja": [(_alt(JA_ADD), _map(JA_ADD))],
    "ko": [(r"있(다|는|었|어|고|을|으)", r"없\1"), (r"(?<=\s)(\S+[.!?。]?\s*)$", r"안 \1")],
    "ar": [(bound("هناك"), "ليس هناك"), (r"(?<=\s)(?!يوم|يونيو|يوليو|يناير)(ي\p{L}{3,})", r"لا \1")],
    "he": [(bound("יש"), "אין"), (r"^(\S+\s+)(\S)", r"\1לא \2")],
    "fa": [(bound(_alt(FA_ADD)), _map(FA_ADD)), (r"(?<![\p{L}\u200c])می([\u200c ])", r"نمی\1")],
    "hi": [(r"(\S+\s+(?:है|हैं|था|थी|थे)[।.]?\s*)$", r"नहीं \1"), (r"(?<=\s)(\S+[।.]?\s*)$", r"नहीं \1")],
    "th": [(r"(?<!ไม่)(สามารถ|ต้อง|ควร|ได้รับ|ยอมรับ|เห็นด้วย)", r"ไม่\1"), (r"(?<!ไม่|จำ)(มี(?!นาคม)|เป็น)", r"ไม่\1")],
    "vi": [(r"(?<!không\s)" + bound(_alt(VI_ADD)), _map(VI_ADD))],
}

NEG_REMOVE: dict[str, list[Rule]] = {
    "en": [(bound("no longer"), "still"), (bound("cannot"), "can"), (bound("can['’]t"), "can"), (bound("won['’]t"), "will"),
           (r"(?<=\p{L})n['’]t(?!\p{L})", ""), (_r("(?:not|never|no)"), "")],
    "es": [(_r("(?:no|nunca)"), ""), (bound("tampoco"), "también")],
    "fr": [(r"(?<![\p{L}])(?:ne\s+|n['’])([^.,;:!?]{1,40}?)\s+(?:pas|plus|jamais|guère)(?![\p{L}])", r"\1")],
    "de": [(_r("(?:nicht|nie|niemals)"), ""), (bound(r"([Kk])ein(e|en|em|er|es)?"),
                                                 lambda m: ("E" if m.group(1) == "K" else "e") + "in" + (m.group(2) or ""))],
    "it": [(_r("(?:non|mai)"), "")],
    "pt": [(_r("(?:não|nunca)"), "")],
    "ru": [(_r("(?:не|никогда)"), ""), (bound("нет"), "есть")],
    "uk": [(_r("(?:не|ніколи)"), ""), (bound("немає"), "є")],
    "pl": [(_r("(?:nie|nigdy)"), "")],
    "tr": [(r"\s+" + bound(r"değil(?:dir|di|miş)?"), ""), (bound(r"yok(tur|tu)?"), lambda m: "var" + (m.group(1) or "")),
           (r"(\p{L}{2,})m[ae](d[ıi])(?!\p{L})", r"\1\2"), (r"(\p{L}{2,})m([ıiuü])yor", r"\1\2yor")],
    "zh": [("没有", "有"), ("从未", "曾"), ("无法", "能够"), ("未", "已"),
           (r"不(?!过|断|少|仅|久|管|论|但|禁|得不)", ""), ("没", "")],
    "ja": [(_alt(JA_REMOVE), _map(JA_REMOVE))],
    "ko": [(r"없(다|는|었|어|고|을|으)", r"있\1"), (r"(?<!\S)(?:안|못)\s+", "")],
    "ar": [(_r("(?:لا|لم|لن|ليس|ليست|غير)"), "")],
    "he": [(_r("לא"), ""), (bound("אין"), "יש")],
    "fa": [(bound(_alt(FA_REMOVE)), _map(FA_REMOVE)), (r"(?<![\p{L}\u200c])نمی([\u200c ])", r"می\1")],
    "hi": [(_r("(?:नहीं|नही|न)"), "")],
    "th": [(r"ไม่(?!ว่า)", "")],
    "vi": [(r"(?<!hàng\s)" + _r("(?:không|chẳng)") + r"(?!khí|gian|quân|phận|chỉ|những)", ""), (_r("chưa"), "đã ")],
}


def apply_rules(text: str, rules: list[Rule], rng: random.Random) -> tuple[str, str] | None:
    """The first rule (tier) with a match: one of its matches, drawn at random, rewritten."""
    for pattern, repl in rules:
        found = list(regex.finditer(pattern, text))
        if not found:
            continue
        m = rng.choice(found)
        new = repl(m) if callable(repl) else m.expand(repl)
        out = text[:m.start()] + new + text[m.end():]
        if m.start() == 0 and text[:1].isupper():
            out = out[:1].upper() + out[1:]
        return out, f"{m.group(0).strip()!r} -> {new.strip()!r}"
    return None


def gen_negation_added(line: Line, rng: random.Random) -> Result:
    got = apply_rules(line.target, NEG_ADD.get(line.lang, []), rng)
    return changed(line.target, got[0], got[1]) if got else None


def gen_negation_removed(line: Line, rng: random.Random) -> Result:
    got = apply_rules(line.target, NEG_REMOVE.get(line.lang, []), rng)
    return changed(line.target, got[0], got[1]) if got else None


# ---------------------------------------------------------------------------------------------
# antonyms

ANTONYM_PAIRS: dict[str, str] = {
    "en": "rose/fell rise/fall rises/falls rising/falling increased/decreased increase/decrease increases/decreases "
          "allowed/banned allow/ban higher/lower high/low more/fewer won/lost win/lose wins/loses before/after first/last "
          "open/closed large/small big/small new/old good/bad best/worst better/worse positive/negative strong/weak "
          "early/late north/south east/west accepted/rejected support/oppose supported/opposed success/failure "
          "successful/unsuccessful majority/minority maximum/minimum cheap/expensive easy/difficult safe/dangerous",
    "es": "aumentó/disminuyó subió/bajó aumento/disminución mayor/menor más/menos antes/después primero/último "
          "primera/última ganó/perdió alto/bajo alta/baja nuevo/viejo nueva/vieja grande/pequeño mejor/peor "
          "positivo/negativo norte/sur abierto/cerrado permitido/prohibido fuerte/débil temprano/tarde",
    "fr": "augmenté/diminué hausse/baisse avant/après premier/dernier première/dernière gagné/perdu haut/bas "
          "nouveau/ancien grand/petit grande/petite meilleur/pire positif/négatif nord/sud ouvert/fermé "
          "autorisé/interdit fort/faible augmentation/diminution majorité/minorité",
    "de": "gestiegen/gesunken stieg/sank mehr/weniger erste/letzte ersten/letzten gewonnen/verloren hoch/niedrig "
          "hohe/niedrige neue/alte neuen/alten groß/klein große/kleine besser/schlechter positiv/negativ "
          "Norden/Süden offen/geschlossen erlaubt/verboten stark/schwach früher/später Anstieg/Rückgang "
          "höher/niedriger vor/nach Mehrheit/Minderheit",
    "it": "aumentato/diminuito più/meno dopo/prima primo/ultimo vinto/perso alto/basso nuovo/vecchio "
          "grande/piccolo migliore/peggiore positivo/negativo nord/sud aperto/chiuso consentito/vietato forte/debole "
          "aumento/diminuzione",
    "pt": "aumentou/diminuiu mais/menos antes/depois primeiro/último ganhou/perdeu alto/baixo novo/velho "
          "grande/pequeno melhor/pior positivo/negativo norte/sul aberto/fechado permitido/proibido forte/fraco "
          "aumento/redução",
    "ru": "больше/меньше выше/ниже первый/последний первая/последняя новый/старый новые/старые большой/маленький "
          "лучше/хуже север/юг открыт/закрыт разрешено/запрещено сильный/слабый рост/снижение увеличился/уменьшился "
          "увеличилось/уменьшилось выиграл/проиграл большинство/меньшинство",
    "zh": "增加/减少 上升/下降 提高/降低 更多/更少 之前/之后 以前/以后 第一/最后 胜利/失败 最好/最差 积极/消极 北部/南部 "
          "东部/西部 开放/关闭 允许/禁止 支持/反对 成功/失败 上涨/下跌 大型/小型 多数/少数",
    "ja": "増加/減少 上昇/低下 以前/以後 最初/最後 勝利/敗北 賛成/反対 許可/禁止 成功/失敗 北部/南部 東部/西部 "
          "高い/低い 大きい/小さい 多く/少なく 良い/悪い",
}


@lru_cache(maxsize=None)
def antonym_table(lang: str) -> tuple[dict[str, str], object]:
    table: dict[str, str] = {}
    for pair in ANTONYM_PAIRS.get(lang, "").split():
        a, b = pair.split("/")
        table.setdefault(a.lower(), b)
        table.setdefault(b.lower(), a)
    if not table:
        return {}, None
    alt = "|".join(sorted(map(regex.escape, table), key=len, reverse=True))
    rx = regex.compile(f"(?:{alt})" if lang in SPACELESS else bound(f"(?:{alt})"), regex.IGNORECASE)
    return table, rx


def gen_antonym(line: Line, rng: random.Random) -> Result:
    table, rx = antonym_table(line.lang)
    if rx is None:
        return None
    found = [m for m in rx.finditer(line.target) if line.lang in ("de",) or line.lang in CASELESS
             or not m.group()[:1].isupper() or at_sentence_start(line.target, m.start())]  # not in New York
    if not found:
        return None
    m = rng.choice(found)
    new_word = match_case(m.group(), table[low(m.group())]) if low(m.group()) in table else m.group()
    return changed(line.target, replace_span(line.target, m.start(), m.end(), new_word), f"{m.group()!r} -> {new_word!r}")


# ---------------------------------------------------------------------------------------------
# content removed, addition, unrelated

PREPOSITIONS: dict[str, str] = {
    "en": "in on at of for with from by about into over under after before during between against through without",
    "es": "en de con por para sin sobre entre desde hasta durante contra",
    "fr": "à de en dans sur avec pour par sans sous entre depuis pendant contre",
    "de": "in an auf mit von zu für bei nach aus über unter durch gegen ohne während",
    "it": "in di a da con su per tra fra durante contro senza",
    "pt": "em de com por para sem sobre entre desde durante contra",
    "ru": "в на с по из для от до о при без через под после",
    "uk": "в у на з із по для від до про при без через під після",
    "pl": "w na z do od dla przez bez pod o przy po",
    "vi": "ở trong tại với cho từ về trên dưới sau",
}
POSTPOSITIONS: dict[str, str] = {"hi": "में पर से तक के लिए", "tr": "için ile gibi kadar sonra önce karşı göre"}
COMMA_CLAUSE = regex.compile(r"[^,，、;；。.!?！？]{2,}[,，、]")


def prep_phrases(text: str, lang: str) -> list[tuple[int, int]]:
    """Preposition + 1-3 following words inside the clause (or word + postposition)."""
    ws = words(text)
    out = []
    preps = set(PREPOSITIONS.get(lang, "").split())
    posts = set(POSTPOSITIONS.get(lang, "").split())
    for k, (s, e, w) in enumerate(ws):
        if w.lower() in preps and k + 1 < len(ws):
            last = k
            while last + 1 < len(ws) and last - k < 3 and not regex.search(r"[\p{P}]", text[ws[last][1]:ws[last + 1][0]]):
                last += 1
                if ws[last][2].lower() in preps:
                    last -= 1
                    break
            if last > k:
                out.append((s, ws[last][1]))
        elif w in posts and k > 0 and not regex.search(r"\p{P}", text[ws[k - 1][1]:s]):
            out.append((ws[k - 1][0], e))
    return out


def _removable(line: Line) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """(phrases, words) that may be removed: prepositional phrases or clauses, content words."""
    tgt, lang = line.target, line.lang
    if lang in ("zh", "ja"):
        clauses = [m.span() for m in COMMA_CLAUSE.finditer(tgt)]
        return clauses, [(s, e) for s, e, _ in chunks(tgt, lang)]
    if lang == "th":
        return [m.span() for m in regex.finditer(r"\S+", tgt)][1:-1], []
    names = {(s, e) for s, e, *_ in find_names(line.corpus, line.source, tgt)}
    content = [(s, e) for s, e, w in _content_units(tgt, lang) if (s, e) not in names]
    if lang in VERB_FINAL and content:
        content = content[:-1]  # keep the final verb
    return prep_phrases(tgt, lang), content


def gen_content_removed(line: Line, rng: random.Random) -> Result:
    """A phrase (half of the time when there is one) or a content word removed."""
    phrases, content = _removable(line)
    if not phrases and not content:
        return None
    pool = phrases if phrases and (not content or rng.random() < 0.5) else content
    s, e = rng.choice(pool)
    return changed(line.target, delete_span(line.target, s, e, line.lang), f"removed {line.target[s:e]!r}")


def _donor_phrases(text: str, lang: str) -> list[str]:
    if lang in ("zh", "ja"):
        return [m.group()[:-1] for m in COMMA_CLAUSE.finditer(text) if 4 <= len(m.group()) <= 20]
    if lang == "th":
        return [m.group() for m in regex.finditer(r"\S{6,}", text)][1:]
    out = [text[s:e] for s, e in prep_phrases(text, lang) if e - s > 6]
    out += [m.group()[:-1].strip() for m in COMMA_CLAUSE.finditer(text) if 3 <= len(m.group().split()) <= 8]
    if not out:
        ws = words(text)
        for k in range(1, len(ws) - 4, 3):
            out.append(text[ws[k][0]:ws[k + 1 + (k // 3) % 3][1]])  # runs of 2-4 words
    return out


def _insert_phrase(text: str, phrase: str, lang: str) -> str:
    if lang in VERB_FINAL and lang != "ja":
        ws = words(text)
        if len(ws) >= 2:
            return text[:ws[-1][0]] + phrase + " " + text[ws[-1][0]:]
    cut = PUNCT_END.search(text).start()
    if lang in ("zh", "ja"):
        return text[:cut] + "，" + phrase + text[cut:]
    sep = ", " if "," in phrase or len(phrase.split()) > 4 else " "
    return text[:cut] + sep + phrase + text[cut:]


def gen_addition(line: Line, rng: random.Random) -> Result:
    corpus = line.corpus
    donor = donor_line(line.no, corpus.split, len(corpus.targets) // 3, len(corpus.targets))
    phrases = [p for p in _donor_phrases(corpus.targets[donor - 1], line.lang) if p and p not in line.target]
    if not phrases:
        return None
    phrase = rng.choice(phrases)
    return changed(line.target, _insert_phrase(line.target, phrase, line.lang), f"added {phrase!r} (from line {donor})")


def gen_unrelated(line: Line, rng: random.Random) -> Result:
    donor = donor_line(line.no, line.corpus.split, len(line.corpus.targets) // 2, len(line.corpus.targets))
    return changed(line.target, line.corpus.targets[donor - 1], f"target of line {donor}")


# ---------------------------------------------------------------------------------------------
# repetitions and misspellings


def _repeat(line: Line, rng: random.Random, times: int) -> Result:
    cands = units(line.target, line.lang)
    cands = [u for u in cands if len(u[2]) >= 2]
    if not cands:
        return None
    s, e, w = rng.choice(cands)
    glue = "" if line.lang in SPACELESS else " "
    return changed(line.target, replace_span(line.target, s, e, glue.join([w] * times)), f"{w!r} x{times}")


def gen_repeat_2(line: Line, rng: random.Random) -> Result:
    return _repeat(line, rng, 2)


def gen_repeat_4(line: Line, rng: random.Random) -> Result:
    return _repeat(line, rng, 4)


def _misspell_candidates(line: Line) -> list[tuple[int, int, list[str]]]:
    names = [(s, e) for s, e, *_ in find_names(line.corpus, line.source, line.target)]
    out = []
    for s, e, w in words(line.target):
        clusters = regex.findall(r"\X", w)
        if len(clusters) < (3 if line.lang == "ko" else 5) or any(a <= s < b for a, b in names):
            continue
        if regex.search(r"\p{Latin}", w) and line.lang in CASELESS:
            continue  # a Latin word in a caseless script: a name or a code
        if w[:1].isupper() and line.lang != "de" and not at_sentence_start(line.target, s):
            continue
        out.append((s, e, clusters))
    return out


def _misspell(line: Line, rng: random.Random, how: str) -> Result:
    if line.lang in SPACELESS:
        return None
    cands = _misspell_candidates(line)
    if not cands:
        return None
    s, e, cl = rng.choice(cands)
    if how == "swap":
        pos = [k for k in range(1, len(cl) - 2) if cl[k] != cl[k + 1]]
        if not pos:
            return None
        k = rng.choice(pos)
        new = cl[:k] + [cl[k + 1], cl[k]] + cl[k + 2:]
    else:
        k = rng.randrange(1, len(cl) - 1)
        new = cl[:k] + cl[k + 1:] if how == "drop" else cl[:k] + [cl[k]] + cl[k:]
    word = "".join(new)
    return changed(line.target, replace_span(line.target, s, e, word), f"{line.target[s:e]!r} -> {word!r}")


def gen_misspell_drop(line: Line, rng: random.Random) -> Result:
    return _misspell(line, rng, "drop")


def gen_misspell_swap(line: Line, rng: random.Random) -> Result:
    return _misspell(line, rng, "swap")


def gen_misspell_double(line: Line, rng: random.Random) -> Result:
    return _misspell(line, rng, "double")


GENERATORS: dict[str, Callable[[Line, random.Random], Result]] = {
    "number": gen_number, "year": gen_year, "multi-quantity": gen_multi_quantity,
    "name-replaced": gen_name_replaced, "name-removed": gen_name_removed, "code-mix": gen_code_mix,
    "negation-added": gen_negation_added, "negation-removed": gen_negation_removed, "antonym": gen_antonym,
    "content-removed": gen_content_removed, "addition": gen_addition, "unrelated": gen_unrelated,
    "repeat-2": gen_repeat_2, "repeat-4": gen_repeat_4, "misspell-drop": gen_misspell_drop,
    "misspell-swap": gen_misspell_swap, "misspell-double": gen_misspell_double,
}
SKIP_REASONS = {
    "antonym": "no antonym table for this language",
    "misspell": "no word boundaries in Han, kana or Thai, and a dropped character there is another word",
}


def perturb(kind: str, line: Line, pair_key: str) -> Result:
    """The perturbation of ``kind`` for one line (None: does not apply), seeded by kind, pair, line."""
    return GENERATORS[kind](line, rng_for(kind, pair_key, line.no))
