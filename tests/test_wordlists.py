"""The memory-mapped word lists (audit.lang.wordlists) answer exactly as wordfreq does, or not at all
(languages wordfreq splits with MeCab or jieba);
the cache directory (audit.core.cache) builds once, atomically, and can be turned off."""
from __future__ import annotations

import os

import pytest
import wordfreq

from audit.core import cache
from audit.lang import wordlists

LANGS = ["en", "de", "ru", "el", "pl", "fr", "uk", "cs"]


def _sample(lang: str, n: int = 1500) -> list[str]:
    buckets = wordfreq.get_frequency_list(lang, "best")
    words = [w for b in buckets for w in b]
    stride = max(1, len(words) // n)
    return words[::stride]


@pytest.mark.parametrize("lang", LANGS)
def test_table_agrees_with_wordfreq(lang):
    t = wordlists.table(lang)
    assert t is not None, f"no table for {lang}"
    freqs = wordfreq.get_frequency_dict(lang, "best")
    answered = 0
    for w in _sample(lang):
        for form in (w, w.capitalize(), w.upper(), w + "x", w[:-1], "q" + w, w + "'s", w + "1"):
            z = t.zipf(form, lang)
            if z is not None:
                answered += 1
                assert z == wordfreq.zipf_frequency(form, lang), (lang, form)
        assert t.freq(w) == freqs[w]
    assert answered > 3000  # most lookups are answered here, without wordfreq
    assert t.freq("zzqxj-not-a-word") == 0.0


@pytest.mark.parametrize("word", ["l'eau", "straße", "ΣΟΦΟΣ", "na\u0301", "web2", "日本", "ﬁle", ""])
def test_words_wordfreq_would_change_are_not_answered(word):
    assert wordlists.plain(word, "en") is None


@pytest.mark.parametrize("lang", ["tr", "ar", "he", "fa"])
def test_languages_with_their_own_preprocessing_answer_through_wordfreqs_tokenizer(lang):
    # no plain look-up there: wordfreq's tokenizer and arithmetic over the table, same figures
    t = wordlists.table(lang)
    assert t is not None, f"no table for {lang}"
    for w in _sample(lang, 300):
        for form in (w, w.capitalize(), w + "1", f"{w} {w}", w + "\u064b", "zzqx" + w):
            assert t.zipf(form, lang) == wordfreq.zipf_frequency(form, lang), (lang, form)


def test_languages_wordfreq_splits_with_mecab_or_jieba_are_left_to_wordfreq():
    for lang in ("zh", "ja", "ko"):
        t = wordlists.table(lang)
        assert t is None or t.zipf("日本語", lang) is None


def test_cache_builds_once_and_can_be_turned_off(tmp_path, monkeypatch):
    src = tmp_path / "source.txt"
    src.write_text("abc", encoding="utf-8")
    calls = []

    def build(folder):
        calls.append(folder)
        with open(os.path.join(folder, "out"), "w", encoding="utf-8") as fh:
            fh.write("built")

    monkeypatch.setenv("TRANSAUDIT_CACHE_DIR", str(tmp_path / "cache"))
    first = cache.derived("thing", [str(src)], build)
    again = cache.derived("thing", [str(src)], build)
    assert first == again and len(calls) == 1
    assert open(os.path.join(first, "out"), encoding="utf-8").read() == "built"
    src.write_text("abcd", encoding="utf-8")  # the source changed: a new entry
    assert cache.derived("thing", [str(src)], build) != first and len(calls) == 2
    monkeypatch.setenv("TRANSAUDIT_CACHE_DIR", "off")
    assert cache.derived("thing", [str(src)], build) is None


def test_a_failed_build_leaves_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("TRANSAUDIT_CACHE_DIR", str(tmp_path / "cache"))
    src = tmp_path / "s"
    src.write_text("x", encoding="utf-8")

    def build(folder):
        raise OSError("disk full")

    assert cache.derived("thing", [str(src)], build) is None
    assert os.listdir(tmp_path / "cache") == []


def test_cache_root_that_cannot_be_made_turns_the_cache_off(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("TRANSAUDIT_CACHE_DIR", str(blocker / "sub"))
    assert cache.cache_root() is None


def test_cached_langid_model_gives_the_same_probabilities(monkeypatch):
    import numpy as np
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    from audit.lang import langid

    plain_model = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    cached = langid._full_identifier()
    assert langid._cached_model() is not None
    for text in ["The minister said no.", "Der Minister sagte nein.", "Министр сказал нет.", "部长说不。", ""]:
        assert np.array_equal(plain_model._decide(text), cached._decide(text))
