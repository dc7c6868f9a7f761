"""Glossaries for the terminology checks (TRM): loading, indexing and inflection-tolerant matching.

Formats
- TSV (``.tsv``, ``.txt``, ``.tab``): ``source_term<TAB>target_term[<TAB>note]``, one entry a line;
  CSV (``.csv``, comma or semicolon, quoted fields) the same columns. Several variants of a term are
  separated by ``|``; a target written ``!term`` is forbidden. An optional first row names the columns
  (``source``/``term``/``src``, ``target``/``translation``/``tgt``, ``note``/``comment``/``definition``,
  ``forbidden``/``status``) or gives the two languages (``en<TAB>es``: the glossary then applies only
  to that language pair, in that direction). A truthy ``forbidden`` cell (``yes``, ``x``, ``1``,
  ``true``, ``forbidden``, ``deprecated``) makes the row's target terms forbidden. Lines starting
  with ``#`` and blank lines are skipped.
- TBX (``.tbx``, ``.xml``): TBX-Basic / TBX v2 (``martif``, ``termEntry``/``langSet``/``tig``/``ntig``)
  and TBX v3 (``tbx``, ``conceptEntry``/``langSec``/``termSec``), any namespace. A term whose
  ``administrativeStatus`` (or ``normativeAuthorization``) is deprecated, superseded or forbidden is a
  forbidden term in its language. Parsed by lxml with no entity resolution, no DTD loading and no
  network; a file that declares entities is refused.

A malformed glossary raises ``InputError`` naming the file and line (the CLI's exit 2).

Matching (``TermSet``): words are compared case-insensitively (case-sensitively where the glossary
term has a capital: ``Apple`` does not match ``apple``), as whole words, through Snowball stems where
the language has a stemmer (``servidores`` matches ``servidor``), else through a bounded common prefix;
spaceless scripts (zh, ja, ko, th, ...) match by substring. Terms are indexed by the key of their
first word (or first characters), so a pair costs one dictionary lookup per word whatever the
glossary's size.

Engine hand-off: ``attach(config)`` loads the glossary once in the parent process (before any worker
is forked) and puts the resolved paths into the TRM checks' options; a check gets the loaded glossary
back with ``from_options(ctx.options(code))`` (a per-process cache keyed by the paths; a worker that was
not forked loads it itself). A ``Glossary`` object may also be passed directly in those options.
"""
from __future__ import annotations

import csv
import hashlib
import io
import os
import unicodedata
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any, Iterable, Mapping, Sequence

import regex

from audit.core.errors import InputError
from audit.core.model import base_lang
from audit.core.text import WORD_RE
from audit.lang import cldr
from audit.lang.profiles import known_languages, profile

TRM_CODES = ("TRM001", "TRM002")

# ---------------------------------------------------------------------------------------------
# Data


@dataclass(frozen=True)
class Entry:
    """One bilingual glossary entry: source terms (synonyms), required target variants, forbidden
    target terms, a note, and where it was defined. Languages None: applies to any pair."""

    sources: tuple[str, ...]
    targets: tuple[str, ...]
    forbidden: tuple[str, ...] = ()
    note: str | None = None
    path: str | None = None
    line: int | None = None
    source_lang: str | None = None
    target_lang: str | None = None


@dataclass(frozen=True)
class Concept:
    """One multilingual (TBX) concept: ``terms`` maps a base language code to (term, forbidden) pairs."""

    terms: Mapping[str, tuple[tuple[str, bool], ...]]
    note: str | None = None
    path: str | None = None
    line: int | None = None

    def entry(self, src: str, tgt: str) -> Entry | None:
        s, t = self.terms.get(src), self.terms.get(tgt)
        if not s or not t:
            return None
        return Entry(
            sources=tuple(term for term, _ in s),  # a deprecated source term still names the concept
            targets=tuple(term for term, bad in t if not bad),
            forbidden=tuple(term for term, bad in t if bad),
            note=self.note, path=self.path, line=self.line, source_lang=src, target_lang=tgt,
        )


