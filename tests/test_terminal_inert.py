"""Terminal escapes in ids, language codes, file names and text change nothing on a real terminal
(issue 15): the text report and the review app run in tmux; the pane title and the lines printed
before them are the same afterwards."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HOSTILE = os.path.join(ROOT, "tests", "fixtures", "hostile")
_DONE = "printf '%s=%s\\n' EXIT $?"  # prints EXIT=<code>; the typed command shows no "EXIT="

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


def _tmux(*args: str) -> str:
    return subprocess.run(["tmux", *args], capture_output=True, text=True, check=True).stdout


@pytest.fixture
def pane(tmp_path):
    name = f"inert-{uuid.uuid4().hex[:8]}"
    # a named file whose name itself carries an escape (the report prints file names)
    evil = tmp_path / "evil\x1b]0;pwned\x07.jsonl"
    shutil.copy(os.path.join(HOSTILE, "escapes-in-fields.jsonl"), evil)
    _tmux("new-session", "-d", "-s", name, "-x", "160", "-y", "45", "sh")
    _tmux("set-option", "-t", name, "allow-rename", "on")
    _tmux("set-option", "-t", name, "set-titles", "on")
    _tmux("send-keys", "-t", name, "printf 'MARKER-BEFORE\\n'; printf '\\033]2;clean-title\\007'", "Enter")
    time.sleep(0.5)
    try:
        yield name, str(evil)
    finally:
        subprocess.run(["tmux", "kill-session", "-t", name], capture_output=True)


def _state(name: str) -> tuple[str, str]:
    return _tmux("display-message", "-p", "-t", name, "#{pane_title}").strip(), _tmux("capture-pane", "-p", "-t", name)


def _wait_for(name: str, text: str, timeout: float = 60.0) -> str:
    """The pane's whole history once ``text`` is in it."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        screen = _tmux("capture-pane", "-p", "-S", "-", "-t", name)
        if text in screen:
            return screen
        time.sleep(0.2)
    raise AssertionError(f"{text!r} never appeared:\n{screen}")


def test_text_report_changes_neither_title_nor_screen(pane):
    name, evil = pane
    title_before, _ = _state(name)
    assert title_before == "clean-title"
    cmd = f"{sys.executable} -m audit check {shlex_quote(evil)} -s en -t de --color always; {_DONE}"
    _tmux("send-keys", "-t", name, f"cd {shlex_quote(ROOT)}; {cmd}", "Enter")
    screen = _wait_for(name, "EXIT=")
    title_after, _ = _state(name)
    assert title_after == "clean-title"
    assert screen.count("MARKER-BEFORE") == 2  # the command and its output: nothing cleared them
    assert "EXIT=0" in screen
    assert "␛" in screen  # the escapes are shown, not run


def test_review_app_changes_no_title(pane):
    name, evil = pane
    cmd = f"{sys.executable} -m audit review {shlex_quote(evil)} -s en -t de --db {shlex_quote(evil + '.db')}"
    _tmux("send-keys", "-t", name, f"cd {shlex_quote(ROOT)}; {cmd}; {_DONE}", "Enter")
    time.sleep(6)
    title_during, screen = _state(name)
    assert title_during in ("clean-title", "") or "pwned" not in title_during
    assert "pwned" not in title_during
    _tmux("send-keys", "-t", name, "q")
    screen = _wait_for(name, "EXIT=")
    assert "EXIT=0" in screen
    assert "pwned" not in _state(name)[0]


def shlex_quote(s: str) -> str:
    import shlex

    return shlex.quote(s)
