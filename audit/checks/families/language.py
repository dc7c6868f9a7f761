"""LNG001: the target is not in the declared target language.

Cheap evidence first (see ``audit.langid``): the script, then the declared language's most
frequent words, then letters that only some Arabic-script orthographies use; py3langid only for
the few segments these leave undecided, and langdetect only to confirm what py3langid flags.
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from itertools import chain, repeat

from audit.checks.families.untranslated import same_letters
from audit.checks.registry import Option, check
from audit.core import lazyre
from audit.core.model import hit
from audit.core.text import char_script
from audit.lang import langid
from audit.lang.placeholders import codes, prose
from audit.lang.profiles import profile

MODEL_CHARS = 240  # the models see at most this much: their cost grows with the length
WORDS_CHARS = 300  # the frequent-word test reads at most this much of a long target
MIN_WORDS = 4  # shorter lines are skipped: identifiers are unreliable on them
MIN_LETTERS = 25
MIN_FOREIGN_LETTERS = 15  # letters of ordinary words in a script the language does not use
FOREIGN_SHARE = 0.85  # ...and their share of all ordinary letters ("势在必行（Il faut bien le faire）" is fine)
P_FIRST = 0.7  # py3langid must be this sure of another language (group; its probabilities are tempered)
P_DECLARED = 0.05  # ...and give the declared language (group) less than this
MIN_FOREIGN_WORDS = 3  # "die", "ist", "sehr": a short sentence plainly in another language
CRITICAL_WORDS = 6  # ...and from this many words, with both models sure, a whole sentence: critical
SHARED_SCRIPTS = frozenset({"Latin", "Cyrillic", "Arabic", "Devanagari"})
# Letters that mark an Arabic-script orthography: Persian, Urdu, Pashto, Kurdish, Uyghur use
# letters Arabic does not (پ چ ژ گ ی ک ے ٹ ڈ ...); Arabic uses forms they do not (ة ي ك ى).
_ARABIC_ONLY = frozenset("ةيكى")
_NON_ARABIC = frozenset("پچژگیکےٹڈڑںۀہھۆێڵڕەټډړږښځڅې")


# Code-point ranges of the scripts, for fast counting with the stdlib ``re`` (the ``regex``
# module's \p{Script=...} classes are several times slower on prose).
_RANGES = {
    "Latin": "A-Za-z\u00aa\u00ba\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u0250-\u02af\u1e00-\u1eff"
             "\u2c60-\u2c7f\ua720-\ua7ff\uff21-\uff3a\uff41-\uff5a",
    "Cyrillic": "\u0400-\u052f\u1c80-\u1c8f\u2de0-\u2dff\ua640-\ua69f",
    "Greek": "\u0370-\u03ff\u1f00-\u1fff",
    "Armenian": "\u0530-\u058f",
    "Georgian": "\u10a0-\u10ff\u2d00-\u2d2f\u1c90-\u1cbf",
    "Hebrew": "\u0590-\u05ff\ufb1d-\ufb4f",
    "Arabic": "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff",
    "Devanagari": "\u0900-\u097f\ua8e0-\ua8ff",
    "Bengali": "\u0980-\u09ff", "Gurmukhi": "\u0a00-\u0a7f", "Gujarati": "\u0a80-\u0aff",
    "Oriya": "\u0b00-\u0b7f", "Tamil": "\u0b80-\u0bff", "Telugu": "\u0c00-\u0c7f",
    "Kannada": "\u0c80-\u0cff", "Malayalam": "\u0d00-\u0d7f", "Sinhala": "\u0d80-\u0dff",
    "Thai": "\u0e00-\u0e7f", "Lao": "\u0e80-\u0eff", "Tibetan": "\u0f00-\u0fff",
    "Myanmar": "\u1000-\u109f", "Ethiopic": "\u1200-\u139f", "Khmer": "\u1780-\u17ff",
    "Mongolian": "\u1800-\u18af",
    "Han": "\u2e80-\u2fdf\u3005\u3007\u3021-\u3029\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
           "\U00020000-\U0002fa1f",
    "Hiragana": "\u3040-\u309f", "Katakana": "\u30a0-\u30ff\u31f0-\u31ff\uff66-\uff9f",
    "Hangul": "\u1100-\u11ff\u3130-\u318f\ua960-\ua97f\uac00-\ud7af\ud7b0-\ud7ff",
}


@lru_cache(maxsize=64)
def _script_re(scripts: frozenset[str]) -> "re.Pattern[str] | None":
    if not all(sc in _RANGES for sc in scripts):
        return None
    return re.compile("[" + "".join(_RANGES[sc] for sc in sorted(scripts)) + "]")


# Characters of no script: ASCII and Latin-1 punctuation, digits and symbols, general and CJK
# punctuation, full-width punctuation, combining accents, emoji.
_NEUTRAL = ("\x00-\x40\x5b-\x60\x7b-\xbf\xd7\xf7\u0300-\u036f\u2000-\u2bff\u3000-\u3004\u3008-\u3020"
            "\u3030-\u303f\ufe00-\ufe6f\uff00-\uff20\uff3b-\uff40\uff5b-\uff65\U0001f000-\U0001faff")


@lru_cache(maxsize=64)
def _foreign_re(scripts: frozenset[str]) -> "re.Pattern[str] | None":
    """Characters that are neither neutral nor in ``scripts``."""
    if not all(sc in _RANGES for sc in scripts):
        return None
    return re.compile("[^" + _NEUTRAL + "".join(_RANGES[sc] for sc in sorted(scripts)) + "]")


def _mostly_expected(text: str, expected: frozenset[str]) -> bool | None:
    """Cheap script test: True when under a third of the text is in other scripts (a few
    matches of one compiled class, no per-character Python); None for scripts without ranges."""
    if "Latin" in expected and text.isascii():
        return True
    rx = _foreign_re(expected)
    if rx is None:
        return None
    return 3 * len(rx.findall(text)) < len(text)


def _has(text: str, *scripts: str) -> bool:
    rx = _script_re(frozenset(scripts))
    return rx is not None and rx.search(text) is not None


def _count(text: str, *scripts: str) -> int:
    rx = _script_re(frozenset(scripts))
    return len(rx.findall(text)) if rx is not None else 0


def _name(lang: str | None) -> str:
    """The language's English name (its profile), else its code."""
    p = profile(lang)
    return p.name if p.known else (lang or "unknown")


