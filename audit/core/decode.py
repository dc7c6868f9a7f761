"""Decoding input bytes: UTF-8 (with or without BOM), UTF-16 or UTF-32 with BOM; binary files refused.

Text is read streaming, one line at a time, split on ``\\n`` only (a ``\\r`` before it is dropped;
a ``\\r`` elsewhere, U+2028 and other Unicode separators stay in the text), except in files whose
first megabyte has carriage returns and no ``\\n`` at all (classic Mac OS line ends), which are
split on ``\\r``. Anything that is not
valid in the detected encoding is an ``InputError`` naming the file, the line and the column
(in characters) of the first bad byte. XML formats are decoded by lxml, which honours the
declared encoding; they only use ``sniff_binary`` from here.
"""
from __future__ import annotations

import codecs
from collections.abc import Iterator

from audit.core import limits
from audit.core.errors import InputError

_SNIFF = 8192
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def bom_encoding(head: bytes) -> str | None:
    """The encoding a byte-order mark announces, or None."""
    for bom, enc in _BOMS:
        if head.startswith(bom):
            return enc
    return None


def looks_binary(head: bytes) -> bool:
    """True for bytes that are not text in any encoding we read (NUL bytes without a UTF-16/32 BOM).

    UTF-16 XML without a BOM (``<\\0?\\0x\\0`` as the XML spec allows) is not binary."""
    if b"\x00" not in head or bom_encoding(head) in ("utf-16", "utf-32"):
        return False
    return not (head.startswith(b"<\x00?\x00") or head.startswith(b"\x00<\x00?"))


def utf16_without_bom(head: bytes) -> bool:
    """True when ``head`` reads as UTF-16 text without a byte order mark: NUL bytes at (almost) every
    other position, the high bytes of ASCII and Latin characters, and (almost) none between them."""
    n = len(head) - len(head) % 2
    if n < 8:
        return False
    even, odd = head[0:n:2].count(0), head[1:n:2].count(0)
    half = n // 2
    return max(even, odd) >= 0.6 * half and min(even, odd) <= 0.02 * half


def binary_error(head: bytes, path: str) -> InputError:
    """The error for a file whose head ``looks_binary``: UTF-16 without BOM is named as such."""
    line = head.count(b"\n", 0, head.index(b"\x00")) + 1
    if utf16_without_bom(head):
        # a UTF-16 LE line feed is b"\n\x00": count lines in the decoded text instead
        codec = "utf-16-le" if head[1:len(head) - len(head) % 2:2].count(0) > head[0::2].count(0) else "utf-16-be"
        first_nul = head.index(b"\x00")
        line = head[:first_nul - first_nul % 2].decode(codec, errors="replace").count("\n") + 1
        return InputError("looks like UTF-16 without a byte order mark; convert the file to UTF-8 "
                          "(or save it with a BOM)", path, line)
    return InputError("looks like a binary file (NUL bytes), not text", path, line)


def detect_encoding(path: str) -> str:
    with open(path, "rb") as fh:
        head = fh.read(_SNIFF)
    enc = bom_encoding(head)
    if enc is not None:
        return enc
    if looks_binary(head):
        raise binary_error(head, path)
    return "utf-8"


def _char_column(raw: bytes, byte_index: int) -> int:
    """1-based column (in characters) of ``byte_index`` within a line whose prefix is valid UTF-8."""
    return len(raw[:byte_index].decode("utf-8", errors="replace")) + 1


def _utf8_error(path: str, raw_line: bytes, lineno: int, exc: UnicodeDecodeError) -> InputError:
    return InputError(
        f"not valid UTF-8 (byte 0x{raw_line[exc.start]:02x} at column {_char_column(raw_line, exc.start)}); "
        "convert the file to UTF-8",
        path, lineno,
    )


def _locate_error(path: str, enc: str, data: bytes | None = None) -> InputError:
    """The line and column of the first undecodable unit of a whole file (error path only)."""
    if data is None:
        with open(path, "rb") as fh:
            data = fh.read()
    name = "UTF-16" if enc.startswith("utf-16") else "UTF-32" if enc.startswith("utf-32") else enc
    try:
        data.decode(enc)
    except UnicodeDecodeError as exc:
        text = data[:exc.start].decode(enc, errors="replace")
        line = text.count("\n") + 1
        col = len(text) - (text.rfind("\n") + 1) + 1
        return InputError(f"not valid {name} ({exc.reason} at column {col}); convert the file to UTF-8", path, line)
    return InputError(f"not valid {name}; convert the file to UTF-8", path)


