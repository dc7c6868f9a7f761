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
