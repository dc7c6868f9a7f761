"""Language identification behind one small interface, cheapest evidence first.

1. Scripts (``expected_scripts``): Cyrillic text for a Chinese target is wrong without any model.
2. Function words (``function_word_share``): the most frequent words of a language (lists in
   ``audit.langwords``, from wordfreq) make up a large share of any running text in it; a
   target where they are plentiful is in that language and needs no model. This decides most
   segments in a few microseconds.
3. py3langid (``rank``): naive Bayes over byte n-grams, ~100 µs a sentence, normalised
   probabilities. The first model opinion.
4. langdetect (``langdetect_rank``, seeded: ``DetectorFactory.seed = 0``): ~2-3 ms a sentence; a
   second opinion only where py3langid disagrees with the declared language.

Both models load lazily (1-2 s each) and only when a segment gets that far. Close languages
that models confuse on short text are compatible groups (``compatible``), never an error.
``bench/bench_langid.py`` measures accuracy and speed of each stage on NTREX.
"""
from __future__ import annotations

import threading
from collections import Counter
from functools import lru_cache
from typing import Iterable

from audit.core.model import base_lang
from audit.lang.profiles import profile

# Close languages that identifiers confuse: a target in one of a group is fine for another.
COMPATIBLE_GROUPS = (
    frozenset({"es", "pt", "gl", "ca", "ast", "an", "oc", "ext"}),
    frozenset({"cs", "sk"}),
    frozenset({"hr", "sr", "bs", "sh", "me", "cnr"}),
    frozenset({"da", "no", "nb", "nn", "sv", "fo"}),
    frozenset({"ms", "id", "zsm", "jv", "min"}),
    frozenset({"zh", "yue", "wuu", "cmn"}),
    frozenset({"fa", "prs", "tg"}),
    frozenset({"ar", "ary", "arz", "apc", "acm", "aeb", "ajp", "arb"}),
    frozenset({"hi", "ur", "bho", "mai"}),  # Hindustani: the script tells Hindi and Urdu apart
    frozenset({"uz", "uzs"}),
    frozenset({"sq", "aln"}),
    frozenset({"ku", "kmr", "ckb", "sdh"}),
    frozenset({"tl", "fil"}),
    frozenset({"kok", "gom"}),
    frozenset({"he", "hbo"}),
    frozenset({"el", "grc"}),
)
_GROUP_OF: dict[str, frozenset[str]] = {}
for _g in COMPATIBLE_GROUPS:
    for _l in _g:
        _GROUP_OF[_l] = _GROUP_OF.get(_l, frozenset()) | _g
# Aliases between code sets (langdetect "zh-cn", py3langid "no", ISO 639-3 codes).
_ALIASES = {"zh-cn": "zh", "zh-tw": "zh", "iw": "he", "in": "id", "jw": "jv", "nb": "no", "nn": "no",
            "fil": "tl", "arb": "ar", "cmn": "zh", "zsm": "ms", "pes": "fa", "ekk": "et", "lvs": "lv",
            "uzs": "uz", "azj": "az", "khk": "mn", "plt": "mg", "swh": "sw", "gaz": "om", "npi": "ne"}


@lru_cache(maxsize=1024)
def norm(lang: str | None) -> str | None:
    """A language code reduced to the base code the identifiers use ('pt-BR' -> 'pt', 'nb' -> 'no')."""
    if not lang:
        return None
    lang = lang.replace("_", "-").lower()
    if lang in _ALIASES:
        return _ALIASES[lang]
    b = base_lang(lang)
    return _ALIASES.get(b, b)


@lru_cache(maxsize=4096)
def compatible(a: str | None, b: str | None) -> bool:
    """Whether two languages are the same or close enough to be confused (es/pt/gl/ca, cs/sk,
    hr/sr/bs, da/no/sv, ms/id...): a target detected as one is fine for the other."""
    a, b = norm(a), norm(b)
    if a is None or b is None:
        return True
    if a == b:
        return True
    return b in _GROUP_OF.get(a, ())


# ------------------------------------------------------------------------------------- scripts

_LATIN = frozenset({"Latin"})
_CYRILLIC = frozenset({"Cyrillic"})
_ARABIC = frozenset({"Arabic"})
_DEVANAGARI = frozenset({"Devanagari"})
# Languages without a profile (audit/lang/data/profiles/, which gives the scripts of the others).
_SCRIPTS: dict[str, frozenset[str]] = {}
for _langs, _scripts in (
    ("lv bs sq tl fil sw gl gd cy mt la ha yo ig zu xh so om rw mg tk fy ht qu wa lg ln se sn st nso "
     "ace bcl ext gcf gug kik pcm an crh fuv gcr guw kab lij ltg vec vo jv ast", _LATIN),
    ("ky tg ba tt", _CYRILLIC),
    ("uz az", _LATIN | _CYRILLIC),
    ("mn", _CYRILLIC | frozenset({"Mongolian"})),
    ("grc", frozenset({"Greek"})),
    ("hbo", frozenset({"Hebrew"})),
    ("ckb arz ary sdh prs", _ARABIC),
    ("ku", _ARABIC | _LATIN),
    ("sa mai bho kok gom", _DEVANAGARI),
):
    for _l in _langs.split():
        _SCRIPTS[_l] = _scripts


