"""XLIFF with W3C ITS 2.0 Localization Quality Issue marks, for CAT tools (as Okapi
CheckMate emits).

When every segment was read from one UTF-8 XLIFF 1.x file, the output is that file itself with
marks added (``patched``): its bytes are kept (inline codes, notes, states, alt-trans, comments,
formatting), each flagged stretch of a ``<source>``/``<target>`` is wrapped in ``<mrk
mtype="x-its" its:locQualityIssuesRef="#lqi-U-N">`` (cut at inline-code boundaries, so the file
stays well-formed; a code is marked whole), the ``<its:locQualityIssues xml:id="lqi-U-N">`` lists
go at the end of their ``<trans-unit>``, flags with no place in the text (no span, or a text that
post-edits changed) are referenced from the trans-unit itself, and the root gets the ITS namespace
and ``its:version="2.0"``. Units without flags are unchanged. An input in another encoding (UTF-16,
Latin-1) comes out as the same text declared UTF-8, the encoding of every report.

An XLIFF 2.x input is patched the same way, as the XLIFF 2.1 ITS module has it: a flagged
stretch becomes ``<mrk id="lqi-U-mK" type="its:generic" its:locQualityIssuesRef="#lqi-U-N">``
(the id unique in its unit), the ``<its:locQualityIssues>`` lists go first in their ``<unit>`` (where
the schema puts extension elements), flags with no place are referenced from the ``<unit>``, and
the root gets the ITS namespace only (the module has no ``its:version``).

Otherwise (other input formats) the file is built: every segment becomes a trans-unit (the inline
codes of a TMX or XLIFF input as XLIFF 1.2 ``<x/>``, ``<bx/>`` and ``<ex/>`` codes, never as text);
flagged stretches of the target (and
of the source, for flags on the source) are wrapped in ``<mrk mtype="x-its">`` elements that
point (``its:locQualityIssuesRef``) to a standoff ``<its:locQualityIssues>`` list holding each
issue's type, comment and severity (0-100). Overlapping flags are cut into adjacent marks that
each reference every issue covering them. Text is written through lxml: always escaped."""
from __future__ import annotations

import os

import regex
from lxml import etree

from audit.core import lazyre
from audit.core.display import char_display
from audit.core.model import Severity
from audit.outputs.pieces import pieces

# Characters XML 1.0 cannot carry: shown as their visible stand-ins (one character each, so
# the marks stay where they belong).
_XML_ILLEGAL = lazyre.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\p{Cs}]")


def _xml_text(text: str) -> str:
    return _XML_ILLEGAL.sub(lambda m: char_display(m.group())[:1] if ord(m.group()) < 0x20 else "\ufffd", text)

XLIFF_NS = "urn:oasis:names:tc:xliff:document:1.2"
ITS_NS = "http://www.w3.org/2005/11/its"
XML_NS = "http://www.w3.org/XML/1998/namespace"
SEVERITY = {Severity.MINOR: "30", Severity.MAJOR: "70", Severity.CRITICAL: "100"}

# ITS 2.0 locQualityIssueType values by check family, then by MQM category.
FAMILY_TYPE = {
    "EMP": "omission", "UNT": "untranslated", "LNG": "untranslated", "WSP": "whitespace", "MRK": "markup",
    "PUN": "typographical", "NUM": "numbers", "UNI": "numbers", "ENT": "inconsistent-entities",
    "GLU": "typographical", "SEN": "grammar", "CAS": "typographical", "REP": "duplication", "LEN": "length",
    "ENC": "characters", "ALN": "omission", "MET": "other", "TRM": "terminology", "CON": "inconsistency",
}
CATEGORY_TYPE = {
    "accuracy/omission": "omission", "accuracy/addition": "addition", "accuracy/untranslated": "untranslated",
    "accuracy/mistranslation": "mistranslation", "fluency/punctuation": "typographical",
    "fluency/spelling": "misspelling", "fluency/grammar": "grammar", "fluency/register": "register",
    "fluency/inconsistency": "inconsistency", "fluency/character-encoding": "characters",
    "terminology/inconsistent": "terminology", "terminology/wrong-term": "terminology", "style/awkward": "style",
    "markup/tag": "markup", "markup/placeholder": "markup", "non-translation": "untranslated",
}


def its_type(flag) -> str:
    if flag.category in ("accuracy/omission", "accuracy/addition"):
        return CATEGORY_TYPE[flag.category]
    return FAMILY_TYPE.get(flag.code[:3]) or CATEGORY_TYPE.get(flag.category, "other")


