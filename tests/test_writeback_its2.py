"""The XLIFF-with-ITS export of an XLIFF 2.0 input is that file with ITS 2.0 Localization Quality
Issue marks as the XLIFF 2.1 ITS module writes them: ``<mrk id=.. type="its:generic"
its:locQualityIssuesRef="#..">`` around each flagged stretch (inline codes kept as codes, marks
cut at their boundaries), ``<its:locQualityIssues>`` lists first in their ``<unit>``, unplaceable
flags referenced from the unit. Stripping the added markup gives the input back byte for byte,
every reference resolves inside its own unit, and the reader gets the same texts back."""
from __future__ import annotations

import io
import os
import re

from lxml import etree

from audit.cli import main as cli_main
from audit.core.model import AuditResult, Flag, PairResult, Severity, Span
from audit.inputs import open_input
from audit.outputs.xliff_its import write

FIX = os.path.join(os.path.dirname(__file__), "fixtures", "writeback")
ITS = "http://www.w3.org/2005/11/its"
X2 = "urn:oasis:names:tc:xliff:document:2.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
_ADDED = re.compile(r'<mrk id="lqi-[^"]+" type="its:generic" its:locQualityIssuesRef="#[^"]+"/?>|</mrk>|'
                    r"\s*<its:locQualityIssues .*?</its:locQualityIssues>|"
                    r' xmlns:its="[^"]+"| its:locQualityIssuesRef="#[^"]+"', re.DOTALL)

RU = """<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="ru">
  <file id="f1">
    <unit id="p1">
      <segment id="1" state="translated">
        <source>Back up 15 files.</source>
        <target>Сохраните 51 файл.</target>
      </segment>
      <ignorable><source> </source></ignorable>
      <segment id="2" state="translated">
        <source>Then restart.</source>
        <target>Затем перезапустите.</target>
      </segment>
    </unit>
  </file>
</xliff>
"""


def _read(path) -> bytes:
    with open(path, "rb") as fh:
        return fh.read()


def _result(pairs, flags_by_id, tgt="ja"):
    segs = tuple(PairResult(p, tuple(flags_by_id.get(p.id, ()))) for p in pairs)
    return AuditResult(segs, "en", tgt, "sig", {})


def _flag(pid, code, spans, sev=Severity.MAJOR):
    return Flag(pid, code, "test-check", sev, "accuracy/mistranslation", f"{code} message <&>", tuple(spans), code + pid)


def _issues_by_unit(data: bytes) -> dict[str, list[str]]:
    """{unit id: comments of the issues its marks and its own reference point to}; every reference
    resolved inside its unit (KeyError otherwise), mark ids unique in the unit."""
    root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    out = {}
    for unit in root.iter(f"{{{X2}}}unit"):
        lists = {lst.get(XML_ID): lst for lst in unit.iter(f"{{{ITS}}}locQualityIssues")}
        refs = [el.get(f"{{{ITS}}}locQualityIssuesRef") for el in unit.iter() if el.get(f"{{{ITS}}}locQualityIssuesRef")]
        out[unit.get("id")] = sorted({i.get("locQualityIssueComment") for r in refs
                                      for i in lists[r[1:]].iter(f"{{{ITS}}}locQualityIssue")})
        assert len(lists) == len(set(refs))
        ids = [m.get("id") for m in unit.iter(f"{{{X2}}}mrk")]
        assert len(ids) == len(set(ids)) and all(ids)
        for m in unit.iter(f"{{{X2}}}mrk"):
            if m.get(f"{{{ITS}}}locQualityIssuesRef"):
                assert m.get("type") == "its:generic"
        kids = [etree.QName(c).localname for c in unit if isinstance(c.tag, str)]
        if lists:  # extension elements come before <notes>, <originalData> and the segments
            assert kids[: len(lists)] == ["locQualityIssues"] * len(lists)
    return out


