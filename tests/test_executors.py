"""``check --executor local|processes|dask`` (audit/pipeline/executors.py) gives the serial report,
byte for byte, whatever the partitioning: on every bundled corpus, on a generated 5k-pair corpus
(JSONL, TSV with a header, a line-aligned text pair) cut into 1, 2, 3 and 7 partitions, and a bad
line in any partition gives the serial run's one-line error and exit 2. The dask tests run a
``LocalCluster`` of two workers (in-process workers, plus one test with real worker processes)
and are skipped when dask is not installed."""
from __future__ import annotations

import glob
import itertools
import json
import os
import random
from pathlib import Path

import pytest

from audit.cli import main
from audit.inputs.partition import plan
from audit.pipeline import executors

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# every bundled corpus: each bilingual file, and the text pair (news.en.txt + news.es.txt) as one input
CORPORA = sorted(p for p in glob.glob(os.path.join(ROOT, "corpora", "*", "*"))
                 if not p.endswith(".txt") and "glossary" not in os.path.basename(p))
TEXT_PAIRS = [sorted(glob.glob(os.path.join(d, "*.txt")), key=lambda p: not p.endswith(".en.txt"))
              for d in sorted(glob.glob(os.path.join(ROOT, "corpora", "*"))) if glob.glob(os.path.join(d, "*.txt"))]
INPUTS = [[p] for p in CORPORA] + TEXT_PAIRS


def _report(capsys, tmp_path, inputs, *extra) -> tuple[int, str, str]:
    """(exit code, JSON report, stderr) of ``check`` on ``inputs`` with ``extra`` options."""
    out = tmp_path / f"r{random.random()}.json"
    code = main(["check", *inputs, "-F", "json", "-o", str(out), "-q", *extra])
    err = capsys.readouterr().err
    text = out.read_text(encoding="utf-8") if out.exists() else ""
    return code, text, err


def _pairs(n: int, seed: int = 7) -> list[tuple[str, str]]:
    """``n`` English-French pairs from the bundled corpus, varied: numbers changed on one side or
    both, some repeated sources with other targets (consistency), multi-byte text."""
    with open(os.path.join(ROOT, "corpora", "en-fr", "web.jsonl"), encoding="utf-8") as fh:
        base = [json.loads(line) for line in fh]
    rnd = random.Random(seed)
    out = []
    for i in range(n):
        b = base[i % len(base)]
        src, tgt = b["source"], b["target"] or ""
        k = rnd.random()
        if k < 0.2:
            num = str(rnd.randint(2, 9999))
            src, tgt = f"{src} ({num} éléments)", f"{tgt} ({num if rnd.random() < 0.7 else num + '0'} éléments)"
        elif k < 0.25:
            tgt = tgt.upper()
        elif k < 0.3:
            tgt = ""
        out.append((src, tgt))
    return out


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    """The generated corpus as JSONL (with blank lines), TSV (with a header) and a text pair."""
    d = tmp_path_factory.mktemp("big")
    pairs = _pairs(5000)
    with open(d / "c.jsonl", "w", encoding="utf-8") as fh:
        for i, (s, t) in enumerate(pairs):
            fh.write(json.dumps({"id": f"p{i}", "source": s, "target": t}, ensure_ascii=False) + "\n")
            if i % 997 == 3:
                fh.write("\n")
    with open(d / "c.tsv", "w", encoding="utf-8") as fh:
        fh.write("source\ttarget\n")
        fh.writelines(f"{s}\t{t}\n" for s, t in pairs)
    with open(d / "c.en.txt", "w", encoding="utf-8") as fs, open(d / "c.fr.txt", "w", encoding="utf-8") as ft:
        fs.writelines(s + "\n" for s, _ in pairs)
        ft.writelines(t + "\n" for _, t in pairs)
    return d


LANGS = ["--src-lang", "en", "--tgt-lang", "fr"]


def test_plan_cuts_at_line_starts(big):
    path = str(big / "c.jsonl")
    data = Path(path).read_bytes()
    for n in (1, 2, 3, 7, 50):
        parts = plan("jsonl", [path], n)
        assert parts[0].ranges[0][0] == 0 and parts[-1].ranges[0][1] == len(data)
        for a, b in itertools.pairwise(parts):
            assert a.ranges[0][1] == b.ranges[0][0]
            assert data[b.ranges[0][0] - 1:b.ranges[0][0]] == b"\n"
            assert b.first_line == data[:b.ranges[0][0]].count(b"\n") + 1
        assert len(parts) == n


def test_text_pair_plan_same_lines(big):
    parts = plan("text", [str(big / "c.en.txt"), str(big / "c.fr.txt")], 7)
    tgt = (big / "c.fr.txt").read_bytes()
    for p in parts[1:]:
        start = p.ranges[1][0]
        assert tgt[:start].count(b"\n") + 1 == p.first_line
        assert p.chars[1] == len(tgt[:start].decode("utf-8"))


