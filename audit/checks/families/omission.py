"""OMI / ADD: a source clause the target does not carry (omission), a target clause the source
does not have (addition), judged by multilingual sentence embeddings (the optional semantic extra,
``audit.lang.semantic``).

Both sides are cut into clauses (``audit.lang.clauses``) and each clause is embedded on its own.
A clause of a translation is closer to the other side of its own pair than to the other side of
most other pairs of the file; a clause the other side does not carry is not. Raw cosines move with
length, topic and language (see ADQ001), so each clause is scored against the file: its cosine with
its own partner segment, as a z-score over its cosines with up to 128 sampled other partner
segments of the file. A target clause with a low z-score was added (ADD001, span on the target
clause); a source clause with a low z-score was left out (OMI001, span on the source clause).
Embeddings are made once per distinct text and batched over the whole file (one embedding call per
file and side, a per-process cache by text shared with the other check).
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence

import regex

from audit.checks.registry import Option, check
from audit.core.model import Finding, Pair, hit
from audit.lang import semantic
from audit.lang.clauses import clauses, weight

# z-score thresholds (minor, major), measured on NTREX dev lines (de/ru/zh, 4 language-direction
# units of 30 lines, then ja-en): clean target clauses scored below 0.0 in 2 of 150 pairs (both in
# English targets: -0.19, -0.10), below -0.3 in none, below 0.5 in 5;
# clean source clauses score lower (short generic English clauses such as "he said"): below 0.0
# in 4 of 120 pairs, none below -1.0
ADD_Z = (0.5, -0.3)
OMI_Z = (-0.5, -1.0)
MIN_CLAUSE = 12  # letters of a clause (an ideograph counts 3)
MIN_SIDE = 30  # letters of the whole side
MAX_CLAUSES = 8  # a side with more clauses is not judged (cost, and lists)
MIN_PAIRS = 20  # fewer eligible pairs in the file: nothing to compare with
SAMPLE = 128  # other segments each clause is compared with


def _eligible(pair: Pair) -> bool:
    src, tgt = (pair.source or "").strip(), (pair.target or "").strip()
    if not src or not tgt or src == tgt:
        return False
    return weight(src) >= MIN_SIDE and weight(tgt) >= MIN_SIDE


def clause_scores(pairs: Sequence[Pair], side: str, min_clause: int = MIN_CLAUSE, min_pairs: int = MIN_PAIRS,
                  sample: int = SAMPLE, seed: int = 0) -> dict[int, list[tuple[tuple[int, int], float]]]:
    """Pair index -> [(clause span on ``side``, z-score of its cosine with its own partner segment
    among its cosines with sampled other partner segments)] for the eligible pairs with two to
    ``MAX_CLAUSES`` clauses on that side. Deterministic (a seeded sample)."""
    import numpy as np  # here: loading the checks (and checking without the semantic extra) loads no numpy

    idx = [i for i, p in enumerate(pairs) if _eligible(p)]
    if len(idx) < max(3, min_pairs):
        return {}
    own_texts = [pairs[i].source if side == "source" else pairs[i].target for i in idx]
    other_texts = [pairs[i].target if side == "source" else pairs[i].source for i in idx]
    langs = [pairs[i].source_lang if side == "source" else pairs[i].target_lang for i in idx]
    spans = [clauses(t, lang, min_clause) for t, lang in zip(own_texts, langs)]
    todo = [k for k, sp in enumerate(spans) if 2 <= len(sp) <= MAX_CLAUSES]
    if not todo:
        return {}
    pieces = [own_texts[k][s:e] for k in todo for s, e in spans[k]]
    vecs = semantic.embed_cached(list(dict.fromkeys(other_texts)) + pieces)
    n_other = len(dict.fromkeys(other_texts))
    row_of = {t: r for r, t in enumerate(dict.fromkeys(other_texts))}
    partner = vecs[[row_of[t] for t in other_texts]]
    clause_vecs = vecs[n_other:]
    rng = np.random.default_rng(seed)
    n = len(idx)
    out, c = {}, 0
    for k in todo:
        cand = rng.choice(n, size=min(n, sample + 1), replace=False)
        cand = np.array([j for j in cand if j != k and other_texts[j] != other_texts[k]][:sample], dtype=int)
        cv = clause_vecs[c:c + len(spans[k])]
        c += len(spans[k])
        if len(cand) < 2:
            continue
        own = cv @ partner[k]
        rest = cv @ partner[cand].T
        z = (own - rest.mean(axis=1)) / np.maximum(rest.std(axis=1), 1e-6)
        out[idx[k]] = [(sp, float(v)) for sp, v in zip(spans[k], z)]
    return out


def _options(minor: float, major: float) -> tuple[Option, ...]:
    return (
        Option("minor_z", float, minor, "a clause's z-score below this: minor"),
        Option("major_z", float, major, "below this: major"),
        Option("min_clause", int, MIN_CLAUSE, "letters a clause needs (an ideograph counts 3)"),
        Option("min_pairs", int, MIN_PAIRS, "fewer eligible pairs in the file: not judged"),
    )


def _flags(pairs: Sequence[Pair], ctx, code: str, side: str) -> list[tuple[int, Finding]]:
    opts = ctx.options(code)
    out = []
    for i, rows in sorted(clause_scores(pairs, side, opts.min_clause, opts.min_pairs).items()):
        span, z = min(rows, key=lambda r: (r[1], r[0][0]))
        if z >= opts.minor_z:
            continue
        sev = "major" if z < opts.major_z else "minor"
        data = {"z": round(z, 3), "clauses": len(rows)}
        if side == "source":
            out.append((i, hit(f"the target may leave out this source clause: it is no closer to its own target "
                               f"than to other targets of the file (z-score {z:.2f})", source=span, severity=sev,
                               data=data, primary="source")))
        else:
            out.append((i, hit(f"this target clause may not be in the source: it is no closer to its own source "
                               f"than to other sources of the file (z-score {z:.2f})", target=span, severity=sev,
                               data=data)))
    return out


_DOC_COMMON = regex.sub(r"\s+", " ", """Both sides are cut into clauses at commas, semicolons, colons, dashes,
    parentheses, CJK 、，； and before a few conjunctions (clauses under ``min_clause`` letters are
    merged with a neighbour); each clause is embedded (multilingual-e5) and its cosine with the
    other side of its own pair is compared with its cosines with up to 128 other segments of the
    same file: a z-score below ``minor_z`` is minor, below ``major_z`` major. Files
    with fewer than ``min_pairs`` (20) eligible pairs, segments with under 30 letters on a side (an
    ideograph counting 3), a single clause or more than 8 are not judged. Cost: one embedding per
    clause, batched over the file and cached by text. Options: ``minor_z``, ``major_z``,
    ``min_clause``, ``min_pairs``.""")


@check("OMI001", "omitted-clause", "accuracy/omission", "major", scope="corpus", requires="semantic",
       status="preview", options=_options(*OMI_Z),
       doc="A clause of the source that the target does not carry (only with the semantic extra). "
           "Preview: off unless selected (``--select OMI001``); it needs the optional semantic extra "
           "(``pip install 'transaudit[semantic]'``), and selecting it without the extra is a usage "
           "error. " + _DOC_COMMON + " Defaults: minor below -0.5, major below -1.0 (clean source "
           "clauses score lower than target ones: short generic clauses such as 'he said'). The span is "
           "on the source clause. Measured (NTREX perturbations, test lines): it finds almost none of "
           "the removed phrases and words of the benchmark, which rarely make a whole clause.")
def omitted_clause(pairs: Sequence[Pair], ctx) -> Iterable[tuple[int, Finding]]:
    return _flags(pairs, ctx, "OMI001", "source")


@check("ADD001", "added-clause", "accuracy/addition", "major", scope="corpus", requires="semantic",
       status="preview", options=_options(*ADD_Z),
       doc="A clause of the target that the source does not have (only with the semantic extra). "
           "Preview: off unless selected (``--select ADD001``); it needs the optional semantic extra "
           "(``pip install 'transaudit[semantic]'``), and selecting it without the extra is a usage "
           "error. " + _DOC_COMMON + " Defaults: minor below 0.5, major below -0.3. The span is on the "
           "target clause. An added phrase that is not cut off as a clause of its own (no comma) is "
           "mostly missed.")
def added_clause(pairs: Sequence[Pair], ctx) -> Iterable[tuple[int, Finding]]:
    return _flags(pairs, ctx, "ADD001", "target")
