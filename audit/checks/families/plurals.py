"""PLR: plural forms of gettext catalogs (the ``Plural-Forms`` header and the forms of each entry).

``msgfmt -c`` refuses a catalog whose plural entries have no usable ``Plural-Forms`` header or carry
a different number of ``msgstr[N]`` than the header's ``nplurals``; a header that is valid but
disagrees with the language's CLDR plural rules compiles and shows wrong plurals to users. These
checks read what the PO reader records on each pair (``Pair.unit``: form, form count, header
text, header line, ``nplurals``) and run once per corpus (corpus scope), one finding per file or
per entry.

Spans. The header is not a segment, so a header problem (PLR001, PLR002) is attached to the
file's first translated plural form, with no span on its texts (nothing in that segment is
wrong); ``data`` gives the header's line (``header_line``), its text (``header``) and the exact
span ``[start, end)`` of the faulty part within that text (``nplurals=N``, or the expression).
A form count problem (PLR003) is on the entry: each extra form (``msgstr[N]`` with N >= nplurals)
is flagged with a span over its whole target; missing forms are flagged on the entry's last
translated form, with an empty span at the end of its target (where the next form should follow).
Flags on an empty form are not possible (the engine reports blank targets through EMP only), so
an entry none of whose forms is translated is not flagged.
"""
from __future__ import annotations

from audit.checks.registry import check
from audit.core.model import Finding, Severity, Span, base_lang, hit
from audit.core.text import strip_span
from audit.lang.plurals import (
    PluralError,
    cldr_forms,
    cldr_nplurals,
    parse_plural_forms,
)


def _path(p) -> str | None:
    o = p.target_origin or p.source_origin
    return o.path if o else None


def _files(pairs):
    """(path, [indices of the plural-form pairs of that file]) in input order."""
    out: dict = {}
    for i, p in enumerate(pairs):
        if p.unit is not None and p.unit.form is not None:
            out.setdefault(_path(p), []).append(i)
    return out.items()


def _first_translated(pairs, indices) -> int | None:
    for i in indices:
        if (pairs[i].target or "").strip():
            return i
    return None


def _numbers(nums: tuple[int, ...], limit: int = 4) -> str:
    shown = ", ".join(str(n) for n in nums[:limit])
    return shown + (", ..." if len(nums) > limit else "") if nums else "no integer"


def _header_data(unit, start: int, end: int) -> dict:
    return {"header": unit.plural_forms, "header_line": unit.header_line, "start": start, "end": end}


@check("PLR001", "plural-forms-header", "other", "major", scope="corpus")
def plural_forms_header(pairs, ctx):
    """A catalog has plural entries (``msgid_plural``) but no ``Plural-Forms`` header, or one that
    cannot be used: no ``nplurals=N`` or ``plural=EXPRESSION``, an expression that does not parse
    (only C's ``?: || && == != < <= > >= + - * / % !``, parentheses, ``n`` and integers are allowed),
    divides by zero, or gives a form outside ``0..nplurals-1`` for some n in 0..1000 (as ``msgfmt -c``
    tests it). ``msgfmt -c`` rejects such a catalog. Reported once per file, on its first translated
    plural form, without a text span; ``data`` holds the header line and the span of the faulty part
    within the header text."""
    for _path_, indices in _files(pairs):
        at = _first_translated(pairs, indices)
        if at is None:
            continue
        unit = pairs[at].unit
        if unit.plural_forms is None:
            yield at, Finding("the catalog has plural entries but no Plural-Forms header "
                              "(msgfmt -c rejects it)", (), None, {"header": None, "header_line": None})
            continue
        try:
            parse_plural_forms(unit.plural_forms)
        except PluralError as exc:
            line = f" (line {unit.header_line})" if unit.header_line else ""
            yield at, Finding(f"Plural-Forms header{line} is unusable: {exc}", (), None,
                              _header_data(unit, exc.start, exc.end))


def _classes(dist) -> dict[int, frozenset]:
    """n -> the set of numbers sharing its form, for every n the distribution covers."""
    out = {}
    for nums in dist:
        s = frozenset(nums)
        for n in nums:
            out[n] = s
    return out


def _partition_difference(header_dist, cldr) -> str | None:
    """How the header's forms split the numbers 0..1000 differently from CLDR's categories (the first
    number where they disagree), or None when they split them alike."""
    mine = _classes(header_dist)
    theirs = _classes([nums for _, nums in cldr])
    names = {n: cat for cat, nums in cldr for n in nums}
    for n in sorted(theirs):
        if mine.get(n) != theirs[n]:
            form = next(k for k, nums in enumerate(header_dist) if n in nums)
            with_ = sorted(mine[n] - {n})
            cldr_with = sorted(theirs[n] - {n})
            return (f"the header gives n={n} form {form} (with {_numbers(tuple(with_))}), but CLDR puts {n} "
                    f"in '{names[n]}' (with {_numbers(tuple(cldr_with))})")
    return None


