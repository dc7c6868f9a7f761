"""Reference metrics equal sacrebleu's own output (scores, signatures, bootstrap intervals)."""
import json
import os
import re
import shutil
import subprocess
import sys

import pytest
import sacrebleu

from audit.scores import metrics
from audit.cli import main

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NTREX = os.path.join(ROOT, "..", "shared", "data", "ntrex")

HYP = [
    "The committee approved the budget on Monday after a long debate.",
    "Prices rose by 4.5 percent in the third quarter.",
    "She said the bridge would reopen next spring.",
    "The museum will be closed for renovation until March.",
    "Farmers in the region are worried about the dry summer.",
    "The train to the airport leaves every twenty minutes.",
    "He thanked the volunteers who cleaned the beach.",
    "A new school opens in the northern district in September.",
    "Officials did not say how many people were affected.",
    "The team won its third match in a row.",
    "Rain is expected across the country tomorrow.",
    "",
]
REF = [
    "The committee approved the budget on Monday following a lengthy debate.",
    "Prices increased by 4.5 percent in the third quarter.",
    "She said that the bridge would reopen next spring.",
    "The museum is closed for renovations until March.",
    "Farmers in the area worry about the dry summer.",
    "Trains to the airport leave every 20 minutes.",
    "He thanked the volunteers who had cleaned the beach.",
    "A new school will open in the north district in September.",
    "Officials did not say how many people had been affected.",
    "The team has won three matches in a row.",
    "Rain is forecast across the country tomorrow.",
    "Nothing else happened.",
]
REF2 = [
    "After a long debate the committee passed the budget on Monday.",
    "In the third quarter prices went up 4.5 percent.",
    "The bridge will reopen next spring, she said.",
    "Until March the museum stays closed for renovation.",
    "The dry summer worries farmers in the region.",
    "Every twenty minutes a train leaves for the airport.",
    "He thanked volunteers for cleaning the beach.",
    "In September a new school opens in the northern district.",
    "How many people were affected, officials did not say.",
    "The team won a third match in a row.",
    "Tomorrow rain is expected across the country.",
    "",
]


def _write(path, lines):
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def _sacrebleu_cli(args):
    exe = shutil.which("sacrebleu")
    cmd = [exe] if exe else [sys.executable, "-m", "sacrebleu"]
    out = subprocess.run(cmd + args + ["-f", "text"], capture_output=True, text=True, check=True)
    return [line.strip() for line in out.stdout.splitlines() if line.strip()]


def _ours(hyps, refs_streams, lang, keys, n_bootstrap=1):
    refs = [tuple(r[i] for r in refs_streams) for i in range(len(hyps))]
    return metrics.evaluate(hyps, refs, lang, keys, n_bootstrap=n_bootstrap)


def test_corpus_scores_and_signatures_equal_sacrebleu_cli(tmp_path):
    hyp = _write(tmp_path / "hyp.txt", HYP)
    ref = _write(tmp_path / "ref.txt", REF)
    lines = _sacrebleu_cli([ref, "-i", hyp, "-m", "bleu", "chrf", "ter", "-w", "4"])
    lines += _sacrebleu_cli([ref, "-i", hyp, "-m", "chrf", "--chrf-word-order", "2", "-w", "4"])
    ms = _ours(HYP, [REF], "en", ("bleu", "chrf", "ter", "chrf++"), n_bootstrap=1)
    ours = [ms.corpus[k].format(4) for k in ("bleu", "chrf", "ter", "chrf++")]
    assert ours == lines
    assert ms.corpus["bleu"].signature.startswith("nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:")


def test_bootstrap_intervals_equal_sacrebleu_ci(tmp_path):
    hyp = _write(tmp_path / "hyp.txt", HYP)
    ref = _write(tmp_path / "ref.txt", REF)
    lines = _sacrebleu_cli([ref, "-i", hyp, "-m", "bleu", "chrf", "ter", "-ci", "-w", "4"])
    ms = _ours(HYP, [REF], "en", ("bleu", "chrf", "ter"), n_bootstrap=1000)
    assert [ms.corpus[k].format(4) for k in ("bleu", "chrf", "ter")] == lines
    b = ms.corpus["bleu"]
    assert "bs:1000|seed:12345" in b.signature
    assert b.low <= b.mean <= b.high and b.ci == pytest.approx((b.high - b.low) / 2)


