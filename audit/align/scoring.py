"""Scoring of alignments against gold alignments (strict and lax precision/recall, as Vecalign's
score.py)."""
from __future__ import annotations


def _counts(gold, test) -> list[int]:
    """[tp_strict, fp_strict, tp_lax, fp_lax] of ``test`` beads against ``gold`` beads."""
    gold = {(tuple(s), tuple(t)) for s, t in gold if s or t}
    test = {(tuple(s), tuple(t)) for s, t in test if s or t}
    src_to_tgt: dict[int, set[int]] = {}
    for gs, gt in gold:
        for x in gs:
            src_to_tgt.setdefault(x, set()).update(gt)
    tps = fps = tpl = fpl = 0
    for ts, tt in test:
        if (ts, tt) in gold:
            tps += 1
            tpl += 1
            continue
        fps += 1
        linked = set()
        for x in ts:
            linked |= src_to_tgt.get(x, set())
        if linked.intersection(tt):
            tpl += 1
        else:
            fpl += 1
    return [tps, fps, tpl, fpl]


def score_alignments(gold_list, test_list) -> dict[str, float]:
    """Strict and lax precision, recall and F1 over documents.

    Each alignment is a list of (source indices, target indices). Precision counts every test
    bead (deletions included); recall counts gold beads, both without deletions (0-x / x-0),
    as in the Text+Berg evaluation of Sennrich and Volk used by Vecalign.
    """
    pc = [0, 0, 0, 0]
    rc = [0, 0, 0, 0]
    for gold, test in zip(gold_list, test_list):
        for k, v in enumerate(_counts(gold, test)):
            pc[k] += v
        g2 = [(s, t) for s, t in gold if s and t]
        t2 = [(s, t) for s, t in test if s and t]
        for k, v in enumerate(_counts(t2, g2)):
            rc[k] += v

    def ratio(a, b):
        return a / (a + b) if a + b else 0.0

    def f1(p, r):
        return 2 * p * r / (p + r) if p + r else 0.0

    ps, pl = ratio(pc[0], pc[1]), ratio(pc[2], pc[3])
    rs, rl = ratio(rc[0], rc[1]), ratio(rc[2], rc[3])
    return {"precision_strict": ps, "recall_strict": rs, "f1_strict": f1(ps, rs),
            "precision_lax": pl, "recall_lax": rl, "f1_lax": f1(pl, rl)}
