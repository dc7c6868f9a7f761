"""Language profiles: what the checks know about each language, as data (spaCy's ``lang/xx/`` model).

``profile(lang) -> Profile`` reads ``audit/lang/data/profiles/<code>.toml`` once (cached). A region
variant (``pt-PT``) reads ``pt-pt.toml`` when it exists (which ``inherits`` its base language and
overrides some fields), else its base language's file; a language without a file gets the default
profile (``_default.toml``: spaced, cased, only the common abbreviations) with ``known`` False, and
the checks treat it as they always treated an undeclared language. Script-level facts (which
scripts are written without spaces, which have no case) are in ``audit/lang/data/scripts.toml``.

Fields of a profile file (``audit/lang/data/profiles/de.toml`` is a complete example):

- ``name``; ``scripts`` (Unicode script names, main one first); ``spacing`` ("spaced" or
  "spaceless") and ``case`` ("cased" or "caseless"), which must agree with the main script;
- word-formation facts the checks use: ``nouns_capitalised`` (German), ``compounding`` (closed
  compounds), ``elision`` (French ``l'``), ``clitic_prefixes`` (Arabic ``al-``, Hebrew ``ha-``),
  ``substring_terms`` (terms match inside words: Korean particles), ``space_separates_phrases``
  (Thai), ``long_scale`` ("billion" is 10^12), ``isolating`` (no inflection: glossary terms
  match whole words; Vietnamese), ``stemmer`` (a Snowball name, "" for none);
- ``[punctuation]``: ``sentence_end`` marks, ``question_marks``, ``optional_full_stop``,
  ``space_before_high_marks`` (French ``: ; ! ?``), ``quotes`` (primary open, close, secondary
  open, close);
- ``[abbreviations]`` (lower case, without the final dot; each adds to the default profile's
  common list): ``no_break`` (a full stop after them never ends a sentence: the segmenter),
  ``sentence_enders`` (may end one when a capital follows), ``lowercase_next`` (a lower-case word
  after them is normal: SEN001), ``glued`` (may stand before a dot with no space: GLU);
- ``[negation]`` (NEG001): ``words`` (negation markers, whole words; in a spaceless script,
  strings), ``affixes`` (bound negation, ``-me`` in Turkish, as documentation), ``patterns``
  (regexes of bound or split negation counted as markers: Turkish ``-medi``, Japanese ``-ない``,
  French ``ne ... plus``), ``idioms`` (regexes blanked before counting: "not only", ``ne ... que``,
  ``тем не менее``, ``不断``; negative polarity that is not a negation of the clause), ``weak``
  (negative words that do not count: "without", ``sans``, ``bez``) and ``nominal`` (the markers
  that are negative quantifiers, "no", "nothing", "never", ``rien``, ``nadie``: a clause negated
  by them alone is weaker evidence, translators often say it in other words) and ``doubles``
  (regexes of two negations that cancel out in a language without negative concord: English
  "not no", German ``nicht kein``);
- ``[numbers]``: ``words`` and ``stems`` (matched at the start of a word), numbers spelled out in
  words, as ``"two|second|both=2"``;
- ``[repetition]`` (REP001): ``allowed_doubles`` (words the language doubles: "that that"; in a
  reduplicating language its common reduplicated words, "yavaş yavaş"), ``reduplicating`` (content
  words reduplicate; with an empty ``allowed_doubles`` only ``flagged_doubles`` are flagged),
  ``letter_name_acronyms`` (Latin acronyms spelled in letter names: Arabic, Persian);
- ``[numbers.scale_words]``: casefolded scale words and their values (``"tausend" = 1e3``; the
  short-scale value for "billion" and its cognates, ``long_scale`` makes them 10^12).

Decimal and group symbols are not repeated here: they come from the shipped CLDR data
(``audit.lang.cldr``), None for a language CLDR has no file for.

Adding a language is a data change: copy a complete profile of a similar language to
``audit/lang/data/profiles/<code>.toml``, edit it, and add the code to ``SUPPORTED`` when every
field is filled in (``tests/test_profiles.py`` then checks that it is complete and consistent).
"""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from functools import cached_property, lru_cache
from types import MappingProxyType
from typing import Mapping

