"""Data model of an audit: pairs in, flags out. Frozen dataclasses, no I/O.

Offsets everywhere are Python string indices (code points) into the text of one side
of a pair, half-open: ``text[start:end]`` is what a span covers.
"""
from __future__ import annotations

import enum
import hashlib
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Mapping

SIDES = ("source", "target")


# MQM categories this project uses (top-level/sub-level, lower case).
MQM_CATEGORIES = frozenset({
    "accuracy/mistranslation", "accuracy/omission", "accuracy/addition", "accuracy/untranslated",
    "fluency/grammar", "fluency/spelling", "fluency/punctuation", "fluency/register",
    "fluency/inconsistency", "fluency/character-encoding", "fluency/typography",
    "terminology/inconsistent", "terminology/wrong-term", "style/awkward",
    "locale-convention/number-format", "locale-convention/date-format",
    "locale-convention/measurement-format", "locale-convention/currency-format",
    "markup/tag", "markup/placeholder", "non-translation", "other",
})


class Severity(enum.IntEnum):
    """Ordered severities: a gate at MAJOR fails on MAJOR and CRITICAL."""

    MINOR = 1
    MAJOR = 2
    CRITICAL = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, value: "str | Severity") -> "Severity":
        if isinstance(value, Severity):
            return value
        try:
            return cls[str(value).strip().upper()]
        except KeyError:
            raise ValueError(f"unknown severity {value!r} (minor, major, critical)") from None


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a segment's text came from.

    ``unit`` names the unit in the file (TMX tuid, XLIFF trans-unit id, PO msgctxt/msgid);
    ``line`` is 1-based; ``offset`` is the code-point offset of the segment text within the
    decoded file, where that is meaningful (plain text and documents), else None.
    """

    path: str | None = None
    unit: str | None = None
    line: int | None = None
    offset: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "unit": self.unit, "line": self.line, "offset": self.offset}


@dataclass(frozen=True, slots=True)
class Alignment:
    """How a pair was made from two documents: the sentence indices of each side and a confidence."""

    source: tuple[int, ...]
    target: tuple[int, ...]
    confidence: float | None = None

    @property
    def bead(self) -> str:
        return f"{len(self.source)}-{len(self.target)}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "bead": self.bead,
            "source": list(self.source),
            "target": list(self.target),
            "confidence": None if self.confidence is None else round(self.confidence, 4),
        }


UNIT_STATES = ("translated", "untranslated", "fuzzy", "obsolete", "approved", "final", "locked")


@dataclass(frozen=True, slots=True)
class Unit:
    """What a catalog (PO, XLIFF, TMX) says about the unit a pair comes from, beyond its text.

    ``key``: the unit's identity in its file, the same for every plural form of one entry (PO:
    ``msgctxt|msgid``; XLIFF: the unit id). ``state``: one of ``UNIT_STATES``. ``flags``: the
    unit's flags as the file writes them (PO ``#,`` flags such as ``c-format``,
    ``python-brace-format``, ``no-c-format``; XLIFF ``translate="no"`` as ``no-translate``).
    ``form``: this pair's plural form (PO ``msgstr[form]``), None when the unit has no plurals;
    ``forms``: how many forms the unit has (1 without plurals). ``singular`` / ``plural``: the
    unit's two source strings when it has plurals (PO ``msgid`` / ``msgid_plural``).
    ``previous``: the source string the fuzzy translation was made for (PO ``#| msgid``).
    ``plural_forms``: the file's ``Plural-Forms`` header as written, None when it has none.
    ``document``: True when the file's units are running text (a document), False for a software
    catalog of independent strings.
    ``single``: the one number this plural form is used for, when it is used for exactly one
    (gettext's test over n = 0..1000: English ``msgstr[0]`` 1, Arabic ``msgstr[0]`` 0, ``[1]`` 1,
    ``[2]`` 2); such a form may leave out the count placeholder. None otherwise.
    ``context``: PO ``msgctxt``; ``location``: PO ``#:`` references (space-separated, as written).
    ``header_line``: the line of the ``Plural-Forms`` header in the file (None without one).
    ``nplurals``: the form count the catalog declares (PO header ``nplurals``), None when it declares none.
    """

    key: str
    state: str = "translated"
    flags: frozenset[str] = frozenset()
    form: int | None = None
    forms: int = 1
    singular: str | None = None
    plural: str | None = None
    previous: str | None = None
    plural_forms: str | None = None
    document: bool = False
    single: int | None = None
    context: str | None = None
    location: str | None = None
    header_line: int | None = None
    nplurals: int | None = None

    @property
    def fuzzy(self) -> bool:
        return self.state == "fuzzy"

    def to_dict(self) -> dict[str, Any]:
        """The unit as the JSON report shows it (empty and default fields left out)."""
        d: dict[str, Any] = {"key": self.key, "state": self.state}
        if self.flags:
            d["flags"] = sorted(self.flags)
        if self.form is not None:
            d.update(form=self.form, forms=self.forms)
            if self.single is not None:
                d["single"] = self.single
        for name in ("context", "previous", "location"):
            if getattr(self, name) is not None:
                d[name] = getattr(self, name)
        return d

    def to_tuple(self) -> tuple:
        return (self.key, self.state, tuple(sorted(self.flags)), self.form, self.forms, self.singular,
                self.plural, self.previous, self.plural_forms, self.document, self.single, self.context,
                self.location, self.header_line, self.nplurals)

    @classmethod
    def from_tuple(cls, t) -> Unit:
        return cls(t[0], t[1], frozenset(t[2]), *t[3:])


@dataclass(frozen=True, slots=True)
class Pair:
    """One source segment and its translation, with optional references."""

    id: str
    source: str
    target: str | None  # None: the unit has no target at all (missing), "" : empty target
    references: tuple[str, ...] = ()
    source_lang: str | None = None
    target_lang: str | None = None
    source_origin: Origin | None = None
    target_origin: Origin | None = None
    align: Alignment | None = None
    index: int = 0  # position in the input, 0-based
    note: str | None = None  # context carried by the file (PO msgctxt, XLIFF note), shown to reviewers
    unit: Unit | None = None  # catalog facts (state, format flags, plural form); None for plain text

    def text(self, side: str) -> str:
        if side == "source":
            return self.source
        if side == "target":
            return self.target or ""
        if side.startswith("reference"):
            idx = int(side[len("reference"):] or 0)
            return self.references[idx]
        raise ValueError(f"unknown side {side!r}")


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open range ``[start, end)`` of Python string indices into one side's text."""

    side: str
    start: int
    end: int

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"bad span {self.side}[{self.start}:{self.end}]")


