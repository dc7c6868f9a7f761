"""The one audit pipeline: the review app uses only its public surface; scores are sums of
per-segment statistics, so incremental updates equal recomputations; the signature says how a
result was made (decisions included); stale decisions are reported."""
from __future__ import annotations

import ast
import json
import os
import random
import shutil

import pytest

import audit.pipeline
from audit.cli import main as cli_main
from audit.core.config import Config, from_mapping
from audit.core.model import AuditResult, Flag, Pair, PairResult, Severity
from audit.pipeline import Audit
from audit.pipeline.engine import audit_pairs, stream_audit
from audit.scores.penalty import finalize
from audit.store.decisions import DecisionStore
from tui.scores import LiveScores

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURE = os.path.join(ROOT, "tests", "fixtures", "tui", "mixed.jsonl")

# What tui/ may import from audit: the facade (which also exports the decision writers: writing
# files is not the app's to do), the pipeline's public names, the store and the core.
ALLOWED_PACKAGES = ("audit.core", "audit.store")
ALLOWED_MODULES = {"audit", "audit.pipeline"}


def _tui_imports():
    for folder, _, files in os.walk(os.path.join(ROOT, "tui")):
        for name in files:
            if name.endswith(".py"):
                path = os.path.join(folder, name)
                tree = ast.parse(open(path, encoding="utf-8").read())
                for node in ast.walk(tree):  # module level and inside functions alike
                    if isinstance(node, ast.Import):
                        for a in node.names:
                            yield path, node.lineno, a.name, None
                    elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
                        for a in node.names:
                            yield path, node.lineno, node.module, a.name


def _allowed(module: str, name: str | None) -> bool:
    if not (module == "audit" or module.startswith("audit.")):
        return True
    if module == "audit.pipeline" and name is not None:
        return name in audit.pipeline.__all__
    if module == "audit" and name is not None:
        import audit as facade

        return name in facade.__all__
    return module in ALLOWED_MODULES or any(module == p or module.startswith(p + ".") for p in ALLOWED_PACKAGES)


def test_tui_imports_only_the_public_surface():
    bad = [f"{os.path.relpath(p, ROOT)}:{line}: {mod}{'.' + name if name else ''}"
           for p, line, mod, name in _tui_imports() if not _allowed(mod, name)]
    assert not bad, "tui/ imports engine internals:\n" + "\n".join(bad)


def test_the_import_rule_can_fail():
    assert not _allowed("audit.pipeline.engine", "check_pair")
    assert not _allowed("audit.pipeline", "_Plan")
    assert not _allowed("audit.scores.penalty", "finalize")
    assert not _allowed("audit.checks.glossary", "attach")
    assert not _allowed("audit.outputs.decisions", "write_edited")
    assert _allowed("audit", "write_edited") and _allowed("audit", "export_decisions")
    assert _allowed("audit.pipeline", "Audit") and _allowed("audit.core.model", "Flag")


# -- scores: sums of per-segment statistics --------------------------------------------------------

WORDS = "uno dos tres cuatro cinco seis siete ocho nueve diez once doce".split()
KEYS = ("quality", "penalty", "pass_rate", "clean_rate", "words", "dismissed")


def _random_segment(rng: random.Random, i: int, gen: int = 0) -> PairResult:
    target = " ".join(rng.choices(WORDS, k=rng.randint(0, 12)))
    flags = tuple(
        Flag(pair_id=str(i), code="TST001", name="t", severity=rng.choice(list(Severity)), category="other",
             message="m", spans=(), fingerprint=f"fp{i}-{gen}-{k}")
        for k in range(rng.choice((0, 0, 0, 1, 1, 2, 3))))
    return PairResult(Pair(str(i), "s", target, index=i), flags)


def _recomputed(segments, config, dismissed) -> dict:
    full = finalize(AuditResult(tuple(segments), "en", "es", "", {}), config, dismissed=dismissed).scores
    return {k: full[k] for k in KEYS}


