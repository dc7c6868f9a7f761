"""A multilingual lexicon of units of measure and currencies, for the UNI checks.

``unit_at(text, pos, lang)`` reads the unit written right after a number (``5 km``,
``900-kilometer``, ``11 millones de libras``, ``1100万英镑``, ``30 °C``); ``unit_before(text,
pos)`` a currency written before it (``$5``, ``£11m``, ``€ 3``). A unit is a set of ids because
words are ambiguous (``pound`` is money or mass, ``degrees`` Celsius or Fahrenheit): two units
agree when their id sets meet. Each id has a dimension and a factor to the dimension's base
unit, so that a deliberate conversion (5 miles -> 8 km) can be recognised.

Forms cover en es fr de it pt ru uk pl tr zh ja ko ar fa he hi vi th; a form ending in ``*`` is
a stem matched at the start of a word (Slavic and Semitic inflection).
"""
from __future__ import annotations

from dataclasses import dataclass

from audit.core import lazyre

# id: (dimension, factor to the base unit of the dimension)
UNITS: dict[str, tuple[str, float]] = {
    "s": ("time", 1), "min": ("time", 60), "h": ("time", 3600), "day": ("time", 86400),
    "week": ("time", 604800), "month": ("time", 2629800), "year": ("time", 31557600),
    "mm": ("length", 0.001), "cm": ("length", 0.01), "m": ("length", 1), "km": ("length", 1000),
    "in": ("length", 0.0254), "ft": ("length", 0.3048), "yd": ("length", 0.9144),
    "mi": ("length", 1609.344), "nmi": ("length", 1852),
    "mg": ("mass", 1e-6), "g": ("mass", 0.001), "kg": ("mass", 1), "t": ("mass", 1000),
    "lb": ("mass", 0.45359237), "oz": ("mass", 0.028349523125),
    "m2": ("area", 1), "km2": ("area", 1e6), "ha": ("area", 1e4), "acre": ("area", 4046.8564224),
    "sqmi": ("area", 2589988.110336), "dunam": ("area", 1000), "sqft": ("area", 0.09290304),
    "ml": ("volume", 0.001), "l": ("volume", 1), "gal": ("volume", 3.785411784), "m3": ("volume", 1000),
    "bbl": ("volume", 158.987294928),
    "kmh": ("speed", 1), "mph": ("speed", 1.609344), "kn": ("speed", 1.852), "ms": ("speed", 3.6),
    "C": ("temperature", 1), "F": ("temperature", 1), "deg": ("temperature", 1),
    "usd": ("currency", 1), "eur": ("currency", 1), "gbp": ("currency", 1), "jpy": ("currency", 1),
    "cny": ("currency", 1), "inr": ("currency", 1), "rub": ("currency", 1), "krw": ("currency", 1),
    "try": ("currency", 1), "pln": ("currency", 1), "chf": ("currency", 1), "uah": ("currency", 1),
    "pct": ("percent", 1), "pp": ("percent", 1),
}

