"""Gettext PO reader: our own streaming parser (one entry in memory at a time, line numbers kept).

Translate Toolkit's ``pypo`` loads a whole file and keeps no line numbers, so this module parses
PO itself, following the gettext manual: comments (``#``, ``#.``, ``#:``, ``#,``, ``#|``), then
``msgctxt``, ``msgid``, ``msgid_plural``, ``msgstr`` / ``msgstr[N]``, each a run of quoted strings
with C escapes (``\\n \\t \\r \\" \\\\ \\a \\b \\f \\v``, octal ``\\ooo``, hex ``\\xhh``). The tests check it
against ``pypo`` on the same files.

- The header entry (``msgid ""`` without context) is not a pair: its ``Language`` gives the target
  language, ``X-Source-Language`` (if any) the source language, ``Content-Type: charset`` the
  encoding (UTF-8 unless it says otherwise; a BOM wins).
- Obsolete entries (``#~``) are not pairs (nothing in them is shipped); they are counted in
  ``PairSource.meta["units"]``. Fuzzy entries are pairs, with "fuzzy" in ``Pair.note`` and
  ``Pair.unit.state == "fuzzy"``.
- An empty ``msgstr`` means "untranslated" in PO: ``Pair.target = None`` (PO cannot tell "missing"
  from "empty"). An entry whose every ``msgstr`` is empty has ``unit.state == "untranslated"``;
  one with some plural forms empty is translated (or fuzzy) with those forms missing.
- Plural entries give one pair per ``msgstr[N]``, ids ending in ``[N]``. Which source a form
  translates is decided by the numbers it is used for (``audit.lang.plurals``), from the file's
  ``Plural-Forms`` expression, else from the CLDR rules of the language: a form used for the number
  1 alone translates ``msgid``, every other form ``msgid_plural`` (so with ``nplurals=1``, ja/zh,
  ``msgstr[0]`` translates ``msgid_plural``; Russian ``msgstr[0]``, used for 1, 21, 31..., too).
  Without either, form 0 translates ``msgid`` and the others ``msgid_plural``. A form used for
  one number only has ``unit.single`` set (it may drop the count placeholder).
- ``Pair.unit`` (``audit.core.model.Unit``): key (the pair id without ``[N]``), state, the ``#,``
  flags (``fuzzy``, ``c-format``, ``python-format``, ``no-python-brace-format``...), plural form and
  form count, ``msgid``/``msgid_plural``, the previous ``#| msgid``, ``msgctxt``, the ``#:``
  references, the ``Plural-Forms`` header, its line and its ``nplurals``.
- Pair ids: ``msgid``, or ``msgctxt|msgid`` when there is a context (the key gettext itself uses).
  ``Pair.note``: "fuzzy", "msgctxt: ...", then the translator and extracted comments, one a line.
- Origins: the line of the ``msgid`` (source) and of the ``msgstr`` (target); unit: the pair id.
"""
from __future__ import annotations

import codecs
import re
from collections.abc import Iterator

from audit.core import lazyre, limits
from audit.core.decode import open_text_lines
from audit.core.errors import InputError
from audit.core.limits import text_codec
from audit.core.model import Origin, Pair, Unit
from audit.inputs import PairSource, normalize_lang
from audit.lang.plurals import (
    PluralError,
    cldr_distribution,
    parse_plural_forms,
    single_number,
)

_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "a": "\a", "b": "\b", "f": "\f",
            "v": "\v", "'": "'", "?": "?"}
_ESCAPE_RE = lazyre.re_compile(r"\\(?:([0-7]{1,3})|x([0-9A-Fa-f]{1,2})|(.))", re.DOTALL)
# one line: an optional keyword (msgstr[N] for plurals), then one "..." string and nothing else
_LINE = lazyre.re_compile(r'(?:(msgctxt|msgid_plural|msgid|msgstr)(?:\[(\d+)\])?[ \t]*)?"([^"\\]*(?:\\.[^"\\]*)*)"\Z', re.DOTALL)


