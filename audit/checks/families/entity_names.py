"""ENT004/ENT005: names of people, places and organisations replaced or removed in the target.

Evidence from both sides of the pair. The source's names (capitalised words that are not common
words and not a sentence's first word; Latin-script words in a caseless source) are looked for
in the target with ENT003's matching (verbatim, inflection stem, exonym, transliteration,
consonant skeleton, neighbouring segments); the target's names the same way in the source. A
source name that is missing while the target has a name the source lacks is a replacement
(ENT004); a source name missing with nothing new in its place is a removal (ENT005). Names with
digits (``A4`` -> ``A3``, ``Rossiya 1`` -> ``Rossiya 2``) are compared too. Severity is graded by
how certain it is that the words are names (rarity, CLDR places, ``names.travels``: spelt alike
across languages) and how reliable the matching is (see each check's doc).
"""
from __future__ import annotations

from functools import lru_cache

import regex

from audit.checks.context import TextView
from audit.checks.families.entities import (
    NAME_REPORTERS,
    _acronym_analysis,
    _cased_side,
    _compound,
    _latin_candidates,
    _sentence_initial,
    _title_case,
    lower_name,
    memo_on_context,
    name_found,
)
from audit.checks.registry import check
from audit.core.model import hit
from audit.lang import cldr
from audit.lang.lexicon import zipf
from audit.lang.names import (
    exonyms,
    inflects_names,
    place_name,
    romanize,
    romanize_any,
    same_name,
    skeleton,
    travels,
    unit_name,
)
from audit.lang.profiles import profile

# a name followed by a number: "Rossiya 1", "Airbus A320", "A4", "Apollo 11"
_NAME_NUMBER = regex.compile(r"(?<![\p{L}\p{N}])(\p{Lu}[\p{L}\p{M}]*)[ \u00a0\-]?(\p{Nd}{1,4}[\p{L}]?)(?![\p{L}\p{N}])")


class _Swapped:
    """A context seen from the target: the target's names are looked for in the source."""

    def __init__(self, ctx):
        self._ctx = ctx
        self.src = ctx.tgt
        self.tgt = ctx.src

    @property
    def prev_tgt(self):
        p = self._ctx.prev
        return None if p is None else TextView(p.source or "", p.source_lang, "source")

    @property
    def next_tgt(self):
        n = self._ctx.next
        return None if n is None else TextView(n.source or "", n.source_lang, "source")


# a capitalised word, or a brand with inner capitals (MeToo, YouTube), not an acronym; a name
# joined by hyphens is one word (Grande-Bretagne, Baton-Rouge)
class _Near:
    """The context as ``name_found`` sees it for one name, with a neighbouring segment kept only
    when the name could have moved there: a neighbour whose own other side has the name too (the
    document names Kavanaugh in every segment) has its own mention, which does not stand for this
    segment's."""

    def __init__(self, ctx, name: str, swapped: bool):
        self.src, self.tgt = ctx.src, ctx.tgt
        base = ctx._ctx if swapped else ctx
        r = romanize(name)
        stem = r[:max(4, len(r) - 3)]

        def keep(view, pair):
            if view is None or pair is None:
                return None
            other = (pair.target if swapped else pair.source) or ""
            return None if stem in romanize(other) else view
        self.prev_tgt = keep(ctx.prev_tgt, base.prev)
        self.next_tgt = keep(ctx.next_tgt, base.next)


def _found(name: str, ctx, swapped: bool = False) -> bool:
    return name_found(name, _Near(ctx, name, swapped), strict=True)


_CAP_WORD = regex.compile(r"(?<![\p{L}\p{M}\p{N}'’\-.@/])\p{Lu}(?:[\p{Ll}\p{M}]{2,}|[\p{Ll}\p{M}]+\p{Lu}[\p{Ll}\p{M}]+)"
                          r"(?:\p{Lu}[\p{Ll}\p{M}]+)*(?:-\p{Lu}[\p{Ll}\p{M}]+)*(?![\p{L}\p{M}\p{N}@])")


