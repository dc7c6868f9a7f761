import pytest
from helpers import neighbour, run_check, spans


def flagged(code, source, target, sl, tl, prev=None):
    flags = run_check(code, source, target, sl, tl, prev=prev)
    return [target[s:e] for s, e in spans(flags)]


# --- CAS001: initial lower case ---------------------------------------------------------

@pytest.mark.parametrize("source,target,sl,tl,expected", [
    ("El tren llegó tarde.", "the train arrived late.", "es", "en", ["the"]),
    ("The train arrived late.", "«el tren llegó tarde».", "en", "es", ["el"]),
    ("The train arrived late.", "поезд опоздал.", "en", "ru", ["поезд"]),
    ("Der Zug kam zu spät.", "le train est arrivé en retard.", "de", "fr", ["le"]),
    ("火车晚点了。", "the train was late.", "zh", "en", ["the"]),
])
def test_initial_lowercase_flagged(source, target, sl, tl, expected):
    flags = run_check("CAS001", source, target, sl, tl)
    assert [target[s:e] for s, e in spans(flags)] == expected
    assert [f.severity.label for f in flags] == ["minor"]
    src_sp = spans(flags, "source")[0]
    assert source[src_sp[0]:src_sp[1]] == {"es": "El", "en": "The", "de": "Der", "zh": "火车晚点了"}[sl]


@pytest.mark.parametrize("source,target,sl,tl", [
    ("The train arrived late.", "El tren llegó tarde.", "en", "es"),
    ("3 trains arrived late.", "3 trenes llegaron tarde.", "en", "es"),
    ("Three trains arrived late.", "3 поезда опоздали.", "en", "ru"),
    ("... and the train arrived.", "... y llegó el tren.", "en", "es"),
    ("and the train arrived.", "y llegó el tren.", "en", "es"),
    ("The iPhone sold well.", "iPhone se vendió bien.", "en", "es"),
    ("The general spoke.", "de Gaulle parla.", "en", "fr"),
    ("E-mail me.", "e-mail me.", "de", "en"),
    ("The train arrived late.", "火车晚点了。", "en", "zh"),
    ("The train arrived late.", "وصل القطار متأخرا.", "en", "ar"),
    ("The train arrived late.", "ट्रेन देर से पहुँची।", "en", "hi"),
    ("Weather.com reports rain.", "weather.com informa de lluvia.", "en", "es"),
    ("Iran said so.", "bogey ושני כפולים", "en", "he"),
    ("火车", "the train", "zh", "en"),  # caseless source that is not a sentence: a fragment
    ("Settings saved.", "è®¾ç½®å·²ä¿å­˜ã€‚", "en", "zh"),  # mojibake is ENC's business
])
def test_initial_lowercase_clean(source, target, sl, tl):
    assert run_check("CAS001", source, target, sl, tl) == []


def test_initial_lowercase_continuation_of_previous_segment():
    prev = neighbour("The bells rang,", "Las campanas sonaron,")
    assert run_check("CAS001", "While the city slept.", "mientras la ciudad dormía.", "en", "es", prev=prev) == []
    prev2 = neighbour("The bells rang.", "Las campanas sonaron.")
    assert flagged("CAS001", "While the city slept.", "mientras la ciudad dormía.", "en", "es", prev=prev2) == ["mientras"]


# --- CAS002: capitals lost -----------------------------------------------------------------

@pytest.mark.parametrize("source,target,sl,tl,src_run", [
    ("Warning: DO NOT OPEN THIS DOOR during the flight.", "Aviso: no abra esta puerta durante el vuelo.",
     "en", "es", "DO NOT OPEN THIS DOOR"),
    ("He wrote: THANK YOU ALL FOR COMING.", "Il a écrit : merci à tous d'être venus.", "en", "fr",
     "THANK YOU ALL FOR COMING"),
    ("Надпись гласила: НЕ ВХОДИТЬ БЕЗ ПРОПУСКА.", "The sign said: do not enter without a pass.", "ru", "en",
     "НЕ ВХОДИТЬ БЕЗ ПРОПУСКА"),
])
def test_capitals_lost_flagged(source, target, sl, tl, src_run):
    flags = run_check("CAS002", source, target, sl, tl)
    assert [source[s:e] for s, e in spans(flags, "source")] == [src_run]
    assert spans(flags, "target") == [(0, len(target))]
    assert flags[0].severity.label == "minor"


@pytest.mark.parametrize("source,target,sl,tl", [
    ("Warning: DO NOT OPEN THIS DOOR.", "Aviso: NO ABRA ESTA PUERTA.", "en", "es"),
    ("The FBI and the CIA met NATO.", "El FBI y la CIA se reunieron con la OTAN.", "en", "es"),  # acronyms
    ("DO NOT OPEN THIS DOOR", "请勿打开此门", "en", "zh"),
    ("DO NOT OPEN THIS DOOR", "لا تفتح هذا الباب", "en", "ar"),
    ("DO NOT OPEN THIS DOOR", "इस दरवाज़े को न खोलें", "en", "hi"),
    ("He said no.", "Dijo que no.", "en", "es"),
])
def test_capitals_lost_clean(source, target, sl, tl):
    assert run_check("CAS002", source, target, sl, tl) == []
