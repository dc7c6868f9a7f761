"""UNT001: the target is a copy of the source (UNT002, source-language fragments inside a
translated target, lives with the fluency checks)."""
from __future__ import annotations

import unicodedata
from functools import lru_cache

import regex

from audit.checks.families.fragments import _in_parens, _within_quotes
from audit.checks.registry import Option, check
from audit.core import lazyre
from audit.core.model import hit
from audit.core.text import WORD_RE, char_script
from audit.lang.lexicon import knows, zipf
from audit.lang.placeholders import codes, prose
from audit.lang.profiles import SPACELESS_SCRIPTS, is_caseless_script, profile
from audit.lang.segment import starts_sentence
from audit.lang.units import unit_at

# patterns the calls below used to look up in regex's cache on every call
_PHRASE_WORD_RE = lazyre.compile(r"[\p{L}\p{M}][\p{L}\p{M}\-]*")

_NON_LETTER_RE = lazyre.compile(r"[^\p{L}\p{M}]+")
_CAMEL_RE = lazyre.compile(r"\p{Ll}\p{Lu}")
_KANA_RE = lazyre.compile(r"[\p{Hiragana}\p{Katakana}]")
# wordfreq's codes for languages it lists under another name
# wordfreq needs MeCab or jieba for these: not installed, and not needed (spaceless scripts)
MIN_WORDS = 3  # fewer ordinary words: a name, a label, "OK", a one-word title
MIN_SPACELESS_LETTERS = 10  # Chinese, Japanese, Thai: letters instead of words
CRITICAL_WORDS = 6  # a whole sentence left in the source language
MIN_FOREIGN_LETTERS = 2  # a copy in a script the target language does not use: "很好" in English


def _letters(text: str) -> str:
    return _NON_LETTER_RE.sub("", text).casefold()


_LETTER_RUN_RE = lazyre.re_compile(r"[^\W\d_]+")  # the stdlib is faster here; marks end a run on both sides alike


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


