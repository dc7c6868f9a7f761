"""The CLDR data shipped in ``audit/lang/data/cldr`` is complete, and results do not depend on Babel's release."""
from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys

import pytest

from audit.lang import cldr
from audit.lang.names import exonyms

FIELDS = ("territories", "languages", "cities", "months", "weekdays", "decimal", "group", "plurals")


@pytest.mark.parametrize("lang", cldr.meta()["languages"])
def test_every_language_has_complete_data(lang):
    rec = cldr.data(lang)
    assert rec is not None and rec["language"] == lang
    for field in FIELDS:
        assert field in rec, field
    assert len(rec["territories"]) > 200 and len(rec["languages"]) > 50
    assert len(rec["cities"]) > 300
    assert {num for _, num in rec["months"]} == set(range(1, 13))
    assert {num for _, num in rec["weekdays"]} == set(range(7))
    assert rec["decimal"] and rec["group"]


def test_english_cities_that_cldr_47_no_longer_lists():
    # Babel 2.19 dropped English exemplar cities equal to the zone id; the shipped data resolves them
    cities = cldr.data("en")["cities"]
    for tz, city in (("Europe/London", "London"), ("Europe/Dublin", "Dublin"), ("Pacific/Honolulu", "Honolulu")):
        assert cities[tz] == city
    assert "Лондон" in exonyms("London", "en", "ru")
    assert "Dublín" in exonyms("Dublin", "en", "es")
    assert "檀香山" in exonyms("Honolulu", "en", "zh")


def test_aliases_and_unknown_languages():
    assert cldr.data("no")["language"] == "nb"
    assert cldr.data("pt-BR")["language"] == "pt"
    assert cldr.data("zh_Hant")["language"] == "zh"
    assert cldr.data("xx") is None and cldr.number_symbols("xx") is None
    assert cldr.calendar_names(None, "months") == []
    assert cldr.is_language_code("de-AT") and not cldr.is_language_code("source")


def test_results_do_not_import_babel():
    code = ("import sys; from audit import audit_pairs, Pair;"
            "audit_pairs([Pair('1', 'London, 3 May: 2.5 million.', 'Лондон, 3 мая: 2,5 млн.', source_lang='en', target_lang='ru')]);"
            "print('babel' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_data_is_what_the_build_script_makes():
    """With the Babel release the data was built from, the script reproduces it exactly."""
    if importlib.util.find_spec("babel") is None:
        pytest.skip("babel (the build extra) is not installed")
    import babel

    if babel.__version__ != cldr.meta()["babel"]:
        pytest.skip(f"data built with Babel {cldr.meta()['babel']}, {babel.__version__} installed")
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    sys.path.insert(0, os.path.join(root, "scripts"))
    try:
        import build_cldr
    finally:
        sys.path.pop(0)
    zones = build_cldr._zones()
    for lang in ("en", "ru", "zh", "ar"):
        assert build_cldr.language_data(lang, zones) == cldr.data(lang)
    shipped = json.load(open(os.path.join(cldr.DATA_DIR, "_meta.json"), encoding="utf-8"))
    assert build_cldr.meta(zones) == shipped


def test_stemmers_named_by_the_glossary_exist():
    import snowballstemmer

    from audit.checks.glossary.matching import _stemmer
    from audit.lang.profiles import known_languages, profile

    named = {lang: profile(lang).stemmer for lang in known_languages() if profile(lang).stemmer}
    assert named, "no language profile names a stemmer"
    assert set(named.values()) <= set(snowballstemmer.algorithms())
    for lang in named:
        assert _stemmer(lang) is not None
