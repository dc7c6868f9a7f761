"""ENT-only view of the name perturbations (issue 11): bench_perturb.py's name-replaced and name-removed
variants of NTREX, audited with ENT001-ENT005 only (fast), detection at major+ net of the clean pair,
clean pairs with an ENT major flag, and a table of ENT004/ENT005 evidence classes (data["evidence"]):
clean / replaced / removed counts per class, the measurement behind entity_names.py's severities.

usage: python bench/bench_names_ent.py SPLIT LIMIT [LANGS] [DIRECTIONS]   (e.g. dev 0 "" en-xx,xx-en)
DUMP=path.json writes examples (missed perturbations, clean major flags).
"""
import collections
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench_perturb as B
import perturb as P

from audit import Config, audit_pairs

split = sys.argv[1]; limit = int(sys.argv[2]); langs = sys.argv[3].split(",") if len(sys.argv) > 3 and sys.argv[3] else list(B.CODE_OF)
dirs = sys.argv[4].split(",") if len(sys.argv) > 4 else ["en-xx", "xx-en"]
dump = os.environ.get("DUMP")
cfg = Config(select=("ENT001", "ENT002", "ENT003", "ENT004", "ENT005"))
tot = collections.Counter(); ev = collections.Counter(); rows = []; exs = []
for lang in langs:
    if lang == "en": continue
    for d in dirs:
        corpus, nos = B.load_unit(lang, d, split, limit)
        key = f"{d}:{lang}"
        clean = [B.make_pair(str(n), corpus, n, corpus.targets[n-1], j) for j, n in enumerate(nos)]
        var = {}
        for kind in ("name-replaced", "name-removed"):
            call = []
            for j, n in enumerate(nos):
                got = P.perturb(kind, P.Line(n, corpus.sources[n-1], corpus.targets[n-1], corpus), key)
                if got:
                    call.append(B.make_pair(f"{n}:{kind}", corpus, n, got[0], j)); var[f"{n}:{kind}"] = got[1]
            var[kind] = call
        res = {}
        for call in (clean, var["name-replaced"], var["name-removed"]):
            for seg in audit_pairs(call, cfg, source_lang=corpus.src_lang, target_lang=corpus.lang, jobs=1).segments:
                res[seg.pair.id] = (seg.pair, seg.flags)
        cm = 0
        for n in nos:
            fl = res[str(n)][1]
            for f in fl:
                if f.code in ("ENT004", "ENT005"): ev[("clean", f.code, f.severity.label, (f.data or {}).get("evidence"))] += 1
            maj = [f for f in fl if f.severity >= 2]
            one = [f for f in fl if str((f.data or {}).get("evidence", "")).startswith("one")]
            if dump and one and not maj:
                exs.append({"u": key, "kind": "clean-one", "src": corpus.sources[n-1], "tgt": corpus.targets[n-1], "flags": [(f.message, f.data["evidence"]) for f in one]})
            if maj:
                cm += 1
                if dump: exs.append({"u": key, "kind": "clean", "src": corpus.sources[n-1], "tgt": corpus.targets[n-1], "flags": [(f.code, f.message, (f.data or {}).get("evidence")) for f in maj]})
        row = [key, len(nos), cm]
        for kind in ("name-replaced", "name-removed"):
            k = d_ = 0
            for p in var[kind]:
                n = int(p.id.split(":")[0])
                new = B.new_flags(res[p.id][1], res[str(n)][1])
                maj = [f for f in new if f.severity >= 2]
                k += 1; d_ += bool(maj)
                for f in new: ev[(kind, f.code, f.severity.label, (f.data or {}).get("evidence"))] += 1
                if dump and (not maj or os.environ.get("ALL")): exs.append({"u": key, "kind": kind, "note": var[p.id], "src": p.source, "tgt": p.target, "new": [(f.code, f.severity.label, (f.data or {}).get("evidence")) for f in new]})
            row += [k, d_]
            tot[kind + "n"] += k; tot[kind + "d"] += d_
        tot["clean"] += len(nos); tot["cm"] += cm
        rows.append(row)
        print(f"{key:8} n={row[1]:4} cleanM={cm:3} rep {row[4]:4}/{row[3]:4} ={row[4]/max(1,row[3]):.2f} rem {row[6]:4}/{row[5]:4} ={row[6]/max(1,row[5]):.2f}", flush=True)
print(f"TOTAL clean {tot['cm']}/{tot['clean']} rep {tot['name-replacedd']/max(1,tot['name-replacedn']):.3f} rem {tot['name-removedd']/max(1,tot['name-removedn']):.3f}")
if dump:
    with open(dump, "w", encoding="utf-8") as fh:
        json.dump({"ev": [[list(k), v] for k, v in ev.most_common()], "ex": exs}, fh, ensure_ascii=False, indent=0)

tags = collections.defaultdict(lambda: [0, 0, 0])
for k, v in ev.items():
    if k[1] in ("ENT004", "ENT005"):
        i = {"clean": 0, "name-replaced": 1, "name-removed": 2}[k[0]]
        tags[(k[1], k[3])][i] += v
print("tag clean rep rem")
for t, v in sorted(tags.items(), key=lambda x: (x[0][0], str(x[0][1]))):
    print(t[0], t[1], *v)