@check("UNT001", "untranslated", "accuracy/untranslated", "major", supersedes=("LNG001", "UNT002", "UNT003", "MET002"),
       options=(Option("min_foreign_letters", int, MIN_FOREIGN_LETTERS,
                       "letters of ordinary words in a script the target language does not use: a copy "
                       "with this many is critical, however short"),
                Option("short_copies", bool, False,
                       "also flag (minor) copies of one or two common source-language words, as pofilter's "
                       "'unchanged' does; off by default: month and language names are the same in many languages")))
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
    one with fewer than three ordinary words once URLs, e-mails, tags, placeholders, codes,
    identifiers (``workflow_tasks``, ``settings.DEBUG``) and acronyms (``NATO``, ``OK``,
    ``iPhone``, ``A4``) are set aside (names, labels, one-word titles), a text in Title Case
    (names, products, titles: "Terms of Service", "The Lord of the Rings"), a short text (four
    ordinary words or fewer) with a product's name in it (a capitalised word rare in the source
    language or spelt alike across the main European languages: "Wagtail table block", "Django
    admin site"), a short text in a script written without spaces (under ten letters), a text whose
    every word is about as common in the target language as in the source (a cognate phrase
    such as Spanish "hora local" in Portuguese, judged with wordfreq), a text that a language
    identifier confidently places in the target language or in a third language (a foreign
    quotation kept as it is), and pairs whose two languages are the same or the target's
    unknown. With the option ``short_copies``, a copy of one or two ordinary words (a label:
    ``Unchanged``) is a minor flag when each is a common word of the source language and is not
    one of the target's (much rarer there by wordfreq, or a target language without a word list);
    off by default, because on Django's 196 catalogs it flagged 280 such copies, most of them
    month and language names that are right (``September``, ``Urdu``)."""
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
    text = _IDENT_RE.sub(_blank, ctx.src.memo(prose))
    words = [m.group() for m in WORD_RE.finditer(text)]
    ordinary = [w for w in words if not _codeish(w) and any(ch.isalpha() for ch in w)]
    opts = ctx.options("UNT001")
    foreign = _foreign_script_letters(ordinary, tl)
    branded = len(ordinary) <= MAX_BRANDED_WORDS and any(_brand_like(w, sl) for w in ordinary)
    if foreign >= opts.min_foreign_letters and not branded and not _not_source_language(text, sl, tl):
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
            return _short_copy(src, tgt, ordinary, sl, tl) if opts.short_copies else ()
        if not is_caseless_script(script):
            capitalised = sum(1 for w in ordinary if w[0].isupper())
            if capitalised >= 0.6 * len(ordinary):
                return ()  # Title Case: a name, a product, a title
            if branded:
                return ()  # a product's part kept as named: "Wagtail table block"
        lowered = [w.lower() for w in ordinary]
        if _valid_in_both(lowered, sl, tl) or _not_source_language(text, sl, tl):
            return ()
        size = len(ordinary)
    s0, s1 = _trim(src)
    t0, t1 = _trim(tgt)
    sev = "critical" if size >= CRITICAL_WORDS else None
    return [hit("target is a copy of the source (untranslated)", target=(t0, t1), source=(s0, s1), severity=sev)]


# Identifiers written in prose: snake_case (``workflow_tasks``, ``_meta``) and dotted names
# (``settings.DEBUG``, ``django.contrib.admin``: parts of two letters or more, so ``e.g.`` is prose).
_IDENT_RE = lazyre.compile(r"(?<![\w.])(?:\w*[\p{L}\p{N}]_\w*|_\w+|[\p{L}_]\w+(?:\.[\p{L}_]\w+)+)(?!\w)")
MAX_BRANDED_WORDS = 4  # a short label with a product's name in it is the product's vocabulary
BRAND_MAX_ZIPF = 2.5  # a capitalised word this rare in the source language is a name (Wagtail, Plone)


def _blank(m) -> str:
    return " " * len(m.group())


def _brand_like(w: str, sl: str | None) -> bool:
    """A capitalised word that is a name rather than a word of the source language: rare there
    (``Wagtail``, ``Plone``: Zipf below 2.5) or about as common in English, French, German,
    Spanish, Italian and Dutch alike (``Django``, ``Python``, ``GitHub``: names travel)."""
    if not w[:1].isupper() or not knows(sl):
        return False
    lw = w.lower()
    zs = zipf(lw, sl)
    if zs < BRAND_MAX_ZIPF:
        return True
    return all(zipf(lw, other) >= zs - 1.0 for other in _WIDE if other != sl)


_CSS_RE = lazyre.compile(r"\s*[a-z-]+\s*:\s*[^;]+;\s*$")  # a style declaration (width: 12em;): code
_WIDE = ("en", "fr", "de", "es", "it", "nl")
SHORT_COPY_GAP = 2.0  # zipf points: the copied word is that much rarer in the target language


def _short_copy(src: str, tgt: str, ordinary: list[str], sl: str | None, tl: str | None):
    """A label of one or two ordinary words copied (``Unchanged``, ``Two words``): a minor flag
    when every such word of two letters or more is a common word of the source language (zipf 3
    or more) and is not one of the target language (``SHORT_COPY_GAP`` zipf points rarer there, or
    a target language without a word list). Names, products and loanwords used in the target
    (``Email`` in German, ``Python``) are as common there and pass, and so do words about as
    common in English, French, German, Spanish, Italian and Dutch alike (``Mozilla``: a name) and
    style declarations (``width: 12em;``)."""
    if not ordinary or not knows(sl) or any(len(w) < 2 for w in ordinary) or _CSS_RE.match(src):
        return ()
    for w in ordinary:
        lw = w.lower()
        zs = zipf(lw, sl)
        if zs < 3.0 or (knows(tl) and zipf(lw, tl) > zs - SHORT_COPY_GAP):
            return ()
        if all(zipf(lw, other) >= zs - 1.0 for other in _WIDE if other != sl):
            return ()  # as common in every language: a name or an international word (Mozilla, Python)
    s0, s1 = _trim(src)
    t0, t1 = _trim(tgt)
    return [hit("target is a copy of the source (a short label left untranslated)", target=(t0, t1),
                source=(s0, s1), severity="minor")]


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


# --- UNT003: single source words left in the target (code-mixing) ---------------------------------

_SCRIPT_RUN_RE = lazyre.compile(r"\p{Latin}[\p{Latin}\p{M}]*|\p{Cyrillic}[\p{Cyrillic}\p{M}]*|\p{Greek}[\p{Greek}\p{M}]*"
                               r"|\p{Arabic}[\p{Arabic}\p{M}]*|\p{Hebrew}[\p{Hebrew}\p{M}]*"
                               r"|\p{Devanagari}[\p{Devanagari}\p{M}]*|\p{Hangul}[\p{Hangul}\p{M}]*"
                               r"|\p{Thai}[\p{Thai}\p{M}]*|[\p{Han}\p{Hiragana}\p{Katakana}ー々]+"
                               r"|\p{L}[\p{L}\p{M}]*")
SRC_MIN_ZIPF = 3.0  # an ordinary word of the source language
TGT_MAX_ZIPF = 3.5  # rare in the target language (English words stand in every list at 2-3)
MIN_MARGIN = 2.0  # a hundred times more frequent in the source language
CAPITAL_TGT_MAX_ZIPF = 1.0  # a capitalised copy (a German noun): unknown in the target language
LOAN_ZIPF = 3.3  # a foreign-script word this common in the target language is a loanword there
MIN_SAME_SCRIPT_LETTERS = 3
MIN_FOREIGN_RUN = 2  # letters (ideographs, Thai letters) of a copy in another script


def _source_index(ctx) -> tuple[dict[str, list], str]:
    """Source words by case-folded text (their tokens), and the case-folded source text."""
    idx: dict[str, list] = {}
    for t in ctx.src.words:
        idx.setdefault(t.text.casefold(), []).append(t)
    return idx, ctx.pair.source.casefold()


def _named_in_source(toks, source: str, nouns_cap: bool) -> bool:
    """Some source occurrence is capitalised inside a sentence (a name), or all in capitals."""
    for t in toks:
        w = t.text
        if len(w) > 1 and w.isupper():
            return True
        if w[:1].isupper() and not nouns_cap and (not starts_sentence(source, t.start) or
                                                  _beside_capital(source, t.start, t.end, char_script(w[0]))):
            return True  # inside a sentence, or beside another capital ("U.S. Drought Monitor")
    return False


def _name_like_copy(w: str, toks, text: str, s: int, source: str, nouns_cap: bool) -> bool:
    """A copy from a cased source that looks like a name: capitalised inside a sentence in the
    source, in capitals, or capitalised in the target unless the source has it in lower case
    and the target's capital is a sentence start (a German noun copied as it is passes)."""
    if toks and _named_in_source(toks, source, nouns_cap):
        return True
    if not w[:1].isupper() or (nouns_cap and toks and toks[0].text == w):
        return False
    return not toks or all(t.text[:1].isupper() for t in toks) or not starts_sentence(text, s)


