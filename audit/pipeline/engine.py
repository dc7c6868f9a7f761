"""The audit engine: pairs in, flags out, in one pass; and ``Audit``, the one composition of an
audit (reader, pair checks, reference metrics, corpus checks, review decisions, scores, signature)
that every entry point drives.

``iter_audit`` streams ``PairResult`` objects in input order (chunked, optionally over worker
processes); ``Audit.run`` (``run_audit``, ``audit_pairs``) collects them into an ``AuditResult``
with its signature, ``Audit.stream`` (``stream_audit``) hands them to a writer one at a time,
``Audit.events`` reports progress to the review app. Readers know nothing of checks, checks
nothing of reports.
"""
from __future__ import annotations

import marshal
import os
from collections import deque
from dataclasses import replace
from itertools import islice
from typing import Callable, Iterable, Iterator, Sequence

from audit.checks.context import CheckOptions, Context, CorpusContext
from audit.checks.glossary import attach as attach_glossary
from audit.checks.registry import Check, in_lang_scope, select_checks, superseded_codes
from audit.core.config import Config
from audit.core.errors import UsageError
from audit.core.model import (
    AuditResult,
    Finding,
    Flag,
    Pair,
    PairResult,
    fingerprint,
)
from audit.pipeline.applied import Applier, DecisionsApplied
from audit.pipeline.events import Checked, Finished, Started
from audit.pipeline.signature import DecisionsUsed, Signature, file_digest, make_signature
from audit.pipeline.spill import WARM_PAIRS, PairSpill, pack_pair, unpack_pair
from audit.pipeline.stream import AuditStream, Tally  # noqa: F401 (Tally: re-exported)
from audit.scores.penalty import finalize_segments, score_segment
from audit.store.decisions import Decisions

CHUNK = 1000  # pairs per task: large enough to amortise inter-process traffic
PARALLEL_MIN = 4000  # below this many pairs, one process is faster than starting workers


def _named(code: str, selectors) -> bool:
    """A selector more specific than ``ALL`` names the check (``ADQ``, ``ADQ001``)."""
    return any(s.strip().upper() != "ALL" and code.startswith(s.strip().upper()) for s in selectors or ())


def semantic_checks_off(config: Config) -> list[str]:
    """Codes of checks the semantic extra would run by default that are off because it is not
    installed or is turned off (empty when the extra is usable)."""
    from audit.lang import semantic

    if semantic.unavailable_reason() is None:
        return []
    try:
        chosen = select_checks(config.select, config.ignore)
    except ValueError:
        return []
    return [c.code for c in chosen if c.spec.requires == "semantic" and not _named(c.code, config.select)]


def _with_rules(config: Config) -> dict[str, Check] | None:
    """The registered checks plus the config's custom rules (None: no rules, the registry as is);
    a rule may not reuse a built-in check's code."""
    if not config.rules:
        return None
    from audit.checks.custom import rule_checks
    from audit.checks.registry import load_all

    builtin = load_all()
    taken = sorted(r.code for r in config.rules if r.code in builtin)
    if taken:
        raise UsageError(f"custom rule {taken[0]} uses the code of a built-in check (see 'transaudit checks')")
    return {**builtin, **rule_checks(config.rules)}


def resolve_checks(config: Config) -> list[Check]:
    """The checks of ``config``; a check that needs the semantic extra is left out when the extra
    is unusable, unless a selector names it (then it is a usage error)."""
    try:
        chosen = select_checks(config.select, config.ignore, _with_rules(config))
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    out = []
    for chk in chosen:
        if chk.spec.requires == "semantic":
            from audit.lang import semantic

            why = semantic.unavailable_reason()
            if why and _named(chk.code, config.select):
                raise UsageError(f"check {chk.code} was selected but {why}")
            if why:
                continue
        out.append(chk)
    return out


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
    # also a sentence the aligner left without a source (0-1 bead): ALN002 reports it once
    return not (pair.target or "").strip() or (pair.align is not None and not pair.align.source)