@check("PLR002", "plural-forms-cldr", "locale-convention/number-format", "major", scope="corpus")
def plural_forms_cldr(pairs, ctx):
    """The ``Plural-Forms`` header disagrees with the CLDR plural rules of the catalog's language.
    Major: ``nplurals`` is below the counts CLDR allows (the language's integer categories, gettext's
    habit, or all its categories, as CLDR-generated catalogs write: Russian 3 or 4, French 2 or 3,
    Japanese and Chinese 1, Arabic 6), so some numbers get the wrong form; minor when it is above them
    (forms that go unused, as in catalogs made from older CLDR releases: Hebrew 4). Minor too: the count
    is right but the expression splits the numbers 0..1000 differently from CLDR (French
    ``plural=(n != 1)`` gives 0 the plural form, where CLDR puts 0 with 1); not tested for regional
    tags nor for ``pt`` (``pt-PT`` and ``pt-BR`` differ, and the shipped CLDR data is per base language). Languages
    without CLDR data are not checked. Reported once per file, on its first translated plural form,
    without a text span; ``data`` holds the header line and the span of ``nplurals=N`` (or of the
    expression) within the header text."""
    for _path_, indices in _files(pairs):
        at = _first_translated(pairs, indices)
        if at is None:
            continue
        p = pairs[at]
        unit = p.unit
        if unit.plural_forms is None:
            continue
        try:
            forms = parse_plural_forms(unit.plural_forms)
        except PluralError:
            continue  # PLR001
        allowed = cldr_nplurals(p.target_lang)
        cldr = cldr_forms(p.target_lang)
        if allowed is None or cldr is None:
            continue
        lang = base_lang(p.target_lang)
        line = f" (line {unit.header_line})" if unit.header_line else ""
        if forms.nplurals not in allowed:
            cats = "; ".join(f"{cat}: {_numbers(nums)}" for cat, nums in cldr)
            counts = " or ".join(str(n) for n in allowed)
            more = forms.nplurals > max(allowed)  # extra forms go unused: nothing shows wrong
            yield at, Finding(f"Plural-Forms{line} says nplurals={forms.nplurals}, but CLDR gives {lang} "
                              f"{counts} forms ({cats})", (), Severity.MINOR if more else None,
                              _header_data(unit, *forms.nplurals_span))
            continue
        if _has_region(p.target_lang) or lang in _REGIONAL_RULES:
            continue
        why = _partition_difference(forms.distribution(), cldr)
        if why:
            yield at, Finding(f"Plural-Forms{line}: {why}", (), Severity.MINOR,
                              _header_data(unit, *forms.expression_span))


# base languages whose CLDR rules differ by region (pt: pt-PT puts 0 in "other", pt-BR in "one"), so
# a bare tag does not say which split is right
_REGIONAL_RULES = frozenset({"pt"})


def _has_region(lang: str | None) -> bool:
    """A region subtag (``pt-PT``, ``zh_TW``, ``es-419``); a script subtag (``zh-Hans``) is not one."""
    parts = (lang or "").replace("_", "-").split("-")[1:]
    return any(len(x) == 2 and x.isalpha() or len(x) == 3 and x.isdigit() for x in parts)


def _entries(pairs, indices):
    """Runs of consecutive indices that belong to one entry (same unit key)."""
    run: list[int] = []
    key = None
    for i in indices:
        k = pairs[i].unit.key
        if run and k == key and i == run[-1] + 1:
            run.append(i)
            continue
        if run:
            yield run
        run, key = [i], k
    if run:
        yield run


@check("PLR003", "plural-count-mismatch", "other", "critical", scope="corpus")
def plural_count_mismatch(pairs, ctx):
    """A plural entry carries a different number of forms (``msgstr[0]``, ``msgstr[1]``...) than the
    ``Plural-Forms`` header's ``nplurals``: ``msgfmt -c`` refuses the catalog, and at run time
    numbers that select a missing form show the English text. Each extra form (``msgstr[N]``,
    N >= nplurals) is flagged with a span over its whole target; missing forms are flagged once on
    the entry's last translated form, with an empty span at the end of its target. Entries of a
    file without a usable header are left to PLR001; an entry with no translated form cannot carry
    a flag (blank targets are reported by EMP only)."""
    for _path_, indices in _files(pairs):
        for run in _entries(pairs, indices):
            unit = pairs[run[0]].unit
            if unit.nplurals is None or unit.forms == unit.nplurals:
                continue
            n = unit.nplurals
            line = f" (line {unit.header_line})" if unit.header_line else ""
            if unit.forms > n:
                for i in run:
                    p = pairs[i]
                    if p.unit.form >= n and (p.target or "").strip():
                        yield i, hit(f"msgstr[{p.unit.form}] is one form too many: the Plural-Forms header{line} "
                                     f"says nplurals={n}, the entry has {unit.forms} forms",
                                     target=strip_span(p.target))
                continue
            last = next((i for i in reversed(run) if (pairs[i].target or "").strip()), None)
            if last is None:
                continue
            p = pairs[last]
            missing = ", ".join(f"msgstr[{k}]" for k in range(unit.forms, n))
            end = len(p.target)
            yield last, Finding(f"{missing} missing: the Plural-Forms header{line} says nplurals={n}, the "
                                f"entry has {unit.forms} form{'s' if unit.forms != 1 else ''}",
                                (Span("target", end, end),))
