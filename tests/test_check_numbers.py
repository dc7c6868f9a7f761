"""NUM001 (missing), NUM002 (added), NUM003 (changed): flagged cases with exact spans, and the
traps of DOMAIN.md's numbers row as clean cases across languages and scripts."""
import pytest
from helpers import run_check

CODES = ("NUM001", "NUM002", "NUM003")


def all_flags(source, target, sl, tl):
    return [f for code in CODES for f in run_check(code, source, target, sl, tl)]


def span_texts(flag, source, target):
    return [(sp.side, (source if sp.side == "source" else target)[sp.start:sp.end]) for sp in flag.spans]


# -- clean: locale formats, native digits, scale words, spelled numbers, dates, names --------------

CLEAN = [
    # decimal comma, scale words (the seed's 21,7 millones)
    ("Se recaudaron 21,7 millones de euros.", "21.7 million euros were raised.", "es", "en"),
    ("Un tramo de 900 kilómetros.", "A 900-kilometer stretch.", "es", "en"),
    ("Der Preis lag bei 1.000,5 Euro.", "The price was 1,000.5 euros.", "de", "en"),
    ("The price was 1,000.5 euros.", "Le prix était de 1\u00a0000,5 euros.", "en", "fr"),
    ("The price was 1,000.5 euros.", "Le prix était de 1\u202f000,5 euros.", "en", "fr"),
    ("The price was 1,000.5 francs.", "Der Preis betrug 1'000.5 Franken.", "en", "de"),
    ("Цена выросла до 1\u00a0000,5 рубля.", "The price rose to 1,000.5 roubles.", "ru", "en"),
    ("Die Quote stieg um 1,5 Punkte.", "The rate rose by 1.5 points.", "de", "en"),
    ("Vinieron 1.000 personas.", "1,000 people came.", "es", "en"),
    ("Sales reached 2 million units.", "Las ventas alcanzaron 2.000.000 de unidades.", "en", "es"),
    ("The fund holds 2 billion dollars.", "Der Fonds hält 2 Milliarden Dollar.", "en", "de"),
    ("It cost 1.5 billion dollars.", "Costó 1.500 millones de dólares.", "en", "es"),
    ("It cost 1.5 billion dollars.", "Costó mil quinientos millones de dólares.", "en", "es"),
    # native digits, Asian scales
    ("في عام ٢٠٢٤ زار ١٬٥٠٠ شخص المتحف.", "In 2024, 1,500 people visited the museum.", "ar", "en"),
    ("در سال ۲۰۲۴، ۱۵ نفر آمدند.", "In 2024, 15 people came.", "fa", "en"),
    ("२०२४ में ५ लाख लोग आए।", "In 2024, 500,000 people came.", "hi", "en"),
    ("The deal was worth £11 million.", "这笔交易价值1100万英镑。", "en", "zh"),
    ("The deal was worth 300 million yen.", "取引額は3億円だった。", "en", "ja"),
    ("He paid $375,000.", "彼は37万5,000ドルを支払った。", "en", "ja"),
    ("２０２４年に始まった。", "It started in 2024.", "ja", "en"),
    # spelled-out numbers on one side
    ("Three people were injured.", "3 personas resultaron heridas.", "en", "es"),
    ("Drei Menschen wurden verletzt.", "3 people were injured.", "de", "en"),
    ("Пострадали три человека.", "3 people were injured.", "ru", "en"),
    ("三个人受伤。", "3 people were injured.", "zh", "en"),
    ("The five-time champion won.", "El campeón, que ha ganado 5 veces, venció.", "en", "es"),
    ("It happened in the 19th century.", "Sucedió en el siglo XIX.", "en", "es"),
    # ordinals, ranges, decades, dates, times
    ("She finished 1st.", "Terminó en 1.er lugar.", "en", "es"),
    ("Il est arrivé 1er.", "He came 1st.", "fr", "en"),
    ("It will take 10-12 days.", "Tardará de 10 a 12 días.", "en", "es"),
    ("It was popular in the 2000s.", "Fue popular en la década de 2000.", "en", "es"),
    ("It was popular in the 1990s.", "Es war in den 90er Jahren beliebt.", "en", "de"),
    ("It was popular in the 2000s.", "Es war in den 2000er Jahren beliebt.", "en", "de"),
    ("Two dozen people came.", "Vinieron 24 personas.", "en", "es"),
    ("It took 1½ hours.", "Tardó 1,5 horas.", "en", "es"),
    ("Add .5 ml of water.", "Añada 0,5 ml de agua.", "en", "es"),
    ("See chapter 4.", "Voir le chapitre IV.", "en", "fr"),
    ("It was signed on 2024-11-05.", "Se firmó el 5 de noviembre de 2024.", "en", "es"),
    ("They are three and a half times as rich.", "Sie sind 3½-mal so reich.", "en", "de"),
    ("Он приехал в 2019 году с 1-й попытки.", "He came in 2019 on the 1st attempt.", "ru", "en"),
    ("第一次会议在2019年举行。", "The first meeting was held in 2019.", "zh", "en"),
    ("The vote is in November 2024.", "La votación es en noviembre de 2024.", "en", "es"),
    ("The vote is in November 2024.", "投票は2024年11月に行われる。", "en", "ja"),
    ("The vote is on 5 November.", "Голосование пройдёт 5 ноября.", "en", "ru"),
    ("The meeting starts at 2:30 p.m.", "Das Treffen beginnt um 14:30 Uhr.", "en", "de"),
    ("The meeting starts at 2 p.m.", "La reunión empieza a las 14:00.", "en", "es"),
    ("The show is on at 11:15.", "Програма виходить об 11.15.", "en", "uk"),
    ("It ended at around 5.30pm.", "Nó kết thúc vào khoảng 17 giờ 30.", "en", "vi"),
    ("It ended at 5:30 p.m.", "午後5時30分に終わった。", "en", "ja"),
    ("The best time is 5.30pm.", "最適な時間は午後5時半だ。", "en", "ja"),
    ("Europe won 16.5 to 10.5.", "Європа перемогла з рахунком 16,5:10,5.", "en", "uk"),
    # names with digits, phone numbers, ids
    ("The G7 met about COVID-19.", "El G7 se reunió sobre la COVID-19.", "en", "es"),
    ("Call 0800 555 111 now.", "Звоните по номеру 0800555111.", "en", "ru"),
    ("Save it as MP3.", "Guárdalo como MP3.", "en", "es"),
    # unit conversions are UNI002's business, not NUM's
    ("He walked 5 miles.", "Caminó 8 km.", "en", "es"),
    ("Waves as high as 20 feet hit the coast.", "Olas de hasta seis metros golpearon la costa.", "en", "es"),
    # rounding, repeated mentions, zero scores, "100 percent sure"
    ("Nearly 1,997 people voted.", "Casi 2.000 personas votaron.", "en", "es"),
    ("The temperature fell to 0 degrees.", "Температура упала до нуля.", "en", "ru"),
    ("She is 100 percent certain.", "Elle en est absolument certaine.", "en", "fr"),
    ("No numbers here.", "Aquí no hay números.", "en", "es"),
    # Slavic teens and hundreds written out (their stems start like the units: девят- / девятнадцат-)
    ("19 people were hurt.", "Девятнадцать человек пострадали.", "en", "ru"),
    ("The bridge is 500 metres long.", "Длина моста пятьсот метров.", "en", "ru"),
    ("19 people were hurt.", "Дев'ятнадцять людей постраждали.", "en", "uk"),
]


