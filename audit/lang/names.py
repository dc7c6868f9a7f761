"""Names across languages: romanization, fuzzy name matching, exonyms and acronym equivalents.

- ``romanize(text)``: a rough Latin rendering of Latin (diacritics stripped), Cyrillic and Greek
  text, lower case, for comparing names across scripts (Пекин -> pekin, Лондон -> london).
- ``name_similarity(a, b)``: character-bigram Dice coefficient of two romanized names.
- ``exonyms(name, src_lang, tgt_lang)``: the target-language names of a country, language or
  city named ``name`` in the source language, from the shipped CLDR data (``audit.cldr``: territory, language
  and time-zone exemplar city names: Germany -> Alemania, London -> Londres / Лондон / 伦敦) and a
  small table of large cities CLDR has no time zone for (Beijing -> Pekín / Пекин / 北京).
- ``acronym_equivalents(acr)``: acronyms that stand for the same thing in other languages
  (UN / ONU / ООН / 联合国; NATO / OTAN / НАТО): a translation that uses one is not a replacement.
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache

from audit.lang import cldr

_CYR = {
    "а": "a", "б": "b", "в": "v", "г": "g", "ґ": "g", "д": "d", "е": "e", "ё": "e", "є": "ye",
    "ж": "zh", "з": "z", "и": "i", "і": "i", "ї": "yi", "й": "i", "к": "k", "л": "l", "м": "m",
    "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "h",
    "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
    "я": "ya", "ђ": "dj", "ј": "j", "љ": "lj", "њ": "nj", "ћ": "c", "џ": "dz", "ў": "u",
}
_GRK = {
    "α": "a", "β": "v", "γ": "g", "δ": "d", "ε": "e", "ζ": "z", "η": "i", "θ": "th", "ι": "i",
    "κ": "k", "λ": "l", "μ": "m", "ν": "n", "ξ": "x", "ο": "o", "π": "p", "ρ": "r", "σ": "s",
    "ς": "s", "τ": "t", "υ": "y", "φ": "f", "χ": "ch", "ψ": "ps", "ω": "o",
}
_SPECIAL = {"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th",
            "ı": "i", "ħ": "h", "ŀ": "l"}
_TABLE = {**_CYR, **_GRK, **_SPECIAL}


_TRANSLATE = {ord(k): v for k, v in _TABLE.items()}
_TRANSLATE.update({cp: None for cp in range(0x0300, 0x0370)})  # combining diacritics
_TRANSLATE.update({0x0483: None, 0x0484: None, 0x0485: None, 0x0486: None, 0x0487: None})


def romanize(text: str) -> str:
    """Lower-case Latin rendering of Latin, Cyrillic and Greek text; other scripts pass through
    (their combining marks are kept: only Latin/Cyrillic/Greek diacritics are dropped).
    Words are cached; whole segments are not (callers memoise them per text view)."""
    if text.isascii():
        return text.lower()
    if len(text) <= 40:
        return _romanize_word(text)
    return _romanize(text)


@lru_cache(maxsize=100_000)
def _romanize_word(text: str) -> str:
    return _romanize(text)


def _romanize(text: str) -> str:
    return unicodedata.normalize("NFC", unicodedata.normalize("NFD", text.casefold()).translate(_TRANSLATE))


_WIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}  # full-width ASCII -> ASCII
_WIDTH[0x3000] = 0x20  # ideographic space


def fold_width(text: str) -> str:
    """Full-width Latin letters, digits and punctuation (``ＣＮＮ``, common in Japanese and Chinese
    text) as ASCII. One character for one, so offsets into the text stay valid."""
    if text.isascii():
        return text
    return text.translate(_WIDTH)


def _bigrams(s: str) -> set[str]:
    return {s[i:i + 2] for i in range(len(s) - 1)}


def name_similarity(a: str, b: str) -> float:
    """Dice coefficient of character bigrams of two romanized strings (0..1)."""
    if a == b:
        return 1.0
    x, y = _bigrams(a), _bigrams(b)
    if not x or not y:
        return 0.0
    return 2 * len(x & y) / (len(x) + len(y))


_SKEL_SUBS = [("dzh", "j"), ("zh", "j"), ("kh", "h"), ("sch", "sh"), ("tch", "ch"), ("ck", "k"),
              ("ph", "f"), ("th", "t"), ("gh", "g"), ("qu", "kv"), ("q", "k"), ("x", "ks"), ("w", "v"),
              ("ts", "c"), ("tz", "c"), ("dj", "j"), ("z", "s")]
_VOWELS = frozenset("aeiouy")


@lru_cache(maxsize=100_000)
def skeleton(romanized: str) -> str:
    """A consonant skeleton of a romanized name, robust to how a name is transliterated
    (Sainsbury / Сейнсбери -> snsbr, Gwyneth / Гвинет -> gvnt): digraphs folded, vowels dropped
    after the first letter, doubled letters collapsed, ``c`` read as ``k`` or ``s``."""
    s = romanized
    for a, b in _SKEL_SUBS:
        if a in s:
            s = s.replace(a, b)
    out = []
    for i, ch in enumerate(s):
        if not ch.isalpha():
            continue
        if ch == "c":
            nxt = s[i + 1:i + 2]
            ch = "s" if nxt in ("e", "i", "y") else "k"
        if i > 0 and ch in _VOWELS:
            continue
        if out and out[-1] == ch:
            continue
        out.append(ch)
    return "".join(out)


def territory_prefix_names(name: str, src_lang: str | None, tgt_lang: str | None) -> list[str]:
    """Target names of countries and languages whose source name shares the stem of ``name``
    (a demonym: Austrians -> Austria -> Autriche; Pakistani -> Pakistan -> Пакистан)."""
    if not src_lang or not tgt_lang:
        return []
    rn = romanize(name)
    if len(rn) < 5:
        return []
    keys = _territory_stems(src_lang).get(rn[:5])
    if not keys:
        return []
    _, tgt_names = _cldr_names(tgt_lang)
    stem = rn[:max(5, len(rn) - 4)]
    out = []
    for rname, key in keys:
        if rname.startswith(stem) or stem.startswith(rname):
            t = tgt_names.get(key)
            if t:
                out.append(t)
    return out


@lru_cache(maxsize=64)
def _territory_stems(lang: str) -> dict[str, list[tuple[str, str]]]:
    to_key, _ = _cldr_names(lang)
    out: dict[str, list[tuple[str, str]]] = {}
    for r, k in to_key.items():
        if k.startswith(("T:", "L:")) and len(r) >= 5:
            out.setdefault(r[:5], []).append((r, k))
    return out


# Large cities with well-established exonyms that CLDR has no time-zone city for.
_CITIES: dict[str, dict[str, str]] = {
    "beijing": {"es": "Pekín", "fr": "Pékin", "de": "Peking", "it": "Pechino", "pt": "Pequim",
                "nl": "Peking", "pl": "Pekin", "tr": "Pekin", "ru": "Пекин", "uk": "Пекін",
                "zh": "北京", "ja": "北京", "ko": "베이징", "ar": "بكين", "hi": "बीजिंग", "he": "בייג'ינג",
                "fa": "پکن", "vi": "Bắc Kinh", "th": "ปักกิ่ง", "en": "Beijing", "ca": "Pequín"},
    "munich": {"de": "München", "it": "Monaco di Baviera", "es": "Múnich", "fr": "Munich", "pt": "Munique",
               "pl": "Monachium", "ru": "Мюнхен", "uk": "Мюнхен", "en": "Munich", "tr": "Münih",
               "zh": "慕尼黑", "ja": "ミュンヘン"},
    "cologne": {"de": "Köln", "es": "Colonia", "it": "Colonia", "fr": "Cologne", "pt": "Colônia",
                "pl": "Kolonia", "ru": "Кёльн", "uk": "Кельн", "en": "Cologne", "tr": "Köln"},
    "geneva": {"fr": "Genève", "es": "Ginebra", "de": "Genf", "it": "Ginevra", "pt": "Genebra",
               "pl": "Genewa", "ru": "Женева", "uk": "Женева", "en": "Geneva", "tr": "Cenevre",
               "zh": "日内瓦", "ja": "ジュネーブ"},
    "venice": {"it": "Venezia", "es": "Venecia", "fr": "Venise", "de": "Venedig", "pt": "Veneza",
               "pl": "Wenecja", "ru": "Венеция", "uk": "Венеція", "en": "Venice", "tr": "Venedik"},
    "florence": {"it": "Firenze", "es": "Florencia", "fr": "Florence", "de": "Florenz", "pt": "Florença",
                 "pl": "Florencja", "ru": "Флоренция", "uk": "Флоренція", "en": "Florence", "tr": "Floransa"},
    "milan": {"it": "Milano", "es": "Milán", "fr": "Milan", "de": "Mailand", "pt": "Milão", "pl": "Mediolan",
              "ru": "Милан", "uk": "Мілан", "en": "Milan", "tr": "Milano"},
    "naples": {"it": "Napoli", "es": "Nápoles", "fr": "Naples", "de": "Neapel", "pt": "Nápoles",
               "pl": "Neapol", "ru": "Неаполь", "uk": "Неаполь", "en": "Naples", "tr": "Napoli"},
    "the hague": {"nl": "Den Haag", "es": "La Haya", "fr": "La Haye", "de": "Den Haag", "it": "L'Aia",
                  "pt": "Haia", "pl": "Haga", "ru": "Гаага", "uk": "Гаага", "en": "The Hague", "tr": "Lahey"},
    "mecca": {"ar": "مكة", "es": "La Meca", "fr": "La Mecque", "de": "Mekka", "it": "La Mecca",
              "pt": "Meca", "pl": "Mekka", "ru": "Мекка", "uk": "Мекка", "en": "Mecca", "tr": "Mekke"},
    "washington": {"en": "Washington", "es": "Washington", "fr": "Washington", "de": "Washington",
                   "ru": "Вашингтон", "uk": "Вашингтон", "pl": "Waszyngton", "zh": "华盛顿", "ja": "ワシントン",
                   "tr": "Washington", "pt": "Washington", "it": "Washington"},
    "new delhi": {"en": "New Delhi", "es": "Nueva Delhi", "fr": "New Delhi", "de": "Neu-Delhi",
                  "it": "Nuova Delhi", "pt": "Nova Deli", "pl": "Nowe Delhi", "ru": "Нью-Дели",
                  "uk": "Нью-Делі", "tr": "Yeni Delhi", "hi": "नई दिल्ली", "zh": "新德里"},
    "mumbai": {"en": "Mumbai", "es": "Bombay", "fr": "Bombay", "de": "Mumbai", "ru": "Мумбаи",
               "uk": "Мумбаї", "hi": "मुंबई", "pl": "Mumbaj", "tr": "Mumbai", "it": "Mumbai"},
}


@lru_cache(maxsize=64)
def _cldr_names(lang: str) -> tuple[dict[str, str], dict[str, str]]:
    """(romanized name -> key, key -> display name) for territories, languages and cities in
    ``lang``. Keys are ``T:DE``, ``L:de``, ``Z:Europe/London``, ``C:beijing``. A language without
    shipped CLDR data has only the city table."""
    to_key: dict[str, str] = {}
    to_name: dict[str, str] = {}
    rec = cldr.data(lang)
    if rec is not None:
        for code, name in rec["territories"].items():
            to_name[f"T:{code}"] = name
        for code, name in rec["languages"].items():
            to_name[f"L:{code}"] = name
        for tz, city in rec["cities"].items():
            to_name[f"Z:{tz}"] = city
    for key, names in _CITIES.items():
        if lang in names:
            to_name[f"C:{key}"] = names[lang]
    for key, name in to_name.items():
        to_key.setdefault(romanize(name), key)
    return to_key, to_name


def exonyms(name: str, src_lang: str | None, tgt_lang: str | None) -> list[str]:
    """Target-language names of the place or language ``name`` (given in ``src_lang``)."""
    if not src_lang or not tgt_lang:
        return []
    key = _cldr_names(src_lang)[0].get(romanize(name))
    if key is None and src_lang != "en":
        key = _cldr_names("en")[0].get(romanize(name))
    if key is None:
        return []
    out = []
    tname = _cldr_names(tgt_lang)[1].get(key)
    if tname:
        out.append(tname)
    return out


# Acronyms of the same body or thing in several languages. Each line is one equivalence class.
_ACRONYM_CLASSES = """
UN ONU UNO OUN OON ООН ОНН ONZ BM BM 联合国 国連 유엔 الأمم संरा
NATO OTAN НАТО 北约 北大西洋公約機構 나토 الناتو नाटो
EU UE ЕС ЄС AB 欧盟 欧州連合 유럽연합 الاتحاد यूरोपीय
WHO OMS ВОЗ ВООЗ DSÖ ŚOZ 世卫组织 世界卫生组织 世界保健機関 세계보건기구 منظمة
IMF FMI IWF МВФ MFW 国际货币基金组织 国際通貨基金 국제통화기금
GDP PIB BIP ВВП PKB GSYİH GSYH HDP 国内生产总值 国内総生産 국내총생산 الناتج
GNP PNB BSP ВНП PNL
WTO OMC ВТО СОТ ŚOT DTÖ 世贸组织 世界貿易機関 세계무역기구
US USA EEUU EUA ÉU США ABD 美国 米国 미국 الأمريكية अमेरिका
UK RU GB VB ВБ 英国 영국
AIDS SIDA СПИД ÉSIDA 艾滋病 エイズ 에이즈 الإيدز एड्स
HIV VIH ВИЧ ВІЛ 艾滋病毒 ヒト免疫不全ウイルス
DNA ADN DNS ДНК 脱氧核糖核酸 デオキシリボ核酸
UFO OVNI НЛО НЛО 不明飞行物 未確認飛行物体
CEO PDG DG CEO 首席执行官 最高経営責任者
NGO ONG NRO НКО НПО STK 非政府组织
ISIS EI EIIL ИГИЛ ИГ ІДІЛ IS IŞİD DAESH DAECH DAIŠ 伊斯兰国 داعش
FBI ФБР 联邦调查局 連邦捜査局
CIA ЦРУ 中央情报局 中央情報局
KGB КГБ
USSR URSS UdSSR СССР ZSRR SSCB 苏联 ソ連
OPEC OPEP ОПЕК 欧佩克
ECB BCE EZB ЕЦБ EBC ЄЦБ
IOC COI CIO IOK МОК MKOl
VAT IVA TVA MwSt ПДВ НДС VAT KDV
""".strip().splitlines()


@lru_cache(maxsize=1)
def _acronym_index() -> dict[str, frozenset[str]]:
    index: dict[str, frozenset[str]] = {}
    for line in _ACRONYM_CLASSES:
        members = frozenset(line.split())
        for m in members:
            index[m] = index.get(m, frozenset()) | members
    return index


def acronym_equivalents(acr: str) -> frozenset[str]:
    """Known equivalents of ``acr`` in other languages (including itself), or just itself."""
    return _acronym_index().get(acr, frozenset((acr,)))


def letter_overlap(a: str, b: str) -> float:
    """Shared letters of two romanized acronyms (as multisets) over the longer length."""
    a, b = romanize(a), romanize(b)
    if not a or not b:
        return 0.0
    pool = list(b)
    shared = 0
    for ch in a:
        if ch in pool:
            pool.remove(ch)
            shared += 1
    return shared / max(len(a), len(b))


def romanize_any(text: str) -> str:
    """``romanize`` for every script: Latin, Cyrillic and Greek as there, the rest (Arabic, Hebrew,
    Devanagari, Hangul, kana, Han, Thai...) through anyascii's transliteration tables, lower case
    (バイデン -> baiden, बाइडन -> baidn, 拜登 -> baideng). Rough, for comparing names only."""
    r = romanize(text)
    if r.isascii():
        return r
    return _anyascii(r).lower()


@lru_cache(maxsize=100_000)
def _anyascii(text: str) -> str:
    from anyascii import anyascii

    return anyascii(text)


def _loose_skeleton(romanized: str) -> str:
    sk = skeleton(romanized)
    sk = sk[:1] + sk[1:].replace("v", "").replace("y", "")
    if sk[:1] in ("u", "w", "v"):
        return "v" + sk[1:]
    if sk[:1] in _VOWELS:
        return "a" + sk[1:]
    if sk[:1] in ("h", "g", "x"):
        return "h" + sk[1:]
    return sk


def loosely_same(a: str, b: str) -> bool:
    """Could ``a`` and ``b`` be one name in two spellings, scripts or case forms (Willoughby /
    Уиллоуби, Harlem / Гарлем, William / Уильяма, Baldwin / Болдуин)? Loose on purpose: used to
    keep a name that was merely transliterated from counting as replaced."""
    ra, rb = romanize_any(a), romanize_any(b)
    if name_similarity(ra, rb) >= 0.4:
        return True
    ka, kb = _loose_skeleton(ra), _loose_skeleton(rb)
    if len(ka) < 2 or len(kb) < 2:
        return ka == kb
    if abs(len(ka) - len(kb)) <= 1 and (ka.startswith(kb) or kb.startswith(ka)):
        return True
    return min(len(ka), len(kb)) >= 0.7 * max(len(ka), len(kb)) and name_similarity(ka, kb) >= 0.5


@lru_cache(maxsize=1)
def _not_name_prefixes() -> tuple[str, ...]:
    from importlib import resources

    text = resources.files("audit.lang").joinpath("data/not_names.txt").read_text(encoding="utf-8")
    return tuple(ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#"))


def unit_name(word: str) -> bool:
    """Is ``word`` a unit or scale named after a person (Celsius, Цельсія, Fahrenheita)?"""
    return romanize(word).startswith(_not_name_prefixes())


@lru_cache(maxsize=1)
def _inflecting() -> frozenset[str]:
    from importlib import resources

    text = resources.files("audit.lang").joinpath("data/name_inflecting.txt").read_text(encoding="utf-8")
    return frozenset(ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#"))


def inflects_names(lang: str | None) -> bool:
    """Does ``lang`` change names by case endings (data/name_inflecting.txt)?"""
    return lang in _inflecting()
# Latin-script languages whose word lists show whether a word travels unchanged (a name) or
# belongs to one language (a common word capitalised: Office, Hurricane, Committee).
_PANEL = ("en", "es", "fr", "de", "it", "pt", "nl", "pl", "sv", "tr")


@lru_cache(maxsize=50_000)
def travels(word: str, lang: str | None) -> bool:
    """Is the lower-case Latin ``word`` written the same way, about as often, in the other languages
    of a panel of ten Latin-script languages? Names do (giles, nielsen, cromwell, chelsea: the
    panel's median Zipf frequency within 0.8 of the word's own, diacritics dropped: sanchez);
    common words do not (office, hurricane, committee, senate, prime: a point or more below).
    A name at home in a language other than English is more frequent there than anywhere
    (pedro, sánchez): it travels when English and the panel both use it (median Zipf 3.2 or more,
    English 3 to 4.5 and at most 2 below the word's own: not président, national, casa, grande). International words (hotel, internet) travel too: callers use this only for
    capitalised words that do not start a sentence."""
    from audit.lang.lexicon import zipf

    if len(word) < 4 or not word.isalpha():
        return False  # short words are words somewhere (den, der, del)
    own = zipf(word, lang) if lang else zipf(word, "en")  # Vietnamese: đông is a common syllable
    plain = romanize(word)
    zs = sorted(max(zipf(word, x), zipf(plain, x)) for x in _PANEL if x != lang)
    med = zs[len(zs) // 2]
    if med >= 2.0 and med >= own - 0.8:
        return True
    en = max(zipf(word, "en"), zipf(plain, "en"))
    return lang != "en" and 3.0 <= en < 4.5 and med >= 3.2 and own - en <= 2.0


