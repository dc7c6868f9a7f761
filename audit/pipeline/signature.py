"""How a result was made, as a frozen ``Signature``: the version, the checks with their severities
and options, the languages, the input's hash, the versions and hashes of the data that changes
results (CLDR, wordfreq and the languages it knows, py3langid, the sentencepiece model, the
glossaries) and the review decisions applied.

``Signature.render()`` is the one-line ``signature`` string of every report
(``transaudit:VERSION|checks:N#HASH|src:L|tgt:L|input:HASH|data:HASH[|decisions:HASH#N]``);
``Signature.to_dict()`` is the ``signature_fields`` object of the JSON contract.
"""
from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass
from functools import lru_cache
from importlib import metadata
from typing import Any, Sequence

from audit.checks.context import CheckOptions
from audit.checks.registry import Check
from audit.core.config import Config
from audit.core.version import __version__


def file_digest(paths: Sequence[str]) -> str:
    """The first 12 hex digits of the SHA-256 of the files' contents, in order."""
    h = hashlib.sha256()
    for p in paths:
        with open(p, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                h.update(block)
    return h.hexdigest()[:12]


def _short(text: str, n: int = 12) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:n]


def _version(dist: str) -> str | None:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:  # not installed: the checks that need it say so
        return None


@dataclass(frozen=True)
class CheckSetting:
    """One check as it ran: its code, severity and options (as sorted JSON)."""

    code: str
    severity: str
    options: str


@dataclass(frozen=True)
class DataVersions:
    """The versions and hashes of the data that changes results."""

    cldr: str
    wordfreq: str | None
    wordfreq_languages: str  # count and hash of ``audit.lang.lexicon.known_languages()``
    py3langid: str | None
    sentencepiece_model: str | None  # hash of audit/lang/subword.py's MODEL_PATH
    glossaries: str | None  # hash of the glossary files' contents

    def digest(self) -> str:
        return _short(json.dumps(asdict(self), sort_keys=True), 10)


@dataclass(frozen=True)
class DecisionsUsed:
    """The review decisions database an audit applied."""

    path_hash: str  # of its absolute path
    decisions: int  # flag and segment decisions it holds
    applied: int  # flags left out (dismissed) and post-edited targets audited
    stale: int  # flag decisions whose fingerprint matches no flag of the audit


@dataclass(frozen=True)
class Signature:
    """How a result was made."""

    version: str
    checks: tuple[CheckSetting, ...]
    source_lang: str | None
    target_lang: str | None
    input_hash: str | None
    data: DataVersions
    decisions: DecisionsUsed | None = None

    def checks_hash(self) -> str:
        h = hashlib.sha256()
        for c in self.checks:
            h.update(f"{c.code}:{c.severity}:{c.options};".encode())
        return h.hexdigest()[:10]

    def render(self) -> str:
        parts = [
            f"transaudit:{self.version}",
            f"checks:{len(self.checks)}#{self.checks_hash()}",
            f"src:{self.source_lang or 'und'}",
            f"tgt:{self.target_lang or 'und'}",
        ]
        if self.input_hash:
            parts.append(f"input:{self.input_hash}")
        parts.append(f"data:{self.data.digest()}")
        if self.decisions is not None:
            parts.append(f"decisions:{self.decisions.path_hash}#{self.decisions.applied}")
        return "|".join(parts)

    def __str__(self) -> str:
        return self.render()

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["checks"] = [{"code": c.code, "severity": c.severity, "options": json.loads(c.options)} for c in self.checks]
        d["checks_hash"] = self.checks_hash()
        return d


@lru_cache(maxsize=None)
def _installed_data() -> tuple:
    """The data versions that do not depend on the configuration (read once per process)."""
    from audit.lang import cldr, lexicon, subword

    langs = sorted(lexicon.known_languages())
    model = file_digest([subword.MODEL_PATH]) if os.path.isfile(subword.MODEL_PATH) else None
    return (cldr.signature(), _version("wordfreq"), f"{len(langs)}#{_short(','.join(langs), 10)}",
            _version("py3langid"), model)


def data_versions(config: Config) -> DataVersions:
    glossaries = file_digest(list(config.glossary)) if config.glossary else None
    return DataVersions(*_installed_data(), glossaries)


def check_settings(checks: Sequence[Check], config: Config) -> tuple[CheckSetting, ...]:
    out = []
    resolved = CheckOptions(config.options)  # every declared option: configured, else its default
    for c in sorted(checks, key=lambda c: c.code):
        sev = config.severity.get(c.code, c.spec.severity)
        rule = getattr(c.fn, "rule", None)  # a custom rule: its definition stands for its options
        opts = json.dumps(rule.to_dict() if rule is not None else dict(resolved.of(c.code)), sort_keys=True,
                          default=repr)
        out.append(CheckSetting(c.code, sev.label, opts))
    return tuple(out)


def make_signature(checks: Sequence[Check], config: Config, src_lang: str | None, tgt_lang: str | None,
                   input_hash: str | None, decisions: DecisionsUsed | None = None) -> Signature:
    return Signature(__version__, check_settings(checks, config), src_lang, tgt_lang, input_hash,
                     data_versions(config), decisions)
