"""Selecting catalog units by state (``check --skip fuzzy,obsolete`` / ``--only untranslated``).

A pair's state is ``pair.unit.state`` when its reader filled ``Pair.unit`` (see
``audit.core.model.UNIT_STATES``); without a unit (plain text, TSV, JSONL, a reader that does not
fill it yet) it is derived: ``untranslated`` when the target is missing or blank, ``fuzzy`` when the
pair's note starts with the line ``fuzzy`` (what the PO reader writes), else ``translated``.

The names a user gives, and the unit states each selects:

=============  ============================================================================
name           unit states (and flags)
=============  ============================================================================
translated     ``translated``
untranslated   ``untranslated`` (and, without a unit, a missing or blank target)
fuzzy          ``fuzzy`` (PO ``#, fuzzy``; XLIFF ``needs-review-*`` states as readers map them)
obsolete       ``obsolete`` (PO ``#~`` entries)
approved       ``approved`` and ``final`` (reviewed, signed off)
locked         ``locked``, and any unit flagged ``locked`` or ``no-translate``
=============  ============================================================================

Obsolete units are skipped by default (they are no longer in the program); ``--only obsolete``
audits them (the PO reader gives its ``#~`` entries as pairs of state ``obsolete``, ids prefixed
``#~ ``). Counts (``StateCounts``) are of units, not pairs: the plural forms of one entry (consecutive
pairs of one file with the same ``unit.key``) are one unit, as in the catalog statistics. ``--skip`` adds to that; ``--only`` keeps the units of the states it names and nothing
else; both together keep what ``--only`` names minus what ``--skip`` names.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from audit.core.errors import UsageError
from audit.core.model import Pair

STATE_NAMES = ("translated", "untranslated", "fuzzy", "obsolete", "approved", "locked")
_BY_STATE = {"translated": "translated", "untranslated": "untranslated", "fuzzy": "fuzzy",
             "obsolete": "obsolete", "approved": "approved", "final": "approved", "locked": "locked"}
_LOCKED_FLAGS = frozenset({"locked", "no-translate"})
DEFAULT_SKIP = frozenset({"obsolete"})


def state_of(pair: Pair) -> str:
    """The selection name (one of ``STATE_NAMES``) of a pair's unit."""
    unit = pair.unit
    if unit is not None:
        if unit.flags & _LOCKED_FLAGS:
            return "locked"
        return _BY_STATE.get(unit.state, "translated")
    if not (pair.target or "").strip():
        return "untranslated"
    if pair.note and pair.note.split("\n", 1)[0] == "fuzzy":
        return "fuzzy"
    return "translated"


def parse_states(values: Iterable[str], option: str) -> frozenset[str]:
    """Comma-separated state names (repeatable option values), validated."""
    out = set()
    for item in values:
        for name in item.split(","):
            name = name.strip().lower()
            if not name:
                continue
            if name not in STATE_NAMES:
                raise UsageError(f"{option}: unknown unit state {name!r} (one of {', '.join(STATE_NAMES)})")
            out.add(name)
    return frozenset(out)


@dataclass(frozen=True)
class UnitFilter:
    """Which states to keep: ``only`` (None: every state) minus ``skip``."""

    skip: frozenset[str] = DEFAULT_SKIP
    only: frozenset[str] | None = None

    @classmethod
    def from_options(cls, skip: Iterable[str] = (), only: Iterable[str] = ()) -> UnitFilter:
        skipped = parse_states(skip, "--skip")
        chosen = parse_states(only, "--only") or None
        default = DEFAULT_SKIP - (chosen or frozenset())
        return cls(frozenset(skipped | default), chosen)

    def keeps(self, state: str) -> bool:
        if self.only is not None and state not in self.only:
            return False
        return state not in self.skip

    @property
    def is_default(self) -> bool:
        return self.only is None and self.skip == DEFAULT_SKIP

    def describe(self) -> str:
        parts = []
        if self.only is not None:
            parts.append("only " + ",".join(sorted(self.only)))
        if self.skip:
            parts.append("skip " + ",".join(sorted(self.skip)))
        return "; ".join(parts)


@dataclass
class StateCounts:
    """Units seen and left out by state, over one complete pass of the input."""

    seen: dict[str, int] = field(default_factory=dict)
    skipped: dict[str, int] = field(default_factory=dict)

    @property
    def kept(self) -> int:
        return sum(self.seen.values()) - sum(self.skipped.values())


class FilteredPairs:
    """A re-iterable view of pairs keeping the units ``unit_filter`` keeps. ``counts`` holds the
    counts of the last complete pass (a partial pass, such as a language-detection sample, does not
    change it)."""

    def __init__(self, pairs: Iterable[Pair], unit_filter: UnitFilter):
        self._pairs = pairs
        self.filter = unit_filter
        self.counts = StateCounts()
        for name in ("paths", "format", "source_lang", "target_lang", "meta"):
            if hasattr(pairs, name):
                setattr(self, name, getattr(pairs, name))

    def __iter__(self) -> Iterator[Pair]:
        counts = StateCounts()
        keeps = self.filter.keeps
        last = None
        for pair in self._pairs:
            state = state_of(pair)
            ident = _unit_ident(pair)
            new_unit = ident is None or ident != last
            last = ident
            if new_unit:
                counts.seen[state] = counts.seen.get(state, 0) + 1
            if keeps(state):
                yield pair
            elif new_unit:
                counts.skipped[state] = counts.skipped.get(state, 0) + 1
        self.counts = counts


def _unit_ident(pair: Pair) -> tuple | None:
    """(file, unit key) of a catalog pair that is one plural form of a unit, else None (a pair
    that is a unit by itself): consecutive pairs with the same identity are one unit, as
    ``audit.outputs.catalog`` counts them, so both counters give the same figures."""
    unit = pair.unit
    if unit is None or unit.form is None:
        return None
    o = pair.source_origin or pair.target_origin
    return ((o.path if o else None), unit.key)


def unit_key(pair: Pair) -> str:
    """The identity of a pair's unit in its file, the same for every plural form: ``unit.key``
    when the reader filled it, else the pair id without a plural suffix ``[N]``."""
    if pair.unit is not None:
        return pair.unit.key
    pid = pair.id
    if pid.endswith("]"):
        head, sep, num = pid[:-1].rpartition("[")
        if sep and num.isdigit():
            return head
    return pid


def survey(pairs: Iterable[Pair], with_keys: bool = True) -> tuple[StateCounts, set[str], bool]:
    """One pass over a catalog's pairs (all of them, before any filter): the units by state, the
    keys of the units that are not obsolete (with ``with_keys``; else an empty set), and whether any
    unit has a target (a template has none)."""
    counts = StateCounts()
    keys: set[str] = set()
    translated = False
    last = None
    for pair in pairs:
        state = state_of(pair)
        ident = _unit_ident(pair)
        if ident is None or ident != last:
            counts.seen[state] = counts.seen.get(state, 0) + 1
        last = ident
        if with_keys and state != "obsolete":
            keys.add(unit_key(pair))
        if (pair.target or "").strip():
            translated = True
    return counts, keys, translated
