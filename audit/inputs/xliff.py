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

``Pair.unit`` (``audit.core.model.Unit``, key: the pair id) records the unit's state:

- XLIFF 1.2 ``<target state>``: ``new``/``needs-translation`` -> untranslated; ``needs-review-*``,
  ``needs-adaptation``, ``needs-l10n`` -> fuzzy; ``translated`` -> translated; ``signed-off`` ->
  approved; ``final`` -> final. ``approved="yes"`` on the trans-unit -> approved. A lock written
  by a CAT tool (an attribute named ``locked`` set to yes/true/locked, as memoQ's ``mq:locked``,
  on the trans-unit or its ``sdl:seg``) -> locked. Without a state: translated when the target
  has text, untranslated when it is missing or empty. The ``state`` value and ``approved``/
  ``locked`` are also in ``unit.flags``.
- XLIFF 2.x ``<segment state>``: ``initial`` with a target that has text -> fuzzy (pre-filled, not
  confirmed), without one -> untranslated; ``translated``; ``reviewed`` -> approved; ``final``.
- Units with ``translate="no"`` are still skipped (not pairs: nothing to translate); they are
  counted as ``locked`` in ``PairSource.meta["units"]``, with the pairs' states.

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

from collections.abc import Iterator

from audit.core.errors import InputError
from audit.core.limits import check_xml_depth
from audit.core.model import Origin, Pair, Unit
from audit.core.xmlsafe import CP, DROP, EMPTY, PAIRED, events, local, release, render
from audit.inputs import PairSource, normalize_lang

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


def _units(path, outer: str, unit: str, lang_attrs: tuple[str, str], tally: dict | None = None):
    """Stream the translatable units of an XLIFF file: (unit element, its id or its 1-based
    position as a string, (source, target) language of the enclosing ``outer`` element). Units
    marked ``translate="no"`` are skipped (counted as ``locked`` in ``tally``); each unit is
    released once its pairs are taken."""
    position = 0
    langs: tuple = (None, None)
    for ev, el in events(path, ("start", "end"), ("{*}" + outer, "{*}" + unit)):
        if local(el.tag) == outer:
            if ev == "start":
                langs = (normalize_lang(el.get(lang_attrs[0])), normalize_lang(el.get(lang_attrs[1])))
            continue
        if ev == "start":
            continue
        check_xml_depth(el, path)
        position += 1
        if (el.get("translate") or "").strip().lower() != "no":
            yield el, el.get("id") or str(position), langs
        elif tally is not None:
            tally["locked"] = tally.get("locked", 0) + 1
        release(el)


def _note(texts) -> str | None:
    notes = [t for t in ((x or "").strip() for x in texts) if t]
    return "\n".join(notes) if notes else None


_STATES_1 = {
    "new": "untranslated", "needs-translation": "untranslated", "needs-adaptation": "fuzzy",
    "needs-l10n": "fuzzy", "needs-review-adaptation": "fuzzy", "needs-review-l10n": "fuzzy",
    "needs-review-translation": "fuzzy", "translated": "translated", "signed-off": "approved", "final": "final",
}
_STATES_2 = {"initial": "fuzzy", "translated": "translated", "reviewed": "approved", "final": "final"}
_LOCKED = ("yes", "true", "locked", "1")


def _locked(el) -> bool:
    """A CAT tool's lock on a unit: an attribute named ``locked`` (any namespace) set to yes/true,
    on the unit or on an SDL ``<seg>`` inside it."""
    for e in (el, *el.iter("{*}seg")):
        for k, v in e.attrib.items():
            if (k[k.find("}") + 1:] == "locked") and (v or "").strip().lower() in _LOCKED:
                return True
    return False


def _state(target: str | None, written: str | None, table: dict, approved: bool = False,
           locked: bool = False) -> str:
    """A unit's state from what the file writes (``written``: the state attribute) and its target."""
    if not (target or "").strip():
        return "untranslated"
    state = table.get((written or "").strip().lower(), "translated")
    if state == "untranslated":  # a copied or pre-filled target in state "new": not translated yet
        return state
    if locked:
        return "locked"
    return "approved" if approved and state in ("translated", "fuzzy") else state


