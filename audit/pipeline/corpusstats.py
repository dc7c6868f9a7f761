"""Corpus-scope checks as mergeable statistics: the same flags whatever the sharding of the input.

A corpus-scope check (CON, LEN, MET, PLR, ADQ, OMI/ADD) judges a pair against the whole corpus.
To run it over shards of the input (processes, a cluster) it runs in two phases:

Phase 1, ``partial(pairs, start, checks, config) -> CorpusPartial``: on one shard, whose first
pair has global index ``start``, each check family computes what it needs of its pairs: digests
and indices, lengths and counts, scores. The result is picklable, holds no ``Pair`` objects where
digests or numbers suffice, and is deterministic (no ``hash()``: BLAKE2 digests, which do not
change between processes).

Merge, ``merge(parts) -> CorpusPartial``: exact and associative; the result does not depend on
the order of ``parts`` (every record carries its global index and merged lists are sorted by it),
so ``merge([partial(A, a), partial(B, b)]) == partial(A + B, a)`` for adjacent shards.

Phase 2, ``shard_flags(merged, pairs, start, checks, config) -> {global index: [Flag]}``: on one
shard again, each check decides from the merged statistics which of the shard's pairs it flags and
builds the flags from the shard's own pairs (spans, messages), with the same filters as
``engine.corpus_flags`` (language scope, blank targets).

Reduce, ``verdicts(merged, checks, config) -> Verdicts``, then ``split(verdicts, bounds)``: what
phase 2 needs of the merged statistics is much less than they hold, so the client reduces them
once to each check's decisions (CON: the members whose rendering differs from their group's
reference, with the reference's id and quoted text; LEN: the outliers with their ratio and z, and
the fitted model of each language pair they use; MET: the outliers with their bin's median; PLR
and carried checks: their findings, the check run once here) and cuts them per partition: each
phase-2 task gets a few bytes a flag of its own partition instead of ~340 bytes a pair of the
whole corpus. ``shard_flags`` takes either form (given the merged statistics, it reduces them for
its own range first).

``sharded_corpus_flags(pairs, checks, config, shards)`` is the reference driver (split, partial,
merge, verdicts, split, shard_flags) used by the tests: it returns exactly what
``engine.corpus_flags`` returns.

What each family carries:

- CON001/CON002: per key (a BLAKE2 digest of the check's key), one small record per member:
  index, digest of the compared text (CON001: the target's content; CON002: the source's letters),
  of the context note (CON001) or of the catalog entry (CON002), and, per distinct rendering, the
  id and text of its first member (what the flag message quotes).
- LEN001/LEN002: per language pair, per judged pair: index, log length ratio, length, subword
  token counts (when ``subword`` is on). Medians are order-independent, so the model is exact.
- MET001: per segment with a reference: index, reference length, sentence chrF.
- PLR001-003: the plural-form pairs only (catalog header facts live on them).
- ADQ001, OMI001, ADD001 (semantic extra, off by default) and any other corpus-scope check: they
  judge a pair against the other pairs of its file, so they are not pair-local; their pairs are
  carried whole (not compact) and the check runs on the merged corpus in phase 2. A check may
  declare itself pair-local with a ``shard_local = True`` attribute on its function (its findings
  for pair i depend on pair i only): it then runs in phase 2 on the shard alone, with nothing
  carried.

No corpus-scope check reads a pair's neighbours, so nothing is carried across shard edges.
"""
from __future__ import annotations

import math
import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from hashlib import blake2b
from typing import Any

from audit.checks.context import CorpusContext
from audit.checks.families import consistency as con
from audit.checks.families import length as lenm
from audit.core.model import Pair, base_lang, hit
from audit.core.text import strip_span

__all__ = ["CorpusPartial", "Verdicts", "merge", "partial", "shard_flags", "sharded_corpus_flags", "split",
           "verdicts"]


@dataclass
class CorpusPartial:
    """Mergeable statistics of the corpus-scope checks over some shards. ``n``: pairs covered;
    ``stats``: family name -> that family's mergeable state."""

    n: int = 0
    stats: dict[str, Any] = field(default_factory=dict)


def _dig(obj: Any) -> bytes:
    return blake2b(repr(obj).encode("utf-8", "surrogatepass"), digest_size=16).digest()


