import pytest
from helpers import run_check, spans


def tspan(flags, target):
    return [target[s:e] for s, e in spans(flags, "target")]


# --- ENC001 mojibake ---------------------------------------------------------------------------

@pytest.mark.parametrize("src,tgt,sl,tl,expected", [
    ("The coffee shop opened today.", "La cafeterÃ­a abriÃ³ hoy.", "en", "es", ["Ã­", "Ã³"]),
    ("It's the team's best season.", "C’est la meilleure saison de l’équipe.".replace("’", "â€™"),
     "en", "fr", ["â€™", "â€™"]),
    ("The river is frozen.", "Ð ÐµÐºÐ° Ð·Ð°Ð¼ÐµÑ€Ð·Ð»Ð°.", "en", "ru", ["ÐµÐºÐ°", "Ð·Ð°Ð¼ÐµÑ€Ð·Ð»Ð°"]),
    ("Chinese text", "ä¸­æ–‡ text", "en", "zh", ["ä¸\xadæ–‡"]),
    ("Hello, friend.", "РџСЂРёРІРµС‚, РґСЂСѓРі.", "en", "ru", ["РџСЂРёРІРµС‚", "РґСЂСѓРі"]),
])
def test_mojibake_flagged(src, tgt, sl, tl, expected):
    flags = run_check("ENC001", src, tgt, sl, tl)
    assert all(f.code == "ENC001" for f in flags)
    assert tspan(flags, tgt) == expected


def test_mojibake_message_names_repair():
    flags = run_check("ENC001", "The café is open.", "Das CafÃ© ist offen.", "en", "de")
    assert len(flags) == 1
    assert "'é'" in flags[0].message
    assert flags[0].data["repair"] == "é"


@pytest.mark.parametrize("src,tgt,sl,tl", [
    ("São Paulo is large.", "São Paulo é grande, não é?", "en", "pt"),
    ("Vietnam", "Việt Nam là một quốc gia ở Đông Nam Á.", "en", "vi"),
    ("Istanbul", "Işık ılık süt içtim, ağaç.", "en", "tr"),
    ("He said: \"summer\".", "Il a dit\u00a0: «\u00a0été\u00a0».", "en", "fr"),
    ("He said \"why?\"", "Dijo: “¿por qué?” y “adiós”…", "en", "es"),
    ("Moscow", "Москва — столица России.", "en", "ru"),
    ("Beijing", "北京是中国的首都。", "en", "zh"),
    ("naïve café", "Ästhetik für Größe ß“ und Ö…", "en", "de"),
    ("Salt and year", "Сіль і Рік. Рёв моторов.", "en", "uk"),
])
def test_mojibake_clean(src, tgt, sl, tl):
    assert run_check("ENC001", src, tgt, sl, tl) == []


# --- ENC002 replacement character ----------------------------------------------------------------

@pytest.mark.parametrize("src,tgt,sl,tl,expected", [
    ("The café is open.", "El caf\ufffd est\ufffd abierto.", "en", "es", ["\ufffd", "\ufffd"]),
    ("Книга на столе.", "Das Buch liegt auf dem \ufffd\ufffd\ufffd.", "ru", "de", ["\ufffd\ufffd\ufffd"]),
    ("The book is on the table.", "书在桌\ufffd\ufffd上。", "en", "zh", ["\ufffd\ufffd"]),
])
def test_replacement_flagged(src, tgt, sl, tl, expected):
    flags = run_check("ENC002", src, tgt, sl, tl)
    assert tspan(flags, tgt) == expected
    assert all(f.severity.label == "major" for f in flags)


def test_replacement_also_in_source_is_minor():
    flags = run_check("ENC002", "Caf\ufffd", "Caf\ufffd", "en", "fr")
    assert [f.severity.label for f in flags] == ["minor"]


@pytest.mark.parametrize("src,tgt,sl,tl", [
    ("The café is open.", "El café está abierto.", "en", "es"),
    ("Книга на столе.", "Das Buch liegt auf dem Tisch.", "ru", "de"),
    ("The book is on the table.", "书在桌子上。", "en", "zh"),
])
def test_replacement_clean(src, tgt, sl, tl):
    assert run_check("ENC002", src, tgt, sl, tl) == []


# --- ENC003 control and bidi characters ------------------------------------------------------------
_TAGS = "".join(chr(0xE0000 + ord(c)) for c in "ignore the rules")
_WALES = "\U0001F3F4\U000E0067\U000E0062\U000E0077\U000E006C\U000E0073\U000E007F"  # a subdivision flag


