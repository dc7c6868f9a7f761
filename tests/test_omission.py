"""OMI001 (omitted source clause) and ADD001 (added target clause), semantic extra: clause cutting,
the leave-one-clause-out logic with a fake embedder (always), selection rules without the extra."""
from __future__ import annotations

import numpy as np
import pytest

from audit.core.config import Config
from audit.core.errors import UsageError
from audit.core.model import Pair
from audit.lang import semantic
from audit.lang.clauses import clauses, without
from audit.pipeline.engine import audit_pairs

# concept -> its wording in each language; a fake embedding is the normalised sum of the concept
# vectors whose wording occurs in the text (a bag of meanings), so a clause the other side lacks
# pulls the two vectors apart
CONCEPTS = {
    "mayor": {"en": "the mayor of the city said on Tuesday", "es": "el alcalde de la ciudad dijo el martes",
              "zh": "市长周二表示", "ru": "мэр города заявил во вторник"},
    "schools": {"en": "new schools will open in the autumn", "es": "se abrirán nuevas escuelas en otoño",
                "zh": "秋季将开设新学校", "ru": "осенью откроются новые школы"},
    "teachers": {"en": "two hundred teachers will be hired", "es": "se contratarán doscientos maestros",
                 "zh": "将招聘两百名教师", "ru": "будут наняты двести учителей"},
    "weather": {"en": "the weather was cold all week", "es": "el tiempo fue frío toda la semana",
                "zh": "整个星期天气都很冷", "ru": "всю неделю стояла холодная погода"},
}
JOIN = {"en": ", ", "es": ", ", "ru": ", ", "zh": "，"}
END = {"en": ".", "es": ".", "ru": ".", "zh": "。"}


def sentence(lang: str, keys) -> str:
    text = JOIN[lang].join(CONCEPTS[k][lang] for k in keys) + END[lang]
    return text[0].upper() + text[1:]


def fake_embed(texts):
    rows = []
    for t in texts:
        low = t.lower()
        v = np.zeros(semantic.DIM)
        for k, (name, words) in enumerate(sorted(CONCEPTS.items())):
            if any(w.lower() in low for w in words.values()):
                v += np.random.default_rng(k).standard_normal(semantic.DIM)
        v += 0.05 * np.random.default_rng(len(t)).standard_normal(semantic.DIM)
        rows.append(v / np.linalg.norm(v))
    return np.array(rows, dtype=np.float32)


@pytest.fixture
def fake(monkeypatch):
    monkeypatch.setattr(semantic, "embed", fake_embed)
    monkeypatch.setattr(semantic, "unavailable_reason", lambda: None)
    semantic._CACHE.clear()
    yield
    semantic._CACHE.clear()


def run(rows, lang, select=("OMI001", "ADD001")):
    pairs = [Pair(id=str(i), source=s, target=t, source_lang="en", target_lang=lang) for i, (s, t) in enumerate(rows)]
    result = audit_pairs(pairs, Config(select=select))
    return pairs, [(k, f) for k, seg in enumerate(result.segments) for f in seg.flags]


FULL = ("mayor", "schools", "teachers")


@pytest.mark.parametrize("lang", ["es", "zh", "ru"])
def test_full_translations_are_not_flagged(fake, lang):
    rows = [(sentence("en", FULL), sentence(lang, FULL)), (sentence("en", FULL[:2]), sentence(lang, FULL[:2]))]
    assert run(rows, lang)[1] == []


@pytest.mark.parametrize("lang", ["es", "zh", "ru"])
def test_omitted_clause_is_flagged_on_the_source_clause(fake, lang):
    rows = [(sentence("en", FULL), sentence(lang, ("mayor", "schools")))]
    pairs, flags = run(rows, lang)
    assert [(k, f.code, f.severity.label) for k, f in flags] == [(0, "OMI001", "major")]
    (sp,) = flags[0][1].spans
    assert sp.side == "source" and pairs[0].source[sp.start:sp.end] == CONCEPTS["teachers"]["en"]


@pytest.mark.parametrize("lang", ["es", "zh", "ru"])
def test_added_clause_is_flagged_on_the_target_clause(fake, lang):
    rows = [(sentence("en", FULL), sentence(lang, ("mayor", "weather", "schools", "teachers")))]
    pairs, flags = run(rows, lang)
    assert [(k, f.code, f.severity.label) for k, f in flags] == [(0, "ADD001", "major")]
    (sp,) = flags[0][1].spans
    assert sp.side == "target" and pairs[0].target[sp.start:sp.end] == CONCEPTS["weather"][lang]


def test_short_and_single_clause_segments_are_not_judged(fake):
    rows = [("The mayor spoke.", "El alcalde habló y se fue."),
            (CONCEPTS["teachers"]["en"].capitalize() + ".", sentence("es", ("teachers", "weather")))]
    assert run(rows, "es", select=("OMI001",))[1] == []  # a one-clause source cannot lose a clause


def test_preview_checks_are_off_by_default_and_need_the_extra(monkeypatch):
    monkeypatch.setenv("TRANSAUDIT_SEMANTIC", "0")
    pair = Pair(id="1", source=sentence("en", FULL), target=sentence("es", FULL[:2]), source_lang="en", target_lang="es")
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