@pytest.mark.parametrize("source,target,sl,tl", CLEAN)
def test_clean(source, target, sl, tl):
    assert all_flags(source, target, sl, tl) == []


# -- flagged -----------------------------------------------------------------------------------

@pytest.mark.parametrize("source,target,sl,tl,src_span,tgt_span", [
    ("12 people were injured.", "21 personas resultaron heridas.", "en", "es", "12", "21"),
    ("Prices rose 15% last year.", "Les prix ont augmenté de 50 % l'an dernier.", "en", "fr", "15", "50"),
    ("В 2019 году пострадали 12 человек.", "In 2019, 21 people were injured.", "ru", "en", "12", "21"),
    ("会议有12个代表。", "The meeting had 21 delegates.", "zh", "en", "12", "21"),
    ("أصيب ١٢ شخصا.", "21 people were injured.", "ar", "en", "١٢", "21"),
    ("१२ लोग घायल हुए।", "21 people were injured.", "hi", "en", "१२", "21"),
    ("It cost 2 billion dollars.", "Es kostete 2 Billionen Dollar.", "en", "de", "2 billion", "2 Billionen"),
    ("Se recaudaron 21,7 millones.", "27.1 million were raised.", "es", "en", "21,7 millones", "27.1 million"),
])
def test_changed(source, target, sl, tl, src_span, tgt_span):
    flags = run_check("NUM003", source, target, sl, tl)
    assert [f.code for f in flags] == ["NUM003"]
    assert span_texts(flags[0], source, target) == [("target", tgt_span), ("source", src_span)]
    assert run_check("NUM001", source, target, sl, tl) == []
    assert run_check("NUM002", source, target, sl, tl) == []


