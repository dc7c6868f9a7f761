"""Quality gates through the CLI: exit 0 when every gate passes, 1 when one fails (with a one-line
verdict naming it on stderr), 2 for a bad gate value."""
import json
import os

import pytest

from audit.cli import main

SRC = [
    "The council approved the new parking rules on Monday evening.",
    "The library will stay open until nine o'clock during the exam period.",
    "The river flooded two villages after three days of heavy rain.",
    "The city will plant five hundred trees along the main avenue this autumn.",
]
TGT = [
    "El consejo aprobó las nuevas normas de aparcamiento el lunes por la noche.",
    "La biblioteca permanecerá abierta hasta las nueve durante el periodo de exámenes.",
    "",  # empty target: EMP002, critical
    "La ciudad plantará quinientos árboles a lo largo de la avenida principal este otoño.",
]
RIVER_ES = "El río inundó dos pueblos tras tres días de lluvias intensas."
# copied: MET002 major; half copied: MET002 minor
COPY = "The river flooded two villages after three days of heavy rain (lluvia)."  # a near copy
HALF = "La ciudad plantará quinientos trees along the main avenue this autumn."


def _files(tmp_path, tgt):
    s, t = tmp_path / "src.en", tmp_path / "tgt.es"
    s.write_text("\n".join(SRC) + "\n", encoding="utf-8")
    t.write_text("\n".join(tgt) + "\n", encoding="utf-8")
    return [str(s), str(t), "-s", "en", "-t", "es", "--select", "EMP,MET002"]


def _run(capsys, args):
    code = main(["check", *args])
    err = capsys.readouterr().err
    return code, err


def test_no_gate_no_failure(tmp_path, capsys):
    code, err = _run(capsys, _files(tmp_path, TGT))
    assert code == 0 and "gate failed" not in err


def test_fail_on_severity(tmp_path, capsys):
    critical = _files(tmp_path, TGT)
    code, err = _run(capsys, critical + ["--fail-on", "critical"])
    assert code == 1
    lines = [line for line in err.splitlines() if line]
    assert lines == ["transaudit: gate failed: --fail-on critical: 1 flag(s) at critical or above"]
    only_minor = _files(tmp_path, TGT[:2] + [RIVER_ES, HALF])
    assert _run(capsys, only_minor + ["--fail-on", "major"])[0] == 0
    code, err = _run(capsys, only_minor + ["--fail-on", "minor"])
    assert code == 1 and "--fail-on minor: 1 flag(s)" in err
    major = _files(tmp_path, TGT[:2] + [COPY, TGT[3]])
    assert _run(capsys, major + ["--fail-on", "critical"])[0] == 0
    assert _run(capsys, major + ["--fail-on", "major"])[0] == 1


def test_max_flags(tmp_path, capsys):
    args = _files(tmp_path, TGT[:2] + [COPY, ""])
    assert _run(capsys, args + ["--max-flags", "2"])[0] == 0
    code, err = _run(capsys, args + ["--max-flags", "1"])
    assert code == 1 and "--max-flags 1: 2 flags" in err
    code, err = _run(capsys, args + ["--max-flags", "-1"])
    assert code == 2 and "--max-flags" in err


def test_fail_under_quality(tmp_path, capsys):
    args = _files(tmp_path, TGT)
    out = str(tmp_path / "r.json")
    code, _ = _run(capsys, args + ["-F", "json", "-o", out])
    q = json.load(open(out, encoding="utf-8"))["summary"]["scores"]["quality"]
    assert 0 < q < 100
    assert _run(capsys, args + ["--fail-under", str(q - 0.01)])[0] == 0
    code, err = _run(capsys, args + ["--fail-under", str(q + 0.01)])
    assert code == 1 and f"quality {q:.2f}" in err


def test_several_gates_fail_in_one_verdict_and_the_report_is_still_written(tmp_path, capsys):
    out = str(tmp_path / "r.json")
    args = _files(tmp_path, TGT) + ["--fail-on", "major", "--max-flags", "0", "--fail-under", "100", "-o", out]
    code, err = _run(capsys, args)
    assert code == 1 and os.path.exists(out)
    verdict = [line for line in err.splitlines() if line]
    assert len(verdict) == 1
    assert "--fail-on major" in verdict[0] and "--max-flags 0" in verdict[0] and "--fail-under 100" in verdict[0]


def test_gates_from_the_config_file(tmp_path, capsys):
    cfg = tmp_path / "transaudit.toml"
    cfg.write_text('fail-on = "critical"\nmax-flags = 5\n', encoding="utf-8")
    args = _files(tmp_path, TGT) + ["--config", str(cfg)]
    code, err = _run(capsys, args)
    assert code == 1 and "--fail-on critical" in err
    cfg.write_text('[weights]\ncritical = 1\n', encoding="utf-8")
    out = str(tmp_path / "r.json")
    assert _run(capsys, args + ["-o", out, "--fail-under", "90"])[0] == 0  # one critical weighs 1 in 49 words


def test_bad_gate_values_are_usage_errors(tmp_path, capsys):
    args = _files(tmp_path, TGT)
    with pytest.raises(SystemExit) as exc:
        main(["check", *args, "--fail-on", "fatal"])
    assert exc.value.code == 2
    with pytest.raises(SystemExit) as exc:
        main(["check", *args, "--fail-under", "high"])
    assert exc.value.code == 2
