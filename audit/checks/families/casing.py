"""CAS: letter case: a target that starts in lower case where the source starts with a capital
(CAS001), capitals of the source lost in the target (CAS002), and a capital added at the start
of a label whose source starts in lower case (CAS003). Stray capitals in the middle
of a sentence are SEN002 (audit/checks/sentences.py)."""
from __future__ import annotations

from audit.checks.registry import check
from audit.core import lazyre
from audit.core.model import hit
from audit.lang.profiles import CASELESS_SCRIPTS, profile

# patterns the calls below used to look up in regex's cache on every call
_CLOSER_AHEAD_RE = lazyre.compile(r"\s*[).:]")
_CAPITAL_AHEAD_RE = lazyre.compile(r"[ \u00a0'’]*\p{Lu}")

_LEAD = lazyre.compile(r"[\s\"'“”‘’«»„‚‹›()\[\]{}¿¡*•·‣◦\-–—_#>|]*")
_FIRST_WORD = lazyre.compile(r"[\p{L}\p{M}\p{N}]+(?:['’\-.][\p{L}\p{M}\p{N}]+)*")
_TERMINAL = lazyre.compile(r"[.!?。！？।؟…][\"'”’»)\]]*\s*$")
_PARTICLES = frozenset("de del della di da dos das du des van von der den ter la le al el bin ibn d l".split())


_AF_ARTICLE = lazyre.compile(r"['’]n[ \u00a0]+")


def _first_letter(text: str, lang: str | None = None) -> int | None:
    """Index of the first letter after leading spaces, quotes, brackets and bullets, or None
    when the text starts with something else (a digit, a symbol, an ellipsis). In Afrikaans the
    article ``'n``, which is never capitalised, is skipped: the word after it carries the case."""
    m = _LEAD.match(text)
    i = m.end() if m else 0
    if lang == "af" and i > 0:
        art = _AF_ARTICLE.match(text, i - 1)
        if art:
            i = art.end()
    if i < len(text) and text[i].isalpha():
        return i
    return None


def _cased(ch: str) -> bool:
    return ch.isupper() or ch.islower()


@check("CAS001", "initial-lowercase", "fluency/grammar", "minor", lang_scope="cased-target")
def initial_lowercase(pair, ctx):
    """The target starts with a lower-case letter while the source starts with a capital (or, for
    a source in a script without case, is a whole sentence). Not flagged: segments starting with a
    number, a symbol or an ellipsis (a continuation), sources that start in lower case, targets in
    scripts without case, targets whose previous segment (in document order) ends without a
    sentence terminator (the sentence goes on across segments), first words with an inner capital or a digit (``iPhone``, ``eBay``,
    ``pH``), name particles before a name (``de Gaulle``, ``van Gogh``), and ``e-mail``-style
    compounds. The span is the target's first word."""
    tgt = pair.target
    if not tgt:
        return ()
    ti = _first_letter(tgt, ctx.tgt.lang)
    if ti is None or not tgt[ti].islower():
        return ()
    if not _cased_target(ctx) or ctx.tgt.script in CASELESS_SCRIPTS:
        return ()  # a Latin word at the start of an Arabic, Hebrew, Chinese... target
    src = pair.source
    si = _first_letter(src)
    if si is None:
        return ()
    if _cased(src[si]):
        if not src[si].isupper():
            return ()
    elif not _TERMINAL.search(src):
        return ()  # caseless source: only a whole sentence tells us the target should start one
    if src.lstrip().startswith(("...", "…")) or tgt.lstrip().startswith(("...", "…")):
        return ()
    prev = ctx.prev.target if ctx.prev is not None else None
    if prev and prev.strip() and not _TERMINAL.search(prev):
        return ()  # the previous target segment did not end its sentence: a continuation
    m = _FIRST_WORD.match(tgt, ti)
    word = m.group() if m else tgt[ti]
    if any(c.isupper() or c.isdigit() for c in word[1:]):
        return ()
    if "-" in word and len(word.split("-")[0]) == 1:
        return ()
    if "." in word:
        return ()  # a domain or file name: ``weather.com``
    if len(word) == 1 and _CLOSER_AHEAD_RE.match(tgt[ti + 1:ti + 3]):
        return ()  # a list item: ``a) …``, ``b. …``
    end = ti + len(word)
    if word.lower() in _PARTICLES and _CAPITAL_AHEAD_RE.match(tgt[end:end + 3]):
        return ()
    if word.casefold() == _FIRST_WORD.match(src, si).group().casefold():
        return ()  # the same word starts the source: a name or a code kept as is
    sm = _FIRST_WORD.match(src, si)
    return [hit(f"target starts in lower case ('{word}') but the source starts with a capital",
                target=(ti, end), source=(si, sm.end()) if sm else None)]


