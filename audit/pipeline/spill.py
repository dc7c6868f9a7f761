"""Pairs packed as plain tuples (``marshal``: several times cheaper than pickling) and the
``PairSpill``: pairs on disk, read back in order or by index, for the streaming audit and its
forked workers."""
from __future__ import annotations

import marshal
import os
import tempfile
from array import array
from typing import Iterable, Iterator

from audit.core.model import Alignment, Origin, Pair, Unit

WARM_PAIRS = 25  # pairs of each language pair checked in the main process before forking workers


def _origin_tuple(o: Origin | None):
    return None if o is None else (o.path, o.unit, o.line, o.offset)


def pack_pair(p: Pair | None) -> tuple | None:
    """A Pair as a tuple of plain values (for ``marshal``); ``unpack_pair`` inverts it."""
    if p is None:
        return None
    a = p.align
    so = _origin_tuple(p.source_origin)
    to = _origin_tuple(p.target_origin)
    return (p.id, p.source, p.target, tuple(p.references), p.source_lang, p.target_lang, so,
            True if to == so and to is not None else to,
            None if a is None else (tuple(a.source), tuple(a.target), a.confidence), p.index, p.note,
            None if p.unit is None else p.unit.to_tuple())


def unpack_pair(t: tuple | None) -> Pair | None:
    if t is None:
        return None
    so = None if t[6] is None else Origin(*t[6])
    to = so if t[7] is True else (None if t[7] is None else Origin(*t[7]))
    a = t[8]
    return Pair(t[0], t[1], t[2], tuple(t[3]), t[4], t[5], so, to, None if a is None else Alignment(*a), t[9], t[10],
                None if t[11] is None else Unit.from_tuple(t[11]))


class PairSpill:
    """Pairs on disk, read back in order or by index: a Sequence that holds one offset per pair."""

    def __init__(self, pairs: Iterable[Pair] = ()):
        self._fh = tempfile.TemporaryFile(prefix="transaudit-spill-")
        self._offsets = array("q")
        self._size = 0
        self.has_references = False
        self.samples: list[int] = []  # the first WARM_PAIRS indices of each language pair
        self._write(pairs)

    def _write(self, pairs: Iterable[Pair]) -> None:
        fh = self._fh
        fh.seek(0, 2)
        pos = fh.tell()
        buf: list[bytes] = []
        seen: dict[tuple, int] = {}
        for p in pairs:
            key = (p.source_lang, p.target_lang)
            k = seen.get(key, 0)
            if k < WARM_PAIRS:
                seen[key] = k + 1
                self.samples.append(len(self._offsets))
            rec = marshal.dumps(pack_pair(p))
            self._offsets.append(pos)
            pos += len(rec)
            buf.append(rec)
            if p.references:
                self.has_references = True
            if len(buf) >= 4096:
                fh.write(b"".join(buf))
                buf.clear()
        fh.write(b"".join(buf))
        self._offsets.append(pos)  # end of the last record
        self._size = len(self._offsets) - 1
        fh.flush()

    def __len__(self) -> int:
        return self._size

    def __getitem__(self, i: int) -> Pair:
        if i < 0:
            i += self._size
        if not 0 <= i < self._size:
            raise IndexError(i)
        start, end = self._offsets[i], self._offsets[i + 1]
        return unpack_pair(marshal.loads(os.pread(self._fh.fileno(), end - start, start)))

    def slice(self, i: int, j: int) -> list[Pair]:
        """Pairs ``i`` to ``j - 1`` (clipped to the spill) with one read."""
        i, j = max(0, i), min(self._size, j)
        if i >= j:
            return []
        offs = self._offsets
        base = offs[i]
        block = os.pread(self._fh.fileno(), offs[j] - base, base)
        return [unpack_pair(marshal.loads(block[offs[k] - base:offs[k + 1] - base])) for k in range(i, j)]

    def __iter__(self) -> Iterator[Pair]:
        # pread: no shared file position, so indexing while iterating (LEN fetches pairs) is safe.
        fd = self._fh.fileno()
        offs = self._offsets
        i = 0
        while i < self._size:  # blocks of up to 4,096 records
            j = min(self._size, i + 4096)
            base = offs[i]
            block = os.pread(fd, offs[j] - base, base)
            for k in range(i, j):
                yield unpack_pair(marshal.loads(block[offs[k] - base:offs[k + 1] - base]))
            i = j

    def close(self) -> None:
        self._fh.close()