def _same_script_copy(w: str, sl: str, tl: str, capitalised: bool) -> bool:
    """Frequency evidence that a copied word is the source language's, not the target's."""
    low = w.lower()
    zs = zipf(low, sl)
    if zs < SRC_MIN_ZIPF:
        return False
    zt = zipf(low, tl)
    limit = CAPITAL_TGT_MAX_ZIPF if capitalised else TGT_MAX_ZIPF
    return zt <= limit and zs - zt >= MIN_MARGIN


def _foreign_copy(w: str, sl: str | None, tl: str) -> bool:
    """A copy in a script the target language does not use: strong unless it is a loanword
    common in the target language's texts, or a rare word of the source language."""
    if knows(tl) and zipf(w.lower(), tl) >= LOAN_ZIPF:
        return False
    return not knows(sl) or zipf(w.lower(), sl) >= 2.0


_PREV_WORD_RE = lazyre.compile(r"(\p{L}[\p{L}\p{M}]*)[ \u00a0]+$")
_NEXT_WORD_RE = lazyre.compile(r"[ \u00a0]+(\p{L}[\p{L}\p{M}]*)")


def _domain_like(text: str, e: int) -> bool:
    """The word at text[..e] goes on with a digit, ``_``, ``@`` or a dot and a letter."""
    if e >= len(text):
        return False
    ch = text[e]
    return ch.isdigit() or ch in "_@" or (ch == "." and e + 1 < len(text) and text[e + 1].isalpha())


