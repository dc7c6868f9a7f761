"""Input limits as policy, in one place: each is a documented ceiling that a hostile or damaged
input must not exceed; a breach is an ``InputError`` naming the file, the line and the limit.

The values are generous for real catalogs and corpora (a gettext language has at most six plural
forms; JSON ids are short) and small enough that no single value can make a reader hang or a
parser recurse without bound.
"""
from __future__ import annotations

import codecs
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from functools import lru_cache
from typing import Any

from audit.core.errors import InputError

# One line of a line-based input (TSV, JSONL, PO, text): a segment of two million characters is far
# beyond any translation unit, and every check holds a few copies of a segment at once.
MAX_LINE_CHARS = 2_000_000
# One segment (either side of a pair) of any format (XLIFF and TMX units have no lines): a check
# holds a segment, its analyses and its flags at once; at a million characters the worst shapes
# measured (bench/bench_long_segments.py: tags or numbers throughout, hundreds of thousands of flags)
# stay under 1 GiB, at two million they pass it.
MAX_SEGMENT_CHARS = 1_000_000
# ``msgstr[N]``: the largest plural index accepted (gettext languages use 0-5).
MAX_PLURAL_INDEX = 99
# Nesting of XML elements (XLIFF, TMX): real files nest a handful of levels (inline codes in a
# segment add a few more); libxml2 itself stops at 256 without ``huge_tree``.
MAX_XML_DEPTH = 128
# Digits of an integer in JSON (Python refuses more than 4300 by default, with a ValueError).
MAX_JSON_INT_DIGITS = 4300
# Zipped inputs (.docx): the uncompressed size of one member and of all members, the compression
# ratio of a member (real Office XML compresses 5-20 times; a zip bomb thousands of times), and the
# member count.
MAX_ZIP_MEMBER_BYTES = 64 * 1024 * 1024
MAX_ZIP_TOTAL_BYTES = 256 * 1024 * 1024
MAX_ZIP_RATIO = 100
MAX_ZIP_MEMBERS = 10_000
# A whole input file, in bytes (a reader streams, but a ceiling names the policy; 100 MB inputs
# are checked to stay linear in bench/bench_long_segments.py).
MAX_INPUT_BYTES = 8 * 1024 ** 3


@dataclass(frozen=True)
class Limits:
    """The limits in force. Each field defaults to the constant of the same name in capitals
    above; ``[tool.transaudit.limits]`` in the config overrides any of them (``configure``)."""

    max_input_bytes: int = MAX_INPUT_BYTES
    max_line_chars: int = MAX_LINE_CHARS
    max_segment_chars: int = MAX_SEGMENT_CHARS
    max_plural_index: int = MAX_PLURAL_INDEX
    max_xml_depth: int = MAX_XML_DEPTH
    max_json_int_digits: int = MAX_JSON_INT_DIGITS
    max_zip_member_bytes: int = MAX_ZIP_MEMBER_BYTES
    max_zip_total_bytes: int = MAX_ZIP_TOTAL_BYTES
    max_zip_ratio: int = MAX_ZIP_RATIO
    max_zip_members: int = MAX_ZIP_MEMBERS


LIMIT_NAMES = tuple(f.name for f in fields(Limits))
_current = Limits()


def current() -> Limits:
    """The limits in force in this process (worker processes inherit them when forked)."""
    return _current


def validate(values: Any) -> dict[str, int]:
    """``values`` (a config table, keys with ``-`` or ``_``) as {field: positive int}; a
    ``ValueError`` with one line naming the first bad key or value."""
    if not isinstance(values, Mapping):
        raise ValueError("'limits' must be a table of limit = number")  # noqa: TRY004
    out = {}
    for key in sorted(values):
        name = str(key).replace("-", "_")
        if name not in LIMIT_NAMES:
            raise ValueError(f"unknown limit {key!r} (valid: {', '.join(n.replace('_', '-') for n in LIMIT_NAMES)})")
        v = values[key]
        if isinstance(v, bool) or not isinstance(v, int) or v < 1:
            raise ValueError(f"limit {key!r} must be a positive whole number, not {v!r}")
        out[name] = v
    return out


