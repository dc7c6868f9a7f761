"""SPL001: non-word spelling errors in the target (a letter dropped, two swapped, one doubled),
judged with wordfreq's word lists (audit/lang/spelling.py)."""
from __future__ import annotations

from audit.checks.registry import check
from audit.core import lazyre
from audit.core.model import hit
from audit.core.text import char_script
from audit.lang.placeholders import prose
from audit.lang.profiles import is_caseless_script, profile
from audit.lang.segment import starts_sentence
from audit.lang.spelling import correction, judged, settings

_WORD = lazyre.compile(r"(?<![\p{L}\p{M}\p{N}_@#/.'’\-])[\p{L}\p{M}]+(?![\p{L}\p{M}\p{N}_@/'’\-]|\.\p{L})")


@check("SPL001", "misspelling", "fluency/spelling", "minor", lang_scope="declared-target")
def misspelling(pair, ctx):
    """A word of the target that is not a word of its language while a frequent word is one slip
    away: a letter dropped (``govrnment``), two neighbouring letters swapped (``governmnet``), a
    letter doubled (``govvernment``). A misspelling common enough to be listed itself
    (``goverment``, Zipf 2.7) is not caught. Judged with wordfreq's word lists: the
    word is absent or very rare in the target language (Zipf 2 or less) and the corrected word
    is at least a hundred times more frequent and common (Zipf 3.3 or more). Quiet on words of
    fewer than five letters, capitalised words inside a sentence (names; in German, where nouns
    are capitalised, only on lower-case words and sentence starts), words in all capitals,
    words with digits, hyphens or apostrophes, codes, URLs and e-mail addresses, words written
    in another script than the target's, and words that also stand in the source (a name or a
    term copied on purpose). In Turkish, which builds words by suffixes, a form whose
    Snowball stem is itself a frequent word is not judged (``dakikasına``: ``dakika`` plus an ending
    the list lacks); a slip inside the stem still is. Only for the target languages of ``audit/lang/data/spelling.toml``:
    spaced scripts whose word list measured clean (not Chinese, Japanese or Thai, which have no
    word boundaries, nor Korean or Hindi). Minor. Span: the word."""
    tl = ctx.tgt.lang
    if not judged(tl) or not pair.target:
        return ()
    text = ctx.tgt.memo(prose)
    conf = settings()
    min_letters = conf["min_letters_caseless" if is_caseless_script(ctx.tgt.script) else "min_letters"]
    src_fold = None
    prof = profile(tl)
    nouns_cap, scripts = prof.nouns_capitalised, frozenset(prof.scripts)
    out = []
    for m in _WORD.finditer(text):
        w = m.group()
        if len(w) < min_letters:
            continue
        s = m.start()
        if not w[0].isalpha() or (scripts and char_script(w[0]) not in scripts):
            continue  # a word in another script: a name or a quotation
        if w[0].isupper() and (w.isupper() or not w[1:].islower() or
                               (not nouns_cap and not starts_sentence(text, s))):
            continue  # a name, an acronym, CamelCase
        fixed = correction(w.lower(), tl)
        if fixed is None:
            continue
        if src_fold is None:
            src_fold = pair.source.casefold()
        if w.casefold() in src_fold:
            continue  # copied from the source: a name or a term kept on purpose
        if w[0].isupper():
            fixed = fixed[:1].upper() + fixed[1:]
        out.append(hit(f"possible misspelling: {w!r} (did you mean {fixed!r}?)", target=(s, m.end())))
    return out