@dataclass
class Glossary:
    """Entries from one or more files; ``index(src, tgt)`` compiles (and caches) the matcher for a pair."""

    entries: list[Entry] = field(default_factory=list)
    concepts: list[Concept] = field(default_factory=list)
    paths: tuple[str, ...] = ()
    digest: str = ""
    _indexes: dict = field(default_factory=dict, repr=False, compare=False)

    def __len__(self) -> int:
        return len(self.entries) + len(self.concepts)

    def __repr__(self) -> str:  # short: it may end up in a signature or a log
        return f"Glossary({len(self)} entries, sha256:{self.digest[:12]})"

    def __getstate__(self):
        state = dict(self.__dict__)
        state["_indexes"] = {}
        return state

    def __setstate__(self, state):
        self.__dict__.update(state)

    def entries_for(self, src: str | None, tgt: str | None) -> list[Entry]:
        src, tgt = base_lang(src), base_lang(tgt)
        out = [e for e in self.entries
               if (e.source_lang is None or e.source_lang == src) and (e.target_lang is None or e.target_lang == tgt)]
        if src and tgt:
            for c in self.concepts:
                e = c.entry(src, tgt)
                if e is not None:
                    out.append(e)
        return out

    def index(self, src: str | None, tgt: str | None) -> "PairIndex":
        key = (base_lang(src), base_lang(tgt))
        idx = self._indexes.get(key)
        if idx is None:
            idx = self._indexes[key] = PairIndex(self.entries_for(*key), key[0], key[1])
        return idx


# ---------------------------------------------------------------------------------------------
# Loading

_TRUE = frozenset({"1", "y", "yes", "x", "true", "forbidden", "deprecated", "!", "banned", "do not use"})
_SRC_NAMES = frozenset({"source", "source term", "source_term", "src", "term", "source text", "original"})
_TGT_NAMES = frozenset({"target", "target term", "target_term", "tgt", "translation", "target text"})
_NOTE_NAMES = frozenset({"note", "notes", "comment", "comments", "description", "definition", "context"})
_FORBID_NAMES = frozenset({"forbidden", "status", "forbidden term"})
_LANG_RE = regex.compile(r"^[a-z]{2,3}(?:[-_][a-z0-9]{2,8})*$", regex.I)
_FORBIDDEN_STATUS = regex.compile(r"^\s*(?:deprecated|superseded|forbidden|rejected|obsolete)", regex.I)


def _is_lang(cell: str) -> bool:
    return bool(_LANG_RE.match(cell)) and cldr.is_language_code(base_lang(cell))


def _header(cells: list[str]) -> dict | None:
    names = [c.strip().casefold() for c in cells]
    if len(names) < 2 or not all(names[:2]):
        return None
    known = _SRC_NAMES | _TGT_NAMES | _NOTE_NAMES | _FORBID_NAMES
    langs = [i for i, n in enumerate(names[:2]) if n not in known and _is_lang(n)]
    if not all(n in known or i in langs or not n for i, n in enumerate(names)):
        return None
    if len(langs) == 2:
        cols = {"source": 0, "target": 1, "source_lang": base_lang(names[0]), "target_lang": base_lang(names[1])}
    elif names[0] in _SRC_NAMES and names[1] in _TGT_NAMES:
        cols = {"source": 0, "target": 1}
    else:
        return None
    for i, n in enumerate(names):
        if i >= 2 and n in _NOTE_NAMES and "note" not in cols:
            cols["note"] = i
        elif i >= 2 and n in _FORBID_NAMES and "forbidden" not in cols:
            cols["forbidden"] = i
    return cols


_QUOTED = regex.compile(r'^"((?:[^"]|"")*)"$')


def _unquote(cell: str) -> str:
    """A cell as spreadsheets export it: a quoted cell, with doubled quotes inside, is unquoted;
    other quotes are text."""
    cell = cell.strip()
    m = _QUOTED.match(cell)
    return m.group(1).replace('""', '"').strip() if m else cell


def _variants(cell: str) -> list[str]:
    return [" ".join(v.split()) for v in cell.split("|") if v.strip()]