def test_multiple_references_equal_sacrebleu_cli(tmp_path):
    hyp = _write(tmp_path / "hyp.txt", HYP[:-1])
    r1 = _write(tmp_path / "r1.txt", REF[:-1])
    r2 = _write(tmp_path / "r2.txt", REF2[:-1])
    lines = _sacrebleu_cli([r1, r2, "-i", hyp, "-m", "bleu", "chrf", "ter", "-w", "4"])
    lines += _sacrebleu_cli([r1, r2, "-i", hyp, "-m", "chrf", "--chrf-word-order", "2", "-w", "4"])
    ms = _ours(HYP[:-1], [REF[:-1], REF2[:-1]], "en", ("bleu", "chrf", "ter", "chrf++"))
    assert [ms.corpus[k].format(4) for k in ("bleu", "chrf", "ter", "chrf++")] == lines
    assert ms.corpus["chrf"].signature.startswith("nrefs:2|")


def _perturbed(lines):
    """A same-language 'reference' built from real sentences: some lowercased, some truncated."""
    out = []
    for i, line in enumerate(lines):
        words = line.split()
        if i % 3 == 0:
            line = line.lower()
        elif i % 5 == 0 and len(words) > 3:
            line = " ".join(words[:-2])
        elif i % 7 == 0:
            line = " ".join(reversed(words))
        out.append(line)
    return out


@pytest.mark.parametrize("name,lang,cli_tok", [("deu", "de", None), ("zho-CN", "zh", None), ("jpn", "ja", "char")])
def test_ntrex_same_language_pairs_equal_sacrebleu_cli(tmp_path, name, lang, cli_tok):
    path = os.path.join(NTREX, f"{name}.txt")
    if not os.path.exists(path):
        pytest.skip("ntrex data not available")
    hyps = open(path, encoding="utf-8").read().splitlines()[:400]
    refs = _perturbed(hyps)
    hyp = _write(tmp_path / "hyp.txt", hyps)
    ref = _write(tmp_path / "ref.txt", refs)
    args = [ref, "-i", hyp, "-m", "bleu", "chrf", "-w", "4"]
    if cli_tok and metrics._tokenizer_available("ja-mecab"):
        cli_tok = None  # mecab installed here: sacrebleu's own default applies on both sides
    if cli_tok:
        args += ["-tok", cli_tok]  # mecab is not installed: our documented fallback for ja
    else:
        args += ["-l", f"en-{lang}"]
    lines = _sacrebleu_cli(args)
    ms = _ours(hyps, [refs], lang, ("bleu", "chrf"))
    assert [ms.corpus[k].format(4) for k in ("bleu", "chrf")] == lines
    if lang == "zh":
        assert "tok:zh" in ms.corpus["bleu"].signature
    if lang == "ja" and not metrics._tokenizer_available("ja-mecab"):
        assert "tok:char" in ms.corpus["bleu"].signature and "mecab" in ms.corpus["bleu"].note


def test_segment_scores_equal_sacrebleu_sentence_scores():
    ms = _ours(HYP, [REF], "en", ("bleu", "chrf", "chrf++", "ter"))
    for i, (h, r) in enumerate(zip(HYP, REF)):
        assert ms.segment["bleu"][i] == pytest.approx(sacrebleu.sentence_bleu(h, [r]).score)
        assert ms.segment["chrf"][i] == pytest.approx(sacrebleu.sentence_chrf(h, [r]).score)
        assert ms.segment["chrf++"][i] == pytest.approx(sacrebleu.sentence_chrf(h, [r], word_order=2).score)
        assert ms.segment["ter"][i] == pytest.approx(sacrebleu.sentence_ter(h, [r]).score)


def test_segments_without_reference_are_left_out():
    refs = [(r,) if i % 2 == 0 else () for i, r in enumerate(REF)]
    ms = metrics.evaluate(HYP, refs, "en", ("chrf",), n_bootstrap=1)
    assert ms.scored == list(range(0, len(HYP), 2))
    assert ms.segment["chrf"][1] is None and ms.segment["chrf"][0] is not None
    kept = [HYP[i] for i in ms.scored]
    assert ms.corpus["chrf"].segments == len(kept)
    assert ms.corpus["chrf"].score == pytest.approx(sacrebleu.corpus_chrf(kept, [[REF[i] for i in ms.scored]]).score)
    assert metrics.evaluate(HYP, [()] * len(HYP), "en").corpus == {}


def test_chrf_from_chrfpp_statistics_is_exact():
    both = _ours(HYP, [REF], "en", ("chrf", "chrf++"))
    alone = _ours(HYP, [REF], "en", ("chrf",))
    assert both.corpus["chrf"].score == alone.corpus["chrf"].score
    assert both.segment["chrf"] == alone.segment["chrf"]


