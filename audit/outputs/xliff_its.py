"""XLIFF 1.2 with W3C ITS 2.0 Localization Quality Issue marks, for CAT tools (as Okapi
CheckMate emits): every segment becomes a trans-unit; flagged stretches of the target (and
of the source, for flags on the source) are wrapped in ``<mrk mtype="x-its">`` elements that
point (``its:locQualityIssuesRef``) to a standoff ``<its:locQualityIssues>`` list holding each
issue's type, comment and severity (0-100). Overlapping flags are cut into adjacent marks that
each reference every issue covering them. Text is written through lxml: always escaped."""
from __future__ import annotations

import regex
from lxml import etree

from audit.core.display import char_display
from audit.core.model import Severity
from audit.outputs.pieces import pieces

# Characters XML 1.0 cannot carry: shown as their visible stand-ins (one character each, so
# the marks stay where they belong).
_XML_ILLEGAL = regex.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\p{Cs}]")


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


def _fill(parent, text: str, flags, side: str, refs: dict, ids: list) -> None:
    """Append text and marks to ``parent``; ``refs`` maps a frozenset of flag indices to its list id."""
    last = None
    for a, b, covering in pieces(text, flags, side):
        chunk = _xml_text(text[a:b])
        if not covering:
            if last is None:
                parent.text = (parent.text or "") + chunk
            else:
                last.tail = (last.tail or "") + chunk
            continue
        key = frozenset(ids.index(f) for f in covering)
        if key not in refs:
            refs[key] = f"lqi{len(refs) + 1}"
        mrk = etree.SubElement(parent, _q(XLIFF_NS, "mrk"))
        mrk.set("mtype", "x-its")
        mrk.set(_q(ITS_NS, "locQualityIssuesRef"), "#" + refs[key])
        mrk.text = chunk
        last = mrk


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
    for n, seg in enumerate(result.segments):
        pair = seg.pair
        unit = f"u{n + 1}"
        tu = etree.SubElement(body, _q(XLIFF_NS, "trans-unit"))
        tu.set("id", _xml_text(pair.id))
        flags = list(seg.flags)
        refs: dict = {}
        src = etree.SubElement(tu, _q(XLIFF_NS, "source"))
        _fill(src, pair.source, flags, "source", refs, flags)
        if pair.target is not None:
            tgt = etree.SubElement(tu, _q(XLIFF_NS, "target"))
            _fill(tgt, pair.target, flags, "target", refs, flags)
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
    data = etree.tostring(build(result), xml_declaration=True, encoding="UTF-8", pretty_print=False)
    out.write(data.decode("utf-8") + "\n")
