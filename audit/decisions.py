"""Review decisions: a small SQLite store of what reviewers decided about flags and segments.

Decisions are keyed so that they survive restarts, re-runs and re-segmenting:

* a flag decision (``confirmed`` or ``dismissed``, with an optional note) is keyed by the flag's
  fingerprint (``Flag.fingerprint``: check code, normalized texts, span texts; no offsets or ids);
* a segment decision (approved, and/or a post-edited target) is keyed by ``segment_key(pair)``,
  a hash of the normalized source and the *original* target.

Every change is one transaction, and is recorded in a history table so that it can be undone
(also after a restart). The store knows nothing of terminals: the TUI and the CLI both use it.

``apply_decisions(result, store)`` leaves dismissed flags out of an ``AuditResult`` (and re-scores
it); ``audit_with_decisions`` audits post-edited targets in place of the originals.
``export_decisions`` writes the store as JSON or CSV (atomically); ``write_edited`` writes the
input back out with its post-edited targets, in the input's format (JSONL, TSV, line-aligned
text, PO, XLIFF, TMX), never touching the input file itself.
"""
from __future__ import annotations

import csv
import hashlib
import json
import os
import sqlite3
import time
from dataclasses import dataclass, replace
from typing import Any, Iterable, Iterator, Sequence

from .errors import InputError, UsageError
from .model import AuditResult, Flag, Pair, PairResult, normalize_for_fingerprint

SCHEMA_VERSION = 1
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
        return {"kind": "flag", "fingerprint": self.fingerprint, "status": self.status, "note": self.note,
                "code": self.code, "pair_id": self.pair_id, "message": self.message,
                "updated": _iso(self.updated)}


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
        return {"kind": "segment", "key": self.key, "pair_id": self.pair_id, "approved": self.approved,
                "post_edit": self.post_edit, "source": self.source, "original_target": self.original_target,
                "updated": _iso(self.updated)}


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

    def __init__(self, path: str, *, readonly: bool = False):
        self.path = str(path)
        if readonly and not os.path.isfile(self.path):
            raise InputError("no such decisions database", self.path)
        folder = os.path.dirname(os.path.abspath(self.path))
        if not os.path.isdir(folder):
            raise UsageError("folder of the decisions database does not exist", self.path)
        try:
            if readonly:
                uri = "file:" + os.path.abspath(self.path) + "?mode=ro"
                self._db = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
            else:
                self._db = sqlite3.connect(self.path, isolation_level=None, timeout=5.0, check_same_thread=False)
            self._db.execute("PRAGMA busy_timeout = 5000")
            if not readonly:
                with self._tx():
                    for stmt in _SCHEMA.split(";"):
                        if stmt.strip():
                            self._db.execute(stmt)
                    self._db.execute("INSERT OR IGNORE INTO meta(key, value) VALUES ('schema', ?)",
                                     (str(SCHEMA_VERSION),))
            row = self._db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
        except sqlite3.DatabaseError as exc:
            raise InputError(f"not a transaudit decisions database ({exc})", self.path) from None
        if row is None or int(row[0]) > SCHEMA_VERSION:
            raise InputError("decisions database has an unknown schema version", self.path)
        self._flags: dict[str, FlagDecision] | None = None
        self._segments: dict[str, SegmentDecision] | None = None

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

    def _tx(self) -> "_Tx":
        return DecisionStore._Tx(self._db)

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> "DecisionStore":
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
            for fp, _before, after in changes:
                self._put_flag(db, fp, after)
            before_s = json.dumps({"desc": desc, "batch": [[fp, json.loads(_dump(b, desc))["value"]]
                                                           for fp, b, _a in changes]}, ensure_ascii=False)
            db.execute("INSERT INTO history(kind, key, before, after, at) VALUES ('flags', ?, ?, ?, ?)",
                       (changes[0][0], before_s, json.dumps({"desc": desc}), now))
        cache = self.flag_decisions()
        for fp, _before, after in changes:
            if after is None:
                cache.pop(fp, None)
            else:
                cache[fp] = after
        return len(changes)

    def _write_flag(self, fp: str, before: FlagDecision | None, after: FlagDecision | None, desc: str,
                    record: bool = True) -> None:
        with self._tx() as db:
            self._put_flag(db, fp, after)
            if record:
                db.execute("INSERT INTO history(kind, key, before, after, at) VALUES ('flag', ?, ?, ?, ?)",
                           (fp, _dump(before, desc), _dump(after, desc), time.time()))
        flags = self.flag_decisions()
        if after is None:
            flags.pop(fp, None)
        else:
            flags[fp] = after

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
        before = self.segment(pair)
        base = before or SegmentDecision(segment_key(pair), pair.id, False, None, pair.source, pair.target)
        after = replace(base, approved=approved, pair_id=pair.id, updated=time.time())
        if not after.approved and after.post_edit is None:
            after = None
        self._write_segment(segment_key(pair), before, after, "approve" if approved else "unapprove")
        return after

    def set_post_edit(self, pair: Pair, text: str | None) -> SegmentDecision | None:
        """Store an edited target for a segment (``None`` or the original text clears it)."""
        if text is not None and text == (pair.target or ""):
            text = None
        before = self.segment(pair)
        base = before or SegmentDecision(segment_key(pair), pair.id, False, None, pair.source, pair.target)
        after = replace(base, post_edit=text, pair_id=pair.id, updated=time.time())
        if not after.approved and after.post_edit is None:
            after = None
        self._write_segment(segment_key(pair), before, after, "edit" if text is not None else "revert edit")
        return after

    def _write_segment(self, key: str, before: SegmentDecision | None, after: SegmentDecision | None,
                       desc: str, record: bool = True) -> None:
        with self._tx() as db:
            self._put_segment(db, key, after)
            if record:
                db.execute("INSERT INTO history(kind, key, before, after, at) VALUES ('segment', ?, ?, ?, ?)",
                           (key, _dump(before, desc), _dump(after, desc), time.time()))
        segs = self.segment_decisions()
        if after is None:
            segs.pop(key, None)
        else:
            segs[key] = after

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
                restored = []
                for fp, value in before["batch"]:
                    d = FlagDecision(**value) if value else None
                    self._put_flag(db, fp, d)
                    restored.append((fp, d))
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