from audit.lang import cldr

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

DATA_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")
PROFILE_DIR = os.path.join(DATA_DIR, "profiles")

# Languages with a complete profile (every field written out, none left to the default).
SUPPORTED = tuple(sorted("""
en es fr de it pt ru zh ja ko ar hi tr pl he th fa uk vi nl cs sv da nb fi el hu ro bg hr sr sk sl
id ms ca
""".split()))

_ALIASES = {"iw": "he", "in": "id", "zh-hans": "zh", "zh-cn": "zh"}
_TOP_FIELDS = {
    "name": str, "scripts": list, "spacing": str, "case": str, "nouns_capitalised": bool,
    "compounding": bool, "elision": bool, "clitic_prefixes": bool, "substring_terms": bool,
    "space_separates_phrases": bool, "long_scale": bool, "isolating": bool, "stemmer": str,
}
_TABLE_FIELDS = {
    "punctuation": {"sentence_end": str, "question_marks": str, "optional_full_stop": bool,
                    "space_before_high_marks": bool, "quotes": list},
    "abbreviations": {"no_break": list, "sentence_enders": list, "lowercase_next": list, "glued": list},
    "negation": {"words": list, "affixes": list, "patterns": list, "idioms": list, "weak": list, "weak_patterns": list,
                 "nominal": list, "doubles": list},
    "numbers": {"scale_words": dict, "words": list, "stems": list},
    "repetition": {"allowed_doubles": list, "reduplicating": bool, "flagged_doubles": list,
                   "letter_name_acronyms": bool},
}
_CHOICES = {"spacing": ("spaced", "spaceless"), "case": ("cased", "caseless")}


def _read(path: str) -> dict:
    from audit.core.cache import parsed

    # parsed once, then read from the cache (TOML parsing was a tenth of a short run's start-up)
    return parsed(path, "toml", lambda b: tomllib.loads(b.decode()))


@lru_cache(maxsize=1)
def _scripts() -> dict:
    return _read(os.path.join(DATA_DIR, "scripts.toml"))


SPACELESS_SCRIPTS = frozenset(_scripts()["spaceless"])
CASELESS_SCRIPTS = frozenset(_scripts()["caseless"])


def is_caseless_script(script: str | None) -> bool:
    """True for a script without letter case, and for no script at all (no letters)."""
    return script is None or script in CASELESS_SCRIPTS


@dataclass(frozen=True)
class Profile:
    """What the checks know about one language (see the module doc for the fields)."""

    code: str
    known: bool  # False: no profile file, the defaults
    name: str
    scripts: tuple[str, ...]
    spacing: str
    case: str
    nouns_capitalised: bool
    compounding: bool
    elision: bool
    clitic_prefixes: bool
    substring_terms: bool
    space_separates_phrases: bool
    long_scale: bool
    isolating: bool
    stemmer: str | None
    sentence_end: str
    question_marks: str
    optional_full_stop: bool
    space_before_high_marks: bool
    quotes: tuple[str, ...]
    no_break: frozenset[str]
    sentence_enders: frozenset[str]
    lowercase_next: frozenset[str]
    glued: frozenset[str]
    negation: tuple[str, ...]
    negation_affixes: tuple[str, ...]
    negation_patterns: tuple[str, ...]  # regexes counted as negation markers
    negation_idioms: tuple[str, ...]  # regexes blanked before counting
    negation_weak: tuple[str, ...]  # negative words that do not count (stems end in *)
    negation_weak_patterns: tuple[str, ...]  # regexes of lexical negation ("un-", "dis-")
    negation_nominal: tuple[str, ...]  # negative quantifiers ("no", "nothing", "never"): weaker evidence
    negation_doubles: tuple[str, ...]  # regexes of double negatives that cancel out ("not no")
    scale_words: Mapping[str, float]  # casefolded scale word -> value (10^3, 10^6...)
    number_words: Mapping[str, float]  # spelled numbers, exact words ("three", "third")
    number_stems: Mapping[str, float]  # spelled numbers, stems matched at the start of a word
    allowed_doubles: frozenset[str]  # words the language legitimately doubles ("that that")
    reduplicating: bool  # content words reduplicate ("yavaş yavaş"): only flagged_doubles count
    flagged_doubles: frozenset[str]
    letter_name_acronyms: bool  # Latin acronyms spelled by letter names (Arabic "سي إن إن")

    # CLDR's number symbols, read on first use (building a profile loads no CLDR file: the number
    # parser builds every language's profile for its word tables)
    @cached_property
    def _symbols(self) -> tuple[str, str] | None:
        return cldr.number_symbols(self.code) if self.known else None

    @property
    def decimal(self) -> str | None:  # CLDR
        return self._symbols[0] if self._symbols else None

    @property
    def group(self) -> str | None:  # CLDR
        return self._symbols[1] if self._symbols else None

    @property
    def spaceless(self) -> bool:
        return self.spacing == "spaceless"

    @property
    def cased(self) -> bool:
        return self.case == "cased"


