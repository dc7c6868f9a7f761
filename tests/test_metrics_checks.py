"""MET001 (chrF outlier against the reference) and MET002 (target copied from the source)."""
import pytest

from audit.core.config import Config
from audit.pipeline.engine import audit_pairs
from audit.core.model import Pair
from tests.helpers import run_check

# -- MET001 ---------------------------------------------------------------------------------

BASE = {
    "es": [
        "El ayuntamiento abrirá una nueva biblioteca en el barrio.",
        "Las lluvias de la semana pasada inundaron varias calles.",
        "El equipo local ganó el partido en el último minuto.",
        "Los precios del pan subieron durante el invierno.",
        "La escuela organizó una feria de ciencias para los alumnos.",
        "El tren nocturno dejará de circular el próximo mes.",
        "Los vecinos plantaron árboles a lo largo del río.",
        "El museo presentó una exposición sobre la historia del puerto.",
    ],
    "ru": [
        "Городской совет откроет новую библиотеку в районе.",
        "Дожди на прошлой неделе затопили несколько улиц.",
        "Местная команда выиграла матч на последней минуте.",
        "Цены на хлеб выросли за зиму.",
        "Школа организовала научную ярмарку для учеников.",
        "Ночной поезд перестанет ходить в следующем месяце.",
        "Жители посадили деревья вдоль реки.",
        "Музей открыл выставку об истории порта.",
    ],
    "zh": [
        "市议会将在该社区开设一座新图书馆。",
        "上周的降雨淹没了几条街道。",
        "本地球队在最后一分钟赢得了比赛。",
        "冬季面包价格上涨了。",
        "学校为学生们举办了一场科学展览会。",
        "夜间列车将于下个月停运。",
        "居民们沿着河边种植了树木。",
        "博物馆举办了一场关于港口历史的展览。",
    ],
}
UNRELATED = {
    "es": "Mañana habrá sol en toda la costa norte.",
    "ru": "Завтра на всём северном побережье будет солнечно.",
    "zh": "明天北部沿海地区将全天晴朗。",
}


def _corpus(lang, outlier_at=None, n=24):
    """n pairs: references built from two base sentences; hypotheses a lightly edited copy."""
    base = BASE[lang]
    pairs = []
    for i in range(n):
        a, b = base[i % len(base)], base[(i * 3 + 1) % len(base)]
        ref = a + (" " if lang != "zh" else "") + b
        if lang == "zh":
            hyp = ref[:-3] + ref[-2:]  # one character dropped
        else:
            words = ref.split()
            del words[(i % (len(words) - 2)) + 1]
            hyp = " ".join(words)
        if i == outlier_at:
            hyp = "  " + UNRELATED[lang] + " "
        pairs.append(Pair(id=str(i), source="src %d" % i, target=hyp, references=(ref,), source_lang="en",
                          target_lang=lang, index=i))
    return pairs


def _met001(pairs, options=None):
    cfg = Config(select=("MET001",), options={"MET001": options} if options else {})
    return audit_pairs(pairs, cfg, source_lang="en", target_lang=pairs[0].target_lang, jobs=1)


@pytest.mark.parametrize("lang", ["es", "ru", "zh"])
def test_met001_flags_the_outlier_with_exact_span(lang):
    pairs = _corpus(lang, outlier_at=7)
    res = _met001(pairs)
    flags = res.flags
    assert [f.pair_id for f in flags] == ["7"]
    f = flags[0]
    sp = f.primary
    assert sp.side == "target" and pairs[7].target[sp.start:sp.end] == UNRELATED[lang]
    assert f.severity.label == "major" and f.data["z"] <= -3.5
    assert res.segments[7].scores["chrf"] == pytest.approx(f.data["chrf"], abs=0.01)


@pytest.mark.parametrize("lang", ["es", "ru", "zh"])
def test_met001_clean_corpus_has_no_flags(lang):
    assert _met001(_corpus(lang)).flags == []


def test_met001_needs_a_corpus_and_references():
    small = _corpus("es", outlier_at=3, n=12)
    assert _met001(small).flags == []
    assert [f.pair_id for f in _met001(small, {"min_segments": 10}).flags] == ["3"]
    no_refs = [Pair(id=p.id, source=p.source, target=p.target, index=p.index) for p in _corpus("es", outlier_at=3)]
    assert _met001(no_refs).flags == []


def test_met001_skips_short_references_and_empty_targets():
    pairs = _corpus("es")
    pairs[5] = Pair(id="5", source="x", target="Hola a todos.", references=("Adiós.",), target_lang="es", index=5)
    pairs[6] = Pair(id="6", source="x", target="", references=(BASE["es"][0],), target_lang="es", index=6)
    assert _met001(pairs).flags == []


# -- MET002 ---------------------------------------------------------------------------------

EN = "The committee will publish its final report on the new water rules next week."


def _one(flags):
    assert len(flags) == 1, flags
    return flags[0]


@pytest.mark.parametrize("src,tgt_lang", [
    (EN, "es"), (EN, "ru"), (EN, "zh"), (EN, "hi"),
])
def test_met002_flags_a_copied_english_target(src, tgt_lang):
    tgt = " " + src.replace("next week", "next month") + " "  # a near copy: one word edited
    f = _one(run_check("MET002", src, tgt, "en", tgt_lang))
    assert f.severity.label == "major"
    t, s = f.spans[0], f.spans[1]
    assert (t.side, s.side) == ("target", "source")
    assert tgt[t.start:t.end] == tgt.strip() and src[s.start:s.end] == src


def test_met002_leaves_exact_copies_to_unt001():
    assert run_check("MET002", EN, EN.upper(), "en", "es") == []