@pytest.mark.parametrize("source,target,sl,tl,span", [
    ("He paid 300 dollars in 2019.", "Pagó dólares en 2019.", "en", "es", "300"),
    ("Sie zahlte 4.500 Euro.", "She paid euros.", "de", "en", "4.500"),
    ("Погибли 45 человек.", "Погибли люди.", "ru", "ru", "45"),
    ("会议有45个代表。", "The meeting had delegates.", "zh", "en", "45"),
])
def test_missing(source, target, sl, tl, span):
    flags = run_check("NUM001", source, target, sl, tl)
    assert [f.code for f in flags] == ["NUM001"]
    assert span_texts(flags[0], source, target) == [("source", span)]
    assert str(flags[0].severity.label) == "major"


@pytest.mark.parametrize("source,target,sl,tl,span", [
    ("They arrived yesterday.", "Llegaron 45 personas ayer.", "en", "es", "45"),
    ("Sie kamen gestern.", "They came yesterday with 3,500 people.", "de", "en", "3,500"),
    ("Они приехали вчера.", "他们昨天来了45个人。", "ru", "zh", "45"),
])
def test_added(source, target, sl, tl, span):
    flags = run_check("NUM002", source, target, sl, tl)
    assert [f.code for f in flags] == ["NUM002"]
    assert span_texts(flags[0], source, target) == [("target", span)]


def test_swap_of_two_numbers_flags_both():
    source, target = "Scores were 12 and 34.", "Los resultados fueron 21 y 43."
    flags = run_check("NUM003", source, target, "en", "es")
    assert sorted(span_texts(f, source, target)[0][1] for f in flags) == ["21", "43"]


def test_rounding_goes_one_way():
    # a translator rounds (1,997 -> 2.000); a target more precise than its source is a change
    assert run_check("NUM003", "About 2,000 people came.", "Vinieron unas 1.997 personas.", "en", "es") != []
    assert run_check("NUM003", "Exactly 1,997 people came.", "Vinieron casi 2.000 personas.", "en", "es") == []


def test_wrong_conversion_is_not_explained():
    # 10 inches is 25 cm, not 25 mm: the conversion does not hold, the values are reported
    flags = run_check("NUM003", "Up to 10 inches of rain.", "Hasta 25 mm de lluvia.", "en", "es")
    assert [f.code for f in flags] == ["NUM003"]


def test_missing_year_is_minor():
    source, target = "The law was passed in 2019 by parliament.", "El parlamento aprobó la ley."
    flags = run_check("NUM001", source, target, "en", "es")
    assert [f.severity.label for f in flags] == ["minor"]


# -- issue 3: false alarms on human translations, each with a real error nearby still flagged -----

ISSUE3_CLEAN = [
    # "in the 80s" (Fahrenheit) rendered as a converted Celsius figure
    ("Highs in the low 80s are forecast for Tuesday.", "Para el martes se prevén máximas de 28 ºC.", "en", "es"),
    ("Highs in the low 80s are forecast for Tuesday.", "Во вторник ожидается до 28 градусов тепла.", "en", "ru"),
    # 24 hours = one day (сутки, 一天)
    ("The water level fell by a metre within 24 hours.", "Уровень воды упал на метр за сутки.", "en", "ru"),
    ("The water level fell by a metre within 24 hours.", "水位在一天之内下降了一米。", "en", "zh"),
    # Arabic spelled-out ordinals, teens included
    ("The bridge was built in the 19th century.", "بني الجسر في القرن التاسع عشر.", "en", "ar"),
    ("It was her 3rd visit to the city.", "كانت هذه زيارتها الثالثة للمدينة.", "en", "ar"),
    # fractions and ordinals spelled in English, digits with counters in Korean
    ("Two-thirds of the members voted for the plan.", "회원의 3분의 2가 그 계획에 찬성했다.", "en", "ko"),
    ("Half of the members voted for the plan.", "회원의 2분의 1이 그 계획에 찬성했다.", "en", "ko"),
    ("Her team came first in the national league.", "그녀의 팀은 전국 리그에서 1위를 했다.", "en", "ko"),
    ("My brother is a sophomore in college.", "내 동생은 대학교 2학년이다.", "en", "ko"),
]


