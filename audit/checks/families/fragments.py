"""UNT002: source-language fragments left inside a translated target (code-mixing).

Very conservative by design. A fragment is a run of target words that copies a phrase of the
source word for word and whose words are common in the source language but much rarer in the
target language (wordfreq Zipf frequencies), so that names, numbers, URLs, loanwords and
cognates (``hotel``, ``taxi``, German ``was``/``in``) never count. The cheap gate is a set
look-up of target words among the source's words; wordfreq is consulted only for the rare
candidate runs.
"""
from __future__ import annotations

import operator
import re

from audit.checks.registry import check
from audit.core import lazyre
from audit.core.model import hit
from audit.core.text import char_script
from audit.lang.lexicon import knows, zipf
from audit.lang.profiles import profile

MIN_RUN = 3  # foreign words in a run
MAJOR_RUN = 5  # from this many foreign words the flag is major
SRC_MIN_ZIPF = 3.0  # common in the source language (about once per million words or more)
MEAN_SRC_ZIPF = 4.0  # a fragment of the source language is made of its everyday words
MARGIN = 1.5  # at least 30 times more frequent in the source language than in the target
MIN_SPACELESS_RUN = 4  # ideographs/kana copied from a Chinese/Japanese source into another script

_WORDFREQ_LANG = {"hr": "sh", "sr": "sh", "bs": "sh", "no": "nb", "nn": "nb", "tl": "fil"}
_NEEDS_TOKENIZER = frozenset({"zh", "ja", "ko"})  # wordfreq would need jieba/MeCab: not used
_MASK = lazyre.re_compile(r"https?://\S+|www\.\S+|[\w.+-]+@[\w-]+\.[\w.]+|\S+\.(?:com|org|net|html?)\b", re.I)
_GAP = lazyre.re_compile(r"[ \u00a0]+|[ \u00a0]*[,;:][ \u00a0]*")
_QUOTES = "\"'“”‘’«»„‚‹›「」『』"
_SPACELESS_RUN = lazyre.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}ー々]{%d,}" % MIN_SPACELESS_RUN)
_LETTERS = lazyre.compile(r"[\p{L}\p{M}]+")


def _wf(lang: str | None) -> str | None:
    if not lang:
        return None
    return _WORDFREQ_LANG.get(lang, lang)




def _foreign(word: str, src: str, tgt: str | None, tgt_script: str | None) -> bool | None:
    """True: a common source-language word that is rare in the target language; False: a word
    both languages use (cognate, loanword, name); None: no evidence."""
    zs = zipf(word, src)
    if zs < SRC_MIN_ZIPF:
        return False
    if tgt is None or tgt in _NEEDS_TOKENIZER or not knows(tgt):
        # no word list for the target: only a word in another script than the language's
        # (its profile's scripts) is evidence
        scripts = set(profile(tgt).scripts) or ({tgt_script} if tgt_script else None)
        return char_script(word[0]) not in scripts if scripts else None
    return zs - zipf(word, tgt) >= MARGIN


def _quoted(text: str, s: int, e: int) -> bool:
    before = text[max(0, s - 2):s].strip()
    after = text[e:e + 2].strip()
    return bool(before) and before[-1] in _QUOTES and bool(after) and after[0] in _QUOTES


def _in_parens(text: str, s: int, e: int) -> bool:
    for o, c in (("(", ")"), ("（", "）")):
        if text.rfind(o, 0, s) > text.rfind(c, 0, s) and text.find(c, e) != -1:
            return True
    return False


_SENT_END = lazyre.re_compile(r"[.!?…。！？]\s")


def _within_quotes(text: str, s: int, e: int) -> bool:
    """A quote mark opens before the run and one closes after it, within the same sentence:
    a quoted title or saying, kept in the original on purpose."""
    before = text[max(0, s - 80):s]
    after = text[e:e + 80]
    qb = max(before.rfind(q) for q in _QUOTES)
    if qb < 0 or _SENT_END.search(before, qb):
        return False
    qa = min((i for i in (after.find(q) for q in _QUOTES) if i >= 0), default=-1)
    return qa >= 0 and not _SENT_END.search(after, 0, qa)


def _sentence_initial(text: str, s: int) -> bool:
    j = s - 1
    while j >= 0 and text[j] in " \u00a0\"'“‘«„¿¡([":
        j -= 1
    return j < 0 or text[j] in ".!?…。！？\n"