def _beside_capital(text: str, s: int, e: int, script: str) -> bool:
    """A capitalised word of the same script stands next to text[s:e], only spaces between."""
    m = _PREV_WORD_RE.search(text, max(0, s - 40), s)
    if m and m.group(1)[:1].isupper() and char_script(m.group(1)[0]) == script:
        return True
    m = _NEXT_WORD_RE.match(text, e)
    return bool(m) and m.group(1)[:1].isupper() and char_script(m.group(1)[0]) == script


_LETTERS_RE = lazyre.compile(r"[\p{L}\p{M}]+")


def _code_words(view) -> frozenset[str]:
    """Words inside the codes of a text (URLs, tags and their attributes, placeholders), case-folded."""
    return frozenset(w.casefold() for c in view.memo(codes) for w in _LETTERS_RE.findall(c.text))


def _folded_words(view) -> frozenset[str]:
    return frozenset(t.text.casefold() for t in view.words)


@lru_cache(maxsize=64)
def _foreign_letter_re(expected: frozenset[str]):
    """A letter of a script outside ``expected`` (None when a script name is not one regex knows)."""
    try:
        scripts = "".join("\\p{" + sc + "}" for sc in sorted(expected))
        return regex.compile("[^\\P{L}" + scripts + "]")
    except regex.error:
        return None


def _runs_to_judge(ctx, text: str, expected: frozenset[str], same_ok: bool) -> list[tuple[int, int, str, bool]]:
    """(start, end, word, foreign script?) of the target words worth judging, found cheaply: words
    of the target's scripts that also stand in the source (when both languages have word lists),
    and letter runs in a script the target language does not use (one regex search finds none)."""
    out = []
    if same_ok:
        src_words = ctx.src.memo(_folded_words)
        for t in ctx.tgt.words:
            w = t.text
            if w.casefold() in src_words and _LETTERS_RE.fullmatch(w) and text[t.start:t.end] == w \
                    and char_script(w[0]) in expected:
                out.append((t.start, t.end, w, False))
    rx = _foreign_letter_re(expected)
    first = rx.search(text) if rx is not None else _SCRIPT_RUN_RE.search(text)
    if first is not None:
        for m in _SCRIPT_RUN_RE.finditer(text, first.start()):
            if char_script(m.group()[0]) not in expected:
                out.append((m.start(), m.end(), m.group(), True))
        out.sort()
    return out


# a command-line option just before a word: the word is the option's argument (``-b builder``)
_OPTION_BEFORE = lazyre.compile(r"(?:^|\s)--?[A-Za-z][\w-]*[ =]$")


def _code_context(text: str, s: int, e: int) -> bool:
    """The word ``text[s:e]`` is written as code, not prose: a call (``setup()``), a reST role or
    option between colons (``:members:``), the value of ``name=value``, glued to a placeholder
    (``auto%s``, ``{name}s``), a path's part (``.local/share/``), or an option's argument
    (``-b builder``). A command line kept as it is is ``_copied_line``'s."""
    before, after = text[s - 1:s], text[e:e + 1]
    if after == "(" or (before == ":" and after == ":") or before == "=" or after in ("%", "{"):
        return True
    if before == "/" or after == "/" or before == "$":
        return True
    return _OPTION_BEFORE.search(text, max(0, s - 40), s) is not None


def _copied_line(text: str, source: str, s: int) -> bool:
    """The target line holding offset ``s`` stands, stripped, as a line of the source too, in a
    text of several lines (a command or an example kept as it is)."""
    if "\n" not in text:
        return False
    a = text.rfind("\n", 0, s) + 1
    b = text.find("\n", s)
    line = text[a:b if b >= 0 else len(text)].strip()
    return bool(line) and line in {x.strip() for x in source.split("\n")}


