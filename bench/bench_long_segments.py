"""Time and memory on long segments and large files (issue 15: no input of at most 100 MB makes
``check`` use more than 1 GiB or more than linear time in its size).

Each hostile shape is run at a size and at twice that size, each in its own process, through the
whole ``check`` command in that process (reading a JSONL file of one pair, every check, the JSON
report written to a file; a config raises the line and segment limits for the largest sizes), after a warm-up run on a small file of the same languages so that
loading models and data is not counted. Prints CPU seconds, the doubling ratio (about 2 is linear,
4 quadratic), the flags at both sizes and that process's own peak resident memory. Asserts nothing.

    python bench/bench_long_segments.py [--size 250000] [--only NAME]    # every shape, size and 2x
    python bench/bench_long_segments.py --issue      # the issue's sizes: 1 MB Thai/Chinese/one word/
                                                     # `a, `; 100k punctuation/brackets; 10,000 tags/numbers
    python bench/bench_long_segments.py --file-mb 100    # a TSV of many segments: 25, 50 and 100 MB,
                                                         # reported as JSONL (streamed: -F json collects
                                                         # every flag of the file in memory)

Run it niced and alone (``nice -n 10``): the figures are CPU seconds of one process.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

# made-up names (rare words: names), 15 characters a sentence, from ``start`` on
_NAMES = ("' '.join('{first} ' + ''.join(chr(97 + (i // 26 ** k) % 26) for k in range(5)).capitalize() + ' {then}.' "
          "for i in range({start}, {start} + n // 15))")

SHAPES = {
    # name: (source language, target language, python expression of the target for size n, the
    # same of the source (that shape in the source language where that matters), the issue's size)
    "thai-no-spaces": ("en", "th", "'สวัสดีครับ' * (n // 10)", "'Hello there. ' * (n // 13)", 1_000_000),
    "chinese-no-spaces": ("en", "zh", "'今天天气很好我们去公园' * (n // 11)", "'The weather is fine. ' * (n // 21)",
                          1_000_000),
    "repeated-punctuation": ("en", "de", "'!?' * (n // 2)", "'Hello.'", 100_000),
    "nested-brackets": ("en", "de", "'(' * (n // 2) + ')' * (n // 2)", "'(a)'", 100_000),
    "one-word-repeated": ("en", "de", "'Wort ' * (n // 5)", "'word ' * (n // 5)", 1_000_000),
    "comma-a": ("en", "de", "'a , ' * (n // 4)", "'a, ' * (n // 3)", 1_000_000),
    # 12 characters a tag pair: 120,000 characters are 10,000 tag pairs
    "tags": ("en", "de", "''.join(f'<i>x{i}</i>' for i in range(n // 12))",
             "''.join(f'<b>x{i}</b>' for i in range(n // 12))", 120_000),
    # 6 characters a number: 60,000 characters are 10,000 numbers
    "numbers": ("en", "de", "' '.join(str(20000 + 7 * i) for i in range(n // 6))",
                "' '.join(str(10000 + 7 * i) for i in range(n // 6))", 60_000),
    # made-up names (rare words), none of them in the target, which has as many other made-up names
    "distinct-names": ("en", "de", _NAMES.format(first="Herr", then="kam", start=500_000),
                       _NAMES.format(first="Mr", then="came", start=0), 120_000),
    "capitalised-words": ("en", "de", "' '.join(f'Name{i} wort' for i in range(n // 12))",
                          "' '.join(f'Name{i} Word' for i in range(n // 12))", 120_000),
}

# The child: writes the input, warms up on a small file of the same languages, then runs ``check``
# (in this process, so that its CPU time and peak memory are the check's) and prints one JSON line.
_CHILD = """
import io, json, os, resource, sys, time
from contextlib import redirect_stdout
from audit.cli import main
path, warm, sl, tl, config, fmt = json.loads(sys.argv[1])
def check(p):
    args = ["check", "-j", "1", "-s", sl, "-t", tl, "--format", fmt, "-o", p + ".json", "--quiet", p]
    args[1:1] = ["--config", config] if config else []
    with redirect_stdout(io.StringIO()):
        return main(args)