def _dump(value, desc: str) -> str:
    if value is None:
        return json.dumps({"desc": desc, "value": None})
    d = {k: getattr(value, k) for k in value.__slots__}
    return json.dumps({"desc": desc, "value": d}, ensure_ascii=False)


def _load(text: str | None) -> dict | None:
    if not text:
        return None
    return json.loads(text)


# -- applying decisions to audits ----------------------------------------------------------------

def apply_post_edits(pairs: Iterable[Pair], store: DecisionStore) -> Iterator[Pair]:
    """Pairs with their post-edited targets in place of the originals."""
    segs = store.segment_decisions()
    for p in pairs:
        if segs:
            d = segs.get(segment_key(p))
            if d is not None and d.post_edit is not None:
                p = replace(p, target=d.post_edit)
        yield p


def drop_dismissed(segments: Iterable[PairResult], dismissed: frozenset[str]) -> tuple[list[PairResult], int]:
    """Results without the dismissed flags, and how many were left out."""
    out = []
    dropped = 0
    for seg in segments:
        if dismissed and any(f.fingerprint in dismissed for f in seg.flags):
            kept = tuple(f for f in seg.flags if f.fingerprint not in dismissed)
            dropped += len(seg.flags) - len(kept)
            seg = replace(seg, flags=kept)
        out.append(seg)
    return out, dropped


def apply_decisions(result: AuditResult, store: DecisionStore, config=None) -> tuple[AuditResult, int]:
    """(result without dismissed flags, re-scored; number of flags left out)."""
    from . import scoring
    from .config import Config

    segs, dropped = drop_dismissed(result.segments, store.dismissed())
    if not dropped:
        return result, 0
    return scoring.finalize(replace(result, segments=tuple(segs)), config or Config()), dropped


@dataclass(frozen=True)
class DecisionsSummary:
    dismissed_left_out: int
    post_edited: tuple[str, ...]  # pair ids whose post-edited target was audited
    approved: tuple[str, ...]


