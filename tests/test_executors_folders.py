"""``check --executor`` on folders, globs and several files (``audit.pipeline.executors.audit_project``):
each file audited on its own as the serial folder run audits it (its own partitions, its own
corpus checks), and the report, with its per-file summaries, byte for byte the serial one."""
from __future__ import annotations

import json
import os
import random
import shutil

import pytest

from audit.pipeline import executors
from tests.test_executors import ROOT, _cli, _pairs, _report


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    """Two generated JSONL files (consistency and number flags; one with a blank line), a TSV, a
    PO catalog (client-read) and a POT template."""
    d = tmp_path_factory.mktemp("folder")
    pairs = _pairs(2400, seed=11)
    for name, chunk in (("a.jsonl", pairs[:1500]), ("b.jsonl", pairs[1500:])):
        with open(d / name, "w", encoding="utf-8") as fh:
            for i, (s, t) in enumerate(chunk):
                fh.write(json.dumps({"id": f"{name}:{i}", "source": s, "target": t}, ensure_ascii=False) + "\n")
                if i == 700:
                    fh.write("\n")
    with open(d / "c.tsv", "w", encoding="utf-8") as fh:
        fh.writelines(f"{s}\t{t}\n" for s, t in pairs[:300])
    shutil.copy(os.path.join(ROOT, "corpora", "en-fr", "web.po"), d / "web.po")
    return d


LANGS = ["--src-lang", "en", "--tgt-lang", "fr"]


@pytest.mark.parametrize("n", ["1", "3", "8"])
def test_folder_local(capsys, tmp_path, folder, n):
    serial = _report(capsys, tmp_path, [str(folder)], *LANGS)
    assert serial[0] in (0, 1) and '"CON001"' in serial[1] and '"files"' in serial[1]
    assert _report(capsys, tmp_path, [str(folder)], *LANGS, "--executor", "local", "--partitions", n) == serial


def test_folder_text_report_and_glob(capsys, tmp_path, folder):
    """The text report (its per-file summary lines) and a glob of files."""
    def text(*extra):
        out = tmp_path / f"t{random.random()}.txt"
        from audit.cli import main

        code = main(["check", *extra, "-F", "text", "-o", str(out), "-q"])
        capsys.readouterr()
        return code, out.read_text(encoding="utf-8")

    glob_ = str(folder / "*.jsonl")
    assert text(str(folder), *LANGS, "--executor", "local", "--partitions", "5") == text(str(folder), *LANGS)
    assert text(glob_, *LANGS, "--executor", "local", "--partitions", "4") == text(glob_, *LANGS)


@pytest.mark.parametrize("sub", ["en-de", "en-ja", "en-zh"])
def test_bundled_folders(capsys, tmp_path, sub):
    d = os.path.join(ROOT, "corpora", sub)
    serial = _report(capsys, tmp_path, [d])
    assert _report(capsys, tmp_path, [d], "--executor", "local", "--partitions", "6") == serial


def test_files_cut_in_byte_ranges(folder, monkeypatch):
    """The generated JSONL files are read by the workers in byte ranges, several per file, the
    PO catalog is shipped in client-read chunks; one partition at least per file."""
    from audit.core.config import Config
    from audit.pipeline.project import Project

    plans = []
    real = executors.plan_partitions

    def spy(audit, paths, fmt, n, readable):
        got = real(audit, paths, fmt, n, readable)
        plans.append((os.path.basename(paths[0]), {p.kind for p in got}, len(got)))
        return got

    monkeypatch.setattr(executors, "plan_partitions", spy)
    project = Project(sorted(str(p) for p in folder.iterdir()), Config(), source_lang="en", target_lang="fr").prepare()
    want = Project(sorted(str(p) for p in folder.iterdir()), Config(), source_lang="en",
                   target_lang="fr").prepare().run()
    got = executors.audit_project(project, executors.LocalExecutor(), 8, ("en", "fr"))
    assert [s.flags for s in got.segments] == [s.flags for s in want.segments]
    assert got.files == want.files
    byname = {name: (kinds, k) for name, kinds, k in plans}
    assert byname["a.jsonl"][1] >= 2 and "pairs" not in byname["a.jsonl"][0]
    assert byname["web.po"][0] == {"pairs"}
    assert all(k >= 1 for _, k in byname.values())


def test_partitioned_output_refused_for_folders(capsys, tmp_path, folder):
    code, _, err = _report(capsys, tmp_path, [str(folder)], *LANGS, "--executor", "local",
                           "--partitioned-output", str(tmp_path / "parts"))
    assert code == 2 and "--partitioned-output" in err


def test_folder_processes(capsys, tmp_path, folder):
    serial = _report(capsys, tmp_path, [str(folder)], *LANGS)
    assert _cli(tmp_path, [str(folder)], *LANGS, "--executor", "processes", "-j", "2", "--partitions", "5") == serial[:2]


def test_folder_dask(capsys, tmp_path, folder, monkeypatch):
    """A LocalCluster of two (in-process) workers."""
    pytest.importorskip("dask.distributed")
    ex = executors.DaskExecutor(2, processes=False)
    try:
        class Shared(executors.Executor):
            name = "dask"

            def map_partitions(self, fn, tasks):
                return ex.map_partitions(fn, tasks)

        monkeypatch.setattr(executors, "make_executor", lambda *a, **k: Shared())
        serial = _report(capsys, tmp_path, [str(folder)], *LANGS)
        assert _report(capsys, tmp_path, [str(folder)], *LANGS, "--executor", "dask", "--partitions", "7") == serial
    finally:
        ex.close()