class _Entry:
    __slots__ = (
        "comments",
        "ctx",
        "first_line",
        "flags",
        "fuzzy",
        "has_msgid",
        "id_line",
        "locations",
        "msgid",
        "msgstr",
        "obsolete",
        "pf_line",
        "plural",
        "previous",
        "str_lines",
    )

    def __init__(self, line: int):
        self.ctx: str | None = None
        self.msgid = ""
        self.plural: str | None = None
        self.msgstr: dict[int, str] = {}
        self.fuzzy = False
        self.comments: list[str] = []
        self.id_line = line
        self.str_lines: dict[int, int] = {}
        self.first_line = line
        self.has_msgid = False
        self.flags: tuple[str, ...] = ()
        self.previous: str | None = None
        self.locations: list[str] = []
        self.pf_line: int | None = None  # the header: the line of its Plural-Forms field
        self.obsolete = False  # a ``#~`` entry


def _unescape(s: str, path: str, lineno: int) -> str:
    if "\\" not in s:
        return s

    def sub(m: re.Match) -> str:
        if m.group(1) is not None:
            return chr(int(m.group(1), 8))
        if m.group(2) is not None:
            return chr(int(m.group(2), 16))
        c = m.group(3)
        if c in _ESCAPES:
            return _ESCAPES[c]
        raise InputError(f"invalid escape sequence \\{c} in a PO string", path, lineno)

    return _ESCAPE_RE.sub(sub, s)


def _header_fields(text: str) -> dict[str, str]:
    out = {}
    for line in text.split("\n"):
        key, sep, value = line.partition(":")
        if sep:
            out[key.strip().lower()] = value.strip()
    return out


def _entries(path: str, encoding: str | None = None, counts: dict | None = None) -> Iterator[_Entry]:
    """Parsed entries in file order (header included; obsolete ``#~`` entries as entries with
    ``obsolete`` set, a damaged one dropped as gettext ignores it; ``counts``, when given, gets
    ``obsolete``: how many obsolete entries there are)."""
    parser = _Parser(path)
    for lineno, line in open_text_lines(path, encoding=encoding):
        done = parser.line(line.strip(), lineno)
        if done is not None:
            yield done
        if parser.ready:
            yield from parser.ready
            parser.ready.clear()
    if parser.cur is not None:
        yield parser.finish()
    parser.flush_obsolete()
    yield from parser.ready
    if counts is not None:
        counts["obsolete"] = parser.obsolete