def _q(ns: str, tag: str) -> str:
    return f"{{{ns}}}{tag}"


_PLACEHOLDER = lazyre.compile(r'<(/?)([A-Za-z]+)((?:\s+[\w:.-]+="[^"]*")*)\s*(/?)>')
_PH_ATTR = lazyre.compile(r'([\w:.-]+)="([^"]*)"')
# Inline codes as the TMX and XLIFF readers render them, by element name: what XLIFF 1.2 code each becomes
# (every one an empty element, so the marks nest with them whatever they cover).
_AS_CODE = {"ph": "x", "x": "x", "ut": "x", "bpt": "bx", "bx": "bx", "sc": "bx", "ept": "ex", "ex": "ex", "ec": "ex",
            "it": "it", "g": "g", "pc": "g"}


class _Codes:
    """The placeholder tags of one text turned into XLIFF 1.2 ``<x/>``/``<bx/>``/``<ex/>`` codes (when
    the input had codes: TMX, XLIFF); a paired code's end gets its start's id."""

    def __init__(self, on: bool):
        self.on, self.open, self.n = on, [], 0

    def element(self, parent, m):
        from audit.outputs.xmlspans import unescape

        closing, name, empty = m.group(1) == "/", m.group(2), m.group(4) == "/"
        kind = _AS_CODE.get(name)
        attrs = {k: unescape(v) for k, v in _PH_ATTR.findall(m.group(3))}
        if kind is None or (closing and (kind != "g" or not self.open)) or (kind != "g" and not empty):
            return None
        self.n += 1
        ident = attrs.get("id") or attrs.get("x") or attrs.get("i") or str(self.n)
        if kind == "it":
            kind = "ex" if attrs.get("pos") == "end" else "bx"
        rid = None
        if kind == "g":
            if closing:
                kind, ident = "ex", self.open.pop()
            else:
                kind = "bx"
                self.open.append(ident)
            rid = ident
        elif kind in ("bx", "ex"):
            rid = attrs.get("i") or attrs.get("rid") or attrs.get("startRef") or ident
        el = etree.SubElement(parent, _q(XLIFF_NS, kind))
        el.set("id", _xml_text(ident))
        if rid is not None:
            el.set("rid", _xml_text(rid))
        return el


def _put(parent, last, chunk: str, codes: _Codes):
    """Append ``chunk`` to ``parent`` after ``last`` (None: the start), its placeholders as codes;
    returns the new last child."""
    def text(s, last):
        s = _xml_text(s)
        if last is None:
            parent.text = (parent.text or "") + s
        else:
            last.tail = (last.tail or "") + s

    pos = 0
    if codes.on:
        for m in _PLACEHOLDER.finditer(chunk):
            el = codes.element(parent, m)
            if el is None:
                continue
            parent.remove(el)
            text(chunk[pos:m.start()], last)
            parent.append(el)
            last, pos = el, m.end()
    text(chunk[pos:], last)
    return last


def _fill(parent, text: str, flags, side: str, refs: dict, ids: list, with_codes: bool = False) -> None:
    """Append text and marks to ``parent``; ``refs`` maps a frozenset of flag indices to its list id;
    ``with_codes``: placeholder tags of inline codes become XLIFF 1.2 codes, not text."""
    last = None
    codes = _Codes(with_codes)
    for a, b, covering in _whole_codes(text, pieces(text, flags, side), with_codes):
        chunk = text[a:b]
        if not covering:
            last = _put(parent, last, chunk, codes)
            continue
        key = frozenset(ids.index(f) for f in covering)
        if key not in refs:
            refs[key] = f"lqi{len(refs) + 1}"
        mrk = etree.SubElement(parent, _q(XLIFF_NS, "mrk"))
        mrk.set("mtype", "x-its")
        mrk.set(_q(ITS_NS, "locQualityIssuesRef"), "#" + refs[key])
        _put(mrk, None, chunk, codes)
        last = mrk


def _whole_codes(text: str, cut, with_codes: bool):
    """``cut`` (pieces of ``text``) with every cut inside a placeholder tag moved to the tag's end, so a
    code is marked whole (a piece left empty goes)."""
    if not with_codes:
        yield from cut
        return
    inside = {}
    for m in _PLACEHOLDER.finditer(text):
        if m.group(2) in _AS_CODE:
            for i in range(m.start() + 1, m.end()):
                inside[i] = m.end()
    for a, b, covering in cut:
        a2, b2 = inside.get(a, a), inside.get(b, b)
        if a2 < b2 or a == b:
            yield a2, b2, covering