def audit_with_decisions(inputs: Sequence[str] | str, store: DecisionStore, *, input_format: str | None = None,
                         source_lang: str | None = None, target_lang: str | None = None, config=None,
                         jobs: int | None = None, references: Sequence[str] | None = None,
                         metrics: Sequence[str] | None = None, align: bool = False,
                         presegmented: bool = False) -> tuple[AuditResult, DecisionsSummary]:
    """``run_audit`` with review decisions: post-edited targets are audited in place of the
    originals, and dismissed flags are left out (and not scored)."""
    from .config import Config
    from .engine import audit_pairs, open_audit_input

    config = config or Config()
    source, src, tgt, digest = open_audit_input(inputs, input_format, source_lang, target_lang, config,
                                                references, align, presegmented)
    segs = store.segment_decisions()
    edited: list[str] = []
    approved: list[str] = []

    def pairs():
        for p in source:
            d = segs.get(segment_key(p)) if segs else None
            if d is not None:
                if d.approved:
                    approved.append(p.id)
                if d.post_edit is not None:
                    edited.append(p.id)
                    p = replace(p, target=d.post_edit)
            yield p

    result = audit_pairs(pairs(), config, source_lang=src, target_lang=tgt, input_hash=digest, jobs=jobs,
                         metrics=metrics)
    result, dropped = apply_decisions(result, store, config)
    # The dismissed flags were taken out before scoring: say how many in the corpus scores too.
    result = replace(result, scores={**result.scores, "dismissed": dropped})
    return result, DecisionsSummary(dropped, tuple(edited), tuple(approved))


def report_decisions(summary: DecisionsSummary, db: str, out) -> None:
    """One line (and the post-edited segment ids) for ``check --decisions`` on stderr."""
    out.write(f"transaudit: decisions {db}: {summary.dismissed_left_out} dismissed flag(s) left out, "
              f"{len(summary.post_edited)} post-edited target(s) audited in place of the original"
              f", {len(summary.approved)} approved segment(s)\n")
    if summary.post_edited:
        ids = ", ".join(summary.post_edited[:20]) + (" …" if len(summary.post_edited) > 20 else "")
        out.write(f"transaudit: post-edited segments: {ids}\n")


# -- export ----------------------------------------------------------------------------------------

EXPORT_FIELDS = ("kind", "fingerprint", "key", "pair_id", "status", "code", "message", "note", "approved",
                 "post_edit", "source", "original_target", "updated")


def decision_rows(store: DecisionStore) -> list[dict[str, Any]]:
    rows = [d.to_dict() for d in sorted(store.flag_decisions().values(), key=lambda d: (d.updated, d.fingerprint))]
    rows += [d.to_dict() for d in sorted(store.segment_decisions().values(), key=lambda d: (d.updated, d.key))]
    return rows


def export_decisions(store: DecisionStore, fmt: str, path: str | None = None, stream=None) -> int:
    """Write every decision as JSON or CSV, to ``path`` atomically or to ``stream``; returns the count."""
    import sys

    from .writers import atomic_write

    rows = decision_rows(store)
    if fmt == "json":
        def fill(fh):
            json.dump({"schema": SCHEMA_VERSION, "database": os.path.basename(store.path), "decisions": rows},
                      fh, ensure_ascii=False, indent=2)
            fh.write("\n")
    elif fmt == "csv":
        def fill(fh):
            w = csv.DictWriter(fh, fieldnames=EXPORT_FIELDS, extrasaction="ignore", lineterminator="\n")
            w.writeheader()
            for r in rows:
                w.writerow({k: ("" if r.get(k) is None else r.get(k)) for k in EXPORT_FIELDS})
    else:
        raise UsageError(f"unknown export format {fmt!r} (json, csv)")
    if path is None:
        fill(stream or sys.stdout)
    else:
        atomic_write(path, fill)
    return len(rows)


# -- writing the edited translation back out ---------------------------------------------------------

EDIT_FORMATS = ("jsonl", "tsv", "text", "po", "xliff", "tmx")