def _tdig(text: str | None) -> bytes:
    return blake2b((text or "").encode("utf-8", "surrogatepass"), digest_size=16).digest()


def _corpus_checks(checks):
    return [c for c in checks if c.spec.scope == "corpus"]


def _family(chk) -> str:
    code = chk.code
    if code in ("CON001", "CON002"):
        return "CON"
    if code in ("LEN001", "LEN002"):
        return "LEN"
    if code == "MET001":
        return "MET"
    if code[:3] == "PLR" and code in ("PLR001", "PLR002", "PLR003"):
        return "PLR"
    if getattr(chk.fn, "shard_local", False):
        return "LOCAL"
    return "ALL"


# ---- CON001 / CON002 -------------------------------------------------------------------------

def _con_partial(pairs, start, config):
    from audit.checks.context import CheckOptions

    opts = CheckOptions(config.options)
    mw2 = opts.of("CON002").min_words
    g1: dict[bytes, list] = {}
    n1: dict[bytes, tuple] = {}  # key -> (idx, words of the source) of its first member
    r1: dict[tuple, tuple] = {}  # (key, content digest, note digest or None) -> (idx, id, target)
    g2: dict[bytes, list] = {}
    r2: dict[bytes, tuple] = {}  # key -> (idx, id, source) of the first kept member
    words: dict[str, int] = {}
    for j, p in enumerate(pairs):
        i = start + j
        k = con._key1(p)
        if k is not None:
            kd = _dig(k)
            cd = _tdig(con._content(p.target))
            nd = _tdig(p.note) if p.note else None
            members = g1.get(kd)
            if members is None:  # the first member's word count decides how the group is compared
                members = g1[kd] = []
                n1[kd] = (i, con._nwords(p.source))
            members.append((i, cd, nd))
            for rk in {(kd, cd, None), (kd, cd, nd)}:  # the whole group's, the note's sub-group's
                if rk not in r1:  # only what the message quotes (at most 60 characters)
                    r1[rk] = (i, p.id, con._short(p.target))
        k = con._key2(p)
        if k is not None and (con._counted(p.source, words) >= mw2 and con._counted(p.target, words) >= mw2):
            kd = _dig(k)
            e = con._entry(i, p)
            g2.setdefault(kd, []).append((i, e if isinstance(e, int) else _dig(e),
                                          _tdig(con._letters(p.source))))
            if kd not in r2:
                r2[kd] = (i, p.id, con._short(p.source))
    return (g1, n1, r1, g2, r2)


def _merge_min(dst: dict, src: dict) -> None:
    for k, v in src.items():
        got = dst.get(k)
        if got is None or v[0] < got[0]:
            dst[k] = v


def _merge_groups(dst: dict, src: dict) -> None:
    for k, v in src.items():
        dst.setdefault(k, []).extend(v)


def _con_merge(states):
    g1, n1, r1, g2, r2 = {}, {}, {}, {}, {}
    for a, n, b, c, d in states:
        _merge_groups(g1, a)
        _merge_min(n1, n)
        _merge_min(r1, b)
        _merge_groups(g2, c)
        _merge_min(r2, d)
    for g in (g1, g2):
        for v in g.values():
            v.sort()
    return (g1, n1, r1, g2, r2)


def _con1_verdicts(state, lo, hi, min_words):
    """CON001's verdicts on the pairs of [lo, hi): (index, (id and text of the reference))."""
    g1, n1, r1, _, _ = state
    out = []
    for kd, members in g1.items():
        if len(members) < 2 or not (lo <= members[-1][0] and members[0][0] < hi):
            continue
        if len({m[1] for m in members}) < 2:
            continue
        if n1[kd][1] >= min_words:
            subs = [(members, None)]
        else:
            by_note: dict = {}
            for m in members:
                if m[2] is not None:
                    by_note.setdefault(m[2], []).append(m)
            subs = [(s, nd) for nd, s in by_note.items() if len(s) > 1]
        for sub, nd in subs:
            counts = Counter(m[1] for m in sub)
            if len(counts) < 2:
                continue
            best = max(counts.values())
            ref = next(m[1] for m in sub if counts[m[1]] == best)
            _, ref_id, ref_target = r1[(kd, ref, nd)]
            out.extend((m[0], (ref_id, ref_target)) for m in sub if m[1] != ref and lo <= m[0] < hi)
    return out