def _pair(path, rules, pid, unit_id, s_el, t_el, fallback, langs, index, note, unit_of=None) -> Pair:
    """A pair from a source element and a target element (None: no target; its origin is then
    the ``fallback`` element's line); ``unit_of(target text)`` makes its ``Unit``."""
    target = render(t_el, rules, path) if t_el is not None else None
    return Pair(
        id=pid, source=render(s_el, rules, path), target=target,
        source_lang=langs[0], target_lang=langs[1],
        source_origin=Origin(path, unit_id, s_el.sourceline, None),
        target_origin=Origin(path, unit_id, (t_el if t_el is not None else fallback).sourceline, None),
        index=index, note=note, unit=unit_of(pid, target) if unit_of is not None else None,
    )


def _unit_maker(tally: dict, written: str | None, table: dict, approved: bool = False, locked: bool = False,
                extra: tuple[str, ...] = ()):
    flags = frozenset(x for x in ((written or "").strip().lower(), "approved" if approved else "",
                                  "locked" if locked else "", *extra) if x)

    def make(pid: str, target: str | None) -> Unit:
        state = _state(target, written, table, approved, locked)
        tally[state] = tally.get(state, 0) + 1
        return Unit(key=pid, state=state, flags=flags)

    return make


def _read_v1(path, src_lang, tgt_lang, counts: dict | None = None) -> Iterator[Pair]:
    index = 0
    tally: dict = {}
    for el, pid, (file_src, file_tgt) in _units(path, "file", "trans-unit", ("source-language", "target-language"),
                                                tally):
        langs = (src_lang or file_src, tgt_lang or file_tgt)
        parts = _parts(el)
        srcs = parts.get("source")
        if not srcs:
            raise InputError(f"trans-unit {pid!r} has no <source>", path, el.sourceline)
        tgts = parts.get("target")
        s_el = srcs[0]
        t_el = tgts[0] if tgts else None
        note = _note(n.text for n in parts.get("note", ()))
        smarks = _seg_marks(parts["seg-source"][0]) if "seg-source" in parts else {}
        tmarks = _seg_marks(t_el) if smarks and t_el is not None else {}
        unit_of = _unit_maker(tally, t_el.get("state") if t_el is not None else None, _STATES_1,
                              (el.get("approved") or "").strip().lower() == "yes", _locked(el))
        if smarks and (t_el is None or tmarks):
            # a segmented unit (<seg-source> with <mrk mtype="seg">, as CAT tools write): a pair per segment
            for mid, sm in smarks.items():
                sid = f"{pid}/{mid}" if len(smarks) > 1 else pid
                yield _pair(path, RULES_1, sid, sid, sm, tmarks.get(mid), el, langs, index, note, unit_of)
                index += 1
            continue
        yield _pair(path, RULES_1, pid, el.get("id"), s_el, t_el, el, langs, index, note, unit_of)
        index += 1
    _publish(counts, tally)


def _publish(counts: dict | None, tally: dict) -> None:
    if counts is not None:
        counts.clear()
        counts.update(sorted(tally.items()))


def _read_v2(path, src_lang, tgt_lang, counts: dict | None = None) -> Iterator[Pair]:
    index = 0
    tally: dict = {}
    for el, base_id, (root_src, root_tgt) in _units(path, "xliff", "unit", ("srcLang", "trgLang"), tally):
        langs = (src_lang or root_src, tgt_lang or root_tgt)
        parts = _parts(el)
        note = _note(n.text for ns in parts.get("notes", ()) for n in _children(ns, "note"))
        segments = parts.get("segment", ())
        for k, seg in enumerate(segments, 1):
            sparts = _parts(seg)
            srcs = sparts.get("source")
            if not srcs:
                raise InputError(f"unit {base_id!r}: <segment> has no <source>", path, seg.sourceline)
            tgts = sparts.get("target")
            pid = f"{base_id}/{seg.get('id') or k}" if len(segments) > 1 else base_id
            unit_of = _unit_maker(tally, seg.get("state"), _STATES_2, locked=_locked(el))
            yield _pair(path, RULES_2, pid, pid, srcs[0], tgts[0] if tgts else None, seg, langs, index, note, unit_of)
            index += 1
    _publish(counts, tally)


def open_source(paths, src_lang, tgt_lang) -> PairSource:
    path = paths[0]
    version, file_src, file_tgt = _scan(path)
    reader = _read_v2 if version == 2 else _read_v1
    meta: dict = {"version": version, "units": {}}
    return PairSource(paths, "xliff", lambda: reader(path, src_lang, tgt_lang, meta["units"]),
                      normalize_lang(src_lang or file_src), normalize_lang(tgt_lang or file_tgt), meta)