@lru_cache(maxsize=512)
def expected_scripts(lang: str | None) -> frozenset[str] | None:
    """The scripts a language is written in (None: unknown language, no script test)."""
    lang = norm(lang)
    if not lang:
        return None
    p = profile(lang)
    return frozenset(p.scripts) if p.known else _SCRIPTS.get(lang)


# ------------------------------------------------------------------------------ function words

@lru_cache(maxsize=None)
def function_words(lang: str) -> frozenset[str]:
    """The most frequent words of a language (empty when no list is shipped for it)."""
    from audit.lang.langwords import TOP_WORDS

    return frozenset(TOP_WORDS.get(norm(lang) or "", ()))


def has_function_words(lang: str | None) -> bool:
    return bool(lang) and bool(function_words(lang))


def function_word_share(words: list[str], lang: str) -> float:
    """Share of ``words`` (lower-cased) that are among ``lang``'s most frequent words."""
    if not words:
        return 0.0
    fw = function_words(lang)
    return sum(1 for w in words if w in fw) / len(words)


# ---------------------------------------------------------------------------------- py3langid

_LOCK = threading.Lock()


_MODEL_ARRAYS = ("ptc", "pc", "classes", "nextmove", "row", "output")


def _model_path() -> str:
    import os

    from py3langid.langid import MODEL_DIR, MODEL_FILE

    return os.path.join(str(MODEL_DIR), MODEL_FILE)


def _unpack_model(directory: str) -> None:
    """py3langid's model, unpacked by its own loader, saved as one ``.npy`` per array."""
    import os

    import numpy as np
    from py3langid.modelio import load_model

    for name, value in zip(_MODEL_ARRAYS, load_model(_model_path())):
        if not isinstance(value, np.ndarray):  # stdlib arrays and lists
            value = np.asarray(value) if isinstance(value, list) else np.frombuffer(value, dtype=value.typecode)
        np.save(os.path.join(directory, f"{name}.npy"), value, allow_pickle=False)


def _cached_model():
    """The model's arrays from the cache (memory-mapped: nothing to unpack, pages shared by every
    process), or None when the cache is off."""
    import os

    import numpy as np
    import py3langid

    from audit.core.cache import derived

    version = getattr(py3langid, "__version__", "")
    folder = derived("py3langid", [_model_path()], _unpack_model, extra=f"py3langid {version}")
    if folder is None:
        return None
    try:
        a = {n: np.load(os.path.join(folder, f"{n}.npy"), mmap_mode="r", allow_pickle=False) for n in _MODEL_ARRAYS}
    except (OSError, ValueError):
        return None
    return (np.asarray(a["ptc"]), np.asarray(a["pc"]), a["classes"].tolist(), memoryview(a["nextmove"]),
            a["output"].tolist(), memoryview(a["row"]))


@lru_cache(maxsize=1)
def _full_identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    model = _cached_model()
    if model is None:
        return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    ptc, pc, classes, nextmove, output, row = model
    return LanguageIdentifier(ptc, pc, classes, nextmove, output, norm_probs=True, tk_row=row)


@lru_cache(maxsize=64)
def _identifier(langs: frozenset[str] | None):
    """A py3langid identifier, restricted to ``langs`` (those it knows) when given."""
    full = _full_identifier()
    if langs is None:
        return full
    known = set(full.labels)
    keep = sorted(norm(l) for l in langs if norm(l) in known)
    if len(keep) < 2:
        return full
    from py3langid.langid import LanguageIdentifier

    cached = _cached_restricted(keep)
    if cached is not None:
        # the restricted arrays set_languages would build, memory-mapped from the cache
        ptc, pc, classes = cached
        return LanguageIdentifier(ptc, pc, classes, full.tk_nextmove, full.tk_output, norm_probs=True,
                                  tk_row=full.tk_row)
    return _restricted(full, keep)


def _restricted(full, keep: list[str]):
    """A new identifier over ``full``'s model, restricted by py3langid to the languages ``keep``."""
    from py3langid.langid import LanguageIdentifier

    ptc, pc, classes = full._full_model
    ident = LanguageIdentifier(ptc, pc, classes, full.tk_nextmove, full.tk_output, norm_probs=True,
                               tk_row=full.tk_row)
    ident.set_languages(keep)
    return ident