def _name_like(tok_text: str, text: str, start: int, lang: str | None = None) -> bool:
    """Capitalised (or all-caps) mid-sentence: a name, a title, an acronym. In German, where
    every noun is capitalised, only all-caps words (acronyms) count."""
    if profile(lang).nouns_capitalised:
        return len(tok_text) > 1 and tok_text.isupper()
    return tok_text[:1].isupper() and not _sentence_initial(text, start)


def _spaced_runs(pair, ctx, src: str, tgt: str | None):
    text = pair.target
    source = pair.source
    # cheap gate on whitespace-split chunks (punctuation attached): a run of three words shares
    # at least two chunks with the source
    tchunks = text.split()
    shared = set(source.split()).intersection(tchunks)
    if len(shared) < MIN_RUN - 1:
        return []
    shared = {w for w in shared if w.islower()}  # (names and numbers are not lower case)
    if len(shared) < MIN_RUN - 1:
        return []
    marks = list(map(shared.__contains__, tchunks))
    if not any(map(operator.and_, marks, marks[1:])):
        return []  # a run of three words has two shared chunks side by side
    twords = ctx.tgt.words
    swords = ctx.src.words
    if len(twords) < MIN_RUN or len(swords) < MIN_RUN:
        return []
    sraw = {w.text for w in swords}
    shared = sraw.intersection([w.text for w in twords])
    if len(shared) < MIN_RUN - 1:  # the first word may differ in case only ("The" / "the")
        return []
    inside = [w.text in shared or (w.text[:1].isupper() and w.text.lower() in sraw) for w in twords]
    if sum(inside) < MIN_RUN:
        return []
    # candidate runs: consecutive target words found in the source, separated by spaces only
    runs = []
    i = 0
    n = len(twords)
    while i < n:
        if not inside[i]:
            i += 1
            continue
        j = i
        while j + 1 < n and inside[j + 1] and _GAP.fullmatch(text, twords[j].end, twords[j + 1].start) \
                and "," not in text[twords[j].end:twords[j + 1].start]:
            j += 1
        if j - i + 1 >= MIN_RUN:
            runs.append((i, j))
        i = j + 1
    if not runs:
        return []
    masked = [(m.start(), m.end()) for m in _MASK.finditer(text)]
    tgt_script = ctx.tgt.script
    skeys = [w.text.casefold() for w in swords]
    out = []
    for a, b in runs:
        toks = twords[a:b + 1]
        # judge each word; names, numbers, masked stretches break the run
        marks = []
        for t in toks:
            w = t.text
            if not _LETTERS.fullmatch(w.replace("'", "").replace("’", "").replace("-", "")) or \
                    any(s <= t.start < e for s, e in masked) or \
                    _name_like(w, text, t.start, src if _in_source_capitalised(w, sraw) else None):
                marks.append(None)
            elif profile(src).nouns_capitalised and w[:1].isupper() and not _sentence_initial(text, t.start):
                marks.append(False)  # a German noun or a name: neither breaks nor makes a run
            else:
                marks.append(_foreign(w.casefold(), src, tgt, tgt_script))
        # split on None; inside each piece keep from first to last foreign word
        piece: list[int] = []
        for k in range(len(toks) + 1):
            if k < len(toks) and marks[k] is not None:
                piece.append(k)
                continue
            fidx = [q for q in piece if marks[q]]
            if len(fidx) >= MIN_RUN and len(fidx) * 3 >= 2 * (fidx[-1] - fidx[0] + 1) and \
                    sum(zipf(toks[q].text.casefold(), src) for q in fidx) >= MEAN_SRC_ZIPF * len(fidx):
                ta, tb = toks[fidx[0]], toks[fidx[-1]]
                found = _source_phrase(skeys, swords, [t.text.casefold() for t in toks[fidx[0]:fidx[-1] + 1]])
                if found is not None and not _within_quotes(text, ta.start, tb.end) \
                        and not _in_parens(text, ta.start, tb.end) and not _next_to_name(text, twords, a + fidx[0], a + fidx[-1]):
                    sa, sb = found
                    names = sum(1 for sw in swords[sa:sb + 1] if _name_like(sw.text, source, sw.start, src))
                    if names * 2 < sb - sa + 1:  # a title in the source ("Leave Means Leave") is a name
                        out.append(((ta.start, tb.end), (swords[sa].start, swords[sb].end), len(fidx)))
            piece = []
    return out


