"""An input cut into partitions that workers read themselves (``--executor``, ``audit.pipeline.executors``).

Line-based formats (JSONL, TSV, a line-aligned text pair) in UTF-8 are cut into byte ranges
aligned to line starts: a ``Partition`` is (paths, byte range per path, first line number), so
that a worker reads only its range and the line numbers in its pairs' origins, its pair ids and
its errors are those of a serial read. The planner (``plan``) runs on the client: one sequential
pass over the file counting newlines up to each boundary (``bytes.count``, about 1 GB/s), no
parsing. Pair indices count from 0 within a partition; the client makes them global (it takes
the partitions in order and knows how many pairs each had).

Every other input (XLIFF, PO, TMX, documents, UTF-16, stdin, a filtered catalog, references) is
read by the client and shipped in chunks of packed pairs (``chunk_partitions``).
"""
from __future__ import annotations

import codecs
import os
from dataclasses import dataclass

from audit.core import limits
from audit.core.errors import InputError
from audit.core.model import Origin, Pair

PARTITIONED_FORMATS = ("jsonl", "tsv", "text")
_BLOCK = 1 << 20


@dataclass(frozen=True)
class Partition:
    """One worker's share of the input. ``kind``: ``jsonl``/``tsv``/``text`` (a byte range of
    ``paths``, read by the worker) or ``pairs`` (``pairs``: packed pairs the client read).
    ``ranges``: one (start, end) byte range per path; ``first_line``: the 1-based line number at
    ``start``; ``chars``: for a text pair, the code-point offset of each range's start in its
    decoded file (origins carry it); ``layout``: a TSV file's (header line, header layout)."""

    number: int
    kind: str
    paths: tuple[str, ...] = ()
    ranges: tuple[tuple[int, int], ...] = ()
    first_line: int = 1
    chars: tuple[int, ...] = ()
    layout: tuple = (None, None)
    pairs: tuple = ()

    def describe(self) -> dict:
        d = {"partition": self.number, "kind": self.kind}
        if self.kind != "pairs":
            d.update(paths=list(self.paths), ranges=[list(r) for r in self.ranges], first_line=self.first_line)
        else:
            d["pairs"] = len(self.pairs)
        return d


def _utf8(path: str) -> bool:
    """A file the partitioned reader decodes as the serial one does: UTF-8 (BOM or not), lines
    ending in ``\\n`` (a file with carriage returns only is read whole by the client)."""
    from audit.core.decode import detect_encoding

    if detect_encoding(path) not in ("utf-8", "utf-8-sig"):
        return False
    with open(path, "rb") as fh:
        head = fh.read(_BLOCK)
    return not (b"\r" in head and b"\n" not in head)


def partitionable(fmt: str | None, paths) -> bool:
    return fmt in PARTITIONED_FORMATS and all(_utf8(p) for p in paths)


class _Scanner:
    """A forward pass over a file's bytes that keeps the line number and the code-point offset
    (UTF-8: bytes that are not continuation bytes; a BOM is not counted, as the decoder drops it)."""

    _CONT = bytes(range(0x80, 0xC0))

    def __init__(self, path: str):
        self.fh = open(path, "rb")  # noqa: SIM115 (closed by close())
        self.size = os.path.getsize(path)
        self.bom = self.fh.read(3) == codecs.BOM_UTF8
        self.fh.seek(0)
        self.pos, self.line, self._chars, self.last = 0, 1, 0, b"\n"

    @property
    def chars(self) -> int:
        return self._chars - (1 if self.bom and self.pos >= 3 else 0)

    def _take(self, block: bytes) -> None:
        self.line += block.count(b"\n")
        self._chars += len(block.translate(None, self._CONT))
        self.pos += len(block)
        self.last = block[-1:]
        self.fh.seek(self.pos)

    def to_byte(self, cut: int) -> None:
        while self.pos < min(cut, self.size):
            self._take(self.fh.read(min(_BLOCK, cut - self.pos)))

    def to_line_start(self) -> None:
        """To the next line start (staying here if this is one)."""
        while self.last != b"\n" and self.pos < self.size:
            block = self.fh.read(_BLOCK)
            nl = block.find(b"\n")
            self._take(block if nl < 0 else block[:nl + 1])

    def to_line(self, want: int) -> None:
        while self.line < want and self.pos < self.size:
            block = self.fh.read(_BLOCK)
            idx = -1
            for _ in range(want - self.line):
                idx = block.find(b"\n", idx + 1)
                if idx < 0:
                    break
            self._take(block if idx < 0 else block[:idx + 1])

    def close(self) -> None:
        self.fh.close()


def _line_starts_after(path: str, cuts: list[int]) -> list[tuple[int, int, int]]:
    """For each byte position in ``cuts`` (ascending): (the first line start at or after it, its
    line number, its code-point offset in the decoded file), in one sequential pass."""
    sc = _Scanner(path)
    out = []
    try:
        for cut in cuts:
            sc.to_byte(cut)
            sc.to_line_start()
            out.append((sc.pos, sc.line, sc.chars))
    finally:
        sc.close()
    return out


def _starts_at_lines(path: str, lines: list[int]) -> list[tuple[int, int]]:
    """(byte offset, code-point offset) of the start of each given line number (ascending)."""
    sc = _Scanner(path)
    out = []
    try:
        for want in lines:
            sc.to_line(want)
            out.append((sc.pos, sc.chars))
    finally:
        sc.close()
    return out