def _row_entry(cells: list[str], cols: dict, path: str, line: int) -> Entry:
    def cell(name):
        i = cols.get(name)
        return cells[i] if i is not None and i < len(cells) else ""

    if len(cells) < 2 or not cell("target"):
        raise InputError("expected source term<TAB>target term (no target term)", path, line)
    sources = _variants(cell("source"))
    if not sources:
        raise InputError("empty source term", path, line)
    if any(s.startswith("!") for s in sources):
        raise InputError("a source term cannot be forbidden ('!'): mark target terms", path, line)
    all_forbidden = cell("forbidden").strip().casefold() in _TRUE or bool(
        cols.get("forbidden") is not None and _FORBIDDEN_STATUS.match(cell("forbidden")))
    targets, forbidden = [], []
    for v in _variants(cell("target")):
        if v.startswith("!"):
            v = v[1:].strip()
            if not v:
                raise InputError("empty forbidden term ('!' with nothing after it)", path, line)
            forbidden.append(v)
        elif all_forbidden:
            forbidden.append(v)
        else:
            targets.append(v)
    if not targets and not forbidden:
        raise InputError("empty target term", path, line)
    note = cell("note").strip() or None
    return Entry(tuple(sources), tuple(targets), tuple(forbidden), note, path, line,
                 cols.get("source_lang"), cols.get("target_lang"))


def _rows_to_entries(rows: Iterable[tuple[int, list[str]]], path: str, unquote: bool = True) -> list[Entry]:
    cols = None
    out = []
    for line, cells in rows:
        cells = [_unquote(c) if unquote else c.strip() for c in cells]
        if not any(cells) or cells[0].startswith("#"):
            continue
        if cols is None:
            cols = _header(cells)
            if cols is not None:
                continue
            cols = {"source": 0, "target": 1, "note": 2}
        out.append(_row_entry(cells, cols, path, line))
    return out


def _load_tsv(path: str) -> list[Entry]:
    from audit.core.decode import open_text_lines

    return _rows_to_entries(((n, line.split("\t")) for n, line in open_text_lines(path)), path)


def _load_csv(path: str) -> list[Entry]:
    from audit.core.decode import read_text

    text = read_text(path).lstrip("\ufeff")
    first = next((ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")), "")
    delim = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delim, quotechar='"', strict=True)

    def rows():
        start = 1
        while True:
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                raise InputError(f"malformed CSV: {exc}", path, reader.line_num or start) from None
            yield start, cells
            start = reader.line_num + 1

    return _rows_to_entries(rows(), path, unquote=False)


def _local(tag) -> str:
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def _text(el) -> str:
    return " ".join("".join(el.itertext()).split())


def _entity_line(path: str) -> int | None:
    with open(path, "rb") as fh:
        data = fh.read()
    i = data.find(b"<!ENTITY")
    return data.count(b"\n", 0, i) + 1 if i >= 0 else None


def _load_tbx(path: str) -> list[Concept]:
    from lxml import etree

    from audit.core.xmlsafe import xml_error, xml_lang

    parser = etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True, huge_tree=False,
                             dtd_validation=False, remove_comments=True, remove_pis=True)
    try:
        tree = etree.parse(path, parser)
    except etree.XMLSyntaxError as exc:
        raise xml_error(path, exc) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc}", path) from None
    dtd = tree.docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        raise InputError("declares XML entities: refused (glossaries are read without entities)",
                         path, _entity_line(path))
    root = tree.getroot()
    if _local(root.tag).lower() not in ("martif", "tbx"):
        raise InputError(f"not a TBX file (root element <{_local(root.tag)}>, expected <martif> or <tbx>)",
                         path, root.sourceline)
    concepts = []
    for entry in root.iter():
        if _local(entry.tag) not in ("termEntry", "conceptEntry"):
            continue
        note = None
        terms: dict[str, list[tuple[str, bool]]] = {}
        for el in entry:
            name = _local(el.tag)
            if name in ("descrip", "note", "definition") and note is None:
                if name != "descrip" or el.get("type") in (None, "definition", "context", "explanation"):
                    note = _text(el) or None
            elif name in ("langSet", "langSec"):
                lang = xml_lang(el)
                if not lang:
                    raise InputError(f"<{name}> without xml:lang", path, el.sourceline)
                bucket = terms.setdefault(base_lang(lang), [])
                for term, bad in _tbx_terms(el, path):
                    if (term, bad) not in bucket:
                        bucket.append((term, bad))
        if note is None:  # TBX-Basic also allows definitions inside a langSet or a term group
            for el in entry.iter():
                if _local(el.tag) == "descrip" and el.get("type") == "definition":
                    note = _text(el) or None
                    break
        if terms:
            concepts.append(Concept({k: tuple(v) for k, v in terms.items() if v}, note, path, entry.sourceline))
    if not concepts:
        raise InputError("no term entries (<termEntry> or <conceptEntry>) found", path, root.sourceline)
    return concepts


