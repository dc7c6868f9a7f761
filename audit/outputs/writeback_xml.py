"""Post-edits and approvals written back into XLIFF 1.2, XLIFF 2.x and TMX by patching the file's text.

The file is parsed once with the safe lxml parser (no entities resolved, no DTD, no network) to
refuse malformed input, then scanned by ``audit.outputs.xmlspans`` to locate each unit. Units are
enumerated with the readers' own rules (``audit.inputs.xliff``, ``audit.inputs.tmx``) and matched
with the reader's pairs one for one, by position and id (a mismatch is an error, never a guess).
Only the decided units change; every other byte is the input's. With nothing decided the output
is the input, byte for byte. The patched file is parsed again before it is written.

A post-edited target replaces the content of the target element (``<target>``, XLIFF 2
``<segment><target>``, the target ``<tuv><seg>``; a segmented XLIFF 1.2 unit: its ``<mrk
mtype="seg">``). Inline codes come back as they were written: a placeholder tag of the edited text
(``<ph id="4"/>``, ``<g id="1">``...``</g>``, ``<bpt i="1"/>``) is replaced by the original element,
payload included (the target's, else the source's); any other ``<``/``&`` is text and escaped.
The edited text is mapped back onto the target it replaces (``audit.outputs.writeback_inline``):
what the edit leaves of the target is written as it was, its non-code marks (``<mrk>``, TMX
``<hi>``, XLIFF 2 ``<sm/>``/``<em/>``), comments and CDATA included; a code the edit removed is
gone (what the user wrote is written) and ``warn`` says so; a paired code the edit kept only one
end of is written as text, as the user wrote it (warned); a misnested pair is refused. A missing
target is added after the source, with the source's indentation.

States, exactly as decided:

=========  ==========================================  ==========================================
format     approved                                    post-edited, not approved
=========  ==========================================  ==========================================
XLIFF 1.2  ``approved="yes"``; a ``state`` other than  ``state="translated"`` on the target;
           ``signed-off``/``final`` -> ``signed-off``  ``approved="yes"`` -> ``"no"``
XLIFF 2    ``state="final"``                           ``state="translated"``
TMX        nothing (TMX has no states)                 the target ``<tuv>``'s ``changedate``, when
                                                       it has one, becomes the decision's time
=========  ==========================================  ==========================================
"""
from __future__ import annotations

import re
import time

from lxml import etree

from audit.core import lazyre
from audit.core.errors import InputError
from audit.core.xmlsafe import CP, DROP, EMPTY, PAIRED
from audit.outputs.writeback_text import Patched, lossless_codec
from audit.outputs.xmlspans import Node, escape_attr, escape_text, scan, set_attr

_ESC = str.maketrans({"&": "&amp;", '"': "&quot;", "<": "&lt;"})  # as audit.core.xmlsafe renders attributes
_TAG = lazyre.re_compile(r"(<[^<>]*>)")
_XML_ILLEGAL = lazyre.re_compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


class Slot:
    """One pair's place in the file: its id, the unit element that holds its state, its source and
    target elements (target None: missing) and where a missing target goes."""

    __slots__ = ("after", "holder", "pid", "src", "tgt", "unit")

    def __init__(self, pid, unit, holder, src, tgt, after):
        self.pid, self.unit, self.holder, self.src, self.tgt, self.after = pid, unit, holder, src, tgt, after


def _parse_safely(raw: bytes, path: str) -> str | None:
    """Parse with no entity resolution; returns the declared encoding. Bad XML is an InputError."""
    parser = etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True, huge_tree=False)
    try:
        tree = etree.fromstring(raw, parser).getroottree()
    except etree.XMLSyntaxError as exc:
        from audit.core.xmlsafe import xml_error

        raise xml_error(path, exc) from None
    return tree.docinfo.encoding


def _first(node: Node, local: str) -> Node | None:
    kids = node.kids(local)
    return kids[0] if kids else None


def _translatable(node: Node) -> bool:
    return (node.get("translate") or "").strip().lower() != "no"