def test_parallel_extraction_gives_the_same_statistics(monkeypatch):
    hyps = HYP * 40
    refs = [(r,) for r in REF * 40]
    one = metrics.evaluate(hyps, refs, "en", ("bleu", "chrf"), n_bootstrap=1, jobs=1)
    monkeypatch.setattr(metrics, "PARALLEL_MIN", 10)
    two = metrics.evaluate(hyps, refs, "en", ("bleu", "chrf"), n_bootstrap=1, jobs=2)
    for k in ("bleu", "chrf"):
        assert one.corpus[k].score == two.corpus[k].score
        assert one.segment[k] == two.segment[k]


def test_spbleu_uses_the_shipped_model():
    ms = _ours(HYP, [REF], "en", ("spbleu",))
    m = ms.corpus["spbleu"]
    assert "tok:transaudit-spm16k" in m.signature
    assert 0 < m.score < 100


def test_parse_metric_names():
    assert metrics.parse_metric_names(None) == ("bleu", "chrf", "chrf++", "ter")
    assert metrics.parse_metric_names(["BLEU,chrF2", "ter"]) == ("bleu", "chrf", "ter")
    assert metrics.parse_metric_names("all") == metrics.METRIC_KEYS
    with pytest.raises(ValueError):
        metrics.parse_metric_names("meteor")


def test_sentence_chrf_cache_is_reused_and_correct():
    refs = [(r,) for r in REF]
    metrics.evaluate(HYP, refs, "en", ("chrf",), n_bootstrap=1)
    cached = metrics.sentence_chrf(HYP, refs)
    metrics._CHRF_CACHE.clear()
    fresh = metrics.sentence_chrf(HYP, refs)
    assert cached == pytest.approx(fresh)


# -- through the CLI -----------------------------------------------------------------------

SRC_ES = [
    "El comité aprobó el presupuesto el lunes tras un largo debate.",
    "Los precios subieron un 4,5 por ciento en el tercer trimestre.",
    "Dijo que el puente volvería a abrir la próxima primavera.",
]


@pytest.fixture()
def three_files(tmp_path):
    src = _write(tmp_path / "src.es", SRC_ES)
    hyp = _write(tmp_path / "hyp.en", HYP[:3])
    ref = _write(tmp_path / "ref.en", REF[:3])
    return tmp_path, src, hyp, ref


def test_cli_json_contract_carries_segment_and_corpus_scores(three_files):
    tmp, src, hyp, ref = three_files
    out = str(tmp / "r.json")
    assert main(["check", src, hyp, "-s", "es", "-t", "en", "--ref", ref, "--select", "EMP", "-F", "json",
                 "-o", out]) == 0
    d = json.load(open(out, encoding="utf-8"))
    m = d["summary"]["metrics"]
    assert set(m) == {"bleu", "chrf", "chrf++", "ter"}
    expected = sacrebleu.corpus_bleu(HYP[:3], [REF[:3]])
    assert m["bleu"]["score"] == pytest.approx(expected.score, abs=1e-4)
    assert m["bleu"]["signature"].startswith("nrefs:1|bs:1000|seed:12345|case:mixed")
    assert m["chrf"]["ci95"]["low"] <= m["chrf"]["ci95"]["high"]
    seg = d["segments"][1]["scores"]
    assert seg["chrf"] == pytest.approx(sacrebleu.sentence_chrf(HYP[1], [REF[1]]).score, abs=1e-4)
    assert {"bleu", "chrf", "chrf++", "ter", "quality", "penalty"} <= set(seg)
    assert d["segments"][0]["references"] == [REF[0]]
    assert "quality" in d["summary"]["scores"]


def test_cli_text_and_csv_show_scores(three_files, capsys):
    tmp, src, hyp, ref = three_files
    assert main(["check", src, hyp, "-s", "es", "-t", "en", "--ref", ref, "--select", "EMP", "-m", "bleu,chrf"]) == 0
    text = capsys.readouterr().out
    assert re.search(r"BLEU \d+\.\d\d \(95% CI", text) and "chrF2 " in text and "TER" not in text
    assert "nrefs:1|bs:1000|seed:12345|case:mixed|eff:no|tok:13a" in text
    # CSV: one row per flag; make a flag with an empty target so there is a row
    hyp2 = _write(tmp / "hyp2.en", [HYP[0], "", HYP[2]])
    out = str(tmp / "r.csv")
    assert main(["check", src, hyp2, "-s", "es", "-t", "en", "--ref", ref, "--select", "EMP", "-m", "chrf",
                 "-o", out]) == 0
    import csv

    rows = list(csv.DictReader(open(out, encoding="utf-8")))
    assert rows and rows[0]["segment_id"] == "2"
    assert json.loads(rows[0]["segment_scores"])["chrf"] == pytest.approx(sacrebleu.sentence_chrf("", [REF[1]]).score, abs=1e-4)
    assert "chrf" in json.loads(rows[0]["corpus_scores"])