# Word characters with the combining marks ``re``'s \w leaves out (Devanagari and other Indic
# vowel signs, Hebrew points, Arabic harakat, Thai vowels): one class, no per-character Python.
_WORD_RE = lazyre.re_compile(r"[\w\u0300-\u036f\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670\u0900-\u0963"
                      r"\u0966-\u0dff\u0e31-\u0e3a\u0e47-\u0e4e]+")


def _lower_words(view) -> list[str]:
    """Lower-cased words of a view, split at apostrophes and hyphens (French "l'homme" gives
    "l" and "homme", as in the frequency lists). Numbers are kept: they only dilute the share
    of frequent words a little, and filtering them costs more than it brings."""
    return _WORD_RE.findall(view.text[:WORDS_CHARS].lower())


@lru_cache(maxsize=1)
def _index() -> dict[str, tuple[str, ...]]:
    """word -> the languages whose most frequent words include it."""
    from audit.lang.langwords import TOP_WORDS

    idx: dict[str, list[str]] = {}
    for lang, ws in TOP_WORDS.items():
        if lang in ("hr", "sr", "bs"):
            continue  # listed as "sh"
        for w in ws:
            idx.setdefault(w, []).append(lang)
    return {w: tuple(ls) for w, ls in idx.items()}


def function_words_agree(words: list[str], lang: str) -> bool:
    """The declared language's frequent words are plentiful (at least two, a tenth of the
    words) and clearly more so than any unrelated language's."""
    mine, other = _fw_counts(words, lang)
    if mine < 2 or mine < 0.1 * len(words):
        return False
    return mine >= 1.25 * other


