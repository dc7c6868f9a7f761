"""MRK: markup and placeholders lost, added, changed or misnested between source and target.

The codes come from ``audit.placeholders`` (one scan per side, shared through ``view.memo``).
A lost code spans the source, an added one the target, a changed one both (target first).
"""
from __future__ import annotations

import bisect
from collections import defaultdict, deque
from functools import lru_cache

import regex

from audit.checks.registry import Option, check
from audit.core import lazyre
from audit.core.model import hit
from audit.lang.placeholders import (
    Code,
    IcuArg,
    codes,
    icu_message,
    looks_icu,
    parse_icu,
)
from audit.lang.plurals import cldr_forms

MINOR_TAGS = frozenset({"br", "wbr"})  # line-break hints: translators may move or drop them


def _relpos(c: Code, n: int) -> float:
    return (c.start + c.end) / (2 * n) if n else 0.0


def _unmatched(src: list[Code], tgt: list[Code], ns: int, nt: int, key=lambda c: c.key):
    """Codes of each side without a counterpart of the same key on the other side.

    Equal keys pair up regardless of order (reordering is legal); when one side has more of a
    key, the surplus occurrences are those farthest (in relative position) from the other
    side's occurrences.
    """
    by_s: dict[str, list[Code]] = defaultdict(list)
    by_t: dict[str, list[Code]] = defaultdict(list)
    for c in src:
        by_s[key(c)].append(c)
    for c in tgt:
        by_t[key(c)].append(c)
    lost: list[Code] = []
    added: list[Code] = []
    for k in set(by_s) | set(by_t):
        a, b = by_s.get(k, []), by_t.get(k, [])
        if len(a) == len(b):
            continue
        few, many, nf, nm, out = (b, a, nt, ns, lost) if len(a) > len(b) else (a, b, ns, nt, added)
        out.extend(_surplus(few, many, nf, nm))
    lost.sort(key=lambda c: c.start)
    added.sort(key=lambda c: c.start)
    return lost, added


def _surplus(few: list[Code], many: list[Code], nf: int, nm: int) -> list[Code]:
    """The codes of ``many`` left when each code of ``few``, in turn, claims the nearest one left
    in relative position (ties: the earlier one). Kept sorted by (position, start) and found by
    bisection, so that thousands of one tag cost n log n, not n squared (issue 15)."""
    order = sorted(many, key=lambda d: (_relpos(d, nm), d.start))
    pos = [_relpos(d, nm) for d in order]
    for c in few:
        p = _relpos(c, nf)
        i = bisect.bisect_left(pos, p)  # order[i:] are at p or after it, order[:i] before it
        best = None
        if i < len(pos):
            best = i  # the first at or after p: the nearest after, and the earliest of equal positions
        if i > 0:
            j = bisect.bisect_left(pos, pos[i - 1])  # the earliest of the nearest run before p
            if best is None or (p - pos[j], order[j].start) < (pos[best] - p, order[best].start):
                best = j
        del order[best]
        del pos[best]
    return sorted(order, key=lambda d: d.start)


def _pair_changed(lost: list[Code], added: list[Code], key):
    """Pair lost and added codes that are the same code changed (equal ``key``), in text order: each
    lost code takes the first added code left with its key."""
    waiting: dict[object, deque] = defaultdict(deque)
    for ac in added:
        waiting[key(ac)].append(ac)
    changed = []
    rest_lost = []
    taken: set[int] = set()
    for lc in lost:
        queue = waiting.get(key(lc))
        if queue:
            ac = queue.popleft()
            changed.append((lc, ac))
            taken.add(id(ac))
        else:
            rest_lost.append(lc)
    return changed, rest_lost, [ac for ac in added if id(ac) not in taken]


def _maybe_placeholder(text: str) -> bool:
    return "%" in text or "{" in text or "$" in text or "@" in text or "&" in text


# Qt's numbered arguments (``%1``, ``%2``...): not in ``codes`` (whose masks other checks use),
# because ``%50`` is how Turkish, Azerbaijani and Basque write 50 percent. MRK002 compares them
# only when the source has ``%1`` (Qt numbers from 1: ``%90`` alone is a percentage) and its
# language writes the percent sign after the number.
_QT_ARG = lazyre.re_compile(r"(?<![\w%])%([1-9]\d?)(?![\w%$])")
_PERCENT_FIRST = frozenset({"tr", "az", "eu", "fa", "ku", "ar", "ur"})


