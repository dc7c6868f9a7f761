"""UNT001: the target is a copy of the source (UNT002, source-language fragments inside a
translated target, lives with the fluency checks)."""
from __future__ import annotations

import re
import unicodedata

import regex

from audit.checks.registry import Option, check
from audit.core.model import hit
from audit.core.text import WORD_RE, char_script
from audit.lang.profiles import SPACELESS_SCRIPTS, is_caseless_script
from audit.lang.lexicon import knows, zipf
from audit.lang.placeholders import prose

_NON_LETTER_RE = regex.compile(r"[^\p{L}\p{M}]+")
_CAMEL_RE = regex.compile(r"\p{Ll}\p{Lu}")
_KANA_RE = regex.compile(r"[\p{Hiragana}\p{Katakana}]")
# wordfreq's codes for languages it lists under another name
# wordfreq needs MeCab or jieba for these: not installed, and not needed (spaceless scripts)
MIN_WORDS = 3  # fewer ordinary words: a name, a label, "OK", a one-word title
MIN_SPACELESS_LETTERS = 10  # Chinese, Japanese, Thai: letters instead of words
CRITICAL_WORDS = 6  # a whole sentence left in the source language
MIN_FOREIGN_LETTERS = 2  # a copy in a script the target language does not use: "很好" in English


def _letters(text: str) -> str:
    return _NON_LETTER_RE.sub("", text).casefold()


_LETTER_RUN_RE = re.compile(r"[^\W\d_]+")  # the stdlib is faster here; marks end a run on both sides alike


def _first_run(text: str) -> str | None:
    m = _LETTER_RUN_RE.search(text)
    return None if m is None else m.group().casefold()


def _last_run(text: str) -> str | None:
    runs = _LETTER_RUN_RE.findall(text[-40:])
    return runs[-1].casefold() if runs else None


def _may_be_same(a: str, b: str) -> bool:
    """Cheap necessary test for ``same_letters``: the first letter runs agree (one is a prefix
    of the other, so "e-mail" and "email" pass), after NFKC normalisation if need be."""
    wa, wb = _first_run(a), _first_run(b)
    if wa is None or wb is None:
        return False
    if wa.startswith(wb) or wb.startswith(wa):
        # the last letter runs must agree too ("Trump said" / "Trump dijo" part here)
        la, lb = _last_run(a), _last_run(b)
        if la is None or lb is None or la.endswith(lb) or lb.endswith(la):
            return True
    a, b = a[:80], b[:80]
    if unicodedata.is_normalized("NFKC", a) and unicodedata.is_normalized("NFKC", b):
        return False
    wa, wb = _first_run(unicodedata.normalize("NFKC", a)), _first_run(unicodedata.normalize("NFKC", b))
    return wa is not None and wb is not None and (wa.startswith(wb) or wb.startswith(wa))


def same_letters(a: str, b: str) -> bool:
    """Whether two texts have the same letters, ignoring case, digits, punctuation and spaces
    (and Unicode normalisation: full-width, composed and decomposed forms compare equal)."""
    if not _may_be_same(a, b):
        return False
    la, lb = _letters(a), _letters(b)
    if la == lb:
        return bool(la)
    if la.isascii() and lb.isascii():
        return False
    la = _letters(unicodedata.normalize("NFKC", a))
    lb = _letters(unicodedata.normalize("NFKC", b))
    return bool(la) and la == lb


def _codeish(word: str) -> bool:
    """Identifiers, codes, acronyms: words that stay the same in every language."""
    if any(ch.isdigit() or ch == "_" for ch in word):
        return True
    letters = [ch for ch in word if ch.isalpha()]
    if len(letters) >= 2 and all(ch.isupper() for ch in letters):
        return True  # NATO, OK, UTF
    return bool(_CAMEL_RE.search(word))  # iPhone, JavaScript, camelCase


def _valid_in_both(words: list[str], sl: str | None, tl: str | None) -> bool:
    """Every word is about as common in the target language as in the source (Spanish "hora
    local" is Portuguese too; English "restaurant menu" is French): then the copy may be right."""
    if not knows(sl) or not knows(tl):
        return False
    for w in words:
        zt = zipf(w, tl)
        if zt < 3.0 or zt < zipf(w, sl) - 1.0:
            return False
    return True


def _not_source_language(text: str, sl: str | None, tl: str | None) -> bool:
    """The copied text is confidently identified (py3langid) as the target language, or as a
    third language (a French quotation kept in an English source and in its translation).
    Only runs on copies, which are rare, so the model's cost stays off the common path."""
    if not sl:
        return False
    from audit.lang.langid import compatible, identify

    lang, prob = identify(text)
    if lang is None:
        return False
    if tl and compatible(lang, tl) and not compatible(lang, sl):
        return prob >= 0.5
    return not compatible(lang, sl) and prob >= 0.8