def _tbx_terms(lang_el, path: str):
    groups = [g for g in lang_el if _local(g.tag) in ("tig", "ntig", "termSec")]
    if not groups and any(_local(c.tag) == "term" for c in lang_el):
        groups = [lang_el]
    for g in groups:
        term_el = None
        status = ""
        for el in g.iter():
            name = _local(el.tag)
            if name == "term" and term_el is None:
                term_el = el
            elif name == "termNote" and (el.get("type") or "").endswith(("Status", "Authorization")):
                status += " " + _text(el)
            elif name in ("administrativeStatus", "normativeAuthorization", "usageStatus"):
                status += " " + _text(el)
        if term_el is None:
            raise InputError(f"<{_local(g.tag)}> without <term>", path, g.sourceline)
        text = _text(term_el)
        if not text:
            raise InputError("empty <term>", path, term_el.sourceline)
        yield text, any(_FORBIDDEN_STATUS.match(s) for s in status.split())


def _format(path: str) -> str:
    ext = os.path.splitext(path)[1].lower()
    if ext in (".tbx", ".xml"):
        return "tbx"
    if ext == ".csv":
        return "csv"
    if ext in (".tsv", ".tab", ".txt"):
        return "tsv"
    with open(path, "rb") as fh:
        head = fh.read(4096).lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"<"):
        return "tbx"
    first = head.split(b"\n", 1)[0]
    return "tsv" if b"\t" in first or b"," not in first else "csv"


def load_file(path: str) -> Glossary:
    """One glossary file (format by extension, else by content)."""
    if not os.path.isfile(path):
        raise InputError("glossary file not found", path)
    with open(path, "rb") as fh:
        digest = hashlib.sha256(fh.read()).hexdigest()
    fmt = _format(path)
    g = Glossary(paths=(path,), digest=digest)
    if fmt == "tbx":
        g.concepts = _load_tbx(path)
    else:
        g.entries = _load_tsv(path) if fmt == "tsv" else _load_csv(path)
        if not g.entries:
            raise InputError("no glossary entries found (expected source term<TAB>target term lines)", path)
    return g


def load(paths: Sequence[str] | str) -> Glossary:
    """Load and merge glossary files (no caching: see ``load_cached``)."""
    if isinstance(paths, str):
        paths = [paths]
    merged = Glossary(paths=tuple(paths))
    h = hashlib.sha256()
    for p in paths:
        g = load_file(p)
        merged.entries.extend(g.entries)
        merged.concepts.extend(g.concepts)
        h.update(g.digest.encode())
    merged.digest = h.hexdigest()
    return merged


_CACHE: dict[tuple[str, ...], tuple[tuple, Glossary]] = {}


def _stamp(paths: Sequence[str]) -> tuple:
    out = []
    for p in paths:
        try:
            st = os.stat(p)
            out.append((st.st_mtime_ns, st.st_size))
        except OSError:
            out.append(None)
    return tuple(out)


def load_cached(paths: Sequence[str]) -> Glossary:
    """``load`` with a per-process cache, refreshed when a file changes (mtime or size)."""
    key = tuple(paths)
    stamp = _stamp(key)
    hit = _CACHE.get(key)
    if hit is not None and hit[0] == stamp:
        return hit[1]
    g = load(key)
    _CACHE[key] = (stamp, g)
    return g


def attach(config):
    """The config with its glossary (``config.glossary`` paths) loaded here, once, and named in the
    options of the TRM checks. Idempotent; a config without a glossary is returned unchanged."""
    paths = tuple(os.path.abspath(p) for p in (getattr(config, "glossary", None) or ()))
    if not paths:
        return config
    g = load_cached(paths)
    opts = dict(config.options)
    changed = False
    for code in TRM_CODES:
        cur = dict(opts.get(code, {}))
        if cur.get("glossary") != list(paths) or cur.get("glossary_sha256") != g.digest[:16]:
            cur["glossary"] = list(paths)
            cur["glossary_sha256"] = g.digest[:16]
            opts[code] = cur
            changed = True
    return replace(config, options=opts) if changed else config


_BY_KEY: dict[tuple[str, ...], Glossary] = {}