def _code_mixed(pair, ctx) -> list[tuple[int, int, tuple[int, int]]]:
    """(start, end, source span) of every target word copied from the source and judged
    a source-language word (see ``source_word``)."""
    sl, tl = ctx.src.lang, ctx.tgt.lang
    text, source = ctx.tgt.memo(prose), pair.source
    from audit.lang.langid import expected_scripts

    expected = expected_scripts(tl) or frozenset({ctx.tgt.script} - {None})
    if not expected:
        return []  # an unknown target language and a target without letters ('…'): nothing to judge
    spaceless_src = ctx.src.script in SPACELESS_SCRIPTS
    same_ok = knows(sl) and knows(tl) and not spaceless_src
    src_cased = not is_caseless_script(ctx.src.script)
    nouns_cap = profile(sl).nouns_capitalised
    idx = src_fold = None
    out = []
    for s, e, w, foreign in _runs_to_judge(ctx, text, expected, same_ok):
        script = char_script(w[0])
        if len(w) < (MIN_FOREIGN_RUN if foreign else MIN_SAME_SCRIPT_LETTERS) or _codeish(w):
            continue
        if (s and (text[s - 1].isdigit() or text[s - 1] in "@.")) or _domain_like(text, e):
            continue  # part of a number, an address or a domain ("weather.com")
        if text[s - 1:s] in ("_", "(", "（") or text[e:e + 1] == "_" or (text[s - 1:s] == "&" and text[e:e + 1] == ";"):
            continue  # an identifier's part (allow_future), a gloss opening a bracket, an entity (&amp;)
        if text[e:e + 1] == "=" or text[e:e + 2] in ('="', "='", '=\\'):
            continue  # an attribute name of markup the tag reader does not take (<a rel="x" …>)
        if _code_context(pair.target, s, e):  # the raw text: placeholders are blanked in ``text``
            continue  # a function, a reST role or option, a value of name=value, a path, an option's argument
        if idx is None:
            idx, src_fold = _source_index(ctx)
            code_words = ctx.src.memo(_code_words)
        wf = w.casefold()
        if wf in code_words:
            continue  # also a part of a code of the source (".../ref/settings/#debug"): an identifier
        if spaceless_src and foreign:
            k = src_fold.find(wf)
            if k < 0:
                continue
            sspan = (k, k + len(w))
            toks = []
        else:
            toks = idx.get(wf)
            if not toks:
                continue
            sspan = (toks[0].start, toks[0].end)
        if src_cased and _name_like_copy(w, toks, text, s, source, nouns_cap):
            continue
        cap_mid = w[:1].isupper() and not starts_sentence(text, s)
        if foreign:
            if _beside_capital(text, s, e, script) or text[s - 1:s] == "-" or text[e:e + 1] == "-":
                continue  # part of a name or compound kept in its script ("Argos outlets", "pro-independence")
            if (src_cased and w[:1].isupper()) or (script == "Latin" and len(w) < 4) or not _foreign_copy(w, sl, tl):
                continue
        elif not _same_script_copy(w, sl, tl, cap_mid):
            continue
        if _within_quotes(text, s, e) or _in_parens(text, s, e) or unit_at(text, s, tl) is not None:
            continue
        if _copied_line(text, source, s):
            continue
        out.append((s, e, sspan))
    return out


# Computing terms that software localizers often keep in English (data types, protocol and web
# terms, programming words): a copy of one is minor, not major (Django's ``null``, ``cookie``,
# ``header``, ``repr`` stand as such in many of its catalogs).
_TECH_TERMS_TEXT = """
    null true false boolean bool integer float decimal string char byte bytes bit bits
    array tuple dict json xml yaml csv uuid slug regex unicode utf ascii base64 hash token
    cookie cookies header headers email e-mail mail url urls uri http https html css javascript
    proxy host localhost cache session sessions query queries api sql smtp ftp dns mime referer
    referrer admin login logout log logs repr meta metadata popup spam debug plugin plugins widget
    widgets template templates framework backend frontend timestamp timezone checkbox
    encoding charset
    """