def _is_name(w: str, lang: str | None, other_lang: str | None, other_latin: bool = True) -> bool:
    """A capitalised word (not a sentence's first) is a name when it is rare in its language, or about as frequent in the
    other language of the pair written the same way (names travel: Merkel, Johnson, Sánchez; common
    words do not: Monday, Ministerio). German nouns: rare in German, known in English, no compound."""
    low = lower_name(w)
    z = zipf(low, lang)
    if lang and profile(lang).nouns_capitalised:
        return z < 3.0 and 1.5 <= zipf(low, "en") < 4.5 and not _compound(low, lang)
    if not w.isascii() and not regex.match(r"\p{Latin}", w):
        return z < 3.0  # Cyrillic, Greek: foreign names are rare transliterations (Санчесом)
    if z < 4.0:
        return True
    if not other_latin:
        return z < 5.0  # the other side cannot tell: names are transliterated there
    zo = zipf(low, other_lang) if other_lang and other_lang != lang else 0.0
    return zo >= 2.5 and zo >= z - 2.0


@lru_cache(maxsize=64)
def _calendar_words(lang: str | None) -> frozenset[str]:
    """Month and weekday names (capitalised in English, not names of anything)."""
    return frozenset(n.casefold() for kind in ("months", "weekdays") for n, _ in cldr.calendar_names(lang, kind))


def _cased_names(view, other_view, common: bool = False) -> list[tuple[int, int, str]]:
    """Capitalised words of a cased side that are names (``common``: any capitalised word that is
    not a sentence's first, a month, a weekday or an abbreviated title), not verbatim in the other."""
    out = []
    calendar = _calendar_words(view.lang)
    other, other_lang = other_view.text, other_view.lang
    other_latin = _cased_side(other_view) and other_view.script == "Latin"
    text = view.text
    for m in _CAP_WORD.finditer(text):
        w = m.group()
        if w in other or w.casefold() in calendar or unit_name(w):
            continue
        if len(w) <= 3 and text[m.end():m.end() + 1] == ".":
            continue  # an abbreviated title: Rev., Gen., Sen.
        if _sentence_initial(text, m.start()) and (zipf(lower_name(w), view.lang) >= 1.0
                                                  or inflects_names(view.lang)):
            continue  # capitalised anyway (an inflected common word is rare: Söylendiğine)
        if common or _is_name(w, view.lang, other_lang, other_latin):
            out.append((m.start(), m.end(), w))
    return out


def _candidates(view, other_view) -> list[tuple[int, int, str]]:
    """Names of one side that do not stand verbatim on the other side."""
    other = other_view.text
    if _cased_side(view):
        if _title_case(view.text):
            return []
        return _cased_names(view, other_view)
    return [c for c in map(_no_possessive, _latin_candidates(view.text)) if c[2] not in other]


def _no_possessive(c: tuple[int, int, str]) -> tuple[int, int, str]:
    """``Sainsbury's`` -> ``Sainsbury`` (the span shortened to the name)."""
    s, e, w = c
    if len(w) > 4 and w[-2] in "'’" and w[-1] == "s":
        return s, e - 2, w[:-2]
    return c


def _runs(text: str, cands: list[tuple[int, int, str]]) -> list[list[tuple[int, int, str]]]:
    """Candidate words that follow each other with only a space between them: one name each."""
    out: list[list] = []
    for c in cands:
        if out and text[out[-1][-1][1]:c[0]] in (" ", "\u00a0"):
            out[-1].append(c)
        else:
            out.append([c])
    return out


def _found_any_script(name: str, other) -> bool:
    """The name is in the other side through a transliteration of any script (バイデン = Biden)."""
    sk = skeleton(romanize_any(name))
    if len(sk) < 3:
        return True  # too short to tell
    rt = other.memo(_romanized_words)
    return any(w.startswith(sk) or sk.startswith(w) and len(w) >= 3 for w in rt)


def _romanized_words(view) -> list[str]:
    return [skeleton(romanize_any(w)) for w in regex.findall(r"[\p{L}\p{M}]+", view.text)]


