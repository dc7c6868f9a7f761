import random

import pytest

from audit.checks.context import CorpusContext
from audit.checks.families import length
from audit.core.config import Config
from audit.pipeline.engine import audit_pairs
from audit.core.model import Pair


def P(i, src, tgt, sl, tl):
    return Pair(id=str(i), source=src, target=tgt, source_lang=sl, target_lang=tl, index=i)


def run(code, pairs, **options):
    fn = length.too_short if code == "LEN001" else length.too_long
    return list(fn(pairs, CorpusContext(pairs, {code: options})))


# --- priors (small inputs) -------------------------------------------------------------------------

SHORT_CASES = [
    ("en", "es",
     "The regional government approved the new budget on Tuesday after a long debate, "
     "and the opposition announced that it would appeal the decision in court next month.",
     "El gobierno regional aprobó el nuevo presupuesto.", "major"),
    ("en", "zh",
     "The museum will reopen next spring after a two-year renovation that cost more than "
     "forty million dollars and added three new galleries for modern art.",
     "博物馆将于明年春天重新开放。", "major"),
    ("ru", "en",
     "Власти города объявили, что с понедельника движение по мосту будет закрыто на ремонт, "
     "который продлится не менее трёх месяцев и обойдётся бюджету в крупную сумму.",
     "The city said the bridge will be closed from Monday for repairs lasting at least three months.",
     "minor"),
]


@pytest.mark.parametrize("sl,tl,src,tgt,sev", SHORT_CASES)
def test_too_short_with_priors(sl, tl, src, tgt, sev):
    found = run("LEN001", [P(0, src, tgt, sl, tl)])
    assert [i for i, _ in found] == [0]
    f = found[0][1]
    spans = {sp.side: (sp.start, sp.end) for sp in f.spans}
    assert tgt[slice(*spans["target"])] == tgt and src[slice(*spans["source"])] == src
    assert f.severity.label == sev
    assert "prior" in f.message
    assert run("LEN002", [P(0, src, tgt, sl, tl)]) == []


LONG_CASES = [
    ("en", "de", "The central station is closed all day today.",
     "Der Bahnhof ist heute geschlossen. Reisende werden gebeten, auf die Busse des Ersatzverkehrs "
     "auszuweichen, die alle zehn Minuten vom Vorplatz abfahren, und mehr Zeit einzuplanen.", "major"),
    ("en", "ja", "Consumer prices rose again in March.",
     "3月に物価は再び上昇した。政府は来月、電気料金とガス料金の負担を軽減するための新たな支援策を発表する予定で、"
     "専門家は効果を疑問視している。", "major"),
    ("zh", "en", "三月份物价再次上涨，涨幅超过预期。",
     "Prices rose again in March, more than expected, and the central bank said it would meet next week "
     "to discuss whether interest rates should be raised again before the summer holidays begin.", "major"),
]


@pytest.mark.parametrize("sl,tl,src,tgt,sev", LONG_CASES)
def test_too_long_with_priors(sl, tl, src, tgt, sev):
    found = run("LEN002", [P(0, src, tgt, sl, tl)])
    assert [i for i, _ in found] == [0]
    assert found[0][1].severity.label == sev
    assert run("LEN001", [P(0, src, tgt, sl, tl)]) == []


CLEAN = [
    ("en", "es", "The regional government approved the new budget on Tuesday after a long debate.",
     "El gobierno regional aprobó el nuevo presupuesto el martes tras un largo debate."),
    ("en", "zh", "The museum will reopen next spring after a two-year renovation.",
     "经过两年的翻修，博物馆将于明年春天重新开放。"),
    ("en", "ja", "The museum will reopen next spring after a two-year renovation.",
     "博物館は2年間の改修工事を経て、来年春に再開する。"),
    ("en", "ko", "The museum will reopen next spring after a two-year renovation.",
     "박물관은 2년간의 보수 공사를 마치고 내년 봄에 다시 문을 연다."),
    ("en", "ar", "The museum will reopen next spring after a two-year renovation.",
     "سيعاد افتتاح المتحف في الربيع المقبل بعد عامين من أعمال التجديد."),
    ("en", "de", "Prices rose again in March, more than expected.",
     "Die Preise sind im März erneut gestiegen, und zwar stärker als erwartet."),
    ("de", "en", "Die Preise sind im März erneut gestiegen, und zwar stärker als erwartet.",
     "Prices rose again in March, more than expected."),
    ("ja", "fr", "博物館は2年間の改修工事を経て、来年春に再開する。",
     "Le musée rouvrira au printemps prochain après deux ans de travaux."),
    # short segments are never judged, whatever the ratio
    ("en", "es", "Save", "Guardar los cambios del documento"),
    ("en", "de", "File saved successfully.", "Gespeichert."),
    ("en", "zh", "OK", "确定"),
    # a Japanese sentence full of Latin names is not too long
    ("en", "ja", "Apple, Microsoft and Google reported results on Thursday.",
     "Apple、Microsoft、Googleの3社は木曜日に決算を発表した。"),
    # copies and empty targets are other checks' business
    ("en", "fr", "The regional government approved the new budget on Tuesday after a long debate.", ""),
]


