"""LEN: target too short (omission, truncation) or too long (addition) for its source.

Corpus-scope checks. Lengths are measured in characters weighted by script (an ideograph
carries about as much text as 2.8 Latin letters, a kana 1.6, a Hangul syllable 2.2), so that a
Japanese sentence full of Latin names is not "too long". For each language pair the expected
log length ratio and its spread are learned from the corpus itself when it has enough pairs
(robust median and MAD), else taken from the priors below. The noise of a ratio shrinks with
length, so the threshold is a deviation in log ratio against ``sqrt(s0² + c / L)``, ``L`` the
source length in English-equivalent characters; short segments are never judged. Candidates
are confirmed with subword token counts (``audit.subword``) when the model is available.
"""
from __future__ import annotations

import math
import statistics
from typing import Callable, Iterable, Sequence

from audit.checks.context import CorpusContext
from audit.checks.registry import Option, check
from audit.core import lazyre
from audit.core.model import Finding, Pair, base_lang, hit
from audit.lang.profiles import profile
from audit.lang.subword import TOKEN_FACTOR

# Non-space characters of each language relative to English for the same content, in the
# script-weighted measure above. Measured by this project on NTREX-128 (1,997 professionally
# translated news sentences, eng.txt against each translation: the median of the per-sentence
# ratios): es de fr it pt ru zh ja ko ar hi tr pl he th fa uk vi. The others are estimates from
# published expansion rates for translation from English (localisation guides), marked "est".
CHAR_FACTOR: dict[str, float] = {
    "en": 1.0,
    # measured (NTREX-128)
    "es": 1.155, "fr": 1.192, "de": 1.220, "it": 1.178, "pt": 1.126, "ru": 1.139, "zh": 1.009,
    "ja": 1.006, "ko": 1.028, "ar": 0.918, "hi": 1.016, "tr": 1.113, "pl": 1.163, "he": 0.800,
    "th": 1.102, "fa": 0.949, "uk": 1.082, "vi": 1.030,
    # est
    "nl": 1.15, "ca": 1.15, "gl": 1.15, "ro": 1.15, "el": 1.18, "bg": 1.10, "sr": 1.08, "hr": 1.08,
    "bs": 1.08, "sl": 1.05, "cs": 1.05, "sk": 1.07, "hu": 1.12, "fi": 1.10, "et": 1.05, "lv": 1.08,
    "lt": 1.08, "sv": 1.05, "da": 1.05, "nb": 1.05, "no": 1.05, "is": 1.08, "id": 1.15, "ms": 1.15,
    "tl": 1.25, "sw": 1.10, "bn": 0.98, "ur": 0.98, "ta": 1.25, "te": 1.08, "mr": 1.02, "gu": 1.0,
    "kn": 1.15, "ml": 1.20, "pa": 1.0, "ne": 1.02, "si": 1.05, "km": 1.10, "lo": 1.10, "my": 1.25,
    "ka": 1.10, "hy": 1.10, "az": 1.08, "kk": 1.08, "uz": 1.10, "mn": 1.10, "am": 0.80, "af": 1.05,
    "eu": 1.10, "cy": 1.05, "ga": 1.15, "mt": 1.10, "sq": 1.10, "mk": 1.10, "be": 1.10,
}

# Noise of a log length ratio: sigma(L)^2 = s0^2 + C / L, L the source length in
# English-equivalent weighted characters (fitted on NTREX-128: the robust spread falls from about
# 0.23 at 30 characters to about 0.11 at 200 for European languages, from 0.27 to 0.16 for CJK).
S0_CLOSE, S0_DISTANT, S0_UNKNOWN = 0.08, 0.13, 0.20
NOISE_C = 1.6
Z = 3.0  # deviation, in sigmas, before a ratio is suspicious
MIN_LEN = 22  # English-equivalent characters: shorter sources are never judged
MIN_CORPUS = 200  # pairs of one language pair before its own distribution is trusted
# Ratio (observed / expected) limits: beyond these and Z sigmas a pair is flagged; beyond the
# "major" ones the flag is major (a lost clause, a doubled paragraph).
SHORT_MINOR, SHORT_MAJOR = 0.67, 0.5
LONG_MINOR, LONG_MAJOR = 1.5, 2.0
# A short target is major only for a source of at least this many English-equivalent characters
# and a deviation of at least this many sigmas: on short sentences a correct, terse translation
# (a headline, a dropped courtesy phrase) reaches half the expected length too often.
MAJOR_MIN_LEN, MAJOR_Z = 60.0, 4.0