def _qt_args(text: str) -> list[Code]:
    return [Code("qt", m.start(), m.end(), m.group(), m.group(), m.group(1), positional=True)
            for m in _QT_ARG.finditer(text)]


def _with_qt(pair, s: list[Code], t: list[Code]) -> tuple[list[Code], list[Code]]:
    """``s`` and ``t`` with the Qt arguments of each side merged in text order, when they count."""
    if "%" not in pair.source or (pair.source_lang or "").split("-")[0].lower() in _PERCENT_FIRST:
        return s, t
    def free(codes_: list[Code], found: list[Code]) -> list[Code]:
        return [q for q in found if not any(c.start <= q.start < c.end for c in codes_)]
    qs = free(s, _qt_args(pair.source))
    if not any(q.text == "%1" for q in qs):
        return s, t
    qt = free(t, _qt_args(pair.target))
    return sorted(s + qs, key=lambda c: c.start), sorted(t + qt, key=lambda c: c.start)


_PNAME = lazyre.re_compile(r"^%(?:\d+\$)?\((\w+)\)")


def _printf_name(c: Code) -> str | None:
    m = _PNAME.match(c.text)
    return m.group(1) if m else None


def _swallowed(lost: list[Code], added: list[Code]) -> tuple[list[Code], list[Code]]:
    """gettext's idiom for a form that does not show its count: ``%.0s`` (or ``%(count).0s``)
    consumes an argument and prints nothing, so it stands for the source placeholder it replaces
    (the first lost printf code of the same name, or any unnamed one for an unnamed ``%.0s``)."""
    for ac in [a for a in added if a.kind == "printf" and a.name == "s" and ".0s" in a.text]:
        name = _printf_name(ac)
        match = next((lc for lc in lost if lc.kind == "printf" and _printf_name(lc) == name), None)
        if match is not None:
            lost = [c for c in lost if c is not match]
            added = [c for c in added if c is not ac]
    return lost, added


_GLUED_PRINTF = lazyre.re_compile(r"(?<![\d%])%[sd](?=[^\W\d_])")


def _glued(lost: list[Code], target: str) -> list[Code]:
    """Lost ``%s`` / ``%d`` that the target writes glued to a suffix (Esperanto ``%sn``, Uzbek
    ``%sni``: a case ending on the placeholder): the printf reader takes ``%sn`` for text, but
    ``printf`` still substitutes the ``%s``. Each glued one in the target accounts for one lost."""
    glued = {"s": 0, "d": 0}
    for m in _GLUED_PRINTF.finditer(target):
        glued[m.group()[1]] += 1
    out = []
    for c in lost:
        if c.kind == "printf" and c.text in ("%s", "%d") and glued[c.text[1]] > 0:
            glued[c.text[1]] -= 1
            continue
        out.append(c)
    return out


def _maybe_link(text: str) -> bool:
    return "@" in text or "://" in text or "www." in text


def _split(view, kinds: tuple[str, ...]) -> list[Code]:
    return [c for c in view.memo(codes) if c.kind in kinds]


def _both_sides(pair, ctx, kinds: tuple[str, ...], maybe) -> tuple[list[Code], list[Code]] | None:
    """The codes of ``kinds`` in source and target; None when the pair has no target, when the cheap
    test ``maybe`` finds no candidate on either side, or when neither side has such a code."""
    if not pair.target or not (maybe(pair.source) or maybe(pair.target)):
        return None
    s, t = _split(ctx.src, kinds), _split(ctx.tgt, kinds)
    return (s, t) if s or t else None


# ----------------------------------------------------------------------------------------- tags

def _misnested(tags: list[Code]) -> Code | None:
    """The first tag that breaks the nesting (a closing tag without its opening tag), or the
    first opening tag left open; None when the tags nest properly."""
    stack: list[Code] = []
    for c in tags:
        if c.opening:
            stack.append(c)
        elif c.closing:
            if stack and stack[-1].name == c.name:
                stack.pop()
            elif any(o.name == c.name for o in stack):
                return c  # closes an outer tag while an inner one is open: <b><i></b></i>
            else:
                return c  # closes a tag that was never opened
    return stack[0] if stack else None


def _first_of_each(tags: list[Code]) -> list[Code]:
    """The first tag of each key: in an ICU plural or select, each sub-message repeats the tags."""
    seen: set[str] = set()
    out = []
    for c in tags:
        if c.key not in seen:
            seen.add(c.key)
            out.append(c)
    return out


