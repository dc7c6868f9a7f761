"""NEG: flipped polarity between source and target: a negation on one side only (NEG001) and a
word swapped for its antonym (NEG002).

Both read language knowledge from data: the ``[negation]`` tables of the language profiles
(markers, patterns of bound negation, idioms blanked before counting, weak words that do not
count) and ``audit/lang/data/polarity.toml`` (antonym pairs), through ``audit.lang.profiles``.
A side is *negated* when one of its markers survives the idioms; a flag needs a clean
difference: one side negated, the other with no marker at all, neither side a question.
"""
from __future__ import annotations

from functools import lru_cache

import regex

from audit.checks.registry import Option, check
from audit.core.model import hit
from audit.lang.profiles import antonym_pairs, profile

_QUESTION = regex.compile(r"[?？؟]\s*[\"'»”」』)]*\s*$")
_LETTER = regex.compile(r"\p{L}")


def _alternation(items, spaceless: bool) -> str:
    return _stems([w.replace("*", "") for w in items], spaceless)


def _stems(items, spaceless: bool) -> str:
    """One regex of words (whole words unless ``spaceless``); a final ``*`` makes a stem."""
    alts = [regex.escape(w[:-1]) + r"[\p{L}\p{M}]*" if w.endswith("*") else regex.escape(w) for w in items]
    alt = "|".join(sorted(alts, key=len, reverse=True))
    return f"(?:{alt})" if spaceless else rf"(?<![\p{{L}}\p{{M}}])(?:{alt})(?![\p{{L}}\p{{M}}])"


@lru_cache(maxsize=None)
def _negation_tables(lang: str | None):
    """(marker regex, idiom regex or None, weak regex or None) of a language, None when it has
    no negation words."""
    p = profile(lang)
    if not lang or not p.known or not p.negation:
        return None
    parts = [_alternation(p.negation, p.spaceless)] + list(p.negation_patterns)
    markers = regex.compile("|".join(parts), regex.IGNORECASE)
    idioms = regex.compile("|".join(p.negation_idioms), regex.IGNORECASE) if p.negation_idioms else None
    weak = [regex.compile(_stems(p.negation_weak, p.spaceless), regex.IGNORECASE) if p.negation_weak else None,
            regex.compile("|".join(p.negation_weak_patterns), regex.IGNORECASE) if p.negation_weak_patterns else None]
    return markers, idioms, weak


def negation_markers(text: str, lang: str | None) -> list[tuple[int, int]] | None:
    """Spans of the negation markers of ``text`` once its idioms are blanked (``[]``: none);
    None when the language has no negation table."""
    tables = _negation_tables(lang)
    if tables is None:
        return None
    markers, idioms, _ = tables
    if idioms is not None:
        text = idioms.sub(lambda m: " " * len(m.group()), text)
    return [m.span() for m in markers.finditer(text) if m.end() > m.start()]


def has_weak_negation(text: str, lang: str | None, lexical: bool = True) -> bool:
    """True when ``text`` has a weak negation ("without", ``sans``) or, with ``lexical``, a
    lexical one ("unhappy", ``недовольна``)."""
    tables = _negation_tables(lang)
    if tables is None:
        return False
    words, patterns = tables[2]
    return bool(words and words.search(text)) or bool(lexical and patterns and patterns.search(text))


def _letters(text: str, lang: str | None) -> int:
    """Letters of ``text``, three per letter in a spaceless script (an ideograph is a word)."""
    return len(_LETTER.findall(text)) * (3 if profile(lang).spaceless else 1)


def _is_question(text: str) -> bool:
    return _QUESTION.search(text) is not None


@check("NEG001", "negation-mismatch", "accuracy/mistranslation", "major", lang_scope="declared-target", status="preview",
       options=(Option("min_letters", int, 12, "shortest side (in letters, three per letter in Chinese, Japanese, Thai) that is checked"),))
def negation_mismatch(pair, ctx):
    """One side says *not* and the other does not: a negation added or lost in translation, which
    turns the meaning around (``did not approve`` -> ``approved``). Each side's negation markers
    are found with its language profile's ``[negation]`` table: words (``not``, ``nicht``, ``не``,
    ``不``), patterns of bound negation (Turkish ``-medi``, Japanese ``-ない``, Persian ``ن-``),
    after blanking idioms whose negation does not negate the clause ("not only ... but", French
    ``ne ... que``, ``тем не менее``, ``不断``); weak negative words ("without", ``sans``, ``bez``)
    and negative concord (``ne ... pas``, ``ничего не``, ``no ... nada``) do not change a side's
    polarity. The pair is flagged only when one side has a marker and the other none, both
    languages have a table, and neither side is a question (tag questions differ by language).
    The span is the first marker on the side that has it (the target when one was added, the
    source when one was lost).

    Preview (run it with ``--select NEG001``): on NTREX's professional translations 1.2-4.3% of
    clean pairs per language show such a difference (free translation: ``remained high`` =
    ``n'a pas faibli``), far above the 1% budget for major flags on clean text, while it finds
    about 0.6 of added and 0.5 of removed negations."""
    src_lang, tgt_lang = ctx.src.lang, ctx.tgt.lang
    v = assess(pair.source, pair.target or "", src_lang, tgt_lang, ctx.options("NEG001").min_letters)
    if v is None:
        return ()
    side, span, severity = v
    if side == "target":
        t = pair.target or ""
        return [hit(f"the target has a negation ({t[slice(*span)]!r}) the source does not have",
                    target=span, severity=severity, data={"marker": t[slice(*span)]})]
    s = pair.source
    return [hit(f"the source's negation ({s[slice(*span)]!r}) is not in the target",
                source=span, primary="source", severity=severity, data={"marker": s[slice(*span)]})]


