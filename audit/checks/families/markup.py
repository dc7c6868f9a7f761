"""MRK: markup and placeholders lost, added, changed or misnested between source and target.

The codes come from ``audit.placeholders`` (one scan per side, shared through ``view.memo``).
A lost code spans the source, an added one the target, a changed one both (target first).
"""
from __future__ import annotations

import bisect
import re
from collections import defaultdict, deque

from audit.checks.registry import check
from audit.core.model import hit
from audit.lang.placeholders import Code, codes

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
_QT_ARG = re.compile(r"(?<![\w%])%([1-9]\d?)(?![\w%$])")
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


_PNAME = re.compile(r"^%(?:\d+\$)?\((\w+)\)")


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
    ``aria-label``, ``placeholder``) that differ, ``<br>`` written ``<br/>``, quote style and
    attribute order, ``<`` in prose ("a < b", "<3"). Added or lost ``<br>``/``<wbr>`` are minor;
    other tag differences are major."""
    if (both := _both_sides(pair, ctx, ("tag",), lambda text: "<" in text)) is None:
        return ()
    s, t = both
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


_COUNT_NAME = re.compile(r"(?i)count|total|number|quantity|amount|^(?:n|num|qty|cnt)$")


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


@check("MRK002", "placeholder-mismatch", "markup/placeholder", "major")
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
    "50%", Turkish "%50"), prices ("$5"), braces around prose ("{see note}")."""
    if (both := _both_sides(pair, ctx, ("printf", "placeholder"), _maybe_placeholder)) is None:
        if not pair.target or "%" not in pair.source:
            return ()
        both = ([], [])
    s, t = _with_qt(pair, *both)
    if not s and not t:
        return ()
    sk, tk = _printf_keys(s, t), _printf_keys(t, s)
    keyof = lambda c: sk.get(id(c)) or tk.get(id(c))
    lost, added = _unmatched(s, t, len(pair.source), len(pair.target), key=keyof)
    lost, added = _swallowed(lost, added)
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
    for lc in lost:
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