def _con1_hit(p, ref):
    ref_id, ref_target = ref
    msg = f"same source translated differently in segment {ref_id}: \u201c{ref_target}\u201d"
    return hit(msg, target=strip_span(p.target), source=strip_span(p.source), data={"other": ref_id})


def _con2_verdicts(state, lo, hi):
    """CON002's verdicts on the pairs of [lo, hi): (index, (id and source of the reference))."""
    _, _, _, g2, r2 = state
    out = []
    for kd, members in g2.items():
        if len(members) < 2 or not (lo <= members[-1][0] and members[0][0] < hi):
            continue
        seen: set = set()
        kept = [m for m in members if not (m[1] in seen or seen.add(m[1]))]
        if len(kept) < 2 or len({m[2] for m in kept}) < 2:
            continue
        _, ref_id, ref_source = r2[kd]
        ref = kept[0][2]
        out.extend((m[0], (ref_id, ref_source)) for m in kept if m[2] != ref and lo <= m[0] < hi)
    return out


def _con2_hit(p, ref):
    ref_id, ref_source = ref
    msg = f"same translation as segment {ref_id}, whose source differs: \u201c{ref_source}\u201d"
    return hit(msg, target=strip_span(p.target), source=strip_span(p.source), data={"other": ref_id})


# ---- LEN001 / LEN002 -------------------------------------------------------------------------

def _len_args(opts, code):
    o = opts.of(code)
    return (o.min_corpus, o.z, o.min_length, o.subword)


def _len_partial(pairs, start, args):
    _, _, min_len, use_tokens = args
    counter = lenm._token_counter() if use_tokens else None
    groups: dict[tuple, list] = {}
    for j, p in enumerate(pairs):
        t = p.target
        if not t or not p.source or t == p.source:
            continue
        key = (base_lang(p.source_lang), base_lang(p.target_lang))
        ws, wt = lenm.weighted_length(p.source), lenm.weighted_length(t)
        if ws <= 0 or wt <= 0:
            continue
        fs = lenm.CHAR_FACTOR.get(key[0] or "", 1.0)
        L = ws / fs
        if L < min_len:
            continue
        a = b = None
        if counter is not None:
            a, b = counter(p.source), counter(t)
        groups.setdefault(key, []).append((start + j, math.log(wt / ws), L, a, b))
    return groups


def _len_merge(states):
    out: dict[tuple, list] = {}
    for st in states:
        _merge_groups(out, st)
    for v in out.values():
        v.sort()
    return out


