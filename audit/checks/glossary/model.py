"""The loaded ``Glossary``: entries and concepts from its files, and the matcher index of each
language pair, compiled once."""
from __future__ import annotations

from dataclasses import dataclass, field

from audit.checks.glossary.entries import Concept, Entry
from audit.checks.glossary.index import PairIndex
from audit.core.model import base_lang


@dataclass
class Glossary:
    """Entries from one or more files; ``index(src, tgt)`` compiles (and caches) the matcher for a pair."""

    entries: list[Entry] = field(default_factory=list)
    concepts: list[Concept] = field(default_factory=list)
    paths: tuple[str, ...] = ()
    digest: str = ""
    _indexes: dict = field(default_factory=dict, repr=False, compare=False)

    def __len__(self) -> int:
        return len(self.entries) + len(self.concepts)

    def __repr__(self) -> str:  # short: it may end up in a signature or a log
        return f"Glossary({len(self)} entries, sha256:{self.digest[:12]})"

    def __getstate__(self):
        state = dict(self.__dict__)
        state["_indexes"] = {}
        return state

    def __setstate__(self, state):
        self.__dict__.update(state)

    def entries_for(self, src: str | None, tgt: str | None) -> list[Entry]:
        src, tgt = base_lang(src), base_lang(tgt)
        out = [e for e in self.entries
               if (e.source_lang is None or e.source_lang == src) and (e.target_lang is None or e.target_lang == tgt)]
        if src and tgt:
            for c in self.concepts:
                e = c.entry(src, tgt)
                if e is not None:
                    out.append(e)
        return out

    def index(self, src: str | None, tgt: str | None) -> "PairIndex":
        key = (base_lang(src), base_lang(tgt))
        idx = self._indexes.get(key)
        if idx is None:
            idx = self._indexes[key] = PairIndex(self.entries_for(*key), key[0], key[1])
        return idx

