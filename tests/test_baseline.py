"""Baselines (issue 14): ``transaudit baseline create|update`` and ``check --baseline``: only new
flags reported, matched by a fingerprint that survives line moves and edits elsewhere in the
target; suppressed counts; exit codes on new flags only."""
from __future__ import annotations

import json

import pytest

from audit.cli import main
from audit.core.model import Flag, Pair, PairResult, Severity, Span, fingerprint
from audit.pipeline import baseline as bl

ROWS = [
    ("The tank holds 40 litres.", "Der Tank fasst 14 Liter."),
    ("Press the button for 3 seconds.", "Drücken Sie die Taste 3 Minuten lang."),
    ("The warranty covers two years.", "Die Garantie umfasst zwei Jahre."),
]
NEW_ROW = ("It costs 25 euros.", "Es kostet 52 Euro.")


def _tsv(path, rows):
    path.write_text("source\ttarget\n" + "".join(f"{s}\t{t}\n" for s, t in rows), encoding="utf-8")


def _check(capsys, *args):
    code = main(["check", *args, "-s", "en", "-t", "de", "-j", "1"])
    out, err = capsys.readouterr()
    return code, out, err


def _new_codes(out):
    d = json.loads(out)
    return sorted(f["code"] for s in d["segments"] for f in s["flags"]), d["settings"].get("baseline")


