"""The flags of the default checks on real catalogs, for reading: flag counts per code and
severity, and a fixed-seed random sample of major+ flags printed for a person to classify
(bench/results/catalog-reading.md keeps the reading).

Catalogs are found under the folders given (``*.po`` files, recursively), e.g. the ``django``
package of a ``pip download django`` wheel, unpacked: ``conf/locale`` and ``contrib/admin/locale``
hold 196 ``django.po`` catalogs. Each catalog is audited alone (its own language, from its header).

Usage: python bench/bench_catalog_reading.py DIR... [--glob django.po] [--sample 50] [--seed 12]
       [--codes CAS001,ACC001] [--jsonl OUT]
       python bench/bench_catalog_reading.py --from-jsonl OUT... [--sample 50]
"""
from __future__ import annotations

import argparse
import json
import os
import random
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def catalogs(dirs: list[str], glob: str) -> list[Path]:
    out: list[Path] = []
    for d in dirs:
        out.extend(sorted(Path(d).rglob(glob)))
    return out


def audit_flags(paths: list[Path], codes: set[str] | None) -> list[dict]:
    """Every flag of the default checks on each catalog: file, language, code, severity, texts."""
    from audit.core.config import Config
    from audit.pipeline.engine import run_audit

    rows: list[dict] = []
    config = Config()
    for path in paths:
        res = run_audit([str(path)], config=config, jobs=1)
        for seg in res.segments:
            for f in seg.flags:
                if codes and f.code not in codes:
                    continue
                rows.append({"file": str(path), "lang": seg.pair.target_lang, "code": f.code,
                             "severity": f.severity.label, "message": f.message,
                             "source": seg.pair.source, "target": seg.pair.target or ""})
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dirs", nargs="+")
    ap.add_argument("--glob", default="django.po")
    ap.add_argument("--sample", type=int, default=50)
    ap.add_argument("--seed", type=int, default=12)
    ap.add_argument("--codes", help="only these codes, comma-separated")
    ap.add_argument("--jsonl", help="write every flag here")
    ap.add_argument("--from-jsonl", action="store_true",
                    help="the DIRs are JSONL files of an earlier run (--jsonl): read them instead of auditing")
    args = ap.parse_args(argv)
    if args.from_jsonl:
        rows = []
        for p in args.dirs:
            with open(p, encoding="utf-8") as fh:
                rows.extend(json.loads(line) for line in fh)
        paths = sorted({r["file"] for r in rows})
    else:
        paths = catalogs(args.dirs, args.glob)
        rows = audit_flags(paths, set(args.codes.split(",")) if args.codes else None)
    if args.jsonl:
        with open(args.jsonl, "w", encoding="utf-8") as fh:
            fh.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    print(f"{len(paths)} catalogs with flags, {len(rows)} flags")
    counts = Counter((r["code"], r["severity"]) for r in rows)
    for (code, sev), n in sorted(counts.items()):
        print(f"  {code} {sev:8} {n}")
    major = [r for r in rows if r["severity"] in ("major", "critical")]
    sample = random.Random(args.seed).sample(major, min(args.sample, len(major)))
    print(f"\n{len(major)} major+ flags; sample of {len(sample)} (seed {args.seed}):")
    for i, r in enumerate(sample, 1):
        print(f"{i:3} {r['code']} {r['lang']} {os.path.relpath(r['file'])}: {r['message']}\n"
              f"      S: {r['source']!r}\n      T: {r['target']!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
