"""Baselines: the flags of an accepted state, so that a CI run reports only the flags that are new.

A baseline is a JSON file listing baseline fingerprints with a count each. ``Matcher`` filters an
audit's flags against it: a flag whose fingerprint still has a count left in the baseline is
suppressed (the count goes down by one), any other flag is new. Counts make repeated segments
work: a sentence translated the same wrong way three times is three accepted flags, and a fourth
copy is new.

The baseline fingerprint (``baseline_fingerprint``, version ``tb1``) is the check code, a hash of
the normalised source text (NFC, whitespace runs collapsed) and, for each span of the flag, its
side and its normalised text. It holds no segment id, line, offset, message or severity, so a
flag keeps its fingerprint when lines move, units are renumbered or reordered, the file is
re-segmented around it, a message is reworded, or the target is edited elsewhere (the flag's
``Flag.fingerprint`` hashes the whole target, so an edit anywhere in the target would make every
accepted flag on that segment new again). A flag is new when its source sentence changes, when
the flagged text changes, or when it is on a segment that had no such flag.

Untrusted text is data here: texts are hashed, and the file stores only fingerprints, codes,
counts and a short sample of the flagged text (JSON-escaped by the writer).
"""
from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace

from audit.core.errors import InputError
from audit.core.model import Flag, PairResult, normalize_for_fingerprint
from audit.core.version import __version__

FORMAT = "transaudit-baseline"
SCHEMA = 1
FINGERPRINT_VERSION = "tb1"
SAMPLE_CHARS = 60  # the flagged text kept beside each entry, for people reading a diff of the baseline
MAX_BYTES = 512 * 1024 * 1024


def source_hash(source: str) -> bytes:
    return hashlib.blake2b(normalize_for_fingerprint(source).encode(), digest_size=16).digest()


def baseline_fingerprint(code: str, source: str, spans: Sequence[tuple[str, str]], src_hash: bytes | None = None) -> str:
    """``spans``: (side, text) of each span of the flag, the primary first."""
    h = hashlib.blake2b(digest_size=10)
    h.update(FINGERPRINT_VERSION.encode() + b"\x00" + code.encode() + b"\x00")
    h.update(src_hash if src_hash is not None else source_hash(source))
    for side, text in spans:
        h.update(b"\x00" + side.encode() + b"\x01" + normalize_for_fingerprint(text).encode())
    return h.hexdigest()


def flag_spans(pair, flag: Flag) -> list[tuple[str, str]]:
    return [(sp.side, pair.text(sp.side)[sp.start:sp.end]) for sp in flag.spans]


def flag_fingerprint(pair, flag: Flag, src_hash: bytes | None = None) -> str:
    return baseline_fingerprint(flag.code, pair.source, flag_spans(pair, flag), src_hash)


@dataclass
class Entry:
    fingerprint: str
    code: str
    count: int
    text: str = ""

    def to_dict(self) -> dict:
        return {"fingerprint": self.fingerprint, "code": self.code, "count": self.count, "text": self.text}


@dataclass
class Baseline:
    entries: dict[str, Entry]

    @property
    def total(self) -> int:
        return sum(e.count for e in self.entries.values())

    def add(self, fingerprint: str, code: str, text: str) -> None:
        e = self.entries.get(fingerprint)
        if e is None:
            self.entries[fingerprint] = Entry(fingerprint, code, 1, text[:SAMPLE_CHARS])
        else:
            e.count += 1

    def digest(self) -> str:
        """A hash of the accepted state (each fingerprint and its count), independent of the file's
        layout and of the sample texts: two baselines that suppress the same flags hash the same."""
        h = hashlib.sha256()
        for fp in sorted(self.entries):
            h.update(f"{fp}:{self.entries[fp].count}\n".encode())
        return h.hexdigest()[:16]

    def to_dict(self) -> dict:
        flags = [e.to_dict() for e in sorted(self.entries.values(), key=lambda e: (e.code, e.fingerprint))]
        return {"format": FORMAT, "schema": SCHEMA, "fingerprint": FINGERPRINT_VERSION,
                "tool": {"name": "transaudit", "version": __version__}, "total": self.total, "flags": flags}

    def dumps(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=1) + "\n"


def from_flags(items: Iterable[tuple[str, str, str]]) -> Baseline:
    """A baseline from (fingerprint, code, sample text) of each accepted flag."""
    b = Baseline({})
    for fp, code, text in items:
        b.add(fp, code, text)
    return b


def from_segments(segments: Iterable[PairResult]) -> Baseline:
    return from_flags(iter_fingerprints(segments))


