"""Custom rules from the config: validated at load with one line, run as checks with exact spans,
selected and ignored like any check, part of the signature, in every script."""
import subprocess
import sys

import pytest

from audit import Config, Pair, audit_pairs
from audit.core.config import from_mapping
from audit.core.errors import UsageError

FORBID = {"code": "CUS001", "forbid": "click here", "ignore-case": True, "message": "no 'click here'",
          "severity": "minor", "category": "style/awkward"}
PERCENT = {"code": "CUS002", "if-source": r"(\d+(?:[.,]\d+)?) ?%", "then-target": r"\1 ?%",
           "message": "a percentage of the source is missing"}


def _flags(rules, pairs, **cfg):
    res = audit_pairs(pairs, Config(rules=rules, select=("CUS",), **cfg))
    out = []
    for seg in res.segments:
        for f in seg.flags:
            for sp in f.spans:
                out.append((seg.pair.id, f.code, f.severity.label, sp.side, seg.pair.text(sp.side)[sp.start:sp.end]))
    return out


def _pair(i, src, tgt, sl, tl):
    return Pair(str(i), src, tgt, source_lang=sl, target_lang=tl, index=i)


@pytest.mark.parametrize(("rule", "says"), [
    ({**FORBID, "forbid": "(unclosed"}, "CUS001: 'forbid' is not a valid regular expression"),
    ({**FORBID, "colour": "red"}, "unknown key 'colour'"),
    ({**FORBID, "code": "cus1"}, "three capitals and three digits"),
    ({**FORBID, "require": "x"}, "exactly one of"),
    ({"code": "CUS009", "if-source": "x", "message": "m"}, "'if-source' and 'then-target' go together"),
    ({**FORBID, "message": ""}, "'message' must be a non-empty string"),
    ({**FORBID, "category": "style/odd"}, "unknown MQM category"),
    ({**FORBID, "severity": "huge"}, "unknown severity"),
    ({**FORBID, "side": "both"}, "'side' must be"),
    ({**FORBID, "languages": "de"}, "'languages' must be a list"),
    ({**PERCENT, "then-target": r"\1 (%"}, "'then-target' is not a valid regular expression"),
])
def test_bad_rules_are_refused_when_the_config_loads(rule, says):
    with pytest.raises(UsageError, match=says) as exc:
        from_mapping({"rules": [rule]}, "transaudit.toml")
    assert exc.value.path == "transaudit.toml"


def test_a_code_defined_twice_or_taken_by_a_builtin_check_is_refused():
    with pytest.raises(UsageError, match="CUS001 is defined twice"):
        from_mapping({"rules": [FORBID, FORBID]}, "t.toml")
    with pytest.raises(UsageError, match="NUM003 uses the code of a built-in check"):
        audit_pairs([_pair(0, "a", "b", "es", "en")], Config(rules=[{**FORBID, "code": "NUM003"}]))


@pytest.mark.parametrize(("src", "tgt", "sl", "tl", "rule", "found"), [
    ("Haga clic aquí.", "Click HERE to go on.", "es", "en", FORBID, "Click HERE"),
    ("Klicken Sie hier.", "Cliquez ici, click here.", "de", "fr", FORBID, "click here"),
    ("Click here.", "请点击这里。", "en", "zh", {**FORBID, "forbid": "点击这里"}, "点击这里"),
    ("Click here.", "ここをクリックしてください。", "en", "ja", {**FORBID, "forbid": r"\p{Katakana}{4,}"}, "クリック"),
])
def test_forbidden_pattern_flags_its_exact_span(src, tgt, sl, tl, rule, found):
    got = _flags([rule], [_pair(0, src, tgt, sl, tl)])
    assert got == [("0", "CUS001", rule["severity"], "target", found)]


