"""CI formats (issue 14): SARIF lines, columns and base URI; GitHub annotations, JUnit XML and
GitLab Code Quality, each as a golden file (syrupy, tests/__snapshots__) and against hostile
segment text that tries to inject a workflow command or break the XML."""
from __future__ import annotations

import functools
import io
import json
import os
import re
import shutil

import jsonschema
import pytest
from lxml import etree

from audit.cli import main
from audit.core.model import (
    AuditResult,
    Flag,
    Origin,
    Pair,
    PairResult,
    Severity,
    Span,
    fingerprint,
)
from audit.outputs import write_report
from audit.outputs.github import escape_data, escape_property
from audit.outputs.gitlab import issues

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EVIL = "x\n::set-output name=leak::1 %0A \r::error::pwned ]]></failure><x/> \x00\x1b[31m\u202e\u2028 end"


def _flag(pair, code, sev, spans, message="msg"):
    spans = tuple(spans)
    return Flag(pair.id, code, "name", sev, "accuracy/mistranslation", message, spans, fingerprint(code, pair, spans))


def _sample(tmp_path, absolute=False):
    """A TSV file with a Japanese line, an Arabic line and an emoji (two UTF-16 units, one code
    point) before a flagged number, and the result a reader would make of it."""
    rows = [("source", "target"), ("File saved.", "ファイルを保存しました。"), ("I have 3 cats.", "لدي 4 قطط."),
            ("Size: 250 MB", "🙂 サイズ: 520 MB"), ("Hello", "Bonjour, le monde")]
    (tmp_path / "ui.tsv").write_text("".join(f"{s}\t{t}\n" for s, t in rows), encoding="utf-8")
    pairs = []
    for i, (s, t) in enumerate(rows[1:]):
        o = Origin(str(tmp_path / "ui.tsv") if absolute else "ui.tsv", None, i + 2, None)
        pairs.append(Pair(str(i + 1), s, t, source_lang="en", target_lang="ja", source_origin=o, target_origin=o, index=i))
    p1, p2, p3, p4 = pairs
    segs = (
        PairResult(p1, ()),
        PairResult(p2, (_flag(p2, "NUM003", Severity.MAJOR, [Span("target", 4, 5), Span("source", 7, 8)],
                              "number changed: '3' in the source, '4' in the target"),)),
        PairResult(p3, (_flag(p3, "NUM003", Severity.CRITICAL, [Span("target", 7, 10), Span("source", 6, 9)],
                              "number changed: '250' in the source, '520' in the target"),)),
        PairResult(p4, (_flag(p4, "LEN001", Severity.MINOR, [Span("target", 0, 17)], "target much longer"),)),
    )
    return AuditResult(segs, "en", "ja", "transaudit:test", {}, scores={"quality": 70.0})


def _render(result, fmt):
    buf = io.StringIO()
    write_report(result, fmt, stream=buf)
    return buf.getvalue()


def _hostile(tmp_path):
    name = "a,b:c%0A.tsv"
    (tmp_path / name).write_text(f"src\ttgt\nHello {EVIL}\t{EVIL}\n", encoding="utf-8")
    o = Origin(name, None, 2, None)
    p = Pair(EVIL, "Hello " + EVIL, EVIL, source_lang="en", target_lang="de", source_origin=o, target_origin=o)
    flags = (_flag(p, "MRK001", Severity.CRITICAL, [Span("target", 0, len(EVIL))], EVIL),
             _flag(p, "PUN002", Severity.MINOR, [Span("target", 2, 14)], "bracket " + EVIL))
    return AuditResult((PairResult(p, flags),), "en", "de", "transaudit:test", {})


# --- golden files ------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["github", "junit", "gitlab", "sarif"])
def test_golden(fmt, tmp_path, monkeypatch, snapshot):
    monkeypatch.chdir(tmp_path)
    out = _render(_sample(tmp_path), fmt)
    out = out.replace(tmp_path.as_uri(), "file:///ROOT")
    if fmt == "sarif":  # the tool version and rule docs change with the project: keep the locations
        d = json.loads(out)
        run = d["runs"][0]
        out = json.dumps({"originalUriBaseIds": run["originalUriBaseIds"], "columnKind": run["columnKind"],
                          "results": run["results"]}, ensure_ascii=False, indent=1)
    assert out == snapshot