def _coded_inputs(result) -> set:
    """The input files of ``result`` whose segments carry inline codes as placeholder tags (TMX, XLIFF)."""
    from audit.inputs import detect_format

    out = set()
    for path in {getattr(seg.pair.source_origin, "path", None) for seg in result.segments}:
        try:
            if path and os.path.isfile(path) and detect_format(path) in ("tmx", "xliff"):
                out.add(path)
        except Exception:  # an unreadable or unknown file: its text is text  # noqa: BLE001, S112
            continue
    return out


def build(result) -> etree._ElementTree:
    nsmap = {None: XLIFF_NS, "its": ITS_NS}
    root = etree.Element(_q(XLIFF_NS, "xliff"), nsmap=nsmap)
    root.set("version", "1.2")
    root.set(_q(ITS_NS, "version"), "2.0")
    f = etree.SubElement(root, _q(XLIFF_NS, "file"))
    f.set("original", "transaudit")
    f.set("datatype", "plaintext")
    f.set("source-language", _xml_text(result.source_lang or "und"))
    f.set("target-language", _xml_text(result.target_lang or "und"))
    body = etree.SubElement(f, _q(XLIFF_NS, "body"))
    coded_paths = _coded_inputs(result)
    for n, seg in enumerate(result.segments):
        pair = seg.pair
        unit = f"u{n + 1}"
        tu = etree.SubElement(body, _q(XLIFF_NS, "trans-unit"))
        tu.set("id", _xml_text(pair.id))
        flags = list(seg.flags)
        refs: dict = {}
        src = etree.SubElement(tu, _q(XLIFF_NS, "source"))
        coded = getattr(pair.source_origin, "path", None) in coded_paths
        _fill(src, pair.source, flags, "source", refs, flags, coded)
        if pair.target is not None:
            tgt = etree.SubElement(tu, _q(XLIFF_NS, "target"))
            _fill(tgt, pair.target, flags, "target", refs, flags, coded)
        # Flags with no span at all still belong to the unit: a list on the trans-unit itself.
        unplaced = [i for i, fl in enumerate(flags) if not fl.spans]
        if unplaced:
            key = frozenset(unplaced)
            refs.setdefault(key, f"lqi{len(refs) + 1}")
            tu.set(_q(ITS_NS, "locQualityIssuesRef"), "#" + refs[key])
        for key, list_id in sorted(refs.items(), key=lambda kv: int(kv[1][3:])):
            lst = etree.SubElement(tu, _q(ITS_NS, "locQualityIssues"))
            lst.set(_q(XML_NS, "id"), f"{unit}-{list_id}")
            for i in sorted(key):
                fl = flags[i]
                issue = etree.SubElement(lst, _q(ITS_NS, "locQualityIssue"))
                issue.set("locQualityIssueType", its_type(fl))
                issue.set("locQualityIssueComment", _xml_text(f"{fl.code} {fl.name}: {fl.message}"))
                issue.set("locQualityIssueSeverity", SEVERITY[fl.severity])
        # point the refs at the unit-qualified ids
        for el in tu.iter():
            ref = el.get(_q(ITS_NS, "locQualityIssuesRef"))
            if ref:
                el.set(_q(ITS_NS, "locQualityIssuesRef"), f"#{unit}-{ref[1:]}")
    return etree.ElementTree(root)


def write(result, out, *, color: bool = False) -> None:
    found = _input_xliff(result)
    data = None
    if found is not None:
        from audit.core.errors import InputError

        try:
            data = patched(result, *found)
        except (InputError, OSError, ValueError):  # a file the scan cannot place: the built file instead
            data = None
    if data is not None:
        codec = _codec_of(data)
        if codec == "utf-8":
            out.write(data.decode("utf-8"))  # the input's own text (a BOM kept) with the marks
            return
        try:  # another encoding: the same text, declared as the UTF-8 the report is written in
            text = data.decode(codec).lstrip("\ufeff")
        except (LookupError, UnicodeDecodeError):
            text = None
        if text is not None:
            out.write(regex.sub(r"""^(<\?xml[^>]*?encoding\s*=\s*)(["'])[^"']*\2""", r"\1\2UTF-8\2", text, count=1))
            return
    data = etree.tostring(build(result), xml_declaration=True, encoding="UTF-8", pretty_print=False)
    out.write(data.decode("utf-8") + "\n")