def _in_source_capitalised(word: str, sraw: set) -> bool:
    """The capitalised target word stands capitalised in the source too (a German noun copied)."""
    return word in sraw


def _next_to_name(text: str, twords, first: int, last: int) -> bool:
    """The run touches a capitalised word (only spaces between): part of a multiword name or
    title such as "Member of the Welsh Parliament"."""
    if first > 0:
        w = twords[first - 1]
        if w.text[:1].isupper() and text[w.end:twords[first].start].strip() == "":
            return True
    if last + 1 < len(twords):
        w = twords[last + 1]
        if w.text[:1].isupper() and text[twords[last].end:w.start].strip() == "":
            return True
    return False


def _source_phrase(skeys: list[str], swords, phrase: list[str]) -> tuple[int, int] | None:
    """(first, last) source word indices where ``phrase`` stands word for word, or None."""
    m = len(phrase)
    first = phrase[0]
    for i in range(len(skeys) - m + 1):
        if skeys[i] == first and skeys[i:i + m] == phrase:
            return i, i + m - 1
    return None


def _mostly_copied(text: str, spans) -> bool:
    """The runs cover 80% or more of the target's letters: a non-translation, not a fragment."""
    letters = sum(1 for ch in text if ch.isalpha())
    covered = sum(1 for s, e in spans for ch in text[s:e] if ch.isalpha())
    return letters > 0 and covered >= 0.8 * letters


def _spaceless_source_runs(pair, ctx):
    """Chinese/Japanese characters copied from the source into a target of another script."""
    text = pair.target
    out = []
    for m in _SPACELESS_RUN.finditer(text):
        s, e = m.span()
        frag = m.group()
        if _in_parens(text, s, e) or _quoted(text, s, e):
            continue  # a gloss of the original, "Shinzo Abe (安倍晋三)"
        k = pair.source.find(frag)
        if k < 0:
            continue
        out.append(((s, e), (k, k + len(frag)), len(frag)))
    return out


@check("UNT002", "source-fragment", "accuracy/untranslated", "major")
def source_fragment(pair, ctx):
    """Words of the source language left inside the translation (code-mixing): a run of three
    or more target words that copies a source phrase word for word and whose words are common
    in the source language but at least thirty times rarer in the target language (wordfreq
    Zipf frequencies; for targets without a word list, words in the source's script inside a
    target of another script). Names and titles (capitalised mid-sentence), numbers, URLs and
    e-mail addresses, loanwords and cognates both languages use (``hotel``, ``internet``,
    German ``was``), quoted phrases and short runs are never flagged. Ideographs or kana copied
    from a Chinese or Japanese source into a target in another script (four or more, not a
    parenthesised gloss) are flagged too. A target that is nearly all source-language text is a
    non-translation (UNT001), not a fragment. Minor for three or four words, major from five.
    Spans: the target run and the source phrase it copies."""
    tgt_text = pair.target
    if not tgt_text or not pair.source:
        return ()
    src, tgt = _wf(ctx.src.lang), _wf(ctx.tgt.lang)
    if src is None or src == tgt:
        return ()
    out = []
    if src in _NEEDS_TOKENIZER:
        if ctx.tgt.script in ("Han", "Hiragana", "Katakana") or tgt in _NEEDS_TOKENIZER:
            return ()
        found = _spaceless_source_runs(pair, ctx)
        if found and _mostly_copied(tgt_text, [r[0] for r in found]):
            return ()
        for tspan, sspan, size in found:
            out.append(hit(f"source-language text left in the target: {tgt_text[tspan[0]:tspan[1]]!r}",
                           target=tspan, source=sspan, severity="major" if size >= 8 else "minor"))
        return out
    if not knows(src):
        return ()
    runs = _spaced_runs(pair, ctx, src, tgt)
    if runs and _mostly_copied(tgt_text, [r[0] for r in runs]):
        return ()  # the whole target is in the source language: UNT001's business
    for tspan, sspan, nwords in runs:
        out.append(hit(f"source-language fragment left in the target: {tgt_text[tspan[0]:tspan[1]]!r}",
                       target=tspan, source=sspan, severity="major" if nwords >= MAJOR_RUN else "minor"))
    return out