def test_cli_reference_line_count_mismatch_is_an_input_error(three_files, capsys):
    tmp, src, hyp, _ = three_files
    short = _write(tmp / "short.en", REF[:2])
    assert main(["check", src, hyp, "-s", "es", "-t", "en", "--ref", short]) == 2
    assert "fewer lines" in capsys.readouterr().err
    long_ = _write(tmp / "long.en", REF[:4])
    assert main(["check", src, hyp, "-s", "es", "-t", "en", "--ref", long_]) == 2
    assert "more lines" in capsys.readouterr().err


def test_cli_unknown_metric_is_a_usage_error(three_files, capsys):
    tmp, src, hyp, ref = three_files
    assert main(["check", src, hyp, "-s", "es", "-t", "en", "--ref", ref, "-m", "meteor"]) == 2
    assert "unknown metric" in capsys.readouterr().err


def test_jsonl_reference_column_is_used(tmp_path):
    path = tmp_path / "in.jsonl"
    with open(path, "w", encoding="utf-8") as fh:
        for s, h, r in zip(SRC_ES, HYP, REF):
            fh.write(json.dumps({"source": s, "target": h, "reference": r}) + "\n")
    from audit.pipeline.engine import run_audit

    res = run_audit(str(path), source_lang="es", target_lang="en", metrics=("chrf",))
    assert res.metrics["chrf"]["score"] == pytest.approx(sacrebleu.corpus_chrf(HYP[:3], [REF[:3]]).score, abs=1e-4)


def test_no_references_no_metrics(three_files):
    _, src, hyp, _ = three_files
    from audit.pipeline.engine import run_audit

    res = run_audit([src, hyp], source_lang="es", target_lang="en")
    assert res.metrics == {} and "bleu" not in res.segments[0].scores


def test_large_corpus_bootstrap_path_draws_and_scores_as_sacrebleu():
    """Above 2M cells the resampler sums counts @ stats instead of gathering: same scores as sacrebleu."""
    import numpy as np
    from sacrebleu.significance import _bootstrap_resample

    rng = np.random.default_rng(3)
    n = 30000
    hyp_len = rng.integers(5, 40, n)
    counts = np.stack([np.minimum(hyp_len - k, rng.integers(0, 40, n)).clip(0) for k in range(4)], 1)
    totals = np.stack([(hyp_len - k).clip(0) for k in range(4)], 1)
    stats = np.concatenate([hyp_len[:, None], rng.integers(5, 40, n)[:, None], counts, totals], 1)
    sc = metrics.get_scorer("bleu", "en")
    ours = metrics.bootstrap_scores(sc, stats.astype(np.float64), 100)  # 100 x 30000 > 2M cells
    _seed, theirs = _bootstrap_resample(stats.tolist(), sc.metric, 100)
    assert list(ours) == [s.score for s in theirs]


def test_cli_two_reference_files_and_a_reference_column(tmp_path):
    from audit.pipeline.engine import run_audit

    src = _write(tmp_path / "src.es", SRC_ES)
    hyp = _write(tmp_path / "hyp.en", HYP[:3])
    r1 = _write(tmp_path / "r1.en", REF[:3])
    r2 = _write(tmp_path / "r2.en", REF2[:3])
    res = run_audit([src, hyp], source_lang="es", target_lang="en", references=[r1, r2], metrics=("bleu",))
    assert res.metrics["bleu"]["signature"].startswith("nrefs:2|")
    assert res.metrics["bleu"]["score"] == pytest.approx(
        sacrebleu.corpus_bleu(HYP[:3], [REF[:3], REF2[:3]]).score, abs=1e-4)
    path = tmp_path / "in.jsonl"
    with open(path, "w", encoding="utf-8") as fh:
        for s, h, r in zip(SRC_ES, HYP, REF):
            fh.write(json.dumps({"source": s, "target": h, "reference": r}) + "\n")
    res = run_audit(str(path), source_lang="es", target_lang="en", references=[r2], metrics=("chrf",))
    assert res.segments[0].pair.references == (REF[0], REF2[0])
    assert res.metrics["chrf"]["signature"].startswith("nrefs:2|")