# ids|...: forms. An id list like "gbp,lb" marks an ambiguous form.
_FORMS = r"""
s: second|sekunden|seconden|sekunder|sekundy|sekund|másodperc|δευτερόλεπτα|detik|seconds|sec|secs|segundos|seconde|secondes|sekunde|sekunden|sek.|secondi|секунд*|сек.|sekund*|saniye*|秒|秒钟|秒鐘|秒間|초|ثانية|ثوان|ثواني|ثانیه|שניות|सेकंड|giây|วินาที
min: minute|minuut|minuten|minuter|minutter|minuty|perc|λεπτά|menit|minutes|min|mins|minuto|minutos|minuten|minuti|минут*|мин.|хвилин*|minut*|dakika*|分钟|分鐘|分間|分|دقيقة|دقائق|دقیقه|דקות|דקה|मिनट|phút|นาที
h: hour|uur|uren|timmar|timme|timer|hodin|hodiny|óra|órát|ώρες|ώρα|jam|hours|hr|hrs|hora|horas|heure|heures|stunde|stunden|std.|ora|ore|час|часа|часов|часам|часах|годин*|godzin*|saat|小时|小時|時間|시간|ساعة|ساعات|ساعت|שעות|שעה|घंटे|घंटा|घंटों|giờ|ชั่วโมง
day: day|dag|dagen|dagar|dage|dní|dny|nap|napig|ημέρες|μέρες|hari|days|día|días|jour|jours|tag|tage|tagen|giorno|giorni|dia|dias|день|дня|дней|дням|днях|сутки|суток|дні|днів|dzień|dni|dnia|gün*|天|日間|يوم|أيام|يوما|يومًا|روز|יום|ימים|दिन|दिनों|ngày|วัน
week: week|weken|veckor|vecka|uger|týdnů|týdny|hét|hetet|εβδομάδες|minggu|weeks|semana|semanas|semaine|semaines|woche|wochen|settimana|settimane|недел*|тиждень|тижні|тижнів|tydzień|tygodni*|hafta*|周|星期|週間|주|أسبوع|أسابيع|هفته|שבוע|שבועות|सप्ताह|हफ्ते|हफ़्ते|tuần|สัปดาห์
month: month|maand|maanden|månader|måneder|měsíců|měsíce|hónap|μήνες|bulan|months|mes|meses|mois|monat|monate|monaten|mese|mesi|месяц*|місяц*|miesiąc*|miesięcy|个月|個月|か月|ヶ月|カ月|ケ月|개월|شهر|أشهر|شهور|ماه|חודש|חודשים|महीने|महीना|महीनों|tháng|เดือน
year: year|jaar|jaren|år|let|roků|roky|év|éve|χρόνια|έτη|tahun|years|yr|yrs|año|años|ans|année|années|jahr|jahre|jahren|jahres|anno|anni|ano|anos|год|года|лет|годам|годах|рік|роки|років|rok|lata|lat|lat.|yıl*|yaş*|年|年間|년|سنة|سنوات|عام|أعوام|عاما|عامًا|سال|שנה|שנים|साल|वर्ष|वर्षों|năm|ปี|周岁|週歲|周歲
mm: mm|millimeter|millimetern|millimeters|millimetre|millimetres|milímetro|milímetros|millimètre|millimètres|millimetri|миллиметр*|мм|міліметр*|milimetr*|milimetre|毫米|ミリ|밀리미터|ملم|مليمتر|میلی‌متر|میلیمتر*|מ"מ|मिलीमीटर|มิลลิเมตร
cm: cm|centimeter|centimeters|zentimeter|zentimetern|centimetre|centimetres|centímetro|centímetros|centimètre|centimètres|zentimeter|centimetri|сантиметр*|см|сантиметр*|centymetr*|santimetre|厘米|公分|センチ|센티미터|سم|سنتيمتر|سانتی‌متر|سانتیمتر*|سانتی|ס"מ|सेंटीमीटर|เซนติเมตร
m: m|meter|metern|meters|metre|metres|metro|metros|mètre|mètres|metri|метр|метра|метров|метрах|метрам|м|метрів|metrów|metry|metr|metre|米|メートル|미터|متر|أمتار|مترا|מטר|מטרים|मीटर|mét|เมตร|metrů|metrech|metru|metrům|metrami
km: km|kilometer|kilometern|kilometers|kilometre|kilometres|kilómetro|kilómetros|kilomètre|kilomètres|chilometro|chilometri|quilômetro|quilômetros|quilómetro|quilómetros|км|километр*|кілометр*|kilometr*|kilometre|公里|千米|キロメートル|킬로미터|كيلومتر|كيلومترات|كم|کیلومتر*|ק"מ|קילומטר|קילומטרים|किलोमीटर|किमी|ki-lô-mét|กิโลเมตร|kilometrů|kilometrech|kilometru|kilometrům
km,kg: キロ
kg: kilo|kilos|кило
in: inch|inches|pulgada|pulgadas|pouce|pouces|zoll|pollice|pollici|polegada|polegadas|дюйм*|inç|英寸|インチ|인치|بوصة|بوصات|إنش|اینچ|אינץ'|इंच|寸|นิ้ว
ft: ft|foot|feet|pie|pies|pied|pieds|fuß|fuss|fut|piede|piedi|pé|pés|фут|фута|футов|футів|футах|stóp|stopy|fit|英尺|フィート|피트|قدم|أقدام|فوت|רגל|फ़ीट|फीट|फुट|ฟุต
yd: yd|yard|yards|yarda|yardas|iarde|iarda|ярд*|jardów|jardy|码|碼|ヤード|야드|ياردة|ياردات|یارد|หลา
mi: mile|miles|milla|millas|milles|meile|meilen|miglio|miglia|milha|milhas|миля|мили|миль|милі|mil|mile|英里|マイル|마일|ميل|أميال|مایل|מייל|מיילים|मील|dặm|ไมล์
nmi: nautical mile|nautical miles|millas náuticas|milles nautiques|seemeilen|seemeile|морских миль|海里|海里|해리
mg: mg|milligram|milligrams|milligramme|miligramo|miligramos|milligrammi|миллиграмм*|мг|miligram*|毫克|ミリグラム|밀리그램|ملغ|میلی‌گرم|מ"ג|मिलीग्राम
g: g|gram|grams|gramme|grammes|gramo|gramos|gramm|gramme|grammi|grama|gramas|грамм*|грам|грамів|грами|gram|gramów|gramy|克|グラム|그램|غرام|غرامات|جرام|جرامات|گرم|גרם|ग्राम|กรัม
kg: kg|kilogram|kilograms|kilogramme|kilogrammes|kilogramo|kilogramos|kilogramm|chilogrammi|chilogrammo|quilo|quilos|quilograma|quilogramas|кг|килограмм*|кілограм*|kilogram*|kilogramów|公斤|千克|キログラム|킬로그램|كيلوغرام|كيلوغرامات|كيلوجرام|كيلوجرامات|كغ|كجم|کیلوگرم*|کیلویی|ק"ג|קילוגרם|किलोग्राम|किलो|กิโลกรัม
t: tonne|tonnes|ton|tons|tonelada|toneladas|tonnellata|tonnellate|тонн|тонны|тонна|тоннах|тоннам|тонну|тон|тонни|tony|ton|tonę|吨|噸|トン|톤|طن|أطنان|טון|טונות|टन|ตัน
gbp,lb: pound|pounds|libra|libras|livre|livres|pfund|фунт*|funt*|ポンド|파운드|پوند|פאונד|पाउंड|पौंड|bảng|ปอนด์|pound
lb: lb|lbs|libbra|libbre|磅|رطل|رطلا
oz: oz|ounce|ounces|onza|onzas|once|unze|unzen|oncia|унци*|uncj*|uncji|盎司|オンス|온스|أونصة|اونس|אונקיה|औंस
m2: m²|m2|sq m|square meter|square meters|square metre|square metres|metros cuadrados|mètres carrés|quadratmeter|qm|metri quadrati|metros quadrados|кв. м|квадратных метров|квадратних метрів|metrów kwadratowych|metrekare|mét vuông|平方米|平方メートル|제곱미터|متر مربع|مترا مربعا|מטר רבוע|मीटर²|वर्ग मीटर
km2: km²|km2|sq km|square kilometer|square kilometers|square kilometre|square kilometres|kilómetros cuadrados|kilomètres carrés|km carrés|quadratkilometer|chilometri quadrati|quilômetros quadrados|кв. км|квадратных километров|квадратних кілометрів|kilometrów kwadratowych|kilometrekare|km vuông|平方公里|平方千米|平方キロメートル|제곱킬로미터|كيلومتر مربع|کیلومتر مربع|קמ"ר|वर्ग किलोमीटर
ha: ha|hectare|hectares|hectárea|hectáreas|hektar|ettari|ettaro|гектар*|га|гектар*|hektar*|公顷|公頃|ヘクタール|헥타르|هكتار|هکتار|הקטר|हेक्टेयर
dunam: דונם|دونم|dönüm|dunam|dunams|
acre: acre|acres|acri|акр*|akr*|英亩|英畝|エーカー|에이커|فدان|एकड़
sqmi: square mile|square miles|sq mi|millas cuadradas|milles carrés|quadratmeilen|miglia quadrate|квадратных миль|平方英里|平方マイル|제곱마일
sqft: square foot|square feet|sq ft|pies cuadrados|pieds carrés|quadratfuß|平方英尺|平方フィート|제곱피트
ml: ml|milliliter|milliliters|millilitre|millilitres|mililitro|mililitros|millilitri|мл|миллилитр*|mililitr*|毫升|ミリリットル|밀리리터|مل|میلی‌لیتر|מ"ל|मिलीलीटर
l: l|liter|liters|litre|litres|litro|litros|litri|литр*|літр*|litr*|litre|升|公升|リットル|리터|لتر|لترات|لیتر|ליטר|ליטרים|लीटर|ลิตร
gal: gallon|gallons|galón|galones|gallone|galloni|gallonen|галлон*|галон*|galon*|加仑|加侖|ガロン|갤런|جالون|غالون|گالن|גלון|गैलन
m3: m³|m3|cubic meter|cubic meters|cubic metre|cubic metres|metros cúbicos|mètres cubes|kubikmeter|metri cubi|кубометр*|кубических метров|кубічних метрів|metrów sześciennych|m sześc.|mét khối|metreküp|立方米|立方メートル|세제곱미터|متر مكعب|متر مکعب|מ"ק
bbl: barrel|barrels|barril|barriles|baril|barils|barrel|barili|barile|barris|баррел*|барел*|baryłk*|varil|桶|バレル|배럴|برميل|براميل|بشکه|חבית|חביות|बैरल
kmh,km: km/h|kph|km/hr|km/std|km/u|kmh|км/ч|км/год|kilometers per hour|kilometres per hour|kilómetros por hora|kilómetros/hora|kilomètres-heure|kilomètres à l'heure|stundenkilometer|stundenkilometern|kilometern pro stunde|kilometer pro stunde|km pro stunde|chilometri orari|chilometri all'ora|quilômetros por hora|километров в час|кілометрів на годину|kilometrów na godzinę|公里/小时|公里每小时|時速|キロ毎時|킬로미터/시|كم/س|كم في الساعة|کیلومتر در ساعت|קמ"ש|किमी/घंटा|किलोमीटर प्रति घंटा
mph,mi: mph|miles per hour|millas por hora|miles à l'heure|meilen pro stunde|miglia orarie|миль в час|英里/小时|マイル毎時|마일/시
kn: knot|knots|nudo|nudos|nœud|nœuds|knoten|nodi|узлов|узла|узлы|węzłów|węzły|ノット|عقدة|עשר קשר|नॉट
ms: m/s|м/с|米/秒|متر/ثانية
C,deg: °C|ºC|º C|℃|° C|°С|celsius|centígrados|centigrados|градус* цельси*|摄氏度|攝氏度|섭씨|مئوية|سانتی‌گراد|צלזיוס|सेल्सियस|độ c
F,deg: °F|℉|° F|fahrenheit|华氏度|華氏度|화씨|فهرنهايت|פרנהייט|फ़ारेनहाइट
C,F,deg: °|º|degree|degrees|grado|grados|degré|degrés|grad|gradi|grau|graus|градус*|stopni*|stopień|derece|度|درجة|درجات|درجه|מעלות|डिग्री|độ|องศา
usd: dollar|dollars|dólar|dólares|dollaro|dollari|доллар*|долар*|dolar*|美元|ドル|달러|دولار|دولارات|دلار|דולר|דולרים|डॉलर|đô la|ดอลลาร์|usd|us$
eur: euro|euros|евро|євро|avro|欧元|歐元|ユーロ|유로|يورو|یورو|יורו|यूरो|eur|€
gbp: sterling|pounds sterling|libras esterlinas|livres sterling|sterline|sterlina|стерлинг*|szterling*|sterlin|英镑|英鎊|إسترليني|جنيه|جنيهات|ליש"ט|gbp|£
jpy,cny: ¥|￥
jpy: yen|yenes|иен*|йен*|jenów|jeny|日元|円|엔|ين|ین|येन|jpy
cny: yuan|renminbi|юан*|rmb|cny|元|人民币|위안|يوان
inr: rupee|rupees|rupia|rupias|roupie|roupies|rupie|rupien|рупи*|rupii|रुपये|रुपए|रुपया|روبية|inr|₹
rub: rouble|roubles|ruble|rubles|rublo|rublos|rubel|rubli|руб.|рубл*|卢布|盧布|ルーブル|루블|روبل|rub|₽
krw: won|韩元|韓元|ウォン|원|₩
try: lira|lire|türk lirası|tl|₺|里拉
pln: zł|złot*|zloty|zlotys|pln
chf: chf|franken|franc suisse|francs suisses|瑞士法郎
uah: гривн*|hryvnia|hryvnias|uah|₴
pct: %|٪|percent|per cent|por ciento|pour cent|prozent|per cento|por cento|процент*|відсот*|procent*|yüzde|パーセント|퍼센트|بالمئة|بالمائة|في المئة|في المائة|درصد|אחוז|אחוזים|प्रतिशत|phần trăm|เปอร์เซ็นต์
pp,pct: percentage point|percentage points|puntos porcentuales|points de pourcentage|prozentpunkte|punti percentuali|pontos percentuais|процентных пункта|процентных пунктов|п.п.|punktów procentowych|puan|百分点|ポイント|포인트|نقطة مئوية|واحد درصد|נקודות האחוז|प्रतिशत अंक
"""