@lru_cache(maxsize=1)
def _packed() -> tuple[dict[str, int], dict[str, int], int]:
    """word -> one integer holding an 8-bit count field per language (1 in the field of each
    language listing the word), so that a text's counts for every language are one C-level sum
    of integers; plus each language's field number and the number of fields. A word is listed
    at most once per language, so a field counts at most one per word: texts of up to 255 words
    cannot overflow a field (longer ones are counted with a Counter)."""
    idx = _index()
    langs = sorted({l for ls in idx.values() for l in ls})
    pos = {l: i for i, l in enumerate(langs)}
    packed = {}
    for w, ls in idx.items():
        v = 0
        for l in set(ls):
            v += 1 << (8 * pos[l])
        packed[w] = v if len(set(ls)) == len(ls) else None  # (None: a list names a word twice)
    return packed, pos, len(langs)


@lru_cache(maxsize=256)
def _group_fields(lang: str) -> tuple[tuple[int, ...], int]:
    """(field numbers of ``lang``'s compatible group, mask of every other language's fields)."""
    _, pos, n = _packed()
    fields = tuple(sorted(pos[l] for l in _group(lang) if l in pos))
    others = 0
    for i in range(n):
        if i not in fields:
            others |= 0xFF << (8 * i)
    return fields, others


def _fw_counts(words: list[str], lang: str) -> tuple[int, int]:
    """(hits of the declared language's group, hits of the best unrelated language)."""
    packed, _, n = _packed()
    try:
        total = sum(map(packed.get, words, repeat(0))) if len(words) < 256 else None
    except TypeError:  # a word listed twice by one language: count exactly below
        total = None
    if total is None:
        return _fw_counts_slow(words, lang)
    if not total:
        return 0, 0
    fields, others = _group_fields(lang)
    counts = total.to_bytes(n, "little")  # one byte per language
    mine = max(map(counts.__getitem__, fields), default=0)
    rest = total & others
    other = max(rest.to_bytes(n, "little")) if rest else 0
    return mine, other


def _fw_counts_slow(words: list[str], lang: str) -> tuple[int, int]:
    idx = _index()
    counts = Counter(chain.from_iterable([idx[w] for w in words if w in idx]))
    group = _group(lang)
    mine = other = 0
    for l, c in counts.items():
        if l in group:
            mine = max(mine, c)
        elif c > other:
            other = c
    return mine, other


@lru_cache(maxsize=256)
def _group(lang: str) -> frozenset[str]:
    from audit.lang.langwords import TOP_WORDS

    return frozenset(l for l in TOP_WORDS if langid.compatible(l, lang))


def _arabic_letters_agree(text: str, lang: str) -> bool | None:
    """For Arabic-script text: True when its letters fit the declared orthography, False when
    they clearly belong to another one, None when they do not tell."""
    chars = set(text)
    if lang == "ar":
        return True if chars.isdisjoint(_NON_ARABIC) else None
    if lang in ("fa", "ur", "ps", "ckb", "ku", "ug", "sd", "prs"):
        return True if not chars.isdisjoint(_NON_ARABIC) and chars.isdisjoint(_ARABIC_ONLY) else None
    return None


# Letters typical of one orthography among those sharing its script: positive evidence for
# a declared language whose frequent words are few in a line (agglutinative Turkish, Polish).
DISTINCTIVE = {
    "tr": "ığİ", "az": "əğı", "pl": "łśźżąęń", "cs": "řěů", "sk": "ľĺŕô", "hu": "őű", "ro": "șțăâ",
    "vi": "ơưđạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ", "de": "ßäöü", "es": "ñ¿¡áíóú",
    "pt": "ãõçáâêô", "it": "àèìòù", "fr": "œçèêëîûù", "uk": "іїєґ", "ru": "ыэъё", "be": "ўі", "bg": "ъщ", "sr": "ђћџљњ",
    "mk": "ѓќѕљњџ", "kk": "әғқңөұүһ", "lt": "ėįųū", "lv": "āēīūģķļņ", "is": "ðþæ", "da": "øæå",
    "no": "øæå", "sv": "åäö", "fi": "äö", "et": "õäöü", "ca": "çàèòï", "sq": "ëç", "hr": "čćđšž",
    "sl": "čšž", "lb": "ëéä", "mt": "ħġċż", "cy": "ŵŷ", "ga": "áéíóú", "eu": "ñz",
}