def _cached_restricted(keep: list[str]):
    """(ptc, pc, classes) of the model restricted to ``keep``, saved once in the cache and
    memory-mapped: a restricted copy of the feature table is 2 bytes x 100,053 features x languages
    (16 MiB for the Latin-script candidates), which every worker process would otherwise build
    (0.02-0.5 CPU-s, the first time from a cold page cache) and hold privately. The arrays are
    those ``set_languages`` builds, so the scores are the same to the bit. None when the cache is off."""
    import os

    import numpy as np
    import py3langid

    from audit.core.cache import derived

    def build(directory: str) -> None:
        ident = _restricted(_full_identifier(), keep)
        for name, value in (("ptc", ident.nb_ptc), ("pc", ident.nb_pc), ("classes", np.asarray(ident.nb_classes))):
            np.save(os.path.join(directory, f"{name}.npy"), np.ascontiguousarray(value), allow_pickle=False)

    version = getattr(py3langid, "__version__", "")
    folder = derived("py3langid-subset", [_model_path()], build, extra=f"py3langid {version} {' '.join(keep)}")
    if folder is None:
        return None
    try:
        a = {n: np.load(os.path.join(folder, f"{n}.npy"), mmap_mode="r", allow_pickle=False)
             for n in ("ptc", "pc", "classes")}
    except (OSError, ValueError):
        return None
    return np.asarray(a["ptc"]), np.asarray(a["pc"]), a["classes"].tolist()


def distribution(text: str, langs: Iterable[str] | None = None):
    """py3langid's probabilities for ``text``: (labels, numpy array of probabilities), over all
    its languages or those of ``langs`` it knows. Aliased labels (srl/sr) share one entry."""
    ident = _identifier(frozenset(langs) if langs is not None else None)
    with _LOCK:
        probs = ident._decide(text)
    return ident.nb_classes, probs


def rank(text: str, langs: Iterable[str] | None = None, top: int = 5) -> list[tuple[str, float]]:
    """py3langid's best guesses for ``text``: [(language, probability)], best first."""
    labels, probs = distribution(text, langs)
    k = min(top, len(labels))
    if k <= 0:
        return []
    import numpy as np

    idx = np.argpartition(-probs, k - 1)[:k] if k < len(labels) else np.arange(len(labels))
    idx = sorted(idx.tolist(), key=lambda i: -float(probs[i]))
    return [(norm(labels[i]) or labels[i], float(probs[i])) for i in idx]


def group_probability(labels, probs, lang: str) -> float:
    """The probability py3langid gives ``lang`` and the languages compatible with it."""
    return float(sum(float(probs[i]) for i, l in enumerate(labels) if compatible(l, lang)))


def identify(text: str) -> tuple[str | None, float]:
    """(language code, probability 0..1) for one text; (None, 0.0) when it has no letters."""
    if not any(ch.isalpha() for ch in text):
        return None, 0.0
    best = rank(text, top=1)
    return best[0] if best else (None, 0.0)


# --------------------------------------------------------------------------------- langdetect

@lru_cache(maxsize=1)
def _langdetect():
    from langdetect import DetectorFactory
    from langdetect.detector_factory import init_factory

    DetectorFactory.seed = 0  # deterministic: every detector draws from Random(0)
    init_factory()
    from langdetect import detector_factory

    return detector_factory._factory


def langdetect_rank(text: str) -> list[tuple[str, float]]:
    """langdetect's guesses (seeded, deterministic): [(language, probability)], best first;
    [] when it finds no features."""
    from langdetect.lang_detect_exception import LangDetectException

    factory = _langdetect()
    with _LOCK:
        try:
            det = factory.create()
            det.append(text)
            probs = det.get_probabilities()
        except LangDetectException:
            return []
    out: dict[str, float] = {}
    for p in probs:
        lang = norm(p.lang) or p.lang
        out[lang] = out.get(lang, 0.0) + float(p.prob)
    return sorted(out.items(), key=lambda kv: -kv[1])


# ----------------------------------------------------------------------------- whole-side vote

MIN_LETTERS_TO_DETECT = 40
MIN_CONFIDENCE_TO_DETECT = 0.9


def detect_side_language(texts: Iterable[str]) -> str | None:
    """The language of a whole side: the majority vote of per-segment guesses on a sample."""
    texts = list(texts)
    votes: Counter[str] = Counter()
    for t in texts:
        if len(t) < 20:
            continue
        lang, _ = identify(t)
        if lang:
            votes[lang] += 1
    if not votes:
        # Too little text for per-segment votes: guess on all of it, but only with enough letters
        # and a confident model; otherwise the language stays unknown (None) rather than wrong.
        joined = " ".join(texts)[:5000]
        if sum(ch.isalpha() for ch in joined) < MIN_LETTERS_TO_DETECT:
            return None
        lang, prob = identify(joined)
        return lang if prob >= MIN_CONFIDENCE_TO_DETECT else None
    return sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
