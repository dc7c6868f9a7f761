"""UNI001 (unit changes meaning) and UNI002 (deliberate conversion): flagged and clean cases with
exact spans, in several languages and scripts."""
import pytest
from helpers import run_check


def span_texts(flag, source, target):
    return [(sp.side, (source if sp.side == "source" else target)[sp.start:sp.end]) for sp in flag.spans]


@pytest.mark.parametrize("source,target,sl,tl,tgt_span,src_span", [
    # the seed's model case: a number read as a unit ("según" -> "seconds")
    ("Murieron 214 según dijeron las autoridades.", "214 seconds they said the authorities died.",
     "es", "en", "214 seconds", "214"),
    ("The truck carried 5 km of cable.", "El camión llevaba 5 kg de cable.", "en", "es", "5 kg", "5 km"),
    ("Die Strecke ist 20 Meilen lang.", "The route is 20 km long.", "de", "en", "20 km", "20 Meilen"),
    ("The break lasted 10 minutes.", "La pausa duró 10 segundos.", "en", "es", "10 segundos", "10 minutes"),
    ("Дорога длиной 5 км.", "A road 5 kg long.", "ru", "en", "5 kg", "5 км"),
    ("道路长5公里。", "The road is 5 miles long.", "zh", "en", "5 miles", "5公里"),
    ("يبلغ طول الطريق 5 كيلومترات.", "The road is 5 kg long.", "ar", "en", "5 kg", "5 كيلومترات"),
    ("It costs $5.", "Cuesta 5 €.", "en", "es", "5 €", "$5"),
    ("The trip took 3 hours.", "旅は3分間かかった。", "en", "ja", "3分間", "3 hours"),
    ("Rain: up to 10 inches.", "أمطار تصل إلى 10 كيلومترات.", "en", "ar", "10 كيلومترات", "10 inches"),
    # units read in scripts without spaces and with Arabic endings, so a real change still shows
    ("ลมแรง 85 ไมล์ต่อชั่วโมง", "Winds of 85 kg.", "th", "en", "85 kg", "85 ไมล์"),
    ("มีผู้เข้าร่วม 200 คนในงาน", "Within 200 miles of the event.", "th", "en", "200 miles", "200"),
    ("تصل الرياح إلى 85 ميلاً.", "Winds reach 85 kg.", "ar", "en", "85 kg", "85 ميلاً"),
    ("部品は37分ごとに届く。", "Parts arrive every 37 kilometres.", "ja", "en", "37 kilometres", "37分"),
])
def test_unit_mismatch(source, target, sl, tl, tgt_span, src_span):
    flags = run_check("UNI001", source, target, sl, tl)
    assert [f.code for f in flags] == ["UNI001"]
    assert span_texts(flags[0], source, target) == [("target", tgt_span), ("source", src_span)]
    assert flags[0].severity.label == "major"


@pytest.mark.parametrize("source,target,sl,tl", [
    ("Un tramo de 900 kilómetros.", "A 900-kilometer stretch.", "es", "en"),
    ("He left a £11million deal.", "Abandonó un acuerdo de 11 millones de libras.", "en", "es"),
    ("The deal was worth £11 million.", "这笔交易价值1100万英镑。", "en", "zh"),
    ("Дорога длиной 5 км.", "The road is 5 km long.", "ru", "en"),
    ("道路长5公里。", "The road is 5 km long.", "zh", "en"),
    ("सड़क 5 किलोमीटर लंबी है।", "The road is 5 km long.", "hi", "en"),
    ("It reached 30 degrees.", "Es wurden 30 °C erreicht.", "en", "de"),
    ("Prices rose 5%.", "Los precios subieron un 5 por ciento.", "en", "es"),
    ("The trip took 3 hours and covered 5 km.", "旅は3時間かかり、5キロメートルを移動した。", "en", "ja"),
    ("The trip covered 5 km.", "여행은 5킬로미터를 이동했다.", "en", "ko"),
    ("It costs ¥500.", "售价500元。", "en", "zh"),
    ("Rosa will bring up to 10 inches of rain.", "سيجلب الإعصار أمطارا بارتفاع 10 بوصات.", "en", "ar"),
    ("It weighs 550 pounds.", "Pesa 550 libras.", "en", "es"),
    # units made explicit in the target are not errors: ages, hours of the day, minutes after a comma
    ("He is 30.", "Tiene 30 años.", "en", "es"),
    ("It will be less than 48,\" he said.", "Serán menos de 48 minutos\", dijo.", "en", "es"),
    ("The match is at 4 on Saturday.", "Матч пройдёт в 4 часа в субботу.", "en", "ru"),
    # a number followed by a day word that names a weekday, or a date construction
    ("They won 2-0 on Saturday.", "فازوا 2-0 يوم السبت.", "en", "ar"),
    ("It happened on 30 September.", "Nó xảy ra vào ngày 30 tháng 9.", "en", "vi"),
    # the same value twice with two units: the matching pairs agreeing units
    ("5 people walked 5 km.", "5 km recorrieron 5 personas.", "en", "es"),
    # approximate conversions and conversions kept beside the original
    ("He was 30 yards out.", "Estaba a 30 metros.", "en", "es"),
    # the source's unit in Thai (no spaces), with Arabic tanween, Persian -i, Japanese 分
    ("ห่างจากโกล 30 หลา ในขณะที่", "He was 30 yards out.", "th", "en"),
    ("ลมแรง 85 ไมล์ต่อชั่วโมงและอยู่ห่าง 385 ไมล์ทางตะวันตก", "Winds of 85 mph, 385 miles west.", "th", "en"),
    ("ฝนตก 1 ถึง 4 นิ้วต่อชั่วโมง", "Rain of 1 to 4 inches per hour.", "th", "en"),
    ("رياح بسرعة 85 ميلاً في الساعة", "Winds of 85 mph.", "ar", "en"),
    ("در فاصله 30 متری از دروازه", "From 30 metres out.", "fa", "en"),
    ("部品は37分ごとに届く。", "Parts arrive every 37 minutes.", "ja", "en"),
    # a number followed by a weekday in the source: ``يوم السبت`` is a date, not a unit
    ("هدف في الدقيقة 89 يوم السبت", "A goal in the 89th minute on Saturday.", "ar", "en"),
    # a Japanese fraction is no unit: 3分の1 is a third
    ("住民の3分の1が賛成した。", "A third of residents agreed.", "ja", "en"),
    ("It is 300 km (180 miles) long.", "Es ist 300 km lang.", "en", "de"),
])
def test_unit_clean(source, target, sl, tl):
    assert run_check("UNI001", source, target, sl, tl) == []