def _xhtml_to_html(s: list[Code], t: list[Code]) -> list:
    """Minor flags on void elements the source writes in XML form (``<br />``) and the target in
    HTML form (``<br>``), when the source never uses the HTML form: an XML consumer (XHTML, Qt
    rich text in an XML file, a template engine in strict mode) rejects the unclosed element."""
    out = []
    for name in sorted({c.name for c in s if c.kind == "tag" and c.text.endswith("/>")}):
        if any(c.name == name and not c.text.endswith("/>") for c in s):
            continue
        html = [c for c in t if c.name == name and not c.closing and not c.text.endswith("/>")]
        if html:
            out.append(hit(f"tag {html[0].text} lost the closing slash the source writes (XML form <{name} />)",
                           target=(html[0].start, html[0].end), severity="minor"))
    return out


@check("MRK001", "tag-mismatch", "markup/tag", "major")
def tag_mismatch(pair, ctx):
    """Tags differ between source and target: a tag of the source is missing from the target
    (lost: the span is on the source), the target has a tag the source does not (added), a tag
    kept its name but changed a non-translatable attribute such as ``href`` or ``id``
    (changed: spans on both sides), or the target's tags are misnested (``</b>`` before ``<b>``,
    ``<b><i></b></i>``) while the source's nest properly. HTML/XML tags, comments and the XLIFF
    inline codes the readers write (``<g id="1">``, ``<x id="2"/>``, ``<ph id="3"/>``,
    ``<pc id="1">``, ``<bpt>``/``<ept>``) are compared. Not flagged: tags in a different order
    (translation reorders phrases), translatable attributes (``alt``, ``title``,
    ``aria-label``, ``placeholder``) that differ, ``<br>`` written ``<br/>`` (the reverse, an XML
    ``<br />`` of the source written ``<br>``, is a minor flag: XML parsers reject it), quote style and
    attribute order, ``<`` in prose ("a < b", "<3"), a tag mentioned with its attributes elided
    (``<a rel="noreferrer" ...>``: prose), a changed, added or dropped ``width``/``height``
    (layout for a longer text), a tag repeated in fewer ICU plural or select
    sub-messages (Japanese has one plural form where English has two). Added or lost ``<br>``/``<wbr>`` are minor;
    other tag differences are major."""
    if (both := _both_sides(pair, ctx, ("tag",), lambda text: "<" in text)) is None:
        return ()
    s, t = both
    if (m := _icu_source(pair)) is not None and m.complex:
        s, t = _first_of_each(s), _first_of_each(t)  # plural forms repeat tags as the language needs
    out = []
    lost, added = _unmatched(s, t, len(pair.source), len(pair.target))
    changed, lost, added = _pair_changed(lost, added, lambda c: (c.name, c.opening, c.closing))
    for lc, ac in changed:
        out.append(hit(f"tag {lc.text} changed to {ac.text}", target=(ac.start, ac.end),
                       source=(lc.start, lc.end)))
    for lc in lost:
        out.append(hit(f"tag {lc.text} missing in the target", source=(lc.start, lc.end),
                       severity="minor" if lc.name in MINOR_TAGS else None))
    for ac in added:
        out.append(hit(f"tag {ac.text} added in the target", target=(ac.start, ac.end),
                       severity="minor" if ac.name in MINOR_TAGS else None))
    out.extend(_xhtml_to_html(s, t))
    if not out:
        bad = _misnested(t)
        if bad is not None and _misnested(s) is None:
            what = "opened but not closed" if bad.opening else "closed out of order"
            out.append(hit(f"tag {bad.text} {what} in the target (the source's tags nest properly)",
                           target=(bad.start, bad.end)))
    return out


# --------------------------------------------------------------------------------- placeholders

def _printf_keys(codes_: list[Code], other: list[Code]) -> dict[int, str]:
    """Comparison keys of printf codes; a side with only sequential ``%s %d`` compared with a side
    using positions ``%2$d %1$s`` is numbered (Android and gettext allow that rewrite)."""
    keys = {id(c): c.key for c in codes_}
    mine_pos = any(c.kind == "printf" and c.positional and c.key[1:2].isdigit() for c in codes_)
    other_pos = any(c.kind == "printf" and c.positional and c.key[1:2].isdigit() for c in other)
    if other_pos and not mine_pos:
        i = 0
        for c in codes_:
            if c.kind == "printf" and not c.positional:
                i += 1
                keys[id(c)] = f"%{i}${c.key[1:]}"
    return keys