@dataclass(frozen=True, slots=True)
class Option:
    """One setting a check declares (``[tool.transaudit.options.CODE]``): its name, its type (a
    type or a tuple of types; an int is accepted where a float is declared, a bool never stands
    for a number), its default and a one-line doc."""

    name: str
    type: Any
    default: Any
    doc: str

    @property
    def type_name(self) -> str:
        types = self.type if isinstance(self.type, tuple) else (self.type,)
        return " or ".join(t.__name__ for t in types)

    def accepts(self, value: Any) -> bool:
        types = self.type if isinstance(self.type, tuple) else (self.type,)
        if isinstance(value, bool):
            return bool in types
        if isinstance(value, int) and float in types:
            return True
        return isinstance(value, types)

    def coerce(self, value: Any) -> Any:
        """The value as the declared type reads it (an int given for a float becomes a float)."""
        if self.type is float and isinstance(value, int):
            return float(value)
        return value


@dataclass(frozen=True, slots=True)
class CheckSpec:
    """What a check declares about itself, next to its code."""

    code: str
    name: str
    category: str  # MQM path, e.g. "accuracy/mistranslation"
    severity: Severity
    doc: str
    languages: frozenset[str] | None = None  # target languages it applies to; None: all
    source_languages: frozenset[str] | None = None
    status: str = "stable"  # or "preview" / "opt-in": only runs when selected explicitly
    scope: str = "pair"  # "pair": sees one pair (and its neighbours); "corpus": sees all pairs
    supersedes: frozenset[str] = frozenset()  # codes whose flags on the same pair this one makes redundant
    requires: str | None = None  # an optional extra it needs ("semantic"); selecting it without one is an error
    options: tuple[Option, ...] = ()  # the settings it reads (``ctx.options(code).NAME``)
    lang_scope: str = "all"  # the languages it applies to, in language-profile terms (registry.LANG_SCOPES)

    def applies(self, source_lang: str | None, target_lang: str | None) -> bool:
        if self.languages is not None and base_lang(target_lang) not in self.languages:
            return False
        if self.source_languages is not None and base_lang(source_lang) not in self.source_languages:
            return False
        return True


@dataclass(frozen=True, slots=True)
class Finding:
    """What a check yields: a message and spans; the engine turns it into a Flag."""

    message: str
    spans: tuple[Span, ...] = ()
    severity: Severity | None = None  # None: the check's default (or the configured one)
    data: Mapping[str, Any] | None = None


