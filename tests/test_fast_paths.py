"""Faster code paths give what the plain code gives: script counts, word tokens, spelling candidates."""
from __future__ import annotations

import pytest

from audit.core.text import WORD_RE, Token, char_script, script_counts, words
from audit.lang.spelling import _alphabet, _freqs, _variants
from audit.pipeline.engine import _running

TEXTS = ["", "...", "12 + 3", "Hello, World", "Héllo wörld", "Москва и Hello", "東京 Tokyo 東京タワー",
         "مرحبا Hello", "नमस्ते दुनिया", "ÀÉÎ ÕÜ ß ﬁ", "Ελλάδα and Россия, 中国"]


def _plain_script_counts(text: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for ch in text:
        if ch.isalpha():
            s = char_script(ch)
            counts[s] = counts.get(s, 0) + 1
    return counts


@pytest.mark.parametrize("text", TEXTS)
def test_script_counts_same_counts_and_order(text):
    fast, plain = script_counts(text), _plain_script_counts(text)
    assert fast == plain
    assert list(fast) == list(plain)  # the order scripts first come in


def test_script_counts_examples():
    assert script_counts("Москва и Hello") == {"Cyrillic": 7, "Latin": 5}
    assert script_counts("12 + 3") == {}


@pytest.mark.parametrize("text", TEXTS)
def test_words_are_the_plain_tokens(text):
    got = words(text)
    assert got == [Token(m.start(), m.end(), m.group()) for m in WORD_RE.finditer(text)]
    assert all(type(t) is Token and text[t.start:t.end] == t.text for t in got)


@pytest.mark.parametrize("lang,word", [("en", "goverment"), ("de", "regierng"), ("ru", "правительсво"),
                                       ("en", "the"), ("es", "gobierrno")])
def test_best_of_is_the_loop_over_freq(lang, word):
    freqs = _freqs(lang)
    alphabet = _alphabet(lang)
    for floor in (10 ** (3.3 - 9), 10 ** (1.0 - 9), 10 ** (6.0 - 9)):
        best, best_f = None, floor
        for v in _variants(word, alphabet):
            f = freqs.freq(v)
            if f >= best_f and v != word:
                best, best_f = v, f
        assert freqs.best_of(_variants(word, alphabet), floor, word) == best


def test_best_of_finds_the_slip():
    freqs = _freqs("en")
    assert freqs.best_of(_variants("goverment", _alphabet("en")), 10 ** (3.3 - 9), "goverment") == "government"


def test_running_codes_follow_the_list():
    class C:
        def __init__(self, code):
            self.code = code

    a, b = [C("NUM001"), C("ENT001")], [C("SPL001")]
    assert _running(a) == {"NUM001", "ENT001"}
    assert _running(b) == {"SPL001"}
    assert _running(a) is _running(a)
    assert _running([C("X")]) == {"X"}


def test_sounds_like_is_the_fuzzy_pattern():
    import random

    from audit.lang.translit import _pattern, _sounds_like

    rnd = random.Random(7)
    alpha = "BKTSRN"
    for _ in range(3000):
        k = "".join(rnd.choice(alpha) for _ in range(rnd.randint(3, 11)))
        t = list(k)
        for _ in range(rnd.randint(0, 3)):  # a few edits, then a prefix and a suffix
            i = rnd.randrange(len(t))
            t[i:i + 1] = rnd.choice(([], [rnd.choice(alpha)], [t[i], rnd.choice(alpha)]))
        t = "".join(rnd.choice(alpha) for _ in range(rnd.randint(0, 3))) + "".join(t) + \
            "".join(rnd.choice(alpha) for _ in range(rnd.randint(0, 3)))
        for pre in (-1, 0, 2):
            assert _sounds_like(k, t, pre) == (_pattern(k, pre).search(t) is not None), (k, t, pre)
    assert _sounds_like("RBRBR", "RBRBR", 0) and _sounds_like("KRS", "NKRST", -1)
    assert not _sounds_like("KRS", "KR", 0) and not _sounds_like("KRS", "NNNNKRS", 2)