@memo_on_context("_ent_names")
def _analysis(pair, ctx):
    """(missing source runs, new target runs), memoised on the context."""
    result: tuple[list, list, list] = ([], [], [])
    src, tgt = pair.source or "", pair.target or ""
    if not src or not tgt:
        return result
    scands = _candidates(ctx.src, ctx.tgt)
    missing = [c for c in scands if not _found(c[2], ctx)]
    if not _cased_side(ctx.tgt):
        missing = [c for c in missing if not _found_any_script(c[2], ctx.tgt)]
    acr = {sp for sp, _ in _acronym_analysis(pair, ctx)[1]}
    missing = [c for c in missing if (c[0], c[1]) not in acr]
    sw = _Swapped(ctx)
    inflecting = inflects_names(ctx.src.lang) or inflects_names(ctx.tgt.lang)
    tcands = _candidates(ctx.tgt, ctx.src)
    new = [c for c in tcands if not _found(c[2], sw, swapped=True)]
    if not _cased_side(ctx.src):
        new = [c for c in new if not _found_any_script(c[2], ctx.src)]
    if missing and new:
        missing, new = _unpaired(missing, new, inflecting)
    missing = _unmatched(missing, ctx.tgt, src, inflecting)
    new = _unmatched(new, ctx.src, tgt, inflecting)
    m_runs, n_runs = _runs(src, missing), _runs(tgt, new)
    m_part = [r for r in m_runs if _partly_kept(r, src, ctx)]
    n_part = [r for r in n_runs if _partly_kept(r, tgt, sw, swapped=True)]
    # a run partly kept counts only when the other side has one too, both in the Latin script
    # (names copied as they are): part of a name replaced (Larry Giles -> Larry Cleves), not a
    # first name dropped, a surname added or a name transliterated two ways (Craig / Кэйга)
    both = bool(m_part and n_part) and _copies_names(ctx)
    result[0].extend(r for r in m_runs if r not in m_part or both)
    result[1].extend(r for r in n_runs if r not in n_part or both)
    if result[1] and not result[0]:
        result[2].extend(_lost_words(ctx, inflecting, {c[2] for c in scands}))
    return result


def _lost_words(ctx, inflecting: bool, names: set[str]) -> list[tuple[int, int, str]]:
    """Capitalised source words that are not names (``Times``, ``Committee``, ``Catalan``) and that
    the target does not have in any spelling: something of the source that a new target name may
    stand in for (``the Sunday Times`` -> ``the Sunday Celesio``)."""
    lang = ctx.src.lang
    if not _cased_side(ctx.src) or _title_case(ctx.src.text) or lang == "vi" or (lang and profile(lang).nouns_capitalised):
        return []  # Vietnamese capitalises the syllables of titles and dates too (Thứ Bảy, Ngoại
        # hạng), German every noun
    out = [c for c in _cased_names(ctx.src, ctx.tgt, common=True) if c[2] not in names and not _found(c[2], ctx)]
    out = _unmatched(out, ctx.tgt, ctx.src.text, inflecting)
    # a phrase of capitalised common words is a title a translation may render by a name
    # (Academy Awards -> Oscar, Judiciary Committee): only lost words that stand alone count
    calendar = _calendar_words(lang)
    return [c for r in _runs(ctx.src.text, out) if len(r) == 1
            and all(w.casefold() in calendar for side in _neighbour_caps(r, ctx.src.text) for *_, w in side)
            for c in r]


# the capitalised word after or before a run, past a case ending (Jeremy’ego Cricka, Kim'in)
_NEXT_CAP = regex.compile(r"(?:['’][\p{L}\p{M}]+)?[ \u00a0]+(\p{Lu}[\p{L}\p{M}]+)")
_PREV_CAP = regex.compile(r"(\p{Lu}[\p{L}\p{M}]+)(?:['’][\p{L}\p{M}]+)?[ \u00a0]+$")


