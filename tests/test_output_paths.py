"""Outputs respect what they write to, for every command with ``-o`` (and ``--edited``): a FIFO is
written in place and stays a FIFO, a symlink's target is written and the link kept, ``-`` is
stdout, and every failure (missing folder, no permission, full disk, file too large, a directory)
is one line naming the path, exit code 2, with nothing left behind. No real device is used: the
FIFO stands for every non-regular file, faults are injected through ``os.open`` / ``os.write``."""
from __future__ import annotations

import errno
import os
import shutil
import stat
import subprocess
import sys
import threading

import pytest

from audit.cli import main
from audit.core.errors import UsageError
from audit.core.files import write_output
from audit.inputs import open_input
from audit.store.decisions import DecisionStore

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NEWS_TSV = os.path.join(ROOT, "corpora", "es-en", "news.tsv")
NEWS_JSONL = os.path.join(ROOT, "corpora", "es-en", "news.jsonl")

EN = "Annual report\n\nThe museum opened a new wing in March. It hosts 120 paintings.\n"
ES = "Informe anual\n\nEl museo abrió un ala nueva en marzo. Alberga 120 cuadros.\n"
POST_EDIT = "The government sends the army to the rescue."


@pytest.fixture
def inputs(tmp_path):
    """Input files in ``tmp_path/in``; outputs go to ``tmp_path/out`` (kept apart, so that a
    fault injected into writes under ``out`` never touches an input)."""
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    out.mkdir()
    (src / "en.txt").write_text(EN, encoding="utf-8")
    (src / "es.txt").write_text(ES, encoding="utf-8")
    (src / "ref.txt").write_text("The cat sat on the mat.\nA dog barks.\n", encoding="utf-8")
    (src / "a.txt").write_text("The cat sat on a mat.\nA dog barked.\n", encoding="utf-8")
    (src / "b.txt").write_text("The cat sat on the mat.\nThe dog barks.\n", encoding="utf-8")
    corpus = src / "news.jsonl"
    shutil.copy(NEWS_JSONL, corpus)
    db = str(src / "d.db")
    with DecisionStore(db) as st:
        st.set_post_edit(list(open_input([str(corpus)]))[1], POST_EDIT)
    return {"in": src, "out": out, "db": db, "corpus": str(corpus)}


# command -> (argv for an output path, a text the output must contain)
def _argv(cmd: str, ins, path: str) -> list[str]:
    d = ins["in"]
    return {
        "check": ["check", NEWS_TSV, "-F", "text", "-o", path],
        "align": ["align", str(d / "en.txt"), str(d / "es.txt"), "-s", "en", "-t", "es", "-F", "tsv", "-o", path],
        "compare": ["compare", str(d / "a.txt"), str(d / "b.txt"), "--ref", str(d / "ref.txt"), "-m", "chrf",
                    "--bootstrap", "10", "--trials", "10", "-F", "text", "-o", path],
        "export-decisions": ["export-decisions", ins["db"], "-F", "json", "-o", path],
        "edited": ["export-decisions", ins["db"], "--edited", path, "--input", ins["corpus"]],
    }[cmd]


MARKER = {"check": "transaudit es → en", "align": "Annual report\tInforme anual\n", "compare": "transaudit compare",
          "export-decisions": '"decisions"', "edited": POST_EDIT}
COMMANDS = sorted(MARKER)


def _leftovers(folder) -> list[str]:
    return sorted(p for p in os.listdir(folder) if p.startswith(".transaudit-"))


def _one_line_error(err: str, path) -> None:
    lines = [ln for ln in err.splitlines() if ln.startswith("transaudit: error:")]
    assert len(lines) == 1 and str(path) in lines[0], err
    assert "Traceback" not in err, err


class _FifoReader:
    """Reads a FIFO in a thread until its writer closes it."""

    def __init__(self, path: str):
        self.path, self.data = path, b""
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()

    def _read(self):
        with open(self.path, "rb") as fh:
            self.data = fh.read()

    def finish(self) -> bytes:
        self.thread.join(timeout=60)
        if self.thread.is_alive():  # the writer never opened it: release the reader
            os.close(os.open(self.path, os.O_WRONLY | os.O_NONBLOCK))
            self.thread.join(timeout=10)
            pytest.fail(f"nothing opened {self.path} for writing")
        return self.data


# -- what the output path is ----------------------------------------------------------------------

@pytest.mark.parametrize("cmd", COMMANDS)
def test_fifo_is_written_in_place(cmd, inputs, capsys):
    fifo = str(inputs["out"] / "pipe")
    os.mkfifo(fifo)
    reader = _FifoReader(fifo)
    assert main(_argv(cmd, inputs, fifo)) == 0
    data = reader.finish().decode("utf-8")
    assert MARKER[cmd] in data
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)  # not replaced by a regular file
    assert os.listdir(inputs["out"]) == ["pipe"]


