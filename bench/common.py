"""Shared helpers for the benchmarks: locating ../shared/data and building pair lists from it."""
from __future__ import annotations

import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)
DATA = os.environ.get("TRANSAUDIT_SHARED_DATA", os.path.join(os.path.dirname(ROOT), "shared", "data"))
NTREX = os.path.join(DATA, "ntrex")

# NTREX file name -> language code
NTREX_LANGS = {
    "spa": "es", "fra": "fr", "deu": "de", "ita": "it", "por": "pt", "rus": "ru", "zho-CN": "zh", "jpn": "ja",
    "kor": "ko", "arb": "ar", "hin": "hi", "tur": "tr", "pol": "pl", "heb": "he", "tha": "th", "fas": "fa",
    "ukr": "uk", "vie": "vi",
}


def read_lines(path: str) -> list[str]:
    with open(path, encoding="utf-8") as fh:
        return [line.rstrip("\n") for line in fh]


def ntrex_pairs(name: str, limit: int | None = None):
    """Pairs English -> NTREX language ``name`` (line-aligned human translations)."""
    from audit.core.model import Origin, Pair

    src = read_lines(os.path.join(NTREX, "eng.txt"))
    tgt = read_lines(os.path.join(NTREX, f"{name}.txt"))
    lang = NTREX_LANGS[name]
    out = []
    for i, (s, t) in enumerate(zip(src, tgt)):
        if limit is not None and i >= limit:
            break
        origin = Origin(f"ntrex/{name}", None, i + 1, None)
        out.append(Pair(id=str(i + 1), source=s, target=t, source_lang="en", target_lang=lang,
                        source_origin=origin, target_origin=origin, index=i))
    return out


def have_data() -> bool:
    return os.path.isdir(NTREX)
