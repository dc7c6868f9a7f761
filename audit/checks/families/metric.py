"""Metric flags: chrF against the reference far below the corpus (MET001) and chrF between
source and target so high that the target is probably a copy of the source (MET002).

Both use sacrebleu's sentence chrF (``audit.metrics``): character n-grams are robust on short
segments and across scripts, where sentence BLEU is not.
"""
from __future__ import annotations

import statistics
from functools import lru_cache

from audit.checks.registry import Option, check
from audit.core import lazyre
from audit.core.model import hit
from audit.core.text import strip_span
from audit.lang.placeholders import codes, prose
from audit.lang.profiles import SPACELESS_SCRIPTS, profile

# MET001 defaults
Z_MINOR = -2.5  # robust z-score at or below which a segment is an outlier
Z_MAJOR = -3.5
MIN_SEGMENTS = 20  # fewer scored segments: no corpus distribution to judge against
MIN_REF_CHARS = 15  # sentence chrF on very short references is noise
MIN_SIGMA = 5.0  # chrF points: a floor on the robust spread (identical scores give MAD 0)

# MET002 defaults
MIN_COPIED_WORDS = 4  # distinct words
MIN_COPIED_SHARE = 0.45
MIN_ZIPF_MARGIN = 1.0  # a copied word is 10x more common in the source language than in the target
CHRF_MINOR = 40.0
CHRF_MAJOR = 80.0
MIN_ZIPF = 3.0  # a word at least this common in the source language (about once per million words)