@dataclass(frozen=True, slots=True)
class Unit:
    """A unit read at ``[start, end)``: its possible ids and the dimension they share (or None)."""

    ids: frozenset
    start: int
    end: int

    @property
    def dims(self) -> frozenset:
        return frozenset(UNITS[i][0] for i in self.ids)

    def agrees(self, other: "Unit") -> bool:
        return bool(self.ids & other.ids)


def _build():
    exact: dict[str, frozenset] = {}
    stems: dict[str, frozenset] = {}
    for line in _FORMS.strip().splitlines():
        ids_s, forms = line.split(":", 1)
        ids = frozenset(ids_s.strip().split(","))
        for i in ids:
            assert i in UNITS, i
        for form in forms.strip().split("|"):
            form = form.strip().casefold()
            if not form:
                continue
            table = stems if form.endswith("*") else exact
            key = form.rstrip("*")
            table[key] = table.get(key, frozenset()) | ids
    return exact, stems


_EXACT, _STEMS = _build()
# Scripts written without spaces between words (and Hangul, whose units attach to the number):
# a unit is read as a prefix of the letters after the number (``85 ไมล์ต่อชั่วโมง``, ``5キロ``).
_CJK = lazyre.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}]")
_SYMBOLIC = lazyre.compile(r"[^\p{L}\p{M}]")
_EXACT_CJK = {f: ids for f, ids in _EXACT.items() if _CJK.search(f)}
_CJK_MAX = max(len(f) for f in _EXACT_CJK)
_CONNECTOR_WORDS = frozenset({"de", "of", "d'", "d’", "di", "del", "des", "du", "do", "da", "de la"})
# One token after a number: a word (with inner apostrophes, a /unit, ², a final period) or a sign.
_TOK = lazyre.compile(
    r"[ \u00a0\u202f\u2009]?[-–]?((?:[\p{L}\p{M}]+(?:['’ʼ\"“”״][\p{L}\p{M}]+)*|[°℃℉%٪‰$€£¥₹₽₩₺₴])"
    r"(?:/[\p{L}\p{M}]+)?[²³23]?\.?)")
