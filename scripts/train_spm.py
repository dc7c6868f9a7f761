"""Train transaudit's multilingual sentencepiece model, reproducibly and offline.

    python scripts/train_spm.py                     # writes audit/lang/data/spm/transaudit-spm16k.model
    python scripts/train_spm.py --out /tmp/x.model  # e.g. to check that a rebuild is identical

What it is: a 16,000-piece **unigram** sentencepiece model (``transaudit-spm16k``) used for
subword token counts (``audit.subword.token_count``: length ratios that work across scripts) and
for spBLEU (``--metrics spbleu``, signature ``tok:transaudit-spm16k``). It is **not** the FLORES-200
model of published spBLEU numbers (sacrebleu downloads that one at run time, which transaudit never
does), so our spBLEU is comparable only with itself.

What it was trained on: pseudo-sentences sampled from the **wordfreq 3.1 word-frequency lists**
shipped inside the installed ``wordfreq`` package (no download, no evaluation data), in the 42
languages wordfreq covers: ar bg bn ca cs da de el en es fa fi fil fr he hi hu id is it ja ko lt lv
mk ms nb nl pl pt ro ru sh sk sl sv ta tr uk ur vi zh. For each language, SENTENCES pseudo-sentences
of 6-24 words are drawn from its TOP_WORDS most frequent words with probability proportional to
frequency (the unigram distribution of running text, which is what a unigram model learns from), joined with spaces (without
spaces for zh and ja, which wordfreq segments into words), the first word capitalised in cased
scripts, with occasional numbers and punctuation. Every language gets the same number of sentences.
Scripts wordfreq lacks (Thai, Lao, Khmer, Myanmar, Georgian, Armenian, Ethiopic, Gujarati, Gurmukhi,
Telugu, Kannada, Malayalam, Sinhala, Oriya, Tibetan), and the European letters that the rare
character cut-off would otherwise drop (Latin-1/Extended-A, Greek, Cyrillic), are required
characters, so such text counts about one token per character instead of byte pieces.
Byte fallback is on: no text is ever "unknown".

Reproducible: fixed seed, sorted inputs, one training thread, no input shuffling; the same wordfreq
and sentencepiece versions give the same model (the script prints its SHA-256).

Attribution: the wordfreq data is © Robyn Speer and contributors, derived from Wikipedia, subtitles
(OpenSubtitles, SUBTLEX), Google Books Ngrams, ParaCrawl, the Leeds Internet Corpus, Twitter and
others, and redistributed under CC BY-SA 4.0 (https://creativecommons.org/licenses/by-sa/4.0/);
the model, derived from those lists, carries the same licence: see audit/lang/data/spm/README.md.
"""
from __future__ import annotations

import hashlib
import io
import os
import random
import sys
import tempfile

import sentencepiece as spm
import wordfreq

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT_DIR = os.path.join(ROOT, "audit", "lang", "data", "spm")
NAME = "transaudit-spm16k"
VOCAB = 16000
SEED = 20241124
SENTENCES = 8000
TOP_WORDS = 50000
SPACELESS = {"zh", "ja"}
CASED_SCRIPTS_LANGS = {
    "bg", "ca", "cs", "da", "de", "el", "en", "es", "fi", "fil", "fr", "hu", "id", "is", "it", "lt", "lv",
    "mk", "ms", "nb", "nl", "pl", "pt", "ro", "ru", "sh", "sk", "sl", "sv", "tr", "uk", "vi",
}
PUNCT = {"default": [",", ",", ".", ";", ":", "?", "!", "(", ")", "\"", "-", "%"],
         "zh": ["，", "。", "、", "？", "！", "（", "）", "“", "”", "：", "；"],
         "ja": ["、", "。", "「", "」", "？", "！", "（", "）", "・"],
         "ar": ["،", ".", "؟", "!", ":", "(", ")"], "fa": ["،", ".", "؟", "!", ":", "(", ")"],
         "ur": ["،", "۔", "؟", "!"], "hi": [",", "।", "?", "!", ":"], "bn": [",", "।", "?", "!"]}
