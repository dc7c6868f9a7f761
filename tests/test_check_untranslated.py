"""UNT001: target copied from the source; names, codes, labels, cognates and quotations are clean."""
import pytest
from helpers import run_check

from audit.checks.families.untranslated import same_letters


def span_texts(flags, source, target):
    return [[(sp.side, (source if sp.side == "source" else target)[sp.start:sp.end]) for sp in f.spans]
            for f in flags]


@pytest.mark.parametrize("a,b,same", [
    ("The file was saved.", "the file was saved", True),
    ("E-mail sent!", "Email sent", True),
    ("ＡＢＣ ｄｅｆ", "abc def", True),  # full-width forms
    ("café", "cafe\u0301", True),  # composed and decomposed
    ("The file was saved.", "Le fichier a été enregistré.", False),
    ("123", "123", False),  # no letters at all
])
def test_same_letters(a, b, same):
    assert same_letters(a, b) is same


@pytest.mark.parametrize("src,tgt,sl,tl,severity", [
    ("The meeting ended at noon.", "The meeting ended at noon.", "en", "fr", "major"),
    ("Please restart the application to apply the changes.", "please restart the application to apply the changes",
     "en", "de", "critical"),
    ("Настройки сохранены успешно", "Настройки сохранены успешно.", "ru", "en", "critical"),  # Cyrillic is no English script: critical however short
    ("会议在中午结束了，大家都回家了。", "会议在中午结束了，大家都回家了。", "zh", "en", "critical"),
    ("  All rights reserved. ", "All rights reserved.", "en", "es", "major"),
])
def test_copy_flagged(src, tgt, sl, tl, severity):
    flags = run_check("UNT001", src, tgt, sl, tl)
    assert [f.severity.label for f in flags] == [severity]
    assert span_texts(flags, src, tgt) == [[("target", tgt.strip()), ("source", src.strip())]]


@pytest.mark.parametrize("src,tgt,sl,tl", [
    ("OK", "OK", "en", "fr"),  # very short
    ("Facebook", "Facebook", "en", "ru"),  # brand
    ("Barack Obama", "Barack Obama", "en", "es"),  # proper name
    ("Terms of Service", "Terms of Service", "en", "de"),  # Title Case title
    ("The Lord of the Rings", "The Lord of the Rings", "en", "it"),
    ("iPhone 15 Pro Max", "iPhone 15 Pro Max", "en", "ja"),  # product, codes
    ("https://example.com/help", "https://example.com/help", "en", "zh"),  # URL
    ("support@example.com", "support@example.com", "en", "ar"),
    ("2024-10-05 12:30", "2024-10-05 12:30", "en", "hi"),  # numbers only
    ("UTF-8, NATO, USB", "UTF-8, NATO, USB", "en", "pl"),  # codes and acronyms
    ("Hotel", "Hotel", "de", "en"),  # one-word cognate title
    ("cinco minutos de música", "cinco minutos de música", "es", "pt"),  # valid in both languages
    ("Il faut bien le faire.", "Il faut bien le faire.", "en", "de"),  # foreign quotation kept
    ("北京大学", "北京大学", "zh", "ja"),  # short Han text: a name
    ("The file was saved.", "Le fichier a été enregistré.", "en", "fr"),  # a translation
    ("The file was saved.", "The file was saved.", "en", "en"),  # same language
    ("Click <b>{name}</b> %s", "Click <b>{name}</b> %s", "en", "fr"),  # one word around codes
])
def test_copy_clean(src, tgt, sl, tl):
    assert run_check("UNT001", src, tgt, sl, tl) == []


# --- UNT003: single source words left in the target ---------------------------------------------

@pytest.mark.parametrize("src,tgt,sl,tl,word", [
    ("Die Schifffahrt beginnt im Mai.", "The Schifffahrt season opens in May.", "de", "en", "Schifffahrt"),
    ("To je velmi důležité rozhodnutí.", "It is a velmi important decision.", "cs", "en", "velmi"),
    ("El edificio fue cerrado ayer.", "The edificio was closed yesterday.", "es", "en", "edificio"),
    ("The ship will leave tomorrow with the supplies.", "El barco saldrá mañana con los supplies.", "en", "es", "supplies"),
    ("The government announced new measures.", "Правительство объявило о новых measures.", "en", "ru", "measures"),
    ("Правительство объявило о новых мерах.", "The government announced new мерах.", "ru", "en", "мерах"),
    ("政府周一宣布了新的措施。", "The government announced new 措施 on Monday.", "zh", "en", "措施"),
    ("The government announced new measures.", "政府周一宣布了新的measures。", "en", "zh", "measures"),
    ("Los edificios antiguos fueron cerrados.", "The edificios antiguos were closed.", "es", "en", "edificios antiguos"),  # a phrase
])
def test_source_word_flagged(src, tgt, sl, tl, word):
    flags = run_check("UNT003", src, tgt, sl, tl)
    assert [(f.severity.label, tgt[f.spans[0].start:f.spans[0].end]) for f in flags] == [("major", word)]
    assert src[flags[0].spans[1].start:flags[0].spans[1].end] == word.split()[0]


@pytest.mark.parametrize("src,tgt,sl,tl", [
    ("Angela Merkel visited Paris on Monday.", "Angela Merkel besuchte am Montag Paris.", "en", "de"),  # names
    ("The hotel has a new restaurant.", "El hotel tiene un nuevo restaurante.", "en", "es"),  # loanword
    ("Sainsbury's put Argos outlets in stores.", "Sainsbury's ได้ทำการวาง Argos outlets ในห้างร้าน", "en", "th"),  # part of a name
    ("He drove at 60 mph on the road.", "他以每小时60 mph的速度行驶。", "en", "zh"),  # a unit
    ('Der Film "Das Boot" lief gestern.', 'The film "Das Boot" was shown yesterday.', "de", "en"),  # a title in quotes
    ("Visit https://example.com/nachrichten today.", "Besuchen Sie heute https://example.com/nachrichten.", "en", "de"),
    ("The iPhone and the NATO summit were online.", "iPhone и саммит NATO были online.", "en", "ru"),  # codes, a loanword
    ("Sturridge scored twice.", "Sturridge iki gol attı.", "en", "tr"),  # capitalised on both sides
    ("Shinzo Abe (安倍晋三) spoke.", "Shinzo Abe (安倍晋三) spoke.", "ja", "en"),  # a gloss in brackets
    ("The boy sang a song.", "The boy sang a song.", "en", "en"),  # same language
])
def test_source_word_quiet(src, tgt, sl, tl):
    assert run_check("UNT003", src, tgt, sl, tl) == []
