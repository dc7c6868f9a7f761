"""Input limits as policy, in one place: each is a documented ceiling that a hostile or damaged
input must not exceed; a breach is an ``InputError`` naming the file, the line and the limit.

The values are generous for real catalogs and corpora (a gettext language has at most six plural
forms; JSON ids are short) and small enough that no single value can make a reader hang or a
parser recurse without bound.
"""
from __future__ import annotations

import codecs
from functools import lru_cache

from audit.core.errors import InputError

# One line of a line-based input (TSV, JSONL, PO, text): a segment of two million characters is far
# beyond any translation unit, and every check holds a few copies of a segment at once.
MAX_LINE_CHARS = 2_000_000
# ``msgstr[N]``: the largest plural index accepted (gettext languages use 0-5).
MAX_PLURAL_INDEX = 99
# Digits of an integer in JSON (Python refuses more than 4300 by default, with a ValueError).
MAX_JSON_INT_DIGITS = 4300
# Zipped inputs (.docx): the uncompressed size of one member and of all members, the compression
# ratio of a member (real Office XML compresses 5-20 times; a zip bomb thousands of times), and the
# member count.
MAX_ZIP_MEMBER_BYTES = 64 * 1024 * 1024
MAX_ZIP_TOTAL_BYTES = 256 * 1024 * 1024
MAX_ZIP_RATIO = 100
MAX_ZIP_MEMBERS = 10_000
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


def check_zip(path: str) -> None:
    """Refuse a zip (``.docx``) whose members would unpack beyond the limits above, before anything
    unpacks it. The sizes are those the zip declares; Python's ``zipfile`` never reads a member
    past its declared size, so a lying header cannot get more through."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise InputError(f"not a readable zip file ({exc.__class__.__name__})", path) from None
    if len(infos) > MAX_ZIP_MEMBERS:
        raise InputError(f"zip holds {len(infos)} members, above the limit of {MAX_ZIP_MEMBERS}", path)
    total = 0
    for info in infos:
        size = info.file_size
        total += size
        if size > MAX_ZIP_MEMBER_BYTES:
            raise InputError(f"zip member {info.filename[:60]!r} unpacks to {size} bytes, above the limit of "
                             f"{MAX_ZIP_MEMBER_BYTES}", path)
        if size > 1_000_000 and size > MAX_ZIP_RATIO * max(1, info.compress_size):
            raise InputError(f"zip member {info.filename[:60]!r} is compressed {size // max(1, info.compress_size)}"
                             f" times, above the limit of {MAX_ZIP_RATIO} (a zip bomb?)", path)
    if total > MAX_ZIP_TOTAL_BYTES:
        raise InputError(f"zip unpacks to {total} bytes, above the limit of {MAX_ZIP_TOTAL_BYTES}", path)