def iter_fingerprints(segments: Iterable[PairResult]) -> Iterator[tuple[str, str, str]]:
    for seg in segments:
        if not seg.flags:
            continue
        sh = source_hash(seg.pair.source)
        for f in seg.flags:
            spans = flag_spans(seg.pair, f)
            yield baseline_fingerprint(f.code, seg.pair.source, spans, sh), f.code, spans[0][1] if spans else ""


def _bad(path: str, why: str) -> InputError:
    return InputError(f"not a transaudit baseline: {why}", path)


def load(path: str) -> Baseline:
    """Read and validate a baseline file; anything else is an input error naming the file."""
    try:
        if os.path.getsize(path) > MAX_BYTES:
            raise _bad(path, "larger than 512 MiB")
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except InputError:
        raise
    except FileNotFoundError:
        raise InputError("baseline file not found", path) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read the baseline: {exc.__class__.__name__}", path) from None
    except (ValueError, RecursionError):
        raise _bad(path, "not valid JSON") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise _bad(path, f"no \"format\": \"{FORMAT}\"")
    if data.get("schema") != SCHEMA:
        raise _bad(path, f"schema {data.get('schema')!r}, this version reads {SCHEMA}")
    if data.get("fingerprint") != FINGERPRINT_VERSION:
        raise _bad(path, f"fingerprint version {data.get('fingerprint')!r}, this version makes {FINGERPRINT_VERSION!r}")
    flags = data.get("flags")
    if not isinstance(flags, list):
        raise _bad(path, "\"flags\" is not a list")
    b = Baseline({})
    for i, item in enumerate(flags):
        ok = (isinstance(item, dict) and isinstance(item.get("fingerprint"), str) and len(item["fingerprint"]) == 20
              and all(c in "0123456789abcdef" for c in item["fingerprint"]) and isinstance(item.get("code"), str)
              and type(item.get("count")) is int and item["count"] >= 1)
        if not ok:
            raise _bad(path, f"flags[{i}] needs a 20-hex-digit fingerprint, a code and a count of 1 or more")
        fp = item["fingerprint"]
        text = item.get("text") if isinstance(item.get("text"), str) else ""
        if fp in b.entries:
            b.entries[fp].count += item["count"]
        else:
            b.entries[fp] = Entry(fp, item["code"], item["count"], text)
    return b


@dataclass(frozen=True)
class BaselineApplied:
    """What a baseline did to an audit: flags suppressed (accepted), flags reported (new), and
    accepted flags not seen any more (fixed since, or their text changed)."""

    path: str
    entries: int
    accepted: int
    suppressed: int
    new: int
    fixed: int
    digest: str = ""

    def to_dict(self) -> dict:
        return {"path": self.path, "hash": self.digest, "entries": self.entries, "accepted": self.accepted,
                "suppressed": self.suppressed, "new": self.new, "fixed": self.fixed}

    def line(self) -> str:
        return (f"baseline {self.path}: {self.suppressed} flag(s) suppressed (accepted in the baseline), "
                f"{self.new} new, {self.fixed} accepted flag(s) no longer found")


class Matcher:
    """Filters flags against a baseline, one segment at a time, in input order (deterministic)."""

    def __init__(self, baseline: Baseline, path: str = "") -> None:
        self.path = path
        self.digest = baseline.digest()
        self.entries = len(baseline.entries)
        self.accepted = baseline.total
        self.left = {fp: e.count for fp, e in baseline.entries.items()}
        self.suppressed = 0
        self.new = 0

    def new_flags(self, seg: PairResult) -> tuple[Flag, ...]:
        if not seg.flags:
            return seg.flags
        sh = source_hash(seg.pair.source)
        kept = []
        for f in seg.flags:
            fp = flag_fingerprint(seg.pair, f, sh)
            n = self.left.get(fp, 0)
            if n:
                self.left[fp] = n - 1
                self.suppressed += 1
            else:
                kept.append(f)
        self.new += len(kept)
        return seg.flags if len(kept) == len(seg.flags) else tuple(kept)

    def segment(self, seg: PairResult) -> PairResult:
        flags = self.new_flags(seg)
        return seg if flags is seg.flags else replace(seg, flags=flags)

    def segments(self, segments: Iterable) -> Iterator:
        """Segments with only their new flags. Items may be (segment, extra) tuples, as the
        streaming pipeline passes them; the extra is kept."""
        for item in segments:
            if isinstance(item, tuple):
                yield (self.segment(item[0]), *item[1:])
            else:
                yield self.segment(item)

    def applied(self) -> BaselineApplied:
        return BaselineApplied(self.path, self.entries, self.accepted, self.suppressed, self.new,
                               sum(self.left.values()), self.digest)


def settings_with(settings: Mapping, applied_dict: dict) -> dict:
    return {**settings, "baseline": applied_dict}
