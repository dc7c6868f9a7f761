"""A lexicon learned from the document pair itself: word pairs that keep sharing one-to-one beads."""
from __future__ import annotations

from typing import Sequence

import numpy as np

from audit.core import lazyre

_CJK_CLASS = r"\p{Han}\p{Hiragana}\p{Katakana}\u30fc"
_ALPHA_CLASS = r"\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}"
# words of spaced scripts, and runs of scripts written without spaces (split into n-grams below)
_LEX_WORD = lazyre.compile(r"(?P<cjk>[" + _CJK_CLASS + r"]+)|(?P<alpha>[" + _ALPHA_CLASS + r"]+)"
                          r"|(?:(?![" + _CJK_CLASS + _ALPHA_CLASS + r"])[\p{L}\p{M}]){2,}")
_AR_CLITIC = lazyre.compile(r"^(?:وال|بال|كال|فال|لل|ال|و|ف|ب|ل|ك)(?=\p{Arabic}{3})")
_PLAIN_WORD = lazyre.compile(r"[\p{L}\p{M}]{2,}")
_LEX_SCRIPTS = lazyre.compile(r"[" + _CJK_CLASS + _ALPHA_CLASS + r"\u0600-\u06ff\uac00-\ud7a3]")
_KO_PARTICLE = lazyre.compile(r"(?<=\p{Hangul}{2})(?:에서는|에게서|으로는|으로|에서|에게|까지|부터|보다|처럼"
                             r"|은|는|이|가|을|를|의|에|로|와|과|도|만)$")
_KATAKANA_WORD = lazyre.compile(r"[\p{Katakana}\u30fc]{2,}")


def _ngrams(run: str, k: int) -> list[str]:
    return [run] if len(run) <= k else [run[x:x + k] for x in range(len(run) - k + 1)]


def lexicon_words(text: str) -> set[str]:
    """Lexicon "words" of a sentence: case-folded words of spaced scripts; for scripts written
    without spaces, whose runs span whole clauses, character n-grams of each run: bigrams of Han
    and kana (a Chinese or Japanese word is mostly one or two characters; katakana runs, loanwords
    and names, also whole), 4-grams of the letters of Thai, Lao, Khmer and Myanmar (about a word);
    Arabic and Korean words without the clitics and particles those languages write onto them."""
    if not _LEX_SCRIPTS.search(text):  # fast path: words of spaced scripts only
        return {w.casefold() for w in _PLAIN_WORD.findall(text)}
    out = set()
    for m in _LEX_WORD.finditer(text):
        w = m.group()
        kind = m.lastgroup
        if kind == "cjk":
            out.update(_ngrams(w, 2))
            out.update(_KATAKANA_WORD.findall(w))
        elif kind == "alpha":
            out.update(_ngrams(w, 4))
        elif "\uac00" <= w[0] <= "\ud7a3":
            # Korean writes case particles onto the word (-은/-는/-을/-를/-의/-에서...)
            out.add(_KO_PARTICLE.sub("", w))
        elif "\u0600" <= w[0] <= "\u06ff":
            # Arabic writes conjunctions, prepositions and the article into the word
            # (wa-, fa-, bi-, li-, ka-, al-): without them a name or noun is one lexicon word
            out.add(_AR_CLITIC.sub("", w))
        else:
            out.add(w.casefold())
    return out


def learn_lexicon(src: Sequence[str], tgt: Sequence[str], path, min_count: int = 2, min_dice: float = 0.5):
    """Word pairs that co-occur in the 1-1 beads of a first alignment much more than chance
    (Dice coefficient over beads, as hunalign's dictionary bootstrapping): returns extra features
    ``L:<source word>`` for the sentences of each side that hold a word of such a pair, or None."""
    sb = [lexicon_words(t) for t in src]
    tb = [lexicon_words(t) for t in tgt]
    ones = [(i0, j0) for i0, i1, j0, j1, _ in path if i1 - i0 == 1 and j1 - j0 == 1]
    beads = len(ones)
    if beads < 10:
        return None
    cs: dict[str, int] = {}
    ct: dict[str, int] = {}
    for i, j in ones:
        for x in sb[i]:
            cs[x] = cs.get(x, 0) + 1
        for y in tb[j]:
            ct[y] = ct.get(y, 0) + 1
    # words in more than a tenth of the beads carry little evidence; words seen once none
    cap = max(3, beads // 10)
    keep_s = {x for x, c in cs.items() if min_count <= c <= cap}
    keep_t = {y for y, c in ct.items() if min_count <= c <= cap}
    # co-occurrence counts of (source word, target word) over the beads, vectorised: every bead's
    # pairs are enumerated as integer keys and counted by np.unique
    # sorted: ties between candidate partners resolve the same way in every process
    sid = {x: k for k, x in enumerate(sorted(keep_s))}
    tid = {y: k for k, y in enumerate(sorted(keep_t))}
    if not sid or not tid:
        return None
    xs, ys, la, lb = [], [], [], []
    for i, j in ones:
        a = [sid[x] for x in sb[i] if x in sid]
        b = [tid[y] for y in tb[j] if y in tid]
        if a and b:
            xs.extend(a)
            ys.extend(b)
            la.append(len(a))
            lb.append(len(b))
    if not la:
        return None
    xs_a, ys_a = np.array(xs, dtype=np.int64), np.array(ys, dtype=np.int64)
    la_a, lb_a = np.array(la, dtype=np.int64), np.array(lb, dtype=np.int64)
    xoff, yoff = np.cumsum(la_a) - la_a, np.cumsum(lb_a) - lb_a
    per = la_a * lb_a
    bead = np.repeat(np.arange(len(per)), per)
    k = np.arange(int(per.sum())) - np.repeat(np.cumsum(per) - per, per)
    x = xs_a[xoff[bead] + k // lb_a[bead]]
    y = ys_a[yoff[bead] + k % lb_a[bead]]
    keys, counts = np.unique(x * len(tid) + y, return_counts=True)
    sel = counts >= min_count
    keys, counts = keys[sel], counts[sel]
    sx_ids, ty_ids = keys // len(tid), keys % len(tid)
    s_words, t_words = list(sid), list(tid)
    csv = np.array([cs[w] for w in s_words], dtype=np.float64)
    ctv = np.array([ct[w] for w in t_words], dtype=np.float64)
    dice = 2.0 * counts / (csv[sx_ids] + ctv[ty_ids])
    best: dict[str, tuple[float, str]] = {}
    for xi, yi, d in zip(sx_ids[dice >= min_dice].tolist(), ty_ids[dice >= min_dice].tolist(),
                         dice[dice >= min_dice].tolist()):
        w = s_words[xi]
        if d > best.get(w, (0.0, ""))[0]:
            best[w] = (d, t_words[yi])
    if not best:
        return None
    by_target: dict[str, list[str]] = {}
    for x, (_, y) in best.items():
        by_target.setdefault(y, []).append("L:" + x)
    sx = [["L:" + x for x in bag if x in best] for bag in sb]
    tx = [[f for y in bag for f in by_target.get(y, ())] for bag in tb]
    return sx, tx