# Cyrillic letters that a language never uses (each belongs to other Cyrillic orthographies).
FOREIGN_CYRILLIC = {
    "ru": "іїєґўђћџљњјѓќѕәғқңөұүһ", "uk": "ыэъёўђћџљњјѓќѕәғқңөұүһ", "be": "іїєґъщђћџљњјѓќѕәғқңөұүһи",
    "bg": "ыэёіїєґўђћџљњјѓќѕәғқңөұүһ", "sr": "ыэёъщіїєґўѓќѕәғқңөұүһй", "mk": "ыэёъщіїєґўђћәғқңөұүһй",
}


def _letters_agree(text: str, words: list[str], lang: str) -> bool:
    """Letters typical of the declared language occur (twice or more), or, for a Cyrillic
    language, no letter of another Cyrillic orthography does; and no unrelated language's
    frequent words outnumber the declared language's."""
    marks = DISTINCTIVE.get(lang)
    if not marks:
        return False
    low = text.lower()
    if sum(low.count(ch) for ch in marks) < 2:
        excl = FOREIGN_CYRILLIC.get(lang)
        if not excl or any(ch in low for ch in excl):
            return False
    mine, other = _fw_counts(words, lang)
    return mine >= other


def _ordinary_letters(view) -> dict[str, int]:
    """Letters per script over ordinary words: names in Title Case, acronyms and codes are left
    out ("iPhone", "NATO" and "Samsung Galaxy" in a Chinese target are not a wrong language);
    words of caseless scripts all count."""
    per: dict[str, int] = {}
    spans = [(c.start, c.end) for c in view.memo(codes)]
    for tok in view.words:
        if spans and any(s <= tok.start < e for s, e in spans):
            continue  # a placeholder's name (%(full_result_count)s): code, not words of a language
        w = tok.text
        first = next((ch for ch in w if ch.isalpha()), None)
        if first is None:
            continue
        if first.isupper() or any(ch.isdigit() for ch in w) or any(ch.isupper() for ch in w[1:]):
            continue
        s = char_script(first)
        per[s] = per.get(s, 0) + sum(1 for ch in w if ch.isalpha())
    return per


@lru_cache(maxsize=16)
def _script_candidates(script: str) -> frozenset[str]:
    """The languages py3langid knows that are written in ``script``."""
    labels = langid._full_identifier().labels
    return frozenset(l for l in labels if script in (langid.expected_scripts(l) or ()))


_NON_LETTERS_RE = lazyre.re_compile(r"[\W\d_]+")


def _kept_from_source(source: str, target: str) -> bool:
    """The target's letters occur as they are inside the source: a quotation the source keeps
    in its original language ("势在必行（Il faut bien le faire）" rendered "Il faut bien le faire.")."""
    t = _NON_LETTERS_RE.sub("", target).casefold()
    return len(t) >= 8 and t in _NON_LETTERS_RE.sub("", source).casefold()


def _flag(pair, message: str, data: dict, severity: str | None = None):
    """The flag on the whole target; none when the target is a copy of the source (UNT001 judges
    copies, and lets names and foreign quotations kept as they are pass)."""
    if same_letters(pair.source, pair.target) or _kept_from_source(pair.source, pair.target):
        return ()
    t = pair.target
    start = len(t) - len(t.lstrip())
    end = len(t.rstrip())
    return [hit(message, target=(start, end), data=data, severity=severity)]


@check("LNG001", "wrong-language", "non-translation", "major", lang_scope="declared-target",
       options=(Option("min_foreign_words", int, MIN_FOREIGN_WORDS,
                       "frequent words of one other language that let a target under 25 letters be judged"),
                Option("critical_words", int, CRITICAL_WORDS,
                       "words from which a target that words and both models place in another language is critical")))
