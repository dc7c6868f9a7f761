"""OMI / ADD: a source clause the target does not carry (omission), a target clause the source
does not have (addition), judged by multilingual sentence embeddings (the optional semantic extra,
``audit.lang.semantic``).

Both sides are cut into clauses (``audit.lang.clauses``). For each clause of the source, the pair's
embedding cosine is computed again with that clause left out of the source: when the target does
not carry the clause, leaving it out brings the source closer to the target, so the cosine rises;
when the target carries it, the cosine falls. A source clause whose removal raises the cosine by
``gain`` or more is an omission (OMI001, the span on the source clause); the same test on the target
side finds an added clause (ADD001, the span on the target clause). Embeddings are made once per
distinct text and batched over the whole file (one embedding call per file per check, a cache by
text shared by both checks), so the cost is one embedding per clause of each side plus the two
whole segments.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence

from audit.checks.registry import Option, check
from audit.core.model import Finding, Pair, hit
from audit.lang import semantic
from audit.lang.clauses import clauses, weight, without

GAIN = 0.010  # cosine rise when the clause is left out: minor
MAJOR_GAIN = 0.020  # ... from this rise on: major
MIN_CLAUSE = 12  # letters of a clause (an ideograph counts 3)
MIN_SIDE = 30  # letters of the whole side
MAX_CLAUSES = 8  # a side with more clauses is not judged (cost, and lists)


def _eligible(pair: Pair) -> bool:
    src, tgt = (pair.source or "").strip(), (pair.target or "").strip()
    if not src or not tgt or src == tgt:
        return False
    return weight(src) >= MIN_SIDE and weight(tgt) >= MIN_SIDE


def side_gains(pairs: Sequence[Pair], side: str, min_clause: int = MIN_CLAUSE,
               max_clauses: int = MAX_CLAUSES) -> dict[int, list[tuple[tuple[int, int], float]]]:
    """Pair index -> [(clause span on ``side``, cosine gain when it is left out)] for the eligible
    pairs of ``pairs`` with two clauses or more on that side (one batched embedding call)."""
    jobs, keys = [], []
    for i, p in enumerate(pairs):
        if not _eligible(p):
            continue
        text, other, lang = ((p.source, p.target, p.source_lang) if side == "source"
                             else (p.target, p.source, p.target_lang))
        spans = clauses(text, lang, min_clause)
        if not 2 <= len(spans) <= max_clauses:
            continue
        jobs.append((text, [without(text, spans, k) for k in range(len(spans))], other))
        keys.append((i, spans))
    out = {}
    for (i, spans), gains in zip(keys, semantic.drop_gains(jobs)):
        out[i] = [(sp, float(g)) for sp, g in zip(spans, gains)]
    return out


_OPTIONS = (
    Option("gain", float, GAIN, "cosine rise when the clause is left out: minor"),
    Option("major_gain", float, MAJOR_GAIN, "from this rise on: major"),
    Option("min_clause", int, MIN_CLAUSE, "letters a clause needs (an ideograph counts 3)"),
)


def _flags(pairs: Sequence[Pair], ctx, code: str, side: str) -> list[tuple[int, Finding]]:
    opts = ctx.options(code)
    out = []
    for i, rows in sorted(side_gains(pairs, side, opts.min_clause).items()):
        span, g = max(rows, key=lambda r: (r[1], -r[0][0]))
        if g < opts.gain:
            continue
        sev = "major" if g >= opts.major_gain else "minor"
        data = {"gain": round(g, 4), "clauses": len(rows)}
        if side == "source":
            out.append((i, hit(f"the target may leave out this source clause: without it the source is closer "
                               f"to the target (embedding cosine +{g:.3f})", source=span, severity=sev,
                               data=data, primary="source")))
        else:
            out.append((i, hit(f"this target clause may not be in the source: without it the target is closer "
                               f"to the source (embedding cosine +{g:.3f})", target=span, severity=sev, data=data)))
    return out


@check("OMI001", "omitted-clause", "accuracy/omission", "major", scope="corpus", requires="semantic",
       status="preview", options=_OPTIONS)
def omitted_clause(pairs: Sequence[Pair], ctx) -> Iterable[tuple[int, Finding]]:
    """A clause of the source that the target does not carry (only with the semantic extra).
    Preview: off unless selected (``--select OMI001``); it needs the optional semantic extra
    (``pip install 'transaudit[semantic]'``), and selecting it without the extra is a usage error
    naming what is missing. Both sides are cut into clauses
    at commas, semicolons, colons, dashes, parentheses, CJK 、，； and before a few conjunctions;
    the source is embedded whole and once with each clause left out. A clause whose removal makes
    the source closer to the target (multilingual-e5 cosine up by ``gain``, 0.010: minor; by
    ``major_gain``, 0.020: major) is one the target does not carry. The span is on the source
    clause. Segments with fewer than 30 letters on a side (an ideograph counting 3), a single
    clause or more than 8 clauses are not judged; clauses of fewer than ``min_clause`` letters are
    merged with their neighbour. Cost: one embedding per source clause (a few per segment), batched
    over the file and cached by text. Options: ``gain``, ``major_gain``, ``min_clause``."""
    return _flags(pairs, ctx, "OMI001", "source")


@check("ADD001", "added-clause", "accuracy/addition", "major", scope="corpus", requires="semantic",
       status="preview", options=_OPTIONS)
def added_clause(pairs: Sequence[Pair], ctx) -> Iterable[tuple[int, Finding]]:
    """A clause of the target that the source does not have (only with the semantic extra). Preview:
    off unless selected (``--select ADD001``); it needs the optional semantic extra (``pip install
    'transaudit[semantic]'``), and selecting it without the extra is a usage error. The mirror of OMI001: the target is
    embedded whole and once with each of its clauses left out; a clause whose removal makes the
    target closer to the source (multilingual-e5 cosine up by ``gain``, 0.010: minor; by
    ``major_gain``, 0.020: major) was added. The span is on the target clause. Same limits and
    cost as OMI001. Options: ``gain``, ``major_gain``, ``min_clause``."""
    return _flags(pairs, ctx, "ADD001", "target")