@pytest.mark.parametrize("sl,tl,src,tgt", CLEAN)
def test_clean_with_priors(sl, tl, src, tgt):
    pairs = [P(0, src, tgt, sl, tl)]
    assert run("LEN001", pairs) == [] and run("LEN002", pairs) == []


def test_unknown_language_pair_small_corpus_says_nothing():
    pairs = [P(0, "Short source text here, quite a few words long indeed.", "x" * 400, "xx", "yy")]
    assert run("LEN002", pairs) == []


# --- learned from the corpus -------------------------------------------------------------------------

VOCAB = ("casa perro libro tiempo ciudad mundo agua fuego tierra noche camino puerta mesa ventana "
         "trabajo escuela gobierno empresa pueblo mercado").split()
EN = ("house dog book time city world water fire land night road door table window work school "
      "government company town market").split()


def _corpus(n=300, factor=1.6, seed=7):
    """A synthetic en->es corpus whose targets are systematically ``factor`` times longer."""
    rnd = random.Random(seed)
    pairs = []
    for i in range(n):
        k = rnd.randint(8, 20)
        src = " ".join(rnd.choice(EN) for _ in range(k)) + "."
        m = max(3, round(k * factor * rnd.uniform(0.9, 1.1)))
        tgt = " ".join(rnd.choice(VOCAB) for _ in range(m)) + "."
        pairs.append(P(i, src, tgt, "en", "es"))
    return pairs


def test_learned_ratio_overrides_priors():
    pairs = _corpus()
    # with priors alone, a systematically verbose corpus would be flagged everywhere
    assert len(run("LEN002", pairs, min_corpus=10 ** 9, subword=False)) > 100
    # learned from the corpus itself: nothing stands out
    assert run("LEN002", pairs, subword=False) == []
    assert run("LEN001", pairs, subword=False) == []


def test_length_models_report_the_learned_ratio():
    models = length.length_models(_corpus(), {"subword": False})
    m = models[("en", "es")]
    assert m["learned_from"] == 300
    # target words of the synthetic corpus are longer than the source words, 1.6 times as many
    assert 1.6 < m["char_ratio"] < 3.0
    small = length.length_models(_corpus()[:50], {"subword": False})
    assert small[("en", "es")]["learned_from"] == 0
    assert small[("en", "es")]["char_ratio"] == pytest.approx(1.155)


def test_learned_ratio_finds_outliers():
    pairs = _corpus()
    src = pairs[10].source
    pairs[10] = P(10, src, "casa.", "en", "es")  # lost almost everything
    pairs[20] = P(20, pairs[20].source, " ".join([pairs[20].target] * 4), "en", "es")
    short = run("LEN001", pairs, subword=False)
    long_ = run("LEN002", pairs, subword=False)
    assert [i for i, _ in short] == [10]
    assert [i for i, _ in long_] == [20]
    assert "learned from" in short[0][1].message
    assert short[0][1].severity.label == "major"


def test_through_the_engine():
    pairs = [P(i, s, t, sl, tl) for i, (sl, tl, s, t, _) in enumerate(SHORT_CASES[:1])]
    pairs += [P(1, CLEAN[0][2], CLEAN[0][3], "en", "es")]
    result = audit_pairs(pairs, Config(select=("LEN",)), jobs=1)
    flags = result.flags
    assert [(f.pair_id, f.code) for f in flags] == [("0", "LEN001")]
    sp = flags[0].spans[0]
    assert sp.side == "target" and pairs[0].target[sp.start:sp.end] == pairs[0].target


def test_weighted_length_counts_scripts():
    assert length.weighted_length("ab cd") == 4
    assert length.weighted_length("中文") == pytest.approx(5.6)
    assert length.weighted_length("かな") == pytest.approx(3.2)
    assert length.weighted_length("한국") == pytest.approx(4.4)


# --- a short source: a terse target is at most minor ---------------------------------------------

SHORT_SOURCE_CASES = [
    ("en", "fr", "Welsh members worried about looking like muppets today", "Les élus gallois inquiets"),
    ("en", "ru", "The weather in the northern regions was quite cold", "На севере холодно"),
    ("zh", "en", "市政府周二宣布了新的公共交通计划和票价", "New transit plan"),
]


@pytest.mark.parametrize("sl,tl,src,tgt", SHORT_SOURCE_CASES)
def test_short_source_is_never_major(sl, tl, src, tgt):
    got = run("LEN001", [P(0, src, tgt, sl, tl)], subword=False)
    assert len(got) == 1 and got[0][1].severity.label == "minor"
    assert got[0][1].spans[0].start == 0 and got[0][1].spans[0].end == len(tgt)
    long_src = src + ", " + src.lower() + ", " + src.lower()  # the same target for a long source: major
    got = run("LEN001", [P(0, long_src, tgt, sl, tl)], subword=False)
    assert [f.severity.label for _, f in got] == ["major"]