class _Parser:
    """The state of reading one PO file line by line: the entry being read, where continuation
    strings go, and the comments and flags waiting for the next entry."""

    def __init__(self, path: str):
        self.path = path
        self.cur: _Entry | None = None
        self.field: str | tuple | None = None  # where continuation strings go: "ctx", "id", "plural", ("str", n)
        self.pending: list[str] = []
        self.pending_fuzzy = False
        self.pending_line: int | None = None
        self.pending_flags: list[str] = []
        self.pending_locations: list[str] = []
        self.pending_prev: str | None = None
        self.prev_field: str | None = None  # the "#|" keyword continuation strings go to
        self.obsolete = 0
        self.obs: _Parser | None = None  # reads the ``#~`` lines (the prefix taken off)
        self.ready: list[_Entry] = []  # obsolete entries completed, for ``_entries`` to hand on

    def obsolete_line(self, body: str, lineno: int) -> None:
        """One ``#~`` line without its prefix, read by the parser of obsolete entries."""
        obs = self.obs = self.obs or _Parser(self.path)
        starts = body.startswith(("msgid", "msgctxt")) and (obs.cur is None or bool(obs.cur.msgstr))
        if starts and self.pending_line is not None:  # the comments and flags before it are its own
            obs.pending, obs.pending_fuzzy, obs.pending_line = self.pending, self.pending_fuzzy, self.pending_line
            obs.pending_flags, obs.pending_locations = self.pending_flags, self.pending_locations
        try:
            done = obs.line(body, lineno)
        except InputError:  # a damaged obsolete line: the entry before it kept if complete, the rest dropped
            self.flush_obsolete()
            obs._reset_pending()
            return
        if done is not None:
            done.obsolete = True
            self.ready.append(done)

    def flush_obsolete(self) -> None:
        """The obsolete entry being read, complete, to ``ready`` (an incomplete one is dropped)."""
        obs = self.obs
        if obs is not None and obs.cur is not None:
            if obs.cur.has_msgid and obs.cur.msgstr:
                e = obs.finish()
                e.obsolete = True
                self.ready.append(e)
            obs.cur, obs.field = None, None

    def finish(self) -> _Entry:
        """The current entry, checked, and no current entry any more."""
        e, self.cur = self.cur, None
        if not e.has_msgid:
            raise InputError("entry without msgid", self.path, e.first_line)
        if not e.msgstr:
            raise InputError("msgid without msgstr", self.path, e.id_line)
        return e

    def line(self, s: str, lineno: int) -> _Entry | None:
        """Read one stripped line; returns the entry it completes, if any."""
        if self.obs is not None and not s.startswith("#~"):
            self.flush_obsolete()  # any other line, a blank one too, ends an obsolete entry
        if not s:
            self.field = None if self.cur is None or self.cur.msgstr else self.field
            return None
        if s[0] == "#":
            return self.comment(s, lineno)
        m = _LINE.match(s)
        if m is None:
            if s.startswith(("msg", '"')):
                raise InputError('expected a string in double quotes (with \\" for a quote inside)', self.path, lineno)
            raise InputError(f"unexpected text in PO file: {s[:40]!r}", self.path, lineno)
        kw, num, value = m.group(1), m.group(2), m.group(3)
        if "\\" in value:
            value = _unescape(value, self.path, lineno)
        if kw is None:  # a continuation string
            self.continuation(value, lineno)
            return None
        return self.keyword(kw, num, value, lineno)

    def comment(self, s: str, lineno: int) -> _Entry | None:
        done = self.finish() if self.cur is not None and self.cur.msgstr else None
        self.field = None
        if s.startswith("#~"):  # obsolete entry: read apart (with the comments before it), counted
            body = s[2:].strip()
            if s[2:3] != "|" and body.startswith(("msgid ", 'msgid"')):
                self.obsolete += 1
            if s[2:3] != "|" and body:
                self.obsolete_line(body, lineno)
            self._reset_pending()
            return done
        if self.pending_line is None:
            self.pending_line = lineno
        kind = s[1:2]
        if kind == ",":
            flags = [f.strip() for f in s[2:].split(",")]
            self.pending_flags.extend(f for f in flags if f)
            if "fuzzy" in flags:
                self.pending_fuzzy = True
        elif kind == ":":
            self.pending_locations.extend(s[2:].split())
        elif kind == "|":
            self.previous_string(s[2:].strip())
        elif kind in (".", " ", ""):  # extracted and translator comments
            text = s[2:].strip() if kind == "." else s[1:].strip()
            if text:
                self.pending.append(text)
        return done

    def _reset_pending(self) -> None:
        self.pending, self.pending_fuzzy, self.pending_line = [], False, None
        self.pending_flags, self.pending_locations, self.pending_prev, self.prev_field = [], [], None, None

    def previous_string(self, s: str) -> None:
        """A ``#|`` line: the previous ``msgid`` (kept), ``msgctxt`` or ``msgid_plural`` (not kept),
        or a continuation string. A malformed one is a comment, as gettext treats it."""
        m = _LINE.match(s)
        if m is None or m.group(2) is not None:
            return
        kw, value = m.group(1), m.group(3)
        if "\\" in value:
            try:
                value = _unescape(value, self.path, 0)
            except InputError:
                return
        if kw is not None:
            self.prev_field = kw
            if kw == "msgid":
                self.pending_prev = value
        elif self.prev_field == "msgid" and self.pending_prev is not None:
            self.pending_prev += value

    def continuation(self, value: str, lineno: int) -> None:
        cur, field = self.cur, self.field
        if field is None or cur is None:
            raise InputError("string outside of an entry", self.path, lineno)
        if field == "ctx":
            cur.ctx = (cur.ctx or "") + value
        elif field == "id":
            cur.msgid += value
        elif field == "plural":
            cur.plural = (cur.plural or "") + value
        else:
            n = field[1]
            if cur.pf_line is None and "Plural-Forms" in value and cur.msgid == "" and cur.ctx is None:
                cur.pf_line = lineno
            cur.msgstr[n] += value

    def keyword(self, kw: str, num: str | None, value: str, lineno: int) -> _Entry | None:
        """A ``msgctxt``, ``msgid``, ``msgid_plural`` or ``msgstr[N]`` line; returns the entry it ends."""
        path, done = self.path, None
        if num is not None and kw != "msgstr":
            raise InputError(f"{kw}[{num}] is not PO syntax", path, lineno)
        cur = self.cur
        if kw in ("msgctxt", "msgid") and (cur is None or cur.msgstr or (kw == "msgctxt" and cur.has_msgid)):
            if cur is not None:
                done = self.finish()
            cur = self.cur = _Entry(self.pending_line or lineno)
            cur.comments, cur.fuzzy = self.pending, self.pending_fuzzy
            cur.flags, cur.previous, cur.locations = tuple(self.pending_flags), self.pending_prev, self.pending_locations
            self._reset_pending()
        if cur is None:
            raise InputError(f"{kw} before msgid", path, lineno)
        if kw == "msgctxt":
            if cur.has_msgid or cur.ctx is not None:
                raise InputError("misplaced msgctxt", path, lineno)
            cur.ctx, self.field = value, "ctx"
        elif kw == "msgid":
            if cur.has_msgid:
                raise InputError("two msgid in one entry", path, lineno)
            cur.msgid, cur.has_msgid, cur.id_line, self.field = value, True, lineno, "id"
        elif kw == "msgid_plural":
            if not cur.has_msgid or cur.msgstr or cur.plural is not None:
                raise InputError("misplaced msgid_plural", path, lineno)
            cur.plural, self.field = value, "plural"
        else:
            self.field = self.msgstr(cur, num, value, lineno)
        return done

    def msgstr(self, cur: _Entry, num: str | None, value: str, lineno: int) -> tuple:
        """A ``msgstr`` or ``msgstr[N]`` line of ``cur``; returns where its continuations go."""
        if not cur.has_msgid:
            raise InputError("msgstr before msgid", self.path, lineno)
        n = int(num) if num is not None else 0
        cap = limits.current().max_plural_index
        if n > cap:
            raise InputError(f"msgstr[{num}]: plural index above the limit of {cap} (limits.max-plural-index)",
                             self.path, lineno)
        if (num is None) != (cur.plural is None):
            raise InputError("msgstr[N] goes with msgid_plural, msgstr without it", self.path, lineno)
        if n in cur.msgstr:
            raise InputError(f"duplicate msgstr[{n}]", self.path, lineno)
        cur.msgstr[n] = value
        cur.str_lines[n] = lineno
        if "Plural-Forms" in value and cur.msgid == "" and cur.ctx is None:
            cur.pf_line = lineno
        return ("str", n)