class _Plan:
    """The pair-scope checks that apply to each language pair (and to blank targets), worked out
    once per (source, target) language instead of once per pair and check: a check whose listed
    languages or declared ``lang_scope`` exclude the pair's languages is not run at all."""

    __slots__ = ("checks", "_cache", "_options")

    def __init__(self, checks: Sequence[Check]):
        self.checks = [c for c in checks if c.spec.scope == "pair"]
        self._cache: dict[tuple, tuple[list[Check], list[Check]]] = {}
        self._options: CheckOptions | None = None

    def options(self, config: Config) -> CheckOptions:
        """The checks' options of ``config``, resolved once and shared by every pair's context."""
        if self._options is None or self._options.given is not config.options:
            self._options = CheckOptions(config.options)
        return self._options

    def for_pair(self, pair: Pair, blank: bool) -> list[Check]:
        key = (pair.source_lang, pair.target_lang)
        got = self._cache.get(key)
        if got is None:
            full = [c for c in self.checks if in_lang_scope(c.spec, pair.source_lang, pair.target_lang)]
            got = self._cache[key] = (full, [c for c in full if c.code[:3] in BLANK_TARGET_FAMILIES])
        return got[1] if blank else got[0]


# The codes of a run list (``_Plan.for_pair`` hands out the same few lists for every pair): kept by
# the list's id, with the list itself so that the id cannot be reused while the entry lives.
_RUNNING: dict[int, tuple[list, frozenset]] = {}


def _running(run: list[Check]) -> frozenset:
    got = _RUNNING.get(id(run))
    if got is None or got[0] is not run:
        if len(_RUNNING) > 256:  # plans made per call (check_pair): do not grow without bound
            _RUNNING.clear()
        got = _RUNNING[id(run)] = (run, frozenset(chk.code for chk in run))
    return got[1]


def _run_checks(ctx: Context, run: list[Check], config: Config) -> list[Flag]:
    pair = ctx.pair
    flags: list[Flag] = []
    norm: list = []
    ctx.running = _running(run)
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
    return _run_checks(Context(pair, prev, next, config.options), _Plan(checks).for_pair(pair, _blank_target(pair)),
                       config)


def _same_doc(a: Pair | None, b: Pair | None) -> bool:
    if a is None or b is None:
        return False
    pa = a.target_origin.path if a.target_origin else None
    pb = b.target_origin.path if b.target_origin else None
    return pa == pb


# Per-process state of a worker (or of the main process for jobs=1): the checks resolved once,
# never per chunk.
_STATE: dict = {}


def _init_worker(checks: Sequence[Check], config: Config, spill: "PairSpill | None" = None) -> None:
    import signal

    # Ctrl-C reaches the whole process group: the main process stops the pool, so a worker ignores
    # it (no KeyboardInterrupt tracebacks from workers); the pool's SIGTERM ends a worker at once.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _STATE["plan"] = _Plan(checks)
    _STATE["config"] = config
    _STATE["spill"] = spill


def _run_span(args) -> list:
    """In a forked worker of the streaming path: check pairs ``start`` to ``end - 1`` read from the
    spill the worker inherited (its file descriptor survives the fork), so that no pair travels
    between processes; results are ``(flags, target word count)``."""
    start, end = args
    spill: PairSpill = _STATE["spill"]
    pairs = spill.slice(start - 1, end + 1)
    before = pairs[0] if start > 0 else None
    after = pairs[-1] if end < len(spill) else None
    chunk = pairs[(1 if start > 0 else 0):len(pairs) - (1 if end < len(spill) else 0)]
    return _check_chunk(_STATE["plan"], _STATE["config"], (chunk, before, after), True)


def _run_chunk(blob: bytes) -> list[tuple[Flag, ...]]:
    """In a worker: ``_check_chunk`` with the checks the pool initializer resolved, on a chunk
    sent as ``pack_pair`` tuples (marshal: several times cheaper than pickling Pair objects,
    and the main process is the one that would pay)."""
    chunk, before, after, words = marshal.loads(blob)
    item = ([unpack_pair(t) for t in chunk], unpack_pair(before), unpack_pair(after))
    return _check_chunk(_STATE["plan"], _STATE["config"], item, words)


