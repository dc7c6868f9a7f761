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
    ("See the site.", "Consulte el sitio. www.example.com tiene todo.", "en", "es"),
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


# --- SEN002: stray capital mid-sentence ----------------------------------------------------

@pytest.mark.parametrize("source,target,sl,tl,expected", [
    ("Es clave para la Franja y la Ruta. Desde Pekín hasta Pakistán, el puerto es un objetivo.",
     "It is key to the Belt and Road From Beijing to Pakistan, the port is a target.", "es", "en", ["From"]),
    ("He went to the market with his sister.", "Fue al mercado Con su hermana.", "en", "es", ["Con"]),
    ("He went to the market with his sister.", "Он пошёл на рынок Вместе с сестрой, Для покупок.", "en", "ru", ["Для"]),
    ("He went to the market with his sister.", "Il est allé au marché Avec sa sœur.", "en", "fr", ["Avec"]),
])
def test_stray_capital_flagged(source, target, sl, tl, expected):
    flags = run_check("SEN002", source, target, sl, tl)
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
    ("Paintings by Van Gogh.", "Schilderijen van Van Gogh en de zonnebloemen.", "en", "nl"),
    ("A film by Von Trier.", "Ein Film von Von Trier über das Meer.", "en", "de"),
    ("The army freed 300 people.", "军队解救了300人。", "en", "zh"),
    ("The army freed 300 people.", "حرر الجيش 300 شخص.", "en", "ar"),
    ("The army freed 300 people.", "Армия освободила 300 человек в Москве.", "en", "ru"),
    ("Call the FBI now.", "Llame Al FBI ahora.", "en", "es"),  # before an acronym
])
def test_stray_capital_clean(source, target, sl, tl):
    assert run_check("SEN002", source, target, sl, tl) == []


# --- SEN001 on catalogs: abbreviations of UI strings, Georgian (issue 12) --------------------

@pytest.mark.parametrize("source,target,sl,tl", [
    ("Please correct the error below.", "Korrigeer asb. die fout hier onder.", "en", "af"),
    ("Email address", "El. pašto adresas", "en", "lt"),
    ("Enter a valid email address.", "Εισάγετε μια έγκυρη διεύθυνση ηλ. ταχυδρομείου.", "en", "el"),
    ("Mexican Spanish", "Мекс. исп", "en", "ky"),
    ("String (up to %(max_length)s)", "Стринг са макс. дужином %(max_length)s", "en", "sr"),
    ("There's been an error. It's been reported via email.",
     "Netikėta klaida. Apie ją buvo pranešta el. paštu.", "en", "lt"),
    ("Compare the values.", "Vergleichen Sie die Werte, vgl. unten.", "en", "de"),
    ("The price includes all taxes. Pay now.", "Der Preis einschl. aller Steuern. Jetzt zahlen.", "en", "de"),  # ICU
    ("No file was submitted. Check the encoding type on the form.",
     "ფაილი არ იყო გამოგზავნილი. შეამოწმეთ კოდირების ტიპი.", "en", "ka"),
])
def test_catalog_abbreviations_clean(source, target, sl, tl):
    assert run_check("SEN001", source, target, sl, tl) == []


@pytest.mark.parametrize("source,target,sl,tl,expected", [
    # a sentence end of the source lost its capital: flagged even after a short word
    ("CSRF verification failed. Request aborted.", "Dh’fhàillig le dearbhadh CSRF. chaidh sgur dhen iarrtas.",
     "en", "gd", ["CSRF. chaidh"]),
    ("The link was invalid.  Please request a new one.", "Kiungo ni batili, kimetumika. tafadhali omba upya.",
     "en", "sw", ["kimetumika. tafadhali"]),
    ("It is done. Go home.", "Это всё. иди домой.", "en", "ru", ["всё. иди"]),
    # a stray dot after a long word, no sentence end in the source
    ("Ensure this value is less than or equal to %(limit_value)s.",
     "Ova vrednost mora da bude manja od vrednosti. ili tačno toliko.", "en", "sr-Latn", ["vrednosti. ili"]),
])
def test_catalog_breaks_still_flagged(source, target, sl, tl, expected):
    assert sen(source, target, sl, tl) == expected


@pytest.mark.parametrize("source,target,sl,tl", [
    ("Status of line #%(line_id)d changed", "%(line_id)d. lerroaren egoera aldatu da", "en", "eu"),
    ("Line %(n)d was changed", "Die %(n)d. zeile wurde geändert", "en", "de"),
    ("Unit price (excl. tax)", "Enhedspris (ekskl. moms)", "en", "da"),
    ("Цена (без учёта т. н. налога)", "Price (excl. so-called tax)", "ru", "en"),
    ("Цена (без т. н. налога) указана", "价格（不含 approx. so-called 税）", "ru", "zh"),
])
def test_ordinal_placeholders_and_mirrored_abbreviations_are_no_break(source, target, sl, tl):
    assert sen(source, target, sl, tl) == []


def test_a_long_word_before_the_dot_is_still_a_break_beside_a_mirrored_abbreviation():
    source = "The ship (approx. two hundred metres) docked on Friday morning, delayed by the storm."
    target = "Das Schiff (ca. zweihundert Meter) legte am Freitagmorgen. verspätet durch den Sturm."
    assert sen(source, target, "en", "de") == ["Freitagmorgen. verspätet"]