def _flatten(raw: dict, path: str) -> dict:
    """The file's fields as one flat dict, checking names and types (a typo is an error)."""
    flat = {}
    for key, value in raw.items():
        if key == "inherits":
            continue
        if key in _TABLE_FIELDS:
            if not isinstance(value, dict):
                raise ValueError(f"{path}: [{key}] must be a table")
            fields = _TABLE_FIELDS[key]
            for sub, v in value.items():
                if sub not in fields or not isinstance(v, fields[sub]):
                    raise ValueError(f"{path}: unknown field or wrong type: {key}.{sub}")
                flat[f"{key}.{sub}"] = v
        elif key in _TOP_FIELDS and isinstance(value, _TOP_FIELDS[key]):
            flat[key] = value
        else:
            raise ValueError(f"{path}: unknown field or wrong type: {key}")
    for key, choices in _CHOICES.items():
        if key in flat and flat[key] not in choices:
            raise ValueError(f"{path}: {key} must be one of {', '.join(choices)}")
    return flat


@lru_cache(maxsize=None)
def raw_fields(code: str) -> dict:
    """The flat fields a profile file sets itself or through ``inherits`` (without the defaults);
    empty when there is no file for ``code``."""
    path = os.path.join(PROFILE_DIR, f"{code}.toml")
    if not os.path.exists(path):
        return {}
    raw = _read(path)
    flat = dict(raw_fields(raw["inherits"])) if "inherits" in raw else {}
    flat.update(_flatten(raw, path))
    return flat


def _key(lang: str | None) -> str | None:
    """The profile file that serves ``lang``: its full code, else its base language."""
    if not lang:
        return None
    code = lang.replace("_", "-").casefold()
    code = _ALIASES.get(code, code)
    if raw_fields(code):
        return code
    base = code.split("-")[0]
    base = _ALIASES.get(base, base)
    return base if raw_fields(base) else None


def _number_words(items) -> Mapping[str, float]:
    """``["one|first=1", "two|second=2"]`` -> {word: value}, in the order written."""
    out: dict[str, float] = {}
    for item in items:
        words, value = item.rsplit("=", 1)
        for w in words.split("|"):
            out[w] = float(value)
    return MappingProxyType(out)


