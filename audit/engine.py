"""The audit engine: pairs in, flags out, in one pass.

``iter_audit`` streams ``PairResult`` objects in input order (chunked, optionally over worker
processes); ``run_audit`` collects them into an ``AuditResult`` with its signature. Readers know
nothing of checks, checks nothing of reports.
"""
from __future__ import annotations

import hashlib
import os
from dataclasses import replace
from collections import deque
from itertools import islice
from typing import Iterable, Iterator, Sequence

from . import __version__
from .config import Config
from .context import Context
from .errors import UsageError
from .glossary import attach as attach_glossary
from .model import AuditResult, Finding, Flag, Pair, PairResult, Severity, fingerprint
from .registry import Check, select_checks, superseded_codes

CHUNK = 1000  # pairs per task: large enough to amortise inter-process traffic
PARALLEL_MIN = 4000  # below this many pairs, one process is faster than starting workers


def resolve_checks(config: Config) -> list[Check]:
    try:
        return select_checks(config.select, config.ignore)
    except ValueError as exc:
        raise UsageError(str(exc)) from None


def _make_flags(chk: Check, pair: Pair, findings: Iterable[Finding], config: Config,
                norm: list | None = None) -> list[Flag]:
    """Findings of one check on one pair as Flags (spans validated, severity resolved, fingerprinted).

    ``norm``: a per-pair cache for the fingerprint's normalised texts (several flags on one pair).
    """
    spec = chk.spec
    out = []
    configured = config.severity.get(spec.code)
    for fd in findings:
        for sp in fd.spans:
            text = pair.text(sp.side)
            if sp.end > len(text):
                raise AssertionError(f"check {spec.code} produced span {sp} past the end of {sp.side} of pair {pair.id}")
        severity = configured or fd.severity or spec.severity
        out.append(Flag(
            pair_id=pair.id, code=spec.code, name=spec.name, severity=severity, category=spec.category,
            message=fd.message, spans=fd.spans, fingerprint=fingerprint(spec.code, pair, fd.spans, norm), data=fd.data,
        ))
    return out


# A missing or blank target is reported once, by these families; other checks don't pile on.
BLANK_TARGET_FAMILIES = frozenset({"EMP", "ALN"})


def _blank_target(pair: Pair) -> bool:
    return not (pair.target or "").strip()


class _Plan:
    """The pair-scope checks that apply to each language pair (and to blank targets), worked out
    once per (source, target) language instead of once per pair and check."""

    __slots__ = ("checks", "_cache")

    def __init__(self, checks: Sequence[Check]):
        self.checks = [c for c in checks if c.spec.scope == "pair"]
        self._cache: dict[tuple, tuple[list[Check], list[Check]]] = {}

    def for_pair(self, pair: Pair, blank: bool) -> list[Check]:
        key = (pair.source_lang, pair.target_lang)
        got = self._cache.get(key)
        if got is None:
            full = [c for c in self.checks if c.spec.applies(pair.source_lang, pair.target_lang)]
            got = self._cache[key] = (full, [c for c in full if c.code[:3] in BLANK_TARGET_FAMILIES])
        return got[1] if blank else got[0]


def _run_checks(pair: Pair, run: list[Check], config: Config, prev: Pair | None, next: Pair | None) -> list[Flag]:
    ctx = Context(pair, prev, next, config.options)
    flags: list[Flag] = []
    norm: list = []
    for chk in run:
        try:
            found = chk.fn(pair, ctx)
            if found:
                flags.extend(_make_flags(chk, pair, found, config, norm))
        except Exception as exc:  # name the check and the pair: a crash is a bug to report
            raise RuntimeError(f"check {chk.code} failed on pair {pair.id!r}: {exc!r}") from exc
    return flags


def check_pair(pair: Pair, checks: Sequence[Check], config: Config,
               prev: Pair | None = None, next: Pair | None = None) -> list[Flag]:
    """Run the pair-scope checks on one pair; flags unsorted."""
    return _run_checks(pair, _Plan(checks).for_pair(pair, _blank_target(pair)), config, prev, next)


def _same_doc(a: Pair | None, b: Pair | None) -> bool:
    if a is None or b is None:
        return False
    pa = a.target_origin.path if a.target_origin else None
    pb = b.target_origin.path if b.target_origin else None
    return pa == pb


# Per-process state of a worker (or of the main process for jobs=1): the checks resolved once,
# never per chunk.
_STATE: dict = {}


def _init_worker(checks: Sequence[Check], config: Config) -> None:
    _STATE["plan"] = _Plan(checks)
    _STATE["config"] = config


def _run_chunk(args) -> list[tuple[Flag, ...]]:
    """In a worker: ``_check_chunk`` with the checks the pool initializer resolved."""
    return _check_chunk(_STATE["plan"], _STATE["config"], args)


