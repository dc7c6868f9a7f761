"""ENT: named entities and acronyms of the source missing or replaced in the target.

ENT001 an acronym replaced by an unrelated one (``ELB`` -> ``ISIS``, ``CNN`` -> ``BBC``), major;
ENT002 an acronym missing from the target, minor; ENT003 a proper name missing, minor (names
replaced or certainly removed are ENT004/ENT005's, in entity_names.py).
All three are tolerant of transliteration (НАТО = NATO), acronyms that change by language
(OTAN/NATO, ONU/UN, ELB/BLA), exonyms (Pekín/Beijing/Пекин/北京) and inflection (Londynie).
"""
from __future__ import annotations

from functools import lru_cache, wraps

from audit.checks.registry import Option, check
from audit.core import lazyre
from audit.core.model import hit
from audit.core.text import substring_test
from audit.lang import cldr
from audit.lang.lexicon import knows, zipf
from audit.lang.names import (
    acronym_equivalents,
    exonyms,
    fold_width,
    inflects_names,
    letter_overlap,
    loosely_same,
    name_similarity,
    romanize,
    skeleton,
    territory_prefix_names,
)
from audit.lang.profiles import CASELESS_SCRIPTS, profile

# Two to six capitals, not inside a word of a cased script (next to Chinese characters is fine).
_ACRONYM = lazyre.compile(r"(?<![\p{Lu}\p{Ll}\p{Lt}\p{N}])\p{Lu}{2,6}(?![\p{Lu}\p{Ll}\p{Lt}\p{N}])")
_ROMAN = lazyre.compile(r"[IVXLCDM]+")
_CAP_RUN = lazyre.compile(r"(?:\p{Lu}[\p{L}\p{M}'’\-]*[ \u00a0]+(?:(?:of|de|del|la|der|des|di|du|för|och|and|y|et|und|e)[ \u00a0]+)?)+")
_LATIN_WORD = lazyre.compile(r"(?<![\p{Latin}\p{M}\p{N}])\p{Latin}[\p{Latin}\p{M}'’\-]*\p{Latin}(?![\p{Latin}\p{M}\p{N}])")
_CYRILLIC_GREEK_LANGS = frozenset("ru uk be bg mk kk ky tg mn el".split())
# Caseless target languages that keep brand names with inner capitals in Latin letters (OpenAI,
# YouTube, WhatsApp in Chinese, Japanese, Hindi, Thai text; Korean, Arabic, Hebrew and Persian
# usually transliterate them: 유튜브, يوتيوب).
_KEEP_LATIN_BRANDS = frozenset("zh ja hi th".split())
_INNER_CAP = lazyre.compile(r"(?<=\p{Ll})\p{Lu}")
_BRAND = lazyre.compile(r"(?<![\p{Latin}\p{N}'’\-#@])\p{Latin}*\p{Ll}\p{Lu}\p{Latin}*(?![\p{Latin}\p{N}])")
_BRAND_PREFIXES = frozenset("Mc Di De La Le Du Da Lo".split())
# Acronyms that are words or units more than names.
_NOT_ACRONYMS = frozenset("""
OK AM PM TV PC ID CV PS PR VS HR CD DVD USB GPS DJ MC MP GB MB KB TB HD UV ATM SUV VIP SMS PIN LED
LCD IT AI FAQ RSVP ASAP PhD MBA CPU GPU RAM ROM PDF URL WiFi IQ BC AD BCE CE
BST GMT UTC EST EDT CST CDT MST MDT PST PDT CET CEST EET EEST WET IST JST KST MSK AEST AEDT HST AKST
""".split())


_CURRENCIES = cldr.currencies()
_CAPS_NEIGHBOUR = lazyre.compile(r"\p{Lu}{2,}[ \u00a0'’\-]*$")
_CAPS_AFTER = lazyre.compile(r"[ \u00a0\-]+\p{Lu}{2,}(?![\p{Ll}])")


def _in_caps_run(text: str, s: int, e: int) -> bool:
    """True when the capitals at [s, e) stand next to another word in capitals (shouting,
    a heading, ``JAY-Z``): then they are not an acronym."""
    return bool(_CAPS_NEIGHBOUR.search(text, max(0, s - 40), s) or _CAPS_AFTER.match(text, e))


def _skip_acronym(a: str) -> bool:
    return _ROMAN.fullmatch(a) is not None or a in _NOT_ACRONYMS or a in _CURRENCIES


