"""Language profiles (audit/lang/profiles.py, audit/lang/data/profiles/*.toml): every supported
language has a complete, consistent profile; unknown languages and region variants resolve."""
from __future__ import annotations

import pytest

from audit.core.text import char_script
from audit.lang import profiles
from audit.lang.profiles import (
    CASELESS_SCRIPTS, SPACELESS_SCRIPTS, SUPPORTED, known_languages, profile, raw_fields,
)

NTREX = "en es fr de it pt ru zh ja ko ar hi tr pl he th fa uk vi".split()
MORE = "nl cs sv da nb fi el hu ro bg hr sr sk sl id ms ca".split()
# bound negation only where the language has it; spelled numbers only where the number checks read
# them (English, Spanish, German, Russian... 17 languages; Chinese and Japanese are parsed by rule)
# flagged_doubles only in languages that reduplicate
OPTIONAL = {"negation.affixes", "negation.patterns", "negation.idioms", "negation.weak", "negation.weak_patterns", "negation.nominal", "negation.doubles", "numbers.words", "numbers.stems", "repetition.flagged_doubles"}
REQUIRED = (set(profiles._TOP_FIELDS)
            | {f"{table}.{name}" for table, fields in profiles._TABLE_FIELDS.items() for name in fields}) - OPTIONAL
# one letter of each script the profiles name, to check the names against char_script
SAMPLE = {"Latin": "a", "Cyrillic": "ж", "Greek": "λ", "Arabic": "ب", "Hebrew": "ש", "Han": "中",
          "Hiragana": "ひ", "Katakana": "カ", "Hangul": "한", "Devanagari": "क", "Thai": "ก"}


def test_supported_covers_ntrex_and_the_other_languages():
    assert set(NTREX + MORE) <= set(SUPPORTED)
    assert set(SUPPORTED) <= set(known_languages())


@pytest.mark.parametrize("lang", SUPPORTED)
def test_supported_profile_is_complete(lang):
    fields = raw_fields(lang)
    missing = sorted(REQUIRED - set(fields))
    assert not missing, f"{lang}.toml lacks {missing}"
    p = profile(lang)
    assert p.known and p.name and p.scripts
    assert p.negation, f"{lang}: no negation words"
    assert p.scale_words, f"{lang}: no scale words"
    assert len(p.quotes) == 4
    assert p.sentence_end and p.question_marks
    assert p.flagged_doubles or not p.reduplicating or lang == "ko"  # Korean: none flagged
    assert p.decimal and p.group, f"{lang}: no CLDR number symbols"
    for script in p.scripts:
        if script in SAMPLE:
            assert char_script(SAMPLE[script]) == script


@pytest.mark.parametrize("lang", known_languages())
def test_spacing_and_case_agree_with_the_main_script(lang):
    p = profile(lang)
    main = p.scripts[0]
    assert p.spaceless == (main in SPACELESS_SCRIPTS), lang
    assert p.cased == (main not in CASELESS_SCRIPTS), lang


def test_what_the_checks_relied_on():
    assert profile("zh").spaceless and profile("ja").spaceless and profile("th").spaceless
    assert not profile("ko").spaceless and profile("ko").substring_terms and not profile("ko").cased
    assert profile("de").nouns_capitalised and profile("de").compounding and profile("de").stemmer == "german"
    assert profile("fr").elision and profile("fr").space_before_high_marks
    assert profile("ar").clitic_prefixes and not profile("ar").cased
    assert ";" in profile("el").question_marks and ";" not in profile("en").question_marks
    assert profile("th").optional_full_stop and profile("th").space_separates_phrases
    assert profile("vi").isolating and not profile("en").isolating
    assert "z.b" in profile("de").no_break and "mr" in profile("de").no_break  # own + common
    assert profile("de").scale_words["tausend"] == 1e3 and profile("de").decimal == ","
    assert profile("de").number_words["zwei"] == 2 and profile("ru").number_stems["втор"] == 2
    assert profile("en").number_words["a"] == 1  # articles that mean "one"
    assert "that" in profile("en").allowed_doubles and "vous" in profile("fr").allowed_doubles
    assert profile("tr").reduplicating and "ve" in profile("tr").flagged_doubles
    assert profile("ko").reduplicating and not profile("ko").flagged_doubles
    assert profile("ar").letter_name_acronyms and not profile("he").letter_name_acronyms


def test_unknown_language_gets_the_default_profile():
    for lang in ("xx", None, ""):
        p = profile(lang)
        assert not p.known and p.spacing == "spaced" and p.cased
        assert not p.negation and p.decimal is None
        assert "mr" in p.no_break  # the common abbreviations


def test_region_variants():
    assert profile("pt-PT").long_scale and profile("pt-PT").negation == profile("pt").negation
    assert not profile("pt-BR").long_scale and profile("pt-BR").code == "pt"
    assert profile("zh_Hant").code == "zh" and profile("de-CH").code == "de"


def test_scale_words_do_not_conflict():
    table = profiles.scale_words_everywhere()
    assert table["billion"] == 1e9 and table["milliard"] == 1e9 and table["万"] == 1e4


@pytest.mark.parametrize("raw, message", [
    ({"spacing": "sideways"}, "spacing must be one of"),
    ({"nouns_capitalized": True}, "unknown field"),
    ({"punctuation": {"quote": []}}, "punctuation.quote"),
    ({"case": 1}, "wrong type"),
])
def test_bad_profile_fields_are_errors(raw, message):
    with pytest.raises(ValueError, match=message):
        profiles._flatten(raw, "xx.toml")


def test_checks_declare_a_known_language_scope():
    from audit.checks.registry import LANG_SCOPES, all_checks
    from audit.cli.checks import describe

    checks = all_checks()
    assert all(c.spec.lang_scope in LANG_SCOPES for c in checks.values())
    assert checks["CAS001"].spec.lang_scope == "cased-target"
    assert "languages: targets in a cased script" in describe(checks["CAS001"].spec)
    assert "languages: targets es" in describe(checks["PUN004"].spec)


def test_language_identification_reads_the_profile_scripts():
    from audit.lang import langid

    for lang in known_languages():
        assert langid.expected_scripts(lang) == frozenset(profile(lang).scripts), lang
    assert langid.expected_scripts("pa") == {"Gurmukhi", "Arabic"}  # Shahmukhi too
    assert langid.expected_scripts("gl") == {"Latin"}  # no profile: identification's own table
