"""The per-pair index of a glossary: its source, target and forbidden terms, found in a pair's text."""
from __future__ import annotations

from audit.checks.glossary.entries import Entry
from audit.checks.glossary.matching import (Group, LangMatcher, Term, TermSet, _fold, _lower, _norm_term,
                                           _prefix_match, _word_keys, matcher)
from audit.core import lazyre

# patterns the calls below used to look up in regex's cache on every call
_HYPHEN_APOSTROPHE_RE = lazyre.compile(r"[-'’]")


def _target_bag(view):
    """What a target offers to satisfy required variants: word keys, casefolded words, lower text."""
    m = matcher(view.lang)
    keys, cfs = set(), set()
    for cf, key in view.memo(_word_keys):
        keys.add(key)
        cfs.add(cf)
        if "-" in cf or "'" in cf or "’" in cf:  # parts of servidor-web, dell'acqua
            for part in _HYPHEN_APOSTROPHE_RE.split(cf):
                if part:
                    pc, pk = m.word(part)
                    keys.add(pk)
                    cfs.add(pc)
    by_prefix: dict[str, list[str]] = {}  # first four letters -> words (for the common-prefix rule)
    for cf in cfs:
        if len(cf) >= 4:
            by_prefix.setdefault(cf[:4], []).append(cf)
    return keys, cfs, _lower(view.text), by_prefix


class PairIndex:
    """The glossary compiled for one language pair: source terms to find, forbidden target terms to
    find, and per entry group the required target variants."""

    def __init__(self, entries: list[Entry], src: str | None, tgt: str | None):
        self.src, self.tgt = src, tgt
        self.sources = TermSet(src)
        self.forbidden = TermSet(tgt)
        self.allowed = TermSet(tgt)  # for telling a forbidden term from part of a required one
        groups: dict[str, Group] = {}
        sm, tm = matcher(src), matcher(tgt)
        for e in entries:
            for s in e.sources:
                key = _norm_term(s)
                g = groups.get(key)
                if g is None:
                    g = groups[key] = Group(key)
                    self.sources.add(Term(key, g, sm))
                g.entries.append(e)
                for t in map(_norm_term, e.targets):
                    if t not in g.targets:
                        g.targets.append(t)
                for t in map(_norm_term, e.forbidden):
                    if t not in g.forbidden:
                        g.forbidden.append(t)
                if e.note and e.note not in g.notes:
                    g.notes.append(e.note)
        self.groups = groups
        self.variants: dict[int, list[Term]] = {}
        seen_f: set[str] = set()
        seen_a: set[str] = set()
        for g in groups.values():
            self.variants[id(g)] = [Term(t, g, tm) for t in g.targets]
            for t in g.forbidden:
                if t not in seen_f:
                    seen_f.add(t)
                    self.forbidden.add(Term(t, g, tm))
            for t in g.targets:
                if t not in seen_a:
                    seen_a.add(t)
                    self.allowed.add(Term(t, g, tm))
        for ts in (self.sources, self.forbidden, self.allowed):
            ts.freeze()

    def source_hits(self, view) -> list[tuple[int, int, Term]]:
        return self.sources.find(view)

    def forbidden_hits(self, view) -> list[tuple[int, int, Term]]:
        return self.forbidden.find(view) if self.forbidden else []

    def allowed_hits(self, view) -> list[tuple[int, int, Term]]:
        return self.allowed.find(view)

    def satisfied(self, group: Group, view) -> bool:
        """Does the target contain any required variant of the group (tolerantly: words in any order,
        stems, compounds in compounding languages, substrings of longer words)?"""
        m = matcher(view.lang)
        bag = view.memo(_target_bag)
        for term in self.variants.get(id(group), ()):
            if _variant_in(term, bag, m):
                return True
        return False


def _variant_in(term: Term, bag, m: LangMatcher) -> bool:
    keys, cfs, low, by_prefix = bag
    if m.chars or not term.n:
        return term.cf.strip() in low if term.cf.strip() else False
    for cf, key in zip(term.cfs, term.keys):
        if cf in cfs or (len(cf) >= 5 and cf in low):
            continue
        if m.exact:
            return False
        if len(cf) <= 3 and any(w.startswith(cf) and len(w) - len(cf) <= 2 for w in cfs):
            continue  # short words: plural-like endings (año/años, an/ans)
        if m.stemmer is not None and key in keys:
            continue
        # a bounded common prefix too: stemmers are not always consistent (ru: система/систему)
        if len(cf) >= 4 and any(_prefix_match(cf, w) for w in by_prefix.get(cf[:4], ())):
            continue
        if m.compounding and len(key) >= 4 and (any(key in w for w in cfs) or any(key in k for k in keys)
                                                 or any(_fold(key) in _fold(w) for w in cfs)):
            continue
        return False
    return True
