"""Language identification on NTREX lines: accuracy and speed of each engine, and of LNG001.

    python bench/bench_langid.py [--lines 200] [--data ../shared/data/ntrex]

For every language file (English and its 18 translations) it takes the first N lines as full
sentences and as short lines (the first 20 characters, cut back to a word boundary where the
script has spaces), and reports for each engine the share identified correctly (compatible
close languages count as correct, as LNG001 treats them) and the mean time per call:

- py3langid over all its languages, and restricted to the 19 NTREX languages;
- langdetect (seeded: DetectorFactory.seed = 0);
- the LNG001 pipeline, as a detector of wrong languages: its false-alarm rate on every line
  declared in its true language, its detection rate on every line declared as the next language
  in the list (a wrong declaration), and how often each stage (script, function words and
  letters, py3langid, langdetect) is reached.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from collections import Counter

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from audit.lang import langid  # noqa: E402
from audit.checks.families import language as lng  # noqa: E402
from audit.checks.context import Context  # noqa: E402
from audit.core.model import Pair  # noqa: E402

FILES = {"eng": "en", "spa": "es", "fra": "fr", "deu": "de", "ita": "it", "por": "pt", "rus": "ru",
         "zho-CN": "zh", "jpn": "ja", "kor": "ko", "arb": "ar", "hin": "hi", "tur": "tr", "pol": "pl",
         "heb": "he", "tha": "th", "fas": "fa", "ukr": "uk", "vie": "vi"}
SPACELESS = {"zh", "ja", "th"}


def short(text: str, lang: str, n: int = 20) -> str:
    if len(text) <= n or lang in SPACELESS:
        return text[:n]
    cut = text.rfind(" ", 0, n + 1)
    return text[:cut] if cut > 0 else text[:n]


def timed(fn, items):
    t0 = time.perf_counter()
    out = [fn(x) for x in items]
    return out, (time.perf_counter() - t0) / max(1, len(items)) * 1e6


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lines", type=int, default=200)
    ap.add_argument("--data", default=os.path.join(os.path.dirname(ROOT), "shared", "data", "ntrex"))
    args = ap.parse_args()
    data = {}
    for f, lang in FILES.items():
        with open(os.path.join(args.data, f + ".txt"), encoding="utf-8") as fh:
            data[lang] = [ln.rstrip("\n") for ln in fh][: args.lines]
    langs = list(data)
    restricted = frozenset(langs)
    # warm up (model loading is a one-time cost, reported separately)
    t0 = time.perf_counter()
    langid.rank("warm up")
    t_py = time.perf_counter() - t0
    t0 = time.perf_counter()
    langid.langdetect_rank("warm up text")
    t_ld = time.perf_counter() - t0
    print(f"load: py3langid {t_py:.2f} s, langdetect {t_ld:.2f} s; {args.lines} lines per language\n")

    engines = {
        "py3langid (all)": lambda t: (langid.rank(t, top=1) or [(None, 0)])[0][0],
        "py3langid (19 langs)": lambda t: (langid.rank(t, langs=restricted, top=1) or [(None, 0)])[0][0],
        "langdetect": lambda t: (langid.langdetect_rank(t) or [(None, 0)])[0][0],
    }
    print(f"{'engine':22} {'full acc':>9} {'µs/call':>8} {'short acc':>10} {'µs/call':>8}")
    for name, fn in engines.items():
        res = {}
        for kind in ("full", "short"):
            ok = n = 0
            total_us = 0.0
            for lang in langs:
                texts = data[lang] if kind == "full" else [short(t, lang) for t in data[lang]]
                guesses, us = timed(fn, texts)
                total_us += us * len(texts)
                n += len(texts)
                ok += sum(1 for g in guesses if langid.compatible(g, lang) and g is not None)
            res[kind] = (100 * ok / n, total_us / n)
        print(f"{name:22} {res['full'][0]:8.1f}% {res['full'][1]:8.0f} {res['short'][0]:9.1f}% {res['short'][1]:8.0f}")

    # LNG001 as a wrong-language detector, counting how far each line gets
    calls: Counter[str] = Counter()
    real_dist, real_ld = langid.distribution, langid.langdetect_rank

    def dist(*a, **k):
        calls["py3langid"] += 1
        return real_dist(*a, **k)

    def ld(*a, **k):
        calls["langdetect"] += 1
        return real_ld(*a, **k)

    langid.distribution, langid.langdetect_rank = dist, ld
    try:
        print(f"\n{'LNG001':22} {'lines':>6} {'flagged':>8} {'µs/pair':>8} {'py3langid':>10} {'langdetect':>11}")
        for kind in ("full", "short"):
            for label, shift in (("declared right", 0), ("declared wrong", 1)):
                calls.clear()
                flagged = n = 0
                t0 = time.perf_counter()
                for i, lang in enumerate(langs):
                    decl = langs[(i + shift) % len(langs)]
                    src = data["en"] if lang != "en" else data["es"]
                    for s, t in zip(src, data[lang]):
                        t = t if kind == "full" else short(t, lang)
                        p = Pair(id="b", source=s, target=t, source_lang="en" if lang != "en" else "es",
                                 target_lang=decl)
                        flagged += bool(lng.wrong_language(p, Context(p)))
                        n += 1
                us = (time.perf_counter() - t0) / n * 1e6
                print(f"{kind + ', ' + label:22} {n:6} {100 * flagged / n:7.2f}% {us:8.0f} "
                      f"{100 * calls['py3langid'] / n:9.1f}% {100 * calls['langdetect'] / n:10.1f}%")
    finally:
        langid.distribution, langid.langdetect_rank = real_dist, real_ld


if __name__ == "__main__":
    main()