def hit(
    message: str,
    target: "tuple[int, int] | list[tuple[int, int]] | None" = None,
    source: "tuple[int, int] | list[tuple[int, int]] | None" = None,
    severity: "Severity | str | None" = None,
    data: Mapping[str, Any] | None = None,
    primary: str | None = None,
) -> Finding:
    """Build a Finding. Target spans come first (the primary span) unless ``primary='source'``."""

    def spans_of(side: str, value) -> list[Span]:
        if value is None:
            return []
        if isinstance(value, tuple) and len(value) == 2 and isinstance(value[0], int):
            value = [value]
        return [Span(side, s, e) for s, e in value]

    t, s = spans_of("target", target), spans_of("source", source)
    spans = s + t if primary == "source" else t + s
    sev = Severity.parse(severity) if severity is not None else None
    return Finding(message, tuple(spans), sev, data)


def base_lang(lang: str | None) -> str | None:
    """'pt-BR' -> 'pt', 'zh_Hans' -> 'zh'; None stays None."""
    if not lang:
        return None
    try:
        return _BASE_LANG[lang]
    except KeyError:
        base = _BASE_LANG[lang] = lang.replace("_", "-").split("-")[0].lower()
        if len(_BASE_LANG) > 4096:  # tags come from files: keep the cache bounded
            _BASE_LANG.clear()
        return base


_BASE_LANG: dict[str, str] = {}


def normalize_for_fingerprint(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


@dataclass(frozen=True, slots=True)
class Flag:
    """A problem found on a pair: code, category, severity, message and exact spans.

    ``spans[0]`` is the primary span; the rest are related spans (often on the other side).
    """

    pair_id: str
    code: str
    name: str
    severity: Severity
    category: str
    message: str
    spans: tuple[Span, ...]
    fingerprint: str
    data: Mapping[str, Any] | None = None

    @property
    def primary(self) -> Span | None:
        return self.spans[0] if self.spans else None

    @property
    def related(self) -> tuple[Span, ...]:
        return self.spans[1:]

    def sort_key(self) -> tuple:
        p = self.primary
        return (
            0 if p is None or p.side == "target" else 1,
            p.start if p else -1,
            p.end if p else -1,
            self.code,
            self.message,
        )


def fingerprint(code: str, pair: Pair, spans: tuple[Span, ...], norm: list | None = None) -> str:
    """Stable identity of a flag: survives re-running and re-segmenting (no ids, no offsets).

    ``norm``: an empty list the caller keeps per pair; the normalised texts, and the hash state after
    a code and both texts, are cached in it, so several flags on one pair hash its texts once per
    check code instead of once per flag (10,000 tags on one segment: 10,000 hashes of the whole
    segment otherwise). The result is the same either way.
    """
    if norm:
        src, tgt, bases = norm
    else:
        src = normalize_for_fingerprint(pair.source).encode()
        tgt = normalize_for_fingerprint(pair.target or "").encode()
        bases = {}
        if norm is not None:
            norm[:] = (src, tgt, bases)
    base = bases.get(code)
    if base is None:
        base = bases[code] = hashlib.blake2b(digest_size=10)
        base.update(code.encode())
        base.update(b"\x00" + src)
        base.update(b"\x00" + tgt)
    h = base.copy()
    for sp in spans:
        h.update(b"\x00" + sp.side.encode() + b"\x01" + pair.text(sp.side)[sp.start:sp.end].encode())
    return h.hexdigest()


@dataclass(frozen=True, slots=True)
class PairResult:
    """One pair with its flags (sorted) and its scores."""

    pair: Pair
    flags: tuple[Flag, ...]
    scores: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class AuditResult:
    """Everything an audit produced, and how it was made."""

    segments: tuple[PairResult, ...]
    source_lang: str | None
    target_lang: str | None
    signature: str
    settings: Mapping[str, Any]
    scores: Mapping[str, Any] = field(default_factory=dict)
    metrics: Mapping[str, Any] = field(default_factory=dict)
    signature_fields: Any = None  # the pipeline's Signature (a frozen dataclass) that ``signature`` renders

    @property
    def flags(self) -> list[Flag]:
        return [f for seg in self.segments for f in seg.flags]

    @property
    def pairs(self) -> list[Pair]:
        return [seg.pair for seg in self.segments]

    def worst_severity(self) -> Severity | None:
        worst = None
        for f in self.flags:
            if worst is None or f.severity > worst:
                worst = f.severity
        return worst