_COUNT_NAME = lazyre.re_compile(r"(?i)count|total|number|quantity|amount|^(?:n|num|qty|cnt)$")


def _count_placeholder(lost: list[Code]) -> Code | None:
    """Of the placeholders a plural form used for one number lost, the count it may leave out
    (gettext's idiom: Arabic msgstr[1] "ملف واحد" for "%(count)s file"): one named like a count
    (``%(count)s``, ``{num}``), else a numeric printf (``%d``), else the only one lost."""
    def inner(c: Code) -> str:
        return c.key.strip("%{}()$ ").split(")")[0].split(":")[0]

    for test in (lambda c: bool(_COUNT_NAME.search(inner(c))),
                 lambda c: c.kind == "printf" and c.name[-1:] in ("d", "i", "u")):
        for c in lost:
            if test(c):
                return c
    return lost[0] if len(lost) == 1 else None


def _named(c: Code) -> bool:
    """A placeholder filled by name (``%(name)s``, ``{name}``, ``{{ name }}``): it may be used any
    number of times, so a repeat left out breaks nothing at run time."""
    if c.kind == "printf":
        return c.text.startswith("%(")
    return c.kind == "placeholder" and c.text[:1] == "{" and not c.text[1:2].isdigit() and c.text != "{}"


@lru_cache(maxsize=32)
def _custom_res(patterns: tuple[str, ...]) -> tuple:
    out = []
    for p in patterns:
        try:
            out.append(regex.compile(p))
        except regex.error as e:
            raise ValueError(f"MRK002 option 'patterns': {p!r} is not a valid regular expression ({e})") from None
    return tuple(out)


def _custom_codes(text: str, rxs: tuple, known: list[Code]) -> list[Code]:
    """Codes of the project's own syntaxes (MRK002's ``patterns``), outside the codes already read,
    compared by their text; a pattern listed earlier wins an overlap."""
    taken = [(c.start, c.end) for c in known]
    out = []
    for rx in rxs:
        for m in rx.finditer(text):
            a, b = m.span()
            if a == b or any(x < b and a < y for x, y in taken):
                continue
            taken.append((a, b))
            out.append(Code("placeholder", a, b, m.group(), "custom:" + m.group(), m.group()))
    out.sort(key=lambda c: c.start)
    return out


@check("MRK002", "placeholder-mismatch", "markup/placeholder", "major",
       options=(Option("patterns", list, [],
                       "the project's own placeholder syntaxes, as regular expressions (e.g. OpenOffice's "
                       "'#\\w+#', '%[A-Za-z_]\\w*'): each match is a code, compared by its text"),))
