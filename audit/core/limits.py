"""Input limits as policy, in one place: each is a documented ceiling that a hostile or damaged
input must not exceed; a breach is an ``InputError`` naming the file, the line and the limit.

The values are generous for real catalogs and corpora (a gettext language has at most six plural
forms; JSON ids are short) and small enough that no single value can make a reader hang or a
parser recurse without bound.
"""
from __future__ import annotations

import codecs
from functools import lru_cache

# ``msgstr[N]``: the largest plural index accepted (gettext languages use 0-5).
MAX_PLURAL_INDEX = 99
# Digits of an integer in JSON (Python refuses more than 4300 by default, with a ValueError).
MAX_JSON_INT_DIGITS = 4300
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
