"""Standard input as an input file (``check -``).

Readers read a file more than once (a sample for the languages, then the whole), so standard input
is first copied to a private temporary file (``spool``), removed when the run ends. Its format is
``--input-format`` (po, xliff, tmx, tsv, jsonl), else sniffed from the content as for a file without
an extension (``audit.inputs.sniff``: XML root ``tmx``/``xliff``, a JSON object line, ``msgid``/
``msgstr``, a tab); plain text cannot come from stdin (a text pair is two files). Everything the
user sees names ``<stdin>``, never the temporary file: the pairs' origins (``renamed``) and the
errors (``renamed_error``), with their line numbers.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from typing import BinaryIO

from audit.core.errors import AuditError, InputError, UsageError
from audit.core.model import Pair
from audit.inputs.discover import BILINGUAL_FORMATS, STDIN_NAME


class Spooled:
    """Standard input copied to a temporary file; a context manager that removes it. More than
    ``max_bytes`` (the ``max-input-bytes`` limit, ``audit.core.limits``) is refused as a file that
    size would be, before the rest is read: a stream without end cannot fill the disk."""

    def __init__(self, stream: BinaryIO, max_bytes: int | None = None):
        fd, self.path = tempfile.mkstemp(prefix="transaudit-stdin-")
        try:
            with os.fdopen(fd, "wb") as out:
                if max_bytes is None:
                    shutil.copyfileobj(stream, out, 1 << 20)
                else:
                    _copy_capped(stream, out, max_bytes)
        except BaseException:
            self.close()
            raise

    def close(self) -> None:
        try:
            os.unlink(self.path)
        except FileNotFoundError:
            pass

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _copy_capped(stream: BinaryIO, out: BinaryIO, max_bytes: int) -> None:
    done = 0
    while True:
        block = stream.read(1 << 20)
        if not block:
            return
        done += len(block)
        if done > max_bytes:
            raise InputError(f"standard input is above the limit of {max_bytes:,} bytes (limits.max-input-bytes)",
                             STDIN_NAME)
        out.write(block)


def stdin_format(path: str, given: str | None) -> str:
    """The format of spooled standard input: ``given``, else sniffed."""
    if given is not None:
        if given not in BILINGUAL_FORMATS:
            raise UsageError(f"standard input is read as one bilingual file ({', '.join(BILINGUAL_FORMATS)}), "
                             f"not {given}")
        return given
    from audit.inputs import check_readable
    from audit.inputs.sniff import sniff_format

    try:
        check_readable(path)
    except AuditError as exc:
        raise renamed_error(exc, path) from None
    fmt = sniff_format(path)
    if fmt is None:
        raise InputError("cannot tell the input format; give --input-format " + "|".join(BILINGUAL_FORMATS),
                         STDIN_NAME)
    return fmt


def renamed_error(exc: AuditError, path: str, name: str = STDIN_NAME) -> AuditError:
    """``exc`` with the temporary file's path replaced by ``name`` (path and message)."""
    if exc.path != path and path not in exc.message:
        return exc
    new = type(exc)(exc.message.replace(path, name), name if exc.path == path else exc.path, exc.line)
    return new


def _rename_origin(origin, path: str, name: str):
    if origin is None or origin.path != path:
        return origin
    from dataclasses import replace

    return replace(origin, path=name)


class Renamed:
    """A re-iterable view of pairs read from ``path`` that names ``name`` instead, in the pairs'
    origins and in the errors raised while reading."""

    def __init__(self, pairs: Iterable[Pair], path: str, name: str = STDIN_NAME):
        self._pairs = pairs
        self.path = path
        self.name = name
        for attr in ("format", "source_lang", "target_lang", "meta"):
            if hasattr(pairs, attr):
                setattr(self, attr, getattr(pairs, attr))
        self.paths = (name,)

    def __iter__(self) -> Iterator[Pair]:
        from dataclasses import replace

        path, name = self.path, self.name
        try:
            for p in self._pairs:
                yield replace(p, source_origin=_rename_origin(p.source_origin, path, name),
                              target_origin=_rename_origin(p.target_origin, path, name))
        except AuditError as exc:
            raise renamed_error(exc, path, name) from None