def _len_models(groups, args):
    min_corpus = args[0]
    models = {}
    for (sl, tl), usable in groups.items():
        if not usable:
            continue
        mu0, s0, known = lenm.prior(sl, tl)
        mu, scale, learned = mu0, 1.0, 0
        if len(usable) >= min_corpus:
            mu, _ = lenm._robust([r[1] for r in usable])
            resid = [(r[1] - mu) / math.sqrt(s0 * s0 + lenm.NOISE_C / r[2]) for r in usable]
            _, k = lenm._robust(resid)
            scale = min(2.0, max(0.75, k))
            learned = len(usable)
        elif not known:
            continue
        tok_mu = None
        if args[3]:
            ft_s, ft_t = lenm.TOKEN_FACTOR.get(sl or ""), lenm.TOKEN_FACTOR.get(tl or "")
            if learned:
                sample = usable[:: max(1, len(usable) // 300)]
                xs = [math.log(r[4] / r[3]) for r in sample if r[3] and r[4]]
                tok_mu = statistics.median(xs) if xs else None
            elif ft_s is not None and ft_t is not None:
                tok_mu = math.log(ft_t / ft_s)
        models[(sl, tl)] = lenm._Model(mu, s0, scale, learned, tok_mu)
    return models


def _len_verdicts(groups, args, lo, hi):
    """LEN001's and LEN002's verdicts on the pairs of [lo, hi): (index, (language pair, ratio,
    z, length)) each, and the parameters of the models they used per language pair."""
    z = args[1]
    short, long_ = [], []
    models = _len_models(groups, args)
    for key, m in models.items():
        for i, x, L, a, b in groups[key]:
            if not lo <= i < hi:
                continue
            d = x - m.mu
            sig = m.sigma(L)
            if abs(d) < z * sig:
                continue
            r = math.exp(d)
            if lenm.SHORT_MINOR <= r <= lenm.LONG_MINOR:
                continue
            if m.tok_mu is not None and a and b:
                dt = math.log(b / a) - m.tok_mu
                d = (d + dt) / 2
                r = math.exp(d)
                if abs(d) < z * sig or lenm.SHORT_MINOR <= r <= lenm.LONG_MINOR:
                    continue
            (short if d < 0 else long_).append((i, (key, r, d / sig, L)))
    used = {k for _, (k, *_rest) in short + long_}
    params = {k: (m.mu, m.s0, m.scale, m.learned, m.tok_mu) for k, m in models.items() if k in used}
    return short, long_, params


def _len_hit(p, v, params):
    key, r, zscore, L = v
    return lenm._finding(p, r, zscore, lenm._Model(*params[key]), key[0], key[1], L)


# ---- MET001 ----------------------------------------------------------------------------------

def _met_partial(pairs, start, o):
    rows = []
    for j, p in enumerate(pairs):
        if p.references and p.target and p.target.strip():
            rl = max(len("".join((r or "").split())) for r in p.references)
            if rl >= o.min_ref_chars:
                rows.append((start + j, rl, p))
    if not rows:
        return []
    from audit.scores.metrics import sentence_chrf

    scores = sentence_chrf([p.target for _, _, p in rows], [tuple(p.references) for _, _, p in rows])
    return [(rl, i, s) for (i, rl, _), s in zip(rows, scores)]


def _met_verdicts(rows, o, lo, hi):
    """MET001's verdicts on the pairs of [lo, hi): (index, (chrF, its bin's median, robust z))."""
    if len(rows) < o.min_segments:
        return []
    order = sorted(rows)  # by (reference length, index), as MET001 orders them
    n_bins = max(1, min(4, len(order) // o.min_segments))
    out = []
    from audit.checks.families.metric import MIN_SIGMA

    for b in range(n_bins):
        group = order[b * len(order) // n_bins:(b + 1) * len(order) // n_bins]
        scores = [s for _, _, s in group]
        med = statistics.median(scores)
        mad = statistics.median(abs(x - med) for x in scores)
        sigma = max(1.4826 * mad, MIN_SIGMA)
        for _, i, s in group:
            if not lo <= i < hi:
                continue
            zz = (s - med) / sigma
            if zz <= o.z_minor:
                out.append((i, (s, med, zz)))
    return out


def _met_hit(pair, v, o):
    s, med, zz = v
    sev = "major" if zz <= o.z_major else "minor"
    return hit(
        f"chrF {s:.1f} against the reference, far below the median {med:.1f} of segments of similar "
        f"length (robust z {zz:.1f})",
        target=strip_span(pair.target), severity=sev,
        data={"chrf": round(s, 2), "median": round(med, 2), "z": round(zz, 2)},
    )


# ---- carried pairs (PLR, semantic and other checks) -----------------------------------------

_NOBODY = Pair(id="", source="", target=None)


class _Sparse(Sequence):
    """The corpus seen by a check that needs only some pairs: the others read as an empty pair."""

    def __init__(self, n: int, pairs: dict[int, Pair]):
        self.n, self.pairs = n, pairs

    def __len__(self):
        return self.n

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(self.n))]
        if i < 0:
            i += self.n
        if not 0 <= i < self.n:
            raise IndexError(i)
        return self.pairs.get(i, _NOBODY)

    def __iter__(self):
        get = self.pairs.get
        return (get(i, _NOBODY) for i in range(self.n))


def _is_plural(p: Pair) -> bool:
    return p.unit is not None and p.unit.form is not None


# ---- the interface ---------------------------------------------------------------------------

def partial(pairs: Sequence[Pair], start: int, checks, config) -> CorpusPartial:
    """Phase 1 on one shard; ``start`` is the global index of ``pairs[0]``."""
    from audit.checks.context import CheckOptions

    opts = CheckOptions(config.options)
    fams = {_family(c) for c in _corpus_checks(checks)}
    st: dict[str, Any] = {}
    if "CON" in fams:
        st["CON"] = _con_partial(pairs, start, config)
    if "LEN" in fams:
        for c in _corpus_checks(checks):
            if _family(c) == "LEN":
                args = _len_args(opts, c.code)
                st.setdefault(("LEN", args), _len_partial(pairs, start, args))
    if "MET" in fams:
        st["MET"] = _met_partial(pairs, start, opts.of("MET001"))
    if "PLR" in fams:
        st["PLR"] = {start + j: p for j, p in enumerate(pairs) if _is_plural(p)}
    if "ALL" in fams:
        st["ALL"] = {start + j: p for j, p in enumerate(pairs)}
    return CorpusPartial(len(pairs), st)


def merge(parts: Sequence[CorpusPartial]) -> CorpusPartial:
    """Exact, associative, order-independent merge of phase-1 results."""
    parts = list(parts)
    keys: list = []
    for p in parts:
        for k in p.stats:
            if k not in keys:
                keys.append(k)
    st: dict[Any, Any] = {}
    for k in keys:
        states = [p.stats[k] for p in parts if k in p.stats]
        if k == "CON":
            st[k] = _con_merge(states)
        elif k == "MET":
            st[k] = sorted(r for s in states for r in s)
        elif k in ("PLR", "ALL"):
            d: dict = {}
            for s in states:
                d.update(s)
            st[k] = dict(sorted(d.items()))
        else:  # ("LEN", args)
            st[k] = _len_merge(states)
    return CorpusPartial(sum(p.n for p in parts), st)


@dataclass
class Verdicts:
    """What phase 2 needs of the merged statistics (``verdicts``), for the pairs of global
    indices [``lo``, ``hi``): ``found``, check code -> [(global index, payload)] in the order the
    check finds them (CON: the reference's id and quoted text; LEN: language pair, ratio, z and
    length; MET: chrF, median and z; PLR and carried checks: the finding itself); ``models``, the
    length model parameters each LEN verdict refers to. A few bytes a flag instead of the merged
    statistics' ~340 bytes a pair; ``split`` cuts it per partition."""

    lo: int
    hi: int
    found: dict[str, list] = field(default_factory=dict)
    models: dict = field(default_factory=dict)


def _code_verdicts(chk, merged: CorpusPartial, lo, hi, opts, config, memo) -> list:
    fam = _family(chk)
    if fam == "CON":
        state = merged.stats["CON"]
        if chk.code == "CON001":
            return _con1_verdicts(state, lo, hi, opts.of("CON001").min_words)
        return _con2_verdicts(state, lo, hi)
    if fam == "LEN":
        args = _len_args(opts, chk.code)
        key = ("LEN", args)
        if key not in memo:
            memo[key] = _len_verdicts(merged.stats[key], args, lo, hi)
        memo["models"].update({(args, k): v for k, v in memo[key][2].items()})
        return [(i, (args, *v)) for i, v in memo[key][0 if chk.code == "LEN001" else 1]]
    if fam == "MET":
        return _met_verdicts(merged.stats["MET"], opts.of("MET001"), lo, hi)
    if fam == "LOCAL":  # runs on the shard alone in phase 2
        return []
    name = "PLR" if fam == "PLR" else "ALL"
    if name not in memo:
        memo[name] = _Sparse(merged.n, merged.stats[name])
        memo[name + "ctx"] = CorpusContext(memo[name], config.options)
    found = chk.fn(memo[name], memo[name + "ctx"])
    return [(i, fd) for i, fd in found if lo <= i < hi]


def verdicts(merged: CorpusPartial, checks, config, lo: int = 0, hi: int | None = None) -> Verdicts:
    """The merged statistics reduced to what phase 2 needs for the pairs of [lo, hi) (the whole
    corpus by default): each check's decisions, computed once (on the client) instead of once per
    partition. The checks over carried pairs (PLR, semantic) run here, once."""
    from audit.checks.context import CheckOptions

    hi = merged.n if hi is None else hi
    opts = CheckOptions(config.options)
    memo: dict = {"models": {}}
    found: dict[str, list] = {}
    for chk in _corpus_checks(checks):
        try:
            found[chk.code] = _code_verdicts(chk, merged, lo, hi, opts, config, memo)
        except Exception as exc:
            raise RuntimeError(f"check {chk.code} failed: {exc!r}") from exc
    return Verdicts(lo, hi, found, memo["models"])


def split(v: Verdicts, bounds: Sequence[tuple[int, int]]) -> list[Verdicts]:
    """``v`` cut into one ``Verdicts`` per (lo, hi) of ``bounds`` (adjacent, increasing), in one
    pass over the verdicts; each keeps only the models its LEN verdicts use."""
    import bisect

    starts = [a for a, _ in bounds]
    out = [Verdicts(a, b) for a, b in bounds]
    for code, found in v.found.items():
        lists = [o.found.setdefault(code, []) for o in out]
        for rec in found:
            k = bisect.bisect_right(starts, rec[0]) - 1
            if k >= 0 and rec[0] < bounds[k][1]:
                lists[k].append(rec)
    for o in out:
        for code, found in o.found.items():
            if code in ("LEN001", "LEN002"):
                for _, (args, key, *_rest) in found:
                    o.models[(args, key)] = v.models[(args, key)]
    return out


def _hit(chk, pair, payload, opts, models):
    code = chk.code
    if code == "CON001":
        return _con1_hit(pair, payload)
    if code == "CON002":
        return _con2_hit(pair, payload)
    if code in ("LEN001", "LEN002"):
        args, key, *rest = payload
        return _len_hit(pair, (key, *rest), {key: models[(args, key)]})
    if code == "MET001":
        return _met_hit(pair, payload, opts.of("MET001"))
    return payload  # a finding computed in ``verdicts``


def shard_flags(merged: CorpusPartial | Verdicts, pairs: Sequence[Pair], start: int, checks,
                config) -> dict[int, list]:
    """Phase 2 on one shard: the corpus flags of its pairs, keyed by GLOBAL index. ``merged``: the
    merged statistics, or their ``verdicts`` for a range covering the shard (what executors ship)."""
    from audit.checks.context import CheckOptions
    from audit.pipeline.engine import add_corpus_finding

    lo, hi = start, start + len(pairs)
    if isinstance(merged, CorpusPartial):
        v = verdicts(merged, checks, config, lo, hi)
    else:
        v = merged
        if not (v.lo <= lo and hi <= v.hi):
            raise ValueError(f"verdicts for [{v.lo}, {v.hi}) given for the pairs of [{lo}, {hi})")
    opts = CheckOptions(config.options)
    extra: dict[int, list] = {}
    for chk in _corpus_checks(checks):
        try:
            if _family(chk) == "LOCAL":
                ctx = CorpusContext(pairs, config.options)
                found = [(start + i, fd) for i, fd in chk.fn(pairs, ctx)]
            else:
                found = [(i, _hit(chk, pairs[i - start], x, opts, v.models))
                         for i, x in v.found[chk.code] if lo <= i < hi]
        except Exception as exc:
            raise RuntimeError(f"check {chk.code} failed: {exc!r}") from exc
        for idx, fd in found:
            add_corpus_finding(extra, chk, idx, pairs[idx - start], fd, config)
    return extra


def sharded_corpus_flags(pairs: Sequence[Pair], checks, config, shards: int | Sequence[int],
                         reduced: bool = True) -> dict[int, list]:
    """Reference driver: split ``pairs`` into ``shards`` near-equal shards (or at the given cut
    points), run phase 1 on each, merge, run phase 2 on each (given the merged statistics reduced
    to ``verdicts`` and ``split`` per shard, as the executors ship them; or, with
    ``reduced=False``, the merged statistics whole); the union of the flags."""
    n = len(pairs)
    if isinstance(shards, int):
        k = max(1, min(shards, n or 1))
        cuts = [n * s // k for s in range(1, k)]
    else:
        cuts = sorted({c for c in shards if 0 < c < n})
    bounds = list(zip([0, *cuts], [*cuts, n]))
    if not n or not _corpus_checks(checks):
        return {}
    parts = [partial(pairs[a:b], a, checks, config) for a, b in bounds]
    merged = merge(parts)
    shipped = split(verdicts(merged, checks, config), bounds) if reduced else [merged] * len(bounds)
    out: dict[int, list] = {}
    for (a, b), given in zip(bounds, shipped):
        out.update(shard_flags(given, pairs[a:b], a, checks, config))
    return out
