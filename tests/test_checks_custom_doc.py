"""``transaudit checks CODE`` knows the custom rules of the config in force (issue 12): their
doc, severity, category and languages, listed with the built-in checks; without a config a
custom code is unknown, with a hint."""
import subprocess
import sys

import pytest

CONFIG = """
[[rules]]
code = "CUS001"
message = "Write 'E-Mail', not 'e-mail'"
forbid = 'e-mail'
ignore-case = true
languages = ["de"]

[[rules]]
code = "CUS002"
if-source = '(\\d+) ?%'
then-target = '\\1 ?%'
message = "percentages must be kept"
severity = "minor"
category = "accuracy/mistranslation"
"""


def _run(cwd, *args):
    return subprocess.run([sys.executable, "-m", "audit", "checks", *args], cwd=cwd, capture_output=True,
                          text=True, check=False, timeout=120)


@pytest.fixture
def project(tmp_path):
    (tmp_path / "transaudit.toml").write_text(CONFIG, encoding="utf-8")
    return tmp_path


def test_custom_rule_doc_from_the_config_found_in_the_folder(project):
    r = _run(project, "CUS001")
    assert r.returncode == 0, r.stderr
    out = r.stdout
    assert out.startswith("CUS001 custom-cus001")
    assert "default severity: major" in out and "targets de" in out and "custom rule: from the config" in out
    assert "Write 'E-Mail', not 'e-mail'" in out and "``e-mail``" in out and "Case is ignored." in out


def test_pair_rule_doc_and_lower_case_code(project):
    r = _run(project, "cus002")
    assert r.returncode == 0, r.stderr
    assert "minor" in r.stdout and "accuracy/mistranslation" in r.stdout
    assert "the target must match ``\\1 ?%``" in r.stdout and "Case matters." in r.stdout


def test_listing_has_the_rules_after_the_builtin_checks(project):
    lines = _run(project, ).stdout.splitlines()
    codes = [ln.split()[0] for ln in lines if ln.strip()]
    assert codes[-2:] == ["CUS001", "CUS002"] and "NUM003" in codes
    assert lines[-1].endswith("[custom rule]")


def test_explicit_config_path(project, tmp_path_factory):
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    assert _run(elsewhere, "CUS001").returncode == 2
    r = _run(elsewhere, "CUS001", "--config", str(project / "transaudit.toml"))
    assert r.returncode == 0 and "custom-cus001" in r.stdout


def test_unknown_custom_code_says_where_rules_come_from(tmp_path):
    r = _run(tmp_path, "CUS009")
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert "unknown check code 'CUS009'" in r.stderr and "[[rules]]" in r.stderr


def test_markdown_table_stays_builtin_only(project):
    r = _run(project, "--markdown")
    assert r.returncode == 0 and "CUS001" not in r.stdout and "| NUM003 |" in r.stdout
