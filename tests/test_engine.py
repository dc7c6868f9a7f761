"""The engine: the parallel path equals the serial one, neighbours cross chunk boundaries,
results are deterministic, and the streaming report equals the collected one."""
from __future__ import annotations

import glob
import io
import json
import os

import pytest

from audit.pipeline import engine
from audit.core.config import Config
from audit.pipeline.engine import audit_pairs, iter_audit, resolve_checks
from audit.core.model import CheckSpec, Origin, Pair, Severity, hit
from audit.checks.registry import Check
from audit.outputs import write_report

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NTREX = os.path.join(os.path.dirname(ROOT), "shared", "data", "ntrex")
LANGS = {"spa": "es", "rus": "ru", "zho-CN": "zh", "hin": "hi", "deu": "de", "jpn": "ja"}
BUNDLED = sorted(glob.glob(os.path.join(ROOT, "corpora", "*", "*.jsonl")))


def _read(name: str) -> list[str]:
    with open(os.path.join(NTREX, name + ".txt"), encoding="utf-8") as fh:
        return [line.rstrip("\n") for line in fh]


def ntrex_pairs(n: int) -> list[Pair]:
    """``n`` pairs of NTREX: the first ``ceil(n / 6)`` lines of each of six languages, one language
    after the other, cut to ``n`` (skips without ../shared)."""
    if not os.path.isdir(NTREX):
        pytest.skip("../shared/data/ntrex not found")
    per_lang = -(-n // len(LANGS))
    eng = _read("eng")
    out = []
    for name, lang in LANGS.items():
        tgt = _read(name)
        for i in range(per_lang):
            o = Origin(f"ntrex/{name}", None, i + 1, None)
            out.append(Pair(id=f"{name}:{i + 1}", source=eng[i], target=tgt[i], source_lang="en", target_lang=lang,
                            source_origin=o, target_origin=o, index=len(out)))
    return out[:n]


def _bundled() -> list[tuple[str, str, str, dict]]:
    out = []
    for path in BUNDLED:
        src, tgt = os.path.basename(os.path.dirname(path)).split("-")
        with open(path, encoding="utf-8") as fh:
            out += [(path, src, tgt, json.loads(line)) for line in fh if line.strip()]
    return out


def bundled_pairs(n: int) -> list[Pair]:
    """``n`` pairs from the bundled corpora (8 language pairs, 137 units), repeated as often as
    needed; each repetition is its own document (ids and paths distinct), so a corpus of any size
    reaches the engine's parallel path without ../shared."""
    units = _bundled()
    out = []
    for i in range(n):
        copy, (path, src, tgt, rec) = divmod(i, len(units))[0], units[i % len(units)]
        o = Origin(f"{os.path.relpath(path, ROOT)}#{copy}", None, i % len(units) + 1, None)
        out.append(Pair(id=f"{copy}:{rec.get('id', i)}", source=rec["source"], target=rec.get("target"),
                        source_lang=src, target_lang=tgt, source_origin=o, target_origin=o, index=i))
    return out


@pytest.fixture(params=["bundled", "ntrex"])
def real_pairs(request):
    """``n -> pairs`` of real text: the bundled corpora always, NTREX as well where ../shared is."""
    return bundled_pairs if request.param == "bundled" else ntrex_pairs


def test_bundled_pairs_are_real_and_distinct():
    units = len(_bundled())
    pairs = bundled_pairs(3 * units + 5)
    assert units >= 100 and len({p.target_lang for p in pairs}) >= 8
    assert len({p.id for p in pairs}) == len(pairs)
    assert [p.index for p in pairs] == list(range(len(pairs)))
    assert pairs[units].source == pairs[0].source and pairs[units].target_origin.path != pairs[0].target_origin.path


@pytest.fixture
def small_chunks(monkeypatch):
    """Chunks of 37 pairs, parallel from 100 pairs: many chunk boundaries on a small corpus."""
    monkeypatch.setattr(engine, "CHUNK", 37)
    monkeypatch.setattr(engine, "PARALLEL_MIN", 100)


@pytest.fixture
def forks(monkeypatch):
    """The names of the engine's parallel paths taken (so that a property about the parallel path
    cannot pass on the serial one)."""
    taken = []
    for name in ("_pool_results", "_stream_parallel"):
        def spy(*args, _real=getattr(engine, name), _name=name, **kw):
            taken.append(_name)
            return _real(*args, **kw)
        monkeypatch.setattr(engine, name, spy)
    return taken


def _neighbour_check() -> Check:
    def fn(pair, ctx):
        return [hit(f"prev={ctx.prev.id if ctx.prev else None} next={ctx.next.id if ctx.next else None}",
                    target=(0, 0))]

    spec = CheckSpec(code="TST001", name="neighbours", category="other", severity=Severity.MINOR, doc="test")
    return Check(spec, fn)


def _pairs_in_docs(n: int, docs: int) -> list[Pair]:
    out = []
    per = n // docs
    for i in range(n):
        o = Origin(f"doc{i // per}.txt", None, i % per + 1, None)
        out.append(Pair(id=str(i), source=f"Sentence {i}.", target=f"Frase {i}.", source_lang="en",
                        target_lang="es", source_origin=o, target_origin=o, index=i))
    return out


@pytest.mark.parametrize("jobs", [1, 2])
def test_neighbours_across_chunk_boundaries(small_chunks, jobs):
    pairs = _pairs_in_docs(400, 3)  # documents of 133 pairs: boundaries inside and between chunks
    results = list(iter_audit(pairs, Config(), [_neighbour_check()], jobs=jobs))
    assert [r.pair.id for r in results] == [p.id for p in pairs]
    for i, r in enumerate(results):
        p = pairs[i]
        doc = p.target_origin.path
        prev = pairs[i - 1].id if i > 0 and pairs[i - 1].target_origin.path == doc else None
        nxt = pairs[i + 1].id if i + 1 < len(pairs) and pairs[i + 1].target_origin.path == doc else None
        assert [f.message for f in r.flags] == [f"prev={prev} next={nxt}"], i


def _flags_of(results):
    return [[(f.code, f.severity, f.message, f.spans, f.fingerprint, f.data) for f in r.flags] for r in results]


def test_parallel_equals_serial_on_real_text(small_chunks, real_pairs, forks):
    pairs = real_pairs(720)  # 20 chunks (NTREX: 6 languages)
    checks = resolve_checks(Config())
    serial = list(iter_audit(pairs, Config(), checks, jobs=1))
    parallel = list(iter_audit(pairs, Config(), checks, jobs=2))
    assert [r.pair for r in parallel] == pairs
    assert _flags_of(parallel) == _flags_of(serial)
    assert sum(len(r.flags) for r in serial) > 0  # the comparison is not vacuous
    assert forks == ["_pool_results"]


def test_parallel_with_default_chunks_equals_serial(real_pairs, forks):
    pairs = real_pairs(engine.PARALLEL_MIN + 200)
    checks = resolve_checks(Config())
    serial = list(iter_audit(pairs, Config(), checks, jobs=1))
    parallel = list(iter_audit(iter(pairs), Config(), checks, jobs=2))  # a one-shot iterator is fine
    assert _flags_of(parallel) == _flags_of(serial)
    assert forks == ["_pool_results"] and sum(len(r.flags) for r in serial) > 0


def _json(result) -> str:
    out = io.StringIO()
    write_report(result, "json", stream=out)
    return out.getvalue()


def test_two_runs_give_identical_json(small_chunks, real_pairs, forks):
    pairs = real_pairs(360)
    a = _json(audit_pairs(pairs, Config(), source_lang="en", jobs=2))
    b = _json(audit_pairs(pairs, Config(), source_lang="en", jobs=2))
    assert a == b
    assert json.loads(a)["summary"]["segments"] == len(pairs)
    assert forks == ["_pool_results"] * 2


def test_flags_sorted_and_superseded_in_workers(small_chunks, real_pairs, forks):
    pairs = real_pairs(240)
    for r in iter_audit(pairs, Config(), jobs=2):
        assert list(r.flags) == sorted(r.flags, key=lambda f: f.sort_key())
    assert forks == ["_pool_results"]


def _report(result, fmt: str) -> str:
    out = io.StringIO()
    write_report(result, fmt, stream=out)
    return out.getvalue()


@pytest.mark.parametrize("fmt", ["jsonl", "text", "csv"])
def test_streamed_report_equals_collected(small_chunks, fmt, real_pairs, forks):
    pairs = real_pairs(300)
    pairs[3] = Pair(id=pairs[3].id, source=pairs[3].source, target="", source_lang=pairs[3].source_lang,
                    target_lang=pairs[3].target_lang, index=3)  # a blank target among them
    collected = audit_pairs(pairs, Config(), source_lang="en", jobs=2)
    streamed = engine.stream_audit(iter(pairs), Config(), source_lang="en", jobs=2)
    assert _report(streamed, fmt) == _report(collected, fmt)
    assert streamed.scores == dict(collected.scores)
    assert sorted(forks) == ["_pool_results", "_stream_parallel"]


def test_jsonl_layout_header_segments_summary(real_pairs):
    pairs = real_pairs(120)
    lines = [json.loads(x) for x in _report(engine.stream_audit(pairs, Config(), jobs=1), "jsonl").splitlines()]
    assert [x["type"] for x in lines] == ["header"] + ["segment"] * len(pairs) + ["summary"]
    assert lines[-1]["segments"] == len(pairs)
    assert lines[-1]["flags"] == sum(len(x["flags"]) for x in lines[1:-1])


def test_stream_runs_corpus_checks(real_pairs):
    # LEN001 is corpus-scope: the stream must find what the collected audit finds.
    base = real_pairs(360)
    pairs = list(base)
    p = pairs[10]
    pairs[10] = Pair(id=p.id, source=p.source, target=p.target[: len(p.target) // 4], source_lang="en",
                     target_lang=p.target_lang, index=10)
    cfg = Config(select=("LEN",))
    collected = audit_pairs(pairs, cfg, jobs=1)
    streamed = list(engine.stream_audit(pairs, cfg, jobs=1).segments)
    assert [r.flags for r in streamed] == [r.flags for r in collected.segments]
    assert any(f.code == "LEN001" for f in streamed[10].flags)


def test_stream_with_references_falls_back_to_collected():
    pairs = [Pair(id=str(i), source=f"The house number {i} is red and large.", target=f"La casa número {i} es roja.",
                  references=(f"La casa número {i} es roja y grande.",), source_lang="en", target_lang="es", index=i)
             for i in range(30)]
    collected = audit_pairs(pairs, Config(), jobs=1)
    streamed = engine.stream_audit(pairs, Config(), jobs=1)
    assert _report(streamed, "jsonl") == _report(collected, "jsonl")
    assert streamed.metrics and streamed.metrics == dict(collected.metrics)


def test_spill_sequence(real_pairs):
    pairs = real_pairs(180)
    spill = engine.PairSpill(iter(pairs))
    assert len(spill) == len(pairs) and list(spill) == pairs
    assert spill[7] == pairs[7] and spill[-1] == pairs[-1]
    with pytest.raises(IndexError):
        spill[len(pairs)]
    it = iter(spill)
    next(it)
    assert spill[20] == pairs[20] and next(it) == pairs[1]  # indexing while iterating
    spill.close()


def test_pack_pair_round_trip_covers_every_field():
    from dataclasses import fields

    from audit.core.model import Alignment, Unit

    o1, o2 = Origin("a.tmx", "u1", 3, 10), Origin("b.tmx", None, 4, None)
    full = Pair(id="x", source="S", target=None, references=("r1", "r2"), source_lang="en", target_lang="de",
                source_origin=o1, target_origin=o2, align=Alignment((1, 2), (3,), 0.5), index=9, note="n",
                unit=Unit("k", "fuzzy", frozenset({"c-format", "fuzzy"}), 1, 3, "one", "many", "old",
                          "nplurals=3; plural=(n%10==1 ? 0 : 1);", True))
    assert all(getattr(full, f.name) != f.default for f in fields(Pair) if f.default is not f.default_factory), \
        "a Pair field was added: teach engine.pack_pair about it and set it here"
    assert engine.unpack_pair(engine.pack_pair(full)) == full
    same = Pair(id="y", source="S", target="T", source_origin=o1, target_origin=o1)
    assert engine.unpack_pair(engine.pack_pair(same)) == same
    assert engine.unpack_pair(engine.pack_pair(Pair(id="z", source="", target=""))) == Pair(id="z", source="", target="")


def test_check_command_streams_jsonl_with_gate(tmp_path):
    from audit.cli import main

    src = tmp_path / "s.txt"
    tgt = tmp_path / "t.txt"
    src.write_text("The price rose to 45 dollars.\nHello world, this is fine.\n", encoding="utf-8")
    tgt.write_text("El precio subió a 54 dólares.\nHola mundo, esto está bien.\n", encoding="utf-8")
    out = tmp_path / "r.jsonl"
    code = main(["check", str(src), str(tgt), "-s", "en", "-t", "es", "-o", str(out), "--fail-on", "major"])
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert lines[-1]["type"] == "summary"
    major = lines[-1]["by_severity"]["major"] + lines[-1]["by_severity"]["critical"]
    assert major >= 1 and code == 1