def placeholder_mismatch(pair, ctx):
    """Placeholders differ between source and target: a placeholder of the source is missing
    from the target (lost: span on the source), the target has one the source does not
    (added), one was changed (``%d`` to ``%s``, ``{name}`` to ``{nom}``: spans on both sides), or
    sequential printf placeholders of different types were swapped (``%s`` then ``%d``
    rendered ``%d`` then ``%s``, which breaks formatting at run time). A catalog's plural form used
    for one number only (``Pair.unit.single``: Arabic ``msgstr[0]`` for 0, English ``msgstr[0]`` for 1)
    may leave out the count placeholder, as ``msgfmt -c`` allows: one lost placeholder (the one named
    like a count, else a numeric ``%d``, else the only one lost) is not flagged there, and none is in
    a form used for 0 alone (Arabic "nothing was changed" for "%(count)s %(name)s was changed"). Recognised: printf (``%s``, ``%d``,
    ``%1$s``, ``%-5.2f``, ``%(name)s``, ``%@``, ``%{name}``), ``{0}``, ``{name}``,
    ``{{ var }}``, ``{% tag %}``, ``${VAR}``, ``$VAR``, ``{}`` (counted: str.format numbers them
    in order), ``$(var)``, ``$[var]``, ``@VAR@``, ``%VAR%``, XML entities (``&brandShortName;``; not
    HTML character references such as ``&amp;``), Qt's ``%1``, ``%2`` when the source has ``%1``
    (and its language does not write ``%50`` for 50 percent). gettext's ``%.0s`` / ``%(count).0s``
    (prints nothing, consumes the argument) stands for the placeholder it replaces. Not flagged: reordered positional or
    named placeholders (``%1$s``, ``{name}``: reordering is how translation works), ``%s %d``
    rewritten as ``%2$d %1$s``, ``%%`` (a literal percent sign), percent signs in prose ("50 %",
    "50%", Turkish "%50"), prices ("$5"), braces around prose ("{see note}"), a ``%s`` or ``%d``
    the target glues to a case ending (Esperanto ``%sn``, Uzbek ``%sni``: still substituted).
    A named placeholder (``%(name)s``, ``{name}``) the target keeps but uses fewer times than the
    source is a minor flag: a repeat left out breaks nothing at run time (``The {name} was added.
    You may add another {name}`` rephrased with one ``{name}``). One used more times stays major:
    in catalogs it is mostly text pasted twice (both plural forms in one ``msgstr``).
    The option ``patterns`` adds a project's own syntaxes as regular expressions (OpenOffice's
    ``#file#``, ``%file``, ``[file]``): their matches outside other codes are compared by text."""
    patterns = tuple(ctx.options("MRK002").patterns or ())
    if (both := _both_sides(pair, ctx, ("printf", "placeholder"), _maybe_placeholder)) is None:
        if not pair.target or ("%" not in pair.source and not patterns):
            return ()
        both = ([], [])
    s, t = _with_qt(pair, *both)
    if patterns and pair.target:
        rxs = _custom_res(patterns)
        s = sorted(s + _custom_codes(pair.source, rxs, s), key=lambda c: c.start)
        t = sorted(t + _custom_codes(pair.target, rxs, t), key=lambda c: c.start)
    if (m := _icu_source(pair)) is not None and (m.complex or looks_icu(pair.target) or _java(pair)):
        # ICU arguments are MRK004's: plural forms repeat them as the target language needs
        s = [c for c in s if not (c.kind == "placeholder" and c.text[:1] == "{")]
        t = [c for c in t if not (c.kind == "placeholder" and c.text[:1] == "{")]
    if not s and not t:
        return ()
    sk, tk = _printf_keys(s, t), _printf_keys(t, s)
    keyof = lambda c: sk.get(id(c)) or tk.get(id(c))
    lost, added = _unmatched(s, t, len(pair.source), len(pair.target), key=keyof)
    lost, added = _swallowed(lost, added)
    lost = _glued(lost, pair.target)
    changed, lost, added = _pair_changed(lost, added, lambda c: c.kind)
    if lost and pair.unit is not None and pair.unit.single is not None:
        if pair.unit.single == 0:  # the form for zero often says "nothing" instead ("لم يتم تغيير أي شيء")
            lost = []
        else:
            count = _count_placeholder(lost)
            lost = [c for c in lost if c is not count]
    out = []
    for lc, ac in changed:
        out.append(hit(f"placeholder {lc.text} changed to {ac.text}", target=(ac.start, ac.end),
                       source=(lc.start, lc.end)))
    t_keys = {keyof(c) for c in t if _named(c)}
    for lc in lost:
        if _named(lc) and keyof(lc) in t_keys:
            out.append(hit(f"placeholder {lc.text} used fewer times in the target than in the source (kept, "
                           f"a repeat left out)", source=(lc.start, lc.end), severity="minor"))
            continue
        out.append(hit(f"placeholder {lc.text} missing in the target", source=(lc.start, lc.end)))
    for ac in added:
        out.append(hit(f"placeholder {ac.text} added in the target (not in the source)",
                       target=(ac.start, ac.end)))
    if not out:
        seq_s = [c for c in s if c.kind == "printf" and not c.positional]
        seq_t = [c for c in t if c.kind == "printf" and not c.positional]
        if len(seq_s) == len(seq_t) and len(seq_s) > 1:
            for a, b in zip(seq_s, seq_t):
                if a.name != b.name:
                    out.append(hit(f"sequential placeholders reordered: {b.text} where the source has {a.text}"
                                   " (use positions such as %1$s to reorder)",
                                   target=(b.start, b.end), source=(a.start, a.end)))
                    break
    return out


# ------------------------------------------------------------------------------ ICU MessageFormat

def _flags(pair) -> frozenset[str]:
    return pair.unit.flags if pair.unit is not None else frozenset()


def _java(pair) -> bool:
    """Java MessageFormat (PO ``java-format``): its quoting hides arguments after a lone apostrophe."""
    return "java-format" in _flags(pair)


