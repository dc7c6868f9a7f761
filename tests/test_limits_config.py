"""Limits as policy: every limit has a default, can be overridden in the config, is validated at
load with one line, and a breach names the file, the line or the limit, exit code 2."""
import json
import subprocess
import sys

import pytest

from audit.core import limits
from audit.core.config import from_mapping
from audit.core.errors import UsageError


@pytest.fixture(autouse=True)
def _defaults():
    limits.configure(None)
    yield
    limits.configure(None)


def _run(tmp_path, *args):
    return subprocess.run([sys.executable, "-m", "audit", *args], cwd=tmp_path, capture_output=True, text=True,
                          check=False, timeout=120)


def test_every_limit_has_a_default_and_configure_overrides_one():
    d = limits.Limits()
    assert all(getattr(d, n) > 0 for n in limits.LIMIT_NAMES)
    got = limits.configure({"max-line-chars": 10})
    assert got.max_line_chars == 10 and got.max_zip_members == d.max_zip_members
    assert limits.configure(None) == d


@pytest.mark.parametrize(("table", "says"), [
    ({"max-lines": 5}, "unknown limit 'max-lines'"),
    ({"max-line-chars": 0}, "positive whole number"),
    ({"max-line-chars": "10"}, "positive whole number"),
    ({"max-line-chars": True}, "positive whole number"),
    ("big", "must be a table"),
])
def test_bad_limits_are_refused_at_load(table, says):
    with pytest.raises(UsageError, match=says):
        from_mapping({"limits": table}, "transaudit.toml")


def test_line_limit_from_the_config_names_file_and_line(tmp_path):
    (tmp_path / "transaudit.toml").write_text("[limits]\nmax-line-chars = 40\n", encoding="utf-8")
    (tmp_path / "a.tsv").write_text("source\ttarget\nHola.\tHello.\n" + "x" * 50 + "\ty\n", encoding="utf-8")
    r = _run(tmp_path, "check", "a.tsv", "-s", "es", "-t", "en")
    assert r.returncode == 2 and "Traceback" not in r.stderr
    line = r.stderr.strip().splitlines()[-1]
    assert "a.tsv" in line and ":3" in line and "40" in line and "max-line-chars" in line


def test_input_size_limit(tmp_path):
    (tmp_path / "transaudit.toml").write_text("[limits]\nmax-input-bytes = 20\n", encoding="utf-8")
    (tmp_path / "a.tsv").write_text("source\ttarget\nHola mundo.\tHello world.\n", encoding="utf-8")
    r = _run(tmp_path, "check", "a.tsv", "-s", "es", "-t", "en")
    assert r.returncode == 2 and "a.tsv" in r.stderr and "max-input-bytes" in r.stderr and "Traceback" not in r.stderr


def test_json_integer_limit_from_the_config(tmp_path):
    (tmp_path / "transaudit.toml").write_text("[limits]\nmax-json-int-digits = 5\n", encoding="utf-8")
    rows = [{"id": 12, "source": "Hola.", "target": "Hello."}, {"id": 1234567, "source": "Sí.", "target": "Yes."}]
    (tmp_path / "a.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    r = _run(tmp_path, "check", "a.jsonl", "-s", "es", "-t", "en")
    assert r.returncode == 2 and "a.jsonl" in r.stderr and ":2" in r.stderr and "5 digits" in r.stderr
    (tmp_path / "transaudit.toml").write_text("[limits]\nmax-json-int-digits = 7\n", encoding="utf-8")
    ok = _run(tmp_path, "check", "a.jsonl", "-s", "es", "-t", "en")
    assert ok.returncode == 0, ok.stderr


def test_zip_limits_follow_the_config(tmp_path):
    import zipfile

    path = tmp_path / "a.docx"
    with zipfile.ZipFile(path, "w") as z:
        for i in range(3):
            z.writestr(f"m{i}.xml", "<x/>")
    limits.check_zip(str(path))
    limits.configure({"max-zip-members": 2})
    with pytest.raises(Exception, match="3 members, above the limit of 2"):
        limits.check_zip(str(path))
