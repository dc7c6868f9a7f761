import pytest
from helpers import neighbour, run_check, spans


def sen(source, target, sl, tl):
    flags = run_check("SEN001", source, target, sl, tl)
    return [target[s:e] for s, e in spans(flags)]


@pytest.mark.parametrize("source,target,sl,tl,expected", [
    ("La policía detuvo el jueves a 12 sospechosos, buscados desde el lunes por el robo.",
     "The police arrested 12 suspects on Thursday. wanted since Monday for the robbery.", "es", "en",
     ["Thursday. wanted"]),
    ("The ship docked on Friday, delayed since Monday by the storm.",
     "El barco atracó el viernes. retrasado desde el lunes por la tormenta.", "en", "es",
     ["viernes. retrasado"]),
    ("The ship docked on Friday, delayed by the storm.",
     "Судно пришвартовалось в пятницу. задержанное штормом.", "en", "ru", ["пятницу. задержанное"]),
    ("The ship docked on Friday, delayed by the storm.",
     "Le navire a accosté vendredi. « retardé par la tempête ».", "en", "fr", ["vendredi. « retardé"]),
    ("船周五靠岸，因风暴延误。", "The ship docked on Friday. delayed by the storm.", "zh", "en",
     ["Friday. delayed"]),
])
def test_broken_sentence_flagged(source, target, sl, tl, expected):
    assert sen(source, target, sl, tl) == expected
    assert all(f.severity.label == "major" for f in run_check("SEN001", source, target, sl, tl))


@pytest.mark.parametrize("source,target,sl,tl", [
    ("Lo dijo S. Rajaratnam.", "It was said by S. Rajaratnam, e.g. the U.S. envoy, approx. five times.", "es", "en"),
    ("Ver pág. 12.", "See p. 12 and pp. 14-15, etc. and so on, at 3 p.m. on Monday.", "es", "en"),
    ("Er kam z. B. am 3. Mai.", "Il est venu p. ex. le 3 mai, env. dix fois, cf. le texte.", "de", "fr"),
    ("Llegó a EE. UU. en mayo.", "He came to the U.S. in May... and then... nothing.", "es", "en"),
    ("He came... and left.", "Llegó… y se fue. iPhone y eBay lo vendieron.", "en", "es"),
    ("The French leader.", "Le dirigeant français. de Gaulle parla.", "en", "fr"),
    ("He said: 'It is over.' then left.", "Dijo: «Se acabó.» luego se fue.", "en", "es"),
    ("¿Qué? dijo él.", "What? he said. Really! she replied.", "es", "en"),
    ("2020 г. в Москве было 3 тыс. человек.", "In 2020 there were 3,000 people in Moscow.", "ru", "en"),
    ("In 2020, 3,000 people came.", "В 2020 г. в Москве было 3 тыс. человек и 5 млн. руб.", "en", "ru"),
    ("In the 19th century.", "19. yüzyılda oldu.", "en", "tr"),
    ("The agency for disasters.", "Rzecznik agencji ds. klęsk żywiołowych.", "en", "pl"),
    ("The ship docked.", "船已靠岸。它被延误了。", "en", "zh"),
    ("The ship docked.", "رست السفينة. وتأخرت.", "en", "ar"),
    ("The ship docked.", "जहाज़ पहुँचा। देर हो गई।", "en", "hi"),
    # the source has the same pattern: not the translation's fault
    ("It ended on Friday. delayed by rain.", "Terminó el viernes. retrasado por la lluvia.", "en", "es"),
])
def test_broken_sentence_clean(source, target, sl, tl):
    assert run_check("SEN001", source, target, sl, tl) == []
