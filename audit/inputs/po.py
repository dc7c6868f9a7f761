"""Gettext PO reader: our own streaming parser (one entry in memory at a time, line numbers kept).

Translate Toolkit's ``pypo`` loads a whole file and keeps no line numbers, so this module parses
PO itself, following the gettext manual: comments (``#``, ``#.``, ``#:``, ``#,``, ``#|``), then
``msgctxt``, ``msgid``, ``msgid_plural``, ``msgstr`` / ``msgstr[N]``, each a run of quoted strings
with C escapes (``\\n \\t \\r \\" \\\\ \\a \\b \\f \\v``, octal ``\\ooo``, hex ``\\xhh``). The tests check it
against ``pypo`` on the same files.

- The header entry (``msgid ""`` without context) is not a pair: its ``Language`` gives the target
  language, ``X-Source-Language`` (if any) the source language, ``Content-Type: charset`` the
  encoding (UTF-8 unless it says otherwise; a BOM wins).
- Obsolete entries (``#~``) are skipped. Fuzzy entries are pairs, with "fuzzy" in ``Pair.note``.
- An empty ``msgstr`` means "untranslated" in PO: ``Pair.target = None`` (PO cannot tell "missing"
  from "empty").
- Plural entries give one pair per ``msgstr[N]``: the source is ``msgid`` for form 0 and
  ``msgid_plural`` for the others; ids end in ``[N]``.
- Pair ids: ``msgid``, or ``msgctxt|msgid`` when there is a context (the key gettext itself uses).
  ``Pair.note``: "fuzzy", "msgctxt: ...", then the translator and extracted comments, one a line.
- Origins: the line of the ``msgid`` (source) and of the ``msgstr`` (target); unit: the pair id.
"""
from __future__ import annotations

import codecs
import re
from typing import Iterator

from audit.core.decode import open_text_lines
from audit.core.errors import InputError
from audit.core.limits import MAX_PLURAL_INDEX, text_codec
from audit.core.model import Origin, Pair
from audit.inputs import PairSource, normalize_lang

_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "a": "\a", "b": "\b", "f": "\f",
            "v": "\v", "'": "'", "?": "?"}
_ESCAPE_RE = re.compile(r"\\(?:([0-7]{1,3})|x([0-9A-Fa-f]{1,2})|(.))", re.S)
# one line: an optional keyword (msgstr[N] for plurals), then one "..." string and nothing else
_LINE = re.compile(r'(?:(msgctxt|msgid_plural|msgid|msgstr)(?:\[(\d+)\])?[ \t]*)?"([^"\\]*(?:\\.[^"\\]*)*)"\Z', re.S)


class _Entry:
    __slots__ = ("ctx", "msgid", "plural", "msgstr", "fuzzy", "comments", "obsolete",
                 "id_line", "str_lines", "first_line", "has_msgid")

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


def _entries(path: str, encoding: str | None = None) -> Iterator[_Entry]:
    """Parsed entries in file order (header included, obsolete entries excluded)."""
    parser = _Parser(path)
    for lineno, line in open_text_lines(path, encoding=encoding):
        done = parser.line(line.strip(), lineno)
        if done is not None:
            yield done
    if parser.cur is not None:
        yield parser.finish()


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
        if s.startswith("#~"):  # obsolete entry: skipped with the comments before it
            self.pending, self.pending_fuzzy, self.pending_line = [], False, None
            return done
        if self.pending_line is None:
            self.pending_line = lineno
        kind = s[1:2]
        if kind == ",":
            flags = [f.strip() for f in s[2:].split(",")]
            if "fuzzy" in flags:
                self.pending_fuzzy = True
        elif kind in (".", " ", ""):  # extracted and translator comments
            text = s[2:].strip() if kind == "." else s[1:].strip()
            if text:
                self.pending.append(text)
        # "#:" references and "#|" previous strings are not needed
        return done

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
            self.pending, self.pending_fuzzy, self.pending_line = [], False, None
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
        if n > MAX_PLURAL_INDEX:
            raise InputError(f"msgstr[{num}]: plural index above the limit of {MAX_PLURAL_INDEX}", self.path, lineno)
        if (num is None) != (cur.plural is None):
            raise InputError("msgstr[N] goes with msgid_plural, msgstr without it", self.path, lineno)
        if n in cur.msgstr:
            raise InputError(f"duplicate msgstr[{n}]", self.path, lineno)
        cur.msgstr[n] = value
        cur.str_lines[n] = lineno
        return ("str", n)


def _pairs(path: str, encoding, src_lang, tgt_lang) -> Iterator[Pair]:
    index = 0
    for e in _entries(path, encoding):
        if e.msgid == "" and e.ctx is None:  # the header
            continue
        base = e.msgid if e.ctx is None else f"{e.ctx}|{e.msgid}"
        note_parts = (["fuzzy"] if e.fuzzy else []) + ([f"msgctxt: {e.ctx}"] if e.ctx is not None else []) + e.comments
        note = "\n".join(note_parts) if note_parts else None
        plural = e.plural is not None
        for n in sorted(e.msgstr):
            pid = f"{base}[{n}]" if plural else base
            source = e.msgid if n == 0 or not plural else e.plural
            target = e.msgstr[n]
            yield Pair(
                id=pid, source=source, target=target if target != "" else None,
                source_lang=src_lang, target_lang=tgt_lang,
                source_origin=Origin(path, pid, e.id_line, None),
                target_origin=Origin(path, pid, e.str_lines[n], None),
                index=index, note=note,
            )
            index += 1


_CHARSET = re.compile(r"charset\s*=\s*([A-Za-z0-9_.:-]+)", re.I)


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
    return PairSource(paths, "po", lambda: _pairs(path, encoding, src, tgt), normalize_lang(src), normalize_lang(tgt),
                      {"encoding": encoding or "utf-8"})