def _cli(tmp_path, inputs, *extra) -> tuple[int, str]:
    """(exit code, JSON report) of ``transaudit check`` in a fresh process (the processes executor
    forks: not from inside pytest, whose threads a fork would copy mid-lock)."""
    import subprocess
    import sys

    out = tmp_path / f"s{random.random()}.json"
    run = subprocess.run([sys.executable, "-m", "audit", "check", *inputs, "-F", "json", "-o", str(out), "-q",
                          *extra], check=False, capture_output=True, text=True, timeout=300)
    return run.returncode, out.read_text(encoding="utf-8") if out.exists() else run.stderr


@pytest.mark.parametrize("inputs", INPUTS, ids=lambda p: "+".join(os.path.relpath(x, ROOT) for x in p))
def test_bundled_local(capsys, tmp_path, inputs):
    serial = _report(capsys, tmp_path, inputs)
    assert serial[0] in (0, 1) and serial[1]
    for n in ("1", "3", "7"):
        assert _report(capsys, tmp_path, inputs, "--executor", "local", "--partitions", n) == serial


@pytest.mark.parametrize("path", [p for p in CORPORA if p.endswith((".jsonl", ".xlf"))][:6],
                         ids=lambda p: os.path.relpath(p, ROOT))
def test_bundled_processes(capsys, tmp_path, path):
    serial = _report(capsys, tmp_path, [path])
    assert _cli(tmp_path, [path], "--executor", "processes", "-j", "2", "--partitions", "7") == serial[:2]


@pytest.mark.parametrize("name", ["c.jsonl", "c.tsv", "text"])
def test_generated_local_partitions(capsys, tmp_path, big, name):
    inputs = [str(big / "c.en.txt"), str(big / "c.fr.txt")] if name == "text" else [str(big / name)]
    serial = _report(capsys, tmp_path, inputs, *LANGS)
    assert json.loads(serial[1])["summary"]["flags"] > 100  # the corpus does raise flags
    for n in ("1", "2", "3", "7"):
        assert _report(capsys, tmp_path, inputs, *LANGS, "--executor", "local", "--partitions", n) == serial, n


def test_generated_processes(capsys, tmp_path, big):
    inputs = [str(big / "c.jsonl")]
    serial = _report(capsys, tmp_path, inputs, *LANGS)
    assert _cli(tmp_path, inputs, *LANGS, "--executor", "processes", "-j", "2", "--partitions", "3") == serial[:2]


def test_client_read_format_in_chunks(capsys, tmp_path):
    """XLIFF, PO, TMX are read by the client and shipped in chunks: same report."""
    for path in glob.glob(os.path.join(ROOT, "corpora", "en-de", "*")):
        if path.endswith((".po", ".xlf", ".tmx")):
            serial = _report(capsys, tmp_path, [path])
            assert _report(capsys, tmp_path, [path], "--executor", "local", "--partitions", "7") == serial


def _bad_copy(big, tmp_path, line: int) -> str:
    lines = (big / "c.jsonl").read_text(encoding="utf-8").split("\n")
    lines[line - 1] = '{"source": "broken", '
    bad = tmp_path / "bad.jsonl"
    bad.write_text("\n".join(lines), encoding="utf-8")
    return str(bad)


def test_bad_line_same_error(capsys, tmp_path, big):
    bad = _bad_copy(big, tmp_path, 4321)
    code, _, err = _report(capsys, tmp_path, [bad], *LANGS)
    assert code == 2 and ":4321: invalid JSON" in err and err.count("\n") == 1
    assert _report(capsys, tmp_path, [bad], *LANGS, "--executor", "local", "--partitions", "7")[::2] == (code, err)


def test_partitioned_output(capsys, tmp_path, big):
    out = tmp_path / "parts"
    _, report, _ = _report(capsys, tmp_path, [str(big / "c.jsonl")], *LANGS, "--executor", "local",
                              "--partitions", "3", "--partitioned-output", str(out))
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert [p["file"] for p in manifest["partitions"]] == ["part-00000.jsonl", "part-00001.jsonl", "part-00002.jsonl"]
    segs = [json.loads(line) for p in manifest["partitions"]
            for line in (out / p["file"]).read_text(encoding="utf-8").splitlines()]
    assert segs == json.loads(report)["segments"]
    assert manifest["summary"] == json.loads(report)["summary"]


def test_usage_errors(capsys, tmp_path):
    path = CORPORA[0]
    assert _report(capsys, tmp_path, [path], "--executor", "local", "--scheduler", "tcp://x:1")[0] == 2
    assert _report(capsys, tmp_path, [path], "--executor", "local", "--partitions", "0")[0] == 2


# -- dask --------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def dask_cluster():
    pytest.importorskip("dask.distributed")
    ex = executors.DaskExecutor(2, processes=False)
    yield ex
    ex.close()


