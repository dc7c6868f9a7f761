"""Byte-faithful patching for write-back: a file decoded without loss, edited by spans, encoded again.

``Patched`` holds a file's bytes, the codec that decodes them with nothing lost (a BOM stays a
character, so it comes back), and a list of ``(start, end, replacement)`` edits in string offsets.
``result()`` applies the edits (they must not overlap) and encodes; with no edit it returns the
original bytes themselves, so a file nothing was decided about comes back byte-identical.
"""
from __future__ import annotations

from audit.core.errors import InputError

_BOMS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"),
         (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))


def lossless_codec(raw: bytes, declared: str | None = None) -> str:
    """The codec that decodes ``raw`` keeping its BOM as a character (so encoding restores it):
    by the BOM, else ``declared``, else UTF-8."""
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            return codec
    return declared or "utf-8"


class Patched:
    """A file's text and the edits to make to it."""

    def __init__(self, raw: bytes, codec: str, path: str):
        self.raw, self.codec, self.path = raw, codec, path
        try:
            self.text = raw.decode(codec)
        except (UnicodeDecodeError, LookupError) as exc:
            raise InputError(f"cannot decode the file as {codec}: {exc}", path) from None
        if self.text.encode(codec) != raw:  # would not come back as it was: refuse rather than alter
            raise InputError(f"the file does not round-trip through {codec}; it cannot be patched faithfully", path)
        self.edits: list[tuple[int, int, str]] = []

    def replace(self, start: int, end: int, text: str) -> None:
        if self.text[start:end] != text:
            self.edits.append((start, end, text))

    def insert(self, at: int, text: str) -> None:
        if text:
            self.edits.append((at, at, text))

    def new_text(self) -> str:
        edits = sorted(self.edits, key=lambda e: (e[0], e[1]))
        out, pos = [], 0
        for start, end, text in edits:
            if start < pos:
                raise InputError("internal error: overlapping write-back edits", self.path)
            out.append(self.text[pos:start])
            out.append(text)
            pos = end
        out.append(self.text[pos:])
        return "".join(out)

    def result(self) -> bytes:
        if not self.edits:
            return self.raw
        text = self.new_text()
        try:
            return text.encode(self.codec)
        except UnicodeEncodeError as exc:
            ch = exc.object[exc.start]
            raise InputError(f"a post-edit has U+{ord(ch):04X}, which the file's encoding {self.codec} cannot "
                             "carry", self.path) from None