# --- SARIF ---------------------------------------------------------------------------------------


_SARIF_SCHEMA = os.path.join(ROOT, "tests", "fixtures", "sarif", "sarif-2.1.0.json")


@functools.lru_cache(maxsize=1)
def _sarif_validator():
    with open(_SARIF_SCHEMA, encoding="utf-8") as fh:
        schema = json.load(fh)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def _check_sarif(d):
    """Valid against the official SARIF 2.1.0 JSON schema (tests/fixtures/sarif), and the spec's
    rules the schema cannot say (§3.4, §3.14.14, §3.30): 1-based lines and columns, endColumn
    after the last character, a known columnKind, base URIs absolute and ending in '/', relative
    URIs only with a uriBaseId, valid enums."""
    errors = sorted(_sarif_validator().iter_errors(d), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:5])
    assert d["version"] == "2.1.0" and d["$schema"].endswith("sarif-2.1.0.json")
    for run in d["runs"]:
        assert run["columnKind"] in ("utf16CodeUnits", "unicodeCodePoints")
        bases = run.get("originalUriBaseIds", {})
        for base in bases.values():
            assert re.match(r"^file:///.*/$", base["uri"]) and " " not in base["uri"]
        for res in run["results"]:
            assert res["level"] in ("none", "note", "warning", "error")
            assert res.get("baselineState", "new") in ("new", "unchanged", "updated", "absent")
            assert isinstance(res["message"]["text"], str)
            for loc in res.get("locations", []) + res.get("relatedLocations", []):
                assert loc["logicalLocations"][0]["kind"] == "object"
                phys = loc.get("physicalLocation")
                if phys is None:
                    continue
                art = phys["artifactLocation"]
                assert not re.search(r"[\s\\]", art["uri"])
                if "uriBaseId" in art:
                    assert art["uriBaseId"] in bases and not re.match(r"^[a-z]+:", art["uri"])
                else:
                    assert art["uri"].startswith("file:///")
                reg = phys.get("region", {})
                for k in ("startLine", "startColumn", "endLine", "endColumn"):
                    if k in reg:
                        assert type(reg[k]) is int and reg[k] >= 1
                if "startColumn" in reg:
                    assert "startLine" in reg and (reg["endLine"], reg["endColumn"]) >= (reg["startLine"], reg["startColumn"])
                for k in ("charOffset", "charLength"):
                    if k in reg:
                        assert type(reg[k]) is int and reg[k] >= 0


def test_the_official_schema_refuses_what_the_spec_forbids(tmp_path, monkeypatch):
    """The schema check can fail: a level outside the enum, a column of 0 and an unknown property
    are each reported."""
    monkeypatch.chdir(tmp_path)
    good = json.loads(_render(_sample(tmp_path), "sarif"))
    assert not list(_sarif_validator().iter_errors(good))
    for mutate in (lambda d: d["runs"][0]["results"][0].__setitem__("level", "fatal"),
                   lambda d: d["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"].__setitem__("startColumn", 0),
                   lambda d: d["runs"][0].__setitem__("columns", 3)):
        bad = json.loads(json.dumps(good))
        mutate(bad)
        assert list(_sarif_validator().iter_errors(bad))