@pytest.mark.parametrize("source,target,sl,tl", ISSUE3_CLEAN)
def test_issue3_clean(source, target, sl, tl):
    assert all_flags(source, target, sl, tl) == []


ISSUE3_ERRORS = [
    # the idiom explains only a plausible temperature: 45 °C is not "the 80s" Fahrenheit
    ("Highs in the low 80s are forecast for Tuesday.", "Para el martes se prevén máximas de 45 ºC.", "en", "es",
     "45", "80s"),
    ("Within 24 hours, 300 people left the town.", "За сутки город покинули 30 человек.", "en", "ru", "30", "300"),
    ("The bridge was built in the 19th century and repaired in 1850.",
     "بني الجسر في القرن التاسع عشر ورمم عام 1805.", "en", "ar", "1805", "1850"),
    ("Two-thirds of the 600 members voted for the plan.", "회원 500명의 3분의 2가 그 계획에 찬성했다.", "en", "ko",
     "500", "600"),
    ("The water level fell by 3 metres within 24 hours.", "水位在一天之内下降了5米。", "en", "zh", "5", "3"),
]


@pytest.mark.parametrize("source,target,sl,tl,tgt_text,src_text", ISSUE3_ERRORS)
def test_issue3_real_error_still_flagged(source, target, sl, tl, tgt_text, src_text):
    flags = all_flags(source, target, sl, tl)
    assert [f.code for f in flags] == ["NUM003"]
    assert span_texts(flags[0], source, target) == [("target", tgt_text), ("source", src_text)]


def test_slavic_teen_is_not_its_unit():
    # "девятнадцать" (19) must not satisfy a source 9, nor "пятьсот" (500) a source 5
    assert [f.code for f in all_flags("9 people were hurt.", "Девятнадцать человек пострадали.", "en", "ru")] == ["NUM003"]
    assert [f.code for f in all_flags("It is 5 metres long.", "Длина пятьсот метров.", "en", "ru")] == ["NUM001"]


NUM_CODES = ("NUM001", "NUM002", "NUM003")


def _num_flags(src, tgt, sl, tl):
    return [(c, f) for c in NUM_CODES for f in run_check(c, src, tgt, sl, tl)]


@pytest.mark.parametrize("src,tgt,sl,tl,text", [
    # a converted figure that is no rounding of the exact conversion is a changed number
    ("Rosa was located 385 miles southwest of Punta Eugenia.",
     "Rosa befand sich 627 Kilometer südwestlich von Punta Eugenia.", "en", "de", "385"),  # 619.6 km
    ("within 200 miles of Phoenix", "в радиусе 328 км от Финикса", "en", "ru", "200"),  # 321.9 km
    ("在距离凤凰城320公里范围内", "within 203 miles of Phoenix", "zh", "en", "320"),  # 198.8 miles
    # a Roman century after its word, against a century of another value
    ("Es una prueba de la opinión del siglo XIX.", "It is evidence of 69th century opinion.", "es", "en", "69th"),
    ("É um testemunho da opinião do século XIX.", "It is evidence of 89th century opinion.", "pt", "en", "89th"),
    ("Es una prueba de la opinión del siglo XIX.", "Это свидетельство мнения 16-го века.", "es", "ru", "16-го"),
    # minutes and digit groups written with a leading zero are no small counts: major
    ("The boy was found at about 04:00 BST.", "El adolescente fue encontrado hacia las 4:08.", "en", "es", "08"),
    ("L’adolescent a été retrouvé vers 4h du matin.", "The boy was found at about 04:06 BST.", "fr", "en", "06"),
    ("Police blocked a 25,000-strong crowd.", "Поліція не дозволила 25 005 людям зібратися.", "en", "uk", "005"),
])
def test_issue11_number_changes_major(src, tgt, sl, tl, text):
    flags = [f for _, f in _num_flags(src, tgt, sl, tl) if f.severity.label == "major"]
    assert flags, "expected a major NUM flag"
    shown = {(src if sp.side == "source" else tgt)[sp.start:sp.end] for f in flags for sp in f.spans}
    assert text in shown