@pytest.mark.parametrize("source,target,sl,tl,tgt_span,src_span", [
    ("He walked 5 miles.", "Caminó 8 km.", "en", "es", "8 km", "5 miles"),
    ("It reached 100 °F.", "Il a atteint 38 °C.", "en", "fr", "38 °C", "100 °F"),
    ("The bag weighs 10 lb.", "Die Tasche wiegt 4,5 kg.", "en", "de", "4,5 kg", "10 lb"),
    ("Up to 10 inches of rain.", "До 25 см осадков.", "en", "ru", "25 см", "10 inches"),
    ("It covers 1,000 acres.", "占地405公顷。", "en", "zh", "405公顷", "1,000 acres"),
])
def test_conversion(source, target, sl, tl, tgt_span, src_span):
    flags = run_check("UNI002", source, target, sl, tl)
    assert [f.code for f in flags] == ["UNI002"]
    assert span_texts(flags[0], source, target) == [("target", tgt_span), ("source", src_span)]
    assert flags[0].severity.label == "minor"
    # a conversion is not a missing, added or changed number
    for code in ("NUM001", "NUM002", "NUM003"):
        assert run_check(code, source, target, sl, tl) == []


def test_no_conversion_without_units():
    assert run_check("UNI002", "He walked 5 miles.", "Caminó 5 millas.", "en", "es") == []
    assert run_check("UNI002", "Nothing here.", "Nada aquí.", "en", "es") == []


def test_unit_converted_is_opt_in():
    """A correct conversion is no error: UNI002 runs only when selected, and NUM001/NUM002 stay
    quiet on the converted figures either way."""
    from audit import Config, audit_pairs
    from audit.core.model import Pair

    pair = Pair("1", "He walked 5 miles.", "Caminó 8 km.", source_lang="en", target_lang="es")
    default = [f.code for f in audit_pairs([pair], Config()).segments[0].flags]
    assert default == []
    chosen = [f.code for f in audit_pairs([pair], Config(select=["UNI002"])).segments[0].flags]
    assert chosen == ["UNI002"]


@pytest.mark.parametrize("src,tgt,sl,tl", [
    # units the source writes in its own words (issue 11 false alarms on NTREX references)
    ("گمان می‌رود که کشتی 7000 تنی «Rheinland-Pfalz» دو برابر سنگین‌تر است.",
     "The 7,000-ton Rheinland-Pfalz is believed to be twice as heavy.", "fa", "en"),
    ("Tàu Rheinland-Pfalz nặng 7.000 tấn được cho là nặng gấp đôi.",
     "The 7,000-ton Rheinland-Pfalz is believed to be twice as heavy.", "vi", "en"),
    ("लगभग 30 गज की दूरी से स्टुरिज को पास मिला।", "Sturridge received a pass while about 30 yards out.", "hi", "en"),
    ("Bölgesel olarak, 1'den 4 inçe kadar yağışlar sel baskınlarına yol açacak.",
     "Locally, 1 to 4 inches of rain will cause flooding.", "tr", "en"),
    ("Deprem 10 metreye yaklaşan bir tsunamiye sebep oldu.", "The quake triggered a tsunami of up to 10 meters.", "tr", "en"),
])
def test_source_units_in_own_words_quiet(src, tgt, sl, tl):
    assert run_check("UNI001", src, tgt, sl, tl) == []


def test_vietnamese_tons_changed_to_seconds_flagged():
    flags = run_check("UNI001", "Tàu nặng 7.000 tấn.", "The ship weighs 7,000 seconds.", "vi", "en")
    assert [f.severity.label for f in flags] == ["major"]


@pytest.mark.parametrize("source,target,sl,tl", [
    # issue 11: a source unit elsewhere in the sentence (48 horas) does not excuse a bare number read as a unit
    ("El rescate duró 48 horas y murieron 214 según informaron.",
     "The rescue lasted 48 hours and 214 seconds they said died.", "es", "en"),
    ("O resgate durou 48 horas e morreram 214 segundo informaram.",
     "The rescue lasted 48 hours and 214 seconds they reported died.", "pt", "en"),
    ("Il soccorso è durato 48 ore e sono morti 214 secondo quanto riferito.",
     "The rescue lasted 48 hours and 214 seconds reportedly died.", "it", "en"),
])
def test_unit_added_beside_a_source_unit(source, target, sl, tl):
    flags = run_check("UNI001", source, target, sl, tl)
    assert [target[f.spans[0].start:f.spans[0].end] for f in flags] == ["214 seconds"]
    assert flags[0].severity.label == "major"
