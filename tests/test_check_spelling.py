"""SPL001: non-word misspellings (a letter dropped, swapped, doubled); names, codes, copies from
the source, other scripts and languages without a usable word list stay quiet."""
import pytest
from helpers import run_check

from audit.lang.spelling import correction, judged


@pytest.mark.parametrize("src,tgt,sl,tl,word,fixed", [
    ("El gobierno dijo.", "The governmnet said.", "es", "en", "governmnet", "government"),  # swap
    ("El gobierno dijo.", "The govvernment said.", "es", "en", "govvernment", "government"),  # double
    ("The government said.", "El gobierrno dijo.", "en", "es", "gobierrno", "gobierno"),
    ("The minister said it was important.", "Министр сказал, что это было важнм.", "en", "ru", "важнм", "важным"),  # drop
    ("The government said.", "Die Regierrung sagte.", "en", "de", "Regierrung", "Regierung"),  # a German noun
    ("The government said.", "Правительтсво заявило.", "en", "ru", "Правительтсво", "Правительство"),  # sentence start
])
def test_misspelling_flagged(src, tgt, sl, tl, word, fixed):
    flags = run_check("SPL001", src, tgt, sl, tl)
    assert [tgt[f.spans[0].start:f.spans[0].end] for f in flags] == [word]
    assert flags[0].severity.label == "minor"
    assert repr(fixed) in flags[0].message


@pytest.mark.parametrize("src,tgt,sl,tl", [
    ("El gobierno dijo.", "The government said.", "es", "en"),  # correct
    ("Goverment Street is closed.", "La calle Goverment está cerrada.", "en", "es"),  # a name, copied
    ("Mr Sturridge said.", "Mr Sturridge said.", "en", "en"),
    ("Visit the site.", "Visite www.goverment.com hoy.", "en", "es"),  # a URL
    ("Call the line.", "Llame a la línea GOVVERNMENT o a gobierrno2.", "en", "es"),  # capitals, digits
    ("The governmnet is an example.", "El governmnet es un ejemplo.", "en", "es"),  # other language, copied
    ("The government said.", "Правительство заявило, что governmnet.", "en", "ru"),  # Latin word in Russian
    ("The government said.", "政府表示。", "en", "zh"),  # no word boundaries: not judged
    ("The government said.", "정부가 발표했다.", "en", "ko"),  # no usable list: not judged
])
def test_misspelling_quiet(src, tgt, sl, tl):
    assert run_check("SPL001", src, tgt, sl, tl) == []


def test_languages_and_cache():
    assert judged("en") and judged("de") and not judged("zh") and not judged("th") and not judged("ko")
    assert correction("government", "en") is None  # a word
    assert correction("governmnet", "en") == "government"
    assert correction.cache_info().currsize > 0


@pytest.mark.parametrize("src,tgt,sl,tl", [
    # a frequent stem with a case ending the word list does not hold: not a slip
    ("He was at the meeting in the last minute.", "Son dakikasına kadar toplantıdaydı.", "en", "tr"),
    ("Some of his men came from the islands.", "Adalarından bazıları geldi.", "en", "tr"),
])
def test_suffixing_language_forms_quiet(src, tgt, sl, tl):
    assert run_check("SPL001", src, tgt, sl, tl) == []


@pytest.mark.parametrize("src,tgt,word", [
    ("The government said.", "Hükümt açıklama yaptı.", "Hükümt"),  # a letter dropped inside the stem
    ("The students came.", "Öğrencler geldi.", "Öğrencler"),
])
def test_suffixing_language_slips_in_the_stem_flagged(src, tgt, word):
    flags = run_check("SPL001", src, tgt, "en", "tr")
    assert [tgt[f.spans[0].start:f.spans[0].end] for f in flags] == [word]


def test_stem_gate_only_where_configured():
    from audit.lang.spelling import _known_stem_with_suffix

    assert _known_stem_with_suffix("dakikasına", "tr")
    assert not _known_stem_with_suffix("hükümt", "tr")
    assert not _known_stem_with_suffix("governmnet", "en")  # English is not in stem_gate


@pytest.mark.parametrize("src,tgt,sl,tl", [
    # a name of the source transliterated into another script is not a misspelling
    ("Mike Sullivan and Jordan Cownie brought the home side level.",
     "مایک سالیوان و جوردن کاونی، بازی را مساوی کردند.", "en", "fa"),  # کاونی, not کانونی
    ("He met Hugh Jackman and Deborra-Lee Furness.", "הוא פגש את יו ג׳קמן ודבורה-לי פורנס.", "en", "he"),  # not פלורנס
    ("Spieth lost 5&4.", "Спіт програв 5&4.", "en", "uk"),  # at a sentence start; not спліт
])
def test_transliterated_source_name_quiet(src, tgt, sl, tl):
    assert run_check("SPL001", src, tgt, sl, tl) == []


@pytest.mark.parametrize("src,tgt,sl,tl,word", [
    # a slip in a word that sounds like no name of the source is still flagged, names or not
    ("The Simpson speech was long.", "خطاب سيمبسون كان طويلاا.", "en", "ar", "طويلاا"),
    ("Wayde was shot by Simpson after the speech.", "سخرانی واید و سیمپسون.", "en", "fa", "سخرانی"),
    ("Spieth said the government was wrong.", "Спіт сказав, що урядд помилявся.", "en", "uk", "урядд"),
])
def test_slip_beside_source_names_flagged(src, tgt, sl, tl, word):
    flags = run_check("SPL001", src, tgt, sl, tl)
    assert [tgt[f.spans[0].start:f.spans[0].end] for f in flags] == [word]


@pytest.mark.parametrize("tgt", [
    # an Arabic form whose rest after an attached prefix is a common word: not judged
    "نقلا عن وكالة لأنباء الشرق.",  # ل + أنباء
    "هذا ما قاله للساسة في المؤتمر.",  # لل + ساسة
])
def test_arabic_prefix_forms_quiet(tgt):
    assert run_check("SPL001", "The agency said.", tgt, "en", "ar") == []


@pytest.mark.parametrize("tgt,word", [
    ("أطلق عدد من للصورايخ على المدينة.", "للصورايخ"),  # a slip after the prefix
    ("قال الحزب االجمهوري إنه سيصوت.", "االجمهوري"),  # a doubled letter is no prefix
])
def test_arabic_slip_after_prefix_flagged(tgt, word):
    flags = run_check("SPL001", "The party said.", tgt, "en", "ar")
    assert [tgt[f.spans[0].start:f.spans[0].end] for f in flags] == [word]
