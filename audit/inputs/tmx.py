"""TMX reader (1.4; 1.1's ``lang`` attribute accepted): one pair per ``<tu>``, streamed with lxml.

Languages: the source variant is the ``<tuv>`` whose ``xml:lang`` matches ``--src-lang``, else the
header's ``srclang``, else the first ``<tuv>``; the target is the variant matching ``--tgt-lang``,
else the first other language met in the first ``<tu>`` (a multilingual memory is read as one
language pair). An exact language tag match beats a base-language match (``pt-BR`` vs ``pt``).
A ``<tu>`` with no source variant is skipped (counted in ``meta["skipped"]``); one with no target
variant gives ``Pair.target = None``; an empty ``<seg/>`` gives ``""``.

Pair ids are the ``tuid`` (else the 1-based position of the ``<tu>``); origins carry the tuid and
the line of each ``<seg>``. ``<note>`` elements of the unit and its variants become ``Pair.note``.
``Pair.unit`` (key: the pair id): ``untranslated`` when the unit has no target variant, else
``translated`` (TMX has no other states; an empty target ``<seg/>`` stays a translated unit with an
empty target, which EMP002 reports); counts in ``PairSource.meta["units"]``.

Inline codes become placeholder tags, their native payload dropped:
``<bpt i="1">{b}</bpt>`` -> ``<bpt i="1"/>``, ``<ept i="1"/>``, ``<ph x="2"/>``, ``<it pos="begin" x="3"/>``,
``<ut/>``; ``<hi>`` (a highlight, not a code) is transparent: its text is kept, the tag dropped.
``<sub>`` (text inside a code) goes with its code.
"""
from __future__ import annotations

from collections.abc import Iterator

from audit.core.errors import InputError
from audit.core.limits import check_xml_depth
from audit.core.model import Origin, Pair, Unit
from audit.core.xmlsafe import EMPTY, events, local, release, render, xml_lang
from audit.inputs import PairSource, lang_score, normalize_lang

RULES = {
    "bpt": (EMPTY, ("i", "x")),
    "ept": (EMPTY, ("i",)),
    "it": (EMPTY, ("pos", "x")),
    "ph": (EMPTY, ("x",)),
    "ut": (EMPTY, ("x",)),
}
_SCAN_UNITS = 1000  # units read ahead, at most, to learn the target language


def _unit(tu) -> tuple[list[tuple[str | None, object]], str | None]:
    """([(lang, seg element or None)] of a tu's variants in order, the unit's notes or None)."""
    variants = []
    notes = None
    for child in tu:
        tag = child.tag
        name = tag if tag == "tuv" else local(tag)
        if name == "tuv":
            seg = None
            for c in child:
                ctag = c.tag
                cname = ctag if ctag == "seg" else local(ctag)
                if cname == "seg":
                    if seg is None:
                        seg = c
                elif cname == "note" and (c.text or "").strip():
                    notes = (notes or []) + [c.text.strip()]
            variants.append((xml_lang(child), seg))
        elif name == "note" and (child.text or "").strip():
            notes = (notes or []) + [child.text.strip()]
    return variants, ("\n".join(notes) if notes else None)


def _pick(variants, src: str | None, tgt: str | None) -> tuple[int | None, int | None]:
    """Indices of the source and target variants."""
    si = None
    if src:
        best = 0
        for i, (lang, _) in enumerate(variants):
            sc = lang_score(lang, src)
            if sc > best:
                best, si = sc, i
    elif variants:
        si = 0
    ti = None
    if tgt:
        best = 0
        for i, (lang, _) in enumerate(variants):
            if i == si:
                continue
            sc = lang_score(lang, tgt)
            if sc > best:
                best, ti = sc, i
    return si, ti