def _strip_eol(line: str) -> str:
    if line.endswith("\n"):
        line = line[:-1]
        line = line.removesuffix("\r")
    return line


def _first_bad_utf8_line(path: str, codec: str) -> InputError:
    """Error path: re-read line by line to name the first line that does not decode."""
    lineno = None
    with open(path, "rb") as fh:
        for lineno, raw in enumerate(fh, 1):
            if lineno == 1 and raw.startswith(codecs.BOM_UTF8):
                raw = raw[3:]
            try:
                raw.decode(codec)
            except UnicodeDecodeError as exc:
                if codec == "utf-8":
                    return _utf8_error(path, raw, lineno, exc)
                return InputError(f"not valid {codec} (byte 0x{raw[exc.start]:02x}); convert the file to UTF-8",
                                  path, lineno)
    return InputError(f"not valid {codec}", path, lineno)  # pragma: no cover - the block decoder failed


_BLOCK = 1 << 20


def open_text_lines(path: str, keepends: bool = False, encoding: str | None = None) -> Iterator[tuple[int, str]]:
    """Yield (1-based line number, line), streaming; lines split on ``\\n`` only (``\\r\\n`` tolerated).

    ``encoding`` forces an ASCII-compatible legacy encoding (a PO file's declared charset);
    by default the encoding comes from the BOM, else UTF-8. The file is decoded in blocks of
    1 MB (memory stays flat); a decoding error is located precisely by re-reading.
    """
    enc = detect_encoding(path)
    if enc in ("utf-16", "utf-32", "utf-8-sig"):
        codec = enc
    else:
        codec = encoding or "utf-8"
    decoder = codecs.getincrementaldecoder(codec)("strict")
    lineno = 0
    rest = ""
    eol = None  # "\n", or "\r" for a file with carriage returns only (decided on the first block)
    with open(path, "rb") as fh:
        while True:
            block = fh.read(_BLOCK)
            final = not block
            try:
                text = decoder.decode(block, final=final)
            except UnicodeDecodeError:
                if codec in ("utf-16", "utf-32"):
                    raise _locate_error(path, codec) from None
                raise _first_bad_utf8_line(path, "utf-8" if codec == "utf-8-sig" else codec) from None
            if "\x00" in text:
                chunk = rest + text
                line = lineno + chunk.count("\n", 0, chunk.index("\x00")) + 1
                raise InputError("NUL character in text (binary file?)", path, line)
            if eol is None and (text or final):
                eol = "\r" if "\r" in text and "\n" not in text else "\n"
            if final:
                if rest:
                    lineno += 1
                    yield lineno, rest
                return
            lines = (rest + text).split(eol)
            rest = lines.pop()
            cap = limits.current().max_line_chars
            if len(rest) > cap or (lines and max(map(len, lines)) > cap):
                long_at = next((i for i, ln in enumerate(lines) if len(ln) > cap), len(lines))
                raise InputError(f"line longer than the limit of {cap:,} characters (limits.max-line-chars)", path,
                                 lineno + long_at + 1)
            if keepends:
                for line in lines:
                    lineno += 1
                    yield lineno, line + eol
            else:
                for line in lines:
                    lineno += 1
                    yield lineno, line.removesuffix("\r")


def read_text(path: str) -> str:
    """The whole decoded file (for documents and formats that need it)."""
    enc = detect_encoding(path)
    with open(path, "rb") as fh:
        data = fh.read()
    if enc == "utf-8-sig":
        data = data[3:]
        enc = "utf-8"
    try:
        text = data.decode(enc)
    except UnicodeDecodeError as exc:
        if enc == "utf-8":
            lineno = data.count(b"\n", 0, exc.start) + 1
            line_start = data.rfind(b"\n", 0, exc.start) + 1
            col = _char_column(data[line_start:exc.start + 1], exc.start - line_start)
            raise InputError(f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at column {col}); "
                             "convert the file to UTF-8", path, lineno) from None
        raise _locate_error(path, enc, data) from None
    if "\x00" in text:
        raise InputError("NUL character in text (binary file?)", path, text.count("\n", 0, text.index("\x00")) + 1)
    if "\r" in text and "\n" not in text:
        # classic Mac OS line ends: one character for one, so offsets still index the decoded text
        text = text.replace("\r", "\n")
    return text
