"""Start-up cost of ``transaudit``: CPU seconds of ``--version`` and of a 10-segment ``check``.

Each command runs in a fresh child process (``python -m audit ...``, like the ``transaudit``
script), measured through ``RUSAGE_CHILDREN`` of a wrapper process (user + system CPU of the
check process and any workers it forks), best of ``--repeat`` runs. The 10-segment inputs are the
first ten pairs of bundled corpora, once with the languages given on the command line (JSONL,
``-s en -t de``) and once left to detection (TSV). Python's bytecode files are written and used, as in an installed package
(``pip install`` compiles them; ``PYTHONDONTWRITEBYTECODE`` is removed from the children's
environment unless ``--no-bytecode``, which recompiles every module from source on each run). The cache (``TRANSAUDIT_CACHE_DIR``) is warmed by one run first, as it
is on any machine after the first run; ``--cold`` uses a fresh empty cache for every run.
Goal (issue 13): each within 0.3 CPU-s. Usage: python bench/bench_startup.py [--repeat N] [--cold]
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile

from common import ROOT

_WRAP = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=False, "
         "stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); "
         "r = resource.getrusage(resource.RUSAGE_CHILDREN); print(r.ru_utime + r.ru_stime, r.ru_maxrss)")


def cpu_of(cmd: list[str], env: dict) -> tuple[float, float]:
    """(CPU seconds, peak RSS MiB) of one run of ``cmd``."""
    done = subprocess.run([sys.executable, "-c", _WRAP, *cmd], check=True, cwd=ROOT, env=env,
                          capture_output=True, text=True)
    cpu, rss = done.stdout.split()[-2:]
    return float(cpu), int(rss) / 1024


def first_lines(src: str, dst: str, n: int = 10) -> str:
    with open(src, encoding="utf-8") as fh, open(dst, "w", encoding="utf-8") as out:
        for i, line in enumerate(fh):
            if i >= n:
                break
            out.write(line)
    return dst


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--cold", action="store_true", help="an empty cache for every run")
    ap.add_argument("--no-bytecode", action="store_true", help="keep PYTHONDONTWRITEBYTECODE (no .pyc files)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        jsonl = first_lines(os.path.join(ROOT, "corpora", "en-de", "manual.jsonl"), os.path.join(tmp, "ten.jsonl"))
        tsv = first_lines(os.path.join(ROOT, "corpora", "en-ja", "ui.tsv"), os.path.join(tmp, "ten.tsv"))
        py = [sys.executable, "-m", "audit"]
        cases = [("--version", py + ["--version"]),
                 ("check 10 segments, en-de given (JSONL)", py + ["check", jsonl, "-s", "en", "-t", "de", "-F", "jsonl", "-o", os.path.join(tmp, "o1")]),
                 ("check 10 segments, languages detected (TSV)", py + ["check", tsv, "-F", "jsonl", "-o", os.path.join(tmp, "o2")])]
        env = dict(os.environ)
        if not args.no_bytecode:
            env.pop("PYTHONDONTWRITEBYTECODE", None)
        if not args.cold:
            env.setdefault("TRANSAUDIT_CACHE_DIR", os.path.join(tmp, "cache"))
            for _, cmd in cases:  # warm the cache
                cpu_of(cmd, env)
        print(f"best of {args.repeat} runs, {'cold' if args.cold else 'warm'} cache, "
              f"{'no bytecode files' if args.no_bytecode else 'bytecode files used'}; goal: <= 0.3 CPU-s each")
        print(f"{'command':<46} {'CPU s':>7} {'peak MiB':>9}")
        for label, cmd in cases:
            runs = []
            for i in range(args.repeat):
                if args.cold:
                    env["TRANSAUDIT_CACHE_DIR"] = os.path.join(tmp, f"cold-{label[:5]}-{i}")
                runs.append(cpu_of(cmd, env))
            cpu = min(r[0] for r in runs)
            rss = min(r[1] for r in runs)
            print(f"{label:<46} {cpu:>7.2f} {rss:>9.0f}")
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
