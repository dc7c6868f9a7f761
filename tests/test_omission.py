"""OMI001 (omitted source clause) and ADD001 (added target clause), semantic extra: clause cutting,
the per-clause scoring against the file with a fake embedder (always), selection rules without
the extra."""
from __future__ import annotations

import hashlib

import numpy as np
import pytest

from audit.core.config import Config
from audit.core.errors import UsageError
from audit.core.model import Pair
from audit.lang import semantic
from audit.lang.clauses import clauses, without
from audit.pipeline.engine import audit_pairs

CITIES = ["Lisbon", "Porto", "Bergen", "Krakow", "Lyon", "Turin", "Ghent", "Graz", "Malmo", "Aarhus",
          "Bilbao", "Split", "Tartu", "Brno", "Cork", "Basel", "Delft", "Leiden", "Padua", "Seville",
          "Valencia", "Bologna", "Utrecht", "Zagreb"]
# clause kind -> its wording in each language ({c}: the city)
WORDING = {
    "mayor": {"en": "the mayor of {c} said on Tuesday", "es": "el alcalde de {c} dijo el martes",
              "zh": "{c}市长周二表示", "ru": "мэр города {c} заявил во вторник"},
    "schools": {"en": "new schools will open in {c} in the autumn", "es": "se abrirán nuevas escuelas en {c} en otoño",
                "zh": "秋季{c}将开设新学校", "ru": "осенью в {c} откроются новые школы"},
    "teachers": {"en": "two hundred teachers will be hired in {c}", "es": "se contratarán doscientos maestros en {c}",
                 "zh": "{c}将招聘两百名教师", "ru": "в {c} будут наняты двести учителей"},
}
JOIN = {"en": ", ", "es": ", ", "ru": ", ", "zh": "，"}
END = {"en": ".", "es": ".", "ru": ".", "zh": "。"}
FULL = ("mayor", "schools", "teachers")


def clause(kind: str, k: int, lang: str) -> str:
    return WORDING[kind][lang].format(c=CITIES[k])


def sentence(lang: str, parts) -> str:
    text = JOIN[lang].join(clause(kind, k, lang) for kind, k in parts) + END[lang]
    return text[0].upper() + text[1:]


def concept_vec(kind: str, k: int) -> np.ndarray:
    seed = int(hashlib.sha1(f"{kind}{k}".encode()).hexdigest()[:8], 16)
    return np.random.default_rng(seed).standard_normal(semantic.DIM)


def fake_embed(texts):
    """A bag of meanings: the sum of the vectors of the clauses (in any language) a text contains."""
    rows = []
    for t in texts:
        low = t.lower()
        v = 0.05 * np.random.default_rng(len(t)).standard_normal(semantic.DIM)
        for kind, words in WORDING.items():
            for k in range(len(CITIES)):
                if any(w.format(c=CITIES[k]).lower() in low for w in words.values()):
                    v = v + concept_vec(kind, k)
        rows.append(v / np.linalg.norm(v))
    return np.array(rows, dtype=np.float32)


@pytest.fixture
def fake(monkeypatch):
    monkeypatch.setattr(semantic, "embed", fake_embed)
    monkeypatch.setattr(semantic, "unavailable_reason", lambda: None)
    semantic._CACHE.clear()
    yield
    semantic._CACHE.clear()


def file_rows(lang: str) -> list[tuple[str, str]]:
    return [(sentence("en", [(kind, k) for kind in FULL]), sentence(lang, [(kind, k) for kind in FULL]))
            for k in range(len(CITIES))]


def run(rows, lang, select=("OMI001", "ADD001")):
    pairs = [Pair(id=str(i), source=s, target=t, source_lang="en", target_lang=lang) for i, (s, t) in enumerate(rows)]
    result = audit_pairs(pairs, Config(select=select))
    return pairs, [(k, f) for k, seg in enumerate(result.segments) for f in seg.flags]


