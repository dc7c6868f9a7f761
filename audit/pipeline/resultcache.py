"""Finished audits kept in the cache directory, keyed by what made them, so that the review app
reopens a file it has audited before without auditing it again.

The key is a hash of the audit's signature without its decisions (tool version, checks and
their settings, languages, the input's content hash, data versions) and of the post-edited
targets the audit read in place of the originals: any change to the input, the config, the
installed data or the post-edits makes a new key, so a stale entry is never read. Dismissals do
not change the flags (the review app keeps dismissed flags and scores around them), so the
dismissed set the entry was scored with is stored beside it and the app adjusts the scores for
the difference, as it does for decisions made while an audit runs.

An entry is one file of ``marshal``led plain values (strings, numbers, tuples, dicts: never code
or objects): a head (settings, scores, checksum) and the segments in chunks, written to a
temporary file and renamed into place; it lives in the user's own
cache directory (mode 0700, ``audit.core.cache``). At most ``KEEP`` entries are kept (the least
recently used go first). The cache is best effort: any failure to write or read an entry, or an
entry that does not unpack, means an audit as before, and results never depend on it
(``TRANSAUDIT_CACHE_DIR=off`` turns it off).
"""
from __future__ import annotations

import hashlib
import marshal
import os
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from audit.core.cache import cache_root
from audit.core.model import AuditResult, Flag, Pair, PairResult, Severity, Span
from audit.pipeline.signature import make_signature
from audit.pipeline.spill import pack_pair, unpack_pair

FORMAT = 2  # bump when the layout below changes
CHUNK = 1000  # segments per marshalled chunk: the first chunk is on screen before the rest are unpacked
KEEP = 8
DIRNAME = "audits"


@dataclass
class CachedAudit:
    """A kept audit: its result's settings and scores at once, its segments read in chunks
    (``chunks()``: (segments, originals) of up to ``CHUNK`` each), so the first ones can be shown
    before the rest are unpacked; ``result(segments)`` makes the AuditResult once all are read."""

    source_lang: str | None
    target_lang: str | None
    signature: str
    settings: dict
    scores: dict
    metrics: dict
    dismissed: frozenset[str]  # the dismissed fingerprints the result was scored with
    _changed: dict
    _blobs: list[bytes]

    def chunks(self) -> Iterator[tuple[list[PairResult], list[Pair]]]:
        base = 0
        for blob in self._blobs:
            segs = [PairResult(unpack_pair(p), tuple(_unpack_flag(f) for f in flags), sc)
                    for p, flags, sc in marshal.loads(blob)]
            changed = self._changed
            origs = [unpack_pair(changed[base + i]) if base + i in changed else s.pair for i, s in enumerate(segs)]
            base += len(segs)
            yield segs, origs

    def result(self, segments: Sequence[PairResult]) -> AuditResult:
        return AuditResult(tuple(segments), self.source_lang, self.target_lang, self.signature, self.settings,
                           scores=self.scores, metrics=self.metrics)


def audit_key(audit, decisions=None) -> str | None:
    """The cache key of an ``engine.Audit`` about to run with ``decisions`` (None when the input
    has no content hash, e.g. standard input, so that nothing could tell two inputs apart)."""
    if not getattr(audit, "input_hash", None):
        return None
    sig = make_signature(audit.checks, audit.config, audit.source_lang, audit.target_lang, audit.input_hash, None)
    h = hashlib.sha256(f"transaudit-audit-cache\0{FORMAT}\0{sig.render()}".encode())
    segments = getattr(decisions, "segments", None) or {}
    for key in sorted(segments):
        post = segments[key].post_edit
        if post is not None:
            h.update(f"\0{key}\0{post}".encode())
    return h.hexdigest()[:32]


def _dir() -> str | None:
    root = cache_root()
    if root is None:
        return None
    d = os.path.join(root, DIRNAME)
    try:
        os.makedirs(d, mode=0o700, exist_ok=True)
    except OSError:
        return None
    return d


def _pack_flag(f: Flag) -> tuple:
    return (f.pair_id, f.code, f.name, int(f.severity), f.category, f.message,
            tuple((s.side, s.start, s.end) for s in f.spans), f.fingerprint, None if f.data is None else dict(f.data))


def _unpack_flag(t: tuple) -> Flag:
    return Flag(t[0], t[1], t[2], Severity(t[3]), t[4], t[5], tuple(Span(*s) for s in t[6]), t[7], t[8])


def keep_audit(key: str | None, result: AuditResult, originals: Sequence[Pair], dismissed: frozenset[str]) -> bool:
    """Keep a finished audit under ``key``; False when it could not be kept (nothing else happens)."""
    d = _dir() if key else None
    if d is None:
        return False
    changed = {i: pack_pair(o) for i, (o, s) in enumerate(zip(originals, result.segments)) if o != s.pair}
    segs = result.segments
    try:
        blobs = [marshal.dumps([(pack_pair(s.pair), tuple(_pack_flag(f) for f in s.flags), dict(s.scores))
                                for s in segs[i:i + CHUNK]]) for i in range(0, len(segs), CHUNK)]
        body = b"".join(len(b).to_bytes(8, "little") + b for b in blobs)
        head = marshal.dumps((FORMAT, result.source_lang, result.target_lang, result.signature, dict(result.settings),
                              dict(result.scores), dict(result.metrics), changed, tuple(sorted(dismissed)),
                              len(blobs), hashlib.blake2b(body, digest_size=16).digest()))
    except (ValueError, TypeError):  # a value marshal cannot write (an object in a flag's data)
        return False
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=d)
        with os.fdopen(fd, "wb") as fh:
            fh.write(len(head).to_bytes(8, "little"))
            fh.write(head)
            fh.write(body)
        os.replace(tmp, os.path.join(d, key))
        tmp = None
        _prune(d)
    except OSError:
        return False
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
    return True


def _prune(d: str) -> None:
    entries = []
    for name in os.listdir(d):
        path = os.path.join(d, name)
        try:
            entries.append((os.stat(path).st_mtime_ns, name, path))
        except OSError:
            continue
    for _, _, path in sorted(entries, reverse=True)[KEEP:]:
        try:
            os.unlink(path)
        except OSError:
            pass


def load_audit(key: str | None) -> CachedAudit | None:
    """The audit kept under ``key``, or None (not kept, unreadable, damaged, another format). The
    whole entry is read and its checksum verified here, so unpacking its chunks cannot fail."""
    d = _dir() if key else None
    if d is None:
        return None
    path = os.path.join(d, key)
    try:
        with open(path, "rb") as fh:
            data = fh.read()
        n = int.from_bytes(data[:8], "little")
        head = marshal.loads(data[8:8 + n])
        if not isinstance(head, tuple) or len(head) != 11 or head[0] != FORMAT:
            return None
        _, src, tgt, signature, settings, scores, metrics, changed, dismissed, count, digest = head
        body = memoryview(data)[8 + n:]
        if hashlib.blake2b(body, digest_size=16).digest() != digest:
            return None
        blobs, pos = [], 0
        for _ in range(count):
            size = int.from_bytes(body[pos:pos + 8], "little")
            blobs.append(bytes(body[pos + 8:pos + 8 + size]))
            pos += 8 + size
        if pos != len(body):
            return None
        os.utime(path)  # recently used
    except (OSError, EOFError, ValueError, TypeError, IndexError):
        return None
    return CachedAudit(src, tgt, signature, settings, scores, metrics, frozenset(dismissed), changed, blobs)
