"""Decoding input bytes: UTF-8 (with or without BOM) or UTF-16 with BOM; binary files refused.

Errors name the file and the line of the first undecodable byte.
"""
from __future__ import annotations

import codecs
from typing import Iterator

from ..errors import InputError

_SNIFF = 8192


def detect_encoding(path: str) -> str:
    with open(path, "rb") as fh:
        head = fh.read(_SNIFF)
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith(codecs.BOM_UTF16_LE) or head.startswith(codecs.BOM_UTF16_BE):
        return "utf-16"
    if b"\x00" in head:
        raise InputError("looks like a binary file (NUL bytes), not text", path)
    return "utf-8"


def _raise_decode(path: str, raw_line: bytes, lineno: int, exc: UnicodeDecodeError) -> None:
    raise InputError(
        f"not valid UTF-8 (byte 0x{raw_line[exc.start]:02x} at column {exc.start + 1}); "
        "convert the file to UTF-8",
        path, lineno,
    ) from None


def open_text_lines(path: str, keepends: bool = False) -> Iterator[tuple[int, str]]:
    """Yield (1-based line number, line) streaming; lines split on \\n only (\\r\\n tolerated)."""
    enc = detect_encoding(path)
    if enc == "utf-16":
        try:
            with open(path, encoding="utf-16", newline="") as fh:
                for lineno, line in enumerate(fh, 1):
                    yield lineno, line if keepends else line.rstrip("\r\n")
        except UnicodeDecodeError as exc:
            raise InputError(f"not valid UTF-16: {exc.reason}", path) from None
        return
    with open(path, "rb") as fh:
        first = True
        for lineno, raw in enumerate(fh, 1):
            if first and enc == "utf-8-sig":
                raw = raw[3:]
            first = False
            if b"\x00" in raw:
                raise InputError("NUL byte in text (binary file?)", path, lineno)
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                _raise_decode(path, raw, lineno, exc)
            yield lineno, line if keepends else line.rstrip("\r\n")


def read_text(path: str) -> str:
    """The whole decoded file (for documents and formats that need it)."""
    enc = detect_encoding(path)
    with open(path, "rb") as fh:
        data = fh.read()
    if enc == "utf-8-sig":
        data = data[3:]
        enc = "utf-8"
    try:
        return data.decode(enc)
    except UnicodeDecodeError as exc:
        if enc == "utf-8":
            lineno = data.count(b"\n", 0, exc.start) + 1
            col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
            raise InputError(f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at column {col}); "
                             "convert the file to UTF-8", path, lineno) from None
        raise InputError(f"not valid {enc}: {exc.reason}", path) from None
