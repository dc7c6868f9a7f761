"""Issue 11 numbers: number words compared on both sides, years never rounded, UNI001 with a unit used elsewhere."""
import pytest
from helpers import run_check


def spans(flag, source, target):
    return [(sp.side, (source if sp.side == "source" else target)[sp.start:sp.end]) for sp in flag.spans]


@pytest.mark.parametrize("source,target,sl,tl,t_span,s_span", [
    ("Murieron 214 personas según informaron, tras 48 horas de lluvia.",
     "214 seconds they said died after 48 hours of rain.", "es", "en", "214 seconds", "214"),
    ("Nach 48 Stunden Regen starben 214 laut Behörden.",
     "After 48 hours of rain, 214 seconds according to the authorities died.", "de", "en", "214 seconds", "214"),
    ("下了48小时的雨后，据当局称有214人死亡。",
     "After 48 hours of rain, 214 seconds died, the authorities said.", "zh", "en", "214 seconds", "214"),
])
def test_unit_added_beside_a_used_unit(source, target, sl, tl, t_span, s_span):
    flags = run_check("UNI001", source, target, sl, tl)
    assert [spans(f, source, target) for f in flags] == [[("target", t_span), ("source", s_span)]]


@pytest.mark.parametrize("source,target,sl,tl", [
    ("Věž je vysoká 120 metrů.", "The tower is 120 metres tall.", "cs", "en"),
    ("年满18周岁的公民可以投票。", "Citizens aged 18 years or older can vote.", "zh", "en"),
    ("这台65寸的电视很便宜。", "This 65-inch TV is cheap.", "zh", "en"),
    ("Murieron 214 personas según informaron, tras 48 horas de lluvia.",
     "214 people died, they said, after 48 hours of rain.", "es", "en"),
])
def test_unit_clean(source, target, sl, tl):
    assert run_check("UNI001", source, target, sl, tl) == []


@pytest.mark.parametrize("source,target,sl,tl,t_span,s_span", [
    ("In two Sainsbury's stores.", "En tres establecimientos de Sainsbury's.", "en", "es", "tres", "two"),
    ("He lived there for ten years.", "Vivió allí once años.", "en", "es", "once", "ten"),
    ("Магазин открылся три года назад.", "The shop opened four years ago.", "ru", "en", "four", "три"),
    ("He was born in 1987.", "Nació en 1990.", "en", "es", "1990", "1987"),
    ("It took 3.5 hours.", "Es dauerte zweieinhalb Stunden.", "en", "de", "zweieinhalb", "3.5"),
])
def test_number_changed(source, target, sl, tl, t_span, s_span):
    flags = run_check("NUM003", source, target, sl, tl)
    assert [spans(f, source, target) for f in flags] == [[("target", t_span), ("source", s_span)]]


@pytest.mark.parametrize("source,target,sl,tl", [
    ("预计有300万至500万人受影响。", "Between 3 to 5 million people are expected to be affected.", "zh", "en"),
    ("约三成的居民支持该计划。", "About 30% of residents support the plan.", "zh", "en"),
    ("约有50万人参加。", "About half a million people took part.", "zh", "en"),
    ("Fifty-eight people came.", "Elli sekiz kişi geldi.", "en", "tr"),
    ("In two stores.", "En 2 tiendas.", "en", "es"),
    ("Nach zwei Jahren.", "After two years.", "de", "en"),
    # German halves written as one word (read on WMT21 TED: 2.5 million -> zweieinhalb Millionen)
    ("We have 2.5 million parts.", "Wir haben zweieinhalb Millionen Teile.", "en", "de"),
    ("Es dauerte anderthalb Stunden.", "It took 1.5 hours.", "de", "en"),
    # a fraction of a scale word (read on WMT21 TED: 25万 -> a quarter of a million)
    ("有25万种开花植物。", "There are a quarter of a million species of flowering plants.", "zh", "en"),
    ("Tenemos 250.000 piezas.", "We have a quarter of a million parts.", "es", "en"),
    ("Es kamen 500.000 Menschen.", "Half of a million people came.", "de", "en"),
])
def test_numbers_clean(source, target, sl, tl):
    for code in ("NUM001", "NUM002", "NUM003"):
        assert run_check(code, source, target, sl, tl) == [], code


def test_a_fraction_of_a_scale_word_still_differs_from_another_number():
    flags = run_check("NUM001", "We have 350,000 parts.", "Tenemos un cuarto de millón de piezas.", "en", "es") \
        + run_check("NUM001", "有35万种开花植物。", "There are a quarter of a million species.", "zh", "en")
    assert len(flags) == 2
