"""XLIFF reader: 1.2 (and 1.0/1.1) and 2.x, streamed with lxml ``iterparse``.

XLIFF 1.x: one pair per ``<trans-unit>`` (its direct ``<source>`` and ``<target>``; ``<alt-trans>``
proposals are ignored, units with ``translate="no"`` are skipped). A unit segmented the way CAT
tools do it (``<seg-source>`` and ``<target>`` holding ``<mrk mtype="seg" mid="N">``) gives one pair
per segment, matched by ``mid``, with ids ``unit/mid`` when there are several. Languages from the ``<file>``'s
``source-language`` / ``target-language``; id: the trans-unit ``id``; note: its ``<note>`` elements.

XLIFF 2.x: one pair per ``<segment>`` of each ``<unit>`` (``<ignorable>`` skipped). Languages from
the root's ``srcLang`` / ``trgLang``; id: the unit ``id``, plus ``/`` and the segment ``id`` (or its
1-based position) when the unit has several segments; note: the unit's ``<notes>``.

Both: no ``<target>`` -> ``Pair.target = None``; an empty ``<target/>`` -> ``""``. Origins carry the
unit id and the line of each ``<source>``/``<target>``. Whitespace is kept exactly as in the file.

Inline codes are kept in the text as compact placeholder tags that checks can compare between
source and target; the native code a placeholder stands for (the payload of ``<ph>``, ``<bpt>``...,
or XLIFF 2 ``<originalData>``) is never text:

=========================  =====================================================
XLIFF 1.2 element           text
=========================  =====================================================
``<g id="1">bold</g>``      ``<g id="1">bold</g>`` (content kept)
``<x id="2"/>``             ``<x id="2"/>``
``<bx id="3"/>`` / ``<ex>`` ``<bx id="3"/>`` / ``<ex id="3"/>``
``<ph id="4">{b}</ph>``     ``<ph id="4"/>``
``<bpt id="5">`` ``<ept>``  ``<bpt id="5"/>`` ... ``<ept id="5"/>``
``<it id="6" pos="open">``  ``<it id="6" pos="open"/>``
``<mrk>`` ``<sub>``         ``<mrk>``: transparent (text kept, tag dropped); ``<sub>`` goes with its code
=========================  =====================================================

=================================  =========================================
XLIFF 2.x element                   text
=================================  =========================================
``<pc id="1">bold</pc>``            ``<pc id="1">bold</pc>``
``<ph id="2" dataRef="d2"/>``       ``<ph id="2"/>``
``<sc id="3"/>`` ``<ec startRef>``  ``<sc id="3"/>`` ... ``<ec startRef="3"/>`` (isolated ``<ec id=>``: ``<ec id="3"/>``)
``<mrk>``; ``<sm/>``/``<em/>``      ``<mrk>``: transparent; ``<sm/>``/``<em/>``: dropped
``<cp hex="0001"/>``                the character U+0001 itself
=================================  =========================================

Entity references the parser leaves unresolved stay as ``&name;`` (see ``xmlutil``).
"""
from __future__ import annotations

from typing import Iterator

from ..errors import InputError
from ..model import Origin, Pair
from . import PairSource, normalize_lang
from .xmlutil import CP, DROP, EMPTY, PAIRED, events, local, release, render

RULES_1 = {
    "g": (PAIRED, ("id",)),
    "x": (EMPTY, ("id",)),
    "bx": (EMPTY, ("id",)),
    "ex": (EMPTY, ("id",)),
    "ph": (EMPTY, ("id",)),
    "bpt": (EMPTY, ("id",)),
    "ept": (EMPTY, ("id",)),
    "it": (EMPTY, ("id", "pos")),
}
RULES_2 = {
    "pc": (PAIRED, ("id",)),
    "ph": (EMPTY, ("id",)),
    "sc": (EMPTY, ("id",)),
    "ec": (EMPTY, ("id", "startRef")),
    "sm": (DROP, ()),
    "em": (DROP, ()),
    "cp": (CP, ()),
}


def _version(root) -> int:
    v = (root.get("version") or "").strip()
    if v.startswith("2") or "document:2" in (root.tag or ""):
        return 2
    return 1


def _scan(path: str) -> tuple[int, str | None, str | None]:
    """(major version, source language, target language) from the head of the file."""
    version = 1
    for n, (ev, el) in enumerate(events(path, ("start",))):
        name = local(el.tag)
        if n == 0:
            if name != "xliff":
                raise InputError(f"not an XLIFF file (root element <{name}>)", path, el.sourceline)
            version = _version(el)
            if version == 2:
                return 2, el.get("srcLang"), el.get("trgLang")
        elif name == "file":
            return version, el.get("source-language"), el.get("target-language")
        elif name in ("trans-unit", "unit"):
            break
    return version, None, None


def _children(el, name: str):
    return [c for c in el if local(c.tag) == name]


def _parts(el) -> dict[str, list]:
    """The children of a unit or segment by local name, in one pass."""
    out: dict[str, list] = {}
    for c in el:
        tag = c.tag
        if isinstance(tag, str):
            out.setdefault(tag[tag.find("}") + 1:], []).append(c)
    return out