def test_met002_flags_a_copied_german_source_into_japanese():
    src = "Die Stadt wird im nächsten Jahr eine neue Brücke über den Fluss bauen."
    tgt = "Die Stadt wird im nächsten Jahr eine neue Brücke über den Fluss bauen (橋)."
    f = _one(run_check("MET002", src, tgt, "de", "ja"))
    assert f.data["chrf"] > 90 and tgt[f.spans[0].start:f.spans[0].end] == tgt


def test_met002_flags_a_half_translated_target_as_minor():
    tgt = "Комитет опубликует свой final report on the new water rules next week."
    f = _one(run_check("MET002", EN, tgt, "en", "ru"))
    assert f.severity.label == "minor"
    assert tgt[f.spans[0].start:f.spans[0].end] == tgt


@pytest.mark.parametrize("src,tgt,s,t", [
    # real translations
    (EN, "El comité publicará su informe final sobre las nuevas normas del agua la próxima semana.", "en", "es"),
    (EN, "Комитет опубликует окончательный доклад о новых правилах водопользования на следующей неделе.", "en", "ru"),
    (EN, "委员会将于下周发布关于新水务规定的最终报告。", "en", "zh"),
    # close languages share function words and cognates
    ("El gobierno de la región presentó un plan para la construcción de nuevas escuelas en la zona rural.",
     "O governo da região apresentou um plano para a construção de novas escolas na zona rural.", "es", "pt"),
    ("Vláda schválila nový zákon o ochraně přírody a krajiny v pondělí večer.",
     "Vláda schválila nový zákon o ochrane prírody a krajiny v pondelok večer.", "cs", "sk"),
    # names, titles and scores left as they are
    ("Manchester United 2-1 Real Madrid: Bruno Fernandes Scores Late Winner",
     "Manchester United 2-1 Real Madrid: Bruno Fernandes marca el gol de la victoria", "en", "es"),
    ("NASA, ESA and JAXA Sign Moon Agreement", "NASA, ESA и JAXA подписали лунное соглашение", "en", "ru"),
    # a saying quoted in a third language, kept in the translation
    ("As the French say, c'est la vie, and we moved on.", "Как говорят французы, c'est la vie, и мы пошли дальше.", "en", "ru"),
    ("He answered: « il faut bien le faire ».", "Il a répondu : « il faut bien le faire ».", "en", "fr"),
    ("Il faut bien le faire.", "Il faut bien le faire.", "en", "th"),
    # English brand and product names inside a Japanese target
    ("The new iPhone and the Apple Watch go on sale on Friday in Tokyo.",
     "新しいiPhoneとApple Watchは金曜日に東京で発売される。", "en", "ja"),
    # short strings are not MET002's business
    ("Save file", "Save file", "en", "de"),
])
def test_met002_clean(src, tgt, s, t):
    assert run_check("MET002", src, tgt, s, t) == []


def test_met002_options():
    tgt = "Комитет опубликует свой final report on the new water rules next week."
    assert run_check("MET002", EN, tgt, "en", "ru", options={"chrf_minor": 90}) == []
    assert run_check("MET002", EN, tgt, "en", "ru", options={"min_words": 12}) == []


def test_met002_unknown_source_language():
    # Galician (not in wordfreq) into Portuguese: shared words are ordinary Portuguese words
    gl = "O goberno da rexión presentou onte un plan para construír novas escolas na zona rural."
    pt = "O governo da região apresentou ontem um plano para construir novas escolas na zona rural."
    assert run_check("MET002", gl, pt, "gl", "pt") == []
    # ...but a near copy of Galician into English is still found
    f = _one(run_check("MET002", gl, gl.replace("onte", "yesterday"), "gl", "en"))
    assert f.severity.label == "major"


@pytest.mark.parametrize("src,tgt,s,t,sev", [
    ("委员会将于下周发布关于新水务规定的最终报告。", "委员会将于下周发布关于新水务规定的最终报告 (final report).", "zh", "en", "major"),
    ("委员会将于下周发布关于新水务规定的最终报告。", "Комитет 委员会将于下周发布关于新水务规定的报告。", "zh", "ru", "minor"),
    ("委員会は来週、新しい水道規則に関する最終報告書を公表する。", "委員会は来週、新しい水道規則に関する報告書を公表する。", "ja", "es", "major"),
    ("คณะกรรมการจะเผยแพร่รายงานฉบับสุดท้ายในสัปดาห์หน้า", "คณะกรรมการจะเผยแพร่รายงานในสัปดาห์หน้า", "th", "en", "minor"),  # chrF 74: a shortened copy
])
def test_met002_spaceless_sources(src, tgt, s, t, sev):
    f = _one(run_check("MET002", src, tgt, s, t))
    assert f.severity.label == sev and tgt[f.spans[0].start:f.spans[0].end] == tgt.strip()


@pytest.mark.parametrize("src,tgt,s,t", [
    ("委员会将于下周发布关于新水务规定的最终报告。", "The committee will publish its final report on the new water rules next week.", "zh", "en"),
    ("委员会将于下周发布关于新水务规定的最终报告。", "委員会は来週、新しい水道規則に関する最終報告書を公表する。", "zh", "ja"),  # shared Han is legitimate
    ("习近平主席周二在北京会见了来访的法国总统。", "President Xi Jinping (习近平) met the visiting French president in Beijing (北京) on Tuesday.", "zh", "en"),
    ("東京都は新しい条例を可決した。", "東京都 (Tokyo) passed a new ordinance.", "ja", "en"),
    ("委员会将于下周发布关于新水务规定的最终报告。", "委员会将于下周发布关于新水务规定的最终报告。", "zh", "en"),  # exact copy: UNT001's
])
def test_met002_spaceless_sources_clean(src, tgt, s, t):
    assert run_check("MET002", src, tgt, s, t) == []