@pytest.mark.parametrize("weights", [{}, {"minor": 0.1, "major": 3.3, "critical": 17.7}])
def test_incremental_scores_equal_a_recomputation(weights):
    """20,000 segments (past 10,000 a rate rounded to 4 decimals no longer gives back the count),
    2,000 random dismissals, confirmations and post-edit re-audits, compared all along."""
    rng = random.Random(20261202)
    config = from_mapping({"weights": weights}, "t.toml") if weights else Config()
    segments = [_random_segment(rng, i) for i in range(20000)]
    dismissed: set[str] = set()
    live = LiveScores.of(segments, {"bleu": {"score": 1.0}}, frozenset(), config)
    for step in range(2000):
        i = rng.randrange(len(segments))
        op = rng.random()
        if op < 0.15:  # post-edit: the segment is audited again, with other flags
            segments[i] = _random_segment(rng, i, step + 1)
        elif segments[i].flags:
            fp = rng.choice(segments[i].flags).fingerprint
            if op < 0.7:
                dismissed.add(fp)
            else:  # confirmed (or reopened): counts again
                dismissed.discard(fp)
        live.update(i, segments[i], frozenset(dismissed))
        if step % 500 == 0:
            assert {k: live.scores()[k] for k in KEYS} == _recomputed(segments, config, dismissed)
    assert {k: live.scores()[k] for k in KEYS} == _recomputed(segments, config, dismissed)
    assert live.scores()["bleu"] == {"score": 1.0}  # scores the tally does not make are kept


def test_pass_rate_after_one_dismissal_on_100000_segments():
    """The issue's case: 12,384 of 100,000 segments pass (0.1238); a dismissal makes it 12,385
    (0.1239). Counting back from the rounded rate gave 12,380 + 1 and read 0.1238."""
    flag = lambda i: Flag(pair_id=str(i), code="TST001", name="t", severity=Severity.MAJOR,  # noqa: E731
                          category="other", message="m", spans=(), fingerprint=f"fp{i}")
    segments = [PairResult(Pair(str(i), "s", "uno dos"), () if i < 12384 else (flag(i),)) for i in range(100000)]
    live = LiveScores.of(segments, {}, frozenset(), Config())
    assert live.scores()["pass_rate"] == 0.1238 == round(12384 / 100000, 4)
    live.update(50000, segments[50000], frozenset({"fp50000"}))
    assert live.scores()["pass_rate"] == 0.1239 == round(12385 / 100000, 4)


def test_streamed_scores_equal_collected_ones():
    rng = random.Random(7)
    pairs = [Pair(str(i), "The museum opens at nine.", rng.choice(["", "El museo abre a las nueve.",
                                                                    "El  museo abre."]), index=i,
                  source_lang="en", target_lang="es") for i in range(300)]
    config = Config(select=("EMP", "WSP", "NUM"))
    collected = audit_pairs(pairs, config, jobs=1)
    streamed = stream_audit(pairs, config, jobs=1).drain()
    assert streamed.scores == collected.scores
    assert streamed.signature == collected.signature


# -- the signature ---------------------------------------------------------------------------------

def test_signature_is_a_frozen_record_with_the_data_versions(tmp_path):
    res = audit_pairs([Pair("1", "Hello.", "Hola.", source_lang="en", target_lang="es")], Config(select=("EMP",)),
                      input_hash="abc")
    sig = res.signature_fields
    assert res.signature == sig.render() and res.signature.startswith("transaudit:")
    with pytest.raises(AttributeError):
        sig.version = "x"
    d = sig.to_dict()
    assert d["checks"][0]["code"].startswith("EMP") and d["input_hash"] == "abc" and d["decisions"] is None
    assert d["data"]["cldr"].startswith("cldr") and d["data"]["wordfreq_languages"].split("#")[0].isdigit()
    assert d["data"]["sentencepiece_model"] and d["data"]["glossaries"] is None
    gloss = tmp_path / "g.tsv"
    gloss.write_text("museum\tmuseo\n", encoding="utf-8")
    other = audit_pairs([Pair("1", "Hello.", "Hola.", source_lang="en", target_lang="es")],
                        Config(select=("EMP",), glossary=(str(gloss),)), input_hash="abc")
    assert other.signature_fields.data.glossaries and other.signature != res.signature