def _build(code: str, flat: dict, known: bool) -> Profile:
    common = raw_fields("_default")

    def words(name: str) -> frozenset[str]:
        return frozenset(common.get(f"abbreviations.{name}", ())) | frozenset(flat.get(f"abbreviations.{name}", ()))

    def get(name: str):
        return flat.get(name, common.get(name))

    return Profile(
        code=code, known=known, name=get("name") or code, scripts=tuple(get("scripts") or ()),
        spacing=get("spacing"), case=get("case"),
        nouns_capitalised=flat.get("nouns_capitalised", False), compounding=flat.get("compounding", False),
        elision=flat.get("elision", False), clitic_prefixes=flat.get("clitic_prefixes", False),
        substring_terms=flat.get("substring_terms", False),
        space_separates_phrases=flat.get("space_separates_phrases", False),
        long_scale=flat.get("long_scale", False), isolating=flat.get("isolating", False),
        stemmer=flat.get("stemmer") or None,
        sentence_end=get("punctuation.sentence_end"), question_marks=get("punctuation.question_marks"),
        optional_full_stop=flat.get("punctuation.optional_full_stop", False),
        space_before_high_marks=flat.get("punctuation.space_before_high_marks", False),
        quotes=tuple(flat.get("punctuation.quotes", ())),
        no_break=words("no_break"), sentence_enders=words("sentence_enders"),
        lowercase_next=words("lowercase_next"), glued=words("glued"),
        negation=tuple(flat.get("negation.words", ())), negation_affixes=tuple(flat.get("negation.affixes", ())),
        negation_patterns=tuple(flat.get("negation.patterns", ())),
        negation_idioms=tuple(flat.get("negation.idioms", ())),
        negation_weak=tuple(flat.get("negation.weak", ())),
        negation_weak_patterns=tuple(flat.get("negation.weak_patterns", ())),
        negation_nominal=tuple(flat.get("negation.nominal", ())),
        negation_doubles=tuple(flat.get("negation.doubles", ())),
        scale_words=MappingProxyType({w: float(v) for w, v in flat.get("numbers.scale_words", {}).items()}),
        number_words=_number_words(flat.get("numbers.words", ())),
        number_stems=_number_words(flat.get("numbers.stems", ())),
        allowed_doubles=frozenset(flat.get("repetition.allowed_doubles", ())),
        reduplicating=flat.get("repetition.reduplicating", False),
        flagged_doubles=frozenset(flat.get("repetition.flagged_doubles", ())),
        letter_name_acronyms=flat.get("repetition.letter_name_acronyms", False),
    )


@lru_cache(maxsize=512)
def profile(lang: str | None) -> Profile:
    """The profile of ``lang`` (``de``, ``pt-PT``, ``zh_Hant``); the default one when no file serves it."""
    key = _key(lang)
    if key is None:
        code = (lang or "").replace("_", "-").casefold()
        return _build(code, {}, known=False)
    return _build(key, raw_fields(key), known=True)


@lru_cache(maxsize=1)
def known_languages() -> tuple[str, ...]:
    """Every language code with a profile file (complete or not), sorted."""
    return tuple(sorted(f[:-5] for f in os.listdir(PROFILE_DIR) if f.endswith(".toml") and not f.startswith("_")))


@lru_cache(maxsize=None)
def abbreviations_everywhere(kind: str) -> frozenset[str]:
    """The ``[abbreviations]`` list ``kind`` of every language together (for checks that do not
    depend on the target language)."""
    out: set[str] = set()
    for code in ("_default",) + known_languages():
        out.update(raw_fields(code).get(f"abbreviations.{kind}", ()))
    return frozenset(out)


@lru_cache(maxsize=1)
def scale_words_everywhere() -> Mapping[str, float]:
    """Every language's scale words in one table (the number parser reads a word whatever the
    declared language); a word two profiles give different values is an error in the data."""
    out: dict[str, float] = {}
    for code in known_languages():
        key = _key(code)  # the fields ``profile(code)`` reads, without building every profile
        for word, value in (raw_fields(key).get("numbers.scale_words", {}) if key else {}).items():
            value = float(value)
            if out.setdefault(word, value) != value:
                raise ValueError(f"{PROFILE_DIR}/{code}.toml: scale word {word!r} is {value:g} here, "
                                 f"{out[word]:g} in another profile")
    return MappingProxyType(dict(sorted(out.items())))


@lru_cache(maxsize=1)
def _polarity() -> dict:
    return _read(os.path.join(DATA_DIR, "polarity.toml"))


@lru_cache(maxsize=None)
def antonym_pairs(lang: str | None) -> tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...]:
    """The antonym pairs of a language from ``data/polarity.toml`` (NEG002): (concept, words of
    one pole, words of the other), lower case; a word ending in ``*`` is a stem matched at the
    start of a word. Region variants use the base language; unknown languages get none."""
    key = _key(lang)
    out = []
    for concept, langs in _polarity().get("pairs", {}).items():
        poles = langs.get(key) if key else None
        if poles:
            out.append((concept, tuple(w.lower() for w in poles[0]), tuple(w.lower() for w in poles[1])))
    return tuple(out)