def test_its_export_of_xliff2_is_the_input_with_marks(tmp_path):
    path = os.path.join(FIX, "app2.xlf")
    before = _read(path)
    pairs = list(open_input([path]))
    by_id = {p.id: p for p in pairs}
    t1 = by_id["u1"].target  # 'こんにちは <pc id="1">親愛なる</pc> <ph id="2"/>!'
    a, b = t1.index("親愛"), t1.index("</pc>") + len("</pc> ")  # crosses the end of <pc>
    c = t1.index("<ph")
    flags = {"u1": [_flag("u1", "AAA001", [Span("target", a, b)]),
                    _flag("u1", "BBB001", [Span("target", c, c + len('<ph id="2"/>'))], Severity.MINOR),
                    _flag("u1", "CCC001", [])],
             "u2/b": [_flag("u2/b", "DDD001", [Span("target", 3, 4)])]}
    buf = io.StringIO()
    write(_result(pairs, flags), buf)
    data = buf.getvalue()
    assert _read(path) == before  # the input is never modified
    assert _ADDED.sub("", data) == before.decode()
    assert ('<target>こんにちは <pc id="1" dataRefStart="d1" dataRefEnd="d2"><mrk id="lqi-1-m1" type="its:generic" '
            'its:locQualityIssuesRef="#lqi-1-1">親愛なる</mrk></pc><mrk id="lqi-1-m2" type="its:generic" '
            'its:locQualityIssuesRef="#lqi-1-1"> </mrk><mrk id="lqi-1-m3" type="its:generic" '
            'its:locQualityIssuesRef="#lqi-1-2"><ph id="2" dataRef="d3"/></mrk>!</target>') in data
    assert '<unit id="u1" name="greeting" its:locQualityIssuesRef="#lqi-1-3">' in data
    assert 'its:version' not in data and f'<xliff xmlns="{X2}" version="2.0" srcLang="en" trgLang="ja" xmlns:its="{ITS}">' in data
    assert 'locQualityIssueComment="AAA001 test-check: AAA001 message &lt;&amp;&gt;"' in data
    assert 'locQualityIssueSeverity="30"' in data and 'locQualityIssueType="mistranslation"' in data
    issues = _issues_by_unit(data.encode())
    assert [x.split()[0] for x in issues["u1"]] == ["AAA001", "BBB001", "CCC001"]
    assert [x.split()[0] for x in issues["u2"]] == ["DDD001"] and issues["u3"] == [] and issues["u4"] == []
    # the reader gets the same units and texts back: the marks are transparent, the codes codes
    again = tmp_path / "again.xlf"
    again.write_text(data, encoding="utf-8")
    assert [(p.id, p.source, p.target) for p in open_input([str(again)])] == [(p.id, p.source, p.target) for p in pairs]


def test_its_export_of_xliff2_segments_of_one_unit_share_its_reference(tmp_path):
    path = tmp_path / "ru.xlf"
    path.write_text(RU, encoding="utf-8")
    pairs = list(open_input([str(path)]))
    assert [p.id for p in pairs] == ["p1/1", "p1/2"]
    flags = {"p1/1": [_flag("p1/1", "NUM001", [Span("target", 10, 12)]), _flag("p1/1", "LEN001", [])],
             "p1/2": [_flag("p1/2", "SEN001", [])]}
    buf = io.StringIO()
    write(_result(pairs, flags, "ru"), buf)
    data = buf.getvalue()
    assert _ADDED.sub("", data) == RU
    assert data.count("its:locQualityIssuesRef=") == 2  # one mark, one reference on the unit
    assert '<target>Сохраните <mrk id="lqi-1-m1" type="its:generic" its:locQualityIssuesRef="#lqi-1-1">51</mrk> файл.</target>' in data
    assert [x.split()[0] for x in _issues_by_unit(data.encode())["p1"]] == ["LEN001", "NUM001", "SEN001"]


def test_its_export_of_an_edited_xliff2_text_puts_the_flags_on_the_unit():
    from dataclasses import replace

    path = os.path.join(FIX, "app2.xlf")
    pairs = list(open_input([path]))
    edited = [replace(p, target="こんにちは!") if p.id == "u1" else p for p in pairs]
    buf = io.StringIO()
    write(_result(edited, {"u1": [_flag("u1", "AAA001", [Span("target", 0, 5)])]}), buf)
    data = buf.getvalue()
    assert "<mrk" not in data and '<unit id="u1" name="greeting" its:locQualityIssuesRef="#lqi-1-1">' in data
    assert _ADDED.sub("", data) == _read(path).decode()


