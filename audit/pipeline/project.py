"""Audits of several files at once (``check DIR``, ``check 'po/*.po'``, ``check --each a.po b.po``):
each file is its own input (its own languages, its own corpus checks), audited by its own ``Audit``;
the report holds every file's segments in order, a summary per file and the total.

``open_file_audit`` is the one way the CLI opens an input (one file, a text pair, or standard
input): ``Audit`` over the input's pairs, kept or left out by unit state (``audit.inputs.states``),
named ``<stdin>`` for standard input. ``Project`` opens every file first (``prepare``: a bad file
stops the run before anything is written), pairs each PO file with its template, then runs
(``run``: an ``AuditResult`` with ``files``) or streams (``stream``: an ``AuditStream`` with
``files``, filled as it goes).

Templates (``.pot`` files with no translation) are not audited: a PO file translated from one
(``audit.inputs.discover.template_for``) reports the template's msgids that it lacks as
``missing`` (coverage); a template no PO file comes from is listed with a note.

The total's scores are the corpus scores of all segments together (the sums of the per-segment
statistics, as for one file); its languages are the files' when they all agree, else None; its
input hash covers every file in order.
"""
from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from audit.core.config import Config
from audit.core.errors import AuditError, InputError
from audit.core.model import AuditResult, PairResult, Severity
from audit.inputs.discover import (
    STDIN,
    STDIN_NAME,
    bilingual_by_extension,
    is_template,
    template_for,
)
from audit.inputs.states import FilteredPairs, StateCounts, UnitFilter, survey
from audit.pipeline.engine import Audit, open_audit_input, resolve_checks
from audit.pipeline.signature import make_signature
from audit.pipeline.stream import AuditStream
from audit.scores.penalty import SegmentStats, corpus_scores


@dataclass(frozen=True, slots=True)
class ProjectResult(AuditResult):
    """An ``AuditResult`` of several files: ``files`` holds one ``FileSummary`` per input file."""

    files: tuple = ()


def open_file_audit(paths: Sequence[str], config: Config, *, read_as: str | None = None,
                    input_format: str | None = None, source_lang: str | None = None,
                    target_lang: str | None = None, references: Sequence[str] | None = None,
                    metrics: Sequence[str] | None = None, align: bool = False, presegmented: bool = False,
                    unit_filter: UnitFilter | None = None, jobs: int | None = None, decisions=None,
                    keep_dismissed: bool = False) -> tuple[Audit, FilteredPairs]:
    """The audit of one input (``paths``: one file or a text pair), and its filtered pairs (their
    ``counts`` say what was left out once the audit has read them). ``read_as``: the file to read
    when ``paths`` is standard input (its spooled copy)."""
    from audit.inputs.stdin import Renamed, renamed_error

    stdin = read_as is not None
    real = [read_as] if stdin else list(paths)
    try:
        pairs, src, tgt, digest = open_audit_input(real, input_format, source_lang, target_lang, config,
                                                   references, align, presegmented)
    except AuditError as exc:
        raise (renamed_error(exc, read_as) if stdin else exc) from None
    if stdin:
        pairs = Renamed(pairs, read_as, STDIN_NAME)
    filtered = FilteredPairs(pairs, unit_filter or UnitFilter())
    audit = Audit(filtered, config, source_lang=src, target_lang=tgt, input_hash=digest, jobs=jobs,
                  metrics=metrics, decisions=decisions, keep_dismissed=keep_dismissed)
    return audit, filtered


