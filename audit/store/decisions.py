"""Review decisions: a small SQLite store of what reviewers decided about flags and segments.

Decisions are keyed so that they survive restarts, re-runs and re-segmenting:

* a flag decision (``confirmed`` or ``dismissed``, with an optional note) is keyed by the flag's
  fingerprint (``Flag.fingerprint``: check code, normalized texts, span texts; no offsets or ids);
* a segment decision (approved, and/or a post-edited target) is keyed by ``segment_key(pair)``,
  a hash of the normalized source and the *original* target.

Every change is one transaction, and is recorded in a history table so that it can be undone
(also after a restart). The store knows nothing of terminals: the TUI and the CLI both use it.

The database is a trusted store: it runs in WAL mode (a ``kill -9`` at any moment loses at most the
decision being written), and it is checked when opened: ``PRAGMA quick_check``, the schema version,
the tables, the status values (a row that bypassed the CHECK constraint) and the history rows; a
damaged or foreign database (another application's SQLite file) is refused with one line, never
altered. A review session (``exclusive=True``, the review app) is registered in the ``sessions``
table: a second review app on the same database is refused while the first one's process lives
(two apps would undo each other's decisions and show stale views); a session whose process is gone
(killed, crashed) does not block.

Applying decisions to an audit is ``audit.pipeline.decided``'s; exporting them and writing
post-edits back is ``audit.outputs.decisions``'s.
"""
from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, fields, replace
from typing import Any, Self

from audit.core.errors import InputError, UsageError
from audit.core.model import Flag, Pair, normalize_for_fingerprint