def test_cli_its_export_of_xliff2(tmp_path, capsys):
    src = tmp_path / "ru.xlf"
    src.write_text(RU.replace("51 файл", "15 файлов"), encoding="utf-8")  # a clean translation
    out = tmp_path / "out.xlf"
    code = cli_main(["check", str(src), "-F", "xliff", "-o", str(out)])
    assert code in (0, 1)
    data = out.read_bytes()
    root = etree.fromstring(data)
    assert root.get("version") == "2.0"  # the input itself, not a built XLIFF 1.2
    assert _ADDED.sub("", data.decode()) == src.read_text(encoding="utf-8")


def test_built_export_of_a_tmx_keeps_codes_as_codes_and_literal_tags_as_text():
    X1 = "urn:oasis:names:tc:xliff:document:1.2"
    pairs = list(open_input([os.path.join(FIX, "memory.tmx")]))
    t = pairs[0].target  # 'Сначала прочтите <bpt i="1" x="1"/>ЧаВо<ept i="1"/>.'
    cut = t.index('i="1"/>.')  # a flag that ends inside the <ept/> tag: the code is marked whole
    zh = [p for p in open_input([os.path.join(os.path.dirname(__file__), "fixtures", "corpora", "en-zh", "mixed.tmx")])
          if p.id == "z1"]
    assert zh[0].target == "点击<b>保存</b>以保留更改。"  # escaped text in the TMX, not a code
    buf = io.StringIO()
    write(_result(pairs + zh, {pairs[0].id: [_flag(pairs[0].id, "AAA001", [Span("target", 2, cut)])]}, "ru"), buf)
    data = buf.getvalue()
    assert ('<target>Сн<mrk mtype="x-its" its:locQualityIssuesRef="#u1-lqi1">ачала прочтите <bx id="1" rid="1"/>ЧаВо'
            '<ex id="1" rid="1"/></mrk>.</target>') in data
    assert "<target>Цена: <x id=\"2\"/></target>" in data and "&lt;ph" not in data and "&lt;ept" not in data
    assert "<target>点击&lt;b&gt;保存&lt;/b&gt;以保留更改。</target>" in data
    root = etree.fromstring(data.encode())
    assert root.get("version") == "1.2" and len(list(root.iter(f"{{{X1}}}trans-unit"))) == 4
    from translate.storage import xliff

    units = xliff.xlifffile.parsestring(data.encode()).units
    assert [u.getid().split("\x04")[-1] for u in units] == ["home.1", "home.2", "home.3", "z1"]


def test_built_export_of_a_po_keeps_its_markup_as_text(tmp_path):
    po = tmp_path / "ja.po"
    po.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: ja\\n"\n\n'
                  'msgid "Press <ph x=\\"1\\"/> <b>now</b>"\nmsgstr "<b>今すぐ</b> <ph x=\\"1\\"/> を押す"\n', encoding="utf-8")
    pairs = list(open_input([str(po)]))
    buf = io.StringIO()
    write(_result(pairs, {}), buf)
    assert '<target>&lt;b&gt;今すぐ&lt;/b&gt; &lt;ph x="1"/&gt; を押す</target>' in buf.getvalue()