@pytest.mark.parametrize("src,tgt,sl,tl", [
    # conversions rounded to the figure's own step, or within 1%, stay quiet
    ("Rosa was located 385 miles southwest of Punta Eugenia.",
     "Rosa befand sich 620 Kilometer südwestlich von Punta Eugenia.", "en", "de"),
    ("Rosa was located 385 miles southwest of Punta Eugenia.",
     "Rosa se encontraba a 616 kilómetros al suroeste de Punta Eugenia.", "en", "es"),  # 1 mile = 1.6 km
    ("Rosa had winds of 85 mph.", "Rosa hatte Windgeschwindigkeiten von 135 km/h.", "en", "de"),
    ("within 200 miles of Phoenix", "в радиусе 320 км от Финикса", "en", "ru"),
    ("within 200 miles of Phoenix", "dans un rayon de 300 km autour de Phoenix", "en", "fr"),
    ("在距离凤凰城320公里范围内", "within 200 miles of Phoenix", "zh", "en"),
    ("New York City could reach 80 degrees on Tuesday.", "En Nueva York podrían alcanzarse 26 grados.", "en", "es"),
    # rough conversions, more than 3% off: compound measures and rule-of-thumb factors
    ("The 6-foot-6 forward grew up in Baton Rouge.", "Este avançado, com 1,98 m de altura, cresceu em Baton Rouge.",
     "en", "pt"),
    ("The 550 pound hog had mauled the farmer.", "Свинья весом 227 килограммов напала на фермера.", "en", "ru"),
    # the same Roman century, and the same time
    ("Es una prueba de la opinión del siglo XIX.", "It is evidence of 19th century opinion.", "es", "en"),
    ("L’adolescent a été retrouvé vers 4h du matin.", "The boy was found at about 04:00 BST.", "fr", "en"),
])
def test_issue11_number_traps_quiet(src, tgt, sl, tl):
    assert [f for _, f in _num_flags(src, tgt, sl, tl) if f.severity.label != "minor"] == []


@pytest.mark.parametrize("src,tgt,sl,tl", [
    # a Fahrenheit decade rendered as a Celsius range: both ends go with it
    ("Much of the U.S. is expected to see a warm start to October with widespread 80s.",
     "Espera-se um início quente de outubro, com temperaturas entre os 27 e os 30 graus.", "en", "pt"),
    ("Much of the U.S. is expected to see a warm start to October with widespread 80s.",
     "Se esperan temperaturas de entre los 27 y los 31 grados.", "en", "es"),
    ("Much of the U.S. is expected to see a warm start to October with widespread 80s.",
     "Ожидается теплая погода, температура от 26 до 32 градусов.", "en", "ru"),
])
def test_fahrenheit_decade_as_celsius_range_quiet(src, tgt, sl, tl):
    assert _num_flags(src, tgt, sl, tl) == []


@pytest.mark.parametrize("src,tgt,sl,tl,text", [
    ("Much of the U.S. is expected to see a warm start to October with widespread 80s.",
     "Espera-se um início quente de outubro, com temperaturas entre os 27 e os 50 graus.", "en", "pt", "50"),
    ("Much of the U.S. is expected to see a warm start to October with widespread 80s.",
     "Ожидается теплая погода, температура от 26 до 52 градусов.", "en", "ru", "52"),
    ("Locally, 1 to 4 inches of rain will cause flooding.",
     "Localement, entre 2,5 et 30 cm de pluie provoqueront des crues.", "en", "fr", "30"),
])
def test_temperature_or_measure_outside_the_conversion_major(src, tgt, sl, tl, text):
    flags = [f for _, f in _num_flags(src, tgt, sl, tl) if f.severity.label == "major"]
    assert text in {(src if sp.side == "source" else tgt)[sp.start:sp.end] for f in flags for sp in f.spans}