def _neighbour_caps(run, src: str) -> tuple[list, list]:
    """The capitalised words (start, end, word) that continue the run before and after it (one
    name with it), nearest first."""
    before, after = [], []
    end = run[0][0]
    while (m := _PREV_CAP.search(src, max(0, end - 40), end)) is not None:
        before.append((m.start(1), m.end(1), m.group(1)))
        end = m.start()
    pos = run[-1][1]
    while (m := _NEXT_CAP.match(src, pos)) is not None:
        after.append((m.start(1), m.end(1), m.group(1)))
        pos = m.end()
    return before, after


def _partly_kept(run, src: str, ctx, swapped: bool = False) -> bool:
    """The run is the part of a longer name whose other words are in the target (``Bretta
    Kavanaugha`` -> ``Kavanaugh``, ``Ким Чен Ыном`` -> ``Kim``): a first name or a title dropped,
    as translators do, not a name removed. The kept word must not be a weekday or a month
    (``Sunday Times`` -> ``Sunday Celesio`` keeps a weekday, not a name). Seen from the target (``swapped``): a surname or a first
    name added to a name of the source (``Mateo`` -> ``Mateo Kovacic``)."""
    tgt = ctx.tgt.text
    before, after = _neighbour_caps(run, src)
    calendar = _calendar_words(ctx.src.lang) | _calendar_words(ctx.tgt.lang)
    if any(w.casefold() not in calendar and (w in tgt or len(w) >= 4 and _found(w, ctx, swapped))
           for _, _, w in before + after):
        return True
    if not before and not after:
        return False
    whole = src[before[-1][0] if before else run[0][0]:after[-1][1] if after else run[-1][1]]
    other = romanize(ctx.tgt.text)  # one name in several words: Gran Bretagna = Britain
    return any(romanize(x) in other for x in exonyms(whole, ctx.src.lang, ctx.tgt.lang))


def _unmatched(cands: list, other, this_text: str, inflecting: bool) -> list:
    """The candidates that look like no capitalised word of the other side (a cased side only:
    Кунсом for Coons, whatever the direction of the skeleton test)."""
    if not cands or not _cased_side(other):
        return cands
    caps = {w for w in _CAP_WORD.findall(other.text) if w not in this_text}
    return [c for c in cands if not any(same_name(c[2], w, inflecting) for w in caps)]


def _unpaired(missing: list, new: list, inflecting: bool) -> tuple[list, list]:
    """Drop the missing source names and new target names that look like each other (Willoughby /
    Уиллоуби, Harlem / Гарлем, William / Уильяма, Kovacic / Kovačicia; loosely across scripts,
    strictly within one: Giles / Cleves are two names): one name spelt two ways."""
    same = {(i, j) for i, a in enumerate(missing) for j, b in enumerate(new) if same_name(a[2], b[2], inflecting)}
    mi = {i for i, _ in same}
    nj = {j for _, j in same}
    return ([c for i, c in enumerate(missing) if i not in mi], [c for j, c in enumerate(new) if j not in nj])


def _certain_word(w: str, lang: str | None, strong: bool = False) -> bool:
    """A capitalised word that is certainly a name: rare in its language (Zipf < 3, Willoughby,
    Санчесом), a country or city of CLDR (Indonesia, Пекин), or a Latin word written the same way
    about as often across ten Latin-script languages (Giles, Nielsen, Chelsea: names travel;
    Office, Hurricane, Committee do not)."""
    low = lower_name(w)
    if lang == "en" and low.endswith("s") and zipf(low[:-1], lang) >= 4.0:
        return False  # a plural of a common word: a nickname or a group (Blues, Rangers, Lands)
    latin = regex.fullmatch(r"\p{Latin}+", w) is not None
    if place_name(w, lang) or (zipf(low, lang) < 3.0 and (not strong or latin and not inflects_names(lang))):
        return True
    return latin and travels(low, lang)