def _slots_v1(root: Node) -> list[Slot]:
    out = []
    position = 0
    for el in root.iter():
        if el.local != "trans-unit":
            continue
        position += 1
        if not _translatable(el):
            continue
        pid = el.get("id") or str(position)
        src, segsrc, tgt = _first(el, "source"), _first(el, "seg-source"), _first(el, "target")
        smarks = _seg_marks(segsrc) if segsrc is not None else {}
        tmarks = _seg_marks(tgt) if smarks and tgt is not None else {}
        if smarks and (tgt is None or tmarks):
            for mid, sm in smarks.items():
                sid = f"{pid}/{mid}" if len(smarks) > 1 else pid
                out.append(Slot(sid, el, tgt, sm, tmarks.get(mid), None))
            continue
        out.append(Slot(pid, el, tgt, src, tgt, segsrc or src))
    return out


def _seg_marks(el: Node) -> dict[str, Node]:
    out: dict[str, Node] = {}
    k = 0
    for m in el.iter():
        if m is el or m.local != "mrk":
            continue
        k += 1
        if (m.get("mtype") or "") == "seg":
            out.setdefault(m.get("mid") or str(k), m)
    return out


def _slots_v2(root: Node) -> list[Slot]:
    """XLIFF 2 pairs: a unit without an id gets its 1-based position, as the reader names it."""
    out = []
    position = 0
    for el in root.iter():
        if el.local != "unit":
            continue
        position += 1
        if not _translatable(el):
            continue
        base = el.get("id") or str(position)
        segments = el.kids("segment")
        for k, seg in enumerate(segments, 1):
            pid = f"{base}/{seg.get('id') or k}" if len(segments) > 1 else base
            out.append(Slot(pid, el, seg, _first(seg, "source"), _first(seg, "target"), _first(seg, "source")))
    return out


def _slots_tmx(root: Node, path: str) -> tuple[list[Slot], str | None]:
    from audit.inputs import tmx

    src_lang, tgt_lang = tmx.languages(path, None, None)
    out = []
    position = 0
    for el in root.iter():
        if el.local != "tu":
            continue
        position += 1
        tuvs = el.kids("tuv")
        variants = []
        for tuv in tuvs:
            lang = (tuv.get("xml:lang") or tuv.get("lang") or "").strip() or None
            variants.append((lang, _first(tuv, "seg")))
        si, ti = tmx._pick(variants, src_lang, tgt_lang)
        if si is None:
            continue
        pid = el.get("tuid") or str(position)
        seg = variants[ti][1] if ti is not None else None
        out.append(Slot(pid, el, tuvs[ti] if ti is not None else None, variants[si][1], seg, tuvs[si]))
    return out, tgt_lang


def _rendered_attrs(node: Node, names) -> str:
    return "".join(f' {n}="{node.get(n).translate(_ESC)}"' for n in names if node.get(n) is not None)


def _codes(text: str, elements, rules) -> dict[str, str]:
    """{placeholder tag as the reader renders it: the element's original text} for the inline codes
    in ``elements`` (later elements win: pass the source, then the target)."""
    out: dict[str, str] = {}

    def walk(node: Node) -> None:
        for c in node.children:
            kind, names = rules.get(c.local, (None, ()))
            if kind == EMPTY:
                out[f"<{c.local}{_rendered_attrs(c, names)}/>"] = text[c.start:c.end]
            elif kind == PAIRED:
                opening = text[c.start:c.open_end]
                if c.empty:
                    opening = re.sub(r"\s*/>$", ">", opening)
                out[f"<{c.local}{_rendered_attrs(c, names)}>"] = opening
                out[f"</{c.local}>"] = f"</{c.name}>" if c.empty else text[c.close_start:c.end]
                walk(c)
            elif kind in (DROP, CP):
                continue
            else:
                walk(c)

    for el in elements:
        if el is not None:
            walk(el)
    return out