def _codec_of(data: bytes) -> str:
    from audit.outputs.writeback_text import lossless_codec

    m = regex.match(rb"<\?xml[^>]*encoding=[\"']([A-Za-z0-9._-]+)", data.lstrip(b"\xef\xbb\xbf"))
    return lossless_codec(data, m.group(1).decode().lower() if m else None)


# -- the input XLIFF 1.2 itself, with the marks added ------------------------------------------------


def _input_xliff(result) -> tuple[str, int] | None:
    """(path, major version) of the one XLIFF file every segment of ``result`` was read from, else None."""
    paths = {getattr(seg.pair.target_origin or seg.pair.source_origin, "path", None) for seg in result.segments}
    if len(paths) != 1:
        return None
    path = paths.pop()
    if not path or not os.path.isfile(path):
        return None
    try:
        from audit.inputs.xliff import _scan

        version, _src, _tgt = _scan(path)
    except Exception:  # not XLIFF at all: the built file  # noqa: BLE001
        return None
    return (path, version) if version in (1, 2) else None


_CHAR_REF = lazyre.compile(r"&(#x[0-9A-Fa-f]+|#[0-9]+|lt|gt|amp|quot|apos);")
_ANY_REF = lazyre.compile(r"&[^\s&;<>]+;")


def _text_units(text: str, a: int, b: int, parent, units: list) -> None:
    """Character data of ``text[a:b]`` as units (rendered, raw start, raw end, parent, atomic):
    references decoded, CDATA literal, comments and PIs dropped, line ends normalised."""
    from audit.outputs.xmlspans import unescape

    i = a
    while i < b:
        c = text[i]
        if c == "<":
            if text.startswith("<!--", i):
                i = text.index("-->", i) + 3
            elif text.startswith("<?", i):
                i = text.index("?>", i) + 2
            elif text.startswith("<![CDATA[", i):
                j = text.index("]]>", i)
                for k in range(i + 9, j):
                    units.append((text[k], k, k + 1, parent, False))
                i = j + 3
            else:
                i += 1
            continue
        if c == "&":
            m = _CHAR_REF.match(text, i) or _ANY_REF.match(text, i)
            if m is not None:
                ref = m.group()
                decoded = unescape(ref) if _CHAR_REF.match(ref) else ref
                units.append((decoded, i, m.end(), parent, len(decoded) > 1))
                i = m.end()
                continue
        if c == "\r":
            j = i + 2 if text.startswith("\r\n", i) else i + 1
            units.append(("\n", i, j, parent, False))
            i = j
            continue
        units.append((c, i, i + 1, parent, False))
        i += 1


def _render_units(text: str, node, rules) -> list:
    """The element's content as the reader renders it, one unit per piece with its place in ``text``."""
    from audit.core.xmlsafe import _ESC, CP, DROP, EMPTY, PAIRED

    units: list = []

    def attrs(c, names):
        return "".join(f' {n}="{c.get(n).translate(_ESC)}"' for n in names if c.get(n) is not None)

    def walk(el):
        pos = el.open_end
        for c in [*el.children, None]:
            _text_units(text, pos, c.start if c is not None else el.close_start, el, units)
            if c is None:
                break
            kind, names = rules.get(c.local, (None, ()))
            if kind == EMPTY:
                units.append((f"<{c.local}{attrs(c, names)}/>", c.start, c.end, el, True))
            elif kind == PAIRED and c.empty:
                units.append((f"<{c.local}{attrs(c, names)}></{c.local}>", c.start, c.end, el, True))
            elif kind == PAIRED:
                units.append((f"<{c.local}{attrs(c, names)}>", c.start, c.open_end, None, True))
                walk(c)
                units.append((f"</{c.local}>", c.close_start, c.end, None, True))
            elif kind == CP:
                try:
                    units.append((chr(int(c.get("hex") or "", 16)), c.start, c.end, el, True))
                except (ValueError, OverflowError):
                    pass
            elif kind != DROP and not c.empty:
                walk(c)
            pos = c.end

    if not node.empty:
        walk(node)
    return units


