"""Progress on stderr for long runs (issue 13): plain lines when asked, nothing with --quiet, the
report unchanged either way."""
from __future__ import annotations

import io
import json

import pytest

from audit.cli import main
from audit.cli import progress as progress_mod
from audit.cli.progress import Progress


class Clock:
    def __init__(self):
        self.t = 0.0

    def __call__(self):
        return self.t


def test_lines_every_few_seconds_with_counts_rate_and_time_left():
    clock, out = Clock(), io.StringIO()
    p = Progress("lines", out, clock)
    p.total = 1000
    for i in range(1, 1001):
        clock.t = i * 0.01  # 100 segments a second
        p.update(i)
    lines = out.getvalue().splitlines()
    assert len(lines) == 2  # at 5 s and at 10 s
    assert lines[0] == "transaudit: 500 of 1,000 segments (50%), 100/s, 5 s left"


def test_line_without_a_total():
    clock, out = Clock(), io.StringIO()
    p = Progress("lines", out, clock)
    clock.t = 10.0
    p.update(25_000)
    assert out.getvalue() == "transaudit: 25,000 segments, 2,500/s\n"


def _corpus(tmp_path, n=300):
    path = tmp_path / "c.tsv"
    path.write_text("".join(f"The {i} ministers met.\tDie {i} Minister trafen sich.\n" for i in range(n)), encoding="utf-8")
    return str(path)


def test_progress_option_prints_lines_and_changes_no_report(tmp_path, capsys, monkeypatch):
    corpus = _corpus(tmp_path)
    for fmt in ("jsonl", "json"):
        plain, shown = tmp_path / f"a.{fmt}", tmp_path / f"b.{fmt}"
        assert main(["check", corpus, "-s", "en", "-t", "de", "-F", fmt, "-o", str(plain), "-q"]) == 0
        assert capsys.readouterr().err == ""  # --quiet: nothing on stderr
        monkeypatch.setattr(progress_mod, "LINE_EVERY", 0.0)
        assert main(["check", corpus, "-s", "en", "-t", "de", "-F", fmt, "-o", str(shown), "--progress"]) == 0
        monkeypatch.setattr(progress_mod, "LINE_EVERY", 5.0)
        err = [line for line in capsys.readouterr().err.splitlines() if "segments" in line]
        assert err and err[-1].startswith("transaudit: 300")
        if fmt == "jsonl":
            assert "of 300 segments (100%)" in err[-1]

        def body(p):
            text = p.read_text(encoding="utf-8")
            return [json.loads(x) for x in text.splitlines()] if fmt == "jsonl" else json.loads(text)["segments"]

        assert body(plain) == body(shown)


def test_no_progress_when_stderr_is_not_a_terminal(tmp_path, capsys):
    corpus = _corpus(tmp_path, 20)
    assert main(["check", corpus, "-s", "en", "-t", "de", "-F", "jsonl", "-o", str(tmp_path / "r.jsonl")]) == 0
    assert "segments" not in capsys.readouterr().err


def test_bar_redraws_one_line_within_the_width_and_leaves_nothing():
    clock, out = Clock(), io.StringIO()
    p = Progress("bar", out, clock)
    p.total = 1000
    for i in range(1, 1001):
        clock.t = i * 0.01
        p.update(i)
    text = p.bar_text(60, now=5.0)
    assert len(text) <= 59 and "%" in text and "left" in text
    assert p.bar_text(200, now=5.0).startswith("checking ━")
    drawn = out.getvalue()
    assert "\n" not in drawn and drawn.count("\r\x1b[K") >= 10
    p.close()
    assert out.getvalue().endswith("\r\x1b[K")
    # narrow terminals lose the bar, not the figures
    assert p.bar_text(30, now=5.0).startswith("checking 1,000")


@pytest.mark.parametrize("executor", ["local", "processes"])
def test_progress_on_the_executor_counts_every_segment_once(tmp_path, capsys, monkeypatch, executor):
    """``--executor``: a line as each partition's pairs come in, the total estimated from the bytes
    the workers read (exact at the end), and the report the same as without ``--progress``."""
    corpus = _corpus(tmp_path, 400)
    plain, shown = tmp_path / "a.json", tmp_path / "b.json"
    common = ["check", corpus, "-s", "en", "-t", "de", "-F", "json", "--executor", executor, "--partitions", "4"]
    assert main([*common, "-o", str(plain), "-q"]) == 0
    capsys.readouterr()
    monkeypatch.setattr(progress_mod, "LINE_EVERY", 0.0)
    assert main([*common, "-o", str(shown), "--progress"]) == 0
    lines = [x for x in capsys.readouterr().err.splitlines() if "segments" in x]
    assert len(lines) == 4, lines  # one a partition
    assert lines[-1].startswith("transaudit: 400 of 400 segments (100%)")
    counts = [int(x.split()[1].replace(",", "")) for x in lines]
    assert counts == sorted(counts) and counts[0] > 0
    assert json.loads(plain.read_text(encoding="utf-8"))["segments"] == json.loads(shown.read_text(encoding="utf-8"))["segments"]


def test_progress_on_the_executor_over_several_files(tmp_path, capsys, monkeypatch):
    folder = tmp_path / "in"
    folder.mkdir()
    for k, n in (("a", 120), ("b", 80)):
        (folder / f"{k}.tsv").write_text("".join(f"The {i} ministers met.\tDie {i} Minister trafen sich.\n"
                                                 for i in range(n)), encoding="utf-8")
    monkeypatch.setattr(progress_mod, "LINE_EVERY", 0.0)
    assert main(["check", str(folder / "a.tsv"), str(folder / "b.tsv"), "-s", "en", "-t", "de", "-F", "json", "-o", str(tmp_path / "r.json"),
                 "--each", "--executor", "local", "--partitions", "2", "--progress"]) == 0
    lines = [x for x in capsys.readouterr().err.splitlines() if "segments" in x]
    assert lines and lines[-1].startswith("transaudit: 200 of 200 segments (100%)")
    assert all(" of 200 segments" in x for x in lines)


def test_partition_totals_are_estimated_from_bytes_then_exact():
    from audit.inputs.partition import Partition
    from audit.pipeline.executors import _Counted

    seen = []
    parts = [Partition(0, "jsonl", ("f",), ((0, 1000),)), Partition(1, "jsonl", ("f",), ((1000, 3000),)),
             Partition(2, "pairs", pairs=(1, 2, 3))]
    c = _Counted(parts, lambda done, total: seen.append((done, total)))
    c.add(10, 10)  # 10 pairs in 1000 bytes: 30 expected in the 3000 bytes, plus the 3 packed
    c.add(25, 35)
    c.add(3, 38)
    assert seen == [(10, 33), (35, 38), (38, 38)]
