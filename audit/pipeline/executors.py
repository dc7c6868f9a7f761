"""Where the pair checks run: ``--executor local|processes|dask`` (``transaudit check``).

One interface, ``Executor.map_partitions(fn, tasks)``: the results of ``fn`` on each task, in
task order, with a bounded number of tasks in flight. ``LocalExecutor`` runs them in this
process, ``ProcessExecutor`` in a pool of forked worker processes, ``DaskExecutor`` on a
``dask.distributed`` cluster (``--scheduler ADDRESS``, else a ``LocalCluster`` of ``--jobs``
worker processes; the optional extra ``transaudit[dask]``).

``audit_partitioned`` drives an audit through an executor in two phases:

1. each partition (``audit.inputs.partition``: a byte range the worker reads itself for JSONL,
   TSV and text pairs, else a chunk of pairs the client read) is read and pair-checked on a
   worker, which returns its pairs (packed) and their final flags;
2. the client takes the partitions in input order, makes pair indices global, checks again the
   first and last pair of each partition with their true neighbours across the partition edge
   (2 pairs a partition), then hands the results to the audit's own finishing step (corpus
   checks, scores, signature), so the report is the serial report.

Corpus-scope checks run in two more passes over the partitions (``audit.pipeline.corpusstats``):
each worker reads its partition again and computes its mergeable statistics, the client merges
them, each worker flags its partition's pairs from the merged statistics. With references (the
reference metrics come before the corpus checks) they run on the client (``engine.corpus_flags``
through ``Audit._finish``). Either way the flags are those of a serial run. The client reduces the
merged statistics to verdicts (each corpus check's decisions: the inconsistent members and their
reference, the length and chrF outliers with their model's figures, the plural findings) and ships
each phase-2 task only its partition's share: a few bytes a flag, not ~340 bytes a pair of the
whole corpus. Still on the client: every pair and result (one report in input order), the merged
statistics while they are reduced.
"""
from __future__ import annotations

import hashlib
import json
import os
import pickle
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace

from audit.core.errors import UsageError

try:  # the sharded corpus statistics (helper 'shard'); the client-side fallback without it
    from audit.pipeline import corpusstats
    SHARDED_CORPUS = True
except ImportError:
    corpusstats = None
    SHARDED_CORPUS = False

EXECUTORS = ("local", "processes", "dask")


class Executor:
    """Runs ``fn`` over tasks, results in task order; at most ``window`` tasks in flight."""

    name = "local"

    def map_partitions(self, fn: Callable, tasks: Iterable) -> Iterator:
        raise NotImplementedError

    def close(self) -> None:
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _windowed(submitted: Iterator, result: Callable, window: int) -> Iterator:
    """The results of submitted tasks in submission order, with at most ``window`` in flight
    (``submitted`` is consumed lazily: a task is submitted only when a slot is free)."""
    pending: deque = deque()
    for handle in submitted:
        pending.append(handle)
        if len(pending) >= window:
            yield result(pending.popleft())
    while pending:
        yield result(pending.popleft())


class LocalExecutor(Executor):
    """One process: today's ``--jobs 1``."""

    def map_partitions(self, fn, tasks):
        for t in tasks:
            yield fn(t)


class ProcessExecutor(Executor):
    """A pool of ``jobs`` worker processes started by a fork server (or spawned): a plain fork of
    a client that has threads can copy a lock mid-hold, and a forked worker then waits forever
    (it happened in one full-suite run on a fresh clone, on a client-read XLIFF). Workers load the checks from
    the task's config once each (``_worker_plan``)."""

    name = "processes"

    def __init__(self, jobs: int):
        import multiprocessing as mp

        self.jobs = max(1, jobs)
        methods = mp.get_all_start_methods()
        ctx = mp.get_context("forkserver" if "forkserver" in methods else "spawn")
        self._pool = ctx.Pool(self.jobs)

    def map_partitions(self, fn, tasks):
        return _windowed((self._pool.apply_async(fn, (t,)) for t in tasks), lambda r: r.get(), 2 * self.jobs + 1)

    def close(self) -> None:
        self._pool.terminate()
        self._pool.join()