@pytest.mark.parametrize("lang", ["es", "zh", "ru"])
def test_full_translations_are_not_flagged(fake, lang):
    assert run(file_rows(lang), lang)[1] == []


@pytest.mark.parametrize("lang", ["es", "zh", "ru"])
def test_omitted_clause_is_flagged_on_the_source_clause(fake, lang):
    rows = file_rows(lang)
    rows[7] = (rows[7][0], sentence(lang, [("mayor", 7), ("schools", 7)]))
    pairs, flags = run(rows, lang)
    assert [(k, f.code) for k, f in flags] == [(7, "OMI001")]
    (sp,) = flags[0][1].spans
    assert sp.side == "source" and pairs[7].source[sp.start:sp.end] == clause("teachers", 7, "en")


@pytest.mark.parametrize("lang", ["es", "zh", "ru"])
def test_added_clause_is_flagged_on_the_target_clause(fake, lang):
    rows = file_rows(lang)
    rows[7] = (rows[7][0], sentence(lang, [("mayor", 7), ("schools", 7), ("teachers", 7), ("schools", 15)]))
    pairs, flags = run(rows, lang)
    assert [(k, f.code) for k, f in flags] == [(7, "ADD001")]
    (sp,) = flags[0][1].spans
    assert sp.side == "target" and pairs[7].target[sp.start:sp.end] == clause("schools", 15, lang)


def test_small_files_are_not_judged(fake):
    rows = file_rows("es")[:12]
    rows[5] = (rows[5][0], sentence("es", [("mayor", 5), ("schools", 5)]))
    assert run(rows, "es")[1] == []  # 12 pairs: nothing to compare with


def test_single_clause_sources_cannot_lose_a_clause(fake):
    rows = file_rows("es")
    rows[3] = (clause("teachers", 3, "en").capitalize() + ".", sentence("es", [("mayor", 9)]))
    assert [k for k, f in run(rows, "es", select=("OMI001",))[1]] == []


def test_preview_checks_are_off_by_default_and_need_the_extra(monkeypatch):
    monkeypatch.setenv("TRANSAUDIT_SEMANTIC", "0")
    pair = Pair(id="1", source=sentence("en", [(kind, 0) for kind in FULL]),
                target=sentence("es", [("mayor", 0)]), source_lang="en", target_lang="es")
    result = audit_pairs([pair], Config())
    assert all(f.code not in ("OMI001", "ADD001") for seg in result.segments for f in seg.flags)
    for code in ("OMI001", "ADD001"):
        with pytest.raises(UsageError, match=f"{code}.*TRANSAUDIT_SEMANTIC=0"):
            audit_pairs([pair], Config(select=(code,)))


@pytest.mark.parametrize("text,lang,pieces", [
    ("The mayor of Lyon, Grégory Doucet, said that the city would open schools and hire teachers.", "en",
     ["The mayor of Lyon", "Grégory Doucet", "said that the city would open schools", "and hire teachers"]),
    ("市长周二表示，该市将开设新学校，并招聘教师。", "zh", ["市长周二表示", "该市将开设新学校", "并招聘教师"]),
    ("Мэр заявил во вторник, что город откроет новые школы и наймёт учителей.", "ru",
     ["Мэр заявил во вторник", "что город откроет новые школы", "и наймёт учителей"]),
    ("Er kam, sah.", "de", ["Er kam, sah"]),  # pieces under 12 letters are merged
])
def test_clauses(text, lang, pieces):
    assert [text[s:e] for s, e in clauses(text, lang)] == pieces


def test_without_drops_the_clause_and_its_cutting_punctuation():
    text = "市长周二表示，该市将开设新学校，并招聘教师。"
    spans = clauses(text, "zh")
    assert [without(text, spans, k) for k in range(3)] == [
        "该市将开设新学校，并招聘教师。", "市长周二表示，并招聘教师。", "市长周二表示，该市将开设新学校。"]
    en = "The mayor said on Tuesday, that the city would open new schools."
    assert without(en, clauses(en, "en"), 1) == "The mayor said on Tuesday."