_HAN = lazyre.re_compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3005\U00020000-\U0002fa1f]")
_KANA = lazyre.re_compile("[\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f]")
_HANGUL = lazyre.re_compile("[\uac00-\ud7af\u1100-\u11ff\u3130-\u318f]")
_WIDE = lazyre.re_compile("[\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
W_HAN, W_KANA, W_HANGUL = 2.8, 1.6, 2.2


def weighted_length(text: str) -> float:
    """Non-space characters, ideographs counting 2.8, kana 1.6, Hangul 2.2."""
    n = len(text) - text.count(" ")
    if _WIDE.search(text):
        n += ((W_HAN - 1) * len(_HAN.findall(text)) + (W_KANA - 1) * len(_KANA.findall(text))
              + (W_HANGUL - 1) * len(_HANGUL.findall(text)))
    return float(n)


def _token_counter() -> Callable[[str], int] | None:
    """The subword token counter (the sentencepiece model ships in the package)."""
    from audit.lang import subword

    return subword.token_count  # the model loads on the first count (a short corpus may need none)


def prior(src: str | None, tgt: str | None) -> tuple[float, float, bool]:
    """(expected log ratio, s0, known) for a language pair, composed via English."""
    fs, ft = CHAR_FACTOR.get(src or ""), CHAR_FACTOR.get(tgt or "")
    if fs is None or ft is None:
        return 0.0, S0_UNKNOWN, False
    distant = _distant(src) != _distant(tgt) or _han(src) or _han(tgt)
    return math.log(ft / fs), S0_DISTANT if distant else S0_CLOSE, True


_EUROPEAN_SCRIPTS = frozenset({"Latin", "Cyrillic", "Greek"})


def _distant(lang: str | None) -> bool:
    """Written in a script other than Latin, Cyrillic or Greek (from the language's profile)."""
    scripts = profile(lang).scripts
    return bool(scripts) and scripts[0] not in _EUROPEAN_SCRIPTS


def _han(lang: str | None) -> bool:
    """Written with Han characters (Chinese, Japanese, Korean): lengths differ most."""
    return "Han" in profile(lang).scripts



class _Model:
    """Expected log ratio and noise for one language pair."""

    def __init__(self, mu: float, s0: float, scale: float, learned: int, tok_mu: float | None):
        self.mu = mu
        self.s0 = s0
        self.scale = scale  # corpus spread relative to the prior noise model
        self.learned = learned  # pairs it was learned from (0: priors)
        self.tok_mu = tok_mu

    def sigma(self, L: float) -> float:
        return self.scale * math.sqrt(self.s0 * self.s0 + NOISE_C / max(L, 1.0))


def _robust(xs: Sequence[float]) -> tuple[float, float]:
    m = statistics.median(xs)
    return m, 1.4826 * statistics.median([abs(x - m) for x in xs])


def _analyse(pairs: Sequence[Pair], min_corpus: int, z: float, min_len: float,
             use_tokens: bool) -> tuple[list, list, dict]:
    """(too short, too long) findings as (index, Finding) lists, and the model of each
    language pair."""
    groups: dict[tuple, list] = {}
    for idx, p in enumerate(pairs):
        t = p.target
        if not t or not p.source or t == p.source:
            continue  # missing/empty (EMP) and copies (MET/UNT) are other checks' business
        key = (base_lang(p.source_lang), base_lang(p.target_lang))
        ws, wt = weighted_length(p.source), weighted_length(t)
        if ws <= 0 or wt <= 0:
            continue
        groups.setdefault(key, []).append((idx, ws, wt))
    short, long_ = [], []
    models: dict[tuple, _Model] = {}
    counter = _token_counter() if use_tokens else None
    for (sl, tl), rows in groups.items():
        mu0, s0, known = prior(sl, tl)
        fs = CHAR_FACTOR.get(sl or "", 1.0)
        usable = [(i, ws, wt, math.log(wt / ws), ws / fs) for i, ws, wt in rows if ws / fs >= min_len]
        if not usable:
            continue
        mu, scale, learned = mu0, 1.0, 0
        if len(usable) >= min_corpus:
            mu, _ = _robust([x for _, _, _, x, _ in usable])
            resid = [(x - mu) / math.sqrt(s0 * s0 + NOISE_C / L) for _, _, _, x, L in usable]
            _, k = _robust(resid)
            scale = min(2.0, max(0.75, k))
            learned = len(usable)
        elif not known:
            continue  # no prior and too few pairs to learn one: say nothing
        tok_mu = None
        if counter is not None:
            ft_s, ft_t = TOKEN_FACTOR.get(sl or ""), TOKEN_FACTOR.get(tl or "")
            if learned:
                sample = usable[:: max(1, len(usable) // 300)]
                xs = []
                for i, *_ in sample:
                    a, b = counter(pairs[i].source), counter(pairs[i].target)
                    if a and b:
                        xs.append(math.log(b / a))
                tok_mu = statistics.median(xs) if xs else None
            elif ft_s is not None and ft_t is not None:
                tok_mu = math.log(ft_t / ft_s)
        model = models[(sl, tl)] = _Model(mu, s0, scale, learned, tok_mu)
        for i, ws, wt, x, L in usable:
            d = x - model.mu
            sig = model.sigma(L)
            if abs(d) < z * sig:
                continue
            r = math.exp(d)
            if SHORT_MINOR <= r <= LONG_MINOR:
                continue
            if model.tok_mu is not None:
                a, b = counter(pairs[i].source), counter(pairs[i].target)
                if a and b:
                    dt = math.log(b / a) - model.tok_mu
                    d = (d + dt) / 2  # both measures must agree on a large deviation
                    r = math.exp(d)
                    if abs(d) < z * sig or SHORT_MINOR <= r <= LONG_MINOR:
                        continue
            finding = _finding(pairs[i], r, d / sig, model, sl, tl, L)
            (short if d < 0 else long_).append((i, finding))
    return short, long_, models


def _finding(p: Pair, r: float, zscore: float, model: _Model, sl, tl, L: float) -> Finding:
    basis = (f"learned from {model.learned} {sl or '?'}→{tl or '?'} pairs of this corpus" if model.learned
             else f"prior for {sl or '?'}→{tl or '?'}")
    spans = dict(target=(0, len(p.target or "")), source=(0, len(p.source)))
    data = {"ratio_to_expected": round(r, 3), "z": round(zscore, 2), "learned_from": model.learned}
    if r < 1:
        sev = "major" if r < SHORT_MAJOR and L >= MAJOR_MIN_LEN and -zscore >= MAJOR_Z else "minor"
        return hit(f"target is {r:.0%} of the length expected for its source ({basis}): "
                   "something may be missing", severity=sev, data=data, **spans)
    sev = "major" if r > LONG_MAJOR else "minor"
    return hit(f"target is {r:.1f}× the length expected for its source ({basis}): "
               "something may have been added", severity=sev, data=data, **spans)


LENGTH_OPTIONS = (
    Option("min_corpus", int, MIN_CORPUS, "pairs of a language pair before its own ratio is learned"),
    Option("z", float, Z, "deviation, in sigmas, before a ratio is suspicious"),
    Option("min_length", float, float(MIN_LEN), "English-equivalent characters: shorter sources are not judged"),
    Option("subword", bool, True, "the subword token count must agree (when sentencepiece is installed)"),
)


def _cached(ctx: CorpusContext, code: str) -> tuple[list, list, dict]:
    """Both checks share one analysis of the same corpus (with the same options)."""
    o = ctx.options(code)
    args = (o.min_corpus, o.z, o.min_length, o.subword)
    return ctx.memo((_analyse, args), lambda c: _analyse(c.pairs, *args))


@check("LEN001", "too-short", "accuracy/omission", "major", scope="corpus", options=LENGTH_OPTIONS)
def too_short(pairs: Sequence[Pair], ctx) -> Iterable[tuple[int, Finding]]:
    """The target is much shorter than its source warrants: a lost clause, a truncated
    sentence. Lengths are script-weighted characters (an ideograph counts about 2.8 Latin
    letters, a kana 1.6, a Hangul syllable 2.2), compared with the expected ratio for the
    language pair: learned from the corpus itself (robust median and spread of the log ratio)
    when it has at least 200 pairs of that pair, else from built-in priors measured on
    professional news translations (composed via English for pairs without English). A pair is
    flagged when its log ratio deviates by more than 3 sigmas, the noise growing for shorter
    segments, and the target is below 67% of the expected length; major below 50% when the source
    has at least about 60 characters and the deviation reaches 4 sigmas (a correct short sentence,
    a terse headline, stays minor). Sources
    under about 22 characters (spaces not counted) are never judged; the subword token count
    must agree when the sentencepiece model is installed. Options: ``min_corpus``, ``z``,
    ``min_length``, ``subword``."""
    return _cached(ctx, "LEN001")[0]


@check("LEN002", "too-long", "accuracy/addition", "major", scope="corpus", options=LENGTH_OPTIONS)
def too_long(pairs: Sequence[Pair], ctx) -> Iterable[tuple[int, Finding]]:
    """The target is much longer than its source warrants: added material, a hallucinated or
    repeated passage, a target that belongs to another source. Same measure and model as
    LEN001: script-weighted characters against the expected ratio of the language pair
    (learned from 200+ pairs of the corpus, else priors), a deviation of more than 3 sigmas
    that shrinks with length, and a target over 1.5 times the expected length; major over 2
    times. Short sources (under about 22 characters) are never judged."""
    return _cached(ctx, "LEN002")[1]


def length_models(pairs: Sequence[Pair], options=None) -> dict[tuple, dict]:
    """The length model of each language pair of a corpus, for reports: expected ratio of
    weighted characters (target/source), spread relative to the prior noise model, how many
    pairs it was learned from (0: priors), and the expected subword-token ratio. ``options``:
    LEN001's, or the ``CorpusContext`` of a run (whose analysis is then reused)."""
    ctx = options if isinstance(options, CorpusContext) else CorpusContext(pairs, {"LEN001": options or {}})
    out = {}
    for key, m in _cached(ctx, "LEN001")[2].items():
        out[key] = {"char_ratio": round(math.exp(m.mu), 3), "scale": round(m.scale, 3),
                    "learned_from": m.learned,
                    "token_ratio": None if m.tok_mu is None else round(math.exp(m.tok_mu), 3)}
    return out
