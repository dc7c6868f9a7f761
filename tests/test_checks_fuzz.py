"""Every registered check, fuzzed through the public API: ``audit_pairs(pairs, Config(select=(code,)))``.

The test is parametrized over ``audit.checks.registry.all_checks()``, so a newly registered check is
fuzzed without touching this file. Each example is a small corpus (1-6 pairs in one language pair,
sources sometimes repeated so the corpus checks CON001/CON002 have something to compare; LEN001/
LEN002 see the same corpus, MET001 gets references on some pairs, ALN001/ALN002 get random
sentence alignments, TRM001/TRM002 the test glossaries). Texts mix scripts (Latin with diacritics,
Cyrillic, Arabic, Devanagari, Han, kana, Thai, Hangul), digits of several scripts, punctuation,
placeholders and markup, whitespace and control characters, and long repeats.

Asserted for every flag: the code, name and category the check declares; the declared severity
(or the check's own grading, for the checks listed in ``GRADED``), and the configured severity
whenever one is configured; every span on a side the pair has, inside that side's text, and the
span text of the report contract (``serialize.flag_dict``) equal to ``text[start:end]``; spans
non-empty except for the checks listed in ``EMPTY_SPAN_OK`` (with the reason); a flag without any
span only for the checks in ``NO_SPAN_OK``. The same input audited twice gives the same flags.

Bounded: ``MAX_EXAMPLES`` examples per check, ``derandomize=True`` (the same examples on every
run, CI included), ``deadline=None`` (a shared machine is noisy), no shrinking phase (a failure
shows the example as generated; shrinking a failure of a 40-check run can take minutes).
"""
from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from audit import Config, audit_pairs
from audit.checks.registry import all_checks
from audit.core.model import Alignment, Pair, Severity
from audit.outputs.serialize import flag_dict

HERE = os.path.dirname(os.path.abspath(__file__))
GLOSSARIES = tuple(os.path.join(HERE, "fixtures", "glossary", n)
                   for n in ("en-es.tsv", "en-de.csv", "en-ru.tbx", "en-zh.tbx", "zh-en.tsv"))
CHECKS = all_checks()
MAX_EXAMPLES = 25
METRICS = ("chrF",)  # pairs with references are scored: one metric keeps the bootstrap cheap

# Checks whose findings may carry their own severity (graded by how bad the case is) instead of
# the declared one; a configured severity still overrides it (asserted for every check).
GRADED: dict[str, str] = dict.fromkeys(
    ("ADQ001", "ENC002", "GLU001", "LEN001", "LEN002", "MET001", "MET002", "MRK001", "MRK003", "NUM001",
     "NUM002", "REP001", "REP002", "UNT001", "UNT002", "OMI001", "ADD001"),
    "grades each finding (minor/major/critical) by how much of the text is at stake (see its doc)")
# Checks allowed to report an empty span (an insertion point), and why.
EMPTY_SPAN_OK: dict[str, str] = {
    "EMP002": "spans the whole blank target, which is (0, 0) when the target is ''",
    "WSP004": "the related span marks where the target lacks the source's tab (an insertion point)",
    "WSP005": "the related span marks where the target lacks the source's line break (an insertion point)",
}
# Checks allowed to report a flag without any span, and why.
NO_SPAN_OK: dict[str, str] = {}

PIECES = [
    # Latin with diacritics, decomposed too; Cyrillic; Greek; Arabic; Hebrew; Devanagari; Thai
    "Café ", "naïve ", "Ça va? ", "e\u0301te\u0301 ", "Straße ", "İstanbul ", "Đà Nẵng ",
    "Привет, мир. ", "Москва ", "Αθήνα ", "مرحبا بالعالم. ", "القاهرة ", "שלום ", "नमस्ते दुनिया। ",
    "दिल्ली ", "สวัสดีครับ ", "กรุงเทพ ",
    # Han, kana, Hangul
    "你好，世界。", "北京", "新措施", "的的", "こんにちは。", "カタカナ", "東京都", "안녕하세요. ",
    # digits of several scripts, numbers with units and separators
    "42 ", "3.14 ", "1,000 ", "12 km ", "5 kg ", "٣٤ ", "۱۲ ", "४२ ", "๑๒ ", "１２ ", "10%", "$5 ", "2024-01-01 ",
    # punctuation and brackets
    ". ", ", ", "! ", "? ", "¿", "¡", "«", "»", "“", "”", "\"", "'", "(", ")", "[", "]", "…", "。", "、", " :", " ;",
    # placeholders and markup
    "%s ", "%d ", "{0} ", "{name} ", "<b>", "</b>", "<br/>", "<a href=\"http://x.org\">", "</a>",
    "http://example.com ", "&amp; ",
    # whitespace and control characters
    " ", "  ", "\t", "\n", "\u00a0", "\u200b", "\x07", "\x00", "\u202e", "\ufffd",
    # mojibake, acronyms, names, glossary terms
    "Ã©", "â€™", "NASA ", "UNESCO ", "Paris ", "John Smith ", "server ", "servidor ", "fichero ",
    "database ", "сервер ", "服务器", "file ",
    # repeats
    "the the ", "la la la la la la ", "ha" * 40, "word " * 12, "的" * 30,
]
TEXT = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=6)), max_size=14).map("".join)
LANG_PAIRS = st.sampled_from([
    ("en", "es"), ("en", "ru"), ("en", "zh"), ("zh", "en"), ("ar", "en"), ("en", "hi"), ("ja", "ko"),
    ("de", "fr"), ("en", "th"), ("ru", "uk"), ("en", "de"), ("es", "en"), (None, None),
])
ALIGN = st.one_of(st.none(), st.builds(
    Alignment, st.lists(st.integers(0, 3), max_size=2).map(tuple),
    st.lists(st.integers(0, 3), max_size=2).map(tuple), st.one_of(st.none(), st.floats(0, 1))))


