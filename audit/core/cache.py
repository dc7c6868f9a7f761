"""Files derived from installed data, kept between runs (never downloaded): the cache directory.

Some shipped data is stored compressed (py3langid's model is an LZMA'd npz of 68 MB that takes half a
second to unpack on every run). ``derived(name, sources, build)`` keeps what ``build`` makes from
``sources`` in a directory of its own under the cache root, keyed by the sources' paths, sizes and
modification times and by ``FORMAT``: a changed or reinstalled source gets a new key, so a stale entry
is never read. Entries are built in a temporary directory and renamed into place (a crash leaves no
half-built entry; two processes building at once both succeed).

The cache root is ``$TRANSAUDIT_CACHE_DIR``, else ``$XDG_CACHE_HOME/transaudit``, else
``~/.cache/transaudit``. ``TRANSAUDIT_CACHE_DIR=off`` (or a root that cannot be created) turns the
cache off: callers then build in memory as before, so results never depend on the cache.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from typing import Callable, Sequence

FORMAT = "1"  # bump when what a builder writes changes


def cache_root() -> str | None:
    """The cache root directory (created, mode 0700), or None when caching is off or impossible."""
    root = os.environ.get("TRANSAUDIT_CACHE_DIR")
    if root is not None and root.strip().lower() in ("", "off", "0", "no", "none"):
        return None
    if not root:
        base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        root = os.path.join(base, "transaudit")
    try:
        os.makedirs(root, mode=0o700, exist_ok=True)
    except OSError:
        return None
    return root if os.path.isdir(root) and os.access(root, os.W_OK | os.X_OK) else None


def source_key(sources: Sequence[str], extra: str = "") -> str:
    """A short key for the state of ``sources`` (path, size, mtime) plus ``extra`` and ``FORMAT``."""
    h = hashlib.blake2b(digest_size=12)
    h.update(f"{FORMAT}\0{extra}".encode())
    for path in sources:
        st = os.stat(path)
        h.update(f"\0{os.path.abspath(path)}\0{st.st_size}\0{st.st_mtime_ns}".encode())
    return h.hexdigest()


def derived(name: str, sources: Sequence[str], build: Callable[[str], None], extra: str = "") -> str | None:
    """The directory holding what ``build(directory)`` writes from ``sources``, built on first use.

    None when the cache is off or the entry cannot be written (the caller then works without it)."""
    root = cache_root()
    if root is None:
        return None
    try:
        final = os.path.join(root, f"{name}-{source_key(sources, extra)}")
    except OSError:
        return None
    if os.path.isdir(final) and os.path.exists(os.path.join(final, ".complete")):
        return final
    if os.path.isdir(final):  # no ".complete": not ours (entries are renamed into place only when complete)
        shutil.rmtree(final, ignore_errors=True)
    try:
        tmp = tempfile.mkdtemp(prefix=f".{name}-", dir=root)
    except OSError:
        return None
    try:
        build(tmp)
        with open(os.path.join(tmp, ".complete"), "w", encoding="ascii") as fh:
            fh.write(FORMAT)
        os.replace(tmp, final)
    except OSError:
        shutil.rmtree(tmp, ignore_errors=True)
        # another process may have put the same entry in place first
        return final if os.path.exists(os.path.join(final, ".complete")) else None
    return final


# -- parsed data files ----------------------------------------------------------------------------
#
# The shipped data tables (language profiles in TOML, CLDR extracts in JSON) cost more to parse
# than to use on a short run. ``parsed(path, kind, parse)`` keeps the parsed values of every file of
# ``path``'s folder with the same extension in one file of the cache, each file's value marshalled
# on its own (so a run unmarshals only the files it reads: memory follows the languages used),
# keyed by the names, sizes and modification times of those files (a changed, added or removed
# file gives a new key, so a stale entry is never read). Only plain values (dict, list, str, int,
# float, bool, None) are kept; a file whose value marshal cannot store is parsed on every run.

_BUNDLES: dict[tuple[str, str], dict | None] = {}


def _bundle(folder: str, ext: str, kind: str, parse: Callable[[bytes], object]) -> dict | None:
    """{file name: marshalled value} of the data files of ``folder``, from the cache (built on
    first use); None when the cache is off."""
    import marshal

    root = cache_root()
    if root is None:
        return None
    try:
        names = sorted(n for n in os.listdir(folder) if n.endswith(ext))
        path = os.path.join(root, f"parsed-{kind}-{source_key([os.path.join(folder, n) for n in names])}.marshal")
    except OSError:
        return None
    try:
        with open(path, "rb") as fh:
            got = marshal.load(fh)
        if isinstance(got, dict):
            return got
    except (OSError, EOFError, ValueError, TypeError):
        pass
    out = {}
    for n in names:
        try:
            with open(os.path.join(folder, n), "rb") as fh:
                out[n] = marshal.dumps(parse(fh.read()))
        except ValueError:  # a value marshal cannot store (a TOML date), or a file that does not
            continue  # parse: read (and fail) as without the cache
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".parsed-{kind}-", dir=root)
        with os.fdopen(fd, "wb") as fh:
            marshal.dump(out, fh)
        os.replace(tmp, path)
    except OSError:
        pass
    return out


def parsed(path: str, kind: str, parse: Callable[[bytes], object]):
    """``parse(bytes of path)``, through the cache of parsed data files (see above). ``kind``
    names the parser ("toml", "json"): two parsers of one folder keep separate entries."""
    import marshal

    folder, name = os.path.split(os.path.abspath(path))
    key = (folder, kind)
    if key not in _BUNDLES:
        _BUNDLES[key] = _bundle(folder, os.path.splitext(name)[1], kind, parse)
    bundle = _BUNDLES[key]
    if bundle is not None and name in bundle:
        return marshal.loads(bundle[name])
    with open(path, "rb") as fh:
        return parse(fh.read())

