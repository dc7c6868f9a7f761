"""The number parser (audit.lang.numbers): locale formats, native digits, scale words, kinds, spans."""
from decimal import Decimal

import pytest
from babel.numbers import format_decimal
from hypothesis import given, settings
from hypothesis import strategies as st

from audit.checks.context import TextView
from audit.lang.numbers import month_values, parse_text, spelled_values


def values(text, lang):
    return [n.value * n.scale for n in parse_text(text, lang)]


def one(text, lang):
    nums = parse_text(text, lang)
    assert len(nums) == 1, nums
    return nums[0]


@pytest.mark.parametrize("text,lang,value", [
    ("1.000,5", "de", 1000.5),
    ("1,000.5", "en", 1000.5),
    ("1 000,5", "fr", 1000.5),
    ("1\u00a0000,5", "ru", 1000.5),
    ("1\u202f000,5", "fr", 1000.5),
    ("1'000.5", "de", 1000.5),
    ("1’000.5", "de", 1000.5),
    ("1,5", "de", 1.5),
    ("1.5", "en", 1.5),
    ("1.000", "es", 1000),
    ("1,000", "en", 1000),
    ("1.000.000", "es", 1e6),
    ("12,34,567", "hi", 1234567),
    ("٣٬٥٠٠٫٧٥", "ar", 3500.75),
    ("۱۵۰", "fa", 150),
    ("२०२४", "hi", 2024),
    ("２０２４", "ja", 2024),
    ("๒๕", "th", 25),
])
def test_locale_formats_and_native_digits(text, lang, value):
    n = one(text, lang)
    assert n.value == pytest.approx(value)
    assert text[n.start:n.end] == text


@pytest.mark.parametrize("text,lang,strong,weak", [
    ("1.000", "es", 1000.0, 1.0),   # es groups with '.', but en would read 1.0
    ("1.000", "en", 1.0, 1000.0),
    ("1,000", "de", 1.0, 1000.0),
])
def test_ambiguous_separators_keep_both_readings(text, lang, strong, weak):
    n = one(text, lang)
    assert strong in n.keys and weak in n.weak


@pytest.mark.parametrize("text,lang,value,span", [
    ("21,7 millones de personas", "es", 21.7e6, "21,7 millones"),
    ("21.7 million people", "en", 21.7e6, "21.7 million"),
    ("2 Milliarden Euro", "de", 2e9, "2 Milliarden"),
    ("2 Billionen Euro", "de", 2e12, "2 Billionen"),
    ("2 billion dollars", "en", 2e9, "2 billion"),
    ("2 mil millones de dólares", "es", 2e9, "2 mil millones"),
    ("1,5 млрд рублей", "ru", 1.5e9, "1,5 млрд"),
    ("3 миллиона человек", "ru", 3e6, "3 миллиона"),
    ("1100万英镑", "zh", 1.1e7, "1100万"),
    ("3億円", "ja", 3e8, "3億"),
    ("1億2,500万ポンド", "ja", 1.25e8, "1億2,500万"),
    ("5 लाख रुपये", "hi", 5e5, "5 लाख"),
    ("2 करोड़", "hi", 2e7, "2 करोड़"),
    ("3 مليون دولار", "ar", 3e6, "3 مليون"),
    ("£11m deal", "en", 11e6, "11m"),
    ("$5bn plan", "en", 5e9, "5bn"),
    ("5 milyon kişi", "tr", 5e6, "5 milyon"),
])
def test_scale_words(text, lang, value, span):
    n = one(text, lang)
    assert n.value * n.scale == pytest.approx(value)
    assert text[n.start:n.end] == span


def test_metre_abbreviation_is_not_a_million():
    n = one("a 5m wall", "en")
    assert n.scale == 1.0


@pytest.mark.parametrize("text,lang,kind,span", [
    ("rose 15%", "en", "percent", "15"),
    ("%15 arttı", "tr", "percent", "15"),
    ("50 por ciento", "es", "percent", "50"),
    ("the 21st", "en", "ordinal", "21st"),
    ("el 1.º", "es", "ordinal", "1.º"),
    ("le 1er mai", "fr", "ordinal", "1er"),
    ("1-й этап", "ru", "ordinal", "1-й"),
    ("the 1990s", "en", "decade", "1990s"),
    ("in den 90er Jahren", "de", "decade", "90er"),
    ("in 2024", "en", "year", "2024"),
    ("2024年", "zh", "year", "2024"),
    ("11月", "ja", "month", "11"),
    ("at 14:30", "en", "time", "14:30"),
    ("at 2 p.m.", "en", "time", "2"),
    ("the G7 summit", "en", "name", "7"),
    ("COVID-19 cases", "en", "name", "19"),
    ("an MP3 file", "en", "name", "3"),
    ("a 3D film", "en", "name", "3"),
])
def test_kinds(text, lang, kind, span):
    n = one(text, lang)
    assert n.kind == kind
    assert text[n.start:n.end] == span