def wrong_language(pair, ctx):
    """The target is not in the declared target language: written in a script the language
    does not use (Cyrillic for Chinese, Latin for Russian, kana in Chinese, Chinese characters
    without Hangul for Korean), or, for languages sharing a script, identified as another
    language by both py3langid and langdetect (seeded, deterministic). The span is the whole
    target. Cheap evidence decides most segments without a model: the script, then the
    declared language's most frequent words. Major; critical when the frequent words of the
    other language, py3langid (0.9) and langdetect (0.8) all agree on a target of six words or
    more (a whole German sentence in an English target). Not flagged: lines under four words,
    or under 25 letters unless three or more (and half) of their words are frequent words of
    one other language and none of the declared one's (identifiers are unreliable there), a target identical to its source (UNT001's business:
    it knows names and foreign quotations kept as they are) or whose letters all occur in the
    source (a quotation the source keeps in its original language), close languages that identifiers confuse (es/pt/gl/ca,
    cs/sk, hr/sr/bs, da/no/sv, ms/id: compatible groups), names, acronyms and codes in another
    script ("iPhone", "NATO", "Samsung Galaxy" in a Chinese target), a target whose language
    py3langid is not sure about or that langdetect places in the declared language."""
    tgt = pair.target
    tl = langid.norm(ctx.tgt.lang)
    if not tgt or not tl:
        return ()
    expected = langid.expected_scripts(tl)
    if expected is None:
        return ()
    if _mostly_expected(tgt, expected) is not True:
        main = ctx.tgt.script  # the full count, only for the few targets the cheap test doubts
    else:
        main = None
    if main is not None and main not in expected:
        per = _ordinary_letters(ctx.tgt)
        foreign = sum(n for s, n in per.items() if s not in expected)
        if foreign >= MIN_FOREIGN_LETTERS and foreign >= FOREIGN_SHARE * sum(per.values()):
            guess, _ = langid.identify(ctx.tgt.memo(prose))
            looks = f" (looks like {_name(guess)})" if guess and not langid.compatible(guess, tl) else ""
            return _flag(pair, f"target is in {main} script{looks}; {_name(tl)} is not written in it",
                         {"detected": guess, "script": main, "evidence": "script"})
        return ()
    if tl in ("zh", "ja", "ko"):
        return _cjk(pair, ctx, tl)
    shared = expected & SHARED_SCRIPTS
    if not shared:
        return ()  # a script of its own (Greek, Hebrew, Thai, Hangul...): the script decided
    words = ctx.tgt.memo(_lower_words)
    if len(words) < MIN_WORDS:
        return ()
    has_fw = langid.has_function_words(tl)
    if has_fw and function_words_agree(words, tl):
        return ()
    opts = ctx.options("LNG001")
    fw_lang = _foreign_function_words(words, tl, opts.min_foreign_words)
    if fw_lang is None and sum(len(w) for w in words) < MIN_LETTERS:  # word characters: letters and marks
        return ()
    text = ctx.tgt.memo(prose)
    if "Arabic" in shared and _arabic_letters_agree(text, tl):
        return ()
    if _letters_agree(text, words, tl):
        return ()
    script = max(shared, key=lambda sc: _count(text, sc))
    return _model_opinion(pair, text[:MODEL_CHARS], tl, script, fw_lang, len(words) >= opts.critical_words)


def _foreign_function_words(words: list[str], tl: str, least: int) -> str | None:
    """The unrelated language whose most frequent words make up the target ("die", "ist",
    "sehr" in a German sentence declared English): at least ``least`` of them and half the
    words, three times as many as the declared language's; None otherwise."""
    idx = _index()
    counts = Counter(chain.from_iterable([idx[w] for w in words if w in idx]))
    group = _group(tl)
    mine = max((c for l, c in counts.items() if l in group), default=0)
    ranked = sorted(((c, l) for l, c in counts.items() if l not in group), key=lambda cl: (-cl[0], cl[1]))
    if not ranked:
        return None
    other, lang = ranked[0]
    if other < least or 2 * other < len(words) or other < 3 * mine:
        return None
    return lang