class DaskExecutor(Executor):
    """Tasks as ``dask.distributed`` futures: on the cluster at ``scheduler``, else on a
    ``LocalCluster`` of ``jobs`` worker processes (one thread each: the checks are pure Python)."""

    name = "dask"

    def __init__(self, jobs: int, scheduler: str | None = None, processes: bool = True):
        try:
            from dask.distributed import Client, LocalCluster
        except ImportError:
            raise UsageError("--executor dask needs dask.distributed: pip install 'transaudit[dask]'") from None
        self._cluster = None
        if scheduler:
            self.client = Client(scheduler)
        else:
            self._cluster = LocalCluster(n_workers=max(1, jobs), threads_per_worker=1, processes=processes,
                                         dashboard_address=None)
            self.client = Client(self._cluster)
        self.workers = max(1, len(self.client.scheduler_info().get("workers", {})) or jobs)

    def map_partitions(self, fn, tasks):
        return _windowed((self.client.submit(fn, t, pure=False) for t in tasks), lambda f: f.result(),
                         2 * self.workers + 1)

    def close(self) -> None:
        self.client.close()
        if self._cluster is not None:
            self._cluster.close()


def make_executor(name: str, jobs: int, scheduler: str | None = None, processes: bool = True) -> Executor:
    if name not in EXECUTORS:
        raise UsageError(f"unknown executor {name!r} (one of {', '.join(EXECUTORS)})")
    if scheduler and name != "dask":
        raise UsageError("--scheduler needs --executor dask")
    if name == "local":
        return LocalExecutor()
    if name == "processes":
        return ProcessExecutor(jobs)
    return DaskExecutor(jobs, scheduler, processes)


# -- the worker's side -------------------------------------------------------------------------

_WORKER: dict = {}  # config digest -> (config, plan): the checks resolved once per worker process


def _worker_plan(key: str, blob: bytes):
    got = _WORKER.get(key)
    if got is None:
        from audit.checks.glossary import attach as attach_glossary
        from audit.core import limits
        from audit.pipeline.engine import _Plan, resolve_checks

        config = attach_glossary(pickle.loads(blob))
        limits.configure(config.limits)
        checks = resolve_checks(config)
        plan = _Plan([c for c in checks if c.spec.scope == "pair"])
        _WORKER.clear()
        got = _WORKER[key] = (config, plan, [c for c in checks if c.spec.scope == "corpus"])
    return got


def _read_filled(part, given_langs, langs) -> list:
    """The pairs of one partition as phase 1 reads them (languages filled in)."""
    from audit.inputs.partition import read_partition
    from audit.pipeline.engine import fill_languages

    if part.kind == "pairs":
        from audit.pipeline.spill import unpack_pair

        read = [unpack_pair(t) for t in part.pairs]
    else:
        read = read_partition(part, *given_langs)
    return list(fill_languages(read, *langs))


def _shard(task):
    """(config, corpus checks, the partition's pairs with their global indices, start)."""
    key, blob, part, given_langs, langs, start = task[:6]
    config, _plan, corpus = _worker_plan(key, blob)
    pairs = [p if p.index == start + j else replace(p, index=start + j)
             for j, p in enumerate(_read_filled(part, given_langs, langs))]
    return config, corpus, pairs, start


def corpus_partial(task):
    """On a worker, corpus phase 1: the partition read again (cheap, keeps worker memory flat)
    and its mergeable statistics (``corpusstats.partial``)."""
    config, corpus, pairs, start = _shard(task)
    return corpusstats.partial(pairs, start, corpus, config)


def corpus_shard_flags(task):
    """On a worker, corpus phase 2: the partition's corpus flags from its share of the verdicts
    (or the merged statistics), keyed by global index (``corpusstats.shard_flags``)."""
    config, corpus, pairs, start = _shard(task)
    return corpusstats.shard_flags(task[6], pairs, start, corpus, config)


def check_partition(task) -> tuple:
    """On a worker: read one partition, fill in the audit's languages, run the pair checks (the
    neighbours of its first and last pair unknown: the client checks those two again).
    Returns (packed pairs, final flags of each pair, target word counts)."""
    from audit.pipeline.engine import _check_chunk
    from audit.pipeline.spill import pack_pair

    key, blob, part, given_langs, langs = task
    config, plan, _corpus = _worker_plan(key, blob)
    pairs = _read_filled(part, given_langs, langs)
    results = _check_chunk(plan, config, (pairs, None, None), True)
    return [pack_pair(p) for p in pairs], [r[0] for r in results], [r[1] for r in results]


# -- the client's side -------------------------------------------------------------------------

def plan_partitions(audit, paths: Sequence[str] | None, fmt: str | None, n: int, readable: bool) -> list:
    """``readable``: the workers may read ``paths`` themselves (no stdin, references, filter,
    decisions or alignment); otherwise the client reads the audit's pairs and ships them."""
    from audit.inputs.partition import chunk_partitions, partitionable, plan

    if readable and paths and partitionable(fmt, paths):
        return plan(fmt, paths, n)
    from audit.pipeline.spill import pack_pair

    return chunk_partitions(audit._pairs, n, pack_pair)


