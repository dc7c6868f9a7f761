"""Robustness of the ENC/REP/LEN/UNT002 checks on arbitrary text: no crash, spans in range."""
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from audit.checks.context import CorpusContext
from audit.checks.families import length
from audit.core.model import Pair
from helpers import neighbour, run_check

CODES = ["ENC001", "ENC002", "ENC003", "ENC004", "REP001", "REP002", "REP003", "UNT002"]
ALPHABET = st.characters(codec="utf-8", exclude_categories=("Cs",))
# text built from pieces that trigger the checks' gates: repeats, mixed scripts, mojibake
PIECES = st.sampled_from(["the ", "the the ", "Ã©", "â€™", "\ufffd", "\u202e", "\x07", "Pаris ", "的的",
                          "新措施", "de la ", "  ", ". ", "安倍晋三", "anak-anak ", "la guerra comercial "])
TEXT = st.lists(st.one_of(PIECES, st.text(ALPHABET, max_size=8)), max_size=25).map("".join)
LANGS = st.sampled_from(["en", "es", "de", "ru", "zh", "ja", "ar", "hi", "tr", "th", None])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(src=TEXT, tgt=TEXT, prev_tgt=TEXT, sl=LANGS, tl=LANGS)
def test_pair_checks_never_crash_and_spans_are_exact(src, tgt, prev_tgt, sl, tl):
    prev = neighbour(src, prev_tgt, sl, tl)
    for code in CODES:
        for f in run_check(code, src, tgt, sl, tl, prev=prev):  # run_check asserts span bounds
            for sp in f.spans:
                text = src if sp.side == "source" else tgt
                assert 0 <= sp.start < sp.end <= len(text)


@settings(max_examples=40, deadline=None)
@given(rows=st.lists(st.tuples(TEXT, TEXT), max_size=30), sl=LANGS, tl=LANGS)
def test_length_checks_never_crash(rows, sl, tl):
    pairs = [Pair(id=str(i), source=s, target=t, source_lang=sl, target_lang=tl, index=i)
             for i, (s, t) in enumerate(rows)]
    ctx = CorpusContext(pairs)
    for fn in (length.too_short, length.too_long):
        for i, f in fn(pairs, ctx):
            assert 0 <= i < len(pairs)
            for sp in f.spans:
                assert sp.end <= len(pairs[i].text(sp.side))
