"""Where a worker's time goes: cProfile over the engine's chunk function on NTREX pairs.

Runs ``audit.pipeline.engine._check_chunk`` (what every worker process runs, default checks, with
the scoring's target word count) on ``--pairs`` English -> xx NTREX pairs (the languages in turn,
as ``bench_throughput`` builds its corpus) under cProfile in this one process, after a warm-up
that loads the languages' data (so one-off loading is not counted; ``--cold`` counts it), then
the JSONL writer on the results. Prints a table: cumulative seconds of each check family (the
check functions of its codes; shared per-pair views are charged to the first check that asks for
them), flag building (``_make_flags``, fingerprints included), word counting, the rest of the chunk
loop, the JSONL writer; then the functions with the most own time. Figures are CPU seconds under
the profiler (which inflates every figure, small Python functions most); compare rows, not runs
on different machines. Usage: python bench/bench_profile.py [--pairs 5000] [--langs es,ru,zh]
[--top 25] [--split dev|test] (dev: NTREX lines 1-1000, test: the rest; default all).
"""
from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import time

os.environ.setdefault("TRANSAUDIT_SEMANTIC", "0")

from common import NTREX_LANGS, have_data, ntrex_pairs


def build_pairs(n: int, langs: list[str], split: str | None):
    by_lang = []
    for name, code in NTREX_LANGS.items():
        if langs and code not in langs:
            continue
        ps = ntrex_pairs(name)
        if split == "dev":
            ps = ps[:1000]
        elif split == "test":
            ps = ps[1000:]
        by_lang.append(ps)
    pairs = []
    for start in range(0, max(len(x) for x in by_lang), 200):
        for lang_pairs in by_lang:
            pairs.extend(lang_pairs[start:start + 200])
    return pairs[:n]


def _cum(stats: pstats.Stats, code_objs) -> float:
    """Cumulative seconds of the functions ``code_objs`` (recursion counted once by cProfile)."""
    keys = {(c.co_filename, c.co_firstlineno, c.co_name) for c in code_objs}
    return sum(v[3] for k, v in stats.stats.items() if k in keys)


def _code_of(fn):
    fn = getattr(fn, "__wrapped__", fn)
    return getattr(fn, "__code__", None)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pairs", type=int, default=5000)
    ap.add_argument("--langs", default="", help="comma-separated target languages (default: all 18)")
    ap.add_argument("--split", choices=("dev", "test"), default=None)
    ap.add_argument("--top", type=int, default=25)
    ap.add_argument("--cold", action="store_true", help="no warm-up: count data loading too")
    ap.add_argument("--dump", metavar="PATH", help="also write the profile (pstats) to PATH")
    args = ap.parse_args()
    if not have_data():
        raise SystemExit("../shared/data/ntrex not found")

    from audit.core.config import Config
    from audit.core.model import AuditResult, PairResult
    from audit.outputs import jsonl
    from audit.pipeline import engine
    from audit.scores import penalty

    langs = [x for x in args.langs.split(",") if x]
    pairs = build_pairs(args.pairs, langs, args.split)
    config = Config()
    checks = engine.resolve_checks(config)
    plan = engine._Plan(checks)
    if not args.cold:
        engine._warm_up(plan, config, pairs)

    prof = cProfile.Profile()
    t0 = time.process_time()
    prof.enable()
    out = engine._check_chunk(plan, config, (pairs, None, None), True)
    prof.disable()
    chunk_cpu = time.process_time() - t0
    results = [PairResult(p, flags) for p, (flags, _w) in zip(pairs, out)]
    result = AuditResult(segments=results, source_lang="en", target_lang=None, settings={}, scores={},
                         metrics={}, signature="")
    t1 = time.process_time()
    prof.enable()
    jsonl.write(result, io.StringIO())
    prof.disable()
    writer_cpu = time.process_time() - t1
    stats = pstats.Stats(prof)
    if args.dump:
        stats.dump_stats(args.dump)

    fam: dict[str, list] = {}
    for chk in plan.checks:
        code = _code_of(chk.fn)
        if code is not None:
            fam.setdefault(chk.code[:3], []).append(code)
    total = sum(v[2] for v in stats.stats.values())  # all own time under the profiler
    rows = [(f"checks {f}", _cum(stats, codes)) for f, codes in fam.items()]
    checks_sum = sum(s for _, s in rows)
    flags_s = _cum(stats, [engine._make_flags.__code__])
    words_s = _cum(stats, [penalty.word_count.__code__])
    chunk_s = _cum(stats, [engine._check_chunk.__code__])
    writer_s = _cum(stats, [jsonl.write.__code__])
    nflags = sum(len(f) for f, _ in out)
    print(f"{len(pairs):,} pairs ({len({p.target_lang for p in pairs})} target languages, split "
          f"{args.split or 'all'}), {len(plan.checks)} pair checks, {nflags:,} flags; "
          f"CPU s without the profiler's bookkeeping subtracted: chunk {chunk_cpu:.2f}, writer {writer_cpu:.2f}")
    print(f"{'where':<22} {'prof s':>8} {'share':>6} {'us/pair':>8}")

    def line(name, s):
        print(f"{name:<22} {s:>8.2f} {100 * s / total:>5.1f}% {1e6 * s / len(pairs):>8.0f}")

    for name, s in sorted(rows, key=lambda r: -r[1]):
        if s >= 0.005 * total:
            line(name, s)
    small = sum(s for _, s in rows if s < 0.005 * total)
    line("checks (other, <0.5%)", small)
    line("flag building", flags_s)
    line("word counting", words_s)
    line("chunk loop (rest)", chunk_s - checks_sum - flags_s - words_s)
    line("JSONL writer", writer_s)
    line("total", total)
    print()
    s = io.StringIO()
    pstats.Stats(prof, stream=s).sort_stats("tottime").print_stats(args.top)
    print("\n".join(s.getvalue().splitlines()[6:]))


if __name__ == "__main__":
    main()