@dataclass
class FileSummary:
    """One input file of a project run, as the reports show it."""

    name: str
    format: str | None
    role: str = "catalog"  # or "template" (a POT without translations: not audited)
    source_lang: str | None = None
    target_lang: str | None = None
    segments: int = 0
    flagged: int = 0
    flags: int = 0
    by_severity: dict[str, int] = field(default_factory=lambda: {s.label: 0 for s in Severity})
    scores: dict[str, Any] = field(default_factory=dict)
    units: dict[str, int] = field(default_factory=dict)  # units seen, by state
    skipped: dict[str, int] = field(default_factory=dict)  # units left out, by state
    template: str | None = None  # the POT this PO is translated from
    template_units: int | None = None  # msgids of the template (for a template: its own)
    missing: int | None = None  # msgids of the template that this file lacks
    missing_ids: tuple[str, ...] = ()  # those msgids (``msgctxt|msgid``), sorted
    extra: int | None = None  # msgids of this file that the template no longer has (msgmerge would obsolete them)
    passed: int = 0
    clean: int = 0
    note: str | None = None

    def add(self, seg: PairResult) -> None:
        self.segments += 1
        worst = 0
        for f in seg.flags:
            self.by_severity[f.severity.label] += 1
            worst = max(worst, int(f.severity))
        if seg.flags:
            self.flagged += 1
            self.flags += len(seg.flags)
        self.passed += worst < Severity.MAJOR
        self.clean += not seg.flags

    def stats(self) -> SegmentStats:
        words = int(self.scores.get("words") or 0)
        sev = tuple(self.by_severity[s.label] for s in Severity)
        return SegmentStats(self.segments, words, sev, self.passed, self.clean, 0)

    def to_dict(self) -> dict[str, Any]:
        d = {"file": self.name, "format": self.format, "role": self.role, "source_lang": self.source_lang,
             "target_lang": self.target_lang, "segments": self.segments, "flagged_segments": self.flagged,
             "flags": self.flags, "by_severity": dict(self.by_severity), "scores": dict(self.scores),
             "units": dict(sorted(self.units.items())), "skipped": dict(sorted(self.skipped.items()))}
        if self.template is not None or self.role == "template":
            d["template"] = {"file": self.template, "msgids": self.template_units, "missing": self.missing,
                             "missing_ids": list(self.missing_ids), "extra": self.extra}
        if self.note:
            d["note"] = self.note
        return d


@dataclass
class _Prepared:
    summary: FileSummary
    audit: Audit | None = None
    filtered: FilteredPairs | None = None
    keys: set[str] = field(default_factory=set)
    digest: str = ""
    kept: int = 0  # units the filter keeps


def _combined(values) -> str | None:
    got = {v for v in values if v}
    return got.pop() if len(got) == 1 else None


