"""Every format a corpus is converted to gives the same flags (codes, severities and spans, by pair
position) as its canonical JSONL, once the format's own limits are applied (``build_formats.as_read``:
TMX/XLIFF/PO carry no references, PO cannot tell an empty target from a missing one, TSV the other
way round). Corpora: ``corpora/*/*.jsonl`` and ``tests/fixtures/corpora/*/*.jsonl``; their converted
siblings are committed and must match the script's output."""
from __future__ import annotations

import glob
import importlib.util
import os

import pytest

from audit.core.config import Config
from audit.pipeline.engine import audit_pairs, run_audit
from audit.core.model import Pair
from audit.inputs import open_input

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
_spec = importlib.util.spec_from_file_location("build_formats", os.path.join(ROOT, "scripts", "build_formats.py"))
bf = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bf)

CORPORA = sorted(glob.glob(os.path.join(ROOT, "corpora", "*", "*.jsonl"))
                 + glob.glob(os.path.join(ROOT, "tests", "fixtures", "corpora", "*", "*.jsonl")))


def _rel(p: str) -> str:
    return os.path.relpath(p, ROOT)


def _flags(result) -> list[list[tuple]]:
    return [sorted((f.code, f.severity.label, tuple((s.side, s.start, s.end) for s in f.spans)) for f in seg.flags)
            for seg in result.segments]


def _expected(corpus, fmt: str):
    pairs = []
    for i, row in enumerate(corpus.rows):
        r = bf.as_read(fmt, row)
        pairs.append(Pair(id=r["id"], source=r["source"], target=r["target"], references=tuple(r["references"]),
                          source_lang=corpus.src, target_lang=corpus.tgt, index=i))
    return audit_pairs(pairs, Config(), source_lang=corpus.src, target_lang=corpus.tgt, jobs=1)


def test_there_are_corpora_with_several_scripts():
    folders = {os.path.basename(os.path.dirname(p)) for p in CORPORA}
    assert {"en-zh", "en-ar", "en-ru"} <= folders


@pytest.mark.parametrize("path", CORPORA, ids=_rel)
def test_converted_files_are_up_to_date(path):
    for _fmt, out_path, data, reason in bf.plan(path):
        if data is None:
            assert not os.path.exists(out_path), f"{_rel(out_path)} should not exist ({reason}): run scripts/build_formats.py"
            continue
        assert os.path.exists(out_path), f"{_rel(out_path)} is missing: run scripts/build_formats.py"
        with open(out_path, "rb") as fh:
            assert fh.read() == data, f"{_rel(out_path)} is out of date: run scripts/build_formats.py"


@pytest.mark.parametrize("path", CORPORA, ids=_rel)
def test_every_format_gives_the_same_flags(path):
    corpus = bf.load_corpus(path)
    canonical = run_audit(path, source_lang=corpus.src, target_lang=corpus.tgt, config=Config(), jobs=1)
    assert _flags(canonical) == _flags(_expected(corpus, "jsonl"))
    checked = 0
    for fmt, out_path, data, _reason in bf.plan(path):
        if data is None:
            continue
        # catalog formats (TMX, XLIFF, PO) count their untranslated units instead of flagging them;
        # EMP001's option ``untranslated`` flags them, as the other formats flag a missing target
        flag_all = Config(options={"EMP001": {"untranslated": True}})
        got = run_audit(out_path, source_lang=corpus.src, target_lang=corpus.tgt, config=flag_all, jobs=1)
        assert [p.source for p in got.pairs] == [r["source"] for r in corpus.rows], fmt
        assert [p.target for p in got.pairs] == [bf.as_read(fmt, r)["target"] for r in corpus.rows], fmt
        want = _flags(_expected(corpus, fmt))
        assert _flags(got) == want, f"{_rel(out_path)} gives other flags than {_rel(path)}"
        checked += 1
    assert checked >= 2


@pytest.mark.parametrize("path", CORPORA, ids=_rel)
def test_files_declare_the_corpus_languages(path):
    corpus = bf.load_corpus(path)
    for fmt, out_path, data, _reason in bf.plan(path):
        if data is None or fmt == "tsv":
            continue
        src = open_input([out_path])
        assert (src.source_lang, src.target_lang) == (corpus.src, corpus.tgt), _rel(out_path)


def test_build_formats_check_mode_reports_stale_outputs(tmp_path, capsys):
    folder = tmp_path / "en-tr"
    folder.mkdir()
    corpus = folder / "c.jsonl"
    corpus.write_text('{"id": "1", "source": "Good morning", "target": "Günaydın"}\n', encoding="utf-8")
    assert bf.main([str(corpus), "--check"]) == 1  # nothing converted yet
    assert not list(folder.glob("c.*.xlf")) and not (folder / "c.tmx").exists()
    assert bf.main([str(corpus)]) == 0
    assert sorted(p.name for p in folder.iterdir()) == ["c.jsonl", "c.po", "c.tmx", "c.tsv", "c.v2.xlf", "c.xlf"]
    first = {p.name: p.read_bytes() for p in folder.iterdir()}
    assert bf.main([str(corpus)]) == 0 and {p.name: p.read_bytes() for p in folder.iterdir()} == first  # deterministic
    assert bf.main([str(corpus), "--check"]) == 0
    corpus.write_text('{"id": "1", "source": "Good\\tmorning", "target": "Günaydın"}\n', encoding="utf-8")
    assert bf.main([str(corpus), "--check"]) == 1
    assert bf.main([str(corpus)]) == 0
    assert not (folder / "c.tsv").exists()  # a tab: TSV cannot carry it, the stale file is removed
    capsys.readouterr()
