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
])
def test_initial_lowercase_clean(source, target, sl, tl):
    assert run_check("CAS001", source, target, sl, tl) == []


def test_initial_lowercase_continuation_of_previous_segment():
    prev = neighbour("The bells rang,", "Las campanas sonaron,")
    assert run_check("CAS001", "While the city slept.", "mientras la ciudad dormía.", "en", "es", prev=prev) == []
    prev2 = neighbour("The bells rang.", "Las campanas sonaron.")
    assert flagged("CAS001", "While the city slept.", "mientras la ciudad dormía.", "en", "es", prev=prev2) == ["mientras"]


# --- CAS002: stray capital mid-sentence ----------------------------------------------------

@pytest.mark.parametrize("source,target,sl,tl,expected", [
    ("Es clave para la Franja y la Ruta. Desde Pekín hasta Pakistán, el puerto es un objetivo.",
     "It is key to the Belt and Road From Beijing to Pakistan, the port is a target.", "es", "en", ["From"]),
    ("He went to the market with his sister.", "Fue al mercado Con su hermana.", "en", "es", ["Con"]),
    ("He went to the market with his sister.", "Он пошёл на рынок Вместе с сестрой, Для покупок.", "en", "ru", ["Для"]),
    ("He went to the market with his sister.", "Il est allé au marché Avec sa sœur.", "en", "fr", ["Avec"]),
])
def test_stray_capital_flagged(source, target, sl, tl, expected):
    flags = run_check("CAS002", source, target, sl, tl)
    assert [target[s:e] for s, e in spans(flags)] == expected
    assert all(f.severity.label == "minor" for f in flags)


@pytest.mark.parametrize("source,target,sl,tl", [
    ("Fue a La Haya y a Los Ángeles.", "He went to The Hague and to Los Angeles.", "es", "en"),
    ("Lo publicó Le Monde.", "It was published by Le Monde and Die Zeit.", "fr", "en"),
    ("Dijo: «Con calma».", "He said: With calm, we win.", "es", "en"),
    ("Dijo que sí.", 'He said "With Love" was his song.', "es", "en"),
    ("Er sprach mit Ihnen über Politik und Wirtschaft.", "He spoke with you about politics and economy.", "de", "en"),
    ("He spoke about politics.", "Er sprach mit Ihnen über die Politik und Wirtschaft der Stadt.", "en", "de"),
    ("Vio Gone With the Wind ayer.", "He watched Gone With the Wind yesterday.", "en", "en"),
    ("Gone With the Wind", "Lo Que El Viento Se Llevó", "en", "es"),  # a title in Title Case
    ("The Sun, The Moon And The Stars: A Guide", "Le Soleil, La Lune Et Les Étoiles : Un Guide", "en", "fr"),
    ("He met Óscar De la Hoya.", "Conoció a Óscar De la Hoya en Las Vegas.", "en", "es"),
    ("The army freed 300 people.", "军队解救了300人。", "en", "zh"),
    ("The army freed 300 people.", "حرر الجيش 300 شخص.", "en", "ar"),
    ("The army freed 300 people.", "Армия освободила 300 человек в Москве.", "en", "ru"),
    ("Call the FBI now.", "Llame Al FBI ahora.", "en", "es"),  # before an acronym
])
def test_stray_capital_clean(source, target, sl, tl):
    assert run_check("CAS002", source, target, sl, tl) == []