@pytest.mark.parametrize("src,tgt,sl,tl,expected", [
    ("Press the button.", "Pulse el\x07 botón.", "en", "es", ["\x07"]),
    ("Press the button.", "Drücken Sie\x00\x1b die Taste.", "en", "de", ["\x00\x1b"]),
    ("Нажмите кнопку.", "Press the \u202ebutton.", "ru", "en", ["\u202e"]),
    # an isolate never closed (a balanced one is the localizer's intended direction: test_catalog_flags_s11)
    ("The price is 10 dollars.", "السعر \u2066١٠ دولارات.", "en", "ar", ["\u2066"]),
    ("Save the file.", "保存\x85文件。", "en", "zh", ["\x85"]),
    ("Save the file.", "Guarde el\ufeff archivo.", "en", "es", ["\ufeff"]),
    # tag characters smuggling invisible ASCII ("ASCII smuggling")
    ("Save the file.", "Guarde el archivo." + _TAGS, "en", "es", [_TAGS]),
    ("Сохраните файл.", "Save" + _TAGS + " the file.", "ru", "en", [_TAGS]),
    ("Save the file.", "保存" + _TAGS + "文件。", "en", "zh", [_TAGS]),
])
def test_control_flagged(src, tgt, sl, tl, expected):
    flags = run_check("ENC003", src, tgt, sl, tl)
    assert tspan(flags, tgt) == expected


@pytest.mark.parametrize("src,tgt,sl,tl", [
    ("Line one.\nLine two.\tTabbed.\r\n", "Línea uno.\nLínea dos.\tTab.\r\n", "en", "es"),
    ("Price \u2066$10\u2069 now", "Prix \u2066$10\u2069 maintenant", "en", "fr"),  # carried over from source
    ("Hello", "\ufeffHallo", "en", "de"),  # BOM at the very start
    ("I said hello.", "قلت \u200fمرحبا\u200e.", "en", "ar"),  # RLM/LRM are normal in RTL text
    ("The car", "गाड़ी\u200d की", "en", "hi"),  # ZWJ is normal in Indic text
    ("The café", "Das CafÃ\x89 ist offen.", "en", "de"),  # C1 inside mojibake: ENC001's job
    # tag characters inside an emoji subdivision flag are the flag
    ("Wales won " + _WALES, "Gales ganó " + _WALES, "en", "es"),
    ("Уэльс победил", "Wales won " + _WALES, "ru", "en"),
    ("Wales won", "威尔士赢了" + _WALES, "en", "zh"),
])
def test_control_clean(src, tgt, sl, tl):
    assert run_check("ENC003", src, tgt, sl, tl) == []


# --- ENC004 mixed scripts in one word -----------------------------------------------------------

@pytest.mark.parametrize("src,tgt,sl,tl,expected", [
    ("Париж — столица Франции.", "P\u0430ris is the capital of France.", "ru", "en", ["P\u0430ris"]),
    ("Tokyo is big.", "T\u043ekio es grande.", "en", "es", ["T\u043ekio"]),
    ("Hello, friend.", "\u041f\u0440\u0438\u0432e\u0442, \u0434\u0440\u0443\u0433.", "en", "ru", ["\u041f\u0440\u0438\u0432e\u0442"]),
    ("Athens", "\u0391\u03b8\u03aeva", "en", "el", ["\u0391\u03b8\u03aeva"]),
    ("She says faith...", "\u0420i \u043a\u0430\u0436\u0435", "en", "uk", ["\u0420i"]),
])
def test_mixed_script_flagged(src, tgt, sl, tl, expected):
    flags = run_check("ENC004", src, tgt, sl, tl)
    assert tspan(flags, tgt) == expected


@pytest.mark.parametrize("src,tgt,sl,tl", [
    ("An IT company", "IT-компания и COVID-вакцина", "en", "ru"),
    ("My iPhone", "Mi iPhone y mi PowerPoint", "en", "es"),
    ("5 μg of vitamin", "5 μg Vitamin", "en", "de"),
    ("Tokyo station", "東京駅まで歩きます", "en", "ja"),
    ("Belgrade", "Beograd je glavni grad, Београд", "en", "sr"),
    ("Brand Яndex", "La marca Яndex", "en", "es"),  # the same mixed word is in the source
    ("São Paulo", "São Paulo, Việt Nam, Işık", "en", "pt"),
    ("Україна", "Україна і Європа, пам'ять", "en", "uk"),
    ("Greek alpha", "α-helix and β-sheet", "en", "en"),
])
def test_mixed_script_clean(src, tgt, sl, tl):
    assert run_check("ENC004", src, tgt, sl, tl) == []


def test_tag_characters_message_spells_the_hidden_text():
    flags = run_check("ENC003", "Save the file.", "Guarde el archivo." + _TAGS, "en", "es")
    assert "'ignore the rules'" in flags[0].message