def from_options(options: Mapping[str, Any]) -> Glossary | None:
    """The glossary a check's options name: a ``Glossary`` object, a path or a list of paths."""
    value = options.get("glossary") if options else None
    if not value:
        return None
    if isinstance(value, Glossary):
        return value
    key = (value,) if isinstance(value, str) else tuple(value)
    g = _BY_KEY.get(key)
    if g is None:
        hit = _CACHE.get(key)
        g = hit[1] if hit is not None else load_cached(key)
        _BY_KEY[key] = g
    return g


# ---------------------------------------------------------------------------------------------
# Matching

# Where inflection is a small closed set of endings, two words with one stem must differ only by them
# (the stemmer also strips derivational suffixes: government/governing, hospital/hospitality).
INFLECTION_ENDINGS = {
    "en": frozenset({"", "s", "es", "'s", "’s", "s'", "s’", "ed", "d", "ing", "e", "y", "ies", "ied",
                     "er", "ers", "est", "ier", "iest"}),
}
# Snowball stemmer names by language (from the profiles)
_STEMMERS = {code: profile(code).stemmer for code in known_languages() if profile(code).stemmer}


def _stemmer(lang: str | None):
    name = profile(lang).stemmer
    if name is None:
        return None
    import snowballstemmer

    return snowballstemmer.stemmer(name)