TECH_TERMS = frozenset(_TECH_TERMS_TEXT.split())
# Terms kept as they are in software strings, but ordinary words of running text ("for instance",
# "the browser of a newspaper"): minor only in a software catalog's units (PO, XLIFF: not a document).
_SOFTWARE_TERMS_TEXT = """
    instance instances filename filenames webhook webhooks endpoint endpoints
    middleware namespace runtime sandbox markdown wiki blog feed feeds rss captcha sitemap emoji
    hashtag avatar thumbnail thumbnails username server servers browser browsers database
    online offline upload download script scripts pdf png jpeg jpg gif svg zip wifi bluetooth
    """
SOFTWARE_TERMS = TECH_TERMS | frozenset(_SOFTWARE_TERMS_TEXT.split())


def _tech_terms_only(phrase: str, terms: frozenset[str] = TECH_TERMS) -> bool:
    words = [w.casefold() for w in _PHRASE_WORD_RE.findall(phrase)]
    return bool(words) and all(w in terms for w in words)


def _software_strings(pair) -> bool:
    """The pair is a unit of a software catalog (independent UI strings), not running text."""
    return pair.unit is not None and not pair.unit.document


@check("UNT003", "source-word", "accuracy/untranslated", "major", supersedes=("UNT002",))
def source_word(pair, ctx):
    """A word or a short phrase of the source language left in the translation (code-mixing
    down to a single word: ``the Schifffahrt season opens in May``, ``a velmi important
    decision``), where the evidence is strong: the word stands in the source too, and either it
    is written in a script the target language does not use (an English word inside a Chinese
    or Russian translation, Han characters or Cyrillic inside an English one), or it is an
    ordinary word of the source language (wordfreq Zipf 3 or more) that is unknown or rare in
    the target language (Zipf 1.5 or less, and a hundred times rarer; a capitalised copy, such
    as a German noun in an English target, must be unknown there). Quiet on names (capitalised
    inside a sentence on either side, or in capitals), codes and acronyms (``iPhone``, ``A4``),
    numbers, URLs, e-mail addresses and placeholders, words in quotes or in brackets (titles,
    glosses of the original), loanwords common in the target language (``hotel``, ``online``
    in Russian), rare words of the source language, and same-script pairs when either language
    has no word list, parts of identifiers (``allow_future``), entities (``&amp;``), attribute
    names (``rel=`` in ``<a rel="noreferrer" …>``), a word that
    opens a bracket (a gloss, even with the bracket mistyped), words that are also part of a code
    of the source (``settings`` of ``…/ref/settings/#debug``: the settings module), and one-word sources (UNT001's:
    ``Telugu`` -> Danish ``telugu``). Neighbouring words are reported as one phrase. Major; minor
    when every copied word is a computing term localizers often keep (``null``, ``integer``,
    ``cookie``, ``header``, ``email``, ``repr``; ``TECH_TERMS``), and in a software catalog's
    units also when they are terms such strings keep (``instance``, ``filename``, ``endpoint``,
    ``browser``, ``server``; ``SOFTWARE_TERMS``: ordinary words of running text). Spans: the target
    words and the source word they copy. A run of three or more such words is UNT002's too;
    this flag then stands for both."""
    if not pair.target or not pair.source:
        return ()
    sl, tl = ctx.src.lang, ctx.tgt.lang
    if tl is None or sl == tl:
        return ()
    if len(ctx.src.words) < 2 and ctx.src.script not in SPACELESS_SCRIPTS:
        return ()  # a one-word source copied (a name, a label): UNT001's business, which knows labels
    found = _code_mixed(pair, ctx)
    if not found:
        return ()
    out = []
    tgt = pair.target
    terms = SOFTWARE_TERMS if _software_strings(pair) else TECH_TERMS
    i = 0
    while i < len(found):
        s, e, sspan = found[i]
        j = i
        while j + 1 < len(found) and not tgt[found[j][1]:found[j + 1][0]].strip():
            j += 1
        e = found[j][1]
        phrase = tgt[s:e]
        if _tech_terms_only(phrase, terms):
            out.append(hit(f"source-language word left in the target: {phrase!r} (a technical term, often "
                           f"kept in software)", target=(s, e), source=sspan, severity="minor"))
        else:
            out.append(hit(f"source-language word left in the target: {phrase!r}", target=(s, e), source=sspan))
        i = j + 1
    return out