def test_exporting_an_export_again_never_reuses_its_ids(tmp_path):
    for name, flag_id in (("app2.xlf", "u1"), ("its.xlf", "1")):
        path = os.path.join(FIX, name)
        pairs = list(open_input([path]))
        flags = {flag_id: [_flag(flag_id, "AAA001", [Span("target", 0, 3)]), _flag(flag_id, "BBB001", [])]}
        buf = io.StringIO()
        write(_result(pairs, flags), buf)
        first = tmp_path / ("1-" + name)
        first.write_text(buf.getvalue(), encoding="utf-8")
        again = list(open_input([str(first)]))
        assert [(p.id, p.target) for p in again] == [(p.id, p.target) for p in pairs]
        buf = io.StringIO()
        write(_result(again, {flag_id: [_flag(flag_id, "CCC001", [Span("target", 1, 2)]), _flag(flag_id, "DDD001", [])]}), buf)
        data = buf.getvalue().encode()
        root = etree.fromstring(data)
        ids = [el.get(XML_ID) for el in root.iter() if el.get(XML_ID)]
        # the new marks' list is new (lqi2-), the unit-level flag joins the list the unit references
        assert len(ids) == 3 and len(set(ids)) == 3 and any(i.startswith("lqi2-") for i in ids)
        mrk_ids = [el.get("id") for el in root.iter("{*}mrk") if el.get("id")]
        assert len(mrk_ids) == len(set(mrk_ids))
        if name == "app2.xlf":
            comments = _issues_by_unit(data)[flag_id]
        else:  # (XLIFF 1.2: the same reading, by trans-unit)
            from test_writeback_its import _issues_by_unit as by_trans_unit

            comments = by_trans_unit(data)[flag_id]
        assert [c.split()[0] for c in comments] == ["AAA001", "BBB001", "CCC001", "DDD001"]
        assert data.count(b"its:locQualityIssuesRef=\"#lqi-1-2\"") == 1  # one reference on the unit, never two


def test_its_export_of_a_utf16_or_latin1_xliff_is_the_input_declared_utf8(tmp_path):
    for codec, declared in (("utf-16", "UTF-16"), ("iso-8859-1", "ISO-8859-1")):
        text = _read(os.path.join(FIX, "its.xlf")).decode().replace('encoding="UTF-8"', f'encoding="{declared}"')
        path = tmp_path / f"{codec}.xlf"
        path.write_bytes(text.encode(codec))  # Python's utf-16 writes a BOM
        pairs = list(open_input([str(path)]))
        buf = io.StringIO()
        write(_result(pairs, {"1": [_flag("1", "AAA001", [Span("target", 0, 3)])]}), buf)
        data = buf.getvalue()
        assert data.startswith('<?xml version="1.0" encoding="UTF-8"?>'), codec
        assert re.sub(r'<mrk mtype="x-its" its:locQualityIssuesRef="#[^"]+">|</mrk>|\s*<its:locQualityIssues .*?'
                      r'</its:locQualityIssues>| xmlns:its="[^"]+"| its:version="2.0"', "", data, flags=re.DOTALL) == \
            text.replace(f'encoding="{declared}"', 'encoding="UTF-8"')
        assert '<mrk mtype="x-its" its:locQualityIssuesRef="#lqi-1-1">Tél</mrk>' in data
        etree.fromstring(data.encode())


def test_its_export_of_a_segmented_xliff12_unit_has_one_unit_reference(tmp_path):
    import sys

    sys.path.insert(0, os.path.dirname(__file__))
    from test_writeback_inline import SEGMENTED

    path = tmp_path / "seg.xlf"
    path.write_text(SEGMENTED, encoding="utf-8")
    pairs = list(open_input([str(path)]))
    flags = {"p1/1": [_flag("p1/1", "AAA001", []), _flag("p1/1", "BBB001", [Span("target", 0, 5)])],
             "p1/2": [_flag("p1/2", "CCC001", [])]}
    buf = io.StringIO()
    write(_result(pairs, flags, "hi"), buf)
    data = buf.getvalue()
    root = etree.fromstring(data.encode())  # a second its:locQualityIssuesRef on the unit would not parse
    tu = next(root.iter("{*}trans-unit"))
    assert tu.get(f"{{{ITS}}}locQualityIssuesRef") == "#lqi-1-2"  # AAA001 and CCC001, the two segments' unplaced flags
    from test_writeback_its import _issues_by_unit as by_trans_unit

    assert [c.split()[0] for c in by_trans_unit(data.encode())["p1"]] == ["AAA001", "BBB001", "CCC001"]
    assert '<mrk mtype="seg" mid="1"><mrk mtype="term"><mrk mtype="x-its" its:locQualityIssuesRef="#lqi-1-1">फ़ाइल</mrk></mrk>' in data