class Project:
    """Several input files audited one by one; see the module docstring."""

    def __init__(self, files: Sequence[str], config: Config, *, input_format: str | None = None,
                 source_lang: str | None = None, target_lang: str | None = None,
                 unit_filter: UnitFilter | None = None, jobs: int | None = None,
                 stdin_path: str | None = None, stdin_format: str | None = None) -> None:
        self.files = list(files)
        self.config = config
        self.input_format = input_format
        self.source_lang = source_lang
        self.target_lang = target_lang
        self.unit_filter = unit_filter or UnitFilter()
        self.jobs = jobs
        self.stdin_path = stdin_path
        self.stdin_format = stdin_format
        self.prepared: list[_Prepared] = []
        # msgids are kept (for coverage) only when a template is among the inputs
        self._templates = any(f != STDIN and is_template(f) for f in self.files)

    def _open(self, path: str) -> _Prepared:
        name = STDIN_NAME if path == STDIN else path
        # ``input_format`` is for standard input and for files whose extension does not say
        fmt = self.stdin_format if path == STDIN else (None if bilingual_by_extension(path) else self.input_format)
        audit, filtered = open_file_audit([path], self.config, read_as=self.stdin_path if path == STDIN else None,
                                          input_format=fmt, source_lang=self.source_lang,
                                          target_lang=self.target_lang, unit_filter=self.unit_filter, jobs=self.jobs)
        # one pass now: any input error stops the run before anything is written
        counts, keys, translated = survey(filtered._pairs, self._templates or is_template(name))
        keeps = self.unit_filter.keeps
        skipped = {s: n for s, n in counts.seen.items() if not keeps(s)}
        summary = FileSummary(name, getattr(filtered, "format", None), source_lang=audit.source_lang,
                              target_lang=audit.target_lang, units=dict(counts.seen), skipped=skipped)
        kept = sum(counts.seen.values()) - sum(skipped.values())
        if is_template(name) and not translated:
            summary.role, summary.template_units = "template", len(keys)
            return _Prepared(summary, keys=keys)
        if not kept:
            summary.note = "no translation units" + (" left" if counts.seen else "")
        return _Prepared(summary, audit, filtered, keys, audit.input_hash or "", kept)

    def prepare(self) -> Project:
        """Open and read every file once (errors first), pair PO files with their templates."""
        self.prepared = [self._open(p) for p in self.files]
        templates = {p.summary.name: p for p in self.prepared if p.summary.role == "template"}
        used: set[str] = set()
        for p in self.prepared:
            s = p.summary
            if s.role != "catalog" or s.format != "po" or s.name == STDIN_NAME:
                continue
            pot = template_for(s.name, sorted(templates))
            if pot is not None:
                used.add(pot)
                s.template, s.template_units = pot, len(templates[pot].keys)
                missing = templates[pot].keys - p.keys
                s.missing, s.missing_ids = len(missing), tuple(sorted(missing))
                s.extra = len(p.keys - templates[pot].keys)
        for p in self.prepared:
            p.keys = set()  # counted: the msgids are not needed any more
        for name, t in templates.items():
            t.summary.note = ("template, not audited" if name in used
                              else "template, not audited: no PO file translated from it among the inputs")
        if not any(p.kept for p in self.prepared):
            raise InputError(f"no translation units found in {len(self.prepared)} file(s)"
                             + (f" ({self.unit_filter.describe()})" if not self.unit_filter.is_default else ""))
        return self

    @property
    def audited(self) -> list[_Prepared]:
        return [p for p in self.prepared if p.audit is not None and p.kept]

    @property
    def total_segments(self) -> int:
        return sum(p.kept for p in self.audited)

    def _head(self) -> tuple:
        """(source, target languages, signature, settings) of the total."""
        first = next((p.audit for p in self.prepared if p.audit is not None), None)
        checks = first.checks if first is not None else resolve_checks(self.config)
        src = _combined(p.summary.source_lang for p in self.prepared if p.audit is not None)
        tgt = _combined(p.summary.target_lang for p in self.prepared if p.audit is not None)
        h = hashlib.sha256("|".join(p.digest for p in self.prepared if p.audit is not None).encode())
        signature = make_signature(checks, self.config, src, tgt, h.hexdigest()[:12])
        settings = {"checks": [c.code for c in checks], **self.config.to_dict(),
                    "inputs": [p.summary.name for p in self.prepared]}
        if not self.unit_filter.is_default:
            settings["unit_selection"] = unit_settings(self.unit_filter)
        return src, tgt, signature, settings

    def total_scores(self) -> dict:
        total = SegmentStats()
        for p in self.prepared:
            total = total + p.summary.stats()
        return corpus_scores(total, self.config.weights)

    def run(self, on_checked: Callable[[int], None] | None = None,
            audit_file: Callable[[_Prepared], AuditResult] | None = None) -> ProjectResult:
        """``audit_file(prepared, on_checked)``: one file's ``AuditResult`` (default: its ``Audit.run``;
        ``check --executor`` passes ``executors.audit_project``'s partitioned run)."""
        segments: list[PairResult] = []
        for p in self.audited:
            base = len(segments)
            step = (lambda n, total=None, base=base: on_checked(base + n)) if on_checked is not None else None
            result = p.audit.run(step) if audit_file is None else audit_file(p, step)
            p.summary.scores = dict(result.scores)
            for seg in result.segments:
                p.summary.add(seg)
            segments.extend(result.segments)
        src, tgt, signature, settings = self._head()
        return ProjectResult(tuple(segments), src, tgt, signature.render(), settings, scores=self.total_scores(),
                             metrics={}, signature_fields=signature,
                             files=tuple(p.summary for p in self.prepared))

    def stream(self) -> AuditStream:
        src, tgt, signature, settings = self._head()

        def segments():
            for p in self.audited:
                st = p.audit.stream()
                for seg in st.segments:
                    p.summary.add(seg)
                    yield seg
                p.summary.scores = dict(st.scores)
            out.scores = self.total_scores()

        out = AuditStream(segments(), src, tgt, signature, settings, self.config)
        out.total = self.total_segments
        out.files = tuple(p.summary for p in self.prepared)
        return out


def unit_settings(unit_filter: UnitFilter) -> dict:
    return {"skip": sorted(unit_filter.skip), "only": sorted(unit_filter.only) if unit_filter.only else None}


def with_unit_settings(result, unit_filter: UnitFilter):
    """A single input's result with the unit selection in its settings (when not the default)."""
    if unit_filter.is_default:
        return result
    if isinstance(result, AuditStream):
        result.settings = {**result.settings, "unit_selection": unit_settings(unit_filter)}
        return result
    return replace(result, settings={**result.settings, "unit_selection": unit_settings(unit_filter)})


__all__ = ["FileSummary", "Project", "ProjectResult", "StateCounts", "open_file_audit", "with_unit_settings"]