@pytest.mark.parametrize(("src", "tgt", "sl", "tl", "rule"), [
    ("Haga clic aquí.", "Select the button to continue.", "es", "en", FORBID),
    ("Klicken Sie hier.", "Cliquez ici.", "de", "fr", FORBID),
    ("Click here.", "请单击此处。", "en", "zh", {**FORBID, "forbid": "点击这里"}),
    ("Click here.", "こちらを押してください。", "en", "ja", {**FORBID, "forbid": r"\p{Katakana}{4,}"}),
])
def test_forbidden_pattern_is_quiet_without_a_match(src, tgt, sl, tl, rule):
    assert _flags([rule], [_pair(0, src, tgt, sl, tl)]) == []


def test_source_target_pair_requires_what_the_source_matched_literally():
    pairs = [
        _pair(0, "Sube un 3,5 % anual.", "It rises 3,5% a year.", "es", "en"),       # kept: quiet
        _pair(1, "Sube un 3,5 % anual.", "It rises 3x5% a year.", "es", "en"),       # '.' is not a wildcard
        _pair(2, "Рост на 12 %.", "Рост на 21 %.", "ru", "uk"),
        _pair(3, "增长了 40%。", "増加は40%でした。", "zh", "ja"),                     # kept: quiet
        _pair(4, "增长了 40%。", "増加は4割でした。", "zh", "ja"),
    ]
    got = _flags([PERCENT], pairs)
    assert [(g[0], g[3], g[4]) for g in got] == [("1", "source", "3,5 %"), ("1", "target", ""),
                                                ("2", "source", "12 %"), ("2", "target", ""),
                                                ("4", "source", "40%"), ("4", "target", "")]


def test_required_pattern_and_language_scope():
    rule = {"code": "CUS003", "require": r"^\p{Lu}", "message": "starts with a capital", "languages": ["de"]}
    pairs = [_pair(0, "the house", "das Haus", "en", "de"), _pair(1, "the house", "Das Haus", "en", "de")]
    assert [(g[0], g[3], g[4]) for g in _flags([rule], pairs)] == [("0", "target", "")]
    assert _flags([rule], [_pair(0, "the house", "la maison", "en", "fr")]) == []


def test_rules_are_selected_ignored_and_signed_like_checks():
    pairs = [_pair(0, "Haga clic aquí.", "Click here.", "es", "en")]
    on = audit_pairs(pairs, Config(rules=[FORBID]))
    assert any(f.code == "CUS001" for s in on.segments for f in s.flags)
    off = audit_pairs(pairs, Config(rules=[FORBID], ignore=("CUS",)))
    assert not any(f.code == "CUS001" for s in off.segments for f in s.flags)
    other = audit_pairs(pairs, Config(rules=[{**FORBID, "forbid": "click there"}]))
    assert on.signature != other.signature != audit_pairs(pairs, Config()).signature


def test_rules_run_in_worker_processes_too():
    pairs = [_pair(i, "Haga clic aquí.", f"Click here {i}.", "es", "en") for i in range(4500)]
    res = audit_pairs(pairs, Config(rules=[FORBID], select=("CUS",)), jobs=2)
    assert sum(f.code == "CUS001" for s in res.segments for f in s.flags) == 4500


def test_a_rule_from_a_config_file_in_the_cli(tmp_path):
    (tmp_path / "transaudit.toml").write_text(
        "[[rules]]\ncode = 'CUS001'\nforbid = '(?i)click here'\nmessage = 'no click here'\n", encoding="utf-8")
    (tmp_path / "a.tsv").write_text("source\ttarget\nHaga clic.\tClick here.\n", encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "audit", "check", "a.tsv", "-s", "es", "-t", "en", "--fail-on", "major"],
                       cwd=tmp_path, capture_output=True, text=True, check=False, timeout=120)
    assert r.returncode == 1 and "CUS001 major other: no click here target[0:10] «Click here»" in r.stdout
    (tmp_path / "transaudit.toml").write_text("[[rules]]\ncode = 'CUS001'\nforbid = '(x'\nmessage = 'm'\n",
                                              encoding="utf-8")
    bad = subprocess.run([sys.executable, "-m", "audit", "check", "a.tsv"], cwd=tmp_path, capture_output=True,
                         text=True, check=False, timeout=120)
    assert bad.returncode == 2 and "transaudit.toml" in bad.stderr and "Traceback" not in bad.stderr
