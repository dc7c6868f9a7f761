"""Keys on a real terminal (issue 14): in tmux, Shift+F3 arrives as ``ESC[1;2R``, which Textual
reads as a cursor-position report; the review app still goes to the previous match with it, and
with ``P`` everywhere. The header's second line says which segment is current."""
from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
import uuid

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURE = os.path.join(ROOT, "tests", "fixtures", "tui", "mixed.jsonl")

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


def _tmux(*args: str) -> str:
    return subprocess.run(["tmux", *args], capture_output=True, text=True, check=True).stdout


def _line(name: str, n: int) -> str:
    return _tmux("capture-pane", "-p", "-t", name).splitlines()[n]


def _until(name: str, n: int, test, timeout: float = 60.0) -> str:
    deadline = time.time() + timeout
    line = ""
    while time.time() < deadline:
        line = _line(name, n)
        if test(line):
            return line
        time.sleep(0.2)
    raise AssertionError(f"line {n} never matched: {line!r}\n" + _tmux("capture-pane", "-p", "-t", name))


def test_shift_f3_and_p_go_to_the_previous_match_in_tmux(tmp_path):
    corpus = tmp_path / "mixed.jsonl"
    shutil.copy(FIXTURE, corpus)
    name = f"keys-{uuid.uuid4().hex[:8]}"
    cmd = (f"cd {shlex.quote(ROOT)} && {shlex.quote(sys.executable)} -m audit review {shlex.quote(str(corpus))}"
           f" -s en -t es --select EMP,WSP,ENC -j 1 --db {shlex.quote(str(tmp_path / 'r.db'))}")
    _tmux("new-session", "-d", "-s", name, "-x", "100", "-y", "30", cmd)
    try:
        _until(name, 0, lambda s: "12 seg" in s and "auditing" not in s)
        assert _line(name, 1).lstrip().startswith("id a1 ")

        def current() -> str:
            return _line(name, 1).split()[1]

        _tmux("send-keys", "-t", name, "/")
        time.sleep(0.5)
        _tmux("send-keys", "-t", name, "-l", "the")
        _tmux("send-keys", "-t", name, "Enter")
        _until(name, 1, lambda s: s.lstrip().startswith("id a2 "))  # the next match after a1
        _tmux("send-keys", "-t", name, "F3")
        _until(name, 1, lambda s: s.lstrip().startswith("id a3 "))
        _tmux("send-keys", "-t", name, "S-F3")  # sent as ESC[1;2R
        _until(name, 1, lambda s: s.lstrip().startswith("id a2 "))
        _tmux("send-keys", "-t", name, "N")
        _until(name, 1, lambda s: s.lstrip().startswith("id a3 "))
        _tmux("send-keys", "-t", name, "P")
        _until(name, 1, lambda s: s.lstrip().startswith("id a2 "))
        assert current() == "a2"
        _tmux("send-keys", "-t", name, "q")
    finally:
        subprocess.run(["tmux", "kill-session", "-t", name], check=False, capture_output=True)
