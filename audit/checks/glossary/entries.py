"""Glossary entries: a bilingual entry, and a multilingual (TBX) concept that yields one per pair."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping


@dataclass(frozen=True)
class Entry:
    """One bilingual glossary entry: source terms (synonyms), required target variants, forbidden
    target terms, a note, and where it was defined. Languages None: applies to any pair."""

    sources: tuple[str, ...]
    targets: tuple[str, ...]
    forbidden: tuple[str, ...] = ()
    note: str | None = None
    path: str | None = None
    line: int | None = None
    source_lang: str | None = None
    target_lang: str | None = None


@dataclass(frozen=True)
class Concept:
    """One multilingual (TBX) concept: ``terms`` maps a base language code to (term, forbidden) pairs."""

    terms: Mapping[str, tuple[tuple[str, bool], ...]]
    note: str | None = None
    path: str | None = None
    line: int | None = None

    def entry(self, src: str, tgt: str) -> Entry | None:
        s, t = self.terms.get(src), self.terms.get(tgt)
        if not s or not t:
            return None
        return Entry(
            sources=tuple(term for term, _ in s),  # a deprecated source term still names the concept
            targets=tuple(term for term, bad in t if not bad),
            forbidden=tuple(term for term, bad in t if bad),
            note=self.note, path=self.path, line=self.line, source_lang=src, target_lang=tgt,
        )