_CJK_START = lazyre.compile(r"[ \u00a0]?的?[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}]")


def next_tokens(text: str, pos: int, n: int = 3) -> list:
    """Up to ``n`` tokens right after ``pos``, each (start, end), one space apart at most."""
    out = []
    for _ in range(n):
        m = _TOK.match(text, pos)
        if not m:
            break
        out.append((m.start(1), m.end(1)))
        pos = m.end()
    return out
_BEFORE_RE = lazyre.compile(
    r"(US\$|A\$|C\$|HK\$|NZ\$|R\$|\$|€|£|¥|₹|₽|₩|₺|₴|Rs\.?|USD|EUR|GBP|CHF|JPY|CNY|RMB|INR)[ \u00a0]?$")
_BEFORE_IDS = {"US$": "usd", "A$": "usd", "C$": "usd", "HK$": "usd", "NZ$": "usd", "R$": "usd", "$": "usd",
               "€": "eur", "£": "gbp", "¥": ("jpy", "cny"), "₹": "inr", "₽": "rub", "₩": "krw", "₺": "try", "₴": "uah",
               "RS": "inr", "RS.": "inr", "USD": "usd", "EUR": "eur", "GBP": "gbp", "CHF": "chf", "JPY": "jpy",
               "CNY": "cny", "RMB": "cny", "INR": "inr"}


