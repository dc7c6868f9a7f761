"""Reference-based metrics through sacrebleu: BLEU, chrF, chrF++, TER (and spBLEU with our own
sentencepiece model), at corpus and segment level, with sacrebleu's signatures and 95% confidence
intervals by bootstrap resampling.

sacrebleu's template-method design is the model (``sacrebleu/metrics/base.py``): every metric
reduces a segment to *sufficient statistics* (n-gram counts, edit counts); a corpus score is
computed from the summed statistics. Here the statistics are extracted **once** per metric and
reused for the corpus score, every segment score, the bootstrap confidence interval and the paired
significance tests of ``transaudit compare``; sacrebleu's own calls would pay the extraction again
for each (corpus chrF over 100,000 segments costs about 40 s, TER about 5-10 ms a segment).
chrF and chrF++ share their character statistics when there is one reference per segment.

Exactness: corpus scores are computed by sacrebleu's own ``_compute_score_from_stats`` on the exact
integer sums, so they equal the ``sacrebleu`` command's output. Bootstrap resampling draws the same
indices as sacrebleu (numpy ``default_rng(12345)``, ``choice(n, (n_samples, n))``) and sums them as
counts times statistics (no ``n_samples x n x d`` array: sacrebleu's own resampler needs ~10 GB on
100,000 segments), then scores the float32 sums as sacrebleu does; intervals equal sacrebleu's
``--confidence`` output whenever the sums are exactly representable in float32 (below 2**24, i.e.
any realistic test set).

BLEU tokenization follows sacrebleu's defaults for the target language: ``zh`` for Chinese,
``ja-mecab`` for Japanese and ``ko-mecab`` for Korean, ``13a`` otherwise. The mecab tokenizers need
the ``mecab-python3``/``ipadic``/``mecab-ko`` packages; when they are not installed we fall back to
``char`` (character-level BLEU: both languages are written without reliable word spaces for
Japanese, and Korean eojeol words are too agglutinated for word n-grams), the signature then says
``tok:char`` and the metric carries a ``note`` saying why. Segment BLEU uses exponential smoothing and
effective order, exactly as ``sacrebleu.sentence_bleu``.
"""
from __future__ import annotations

import hashlib
import statistics
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping, Sequence

import numpy as np

from audit.core.model import base_lang

DEFAULT_SEED = 12345  # sacrebleu's default (SACREBLEU_SEED)
DEFAULT_BOOTSTRAP = 1000
DEFAULT_METRICS = ("bleu", "chrf", "chrf++", "ter")
METRIC_KEYS = ("bleu", "chrf", "chrf++", "ter", "spbleu")
PARALLEL_MIN = 4000  # segments below which statistics are extracted in one process

_LANG_TOKENIZERS = {"zh": "zh", "ja": "ja-mecab", "ko": "ko-mecab"}
_MECAB_OK: dict[str, bool] = {}


def _tokenizer_available(name: str) -> bool:
    if name not in _MECAB_OK:
        from sacrebleu.metrics.bleu import _get_tokenizer

        try:
            _get_tokenizer(name)()
            _MECAB_OK[name] = True
        except Exception:  # ImportError, or a mecab dictionary that is missing
            _MECAB_OK[name] = False
    return _MECAB_OK[name]


def bleu_tokenizer(target_lang: str | None) -> tuple[str, str | None]:
    """The BLEU tokenizer for a target language, and a note when sacrebleu's default is unavailable."""
    want = _LANG_TOKENIZERS.get(base_lang(target_lang) or "", "13a")
    if want.endswith("-mecab") and not _tokenizer_available(want):
        return "char", f"sacrebleu's default tokenizer for {base_lang(target_lang)} ({want}) needs mecab, " \
                       "which is not installed: character-level BLEU (tok:char) instead"
    return want, None