def test_fifo_check_exits_by_the_gates(inputs, capsys):
    fifo = str(inputs["out"] / "pipe")
    os.mkfifo(fifo)
    reader = _FifoReader(fifo)
    assert main(["check", NEWS_TSV, "--fail-on", "major", "-o", fifo]) == 1  # the bundled news has major flags
    assert "critical" in reader.finish().decode("utf-8")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


@pytest.mark.parametrize("cmd", COMMANDS)
def test_symlink_target_is_written_link_kept(cmd, inputs, capsys):
    out = inputs["out"]
    real = out / "real.out"
    real.write_text("old", encoding="utf-8")
    os.chmod(real, 0o640)
    link = out / "link.out"
    link.symlink_to("real.out")
    assert main(_argv(cmd, inputs, str(link))) == 0
    assert os.path.islink(link) and os.readlink(link) == "real.out"
    assert MARKER[cmd] in real.read_text(encoding="utf-8")
    assert stat.S_IMODE(os.stat(real).st_mode) == 0o640  # an existing file keeps its permissions
    assert sorted(os.listdir(out)) == ["link.out", "real.out"]


def test_dangling_symlink_creates_its_target(inputs, capsys):
    out = inputs["out"]
    link = out / "link.txt"
    link.symlink_to("made.txt")
    assert main(_argv("check", inputs, str(link))) == 0
    assert os.path.islink(link) and MARKER["check"] in (out / "made.txt").read_text(encoding="utf-8")


def test_symlink_to_an_input_is_refused(inputs, capsys):
    """Following links must not let an output replace an input."""
    link = inputs["out"] / "e.jsonl"
    link.symlink_to(inputs["corpus"])
    before = open(inputs["corpus"], "rb").read()
    assert main(_argv("edited", inputs, str(link))) == 2
    _one_line_error(capsys.readouterr().err, link)
    assert open(inputs["corpus"], "rb").read() == before


@pytest.mark.parametrize("cmd,protected", [("edited", "corpus"), ("export-decisions", "db"), ("edited", "db")])
def test_hard_link_to_an_input_or_the_database_is_refused(cmd, protected, inputs, capsys):
    """A hard link is the same file under another name: refused by device and inode, and the
    link is left a link (an atomic replace would silently cut it off)."""
    link = inputs["out"] / "hard"
    os.link(inputs[protected], link)
    before = open(inputs[protected], "rb").read()
    assert main(_argv(cmd, inputs, str(link))) == 2
    _one_line_error(capsys.readouterr().err, link)
    assert open(inputs[protected], "rb").read() == before
    assert os.stat(link).st_ino == os.stat(inputs[protected]).st_ino


def test_the_database_is_never_its_own_export(inputs, capsys):
    before = open(inputs["db"], "rb").read()
    for argv in (["export-decisions", inputs["db"], "-o", inputs["db"]],
                 ["export-decisions", inputs["db"], "--edited", inputs["db"], "--input", inputs["corpus"]]):
        assert main(argv) == 2
        _one_line_error(capsys.readouterr().err, inputs["db"])
    assert open(inputs["db"], "rb").read() == before


def test_new_file_gets_plain_open_permissions(inputs, capsys):
    path = inputs["out"] / "new.txt"
    assert main(_argv("check", inputs, str(path))) == 0
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o666 & ~mask


@pytest.mark.parametrize("cmd", COMMANDS)
def test_dash_is_stdout(cmd, inputs, capsys, monkeypatch):
    monkeypatch.chdir(inputs["out"])
    assert main(_argv(cmd, inputs, "-")) == 0
    assert MARKER[cmd] in capsys.readouterr().out
    assert os.listdir(inputs["out"]) == []  # no file named "-"


# -- errors: one line, exit 2, nothing left behind ----------------------------------------------

@pytest.mark.parametrize("cmd", COMMANDS)
def test_missing_folder(cmd, inputs, capsys):
    path = inputs["out"] / "nowhere" / "x.txt"
    assert main(_argv(cmd, inputs, str(path))) == 2
    _one_line_error(capsys.readouterr().err, path)
    assert os.listdir(inputs["out"]) == []


@pytest.mark.parametrize("cmd", COMMANDS)
def test_directory_as_output(cmd, inputs, capsys):
    folder = inputs["out"] / "adir"
    folder.mkdir()
    assert main(_argv(cmd, inputs, str(folder))) == 2
    _one_line_error(capsys.readouterr().err, folder)
    assert os.listdir(folder) == [] and os.listdir(inputs["out"]) == ["adir"]


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root ignores permissions")
@pytest.mark.parametrize("cmd", COMMANDS)
def test_unwritable_folder(cmd, inputs, capsys):
    out = inputs["out"]
    (out / "x.txt").write_text("old", encoding="utf-8")
    os.chmod(out, 0o500)
    try:
        assert main(_argv(cmd, inputs, str(out / "x.txt"))) == 2
        _one_line_error(capsys.readouterr().err, out / "x.txt")
        assert os.listdir(out) == ["x.txt"] and (out / "x.txt").read_text(encoding="utf-8") == "old"
    finally:
        os.chmod(out, 0o700)


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root ignores permissions")
def test_read_only_file_is_not_replaced(inputs, capsys):
    path = inputs["out"] / "x.txt"
    path.write_text("old", encoding="utf-8")
    os.chmod(path, 0o444)
    assert main(_argv("check", inputs, str(path))) == 2
    _one_line_error(capsys.readouterr().err, path)
    assert path.read_text(encoding="utf-8") == "old" and os.listdir(inputs["out"]) == ["x.txt"]


