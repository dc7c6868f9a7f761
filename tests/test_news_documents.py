"""Issue 4's acceptance: the bundled Spanish article and its English translation, given as two
plain documents, are segmented and aligned automatically, the seeded defects are found, and every
flagged span sits at the right place in the original files (origin.offset + start)."""
import json
import os

from audit.cli import main

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(ROOT, "corpora", "es-en", "news.es.txt")
TGT = os.path.join(ROOT, "corpora", "es-en", "news.en.txt")


def _read(path):
    with open(path, encoding="utf-8") as fh:
        return fh.read()


def test_two_documents_are_aligned_and_flags_map_back_into_the_files(tmp_path):
    out = tmp_path / "r.json"
    assert main(["check", SRC, TGT, "-s", "es", "-t", "en", "-F", "json", "-o", str(out)]) == 0
    d = json.loads(out.read_text(encoding="utf-8"))
    docs = {"source": _read(SRC), "target": _read(TGT)}
    segs = d["segments"]
    assert all(s["align"] is not None for s in segs)  # aligned, not read line by line
    assert any(s["align"]["bead"] != "1-1" for s in segs)
    found = {}
    for s in segs:
        for f in s["flags"]:
            for sp in [f] + f["related"]:
                origin = s["origin"][sp["side"]]
                assert origin is not None and origin["offset"] is not None
                start = origin["offset"] + sp["start"]
                assert docs[sp["side"]][start:start + len(sp["text"])] == sp["text"]
                assert s[sp["side"]][sp["start"]:sp["end"]] == sp["text"]
            found.setdefault(f["code"][:3], []).append(f["text"])
    assert "LimaThe" in found["GLU"]
    assert "57 minutes" in found["UNI"]
    assert any("trapped" in t for t in found["SEN"])
    assert any(t == "From" for t in found.get("SEN", []) + found.get("CAS", []))
    assert "ELN" in found["ENT"]
    assert any("540" in t for t in found["NUM"])
    assert any("Andean Copper Corridor" in t for t in found["REP"])
    # the sentence missing from the translation is an omission on the source
    assert any("El rescate duró tres días" in t for t in found["ALN"])
    # the numbers that must not be flagged
    for t in sum(found.values(), []):
        assert "21.7" not in t and "900-kilometer" not in t and "3.4 million" not in t