check(warm)
t0 = time.process_time()
rc = check(path)
got = {"seconds": time.process_time() - t0, "exit": rc,
       "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}
with open(path + ".json", encoding="utf-8") as fh:
    if fmt == "json":
        got["flags"] = json.load(fh)["summary"]["flags"]
    else:  # jsonl: the summary is the last line
        for line in fh:
            pass
        got["flags"] = json.loads(line)["flags"]
os.unlink(path + ".json")
print(json.dumps(got))
"""


def _child(path: str, warm: str, sl: str, tl: str, config: str | None = None, fmt: str = "json") -> dict:
    env = dict(os.environ, TRANSAUDIT_SEMANTIC="0", PYTHONPATH=ROOT,
               TRANSAUDIT_CACHE_DIR=os.path.join(os.path.dirname(path), "cache"))
    out = subprocess.run([sys.executable, "-c", _CHILD, json.dumps([path, warm, sl, tl, config, fmt])],
                         capture_output=True, text=True, env=env, timeout=7200, check=False)
    if out.returncode != 0 or not out.stdout.strip():
        err = out.stderr.strip().splitlines()
        return {"error": err[-1] if err else f"exit {out.returncode}"}
    return json.loads(out.stdout.strip().splitlines()[-1])


def _write_jsonl(path: str, pairs, sl: str, tl: str) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        fh.writelines(json.dumps({"id": str(i + 1), "source": src, "target": tgt,
                                 "source_lang": sl, "target_lang": tl}, ensure_ascii=False) + "\n" for i, (src, tgt) in enumerate(pairs))


def run_shape(shape: str, n: int, tmp: str) -> dict:
    """One shape at ``n`` characters in its own process: seconds, flags' exit code, peak MiB."""
    sl, tl, tgt_expr, src_expr, _ = SHAPES[shape]
    src, tgt = eval(src_expr, {"n": n}), eval(tgt_expr, {"n": n})
    path, warm = os.path.join(tmp, f"{shape}-{n}.jsonl"), os.path.join(tmp, f"warm-{sl}-{tl}.jsonl")
    _write_jsonl(path, [(src, tgt)], sl, tl)
    _write_jsonl(warm, [(eval(src_expr, {"n": 60}), eval(tgt_expr, {"n": 60}))], sl, tl)
    config = os.path.join(tmp, "transaudit.toml")
    with open(config, "w", encoding="utf-8") as fh:  # one JSONL line holds both sides of the pair
        fh.write(f"[limits]\nmax-line-chars = {4 * n + 1000}\nmax-segment-chars = {2 * n + 1000}\n")
    got = _child(path, warm, sl, tl, config)
    got["chars"] = len(tgt)
    os.unlink(path)
    return got


def _corpus_rows() -> list[tuple[str, str]]:
    rows = []
    with open(os.path.join(ROOT, "corpora", "en-de", "manual.tsv"), encoding="utf-8") as fh:
        for line in list(fh)[1:]:
            s, t = line.rstrip("\n").split("\t")[:2]
            rows.append((s, t))
    return rows


def write_file(path: str, mb: float) -> int:
    """A TSV (en -> de) of about ``mb`` MB: the bundled manual's rows, each numbered, between rows of
    every hostile shape at 2,000 characters; returns the number of rows."""
    rows = _corpus_rows()
    hostile = [(eval(s, {"n": 2000}), eval(t, {"n": 2000}))
               for name, (_, tl, t, s, _) in SHAPES.items() if tl == "de"]
    limit, size, count = int(mb * 1024 * 1024), 0, 0
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("source\ttarget\n")
        while size < limit:
            block = [(f"{s} ({count + i})", f"{t} ({count + i})") for i, (s, t) in enumerate(rows)]
            block.append(hostile[count % len(hostile)])
            text = "".join(f"{s}\t{t}\n" for s, t in block)
            fh.write(text)
            size += len(text.encode())
            count += len(block)
    return count


def main_file(mb: float, tmp: str, only_full: bool = False) -> None:
    warm = os.path.join(tmp, "warm.tsv")
    write_file(warm, 0.001)
    print(f"{'file MB':>8s} {'rows':>9s} {'s':>8s} {'ratio':>6s} {'peak MiB':>9s} {'flags':>9s}")
    last = None
    for size in ((mb,) if only_full else (mb / 4, mb / 2, mb)):
        path = os.path.join(tmp, f"file-{size:g}.tsv")
        rows = write_file(path, size)
        got = _child(path, warm, "en", "de", fmt="jsonl")
        os.unlink(path)
        if "error" in got:
            print(f"{size:8g} error: {got['error']}")
            return
        ratio = f"{got['seconds'] / max(last, 1e-3):6.1f}" if last else f"{'':6s}"
        print(f"{size:8g} {rows:9,d} {got['seconds']:8.1f} {ratio} {got['peak_mib']:9.0f} {got['flags']:9,d}", flush=True)
        last = got["seconds"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", type=int, default=250_000, help="characters of the first size (doubled next)")
    ap.add_argument("--issue", action="store_true", help="each shape at the issue's size (and doubled)")
    ap.add_argument("--only", help="one shape (or several, comma-separated)")
    ap.add_argument("--file-mb", type=float, help="instead: a TSV of many segments at a quarter, half and all of this size")
    ap.add_argument("--file-only", action="store_true", help="with --file-mb: that size only")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-long-") as tmp:
        if args.file_mb:
            main_file(args.file_mb, tmp, args.file_only)
            return
        print(f"{'shape':22s} {'chars':>9s} {'s':>7s} {'chars x2':>9s} {'s':>7s} {'ratio':>6s} {'peak MiB':>9s} "
              f"{'flags (x1/x2)':>13s}")
        for shape in (args.only.split(",") if args.only else SHAPES):
            n = SHAPES[shape][4] if args.issue else args.size
            a = run_shape(shape, n, tmp)
            b = run_shape(shape, 2 * n, tmp) if "error" not in a else a
            if "error" in a or "error" in b:
                print(f"{shape:22s} error: {a.get('error') or b.get('error')}", flush=True)
                continue
            ratio = b["seconds"] / max(a["seconds"], 1e-3)
            print(f"{shape:22s} {a['chars']:9,d} {a['seconds']:7.2f} {b['chars']:9,d} {b['seconds']:7.2f} {ratio:6.1f} "
                  f"{max(a['peak_mib'], b['peak_mib']):9.0f} {a['flags']:>6d}/{b['flags']:<6d}", flush=True)


if __name__ == "__main__":
    main()
