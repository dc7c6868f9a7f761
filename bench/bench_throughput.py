"""Throughput and peak memory of ``transaudit check`` with the default checks.

Builds a JSONL corpus (per-line languages) of at least 100,000 pairs from NTREX (English -> 18 languages, repeated),
runs ``transaudit check`` on it in a child process (pairs/s and peak RSS, at several corpus
sizes to show how memory grows), and runs Translate Toolkit's pofilter default checks on a
sample in this same process for the ratio. Usage: python bench/bench_throughput.py [--pairs N]
[--sizes 25000,165526] (``--sizes`` replaces the default sizes N/4, N/2, N; the issue's corpus is
165,526 pairs). ``--profile`` instead runs ``check --jobs 1`` under cProfile on the first size and
prints where the CPU time goes (one process: workers' and main process's costs together; with
``--jobs 2``, the main process's serial share alone). Each run also prints the main process's own
CPU seconds, and besides the peak RSS (``getrusage``: the largest single process, shared pages
counted in full) the peak PSS summed over the check process and its workers, sampled from
/proc/PID/smaps_rollup (pages shared copy-on-write after the fork counted once: what the run
really holds), with its file-backed part (memory-mapped word tables and models).
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

from common import NTREX_LANGS, ROOT, have_data, ntrex_pairs


def build_corpus(path: str, n: int) -> int:
    """``n`` pairs: blocks of 200 consecutive NTREX lines of each language in turn (so every size
    from 3,600 pairs on has all 18 languages, and memory is compared like for like), repeated."""
    by_lang = [ntrex_pairs(name) for name in NTREX_LANGS]
    pairs = []
    for start in range(0, max(len(x) for x in by_lang), 200):
        for lang_pairs in by_lang:
            pairs.extend(lang_pairs[start:start + 200])
    written = 0
    with open(path, "w", encoding="utf-8") as fh:
        while written < n:
            for p in pairs:
                if written >= n:
                    break
                fh.write(json.dumps({"source": p.source, "target": p.target, "source_lang": "en",
                                     "target_lang": p.target_lang}, ensure_ascii=False) + "\n")
                written += 1
    return written


def _tree(pid: int) -> list[int]:
    """``pid`` and all its live descendants (from /proc/PID/task/TID/children)."""
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        try:
            for tid in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{tid}/children") as fh:
                    todo.extend(int(x) for x in fh.read().split())
        except OSError:
            continue
    return out


def _rollup(pid: int) -> dict[str, int]:
    """The kB fields of /proc/PID/smaps_rollup (empty when the process is gone)."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as fh:
            lines = fh.read().splitlines()[1:]
    except OSError:
        return {}
    return {k: int(v.split()[0]) for k, v in (ln.split(":", 1) for ln in lines)}


class MemorySampler:
    """Samples the memory of a process tree every ``every`` seconds (Linux /proc only):
    ``peak_pss`` is the largest sum of PSS over the tree (pages shared copy-on-write between the
    check process and its forked workers counted once, split between them: the memory the run
    really holds), ``peak_rss`` the largest single-process RSS seen (shared pages counted in full
    by every process), ``peak_file`` the PSS of file-backed mappings (memory-mapped tables and
    models; the kernel can drop them under pressure) at the PSS peak. All in MiB."""

    def __init__(self, pid: int, every: float = 0.1):
        import threading

        self.pid, self.every = pid, every
        self.peak_pss = self.peak_rss = self.peak_file = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self.ok = os.path.exists(f"/proc/{os.getpid()}/smaps_rollup")
        if self.ok:
            self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            pss = rss = file_ = 0
            for p in _tree(self.pid):
                r = _rollup(p)
                pss += r.get("Pss", 0)
                file_ += r.get("Pss_File", 0)
                rss = max(rss, r.get("Rss", 0))
            if pss / 1024 > self.peak_pss:
                self.peak_pss, self.peak_file = pss / 1024, file_ / 1024
            self.peak_rss = max(self.peak_rss, rss / 1024)
            self._stop.wait(self.every)

    def stop(self) -> None:
        self._stop.set()
        if self.ok:
            self._thread.join()


def run_check(path: str, jobs: int | None, fmt: str = "json") -> tuple[float, float, float, float, MemorySampler]:
    """(seconds, peak RSS MiB of the check process and its workers, CPU seconds of them all, CPU
    seconds of the check process alone, the sampled PSS peak) for one ``check`` run."""
    out = path + ".out"
    cmd = ["check", path, "-F", fmt, "-o", out]
    if jobs:
        cmd += ["--jobs", str(jobs)]
    # A fresh wrapper process per run: RUSAGE_CHILDREN's peak is the largest of all waited-for
    # descendants (the check process and its pool workers) of this run only.
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", _WRAP, *cmd], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    mem = MemorySampler(proc.pid)
    stdout, stderr = proc.communicate()
    mem.stop()
    dt = time.perf_counter() - t0
    if proc.returncode:
        raise SystemExit(f"check failed ({proc.returncode}): {stderr[-2000:]}")
    os.unlink(out)
    main_cpu, cpu, rss = stdout.split()[-3:]
    return dt, int(rss) / 1024, float(cpu), float(main_cpu), mem