def _icu_source(pair):
    """The source's ICU message when the pair is ICU: the source looks like ICU (a typed argument)
    or the unit's flags say so, or the target looks like ICU and the source parses as ICU too
    (``{count} files`` rendered with a plural). None otherwise."""
    if not pair.target or "{" not in pair.source:
        return None
    msg = icu_message(pair.source, _flags(pair))
    if msg is None and looks_icu(pair.target):
        msg = parse_icu(pair.source)
        if msg.error is not None or not msg.args:
            return None
    return msg


_DATE_TYPES = frozenset({"date", "time"})


def _by_name(args: list[IcuArg]) -> dict[str, list[IcuArg]]:
    out: dict[str, list[IcuArg]] = defaultdict(list)
    for a in args:
        out[a.name].append(a)
    return out


def _needed_categories(lang: str | None) -> dict[str, tuple[int, ...]] | None:
    forms = cldr_forms(lang)
    if forms is None:
        return None
    return {cat: nums for cat, nums in forms}


def _explicit(key: str) -> int | None:
    try:
        return int(float(key[1:])) if key.startswith("=") and float(key[1:]).is_integer() else None
    except ValueError:
        return None


def _counts(arg: IcuArg, branch) -> bool:
    """The sub-message shows the count: ``#`` or the plural's own argument."""
    return bool(branch.hashes) or any(a.name == arg.name for a in _walk(branch.args))


def _walk(args):
    for a in args:
        yield a
        for b in a.branches:
            yield from _walk(b.args)


def _plural_keywords(pair, sa: IcuArg | None, ta: IcuArg, lang_name: str) -> list:
    """Keyword problems of the target's plural/select ``ta`` (``sa``: the source's, None when the
    source has a plain argument there)."""
    out = []
    t = pair.target
    src_span = {"source": (sa.start, sa.head_end)} if sa is not None else {}
    keys = {b.key: b for b in ta.branches}
    if ta.type == "plural":
        cats = _needed_categories(pair.target_lang)
        if cats is not None:
            explicit = {_explicit(k) for k in keys if k.startswith("=")}
            missing = [c for c, nums in cats.items() if c != "other" and nums and c not in keys
                       and not set(nums) <= explicit]
            if missing:
                out.append(hit(f"plural {t[ta.start:ta.head_end]} lacks the {lang_name} categor"
                               f"{'y' if len(missing) == 1 else 'ies'} {', '.join(missing)}"
                               f" (numbers such as {', '.join(str(next(n for n in cats[c] if n not in explicit)) for c in missing)}"
                               " fall to 'other')",
                               target=(ta.start, ta.head_end), **src_span))
            for b in ta.branches:
                if not b.key.startswith("=") and b.key not in cats:
                    out.append(hit(f"plural category '{b.key}' does not exist in {lang_name}"
                                   f" (its categories: {', '.join(cats)}): this sub-message is never used",
                                   target=(b.key_start, b.key_end), severity="minor"))
    elif ta.type == "choice" and sa is not None:
        skeys = [b.key for b in sa.branches]
        if [b.key for b in ta.branches] != skeys:
            out.append(hit(f"choice {t[ta.start:ta.head_end]} has the limits {'|'.join(b.key for b in ta.branches)}"
                           f" where the source has {'|'.join(skeys)} (the limits are numbers, not text)",
                           target=(ta.start, ta.head_end), source=(sa.start, sa.head_end)))
        return out
    elif ta.type == "select" and sa is not None:
        skeys = {b.key for b in sa.branches}
        for b in sa.branches:
            if b.key not in keys and b.key != "other":
                out.append(hit(f"select {t[ta.start:ta.head_end]} lacks the case '{b.key}' of the source"
                               " (select keywords are values of the argument, not text to translate)",
                               target=(ta.start, ta.head_end), source=(b.key_start, b.key_end)))
        for b in ta.branches:
            if b.key not in skeys and b.key != "other":
                out.append(hit(f"select case '{b.key}' is not in the source: no value selects it",
                               target=(b.key_start, b.key_end), severity="minor"))
    if ta.type in ("plural", "select", "selectordinal") and "other" not in keys:
        out.append(hit(f"{ta.type} {t[ta.start:ta.head_end]} has no 'other' sub-message"
                       " (ICU requires one: the message fails to format)",
                       target=(ta.start, ta.head_end), **src_span))
    if ta.type in ("plural", "selectordinal") and "other" in keys and sa is not None:
        s_other = next((b for b in sa.branches if b.key == "other"), None)
        t_other = keys["other"]
        if s_other is not None and _counts(sa, s_other) and not _counts(ta, t_other) and t_other.end - t_other.start > 2:
            out.append(hit(f"the 'other' sub-message of {t[ta.start:ta.head_end]} does not show the count"
                           f" (the source's has {'#' if s_other.hashes else '{' + sa.name + '}'})",
                           target=(t_other.start, t_other.end), source=(s_other.start, s_other.end)))
    return out