def test_sarif_columns_are_code_points_and_uris_relative(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    d = json.loads(_render(_sample(tmp_path), "sarif"))
    _check_sarif(d)
    run = d["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == tmp_path.as_uri() + "/"
    lines = (tmp_path / "ui.tsv").read_text(encoding="utf-8").split("\n")
    regions = [r["locations"][0]["physicalLocation"]["region"] for r in run["results"]]
    for reg in regions:
        assert lines[reg["startLine"] - 1][reg["startColumn"] - 1:reg["endColumn"] - 1] == reg["snippet"]["text"]
    # the emoji counts one column: '520' starts at code point 8 of the target, after 'Size: 250 MB\t'
    assert regions[1]["startColumn"] == len("Size: 250 MB\t") + 8
    # source related location: the Arabic line's '3' found in the source column
    rel = run["results"][0]["relatedLocations"][0]["physicalLocation"]["region"]
    assert rel["startColumn"] == len("I have ") + 1


def test_sarif_outside_the_current_directory_is_an_absolute_uri(tmp_path, monkeypatch):
    result = _sample(tmp_path, absolute=True)
    elsewhere = tmp_path / "cwd"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    d = json.loads(_render(result, "sarif"))
    _check_sarif(d)
    art = d["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert "uriBaseId" not in art and art["uri"] == (tmp_path / "ui.tsv").as_uri()


def test_sarif_no_column_where_the_text_is_escaped_in_the_file(tmp_path, monkeypatch):
    """An XLIFF target with an entity: the text is not verbatim on its line, so line only."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.xlf").write_text('<target>Fish &amp; chips 5</target>\n', encoding="utf-8")
    o = Origin("a.xlf", "1", 1, None)
    p = Pair("1", "Fish & chips 4", "Fish & chips 5", source_origin=o, target_origin=o)
    res = AuditResult((PairResult(p, (_flag(p, "NUM003", Severity.MAJOR, [Span("target", 13, 14)]),)),),
                      "en", "en", "t", {})
    reg = json.loads(_render(res, "sarif"))["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]
    assert reg["startLine"] == 1 and "startColumn" not in reg


def test_sarif_segment_without_a_file_has_a_logical_location():
    p = Pair("seg-7", "a 1", "a 2")
    res = AuditResult((PairResult(p, (_flag(p, "NUM003", Severity.MAJOR, [Span("target", 2, 3)]),)),), "en", "de", "t", {})
    loc = json.loads(_render(res, "sarif"))["runs"][0]["results"][0]["locations"][0]
    assert "physicalLocation" not in loc and loc["logicalLocations"][0]["name"] == "seg-7"


CORPORA = ["en-de/manual.po", "en-ja/ui.tsv", "en-ar/news.xlf", "en-zh/app.tmx", "en-ru/docs.jsonl"]


@pytest.mark.parametrize("rel", CORPORA)
def test_sarif_columns_match_the_file_on_the_bundled_corpora(rel, tmp_path, monkeypatch, capsys):
    src = os.path.join(ROOT, "corpora", rel)
    if not os.path.exists(src):
        rel = next(f for f in sorted(os.listdir(os.path.dirname(src))) if f.endswith(os.path.splitext(rel)[1]))
        src = os.path.join(os.path.dirname(src), rel)
    shutil.copy(src, tmp_path / os.path.basename(src))
    monkeypatch.chdir(tmp_path)
    assert main(["check", os.path.basename(src), "-F", "sarif", "-q", "-j", "1"]) == 0
    d = json.loads(capsys.readouterr().out)
    _check_sarif(d)
    lines = (tmp_path / os.path.basename(src)).read_text(encoding="utf-8").split("\n")
    located = 0
    for r in d["runs"][0]["results"]:
        for loc in r["locations"] + r.get("relatedLocations", []):
            reg = loc.get("physicalLocation", {}).get("region", {})
            if "startColumn" in reg and reg["startLine"] == reg["endLine"]:
                located += 1
                assert lines[reg["startLine"] - 1][reg["startColumn"] - 1:reg["endColumn"] - 1] == reg["snippet"]["text"]
    assert located or not d["runs"][0]["results"]


# --- GitHub --------------------------------------------------------------------------------------


def _unescape(text, prop=False):
    if prop:
        text = text.replace("%3A", ":").replace("%2C", ",")
    return text.replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")


def test_github_escaping_round_trips():
    s = "a%b\r\nc:d,e %0A"
    assert _unescape(escape_data(s)) == s and _unescape(escape_property(s), prop=True) == s
    assert "\n" not in escape_property(s) and ":" not in escape_property(s) and "," not in escape_property(s)


def test_github_hostile_text_cannot_start_a_command(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    out = _render(_hostile(tmp_path), "github")
    lines = out.split("\n")
    assert lines[-1] == ""
    lines = lines[:-1]
    assert len(lines) == 3  # two flags and the closing notice, nothing else
    assert [ln.split(" ", 1)[0] for ln in lines] == ["::error", "::warning", "::notice"]
    assert "\r" not in out and "\x1b" not in out and "\x00" not in out and "\u202e" not in out and "\u2028" not in out
    head, message = lines[0][len("::error "):].split("::", 1)
    props = dict(kv.split("=", 1) for kv in head.split(","))
    assert _unescape(props["file"], prop=True) == "a,b:c%0A.tsv"
    assert props["title"] == "MRK001 name"
    msg = _unescape(message)
    assert msg.startswith("x\n::set-output name=leak::1 %0A \r::error::pwned ]]></failure>")  # the text, as data


def test_github_severity_mapping(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    kinds = [ln.split(" ", 1)[0] for ln in _render(_sample(tmp_path), "github").splitlines()]
    assert kinds == ["::error", "::error", "::warning", "::notice"]


# --- JUnit ---------------------------------------------------------------------------------------


def test_junit_hostile_text_is_valid_xml(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    out = _render(_hostile(tmp_path), "junit")
    root = etree.fromstring(out.encode("utf-8"))  # strict parser: any injection would break it
    cases = root.findall(".//testcase")
    assert len(cases) == 1 and root.get("tests") == "1" and root.get("failures") == "1"
    failure = cases[0].find("failure")
    assert "]]></failure><x/>" in failure.text and "::set-output" in failure.text
    assert failure.get("type") == "critical"
    assert cases[0].find("x") is None and root.find(".//x") is None
    assert "\x00" not in out and "\x1b" not in out


def test_junit_threshold_from_fail_on(tmp_path, monkeypatch, capsys):
    shutil.copy(os.path.join(ROOT, "corpora", "en-de", "manual.po"), tmp_path / "manual.po")
    monkeypatch.chdir(tmp_path)
    main(["check", "manual.po", "-F", "junit", "-q", "-j", "1"])
    every = etree.fromstring(capsys.readouterr().out.encode())
    assert main(["check", "manual.po", "-F", "junit", "-q", "-j", "1", "--fail-on", "critical"]) == 0
    critical = etree.fromstring(capsys.readouterr().out.encode())
    suite = every.find("testsuite")
    assert suite.get("name") == "manual.po" and int(suite.get("tests")) == len(suite.findall("testcase"))
    assert int(every.get("failures")) > int(critical.get("failures"))
    assert critical.findall(".//system-out")


# --- GitLab --------------------------------------------------------------------------------------


def test_gitlab_fields_and_fingerprints_survive_line_moves(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    first = issues(_sample(tmp_path))
    for it in first:
        assert {"description", "check_name", "fingerprint", "severity", "location"} <= set(it)
        assert it["severity"] in ("info", "minor", "major", "critical", "blocker")
        assert it["location"]["path"] == "ui.tsv" and it["location"]["lines"]["begin"] >= 1
    moved = _sample(tmp_path)
    segs = tuple(PairResult(Pair(s.pair.id + "x", s.pair.source, s.pair.target,
                                 source_origin=Origin("ui.tsv", None, s.pair.source_origin.line + 40, None),
                                 target_origin=Origin("ui.tsv", None, s.pair.source_origin.line + 40, None)),
                            s.flags) for s in reversed(moved.segments))
    second = issues(AuditResult(segs, "en", "ja", "t", {}))
    assert sorted(i["fingerprint"] for i in first) == sorted(i["fingerprint"] for i in second)


def test_gitlab_repeated_flags_get_distinct_fingerprints(tmp_path):
    p = Pair("1", "a 1", "a 2")
    q = Pair("2", "a 1", "a 2")
    f = _flag(p, "NUM003", Severity.MAJOR, [Span("target", 2, 3)])
    res = AuditResult((PairResult(p, (f,)), PairResult(q, (f,))), "en", "de", "t", {})
    fps = [i["fingerprint"] for i in issues(res)]
    assert len(set(fps)) == 2 and fps == [i["fingerprint"] for i in issues(res)]


def test_gitlab_hostile_text_is_json_data(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    data = json.loads(_render(_hostile(tmp_path), "gitlab"))
    assert len(data) == 2
    assert "::set-output" in data[0]["description"] and "\x1b" not in data[0]["description"]