# Forms that are common words in some languages: not read as units there.
_NOT_IN = {"ha": {"es", "it", "pt", "ca"}, "tag": {"en"}, "ore": {"en"}, "pie": {"en", "fr"}, "once": {"es", "pt", "en"},
           "mes": {"fr", "ca"}, "won": {"en"}, "ora": {"en", "ro"}, "an": {"en"}, "lat": {"en"}, "ton": {"fr"},
           "dia": {"it", "en"}, "rok": {"en"}, "grad": {"en"}, "bảng": set(), "lira": set(), "m": set(),
           "mil": {"es", "pt", "ca", "gl", "fr", "en", "it"}, "gün": set(), "pound": set(), "ans": {"en"},
           "l": set(), "g": set(), "t": set(), "lire": {"fr"}, "saat": set(), "let": {"en", "fr"},
           "nap": {"en"}, "jam": {"en"}, "dag": {"en"}, "perc": {"en"}, "uur": set()}


# Forms that are units in these languages only: Japanese ``37分`` is 37 minutes, Chinese ``3分``
# is as often 3 points or cents, and ``分`` starts many Chinese words (``分析``). Never evidence
# in a language-free scan. ``分の`` is a fraction (``3分の1``).
_ONLY_IN = {"分": frozenset({"ja"})}
_FRACTION_AFTER = {"分": "の"}