def _argument_changes(pair, sa_list, ta_list, lang_name: str) -> list:
    """MRK004's findings for one argument name present on both sides: its type or style changed,
    a typed form lost, and the plural or select keywords of each of its target forms."""
    s, t = pair.source, pair.target
    out = []
    if any(a.type in ("plural", "selectordinal") for a in sa_list + ta_list):
        # ``{count}`` inside its own plural is the count, like ``#``: compare the rest
        sa_list = [a for a in sa_list if a.type] or sa_list
        ta_list = [a for a in ta_list if a.type] or ta_list
    s_kinds = {(a.type, a.style) for a in sa_list}
    for ta in ta_list:
        if (ta.type, ta.style) in s_kinds:
            continue
        if ta.type in ("plural", "select", "selectordinal") and not any(a.type for a in sa_list):
            continue  # ``{count} files`` given the plural its language needs: an improvement
        sa = next((a for a in sa_list if a.type == ta.type), sa_list[0])
        # a changed date style, or a typed argument where the source has a plain one
        # (``{count}`` given a plural in the target), still formats; anything else breaks
        minor = (sa.type == ta.type and ta.type in _DATE_TYPES) or (not sa.type and not any(a.type for a in sa_list))
        out.append(hit(f"argument {s[sa.start:sa.head_end]} changed to {t[ta.start:ta.head_end]}",
                       target=(ta.start, ta.head_end), source=(sa.start, sa.head_end),
                       severity="minor" if minor else None))
        break
    else:
        t_kinds = {(a.type, a.style) for a in ta_list}
        plural_added = any(a.type in ("plural", "select", "selectordinal") for a in ta_list)
        lost = [a for a in sa_list if (a.type, a.style) not in t_kinds and (a.type or not plural_added)]
        if lost:
            a = lost[0]
            out.append(hit(f"argument {s[a.start:a.head_end]} missing in the target"
                           f" (the target has {t[ta_list[0].start:ta_list[0].head_end]})",
                           source=(a.start, a.head_end)))
    for ta in ta_list:
        if ta.branches:
            sa = next((a for a in sa_list if a.type == ta.type), None)
            if sa is not None or ta.type == "plural":  # a plural the target added: its categories still count
                out.extend(_plural_keywords(pair, sa, ta, lang_name))
    return out