def _mark(patch, node, rendered_units, text: str, flags, side: str, ref_of, mrk: str, opening_of) -> bool:
    """Wrap the flagged stretches of ``node``'s content in marks (``opening_of(ref)``: a mark's start
    tag without its ``>``); False when ``text`` is not what the file holds there (the flags then go
    on the unit)."""
    if "".join(u[0] for u in rendered_units) != text:
        return False
    owner = []  # rendered character -> unit index
    for k, u in enumerate(rendered_units):
        owner.extend([k] * len(u[0]))
    for a, b, covering in pieces(text, flags, side):
        if not covering:
            continue
        ref = ref_of(covering)
        if a == b:
            at = rendered_units[owner[a]][1] if a < len(owner) else node.close_start
            patch.insert(at, opening_of(ref) + "/>")
            continue
        idx = sorted(set(owner[a:b]))
        runs: list[list[int]] = []
        for k in idx:
            parent = rendered_units[k][3]
            if parent is None:
                runs.append([])
                continue
            if runs and runs[-1] and runs[-1][-1] == k - 1 and rendered_units[runs[-1][-1]][3] is parent:
                runs[-1].append(k)
            else:
                runs.append([k])
        for run in runs:
            if run:
                patch.insert(rendered_units[run[0]][1], opening_of(ref) + ">")
                patch.insert(rendered_units[run[-1]][2], f"</{mrk}>")
    return True


def patched(result, path: str, version: int = 1) -> bytes | None:
    """The input XLIFF file (1.x or 2.x) with ITS marks and issue lists added, or None when its
    units cannot all be matched with the audited segments (the built file is written then)."""
    from audit.inputs.xliff import RULES_1, RULES_2
    from audit.outputs.writeback_text import Patched, lossless_codec
    from audit.outputs.writeback_xml import _parse_safely, _slots_v1, _slots_v2
    from audit.outputs.xmlspans import scan, set_attr

    with open(path, "rb") as fh:
        raw = fh.read()
    declared = _parse_safely(raw, path)
    patch = Patched(raw, lossless_codec(raw, (declared or "utf-8").lower()), path)
    text = patch.text
    root = scan(text, path)
    v2 = version == 2
    rules = RULES_2 if v2 else RULES_1
    slots: dict[str, list] = {}
    for n, slot in enumerate(_slots_v2(root) if v2 else _slots_v1(root)):
        slots.setdefault(slot.pid, []).append((n, slot))
    its_prefix = next((k[6:] for k, v in root.attrs.items() if k.startswith("xmlns:") and v[0] == ITS_NS), None)
    if its_prefix not in (None, "its"):
        return None
    tag = _free_prefix(text)
    lists: dict[int, list] = {}  # unit start -> [(list id, issue flags)]
    units: dict[int, object] = {}
    unplaced_of: dict[int, list] = {}  # unit start -> the flags of the list the unit itself references
    appended: dict[int, tuple] = {}  # the file's own list a unit references -> (its node, flags added to it)
    for seg in result.segments:
        flags = list(seg.flags)
        if not flags:
            continue
        pair = seg.pair
        found = slots.get(pair.id)
        if not found:
            return None
        n, slot = found.pop(0) if len(found) > 1 else found[0]
        unit = slot.unit
        units[unit.start] = unit
        mine = lists.setdefault(unit.start, [])
        keys: dict = {}

        def ref_of(covering, n=n, mine=mine, keys=keys, flags=flags):
            key = frozenset(flags.index(f) for f in covering)
            if key not in keys:
                keys[key] = f"{tag}-{n + 1}-{len(mine) + 1}"
                mine.append((keys[key], [flags[i] for i in sorted(key)]))
            return keys[key]

        mrk = slot.src.prefix + "mrk"
        marks = [0]

        def opening_of(ref, n=n, mrk=mrk, marks=marks):
            if not v2:
                return f'<{mrk} mtype="x-its" its:locQualityIssuesRef="#{ref}"'
            marks[0] += 1  # XLIFF 2: a <mrk> needs an id, unique in its unit
            return f'<{mrk} id="{tag}-{n + 1}-m{marks[0]}" type="its:generic" its:locQualityIssuesRef="#{ref}"'

        placed: set[int] = set()
        for side, node, txt in (("source", slot.src, pair.source), ("target", slot.tgt, pair.target)):
            side_flags = [f for f in flags if any(sp.side == side for sp in f.spans)]
            if side_flags and node is not None and txt is not None and _mark(
                    patch, node, _render_units(text, node, rules), txt, side_flags, side, ref_of, mrk, opening_of):
                placed.update(id(f) for f in side_flags)
        unplaced = [f for f in flags if id(f) not in placed]  # no span, or a span the file cannot show
        if unplaced and unit.start in unplaced_of:  # another segment of the unit: one list for the unit
            unplaced_of[unit.start].extend(unplaced)
        elif unplaced and _own_list(unit) is not None:  # the unit references a list already: add to it
            own = _own_list(unit)
            unplaced_of[unit.start] = appended.setdefault(own.start, (own, []))[1]
            unplaced_of[unit.start].extend(unplaced)
        elif unplaced:
            ref = ref_of(unplaced)
            unplaced_of[unit.start] = next(fl for list_id, fl in mine if list_id == ref)
            set_attr(patch, unit, "its:locQualityIssuesRef", "#" + ref)
    if not lists:
        return raw
    if not _insert_lists(patch, text, lists, units, appended, v2):
        return None
    return _declared(patch, root, its_prefix is None, v2, path)