def _part_size(part) -> tuple[int, int]:
    """(pairs known before the run, bytes the workers will read) of one partition."""
    return (len(part.pairs), 0) if part.kind == "pairs" else (0, sum(e - s for s, e in part.ranges))


class _Counted:
    """Progress over partitions: ``on_checked(done, total)`` after each partition, ``total`` the pairs
    the client packed plus, for byte ranges the workers read, an estimate from the pairs per byte
    seen so far (exact once every partition is in)."""

    def __init__(self, partitions: list, on_checked: Callable | None):
        sizes = [_part_size(p) for p in partitions]
        self.on_checked = on_checked
        self.known = sum(k for k, _ in sizes)
        self.bytes = sum(b for _, b in sizes)
        self.sizes = sizes
        self.seen_bytes = self.seen_pairs = self.parts = 0

    def add(self, n_pairs: int, done: int) -> None:
        if self.on_checked is None:
            return
        size = self.sizes[self.parts][1]
        self.parts += 1
        if size:
            self.seen_bytes += size
            self.seen_pairs += n_pairs
        if self.parts == len(self.sizes):
            total = done
        elif not self.bytes:
            total = self.known
        else:
            total = self.known + round(self.seen_pairs * self.bytes / self.seen_bytes) if self.seen_bytes else None
        self.on_checked(done, total)


def audit_partitioned(audit, executor: Executor, partitions: list, given_langs=(None, None),
                      on_partition: Callable | None = None, on_checked: Callable | None = None):
    """The ``AuditResult`` of ``audit`` (an ``engine.Audit`` without decisions) with its pair
    checks run partition by partition on ``executor``; equal to ``audit.run()``.

    ``on_partition(partition, pair results)``: called with each partition's final results in
    order (``--partitioned-output``). ``on_checked(done, total)``: after each partition's pairs
    are in (``total`` estimated while workers still read byte ranges, None before any is known)."""
    from audit.core.model import PairResult
    from audit.pipeline.engine import _check_chunk, _Plan
    from audit.pipeline.spill import unpack_pair

    config = audit.config
    blob = pickle.dumps(config)
    key = hashlib.sha256(blob).hexdigest()
    src, tgt = audit.source_lang, audit.target_lang
    tasks = ((key, blob, p, tuple(given_langs), (src, tgt)) for p in partitions)
    parts = []  # per partition: [pairs, flags]
    index = 0
    counted = _Counted(partitions, on_checked)
    for part, (packed, flags, _words) in zip(partitions, executor.map_partitions(check_partition, tasks)):
        pairs = []
        for t in packed:
            p = unpack_pair(t)
            if p.index != index:
                p = replace(p, index=index)
            pairs.append(p)
            index += 1
        parts.append((part, pairs, list(flags)))
        counted.add(len(pairs), index)
    # the pairs at each partition's edges, checked again with their neighbours across the edge
    plan = _Plan([c for c in audit.checks if c.spec.scope == "pair"])
    flat = [(k, i) for k, (_, pairs, _) in enumerate(parts) for i in (0, len(pairs) - 1) if pairs]
    seq = [pp for _, pairs, _ in parts for pp in pairs]
    starts, at = [], 0
    for _, pairs, _ in parts:
        starts.append(at)
        at += len(pairs)
    for k, i in dict.fromkeys(flat):
        g = starts[k] + i
        before = seq[g - 1] if g > 0 else None
        after = seq[g + 1] if g + 1 < len(seq) else None
        parts[k][2][i] = _check_chunk(plan, config, ([seq[g]], before, after))[0]
    results = [PairResult(p, fl) for _, pairs, flags in parts for p, fl in zip(pairs, flags)]
    sharded = SHARDED_CORPUS and any(c.spec.scope == "corpus" for c in audit.checks) and \
        not any(r.pair.references for r in results)  # reference metrics come first: client-side
    if sharded:
        corpus = [c for c in audit.checks if c.spec.scope == "corpus"]
        bounds = [(st, st + len(pairs)) for (_, pairs, _), st in zip(parts, starts)]
        results = _sharded_corpus(executor, results, [(key, blob, part, tuple(given_langs), (src, tgt), st)
                                                      for (part, _, _), st in zip(parts, starts)],
                                  bounds, corpus, config)
    finished = audit._finish(results, None, corpus_done=sharded)
    if on_partition is not None:
        at = 0
        segs = finished.result.segments
        for part, pairs, _ in parts:
            on_partition(part, segs[at:at + len(pairs)])
            at += len(pairs)
    return finished.result