def _certain(run, lang: str | None, strong: bool = False) -> bool:
    """A run that is certainly a name: a certain word in it (German: every word, nouns being
    capitalised there). ``strong``: a word outside the Latin script must be a place of CLDR, not
    merely rare (an inflected common word is rare too: Спасем, Врятуймо for Save the Children)."""
    if lang and profile(lang).nouns_capitalised:
        return all(_certain_word(w, lang, strong) for _, _, w in run)
    return any(_certain_word(w, lang, strong) for _, _, w in run)


def _replaces(run, lost_name: bool, lang: str | None, both_latin: bool) -> bool:
    """Is the new target run certainly a name standing for something of the source? When a
    certain name of the source is lost, a certain name or, between two Latin-script sides (where
    names are copied as they are), an uncommon capitalised word (Zipf below 4.5: not Hurricane,
    Office); when only capitalised words of the source are lost, a
    name certain beyond rarity (``strong``)."""
    if lost_name:
        return _certain(run, lang) or (both_latin and all(zipf(lower_name(w), lang) < 4.5 for _, _, w in run))
    return _certain(run, lang, strong=True)


def _trimmed(run, lang: str | None) -> list:
    """The run without the uncertain words at its edges when two certain words or more remain
    (``Insp Bob Blemmings`` -> ``Bob Blemmings``; ``York City`` stays whole)."""
    sure = [i for i, (_, _, w) in enumerate(run) if _certain_word(w, lang)]
    if len(sure) < 2:
        return run
    return run[sure[0]:sure[-1] + 1]


def _removal_major(run, name: str, src: str, ctx) -> bool:
    """Is the missing run certainly a name that was left out? Every word of a run of two or more
    certain (Grégory Doucet; not Premier League); a single word certain beyond rarity, between
    sides that copy names and do not inflect them, and not a name that the previous segment
    introduced (a translation may then use a pronoun or a title)."""
    lang = ctx.src.lang
    if len(run) >= 2:
        return all(_certain_word(w, lang) for _, _, w in run)
    if not _certain_word(name, lang, strong=True):
        return False
    if not _copies_names(ctx) or inflects_names(ctx.src.lang) or inflects_names(ctx.tgt.lang):
        return False  # a single name may be transliterated or inflected past recognition
    return src.count(name) >= 2 or place_name(name, lang) or not _mentioned_before(name, ctx)


def _added(new: list, tgt: str, ctx) -> list[tuple[int, int]]:
    """Spans of the new target runs that are certainly names put where the source has none:
    between two Latin-script sides (names are copied as they are), every word rare in the target
    language (Zipf < 3.5), certain beyond rarity (``strong``), and not named by the neighbouring
    targets (the document's own names may stand for a pronoun of the source)."""
    if not _copies_names(ctx):
        return []
    out = []
    for run in new:
        s, e = _span(run)
        if (all(zipf(lower_name(w), ctx.tgt.lang) < 3.5 for *_, w in run)
                and _certain(run, ctx.tgt.lang, strong=True) and not _in_document(tgt[s:e], ctx)):
            out.append((s, e))
    return out


def _copies_names(ctx) -> bool:
    """Both sides in the Latin script, where names are mostly copied as they are (not Vietnamese,
    which reads Chinese names the Sino-Vietnamese way and translates organisations: Vân Nam for
    Yunnan, Ngăn Chặn Tội Phạm for Crimestoppers)."""
    return (ctx.src.script == "Latin" and ctx.tgt.script == "Latin"
            and "vi" not in (ctx.src.lang, ctx.tgt.lang))


def _in_document(name: str, ctx) -> bool:
    """The previous or next segment's target names ``name`` too: a translation may name a person
    or place that the source refers to by a pronoun or a title (``he said`` -> ``dijo Trump``)."""
    r = romanize(name)
    stem = r[:max(4, len(r) - 3)]
    return any(p is not None and p.target and stem in romanize(p.target) for p in (ctx.prev, ctx.next))