def _declared(patch, root, add_ns: bool, v2: bool, path: str) -> bytes:
    """The patched file with the ITS namespace (and, in XLIFF 1, ``its:version``) declared on its root,
    checked to be well-formed."""
    from audit.outputs.writeback_xml import _parse_safely
    from audit.outputs.xmlspans import set_attr

    if add_ns:
        patch.insert(root.attr_end, f' xmlns:its="{ITS_NS}"')
    if not v2 and root.get("its:version") is None:  # the XLIFF 2 ITS module has no its:version
        set_attr(patch, root, "its:version", "2.0")
    out = patch.result()
    _parse_safely(out, path)
    return out


def _insert_lists(patch, text: str, lists: dict, units: dict, appended: dict, v2: bool) -> bool:
    """Insert the ``<its:locQualityIssues>`` lists: issues added to a unit's own list, and each unit's
    new lists (first in an XLIFF 2 ``<unit>``, last in an XLIFF 1 unit). False when a unit cannot hold one."""
    from audit.outputs.writeback_xml import _indent

    for own, fl in appended.values():
        inner = _indent(text, own.children[0]) if own.children else _indent(text, own) + "  "
        patch.insert(own.close_start - len(_indent_close(text, own)), "".join(_issue_xml(inner, f) for f in fl))
    for start, entries in lists.items():
        unit = units[start]
        if unit.empty or not unit.children:
            return False
        inner = _indent(text, unit.children[0]) or "\n"
        body = []
        for list_id, fl in entries:
            issues = "".join(_issue_xml(inner + "  ", f) for f in fl)
            body.append(f'{inner}<its:locQualityIssues xml:id="{list_id}">{issues}{inner}</its:locQualityIssues>')
        if v2:  # XLIFF 2: extension elements come first in a <unit>
            patch.insert(unit.open_end, "".join(body))
            continue
        outer = _indent_close(text, unit)
        at = unit.close_start - len(outer) if outer and text[unit.close_start - len(outer):unit.close_start] == outer \
            else unit.close_start
        patch.insert(at, "".join(body))
    return True


def _issue_xml(indent: str, f) -> str:
    from audit.outputs.xmlspans import escape_attr

    return (f'{indent}<its:locQualityIssue locQualityIssueType="{its_type(f)}" '
            f'locQualityIssueComment="{escape_attr(_xml_text(f"{f.code} {f.name}: {f.message}"))}" '
            f'locQualityIssueSeverity="{SEVERITY[f.severity]}"/>')


def _own_list(unit):
    """The ``<its:locQualityIssues>`` child that ``unit``'s own ``its:locQualityIssuesRef`` points to, if any."""
    ref = unit.get("its:locQualityIssuesRef") or ""
    return next((c for c in unit.children if c.local == "locQualityIssues" and not c.empty
                 and ref == "#" + (c.get("xml:id") or "")), None) if ref.startswith("#") else None


def _free_prefix(text: str) -> str:
    """``lqi``, or ``lqi2``, ``lqi3``... when the file already has ids starting ``lqi-`` (a file
    exported before and audited again): the new ids never clash with the file's."""
    taken = {m.group(1).split("-", 1)[0] for m in regex.finditer(r'\bid\s*=\s*["\']([^"\']*-)', text)}
    k, tag = 1, "lqi"
    while tag in taken:
        k += 1
        tag = f"lqi{k}"
    return tag


def _indent_close(text: str, node) -> str:
    """The line break and indentation before ``node``'s end tag, when it starts its line."""
    i = node.close_start
    j = i
    while j > 0 and text[j - 1] in " \t":
        j -= 1
    if j > 0 and text[j - 1] == "\n":
        k = j - 1 - (1 if j > 1 and text[j - 2] == "\r" else 0)
        return text[k:i]
    return ""