# Unicode blocks of scripts wordfreq has no list for: their letters become required characters.
EXTRA_BLOCKS = [
    (0x00C0, 0x017F),  # Latin-1 letters and Latin Extended-A (ß, ø, ł, ő...: never byte pieces)
    (0x0386, 0x03CE),  # Greek
    (0x0400, 0x045F),  # Cyrillic
    (0x0E01, 0x0E5B),  # Thai
    (0x0E81, 0x0EDF),  # Lao
    (0x1780, 0x17F9),  # Khmer
    (0x1000, 0x109F),  # Myanmar
    (0x10A0, 0x10FF),  # Georgian
    (0x0531, 0x058A),  # Armenian
    (0x1200, 0x137C),  # Ethiopic
    (0x0A81, 0x0AFF),  # Gujarati
    (0x0A01, 0x0A76),  # Gurmukhi
    (0x0C00, 0x0C7F),  # Telugu
    (0x0C80, 0x0CF3),  # Kannada
    (0x0D00, 0x0D7F),  # Malayalam
    (0x0D81, 0x0DF4),  # Sinhala
    (0x0B01, 0x0B77),  # Oriya
    (0x0F00, 0x0FDA),  # Tibetan
]


def language_sentences(lang: str, rng: random.Random) -> list[str]:
    freqs = wordfreq.get_frequency_dict(lang, wordlist="best")  # the list itself: no tokenizer needed
    ranked = sorted(freqs.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_WORDS]
    words = [w for w, f in ranked if f > 0]
    weights = [f for w, f in ranked if f > 0]
    punct = PUNCT.get(lang, PUNCT["default"])
    out = []
    cum = list(_accumulate(weights))
    for _ in range(SENTENCES):
        n = rng.randint(6, 24)
        toks = rng.choices(words, cum_weights=cum, k=n)
        if lang in CASED_SCRIPTS_LANGS:
            toks[0] = toks[0][:1].upper() + toks[0][1:]
            for i in range(1, n):
                if rng.random() < 0.08:  # names and nouns with capitals mid-sentence
                    toks[i] = toks[i][:1].upper() + toks[i][1:]
        for i in range(n):
            r = rng.random()
            if r < 0.04:
                toks[i] = str(rng.choice([rng.randint(0, 99), rng.randint(100, 9999), rng.randint(1900, 2030)]))
            elif r < 0.12:
                toks[i] = toks[i] + rng.choice(punct)
        sep = "" if lang in SPACELESS else " "
        end = punct[1] if lang in ("zh", "ja") else {"hi": "।", "bn": "।", "ur": "۔"}.get(lang, ".")
        out.append(sep.join(toks) + end)
    return out


def _accumulate(xs):
    total = 0.0
    for x in xs:
        total += x
        yield total


def build_corpus() -> tuple[str, list[str]]:
    rng = random.Random(SEED)
    langs = sorted(wordfreq.available_languages("small"))
    lines: list[str] = []
    for lang in langs:
        lines.extend(language_sentences(lang, rng))
    return "\n".join(lines) + "\n", langs


def required_chars() -> str:
    chars = []
    for lo, hi in EXTRA_BLOCKS:
        for cp in range(lo, hi + 1):
            ch = chr(cp)
            if ch.isprintable() and not ch.isspace():
                chars.append(ch)
    return "".join(chars)


def _train(model: io.BytesIO) -> None:
    spm.SentencePieceTrainer.train(
        input="corpus.txt", model_writer=model, model_type="unigram", vocab_size=VOCAB,
        character_coverage=0.9995, byte_fallback=True, required_chars=required_chars(),
        num_threads=1, shuffle_input_sentence=False, input_sentence_size=0, seed_sentencepiece_size=400000,
        split_digits=True, normalization_rule_name="identity", max_sentence_length=4096,
        minloglevel=2,
    )


def main(argv: list[str] | None = None) -> int:
    import argparse

    ap = argparse.ArgumentParser(description="Train transaudit's sentencepiece model (offline, reproducible).")
    ap.add_argument("--out", default=os.path.join(OUT_DIR, NAME + ".model"),
                    help="where to write the model (default: the shipped model's path)")
    args = ap.parse_args(argv)
    corpus, langs = build_corpus()
    with tempfile.TemporaryDirectory() as tmp:
        with open(os.path.join(tmp, "corpus.txt"), "w", encoding="utf-8") as fh:
            fh.write(corpus)
        model = io.BytesIO()
        cwd = os.getcwd()
        os.chdir(tmp)  # the model records its input path: a relative one keeps the bytes reproducible
        try:
            _train(model)
        finally:
            os.chdir(cwd)
    data = model.getvalue()
    out = args.out
    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    with open(out + ".tmp", "wb") as fh:
        fh.write(data)
    os.replace(out + ".tmp", out)
    digest = hashlib.sha256(data).hexdigest()
    print(f"{out}: {len(data)} bytes, sha256 {digest}, {len(langs)} languages, "
          f"{corpus.count(chr(10))} sentences, {len(corpus)} characters", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