def _content(new: str, codes: dict[str, str], v2: bool, path: str, pid: str) -> str:
    """The XML content for a post-edited target: placeholders back to their codes, the rest escaped."""
    parts = []
    for k, piece in enumerate(_TAG.split(new)):
        if k % 2 and piece in codes:
            parts.append(codes[piece])
            continue
        esc = escape_text(piece)
        if _XML_ILLEGAL.search(esc):
            if not v2:
                raise InputError(f"the post-edit of unit {pid!r} has a character XML 1.0 cannot carry", path)
            esc = _XML_ILLEGAL.sub(lambda m: f'<cp hex="{ord(m.group()):04X}"/>', esc)
        parts.append(esc)
    return "".join(parts)


def _indent(text: str, node: Node) -> str:
    """The whitespace before ``node``'s start tag on its line, with the line break ("" if none)."""
    i = node.start
    j = i
    while j > 0 and text[j - 1] in " \t":
        j -= 1
    if j > 0 and text[j - 1] == "\n":
        k = j - 1
        if k > 0 and text[k - 1] == "\r":
            k -= 1
        return text[k:i]
    return ""


def _target_content(patch: Patched, slot: Slot, original: str | None, new: str, rules, v2: bool, warn) -> str:
    """The XML content of a post-edited target: the original target's inline elements kept where the
    edit leaves them (``audit.outputs.writeback_inline``), else the edited text with its codes."""
    from audit.outputs.writeback_inline import edited_content

    codes = _codes(patch.text, (slot.src, slot.tgt), rules)

    def render(piece: str, code: bool = True) -> str:
        return _content(piece, codes if code else {}, v2, patch.path, slot.pid)

    mapped = None
    if slot.tgt is not None and original is not None:
        mapped = edited_content(patch.text, slot.tgt, rules, original, new, codes, render)
    if mapped is None:
        return render(new)
    content, removed = mapped
    if removed and warn is not None:
        warn(f"{patch.path}: unit {slot.pid!r}: the post-edit has no {', '.join(removed)}; written as edited")
    return content


def _set_content(patch: Patched, node: Node, content: str) -> None:
    text = patch.text
    if node.empty:  # <x a="1"/>: only the "/>" is replaced, so an attribute can still be set
        m = re.search(r"\s*/>$", text[node.start:node.open_end])
        patch.replace(node.start + m.start(), node.end, f">{content}</{node.name}>")
    else:
        patch.replace(node.open_end, node.close_start, content)


def write_xml(path: str, fmt: str, pairs, decided: dict, version: int | None = None, warn=None) -> bytes:
    """The file at ``path`` with the decisions applied. ``decided``: pair index -> (post-edit or
    None, approved, updated time); ``pairs``: the reader's pairs in order; ``warn(message)`` is told
    of each post-edit that removed an inline code of its target."""
    with open(path, "rb") as fh:
        raw = fh.read()
    if not decided:
        return raw
    declared = _parse_safely(raw, path)
    codec = lossless_codec(raw, (declared or "utf-8").lower())
    if codec.replace("_", "-") in ("utf-16", "utf-32"):
        raise InputError(f"{declared} without a byte-order mark cannot be patched faithfully", path)
    patch = Patched(raw, codec, path)
    text = patch.text
    root = scan(text, path)
    if fmt == "tmx":
        slots, tgt_lang = _slots_tmx(root, path)
        rules, v2 = _rules("tmx"), False
    else:
        v2 = (root.get("version") or "").strip().startswith("2") or "document:2" in (root.get("xmlns") or "")
        if v2:
            slots = _slots_v2(root)
        else:
            slots = _slots_v1(root)
        rules, tgt_lang = _rules("xliff2" if v2 else "xliff1"), None
    pairs = list(pairs)
    if len(slots) != len(pairs) or any(s.pid != p.id for s, p in zip(slots, pairs)):
        bad = next((p.id for s, p in zip(slots, pairs) if s.pid != p.id), None)
        raise InputError("cannot place the decisions: the file's units do not match what was read"
                         + (f" (unit {bad!r})" if bad is not None else ""), path)
    for index, (post_edit, approved, updated) in sorted(decided.items()):
        slot, pair = slots[index], pairs[index]
        edited = post_edit is not None and post_edit != (pair.target or "")
        if not edited and pair.target is None:
            continue  # approving a unit with no translation: nothing to approve
        if fmt == "tmx":
            _apply_tmx(patch, slot, pair, post_edit if edited else None, updated, rules, tgt_lang, warn)
        elif v2:
            _apply_v2(patch, slot, pair.target, post_edit if edited else None, approved, rules, warn)
        else:
            _apply_v1(patch, slot, pair.target, post_edit if edited else None, approved, rules, warn)
    out = patch.result()
    if out is not raw:
        try:
            _parse_safely(out, path)
        except InputError as exc:
            raise InputError(f"the post-edits would make the file malformed ({exc})", path) from None
    return out


