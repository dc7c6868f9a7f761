"""The review list's filters: the ``Filters`` value and the filter-bar syntax that ``parse_filters``
reads (``sev:major code:NUM001 cat:accuracy status:open``, bare words guessed)."""
from __future__ import annotations

from dataclasses import dataclass

from audit.core.model import Severity

STATUSES = ("all", "open", "confirmed", "dismissed", "approved", "unapproved", "edited", "flagged", "clean")
SORTS = ("position", "score")


@dataclass(frozen=True)
class Filters:
    """Which segments to show. Empty sets mean 'any'."""

    min_severity: Severity | None = None  # show segments whose worst live flag is at least this
    codes: frozenset[str] = frozenset()  # code or prefix (NUM, NUM001)
    categories: frozenset[str] = frozenset()  # MQM path or its top level (accuracy)
    status: str = "all"

    def active(self) -> bool:
        return self != Filters()

    def describe(self) -> str:
        return " ".join(self._terms("severity≥", "category:")) or "none"

    def query(self) -> str:
        """The filters in the filter bar's syntax (``parse_filters`` reads it back)."""
        return " ".join(self._terms("sev:", "cat:"))

    def _terms(self, sev: str, cat: str) -> list[str]:
        parts = []
        if self.min_severity is not None:
            parts.append(f"{sev}{self.min_severity.label}")
        if self.codes:
            parts.append("code:" + ",".join(sorted(self.codes)))
        if self.categories:
            parts.append(cat + ",".join(sorted(self.categories)))
        if self.status != "all":
            parts.append(f"status:{self.status}")
        return parts


def parse_filters(text: str, base: Filters | None = None) -> Filters:
    """Parse ``sev:major code:NUM,PUN001 cat:accuracy status:open`` (any order, any subset).

    A bare word is taken as a check code or prefix (upper case), a category (contains '/' or is a
    known top level) or a status. Raises ValueError naming the bad part.
    """
    f = Filters()
    min_sev, codes, cats, status = f.min_severity, set(), set(), f.status
    for part in text.split():
        key, sep, value = part.partition(":")
        if not sep:
            key, value = _guess_key(part), part
        key = key.lower()
        values = [v for v in value.split(",") if v]
        if key in ("sev", "severity"):
            if len(values) != 1:
                raise ValueError(f"one severity expected in {part!r}")
            min_sev = Severity.parse(values[0])
        elif key == "code":
            codes.update(v.upper() for v in values)
        elif key in ("cat", "category"):
            cats.update(v.lower() for v in values)
        elif key == "status":
            if len(values) != 1 or values[0].lower() not in STATUSES:
                raise ValueError(f"status is one of {', '.join(STATUSES)}")
            status = values[0].lower()
        else:
            raise ValueError(f"unknown filter {key!r} (sev, code, cat, status)")
    return Filters(min_sev, frozenset(codes), frozenset(cats), status)


_TOP_CATEGORIES = ("accuracy", "fluency", "terminology", "style", "locale-convention", "markup", "non-translation",
                   "other")


def _guess_key(word: str) -> str:
    low = word.lower()
    if low in STATUSES:
        return "status"
    if low in ("minor", "major", "critical"):
        return "sev"
    if "/" in low or low in _TOP_CATEGORIES:
        return "cat"
    return "code"