def _scan(path: str) -> tuple[str | None, list[str | None]]:
    """(header srclang, languages of the first tu that has two variants): reads only the head of the file."""
    srclang = None
    first: list[str | None] | None = None
    seen = 0
    for n, (ev, el) in enumerate(events(path, ("start", "end"))):
        name = local(el.tag)
        if n == 0 and name != "tmx":
            raise InputError(f"not a TMX file (root element <{name}>)", path, el.sourceline)
        if ev != "end":
            continue
        if name == "header":
            v = (el.get("srclang") or "").strip()
            srclang = v if v and v.lower() != "*all*" else None
        elif name == "tu":
            langs = [lang for lang, _ in _unit(el)[0]]
            if first is None:
                first = langs
            # the first unit with two variants names the pair (earlier ones may lack a translation)
            seen += 1
            if len(langs) >= 2 or seen >= _SCAN_UNITS:
                return srclang, langs if len(langs) >= 2 else first
            release(el)
    return srclang, first or []


def _read(path: str, src: str | None, tgt: str | None, user_src: str | None, user_tgt: str | None,
          meta: dict) -> Iterator[Pair]:
    index = 0
    position = 0
    meta["skipped"] = 0
    tally = {"translated": 0, "untranslated": 0}
    picks: dict[tuple, tuple[int | None, int | None]] = {}
    for _ev, el in events(path, ("end",), "{*}tu"):
        check_xml_depth(el, path)
        position += 1
        variants, note = _unit(el)
        key = tuple(lang for lang, _ in variants)
        picked = picks.get(key)
        if picked is None:
            picked = picks[key] = _pick(variants, src, tgt)
        si, ti = picked
        if si is None:
            meta["skipped"] += 1
            release(el)
            continue
        tuid = el.get("tuid")
        pid = tuid if tuid else str(position)
        slang, sseg = variants[si]
        source = render(sseg, RULES, path) if sseg is not None else ""
        target = tline = None
        tlang = None
        if ti is not None:
            tlang, tseg = variants[ti]
            target = render(tseg, RULES, path) if tseg is not None else ""
            tline = tseg.sourceline if tseg is not None else None
        sline = sseg.sourceline if sseg is not None else el.sourceline
        if tline is None:
            tline = el.sourceline
        s_origin = Origin(path, tuid, sline, None)
        state = "untranslated" if ti is None else "translated"
        tally[state] += 1
        yield Pair(
            id=pid, source=source, target=target,
            source_lang=user_src or normalize_lang(slang or src), target_lang=user_tgt or normalize_lang(tlang or tgt),
            source_origin=s_origin, target_origin=s_origin if tline == sline else Origin(path, tuid, tline, None),
            index=index, note=note, unit=Unit(key=pid, state=state),
        )
        index += 1
        release(el)
    meta["units"] = tally
    if index == 0 and meta["skipped"]:
        raise InputError(f"no <tu> has a variant in the source language {src!r}; check --src-lang", path)


def languages(path: str, src_lang: str | None, tgt_lang: str | None) -> tuple[str | None, str | None]:
    """(source, target) language tags as written in the file, picked as ``open_source`` picks them
    (shared with the write-back, ``audit.outputs.writeback_xml``)."""
    header_src, first_langs = _scan(path)
    src = src_lang or header_src or (first_langs[0] if first_langs else None)
    tgt = tgt_lang
    if tgt is None:
        si, _ = _pick([(lang, None) for lang in first_langs], src, None)
        for i, lang in enumerate(first_langs):
            if i != si and lang and lang_score(lang, src) < 2:
                tgt = lang
                break
    if src is None and first_langs:
        raise InputError("cannot tell the source language (no srclang, no xml:lang); give --src-lang", path)
    return src, tgt


def open_source(paths, src_lang, tgt_lang) -> PairSource:
    path = paths[0]
    src, tgt = languages(path, src_lang, tgt_lang)
    meta: dict = {}
    return PairSource(paths, "tmx", lambda: _read(path, src, tgt, src_lang, tgt_lang, meta),
                      normalize_lang(src), normalize_lang(tgt), meta)