def parse_metric_names(values: Iterable[str] | str | None) -> tuple[str, ...]:
    """'bleu,chrf' / ['bleu', 'TER'] -> ('bleu', 'chrf', 'ter'); 'all' is every metric; ValueError if unknown."""
    if values is None:
        return DEFAULT_METRICS
    if isinstance(values, str):
        values = [values]
    out: list[str] = []
    for item in values:
        for v in item.split(","):
            v = v.strip().lower()
            if not v:
                continue
            v = {"chrf2": "chrf", "chrf2++": "chrf++", "chrfpp": "chrf++", "sp-bleu": "spbleu"}.get(v, v)
            if v == "all":
                out.extend(k for k in METRIC_KEYS if k not in out)
                continue
            if v not in METRIC_KEYS:
                raise ValueError(f"unknown metric {v!r} (one of {', '.join(METRIC_KEYS)}, all)")
            if v not in out:
                out.append(v)
    return tuple(out) or DEFAULT_METRICS


class Scorer:
    """One sacrebleu metric object (reused for everything) and how to score its statistics."""

    def __init__(self, key: str, target_lang: str | None = None):
        from sacrebleu.metrics import BLEU, CHRF, TER

        self.key = key
        self.note: str | None = None
        if key == "bleu":
            tok, self.note = bleu_tokenizer(target_lang)
            self.metric = BLEU(tokenize=tok)
        elif key == "spbleu":
            from audit.lang.subword import SentencePieceTokenizer

            self.metric = BLEU(tokenize="none")
            self.metric.tokenizer = SentencePieceTokenizer()
            self.metric.tokenizer_signature = self.metric.tokenizer.signature()
        elif key == "chrf":
            self.metric = CHRF()
        elif key == "chrf++":
            self.metric = CHRF(word_order=2)
        elif key == "ter":
            self.metric = TER()
        else:
            raise ValueError(f"unknown metric {key!r}")
        self.name = {"bleu": "BLEU", "spbleu": "spBLEU", "chrf": "chrF2", "chrf++": "chrF2++", "ter": "TER"}[key]
        self.higher_is_better = key != "ter"

    # -- statistics ---------------------------------------------------------------------------
    def extract(self, hyps: Sequence[str], streams: Sequence[Sequence[str | None]]) -> list[list]:
        """Sufficient statistics of every segment (sacrebleu's own extraction)."""
        if not hyps:
            return []
        return self.metric._extract_corpus_statistics(list(hyps), [list(s) for s in streams])

    def set_num_refs(self, streams: Sequence[Sequence[str | None]]) -> None:
        counts = {sum(1 for s in streams if s[i] is not None) for i in range(len(streams[0]))} if streams else {0}
        self.metric.num_refs = counts.pop() if len(counts) == 1 else -1

    # -- scores -------------------------------------------------------------------------------
    def corpus(self, stats: Sequence[Sequence[float]]):
        """sacrebleu's Score object for the summed statistics (exact integer sums)."""
        d = len(stats[0])
        total = [type(stats[0][0])(0)] * d
        for row in stats:
            for i in range(d):
                total[i] += row[i]
        return self.metric._compute_score_from_stats(total)

    def segment(self, row: Sequence[float]) -> float:
        """One segment's score, as sacrebleu's sentence-level scoring gives it."""
        if self.key in ("bleu", "spbleu"):
            m = self.metric
            o = m.max_ngram_order
            return m.compute_bleu(list(row[2:2 + o]), list(row[2 + o:]), int(row[0]), int(row[1]),
                                  smooth_method="exp", effective_order=True, max_ngram_order=o).score
        return self.metric._compute_score_from_stats(list(row)).score

    def signature(self, n_bootstrap: int | None = None, seed: int | None = None) -> str:
        sig = self.metric.get_signature()
        if n_bootstrap and n_bootstrap > 1:
            sig.update("bs", n_bootstrap)
            sig.update("seed", str(seed).lower())
        return sig.format()


# -- bootstrap resampling ----------------------------------------------------------------------