def _under(folder, fd_or_path) -> bool:
    path = fd_or_path
    if isinstance(fd_or_path, int):
        try:
            path = os.readlink(f"/proc/self/fd/{fd_or_path}")
        except OSError:
            return False
    return os.path.abspath(os.fsdecode(path)).startswith(str(folder) + os.sep)


@pytest.mark.parametrize("cmd", COMMANDS)
def test_open_refused(cmd, inputs, capsys, monkeypatch):
    """Permission denied at open (what a non-root user gets; injected, so it also runs as root)."""
    out = inputs["out"]
    (out / "x.txt").write_text("old", encoding="utf-8")
    real_open = os.open

    def refuse(path, *a, **kw):
        if _under(out, path):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), path)
        return real_open(path, *a, **kw)

    monkeypatch.setattr(os, "open", refuse)
    assert main(_argv(cmd, inputs, str(out / "x.txt"))) == 2
    err = capsys.readouterr().err
    _one_line_error(err, out / "x.txt")
    assert "Permission denied" in err
    assert os.listdir(out) == ["x.txt"] and (out / "x.txt").read_text(encoding="utf-8") == "old"


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="needs /proc to tell which file a write goes to")
@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EFBIG])
@pytest.mark.parametrize("cmd", COMMANDS)
def test_write_fails(cmd, code, inputs, capsys, monkeypatch):
    """A full disk or a file too large, mid-write: the old file stays, no temp file is left."""
    out = inputs["out"]
    (out / "x.txt").write_text("old", encoding="utf-8")
    real_write = os.write

    def fail(fd, data):
        if _under(out, fd):
            raise OSError(code, os.strerror(code))
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", fail)
    assert main(_argv(cmd, inputs, str(out / "x.txt"))) == 2
    err = capsys.readouterr().err
    _one_line_error(err, out / "x.txt")
    assert os.strerror(code) in err
    assert os.listdir(out) == ["x.txt"] and (out / "x.txt").read_text(encoding="utf-8") == "old"


def test_file_too_large_for_real(inputs):
    """A real EFBIG: the file-size limit (RLIMIT_FSIZE) set below the report's size in a subprocess,
    after one warm-up run (loading the language model writes a large temp file)."""
    pytest.importorskip("resource")
    out = inputs["out"] / "r.json"
    code = ("import resource, signal, sys; from audit.cli import main; "
            "main(sys.argv[1:-1] + [sys.argv[-1] + '.warm']); "
            "signal.signal(signal.SIGXFSZ, signal.SIG_IGN); "
            "resource.setrlimit(resource.RLIMIT_FSIZE, (2000, resource.getrlimit(resource.RLIMIT_FSIZE)[1])); "
            "sys.exit(main(sys.argv[1:]))")
    proc = subprocess.run([sys.executable, "-c", code, "check", NEWS_TSV, "-o", str(out)],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert proc.returncode == 2, proc.stderr
    _one_line_error(proc.stderr, out)
    assert "too large" in proc.stderr
    assert os.listdir(inputs["out"]) == ["r.json.warm"]
    assert os.path.getsize(inputs["out"] / "r.json.warm") > 2000  # the report is larger than the limit


# -- the module itself ----------------------------------------------------------------------------

def test_an_error_of_the_fill_is_not_an_output_error(tmp_path):
    """An OSError raised by the code filling the output (reading something) is not turned into
    an output error, and the temp file goes."""
    path = tmp_path / "x.txt"

    def fill(fh):
        fh.write("partial")
        open(tmp_path / "missing")

    with pytest.raises(FileNotFoundError):
        write_output(str(path), fill)
    assert os.listdir(tmp_path) == []


def test_binary_and_text_outputs(tmp_path):
    write_output(str(tmp_path / "b"), lambda fh: fh.write(b"\x00\xff"), binary=True)
    write_output(str(tmp_path / "t"), lambda fh: fh.write("é\r\n"))
    assert (tmp_path / "b").read_bytes() == b"\x00\xff"
    assert (tmp_path / "t").read_bytes() == "é\r\n".encode("utf-8")  # no newline translation
    with pytest.raises(UsageError, match="directory"):
        write_output(str(tmp_path), lambda fh: fh.write("x"))