def _rules(kind: str) -> dict:
    from audit.inputs import tmx, xliff

    return {"tmx": tmx.RULES, "xliff1": xliff.RULES_1, "xliff2": xliff.RULES_2}[kind]


def _new_target(patch: Patched, slot: Slot, content: str, attrs: str) -> None:
    anchor = slot.after
    if anchor is None:
        raise InputError(f"cannot add a target to segmented unit {slot.pid!r}", patch.path)
    prefix = slot.src.prefix
    patch.insert(anchor.end, f"{_indent(patch.text, anchor)}<{prefix}target{attrs}>{content}</{prefix}target>")


def _apply_v1(patch: Patched, slot: Slot, original, new: str | None, approved: bool, rules, warn) -> None:
    unit, tgt = slot.unit, slot.tgt
    state_el = slot.holder  # the <target> (also for a segmented unit: states are per trans-unit)
    if new is not None:
        content = _target_content(patch, slot, original, new, rules, False, warn)
        if tgt is None:
            _new_target(patch, slot, content, f' state="{"signed-off" if approved else "translated"}"')
            state_el = None
        else:
            _set_content(patch, tgt, content)
    if approved:
        set_attr(patch, unit, "approved", "yes")
        if state_el is not None and state_el.get("state") is not None and state_el.get("state") not in (
                "signed-off", "final"):
            set_attr(patch, state_el, "state", "signed-off")
    elif new is not None:
        if (unit.get("approved") or "").strip().lower() == "yes":
            set_attr(patch, unit, "approved", "no")
        if state_el is not None:
            set_attr(patch, state_el, "state", "translated")


def _apply_v2(patch: Patched, slot: Slot, original, new: str | None, approved: bool, rules, warn) -> None:
    seg = slot.holder
    if new is not None:
        content = _target_content(patch, slot, original, new, rules, True, warn)
        if slot.tgt is None:
            _new_target(patch, slot, content, "")
        else:
            _set_content(patch, slot.tgt, content)
        set_attr(patch, seg, "state", "final" if approved else "translated")
    elif approved:
        set_attr(patch, seg, "state", "final")


def _apply_tmx(patch: Patched, slot: Slot, pair, new: str | None, updated: float, rules, tgt_lang,
               warn) -> None:
    if new is None:
        return
    content = _target_content(patch, slot, pair.target, new, rules, False, warn)
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime(updated or 0))
    tuv = slot.holder
    if tuv is None:
        lang = tgt_lang or pair.target_lang
        if not lang:
            raise InputError(f"cannot add a target to unit {slot.pid!r}: no target language", patch.path)
        src_tuv = slot.after
        seg_name = slot.src.name if slot.src is not None else "seg"
        indent = _indent(patch.text, src_tuv)
        inner = _indent(patch.text, slot.src) if slot.src is not None else ""
        close = _indent_before_end(patch.text, src_tuv)
        patch.insert(src_tuv.end, f'{indent}<{src_tuv.name} xml:lang="{escape_attr(lang)}">{inner}<{seg_name}>'
                                  f"{content}</{seg_name}>{close}</{src_tuv.name}>")
        return
    if slot.tgt is None:
        raise InputError(f"unit {slot.pid!r}: the target <tuv> has no <seg>", patch.path)
    _set_content(patch, slot.tgt, content)
    if tuv.get("changedate") is not None:
        set_attr(patch, tuv, "changedate", stamp)


def _indent_before_end(text: str, node: Node) -> str:
    """The whitespace (with its line break) before ``node``'s end tag, when it starts its line."""
    if node.empty:
        return ""
    fake = Node(node.name, node.close_start)
    return _indent(text, fake)