def audit_project(project, executor: Executor, partitions: int, given_langs=(None, None),
                  readable: Callable[[str], bool] = lambda path: True, on_checked: Callable | None = None):
    """The ``ProjectResult`` of a prepared ``Project`` (a folder, a glob, several files) with
    each file audited on its own through ``executor`` as ``audit_partitioned`` audits one input
    (its own partitions, edges and corpus checks): equal to ``project.run()``. ``partitions`` is
    shared among the files by size (at least one each); ``readable(path)``: whether the workers
    may read that file themselves; ``on_checked(done)``: the segments of all files checked so far."""
    from audit.inputs.discover import STDIN_NAME

    files = [p.summary.name for p in project.audited]
    sizes = {f: (os.path.getsize(f) if f != STDIN_NAME and os.path.isfile(f) else 0) for f in files}
    total = sum(sizes.values()) or 1

    def one(prepared, on_checked=None):
        path = prepared.summary.name
        ok = path != STDIN_NAME and readable(path)
        fmt = getattr(prepared.audit._pairs, "format", None) if ok else None
        n = max(1, round(partitions * sizes[path] / total))
        parts = plan_partitions(prepared.audit, [path], fmt, n, ok)
        return audit_partitioned(prepared.audit, executor, parts, given_langs, on_checked=on_checked)

    return project.run(on_checked, one)


def _sharded_corpus(executor: Executor, results: list, tasks: list, bounds: list, checks, config) -> list:
    """The corpus-scope checks in two phases on the executor: each partition's statistics
    (phase 1), merged here and reduced here to verdicts (``corpusstats.verdicts``: each check's
    decisions, once), then each partition's corpus flags from its own share of the verdicts
    (phase 2, ``corpusstats.split``); merged into the results as ``engine.run_corpus_checks``
    merges them."""
    from audit.core.model import PairResult
    from audit.pipeline.engine import _final

    merged = corpusstats.merge(list(executor.map_partitions(corpus_partial, tasks)))
    shares = corpusstats.split(corpusstats.verdicts(merged, checks, config), bounds)
    del merged
    extra: dict = {}
    for found in executor.map_partitions(corpus_shard_flags, [t + (v,) for t, v in zip(tasks, shares)]):
        extra.update(found)
    if not extra:
        return results
    return [PairResult(r.pair, _final(r.flags + tuple(extra[i])), r.scores) if i in extra else r
            for i, r in enumerate(results)]


def write_partitioned(directory: str, result, parts_out: list, segment_dict, summary_dict) -> None:
    """``--partitioned-output DIR``: one JSONL file a partition (``part-00000.jsonl``: the JSONL
    report's segment lines), a Parquet file a partition when pyarrow is installed, and
    ``manifest.json`` (the partitions, their files and pair counts, the report's summary).
    ``segment_dict``/``summary_dict``: the JSON report's serialisers (``audit.outputs.serialize``,
    a layer above this one: the CLI passes them)."""
    os.makedirs(directory, exist_ok=True)
    encode = json.JSONEncoder(ensure_ascii=False).encode
    try:
        import pyarrow  # noqa: F401
        have_parquet = True
    except ImportError:
        have_parquet = False
    manifest = {"partitions": [], "parquet": have_parquet}
    for part, segs in parts_out:
        name = f"part-{part.number:05d}"
        rows = [segment_dict(s) for s in segs]
        with open(os.path.join(directory, name + ".jsonl"), "w", encoding="utf-8") as fh:
            fh.writelines(encode(r) + "\n" for r in rows)
        entry = {**part.describe(), "file": name + ".jsonl", "segments": len(rows),
                 "flags": sum(len(s.flags) for s in segs)}
        if have_parquet:
            import pyarrow as pa
            import pyarrow.parquet as pq

            table = pa.table({"id": [r["id"] for r in rows], "index": [r["index"] for r in rows],
                              "segment": [encode(r) for r in rows]})
            pq.write_table(table, os.path.join(directory, name + ".parquet"))
            entry["parquet"] = name + ".parquet"
        manifest["partitions"].append(entry)
    manifest["summary"] = summary_dict(result)
    with open(os.path.join(directory, "manifest.json"), "w", encoding="utf-8") as fh:
        fh.write(json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True) + "\n")
