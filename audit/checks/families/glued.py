"""GLU: two words fused into one token (``LondonThe``, ``government.The``, ``Quetta,where``)."""
from __future__ import annotations

import regex

from audit.checks.registry import Option, check
from audit.core import lazyre
from audit.core.model import hit
from audit.lang.lexicon import knows, zipf
from audit.lang.profiles import abbreviations_everywhere

# patterns the calls below used to look up in regex's cache on every call
_MARK_RE = lazyre.compile(r"\p{M}")

# Cheap gate on the whole target: a lower->upper case change, or a punctuation mark between letters.
_GATE_CAMEL = lazyre.compile(r"(?<=\p{Ll})\p{Lu}")
_GATE_PUNCT = lazyre.compile(r"[.,;:!?]\p{L}")


def _gate(text: str) -> bool:
    return _GATE_CAMEL.search(text) is not None or _GATE_PUNCT.search(text) is not None
# A token: a run of non-space characters, cut at characters of scripts written without spaces
# (a Latin run inside Chinese or Japanese text is a token of its own).
_TOKEN = lazyre.compile(r"[^\s\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}"
                       r"\u3000-\u303f\uff00-\uffef]+")
_LEAD = lazyre.compile(r"^[^\p{L}\p{N}]+")
_TRAIL = lazyre.compile(r"[^\p{L}\p{N}\p{M}]+$")
# Characters that make a token an identifier, a path, a URL or markup rather than prose.
_TECH = lazyre.compile(r"[/\\@_=#&+~<>{}\[\]|*$%^`]|://|www\.|\d[.,:]\d")

# Left parts that start names written with an inner capital (McDonald, DiCaprio, LaGuardia...).
_NAME_PREFIXES = frozenset("""
mc mac de di da la le lo du des del della van von ver o d l al el st san fitz ben ibn bin abu
""".split())
# File extensions and top-level domains: ``config.json``, ``weather.com``, ``Amazon.de``.
_EXTENSIONS = frozenset("""
com net org edu gov mil int info biz io co ai app dev me tv uk us eu de fr es it pt ru cn jp kr in
br mx ar au ca ch at be nl se no dk fi pl cz tr gr il ua vn th id my sg nz za ie ro hu sk bg hr rs
html htm php asp aspx jsp json js ts py rb go rs java c h cpp cs txt md csv tsv xml yaml yml toml
ini cfg conf log pdf doc docx xls xlsx ppt pptx odt rtf zip gz tar rar exe dll so sh bat png jpg
jpeg gif svg webp bmp tif tiff mp3 mp4 wav avi mov mkv ogg flac srt po pot xliff xlf tmx sql db
""".split())
# Abbreviations that may stand before a full stop with no space after (``etc.and`` is rare,
# ``approx.the`` too, but an abbreviation is never half of a glued pair we can be sure of).
_ABBREV = abbreviations_everywhere("glued")  # the profiles' ``glued`` lists

_SENTENCE_PUNCT = frozenset(".!?")


def _langs_for(part: str, lang: str | None) -> tuple[str, ...]:
    """Languages whose word lists judge ``part``: the target's, plus English for Latin runs."""
    langs = []
    if lang and knows(lang):
        langs.append(lang)
    if lang != "en" and part.isascii():
        langs.append("en")
    return tuple(langs)


def _z(part: str, langs: tuple[str, ...]) -> float:
    return max((zipf(part, lg) for lg in langs), default=0.0)


def _titlecase(word: str) -> bool:
    return len(word) >= 2 and word[0].isupper() and word[1:].islower()


def _letter_run_before(tok: str, i: int) -> str:
    j = i
    while j > 0 and (tok[j - 1].isalpha() or _is_mark(tok[j - 1])):
        j -= 1
    return tok[j:i]


def _letter_run_after(tok: str, i: int) -> str:
    j = i
    while j < len(tok) and (tok[j].isalpha() or _is_mark(tok[j])):
        j += 1
    return tok[i:j]


def _is_mark(ch: str) -> bool:
    return _MARK_RE.match(ch) is not None