def _cased_side(view) -> bool:
    """True when the side is written in a cased script (Latin, Cyrillic, Greek, Armenian...): from
    the declared language's profile (cheaper than the script of every segment), else the script."""
    if view.lang:
        return profile(view.lang).cased
    return view.script not in CASELESS_SCRIPTS and view.script is not None


def _in_table(a: str) -> bool:
    return len(acronym_equivalents(a)) > 1


def _varies_in_latin(a: str) -> bool:
    """True when the acronym is known to change between Latin-script languages (UN/ONU,
    CEO/PDG, US/EEUU): translations often spell it out or render it by meaning."""
    return sum(1 for x in acronym_equivalents(a) if x.isascii()) > 1


def _source_acronyms(text: str, lang: str | None = None) -> list[tuple[int, int, str]]:
    out = []
    for m in _ACRONYM.finditer(text):
        a = m.group()
        if len(a) < 3 or _skip_acronym(a) or _in_caps_run(text, m.start(), m.end()):
            continue
        if lang and zipf(a.lower(), lang) >= 5.0 and not _in_table(a):
            continue  # a common word in capitals for emphasis ("I chose NOT to")
        out.append((m.start(), m.end(), a))
    return out


def _romanized(view) -> str:
    return romanize(view.text)


def _initials(text: str) -> list[str]:
    """Initials of runs of capitalised words (``Balochistan Liberation Army`` -> ``bla``)."""
    out = []
    for m in _CAP_RUN.finditer(text + " "):
        words = [w for w in m.group().split() if w[:1].isupper()]
        if len(words) >= 2:
            out.append(romanize("".join(w[0] for w in words)))
    return out


def _expanded(acr: str, initials: list[str]) -> bool:
    a = romanize(acr)
    return any(letter_overlap(a, ini) >= 0.67 for ini in initials)


def _acronym_present(acr: str, tgt_text: str, tgt_acrs: list[str]) -> bool:
    if acr in tgt_text:
        return True
    for eq in acronym_equivalents(acr):
        if eq in tgt_text:
            return True
    return any(letter_overlap(acr, t) >= 0.6 for t in tgt_acrs)


def memo_on_context(key: str):
    """Decorator: ``fn(pair, ctx)`` computed once per context (the checks of a family share it)."""
    def deco(fn):
        @wraps(fn)
        def wrapper(pair, ctx):
            cached = ctx.__dict__.get(key)
            if cached is None:
                cached = ctx.__dict__[key] = fn(pair, ctx)
            return cached
        return wrapper
    return deco


@memo_on_context("_ent_acr")
def _acronym_analysis(pair, ctx):
    """(replaced [(src span, tgt span, a, t)], missing [(src span, a)]) for the pair, memoised."""
    result: tuple[list, list] = ([], [])
    src, tgt = pair.source, pair.target or ""
    if not src or not tgt or not _ACRONYM.search(src):
        return result
    src, tgt = fold_width(src), fold_width(tgt)  # ＣＮＮ = CNN; one character for one: spans hold
    src_acrs = _source_acronyms(src, ctx.src.lang)
    if not src_acrs:
        return result
    tgt_all = [(m.start(), m.end(), m.group()) for m in _ACRONYM.finditer(tgt)
               if not _in_caps_run(tgt, m.start(), m.end())]
    tgt_names = [t for _, _, t in tgt_all]
    missing = [(s, e, a) for s, e, a in src_acrs if not _acronym_present(a, tgt, tgt_names)]
    if not missing:
        return result
    src_all = {m.group() for m in _ACRONYM.finditer(src)}
    new = []
    src_lang = ctx.src.lang
    in_src = substring_test(src)
    for s, e, t in tgt_all:
        if len(t) < 3 or t in in_src or _skip_acronym(t):
            continue
        z = zipf(t.lower(), src_lang)
        if not _cased_side(ctx.src):
            z = max(z, zipf(t.lower(), "en"))  # Latin acronyms in Chinese text: English use as proxy
        if z < 3.0:
            continue  # not an acronym the source language uses as is: a translated one (IGH for ICJ)
        if any(eq in src for eq in acronym_equivalents(t)):
            continue
        if any(letter_overlap(t, a) >= 0.6 for a in src_all):
            continue
        new.append((s, e, t))
    src_initials = _initials(src)
    new = [x for x in new if not _expanded(x[2], src_initials)]  # spelled out in the source
    tgt_initials = None
    tgt_lang = ctx.tgt.lang
    for s, e, a in missing:
        if new:
            ts, te, t = new.pop(0)
            result[0].append(((s, e), (ts, te), a, t))
            continue
        if _varies_in_latin(a) or zipf(a.lower(), tgt_lang) < 3.0:
            continue  # translated by meaning (CEO, USA), or not commonly written as is in the target
        if tgt_initials is None:
            tgt_initials = _initials(tgt)
        if _expanded(a, src_initials) or _expanded(a, tgt_initials):
            continue  # spelled out in the source or the target: dropping the short form is fine
        result[1].append(((s, e), a))
    return result


