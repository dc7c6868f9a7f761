"""The XLIFF-with-ITS export of an XLIFF 1.2 input is that file with ITS Localization Quality Issue
marks added: every byte of the input is still there, marks stay well-formed around inline codes,
and every issue sits in the right unit, for lxml and for Translate Toolkit."""
from __future__ import annotations

import io
import os
import re
import shutil

from lxml import etree

from audit.cli import main as cli_main
from audit.core.model import AuditResult, Flag, PairResult, Severity, Span
from audit.inputs import open_input
from audit.outputs.xliff_its import write

FIX = os.path.join(os.path.dirname(__file__), "fixtures", "writeback")
ITS = "http://www.w3.org/2005/11/its"
X = "urn:oasis:names:tc:xliff:document:1.2"
_ADDED = re.compile(r'<mrk mtype="x-its" its:locQualityIssuesRef="#[^"]+"/?>|</mrk>|'
                    r"\s*<its:locQualityIssues .*?</its:locQualityIssues>|"
                    r' xmlns:its="[^"]+"| its:version="2.0"| its:locQualityIssuesRef="#[^"]+"', re.DOTALL)


def _read(path) -> bytes:
    with open(path, "rb") as fh:
        return fh.read()


def _issues_by_unit(data: bytes) -> dict[str, list[str]]:
    """{trans-unit id: the comments of the issues its marks and its own reference point to}, every
    reference resolved inside its unit (a KeyError otherwise)."""
    root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    out = {}
    for tu in root.iter("{*}trans-unit"):  # XLIFF 1.1 and 1.2 namespaces
        lists = {lst.get("{http://www.w3.org/XML/1998/namespace}id"): lst for lst in tu.iter(f"{{{ITS}}}locQualityIssues")}
        refs = [el.get(f"{{{ITS}}}locQualityIssuesRef") for el in tu.iter() if el.get(f"{{{ITS}}}locQualityIssuesRef")]
        out[tu.get("id")] = sorted({i.get("locQualityIssueComment") for r in refs
                                    for i in lists[r[1:]].iter(f"{{{ITS}}}locQualityIssue")})
        assert len(lists) == len(set(refs))  # no list without a mark, no mark without its list
    return out


def test_its_export_is_the_input_with_marks(tmp_path):
    path = tmp_path / "its.xlf"
    shutil.copyfile(os.path.join(FIX, "its.xlf"), path)
    out = tmp_path / "out.xlf"
    assert cli_main(["check", str(path), "-F", "xliff", "-o", str(out), "--select", "NUM"]) in (0, 1)
    data = _read(out)
    assert _ADDED.sub("", data.decode()) == _read(path).decode()  # nothing of the input lost or moved
    issues = _issues_by_unit(data)
    assert [c.split()[0] for c in issues["1"]] == ["NUM003"] and "'15'" in issues["1"][0]
    assert [c.split()[0] for c in issues["2"]] == ["NUM003"] and "'250'" in issues["2"][0]
    assert issues["3"] == []
    assert '<g id="1"><mrk mtype="x-its" its:locQualityIssuesRef="#lqi-1-1">51</mrk> fichiers</g>' in data.decode()
    from translate.storage import xliff

    units = xliff.xlifffile.parsestring(data).units
    assert [u.getid().split("\x04")[-1] for u in units] == ["1", "2", "3"]
    assert units[2].target == "Ouvrez les paramètres."


def _result(pairs, flags_by_id):
    segs = tuple(PairResult(p, tuple(flags_by_id.get(p.id, ()))) for p in pairs)
    return AuditResult(segs, "en", "fr", "sig", {})


def _flag(pid, code, spans, sev=Severity.MAJOR):
    return Flag(pid, code, "test-check", sev, "accuracy/mistranslation", f"{code} message <&>", tuple(spans), code + pid)


def test_its_marks_are_cut_at_code_boundaries_and_unplaced_flags_go_on_the_unit():
    path = os.path.join(FIX, "its.xlf")
    pairs = list(open_input([path]))
    t1 = pairs[0].target  # 'Téléchargez <g id="1">51 fichiers</g> en 3 minutes.'
    a, b = t1.index("51"), t1.index(" en 3") + 3  # crosses the end of <g>
    t2 = pairs[1].target
    c, d = t2.index("<ph"), t2.index("/>") + 2  # the code itself
    flags = {"1": [_flag("1", "AAA001", [Span("target", a, b)]), _flag("1", "BBB001", [])],
             "2": [_flag("2", "CCC001", [Span("target", c, d)], Severity.MINOR)]}
    buf = io.StringIO()
    write(_result(pairs, flags), buf)
    data = buf.getvalue()
    assert _ADDED.sub("", data) == _read(path).decode()
    assert ('<g id="1"><mrk mtype="x-its" its:locQualityIssuesRef="#lqi-1-1">51 fichiers</mrk></g>'
            '<mrk mtype="x-its" its:locQualityIssuesRef="#lqi-1-1"> en</mrk> 3 minutes.') in data
    assert '<trans-unit id="1" its:locQualityIssuesRef="#lqi-1-2">' in data
    assert '<mrk mtype="x-its" its:locQualityIssuesRef="#lqi-2-1"><ph id="1">{0}</ph></mrk>' in data
    assert 'locQualityIssueComment="AAA001 test-check: AAA001 message &lt;&amp;&gt;"' in data
    issues = _issues_by_unit(data.encode())
    assert [x.split()[0] for x in issues["1"]] == ["AAA001", "BBB001"] and issues["2"][0].startswith("CCC001")


def test_its_export_of_an_edited_text_puts_the_flags_on_the_unit():
    path = os.path.join(FIX, "its.xlf")
    pairs = list(open_input([path]))
    from dataclasses import replace

    edited = replace(pairs[0], target="Téléchargez 15 fichiers.")  # audited after a post-edit
    buf = io.StringIO()
    write(_result([edited, *pairs[1:]], {"1": [_flag("1", "AAA001", [Span("target", 0, 5)])]}), buf)
    data = buf.getvalue()
    assert '<trans-unit id="1" its:locQualityIssuesRef="#lqi-1-1">' in data and "<mrk" not in data
    assert _ADDED.sub("", data) == _read(path).decode()


def test_its_export_of_other_inputs_is_built():
    pairs = list(open_input([os.path.join(FIX, "memory.tmx")]))
    buf = io.StringIO()
    write(_result(pairs, {"home.2": [_flag("home.2", "AAA001", [Span("target", 0, 4)])]}), buf)
    root = etree.fromstring(buf.getvalue().encode())
    assert root.get("version") == "1.2" and len(list(root.iter(f"{{{X}}}trans-unit"))) == 3