def _domain_like(tok: str) -> bool:
    """``GreenNews.com``, ``ShopMax.co.uk``: a name ending in a top-level domain or extension."""
    dot = tok.rfind(".")
    return dot > 0 and tok[dot + 1:].lower() in _EXTENSIONS and tok[dot - 1].isalnum()


def _camel_glue(tok: str, lang: str | None, min_right: float = 5.5, source_cf: str = "") -> bool:
    """``LondonThe``: a word, then a capitalised very common word (a sentence start: ``The``,
    ``He``, ``Les``), fused; not a brand made of two content words (``ShopMax``, ``GreenNews``)
    unless the source writes the two words apart (``Johnny English``)."""
    bounds = [i for i in range(1, len(tok)) if tok[i].isupper() and tok[i - 1].islower()]
    if len(bounds) != 1:
        return False  # none, or several humps: an identifier (getElementById) or a brand
    i = bounds[0]
    left, right = _letter_run_before(tok, i), _letter_run_after(tok, i)
    if len(left) < 3 or not _titlecase(right):
        return False
    if any(ch.isdigit() for ch in tok):
        return False  # a product or model name (``GalaxyS23``)
    if left.lower() in _NAME_PREFIXES or (left[0].isupper() and len(left) <= 3):
        return False  # McDonald, DiCaprio, MacBook
    whole = left + right
    langs = _langs_for(whole, lang)
    if not langs:
        return False
    if max(zipf(whole, lg) for lg in set(langs) | {"en"}) >= 1.0:
        return False  # a known word or brand: YouTube, JavaScript, PowerPoint, WhatsApp
    apart = f"{left} {right}".casefold() in source_cf
    if _z(right, langs) < (3.0 if apart else min_right):
        return False  # not a word that starts sentences: a name or brand part (ExxonMobil, ShopMax)
    if _z(left, langs) < 2.0 and not (left[0].isupper() and len(left) >= 4):
        return False
    return True


def _punct_glue(tok: str, i: int, lang: str | None) -> bool:
    """``government.The`` / ``Quetta,where``: two words joined by a mark with no space."""
    p = tok[i]
    left, right = _letter_run_before(tok, i), _letter_run_after(tok, i + 1)
    if len(left) < 2 or not right:
        return False
    if i - len(left) > 0 and tok[i - len(left) - 1] in ".,;:!?":
        return False  # a.b.c: an abbreviation or identifier chain
    after = i + 1 + len(right)
    if after < len(tok) and tok[after] in ".,;:!?" and after + 1 < len(tok) and tok[after + 1].isalpha():
        return False  # chain: ``U.S.A``, ``www.example.com`` (without www), ``a.b.c``
    if right.isupper() and len(right) >= 2:
        return False  # ``ASP.NET``, ``EE.UU``
    if left.isupper() and len(left) <= 4 and not p == ",":
        return False  # ``EE.UU``-style abbreviations
    if p == "." and right.lower() in _EXTENSIONS:
        return False  # a file name or a domain
    if p == "." and left.lower() in _ABBREV:
        return False
    if p == "." and left[0].isupper() and len(left) <= 3 and right[0].isupper():
        return False  # an abbreviated first name or title: ``Ch.Evans``, ``Wm.Smith``, ``Dr.Who``
    if p == "." and right.islower() and len(right) <= 3 and len(left) <= 5:
        return False  # abbreviation with a suffix: ``Dott.ssa``, ``Sig.ra``, ``Prof.ssa``
    if len(left) < 3 and len(right) < 3 and not left.isascii():
        return False  # dotted abbreviations in caseless scripts (Hebrew ``די.סי``)
    if p == ":" and right[0].isupper() and left[0].isupper():
        return False  # ``Re:Zero``, ``Star:Wars``-style titles and namespaces
    langs = _langs_for(left + right, lang)
    if not langs:
        return False
    zl, zr = _z(left, langs), _z(right, langs)
    if len(right) == 1:
        # ``Wayne,a``: a one-letter right part only after a comma, and only a very common word
        return p in ",;" and right.islower() and zr >= 5.0 and (zl >= 3.0 or _titlecase(left))
    left_ok = zl >= 2.0 or (_titlecase(left) and len(left) >= 3)
    right_ok = zr >= 2.5 or (p in _SENTENCE_PUNCT and _titlecase(right) and len(right) >= 3)
    return left_ok and right_ok and max(zl, zr) >= 3.0