@check("ENT001", "acronym-replaced", "accuracy/mistranslation", "major")
def acronym_replaced(pair, ctx):
    """An acronym of the source is absent from the target, which has instead a different, unrelated
    acronym (``ELB`` rendered as ``ISIS``, ``CNN`` as ``BBC``): a wrong organisation or entity.
    Acronyms that change by language are fine: letters permuted or shared (OTAN/NATO, ONU/UN,
    ELB/BLA, FMI/IMF), transliterated (НАТО), or known equivalents (OMS/WHO, PIB/GDP, EEUU/US,
    ВВП/GDP, 联合国/UN). Acronyms of two letters, Roman numerals, unit-like ones (``TV``, ``GPS``)
    and segments in capitals are ignored. Spans: the new acronym in the target, the lost one in
    the source."""
    replaced, _ = _acronym_analysis(pair, ctx)
    return [hit(f"source acronym '{a}' is missing; the target has the unrelated acronym '{t}' instead",
                target=tspan, source=sspan) for sspan, tspan, a, t in replaced]


@check("ENT002", "acronym-missing", "accuracy/omission", "minor", lang_scope="cased-target")
def acronym_missing(pair, ctx):
    """An acronym of the source (three to six capitals) does not appear in the target in any form:
    not as is, not transliterated or permuted (НАТО, OTAN), not as a known equivalent (OMS for WHO),
    and neither side spells it out as capitalised words with those initials (``Balochistan
    Liberation Army`` for BLA). Targets in scripts without case (Chinese, Japanese, Arabic, Hindi...)
    are skipped, since they usually render acronyms by their meaning. Minor: translators may drop
    or expand an acronym on purpose. The span is the acronym in the source."""
    _, missing = _acronym_analysis(pair, ctx)
    if not missing or not _cased_side(ctx.tgt):
        return ()
    return [hit(f"source acronym '{a}' does not appear in the target", source=sspan, primary="source")
            for sspan, a in missing]


_CAP_WORD = lazyre.compile(r"\p{Lu}[\p{Ll}\p{M}]{2,}")
_OPENERS = frozenset("\"'“”‘’«»„‚([{¿¡*•-–— \u00a0\t")


def lower_name(w: str) -> str:
    """Lower case, with the Turkish dotted capital as a plain i (İskoçya -> iskoçya, not i̇skoçya)."""
    return w.replace("İ", "i").lower()


def _sentence_initial(text: str, i: int) -> bool:
    j = i - 1
    while j >= 0 and text[j] in _OPENERS:
        j -= 1
    return j < 0 or text[j] in ".!?:;…\n"


@lru_cache(maxsize=50_000)
def _compound(word: str, lang: str) -> bool:
    """True when ``word`` splits into two known words (with a linking ``s``/``es``/``n``/``en``):
    a German compound noun (Höhenzahlen = Höhen + zahlen), not a name."""
    n = len(word)
    for i in range(4, n - 3):
        right = word[i:]
        if zipf(right, lang) < 2.5:
            continue
        left = word[:i]
        if zipf(left, lang) >= 2.5:
            return True
        for link in ("s", "es", "n", "en", "er", "e"):
            if left.endswith(link) and len(left) - len(link) >= 3 and zipf(left[:-len(link)], lang) >= 2.5:
                return True
    return False


def _name_candidates(text: str, lang: str | None, tgt: str) -> list[tuple[int, int, str]]:
    """Capitalised words of the source that are names with high confidence and do not stand
    verbatim in the target (the common case, settled first, without any lookup)."""
    out = []
    have_freq = None
    n = len(text)
    in_tgt = substring_test(tgt)
    for m in _CAP_WORD.finditer(text):
        w = m.group()
        if w in in_tgt:
            continue
        s, e = m.span()
        if s > 0 and (text[s - 1].isalnum() or text[s - 1] in "'’-.@/"):
            continue
        if e < n and (text[e].isalnum() or text[e] == "@"):
            continue
        if have_freq is None:
            have_freq = knows(lang)
        low = lower_name(w)
        z = zipf(low, lang) if have_freq else 0.0
        if profile(lang).nouns_capitalised:
            # German capitalises nouns, and its compounds are rare words: only words that are
            # rare in German yet known in English texts (names used across languages), and that
            # do not split into two German words, count as names.
            if z >= 3.0 or not (1.5 <= zipf(low, "en") < 4.5) or _compound(low, lang):
                continue
        elif z >= 3.0:
            continue  # a common word (a day, a title, a word in a name like "Army")
        if (z >= 1.0 or not have_freq or inflects_names(lang)) and _sentence_initial(text, s):
            continue  # the first word of a sentence: capitalised anyway (in a language of case
            # endings an inflected common word is rare too: Söylendiğine, Duruşmadan)
        out.append((s, e, w))
    return out