@pytest.mark.parametrize("src,tgt,sl,tl,text", [
    # an English quantity in words (a mile, half an inch) is converted and compared
    ("Rainfall totals of over half an inch are possible.", "São possíveis precipitações de mais de 42 mm.",
     "en", "pt", "42"),
    ("Rainfall totals of over half an inch are possible.", "Возможно выпадение до 8,5 см осадков.", "en", "ru", "8,5"),
    ("The crash was about a mile away from Saturday's crash.", "事故发生在约5.6公里外。", "en", "zh", "5.6"),
    # a rounding to as many decimals before a scale word is a change; an explicit Celsius figure is no Fahrenheit decade
    ("Пятничные дебаты смотрело более 20,4 млн зрителей.", "More than 20.0 million people watched it.",
     "ru", "en", "20.0 million"),
    ("Much of the U.S. will see a warm start to October with widespread 80s.",
     "Si prevede un caldo inizio di ottobre, con 86 ºC dalle Southern Plains.", "en", "it", "86"),
])
def test_worded_quantities_and_decimals_major(src, tgt, sl, tl, text):
    flags = [f for _, f in _num_flags(src, tgt, sl, tl) if f.severity.label == "major"]
    assert text in {(src if sp.side == "source" else tgt)[sp.start:sp.end] for f in flags for sp in f.spans}


@pytest.mark.parametrize("src,tgt,sl,tl", [
    ("Rainfall totals of over half an inch are possible.", "São possíveis precipitações de mais de 12 mm.", "en", "pt"),
    ("Rainfall totals of over half an inch are possible.", "Возможно выпадение до 1,3 см осадков.", "en", "ru"),
    ("The crash was about a mile away from Saturday's crash.", "事故发生在约1.6公里外。", "en", "zh"),
    ("The crash was about a mile away from Saturday's crash.", "Der Unfall war etwa 1,6 Kilometer entfernt.", "en", "de"),
    ("Пятничные дебаты смотрело более 20,4 млн зрителей.", "More than 20 million people watched it.", "ru", "en"),
    ("Much of the U.S. will see a warm start to October with widespread 80s.",
     "Si prevede un caldo inizio di ottobre, con 27 ºC dalle Southern Plains.", "en", "it"),
])
def test_worded_quantities_and_decimals_quiet(src, tgt, sl, tl):
    assert [f for _, f in _num_flags(src, tgt, sl, tl) if f.severity.label != "minor"] == []


@pytest.mark.parametrize("src,tgt,sl,tl,text", [
    # English "both" / "pair" count two: a number word of the other side with no other counterpart changed it
    ("The pair's business had been likened to Goop.", "L’activité des trois protagonistes a été comparée à Goop.",
     "en", "fr", "trois"),
    ("He said politicians on both sides stoked it.", "Ha detto che i politici delle tre fazioni lo hanno alimentato.",
     "en", "it", "tre"),
    ("Ha detto che i politici delle tre fazioni lo hanno alimentato.", "He said politicians on both sides stoked it.",
     "it", "en", "both"),
    # the other side writes fewer twos: one two is kept (due anni), the pair became three
    ("It bought both chains two years ago.", "Ha acquistato le tre catene circa due anni fa.", "en", "it", "tre"),
])
def test_dual_word_changed(src, tgt, sl, tl, text):
    flags = run_check("NUM003", src, tgt, sl, tl)
    assert [f.severity.label for f in flags] == ["major"]
    assert text in {(src if sp.side == "source" else tgt)[sp.start:sp.end] for sp in flags[0].spans}


@pytest.mark.parametrize("src,tgt,sl,tl", [
    ("The pair's business had been likened to Goop.", "L’activité des deux protagonistes a été comparée à Goop.", "en", "fr"),
    ("He said politicians on both sides stoked it.", "Ha detto che i politici di entrambe le fazioni lo hanno alimentato.",
     "en", "it"),
    ("Both France and Germany agreed, with three votes against.", "Francia y Alemania aceptaron, con tres votos en contra.",
     "en", "es"),
    ("Both leaders met.", "两位领导人会面了。", "en", "zh"),
    ("It bought both chains two years ago.", "Ha acquistato entrambe le catene circa due anni fa.", "en", "it"),
    ("Politicians on both sides, two of them ministers, spoke.",
     "Politici di entrambe le parti, due dei quali ministri, hanno parlato.", "en", "it"),
])
def test_dual_word_quiet(src, tgt, sl, tl):
    assert _num_flags(src, tgt, sl, tl) == []
