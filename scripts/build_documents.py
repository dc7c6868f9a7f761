"""Build the unaligned document pair corpora/es-en/news.es.txt / news.en.txt from news.jsonl.

The article's segments are joined into paragraphs (a blank line between paragraphs), as a
newspaper and its translation would be delivered: two documents, no alignment. Empty targets
are left out of the translation (the sentence is simply missing there). Deterministic.
"""
import json
import os

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PARAGRAPHS = [["h1"], ["h2"], ["p1", "p2", "p3"], ["p4", "p5", "p6", "p7", "p8"], ["p9", "p10", "p11"],
              ["p12", "p13", "p14"], ["p15", "p16", "p17", "p18"], ["p19", "p20", "p21"]]


def main() -> None:
    folder = os.path.join(ROOT, "corpora", "es-en")
    rows = {}
    with open(os.path.join(folder, "news.jsonl"), encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            rows[d["id"]] = d
    for side, name in (("source", "news.es.txt"), ("target", "news.en.txt")):
        paras = []
        for ids in PARAGRAPHS:
            texts = [rows[i][side] for i in ids if rows[i][side]]
            if texts:
                paras.append(" ".join(texts))
        tmp = os.path.join(folder, name + ".tmp")
        with open(tmp, "w", encoding="utf-8", newline="\n") as fh:
            fh.write("\n\n".join(paras) + "\n")
        os.replace(tmp, os.path.join(folder, name))


if __name__ == "__main__":
    main()