_WORD2 = lazyre.compile(r"[\p{L}\p{M}]{2,}")


def _title_case(text: str) -> bool:
    words = _WORD2.findall(text)
    lower = sum(1 for w in words if w[0].islower())
    return lower <= 1 or lower * 3 <= len(words)


def _latin_candidates(text: str) -> list[tuple[int, int, str]]:
    # words in capitals are acronyms: ENT001/ENT002's business
    return [(m.start(), m.end(), m.group()) for m in _LATIN_WORD.finditer(text)
            if len(m.group()) >= 3 and not m.group().isupper()]


_WORD3 = lazyre.compile(r"[\p{L}\p{M}]{3,}")


def _target_words(view) -> dict[str, list[tuple[str, str]]]:
    """Romanized words of the text with their skeletons, grouped by the skeleton's first letter."""
    out: dict[str, list[tuple[str, str]]] = {}
    for w in set(_WORD3.findall(view.text)):
        r = romanize(w)
        sk = skeleton(r)
        if sk:
            out.setdefault(_first_class(sk[0]), []).append((r, sk))
    return out


def _first_class(ch: str) -> str:
    return "a" if ch in "aeiouy" else ch


def _found_in(name: str, rn: str, text: str, rtext: str, exs: list[str]) -> bool:
    if name in substring_test(text):
        return True
    rtext = substring_test(rtext)
    if rn in rtext:
        return True
    k = max(4, len(rn) - 3)
    if len(rn) >= 5 and rn[:k] in rtext:
        return True  # inflected: Londynie, Quettę, Лондоне
    for rex in exs:
        if rex in rtext or (len(rex) >= 5 and rex[:max(4, len(rex) - 3)] in rtext):
            return True
    return False


# Fuzzy comparisons of names with the words of one side, in one pair: once this many are made, the
# names left count as found (not reported). Issue 15: thousands of names missing from a segment of
# thousands of other words compared every name with every word; real segments make a few thousand.
_FUZZY_BUDGET = 200_000


def _budget(view) -> list[int]:
    return [_FUZZY_BUDGET]


def _spend(view, n: int) -> bool:
    """Take ``n`` comparisons from the pair's budget of ``view``; False (nothing taken) once spent."""
    left = view.memo(_budget)
    if n > left[0]:
        left[0] = 0
        return False
    left[0] -= n
    return True


def name_found(name: str, ctx, strict: bool = False, neighbours: bool = True) -> bool:
    """Is the source name ``name`` rendered in the target (any spelling we can recognise)?
    The neighbouring target segments count too (unless ``neighbours`` is false): a name may
    move across a segment boundary.
    Cheap tests first (substrings), the fuzzy comparison with every target word last.
    ``strict``: a skeleton match needs a target word whose skeleton is at most one letter longer
    (Boris is not Bruselas)."""
    tgt = ctx.tgt.text
    if name in substring_test(tgt):
        return True
    rn = romanize(name)
    exs = [romanize(x) for x in exonyms(name, ctx.src.lang, ctx.tgt.lang)]
    if _found_in(name, rn, tgt, ctx.tgt.memo(_romanized), exs):
        return True
    for view in (ctx.prev_tgt, ctx.next_tgt) if neighbours else ():
        if view is not None and view.text and _found_in(name, rn, view.text, view.memo(_romanized), exs):
            return True
    rt = substring_test(ctx.tgt.memo(_romanized))
    for t in territory_prefix_names(name, ctx.src.lang, ctx.tgt.lang):
        r = romanize(t)
        if r[:max(4, min(len(r), 6) - 1)] in rt:
            return True  # a demonym: Austrians -> autrichiens (Autriche)
    sk = skeleton(rn)
    if sk:
        # words with the same first sound: similar spelling, or the same consonant skeleton
        words = ctx.tgt.memo(_target_words).get(_first_class(sk[0]), ())
        if not _spend(ctx.tgt, len(words)):
            return True  # the pair's budget of comparisons is spent: not reported (see _FUZZY_BUDGET)
        for w, wsk in words:
            if len(sk) >= 2 and wsk.startswith(sk) and not (strict and len(wsk) > len(sk) + 1):
                return True  # transliterated: Сейнсбери for Sainsbury, Гвинет for Gwyneth
            if name_similarity(rn, w[:len(rn) + 1]) >= 0.5:
                return True
    return False