def test_names_are_optional_and_numbers_before_units_are_not_names():
    assert one("the G7", "en").optional
    n = one("a 900-kilometer road", "en")
    assert n.kind == "number" and not n.optional and n.value == 900


def test_times_match_across_12_and_24_hours():
    a = one("at 2:30 p.m.", "en")
    b = one("um 14:30 Uhr", "de")
    assert a.keys & b.keys


def test_phone_numbers_compare_by_digits():
    a = one("call 0800 555 111", "en")
    b = one("звоните 0800555111", "ru")
    assert a.all_keys & b.all_keys


def test_two_digit_year_after_a_range():
    nums = parse_text("the 1950-53 war", "en")
    assert [n.text for n in nums] == ["1950", "53"]
    assert 1953.0 in nums[1].weak


def test_space_grouping_needs_three_digit_groups():
    assert values("in 2019 300 people", "en") == [2019, 300]


@pytest.mark.parametrize("text,lang,expected", [
    ("three people", "en", 3),
    ("twenty-five years", "en", 25),
    ("tres personas", "es", 3),
    ("veinticinco", "es", 25),
    ("drei Menschen", "de", 3),
    ("fünfundzwanzig", "de", 25),
    ("трёх человек", "ru", 3),
    ("двадцатилетний", "ru", 20),
    ("czterdziestodwuletni", "pl", 42),
    ("三个人", "zh", 3),
    ("二十五人", "ja", 25),
    ("ثلاثة أشخاص", "ar", 3),
    ("तीन लोग", "hi", 3),
    ("the 19th century, siglo XIX", "es", 19),
    ("two decades", "en", 20),
])
def test_spelled_values(text, lang, expected):
    assert float(expected) in spelled_values(TextView(text, lang, "target"))


def test_spelled_values_ignore_unrelated_words():
    assert spelled_values(TextView("The meeting ended early.", "en", "target")) == frozenset()


@pytest.mark.parametrize("text,lang,month", [
    ("in November 2024", "en", 11), ("en noviembre de 2024", "es", 11), ("в ноябре", "ru", 11),
    ("5 ноября", "ru", 11), ("im März", "de", 3), ("Sept. 12", "en", 9),
])
def test_month_values(text, lang, month):
    assert float(month) in month_values(TextView(text, lang, "source"))


# -- property tests: format with Babel (CLDR) in a locale, parse back under that locale ------------

_LOCALES = ["en", "es", "de", "fr", "it", "pt", "ru", "pl", "uk", "tr", "zh", "ja", "ko", "hi", "ar", "he", "vi"]


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=10**9), st.integers(min_value=0, max_value=99), st.sampled_from(_LOCALES))
def test_babel_round_trip(whole, cents, locale):
    value = Decimal(whole) + Decimal(cents) / 100
    text = format_decimal(value, locale=locale)
    nums = parse_text(f"x {text} y", locale)
    assert len(nums) == 1, (text, nums)
    assert float(value) in nums[0].keys, (text, nums[0])


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=0, max_value=10**7), st.integers(min_value=0, max_value=99))
def test_babel_round_trip_de_ch(whole, cents):
    value = Decimal(whole) + Decimal(cents) / 100
    text = format_decimal(value, locale="de_CH")
    nums = parse_text(text, "de")
    assert len(nums) == 1
    assert float(value) in nums[0].all_keys, (text, nums[0])


_NATIVE = {"ar": "٠١٢٣٤٥٦٧٨٩", "fa": "۰۱۲۳۴۵۶۷۸۹", "hi": "०१२३४५६७८९", "ja": "０１２３４５６７８９", "th": "๐๑๒๓๔๕๖๗๘๙"}


@settings(max_examples=150, deadline=None)
@given(st.integers(min_value=0, max_value=10**9), st.sampled_from(sorted(_NATIVE)))
def test_native_digits_round_trip(whole, lang):
    system = {"ar": "arab", "fa": "arabext"}.get(lang)
    text = format_decimal(whole, locale=lang, numbering_system=system) if system else format_decimal(whole, locale=lang)
    native = text.translate(str.maketrans("0123456789", _NATIVE[lang]))
    nums = parse_text(native, lang)
    assert len(nums) == 1, (native, nums)
    assert float(whole) in nums[0].keys
    assert native[nums[0].start:nums[0].end] == native


@pytest.mark.parametrize("text,lang,expected", [
    ("في القرن التاسع عشر", "ar", 19),  # unit then ten: a teen, even after القرن (100)
    ("تسعة عشر عاما", "ar", 19),
    ("за сутки", "ru", 24),
    ("в течение суток", "ru", 24),
    ("一天之内", "zh", 24),
    ("two-thirds of them", "en", 3),
    ("half of them", "en", 2),
    ("a sophomore", "en", 2),
])
def test_spelled_values_issue3(text, lang, expected):
    assert float(expected) in spelled_values(TextView(text, lang, "target"))


def test_day_words_are_not_24_elsewhere():
    assert 24.0 not in spelled_values(TextView("в чём суть дела", "ru", "target"))
    assert 24.0 not in spelled_values(TextView("一个人", "zh", "target"))