def resample_sums(stats: np.ndarray, n_samples: int, rng: np.random.Generator, batch_cells: int = 8_000_000):
    """Yield, batch by batch, the summed statistics of ``n_samples`` bootstrap resamples.

    Draws exactly what sacrebleu draws (``rng.choice(n, size=(n_samples, n))``, in row batches,
    which yields the same stream) and sums each resample as ``counts @ stats``.
    """
    n = len(stats)
    rows = max(1, min(n_samples, batch_cells // max(n, 1)))
    done = 0
    while done < n_samples:
        m = min(rows, n_samples - done)
        idx = rng.choice(n, size=(m, n), replace=True)
        if n * m <= 2_000_000:
            sums = stats[idx].sum(1)
        else:  # row by row: a bincount over n bins stays in cache (one over m*n bins does not)
            counts = np.empty((m, n), dtype=np.float64)
            for r in range(m):
                counts[r] = np.bincount(idx[r], minlength=n)
            sums = counts @ stats
        yield sums
        done += m


def bootstrap_scores(scorer: Scorer, stats: np.ndarray, n_samples: int, seed: int | None = DEFAULT_SEED,
                     rng: np.random.Generator | None = None) -> np.ndarray:
    """Corpus scores of ``n_samples`` bootstrap resamples of the segment statistics."""
    rng = rng if rng is not None else np.random.default_rng(seed)
    out = []
    comp = scorer.metric._compute_score_from_stats
    for sums in resample_sums(stats, n_samples, rng):
        for s in sums.astype(np.float32):  # sacrebleu scores float32 sums
            out.append(comp(s).score)
    return np.array(out)


def _bootstrap_all(scorers: Mapping[str, Scorer], arrays: Mapping[str, np.ndarray], n_samples: int,
                   seed: int | None) -> dict[str, list[float]]:
    """Bootstrap scores of several metrics from one set of draws (each metric alone would draw the
    same indices from the same seed: sharing them is the same result at a fraction of the cost)."""
    keys = list(arrays)
    both = np.concatenate([arrays[k] for k in keys], axis=1)
    bounds = np.cumsum([0] + [arrays[k].shape[1] for k in keys])
    out: dict[str, list[float]] = {k: [] for k in keys}
    comps = [scorers[k].metric._compute_score_from_stats for k in keys]
    rng = np.random.default_rng(seed)
    for sums in resample_sums(both, n_samples, rng, batch_cells=4_000_000):
        for row in sums.astype(np.float32):  # sacrebleu scores float32 sums
            for j, k in enumerate(keys):
                out[k].append(comps[j](row[bounds[j]:bounds[j + 1]]).score)
    return out


def ci_from_scores(scores: Sequence[float]) -> dict[str, float]:
    """sacrebleu's 95% interval: mean, half-width, and the bounds (the 1/40 and 39/40 order statistics)."""
    raw = sorted(float(x) for x in scores)
    n = len(raw)
    lo_i = n // 40
    lo, hi = raw[lo_i], raw[n - lo_i - 1]
    return {"mean": statistics.mean(raw), "ci": 0.5 * (hi - lo), "low": lo, "high": hi}


# -- results -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class CorpusMetric:
    """A corpus score with its sacrebleu signature and (optionally) its 95% bootstrap interval."""

    key: str
    name: str
    score: float
    signature: str
    segments: int
    mean: float | None = None
    ci: float | None = None
    low: float | None = None
    high: float | None = None
    n_bootstrap: int | None = None
    seed: int | None = None
    verbose: str | None = None
    note: str | None = None

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"name": self.name, "score": round(self.score, 4), "signature": self.signature,
                             "segments": self.segments}
        if self.mean is not None:
            d["ci95"] = {"mean": round(self.mean, 4), "halfwidth": round(self.ci, 4),
                         "low": round(self.low, 4), "high": round(self.high, 4),
                         "bootstrap": self.n_bootstrap, "seed": self.seed}
        if self.verbose:
            d["verbose"] = self.verbose
        if self.note:
            d["note"] = self.note
        return d

    def format(self, width: int = 1) -> str:
        """sacrebleu's one-line form: ``name|signature = score (μ = mean ± ci) verbose``."""
        s = f"{self.name}|{self.signature} = {self.score:.{width}f}"
        if self.mean is not None:
            s += f" (μ = {self.mean:.{width}f} ± {self.ci:.{width}f})"
        if self.verbose:
            s += f" {self.verbose}"
        return s


@dataclass
class MetricSet:
    """Corpus metrics, per-segment scores (None where a segment has no reference) and statistics."""

    corpus: dict[str, CorpusMetric] = field(default_factory=dict)
    segment: dict[str, list[float | None]] = field(default_factory=dict)
    stats: dict[str, np.ndarray] = field(default_factory=dict)
    scored: list[int] = field(default_factory=list)  # indices of the segments that have references

    def to_dict(self) -> dict[str, Any]:
        return {k: m.to_dict() for k, m in self.corpus.items()}


def reference_streams(refs: Sequence[Sequence[str]]) -> list[list[str | None]]:
    """Per-segment reference tuples -> sacrebleu's reference streams (None where a segment has fewer)."""
    k = max((len(r) for r in refs), default=0)
    return [[r[j] if j < len(r) else None for r in refs] for j in range(k)]


_WORKER: dict[str, Any] = {}


def _extract_chunk(args):
    key, lo, hi = args
    scorer, hyps, streams = _WORKER["scorer"], _WORKER["hyps"], _WORKER["streams"]
    return scorer.extract(hyps[lo:hi], [s[lo:hi] for s in streams])


def extract_stats(scorer: Scorer, hyps: Sequence[str], streams: Sequence[Sequence[str | None]],
                  jobs: int = 1) -> list[list]:
    """Segment statistics, over ``jobs`` forked processes for large inputs (same result)."""
    n = len(hyps)
    if jobs <= 1 or n < PARALLEL_MIN:
        return scorer.extract(hyps, streams)
    import multiprocessing as mp

    if "fork" not in mp.get_all_start_methods():
        return scorer.extract(hyps, streams)
    _WORKER.update(scorer=scorer, hyps=hyps, streams=streams)
    try:
        size = max(500, n // (jobs * 8))
        tasks = [(scorer.key, lo, min(n, lo + size)) for lo in range(0, n, size)]
        with mp.get_context("fork").Pool(jobs) as pool:
            parts = pool.map(_extract_chunk, tasks, chunksize=1)
    finally:
        _WORKER.clear()
    return [row for part in parts for row in part]


def evaluate(hyps: Sequence[str | None], refs: Sequence[Sequence[str]], target_lang: str | None = None,
             metrics: Iterable[str] | None = None, n_bootstrap: int = DEFAULT_BOOTSTRAP,
             seed: int | None = DEFAULT_SEED, jobs: int = 1) -> MetricSet:
    """Score hypotheses against per-segment references (a tuple per segment, possibly empty).

    Segments without any reference are left out of the corpus scores (their segment scores are
    None); the number scored is in each metric's ``segments``.
    """
    keys = parse_metric_names(metrics)
    n = len(hyps)
    scored = [i for i in range(n) if any(r is not None for r in refs[i])]
    out = MetricSet(scored=scored)
    if not scored:
        return out
    h = [hyps[i] or "" for i in scored]
    r = [tuple(x for x in refs[i] if x is not None) for i in scored]
    streams = reference_streams(r)
    single_ref = len(streams) == 1
    scorers = {k: get_scorer(k, target_lang) for k in keys}
    stats: dict[str, list[list]] = {}
    for k in keys:
        sc = scorers[k]
        sc.set_num_refs(streams)
        if k == "chrf" and single_ref and "chrf++" in keys:
            continue  # sliced from chrF++ below
        stats[k] = extract_stats(sc, h, streams, jobs)
    if "chrf" in keys and "chrf" not in stats:
        d = 3 * scorers["chrf"].metric.order
        stats["chrf"] = [row[:d] for row in stats["chrf++"]]
    arrays = {k: np.asarray(stats[k], dtype=np.float64) for k in keys}
    boot = _bootstrap_all(scorers, arrays, n_bootstrap, seed) if n_bootstrap and n_bootstrap > 1 else {}
    for k in keys:
        sc, st = scorers[k], stats[k]
        score = sc.corpus(st)
        arr = arrays[k]
        ci = ci_from_scores(boot[k]) if k in boot else None
        out.corpus[k] = CorpusMetric(
            key=k, name=score.name, score=float(score.score), signature=sc.signature(
                n_bootstrap if ci else None, seed), segments=len(scored),
            mean=ci["mean"] if ci else None, ci=ci["ci"] if ci else None,
            low=ci["low"] if ci else None, high=ci["high"] if ci else None,
            n_bootstrap=n_bootstrap if ci else None, seed=seed if ci else None,
            verbose=getattr(score, "_verbose", "") or None, note=sc.note,
        )
        seg: list[float | None] = [None] * n
        for i, row in zip(scored, st):
            seg[i] = sc.segment(row)
        out.segment[k] = seg
        out.stats[k] = arr
    if "chrf" in out.segment:
        _remember_chrf(hyps, refs, out.segment["chrf"])
    return out


_SCORERS: dict[tuple[str, str | None], Scorer] = {}


def get_scorer(key: str, target_lang: str | None = None) -> Scorer:
    """A cached Scorer: metric objects are built once per (metric, target language)."""
    lang = base_lang(target_lang) if key == "bleu" else None
    k = (key, lang)
    if k not in _SCORERS:
        _SCORERS[k] = Scorer(key, lang)
    return _SCORERS[k]


# -- sentence chrF, shared by the metric checks -----------------------------------------------

_CHRF_CACHE: dict[str, list[float | None]] = {}


def _digest(hyps: Sequence[str | None], refs: Sequence[Sequence[str]]) -> str:
    h = hashlib.blake2b(digest_size=16)
    for hyp, rs in zip(hyps, refs):
        h.update((hyp or "").encode("utf-8", "surrogatepass"))
        for r in rs:
            h.update(b"\x01" + (r or "").encode("utf-8", "surrogatepass"))
        h.update(b"\x00")
    h.update(str(len(hyps)).encode())
    return h.hexdigest()


def _remember_chrf(hyps, refs, scores) -> None:
    _CHRF_CACHE.clear()  # one corpus at a time: bounded memory
    _CHRF_CACHE[_digest(hyps, refs)] = list(scores)


def sentence_chrf(hyps: Sequence[str | None], refs: Sequence[Sequence[str]]) -> list[float | None]:
    """Sentence chrF of each hypothesis against its references (None without any); reuses the
    scores of the last ``evaluate`` call on the same texts instead of computing them again."""
    key = _digest(hyps, refs)
    hit = _CHRF_CACHE.get(key)
    if hit is not None:
        return list(hit)
    sc = get_scorer("chrf")
    out: list[float | None] = []
    for hyp, rs in zip(hyps, refs):
        rs = [r for r in rs if r is not None]
        if not rs:
            out.append(None)
            continue
        row = sc.extract([hyp or ""], [[r] for r in rs])[0]
        out.append(sc.segment(row))
    _remember_chrf(hyps, refs, out)
    return out


def chrf_pair(hyp: str, ref: str) -> float:
    """Sentence chrF of one hypothesis against one reference (the metric object is reused)."""
    sc = get_scorer("chrf")
    return sc.segment(sc.extract([hyp], [[ref]])[0])


def metrics_dict(ms: MetricSet | None) -> Mapping[str, Any]:
    return ms.to_dict() if ms is not None else {}


# -- engine glue: references from files, scores into results -----------------------------------

def with_references(pairs: Iterable, paths: Sequence[str]):
    """Attach one reference per file to each pair (line N of every file to pair N, in input order).

    A pair keeps the references its own file carried (TSV/JSONL/TMX reference column) and gets
    the files' lines after them. Different line counts are an error naming the file.
    """
    from dataclasses import replace

    from audit.core.decode import open_text_lines
    from audit.core.errors import InputError
    from audit.inputs import check_readable

    for p in paths:
        check_readable(p)
    iters = [open_text_lines(p) for p in paths]
    n = 0
    for pair in pairs:
        extra = []
        for p, it in zip(paths, iters):
            try:
                _lineno, line = next(it)
            except StopIteration:
                raise InputError(f"has fewer lines than the input ({n} lines for more than {n} segments)", p) from None
            extra.append(line.rstrip("\r\n"))
        n += 1
        yield replace(pair, references=tuple(pair.references) + tuple(extra))
    for p, it in zip(paths, iters):
        if next(it, None) is not None:
            raise InputError(f"has more lines than the input has segments ({n})", p, n + 1)


def score_results(results: list, target_lang: str | None, metrics: Iterable[str] | None = None,
                  n_bootstrap: int = DEFAULT_BOOTSTRAP, seed: int | None = DEFAULT_SEED,
                  jobs: int = 1) -> tuple[list, dict[str, Any]]:
    """Segment metric scores into each ``PairResult.scores`` and the corpus metrics as a dict.

    Nothing happens (and nothing is imported) when no pair has a reference.
    """
    from dataclasses import replace

    if not any(r.pair.references for r in results):
        return results, {}
    seed = DEFAULT_SEED if seed is None else seed
    hyps = [r.pair.target for r in results]
    refs = [tuple(r.pair.references) for r in results]
    ms = evaluate(hyps, refs, target_lang, metrics, n_bootstrap=n_bootstrap, seed=seed, jobs=jobs)
    out = []
    for i, r in enumerate(results):
        seg = {k: round(v[i], 4) for k, v in ms.segment.items() if v[i] is not None}
        out.append(replace(r, scores={**r.scores, **seg}) if seg else r)
    return out, ms.to_dict()


# -- system comparison: paired bootstrap resampling and approximate randomization ---------------

def _estimate_ci_np(scores: np.ndarray) -> tuple[float, float]:
    """sacrebleu.significance.estimate_ci: (mean, half-width of the 95% interval)."""
    s = np.sort(scores)
    n = len(s)
    lo = n // 40
    return float(s.mean()), float(0.5 * (s[n - lo - 1] - s[lo]))


def _p_value(sample_stats: np.ndarray, real_difference: float) -> float:
    """sacrebleu.significance._compute_p_value (from multeval)."""
    c = int(np.sum(sample_stats > real_difference))
    return (c + 1) / (len(sample_stats) + 1)


def paired_bootstrap(scorer: Scorer, stats_a: np.ndarray, stats_b: np.ndarray, score_a: float, score_b: float,
                     n_samples: int = 1000, seed: int | None = DEFAULT_SEED) -> dict[str, Any]:
    """sacrebleu's paired bootstrap resampling test (``--paired-bs``), same draws, same p-value,
    except for two identical systems, where sacrebleu reports p = 1/(n+1) and we report 1."""
    rng = np.random.default_rng(seed)
    comp = scorer.metric._compute_score_from_stats
    both = np.concatenate([stats_a, stats_b], axis=1)
    d = stats_a.shape[1]
    sa, sb = [], []
    for sums in resample_sums(both, n_samples, rng, batch_cells=4_000_000):
        for row in sums.astype(np.float32):
            sa.append(comp(row[:d]).score)
            sb.append(comp(row[d:]).score)
    sa_np, sb_np = np.array(sa), np.array(sb)
    diffs = np.abs(sb_np - sa_np)
    p = _p_value(diffs - diffs.mean(), abs(score_a - score_b))
    if np.array_equal(stats_a, stats_b):
        p = 1.0  # identical systems: sacrebleu's strict '>' would give 1/(n+1), i.e. "significant"
    mean_a, ci_a = _estimate_ci_np(sa_np)
    mean_b, ci_b = _estimate_ci_np(sb_np)
    return {"p_value": p, "n": n_samples, "seed": seed, "mean_a": mean_a, "ci_a": ci_a,
            "mean_b": mean_b, "ci_b": ci_b}


AR_MAX_CELLS = 50_000_000  # above this (trials x segments) the AR draws are made in batches


def approximate_randomization(scorer: Scorer, stats_a: Sequence[Sequence[float]], stats_b: Sequence[Sequence[float]],
                              score_a: float, score_b: float, n_trials: int = 10000,
                              seed: int | None = DEFAULT_SEED) -> dict[str, Any]:
    """sacrebleu's paired approximate randomization test (``--paired-ar``): each trial swaps the two
    systems' outputs on a random half of the segments. Same draws as sacrebleu when
    trials x segments <= AR_MAX_CELLS (above, drawn in batches: the same test, other draws)."""
    rng = np.random.default_rng(seed)
    a = np.asarray(stats_a)
    b = np.asarray(stats_b)
    n = len(a)
    comp = scorer.metric._compute_score_from_stats
    rows = n_trials if n_trials * n <= AR_MAX_CELLS else max(1, AR_MAX_CELLS // max(n, 1))
    diffs = []
    done = 0
    while done < n_trials:
        m = min(rows, n_trials - done)
        pos = rng.integers(2, size=(m, n), dtype=bool)
        neg = ~pos
        shuf_a = pos @ a + neg @ b
        shuf_b = neg @ a + pos @ b
        for x, y in zip(shuf_a, shuf_b):
            diffs.append(abs(comp(x).score - comp(y).score))
        done += m
    p = _p_value(np.array(diffs), abs(score_a - score_b))
    if np.array_equal(a, b):
        p = 1.0  # identical systems (see paired_bootstrap)
    return {"p_value": p, "n": n_trials, "seed": seed}


def compare_systems(hyps_a: Sequence[str], hyps_b: Sequence[str], refs: Sequence[Sequence[str]],
                    target_lang: str | None = None, metrics: Iterable[str] | None = ("bleu", "chrf", "chrf++"),
                    tests: Sequence[str] = ("bs", "ar"), n_bootstrap: int = 1000, n_trials: int = 10000,
                    seed: int | None = DEFAULT_SEED, top: int = 10, jobs: int = 1) -> dict[str, Any]:
    """Compare system B with baseline A on the same references: per metric, both scores with
    bootstrap means and 95% intervals, the delta B - A, and p-values of sacrebleu's paired bootstrap
    (``bs``) and approximate randomization (``ar``) tests; and the ``top`` segments where the two
    differ most by sentence chrF. Statistics are extracted once per system and metric."""
    if not (len(hyps_a) == len(hyps_b) == len(refs)):
        raise ValueError("systems and references must have the same number of segments")
    keys = parse_metric_names(metrics)
    streams = reference_streams([tuple(r) for r in refs])
    if not streams or not hyps_a:
        raise ValueError("nothing to compare: no segments or no references")
    out: dict[str, Any] = {"segments": len(hyps_a), "references": len(streams), "metrics": {}}
    chrf_a = chrf_b = None
    for k in keys:
        sc = get_scorer(k, target_lang)
        sc.set_num_refs(streams)
        st_a = extract_stats(sc, list(hyps_a), streams, jobs)
        st_b = extract_stats(sc, list(hyps_b), streams, jobs)
        score_a, score_b = sc.corpus(st_a), sc.corpus(st_b)
        entry: dict[str, Any] = {
            "name": score_a.name, "signature": sc.signature(),
            "a": {"score": float(score_a.score)}, "b": {"score": float(score_b.score)},
            "delta": float(score_b.score - score_a.score), "higher_is_better": sc.higher_is_better,
        }
        if sc.note:
            entry["note"] = sc.note
        if "bs" in tests:
            bs = paired_bootstrap(sc, np.asarray(st_a, dtype=np.float64), np.asarray(st_b, dtype=np.float64),
                                  score_a.score, score_b.score, n_bootstrap, seed)
            entry["a"].update(mean=bs["mean_a"], ci=bs["ci_a"])
            entry["b"].update(mean=bs["mean_b"], ci=bs["ci_b"])
            sig = sc.metric.get_signature()
            sig.update("seed", str(seed).lower())
            sig.update("bs", n_bootstrap)
            entry["paired_bs"] = {"p_value": bs["p_value"], "resamples": n_bootstrap, "seed": seed,
                                  "signature": sig.format()}
        if "ar" in tests:
            ar = approximate_randomization(sc, st_a, st_b, score_a.score, score_b.score, n_trials, seed)
            sig = sc.metric.get_signature()
            sig.update("seed", str(seed).lower())
            sig.update("ar", n_trials)
            entry["paired_ar"] = {"p_value": ar["p_value"], "trials": n_trials, "seed": seed,
                                  "signature": sig.format()}
        out["metrics"][k] = entry
        if k == "chrf":
            chrf_a = [sc.segment(r) for r in st_a]
            chrf_b = [sc.segment(r) for r in st_b]
    if chrf_a is None:
        sc = get_scorer("chrf")
        sc.set_num_refs(streams)
        chrf_a = [sc.segment(r) for r in extract_stats(sc, list(hyps_a), streams, jobs)]
        chrf_b = [sc.segment(r) for r in extract_stats(sc, list(hyps_b), streams, jobs)]
    order = sorted(range(len(hyps_a)), key=lambda i: (-abs(chrf_b[i] - chrf_a[i]), i))
    out["differences"] = [
        {"index": i, "chrf_a": round(chrf_a[i], 4), "chrf_b": round(chrf_b[i], 4),
         "delta": round(chrf_b[i] - chrf_a[i], 4)}
        for i in order[:max(0, top)] if chrf_b[i] != chrf_a[i]
    ]
    out["better_b"] = sum(1 for x, y in zip(chrf_a, chrf_b) if y > x)
    out["better_a"] = sum(1 for x, y in zip(chrf_a, chrf_b) if x > y)
    return out
