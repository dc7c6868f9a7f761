"""Glossary files: TSV, CSV and TBX, read into entries and concepts.

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
"""
from __future__ import annotations

import csv
import hashlib
import io
import os
from typing import Iterable, Sequence

import regex

from audit.checks.glossary.entries import Concept, Entry
from audit.checks.glossary.model import Glossary
from audit.core import lazyre
from audit.core.errors import InputError
from audit.core.model import base_lang
from audit.lang import cldr

_TRUE = frozenset({"1", "y", "yes", "x", "true", "forbidden", "deprecated", "!", "banned", "do not use"})
_SRC_NAMES = frozenset({"source", "source term", "source_term", "src", "term", "source text", "original"})
_TGT_NAMES = frozenset({"target", "target term", "target_term", "tgt", "translation", "target text"})
_NOTE_NAMES = frozenset({"note", "notes", "comment", "comments", "description", "definition", "context"})
_FORBID_NAMES = frozenset({"forbidden", "status", "forbidden term"})
_LANG_RE = lazyre.compile(r"^[a-z]{2,3}(?:[-_][a-z0-9]{2,8})*$", regex.I)
_FORBIDDEN_STATUS = lazyre.compile(r"^\s*(?:deprecated|superseded|forbidden|rejected|obsolete)", regex.I)


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


_QUOTED = lazyre.compile(r'^"((?:[^"]|"")*)"$')


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
