"""Robustness: the number parser and the NUM/UNI checks never crash and keep spans inside the text,
whatever the input (digits of any script, separators, scale words, units, stray marks)."""
from hypothesis import given, settings
from hypothesis import strategies as st

from audit.core.config import Config
from audit.pipeline.engine import check_pair
from audit.core.model import Pair
from audit.lang.numbers import parse_text
from audit.checks.registry import get

_PIECES = st.sampled_from([
    "1", "12", "1.000", "1,5", "2,5", "٣", "۱۲", "२०", "１２", "๒", " ", "\u00a0", "\u202f", ".", ",", ":", "/",
    "-", "%", "٪", "$", "£", "€", " km", " kg", " miles", " °C", " °F", "万", "億", "억", " million", " millones",
    " Milliarden", " млн", " лакх", " लाख", " crore", "th", "st", "er", "s", "'", " p.m.", " Uhr", "h", "年", "月",
    "日", "시", "분", "三", "二十", " three", " tres", " drei", " три", " de ", " of ", "G", "COVID-", "XIX", " ",
])
_TEXT = st.lists(_PIECES, max_size=24).map("".join)
_LANGS = st.sampled_from(["en", "es", "de", "fr", "ru", "zh", "ja", "ko", "ar", "fa", "hi", "th", "pl", "tr", None])
_CHECKS = [get(c) for c in ("NUM001", "NUM002", "NUM003", "UNI001", "UNI002")]


@settings(max_examples=300, deadline=None)
@given(_TEXT, _LANGS)
def test_parser_spans_are_inside_the_text(text, lang):
    for n in parse_text(text, lang):
        assert 0 <= n.start < n.end <= len(text)
        assert text[n.start:n.end] == n.text
        for p in n.parts:
            assert n.start <= p.start < p.end <= n.end


@settings(max_examples=300, deadline=None)
@given(_TEXT, _TEXT, _LANGS, _LANGS)
def test_checks_never_crash(source, target, sl, tl):
    pair = Pair(id="f", source=source, target=target, source_lang=sl, target_lang=tl)
    for flag in check_pair(pair, _CHECKS, Config()):
        for sp in flag.spans:
            text = pair.text(sp.side)
            assert 0 <= sp.start < sp.end <= len(text)