def assess(s: str, t: str, src_lang: str | None, tgt_lang: str | None, min_letters: int = 12):
    """(side, span, severity) of a negation on one side only, or None."""
    if _letters(s, src_lang) < min_letters or _letters(t, tgt_lang) < min_letters:
        return None
    src = negation_markers(s, src_lang)
    tgt = negation_markers(t, tgt_lang)
    if src is None or tgt is None or bool(src) == bool(tgt) or _is_question(s) or _is_question(t):
        return None
    if has_weak_negation(t, tgt_lang) if src else has_weak_negation(s, src_lang):
        return None
    if tgt:
        return "target", tgt[0], "major"
    return "source", src[0], "major"


def _pole_settings(lang: str | None) -> tuple[bool, bool]:
    """(match inside words, clitic prefixes) for ``lang``'s pole words."""
    p = profile(lang)
    return bool(p.spaceless or p.substring_terms), bool(p.clitic_prefixes)


@lru_cache(maxsize=None)
def _any_pole(lang: str | None):
    """One regex of every pole word of ``lang`` (a cheap gate: most texts have none), or None."""
    words = [w for _, a, b in antonym_pairs(lang) for w in (*a, *b)] if lang else []
    return _pole_regex(tuple(words), *_pole_settings(lang)) if words else None


@lru_cache(maxsize=None)
def _pole_regexes(lang: str | None):
    """Per antonym pair of ``lang``: (concept, regex of one pole, regex of the other), compiled
    when first needed. Words are matched inside words where the language writes no spaces or
    glues particles (Korean)."""
    if not lang:
        return ()
    inside, clitics = _pole_settings(lang)
    return tuple((concept, _pole_regex(a, inside, clitics), _pole_regex(b, inside, clitics))
                 for concept, a, b in antonym_pairs(lang))


@lru_cache(maxsize=4096)
def _pole_regex(words: tuple[str, ...], inside: bool, clitics: bool):
    """A pole's words; with clitic prefixes (Arabic ``و``, ``ال``; Hebrew ``ה``, ``ו``) they may
    stand before the word."""
    if clitics:
        words = tuple(c + w for w in words for c in ("", "و", "ف", "ب", "ل", "ال", "وال", "بال", "لل", "ה", "ו", "ב", "ל", "וה"))
    return regex.compile(_stems(words, inside), regex.IGNORECASE)


def _blank(text: str, m) -> str:
    """``text`` with the match ``m`` blanked (a pole word is not a weak negation of itself)."""
    return text[:m.start()] + " " * (m.end() - m.start()) + text[m.end():]


def _negates(text: str, lang: str | None) -> bool:
    """A negation or a weak negation ("without a win") anywhere in ``text``."""
    return bool(negation_markers(text, lang)) or has_weak_negation(text, lang, lexical=False)


def _pole(rx, text: str, cased: bool):
    """The first match of a pole in ``text`` that is not part of a name: in a cased script a
    capitalised word after the start of the text (``West Virginia``, ``Southern Plains``) is
    skipped."""
    for m in rx.finditer(text):
        if not (cased and m.start() > 0 and m.group()[:1].isupper()):
            return m
    return None


@check("NEG002", "antonym", "accuracy/mistranslation", "major", lang_scope="declared-target")
def antonym(pair, ctx):
    """A word of the target is the antonym of what the source says: the source has one pole of
    a pair (``increase``, ``won``, ``allowed``, ``north``) and not the other, the target has the
    other pole and not the first (``fell``, ``lost``, ``banned``, ``south``). The pairs are
    ``audit/lang/data/polarity.toml`` (news vocabulary per language, stems for inflected
    languages); languages without pairs are not checked. A pair is only compared when both
    languages list it, capitalised words inside a sentence are taken for names (``West
    Virginia``), and nothing is flagged when either side negates, even weakly (``did not rise``
    = ``fell``, ``without a win`` = ``defeat``). The span is the target word."""
    s, t = pair.source, pair.target or ""
    gate_t, gate_s = _any_pole(ctx.tgt.lang), _any_pole(ctx.src.lang)
    if gate_t is None or gate_s is None or not gate_t.search(t) or not gate_s.search(s):
        return ()  # a pole on neither side, or a language without pairs: nothing to compare
    src_pairs = {c: (a, b) for c, a, b in _pole_regexes(ctx.src.lang)}
    if not src_pairs or not t.strip():
        return ()
    s_cased, t_cased = profile(ctx.src.lang).cased, profile(ctx.tgt.lang).cased
    for concept, ta, tb in _pole_regexes(ctx.tgt.lang):
        if concept not in src_pairs:
            continue
        sa, sb = src_pairs[concept]
        for s_has, s_not, t_has, t_not in ((sa, sb, tb, ta), (sb, sa, ta, tb)):
            m = _pole(t_has, t, t_cased)
            ms = m and not t_not.search(t) and _pole(s_has, s, s_cased)
            if ms and not s_not.search(s):  # the other pole anywhere, in a name too, excuses
                if _negates(_blank(s, ms), ctx.src.lang) or _negates(_blank(t, m), ctx.tgt.lang):
                    return ()
                return [hit(f"{m.group()!r} is the opposite of the source ({concept} pair)",
                            target=m.span(), data={"concept": concept})]
    return ()
