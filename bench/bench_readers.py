"""Reader throughput per format on a 100k-pair corpus built from NTREX (English -> one language).

    python bench/bench_readers.py [--lang rus] [--pairs 100000] [--memory]

Builds the corpus in a temporary folder (JSONL, then TMX, XLIFF 1.2, XLIFF 2.0, PO and TSV with
scripts/build_formats.py's writers, plus two line-aligned text files), then times reading every
pair of each (best of 2 runs; CPU time is the fair figure on a loaded machine). ``--memory`` also
reports the peak RSS of a child process that reads everything: it stays flat whatever the file
size (compare ``--pairs 10000``), because every reader streams.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)
from audit.inputs import open_input  # noqa: E402

_spec = importlib.util.spec_from_file_location("build_formats", os.path.join(ROOT, "scripts", "build_formats.py"))
bf = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bf)

NTREX = os.path.join(os.path.dirname(ROOT), "shared", "data", "ntrex")
CODES = {"rus": "ru", "zho-CN": "zh", "arb": "ar", "spa": "es", "deu": "de", "jpn": "ja", "hin": "hi"}


def build(folder: str, lang: str, n: int) -> dict[str, list[str]]:
    with open(os.path.join(NTREX, "eng.txt"), encoding="utf-8") as fh:
        eng = fh.read().splitlines()
    with open(os.path.join(NTREX, f"{lang}.txt"), encoding="utf-8") as fh:
        other = fh.read().splitlines()
    tgt = CODES.get(lang, lang[:2])
    sub = os.path.join(folder, f"en-{tgt}")
    os.makedirs(sub)
    rows = [{"id": str(i + 1), "source": eng[i % len(eng)], "target": other[i % len(other)], "references": []}
            for i in range(n)]
    jsonl = os.path.join(sub, "bench.jsonl")
    with open(jsonl, "w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps({"id": r["id"], "source": r["source"], "target": r["target"]}, ensure_ascii=False) + "\n")
    inputs = {"jsonl": [jsonl]}
    for fmt, out_path, data, reason in bf.plan(jsonl):
        if data is None:
            print(f"  (no {fmt}: {reason})")
            continue
        with open(out_path, "wb") as fh:
            fh.write(data)
        inputs[fmt] = [out_path]
    s, t = os.path.join(sub, "bench.en.txt"), os.path.join(sub, f"bench.{tgt}.txt")
    with open(s, "w", encoding="utf-8") as fs, open(t, "w", encoding="utf-8") as ft:
        for r in rows:
            fs.write(r["source"] + "\n")
            ft.write(r["target"] + "\n")
    inputs["text"] = [s, t]
    return inputs


def time_read(paths: list[str], fmt: str) -> tuple[int, float, float]:
    """(pairs, best wall seconds, best CPU seconds): CPU time is the fairer figure on a shared machine."""
    best_wall = best_cpu = None
    count = 0
    for _ in range(2):
        w0, c0 = time.perf_counter(), time.process_time()
        count = sum(1 for _ in open_input(paths, "text" if fmt == "text" else None, "en", None))
        wall, cpu = time.perf_counter() - w0, time.process_time() - c0
        best_wall = wall if best_wall is None else min(best_wall, wall)
        best_cpu = cpu if best_cpu is None else min(best_cpu, cpu)
    return count, best_wall, best_cpu


def peak_memory(paths: list[str], fmt: str) -> float:
    """Peak RSS (MB) of a child process that reads every pair (lxml's memory included)."""
    import subprocess

    code = (
        "import sys; sys.path.insert(0, %r)\n"
        "from audit.inputs import open_input\n"
        "import audit.inputs.tmx, audit.inputs.xliff, audit.inputs.po, audit.inputs.tsv, audit.inputs.jsonl\n"
        "for _ in open_input(%r, %r, 'en', None): pass\n"
        "hwm = [ln for ln in open('/proc/self/status') if ln.startswith('VmHWM')][0]\n"
        "print(int(hwm.split()[1]) / 1024)\n"
    ) % (ROOT, paths, "text" if fmt == "text" else None)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(out.stdout.strip())


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--lang", default="rus")
    ap.add_argument("--pairs", type=int, default=100_000)
    ap.add_argument("--memory", action="store_true")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as d:
        print(f"building {args.pairs} pairs en-{args.lang} from NTREX ...")
        inputs = build(d, args.lang, args.pairs)
        print(f"{'format':8} {'pairs':>8} {'file MB':>8} {'wall s':>7} {'CPU s':>7} {'pairs/CPU s':>12}"
              + ("  peak RSS MB" if args.memory else ""))
        for fmt, paths in inputs.items():
            size = sum(os.path.getsize(p) for p in paths) / 1e6
            n, wall, cpu = time_read(paths, fmt)
            line = f"{fmt:8} {n:8d} {size:8.1f} {wall:7.2f} {cpu:7.2f} {n / cpu:12.0f}"
            if args.memory:
                line += f"  {peak_memory(paths, fmt):11.1f}"
            print(line, flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