SCHEMA_VERSION = 2  # 2: the sessions table
_TABLES = frozenset({"meta", "flag_decisions", "segment_decisions", "history", "sessions"})
FLAG_STATUSES = ("confirmed", "dismissed")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS flag_decisions (
    fingerprint TEXT PRIMARY KEY,
    status TEXT NOT NULL CHECK (status IN ('confirmed', 'dismissed')),
    note TEXT,
    code TEXT,
    pair_id TEXT,
    message TEXT,
    updated REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS segment_decisions (
    key TEXT PRIMARY KEY,
    pair_id TEXT,
    approved INTEGER NOT NULL DEFAULT 0,
    post_edit TEXT,
    source TEXT,
    original_target TEXT,
    updated REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS history (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL,
    key TEXT NOT NULL,
    before TEXT,
    after TEXT,
    at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS sessions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    pid INTEGER NOT NULL,
    host TEXT NOT NULL,
    opened REAL NOT NULL
);
"""


def segment_key(pair: Pair) -> str:
    """Stable identity of a segment: its normalized source and original target (no id, no offset)."""
    h = hashlib.blake2b(digest_size=10)
    h.update(b"seg\x00" + normalize_for_fingerprint(pair.source).encode())
    h.update(b"\x00" + normalize_for_fingerprint(pair.target or "").encode())
    return h.hexdigest()


def default_db_path(inputs: Sequence[str] | str) -> str:
    """``INPUT.transaudit.db`` beside the (first, or target) input file."""
    paths = [inputs] if isinstance(inputs, str) else list(inputs)
    if not paths:
        raise UsageError("no input file given")
    base = paths[-1] if len(paths) == 2 else paths[0]  # two text files: the target's
    return base + ".transaudit.db"


@dataclass(frozen=True, slots=True)
class FlagDecision:
    fingerprint: str
    status: str  # "confirmed" | "dismissed"
    note: str | None = None
    code: str | None = None
    pair_id: str | None = None
    message: str | None = None
    updated: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return _as_dict("flag", self)


@dataclass(frozen=True, slots=True)
class SegmentDecision:
    key: str
    pair_id: str | None = None
    approved: bool = False
    post_edit: str | None = None
    source: str | None = None
    original_target: str | None = None
    updated: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return _as_dict("segment", self)


def _as_dict(kind: str, decision) -> dict[str, Any]:
    """A decision as exported: its kind, then its fields in declaration order (``updated`` in ISO form)."""
    out: dict[str, Any] = {"kind": kind}
    for f in fields(decision):
        value = getattr(decision, f.name)
        out[f.name] = _iso(value) if f.name == "updated" else value
    return out


@dataclass(frozen=True, slots=True)
class Decisions:
    """A snapshot of a store's decisions, for an audit to apply: flag decisions by fingerprint,
    segment decisions by segment key, and the database it was read from."""

    flags: Mapping[str, FlagDecision]
    segments: Mapping[str, SegmentDecision]
    path: str

    @property
    def dismissed(self) -> frozenset[str]:
        return frozenset(fp for fp, d in self.flags.items() if d.status == "dismissed")

    def __len__(self) -> int:
        return len(self.flags) + len(self.segments)


@dataclass(frozen=True, slots=True)
class Change:
    """What an undo reverted: ``kind`` is 'flag' or 'segment', ``key`` the fingerprint or segment key."""

    kind: str  # "flag", "segment" or "flags" (a batch)
    key: str
    description: str
    keys: tuple[str, ...] = ()  # for a batch: every fingerprint it changed


def _iso(ts: float) -> str | None:
    if not ts:
        return None
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(ts))


class DecisionStore:
    """Review decisions in one SQLite file. Every write is its own transaction, committed at once."""

    def __init__(self, path: str, *, readonly: bool = False, exclusive: bool = False):
        self.path = str(path)
        self._session: int | None = None
        if readonly and not os.path.isfile(self.path):
            raise InputError("no such decisions database", self.path)
        folder = os.path.dirname(os.path.abspath(self.path))
        if not os.path.isdir(folder):
            raise UsageError("folder of the decisions database does not exist", self.path)
        try:
            self._db = self._connect(readonly)
            self._open(readonly)
            if exclusive and not readonly:
                self._begin_session()
        except sqlite3.DatabaseError as exc:
            self._close_quietly()
            said = " ".join(str(exc).split())[:80]
            raise InputError(f"not a transaudit decisions database, or a damaged one ({said})", self.path) from None
        except InputError:
            self._close_quietly()
            raise
        self._flags: dict[str, FlagDecision] | None = None
        self._segments: dict[str, SegmentDecision] | None = None

    def _connect(self, readonly: bool) -> sqlite3.Connection:
        if readonly:
            uri = "file:" + os.path.abspath(self.path) + "?mode=ro"
            db = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
        else:
            db = sqlite3.connect(self.path, isolation_level=None, timeout=5.0, check_same_thread=False)
        db.execute("PRAGMA busy_timeout = 5000")
        return db

    def _close_quietly(self) -> None:
        db = getattr(self, "_db", None)
        if db is not None:
            try:
                db.close()
            except sqlite3.Error:
                pass

    def _open(self, readonly: bool) -> None:
        """Check the database (integrity, tables, schema, rows); create or upgrade it when writable."""
        db = self._db
        check = db.execute("PRAGMA quick_check").fetchall()
        if [r[0] for r in check] != ["ok"]:
            said = " ".join(str(check[0][0]).split())[:80]  # SQLite's report spans lines: one line here
            raise InputError(f"damaged decisions database (integrity check: {said})", self.path)
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        tables.discard("sqlite_sequence")
        if tables - _TABLES or (tables and "meta" not in tables):
            raise InputError("not a transaudit decisions database (it holds other tables)", self.path)
        if not readonly:
            db.execute("PRAGMA journal_mode = WAL")
            with self._tx():
                for stmt in _SCHEMA.split(";"):
                    if stmt.strip():
                        db.execute(stmt)
                if not tables:
                    db.execute("INSERT INTO meta(key, value) VALUES ('schema', ?)", (str(SCHEMA_VERSION),))
        version = self._schema_version()
        if not readonly and version < SCHEMA_VERSION:
            db.execute("UPDATE meta SET value = ? WHERE key = 'schema'", (str(SCHEMA_VERSION),))
        self._check_rows()

    def _schema_version(self) -> int:
        row = self._db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
        value = str(row[0]).strip() if row is not None and row[0] is not None else ""
        if not value.isascii() or not value.isdigit() or not 1 <= int(value) <= SCHEMA_VERSION:
            raise InputError(f"decisions database has an unknown schema version ({value[:20] or 'none'!r})",
                             self.path)
        return int(value)

    def _check_rows(self) -> None:
        """Status values the CHECK constraint allows, and history rows that are JSON (undo reads them)."""
        db = self._db
        marks = ", ".join("?" * len(FLAG_STATUSES))
        bad = db.execute(f"SELECT status FROM flag_decisions WHERE status IS NULL OR status NOT IN ({marks}) LIMIT 1",
                         FLAG_STATUSES).fetchone()
        if bad is not None:
            raise InputError(f"decisions database has a flag decision with an unknown status ({str(bad[0])[:20]!r})",
                             self.path)
        for hid, before, after in db.execute("SELECT id, before, after FROM history"):
            try:
                for text in (before, after):
                    if text is not None and not isinstance(json.loads(text), dict):
                        raise ValueError
            except (ValueError, TypeError):
                raise InputError(f"decisions database has a damaged history row ({hid})", self.path) from None

    def _begin_session(self) -> None:
        """Register this review session; refuse when another live one holds the database."""
        import socket  # here, not at import: only a review session needs the host name

        host, pid = socket.gethostname(), os.getpid()
        with self._tx() as db:
            for sid, other_pid, other_host in db.execute("SELECT id, pid, host FROM sessions").fetchall():
                if other_host == host and other_pid != pid and not _alive(other_pid):
                    db.execute("DELETE FROM sessions WHERE id = ?", (sid,))  # its process is gone
                elif other_pid != pid or other_host != host:
                    raise InputError(f"decisions database is open in another review app (process {other_pid}"
                                     f" on {other_host}); close it first", self.path)
            cur = db.execute("INSERT INTO sessions(pid, host, opened) VALUES (?, ?, ?)", (pid, host, time.time()))
            self._session = cur.lastrowid

    # -- plumbing ---------------------------------------------------------------------------
    class _Tx:
        def __init__(self, db: sqlite3.Connection):
            self.db = db

        def __enter__(self):
            self.db.execute("BEGIN IMMEDIATE")
            return self.db

        def __exit__(self, exc_type, exc, tb):
            if exc_type is None:
                self.db.execute("COMMIT")
            else:
                self.db.execute("ROLLBACK")
            return False

    def _tx(self) -> _Tx:
        return DecisionStore._Tx(self._db)

    def close(self) -> None:
        if self._session is not None:
            try:
                with self._tx() as db:
                    db.execute("DELETE FROM sessions WHERE id = ?", (self._session,))
            except sqlite3.Error:
                pass  # a session left behind is cleared by the next one (its process is gone)
            self._session = None
        self._db.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- reading ----------------------------------------------------------------------------
    def flag_decisions(self) -> dict[str, FlagDecision]:
        """All flag decisions, by fingerprint (cached; writes keep the cache in step)."""
        if self._flags is None:
            rows = self._db.execute(
                "SELECT fingerprint, status, note, code, pair_id, message, updated FROM flag_decisions").fetchall()
            self._flags = {r[0]: FlagDecision(*r) for r in rows}
        return self._flags

    def segment_decisions(self) -> dict[str, SegmentDecision]:
        """All segment decisions, by segment key."""
        if self._segments is None:
            rows = self._db.execute(
                "SELECT key, pair_id, approved, post_edit, source, original_target, updated FROM segment_decisions"
            ).fetchall()
            self._segments = {r[0]: SegmentDecision(r[0], r[1], bool(r[2]), r[3], r[4], r[5], r[6]) for r in rows}
        return self._segments

    def flag_status(self, fp: str) -> FlagDecision | None:
        return self.flag_decisions().get(fp)

    def segment(self, pair: Pair) -> SegmentDecision | None:
        return self.segment_decisions().get(segment_key(pair))

    def dismissed(self) -> frozenset[str]:
        return frozenset(fp for fp, d in self.flag_decisions().items() if d.status == "dismissed")

    def snapshot(self) -> Decisions:
        """The decisions as they are now, detached from the database (safe to hand to a thread)."""
        return Decisions(dict(self.flag_decisions()), dict(self.segment_decisions()), self.path)

    def history_size(self) -> int:
        return self._db.execute("SELECT COUNT(*) FROM history").fetchone()[0]

    # -- writing ----------------------------------------------------------------------------
    def set_flag(self, flag: Flag, status: str | None, note: str | None = None) -> FlagDecision | None:
        """Confirm or dismiss a flag (``status=None`` clears the decision). Saved at once."""
        if status is not None and status not in FLAG_STATUSES:
            raise ValueError(f"unknown flag status {status!r} ({', '.join(FLAG_STATUSES)})")
        before = self.flag_status(flag.fingerprint)
        after = None
        if status is not None:
            after = FlagDecision(flag.fingerprint, status, note or None, flag.code, flag.pair_id, flag.message,
                                 time.time())
        desc = f"{status or 'clear'} {flag.code}"
        self._write_flag(flag.fingerprint, before, after, desc)
        return after

    def set_flags(self, flags: Iterable[Flag], status: str | None, note: str | None = None) -> int:
        """Decide many flags at once (one transaction, undone as one step). Returns how many changed."""
        if status is not None and status not in FLAG_STATUSES:
            raise ValueError(f"unknown flag status {status!r} ({', '.join(FLAG_STATUSES)})")
        now = time.time()
        changes = []
        seen = set()
        for flag in flags:
            fp = flag.fingerprint
            if fp in seen:
                continue
            seen.add(fp)
            before = self.flag_status(fp)
            after = None if status is None else FlagDecision(fp, status, note or None, flag.code, flag.pair_id,
                                                             flag.message, now)
            if before == after or (before is not None and after is not None and before.status == after.status
                                   and before.note == after.note):
                continue
            changes.append((fp, before, after))
        if not changes:
            return 0
        desc = f"{status or 'clear'} {len(changes)} flag(s)"
        with self._tx() as db:
            self._put_flags(db, [(fp, after) for fp, _before, after in changes])
            before_s = json.dumps({"desc": desc, "batch": [[fp, _fields(b)] for fp, b, _a in changes]},
                                  ensure_ascii=False)
            db.execute("INSERT INTO history(kind, key, before, after, at) VALUES ('flags', ?, ?, ?, ?)",
                       (changes[0][0], before_s, json.dumps({"desc": desc}), now))
        cache = self.flag_decisions()
        for fp, _before, after in changes:
            if after is None:
                cache.pop(fp, None)
            else:
                cache[fp] = after
        return len(changes)

    # -- bulk writes (one statement per kind for a whole batch: set_flags and its undo) ----------
    @staticmethod
    def _put_flags(db: sqlite3.Connection, items: Sequence[tuple[str, FlagDecision | None]]) -> None:
        """``_put_flag`` for many flags, inside the caller's transaction."""
        db.executemany("DELETE FROM flag_decisions WHERE fingerprint = ?", [(fp,) for fp, d in items if d is None])
        db.executemany(
            "INSERT OR REPLACE INTO flag_decisions(fingerprint, status, note, code, pair_id, message, updated)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(fp, d.status, d.note, d.code, d.pair_id, d.message, d.updated) for fp, d in items if d is not None])

    def _write_flag(self, fp: str, before: FlagDecision | None, after: FlagDecision | None, desc: str,
                    record: bool = True) -> None:
        self._write("flag", fp, before, after, desc, record)

    def _write(self, kind: str, key: str, before, after, desc: str, record: bool) -> None:
        """Store one flag or segment decision (``after``; None deletes it), record the change in the
        history (for undo) unless ``record`` is False, and keep the cached decisions in step."""
        put, cached = (self._put_flag, self.flag_decisions) if kind == "flag" else \
            (self._put_segment, self.segment_decisions)
        with self._tx() as db:
            put(db, key, after)
            if record:
                db.execute("INSERT INTO history(kind, key, before, after, at) VALUES (?, ?, ?, ?, ?)",
                           (kind, key, _dump(before, desc), _dump(after, desc), time.time()))
        decisions = cached()
        if after is None:
            decisions.pop(key, None)
        else:
            decisions[key] = after

    @staticmethod
    def _put_flag(db: sqlite3.Connection, fp: str, d: FlagDecision | None) -> None:
        if d is None:
            db.execute("DELETE FROM flag_decisions WHERE fingerprint = ?", (fp,))
        else:
            db.execute(
                "INSERT OR REPLACE INTO flag_decisions(fingerprint, status, note, code, pair_id, message, updated)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)", (fp, d.status, d.note, d.code, d.pair_id, d.message, d.updated))

    def approve(self, pair: Pair, approved: bool = True) -> SegmentDecision | None:
        """Mark a segment approved (or not). Saved at once."""
        return self._change_segment(pair, "approve" if approved else "unapprove", approved=approved)

    def set_post_edit(self, pair: Pair, text: str | None) -> SegmentDecision | None:
        """Store an edited target for a segment (``None`` or the original text clears it)."""
        if text is not None and text == (pair.target or ""):
            text = None
        return self._change_segment(pair, "edit" if text is not None else "revert edit", post_edit=text)

    def _change_segment(self, pair: Pair, desc: str, **change) -> SegmentDecision | None:
        """A segment's decision with ``change`` applied, saved at once; a decision neither approved
        nor edited is deleted."""
        before = self.segment(pair)
        base = before or SegmentDecision(segment_key(pair), pair.id, False, None, pair.source, pair.target)
        after = replace(base, **change, pair_id=pair.id, updated=time.time())
        if not after.approved and after.post_edit is None:
            after = None
        self._write_segment(segment_key(pair), before, after, desc)
        return after

    def _write_segment(self, key: str, before: SegmentDecision | None, after: SegmentDecision | None,
                       desc: str, record: bool = True) -> None:
        self._write("segment", key, before, after, desc, record)

    @staticmethod
    def _put_segment(db: sqlite3.Connection, key: str, d: SegmentDecision | None) -> None:
        if d is None:
            db.execute("DELETE FROM segment_decisions WHERE key = ?", (key,))
        else:
            db.execute(
                "INSERT OR REPLACE INTO segment_decisions(key, pair_id, approved, post_edit, source, original_target,"
                " updated) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (key, d.pair_id, int(d.approved), d.post_edit, d.source, d.original_target, d.updated))

    def undo(self) -> Change | None:
        """Revert the last change (also one made before a restart); None when there is nothing to undo."""
        with self._tx() as db:
            row = db.execute("SELECT id, kind, key, before, after FROM history ORDER BY id DESC LIMIT 1").fetchone()
            if row is None:
                return None
            hid, kind, key, before_s, after_s = row
            before = _load(before_s)
            desc = json.loads(after_s or before_s or "{}").get("desc", kind)
            if kind == "flags":
                restored = [(fp, FlagDecision(**value) if value else None) for fp, value in before["batch"]]
                self._put_flags(db, restored)
            elif kind == "flag":
                d = FlagDecision(**before["value"]) if before and before.get("value") else None
                self._put_flag(db, key, d)
            else:
                d = SegmentDecision(**before["value"]) if before and before.get("value") else None
                self._put_segment(db, key, d)
            db.execute("DELETE FROM history WHERE id = ?", (hid,))
        if kind == "flags":
            cache = self.flag_decisions()
            for fp, d in restored:
                if d is None:
                    cache.pop(fp, None)
                else:
                    cache[fp] = d
            return Change(kind, key, desc, tuple(fp for fp, _ in restored))
        if kind == "flag":
            cache = self.flag_decisions()
        else:
            cache = self.segment_decisions()
        if d is None:
            cache.pop(key, None)
        else:
            cache[key] = d
        return Change(kind, key, desc)


def _alive(pid: int) -> bool:
    """True when a process ``pid`` exists on this machine."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # it exists, under another user
    return True


def _fields(value) -> dict | None:
    """A decision's fields as the history stores them (None for no decision)."""
    return None if value is None else {k: getattr(value, k) for k in value.__slots__}


def _dump(value, desc: str) -> str:
    return json.dumps({"desc": desc, "value": _fields(value)}, ensure_ascii=False)


def _load(text: str | None) -> dict | None:
    if not text:
        return None
    return json.loads(text)