@pytest.fixture
def on_dask(dask_cluster, monkeypatch):
    """``--executor dask`` runs on the module's LocalCluster (started once for these tests)."""
    class Shared(executors.Executor):
        name = "dask"

        def map_partitions(self, fn, tasks):
            return dask_cluster.map_partitions(fn, tasks)

    monkeypatch.setattr(executors, "make_executor", lambda *a, **k: Shared())


def test_dask_bundled(capsys, tmp_path, on_dask):
    for inputs in INPUTS:
        serial = _report(capsys, tmp_path, inputs)
        assert serial[0] in (0, 1) and serial[1]
        assert _report(capsys, tmp_path, inputs, "--executor", "dask", "--partitions", "3") == serial, inputs


def test_dask_generated_partitions(capsys, tmp_path, big, on_dask):
    """The first 1,500 lines of the generated corpus (a blank line among them): quick enough
    on a loaded machine."""
    head = tmp_path / "head.jsonl"
    head.write_text("".join((big / "c.jsonl").read_text(encoding="utf-8").splitlines(True)[:1500]), encoding="utf-8")
    inputs = [str(head)]
    serial = _report(capsys, tmp_path, inputs, *LANGS)
    for n in ("2", "7"):
        assert _report(capsys, tmp_path, inputs, *LANGS, "--executor", "dask", "--partitions", n) == serial, n


def test_dask_bad_line(capsys, tmp_path, big, on_dask):
    bad = _bad_copy(big, tmp_path, 2500)
    serial = _report(capsys, tmp_path, [bad], *LANGS)
    assert serial[0] == 2
    assert _report(capsys, tmp_path, [bad], *LANGS, "--executor", "dask", "--partitions", "7")[::2] == serial[::2]


def test_dask_worker_processes(capsys, tmp_path):
    """A real LocalCluster of two worker processes, through the CLI as a user runs it."""
    pytest.importorskip("dask.distributed")
    path = os.path.join(ROOT, "corpora", "en-ja", "ui.tsv")
    serial = _report(capsys, tmp_path, [path])
    assert _cli(tmp_path, [path], "--executor", "dask", "-j", "2", "--partitions", "3") == serial[:2]


def test_corpus_checks_run_in_two_phases_on_the_executor(capsys, tmp_path, big, monkeypatch):
    """The partitioned path runs the corpus-scope checks as mergeable statistics on the executor
    (corpusstats phase 1, merge, phase 2), never the client's one-process pass, and the report
    (with its consistency flags) is still the serial one."""
    from audit.pipeline import engine

    inputs = [str(big / "c.jsonl")]
    serial = _report(capsys, tmp_path, inputs, *LANGS)
    assert '"CON001"' in serial[1]  # the corpus does raise corpus-scope flags
    phases = []
    real_partial, real_flags = executors.corpus_partial, executors.corpus_shard_flags
    monkeypatch.setattr(executors, "corpus_partial", lambda t: phases.append(1) or real_partial(t))
    monkeypatch.setattr(executors, "corpus_shard_flags", lambda t: phases.append(2) or real_flags(t))

    def no_client_pass(*a, **k):
        raise AssertionError("corpus checks ran on the client")

    monkeypatch.setattr(engine, "run_corpus_checks", no_client_pass)
    got = _report(capsys, tmp_path, inputs, *LANGS, "--executor", "local", "--partitions", "3")
    assert got == serial
    assert phases.count(1) == 3 and phases.count(2) == 3


def test_pass_three_ships_each_partition_its_verdicts(capsys, tmp_path, monkeypatch):
    """Pass 3 is given the merged statistics reduced to verdicts and cut per partition (not the
    merged statistics whole), and the report is still the serial one."""
    from audit.pipeline import corpusstats

    path = tmp_path / "small.jsonl"
    lines = (json.dumps({"id": f"p{i}", "source": s, "target": t}, ensure_ascii=False) + "\n"
             for i, (s, t) in enumerate(_pairs(900, seed=3)))
    with open(path, "w", encoding="utf-8") as fh:
        fh.writelines(lines)
    serial = _report(capsys, tmp_path, [str(path)], *LANGS)
    assert '"CON001"' in serial[1]
    given = []
    real = executors.corpus_shard_flags

    def spy(task):
        given.append(task[6])
        return real(task)

    monkeypatch.setattr(executors, "corpus_shard_flags", spy)
    assert _report(capsys, tmp_path, [str(path)], *LANGS, "--executor", "local", "--partitions", "4") == serial
    assert len(given) == 4 and all(isinstance(v, corpusstats.Verdicts) for v in given)
    assert [v.lo for v in given] == [0, *(v.hi for v in given[:-1])] and given[-1].hi == 900
    assert all(v.lo <= i < v.hi for v in given for found in v.found.values() for i, _ in found)
    assert sum(len(found) for v in given for found in v.found.values()) > 0