# The wrapper process is the check process (the CLI run in it, as ``python -m audit``): RUSAGE_SELF
# is the main process's own CPU (what runs serially while the workers work), RUSAGE_CHILDREN the
# workers'; the peak is the larger of the two.
_WRAP = ("import atexit, resource, runpy, sys\n"
         "def _report():\n"
         "    s = resource.getrusage(resource.RUSAGE_SELF); c = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
         "    main = s.ru_utime + s.ru_stime\n"
         "    print(main, main + c.ru_utime + c.ru_stime, max(s.ru_maxrss, c.ru_maxrss), flush=True)\n"
         "atexit.register(_report)\n"
         "sys.argv = ['audit', *sys.argv[1:]]\n"
         "runpy.run_module('audit', run_name='__main__')\n")


def profile_check(path: str, n: int, fmt: str, top: int = 30, jobs: int = 1) -> None:
    """``check --jobs JOBS`` (default 1) of ``n`` pairs under cProfile: the functions with the most
    own time and the most cumulative time. With ``--jobs 2`` or more only the main process is
    profiled (its serial share: corpus checks, merging, scoring, writing; waits on the workers
    show as ``acquire``)."""
    import pstats

    build_corpus(path, n)
    prof = path + ".prof"
    subprocess.run([sys.executable, "-m", "cProfile", "-o", prof, "-m", "audit", "check", path, "-F", fmt,
                    "-o", path + ".out", "--jobs", str(jobs)], check=True, cwd=ROOT, capture_output=True)
    stats = pstats.Stats(prof)
    print(f"cProfile of check --jobs {jobs} on {n:,} pairs (profiling inflates every figure)")
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(top)


def pofilter_rate(n: int) -> float:
    """Units per second of Translate Toolkit's default pofilter checks, in this process."""
    from translate.filters import checks
    from translate.storage import pypo

    pairs = []
    for name in NTREX_LANGS:
        pairs.extend(ntrex_pairs(name, n // len(NTREX_LANGS) + 1))
    pairs = pairs[:n]
    units = []
    for p in pairs:
        u = pypo.pounit(p.source)
        u.target = p.target
        units.append(u)
    checker = checks.StandardChecker()
    t0 = time.process_time()  # CPU time, like the CPU-based figures of our runs
    for u in units:
        checker.run_filters(u)
    return len(units) / (time.process_time() - t0)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pairs", type=int, default=100_000)
    ap.add_argument("--sizes", default=None, help="comma-separated corpus sizes (default: N/4, N/2, N)")
    ap.add_argument("--jobs", type=int, default=None)
    ap.add_argument("--no-pofilter", action="store_true", help="skip the pofilter ratio")
    ap.add_argument("--profile", action="store_true", help="cProfile one run of the first size (--jobs 1 unless --jobs is given: then the main process)")
    ap.add_argument("--format", default="jsonl",
                    help="report format (default jsonl: streamed, flat memory; json holds the whole result)")
    args = ap.parse_args()
    if not have_data():
        raise SystemExit("../shared/data/ntrex not found")
    with tempfile.TemporaryDirectory() as tmp:
        print(f"check -F {args.format}, jobs {args.jobs or os.cpu_count()}; peak MiB: the largest process (main or worker)")
        print("CPU s: user+system of the check process and its workers; pairs/CPU-s x 2 is the rate on 2 idle cores")
        print("main CPU s: the check process alone (reading, corpus checks, merging, scoring, writing)")
        print("peak PSS MiB: the largest sum of PSS over the check process and its workers (sampled every 0.1 s; "
              "copy-on-write pages counted once), file: its file-backed part (mapped tables, models)")
        print(f"{'pairs':>8} {'seconds':>8} {'pairs/s':>9} {'peak MiB':>9} {'PSS MiB':>8} {'file':>5} {'CPU s':>8} "
              f"{'main CPU s':>10} {'pairs/CPU-s':>12}")
        sizes = ([int(x) for x in args.sizes.split(",")] if args.sizes
                 else [args.pairs // 4, args.pairs // 2, args.pairs])
        if args.profile:
            profile_check(os.path.join(tmp, "p.jsonl"), sizes[0], args.format, jobs=args.jobs or 1)
            return
        for n in sizes:
            path = os.path.join(tmp, f"c{n}.jsonl")
            build_corpus(path, n)
            dt, rss, cpu, main_cpu, mem = run_check(path, args.jobs, args.format)
            pss = f"{mem.peak_pss:>8.0f} {mem.peak_file:>5.0f}" if mem.ok else f"{'n/a':>8} {'':>5}"
            print(f"{n:>8} {dt:>8.1f} {n / dt:>9,.0f} {rss:>9.0f} {pss} {cpu:>8.1f} {main_cpu:>10.1f} {n / cpu:>12,.0f}")
        ours = n / dt
        ours_cpu = n / cpu
    load = os.getloadavg()[0]
    print(f"load average {load:.1f} on {os.cpu_count()} cores (a busy machine makes wall-clock rates meaningless)")
    if args.no_pofilter:
        return
    rate = pofilter_rate(5000)
    print(f"pofilter default checks (same machine, this process, 5,000 units): {rate:,.0f} units per CPU-s")
    print(f"ratio transaudit/pofilter: wall {ours / rate:.1f}x; per CPU-second {ours_cpu / rate:.2f}x, "
          f"on 2 idle cores {2 * ours_cpu / rate:.1f}x (goal: >= 10x)")


if __name__ == "__main__":
    main()