def _mentioned_before(name: str, ctx) -> bool:
    """The previous segment's source names ``name`` too: the document has introduced it, and a
    translation may refer back with a pronoun or a title (``Flake made his decision`` -> ``tomó su
    decisión``; ``Wade said`` -> ``добавил тренер``)."""
    prev = ctx.prev
    if prev is None or not prev.source:
        return False
    r = romanize(name)
    return r[:max(4, len(r) - 3)] in romanize(prev.source)


def _keeps_latin_names(ctx) -> bool:
    """A cased target, or a caseless one that keeps some Latin name of the source as is: there,
    a Latin name of the source that is absent was not merely transliterated."""
    if _cased_side(ctx.tgt) or not _cased_side(ctx.src):
        return True
    return any(c[2] in ctx.tgt.text for c in _latin_candidates(ctx.src.text) if c[2][:1].isupper())


def _span(run) -> tuple[int, int]:
    return run[0][0], run[-1][1]


def _numbered(text: str, calendar: frozenset[str]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for m in _NAME_NUMBER.finditer(text):
        if m.group(1).casefold() in calendar:
            continue  # a date: September 29
        out.setdefault(m.group(1).casefold(), set()).add(m.group(2))
    return out


def _number_changes(src: str, tgt: str, calendar: frozenset[str]) -> list[tuple[regex.Match, str]]:
    """Target names with a number (``Rossiya 2``) whose name is in the source with other numbers only."""
    snum = _numbered(src, calendar)
    out = []
    for m in _NAME_NUMBER.finditer(tgt):
        nums = snum.get(m.group(1).casefold())
        if nums and m.group(2) not in nums:
            out.append((m, "/".join(sorted(nums))))
    return out


@check("ENT004", "name-replaced", "accuracy/mistranslation", "major")
def name_replaced(pair, ctx):
    """A name of the source (person, place, organisation) cannot be found in the target in any
    spelling, and the target has instead a name that the source does not have in any spelling
    (``Angela Merkel said`` -> ``Pedro Sánchez said``): a wrong name. Matching as in ENT003
    (verbatim, inflection stems, exonyms, transliteration of Cyrillic and Greek, consonant
    skeletons, the neighbouring segments when their own other side lacks the name), and
    anyascii's transliteration for names between a caseless script and Latin (バイデン = Biden);
    two names of one script are one name when they share a stem or most letters (Kovacic /
    Kovačicia), not merely some (Giles / Cleves); a name of which a word is kept is not new
    (``Mateo`` -> ``Mateo Kovacic``) unless the other side's name lost a word too (``Larry
    Giles`` -> ``Larry Cleves``). Names with a number are compared too (``Rossiya 1`` -> ``Rossiya
    2``, ``A4`` -> ``A3``).
    A name is certain when a word of it is rare in its language (Zipf < 3), a country or city of
    CLDR, or a Latin word spelt alike about as often across ten Latin-script languages (Nielsen,
    Chelsea; Pedro and Sánchez through English; not Office, Hurricane, Committee). Major when the
    lost name is certain (three lost names at most) and the new one is certain or, between two
    Latin sides that copy names as they are (not Vietnamese, which reads Chinese names its own
    way), merely uncommon (every word Zipf < 4.5); or when the source lost only uncertain names
    or capitalised common words, one of them standing alone (a phrase of them is a title a translation may render by a
    name: Academy Awards -> Oscar) (``the Sunday Times`` -> ``the Sunday Celesio``) and the new name is certain beyond
    rarity (outside the Latin script and in languages of case endings a rare word may be an
    inflected common one: Спасем for Save). Between two such Latin sides, a certain name rare in the
    target language (Zipf < 3.5) with nothing lost in the source is major too, unless the
    neighbouring targets name it (a translation may name whom the source calls "he"). Minor
    otherwise. Spans: the new name in the target, the lost one(s) in the source."""
    out = []
    calendar = _calendar_words(ctx.src.lang) | _calendar_words(ctx.tgt.lang)
    for m, was in _number_changes(pair.source or "", pair.target or "", calendar):
        out.append(hit(f"'{m.group()}' in the target, but the source numbers it {was}", target=m.span()))
    missing, new, lost_words = _analysis(pair, ctx)
    if new and not missing and not lost_words:
        return out + [hit(f"the target's name '{pair.target[s:e]}' is not in the source in any spelling",
                          target=(s, e)) for s, e in _added(new, pair.target, ctx)]
    if not new or not (missing or lost_words):
        return out
    src, tgt = pair.source, pair.target
    if not missing:
        missing = [[w] for w in lost_words]
    few = len(missing) <= 3
    both_latin = _copies_names(ctx)
    lost_name = few and any(_certain(r, ctx.src.lang) for r in missing)
    # without a certain lost name, a lost phrase of capitalised words is a title a translation
    # may render by a name (Academy Awards -> Oscar): a single lost word must stand for the new one
    few = few and (lost_name or any(len(r) == 1 for r in missing))
    for run in new:
        s, e = _span(run)
        sev = "major" if few and _replaces(run, lost_name, ctx.tgt.lang, both_latin) else "minor"
        lost = [_span(r) for r in missing]
        names = ", ".join(f"'{src[a:b]}'" for a, b in lost)
        out.append(hit(f"the target's name '{tgt[s:e]}' is not in the source, whose {names} is missing",
                       target=(s, e), source=lost, severity=sev))
    return out


@check("ENT005", "name-removed", "accuracy/omission", "major")
def name_removed(pair, ctx):
    """A name of the source is missing from the target in every spelling (matching as in ENT004),
    and the target has no new capitalised word in its place (``Oscar`` may be rendered ``Academy
    Awards``; a name in its place is ENT004's): the name was left out (``the mayor of Lyon, Grégory Doucet, said`` -> ``the mayor said``;
    ``Nielsen said`` -> ``comentó``). Major for names that are certainly names: every word of a
    run of two or more (titles at its edges left out: ``Insp Bob Blemmings``) rare in its
    language, a country or city of CLDR, or a Latin word spelt alike across languages (see
    ENT004); a single name the same, rare beyond a possibly inflected form, and only between two
    Latin-script sides that copy names as they are (not Vietnamese: Vân Nam for Yunnan) and do
    not inflect them (a single Лиона or Lyonu may be transliterated or inflected past
    recognition), and, unless the source repeats it or it is a CLDR place, not when the previous
    segment's source names it too (a translation may then use a pronoun or a title: ``Flake made his decision`` -> ``tomó
    su decisión``). A name of which a word is kept is not removed (``Brett Kavanaugh`` ->
    ``Kavanaugh``). Minor for other runs of two words or repeated names, and when the target is
    in a script without case (the name may have been transliterated). The span is the name in
    the source."""
    missing, new, _ = _analysis(pair, ctx)
    if not missing or new or not _keeps_latin_names(ctx):
        return ()  # a new capitalised word in the target may stand for it (Oscars / Academy Awards)
    src = pair.source
    out = []
    for run in missing:
        run = _trimmed(run, ctx.src.lang)
        s, e = _span(run)
        name = src[s:e]
        if _removal_major(run, name, src, ctx):
            sev = "major" if _cased_side(ctx.tgt) else "minor"
        elif (len(run) >= 2 or src.count(name) >= 2) and _certain(run, ctx.src.lang):
            sev = "minor"
        else:
            continue
        out.append(hit(f"the name '{name}' of the source is missing from the target",
                       source=(s, e), primary="source", severity=sev))
    return out


def _reported_spans(pair, ctx) -> set[tuple[int, int]]:
    """Source spans of the names ENT004 and ENT005 report in this run (ENT003 leaves them alone;
    a check the run does not select reports nothing, so ENT003 keeps its minor flag then)."""
    running = getattr(ctx, "running", None)
    out = set()
    found = []
    if running is None or "ENT004" in running:
        found += name_replaced(pair, ctx)
    if running is None or "ENT005" in running:
        found += list(name_removed(pair, ctx))
    for f in found:
        out.update((sp.start, sp.end) for sp in f.spans if sp.side == "source")
    return out


NAME_REPORTERS.append(_reported_spans)