def _lower(text: str) -> str:
    """Lower case with the same length as ``text`` (offsets stay valid)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def _latin_alnum(ch: str) -> bool:
    return ch.isascii() and ch.isalnum() or ("\u00c0" <= ch <= "\u024f" and ch.isalpha())


class LangMatcher:
    """Word keys of one language: a Snowball stem, else the first four letters (with a prefix rule),
    or the whole word (isolating languages); spaceless languages match characters."""

    def __init__(self, lang: str | None):
        self.lang = lang
        p = profile(lang)
        self.chars = p.spaceless or p.substring_terms
        self.exact = p.isolating  # no inflection: whole words only
        self.stemmer = None if (self.chars or self.exact) else _stemmer(lang)
        self.compounding = p.compounding
        # a capital mid-sentence marks a name (not so where every noun is capitalised)
        self.names_capitalised = not p.nouns_capitalised
        self.elision = p.elision
        self.prefixing = p.clitic_prefixes  # articles and particles written onto the word
        self.endings = INFLECTION_ENDINGS.get(lang or "")
        self._keys: dict[str, tuple[str, str]] = {}

    def word(self, text: str) -> tuple[str, str]:
        """(casefolded word, index key) of a word, cached."""
        got = self._keys.get(text)
        if got is not None:
            return got
        cf = text.casefold()
        if self.elision and ("'" in cf or "’" in cf):  # l’eau, dell'acqua: the word after the article
            head, _, rest = cf.replace("’", "'").rpartition("'")
            if rest and len(head) <= 4:
                cf = rest
        if self.exact:
            key = cf
        elif self.stemmer is not None:
            st = self.stemmer.stemWord(cf)
            key = st if len(st) >= 3 else cf
        else:
            key = cf[:4]
        if len(self._keys) > 300_000:
            self._keys.clear()
        got = self._keys[text] = (cf, key)
        return got

    def same(self, t_cf: str, t_key: str, w_cf: str, w_key: str) -> bool:
        """Does text word (w_cf, w_key) match term word (t_cf, t_key)? Inflection-tolerant, bounded."""
        if t_cf == w_cf:
            return True
        if self.exact or t_key != w_key and self.stemmer is not None:
            return False
        lt, lw = len(t_cf), len(w_cf)
        if lt <= 3:  # short words: a plural-like ending only (red/redes, app/apps), never inside a word
            return w_cf.startswith(t_cf) and lw - lt <= 2
        if abs(lw - lt) > max(4, lt // 2):  # organ / organization share a stem, not a meaning
            return False
        if self.stemmer is not None:
            # same stem, and the words differ only in their endings: server/servers, not
            # government/governing (stemmers also strip derivational suffixes)
            if self.prefixing:
                return True
            ft, fw = _fold(t_cf), _fold(w_cf)
            cp = _common_prefix(ft, fw)
            if self.endings is not None:  # a known set of inflectional endings: hospital(s), not hospitality
                return ft[cp:] in self.endings and fw[cp:] in self.endings
            return cp >= lt - 3
        if self.endings is not None:
            cp = _common_prefix(t_cf, w_cf)
            return t_cf[cp:] in self.endings and w_cf[cp:] in self.endings
        return _prefix_match(t_cf, w_cf, 1)


@lru_cache(maxsize=65536)
def _fold(word: str) -> str:
    """Without diacritics (Häuser ~ Haus, inversión ~ inversiones)."""
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n


def _prefix_match(t_cf: str, w_cf: str, slack: int = 2) -> bool:
    """Inflection without a stemmer: a long common prefix (all of the term but its last ``slack``
    letters), and endings of bounded length. Finding terms uses slack 1 (програма/програми, not
    pobreza/pobres); accepting a required variant in the target uses 2 (ребенок/ребенка)."""
    lt = len(t_cf)
    if lt < 4 or abs(len(w_cf) - lt) > max(4, lt // 2):
        return False
    cp = 0
    for a, b in zip(t_cf, w_cf):
        if a != b:
            break
        cp += 1
    return cp >= max(4, lt - slack)


_MATCHERS: dict[str | None, LangMatcher] = {}


def matcher(lang: str | None) -> LangMatcher:
    m = _MATCHERS.get(lang)
    if m is None:
        m = _MATCHERS[lang] = LangMatcher(lang)
    return m


class Term:
    """One compiled term of one language, pointing back to its entry group."""

    __slots__ = ("text", "group", "case", "n", "cfs", "keys", "firsts", "caps", "gaps", "lead", "trail", "cf")

    def __init__(self, text: str, group: "Group", m: LangMatcher):
        self.text = text
        self.group = group
        self.case = any(c.isupper() for c in text)
        self.cf = _lower(text)
        toks = list(WORD_RE.finditer(text))
        self.n = len(toks)
        wk = [m.word(t.group()) for t in toks]
        self.cfs = tuple(cf for cf, _ in wk)
        self.keys = tuple(k for _, k in wk)
        self.firsts = tuple(t.group()[0] for t in toks)
        self.caps = tuple(len(t.group()) >= 2 and t.group().isupper() for t in toks)
        self.gaps = tuple(text[a.end():b.start()].strip() for a, b in zip(toks, toks[1:]))
        self.lead = text[:toks[0].start()].strip() if toks else ""
        self.trail = text[toks[-1].end():].strip() if toks else ""


def _norm_term(t: str) -> str:
    return " ".join(unicodedata.normalize("NFC", t).split())


class Group:
    """Entries merged by source term: satisfied by any of their target variants."""

    __slots__ = ("source", "targets", "forbidden", "notes", "entries")

    def __init__(self, source: str):
        self.source = source
        self.targets: list[str] = []
        self.forbidden: list[str] = []
        self.notes: list[str] = []
        self.entries: list[Entry] = []


class TermSet:
    """An index of terms of one language, for finding them in a text (strictly: whole, contiguous)."""

    def __init__(self, lang: str | None):
        self.m = matcher(lang)
        self.by_key: dict[str, list[Term]] = {}
        self.by_chars: dict[str, list[Term]] = {}
        self.firsts: set[str] = set()
        self.size = 0
        self.prefix_mode = self.m.stemmer is None and not self.m.exact and not self.m.chars
        self.gate: set[str] = set()  # prefix mode: first four letters of the indexed keys

    def add(self, term: Term) -> None:
        self.size += 1
        if self.m.chars:
            cf = term.cf
            if not cf.strip():
                return
            self.by_chars.setdefault(cf[:2], []).append(term)
            self.firsts.add(cf[0])
        elif term.n:
            if self.prefix_mode:  # no stemmer: index by all of the first word but its last letter
                first = term.cfs[0]
                key = first if len(first) < 4 else first[:max(4, len(first) - 1)]
                self.gate.add(key[:4])
            else:
                key = term.keys[0]
            self.by_key.setdefault(key, []).append(term)

    def freeze(self) -> None:
        for d in (self.by_key, self.by_chars):
            for lst in d.values():
                lst.sort(key=lambda t: (-len(t.cf), t.text))

    def __bool__(self) -> bool:
        return self.size > 0

    def find(self, view) -> list[tuple[int, int, Term]]:
        """Non-overlapping occurrences (start, end, term) in a TextView; the longest term wins."""
        if self.m.chars:
            found = self._find_chars(view.text)
        else:
            found = self._find_words(view)
        if len(found) > 1:
            found.sort(key=lambda f: f[0])
            if any(b[0] < a[1] for a, b in zip(found, found[1:])):  # overlaps: the longest wins
                occupied = bytearray(len(view.text))
                kept: list[tuple[int, int, Term]] = []
                for f in sorted(found, key=lambda f: (f[0] - f[1], f[0])):
                    if 1 not in occupied[f[0]:f[1]]:
                        occupied[f[0]:f[1]] = b"\x01" * (f[1] - f[0])
                        kept.append(f)
                found = sorted(kept, key=lambda f: f[0])
        return found

    def _find_words(self, view) -> list[tuple[int, int, Term]]:
        by_key = self.by_key
        wk = view.memo(_word_keys)
        prefix_mode = self.prefix_mode
        if (self.gate if prefix_mode else by_key.keys()).isdisjoint([k for _, k in wk]):
            return []  # the common case: no term starts here
        toks = view.words
        text = view.text
        same = self.m.same
        found = []
        n = len(toks)
        for i, (cf, key) in enumerate(wk):
            if prefix_mode:
                if len(cf) < 4:
                    cands = by_key.get(cf)
                else:
                    cands = [t for j in range(4, len(cf) + 1) for t in by_key.get(cf[:j], ())]
                    cands.sort(key=lambda t: (-len(t.cf), t.text))
            else:
                cands = by_key.get(key)
            if not cands:
                continue
            for term in cands:
                k = term.n
                if i + k > n:
                    continue
                ok = True
                for j in range(k):
                    wcf, wkey = wk[i + j]
                    if not same(term.cfs[j], term.keys[j], wcf, wkey):
                        ok = False
                        break
                    if term.case:
                        word = toks[i + j].text
                        if word[0] != term.firsts[j] or (term.caps[j] and not word.isupper()):
                            ok = False
                            break
                    if j and text[toks[i + j - 1].end:toks[i + j].start].strip() != term.gaps[j - 1]:
                        ok = False
                        break
                if not ok:
                    continue
                start, end = toks[i].start, toks[i + k - 1].end
                if (not term.case and self.m.names_capitalised and toks[i].text[0].isupper()
                        and not toks[i].text.isupper() and not _sentence_start(text, start)):
                    continue  # 'Waters', 'Kansas City': a name, not the lower-case glossary term
                if term.lead:
                    if text[start - len(term.lead):start] != term.lead:
                        continue
                    start -= len(term.lead)
                if term.trail:
                    if text[end:end + len(term.trail)] != term.trail:
                        continue
                    end += len(term.trail)
                found.append((start, end, term))
                break
        return found

    def _find_chars(self, text: str) -> list[tuple[int, int, Term]]:
        low = _lower(text)
        firsts = self.firsts
        by_chars = self.by_chars
        found = []
        for i, ch in enumerate(low):
            if ch not in firsts:
                continue
            two = low[i:i + 2]
            for cands in (by_chars.get(two), by_chars.get(ch) if len(two) == 2 else None):
                hit = None
                for term in cands or ():
                    cf = term.cf
                    end = i + len(cf)
                    if low.startswith(cf, i) and _char_bounds(text, i, end) and (
                            not term.case or text[i:end] == term.text):
                        hit = (i, end, term)
                        break
                if hit is not None:
                    found.append(hit)
                    break
        return found


_OPENERS = frozenset("\"'“‘«‹„‚([{¿¡-–—*•·")
_ENDERS = frozenset(".!?…:;。！？")


def _sentence_start(text: str, pos: int) -> bool:
    """Is ``pos`` the first word of a sentence, a line or a quotation?"""
    j = pos - 1
    while j >= 0 and (text[j].isspace() or text[j] in _OPENERS):
        if text[j] == "\n":
            return True
        j -= 1
    return j < 0 or text[j] in _ENDERS


def _char_bounds(text: str, start: int, end: int) -> bool:
    """A term that starts/ends with a Latin letter or digit must not continue a Latin word."""
    if _latin_alnum(text[start]) and start > 0 and _latin_alnum(text[start - 1]):
        return False
    if _latin_alnum(text[end - 1]) and end < len(text) and _latin_alnum(text[end]):
        return False
    return True


def _word_keys(view) -> list[tuple[str, str]]:
    """(casefold, key) of every word of a view, in its language (memoized per view)."""
    m = matcher(view.lang)
    cache, w = m._keys, m.word
    return [cache.get(t.text) or w(t.text) for t in view.words]


def _target_bag(view):
    """What a target offers to satisfy required variants: word keys, casefolded words, lower text."""
    m = matcher(view.lang)
    keys, cfs = set(), set()
    for cf, key in view.memo(_word_keys):
        keys.add(key)
        cfs.add(cf)
        if "-" in cf or "'" in cf or "’" in cf:  # parts of servidor-web, dell'acqua
            for part in regex.split(r"[-'’]", cf):
                if part:
                    pc, pk = m.word(part)
                    keys.add(pk)
                    cfs.add(pc)
    by_prefix: dict[str, list[str]] = {}  # first four letters -> words (for the common-prefix rule)
    for cf in cfs:
        if len(cf) >= 4:
            by_prefix.setdefault(cf[:4], []).append(cf)
    return keys, cfs, _lower(view.text), by_prefix


class PairIndex:
    """The glossary compiled for one language pair: source terms to find, forbidden target terms to
    find, and per entry group the required target variants."""

    def __init__(self, entries: list[Entry], src: str | None, tgt: str | None):
        self.src, self.tgt = src, tgt
        self.sources = TermSet(src)
        self.forbidden = TermSet(tgt)
        self.allowed = TermSet(tgt)  # for telling a forbidden term from part of a required one
        groups: dict[str, Group] = {}
        sm, tm = matcher(src), matcher(tgt)
        for e in entries:
            for s in e.sources:
                key = _norm_term(s)
                g = groups.get(key)
                if g is None:
                    g = groups[key] = Group(key)
                    self.sources.add(Term(key, g, sm))
                g.entries.append(e)
                for t in map(_norm_term, e.targets):
                    if t not in g.targets:
                        g.targets.append(t)
                for t in map(_norm_term, e.forbidden):
                    if t not in g.forbidden:
                        g.forbidden.append(t)
                if e.note and e.note not in g.notes:
                    g.notes.append(e.note)
        self.groups = groups
        self.variants: dict[int, list[Term]] = {}
        seen_f: set[str] = set()
        seen_a: set[str] = set()
        for g in groups.values():
            self.variants[id(g)] = [Term(t, g, tm) for t in g.targets]
            for t in g.forbidden:
                if t not in seen_f:
                    seen_f.add(t)
                    self.forbidden.add(Term(t, g, tm))
            for t in g.targets:
                if t not in seen_a:
                    seen_a.add(t)
                    self.allowed.add(Term(t, g, tm))
        for ts in (self.sources, self.forbidden, self.allowed):
            ts.freeze()

    def source_hits(self, view) -> list[tuple[int, int, Term]]:
        return self.sources.find(view)

    def forbidden_hits(self, view) -> list[tuple[int, int, Term]]:
        return self.forbidden.find(view) if self.forbidden else []

    def allowed_hits(self, view) -> list[tuple[int, int, Term]]:
        return self.allowed.find(view)

    def satisfied(self, group: Group, view) -> bool:
        """Does the target contain any required variant of the group (tolerantly: words in any order,
        stems, compounds in compounding languages, substrings of longer words)?"""
        m = matcher(view.lang)
        bag = view.memo(_target_bag)
        for term in self.variants.get(id(group), ()):
            if _variant_in(term, bag, m):
                return True
        return False


def _variant_in(term: Term, bag, m: LangMatcher) -> bool:
    keys, cfs, low, by_prefix = bag
    if m.chars or not term.n:
        return term.cf.strip() in low if term.cf.strip() else False
    for cf, key in zip(term.cfs, term.keys):
        if cf in cfs or (len(cf) >= 5 and cf in low):
            continue
        if m.exact:
            return False
        if len(cf) <= 3 and any(w.startswith(cf) and len(w) - len(cf) <= 2 for w in cfs):
            continue  # short words: plural-like endings (año/años, an/ans)
        if m.stemmer is not None and key in keys:
            continue
        # a bounded common prefix too: stemmers are not always consistent (ru: система/систему)
        if len(cf) >= 4 and any(_prefix_match(cf, w) for w in by_prefix.get(cf[:4], ())):
            continue
        if m.compounding and len(key) >= 4 and (any(key in w for w in cfs) or any(key in k for k in keys)
                                                 or any(_fold(key) in _fold(w) for w in cfs)):
            continue
        return False
    return True