def plan(fmt: str, paths, n: int) -> list[Partition]:
    """Byte-range partitions of a line-based input (``partitionable``), at most ``n``, none empty."""
    paths = tuple(paths)
    main = paths[0]
    size = os.path.getsize(main)
    n = max(1, n)
    cuts = [size * k // n for k in range(1, n)]
    starts = [(0, 1, 0)] + [s for s in _line_starts_after(main, cuts)]
    bounds = []
    for s in starts:
        if s[0] < size and (not bounds or s[0] > bounds[-1][0]):
            bounds.append(s)
    if not bounds:
        bounds = [(0, 1, 0)]
    layout = (None, None)
    if fmt == "tsv":
        from audit.inputs.tsv import header_layout

        layout = header_layout(main)
    others = []
    if fmt == "text":  # the target file cut at the same line numbers as the source
        others = _starts_at_lines(paths[1], [b[1] for b in bounds])
        tsize = os.path.getsize(paths[1])
    parts = []
    for k, (start, line, chars) in enumerate(bounds):
        end = bounds[k + 1][0] if k + 1 < len(bounds) else size
        ranges = [(start, end)]
        cps = [chars]
        if fmt == "text":
            tstart, tchars = others[k]
            tend = others[k + 1][0] if k + 1 < len(others) else tsize
            ranges.append((tstart, tend))
            cps.append(tchars)
        parts.append(Partition(k, fmt, paths, tuple(ranges), line, tuple(cps), layout))
    return parts


def _lines(path: str, start: int, end: int, first_line: int, keepends: bool = False):
    """(line number, line) of a byte range, as ``audit.core.decode.open_text_lines`` yields them
    for the whole file (same splitting, same errors and their line numbers)."""
    from audit.core.decode import _first_bad_utf8_line

    with open(path, "rb") as fh:
        fh.seek(start)
        raw = fh.read(end - start)
    if start == 0 and raw.startswith(codecs.BOM_UTF8):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise _first_bad_utf8_line(path, "utf-8") from None
    if "\x00" in text:
        raise InputError("NUL character in text (binary file?)", path,
                         first_line + text.count("\n", 0, text.index("\x00")))
    lines = text.split("\n")
    last = lines.pop()  # "" when the range ends with a newline
    cap = limits.current().max_line_chars
    for i, ln in enumerate(lines + ([last] if last else [])):
        if len(ln) > cap:
            raise InputError(f"line longer than the limit of {cap:,} characters (limits.max-line-chars)", path,
                             first_line + i)
    lineno = first_line - 1
    for ln in lines:
        lineno += 1
        yield lineno, (ln + "\n" if keepends else ln.removesuffix("\r"))
    if last:
        yield lineno + 1, last


def read_partition(part: Partition, src_lang: str | None, tgt_lang: str | None) -> list[Pair]:
    """The pairs of one partition, as the format's reader gives them for a serial read (pair
    index counted from 0 within the partition)."""
    if part.kind == "pairs":  # packed by the pipeline (``chunk_partitions``): it unpacks them
        raise ValueError("a partition of pairs the client read is unpacked by the pipeline, not read")
    path = part.paths[0]
    (start, end) = part.ranges[0]
    lines = _lines(path, start, end, part.first_line)
    if part.kind == "jsonl":
        from audit.inputs import jsonl

        return list(jsonl._read(path, src_lang, tgt_lang, lines))
    if part.kind == "tsv":
        from audit.inputs import tsv

        header_line, layout = part.layout
        if layout is not None:
            lines = (x for x in lines if x[0] != header_line)
        return list(tsv._read(path, src_lang, tgt_lang, lines, layout))
    if part.kind == "text":
        return _read_text(part, src_lang, tgt_lang)
    raise ValueError(f"unknown partition kind {part.kind!r}")


def _read_text(part: Partition, src_lang, tgt_lang) -> list[Pair]:
    sp, tp = part.paths
    (s0, s1), (t0, t1) = part.ranges
    src_off, tgt_off = part.chars
    out = []
    slines = list(_lines(sp, s0, s1, part.first_line, keepends=True))
    tlines = list(_lines(tp, t0, t1, part.first_line, keepends=True))
    if len(slines) != len(tlines):  # the serial reader's error, from the whole files
        from audit.inputs.textpair import _read

        for _ in _read(sp, tp, src_lang, tgt_lang):
            pass
    for index, ((lineno, sline), (_, tline)) in enumerate(zip(slines, tlines)):
        stext, ttext = sline.rstrip("\r\n"), tline.rstrip("\r\n")
        out.append(Pair(id=str(lineno), source=stext, target=ttext, source_lang=src_lang, target_lang=tgt_lang,
                        source_origin=Origin(sp, None, lineno, src_off),
                        target_origin=Origin(tp, None, lineno, tgt_off), index=index))
        src_off += len(sline)
        tgt_off += len(tline)
    return out


def chunk_partitions(pairs, n: int, pack_pair) -> list[Partition]:
    """Pairs the client read, cut into ``n`` partitions of pairs packed by ``pack_pair`` (in input order)."""
    packed = [pack_pair(p) for p in pairs]
    n = max(1, min(n, len(packed) or 1))
    size = -(-len(packed) // n) if packed else 0
    if not packed:
        return [Partition(0, "pairs")]
    return [Partition(k, "pairs", pairs=tuple(packed[i:i + size])) for k, i in enumerate(range(0, len(packed), size))]