# Targets whose capitals at the start of a label are the language's own: nouns (German,
# Luxembourgish), or names of days, months and languages (English).
_OWN_CAPITALS = frozenset({"de", "lb", "en"})


@check("CAS003", "initial-capital-added", "fluency/grammar", "minor", lang_scope="cased-target", status="opt-in")
def initial_capital_added(pair, ctx):
    """A label whose source starts in lower case (``find``, ``a cow``) is translated with a
    capital (``Vind``, ``'n Koei``): a fragment shown inside a sentence of the user interface
    (an option, a unit, a completion) now starts one. Only sources that are not whole sentences
    (no final ``.``, ``!``, ``?``) are compared; a sentence starting in lower case is a slip the
    translator rightly fixes. Not flagged: targets in German and Luxembourgish (nouns take
    capitals) and English (days, months, languages), scripts without case, a first word kept
    from the source (``iOS``, a name), a first word with an inner capital or a digit, a word
    in capitals (an acronym), and a source starting with a name particle (``de Gaulle``). The
    span is the target's first word. Afrikaans ``'n`` is skipped on both counts: the word after
    it carries the case. Opt-in (``--select CAS003``): on Django's 196 catalogs it flagged 58
    labels, mostly model names that Django capitalises on display anyway (``log entry``) and
    month names that some languages capitalise (Breton ``Gou``)."""
    tgt, src = pair.target, pair.source
    if not tgt or not src or ctx.tgt.lang in _OWN_CAPITALS:
        return ()
    if not _cased_target(ctx) or ctx.tgt.script in CASELESS_SCRIPTS:
        return ()
    si = _first_letter(src)
    ti = _first_letter(tgt, ctx.tgt.lang)
    if si is None or ti is None or not src[si].islower() or not tgt[ti].isupper():
        return ()
    if _TERMINAL.search(src):
        return ()
    sm, tm = _FIRST_WORD.match(src, si), _FIRST_WORD.match(tgt, ti)
    sword, tword = sm.group() if sm else src[si], tm.group() if tm else tgt[ti]
    if any(c.isupper() or c.isdigit() for c in sword[1:] + tword[1:]):
        return ()
    if sword.casefold() == tword.casefold() or sword.lower() in _PARTICLES:
        return ()
    return [hit(f"target starts with a capital ('{tword}') but the source starts in lower case ('{sword}')",
                target=(ti, ti + len(tword)), source=(si, si + len(sword)))]


_CAPS_RUN = lazyre.compile(r"\p{Lu}{2,}(?:[\s,.:;!?'’\-]+\p{Lu}{2,}){2,}")
_CAPS_RUN2 = lazyre.compile(r"\p{Lu}{2,}(?:[\s,.:;!?'’\-]+\p{Lu}{2,})+")


def _caps_run(text: str) -> tuple[int, int] | None:
    """The longest run of three or more words in capitals with at least 10 letters, or None."""
    best = None
    for m in _CAPS_RUN.finditer(text):
        letters = sum(1 for ch in m.group() if ch.isalpha())
        if letters >= 10 and (best is None or m.end() - m.start() > best[1] - best[0]):
            best = (m.start(), m.end())
    return best


@check("CAS002", "capitals-lost", "fluency/typography", "minor", lang_scope="cased-target")
def capitals_lost(pair, ctx):
    """The source writes a phrase in capitals (three or more words, a heading, a warning, an
    emphasis: ``DO NOT OPEN THE DOOR``) and the target has no run of words in capitals at all:
    the emphasis or the heading style was lost. Not flagged: acronyms (single words in capitals),
    targets in scripts without case, and sources in capitals throughout when the target is a
    heading in Title Case. The spans are the capitals in the source and the whole target."""
    src = pair.source
    if not src or not pair.target or not _CAPS_RUN.search(src):
        return ()
    if not _cased_target(ctx):
        return ()
    run = _caps_run(src)
    if run is None:
        return ()
    tgt = pair.target
    if _CAPS_RUN2.search(tgt):
        return ()  # the target keeps (some) capitals
    letters = [ch for ch in tgt if ch.isalpha()]
    if not letters or sum(1 for ch in letters if ch.isupper() or ch.islower()) * 2 < len(letters):
        return ()  # mostly caseless letters: nothing to keep
    return [hit(f"the source writes '{src[run[0]:run[1]]}' in capitals; the target has none",
                source=run, target=(0, len(tgt)), primary="source")]


def _cased_target(ctx) -> bool:
    lang = ctx.tgt.lang
    if lang:
        return profile(lang).cased
    return ctx.tgt.script not in CASELESS_SCRIPTS