@pytest.fixture
def accepted(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    _tsv(tmp_path / "ui.tsv", ROWS)
    assert main(["baseline", "create", "ui.tsv", "-s", "en", "-t", "de", "-j", "1", "-o", "baseline.json"]) == 0
    err = capsys.readouterr().err
    assert "accepted flag(s)" in err
    return tmp_path


def test_nothing_new_passes_the_gate(accepted, capsys):
    data = json.loads((accepted / "baseline.json").read_text())
    assert data["format"] == "transaudit-baseline" and data["total"] >= 2
    code, out, err = _check(capsys, "ui.tsv", "--baseline", "baseline.json", "--fail-on", "minor", "-F", "json")
    codes, account = _new_codes(out)
    assert code == 0 and codes == []
    assert account["suppressed"] == data["total"] and account["new"] == 0 and account["fixed"] == 0
    assert f"{data['total']} flag(s) suppressed" in err
    code, _, _ = _check(capsys, "ui.tsv", "--fail-on", "minor", "-F", "json")
    assert code == 1  # without the baseline the same flags fail


def test_the_reports_record_the_baseline_they_applied(accepted, capsys):
    data = json.loads((accepted / "baseline.json").read_text())
    digest = bl.load("baseline.json").digest()
    _, out, _ = _check(capsys, "ui.tsv", "--baseline", "baseline.json", "-F", "json")
    assert json.loads(out)["settings"]["baseline"]["hash"] == digest
    _, out, _ = _check(capsys, "ui.tsv", "--baseline", "baseline.json")
    assert f"  baseline baseline.json ({digest}): {data['total']} flag(s) suppressed, 0 new, 0 accepted" in out


def test_only_new_flags_after_moves_and_edits(accepted, capsys):
    # lines moved (rows reversed, clean rows put first), the target edited elsewhere, a new flag added
    rows = [("Hello.", "Hallo."), ROWS[2], (ROWS[1][0], "Bitte drücken Sie die Taste 3 Minuten lang."), ROWS[0], NEW_ROW]
    _tsv(accepted / "ui.tsv", rows)
    code, out, _ = _check(capsys, "ui.tsv", "--baseline", "baseline.json", "--fail-on", "major", "-F", "json")
    codes, account = _new_codes(out)
    assert codes == ["NUM003"] and account["new"] == 1
    assert code == 1  # the gate counts the new flag
    d = json.loads(out)
    assert [s["id"] for s in d["segments"] if s["flags"]] == ["6"]  # TSV line 6: the new row
    assert d["summary"]["flags"] == 1


def test_a_changed_source_makes_the_flag_new(accepted, capsys):
    _tsv(accepted / "ui.tsv", [("The big tank holds 40 litres.", "Der Tank fasst 14 Liter."), *ROWS[1:]])
    _, out, _ = _check(capsys, "ui.tsv", "--baseline", "baseline.json", "-F", "json")
    codes, account = _new_codes(out)
    assert "NUM003" in codes and account["fixed"] >= 1


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_created_from_a_report_equals_created_from_the_input(accepted, capsys, fmt):
    _check(capsys, "ui.tsv", "-F", fmt, "-o", f"report.{fmt}")
    assert main(["baseline", "create", f"report.{fmt}", "-o", "from-report.json", "-q"]) == 0
    assert (accepted / "from-report.json").read_text() == (accepted / "baseline.json").read_text()


def test_streamed_formats_are_filtered_too(accepted, capsys):
    _tsv(accepted / "ui.tsv", [*ROWS, NEW_ROW])
    code, out, err = _check(capsys, "ui.tsv", "--baseline", "baseline.json", "-F", "jsonl", "--fail-on", "major")
    lines = [json.loads(x) for x in out.splitlines()]
    flags = [f["code"] for x in lines if x["type"] == "segment" for f in x["flags"]]
    assert flags == ["NUM003"] and lines[-1]["flags"] == 1 and code == 1
    assert "1 new" in err


def test_update_and_prune(accepted, capsys):
    before = json.loads((accepted / "baseline.json").read_text())["total"]
    _tsv(accepted / "ui.tsv", [(ROWS[0][0], "Der Tank fasst 40 Liter."), *ROWS[1:], NEW_ROW])  # one fixed, one new
    assert main(["baseline", "update", "ui.tsv", "-s", "en", "-t", "de", "-j", "1", "-o", "baseline.json",
                 "--prune"]) == 0
    assert "0 added, 1 removed" in capsys.readouterr().err
    assert json.loads((accepted / "baseline.json").read_text())["total"] == before - 1
    code, out, _ = _check(capsys, "ui.tsv", "--baseline", "baseline.json", "-F", "json", "--fail-on", "major")
    assert _new_codes(out)[0] == ["NUM003"] and code == 1
    assert main(["baseline", "update", "ui.tsv", "-s", "en", "-t", "de", "-j", "1", "-o", "baseline.json"]) == 0
    assert "1 added, 0 removed" in capsys.readouterr().err
    code, out, _ = _check(capsys, "ui.tsv", "--baseline", "baseline.json", "-F", "json", "--fail-on", "minor")
    assert _new_codes(out)[0] == [] and code == 0


@pytest.mark.parametrize("content", ["not json", "[]", '{"format": "other"}',
                                     ('{"format": "transaudit-baseline", "schema": 1, "fingerprint": "tb1", '
                                      '"flags": [{"fingerprint": "zz", "code": "X", "count": 1}]}')])
def test_a_bad_baseline_is_one_error_line(accepted, capsys, content):
    (accepted / "bad.json").write_text(content)
    code, out, err = _check(capsys, "ui.tsv", "--baseline", "bad.json")
    assert code == 2 and out == "" and err.count("\n") == 1 and "bad.json" in err and "Traceback" not in err


def test_update_needs_an_existing_baseline(accepted, capsys):
    assert main(["baseline", "update", "ui.tsv", "-o", "missing.json", "-q"]) == 2
    assert "missing.json" in capsys.readouterr().err


def test_create_refuses_to_replace_its_input(accepted, capsys):
    assert main(["baseline", "create", "ui.tsv", "-o", "ui.tsv"]) == 2
    assert (accepted / "ui.tsv").read_text().startswith("source\t")


# --- the fingerprint and the matcher, without the CLI ------------------------------------------


def _seg(pid, source, target, start, end, code="NUM003"):
    p = Pair(pid, source, target)
    sp = (Span("target", start, end),)
    return PairResult(p, (Flag(pid, code, "n", Severity.MAJOR, "c", "m", sp, fingerprint(code, p, sp)),))


@pytest.mark.parametrize("source,target,other_target,start,end", [
    ("Il y a 3 chats.", "There are 4 cats.", "There are 4 cats here.", 10, 11),
    ("猫が3匹います。", "There are 4 cats.", "There really are 4 cats.", 10, 11),
    ("لدي 3 قطط", "Ich habe 4 Katzen", "Ich habe jetzt 4 Katzen", 9, 10),
])
def test_fingerprint_ignores_ids_lines_and_the_rest_of_the_target(source, target, other_target, start, end):
    a = _seg("1", source, target, start, end)
    shift = other_target.index(target[start:end])
    b = _seg("99", "  " + source.replace(" ", "  "), other_target, shift, shift + (end - start))
    fa = bl.flag_fingerprint(a.pair, a.flags[0])
    assert fa == bl.flag_fingerprint(b.pair, b.flags[0])  # whitespace, id, offsets and context do not count
    c = _seg("1", source + "!", target, start, end)
    assert fa != bl.flag_fingerprint(c.pair, c.flags[0])  # the source does
    d = _seg("1", source, target, start, end, code="UNI001")
    assert fa != bl.flag_fingerprint(d.pair, d.flags[0])  # and the check


def test_counts_match_repeated_segments():
    segs = [_seg(str(i), "a 3", "a 4", 2, 3) for i in range(3)]
    base = bl.from_segments(segs[:2])
    assert base.total == 2 and len(base.entries) == 1
    m = bl.Matcher(base)
    kept = [len(m.segment(s).flags) for s in segs]
    assert kept == [0, 0, 1]
    assert m.applied().to_dict() == {"path": "", "hash": base.digest(), "entries": 1, "accepted": 2, "suppressed": 2,
                                     "new": 1, "fixed": 0}


def test_the_baseline_hash_names_the_accepted_state_not_the_file_layout():
    segs = [_seg(str(i), "a 3", "a 4", 2, 3) for i in range(3)]
    two, three = bl.from_segments(segs[:2]), bl.from_segments(segs)
    assert two.digest() == bl.from_segments(segs[1:]).digest()  # same fingerprints and counts
    assert two.digest() != three.digest()  # one more accepted flag
    other = bl.from_segments([_seg("1", "b 3", "b 4", 2, 3)])
    assert len({two.digest(), other.digest(), bl.Baseline({}).digest()}) == 3
    assert bl.Matcher(three).applied().to_dict()["hash"] == three.digest()


def test_baseline_file_is_deterministic_and_round_trips(tmp_path):
    segs = [_seg("1", "b 3", "b 4", 2, 3), _seg("2", "a 3", "a 4\x1b]0;x\x07", 2, 3)]
    base = bl.from_segments(segs)
    path = tmp_path / "b.json"
    path.write_text(base.dumps(), encoding="utf-8")
    again = bl.load(str(path))
    assert again.dumps() == base.dumps() == bl.from_segments(reversed(segs)).dumps()
