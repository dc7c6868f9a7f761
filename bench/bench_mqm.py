"""Recall against human MQM error spans (WMT21 TED, en-de and zh-en) and flag rate on clean segments.

Each row of ``../shared/data/mqm-ted/*.tsv`` marks one error with ``<v>...</v>`` in the target
(in the source for omissions). We audit every distinct (source, target) once and count a human
error as *found* when one of our flags has a span on the same side overlapping it. Prints recall
per MQM category and severity, the share of error segments we flag at all, and the flag rate on
segments that every rater marked ``No-error`` (false alarms). Usage: python bench/bench_mqm.py
"""
from __future__ import annotations

import csv
import os
import sys
from collections import defaultdict

from common import DATA

csv.field_size_limit(sys.maxsize)
FILES = {"en-de": ("mqm_ted_ende.tsv", "en", "de"), "zh-en": ("mqm_ted_zhen.tsv", "zh", "en")}


def strip_marks(text: str) -> tuple[str, tuple[int, int] | None]:
    start = text.find("<v>")
    end = text.find("</v>")
    if start < 0 or end < start:
        return text.replace("<v>", "").replace("</v>", ""), None
    clean = text[:start] + text[start + 3:end] + text[end + 4:]
    return clean, (start, end - 3)


def load(path: str):
    """{(src, tgt): {"errors": [(category, severity, side, (s, e))], "clean_votes": n, "rows": n}}"""
    segs: dict[tuple[str, str], dict] = {}
    with open(path, encoding="utf-8") as fh:
        reader = csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        next(reader)
        for row in reader:
            if len(row) < 9:
                continue
            src_raw, tgt_raw, category, severity = row[5], row[6], row[7], row[8]
            tgt, tspan = strip_marks(tgt_raw)
            src, sspan = strip_marks(src_raw)
            seg = segs.setdefault((src, tgt), {"errors": [], "clean": 0, "rows": 0})
            seg["rows"] += 1
            if category == "No-error":
                seg["clean"] += 1
                continue
            if tspan is not None and tspan[1] > tspan[0]:
                seg["errors"].append((category, severity, "target", tspan))
            elif sspan is not None and sspan[1] > sspan[0]:
                seg["errors"].append((category, severity, "source", sspan))
            else:
                seg["errors"].append((category, severity, None, None))
    return segs


def audited(fname: str, sl: str, tl: str):
    """(segments by (source, target), their sorted keys, the audit result in that order), or None
    when the file is not there (a line says so)."""
    from audit.core.config import Config
    from audit.core.model import Pair
    from audit.pipeline.engine import audit_pairs

    path = os.path.join(DATA, "mqm-ted", fname)
    if not os.path.exists(path):
        print(f"{path} not found")
        return None
    segs = load(path)
    keys = sorted(segs)
    pairs = [Pair(id=str(i), source=s, target=t, source_lang=sl, target_lang=tl, index=i)
             for i, (s, t) in enumerate(keys)]
    # The pairs are many systems' outputs for the same sources, not one translation: the
    # consistency checks (CON) would compare systems with each other, so they are left out.
    return segs, keys, audit_pairs(pairs, Config(ignore=("CON",)), source_lang=sl, target_lang=tl)


def main() -> None:
    for name, (fname, sl, tl) in FILES.items():
        got = audited(fname, sl, tl)
        if got is None:
            continue
        segs, keys, res = got
        found = defaultdict(lambda: [0, 0])
        err_segs = flagged_err_segs = clean_segs = flagged_clean = 0
        clean_major = 0
        by_code_clean = defaultdict(int)
        for (key, seg), r in zip(((k, segs[k]) for k in keys), res.segments):
            errors = seg["errors"]
            if errors:
                err_segs += 1
                flagged_err_segs += bool(r.flags)
                for category, severity, side, span in errors:
                    cell = found[(category, severity)]
                    cell[1] += 1
                    if side is None:
                        continue
                    for f in r.flags:
                        if any(sp.side == side and sp.start < span[1] and span[0] < sp.end for sp in f.spans):
                            cell[0] += 1
                            break
            elif seg["clean"]:
                clean_segs += 1
                if r.flags:
                    flagged_clean += 1
                    for code in {f.code for f in r.flags}:
                        by_code_clean[code] += 1
                clean_major += any(f.severity >= 2 for f in r.flags)
        print(f"\n== {name}: {len(keys)} distinct segments, {err_segs} with human errors, {clean_segs} judged clean")
        print(f"{'category':<45} {'severity':<8} {'found':>6} {'total':>6} {'recall':>7}")
        tot_f = tot_n = 0
        for (category, severity), (f, n) in sorted(found.items(), key=lambda kv: -kv[1][1]):
            tot_f += f
            tot_n += n
            print(f"{category:<45} {severity:<8} {f:>6} {n:>6} {100 * f / n:>6.1f}%")
        print(f"{'all errors (span overlap)':<54} {tot_f:>6} {tot_n:>6} {100 * tot_f / max(tot_n, 1):>6.1f}%")
        print(f"error segments with any flag: {flagged_err_segs}/{err_segs} ({100 * flagged_err_segs / max(err_segs, 1):.1f}%)")
        print(f"clean segments with any flag: {flagged_clean}/{clean_segs} ({100 * flagged_clean / max(clean_segs, 1):.1f}%), "
              f"with a major+ flag: {clean_major} ({100 * clean_major / max(clean_segs, 1):.1f}%)")
        if by_code_clean:
            print("  flags on clean segments by check: " + ", ".join(f"{c} {n}" for c, n in sorted(by_code_clean.items())))


if __name__ == "__main__":
    main()