@check("MRK004", "icu-mismatch", "markup/placeholder", "major")
def icu_mismatch(pair, ctx):
    """ICU MessageFormat (and Java MessageFormat) arguments differ between source and target, or the
    target's message is broken. Checked when the source looks like ICU (an argument with a type:
    ``{n, plural, ...}``, ``{0, number}``, ``{d, date, short}``, ``{0,number,#.##}``,
    ``{0,choice,...}``) or the unit's flags declare it (``icu-format``, ``java-format``; with
    ``java-format`` Java's quoting applies: "l'heure {0}" hides ``{0}``, "l''heure {0}" does not).
    Flagged: the target does not parse (an unclosed or stray brace, a keyword without its
    sub-message: span on the offending character); an argument of the source missing from the
    target, one added, or one whose type or style changed (``{n, number, integer}`` to
    ``{n, number}``, ``{count, plural, ...}`` to ``{count}``; a changed date or time style, and a
    number or date format the target gives a plain argument, are minor); a plural without the target language's CLDR categories (Russian ``few``/``many``,
    Arabic ``zero``/``two``/``few``/``many``; an explicit ``=N`` covering every number of the
    category counts); a plural, select or selectordinal without ``other``; a select that lost a
    case of the source (its keywords are values, not text); a Java ``choice`` whose limits
    (``0#``, ``1<``) differ from the source's; an ``other`` sub-message that no longer
    shows the count (``#`` or the argument) when the source's does. Minor: a plural category the
    target language does not have (Japanese ``one``), a select case the source does not have.
    Not flagged: a plural the target adds for a plain ``{count}`` (its categories are still checked),
    plural keywords that differ by language, the sub-messages' text (translatable),
    arguments reordered or repeated in some plural forms only, ``#`` and ``{count}`` used for
    each other, apostrophe quoting (``'{'``, ``''``), braces in prose ("{see note}")."""
    src = _icu_source(pair)
    if src is None:
        return ()
    java = _java(pair)
    tmsg = parse_icu(pair.target, java)
    if not src.complex and not tmsg.error and not tmsg.complex and not java:
        return ()  # {name} on both sides and flags saying ICU: MRK002 would compare them alike
    if tmsg.error is not None:
        pos, why = tmsg.error
        return [hit(f"the target's ICU message does not parse: {why}", target=(pos, pos + 1))]
    s_args, t_args = src.walk(), tmsg.walk()
    s_by, t_by = _by_name(s_args), _by_name(t_args)
    out = []
    lang_name = pair.target_lang or "the target language"
    s, t = pair.source, pair.target
    lost = [s_by[n][0] for n in s_by if n not in t_by]
    added = [t_by[n][0] for n in t_by if n not in s_by]
    renamed, lost, added = _pair_changed(lost, added, lambda c: (c.type, c.style))
    for sa, ta in renamed:
        out.append(hit(f"argument {s[sa.start:sa.head_end]} renamed {t[ta.start:ta.head_end]} in the target"
                       " (argument names are not translated)",
                       target=(ta.start, ta.head_end), source=(sa.start, sa.head_end)))
    quote_hint = (" (Java's MessageFormat: a single ' quotes the rest; write '' for an apostrophe)"
                  if java and "'" in t else "")
    for a in lost:
        out.append(hit(f"argument {s[a.start:a.head_end]}{'' if a.head_end == a.end else '...'}"
                       f" missing in the target{quote_hint}", source=(a.start, a.head_end)))
    for a in added:
        out.append(hit(f"argument {t[a.start:a.head_end]}{'' if a.head_end == a.end else '...'}"
                       " added in the target (not in the source)", target=(a.start, a.head_end)))
    for name in sorted(set(s_by) & set(t_by), key=lambda n: s_by[n][0].start):
        out.extend(_argument_changes(pair, s_by[name], t_by[name], lang_name))
    return out


# ------------------------------------------------------------------------------ URLs and e-mails

def _domain(c: Code) -> str:
    host = c.key.split("/")[0] if c.kind == "url" else c.key.rpartition("@")[2]
    labels = host.split(".")
    # example.co.uk -> co.uk would be too short: keep three labels when the second-level is short
    if len(labels) >= 3 and len(labels[-2]) <= 3 and len(labels[-1]) == 2:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


@check("MRK003", "link-mismatch", "markup/placeholder", "major")
def link_mismatch(pair, ctx):
    """URLs and e-mail addresses differ between source and target. A URL or address of the
    source missing from the target is major (span on the source); one changed to another
    domain is major (spans on both sides); one changed within the same domain (a localised
    path or subdomain: ``example.com/en/`` to ``example.com/fr/``, ``en.wikipedia.org`` to
    ``fr.wikipedia.org``) and one added by the target are minor. Not flagged: the scheme or a
    leading ``www.`` added or dropped, a trailing slash, the case of the host name, sentence
    punctuation after a URL ("see https://example.com." ends at ``com``)."""
    if (both := _both_sides(pair, ctx, ("url", "email"), _maybe_link)) is None:
        return ()
    s, t = both
    lost, added = _unmatched(s, t, len(pair.source), len(pair.target))
    changed, lost, added = _pair_changed(lost, added, lambda c: c.kind)
    out = []
    what = {"url": "URL", "email": "e-mail address"}
    for lc, ac in changed:
        same = _domain(lc) == _domain(ac)
        out.append(hit(f"{what[lc.kind]} {lc.text} changed to {ac.text}"
                       + (" (same domain: localised?)" if same else ""),
                       target=(ac.start, ac.end), source=(lc.start, lc.end), severity="minor" if same else None))
    for lc in lost:
        out.append(hit(f"{what[lc.kind]} {lc.text} missing in the target", source=(lc.start, lc.end)))
    for ac in added:
        out.append(hit(f"{what[ac.kind]} {ac.text} added in the target", target=(ac.start, ac.end),
                       severity="minor"))
    return out