@pytest.fixture
def corpus(tmp_path):
    path = tmp_path / "mixed.jsonl"
    shutil.copy(FIXTURE, path)
    return str(path)


def _check(capsys, *args):
    capsys.readouterr()
    code = cli_main(["check", *args, "-s", "en", "-t", "es", "--select", "EMP,WSP,ENC", "-j", "1", "-F", "json"])
    out = capsys.readouterr()
    return code, json.loads(out.out), out.err


def test_decisions_change_the_signature_and_stale_ones_are_listed(corpus, tmp_path, capsys):
    code, plain, _ = _check(capsys, corpus)
    assert code == 0 and plain["signature_fields"]["decisions"] is None and "decisions" not in plain["settings"]
    flagged = [s for s in plain["segments"] if s["flags"]]
    db = str(tmp_path / "d.db")
    res = audit_pairs([Pair("x", "Gone.", "", source_lang="en", target_lang="es")], Config(select=("EMP",)))
    with DecisionStore(db) as st:
        st.set_flag(res.segments[0].flags[0], "dismissed")  # a flag this input does not have: stale
        fp = flagged[0]["flags"][0]["fingerprint"]
        real = next(Flag(pair_id="", code=f["code"], name=f["name"], severity=Severity.parse(f["severity"]),
                         category=f["category"], message=f["message"], spans=(), fingerprint=f["fingerprint"])
                    for f in flagged[0]["flags"] if f["fingerprint"] == fp)
        st.set_flag(real, "dismissed")
    code, decided, err = _check(capsys, corpus, "--decisions", db)
    assert code == 0
    assert decided["signature"] != plain["signature"] and "|decisions:" in decided["signature"]
    used = decided["signature_fields"]["decisions"]
    assert used["decisions"] == 2 and used["applied"] == 1 and used["stale"] == 1
    assert decided["settings"]["decisions"]["stale"] == [res.segments[0].flags[0].fingerprint]
    assert "1 stale decision(s)" in err and "warning" not in err


def test_jsonl_header_carries_the_signature_fields(corpus, capsys):
    capsys.readouterr()
    assert cli_main(["check", corpus, "-s", "en", "-t", "es", "--select", "EMP", "-j", "1", "-F", "jsonl"]) == 0
    header = json.loads(capsys.readouterr().out.splitlines()[0])
    assert header["signature"].startswith("transaudit:") and "|data:" in header["signature"]
    assert header["signature_fields"]["source_lang"] == "en" and header["signature_fields"]["checks"]


def test_a_database_for_another_input_is_warned_about(corpus, tmp_path, capsys):
    db = str(tmp_path / "other.db")
    res = audit_pairs([Pair("x", "Gone.", "", source_lang="en", target_lang="es")], Config(select=("EMP",)))
    with DecisionStore(db) as st:
        st.set_flag(res.segments[0].flags[0], "dismissed")
    code, decided, err = _check(capsys, corpus, "--decisions", db)
    assert code == 0 and "warning: no decision in" in err
    assert decided["settings"]["decisions"]["foreign"] is True


def test_reaudit_equals_the_first_run():
    pairs = [Pair(str(i), "The museum opens at nine.", t, index=i, source_lang="en", target_lang="es")
             for i, t in enumerate(["El museo abre a las  nueve.", "", "El museo abre a las 10."])]
    audit = Audit(pairs, Config(select=("EMP", "WSP", "NUM")), jobs=1)
    first = audit.run().segments
    for i, seg in enumerate(first):
        again = audit.reaudit(seg.pair, first[i - 1].pair if i else None, first[i + 1].pair if i + 1 < 3 else None)
        assert again.flags == seg.flags and again.scores == seg.scores