def _allowed(form: str, lang: str | None) -> bool:
    only = _ONLY_IN.get(form)
    if only is not None and lang not in only:
        return False
    langs = _NOT_IN.get(form)
    return not langs or lang not in langs


# Arabic-script vowel marks and tatweel, dropped before a lookup (``ميلاً`` -> ``ميلا``).
_ARABIC_MARKS = lazyre.compile(r"[\u064B-\u065F\u0670\u0640]")
# Endings that attach to a unit word in Arabic script: the accusative alif of ``30 ميلا``, the
# Persian adjective ending of ``30 متری`` (a 30-metre ...).
_ARABIC_ENDINGS = ("\u0627", "\u06cc", "\u0627\u06cc", "\u200c\u0627\u06cc")


def _fold(word: str) -> str:
    w = word.casefold()
    return _ARABIC_MARKS.sub("", w) if "\u0600" <= w[:1] <= "\u06ff" else w


def _word_ids(word: str) -> frozenset | None:
    """Unit ids of one word (exact form, Arabic-script endings, then a stem), or None."""
    w = _fold(word)
    found = _EXACT.get(w)
    if found is None and w and "\u0600" <= w[0] <= "\u06ff":
        for ending in _ARABIC_ENDINGS:
            if w.endswith(ending) and (found := _EXACT.get(w[:-len(ending)])) is not None:
                break
    return found or _stem_lookup(w)


def _stem_lookup(word: str) -> frozenset | None:
    w = _fold(word)
    for n in range(min(len(w), 14), 2, -1):
        ids = _STEMS.get(w[:n])
        if ids is not None:
            return ids
    return None


def _lookup(text: str, toks: list, lang: str | None) -> Unit | None:
    for k in range(len(toks), 0, -1):
        start, end = toks[0][0], toks[k - 1][1]
        phrase = _fold(text[start:end].replace("\u00a0", " "))
        if "“" in phrase or "”" in phrase or "״" in phrase:
            phrase = phrase.replace("“", '"').replace("”", '"').replace("״", '"')
        for form, cut in ((phrase, 0), (phrase[:-1], 1) if phrase.endswith(".") else (None, 0)):
            if form is None:
                continue
            ids = _EXACT.get(form)
            if ids is None and k == 1 and form and "\u0600" <= form[0] <= "\u06ff":
                ids = _word_ids(form)
            if ids is not None and _allowed(form, lang):
                return Unit(ids, start, end - cut)
    return None


def unit_at(text: str, pos: int, lang: str | None = None) -> Unit | None:
    """The unit written right after position ``pos`` (the end of a number), or None."""
    if pos >= len(text):
        return None
    cm = _CJK_START.match(text, pos)
    if cm:
        p = cm.end() - 1
        chunk = text[p:p + _CJK_MAX]
        for k in range(len(chunk), 0, -1):
            ids = _EXACT_CJK.get(chunk[:k])
            if ids is not None and _allowed(chunk[:k], lang) \
                    and chunk[k:k + 1] != _FRACTION_AFTER.get(chunk[:k], "\0"):
                return Unit(ids, p, p + k)
        return None
    toks = next_tokens(text, pos)
    if not toks:
        return None
    u = _lookup(text, toks, lang)
    if u is not None:
        return u
    first = text[toks[0][0]:toks[0][1]].casefold()
    if first in _CONNECTOR_WORDS and len(toks) > 1:
        u = _lookup(text, toks[1:], lang)
        if u is not None:
            return u
        first = text[toks[1][0]:toks[1][1]]
        ids = _stem_lookup(first)
        return Unit(ids, toks[1][0], toks[1][1]) if ids is not None else None
    ids = _stem_lookup(first)
    if ids is not None:
        return Unit(ids, toks[0][0], toks[0][1])
    return None


