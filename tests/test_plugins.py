"""Third-party checks through the real ``transaudit.checks`` entry-point group: a tiny
distribution (a module with one ``@check`` and its ``*.dist-info/entry_points.txt``) on the path of
a fresh interpreter; a plug-in that fails to import is reported once on stderr and the run goes on."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest

GOOD = '''
from audit.checks.registry import Option, check
from audit.core.model import hit


@check("XPL001", "shouting", "style/awkward", "minor",
       options=(Option("min_len", int, 4, "shorter targets are not judged"),))
def shouting(pair, ctx):
    """A target written in capitals only."""
    t = pair.target or ""
    if len(t) >= ctx.options("XPL001").min_len and t.isupper():
        yield hit("the target is in capitals only", target=(0, len(t)))
'''


def _dist(root, name: str, module: str, code: str) -> None:
    (root / f"{module}.py").write_text(textwrap.dedent(code), encoding="utf-8")
    info = root / f"{name}-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 0.1\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(f"[transaudit.checks]\n{name} = {module}\n", encoding="utf-8")


def _run(root, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(root), os.environ.get("PYTHONPATH", "")]))
    code = "import sys; from audit.cli import main; sys.exit(main(sys.argv[1:]))"
    return subprocess.run([sys.executable, "-c", code, *args], env=env, cwd=root, capture_output=True,
                          text=True, timeout=120)


@pytest.fixture
def plugins(tmp_path):
    _dist(tmp_path, "demo", "transaudit_demo", GOOD)
    (tmp_path / "s.txt").write_text("Hello world\nGood morning\n", encoding="utf-8")
    (tmp_path / "t.txt").write_text("HOLA MUNDO\nBuenos días\n", encoding="utf-8")
    return tmp_path


def _flag_codes(jsonl: str) -> list[str]:
    """Codes of the flags in a JSONL report (the header's signature names the checks too)."""
    segments = [json.loads(ln) for ln in jsonl.splitlines() if '"type": "segment"' in ln]
    return [f["code"] for seg in segments for f in seg["flags"]]


def test_plugin_check_is_listed_documented_and_run(plugins):
    r = _run(plugins, "checks")
    assert r.returncode == 0 and r.stderr == ""
    line = next(ln for ln in r.stdout.splitlines() if ln.startswith("XPL001"))
    assert "shouting" in line and line.endswith("[plug-in demo]")
    assert "NUM003" in r.stdout  # the built-in checks are still there
    r = _run(plugins, "checks", "XPL001")
    assert "plug-in: demo" in r.stdout and "  min_len (int, default 4): " in r.stdout
    assert "XPL001" not in _run(plugins, "checks", "--markdown").stdout  # the README lists built-ins
    r = _run(plugins, "check", "s.txt", "t.txt", "-s", "en", "-t", "es", "--select", "XPL", "-F", "jsonl")
    assert r.returncode == 0, r.stderr
    assert _flag_codes(r.stdout) == ["XPL001"] and "HOLA MUNDO" in r.stdout


def test_plugin_options_are_validated(plugins):
    (plugins / "transaudit.toml").write_text("[options.XPL001]\nmin_len = 20\n", encoding="utf-8")
    r = _run(plugins, "check", "s.txt", "t.txt", "-s", "en", "-t", "es", "--select", "XPL", "-F", "jsonl")
    assert r.returncode == 0 and _flag_codes(r.stdout) == []  # the option took effect
    (plugins / "transaudit.toml").write_text("[options.XPL001]\nmin_lenght = 2\n", encoding="utf-8")
    r = _run(plugins, "check", "s.txt", "t.txt", "-s", "en", "-t", "es", "--select", "XPL")
    assert r.returncode == 2
    assert r.stderr.strip().endswith("transaudit.toml: XPL001 has no option 'min_lenght' (valid: min_len)")


def test_broken_plugin_is_reported_once_and_the_run_goes_on(plugins):
    _dist(plugins, "broken", "transaudit_broken", "import transaudit_no_such_module\n")
    r = _run(plugins, "checks")
    assert r.returncode == 0
    assert r.stderr == ("transaudit: warning: plug-in 'broken' (transaudit_broken) failed to load: "
                        "ModuleNotFoundError: No module named 'transaudit_no_such_module'\n")
    assert "XPL001" in r.stdout and "NUM003" in r.stdout  # the other plug-in and the built-ins load
    r = _run(plugins, "check", "s.txt", "t.txt", "-s", "en", "-t", "es", "--select", "XPL", "-F", "jsonl")
    assert r.returncode == 0 and r.stderr.count("plug-in 'broken'") == 1
    assert '"XPL001"' in r.stdout


def test_plugin_reusing_a_builtin_code_is_reported(plugins):
    _dist(plugins, "clash", "transaudit_clash", GOOD.replace("XPL001", "NUM003"))
    r = _run(plugins, "checks", "NUM003")
    assert r.returncode == 0
    assert r.stderr.startswith("transaudit: warning: plug-in 'clash' (transaudit_clash) failed to load: "
                               "ValueError: check code NUM003 registered twice")
    assert "plug-in" not in r.stdout  # NUM003 is still the built-in one
