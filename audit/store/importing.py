"""Importing decisions that ``export-decisions`` wrote as JSON into another decisions database:
a reviewer's work moves to a colleague's database, a CI machine, or a fresh copy.

The file is validated whole before anything is written (its schema, every decision's kind and
fields; the first bad one is one line naming the file and the decision's number), then every
decision is written in one transaction, so an import is all or nothing. A decision already in the
database is resolved by ``on_conflict``: ``newer`` (the default) keeps whichever was updated last,
``keep`` keeps the database's, ``replace`` takes the file's. Imports are not recorded in the undo
history (undo in the review app reverts reviewers' own steps, not a merge of someone else's work).
"""
from __future__ import annotations

import calendar
import json
import time
from dataclasses import dataclass
from typing import Any

from audit.core.errors import InputError
from audit.store.decisions import (
    FLAG_STATUSES,
    SCHEMA_VERSION,
    DecisionStore,
    FlagDecision,
    SegmentDecision,
)

POLICIES = ("newer", "keep", "replace")


@dataclass(frozen=True)
class ImportReport:
    added: int = 0
    replaced: int = 0
    kept: int = 0  # already in the database and left as it was (same, or by the policy)


def _when(value: Any, path: str, n: int) -> float:
    if value in (None, ""):
        return 0.0
    try:
        return float(calendar.timegm(time.strptime(str(value), "%Y-%m-%dT%H:%M:%SZ")))
    except ValueError:
        raise InputError(f"decision {n}: 'updated' must be a time like 2026-01-31T12:00:00Z", path) from None


def _text(row: dict, key: str, path: str, n: int, required: bool = False) -> str | None:
    v = row.get(key)
    if v is None and not required:
        return None
    if not isinstance(v, str) or (required and not v):
        raise InputError(f"decision {n}: '{key}' must be {'a non-empty' if required else 'a'} string", path)
    return v


def _decision(row: Any, path: str, n: int) -> FlagDecision | SegmentDecision:
    if not isinstance(row, dict):
        raise InputError(f"decision {n} is not an object", path)
    kind = row.get("kind")
    updated = _when(row.get("updated"), path, n)
    if kind == "flag":
        status = row.get("status")
        if status not in FLAG_STATUSES:
            raise InputError(f"decision {n}: 'status' must be one of {', '.join(FLAG_STATUSES)}", path)
        return FlagDecision(_text(row, "fingerprint", path, n, True), status, _text(row, "note", path, n),
                            _text(row, "code", path, n), _text(row, "pair_id", path, n),
                            _text(row, "message", path, n), updated)
    if kind == "segment":
        approved = row.get("approved", False)
        if not isinstance(approved, bool):
            raise InputError(f"decision {n}: 'approved' must be true or false", path)
        return SegmentDecision(_text(row, "key", path, n, True), _text(row, "pair_id", path, n), approved,
                               _text(row, "post_edit", path, n), _text(row, "source", path, n),
                               _text(row, "original_target", path, n), updated)
    raise InputError(f"decision {n}: 'kind' must be 'flag' or 'segment'", path)


def read_export(path: str) -> list[FlagDecision | SegmentDecision]:
    """The decisions of an ``export-decisions`` JSON file, validated (see the module doc)."""
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except FileNotFoundError:
        raise InputError("no such file", path) from None
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError, ValueError) as exc:
        said = getattr(exc, "msg", None) or exc.__class__.__name__
        line = getattr(exc, "lineno", None)
        raise InputError(f"not a decisions export (invalid JSON: {said})", path, line) from None
    if not isinstance(data, dict) or not isinstance(data.get("decisions"), list):
        raise InputError("not a decisions export (no 'decisions' list; write one with 'transaudit export-decisions')",
                         path)
    schema = data.get("schema")
    if not isinstance(schema, int) or isinstance(schema, bool) or not 1 <= schema <= SCHEMA_VERSION:
        raise InputError(f"decisions export of schema {schema!r}; this version reads 1 to {SCHEMA_VERSION}", path)
    return [_decision(row, path, n) for n, row in enumerate(data["decisions"], 1)]


def _same(a, b) -> bool:
    return {**a.to_dict(), "updated": None} == {**b.to_dict(), "updated": None}


def import_decisions(store: DecisionStore, decisions, on_conflict: str = "newer") -> ImportReport:
    """Write ``decisions`` into ``store`` in one transaction (see the module doc)."""
    if on_conflict not in POLICIES:
        raise ValueError(f"on_conflict must be one of {', '.join(POLICIES)}")
    flags, segments = store.flag_decisions(), store.segment_decisions()
    added = replaced = kept = 0
    writes = []
    for d in decisions:
        is_flag = isinstance(d, FlagDecision)
        key = d.fingerprint if is_flag else d.key
        have = (flags if is_flag else segments).get(key)
        if have is None:
            added += 1
        elif _same(have, d) or on_conflict == "keep" or (on_conflict == "newer" and have.updated >= d.updated):
            kept += 1
            continue
        else:
            replaced += 1
        writes.append((is_flag, key, d))
    if writes:
        with store._tx() as db:
            for is_flag, key, d in writes:
                (store._put_flag if is_flag else store._put_segment)(db, key, d)
        for is_flag, key, d in writes:
            (flags if is_flag else segments)[key] = d
    return ImportReport(added, replaced, kept)