def _model_opinion(pair, text: str, tl: str, script: str, fw_lang: str | None = None, long: bool = False):
    """py3langid, then langdetect: both must place the text in another language. With the
    frequent words of that language as evidence (``fw_lang``), langdetect's share for the
    declared language may reach a half (its seven seeded trials split 6:1 on names); with all
    three sure and a long target, the flag is critical (a whole sentence in another language)."""
    cands = _script_candidates(script)
    labels, probs = langid.distribution(text, cands if len(cands) >= 2 else None)
    if not len(labels):
        return ()
    best = int(probs.argmax())
    top = langid.norm(labels[best]) or labels[best]
    if langid.compatible(top, tl):
        return ()
    p = langid.group_probability(labels, probs, top)  # es + gl + pt...: one language for us
    if p < P_FIRST:
        return ()
    if langid.group_probability(labels, probs, tl) >= P_DECLARED:
        return ()
    second = langid.langdetect_rank(text)
    if not second:
        return ()
    top2, p2 = second[0]
    d_decl = sum(q for l, q in second if langid.compatible(l, tl))
    agree = fw_lang is not None and langid.compatible(fw_lang, top) and langid.compatible(top2, top)
    if langid.compatible(top2, tl) or d_decl >= (0.5 if agree else 0.1):
        return ()
    sure = agree and long and p >= 0.9 and p2 >= 0.8
    return _flag(pair, f"target looks like {_name(top)}, not {_name(tl)}",
                 {"detected": top, "confidence": round(p, 3), "second_opinion": top2,
                  "second_confidence": round(p2, 3), "evidence": "words+model" if agree else "model"},
                 severity="critical" if sure else None)


def _cjk(pair, ctx, tl: str):
    """Chinese, Japanese and Korean share Chinese characters: kana mark Japanese, Hangul Korean."""
    text = ctx.tgt.memo(prose)
    if tl == "zh":
        if _has(text, "Hiragana", "Katakana"):
            kana, han = _count(text, "Hiragana", "Katakana"), _count(text, "Han")
            if kana >= 3 and kana >= 0.1 * (han + kana):
                return _flag(pair, "target has Japanese kana: it looks like Japanese, not Chinese",
                             {"detected": "ja", "evidence": "script"})
        if _has(text, "Hangul"):
            hangul, han = _count(text, "Hangul"), _count(text, "Han")
            if hangul >= MIN_FOREIGN_LETTERS and hangul >= han:
                return _flag(pair, "target is in Hangul: it looks like Korean, not Chinese",
                             {"detected": "ko", "evidence": "script"})
    elif tl == "ja":
        if not _has(text, "Hiragana", "Katakana"):
            han = _count(text, "Han")
            if han >= 25:
                ranked = langid.rank(text, langs=("ja", "zh"), top=2)
                if ranked and ranked[0][0] == "zh" and ranked[0][1] >= 0.95:
                    return _flag(pair, "target has no kana and reads as Chinese, not Japanese",
                                 {"detected": "zh", "confidence": round(ranked[0][1], 3), "evidence": "model"})
            hangul = _count(text, "Hangul") if _has(text, "Hangul") else 0
            if hangul >= MIN_FOREIGN_LETTERS and hangul >= han:
                return _flag(pair, "target is in Hangul: it looks like Korean, not Japanese",
                             {"detected": "ko", "evidence": "script"})
    elif tl == "ko":
        if not _has(text, "Hangul"):
            kana = _count(text, "Hiragana", "Katakana")
            han = _count(text, "Han")
            if han + kana >= 12:
                guess = "ja" if kana else "zh"
                return _flag(pair, f"target has no Hangul: it looks like {_name(guess)}, not Korean",
                             {"detected": guess, "evidence": "script"})
    return ()