def _seg_marks(el) -> dict[str, object]:
    """{mid: <mrk mtype="seg">} of an element, in document order."""
    out = {}
    for k, m in enumerate(el.iter("{*}mrk"), 1):
        if (m.get("mtype") or "") == "seg":
            out.setdefault(m.get("mid") or str(k), m)
    return out


def _read_v1(path, src_lang, tgt_lang) -> Iterator[Pair]:
    index = 0
    position = 0
    file_src = file_tgt = None
    for ev, el in events(path, ("start", "end"), ("{*}file", "{*}trans-unit")):
        name = local(el.tag)
        if name == "file":
            if ev == "start":
                file_src, file_tgt = normalize_lang(el.get("source-language")), normalize_lang(el.get("target-language"))
            continue
        if ev == "start":
            continue
        position += 1
        if (el.get("translate") or "").strip().lower() == "no":
            release(el)
            continue
        uid = el.get("id")
        pid = uid if uid else str(position)
        parts = _parts(el)
        srcs = parts.get("source")
        if not srcs:
            raise InputError(f"trans-unit {pid!r} has no <source>", path, el.sourceline)
        tgts = parts.get("target")
        s_el = srcs[0]
        t_el = tgts[0] if tgts else None
        notes = [(n.text or "").strip() for n in parts.get("note", ())]
        notes = [n for n in notes if n]
        note = "\n".join(notes) if notes else None
        smarks = _seg_marks(parts["seg-source"][0]) if "seg-source" in parts else {}
        tmarks = _seg_marks(t_el) if smarks and t_el is not None else {}
        if smarks and (t_el is None or tmarks):
            # a segmented unit (<seg-source> with <mrk mtype="seg">, as CAT tools write): a pair per segment
            for mid, sm in smarks.items():
                tm = tmarks.get(mid)
                sid = f"{pid}/{mid}" if len(smarks) > 1 else pid
                yield Pair(
                    id=sid, source=render(sm, RULES_1, path),
                    target=render(tm, RULES_1, path) if tm is not None else None,
                    source_lang=src_lang or file_src, target_lang=tgt_lang or file_tgt,
                    source_origin=Origin(path, sid, sm.sourceline, None),
                    target_origin=Origin(path, sid, (tm if tm is not None else el).sourceline, None),
                    index=index, note=note,
                )
                index += 1
            release(el)
            continue
        yield Pair(
            id=pid, source=render(s_el, RULES_1, path),
            target=render(t_el, RULES_1, path) if t_el is not None else None,
            source_lang=src_lang or file_src, target_lang=tgt_lang or file_tgt,
            source_origin=Origin(path, uid, s_el.sourceline, None),
            target_origin=Origin(path, uid, (t_el if t_el is not None else el).sourceline, None),
            index=index, note=note,
        )
        index += 1
        release(el)


def _read_v2(path, src_lang, tgt_lang) -> Iterator[Pair]:
    index = 0
    position = 0
    root_src = root_tgt = None
    for ev, el in events(path, ("start", "end"), ("{*}xliff", "{*}unit")):
        name = local(el.tag)
        if name == "xliff":
            if ev == "start":
                root_src, root_tgt = normalize_lang(el.get("srcLang")), normalize_lang(el.get("trgLang"))
            continue
        if ev == "start":
            continue
        position += 1
        if (el.get("translate") or "").strip().lower() == "no":
            release(el)
            continue
        uid = el.get("id")
        base_id = uid if uid else str(position)
        parts = _parts(el)
        notes = []
        for ns in parts.get("notes", ()):
            notes.extend((n.text or "").strip() for n in _children(ns, "note"))
        notes = [n for n in notes if n]
        note = "\n".join(notes) if notes else None
        segments = parts.get("segment", ())
        for k, seg in enumerate(segments, 1):
            sparts = _parts(seg)
            srcs = sparts.get("source")
            if not srcs:
                raise InputError(f"unit {base_id!r}: <segment> has no <source>", path, seg.sourceline)
            tgts = sparts.get("target")
            s_el, t_el = srcs[0], (tgts[0] if tgts else None)
            if len(segments) > 1:
                pid = f"{base_id}/{seg.get('id') or k}"
            else:
                pid = base_id
            yield Pair(
                id=pid, source=render(s_el, RULES_2, path),
                target=render(t_el, RULES_2, path) if t_el is not None else None,
                source_lang=src_lang or root_src, target_lang=tgt_lang or root_tgt,
                source_origin=Origin(path, pid, s_el.sourceline, None),
                target_origin=Origin(path, pid, (t_el if t_el is not None else seg).sourceline, None),
                index=index, note=note,
            )
            index += 1
        release(el)


def open_source(paths, src_lang, tgt_lang) -> PairSource:
    path = paths[0]
    version, file_src, file_tgt = _scan(path)
    reader = _read_v2 if version == 2 else _read_v1
    return PairSource(paths, "xliff", lambda: reader(path, src_lang, tgt_lang),
                      normalize_lang(src_lang or file_src), normalize_lang(tgt_lang or file_tgt),
                      {"version": version})