def _source_spans(source: str, parts: list[str]) -> list[tuple[int, int]]:
    out = []
    low = source.casefold()
    for part in parts:
        m = regex.search(r"(?<![\p{L}\p{M}])" + regex.escape(part.casefold()) + r"(?![\p{L}\p{M}])", low)
        if m and len(low) == len(source):
            out.append((m.start(), m.end()))
    return out


MIN_RIGHT_ZIPF = 5.5


@check("GLU001", "glued-words", "fluency/typography", "major", options=(
    Option("min_right_zipf", float, MIN_RIGHT_ZIPF,
           "word frequency (Zipf) the capitalised right part of a fused pair needs (The: 7.7, News: 5.4)"),
))
def glued_words(pair, ctx):
    """Two words fused into one token in the target: a word and a capitalised word with no space
    (``LondonThe``), or two words joined by a full stop, comma, semicolon, colon, ``!`` or ``?``
    with no space after it (``government.The``, ``Quetta,where``, ``Tuesday.kidnapped``). Both
    halves must be words of the target language (wordfreq) while the whole is not. Not flagged:
    names and brands with an inner capital (McDonald, DiCaprio, JavaScript, iPhone, PowerPoint,
    YouTube), brands made of two content words (``ShopMax``, ``GreenNews``: the capitalised
    right part must be a word as frequent as those that start sentences, Zipf 5.5 or more,
    option ``min_right_zipf``, unless the source writes the two words apart), camelCase identifiers with several humps, URLs, e-mail
    addresses, file and domain names (``config.json``, ``weather.com``, ``GreenNews.com``),
    abbreviations (``U.S.``, ``e.g.``, ``EE.UU.``),
    decimals, and any token that also stands in the source. Words fused inside Chinese, Japanese
    or Thai text are out of scope, but a Latin run inside them is checked. Severity: a word
    fused with a capitalised word (``LondonThe``) and a full stop inside a sentence
    (``Tuesday.kidnapped``) are major; a space missing after a full stop between two sentences
    (``Africa.They``: human MQM raters mark it a minor punctuation error) or after a comma,
    semicolon or colon is minor."""
    text = pair.target
    if not text or not _gate(text):
        return ()
    lang = ctx.tgt.lang
    min_right = ctx.options("GLU001").min_right_zipf
    source_cf = None
    out = []
    for m in _TOKEN.finditer(text):
        raw = m.group()
        if not _gate(raw):
            continue
        lead = _LEAD.match(raw)
        s = m.start() + (lead.end() if lead else 0)
        trail = _TRAIL.search(raw)
        e = m.start() + (trail.start() if trail else len(raw))
        if e <= s:
            continue
        tok = text[s:e]
        if _TECH.search(tok) or _domain_like(tok):
            continue
        if source_cf is None:
            source_cf = pair.source.casefold()
        if tok.casefold() in source_cf:
            continue  # the same token stands in the source: a name, brand or identifier
        sev = None
        parts: list[str] = []
        if _camel_glue(tok, lang, min_right, source_cf):
            i = next(i for i in range(1, len(tok)) if tok[i].isupper() and tok[i - 1].islower())
            parts = [_letter_run_before(tok, i), _letter_run_after(tok, i)]
            sev = "major"
        else:
            for i in range(1, len(tok) - 1):
                if tok[i] in ".,;:!?" and tok[i - 1].isalpha() and tok[i + 1].isalpha() \
                        and _punct_glue(tok, i, lang):
                    parts = [_letter_run_before(tok, i), _letter_run_after(tok, i + 1)]
                    # ``Tuesday.kidnapped``: a full stop inside a sentence, which breaks it (major);
                    # ``Africa.They``: a space missing between two sentences, a typo (minor)
                    sev = "major" if tok[i] in _SENTENCE_PUNCT and not tok[i + 1].isupper() else "minor"
                    break
        if sev is None:
            continue
        src_spans = _source_spans(pair.source, parts)
        out.append(hit(f"glued words: '{tok}' should be two words ('{parts[0]}' + '{parts[1]}')",
                       target=(s, e), source=src_spans or None, severity=sev))
    return out