@check("UNT001", "untranslated", "accuracy/untranslated", "major", supersedes=("LNG001", "UNT002", "MET002"),
       options=(Option("min_foreign_letters", int, MIN_FOREIGN_LETTERS,
                       "letters of ordinary words in a script the target language does not use: a copy "
                       "with this many is critical, however short"),))
def untranslated(pair, ctx):
    """The target is a copy of the source: the same letters, ignoring case, digits,
    punctuation and spacing, while the two languages differ. Spans the whole text of both
    sides. Major; critical when six or more ordinary words were left untranslated, and critical
    however short when the copy is in a script the target language does not use (a Chinese
    sentence copied into an English target, Cyrillic into Hindi: two letters of ordinary words
    are enough; capitalised words, codes and acronyms are not counted, a quotation in a third
    language is left alone, and a Chinese source copied into Japanese or a Russian one into
    Ukrainian is judged as below). Otherwise not flagged,
    because an identical text is then usually right: a text without letters (numbers, codes),
    one with fewer than three ordinary words once URLs, e-mails, tags, placeholders, codes and
    acronyms (``NATO``, ``OK``, ``iPhone``, ``A4``) are set aside (names, labels, one-word
    titles), a text in Title Case (names, products, titles: "Terms of Service", "The Lord of the
    Rings"), a short text in a script written without spaces (under ten letters), a text whose
    every word is about as common in the target language as in the source (a cognate phrase
    such as Spanish "hora local" in Portuguese, judged with wordfreq), a text that a language
    identifier confidently places in the target language or in a third language (a foreign
    quotation kept as it is), and pairs whose two languages are the same or the target's
    unknown."""
    src, tgt = pair.source, pair.target
    if not tgt or not src:
        return ()
    if src != tgt and not same_letters(src, tgt):  # the common case, decided before any analysis
        return ()
    sl, tl = ctx.src.lang, ctx.tgt.lang
    if tl is None or sl == tl:
        return ()
    if src == tgt and not _NON_LETTER_RE.sub("", src):
        return ()
    text = ctx.src.memo(prose)
    words = [m.group() for m in WORD_RE.finditer(text)]
    ordinary = [w for w in words if not _codeish(w) and any(ch.isalpha() for ch in w)]
    opts = ctx.options("UNT001")
    foreign = _foreign_script_letters(ordinary, tl)
    if foreign >= opts.min_foreign_letters and not _not_source_language(text, sl, tl):
        # Chinese copied into an English target, Cyrillic into a Hindi one: however short, the
        # target language is not written so (names, codes and acronyms are not counted)
        s0, s1 = _trim(src)
        t0, t1 = _trim(tgt)
        return [hit("target is a copy of the source (untranslated)", target=(t0, t1), source=(s0, s1),
                    severity="critical")]
    script = ctx.src.script
    if script in SPACELESS_SCRIPTS:
        letters = len(_letters(text))
        if letters < MIN_SPACELESS_LETTERS:
            return ()
        if tl == "ja" and sl in ("zh", None) and _KANA_RE.search(text):
            return ()  # kana: the "source" is Japanese already
        size = letters // 2
    else:
        if len(ordinary) < MIN_WORDS:
            return ()
        if not is_caseless_script(script):
            capitalised = sum(1 for w in ordinary if w[0].isupper())
            if capitalised >= 0.6 * len(ordinary):
                return ()  # Title Case: a name, a product, a title
        lowered = [w.lower() for w in ordinary]
        if _valid_in_both(lowered, sl, tl) or _not_source_language(text, sl, tl):
            return ()
        size = len(ordinary)
    s0, s1 = _trim(src)
    t0, t1 = _trim(tgt)
    sev = "critical" if size >= CRITICAL_WORDS else None
    return [hit("target is a copy of the source (untranslated)", target=(t0, t1), source=(s0, s1), severity=sev)]


def _foreign_script_letters(ordinary: list[str], tl: str) -> int:
    """Letters of the ordinary words written in a script that language ``tl`` does not use;
    0 when more than a third of those words' letters are in its scripts (a Latin-script name
    in a Chinese title), when a single Latin word is all ("email" in a Hindi target), or when
    ``tl``'s scripts are unknown. Capitalised words of cased
    scripts (names, a sentence's first word) and codes are not counted."""
    from audit.lang.langid import expected_scripts

    expected = expected_scripts(tl)
    if not expected:
        return 0
    foreign = native = latin_words = 0
    for w in ordinary:
        first = next(ch for ch in w if ch.isalpha())
        if first.isupper():
            continue
        n = sum(1 for ch in w if ch.isalpha())
        script = char_script(first)
        if script in expected:
            native += n
        else:
            foreign += n
            latin_words += script == "Latin"
    if 0 < latin_words < 2:
        return 0  # one Latin word ("online", "email") is kept in many scripts' texts
    return foreign if 3 * native <= foreign + native else 0


def _trim(text: str) -> tuple[int, int]:
    start = len(text) - len(text.lstrip())
    end = len(text.rstrip())
    return (start, end) if end > start else (0, len(text))
