"""Hostile inputs and signals (issue 15): zip bombs, FIFOs, SIGTERM mid-report, Ctrl-C with
workers. Each ends with one line and a known exit code, nothing left behind, no hang."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import zipfile

import pytest

from audit.align.documents import load_document
from audit.core.errors import InputError
from audit.core.limits import MAX_ZIP_MEMBER_BYTES

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _cli(*args, **kw):
    return subprocess.Popen([sys.executable, "-m", "audit", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, cwd=kw.pop("cwd", ROOT), **kw)


def _docx_with(path, member_bytes: bytes):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", member_bytes)


def test_zip_bomb_docx_is_refused_before_unpacking(tmp_path):
    path = str(tmp_path / "bomb.docx")
    _docx_with(path, b"<w:document>" + b" " * 20_000_000 + b"</w:document>")
    assert os.path.getsize(path) < 100_000
    with pytest.raises(InputError, match="zip bomb"):
        load_document(path)


def test_oversized_zip_member_is_refused(tmp_path):
    path = str(tmp_path / "big.docx")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as z:
        info = zipfile.ZipInfo("word/document.xml")
        z.writestr(info, b"x")
    # a header that claims more than the limit (zipfile would stop reading there anyway)
    data = bytearray(open(path, "rb").read())
    cd = data.rfind(b"PK\x01\x02")
    data[cd + 24: cd + 28] = (MAX_ZIP_MEMBER_BYTES + 1).to_bytes(4, "little")
    open(path, "wb").write(bytes(data))
    with pytest.raises(InputError, match="above the limit"):
        load_document(path)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_fifo_input_is_refused_without_waiting(tmp_path):
    fifo = str(tmp_path / "pipe.tsv")
    os.mkfifo(fifo)
    proc = _cli("check", fifo, "-s", "en", "-t", "de")
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "not a regular file" in lines[0] and fifo in lines[0]


def _big_corpus(tmp_path, n: int) -> str:
    path = tmp_path / "big.tsv"
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(n):
            fh.write(f"The {i} ministers met on Monday in Berlin.\tDie {i} Minister trafen sich am Montag in Berlin.\n")
    return str(path)


def _temps(folder) -> list[str]:
    return [f for f in os.listdir(folder) if f.startswith(".transaudit-")]


def test_sigterm_while_writing_leaves_no_temporary_file(tmp_path):
    corpus = _big_corpus(tmp_path, 6000)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    proc = _cli("check", corpus, "-s", "en", "-t", "de", "-F", "jsonl", "-o", str(out_dir / "r.jsonl"), "--jobs", "1")
    deadline = time.time() + 120
    while not _temps(out_dir) and proc.poll() is None and time.time() < deadline:
        time.sleep(0.01)
    if proc.poll() is not None:
        pytest.skip("the run ended before its report was being written")
    proc.send_signal(signal.SIGTERM)
    proc.communicate(timeout=60)
    assert proc.returncode == 128 + signal.SIGTERM
    assert _temps(out_dir) == [] and not (out_dir / "r.jsonl").exists()


def test_ctrl_c_with_workers_is_one_line(tmp_path):
    corpus = _big_corpus(tmp_path, 40000)  # long enough to be interrupted on a fast or a loaded machine
    proc = _cli("check", corpus, "-s", "en", "-t", "de", "-F", "jsonl", "-o", str(tmp_path / "r.jsonl"), "--jobs", "2",
                start_new_session=True)
    deadline = time.time() + 120
    while not _temps(tmp_path) and proc.poll() is None and time.time() < deadline:
        time.sleep(0.01)
    time.sleep(0.3)  # the workers are running
    if proc.poll() is not None:
        pytest.skip("the run ended before it could be interrupted")
    os.killpg(proc.pid, signal.SIGINT)  # what a terminal's Ctrl-C does: the whole process group
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert "Traceback" not in err and err.strip().splitlines() == ["transaudit: interrupted"]
    assert _temps(tmp_path) == []


def test_line_beyond_the_limit_is_refused_with_its_line(tmp_path, capsys):
    from audit.cli import main
    from audit.core.limits import MAX_LINE_CHARS

    path = tmp_path / "long.tsv"
    path.write_text("Hello.\tHallo.\n" + "a" * (MAX_LINE_CHARS + 10) + "\tb\n", encoding="utf-8")
    assert main(["check", str(path), "-s", "en", "-t", "de"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and f"{path}:2:" in err[0] and "limit" in err[0]
