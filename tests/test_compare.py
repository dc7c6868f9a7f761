"""``transaudit compare`` agrees with ``sacrebleu --paired-bs`` / ``--paired-ar`` on the same systems."""
import json
import os
import random
import re
import shutil
import subprocess
import sys

import pytest

from audit.scores import metrics
from audit.cli import main

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NTREX = os.path.join(ROOT, "..", "shared", "data", "ntrex")

OWN_REF = [
    "The ferry to the island leaves at seven every morning.",
    "Two new bus lines will connect the suburbs with the centre.",
    "The bakery on the corner sells bread until late evening.",
    "Students protested against the rise in tuition fees.",
    "A storm damaged the roof of the old town hall.",
    "The festival attracts thousands of visitors each summer.",
]


def _perturb(lines, p, seed):
    rng = random.Random(seed)
    out = []
    for line in lines:
        words = [w for w in line.split() if rng.random() > p]
        if rng.random() < p:
            words = words[::-1]
        out.append(" ".join(words))
    return out


def _write(path, lines):
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def _systems(tmp_path, n=150):
    path = os.path.join(NTREX, "deu.txt")
    if os.path.exists(path):
        ref = open(path, encoding="utf-8").read().splitlines()[:n]
    else:  # the data folder is optional: fall back on our own sentences
        ref = (OWN_REF * (n // len(OWN_REF) + 1))[:n]
    a, b = _perturb(ref, 0.20, 1), _perturb(ref, 0.18, 2)
    return ref, a, b, _write(tmp_path / "ref.de", ref), _write(tmp_path / "a.de", a), _write(tmp_path / "b.de", b)


def _sacrebleu_table(args):
    exe = shutil.which("sacrebleu")
    cmd = [exe] if exe else [sys.executable, "-m", "sacrebleu"]
    out = subprocess.run(cmd + args + ["-w", "4", "-f", "text"], capture_output=True, text=True, check=True).stdout
    rows = [line for line in out.splitlines() if line.startswith("│")]
    cells = [[c.strip() for c in row.strip("│").split("│")] for row in rows]
    return cells  # header, baseline, system, p-values row


def _num(cell):
    return [float(x) for x in re.findall(r"\d+\.\d+", cell)]


@pytest.mark.parametrize("test", ["bs", "ar"])
def test_compare_agrees_with_sacrebleu_paired_tests(tmp_path, test):
    ref, a, b, rp, ap, bp = _systems(tmp_path)
    cells = _sacrebleu_table([rp, "-i", ap, bp, "-m", "bleu", "chrf", f"--paired-{test}"])
    header, base, system, pvals = cells[:4]
    assert header[1].startswith("BLEU") and header[2].startswith("chrF2")
    out = tmp_path / "cmp.json"
    assert main(["compare", ap, bp, "--ref", rp, "-t", "de", "-m", "bleu,chrf", "--test", test, "-o", str(out)]) == 0
    r = json.load(open(out, encoding="utf-8"))
    for col, key in ((1, "bleu"), (2, "chrf")):
        m = r["metrics"][key]
        if test == "bs":  # score (mean ± ci)
            assert _num(base[col]) == pytest.approx([m["a"]["score"], m["a"]["mean"], m["a"]["ci"]], abs=6e-5)
            assert _num(system[col]) == pytest.approx([m["b"]["score"], m["b"]["mean"], m["b"]["ci"]], abs=6e-5)
        else:
            assert _num(base[col])[0] == pytest.approx(m["a"]["score"], abs=6e-5)
            assert _num(system[col])[0] == pytest.approx(m["b"]["score"], abs=6e-5)
        p = m[f"paired_{test}"]["p_value"]
        assert _num(pvals[col])[0] == pytest.approx(p, abs=6e-5)
        assert m["delta"] == pytest.approx(m["b"]["score"] - m["a"]["score"])


def test_p_values_are_not_trivial_and_signatures_match_sacrebleu_api(tmp_path):
    ref, a, b, *_ = _systems(tmp_path)
    from sacrebleu.metrics import BLEU
    from sacrebleu.significance import PairedTest

    ps = PairedTest([("a", a), ("b", b)], {"BLEU": BLEU(references=[ref])}, None, test_type="bs", n_samples=1000)
    sigs, scores = ps()
    res = metrics.compare_systems(a, b, [(x,) for x in ref], "de", ("bleu",), ("bs",))
    m = res["metrics"]["bleu"]
    assert m["paired_bs"]["signature"] == sigs["BLEU"].format()
    assert m["paired_bs"]["p_value"] == pytest.approx(scores["BLEU"][1].p_value)
    assert m["b"]["mean"] == pytest.approx(scores["BLEU"][1].mean)


def test_a_system_against_itself_is_not_different():
    hyps = _perturb(OWN_REF * 5, 0.2, 3)
    res = metrics.compare_systems(hyps, hyps, [(x,) for x in OWN_REF * 5], "en", ("chrf",), ("bs", "ar"),
                                  n_bootstrap=200, n_trials=500)
    m = res["metrics"]["chrf"]
    assert m["delta"] == 0 and m["paired_bs"]["p_value"] == 1.0 and m["paired_ar"]["p_value"] == 1.0
    assert res["differences"] == [] and res["better_a"] == res["better_b"] == 0


def test_text_report_shows_deltas_p_values_and_the_most_different_segments(tmp_path, capsys):
    src = _write(tmp_path / "src.es", ["El transbordador sale a las siete.", "Dos líneas nuevas.", "La panadería.",
                                        "Protestas.", "Una tormenta.", "El festival."])
    ref = _write(tmp_path / "ref.en", OWN_REF)
    a_lines = list(OWN_REF)
    a_lines[4] = "Something else entirely\x1b[31m."
    a = _write(tmp_path / "a.en", a_lines)
    b = _write(tmp_path / "b.en", OWN_REF)
    assert main(["compare", a, b, "--ref", ref, "--src", src, "-m", "chrf", "--bootstrap", "100",
                 "--trials", "100", "--top", "1"]) == 0
    out = capsys.readouterr().out
    assert re.search(r"chrF2 .* \+\d+\.\d\d +\d\.\d{4} +\d\.\d{4}", out)
    assert "line 5:" in out and "src: Una tormenta." in out and "B:   A storm damaged" in out
    assert "\x1b" not in out and "␛[31m" in out  # untrusted text is made visible, never interpreted
    assert "nrefs:1|case:mixed|eff:yes|nc:6|nw:0" in out


def test_compare_input_errors(tmp_path, capsys):
    ref = _write(tmp_path / "ref.en", OWN_REF)
    a = _write(tmp_path / "a.en", OWN_REF)
    short = _write(tmp_path / "b.en", OWN_REF[:-1])
    assert main(["compare", a, short, "--ref", ref]) == 2
    assert "has 5 lines" in capsys.readouterr().err
    assert main(["compare", a, a, "--ref", short]) == 2
    assert main(["compare", a, a, "--ref", ref, "-m", "rouge"]) == 2
    assert main(["compare", a, a, "--ref", ref, "--bootstrap", "0"]) == 2
    assert main(["compare", a, str(tmp_path / "missing.en"), "--ref", ref]) == 2
    with pytest.raises(SystemExit) as exc:
        main(["compare", a, a])  # --ref is required
    assert exc.value.code == 2