@check("MET001", "low-chrf-vs-reference", "accuracy/mistranslation", "minor", scope="corpus", options=(
    Option("z_minor", float, Z_MINOR, "robust z-score at or below which a segment is an outlier"),
    Option("z_major", float, Z_MAJOR, "robust z-score at or below which the outlier is major"),
    Option("min_segments", int, MIN_SEGMENTS, "fewer segments with a reference: not judged"),
    Option("min_ref_chars", int, MIN_REF_CHARS, "shorter references (spaces not counted) are skipped"),
))
def low_chrf_outlier(pairs, ctx):
    """A segment whose chrF against its reference is an outlier far below the rest of the corpus:
    robust z-score (distance from the median in units of 1.4826 x the median absolute deviation)
    of -2.5 or lower (major at -3.5 or lower), computed among segments of similar length (up to
    four bins of reference length: sentence chrF varies more on short segments). Runs only on segments with a reference
    (``--ref FILE`` or the reference column of the input), and only when at least 20 segments have
    one: a corpus-relative judgement needs a corpus. References shorter than 15 characters are
    skipped (sentence chrF on two or three words is noise), and so are empty or missing targets
    (EMP001/EMP002 report those). It says that a segment differs from the reference much more than
    the others do, which often means a wrong or misaligned segment, a truncation or a
    hallucination; it does not say which words are wrong, and a free but correct translation can
    score low too. Options: ``z_minor``, ``z_major``, ``min_segments``, ``min_ref_chars``."""
    opts = ctx.options("MET001")
    z_minor, z_major, min_segments, min_ref = opts.z_minor, opts.z_major, opts.min_segments, opts.min_ref_chars
    idx = [i for i, p in enumerate(pairs) if p.references and p.target and p.target.strip()
           and max(len("".join((r or "").split())) for r in p.references) >= min_ref]
    if len(idx) < min_segments:
        return
    from audit.scores.metrics import sentence_chrf

    all_scores = sentence_chrf([p.target for p in pairs], [tuple(p.references) for p in pairs])
    # Sentence chrF spreads more on short segments: judge each segment against segments of similar
    # length (up to 4 bins of reference length, each with at least min_segments segments).
    ref_len = {i: max(len("".join((r or "").split())) for r in pairs[i].references) for i in idx}
    order = sorted(idx, key=lambda i: (ref_len[i], i))
    n_bins = max(1, min(4, len(order) // min_segments))
    for b in range(n_bins):
        group = order[b * len(order) // n_bins:(b + 1) * len(order) // n_bins]
        scores = [all_scores[i] for i in group]
        med = statistics.median(scores)
        mad = statistics.median(abs(x - med) for x in scores)
        sigma = max(1.4826 * mad, MIN_SIGMA)
        for i in group:
            s = all_scores[i]
            z = (s - med) / sigma
            if z > z_minor:
                continue
            pair = pairs[i]
            sev = "major" if z <= z_major else "minor"
            yield i, hit(
                f"chrF {s:.1f} against the reference, far below the median {med:.1f} of segments of similar "
                f"length (robust z {z:.1f})",
                target=strip_span(pair.target), severity=sev,
                data={"chrf": round(s, 2), "median": round(med, 2), "z": round(z, 2)},
            )


@lru_cache(maxsize=64)
def _freqs(lang: str | None) -> dict[str, float]:
    """wordfreq's small list for a language (word -> frequency), {} when it has none."""
    if not lang:
        return {}
    import wordfreq

    lang = "nb" if lang == "no" else lang
    if lang not in wordfreq.available_languages("small"):
        return {}
    return wordfreq.get_frequency_dict(lang, wordlist="small")


_MIN_FREQ = 10 ** (MIN_ZIPF - 9)
_MARGIN = 10 ** MIN_ZIPF_MARGIN
# Languages most often quoted inside others: a copied word far more common in one of them than in
# the source language is a quotation, not source text left untranslated.
_PANEL = ("en", "fr", "es", "de", "it", "pt", "nl")


def _src_word_set(view) -> frozenset[str]:
    return frozenset(t.text.casefold() for t in view.words)


def _is_name_like(tok: str, first: bool) -> bool:
    if tok.isupper() and len(tok) > 1:
        return True  # acronyms, codes
    return tok[:1].isupper() and not first


def copied_words(pair, ctx) -> tuple[list, int, int]:
    """Target words copied from the source that are ordinary words of the source language.

    Returns (the first occurrence of each distinct copied word, the number of copied target
    tokens, the number of target tokens that can tell: copied ones plus ordinary words not in the
    source). Words inside inline codes (placeholder names: ``%(title)s``, ``{author}``, tags, URLs)
    are not words of the text. Names (capitalised mid-sentence), acronyms, numbers and one-letter words are not
    ordinary words. A word counts as copied when it also stands in the source, is common in the
    source language (Zipf 3 or more), ten times more common there than in the target language (so
    shared function words of close languages, loanwords and cognates do not count) and not ten
    times more common in a language often quoted (en fr es de it pt nl: ``il``, ``bien``,
    ``faire`` in an English text are French); shared words that fail those tests say nothing.
    """
    src_set = ctx.src.memo(_src_word_set)
    spans = [(c.start, c.end) for c in ctx.tgt.memo(codes)]
    sf, tf = _freqs(ctx.src.lang), _freqs(ctx.tgt.lang)
    copied = []
    seen: set[str] = set()
    n_copied = 0
    n_other = 0
    for n, tok in enumerate(ctx.tgt.words):
        w = tok.text
        if len(w) < 2 or not any(c.isalpha() for c in w) or _is_name_like(w, n == 0):
            continue
        if spans and any(a <= tok.start < b for a, b in spans):
            continue  # a word of a placeholder's name (%(title)s, {author}): code, not copied text
        k = w.casefold()
        if k not in src_set:
            n_other += 1
            continue
        if sf:
            fs = sf.get(k, 0.0)
            if fs < _MIN_FREQ or tf.get(k, 0.0) * _MARGIN > fs:
                continue
            if any(_freqs(lg).get(k, 0.0) * _MARGIN > fs for lg in _PANEL if lg != ctx.src.lang):
                continue
        elif tf.get(k, 0.0) >= _MIN_FREQ:
            continue  # source language unknown to wordfreq: a common target-language word proves nothing
        n_copied += 1
        if k not in seen:
            seen.add(k)
            copied.append(tok)
    return copied, n_copied, n_copied + n_other


_NON_LETTERS = lazyre.compile(r"[^\p{L}\p{M}]+")


def _letters(text: str) -> str:
    return _NON_LETTERS.sub("", text).casefold()


def _may_be_copied(source: str, target: str) -> bool:
    """Cheap gate (C-speed set operations, a few µs): could a large part of the target's words be
    the source's? Lenient on purpose (tokens split on spaces, case and punctuation kept): the real
    test comes after, on the pairs it lets through (a few percent of real translations)."""
    toks = set(target.split())
    if len(toks) < 3:
        return False
    common = toks.intersection(source.split())
    if len(common) < 2:
        return False
    # names and figures shared by every translation (capitalised, digits) are not evidence
    shared = sum(1 for w in common if not (w[:1].isupper() or w[:1].isdigit()))
    return shared >= 2 and shared >= 0.2 * len(toks)


_SPACELESS_CHARS = lazyre.compile("[" + "".join(rf"\p{{{s}}}" for s in sorted(SPACELESS_SCRIPTS)) + "]")
_LETTER = lazyre.compile(r"\p{L}")
MIN_SPACELESS_COPY = 10  # letters
SPACELESS_SHARE = 0.6


def _spaceless_copy(pair, ctx):
    tgt = pair.target
    n = len(_SPACELESS_CHARS.findall(tgt))
    if n < MIN_SPACELESS_COPY:
        return
    letters = len(_LETTER.findall(tgt))
    if n < SPACELESS_SHARE * letters or _letters(tgt) == _letters(pair.source):
        return  # mostly translated, or an exact copy (UNT001)
    from audit.scores.metrics import chrf_pair

    opts = ctx.options("MET002")
    score = chrf_pair(tgt, pair.source)
    if score < opts.chrf_minor:
        return
    sev = "major" if score >= opts.chrf_major else "minor"
    yield hit(
        f"target looks copied from the source: chrF {score:.1f} between them, {n} of its {letters} letters "
        f"in the source's script",
        target=strip_span(tgt), source=strip_span(pair.source), severity=sev,
        data={"chrf": round(score, 2), "script_letters": n, "letters": letters},
    )


@check("MET002", "source-copy", "accuracy/untranslated", "major", options=(
    Option("chrf_minor", float, CHRF_MINOR, "chrF between source and target from which a copy is flagged"),
    Option("chrf_major", float, CHRF_MAJOR, "chrF from which the copy is major"),
    Option("min_words", int, MIN_COPIED_WORDS, "distinct ordinary source words copied into the target"),
    Option("min_share", float, MIN_COPIED_SHARE, "share of the target's telling words that are copied"),
))
def source_copy(pair, ctx):
    """The target is largely a copy of the source: high chrF between source and target (major
    at 80 or more, minor from 40), with at least 4 distinct ordinary words of the source language
    copied into the target, making up at least 45% of its telling words (the target words that are
    either copied or not in the source at all). Ordinary words exclude
    names (capitalised mid-sentence), acronyms, numbers, one-letter words and the words of
    placeholders and other inline codes (``%(title)s``, ``{author}``: chrF is scored without
    the codes too, so a short string made of shared placeholders is no copy); a shared word counts
    as copied only when it is common in the source language and ten times more common there than
    in the target language and than in the languages most often quoted (English, French, Spanish,
    German, Italian, Portuguese, Dutch). So segments made of names, titles, scores or figures,
    cognates and the shared function words of close languages (es/pt/ca, cs/sk), and quotations
    left in a third language (a French saying inside an English text) are not flagged. A target
    with exactly the source's letters is UNT001's business (one flag, not two): MET002 finds the
    near and partial copies. Word frequencies come from wordfreq; for a source language wordfreq
    does not know, a shared word counts unless it is a common word of the target language, and
    chrF must reach 80. Sources written without spaces (Chinese, Japanese, Thai, Lao, Khmer,
    Burmese) have no words to compare: into a language written otherwise, a target whose letters
    are mostly of the source's spaceless script (at least 10 of them and 60% of its letters) with
    chrF 40 or more against the source is flagged the same way (targets in another spaceless
    language, e.g. Chinese into Japanese, share Han characters legitimately and are left alone).
    Spans: the whole target, and the whole source. Options: ``chrf_minor``, ``chrf_major``,
    ``min_words``, ``min_share``."""
    tgt = pair.target
    if not tgt or len(tgt) < 12:
        return
    if profile(ctx.src.lang).spaceless and not profile(ctx.tgt.lang).spaceless:
        yield from _spaceless_copy(pair, ctx)
        return
    if not _may_be_copied(pair.source, tgt):
        return
    opts = ctx.options("MET002")
    if _letters(tgt) == _letters(pair.source):
        return  # the very same text: UNT001 reports exact copies (one flag, not two)
    copied, n_copied, n_telling = copied_words(pair, ctx)
    if len(copied) < opts.min_words:
        return
    share = n_copied / max(n_telling, 1)
    if share < opts.min_share:
        return
    from audit.scores.metrics import chrf_pair

    # scored without the codes: shared placeholders would make any short pair look copied
    score = chrf_pair(ctx.tgt.memo(prose), ctx.src.memo(prose))
    chrf_major = opts.chrf_major
    chrf_minor = opts.chrf_minor if _freqs(ctx.src.lang) else chrf_major
    if score < chrf_minor:
        return
    sev = "major" if score >= chrf_major else "minor"
    yield hit(
        f"target looks copied from the source: chrF {score:.1f} between them, "
        f"{n_copied} of {n_telling} telling target words taken from the source",
        target=strip_span(tgt), source=strip_span(pair.source), severity=sev,
        data={"chrf": round(score, 2), "copied_words": n_copied, "telling_words": n_telling,
              "share": round(share, 3), "copied": [t.text for t in copied[:20]]},
    )