class _Plurals:
    """What the file says about plural forms: its ``Plural-Forms`` header (as written, its line, the
    parsed form) and, per form count, the numbers each form is used for."""

    def __init__(self, header: str | None, line: int | None, lang: str | None):
        self.header, self.line, self.lang = header, line, lang
        self.parsed = None
        if header is not None:
            try:
                self.parsed = parse_plural_forms(header)
            except PluralError:
                pass  # reported by PLR001; the CLDR rules of the language stand in
        self._dist: dict[int, tuple | None] = {}

    @property
    def nplurals(self) -> int | None:
        return self.parsed.nplurals if self.parsed is not None else None

    def numbers(self, nforms: int) -> tuple | None:
        """For each form of an entry with ``nforms`` forms, the numbers 0..1000 it is used for
        (None: not known)."""
        if nforms not in self._dist:
            if self.parsed is not None:
                self._dist[nforms] = self.parsed.distribution()
            else:
                self._dist[nforms] = cldr_distribution(self.lang, nforms)
        return self._dist[nforms]


def _entry_state(e: _Entry) -> str:
    if all(v == "" for v in e.msgstr.values()):
        return "untranslated"
    return "fuzzy" if e.fuzzy else "translated"


def _pairs(path: str, encoding, src_lang, tgt_lang, counts: dict | None = None) -> Iterator[Pair]:
    index = 0
    tally = {"translated": 0, "fuzzy": 0, "untranslated": 0, "obsolete": 0}
    plurals = _Plurals(None, None, tgt_lang)
    for e in _entries(path, encoding, tally):
        if e.obsolete and e.msgid == "" and e.ctx is None:
            continue  # an obsolete header
        if e.msgid == "" and e.ctx is None:  # the header
            fields = _header_fields(e.msgstr.get(0, ""))
            if "plural-forms" in fields:
                plurals = _Plurals(fields["plural-forms"], e.pf_line, tgt_lang)
            continue
        base = e.msgid if e.ctx is None else f"{e.ctx}|{e.msgid}"
        if e.obsolete:
            base = "#~ " + base  # apart from a live entry with the same msgid
        note_parts = (["fuzzy"] if e.fuzzy else []) + ([f"msgctxt: {e.ctx}"] if e.ctx is not None else []) + e.comments
        note = "\n".join(note_parts) if note_parts else None
        plural = e.plural is not None
        if e.obsolete:
            state = "obsolete"  # counted by the parser, selected by --only obsolete
        else:
            state = _entry_state(e)
            tally[state] += 1
        nforms = len(e.msgstr)
        dist = plurals.numbers(nforms) if plural else None
        flags = frozenset(e.flags)
        location = " ".join(e.locations) if e.locations else None
        for n in sorted(e.msgstr):
            pid = f"{base}[{n}]" if plural else base
            nums = dist[n] if dist is not None and n < len(dist) else None
            if not plural:
                source = e.msgid
            elif nums is not None:
                source = e.msgid if nums == (1,) else e.plural
            else:
                source = e.msgid if n == 0 else e.plural
            target = e.msgstr[n]
            unit = Unit(
                key=base, state=state, flags=flags, form=n if plural else None, forms=nforms,
                singular=e.msgid if plural else None, plural=e.plural, previous=e.previous,
                plural_forms=plurals.header, single=single_number(nums) if nums else None, context=e.ctx,
                location=location, header_line=plurals.line, nplurals=plurals.nplurals,
            )
            yield Pair(
                id=pid, source=source, target=target if target != "" else None,
                source_lang=src_lang, target_lang=tgt_lang,
                source_origin=Origin(path, pid, e.id_line, None),
                target_origin=Origin(path, pid, e.str_lines[n], None),
                index=index, note=note, unit=unit,
            )
            index += 1
    if counts is not None:
        counts.clear()
        counts.update(tally)


