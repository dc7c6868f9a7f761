"""TRM: terminology against a glossary (``--glossary PATH`` or ``glossary = [...]`` in the config).

Both checks do nothing without a glossary. The glossary is loaded once per run (``audit.glossary``)
and compiled once per language pair into an index keyed by the first word's stem, so a pair costs a
dictionary lookup per word whatever the glossary's size; the source-term and forbidden-term matches
are memoized per view and shared by the two checks.
"""
from __future__ import annotations

from audit.checks.glossary import from_options
from audit.checks.glossary import Glossary
from audit.checks.registry import Option, check
from audit.core.model import hit
from audit.core.text import letters_only_casefold


GLOSSARY_OPTIONS = (
    Option("glossary", (str, list, tuple, Glossary), None, "glossary file(s), TSV/CSV/TBX (set by --glossary or 'glossary')"),
    Option("glossary_sha256", str, None, "digest of the loaded glossary, set with it (part of the run's signature)"),
)


def _index(ctx, code):
    g = from_options(ctx.options(code))
    if g is None:
        return None
    idx = g.index(ctx.src.lang, ctx.tgt.lang)
    return idx if idx.sources else None


def _quote_list(items, limit=3) -> str:
    shown = [f"'{t}'" for t in items[:limit]]
    more = "" if len(items) <= limit else f" (or {len(items) - limit} more)"
    return " or ".join(shown) + more


@check("TRM001", "term-not-as-required", "terminology/wrong-term", "major", options=GLOSSARY_OPTIONS)
def term_not_as_required(pair, ctx):
    """A glossary source term occurs in the source but none of its required target variants occurs in
    the target. Terms match as whole words, case-insensitively unless the glossary term has a
    capital (``Apple`` is not ``apple``), and tolerate inflection on both sides (Snowball stems, or
    a bounded common prefix for languages without a stemmer: ``servidores`` matches ``servidor``);
    in Chinese, Japanese, Korean and Thai they match as substrings. A term inside another word does
    not count (``art`` is not in ``start``), nor does a derivation (English ``hospitality`` is not
    ``hospital``), nor a lower-case term written with a capital in mid-sentence, which is a name
    (``Maxine Waters``, ``Kansas City``; not so in German, where every noun has a capital); when
    glossary terms overlap, the longest wins. The target side is lenient: a multi-word variant's
    words may come in any order, and in compounding languages (de, nl, sv, fi, ...) a variant may be
    part of a compound (``Datenbankserver`` has ``Server``). Several variants (``a|b``) and several
    entries for one source term are alternatives. Entries with only forbidden targets, and entries
    whose forbidden target is in the target (reported by TRM002), are not reported here, nor is a
    target that is a copy of the source (UNT001). The flag spans every occurrence of the term in the
    source; nothing is marked on the target (the wrong rendering is not guessed). Runs only with a
    glossary: ``--glossary PATH`` (TSV, CSV or TBX; repeatable) or ``glossary = ["terms.tsv"]`` in
    ``[tool.transaudit]``."""
    idx = _index(ctx, "TRM001")
    if idx is None:
        return ()
    hits = ctx.src.memo(idx.source_hits)
    if not hits:
        return ()
    if letters_only_casefold(pair.source) == letters_only_casefold(pair.target or ""):
        return ()  # an untranslated copy is UNT001's, not one flag per term
    groups: dict[int, tuple] = {}
    for s, e, term in hits:
        groups.setdefault(id(term.group), (term.group, []))[1].append((s, e))
    out = []
    forbidden_texts = None
    for group, spans in groups.values():
        if not group.targets or idx.satisfied(group, ctx.tgt):
            continue
        if group.forbidden:
            if forbidden_texts is None:
                forbidden_texts = {t.text for _, _, t in ctx.tgt.memo(idx.forbidden_hits)}
            if forbidden_texts.intersection(group.forbidden):
                continue  # TRM002 reports it, with this term as the related span
        s, e = spans[0]
        msg = f"'{pair.source[s:e]}' should be translated as {_quote_list(group.targets)}"
        if group.notes:
            msg += f" (glossary note: {group.notes[0]})"
        out.append(hit(msg, source=spans, primary="source",
                       data={"term": group.source, "expected": list(group.targets)}))
    return out


@check("TRM002", "forbidden-term", "terminology/wrong-term", "major", options=GLOSSARY_OPTIONS)
def forbidden_term(pair, ctx):
    """A forbidden target term of the glossary (``!term`` in a TSV/CSV glossary, a ``forbidden``
    column, or a TBX term whose administrative status is deprecated, superseded or forbidden) occurs
    in the target, whatever the source says. It matches like TRM001's source terms: whole words,
    inflection-tolerant, case-sensitive only when the forbidden term has a capital, substrings in
    Chinese, Japanese, Korean and Thai. An occurrence inside a longer required term (forbidden
    ``base`` inside required ``base de datos``), or equal to the required term of another entry whose
    source term is in the source, is not flagged. The flag spans the forbidden term in the target;
    the related spans are the source term(s) it stands for, when they occur in the source."""
    idx = _index(ctx, "TRM002")
    if idx is None or not idx.forbidden:
        return ()
    fh = ctx.tgt.memo(idx.forbidden_hits)
    if not fh:
        return ()
    src_hits = ctx.src.memo(idx.source_hits)
    triggered = {id(t.group) for _, _, t in src_hits}
    allowed = ctx.tgt.memo(idx.allowed_hits)
    out = []
    for s, e, term in fh:
        covered = False
        for a0, a1, at in allowed:  # sorted by start
            if a0 > s:
                break
            if e <= a1 and (a1 - a0 > e - s or id(at.group) in triggered):
                covered = True
                break
        if covered:
            continue
        related = [(a, b) for a, b, t in src_hits if term.text in t.group.forbidden] if src_hits else []
        g = next((t.group for _, _, t in src_hits if term.text in t.group.forbidden), term.group)
        msg = f"forbidden term '{pair.target[s:e]}'"
        if g.targets:
            msg += f": use {_quote_list(g.targets)} for '{g.source}'"
        else:
            msg += f" (glossary entry '{g.source}')"
        out.append(hit(msg, target=(s, e), source=related or None,
                       data={"term": g.source, "forbidden": term.text, "expected": list(g.targets)}))
    return out
