"""The bundled corpora: every seeded defect is flagged where it is, and nothing else is.

Each ``corpora/<src>-<tgt>/*.jsonl`` line may carry ``expect``: a list of
``{"code": "NUM|UNI", "side": "target"|"source", "text": "..."}``; the segment must carry a flag
whose code starts with one of the alternatives and, when ``text`` is given, whose span on that
side overlaps the first occurrence of ``text``. A segment without ``expect`` is clean: it must
carry no flag at all. Every flag's text must be ``segment[side][start:end]``.
"""
import glob
import json
import os

import pytest

from audit.pipeline.engine import audit_pairs
from audit.core.model import Pair
from audit.outputs.serialize import segment_dict

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPORA = sorted(glob.glob(os.path.join(ROOT, "corpora", "*", "*.jsonl")))


def load(path):
    pair_name = os.path.basename(os.path.dirname(path))
    sl, tl = pair_name.split("-")
    rows, pairs = [], []
    with open(path, encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            d = json.loads(line)
            rows.append(d)
            pairs.append(Pair(id=d["id"], source=d["source"], target=d["target"], source_lang=sl,
                              target_lang=tl, index=i))
    return sl, tl, rows, pairs


def test_corpora_exist_in_enough_pairs():
    pairs = {os.path.basename(os.path.dirname(p)) for p in CORPORA}
    assert len(pairs) >= 6
    assert {"en-zh", "en-ar", "en-ru", "es-en"} <= pairs


@pytest.mark.parametrize("path", CORPORA, ids=lambda p: os.path.relpath(p, ROOT))
def test_corpus_flags(path):
    sl, tl, rows, pairs = load(path)
    result = audit_pairs(pairs, source_lang=sl, target_lang=tl, jobs=1)
    problems = []
    for row, seg in zip(rows, result.segments):
        d = segment_dict(seg)
        for f in d["flags"]:
            for sp in [f] + f["related"]:
                if sp["side"] is not None:
                    assert sp["text"] == d[sp["side"]][sp["start"]:sp["end"]]
        expect = row.get("expect")
        if not expect:
            if seg.flags:
                problems.append(f"{row['id']}: clean segment flagged: " +
                                "; ".join(f"{f.code} {f.message}" for f in seg.flags))
            continue
        for exp in expect:
            alts = exp["code"].split("|")
            side = exp.get("side", "target")
            text = exp.get("text")
            ok = False
            for f in seg.flags:
                if not any(f.code.startswith(a) for a in alts):
                    continue
                if not text:
                    ok = True
                    break
                full = seg.pair.text(side)
                at = full.find(text)
                assert at >= 0, f"{row['id']}: expected text {text!r} not in {side}"
                if any(sp.side == side and sp.start < at + len(text) and at < sp.end or
                       (sp.side == side and sp.start == sp.end == at) for sp in f.spans):
                    ok = True
                    break
            if not ok:
                problems.append(f"{row['id']}: expected {exp} not flagged; got " +
                                "; ".join(f"{f.code}@{[(s.side, s.start, s.end) for s in f.spans]}" for f in seg.flags))
    assert not problems, "\n".join(problems)