def write_edited(inputs: Sequence[str] | str, store: DecisionStore, output: str, *,
                 input_format: str | None = None) -> int:
    """Write the input with its post-edited targets to ``output`` (for two text files: the target
    side), in the input's format. Returns how many targets were replaced. Never writes the input."""
    from .readers import detect_format, open_input
    from .writers import atomic_write

    paths = [inputs] if isinstance(inputs, str) else list(inputs)
    if os.path.abspath(output) in {os.path.abspath(p) for p in paths}:
        raise UsageError("the output would overwrite an input file", output)
    fmt = input_format or ("text" if len(paths) == 2 else detect_format(paths[0]))
    source = open_input(paths, fmt)
    segs = store.segment_decisions()
    edits: dict[int, str] = {}  # pair index -> post-edit
    for p in source:
        d = segs.get(segment_key(p))
        if d is not None and d.post_edit is not None:
            edits[p.index] = d.post_edit
    pairs_by_index = None
    if fmt == "text":
        from .readers.decode import open_text_lines

        def fill(fh):
            for index, (_lineno, line) in enumerate(open_text_lines(paths[1], keepends=True)):
                if index in edits:
                    body = line.rstrip("\r\n")
                    fh.write(_one_line(edits[index]) + line[len(body):])
                else:
                    fh.write(line)
        atomic_write(output, fill)
    elif fmt == "jsonl":
        from .readers.decode import open_text_lines

        def fill(fh):
            index = 0
            for _lineno, line in open_text_lines(paths[0], keepends=True):
                if not line.strip():
                    fh.write(line)
                    continue
                if index in edits:
                    obj = json.loads(line)
                    obj["target"] = edits[index]
                    fh.write(json.dumps(obj, ensure_ascii=False) + "\n")
                else:
                    fh.write(line if line.endswith("\n") else line + "\n")
                index += 1
        atomic_write(output, fill)
    elif fmt == "tsv":
        pairs_by_index = {p.index: p for p in source if p.index in edits}
        by_line = {p.target_origin.line: (p, edits[i]) for i, p in pairs_by_index.items() if p.target_origin}
        from .readers.decode import open_text_lines

        def fill(fh):
            for lineno, line in open_text_lines(paths[0], keepends=True):
                if lineno in by_line:
                    pair, new = by_line[lineno]
                    body = line.rstrip("\r\n")
                    cols = body.split("\t")
                    tgt_cols = [i for i, c in enumerate(cols) if c == (pair.target or "") and i > 0]
                    if not tgt_cols:
                        raise InputError("cannot find the target column to replace", paths[0], lineno)
                    cols[tgt_cols[0]] = _one_line(new).replace("\t", " ")
                    fh.write("\t".join(cols) + line[len(body):])
                else:
                    fh.write(line)
        atomic_write(output, fill)
    elif fmt in ("po", "xliff", "tmx"):
        _write_edited_toolkit(paths[0], fmt, source, edits, output)
    else:
        raise UsageError(f"cannot write edited translations as {fmt} ({', '.join(EDIT_FORMATS)})")
    return len(edits)


def _one_line(text: str) -> str:
    return text.replace("\r\n", " ").replace("\n", " ").replace("\r", " ")


def _write_edited_toolkit(path: str, fmt: str, source, edits: dict[int, str], output: str) -> None:
    """PO / XLIFF (1.2 and 2.x) / TMX through translate-toolkit (its XML parser resolves no external
    entities): units matched in order by source text; a post-edited target is written as plain text."""
    from .writers import atomic_write

    if fmt == "po":
        from translate.storage import pypo as mod
        store_cls = mod.pofile
    elif fmt == "xliff":
        from translate.storage import xliff as mod
        store_cls = mod.xlifffile
    else:
        from translate.storage import tmx as mod
        store_cls = mod.tmxfile
    want = {}
    for p in source:
        if p.index in edits:
            want.setdefault(p.source, []).append(edits[p.index])
    with open(path, "rb") as fh:
        raw = fh.read()
    try:
        st = store_cls.parsestring(raw)
    except ValueError:
        if fmt != "xliff":
            raise
        from translate.storage import xliff2  # XLIFF 2.x has its own parser

        st = xliff2.Xliff2File.parsestring(raw)
    for unit in st.units:
        if getattr(unit, "isheader", lambda: False)():
            continue
        src = unit.source
        if src in want and want[src]:
            unit.target = want[src].pop(0)
    data = bytes(st)
    atomic_write(output, lambda fh: fh.write(data), mode="wb")