@st.composite
def corpora(draw):
    sl, tl = draw(LANG_PAIRS)
    sources = draw(st.lists(TEXT, min_size=1, max_size=3))
    with_refs = draw(st.integers(0, 3)) == 0  # references cost a metric bootstrap: 1 corpus in 4
    pairs = []
    for i in range(draw(st.integers(1, 6))):
        source = draw(st.sampled_from(sources))  # repeated sources: CON001 / CON002 material
        target = draw(st.one_of(TEXT, st.just(source), st.none(), st.just("")))
        refs = (draw(TEXT),) if with_refs else ()
        pairs.append(Pair(id=f"p{i}", source=source, target=target, references=refs, source_lang=sl,
                          target_lang=tl, align=draw(ALIGN), index=i))
    return pairs


def _params():
    out = []
    for code, chk in CHECKS.items():
        marks = []
        if chk.spec.requires == "semantic":
            from audit.lang import semantic

            why = semantic.unavailable_reason()
            if why:
                marks.append(pytest.mark.skip(reason=f"{code} needs the semantic extra: {why}"))
        out.append(pytest.param(code, marks=marks, id=code))
    return out


def _assert_flag(code: str, pair: Pair, flag, configured: Severity | None) -> None:
    spec = CHECKS[code].spec
    assert (flag.code, flag.name, flag.category) == (spec.code, spec.name, spec.category), flag
    if configured is not None:
        assert flag.severity == configured, flag
    elif code not in GRADED:
        assert flag.severity == spec.severity, flag
    assert flag.spans or code in NO_SPAN_OK, f"{code} flag without a span: {flag}"
    for sp in flag.spans:
        text = pair.text(sp.side)  # raises on a side the pair has not got
        assert 0 <= sp.start <= sp.end <= len(text), (flag, sp, text)
        assert sp.start < sp.end or code in EMPTY_SPAN_OK, f"{code} empty span {sp} on {text!r}"
    d = flag_dict(pair, flag)
    if flag.spans:
        p = flag.spans[0]
        assert (d["side"], d["start"], d["end"]) == (p.side, p.start, p.end)
        assert d["text"] == pair.text(p.side)[p.start:p.end]
    for rel, sp in zip(d["related"], flag.spans[1:]):
        assert rel["text"] == pair.text(sp.side)[sp.start:sp.end]


def _flags(result):
    return [(seg.pair.id, f) for seg in result.segments for f in seg.flags]


@pytest.mark.parametrize("code", _params())
def test_check_fuzzed(code):
    sev = Severity.CRITICAL if CHECKS[code].spec.severity != Severity.CRITICAL else Severity.MINOR

    @settings(max_examples=MAX_EXAMPLES, deadline=None, derandomize=True, database=None, phases=(Phase.generate,),
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(pairs=corpora())
    def run(pairs):
        cfg = Config(select=(code,), glossary=GLOSSARIES)
        first = audit_pairs(pairs, cfg, jobs=1, metrics=METRICS)
        for seg in first.segments:
            for flag in seg.flags:
                _assert_flag(code, seg.pair, flag, None)
        assert _flags(audit_pairs(pairs, cfg, jobs=1, metrics=METRICS)) == _flags(first)  # deterministic
        # a configured severity wins over the declared and the graded one; nothing else changes
        over = audit_pairs(pairs, Config(select=(code,), glossary=GLOSSARIES, severity={code: sev}), jobs=1, metrics=METRICS)
        for seg in over.segments:
            for flag in seg.flags:
                _assert_flag(code, seg.pair, flag, sev)
        assert [(i, f.spans, f.message, f.fingerprint) for i, f in _flags(over)] == \
               [(i, f.spans, f.message, f.fingerprint) for i, f in _flags(first)]

    run()


def test_every_registered_check_is_fuzzed():
    """The parametrization is the registry itself; the exemption lists name only real checks."""
    ids = [p.id for p in _params()]
    assert ids == sorted(CHECKS) and len(ids) == len(set(ids))
    for listed in (GRADED, EMPTY_SPAN_OK, NO_SPAN_OK):
        assert set(listed) <= set(CHECKS), set(listed) - set(CHECKS)
        assert all(reason.strip() for reason in listed.values())
