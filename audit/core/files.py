"""Layer 0, core: writing outputs safely, the one place every command writes a file through.

The rule, by what the output path is:

- ``-``: standard output.
- a regular file, or a path that does not exist yet: replaced atomically (a temp file in the same
  folder, fsynced, then renamed over the path); an existing file keeps its permission bits, a new
  one gets those a plain ``open`` would give (``0o666`` less the umask); a file the user may not
  write (read-only) is refused, as a plain ``open`` would refuse it, not renamed over.
- anything else that is not a directory (a character or block device such as ``/dev/null``, a FIFO,
  a socket): opened for writing and written in place, never renamed over, never unlinked.
- a symlink: the file it points to is written by the rules above; the link itself is kept.

Every failure to write (permission, missing folder, read-only file system, a directory, a full
disk, a file too large) is a ``UsageError`` naming the path: one line, exit code 2. A failed atomic
write leaves the path as it was and no temp file behind.
"""
from __future__ import annotations

import errno
import io
import os
import stat
import sys
import tempfile
from typing import IO, Callable, Iterable

from audit.core.errors import UsageError

STDOUT = "-"
_TEMP_PREFIX = ".transaudit-"


def is_stdout(path: str | None) -> bool:
    return path == STDOUT


def _fail(path: str, exc: OSError) -> UsageError:
    reason = os.strerror(exc.errno) if exc.errno else str(exc)
    return UsageError(f"cannot write the output: {reason}", path)


def _target(path: str) -> tuple[str, os.stat_result | None]:
    """The file a write to ``path`` lands in (symlinks followed) and its stat, None if absent."""
    target = os.path.realpath(path)
    try:
        return target, os.stat(target)
    except FileNotFoundError:
        return target, None
    except OSError as exc:  # a symlink loop, a component that is not a folder, ...
        raise _fail(path, exc) from None


def check_output_path(path: str, protected: Iterable[str | None] = ()) -> None:
    """Refuse, before any work is done, an output path that cannot be written or that would
    replace one of the ``protected`` files (inputs, references, databases)."""
    if not is_stdout(path):
        _checked(path, protected)


def _checked(path: str, protected: Iterable[str | None] = ()) -> tuple[str, os.stat_result | None]:
    """The target of ``path`` and its stat, once it is known writable: not a directory, in a folder
    that exists, not a protected file, and writable (a read-only file is not replaced)."""
    target, st = _target(path)
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise UsageError("the output path is a directory", path)
    folder = os.path.dirname(target) or "."
    if not os.path.isdir(folder):
        raise UsageError("output folder does not exist", path)
    for p in protected:
        if p and _same_file(p, target, st):
            raise UsageError(f"the output would overwrite {p}", path)
    writable = os.access(target, os.W_OK) if st is not None else True
    if st is None or stat.S_ISREG(st.st_mode):
        writable = writable and os.access(folder, os.W_OK | os.X_OK)
    if not writable:
        raise _fail(path, PermissionError(errno.EACCES, os.strerror(errno.EACCES)))
    return target, st


def _same_file(protected: str, target: str, st: os.stat_result | None) -> bool:
    """``target`` is ``protected`` by name (through symlinks) or by device and inode (a hard link)."""
    if os.path.realpath(protected) == target:
        return True
    if st is None or is_stdout(protected):
        return False
    try:
        pst = os.stat(protected)
    except OSError:
        return False
    return (pst.st_dev, pst.st_ino) == (st.st_dev, st.st_ino)


class _Sink(io.RawIOBase):
    """A writable raw file over ``fd`` that remembers a failed write, so that an error of the
    output (a full disk) is told apart from one raised by the code filling it."""

    def __init__(self, fd: int):
        super().__init__()
        self.fd = fd
        self.error: OSError | None = None

    def writable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self.fd

    def write(self, data) -> int:
        try:
            return os.write(self.fd, data)
        except OSError as exc:
            self.error = exc
            raise

    def close(self) -> None:
        if not self.closed:
            super().close()
            os.close(self.fd)


def _fill_fd(path: str, fd: int, fill: Callable[[IO], object], binary: bool, sync: bool) -> None:
    """Run ``fill`` on a file object over ``fd``, flush (and fsync), close. A failure of the output
    itself becomes a ``UsageError``; any other error of ``fill`` goes through unchanged."""
    sink = _Sink(fd)
    fh = io.BufferedWriter(sink)
    if not binary:
        fh = io.TextIOWrapper(fh, encoding="utf-8", newline="")
    done = False
    try:
        try:
            fill(fh)
        except OSError:
            if sink.error is None:
                raise
            raise _fail(path, sink.error) from None
        try:
            fh.flush()
            if sync:
                os.fsync(fd)
        except OSError as exc:
            raise _fail(path, exc) from None
        done = True
    finally:
        try:
            fh.close()  # flushes what a failed ``fill`` left: harmless, the file is discarded
        except OSError as exc:
            if done:  # nothing raised before: the close is the first failure
                raise _fail(path, exc) from None


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _replace(path: str, target: str, st: os.stat_result | None, fill, binary: bool) -> None:
    """Atomic replace of the regular file (or new path) ``target``."""
    try:
        fd, tmp = tempfile.mkstemp(prefix=_TEMP_PREFIX, dir=os.path.dirname(target) or ".")
    except OSError as exc:
        raise _fail(path, exc) from None
    try:
        _fill_fd(path, fd, fill, binary, sync=True)
        try:
            os.chmod(tmp, stat.S_IMODE(st.st_mode) if st is not None else 0o666 & ~_umask())
            os.replace(tmp, target)
        except OSError as exc:
            raise _fail(path, exc) from None
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def _in_place(path: str, target: str, fill, binary: bool) -> None:
    """Write a device, FIFO or socket where it is: no temp file, no rename, no unlink."""
    try:
        fd = os.open(target, os.O_WRONLY | os.O_NOCTTY | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise _fail(path, exc) from None
    _fill_fd(path, fd, fill, binary, sync=False)


def write_output(path: str, fill: Callable[[IO], object], binary: bool = False) -> None:
    """Write an output: ``fill(fh)`` writes to a text (UTF-8, newlines untranslated) or binary
    file object for ``path``, by the rules in this module's docstring."""
    if is_stdout(path):
        if binary:
            sys.stdout.flush()
            fill(sys.stdout.buffer)
            sys.stdout.buffer.flush()
        else:
            fill(sys.stdout)
        return
    target, st = _checked(path)
    if st is None or stat.S_ISREG(st.st_mode):
        _replace(path, target, st, fill, binary)
    else:
        _in_place(path, target, fill, binary)