def _check_chunk(plan: _Plan, config: Config, args) -> list[tuple[Flag, ...]]:
    """Final (superseded dropped, sorted) flags of each pair of a chunk; ``before``/``after`` are
    the pairs just outside the chunk, so neighbours across chunk boundaries are right."""
    chunk, before, after = args
    out = []
    n = len(chunk)
    for i, pair in enumerate(chunk):
        prev = chunk[i - 1] if i > 0 else before
        nxt = chunk[i + 1] if i + 1 < n else after
        blank = _blank_target(pair)
        flags = _run_checks(pair, plan.for_pair(pair, blank), config,
                            prev if _same_doc(prev, pair) else None,
                            nxt if _same_doc(nxt, pair) else None)
        out.append(_final(flags) if flags else ())
    return out


def _chunks(pairs: Iterable[Pair], size: int) -> Iterator[list[Pair]]:
    it = iter(pairs)
    while True:
        chunk = list(islice(it, size))
        if not chunk:
            return
        yield chunk


def _with_neighbours(chunks: Iterator[list[Pair]]):
    """(chunk, last pair of the previous chunk, first pair of the next chunk)."""
    prev_last = None
    try:
        cur = next(chunks)
    except StopIteration:
        return
    for nxt in chunks:
        yield cur, prev_last, nxt[0]
        prev_last = cur[-1]
        cur = nxt
    yield cur, prev_last, None


def fill_languages(pairs: Iterable[Pair], src_lang: str | None, tgt_lang: str | None) -> Iterator[Pair]:
    for p in pairs:
        if (p.source_lang is None and src_lang) or (p.target_lang is None and tgt_lang):
            p = replace(p, source_lang=p.source_lang or src_lang, target_lang=p.target_lang or tgt_lang)
        yield p


def iter_audit(pairs: Iterable[Pair], config: Config, checks: Sequence[Check] | None = None,
               jobs: int | None = None) -> Iterator[PairResult]:
    """Stream results in input order. Corpus-scope checks are run by ``run_audit``, not here.

    Pairs are cut into chunks of ``CHUNK``; with more than one job and at least ``PARALLEL_MIN``
    pairs, the chunks go to a pool of worker processes that resolved the checks once (pool
    initializer). At most ``2 * jobs + 2`` chunks are in flight: a new chunk is submitted as soon
    as the oldest result is taken, so the workers stay busy while memory stays bounded whatever
    the corpus size (``Pool.imap`` would read the whole input ahead into its task queue).
    """
    config = attach_glossary(config)  # loaded here, before any worker is forked
    checks = list(checks if checks is not None else resolve_checks(config))
    pair_checks = [c for c in checks if c.spec.scope == "pair"]
    jobs = jobs if jobs is not None else (config.jobs or (os.cpu_count() or 1))
    chunks = _with_neighbours(_chunks(pairs, CHUNK))
    first = []
    # Decide on parallelism only once enough pairs have been seen to make it worth it.
    for item in chunks:
        first.append(item)
        if len(first) * CHUNK >= PARALLEL_MIN:
            break
    if jobs <= 1 or len(first) * CHUNK < PARALLEL_MIN:
        plan = _Plan(pair_checks)
        for item in first:
            yield from _emit(item[0], _check_chunk(plan, config, item))
        for item in chunks:
            yield from _emit(item[0], _check_chunk(plan, config, item))
        return
    import multiprocessing as mp

    ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
    window = 2 * jobs + 2  # chunks in flight

    def tasks():
        yield from first
        yield from chunks

    with ctx.Pool(jobs, initializer=_init_worker, initargs=(pair_checks, config)) as pool:
        pending: deque = deque()
        for item in tasks():
            pending.append((item[0], pool.apply_async(_run_chunk, (item,))))
            if len(pending) >= window:
                chunk, res = pending.popleft()
                yield from _emit(chunk, res.get())
        while pending:
            chunk, res = pending.popleft()
            yield from _emit(chunk, res.get())


def _final(flags) -> tuple[Flag, ...]:
    """Drop flags that another flag on the same pair supersedes; sort the rest."""
    drop = superseded_codes({f.code for f in flags})
    if drop:
        flags = [f for f in flags if f.code not in drop]
    return tuple(sorted(flags, key=Flag.sort_key))


def _emit(chunk: list[Pair], flag_lists: list[tuple[Flag, ...]]) -> Iterator[PairResult]:
    for pair, flags in zip(chunk, flag_lists):
        yield PairResult(pair, flags)