def _check_chunk(plan: _Plan, config: Config, args, words: bool = False) -> list:
    """Final (superseded dropped, sorted) flags of each pair of a chunk; ``before``/``after`` are
    the pairs just outside the chunk, so neighbours across chunk boundaries are right. With
    ``words``, each item is ``(flags, target word count)``: the scoring's word count is computed
    here, in the worker, rather than in the main process that writes the report."""
    chunk, before, after = args
    out = []
    if words:
        from audit.scores.penalty import word_count
    n = len(chunk)
    ctx = None
    options = plan.options(config)
    for i, pair in enumerate(chunk):
        prev = chunk[i - 1] if i > 0 else before
        nxt = chunk[i + 1] if i + 1 < n else after
        blank = _blank_target(pair)
        # the previous pair's context hands over the views the two share (Context.after)
        ctx = Context.after(ctx, pair, prev if _same_doc(prev, pair) else None,
                            nxt if _same_doc(nxt, pair) else None, options)
        flags = _run_checks(ctx, plan.for_pair(pair, blank), config)
        flags = _final(flags) if flags else ()
        out.append((flags, word_count(pair.target or "")) if words else flags)
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
    See ``_iter_results``."""
    return _iter_results(pairs, config, checks, jobs, False)


def _warm_up(plan: _Plan, config: Config, pairs: Iterable[Pair], per_langs: int = WARM_PAIRS) -> None:
    """Run the checks on a few pairs of each language pair in this (the main) process before the
    workers are forked: word lists, language-ID models and other lazily loaded data are then
    loaded once and shared copy-on-write by every worker, instead of loaded again by each (about
    0.3 s per language and word list, 2 s for py3langid's model). Results are discarded; checks
    are pure, so this changes no result."""
    seen: dict[tuple, int] = {}
    for pair in pairs:
        key = (pair.source_lang, pair.target_lang)
        if seen.get(key, 0) >= per_langs:
            continue
        seen[key] = seen.get(key, 0) + 1
        _run_checks(Context(pair, None, None, plan.options(config)), plan.for_pair(pair, _blank_target(pair)), config)


def _iter_results(pairs: Iterable[Pair], config: Config, checks: Sequence[Check] | None,
                  jobs: int | None, words: bool, warm: Iterable[Pair] | None = None) -> Iterator:
    """PairResults in input order (with ``words``: ``(PairResult, target word count)``).

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
            yield from _emit(item[0], _check_chunk(plan, config, item, words), words)
        for item in chunks:
            yield from _emit(item[0], _check_chunk(plan, config, item, words), words)
        return
    import multiprocessing as mp

    ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()

    def tasks():
        yield from first
        yield from chunks

    _warm_up(_Plan(pair_checks), config, warm if warm is not None else (p for item in first for p in item[0]))
    import gc

    gc.collect()
    gc.freeze()  # the loaded data stays out of the workers' garbage collections (fewer copied pages)
    try:
        yield from _pool_results(ctx, jobs, pair_checks, config, tasks(), words)
    finally:
        gc.unfreeze()


def _pool_results(ctx, jobs: int, pair_checks, config: Config, tasks, words: bool) -> Iterator:
    window = 2 * jobs + 2  # chunks in flight

    with ctx.Pool(jobs, initializer=_init_worker, initargs=(pair_checks, config)) as pool:
        pending: deque = deque()
        for item in tasks:
            chunk, before, after = item
            blob = marshal.dumps(([pack_pair(p) for p in chunk], pack_pair(before), pack_pair(after), words))
            pending.append((chunk, pool.apply_async(_run_chunk, (blob,))))
            if len(pending) >= window:
                chunk, res = pending.popleft()
                yield from _emit(chunk, res.get(), words)
        while pending:
            chunk, res = pending.popleft()
            yield from _emit(chunk, res.get(), words)


def _final(flags) -> tuple[Flag, ...]:
    """Drop flags that another flag on the same pair supersedes; sort the rest."""
    drop = superseded_codes({f.code for f in flags})
    if drop:
        flags = [f for f in flags if f.code not in drop]
    return tuple(sorted(flags, key=Flag.sort_key))


def _emit(chunk: list[Pair], results: list, words: bool = False) -> Iterator:
    if words:
        for pair, (flags, n) in zip(chunk, results):
            yield PairResult(pair, flags), n
    else:
        for pair, flags in zip(chunk, results):
            yield PairResult(pair, flags)


def corpus_flags(pairs: Sequence[Pair], checks: Sequence[Check], config: Config) -> dict[int, list[Flag]]:
    """The flags of the corpus-scope checks, by index into ``pairs`` (any Sequence: a list, or the
    on-disk ``PairSpill`` of the streaming path)."""
    corpus_checks = [c for c in checks if c.spec.scope == "corpus"]
    extra: dict[int, list[Flag]] = {}
    if not corpus_checks or not len(pairs):
        return extra
    ctx = CorpusContext(pairs, config.options)  # one memo for all: checks may share an analysis
    for chk in corpus_checks:
        try:
            found = list(chk.fn(pairs, ctx))
        except Exception as exc:
            raise RuntimeError(f"check {chk.code} failed: {exc!r}") from exc
        for idx, fd in found:
            add_corpus_finding(extra, chk, idx, pairs[idx], fd, config)
    return extra


def add_corpus_finding(extra: dict[int, list[Flag]], chk: Check, idx: int, pair: Pair, fd: Finding,
                       config: Config) -> None:
    """A corpus check's finding on pair ``idx`` as flags in ``extra``, unless the check's languages
    exclude the pair or its target is blank (for the families that skip blank targets)."""
    if not chk.spec.applies(pair.source_lang, pair.target_lang):
        return
    if _blank_target(pair) and chk.code[:3] not in BLANK_TARGET_FAMILIES:
        return
    extra.setdefault(idx, []).extend(_make_flags(chk, pair, [fd], config))


def run_corpus_checks(results: list[PairResult], checks: Sequence[Check], config: Config) -> list[PairResult]:
    """Run corpus-scope checks over all pairs; merge their flags into the per-pair results."""
    if not results:
        return results
    extra = corpus_flags([r.pair for r in results], checks, config)
    if not extra:
        return results
    out = []
    for i, r in enumerate(results):
        if i in extra:
            r = PairResult(r.pair, _final(r.flags + tuple(extra[i])), r.scores)
        out.append(r)
    return out


class Audit:
    """The audit pipeline, composed once: pairs (or an input, ``Audit.open``) and a config in;
    pair checks, reference metrics, corpus checks, review decisions, scores and the signature
    out. Every entry point drives it: ``audit_pairs``/``run_audit`` (``run``), ``stream_audit``/
    ``stream_run_audit`` (``stream``), ``audit_with_decisions``, and the review app (``events``
    for the first run and a reopen, ``reaudit`` for one segment after an edit).

    ``decisions``: a ``audit.store.decisions.Decisions`` snapshot: post-edited targets are audited
    in place of the originals; dismissed flags are left out of the result (``keep_dismissed``:
    kept, for the review app, but not scored).
    """

    def __init__(self, pairs: Iterable[Pair], config: Config | None = None, *, source_lang: str | None = None,
                 target_lang: str | None = None, input_hash: str | None = None, jobs: int | None = None,
                 metrics: Sequence[str] | None = None, decisions: Decisions | None = None,
                 keep_dismissed: bool = False) -> None:
        self.config = attach_glossary(config or Config())
        self.checks = resolve_checks(self.config)
        self.source_lang = self.config.source_lang or source_lang
        self.target_lang = self.config.target_lang or target_lang
        self.input_hash = input_hash
        self.jobs = jobs
        self.metrics = metrics
        self.decisions = decisions
        self.keep_dismissed = keep_dismissed
        self._pairs = pairs
        self._plan: _Plan | None = None

    @classmethod
    def open(cls, inputs: Sequence[str] | str, *, input_format: str | None = None, source_lang: str | None = None,
             target_lang: str | None = None, config: Config | None = None, jobs: int | None = None,
             references: Sequence[str] | None = None, metrics: Sequence[str] | None = None, align: bool = False,
             presegmented: bool = False, decisions: Decisions | None = None, keep_dismissed: bool = False) -> "Audit":
        """The audit of an input file (or two line-aligned files); see ``run_audit``."""
        config = config or Config()
        pairs, src, tgt, digest = open_audit_input(inputs, input_format, source_lang, target_lang, config,
                                                   references, align, presegmented)
        from audit.inputs.states import FilteredPairs, UnitFilter

        pairs = FilteredPairs(pairs, UnitFilter())  # obsolete PO entries only on request (check --only obsolete)
        return cls(pairs, config, source_lang=src, target_lang=tgt, input_hash=digest, jobs=jobs, metrics=metrics,
                   decisions=decisions, keep_dismissed=keep_dismissed)

    def _njobs(self) -> int:
        return self.jobs if self.jobs is not None else (self.config.jobs or (os.cpu_count() or 1))

    def _settings(self) -> dict:
        settings = {"checks": [c.code for c in self.checks], **self.config.to_dict()}
        # catalog readers count units by state, obsolete ones included (not pairs), as they read:
        # the live dict is complete once the pairs are read (audit.outputs.catalog reports it)
        units = (getattr(self._pairs, "meta", None) or {}).get("units")
        if units is not None:
            settings["units"] = units
        return settings

    def _signature(self, applied: DecisionsApplied | None = None) -> Signature:
        used = None
        if applied is not None:
            used = DecisionsUsed(applied.path_hash, len(self.decisions), applied.applied, len(applied.stale))
        return make_signature(self.checks, self.config, self.source_lang, self.target_lang, self.input_hash, used)

    def events(self, progress: bool = True, batch: int = 1000, score: bool = True) -> Iterator:
        """``Started``, then (with ``progress``) a ``Checked`` per ``batch`` segments (scored unless
        ``score`` is False), then ``Finished``."""
        yield Started(self.source_lang, self.target_lang)
        applier = Applier(self.decisions) if self.decisions is not None else None
        originals: deque = deque()

        def pairs() -> Iterator[Pair]:
            stream = fill_languages(self._pairs, self.source_lang, self.target_lang)
            if applier is None:
                for p in stream:
                    originals.append(p)
                    yield p
                return
            for p, orig in applier.pairs(stream):
                originals.append(orig)
                yield p

        results: list[PairResult] = []
        for chunk in _chunks(iter_audit(pairs(), self.config, self.checks, jobs=self.jobs), batch):
            origs = [originals.popleft() for _ in chunk]
            results.extend(chunk)
            if progress:
                scored = [score_segment(r, self.config)[0] for r in chunk] if score else chunk
                yield Checked(scored, origs, len(results))
        yield self._finish(results, applier)

    def _finish(self, results: list[PairResult], applier: Applier | None, corpus_done: bool = False) -> Finished:
        """Reference metrics, corpus checks, decisions, scores and signature, on the checked segments
        (``corpus_done``: the corpus flags are already in ``results``, run by an executor)."""
        config = self.config
        corpus_metrics: dict = {}
        if any(r.pair.references for r in results):
            from audit.scores.metrics import score_results

            results, corpus_metrics = score_results(results, self.target_lang, self.metrics,
                                                    seed=config.seed or None, jobs=self._njobs())
        if not corpus_done:
            results = run_corpus_checks(results, self.checks, config)
        settings = self._settings()
        applied = None
        dismissed: frozenset[str] = frozenset()
        if applier is not None:
            results, applied = applier.finish(results, drop=not self.keep_dismissed)
            dismissed = self.decisions.dismissed if self.keep_dismissed else frozenset()
            settings["decisions"] = applied.to_dict()
        segments, tally = finalize_segments(results, config, dismissed)
        scores = tally.scores()
        if applied is not None:
            scores["dismissed"] = applied.dismissed_left_out
        signature = self._signature(applied)
        result = AuditResult(tuple(segments), self.source_lang, self.target_lang, signature.render(), settings,
                             scores=scores, metrics=corpus_metrics, signature_fields=signature)
        return Finished(result, tally, applied)

    def finished(self, on_checked: Callable[[int], None] | None = None) -> Finished:
        """Run the audit to its end; ``on_checked(count)`` after each batch of segments checked."""
        for event in self.events(progress=on_checked is not None, batch=500, score=False):
            if on_checked is not None and isinstance(event, Checked):
                on_checked(event.done)
        return event

    def run(self, on_checked: Callable[[int], None] | None = None) -> AuditResult:
        return self.finished(on_checked).result

    def reaudit(self, pair: Pair, prev: Pair | None = None, next: Pair | None = None) -> PairResult:
        """One segment checked again (after a post-edit or its undo) as the first run checked it:
        the pair checks with its neighbours, superseded flags dropped, scored (nothing dismissed).
        Corpus-scope checks are not run again."""
        if self._plan is None:
            self._plan = _Plan([c for c in self.checks if c.spec.scope == "pair"])
        flags = _check_chunk(self._plan, self.config, ([pair], prev, next))[0]
        return score_segment(PairResult(pair, flags), self.config)[0]

    def stream(self) -> AuditStream:
        """The audit as an ``AuditStream`` (see the design note above ``stream_audit``)."""
        if self.decisions is not None:
            raise UsageError("review decisions need the collected audit, not the streamed one")
        config, checks = self.config, self.checks
        spill = PairSpill(fill_languages(self._pairs, self.source_lang, self.target_lang))
        if spill.has_references:
            self._pairs = spill
            result = self.run()
            spill.close()
            out = AuditStream(iter(result.segments), self.source_lang, self.target_lang, result.signature_fields,
                              result.settings, config)
            out.scores = dict(result.scores)
            out.metrics = dict(result.metrics)
            out.total = len(result.segments)
            return out
        njobs = self._njobs()
        import multiprocessing as mp

        forking = "fork" in mp.get_all_start_methods()

        def segments() -> Iterator[PairResult]:
            try:
                if njobs > 1 and forking and len(spill) >= PARALLEL_MIN:
                    yield from _stream_parallel(spill, checks, config, njobs)
                    return
                extra = corpus_flags(spill, checks, config)
                for i, (r, words) in enumerate(_iter_results(spill, config, checks, njobs, True)):
                    more = extra.get(i)
                    yield (PairResult(r.pair, _final(r.flags + tuple(more))) if more else r), words
            finally:
                spill.close()

        out = AuditStream(segments(), self.source_lang, self.target_lang, self._signature(), self._settings(), config)
        out.total = len(spill)
        return out


def audit_pairs(pairs: Iterable[Pair], config: Config | None = None, *, source_lang: str | None = None,
                target_lang: str | None = None, input_hash: str | None = None,
                jobs: int | None = None, metrics: Sequence[str] | None = None) -> AuditResult:
    """Audit pairs already in memory (or any iterable): the library's lowest-level entry point.

    Pairs with references also get reference-based metrics (``metrics``: names from
    ``audit.metrics.METRIC_KEYS``, default BLEU, chrF, chrF++, TER): segment scores in each
    ``PairResult.scores``, corpus scores with signatures and 95% intervals in ``AuditResult.metrics``.
    """
    return Audit(pairs, config, source_lang=source_lang, target_lang=target_lang, input_hash=input_hash,
                 jobs=jobs, metrics=metrics).run()


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
    return Audit.open(inputs, input_format=input_format, source_lang=source_lang, target_lang=target_lang,
                      config=config, jobs=jobs, references=references, metrics=metrics, align=align,
                      presegmented=presegmented).run()


def stream_run_audit(inputs: Sequence[str] | str, *, input_format: str | None = None, source_lang: str | None = None,
                     target_lang: str | None = None, config: Config | None = None, jobs: int | None = None,
                     references: Sequence[str] | None = None, metrics: Sequence[str] | None = None,
                     align: bool = False, presegmented: bool = False) -> AuditStream:
    """``run_audit`` as an ``AuditStream`` (``stream_audit``): for writers that write each segment
    as it comes (JSONL, text, CSV), in memory that does not grow with the corpus."""
    return Audit.open(inputs, input_format=input_format, source_lang=source_lang, target_lang=target_lang,
                      config=config, jobs=jobs, references=references, metrics=metrics, align=align,
                      presegmented=presegmented).stream()


def open_audit_input(inputs, input_format, source_lang, target_lang, config: Config, references=None,
                     align: bool = False, presegmented: bool = False):
    """(re-iterable pairs, source language, target language, input hash) of an input."""
    from audit.inputs import check_readable, open_input
    from audit.lang.langid import detect_side_language

    from audit.core import limits

    limits.configure(config.limits)  # the config's limits hold for every reader from here on
    paths = [inputs] if isinstance(inputs, str) else list(inputs)
    for path in paths + list(references or ()):
        if path != "-":
            limits.check_size(path)
    for ref in references or ():
        check_readable(ref)  # a missing or empty reference is an input error, named, up front
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
        from audit.scores.metrics import with_references

        pairs = with_references(source, list(references))
    return pairs, src, tgt, file_digest(list(source.paths) + list(references or ()))


# -- streaming ---------------------------------------------------------------------------------
#
# Design: ``stream_audit`` (``Audit.stream``) keeps memory flat whatever the corpus size. Pair checks need one pair
# and its neighbours; corpus-scope checks (LEN001/LEN002, MET001) need every pair. So the input is
# read once into a ``PairSpill`` (an unnamed temporary file of marshalled pairs plus one 8-byte
# offset per pair in memory), the corpus checks run over the spill as a Sequence (they iterate it
# and fetch the few pairs they flag by index), and their flags are kept by index (few: they are
# rare by design). The pair checks then stream over the spill, each result gets its corpus flags
# merged and its scores, and is handed to the writer, which writes it and forgets it. Reference
# metrics (a pair with references) need every segment's hypothesis and references at once, and
# the corpus intervals need all segment statistics: with references the stream falls back to the
# collected ``audit_pairs`` (memory then grows with the corpus, as it does for ``-F json``).


def stream_audit(pairs: Iterable[Pair], config: Config | None = None, *, source_lang: str | None = None,
                 target_lang: str | None = None, input_hash: str | None = None, jobs: int | None = None,
                 metrics: Sequence[str] | None = None) -> AuditStream:
    """Like ``audit_pairs`` but without holding the results: returns an ``AuditStream`` whose
    segments equal ``audit_pairs(...).segments`` (flags, scores), produced one at a time. See the
    design note above."""
    return Audit(pairs, config, source_lang=source_lang, target_lang=target_lang, input_hash=input_hash,
                 jobs=jobs, metrics=metrics).stream()


STREAM_WINDOW = 64  # chunks in flight in the streaming path: only their flags wait in memory


def _stream_parallel(spill: PairSpill, checks: Sequence[Check], config: Config, jobs: int) -> Iterator:
    """The parallel streaming pass: forked workers read their chunks from the spill themselves;
    the main process submits up to ``STREAM_WINDOW`` chunks, then runs the corpus-scope checks
    while the workers work (instead of before they start), then takes results in order, reads the
    pairs back from the spill and merges the corpus flags."""
    import gc
    import multiprocessing as mp

    pair_checks = [c for c in checks if c.spec.scope == "pair"]
    _warm_up(_Plan(pair_checks), config, (spill[i] for i in spill.samples))
    gc.collect()
    gc.freeze()  # the loaded data stays out of the workers' garbage collections (fewer copied pages)
    n = len(spill)
    spans = iter([(i, min(n, i + CHUNK)) for i in range(0, n, CHUNK)])
    try:
        with mp.get_context("fork").Pool(jobs, initializer=_init_worker, initargs=(pair_checks, config, spill)) as pool:
            pending: deque = deque()
            for span in islice(spans, STREAM_WINDOW):
                pending.append((span, pool.apply_async(_run_span, (span,))))
            extra = corpus_flags(spill, checks, config)
            pairs = iter(spill)
            while pending:
                (start, end), res = pending.popleft()
                results = res.get()
                nxt = next(spans, None)
                if nxt is not None:
                    pending.append((nxt, pool.apply_async(_run_span, (nxt,))))
                for i, (flags, words) in zip(range(start, end), results):
                    pair = next(pairs)
                    more = extra.get(i)
                    yield PairResult(pair, _final(flags + tuple(more)) if more else flags), words
    finally:
        gc.unfreeze()
