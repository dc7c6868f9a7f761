"""ICU MessageFormat benchmark (issue 12): MRK001-MRK004 on ICU messages built around real text.

Each NTREX line of the split (``perturb.split_of``: tune on ``--split dev``, report ``--split
test``) becomes one catalog message per language: the English line in
``{name}: {count, plural, one {# - EN} other {# - EN}}`` and the human translation in a plural
with the target language's CLDR categories (``perturb``'s languages; Japanese: ``other`` only,
Arabic: six). The clean pair's MRK flags are false alarms (the prose inside carries the real
apostrophes, quotes and punctuation of 18 languages). Each clean pair is then broken once per
kind and the kind is detected when a new major MRK flag appears:

- ``category``: a CLDR category the language needs dropped (languages with more than ``other``)
- ``rename``: ``{name}`` renamed ``{nom}``
- ``count``: the ``#`` of the ``other`` sub-message removed
- ``brace``: the last closing brace removed
- ``flatten``: the plural replaced with ``{count}`` and the ``other`` text
- ``type``: ``plural`` translated (``plurel``)

Measured (test split, 80 lines x 14 languages): 3/1120 clean messages flagged, all NTREX line 49
(kor, hin, tha), whose text ends in ``!'``: in ICU ``'}`` quotes the closing brace, so the built
message really is broken (a real formatter fails too); detection 0.963-0.998 per kind.

Usage: python bench/bench_icu.py [--split dev|test] [--limit N] [--langs rus,jpn,arb]
"""
from __future__ import annotations

import argparse
import os
import sys
from collections import Counter

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)
sys.path.insert(0, os.path.join(ROOT, "bench"))

from perturb import split_of

from audit.core.config import Config
from audit.core.model import Pair, Severity
from audit.lang.plurals import cldr_forms
from audit.pipeline.engine import audit_pairs

NTREX = os.path.join(os.path.dirname(ROOT), "shared", "data", "ntrex")
LANGS = {"spa": "es", "fra": "fr", "deu": "de", "rus": "ru", "ukr": "uk", "pol": "pl", "zho-CN": "zh",
         "jpn": "ja", "kor": "ko", "arb": "ar", "heb": "he", "hin": "hi", "tur": "tr", "tha": "th"}
KINDS = ("category", "rename", "count", "brace", "flatten", "type")


def source_message(en: str) -> str:
    return f"{{name}}: {{count, plural, one {{# - {en}}} other {{# - {en}}}}}"


def target_message(text: str, lang: str, drop: str | None = None, hash_other: bool = True) -> str:
    cats = [c for c, nums in cldr_forms(lang) if nums or c == "other"]
    forms = " ".join(f"{c} {{{'#' if c != 'other' or hash_other else ''} - {text}}}" for c in cats if c != drop)
    return f"{{name}}: {{count, plural, {forms}}}"


def perturb(kind: str, text: str, lang: str) -> str | None:
    clean = target_message(text, lang)
    if kind == "category":
        needed = [c for c, nums in cldr_forms(lang) if nums and c != "other"]
        return target_message(text, lang, drop=needed[-1]) if needed else None
    if kind == "rename":
        return clean.replace("{name}", "{nom}", 1)
    if kind == "count":
        return target_message(text, lang, hash_other=False)
    if kind == "brace":
        return clean[:-1]
    if kind == "flatten":
        return f"{{name}}: {{count}} - {text}"
    if kind == "type":
        return clean.replace(", plural,", ", plurel,", 1)
    raise ValueError(kind)


def _majors(flags) -> Counter:
    return Counter(f.code for f in flags if f.severity >= Severity.MAJOR)


def run(split: str, limit: int, langs: list[str]) -> None:
    with open(os.path.join(NTREX, "eng.txt"), encoding="utf-8") as fh:
        src = [line.rstrip("\n") for line in fh]
    lines = [i for i in range(1, len(src) + 1) if split_of(i) == split][:limit]
    cfg = Config(select=("MRK",))
    total_clean = clean_major = clean_any = 0
    detected: Counter = Counter()
    applied: Counter = Counter()
    for name in langs:
        lang = LANGS[name]
        with open(os.path.join(NTREX, f"{name}.txt"), encoding="utf-8") as fh:
            tgt = [line.rstrip("\n") for line in fh]
        clean = [Pair(f"{name}:{i}", source_message(src[i - 1]), target_message(tgt[i - 1], lang),
                      source_lang="en", target_lang=lang, index=k) for k, i in enumerate(lines)]
        res = audit_pairs(clean, cfg, jobs=1)
        base = {}
        lang_fa = 0
        for seg in res.segments:
            total_clean += 1
            base[seg.pair.id] = _majors(seg.flags)
            clean_any += bool(seg.flags)
            if base[seg.pair.id]:
                clean_major += 1
                lang_fa += 1
                print(f"  false alarm {seg.pair.id}: {[f.message for f in seg.flags][:2]}")
        print(f"{name}: {lang_fa}/{len(clean)} clean messages with a major MRK flag")
        for kind in KINDS:
            broken = []
            for k, i in enumerate(lines):
                t = perturb(kind, tgt[i - 1], lang)
                if t is not None:
                    broken.append(Pair(f"{name}:{i}", source_message(src[i - 1]), t, source_lang="en",
                                       target_lang=lang, index=k))
            for seg in audit_pairs(broken, cfg, jobs=1).segments:
                applied[kind] += 1
                new = _majors(seg.flags) - base[seg.pair.id]
                detected[kind] += bool(new)
    print(f"\nsplit {split}, {len(lines)} lines x {len(langs)} languages")
    print(f"clean: {clean_major}/{total_clean} with a major MRK flag, {clean_any}/{total_clean} with any")
    for kind in KINDS:
        if applied[kind]:
            print(f"{kind:9} detected at major+: {detected[kind]}/{applied[kind]} = {detected[kind] / applied[kind]:.3f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--split", choices=("dev", "test"), default="dev")
    ap.add_argument("--limit", type=int, default=200)
    ap.add_argument("--langs", default=",".join(LANGS))
    a = ap.parse_args()
    run(a.split, a.limit, a.langs.split(","))


if __name__ == "__main__":
    main()
