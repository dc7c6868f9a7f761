"""Sentence lengths (characters, and subword tokens across scripts), the length ratio priors and the
script test that decides whether tokens are used."""
from __future__ import annotations

from typing import Sequence

import numpy as np

from audit.core.model import base_lang
from audit.core.text import main_script


def char_lengths(texts: Sequence[str]) -> np.ndarray:
    return np.array([len(t) - t.count(" ") for t in texts], dtype=np.float64)


def token_lengths(texts: Sequence[str]) -> np.ndarray:
    """Subword tokens of each text (``audit.subword``, the multilingual sentencepiece model that
    ships with the package): a length comparable across scripts, where characters are not (a
    Chinese character carries several Latin letters' worth of text, a Thai word several letters)."""
    from audit.lang.subword import token_counts

    return np.asarray(token_counts(texts), dtype=np.float64)


# characters per sentence relative to English, by language (from parallel news text): a prior for
# the length ratio of short documents
_CHARS = {"en": 1.0, "de": 1.12, "fr": 1.15, "es": 1.13, "it": 1.12, "pt": 1.1, "nl": 1.1, "ru": 1.05,
          "uk": 1.02, "pl": 1.05, "cs": 0.97, "tr": 1.0, "sv": 1.0, "da": 1.0, "fi": 1.02, "el": 1.13,
          "ar": 0.9, "he": 0.8, "fa": 0.95, "hi": 1.0, "vi": 1.05, "id": 1.12, "zh": 0.3, "ja": 0.4,
          "ko": 0.45, "th": 0.95}


def prior_ratio(src_lang: str | None, tgt_lang: str | None) -> float | None:
    a, b = _CHARS.get(base_lang(src_lang) or ""), _CHARS.get(base_lang(tgt_lang) or "")
    if a is None or b is None:
        return None
    return b / a


def script_of(texts: Sequence[str]) -> str | None:
    """The script most letters of the first sentences are written in (kana counted as Han: a
    Japanese text is mostly both)."""
    sc = main_script(" ".join(t[:300] for t in texts[:200]))
    return "Han" if sc in ("Hiragana", "Katakana") else sc


def scripts_differ(a: Sequence[str], b: Sequence[str]) -> bool:
    sa, sb = script_of(a), script_of(b)
    return sa is not None and sb is not None and sa != sb



def side_lengths(src: Sequence[str], tgt: Sequence[str], src_lang: str | None, tgt_lang: str | None):
    """Both sides' sentence lengths in characters and (for different scripts) subword tokens, and
    the length ratios the search predicts the target from: (sl, tl, su, tu, ratio, uratio), where
    the token lengths are zeros and ``uratio`` None for one script. Short documents say little
    about their own ratios (an omission skews them), so they lean on the languages' priors."""
    n, m = len(src), len(tgt)
    sl, tl = char_lengths(src), char_lengths(tgt)
    ratio = float(tl.sum() / max(1.0, sl.sum()))
    prior = prior_ratio(src_lang, tgt_lang)
    if prior is not None:
        w = min(1.0, (n + m) / 200.0)
        ratio = w * ratio + (1.0 - w) * prior
    uratio = None
    su, tu = np.zeros(n), np.zeros(m)
    if scripts_differ(src, tgt):
        su, tu = token_lengths(src), token_lengths(tgt)
        uratio = float(tu.sum() / max(1.0, su.sum()))
        from audit.lang.subword import TOKEN_FACTOR

        a, b = TOKEN_FACTOR.get(base_lang(src_lang) or ""), TOKEN_FACTOR.get(base_lang(tgt_lang) or "")
        if a and b:
            w = min(1.0, (n + m) / 200.0)
            uratio = w * uratio + (1.0 - w) * b / a
    return sl, tl, su, tu, ratio, uratio