def unit_before(text: str, pos: int) -> Unit | None:
    """A currency sign or code written right before position ``pos`` (``$5``, ``€ 3``)."""
    if pos == 0:
        return None
    m = _BEFORE_RE.search(text, max(0, pos - 6), pos)
    if m:
        ids = _BEFORE_IDS[m.group(1).upper()]
        return Unit(frozenset(ids if isinstance(ids, tuple) else (ids,)), m.start(1), m.end(1))
    return None


MEASURES = frozenset({"length", "mass", "area", "volume", "speed", "temperature"})


_APOSTROPHE = lazyre.compile(r"['’ʼ]")


_UNIT_WORD = lazyre.compile(r"[\p{L}\p{M}'’ʼ%°º℃℉$€£¥₹]+")


def unit_mentions(text: str) -> list:
    """Every unit word in ``text``: [(ids, start, end)] (a cheap scan, used as evidence)."""
    out = []
    for m in _UNIT_WORD.finditer(text):
        w = m.group()
        found = _word_ids(w)
        if not found and (cut := _APOSTROPHE.search(w)) and cut.start():
            found = _EXACT.get(w[:cut.start()].casefold())  # a Turkish case suffix: inç'e, km'den
        if found:
            out.append((found, m.start(), m.end()))
    if _CJK.search(text):
        for f, found in _EXACT_CJK.items():
            if f in _ONLY_IN:
                continue
            i = text.find(f)
            while i >= 0:
                out.append((found, i, i + len(f)))
                i = text.find(f, i + 1)
    return list(dict.fromkeys(out))  # a Thai unit between spaces is found by both scans


def unit_ids_in(text: str) -> frozenset:
    """Ids of every unit word anywhere in ``text`` (a cheap scan, used as evidence)."""
    return frozenset(i for ids, _, _ in unit_mentions(text) for i in ids)


def units_in(text: str) -> frozenset:
    """Dimensions of every unit word anywhere in ``text`` (a cheap scan, used as evidence)."""
    return frozenset(UNITS[i][0] for i in unit_ids_in(text))


def convert(value: float, src: str, dst: str) -> float | None:
    """``value`` in unit ``src`` expressed in unit ``dst`` (same dimension), or None."""
    if src not in UNITS or dst not in UNITS:
        return None
    ds, fs = UNITS[src]
    dd, fd = UNITS[dst]
    if ds != dd or ds in ("currency", "percent"):
        return None
    if ds == "temperature":
        if (src, dst) == ("F", "C"):
            return (value - 32) * 5 / 9
        if (src, dst) == ("C", "F"):
            return value * 9 / 5 + 32
        return None
    return value * fs / fd


def convert_difference(value: float, src: str, dst: str) -> float | None:
    """A temperature difference (10 °F warmer = 5.6 °C warmer); other units as ``convert``."""
    if (src, dst) == ("F", "C"):
        return value * 5 / 9
    if (src, dst) == ("C", "F"):
        return value * 9 / 5
    return convert(value, src, dst)


def converts(v1: float, u1: Unit, v2: float, u2: Unit, tolerance: float = 0.03) -> tuple[str, str] | None:
    """(id1, id2) when ``v1 u1`` and ``v2 u2`` are the same quantity within ``tolerance``."""
    for a in sorted(u1.ids):
        for b in sorted(u2.ids):
            if a == b:
                continue
            for fn in (convert, convert_difference):
                c = fn(v1, a, b)
                if c is None:
                    continue
                if abs(c - v2) <= tolerance * max(abs(c), abs(v2)) or (abs(c) < 30 and abs(c - v2) < 1.0):
                    return a, b
    return None