_CHARSET = lazyre.re_compile(r"charset\s*=\s*([A-Za-z0-9_.:-]+)", re.IGNORECASE)


def _scan_header(path: str) -> tuple[str | None, dict[str, str]]:
    """(legacy encoding or None for UTF-8, header fields), from the header entry alone.

    The header is read as Latin-1 (every byte decodes; header fields are ASCII), so the
    declared charset can be learnt before the rest of the file is decoded with it."""
    fields: dict[str, str] = {}
    for e in _entries(path, "latin-1"):
        if e.msgid == "" and e.ctx is None:
            fields = _header_fields(e.msgstr.get(0, ""))
        break
    encoding = None
    m = _CHARSET.search(fields.get("content-type", ""))
    if m:
        name = m.group(1).lower()
        if name not in ("charset", "utf-8", "utf8"):
            try:
                codecs.lookup(name)
            except LookupError:
                raise InputError(f"unknown charset {name!r} in the PO header", path) from None
            codec = text_codec(name)
            if codec is None and ("utf-16" in name or "utf-32" in name or "utf_16" in name or "utf_32" in name):
                codec = codecs.lookup(name).name  # declared; the BOM decides how the file is read
            if codec is None:
                raise InputError(f"charset {name!r} in the PO header is not a text encoding", path)
            if codec != "utf-8" and "utf-16" not in codec and "utf-32" not in codec:
                encoding = codec
    return encoding, fields


def open_source(paths, src_lang, tgt_lang) -> PairSource:
    path = paths[0]
    encoding, fields = _scan_header(path)
    file_tgt = normalize_lang(fields.get("language"))
    file_src = normalize_lang(fields.get("x-source-language"))
    src, tgt = src_lang or file_src, tgt_lang or file_tgt
    meta: dict = {"encoding": encoding or "utf-8", "units": {}}
    return PairSource(paths, "po", lambda: _pairs(path, encoding, src, tgt, meta["units"]), normalize_lang(src),
                      normalize_lang(tgt), meta)