def configure(values: Mapping[str, int] | None) -> Limits:
    """Put the defaults, overridden by ``values`` (validated), in force; returns them."""
    global _current
    _current = replace(Limits(), **validate(values or {}))
    return _current


# Codecs that are text encodings by name but never a file's charset: escapes, IDNA labels.
_NOT_FILE_CODECS = frozenset({"unicode-escape", "raw-unicode-escape", "idna", "punycode", "utf-7"})
_ASCII = bytes(range(0x20, 0x7F)) + b"\t\n\r"


@lru_cache(maxsize=64)
def text_codec(name: str) -> str | None:
    """The canonical name of ``name`` when it is an ASCII-compatible text encoding (what Python
    calls a text encoding, decoding printable ASCII to itself), else None: ``zlib``, ``base64``,
    ``rot13`` or ``punycode`` in a charset declaration are refused, never run."""
    try:
        info = codecs.lookup(name)
    except LookupError:
        return None
    if not getattr(info, "_is_text_encoding", True) or info.name in _NOT_FILE_CODECS:
        return None
    try:
        if _ASCII.decode(info.name) != _ASCII.decode("ascii"):
            return None
    except (UnicodeError, LookupError):
        return None
    return info.name


def check_size(path: str) -> None:
    """Refuse a file above ``max_input_bytes`` before any reader opens it."""
    import os

    try:
        size = os.stat(path).st_size
    except OSError:
        return  # the reader reports what is wrong with the path
    cap = current().max_input_bytes
    if size > cap:
        raise InputError(f"file is {size:,} bytes, above the limit of {cap:,} (limits.max-input-bytes)", path)


def check_segment(pair: Any, path: str) -> None:
    """Refuse a pair either side of which is longer than ``max_segment_chars``."""
    cap = current().max_segment_chars
    for side, text in (("source", pair.source), ("target", pair.target or "")):
        if len(text) > cap:
            origin = getattr(pair, f"{side}_origin", None)
            raise InputError(f"{side} of segment {pair.id} is {len(text):,} characters, above the limit of {cap:,} "
                             "(limits.max-segment-chars)", (origin and origin.path) or path, origin and origin.line)


def check_xml_depth(el: Any, path: str) -> None:
    """Refuse an XML element (a unit just parsed) nested deeper than ``max_xml_depth``, counting its
    ancestors and its own subtree. libxml2 refuses more than 256 levels by itself (no
    ``huge_tree``), so a limit above 256 changes nothing."""
    cap = current().max_xml_depth
    depth = 0
    p = el.getparent()
    while p is not None:
        depth += 1
        p = p.getparent()
    stack = [(el, depth + 1)]
    while stack:
        node, d = stack.pop()
        if d > cap:
            raise InputError(f"XML nested {d} levels deep, above the limit of {cap} (limits.max-xml-depth)",
                             path, getattr(node, "sourceline", None))
        stack.extend((child, d + 1) for child in node)


def check_zip(path: str) -> None:
    """Refuse a zip (``.docx``) whose members would unpack beyond the limits above, before anything
    unpacks it. The sizes are those the zip declares; Python's ``zipfile`` never reads a member
    past its declared size, so a lying header cannot get more through."""
    import zipfile

    lim = current()
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise InputError(f"not a readable zip file ({exc.__class__.__name__})", path) from None
    if len(infos) > lim.max_zip_members:
        raise InputError(f"zip holds {len(infos)} members, above the limit of {lim.max_zip_members}", path)
    total = 0
    for info in infos:
        size = info.file_size
        total += size
        if size > lim.max_zip_member_bytes:
            raise InputError(f"zip member {info.filename[:60]!r} unpacks to {size} bytes, above the limit of "
                             f"{lim.max_zip_member_bytes}", path)
        if size > 1_000_000 and size > lim.max_zip_ratio * max(1, info.compress_size):
            raise InputError(f"zip member {info.filename[:60]!r} is compressed {size // max(1, info.compress_size)}"
                             f" times, above the limit of {lim.max_zip_ratio} (a zip bomb?)", path)
    if total > lim.max_zip_total_bytes:
        raise InputError(f"zip unpacks to {total} bytes, above the limit of {lim.max_zip_total_bytes}", path)