def run_corpus_checks(results: list[PairResult], checks: Sequence[Check], config: Config) -> list[PairResult]:
    """Run corpus-scope checks over all pairs; merge their flags into the per-pair results."""
    corpus_checks = [c for c in checks if c.spec.scope == "corpus"]
    if not corpus_checks or not results:
        return results
    pairs = [r.pair for r in results]
    extra: dict[int, list[Flag]] = {}
    for chk in corpus_checks:
        try:
            found = list(chk.fn(pairs, config.options.get(chk.code, {})))
        except Exception as exc:
            raise RuntimeError(f"check {chk.code} failed: {exc!r}") from exc
        for idx, fd in found:
            pair = pairs[idx]
            if not chk.spec.applies(pair.source_lang, pair.target_lang):
                continue
            if _blank_target(pair) and chk.code[:3] not in BLANK_TARGET_FAMILIES:
                continue
            extra.setdefault(idx, []).extend(_make_flags(chk, pair, [fd], config))
    if not extra:
        return results
    out = []
    for i, r in enumerate(results):
        if i in extra:
            r = PairResult(r.pair, _final(r.flags + tuple(extra[i])), r.scores)
        out.append(r)
    return out


def file_digest(paths: Sequence[str]) -> str:
    h = hashlib.sha256()
    for p in paths:
        with open(p, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                h.update(block)
    return h.hexdigest()[:12]


def make_signature(checks: Sequence[Check], config: Config, src_lang: str | None, tgt_lang: str | None,
                   input_hash: str | None) -> str:
    """``transaudit:VERSION|checks:N#HASH|src:L|tgt:L|input:HASH``: how a result was made."""
    h = hashlib.sha256()
    for c in sorted(checks, key=lambda c: c.code):
        sev = config.severity.get(c.code, c.spec.severity)
        h.update(f"{c.code}:{sev.label}:{sorted(config.options.get(c.code, {}).items())!r};".encode())
    parts = [
        f"transaudit:{__version__}",
        f"checks:{len(checks)}#{h.hexdigest()[:10]}",
        f"src:{src_lang or 'und'}",
        f"tgt:{tgt_lang or 'und'}",
    ]
    if input_hash:
        parts.append(f"input:{input_hash}")
    return "|".join(parts)


def audit_pairs(pairs: Iterable[Pair], config: Config | None = None, *, source_lang: str | None = None,
                target_lang: str | None = None, input_hash: str | None = None,
                jobs: int | None = None, metrics: Sequence[str] | None = None) -> AuditResult:
    """Audit pairs already in memory (or any iterable): the library's lowest-level entry point.

    Pairs with references also get reference-based metrics (``metrics``: names from
    ``audit.metrics.METRIC_KEYS``, default BLEU, chrF, chrF++, TER): segment scores in each
    ``PairResult.scores``, corpus scores with signatures and 95% intervals in ``AuditResult.metrics``.
    """
    config = attach_glossary(config or Config())
    checks = resolve_checks(config)
    src = config.source_lang or source_lang
    tgt = config.target_lang or target_lang
    stream = fill_languages(pairs, src, tgt)
    results = list(iter_audit(stream, config, checks, jobs=jobs))
    corpus_metrics: dict = {}
    if any(r.pair.references for r in results):
        from .metrics import score_results

        results, corpus_metrics = score_results(results, tgt, metrics, seed=config.seed or None,
                                                jobs=jobs if jobs is not None else (config.jobs or (os.cpu_count() or 1)))
    results = run_corpus_checks(results, checks, config)
    signature = make_signature(checks, config, src, tgt, input_hash)
    settings = {"checks": [c.code for c in checks], **config.to_dict()}
    result = AuditResult(tuple(results), src, tgt, signature, settings, metrics=corpus_metrics)
    from . import scoring

    return scoring.finalize(result, config)


def run_audit(inputs: Sequence[str] | str, *, input_format: str | None = None, source_lang: str | None = None,
              target_lang: str | None = None, config: Config | None = None, jobs: int | None = None,
              references: Sequence[str] | None = None, metrics: Sequence[str] | None = None,
              align: bool = False, presegmented: bool = False) -> AuditResult:
    """Read one bilingual file (or two line-aligned text files) and audit it.

    ``references``: line-aligned reference files (one reference per file, added after any
    reference the input carries), for the metrics of ``audit_pairs``.

    Languages come from the arguments, else the config, else the file, else are detected on
    the whole of each side.
    """
    from .langid import detect_side_language
    from .readers import open_input

    config = config or Config()
    paths = [inputs] if isinstance(inputs, str) else list(inputs)
    source = open_input(paths, input_format, source_lang or config.source_lang, target_lang or config.target_lang,
                        align=align, presegmented=presegmented)
    src = source_lang or config.source_lang or source.source_lang
    tgt = target_lang or config.target_lang or source.target_lang
    if src is None or tgt is None:
        sample = list(islice(iter(source), 400))
        if src is None:
            src = detect_side_language([p.source for p in sample])
        if tgt is None:
            tgt = detect_side_language([p.target or "" for p in sample])
    pairs: Iterable[Pair] = source
    if references:
        from .metrics import with_references

        pairs = with_references(source, list(references))
    return audit_pairs(pairs, config, source_lang=src, target_lang=tgt,
                       input_hash=file_digest(list(source.paths) + list(references or ())), jobs=jobs, metrics=metrics)