@check("ENT003", "name-missing", "accuracy/omission", "minor", options=(
    Option("transliterated_targets", bool, False, "also check Cyrillic and Greek targets (transliterated names)"),
))
def name_missing(pair, ctx):
    """A proper name of the source (a capitalised word that is not a common word of the language
    and not merely the first word of a sentence) cannot be found in the target in any spelling:
    not as is, not inflected (Londynie), not transliterated (Кветта for Quetta), not as its exonym
    (Pekín / Beijing / Пекин, Alemania / Germany, from CLDR names of countries, languages and cities)
    and not as a similar word (character bigrams). For sources in scripts without case (Chinese,
    Japanese, Arabic, Hindi...), the Latin-script words inside them are checked instead. For Chinese,
    Japanese, Hindi and Thai targets only brand names with an inner capital (OpenAI, YouTube) are
    checked, since those languages keep them in Latin letters; other names there, and targets in
    the other scripts without case, are skipped (transliterations we cannot verify), and so are Cyrillic and Greek targets unless ``transliterated_targets = true`` is set in
    ``[tool.transaudit.options.ENT003]`` (their phonetic spellings of foreign names vary too much
    for a quiet default: Уэйд for Wayde).
    German sources (German capitalises nouns) are checked only for words rare in German yet known in
    English texts, that do not split into two German words (names used across languages). Minor and
    conservative: translators legitimately replace or drop names ("the Kremlin" for "Moscow"). Names
    that ENT004 (replaced) or ENT005 (removed) report are not reported again here, nor names that
    look like a capitalised word of the target (Кунсом for Coons). The span is the name in the source."""
    src, tgt = pair.source, pair.target
    if not src or not tgt:
        return ()
    tl = ctx.tgt.lang
    if tl in _CYRILLIC_GREEK_LANGS or (tl is None and ctx.tgt.script in ("Cyrillic", "Greek")):
        if not ctx.options("ENT003").transliterated_targets:
            return ()
    elif not _cased_side(ctx.tgt):
        if tl not in _KEEP_LATIN_BRANDS:
            return ()
        out = []
        if not _INNER_CAP.search(src):
            return out
        low = fold_width(tgt).casefold()
        for m in _BRAND.finditer(src):
            w = m.group()
            if len(w) < 4 or sum(1 for c in w if c.islower()) < 2:
                continue  # PhD, DoS: abbreviations
            if w[:2] in _BRAND_PREFIXES or w[:3] == "Mac" or w.casefold() in low:
                continue
            out.append(hit(f"the name '{w}' does not appear in the target", source=m.span(), primary="source"))
        return out
    if _cased_side(ctx.src):
        cands = _name_candidates(src, ctx.src.lang, tgt)
    else:
        cands = _latin_candidates(src)
    if not cands:
        return ()
    missing = []
    seen = set()
    for s, e, name in cands:
        if name in seen:
            continue
        seen.add(name)
        if not name_found(name, ctx):
            missing.append((s, e, name))
    if not missing:
        return ()
    if _cased_side(ctx.src) and _title_case(src):
        return ()  # a headline in Title Case: its capitals do not mark names
    if _cased_side(ctx.tgt):
        in_src = substring_test(src)
        caps = [w for w in _CAP_WORD.findall(tgt) if w not in in_src]
        missing = [c for c in missing if _spend(ctx.tgt, len(caps)) and not any(loosely_same(c[2], w) for w in caps)]
    skip = {sp for sp, _ in _acronym_analysis(pair, ctx)[1]} | _reported_by_ent004_005(pair, ctx)
    out = [hit(f"the name '{name}' does not appear in the target", source=(s, e), primary="source")
           for s, e, name in missing if not any(a <= s and e <= b for a, b in skip)]
    return out


# Functions (pair, ctx) -> source spans of names that another check reports (ENT004 and ENT005,
# in entity_names.py, add theirs when imported: that module imports this one, not the reverse).
NAME_REPORTERS: list = []


def _reported_by_ent004_005(pair, ctx) -> set[tuple[int, int]]:
    """Source spans of the names that ENT004/ENT005 report (major there: not again as minor here)."""
    out: set[tuple[int, int]] = set()
    for reporter in NAME_REPORTERS:
        out |= reporter(pair, ctx)
    return out
